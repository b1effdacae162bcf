#include "runtime/data/sql_record_store.h"

#include <chrono>

#include "base/record_id.h"
#include "base/text.h"
#include "interp/interp.h"
#include "runtime/data/field_values.h"
#include "runtime/data/sosl_sql.h"

namespace apex::runtime {

using interp::SObjectObj;
using interp::Value;
using sema::SObjectField;
using sema::SObjectType;

namespace {

int64_t systemNowMillis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool isIdField(const SObjectField& field) { return text::equalsIgnoreAsciiCase(field.name, "Id"); }

// Statements kept; past this many the cache starts again.
constexpr size_t kMaxCachedStatements = 256;

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
class SqlRecordStore::Executor : public SqlExecutor {
 public:
  explicit Executor(SqlRecordStore& store) : store_(store) {}
  SqlStatement& prepare(const SqlQuery& query) override {
    for (const SObjectType* object : query.objects) store_.ensureTable(*object);
    SqlStatement& statement = store_.statement(query.sql);
    for (size_t i = 0; i < query.params.size(); ++i) statement.bind(int(i + 1), query.params[i]);
    return statement;
  }

 private:
  SqlRecordStore& store_;
};

SqlRecordStore::SqlRecordStore(const sema::Schema& schema, SqlDialect dialect)
    : schema_(schema), dialect_(dialect), clock_(systemNowMillis) {}

std::string SqlRecordStore::param(int n) const { return sqlParam(dialect_, n); }

SqlStatement& SqlRecordStore::statement(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) {
    found->second->reset();
    return *found->second;
  }
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();
  return *statements_.emplace(sql, prepare(sql)).first->second;
}

void SqlRecordStore::commit() {
  exec("COMMIT");
  schemaChanged_ = false;
}

void SqlRecordStore::rollback() {
  exec("ROLLBACK");
  rolledBack();
  schemaChanged_ = false;
}

void SqlRecordStore::rolledBack() {
  if (schemaChanged_) tables_.clear();
}

std::unordered_set<std::string> SqlRecordStore::existingColumns(const SObjectType& type) {
  std::unordered_set<std::string> existing;
  SqlStatement& columns = statement(columnNamesSql());
  columns.bindText(1, type.name);
  while (columns.step()) existing.insert(text::foldCase(columns.columnText(0)));
  columns.reset();
  return existing;
}

std::vector<std::string> SqlRecordStore::schemaChanges(const SObjectType& type,
                                                       const std::unordered_set<std::string>& existing) const {
  if (existing.empty()) return {createTableSql(type)};
  std::vector<std::string> changes;
  for (const SObjectField& field : type.fields())
    if (hasColumn(field.type) && !existing.count(text::foldCase(field.name))) changes.push_back(addColumnSql(type, field));
  return changes;
}

std::vector<const SObjectType*> SqlRecordStore::storedObjects() {
  std::vector<const SObjectType*> objects;
  SqlStatement& tables = statement(tableNamesSql());
  while (tables.step())
    if (const SObjectType* type = schema_.object(tables.columnText(0))) objects.push_back(type);
  tables.reset();
  return objects;
}

std::string SqlRecordStore::createTableSql(const SObjectType& type) const {
  std::vector<std::string> columns{"\"Id\" " + std::string(columnDeclaration(sema::FieldType::Id, dialect_)) +
                                   " PRIMARY KEY"};
  if (dialect_ == SqlDialect::Postgres) columns.push_back("apexrun_row bigserial");
  for (const SObjectField& field : type.fields())
    if (hasColumn(field.type) && !isIdField(field))
      columns.push_back(quoteName(field.name) + " " + std::string(columnDeclaration(field.type, dialect_)));
  return "CREATE TABLE " + quoteName(type.name) + " (" + text::join(columns, ", ") + ")";
}

std::string SqlRecordStore::addColumnSql(const SObjectType& type, const SObjectField& field) const {
  return "ALTER TABLE " + quoteName(type.name) + " ADD COLUMN " + quoteName(field.name) + " " +
         std::string(columnDeclaration(field.type, dialect_));
}

std::vector<std::string> SqlRecordStore::indexSql(const SObjectType& type) const {
  std::vector<std::string> indexes;
  for (const SObjectField& field : type.fields())
    if (field.isReference())
      indexes.push_back("CREATE INDEX IF NOT EXISTS " + quoteName(type.name + "." + field.name) + " ON " +
                        quoteName(type.name) + " (" + quoteName(field.name) + ")");
  return indexes;
}

uint64_t SqlRecordStore::highestStoredNumber(const SObjectType& type) {
  ensureTable(type);
  SqlStatement& highest = statement("SELECT max(\"Id\") FROM " + quoteName(type.name) + " WHERE \"Id\" >= " +
                                    param(1) + " AND \"Id\" < " + param(2));
  highest.bindText(1, type.keyPrefix);
  highest.bindText(2, type.keyPrefix + "\x7f");
  uint64_t last = 0;
  if (highest.step() && !highest.isNull(0)) last = recordNumber(highest.columnText(0)).value_or(0);
  highest.reset();
  return last;
}

// One statement per object and set of fields, its SQL made the first time.
SqlStatement& SqlRecordStore::writeStatement(Write write, const SObjectType& type,
                                             const std::vector<const SObjectField*>& fields) {
  WriteKey key{write, &type, fields};
  auto found = writes_.find(key);
  if (found != writes_.end()) return statement(found->second);
  std::vector<std::string> names, values;
  for (const SObjectField* field : fields) {
    names.push_back(quoteName(field->name));
    values.push_back(param(int(values.size() + 1)));
  }
  std::string sql;
  if (write == Write::Insert) {
    sql = "INSERT INTO " + quoteName(type.name) + " (" + text::join(names, ", ") + ") VALUES (" + text::join(values, ", ") + ")";
  } else {
    std::vector<std::string> assignments;
    for (size_t i = 0; i < names.size(); ++i) assignments.push_back(names[i] + " = " + values[i]);
    sql = "UPDATE " + quoteName(type.name) + " SET " + text::join(assignments, ", ") + " WHERE \"Id\" = " +
          param(int(names.size() + 1));
  }
  return statement(writes_.emplace(std::move(key), std::move(sql)).first->second);
}

void SqlRecordStore::insert(const SObjectType& type, std::span<SObjectObj* const> records) {
  ensureTable(type);
  std::vector<const SObjectField*> fields;
  for (const SObjectObj* record : records) {
    storedFields(*record, fields);
    SqlStatement& insert = writeStatement(Write::Insert, type, fields);
    int index = 1;
    for (const SObjectObj::FieldValue& value : record->fields)
      if (hasColumn(value.field->type)) bindField(insert, index++, *value.field, value.value);
    insert.run();
  }
}

void SqlRecordStore::update(const SObjectType& type, std::span<SObjectObj* const> records) {
  ensureTable(type);
  std::vector<const SObjectField*> fields;
  for (const SObjectObj* record : records) {
    const Value* id = idValue(*record);
    if (!id || id->isNull()) throw DataStoreError("a record to update has no Id");
    storedFields(*record, fields);
    std::erase_if(fields, [](const SObjectField* field) { return isIdField(*field); });
    if (fields.empty()) continue;
    SqlStatement& update = writeStatement(Write::Update, type, fields);
    int index = 1;
    for (const SObjectObj::FieldValue& value : record->fields)
      if (hasColumn(value.field->type) && !isIdField(*value.field)) bindField(update, index++, *value.field, value.value);
    update.bindText(index, toEighteen(id->as<interp::StringObj>()->text));
    update.run();
  }
}

void SqlRecordStore::setDeleted(const SObjectType& type, std::span<const std::string> ids, bool deleted) {
  if (!type.field("IsDeleted")) return;
  ensureTable(type);
  std::string sql = "UPDATE " + quoteName(type.name) + " SET \"IsDeleted\" = " + param(1) + " WHERE \"Id\" = " + param(2);
  for (const std::string& id : ids) {
    SqlStatement& mark = statement(sql);
    mark.bindInt(1, deleted ? 1 : 0);
    mark.bindText(2, toEighteen(id));
    mark.run();
  }
}

void SqlRecordStore::erase(const SObjectType& type, std::span<const std::string> ids) {
  ensureTable(type);
  std::string sql = "DELETE FROM " + quoteName(type.name) + " WHERE \"Id\" = " + param(1);
  for (const std::string& id : ids) {
    SqlStatement& remove = statement(sql);
    remove.bindText(1, toEighteen(id));
    remove.run();
  }
}

void SqlRecordStore::removeAll(const SObjectType& type) {
  ensureTable(type);
  statement("DELETE FROM " + quoteName(type.name)).run();
}

std::vector<Value> SqlRecordStore::load(interp::Interp& vm, const SObjectType& type, std::span<const std::string> ids) {
  ensureTable(type);
  std::vector<const SObjectField*> fields;
  std::vector<std::string> names;
  for (const SObjectField& field : type.fields()) {
    if (!hasColumn(field.type)) continue;
    fields.push_back(&field);
    names.push_back(quoteName(field.name));
  }
  std::string sql = "SELECT " + text::join(names, ", ") + " FROM " + quoteName(type.name) + " WHERE \"Id\" = " + param(1);
  std::vector<Value> records;
  for (const std::string& id : ids) {
    SqlStatement& read = statement(sql);
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

// A value compares as SOQL's `=` does: text ignoring the case of ASCII
// letters (SQLite's NOCASE columns; lower() of PostgreSQL's "C" ones).
std::vector<std::pair<Value, std::string>> SqlRecordStore::findByField(interp::Interp&, const SObjectType& type,
                                                                     const SObjectField& field,
                                                                     std::span<const Value> values, bool inRecycleBin) {
  ensureTable(type);
  bool foldText = dialect_ == SqlDialect::Postgres && sema::isTextType(field.type);
  std::string column = quoteName(field.name);
  std::string sql = "SELECT \"Id\" FROM " + quoteName(type.name) + " WHERE " +
                    (foldText ? "lower(" + column + ") = lower(" + param(1) + "::text COLLATE \"C\")"
                              : column + " = " + param(1));
  if (type.field("IsDeleted")) sql += inRecycleBin ? " AND \"IsDeleted\" = 1" : " AND \"IsDeleted\" = 0";
  else if (inRecycleBin) return {};
  std::vector<std::pair<Value, std::string>> found;
  for (const Value& value : values) {
    SqlStatement& find = statement(sql);
    bindField(find, 1, field, value);
    while (find.step()) found.emplace_back(value, std::string(find.columnText(0)));
    find.reset();
  }
  return found;
}

QueryContext SqlRecordStore::queryContext(interp::Interp& vm) const {
  return QueryContext{schema_, clock_(), vm.userZone(), dialect_};
}

Value SqlRecordStore::query(interp::Interp& vm, const soql::Query& query, const interp::QueryBinds& binds) {
  Executor executor(*this);
  return runQuery(vm, query, binds, queryContext(vm), executor);
}

Value SqlRecordStore::search(interp::Interp& vm, const sosl::Search& search, const interp::SearchMatch& match,
                             const interp::QueryBinds& binds) {
  Executor executor(*this);
  std::vector<const SObjectType*> everyObject;
  if (search.returning.empty()) everyObject = storedObjects();
  return runSearch(vm, search, match, binds, queryContext(vm), executor, everyObject);
}

int64_t SqlRecordStore::savepoint() {
  ++lastSavepoint_;
  exec("SAVEPOINT apexrun_" + std::to_string(lastSavepoint_));
  return lastSavepoint_;
}

void SqlRecordStore::rollbackTo(int64_t savepoint) {
  exec("ROLLBACK TO apexrun_" + std::to_string(savepoint));
  rolledBack();
}

}  // namespace apex::runtime
