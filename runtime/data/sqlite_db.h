// SQLite through its C API, for the record store: one connection, and
// prepared statements that are bound, stepped and reset again for every
// record, so that no SQL text is built per record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/data/sql_statement.h"

struct sqlite3;
struct sqlite3_stmt;

namespace apex::runtime {

class Statement : public SqlStatement {
 public:
  // Throws DataStoreError naming SQLite's complaint about `sql`.
  Statement(sqlite3* db, const std::string& sql);
  ~Statement() override;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bindNull(int index) override;
  void bindInt(int index, std::int64_t value) override;
  void bindDouble(int index, double value) override;
  void bindText(int index, std::string_view text) override;
  void bindBlob(int index, std::string_view bytes) override;
  bool step() override;
  void reset() override;
  bool isNull(int column) const override;
  bool isText(int column) const override;
  bool isInteger(int column) const override;
  std::int64_t columnInt(int column) const override;
  double columnDouble(int column) const override;
  std::string_view columnText(int column) const override;
  std::string_view columnBlob(int column) const override;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Database : public SqlConnection {
 public:
  // ":memory:" or a file, created when missing. Throws DataStoreError when
  // it cannot be opened or is not a SQLite database.
  explicit Database(const std::string& path);
  ~Database() override;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return db_; }
  SqlDialect dialect() const override { return SqlDialect::Sqlite; }
  std::unique_ptr<SqlStatement> prepare(const std::string& sql) override;
  void exec(const std::string& sql) override;

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace apex::runtime
