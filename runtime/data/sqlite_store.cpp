#include "runtime/data/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>

#include "base/record_id.h"
#include "base/text.h"
#include "interp/interp.h"
#include "runtime/data/field_values.h"
#include "runtime/data/soql_sql.h"
#include "runtime/data/sosl_sql.h"

namespace apex::runtime {

using interp::SObjectObj;
using interp::Value;
using sema::SObjectField;
using sema::SObjectType;

namespace {

constexpr const char* kCounterTable =
    "CREATE TABLE IF NOT EXISTS apexrun_id_counters (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL)";

// Query statements kept prepared; past this many the cache starts again.
constexpr size_t kMaxCachedStatements = 256;

int64_t systemNowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool isIdField(const SObjectField& field) { return text::equalsIgnoreAsciiCase(field.name, "Id"); }

// The fields of `record` that have a column, in the order it has them.
void storedFields(const SObjectObj& record, std::vector<const SObjectField*>& out) {
  out.clear();
  for (const SObjectObj::FieldValue& value : record.fields)
    if (hasColumn(value.field->type)) out.push_back(value.field);
}

const Value* idValue(const SObjectObj& record) {
  for (const SObjectObj::FieldValue& value : record.fields)
    if (isIdField(*value.field)) return &value.value;
  return nullptr;
}

}  // namespace

// Makes the tables a translated query reads and hands it its statement.
class SqliteStore::Executor : public SqlExecutor {
 public:
  explicit Executor(SqliteStore& store) : store_(store) {}
  Statement& prepare(const SqlQuery& query) override {
    for (const SObjectType* object : query.objects) store_.ensureTable(*object);
    Statement& statement = store_.statement(query.sql);
    for (size_t i = 0; i < query.params.size(); ++i) statement.bind(int(i + 1), query.params[i]);
    return statement;
  }

 private:
  SqliteStore& store_;
};

SqliteStore::SqliteStore(const sema::Schema& schema, const std::string& path)
    : schema_(schema), db_(path), clock_(systemNowMillis) {
  try {
    db_.exec(kCounterTable);
  } catch (const DataStoreError& error) {
    throw DataStoreError(path + " is not an org database (" + error.what() + ")");
  }
  registerSqlFunctions(db_.handle());
}

SqliteStore::~SqliteStore() {
  // Statements go before the connection closes.
  statements_.clear();
  writes_.clear();
}

Statement& SqliteStore::statement(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) {
    found->second->reset();
    return *found->second;
  }
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();
  auto made = std::make_unique<Statement>(db_.handle(), sql);
  return *statements_.emplace(sql, std::move(made)).first->second;
}

void SqliteStore::ensureTable(const SObjectType& type) {
  if (tables_.count(&type)) return;
  std::unordered_set<std::string> existing;
  Statement& columns = statement("SELECT name FROM pragma_table_info(?1)");
  columns.bindText(1, type.name);
  while (columns.step()) existing.insert(text::foldCase(columns.columnText(0)));
  columns.reset();
  if (existing.empty()) createTable(type);
  else addMissingColumns(type, existing);
  for (const SObjectField& field : type.fields())
    if (field.isReference())
      db_.exec("CREATE INDEX IF NOT EXISTS " + quoteName(type.name + "." + field.name) + " ON " + quoteName(type.name) +
               " (" + quoteName(field.name) + ")");
  tables_.insert(&type);
}

void SqliteStore::createTable(const SObjectType& type) {
  std::vector<std::string> columns{"\"Id\" TEXT PRIMARY KEY"};
  for (const SObjectField& field : type.fields())
    if (hasColumn(field.type) && !isIdField(field))
      columns.push_back(quoteName(field.name) + " " + std::string(columnDeclaration(field.type)));
  db_.exec("CREATE TABLE " + quoteName(type.name) + " (" + text::join(columns, ", ") + ")");
  schemaChanged_ = true;
}

// A file made when the schema had fewer fields gets the new ones.
void SqliteStore::addMissingColumns(const SObjectType& type, const std::unordered_set<std::string>& existing) {
  for (const SObjectField& field : type.fields()) {
    if (!hasColumn(field.type) || existing.count(text::foldCase(field.name))) continue;
    db_.exec("ALTER TABLE " + quoteName(type.name) + " ADD COLUMN " + quoteName(field.name) + " " +
             std::string(columnDeclaration(field.type)));
    schemaChanged_ = true;
  }
}

