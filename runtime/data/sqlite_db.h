// SQLite through its C API, for the record store: one connection, and
// prepared statements that are bound, stepped and reset again for every
// record, so that no SQL text is built per record.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace apex::runtime {

// A failure of the database itself (a file that is not SQLite, a full
// disk, a locked file): what was being done and SQLite's message. The
// host reports it; Apex code never sees it.
class DataStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value bound to a `?N` parameter of a translated query.
using SqlParam = std::variant<std::monostate, std::int64_t, double, std::string>;

class Statement {
 public:
  // Throws DataStoreError naming SQLite's complaint about `sql`.
  Statement(sqlite3* db, const std::string& sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters count from 1. Text and blobs are copied.
  void bindNull(int index);
  void bindInt(int index, std::int64_t value);
  void bindDouble(int index, double value);
  void bindText(int index, std::string_view text);
  void bindBlob(int index, std::string_view bytes);
  void bind(int index, const SqlParam& param);

  // The next row (true) or the end (false); throws DataStoreError.
  bool step();
  // Steps a statement that returns no rows, then resets it.
  void run();
  // Ready to bind and run again, with no parameter bound.
  void reset();

  bool isNull(int column) const;
  bool isText(int column) const;
  bool isInteger(int column) const;
  std::int64_t columnInt(int column) const;
  double columnDouble(int column) const;
  std::string_view columnText(int column) const;
  std::string_view columnBlob(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database {
 public:
  // ":memory:" or a file, created when missing. Throws DataStoreError when
  // it cannot be opened or is not a SQLite database.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return db_; }
  // Runs statements that return no rows; throws DataStoreError.
  void exec(const std::string& sql);

 private:
  sqlite3* db_ = nullptr;
};

// `name` as a quoted SQL identifier ("Account", "Amount__c").
std::string quoteName(std::string_view name);

}  // namespace apex::runtime
