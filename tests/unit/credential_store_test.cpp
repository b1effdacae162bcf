// Unit tests of the credential store (runtime/credentials/credential_store.h): values
// round-trip encrypted, writes are transactions, a store whose key is
// missing or wrong is refused and left byte-for-byte as it was, owners fold
// case, principals are kept apart, compare-and-set, schema migration.
//
// Every test runs in a fresh temp folder with its own XDG_CONFIG_HOME, so
// the user's real key file is never read or written.
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

#include "runtime/credentials/credential_store.h"

namespace fs = std::filesystem;
using apex::runtime::CredentialStore;
using apex::runtime::CredentialStoreError;
using apex::runtime::storePath;
using Mode = CredentialStore::Mode;

namespace {

constexpr const char* kKeyA = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr const char* kKeyB = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
constexpr const char* kSecret = "s3cret-Passw0rd-never-shown";

// Sets an environment variable for the life of the object, then restores it.
class EnvVar {
 public:
  EnvVar(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) ::setenv(name, value, 1);
    else ::unsetenv(name);
  }
  ~EnvVar() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A temp folder holding the store and the config folder; APEXRUN_STORE_KEY
// is key A unless a test changes it.
struct Sandbox {
  fs::path dir = [] {
    std::random_device random;
    fs::path d = fs::temp_directory_path() / ("apexrun-store-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(d);
    return d;
  }();
  EnvVar config{"XDG_CONFIG_HOME", (dir / "config").c_str()};
  EnvVar storeEnv{"APEXRUN_STORE", nullptr};
  EnvVar key{"APEXRUN_STORE_KEY", kKeyA};
  fs::path db = dir / "project" / ".apexrun" / "credentials.db";
  fs::path keyFile = dir / "config" / "apexrun" / "store.key";

  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

std::unique_ptr<CredentialStore> openStore(const fs::path& file, Mode mode = Mode::CreateIfMissing) {
  auto opened = CredentialStore::open(file, mode);
  if (auto* error = std::get_if<std::string>(&opened)) FAIL("open failed: " << *error);
  return std::move(std::get<std::unique_ptr<CredentialStore>>(opened));
}

std::string openError(const fs::path& file, Mode mode = Mode::CreateIfMissing) {
  auto opened = CredentialStore::open(file, mode);
  REQUIRE(std::holds_alternative<std::string>(opened));
  return std::get<std::string>(opened);
}

std::string readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeBytes(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

// A key file written by hand, as the user must: readable by its owner only.
void writeKeyFile(const fs::path& file, const std::string& bytes) {
  writeBytes(file, bytes);
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
}

unsigned mode(const fs::path& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// Runs SQL on the store file directly, bypassing the store.
void rawSql(const fs::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  INFO(message);
  REQUIRE(rc == SQLITE_OK);
}

int userVersion(const fs::path& file) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  int version = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return version;
}

}  // namespace

TEST_CASE("credential store: values round-trip", "[credential-store]") {
  Sandbox box;
  {
    auto store = openStore(box.db);
    CHECK_FALSE(store->get("MyCred", "", "password"));
    REQUIRE_FALSE(store->set("MyCred", "", {{"username", "ann"}, {"password", kSecret}}));
    CHECK(store->get("MyCred", "", "password") == std::optional<std::string>(kSecret));
    CHECK(store->get("MyCred", "", "username") == std::optional<std::string>("ann"));
    CHECK_FALSE(store->get("MyCred", "", "token"));
    auto all = store->getAll("MyCred", "");
    CHECK(all == std::map<std::string, std::string>{{"password", kSecret}, {"username", "ann"}});
    // Binary and long values survive.
    std::string binary("a\0b\xff\n", 5);
    std::string big(100000, 'x');
    REQUIRE_FALSE(store->set("Other", "", {{"bin", binary}, {"big", big}}));
    CHECK(store->get("Other", "", "bin") == binary);
    CHECK(store->get("Other", "", "big") == big);
  }
  // A second open, as another process would, reads the same values.
  auto again = openStore(box.db, Mode::ReadOnly);
  CHECK(again->get("MyCred", "", "password") == std::optional<std::string>(kSecret));
  auto store = openStore(box.db);
  // An empty value removes the key; updating keeps the others.
  REQUIRE_FALSE(store->set("MyCred", "", {{"username", ""}, {"password", "new"}}));
  CHECK_FALSE(store->get("MyCred", "", "username"));
  CHECK(store->get("MyCred", "", "password") == std::optional<std::string>("new"));
  // With APEXRUN_STORE_KEY no key file is made.
  CHECK_FALSE(fs::exists(box.keyFile));
}

TEST_CASE("credential store: file 0600 in a 0700 folder, schema version 1", "[credential-store]") {
  Sandbox box;
  CHECK_FALSE(fs::exists(box.db.parent_path()));
  auto store = openStore(box.db);
  CHECK(store->file() == box.db);
  CHECK(mode(box.db) == 0600);
  CHECK(mode(box.db.parent_path()) == 0700);
  CHECK(userVersion(box.db) == 1);
  REQUIRE_FALSE(store->set("A", "", {{"k", "v"}}));
  CHECK(mode(box.db) == 0600);
}

TEST_CASE("credential store: values are encrypted at rest", "[credential-store]") {
  Sandbox box;
  {
    auto store = openStore(box.db);
    REQUIRE_FALSE(store->set("MyCred", "", {{"password", kSecret}}));
  }
  std::string bytes = readBytes(box.db);
  CHECK(bytes.find("MyCred") != std::string::npos);  // names are not secret
  CHECK(bytes.find(kSecret) == std::string::npos);
  CHECK(bytes.find("s3cret") == std::string::npos);
  CHECK(bytes.find(kKeyA) == std::string::npos);
}

TEST_CASE("credential store: a failing write changes nothing", "[credential-store]") {
  Sandbox box;
  {
    auto store = openStore(box.db);
    REQUIRE_FALSE(store->set("MyCred", "", {{"a", "old-a"}}));
  }
  // A trigger makes the insert of key `b` fail after `a` was written.
  rawSql(box.db,
         "CREATE TRIGGER fail_b BEFORE INSERT ON secrets WHEN NEW.key = 'b' "
         "BEGIN SELECT RAISE(ABORT, 'refused by test'); END;");
  auto store = openStore(box.db);
  auto error = store->set("MyCred", "", {{"a", "new-a"}, {"b", kSecret}, {"c", "new-c"}});
  REQUIRE(error);
  CHECK(error->find("nothing was changed") != std::string::npos);
  CHECK(error->find(kSecret) == std::string::npos);
  CHECK(error->find("new-a") == std::string::npos);
  CHECK(store->get("MyCred", "", "a") == std::optional<std::string>("old-a"));
  CHECK_FALSE(store->get("MyCred", "", "b"));
  CHECK_FALSE(store->get("MyCred", "", "c"));
  // The same for compareAndSet, and the store still works afterwards.
  bool replaced = true;
  error = store->compareAndSet("MyCred", "", "a", "old-a", {{"a", "x"}, {"b", "y"}}, &replaced);
  REQUIRE(error);
  CHECK_FALSE(replaced);
  CHECK(store->get("MyCred", "", "a") == std::optional<std::string>("old-a"));
  REQUIRE_FALSE(store->set("MyCred", "", {{"c", "fine"}}));
  CHECK(store->get("MyCred", "", "c") == std::optional<std::string>("fine"));
}

TEST_CASE("credential store: a wrong key is refused and the file left untouched", "[credential-store]") {
  Sandbox box;
  {
    auto store = openStore(box.db);
    REQUIRE_FALSE(store->set("MyCred", "", {{"password", kSecret}}));
  }
  std::string before = readBytes(box.db);
  EnvVar other("APEXRUN_STORE_KEY", kKeyB);
  for (Mode m : {Mode::CreateIfMissing, Mode::ReadOnly}) {
    std::string error = openError(box.db, m);
    CHECK(error.find("credential store " + box.db.string() + ": the key does not match this store") == 0);
    CHECK(error.find("APEXRUN_STORE_KEY") != std::string::npos);
    CHECK(error.find(kSecret) == std::string::npos);
    CHECK(error.find(kKeyB) == std::string::npos);
  }
  CHECK(readBytes(box.db) == before);
  CHECK_FALSE(fs::exists(box.db.string() + "-journal"));
}

TEST_CASE("credential store: a missing key is refused and the file left untouched", "[credential-store]") {
  Sandbox box;
  EnvVar noKey("APEXRUN_STORE_KEY", nullptr);
  {
    auto store = openStore(box.db);  // makes the key file
    REQUIRE_FALSE(store->set("MyCred", "", {{"password", kSecret}}));
  }
  REQUIRE(fs::exists(box.keyFile));
  CHECK(mode(box.keyFile) == 0600);
  CHECK(mode(box.keyFile.parent_path()) == 0700);
  std::string keyText = readBytes(box.keyFile);
  REQUIRE(keyText.size() == 65);
  CHECK(keyText.back() == '\n');
  CHECK(keyText.find_first_not_of("0123456789abcdef") == 64);
  // The key file opens the store again.
  CHECK(openStore(box.db)->get("MyCred", "", "password") == std::optional<std::string>(kSecret));

  std::string before = readBytes(box.db);
  fs::remove(box.keyFile);
  for (Mode m : {Mode::CreateIfMissing, Mode::ReadOnly}) {
    std::string error = openError(box.db, m);
    CHECK(error == "credential store " + box.db.string() +
                       ": its key is missing (expected APEXRUN_STORE_KEY or " + box.keyFile.string() +
                       "); restore the key, or delete the store to start over");
  }
  CHECK(readBytes(box.db) == before);
  CHECK_FALSE(fs::exists(box.keyFile));  // not replaced by a new key

  // A key file with another key is a wrong key.
  writeKeyFile(box.keyFile, std::string(kKeyB) + "\n");
  std::string error = openError(box.db);
  CHECK(error.find("the key does not match this store (the key from " + box.keyFile.string() + ")") !=
        std::string::npos);
  CHECK(readBytes(box.db) == before);
  // Restored, it works.
  writeKeyFile(box.keyFile, keyText);
  CHECK(openStore(box.db)->get("MyCred", "", "password") == std::optional<std::string>(kSecret));
}

TEST_CASE("credential store: malformed keys are clear errors", "[credential-store]") {
  Sandbox box;
  {
    EnvVar bad("APEXRUN_STORE_KEY", "abc");
    std::string error = openError(box.db);
    CHECK(error.find("APEXRUN_STORE_KEY is not a store key: it must be 64 hexadecimal characters") !=
          std::string::npos);
    CHECK(error.find("abc") == std::string::npos);
  }
  {
    EnvVar bad("APEXRUN_STORE_KEY", std::string(64, 'g').c_str());
    CHECK(openError(box.db).find("APEXRUN_STORE_KEY is not a store key") != std::string::npos);
  }
  {
    EnvVar noKey("APEXRUN_STORE_KEY", nullptr);
    writeKeyFile(box.keyFile, "not a key\n");
    CHECK(openError(box.db).find(box.keyFile.string() + " is not a store key") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(box.db));  // nothing created on the way
  // Upper-case hex is a key too.
  EnvVar upper("APEXRUN_STORE_KEY", "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF");
  REQUIRE_FALSE(openStore(box.db)->set("A", "", {{"k", "v"}}));
  EnvVar lower("APEXRUN_STORE_KEY", kKeyA);
  CHECK(openStore(box.db)->get("A", "", "k") == std::optional<std::string>("v"));
}

TEST_CASE("credential store: files that are not a store are refused untouched", "[credential-store]") {
  Sandbox box;
  SECTION("not SQLite") {
    std::string text = "this is not a database, it is a text file long enough to have a header............\n";
    writeBytes(box.db, text);
    std::string error = openError(box.db);
    CHECK(error == "credential store " + box.db.string() +
                       " is not a credential store (not a SQLite database); move it away, or pass another --store");
    CHECK(readBytes(box.db) == text);
  }
  SECTION("a newer schema") {
    fs::create_directories(box.db.parent_path());
    rawSql(box.db, "CREATE TABLE future(x); PRAGMA user_version = 99;");
    std::string before = readBytes(box.db);
    std::string error = openError(box.db);
    CHECK(error.find("was written by a newer apexrun (schema version 99; this apexrun knows up to 1)") !=
          std::string::npos);
    CHECK(readBytes(box.db) == before);
  }
  SECTION("another application's database") {
    fs::create_directories(box.db.parent_path());
    rawSql(box.db, "CREATE TABLE notes(text);");
    std::string before = readBytes(box.db);
    CHECK(openError(box.db).find("is a SQLite database but not a credential store") != std::string::npos);
    CHECK(readBytes(box.db) == before);
  }
  SECTION("a folder") {
    fs::create_directories(box.db);
    CHECK(openError(box.db).find("is not a file") != std::string::npos);
  }
}

TEST_CASE("credential store: an empty database is migrated to the current schema", "[credential-store]") {
  Sandbox box;
  SECTION("an empty file") { writeBytes(box.db, ""); }
  SECTION("an empty SQLite database") {
    fs::create_directories(box.db.parent_path());
    rawSql(box.db, "CREATE TABLE t(x); DROP TABLE t;");
  }
  CHECK(userVersion(box.db) == 0);
  // Read-only does not set it up.
  CHECK(openError(box.db, Mode::ReadOnly).find("holds no credentials yet") != std::string::npos);
  {
    auto store = openStore(box.db);
    REQUIRE_FALSE(store->set("A", "", {{"k", "v"}}));
  }
  CHECK(userVersion(box.db) == 1);
  // Opening again keeps the version and the data.
  CHECK(openStore(box.db)->get("A", "", "k") == std::optional<std::string>("v"));
  CHECK(userVersion(box.db) == 1);
}

TEST_CASE("credential store: owners compare case-insensitively", "[credential-store]") {
  Sandbox box;
  auto store = openStore(box.db);
  REQUIRE_FALSE(store->set("MyCred", "", {{"username", "ann"}}));
  CHECK(store->get("mycred", "", "username") == std::optional<std::string>("ann"));
  CHECK(store->get("MYCRED", "", "username") == std::optional<std::string>("ann"));
  REQUIRE_FALSE(store->set("MYCRED", "", {{"password", kSecret}}));
  CHECK(store->getAll("myCred", "").size() == 2);
  auto entries = store->list();
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].owner == "MYCRED");  // the spelling last used
  CHECK(entries[0].keys == std::vector<std::string>{"password", "username"});
  // Keys and principals are exact.
  CHECK_FALSE(store->get("MyCred", "", "Password"));
  REQUIRE_FALSE(store->remove("mYcReD", nullptr));
  CHECK(store->list().empty());
}

TEST_CASE("credential store: principals are kept apart", "[credential-store]") {
  Sandbox box;
  auto store = openStore(box.db);
  REQUIRE_FALSE(store->set("PerUser", "", {{"accessToken", "named"}}));
  REQUIRE_FALSE(store->set("PerUser", "alice", {{"accessToken", "alice-token"}}));
  REQUIRE_FALSE(store->set("PerUser", "bob", {{"accessToken", "bob-token"}, {"refreshToken", "bob-refresh"}}));
  CHECK(store->get("PerUser", "", "accessToken") == std::optional<std::string>("named"));
  CHECK(store->get("PerUser", "alice", "accessToken") == std::optional<std::string>("alice-token"));
  CHECK_FALSE(store->get("PerUser", "alice", "refreshToken"));
  CHECK_FALSE(store->get("PerUser", "carol", "accessToken"));
  CHECK(store->getAll("PerUser", "bob").size() == 2);
  CHECK(store->list().size() == 3);

  std::string alice = "alice";
  REQUIRE_FALSE(store->remove("PerUser", &alice));
  CHECK_FALSE(store->get("PerUser", "alice", "accessToken"));
  CHECK(store->get("PerUser", "bob", "accessToken") == std::optional<std::string>("bob-token"));
  CHECK(store->list().size() == 2);
  REQUIRE_FALSE(store->remove("PerUser", nullptr));
  CHECK(store->list().empty());
}

TEST_CASE("credential store: compareAndSet replaces only the expected value", "[credential-store]") {
  Sandbox box;
  auto first = openStore(box.db);
  auto second = openStore(box.db);  // another process, on its own connection
  REQUIRE_FALSE(first->set("OAuth", "", {{"refreshToken", "r1"}, {"accessToken", "a1"}}));

  bool replaced = false;
  REQUIRE_FALSE(first->compareAndSet("OAuth", "", "refreshToken", "r1",
                                     {{"refreshToken", "r2"}, {"accessToken", "a2"}}, &replaced));
  CHECK(replaced);
  // The other process started from r1 too: it loses and keeps the winner's tokens.
  REQUIRE_FALSE(second->compareAndSet("OAuth", "", "refreshToken", "r1",
                                      {{"refreshToken", "r3"}, {"accessToken", "a3"}}, &replaced));
  CHECK_FALSE(replaced);
  CHECK(second->get("OAuth", "", "refreshToken") == std::optional<std::string>("r2"));
  CHECK(second->get("OAuth", "", "accessToken") == std::optional<std::string>("a2"));
  // "" matches a key that is not set.
  REQUIRE_FALSE(second->compareAndSet("Fresh", "", "refreshToken", "", {{"refreshToken", "f1"}}, &replaced));
  CHECK(replaced);
  REQUIRE_FALSE(second->compareAndSet("Fresh", "", "refreshToken", "", {{"refreshToken", "f2"}}, &replaced));
  CHECK_FALSE(replaced);
  CHECK(first->get("fresh", "", "refreshToken") == std::optional<std::string>("f1"));
}

TEST_CASE("credential store: list gives keys and expiry, never values", "[credential-store]") {
  Sandbox box;
  auto store = openStore(box.db);
  REQUIRE_FALSE(store->set("Beta", "", {{"password", kSecret}, {"username", "ann"}}));
  REQUIRE_FALSE(store->set("alpha", "u1", {{"accessToken", kSecret}, {"expiresAt", "1767225600"}}));
  REQUIRE_FALSE(store->set("alpha", "u2", {{"accessToken", kSecret}, {"expiresAt", "soon"}}));
  auto entries = store->list();
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].owner == "alpha");
  CHECK(entries[0].principal == "u1");
  CHECK(entries[0].keys == std::vector<std::string>{"accessToken", "expiresAt"});
  CHECK(entries[0].expiresAt == std::optional<long long>(1767225600));
  CHECK(entries[1].principal == "u2");
  CHECK_FALSE(entries[1].expiresAt);  // not a number
  CHECK(entries[2].owner == "Beta");
  CHECK(entries[2].principal.empty());
  CHECK_FALSE(entries[2].expiresAt);
  for (const auto& entry : entries) {
    CHECK(entry.owner.find("s3cret") == std::string::npos);
    CHECK(entry.principal.find("s3cret") == std::string::npos);
    for (const auto& key : entry.keys) CHECK(key.find("s3cret") == std::string::npos);
  }
}