// One statement per object and set of fields, prepared the first time.
Statement& SqliteStore::writeStatement(Write write, const SObjectType& type,
                                       const std::vector<const SObjectField*>& fields) {
  WriteKey key{write, &type, fields};
  auto found = writes_.find(key);
  if (found != writes_.end()) return *found->second;
  std::vector<std::string> names, values;
  for (const SObjectField* field : fields) {
    names.push_back(quoteName(field->name));
    values.push_back("?" + std::to_string(values.size() + 1));
  }
  std::string sql;
  if (write == Write::Insert) {
    sql = "INSERT INTO " + quoteName(type.name) + " (" + text::join(names, ", ") + ") VALUES (" + text::join(values, ", ") + ")";
  } else {
    std::vector<std::string> assignments;
    for (size_t i = 0; i < names.size(); ++i) assignments.push_back(names[i] + " = " + values[i]);
    sql = "UPDATE " + quoteName(type.name) + " SET " + text::join(assignments, ", ") + " WHERE \"Id\" = ?" +
          std::to_string(names.size() + 1);
  }
  auto made = std::make_unique<Statement>(db_.handle(), sql);
  return *writes_.emplace(std::move(key), std::move(made)).first->second;
}

uint64_t& SqliteStore::counter(const SObjectType& type) {
  auto found = counters_.find(type.keyPrefix);
  if (found != counters_.end()) return found->second;
  uint64_t last = uint64_t(savedCounter(type.keyPrefix).value_or(0));
  // Records stored with Ids of their own (an org's setup data) count too.
  ensureTable(type);
  Statement& highest = statement("SELECT max(\"Id\") FROM " + quoteName(type.name) + " WHERE \"Id\" >= ?1 AND \"Id\" < ?2");
  highest.bindText(1, type.keyPrefix);
  highest.bindText(2, type.keyPrefix + "\x7f");
  if (highest.step() && !highest.isNull(0)) last = std::max(last, recordNumber(highest.columnText(0)).value_or(0));
  highest.reset();
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
  Statement& saved = statement("SELECT last FROM apexrun_id_counters WHERE prefix = ?1");
  saved.bindText(1, key);
  std::optional<int64_t> last;
  if (saved.step()) last = saved.columnInt(0);
  saved.reset();
  return last;
}

void SqliteStore::saveCounter(const std::string& key, int64_t last) {
  Statement& save = statement(
      "INSERT INTO apexrun_id_counters (prefix, last) VALUES (?1, ?2) "
      "ON CONFLICT (prefix) DO UPDATE SET last = excluded.last");
  save.bindText(1, key);
  save.bindInt(2, last);
  save.run();
}

void SqliteStore::insert(const SObjectType& type, std::span<SObjectObj* const> records) {
  ensureTable(type);
  std::vector<const SObjectField*> fields, previous;
  Statement* insert = nullptr;
  for (const SObjectObj* record : records) {
    storedFields(*record, fields);
    if (!insert || fields != previous) {
      insert = &writeStatement(Write::Insert, type, fields);
      previous = fields;
    }
    int index = 1;
    for (const SObjectObj::FieldValue& value : record->fields)
      if (hasColumn(value.field->type)) bindField(*insert, index++, *value.field, value.value);
    insert->run();
  }
}

void SqliteStore::update(const SObjectType& type, std::span<SObjectObj* const> records) {
  ensureTable(type);
  std::vector<const SObjectField*> fields;
  for (const SObjectObj* record : records) {
    const Value* id = idValue(*record);
    if (!id || id->isNull()) throw DataStoreError("a record to update has no Id");
    storedFields(*record, fields);
    std::erase_if(fields, [](const SObjectField* field) { return isIdField(*field); });
    if (fields.empty()) continue;
    Statement& update = writeStatement(Write::Update, type, fields);
    int index = 1;
    for (const SObjectObj::FieldValue& value : record->fields)
      if (hasColumn(value.field->type) && !isIdField(*value.field)) bindField(update, index++, *value.field, value.value);
    update.bindText(index, toEighteen(id->as<interp::StringObj>()->text));
    update.run();
  }
}

void SqliteStore::setDeleted(const SObjectType& type, std::span<const std::string> ids, bool deleted) {
  if (!type.field("IsDeleted")) return;
  ensureTable(type);
  Statement& mark = statement("UPDATE " + quoteName(type.name) + " SET \"IsDeleted\" = ?1 WHERE \"Id\" = ?2");
  for (const std::string& id : ids) {
    mark.bindInt(1, deleted ? 1 : 0);
    mark.bindText(2, toEighteen(id));
    mark.run();
  }
}

