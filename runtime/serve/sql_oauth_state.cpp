#include "runtime/serve/sql_oauth_state.h"

#include <cstdint>

#include "runtime/data/record_store.h"

namespace apex::runtime {
namespace {

using TimePoint = std::chrono::system_clock::time_point;

constexpr const char* kTable =
    "CREATE TABLE IF NOT EXISTS apexrun_oauth_issued (kind integer NOT NULL, key text NOT NULL, "
    "data text NOT NULL, expires bigint NOT NULL, grant_id bigint NOT NULL, PRIMARY KEY (kind, key));"
    "CREATE INDEX IF NOT EXISTS apexrun_oauth_issued_grant ON apexrun_oauth_issued (grant_id);"
    "CREATE INDEX IF NOT EXISTS apexrun_oauth_issued_expires ON apexrun_oauth_issued (expires)";
// Two serve processes starting at once on one PostgreSQL database would
// race to create the table: the first takes this advisory lock (the bytes
// of "apexrun3") to its transaction's end.
constexpr const char* kTableLock = "SELECT pg_advisory_xact_lock(7022344315536471603)";

std::int64_t millis(TimePoint time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

void bindKey(SqlStatement& statement, IssuedKind kind, const std::string& key) {
  statement.bindInt(1, static_cast<std::int64_t>(kind));
  statement.bindText(2, key);
}

}  // namespace

SqlOAuthState::SqlOAuthState(std::unique_ptr<SqlConnection> connection) : connection_(std::move(connection)) {
  bool postgres = connection_->dialect() == SqlDialect::Postgres;
  if (postgres) {
    connection_->exec("BEGIN");
    connection_->exec(kTableLock);
  }
  connection_->exec(kTable);
  if (postgres) connection_->exec("COMMIT");
}

std::unique_ptr<SqlStatement> SqlOAuthState::prepare(const std::string& sql) {
  std::string translated;
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '?' && i + 1 < sql.size()) translated += sqlParam(connection_->dialect(), sql[++i] - '0');
    else translated += sql[i];
  }
  return connection_->prepare(translated);
}

IssuedEntry SqlOAuthState::entryOf(const SqlStatement& row) {
  return IssuedEntry{std::string(row.columnText(0)), TimePoint(std::chrono::milliseconds(row.columnInt(1))),
                     GrantId(row.columnInt(2))};
}

bool SqlOAuthState::add(IssuedKind kind, const std::string& key, const IssuedEntry& entry) {
  std::lock_guard lock(mutex_);
  auto insert = prepare(
      "INSERT INTO apexrun_oauth_issued (kind, key, data, expires, grant_id) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (kind, key) DO NOTHING RETURNING kind");
  bindKey(*insert, kind, key);
  insert->bindText(3, entry.data);
  insert->bindInt(4, millis(entry.expires));
  insert->bindInt(5, static_cast<std::int64_t>(entry.grant));
  bool added = insert->step();
  insert->reset();
  return added;
}

std::optional<IssuedEntry> SqlOAuthState::find(IssuedKind kind, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto select = prepare("SELECT data, expires, grant_id FROM apexrun_oauth_issued WHERE kind = ?1 AND key = ?2");
  bindKey(*select, kind, key);
  if (!select->step()) return std::nullopt;
  IssuedEntry entry = entryOf(*select);
  select->reset();
  return entry;
}

std::optional<IssuedEntry> SqlOAuthState::take(IssuedKind kind, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto remove =
      prepare("DELETE FROM apexrun_oauth_issued WHERE kind = ?1 AND key = ?2 RETURNING data, expires, grant_id");
  bindKey(*remove, kind, key);
  std::optional<IssuedEntry> entry;
  if (remove->step()) entry = entryOf(*remove);
  remove->reset();
  return entry;
}

void SqlOAuthState::erase(IssuedKind kind, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto remove = prepare("DELETE FROM apexrun_oauth_issued WHERE kind = ?1 AND key = ?2");
  bindKey(*remove, kind, key);
  remove->run();
}

void SqlOAuthState::revokeGrant(GrantId grant) {
  std::lock_guard lock(mutex_);
  static_assert(kRevokedWithGrant.size() == 3, "a parameter each in the IN list");
  auto remove = prepare("DELETE FROM apexrun_oauth_issued WHERE grant_id = ?1 AND kind IN (?2, ?3, ?4)");
  remove->bindInt(1, static_cast<std::int64_t>(grant));
  for (size_t i = 0; i < kRevokedWithGrant.size(); ++i)
    remove->bindInt(int(i) + 2, static_cast<std::int64_t>(kRevokedWithGrant[i]));
  remove->run();
}

void SqlOAuthState::dropExpired(TimePoint now) {
  std::lock_guard lock(mutex_);
  auto remove = prepare("DELETE FROM apexrun_oauth_issued WHERE expires <= ?1");
  remove->bindInt(1, millis(now));
  remove->run();
}

std::unique_ptr<OAuthState> openOAuthState(const std::string& db) {
  std::unique_ptr<SqlConnection> connection = openSqlConnection(db);
  if (!connection) return memoryOAuthState();
  bool shared = connection->dialect() == SqlDialect::Postgres;
  auto state = std::make_unique<SqlOAuthState>(std::move(connection));
  // A SQLite file has one serve at a time: it reads its own sessions from memory.
  if (!shared) return cachedOAuthState(std::move(state));
  return state;
}

}  // namespace apex::runtime
