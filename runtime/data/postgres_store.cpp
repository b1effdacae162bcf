#include "runtime/data/postgres_store.h"

#include "base/record_id.h"
#include "interp/object.h"  // Value's retain and release, which soql_sql.h's values use
#include "runtime/data/soql_sql.h"

namespace apex::runtime {

using sema::SObjectField;
using sema::SObjectType;

namespace {

// The advisory locks apexrun processes take, each to the end of its
// transaction: to change the schema, and to add the org's setup records
// (the bytes of "apexrun1" and "apexrun2").
constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(7022344315536471601)";
constexpr const char* kSetupLock = "SELECT pg_advisory_xact_lock(7022344315536471602)";

constexpr const char* kCounterTable =
    "CREATE TABLE IF NOT EXISTS apexrun_id_counters (prefix text COLLATE \"C\" PRIMARY KEY, last bigint NOT NULL)";

}  // namespace

PostgresStore::PostgresStore(const sema::Schema& schema, const std::string& url)
    : SqlRecordStore(schema, SqlDialect::Postgres), connection_(url) {
  begin();
  try {
    exec(kSchemaLock);
    exec(kCounterTable);
    exec(postgresSqlFunctions());
    commit();
  } catch (const DataStoreError&) {
    rollback();
    throw;
  }
}

PostgresStore::~PostgresStore() { dropStatements(); }

std::unique_ptr<SqlStatement> PostgresStore::prepare(const std::string& sql) {
  return connection_.prepare(sql);
}

std::string PostgresStore::columnNamesSql() const {
  return "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
         "AND table_name = $1";
}

std::string PostgresStore::tableNamesSql() const {
  return "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
         "ORDER BY table_name COLLATE \"C\"";
}

// Outside a transaction the change is one of its own.
void PostgresStore::ensureTable(const SObjectType& type) {
  if (tables_.count(&type)) return;
  if (!schemaChanges(type, existingColumns(type)).empty()) {
    if (inTransaction()) {
      changeSchema(type);
    } else {
      begin();
      changeSchema(type);
      commit();
    }
  }
  tables_.insert(&type);
}

// Under the schema lock, held to the end of the transaction: another
// process may have made the table or the columns since they were read.
void PostgresStore::changeSchema(const SObjectType& type) {
  exec(kSchemaLock);
  std::vector<std::string> changes = schemaChanges(type, existingColumns(type));
  if (changes.empty()) return;
  for (const std::string& change : changes) exec(change);
  for (const std::string& index : indexSql(type)) exec(index);
  schemaChanged_ = true;
}

// Advances counter `key` by `count` from where it is, or from `floor` when
// that is higher (or the counter new), and returns the number before.
int64_t PostgresStore::advance(const std::string& key, int64_t count, int64_t floor) {
  SqlStatement& next = statement(
      "INSERT INTO apexrun_id_counters (prefix, last) VALUES ($1, $2::bigint + $3::bigint) "
      "ON CONFLICT (prefix) DO UPDATE SET last = greatest(apexrun_id_counters.last, $2::bigint) + $3::bigint "
      "RETURNING last - $3::bigint");
  next.bindText(1, key);
  next.bindInt(2, floor);
  next.bindInt(3, count);
  if (!next.step()) throw DataStoreError("the Id counter " + key + " did not advance");
  int64_t before = next.columnInt(0);
  next.reset();
  counted_.insert(key);
  return before;
}

// The first time in this process (or since a rollback that may have
// dropped the counter's row), records stored with Ids of their own count
// too, as in SqliteStore.
std::vector<std::string> PostgresStore::newIds(const SObjectType& type, size_t count) {
  int64_t floor = counted_.count(type.keyPrefix) ? 0 : int64_t(highestStoredNumber(type));
  int64_t last = advance(type.keyPrefix, int64_t(count), floor);
  std::vector<std::string> ids;
  ids.reserve(count);
  for (size_t i = 0; i < count; ++i) ids.push_back(recordId(type.keyPrefix, uint64_t(++last)));
  return ids;
}

// Auto-numbers count under `#Object.Field`, as in SqliteStore.
int64_t PostgresStore::takeNumbers(const SObjectType& type, const SObjectField& field, int64_t count) {
  return advance("#" + type.name + "." + field.name, count, field.startingNumber - 1) + 1;
}

bool PostgresStore::inTransaction() const { return connection_.inTransaction(); }
void PostgresStore::lockForSetup() { exec(kSetupLock); }

// Counter rows made in what was rolled back are gone too.
void PostgresStore::rolledBack() {
  SqlRecordStore::rolledBack();
  counted_.clear();
}

}  // namespace apex::runtime