void SqliteStore::erase(const SObjectType& type, std::span<const std::string> ids) {
  ensureTable(type);
  Statement& remove = statement("DELETE FROM " + quoteName(type.name) + " WHERE \"Id\" = ?1");
  for (const std::string& id : ids) {
    remove.bindText(1, toEighteen(id));
    remove.run();
  }
}

void SqliteStore::removeAll(const SObjectType& type) {
  ensureTable(type);
  statement("DELETE FROM " + quoteName(type.name)).run();
}

std::vector<Value> SqliteStore::load(interp::Interp& vm, const SObjectType& type, std::span<const std::string> ids) {
  ensureTable(type);
  std::vector<const SObjectField*> fields;
  std::vector<std::string> names;
  for (const SObjectField& field : type.fields()) {
    if (!hasColumn(field.type)) continue;
    fields.push_back(&field);
    names.push_back(quoteName(field.name));
  }
  Statement& read = statement("SELECT " + text::join(names, ", ") + " FROM " + quoteName(type.name) + " WHERE \"Id\" = ?1");
  std::vector<Value> records;
  for (const std::string& id : ids) {
    read.bindText(1, toEighteen(id));
    if (read.step()) {
      Value record = vm.makeSObject(type);
      auto* object = record.as<SObjectObj>();
      for (size_t i = 0; i < fields.size(); ++i) object->set(fields[i], readField(vm, read, int(i), fields[i]->type));
      records.push_back(std::move(record));
    }
    read.reset();
  }
  return records;
}

// A value compares as stored: text columns ignore case (COLLATE NOCASE).
std::vector<std::pair<Value, std::string>> SqliteStore::findByField(interp::Interp&, const SObjectType& type,
                                                                  const SObjectField& field,
                                                                  std::span<const Value> values, bool inRecycleBin) {
  ensureTable(type);
  std::string sql = "SELECT \"Id\" FROM " + quoteName(type.name) + " WHERE " + quoteName(field.name) + " = ?1";
  if (type.field("IsDeleted")) sql += inRecycleBin ? " AND \"IsDeleted\" = 1" : " AND \"IsDeleted\" = 0";
  else if (inRecycleBin) return {};
  Statement& find = statement(sql);
  std::vector<std::pair<Value, std::string>> found;
  for (const Value& value : values) {
    bindField(find, 1, field, value);
    while (find.step()) found.emplace_back(value, std::string(find.columnText(0)));
    find.reset();
  }
  return found;
}

Value SqliteStore::query(interp::Interp& vm, const soql::Query& query, const interp::QueryBinds& binds) {
  QueryContext context{schema_, clock_(), vm.userZone()};
  Executor executor(*this);
  return runQuery(vm, query, binds, context, executor);
}

Value SqliteStore::search(interp::Interp& vm, const sosl::Search& search, const interp::SearchMatch& match,
                          const interp::QueryBinds& binds) {
  QueryContext context{schema_, clock_(), vm.userZone()};
  Executor executor(*this);
  std::vector<const SObjectType*> everyObject;
  if (search.returning.empty()) everyObject = storedObjects();
  return runSearch(vm, search, match, binds, context, executor, everyObject);
}

// The objects that have a table (any other has no records), by name.
std::vector<const SObjectType*> SqliteStore::storedObjects() {
  std::vector<const SObjectType*> objects;
  Statement& tables = statement("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  while (tables.step())
    if (const SObjectType* type = schema_.object(tables.columnText(0))) objects.push_back(type);
  tables.reset();
  return objects;
}

int64_t SqliteStore::savepoint() {
  ++lastSavepoint_;
  db_.exec("SAVEPOINT apexrun_" + std::to_string(lastSavepoint_));
  return lastSavepoint_;
}

void SqliteStore::rollbackTo(int64_t savepoint) {
  db_.exec("ROLLBACK TO apexrun_" + std::to_string(savepoint));
  rolledBack();
}

void SqliteStore::begin() { db_.exec("BEGIN"); }

bool SqliteStore::inTransaction() const { return sqlite3_get_autocommit(db_.handle()) == 0; }

void SqliteStore::commit() {
  db_.exec("COMMIT");
  schemaChanged_ = false;
}

void SqliteStore::rollback() {
  db_.exec("ROLLBACK");
  rolledBack();
  schemaChanged_ = false;
}

// Tables made in what was rolled back are gone: look again before use.
void SqliteStore::rolledBack() {
  if (schemaChanged_) tables_.clear();
}

}  // namespace apex::runtime
