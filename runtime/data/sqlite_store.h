// The org's records in SQLite (record_store.h): in memory, or in a file.
//
// One table per sObject type, created when first needed (and given the
// columns a newer schema added, for a file an older apexrun made); a
// column per field as field_values.h describes; an index on Id and on
// every reference field. Record Ids count per key prefix in the table
// apexrun_id_counters, so that a file org never gives an Id twice.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/data/sql_record_store.h"
#include "runtime/data/sqlite_db.h"
#include "sema/schema.h"

namespace apex::runtime {

class SqliteStore : public SqlRecordStore {
 public:
  // The org in `path` (created when missing), or a fresh one for
  // ":memory:". `schema` must outlive the store. Throws DataStoreError
  // when the file cannot be opened or is not an org's database.
  explicit SqliteStore(const sema::Schema& schema, const std::string& path = ":memory:");
  ~SqliteStore() override;

  std::vector<std::string> newIds(const sema::SObjectType& type, size_t count) override;
  int64_t takeNumbers(const sema::SObjectType& type, const sema::SObjectField& field, int64_t count) override;
  bool inTransaction() const override;

 protected:
  std::unique_ptr<SqlStatement> prepare(const std::string& sql) override;
  void exec(const std::string& sql) override { db_.exec(sql); }
  void ensureTable(const sema::SObjectType& type) override;
  std::string columnNamesSql() const override { return "SELECT name FROM pragma_table_info(?1)"; }
  std::string tableNamesSql() const override {
    return "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
  }

 private:
  uint64_t& counter(const sema::SObjectType& type);
  std::optional<int64_t> savedCounter(const std::string& key);
  void saveCounter(const std::string& key, int64_t last);

  Database db_;
  std::unordered_map<std::string, uint64_t> counters_;  // the last number given, by key prefix
};

}  // namespace apex::runtime
