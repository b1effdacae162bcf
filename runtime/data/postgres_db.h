// PostgreSQL through libpq, for the record store: one connection, and
// statements that collect their parameters and run when first stepped
// (PQexecParams: the parameters travel apart from the SQL, never spliced
// into it), their rows read as text. A double is a float8 parameter, so
// that it compares with an integer or numeric column as a double, as in
// SQLite.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/data/sql_statement.h"

struct pg_conn;
struct pg_result;

namespace apex::runtime {

class PostgresStatement : public SqlStatement {
 public:
  PostgresStatement(pg_conn* connection, std::string sql) : connection_(connection), sql_(std::move(sql)) {}
  ~PostgresStatement() override;
  PostgresStatement(const PostgresStatement&) = delete;
  PostgresStatement& operator=(const PostgresStatement&) = delete;

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
  // A parameter's text, or a bytea's bytes; of the type PostgreSQL infers
  // from where it stands, but for a double and a bytea.
  enum class Kind : uint8_t { Inferred, Double, Bytes };
  struct Param {
    std::optional<std::string> value;
    Kind kind = Kind::Inferred;
  };
  Param& at(int index);
  void execute();

  pg_conn* connection_;
  std::string sql_;
  std::vector<Param> params_;
  pg_result* result_ = nullptr;
  int row_ = -1;
  mutable std::string blob_;  // the last bytea read, unescaped
};

class PostgresConnection : public SqlConnection {
 public:
  // `url`: postgresql://user@host:port/dbname (libpq's connection URI).
  // Throws DataStoreError when the server cannot be reached.
  explicit PostgresConnection(const std::string& url);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  pg_conn* handle() const { return connection_; }
  SqlDialect dialect() const override { return SqlDialect::Postgres; }
  std::unique_ptr<SqlStatement> prepare(const std::string& sql) override;
  void exec(const std::string& sql) override;
  // Whether a transaction is open.
  bool inTransaction() const;

 private:
  pg_conn* connection_ = nullptr;
};

}  // namespace apex::runtime
