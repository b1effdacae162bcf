// The credential store: SQLite (C API) holding AES-256-GCM encrypted values.
//
// Layout (schema version 1, PRAGMA user_version):
//   secrets(owner COLLATE NOCASE, principal, key, value BLOB, updated_at,
//           PRIMARY KEY(owner, principal, key))
//   meta(key PRIMARY KEY, value BLOB)   -- 'keycheck': a known text encrypted
//                                          with the store key
// A value is nonce(12) || ciphertext || tag(16); its additional data binds
// it to (lower-cased owner, principal, key), so a value copied to another
// row does not decrypt.
//
// Opening an existing store only reads it until the key is known to be
// right: a store whose key is missing or wrong, a newer schema, or a file
// that is not SQLite is refused and left as it was.
#include "runtime/credentials/credential_store.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <functional>
#include <iterator>
#include <utility>

#include "base/hex.h"
#include "base/text.h"

extern char** environ;

namespace apex::runtime {

namespace fs = std::filesystem;

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr size_t kKeyBytes = 32;
constexpr size_t kNonceBytes = 12;
constexpr size_t kTagBytes = 16;
constexpr const char* kKeyEnv = "APEXRUN_STORE_KEY";
constexpr std::string_view kKeyCheckText = "apexrun credential store key check";
constexpr std::string_view kKeyCheckAad = "apexrun/keycheck/v1";

// ---------------------------------------------------------------- helpers

std::string errnoText(int err) { return std::strerror(err); }

void wipe(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}

// 64 hex digits to 32 bytes; nullopt for anything else.
std::optional<std::string> parseHexKey(std::string_view text) {
  if (text.size() != kKeyBytes * 2) return std::nullopt;
  return hex::decode(text);
}

// Creates `dir` and any missing parents with mode 0700.
std::optional<std::string> makeDirs(const fs::path& dir) {
  if (dir.empty()) return std::nullopt;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return std::nullopt;
  if (dir.has_parent_path() && dir.parent_path() != dir)
    if (auto error = makeDirs(dir.parent_path())) return error;
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return "cannot create the folder " + dir.string() + ": " + errnoText(errno);
  if (!fs::is_directory(dir, ec)) return dir.string() + " is not a folder";
  return std::nullopt;
}

// ---------------------------------------------------------------- crypto

std::string secretAad(std::string_view owner, std::string_view principal, std::string_view key) {
  std::string aad = "apexrun/secret/v1";
  auto part = [&aad](std::string_view s) {
    uint32_t n = static_cast<uint32_t>(s.size());
    for (int shift = 24; shift >= 0; shift -= 8) aad += static_cast<char>((n >> shift) & 0xff);
    aad.append(s);
  };
  part(text::foldCase(owner));
  part(principal);
  part(key);
  return aad;
}

struct CipherCtx {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  ~CipherCtx() { EVP_CIPHER_CTX_free(ctx); }
};

// nonce || ciphertext || tag; nullopt if OpenSSL fails.
std::optional<std::string> encrypt(const std::string& key, std::string_view plain, std::string_view aad) {
  std::string out(kNonceBytes + plain.size() + kTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  if (RAND_bytes(bytes, kNonceBytes) != 1) return std::nullopt;
  CipherCtx c;
  int len = 0;
  if (!c.ctx || EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) != 1 ||
      EVP_EncryptInit_ex(c.ctx, nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.data()), bytes) != 1 ||
      EVP_EncryptUpdate(c.ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                        static_cast<int>(aad.size())) != 1)
    return std::nullopt;
  if (!plain.empty() && EVP_EncryptUpdate(c.ctx, bytes + kNonceBytes, &len,
                                          reinterpret_cast<const unsigned char*>(plain.data()),
                                          static_cast<int>(plain.size())) != 1)
    return std::nullopt;
  if (EVP_EncryptFinal_ex(c.ctx, bytes + kNonceBytes + plain.size(), &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, kTagBytes, bytes + kNonceBytes + plain.size()) != 1)
    return std::nullopt;
  return out;
}

