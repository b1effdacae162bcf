// The org's records as the engine and the host use them, whatever keeps
// them: interp::DataStorePort (the engine's DML, queries and savepoints)
// plus the host's transaction of a run, a test method or a REST request.
//
// Its stores, chosen by openRecordStore from the --db value:
//   SqliteStore (sqlite_store.h)      an in-memory org, or a file: `--db org.db`
//   PostgresStore (postgres_store.h)  `--db postgresql://user@host:port/db`,
//                                     one org shared by several processes
//
// What the two share, written once:
//   - SqlStatement (sql_statement.h): bind, step, read a column; both
//     databases' statements implement it, so field_values.h writes and reads
//     fields, and soql_sql.h turns rows into records, for both.
//   - The SOQL translation (soql_sql.h) stays one pure function; its
//     QueryContext names the SqlDialect, and the few places the SQL
//     differs ask it: parameters (`?1` / `$1`), truth values (0/1 /
//     false/true), `IS` / `IS NOT DISTINCT FROM`, the tie-breaking row order
//     (rowid / a serial column), text that ignores case (SQLite's
//     COLLATE NOCASE / lower() of a "C"-collated column, which folds ASCII
//     letters only, as NOCASE does), numbers (exact decimal text cast to
//     REAL / native `numeric`), LIKE (SQLite's ASCII-case-insensitive LIKE
//     / lower() on both sides).
//   - What SQLite does with functions registered on the connection,
//     PostgreSQL does natively or with SQL functions the store creates at
//     start-up: decimal SUM/MIN/MAX/AVG are `numeric`'s own (exact);
//     apexrun_date_part is a SQL function over the same stored integers
//     (days, milliseconds) and the zone's IANA name; a SOSL term's match is a
//     regular expression the translation builds from the term's words.
//   - Id and auto-number counters: a row per key in apexrun_id_counters,
//     read and advanced in the request's transaction. PostgreSQL takes the
//     row with `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` (a row lock
//     held to the transaction's end), so two processes never give the same
//     Id; SQLite's file lock already serializes writers.
//   - Schema creation (a table per sObject, columns a newer schema adds) and
//     the org's setup records in PostgreSQL are added under
//     transaction-scoped advisory locks, so two processes starting at once
//     neither race to create the same table nor both add the records.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "interp/ports.h"
#include "runtime/data/sql_statement.h"
#include "sema/schema.h"

namespace apex::runtime {

class RecordStore : public interp::DataStorePort {
 public:
  // Removes every record of `type`, recycle bin included: the host's
  // replacing of records that come from metadata (custom metadata types).
  virtual void removeAll(const sema::SObjectType& type) = 0;

  // The host's transaction: a run is one, and so is each test method
  // (rolled back when it ends).
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // Whether a begin() is open.
  virtual bool inTransaction() const = 0;
  // Inside a transaction: other processes that share the org wait here
  // until it ends, so that only one at a time looks for the org's setup
  // records and adds the missing ones. A store only one process uses at a
  // time (SQLite's) has nothing to do.
  virtual void lockForSetup() {}

  // What queries take as now (date literals): milliseconds since the epoch.
  // By default the system clock.
  virtual void setClock(std::function<int64_t()> nowMillis) = 0;
};

// One request's changes to the org's records (`apexrun serve`): kept by
// commit(), undone otherwise (an uncaught exception, a failing store).
// Inside another (a composite request's sub-request) it is a savepoint of
// the outer one, which decides at the end.
class RecordsTransaction {
 public:
  explicit RecordsTransaction(RecordStore& store) : store_(store), nested_(store.inTransaction()) {
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
  RecordStore& store_;
  bool nested_;
  int64_t savepoint_ = 0;
  bool committed_ = false;
};

// The store `location` (a --db value) names: a PostgreSQL database for a
// postgresql:// or postgres:// URL (libpq's connection URI), else a SQLite
// file (empty: a fresh org in memory). Throws DataStoreError when it cannot
// be opened; its message never holds the URL, which may hold a password.
std::unique_ptr<RecordStore> openRecordStore(const sema::Schema& schema, const std::string& location);
// Another connection to the database `location` (a --db value) names, for
// what the host keeps beside the records (serve's OAuth state); nullptr for
// an org in memory, which no other connection sees. Throws DataStoreError.
std::unique_ptr<SqlConnection> openSqlConnection(const std::string& location);
// Whether `location` (a --db value) names a PostgreSQL database.
bool isPostgresUrl(std::string_view location);

}  // namespace apex::runtime
