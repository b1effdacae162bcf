// The org's records in PostgreSQL (record_store.h): `--db
// postgresql://user@host:port/dbname`, one org that several apexrun
// processes share.
//
// Tables and columns as SqliteStore makes them, in PostgreSQL's types
// (field_values.h), each with a serial apexrun_row that orders ties. Schema
// changes take a transaction-scoped advisory lock, so that two processes
// starting at once do not both create a table; so does adding the setup
// records, so that they do not both add them. Id and auto-number counters
// are rows of apexrun_id_counters advanced with one INSERT ... ON CONFLICT
// DO UPDATE ... RETURNING in the caller's transaction: the row stays locked
// until it ends, so no two processes give the same number.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "runtime/data/postgres_db.h"
#include "runtime/data/sql_record_store.h"

namespace apex::runtime {

class PostgresStore : public SqlRecordStore {
 public:
  // Connects to `url` and makes the store's own table and functions.
  // Throws DataStoreError when the server cannot be reached.
  PostgresStore(const sema::Schema& schema, const std::string& url);
  ~PostgresStore() override;

  std::vector<std::string> newIds(const sema::SObjectType& type, size_t count) override;
  int64_t takeNumbers(const sema::SObjectType& type, const sema::SObjectField& field, int64_t count) override;
  bool inTransaction() const override;
  void lockForSetup() override;

 protected:
  std::unique_ptr<SqlStatement> prepare(const std::string& sql) override;
  void exec(const std::string& sql) override { connection_.exec(sql); }
  void ensureTable(const sema::SObjectType& type) override;
  std::string columnNamesSql() const override;
  std::string tableNamesSql() const override;
  void rolledBack() override;

 private:
  void changeSchema(const sema::SObjectType& type);
  int64_t advance(const std::string& key, int64_t count, int64_t floor);

  PostgresConnection connection_;
  std::unordered_set<std::string> counted_;  // counters known to have their row
};

}  // namespace apex::runtime