// The plain text, or nullopt when the blob does not authenticate.
std::optional<std::string> decrypt(const std::string& key, std::string_view blob, std::string_view aad) {
  if (blob.size() < kNonceBytes + kTagBytes) return std::nullopt;
  size_t n = blob.size() - kNonceBytes - kTagBytes;
  const auto* bytes = reinterpret_cast<const unsigned char*>(blob.data());
  std::string plain(n, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  CipherCtx c;
  int len = 0;
  unsigned char tag[kTagBytes];
  std::memcpy(tag, bytes + kNonceBytes + n, kTagBytes);
  bool ok = c.ctx && EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
            EVP_DecryptInit_ex(c.ctx, nullptr, nullptr, reinterpret_cast<const unsigned char*>(key.data()), bytes) ==
                1 &&
            EVP_DecryptUpdate(c.ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                              static_cast<int>(aad.size())) == 1 &&
            (n == 0 || EVP_DecryptUpdate(c.ctx, out, &len, bytes + kNonceBytes, static_cast<int>(n)) == 1) &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, kTagBytes, tag) == 1 &&
            EVP_DecryptFinal_ex(c.ctx, out + n, &len) == 1;
  if (!ok) {
    wipe(plain);
    return std::nullopt;
  }
  return plain;
}

// ---------------------------------------------------------------- the key

struct KeySource {
  std::optional<std::string> key;  // 32 bytes, when found
  bool fromEnv = false;
  fs::path keyFile;  // when not from the environment

  std::string describe() const { return fromEnv ? std::string(kKeyEnv) : keyFile.string(); }
};

// The permission bits (`0644`) of a file that users other than its owner
// may read or write; nullopt for a file only its owner can.
std::optional<std::string> openToOthers(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || (st.st_mode & 077) == 0) return std::nullopt;
  char mode[8];
  std::snprintf(mode, sizeof mode, "%04o", unsigned(st.st_mode & 07777));
  return std::string(mode);
}

// A process that holds the store key and decrypted secrets writes no core
// dump and cannot be read by another process of the user (ptrace,
// /proc/PID/mem): set once, before the key is read.
void keepMemoryPrivate() {
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  rlimit none{0, 0};
  ::setrlimit(RLIMIT_CORE, &none);
}

std::variant<fs::path, std::string> keyFilePath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg == '/') return fs::path(xdg) / "apexrun" / "store.key";
  const char* home = std::getenv("HOME");
  if (home && *home) return fs::path(home) / ".config" / "apexrun" / "store.key";
  return std::string("cannot find the credential store key: set ") + kKeyEnv +
         ", or HOME or XDG_CONFIG_HOME for the key file";
}

std::variant<KeySource, std::string> findKey() {
  KeySource source;
  if (const char* env = std::getenv(kKeyEnv)) {
    source.fromEnv = true;
    source.key = parseHexKey(env);
    if (!source.key)
      return std::string(kKeyEnv) + " is not a store key: it must be 64 hexadecimal characters (32 bytes); it has " +
             std::to_string(std::strlen(env)) + " characters";
    return source;
  }
  auto path = keyFilePath();
  if (auto* error = std::get_if<std::string>(&path)) return *error;
  source.keyFile = std::get<fs::path>(path);
  std::error_code ec;
  if (!fs::exists(source.keyFile, ec)) return source;
  // As OpenSSH refuses a private key others can read: the key is the store.
  if (auto mode = openToOthers(source.keyFile))
    return "the credential store key " + source.keyFile.string() + " can be read or written by other users (mode " +
           *mode + "): run chmod 600 " + source.keyFile.string();
  std::ifstream in(source.keyFile, std::ios::binary);
  if (!in) return "cannot read the credential store key " + source.keyFile.string() + ": " + errnoText(errno);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  source.key = parseHexKey(text);
  wipe(text);
  if (!source.key)
    return "the credential store key " + source.keyFile.string() +
           " is not a store key: it must hold 64 hexadecimal characters";
  return source;
}

