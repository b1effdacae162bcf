#include "runtime/data/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>

#include "base/record_id.h"
#include "base/text.h"
#include "interp/interp.h"
#include "runtime/data/field_values.h"
#include "runtime/data/soql_sql.h"

namespace apex::runtime {

using sema::SObjectField;
using sema::SObjectType;

namespace {

constexpr const char* kCounterTable =
    "CREATE TABLE IF NOT EXISTS apexrun_id_counters (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL)";

}  // namespace

SqliteStore::SqliteStore(const sema::Schema& schema, const std::string& path)
    : SqlRecordStore(schema, SqlDialect::Sqlite), db_(path) {
  try {
    db_.exec(kCounterTable);
  } catch (const DataStoreError& error) {
    throw DataStoreError(path + " is not an org database (" + error.what() + ")");
  }
  registerSqlFunctions(db_.handle());
}

SqliteStore::~SqliteStore() {
  // Statements go before the connection closes.
  dropStatements();
}

std::unique_ptr<SqlStatement> SqliteStore::prepare(const std::string& sql) {
  return db_.prepare(sql);
}

// A file made when the schema had fewer fields gets the new columns.
void SqliteStore::ensureTable(const SObjectType& type) {
  if (tables_.count(&type)) return;
  for (const std::string& change : schemaChanges(type, existingColumns(type))) {
    db_.exec(change);
    schemaChanged_ = true;
  }
  for (const std::string& index : indexSql(type)) db_.exec(index);
  tables_.insert(&type);
}

uint64_t& SqliteStore::counter(const SObjectType& type) {
  auto found = counters_.find(type.keyPrefix);
  if (found != counters_.end()) return found->second;
  uint64_t last = std::max(uint64_t(savedCounter(type.keyPrefix).value_or(0)), highestStoredNumber(type));
  return counters_.emplace(type.keyPrefix, last).first->second;
}

std::vector<std::string> SqliteStore::newIds(const SObjectType& type, size_t count) {
  uint64_t& last = counter(type);
  std::vector<std::string> ids;
  ids.reserve(count);
  for (size_t i = 0; i < count; ++i) ids.push_back(recordId(type.keyPrefix, ++last));
  saveCounter(type.keyPrefix, int64_t(last));
  return ids;
}

// Auto-numbers count in the Id counters' table, under `#Object.Field`
// (never a key prefix, which has three characters).
int64_t SqliteStore::takeNumbers(const SObjectType& type, const SObjectField& field, int64_t count) {
  std::string key = "#" + type.name + "." + field.name;
  int64_t last = savedCounter(key).value_or(field.startingNumber - 1);
  saveCounter(key, last + count);
  return last + 1;
}

// The last number `key` (a key prefix, or an auto-number's key) has given.
std::optional<int64_t> SqliteStore::savedCounter(const std::string& key) {
  SqlStatement& saved = statement("SELECT last FROM apexrun_id_counters WHERE prefix = ?1");
  saved.bindText(1, key);
  std::optional<int64_t> last;
  if (saved.step()) last = saved.columnInt(0);
  saved.reset();
  return last;
}

void SqliteStore::saveCounter(const std::string& key, int64_t last) {
  SqlStatement& save = statement(
      "INSERT INTO apexrun_id_counters (prefix, last) VALUES (?1, ?2) "
      "ON CONFLICT (prefix) DO UPDATE SET last = excluded.last");
  save.bindText(1, key);
  save.bindInt(2, last);
  save.run();
}

bool SqliteStore::inTransaction() const { return sqlite3_get_autocommit(db_.handle()) == 0; }

}  // namespace apex::runtime
