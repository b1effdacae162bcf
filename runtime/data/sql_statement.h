// A prepared SQL statement as the record stores use it, whatever the
// database: parameters bound by number, rows stepped through, columns read.
// SQLite's (sqlite_db.h) and PostgreSQL's (postgres_db.h) implement it, so
// that field_values.h and soql_sql.h read and write records once for both.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace apex::runtime {

// A failure of the database itself (a file that is not SQLite, a full
// disk, a locked file, a server that went away): what was being done and
// the database's message. The host reports it; Apex code never sees it.
class DataStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value bound to a parameter of a translated query.
using SqlParam = std::variant<std::monostate, std::int64_t, double, std::string>;

// The SQL a store speaks: what soql_sql.h translates to and how
// field_values.h declares columns.
enum class SqlDialect : uint8_t { Sqlite, Postgres };

class SqlStatement {
 public:
  virtual ~SqlStatement() = default;

  // Parameters count from 1. Text and blobs are copied.
  virtual void bindNull(int index) = 0;
  virtual void bindInt(int index, std::int64_t value) = 0;
  virtual void bindDouble(int index, double value) = 0;
  virtual void bindText(int index, std::string_view text) = 0;
  virtual void bindBlob(int index, std::string_view bytes) = 0;
  void bind(int index, const SqlParam& param);

  // The next row (true) or the end (false); throws DataStoreError.
  virtual bool step() = 0;
  // Steps a statement that returns no rows, then resets it.
  void run();
  // Ready to bind and run again, with no parameter bound.
  virtual void reset() = 0;

  virtual bool isNull(int column) const = 0;
  virtual bool isText(int column) const = 0;
  virtual bool isInteger(int column) const = 0;
  virtual std::int64_t columnInt(int column) const = 0;
  virtual double columnDouble(int column) const = 0;
  virtual std::string_view columnText(int column) const = 0;
  virtual std::string_view columnBlob(int column) const = 0;
};

// A connection to a database: SQLite's (sqlite_db.h) or PostgreSQL's
// (postgres_db.h).
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;
  // A new statement of `sql`; throws DataStoreError when it does not compile.
  virtual std::unique_ptr<SqlStatement> prepare(const std::string& sql) = 0;
  // Runs statements that return no rows; throws DataStoreError.
  virtual void exec(const std::string& sql) = 0;
};

// Parameter `n` (from 1) in `dialect`'s SQL: ?1 or $1.
std::string sqlParam(SqlDialect dialect, int n);

// `name` as a quoted SQL identifier ("Account", "Amount__c").
std::string quoteName(std::string_view name);
// `text` as a quoted SQL string literal ('it''s').
std::string quoteText(std::string_view text);

}  // namespace apex::runtime