// Writes a new random key to the key file (0600, folder 0700). Another
// process may create it at the same time: the first one wins, and the
// others read its key.
std::optional<std::string> createKeyFile(KeySource& source) {
  const fs::path& file = source.keyFile;
  if (auto error = makeDirs(file.parent_path())) return "cannot create the credential store key: " + *error;
  std::string key(kKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), kKeyBytes) != 1)
    return "cannot create the credential store key: no random bytes from OpenSSL";
  std::string text = hex::encode(key) + "\n";
  fs::path tmp = file;
  tmp += ".tmp-" + std::to_string(::getpid());
  auto writeTo = [&text](const fs::path& path) -> int {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return errno;
    const char* p = text.data();
    size_t left = text.size();
    while (left > 0) {
      ssize_t n = ::write(fd, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        int err = n < 0 ? errno : EIO;
        ::close(fd);
        ::unlink(path.c_str());
        return err;
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    int err = ::fsync(fd) == 0 ? 0 : errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err != 0) ::unlink(path.c_str());
    return err;
  };
  ::unlink(tmp.c_str());
  int err = writeTo(tmp);
  if (err == 0) {
    // link() publishes the complete file, and fails if one is already there.
    if (::link(tmp.c_str(), file.c_str()) != 0) err = errno;
    ::unlink(tmp.c_str());
    if (err != 0 && err != EEXIST) err = writeTo(file);  // a file system without hard links
  }
  wipe(text);
  if (err == EEXIST) {
    wipe(key);
    auto again = findKey();
    if (auto* error = std::get_if<std::string>(&again)) return *error;
    source = std::get<KeySource>(std::move(again));
    if (!source.key) return "cannot read the credential store key " + file.string();
    return std::nullopt;
  }
  if (err != 0) {
    wipe(key);
    return "cannot create the credential store key " + file.string() + ": " + errnoText(err);
  }
  source.key = std::move(key);
  return std::nullopt;
}

// ---------------------------------------------------------------- SQLite

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  bool ok() const { return rc_ == SQLITE_OK && stmt_; }
  int rc() const { return rc_; }
  Stmt& text(int i, std::string_view s) {
    if (ok()) rc_ = sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& blob(int i, std::string_view s) {
    if (ok()) rc_ = sqlite3_bind_blob(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& integer(int i, long long v) {
    if (ok()) rc_ = sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE, or an error code.
  int step() {
    if (!ok()) return rc_ == SQLITE_OK ? SQLITE_ERROR : rc_;
    int rc = sqlite3_step(stmt_);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) rc_ = rc;
    return rc;
  }
  std::string columnText(int i) const {
    const auto* p = sqlite3_column_text(stmt_, i);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, i)) : std::string();
  }
  std::string columnBlob(int i) const {
    const void* p = sqlite3_column_blob(stmt_, i);
    return p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(stmt_, i)) : std::string();
  }
  long long columnInt(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

std::string sqliteError(sqlite3* db, int rc) {
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    return "it is locked by another process (waited " + std::to_string(kBusyTimeoutMs / 1000) + " s)";
  if (rc == SQLITE_READONLY) return "it cannot be written (read-only file or folder)";
  const char* message = db ? sqlite3_errmsg(db) : nullptr;
  return message ? message : sqlite3_errstr(rc);
}

int exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

// BEGIN IMMEDIATE ... COMMIT; rolled back unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { rc_ = exec(db, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (rc_ == SQLITE_OK && !done_) exec(db_, "ROLLBACK");
  }
  int begun() const { return rc_; }
  int commit() {
    int rc = exec(db_, "COMMIT");
    if (rc == SQLITE_OK) done_ = true;
    // A failed COMMIT leaves the transaction open; the destructor rolls back.
    return rc;
  }

 private:
  sqlite3* db_;
  int rc_;
  bool done_ = false;
};