TEST_CASE("credential store: a value moved to another row does not decrypt", "[credential-store]") {
  Sandbox box;
  {
    auto store = openStore(box.db);
    REQUIRE_FALSE(store->set("A", "", {{"password", kSecret}}));
    REQUIRE_FALSE(store->set("B", "", {{"password", "other"}}));
  }
  // Copy A's ciphertext over B's: the additional data binds it to A.
  rawSql(box.db,
         "UPDATE secrets SET value = (SELECT value FROM secrets WHERE owner = 'A') WHERE owner = 'B'");
  auto store = openStore(box.db);
  CHECK(store->get("A", "", "password") == std::optional<std::string>(kSecret));
  try {
    store->get("B", "", "password");
    FAIL("no error");
  } catch (const CredentialStoreError& e) {
    std::string message = e.what();
    CHECK(message.find("does not decrypt") != std::string::npos);
    CHECK(message.find(kSecret) == std::string::npos);
  }
  CHECK_THROWS_AS(store->getAll("B", ""), CredentialStoreError);
  bool replaced = true;
  CHECK(store->compareAndSet("B", "", "password", "other", {{"password", "x"}}, &replaced));
  CHECK_FALSE(replaced);
}

TEST_CASE("credential store: read-only opens create and write nothing", "[credential-store]") {
  Sandbox box;
  std::string error = openError(box.db, Mode::ReadOnly);
  CHECK(error.find("does not exist") != std::string::npos);
  CHECK_FALSE(fs::exists(box.db));
  CHECK_FALSE(fs::exists(box.db.parent_path()));
  {
    auto store = openStore(box.db);
    REQUIRE_FALSE(store->set("A", "", {{"k", "v"}}));
  }
  auto store = openStore(box.db, Mode::ReadOnly);
  CHECK(store->get("A", "", "k") == std::optional<std::string>("v"));
  auto refused = store->set("A", "", {{"k", "w"}});
  REQUIRE(refused);
  CHECK(refused->find("read-only") != std::string::npos);
  CHECK(store->remove("A", nullptr));
  CHECK(store->get("A", "", "k") == std::optional<std::string>("v"));
}

