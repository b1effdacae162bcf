// What the SQLite and PostgreSQL stores (record_store.h) share: records
// written, read, recycled and found through SqlStatement (one statement per
// object and set of fields, statements kept by their SQL), queries and
// searches through soql_sql.h in the store's dialect, the tables' SQL,
// transactions and savepoints. Each store adds its connection, when it
// makes tables and how it counts Ids.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "runtime/data/record_store.h"
#include "runtime/data/soql_sql.h"
#include "sema/schema.h"

namespace apex::runtime {

class SqlRecordStore : public RecordStore {
 public:
  // `schema` must outlive the store.
  SqlRecordStore(const sema::Schema& schema, SqlDialect dialect);

  void insert(const sema::SObjectType& type, std::span<interp::SObjectObj* const> records) override;
  void update(const sema::SObjectType& type, std::span<interp::SObjectObj* const> records) override;
  void setDeleted(const sema::SObjectType& type, std::span<const std::string> ids, bool deleted) override;
  void erase(const sema::SObjectType& type, std::span<const std::string> ids) override;
  std::vector<interp::Value> load(interp::Interp& vm, const sema::SObjectType& type,
                                  std::span<const std::string> ids) override;
  std::vector<std::pair<interp::Value, std::string>> findByField(interp::Interp& vm, const sema::SObjectType& type,
                                                                 const sema::SObjectField& field,
                                                                 std::span<const interp::Value> values,
                                                                 bool inRecycleBin) override;
  interp::Value query(interp::Interp& vm, const soql::Query& query, const interp::QueryBinds& binds) override;
  interp::Value search(interp::Interp& vm, const sosl::Search& search, const interp::SearchMatch& match,
                       const interp::QueryBinds& binds) override;
  int64_t savepoint() override;
  void rollbackTo(int64_t savepoint) override;
  void removeAll(const sema::SObjectType& type) override;
  void setClock(std::function<int64_t()> nowMillis) override { clock_ = std::move(nowMillis); }
  void begin() override { exec("BEGIN"); }
  void commit() override;
  void rollback() override;

 protected:
  // A new statement of `sql` on the store's connection.
  virtual std::unique_ptr<SqlStatement> prepare(const std::string& sql) = 0;
  // Runs statements that return no rows; throws DataStoreError.
  virtual void exec(const std::string& sql) = 0;
  // Makes sure `type`'s table exists with every column (schemaChanges),
  // then adds it to tables_.
  virtual void ensureTable(const sema::SObjectType& type) = 0;
  // A query of the names of the columns of the table named by parameter 1.
  virtual std::string columnNamesSql() const = 0;
  // A query of the names of the database's tables, in byte order.
  virtual std::string tableNamesSql() const = 0;
  // After a rollback (to a savepoint or of the whole transaction): tables
  // made in what was rolled back are gone, so they are looked for again.
  virtual void rolledBack();

  // The statement of `sql`, reset and ready to bind: prepared once, then
  // kept (up to a number of them).
  SqlStatement& statement(const std::string& sql);
  // Drops the kept statements: a store does so before its connection closes.
  void dropStatements() { statements_.clear(); }

  // The names, case-folded, of the columns `type`'s table has (none: no table).
  std::unordered_set<std::string> existingColumns(const sema::SObjectType& type);
  // What makes `type`'s table, or gives it the columns missing from
  // `existing` (a file or database an older schema made): nothing when it
  // has them all. A table has a column per field (field_values.h) and, in
  // PostgreSQL, a row number (apexrun_row) that orders ties as SQLite's
  // rowid does.
  std::vector<std::string> schemaChanges(const sema::SObjectType& type,
                                         const std::unordered_set<std::string>& existing) const;
  // An index on every reference field.
  std::vector<std::string> indexSql(const sema::SObjectType& type) const;
  // The objects that have a table (any other has no records), by name.
  std::vector<const sema::SObjectType*> storedObjects();
  // Parameter `n` (from 1) in the store's SQL: ?1 or $1.
  std::string param(int n) const;
  // The highest record number among the stored Ids of `type` (records stored
  // with Ids of their own, an org's setup data, count too); 0 for none.
  uint64_t highestStoredNumber(const sema::SObjectType& type);

  const sema::Schema& schema_;
  const SqlDialect dialect_;
  std::unordered_set<const sema::SObjectType*> tables_;  // known to exist with every column
  bool schemaChanged_ = false;  // tables made or altered in the open transaction

 private:
  class Executor;
  enum class Write : uint8_t { Insert, Update };
  using WriteKey = std::tuple<Write, const sema::SObjectType*, std::vector<const sema::SObjectField*>>;

  SqlStatement& writeStatement(Write write, const sema::SObjectType& type,
                               const std::vector<const sema::SObjectField*>& fields);
  QueryContext queryContext(interp::Interp& vm) const;

  std::string createTableSql(const sema::SObjectType& type) const;
  std::string addColumnSql(const sema::SObjectType& type, const sema::SObjectField& field) const;

  std::unordered_map<std::string, std::unique_ptr<SqlStatement>> statements_;  // by SQL text
  std::map<WriteKey, std::string> writes_;  // the SQL of each, made once
  int64_t lastSavepoint_ = 0;
  std::function<int64_t()> clock_;
};

}  // namespace apex::runtime