struct Db {
  sqlite3* db = nullptr;
  ~Db() { sqlite3_close_v2(db); }
  sqlite3* release() { return std::exchange(db, nullptr); }
};

// ---------------------------------------------------------------- schema

constexpr const char* kSchemaV1 =
    "CREATE TABLE secrets("
    "  owner TEXT NOT NULL COLLATE NOCASE,"
    "  principal TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  value BLOB NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  PRIMARY KEY(owner, principal, key));"
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL);";

// Migration N takes the schema from version N-1 to N, inside the
// transaction that then sets user_version to N.
using Migration = std::function<std::optional<std::string>(sqlite3*, const std::string& key)>;

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      // 1: the tables, and the key check.
      [](sqlite3* db, const std::string& key) -> std::optional<std::string> {
        if (int rc = exec(db, kSchemaV1); rc != SQLITE_OK) return sqliteError(db, rc);
        auto check = encrypt(key, kKeyCheckText, kKeyCheckAad);
        if (!check) return std::string("cannot encrypt the key check");
        Stmt insert(db, "INSERT INTO meta(key, value) VALUES('keycheck', ?1)");
        if (int rc = insert.blob(1, *check).step(); rc != SQLITE_DONE) return sqliteError(db, rc);
        return std::nullopt;
      },
  };
  return list;
}

int latestVersion() { return static_cast<int>(migrations().size()); }

// user_version, or the SQLite error code as a negative number.
int userVersion(sqlite3* db) {
  Stmt query(db, "PRAGMA user_version");
  int rc = query.step();
  if (rc == SQLITE_ROW) return static_cast<int>(query.columnInt(0));
  return -(rc == SQLITE_OK || rc == SQLITE_DONE ? SQLITE_ERROR : rc);
}

// Whether the database holds any schema object (then it is someone else's).
int schemaObjects(sqlite3* db) {
  Stmt query(db, "SELECT count(*) FROM sqlite_master");
  int rc = query.step();
  if (rc == SQLITE_ROW) return static_cast<int>(query.columnInt(0));
  return -(rc == SQLITE_OK || rc == SQLITE_DONE ? SQLITE_ERROR : rc);
}

// The store as it is on disk, read without writing.
struct Inspection {
  int version = 0;
  std::optional<std::string> error;
};

Inspection inspect(sqlite3* db, const std::string& where) {
  Inspection out;
  int version = userVersion(db);
  if (version < 0) {
    int rc = -version;
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
      out.error = where + " is not a credential store (not a SQLite database); move it away, or pass another --store";
    else
      out.error = where + " cannot be read: " + sqliteError(db, rc);
    return out;
  }
  out.version = version;
  if (version > latestVersion()) {
    out.error = where + " was written by a newer apexrun (schema version " + std::to_string(version) +
                "; this apexrun knows up to " + std::to_string(latestVersion()) + "): upgrade apexrun";
    return out;
  }
  if (version == 0) {
    int objects = schemaObjects(db);
    if (objects < 0)
      out.error = where + " cannot be read: " + sqliteError(db, -objects);
    else if (objects > 0 && userVersion(db) > 0)
      out.version = userVersion(db);  // another process set the store up between the two reads
    else if (objects > 0)
      out.error = where + " is a SQLite database but not a credential store; move it away, or pass another --store";
  }
  return out;
}

// nullopt when the key opens the store; "" when it does not; else an error.
std::optional<std::string> checkKey(sqlite3* db, const std::string& key, const std::string& where) {
  Stmt query(db, "SELECT value FROM meta WHERE key = 'keycheck'");
  int rc = query.step();
  if (rc == SQLITE_DONE || (!query.ok() && rc == SQLITE_ERROR))
    return where + " is damaged: its key check is missing; delete the store to start over";
  if (rc != SQLITE_ROW) return where + " cannot be read: " + sqliteError(db, rc);
  auto plain = decrypt(key, query.columnBlob(0), kKeyCheckAad);
  if (!plain || *plain != kKeyCheckText) return std::string();
  return std::nullopt;
}