TEST_CASE("credential store: empty names and keys are refused", "[credential-store]") {
  Sandbox box;
  auto store = openStore(box.db);
  CHECK(store->set("", "", {{"k", "v"}}));
  CHECK(store->set("A", "", {{"", "v"}}));
  CHECK(store->list().empty());
}

TEST_CASE("credential store: the store path", "[credential-store]") {
  EnvVar unset("APEXRUN_STORE", nullptr);
  fs::path root = "/work/proj";
  CHECK(storePath("/x/flag.db", &root) == std::optional<fs::path>("/x/flag.db"));
  CHECK(storePath("", &root) == std::optional<fs::path>("/work/proj/.apexrun/credentials.db"));
  CHECK_FALSE(storePath("", nullptr));
  EnvVar env("APEXRUN_STORE", "/x/env.db");
  CHECK(storePath("", &root) == std::optional<fs::path>("/x/env.db"));
  CHECK(storePath("", nullptr) == std::optional<fs::path>("/x/env.db"));
  CHECK(storePath("/x/flag.db", nullptr) == std::optional<fs::path>("/x/flag.db"));
}

TEST_CASE("credential store: warns when the store is in git and not ignored", "[credential-store]") {
  Sandbox box;
  auto store = openStore(box.db);
  CHECK_FALSE(store->gitWarning());  // no work tree
  if (std::system("git --version >/dev/null 2>&1") != 0) return;
  fs::path project = box.db.parent_path().parent_path();
  std::string init = "git init -q '" + project.string() + "' >/dev/null 2>&1";
  REQUIRE(std::system(init.c_str()) == 0);
  auto warning = store->gitWarning();
  REQUIRE(warning);
  CHECK(*warning == "credential store " + box.db.string() + " is inside the git work tree " + project.string() +
                        " and not ignored by git: add .apexrun/ to " + (project / ".gitignore").string());
  writeBytes(project / ".gitignore", ".apexrun/\n");
  CHECK_FALSE(store->gitWarning());
}

