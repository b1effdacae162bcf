// The local credential store: the secrets behind a project's credentials
// (passwords, tokens, client secrets, API keys), kept in SQLite and
// encrypted at rest with AES-256-GCM.
//
// Values are stored by owner (a Named Credential, External Credential or
// Auth Provider name), principal ("" for the named principal, else a
// principal or user name) and key (`password`, `accessToken`, ...). The
// encryption key lives outside the project: APEXRUN_STORE_KEY, or the 0600
// key file `$XDG_CONFIG_HOME/apexrun/store.key` (default `~/.config`). A store
// whose key is missing or wrong is refused and never overwritten, and so is
// a key file other users may read. A process that opens a store writes no
// core dump (PR_SET_DUMPABLE 0, RLIMIT_CORE 0).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;

namespace apex::runtime {

// `--store PATH`, else APEXRUN_STORE, else `<project root>/.apexrun/credentials.db`;
// nullopt outside a project with neither set.
std::optional<std::filesystem::path> storePath(const std::string& flag, const std::filesystem::path* projectRoot);

// Thrown by get, getAll and list when the store cannot be read or a stored
// value does not decrypt (a damaged or tampered store): never mistaken for
// a value that is not there. The message holds no secret.
class CredentialStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoreEntry {
  std::string owner;
  std::string principal;
  std::vector<std::string> keys;      // the keys set, never their values
  std::optional<long long> expiresAt;  // accessToken expiry, epoch seconds, when known
};

class CredentialStore {
 public:
  enum class Mode { ReadOnly, CreateIfMissing };

  // Opens the store at `file`. CreateIfMissing makes the file (0600), its
  // folder and, when none exists, the key file. ReadOnly creates nothing and
  // refuses writes. The error says what is wrong and what to do.
  static std::variant<std::unique_ptr<CredentialStore>, std::string> open(const std::filesystem::path& file, Mode mode);
  ~CredentialStore();
  CredentialStore(const CredentialStore&) = delete;
  CredentialStore& operator=(const CredentialStore&) = delete;

  const std::filesystem::path& file() const { return file_; }

  // Owners compare case-insensitively (ASCII); principals and keys exactly.
  // nullopt when the value is not there; CredentialStoreError when it
  // cannot be read.
  std::optional<std::string> get(std::string_view owner, std::string_view principal, std::string_view key) const;
  std::map<std::string, std::string> getAll(std::string_view owner, std::string_view principal) const;

  // Sets several keys in one transaction; an empty value deletes the key.
  // The error text, or nullopt.
  std::optional<std::string> set(std::string_view owner, std::string_view principal,
                                 const std::map<std::string, std::string>& values);
  // Deletes an owner's values (one principal, or all when `principal` is null).
  std::optional<std::string> remove(std::string_view owner, const std::string* principal);
  std::vector<StoreEntry> list() const;

  // Token refresh across processes: in one transaction, writes `values`
  // only if `key` still holds `expected` (the refresh token the refresh
  // started from; "" matches a key that is not set). `*replaced` tells
  // whether it did.
  std::optional<std::string> compareAndSet(std::string_view owner, std::string_view principal, std::string_view key,
                                           std::string_view expected, const std::map<std::string, std::string>& values,
                                           bool* replaced);

  // A warning when the store sits in a git work tree without being ignored.
  std::optional<std::string> gitWarning() const;
  // What open() found wrong but not fatal (a store file other users may
  // read or write), for the command to print.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  CredentialStore(std::filesystem::path file, sqlite3* db, std::string key, bool readOnly);

  std::optional<std::string> writable() const;
  std::optional<std::string> writeValues(std::string_view owner, std::string_view principal,
                                         const std::map<std::string, std::string>& values);
  std::string decryptRow(std::string_view owner, std::string_view principal, std::string_view key,
                         const std::string& blob) const;

  std::filesystem::path file_;
  sqlite3* db_;
  std::string key_;  // 32 bytes
  bool readOnly_ = false;
  std::vector<std::string> warnings_;
};

}  // namespace apex::runtime