std::string missingKeyError(const std::string& where, const KeySource& source) {
  return where + ": its key is missing (expected " + std::string(kKeyEnv) + " or " + source.keyFile.string() +
         "); restore the key, or delete the store to start over";
}

std::string wrongKeyError(const std::string& where, const KeySource& source) {
  return where + ": the key does not match this store (the key from " + source.describe() +
         "); use the key the store was created with, or delete the store to start over";
}

// Brings the schema up to date in one IMMEDIATE transaction. The version is
// read again inside it: another process may have got there first.
std::optional<std::string> migrate(sqlite3* db, const std::string& key, const std::string& where) {
  Transaction tx(db);
  if (tx.begun() != SQLITE_OK) return where + " cannot be set up: " + sqliteError(db, tx.begun());
  Inspection now = inspect(db, where);
  if (now.error) return now.error;
  for (int v = now.version; v < latestVersion(); ++v) {
    if (auto error = migrations()[v](db, key))
      return where + " cannot be upgraded to schema version " + std::to_string(v + 1) + ": " + *error;
  }
  if (now.version < latestVersion()) {
    std::string pragma = "PRAGMA user_version = " + std::to_string(latestVersion());
    if (int rc = exec(db, pragma.c_str()); rc != SQLITE_OK) return where + " cannot be set up: " + sqliteError(db, rc);
  }
  if (int rc = tx.commit(); rc != SQLITE_OK) return where + " cannot be set up: " + sqliteError(db, rc);
  return std::nullopt;
}

std::optional<std::string> openSqlite(const fs::path& file, bool readOnly, Db& db, const std::string& where) {
  int flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int rc = sqlite3_open_v2(file.c_str(), &db.db, flags, nullptr);
  if (rc != SQLITE_OK) return where + " cannot be opened: " + sqliteError(db.db, rc);
  sqlite3_busy_timeout(db.db, kBusyTimeoutMs);
  exec(db.db, "PRAGMA secure_delete = ON");
  return std::nullopt;
}

long long now() { return static_cast<long long>(std::time(nullptr)); }

}  // namespace

// ---------------------------------------------------------------- public

std::optional<fs::path> storePath(const std::string& flag, const fs::path* projectRoot) {
  if (!flag.empty()) return fs::path(flag);
  if (const char* env = std::getenv("APEXRUN_STORE"); env && *env) return fs::path(env);
  if (projectRoot) return *projectRoot / ".apexrun" / "credentials.db";
  return std::nullopt;
}

std::variant<std::unique_ptr<CredentialStore>, std::string> CredentialStore::open(const fs::path& file, Mode mode) {
  const std::string where = "credential store " + file.string();
  const bool readOnly = mode == Mode::ReadOnly;
  struct stat st {};
  bool exists = ::stat(file.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return where + " cannot be opened: " + errnoText(errno);
  if (exists && !S_ISREG(st.st_mode)) return where + " is not a file";
  if (!exists && readOnly) return where + " does not exist: set a credential first (apexrun credential set)";

  keepMemoryPrivate();
  std::vector<std::string> warnings;
  if (auto mode = openToOthers(file))
    warnings.push_back(where + " can be read or written by other users (mode " + *mode + "): run chmod 600 " +
                       file.string());
  auto found = findKey();
  if (auto* error = std::get_if<std::string>(&found)) return where + ": " + *error;
  KeySource source = std::get<KeySource>(std::move(found));

  Db db;
  int version = 0;
  if (exists) {
    // Read only until the key is known to be right.
    if (auto error = openSqlite(file, readOnly, db, where)) return *error;
    Inspection state = inspect(db.db, where);
    if (state.error) return *state.error;
    version = state.version;
    if (state.version > 0) {
      if (!source.key) return missingKeyError(where, source);
      if (auto error = checkKey(db.db, *source.key, where)) {
        if (error->empty()) return wrongKeyError(where, source);
        return *error;
      }
    } else if (readOnly) {
      return where + " holds no credentials yet: set one first (apexrun credential set)";
    }
  }
  if (!source.key) {
    if (auto error = createKeyFile(source)) return where + ": " + *error;
  }
  if (!exists) {
    if (auto error = makeDirs(file.parent_path())) return where + " cannot be created: " + *error;
    int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno != EEXIST) return where + " cannot be created: " + errnoText(errno);
    if (fd >= 0) ::close(fd);
    if (auto error = openSqlite(file, false, db, where)) return *error;
  }
  if (!readOnly && version < latestVersion()) {
    if (auto error = migrate(db.db, *source.key, where)) return *error;
    // Another process may have set the store up with another key meanwhile.
    if (auto error = checkKey(db.db, *source.key, where)) {
      if (error->empty()) return wrongKeyError(where, source);
      return *error;
    }
  }
  auto store = std::unique_ptr<CredentialStore>(new CredentialStore(file, db.release(), std::move(*source.key), readOnly));
  store->warnings_ = std::move(warnings);
  return store;
}

