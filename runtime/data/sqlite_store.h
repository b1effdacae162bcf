// The org's records in SQLite: interp::DataStorePort for the engine, and
// the transaction of a run or a test method for the host.
//
// One table per sObject type, created when first needed (and given the
// columns a newer schema added, for a file an older apexrun made); a
// column per field as field_values.h describes; an index on Id and on
// every reference field. Record Ids count per key prefix in the table
// apexrun_id_counters, so that a file org never gives an Id twice.
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

#include "interp/ports.h"
#include "runtime/data/sqlite_db.h"
#include "sema/schema.h"

namespace apex::runtime {

class SqliteStore : public interp::DataStorePort {
 public:
  // The org in `path` (created when missing), or a fresh one for
  // ":memory:". `schema` must outlive the store. Throws DataStoreError
  // when the file cannot be opened or is not an org's database.
  explicit SqliteStore(const sema::Schema& schema, const std::string& path = ":memory:");
  ~SqliteStore() override;

  std::vector<std::string> newIds(const sema::SObjectType& type, size_t count) override;
  int64_t takeNumbers(const sema::SObjectType& type, const sema::SObjectField& field, int64_t count) override;
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

  // Removes every record of `type`, recycle bin included: the host's
  // replacing of records that come from metadata (custom metadata types).
  void removeAll(const sema::SObjectType& type);

  // The host's transaction: a run is one, and so is each test method
  // (rolled back when it ends).
  void begin();
  void commit();
  void rollback();
  // Whether a begin() is open.
  bool inTransaction() const;

  // What queries take as now (date literals): milliseconds since the epoch.
  // By default the system clock.
  void setClock(std::function<int64_t()> nowMillis) { clock_ = std::move(nowMillis); }

 private:
  class Executor;
  enum class Write : uint8_t { Insert, Update };
  using WriteKey = std::tuple<Write, const sema::SObjectType*, std::vector<const sema::SObjectField*>>;

  void ensureTable(const sema::SObjectType& type);
  void createTable(const sema::SObjectType& type);
  void addMissingColumns(const sema::SObjectType& type, const std::unordered_set<std::string>& existing);
  Statement& statement(const std::string& sql);
  Statement& writeStatement(Write write, const sema::SObjectType& type,
                            const std::vector<const sema::SObjectField*>& fields);
  uint64_t& counter(const sema::SObjectType& type);
  std::optional<int64_t> savedCounter(const std::string& key);
  void saveCounter(const std::string& key, int64_t last);
  std::vector<const sema::SObjectType*> storedObjects();
  void rolledBack();

  const sema::Schema& schema_;
  Database db_;
  std::unordered_set<const sema::SObjectType*> tables_;  // known to exist with every column
  bool schemaChanged_ = false;  // tables made or altered in the open transaction
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;  // by SQL text
  std::map<WriteKey, std::unique_ptr<Statement>> writes_;
  std::unordered_map<std::string, uint64_t> counters_;  // the last number given, by key prefix
  int64_t lastSavepoint_ = 0;
  std::function<int64_t()> clock_;
};

// One request's changes to the org's records (`apexrun serve`): kept by
// commit(), undone otherwise (an uncaught exception, a failing store).
// Inside another (a composite request's sub-request) it is a savepoint of
// the outer one, which decides at the end.
class RecordsTransaction {
 public:
  explicit RecordsTransaction(SqliteStore& store) : store_(store), nested_(store.inTransaction()) {
    if (nested_) savepoint_ = store_.savepoint();
    else store_.begin();
  }
  ~RecordsTransaction() {
    if (committed_) return;
    try {
      if (nested_) store_.rollbackTo(savepoint_);
      else store_.rollback();
    } catch (const DataStoreError&) {
      // The store is already unusable; the request's answer says why.
    }
  }
  RecordsTransaction(const RecordsTransaction&) = delete;
  RecordsTransaction& operator=(const RecordsTransaction&) = delete;
  void commit() {
    if (!nested_) store_.commit();
    committed_ = true;
  }

 private:
  SqliteStore& store_;
  bool nested_;
  int64_t savepoint_ = 0;
  bool committed_ = false;
};

}  // namespace apex::runtime