// A core dump or another process reading this one's memory would show the
// key and every secret read: a process that opens a store allows neither.
// Checked in a child process, which the setting does not outlive.
TEST_CASE("opening a store turns core dumps and memory reads by others off", "[credentials][store]") {
  Sandbox box;
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    rlimit core{RLIM_INFINITY, RLIM_INFINITY};
    ::setrlimit(RLIMIT_CORE, &core);
    int before = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    auto opened = CredentialStore::open(box.db, Mode::CreateIfMissing);
    ::getrlimit(RLIMIT_CORE, &core);
    bool protectedNow = opened.index() == 0 && ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0 && core.rlim_cur == 0 &&
                        core.rlim_max == 0;
    ::_exit(before == 1 && protectedNow ? 0 : 1);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("a key file other users can read is refused; a store file they can read is used with a warning",
          "[credentials][store]") {
  Sandbox box;
  EnvVar noKey{"APEXRUN_STORE_KEY", nullptr};
  openStore(box.db)->set("Cred", "", {{"password", kSecret}});
  REQUIRE(mode(box.keyFile) == 0600);
  fs::permissions(box.keyFile, fs::perms::group_read, fs::perm_options::add);
  CHECK(openError(box.db) == "credential store " + box.db.string() + ": the credential store key " +
                                 box.keyFile.string() + " can be read or written by other users (mode 0640): run chmod 600 " +
                                 box.keyFile.string());
  fs::permissions(box.keyFile, fs::perms::group_read, fs::perm_options::remove);
  CHECK(openStore(box.db)->warnings().empty());

  fs::permissions(box.db, fs::perms::others_read, fs::perm_options::add);
  auto store = openStore(box.db);
  CHECK(store->warnings() == std::vector<std::string>{"credential store " + box.db.string() +
                                                      " can be read or written by other users (mode 0604): run chmod 600 " +
                                                      box.db.string()});
  CHECK(store->get("Cred", "", "password") == kSecret);
}