CredentialStore::CredentialStore(fs::path file, sqlite3* db, std::string key, bool readOnly)
    : file_(std::move(file)), db_(db), key_(std::move(key)), readOnly_(readOnly) {}

CredentialStore::~CredentialStore() {
  sqlite3_close_v2(db_);
  wipe(key_);
}

std::optional<std::string> CredentialStore::writable() const {
  if (readOnly_) return "credential store " + file_.string() + " was opened read-only";
  return std::nullopt;
}

std::string CredentialStore::decryptRow(std::string_view owner, std::string_view principal, std::string_view key,
                                        const std::string& blob) const {
  auto plain = decrypt(key_, blob, secretAad(owner, principal, key));
  if (!plain) {
    std::string who(owner);
    if (!principal.empty()) who += " (principal " + std::string(principal) + ")";
    throw CredentialStoreError("credential store " + file_.string() + ": the value of " + std::string(key) + " for " +
                               who + " does not decrypt; the store is damaged or was tampered with");
  }
  return std::move(*plain);
}

std::optional<std::string> CredentialStore::get(std::string_view owner, std::string_view principal,
                                                std::string_view key) const {
  Stmt query(db_, "SELECT value FROM secrets WHERE owner = ?1 AND principal = ?2 AND key = ?3");
  int rc = query.text(1, owner).text(2, principal).text(3, key).step();
  if (rc == SQLITE_DONE) return std::nullopt;
  if (rc != SQLITE_ROW)
    throw CredentialStoreError("credential store " + file_.string() + " cannot be read: " + sqliteError(db_, rc));
  return decryptRow(owner, principal, key, query.columnBlob(0));
}

std::map<std::string, std::string> CredentialStore::getAll(std::string_view owner, std::string_view principal) const {
  std::map<std::string, std::string> out;
  Stmt query(db_, "SELECT key, value FROM secrets WHERE owner = ?1 AND principal = ?2");
  query.text(1, owner).text(2, principal);
  int rc;
  while ((rc = query.step()) == SQLITE_ROW) {
    std::string key = query.columnText(0);
    out[key] = decryptRow(owner, principal, key, query.columnBlob(1));
  }
  if (rc != SQLITE_DONE)
    throw CredentialStoreError("credential store " + file_.string() + " cannot be read: " + sqliteError(db_, rc));
  return out;
}

// Inside a transaction: upserts or deletes each value, and gives every row
// of the owner the spelling last used.
std::optional<std::string> CredentialStore::writeValues(std::string_view owner, std::string_view principal,
                                                        const std::map<std::string, std::string>& values) {
  const long long at = now();
  for (const auto& [key, value] : values) {
    int rc;
    if (value.empty()) {
      Stmt del(db_, "DELETE FROM secrets WHERE owner = ?1 AND principal = ?2 AND key = ?3");
      rc = del.text(1, owner).text(2, principal).text(3, key).step();
    } else {
      auto blob = encrypt(key_, value, secretAad(owner, principal, key));
      if (!blob) return "cannot encrypt the value of " + key;
      Stmt upsert(db_,
                  "INSERT INTO secrets(owner, principal, key, value, updated_at) VALUES(?1, ?2, ?3, ?4, ?5) "
                  "ON CONFLICT(owner, principal, key) DO UPDATE SET value = excluded.value, "
                  "updated_at = excluded.updated_at");
      rc = upsert.text(1, owner).text(2, principal).text(3, key).blob(4, *blob).integer(5, at).step();
    }
    if (rc != SQLITE_DONE) return "cannot write " + key + ": " + sqliteError(db_, rc);
  }
  Stmt rename(db_, "UPDATE secrets SET owner = ?1 WHERE owner = ?1 AND owner <> ?1 COLLATE BINARY");
  if (int rc = rename.text(1, owner).step(); rc != SQLITE_DONE) return sqliteError(db_, rc);
  return std::nullopt;
}

namespace {

std::optional<std::string> validate(std::string_view owner, const std::map<std::string, std::string>& values) {
  if (owner.empty()) return std::string("the credential name is empty");
  for (const auto& entry : values)
    if (entry.first.empty()) return std::string("a key is empty");
  return std::nullopt;
}

}  // namespace

std::optional<std::string> CredentialStore::set(std::string_view owner, std::string_view principal,
                                                const std::map<std::string, std::string>& values) {
  const std::string where = "credential store " + file_.string();
  if (auto error = writable()) return error;
  if (auto error = validate(owner, values)) return where + ": " + *error;
  Transaction tx(db_);
  if (tx.begun() != SQLITE_OK) return where + " cannot be written: " + sqliteError(db_, tx.begun());
  if (auto error = writeValues(owner, principal, values)) return where + ": " + *error + "; nothing was changed";
  if (int rc = tx.commit(); rc != SQLITE_OK)
    return where + " cannot be written: " + sqliteError(db_, rc) + "; nothing was changed";
  return std::nullopt;
}

std::optional<std::string> CredentialStore::remove(std::string_view owner, const std::string* principal) {
  const std::string where = "credential store " + file_.string();
  if (auto error = writable()) return error;
  Transaction tx(db_);
  if (tx.begun() != SQLITE_OK) return where + " cannot be written: " + sqliteError(db_, tx.begun());
  Stmt del(db_, principal ? "DELETE FROM secrets WHERE owner = ?1 AND principal = ?2"
                          : "DELETE FROM secrets WHERE owner = ?1");
  del.text(1, owner);
  if (principal) del.text(2, *principal);
  if (int rc = del.step(); rc != SQLITE_DONE) return where + " cannot be written: " + sqliteError(db_, rc);
  if (int rc = tx.commit(); rc != SQLITE_OK) return where + " cannot be written: " + sqliteError(db_, rc);
  return std::nullopt;
}

std::vector<StoreEntry> CredentialStore::list() const {
  std::vector<StoreEntry> out;
  Stmt query(db_,
             "SELECT owner, principal, key, CASE WHEN key = 'expiresAt' THEN value END FROM secrets "
             "ORDER BY owner COLLATE NOCASE, principal, key");
  int rc;
  while ((rc = query.step()) == SQLITE_ROW) {
    std::string owner = query.columnText(0), principal = query.columnText(1), key = query.columnText(2);
    if (out.empty() || !text::equalsIgnoreAsciiCase(out.back().owner, owner) || out.back().principal != principal)
      out.push_back(StoreEntry{owner, principal, {}, std::nullopt});
    StoreEntry& entry = out.back();
    entry.keys.push_back(key);
    if (key == "expiresAt") {
      std::string text = decryptRow(owner, principal, key, query.columnBlob(3));
      char* end = nullptr;
      errno = 0;
      long long seconds = std::strtoll(text.c_str(), &end, 10);
      if (!text.empty() && errno == 0 && end && *end == '\0') entry.expiresAt = seconds;
    }
  }
  if (rc != SQLITE_DONE)
    throw CredentialStoreError("credential store " + file_.string() + " cannot be read: " + sqliteError(db_, rc));
  return out;
}

std::optional<std::string> CredentialStore::compareAndSet(std::string_view owner, std::string_view principal,
                                                          std::string_view key, std::string_view expected,
                                                          const std::map<std::string, std::string>& values,
                                                          bool* replaced) {
  const std::string where = "credential store " + file_.string();
  if (replaced) *replaced = false;
  if (auto error = writable()) return error;
  if (auto error = validate(owner, values)) return where + ": " + *error;
  if (key.empty()) return where + ": a key is empty";
  Transaction tx(db_);
  if (tx.begun() != SQLITE_OK) return where + " cannot be written: " + sqliteError(db_, tx.begun());
  std::string current;
  {
    Stmt query(db_, "SELECT value FROM secrets WHERE owner = ?1 AND principal = ?2 AND key = ?3");
    int rc = query.text(1, owner).text(2, principal).text(3, key).step();
    if (rc == SQLITE_ROW) {
      auto plain = decrypt(key_, query.columnBlob(0), secretAad(owner, principal, key));
      if (!plain)
        return where + ": the value of " + std::string(key) + " for " + std::string(owner) +
               " does not decrypt; the store is damaged or was tampered with";
      current = std::move(*plain);
    } else if (rc != SQLITE_DONE) {
      return where + " cannot be read: " + sqliteError(db_, rc);
    }
  }
  bool same = current.size() == expected.size() &&
              (current.empty() || CRYPTO_memcmp(current.data(), expected.data(), current.size()) == 0);
  wipe(current);
  if (!same) return std::nullopt;  // the destructor rolls back the empty transaction
  if (auto error = writeValues(owner, principal, values)) return where + ": " + *error + "; nothing was changed";
  if (int rc = tx.commit(); rc != SQLITE_OK)
    return where + " cannot be written: " + sqliteError(db_, rc) + "; nothing was changed";
  if (replaced) *replaced = true;
  return std::nullopt;
}

std::optional<std::string> CredentialStore::gitWarning() const {
  std::error_code ec;
  fs::path file = fs::weakly_canonical(fs::absolute(file_, ec), ec);
  if (ec) return std::nullopt;
  fs::path repo;
  for (fs::path dir = file.parent_path();; dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) {
      repo = dir;
      break;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
  }
  // git check-ignore -q: 0 ignored, 1 not ignored, 128 an error.
  std::string repoArg = repo.string(), fileArg = file.string();
  // The repository is not apexrun's: its configuration must not run a
  // program (core.fsmonitor), and nothing git runs gets the store key.
  std::vector<char*> argv = {const_cast<char*>("git"),          const_cast<char*>("-c"),
                             const_cast<char*>("core.fsmonitor=false"), const_cast<char*>("-C"),
                             repoArg.data(),                    const_cast<char*>("check-ignore"),
                             const_cast<char*>("-q"),           const_cast<char*>("--"),
                             fileArg.data(),                    nullptr};
  std::vector<char*> env;
  for (char** var = environ; *var; ++var)
    if (std::string_view(*var).rfind(std::string(kKeyEnv) + "=", 0) != 0) env.push_back(*var);
  env.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return std::nullopt;  // no git on PATH
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return std::nullopt;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 1) return std::nullopt;
  fs::path rel = file.lexically_relative(repo);
  std::string pattern =
      file.parent_path().filename() == ".apexrun" ? std::string(".apexrun/") : "/" + rel.generic_string();
  return "credential store " + file_.string() + " is inside the git work tree " + repo.string() +
         " and not ignored by git: add " + pattern + " to " + (repo / ".gitignore").string();
}

}  // namespace apex::runtime
