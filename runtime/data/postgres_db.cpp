#include "runtime/data/postgres_db.h"

#include <charconv>
#include <cstdlib>

#include "base/text.h"
#include "runtime/data/libpq.h"

namespace apex::runtime {
namespace {

// PostgreSQL's type Ids (pg_type) of the columns read back as numbers.
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23;
// ... and of the parameters that do not take the type of where they stand.
constexpr Oid kFloat8 = 701, kBytea = 17;

// libpq's messages end with a line break.
std::string messageOf(const char* message) { return std::string(text::trimJava(message)); }

[[noreturn]] void fail(pg_conn* connection, const std::string& doing) {
  throw DataStoreError(doing + ": " + messageOf(libpq().PQerrorMessage(connection)));
}

// Notices (a table that already exists) are not the user's concern.
void ignoreNotice(void*, const char*) {}

// libpq's complaint about a URL it cannot read may quote the part that
// holds the password: the error says only that the URL is unreadable.
void checkUrl(const std::string& url) {
  char* complaint = nullptr;
  PQconninfoOption* options = libpq().PQconninfoParse(url.c_str(), &complaint);
  libpq().PQconninfoFree(options);
  if (!complaint) return;
  libpq().PQfreemem(complaint);
  throw DataStoreError("cannot connect to PostgreSQL: libpq cannot read the URL (postgresql://USER@HOST:PORT/DBNAME)");
}

}  // namespace

PostgresStatement::~PostgresStatement() { libpq().PQclear(result_); }

PostgresStatement::Param& PostgresStatement::at(int index) {
  if (size_t(index) > params_.size()) params_.resize(size_t(index));
  return params_[size_t(index - 1)];
}

void PostgresStatement::bindNull(int index) { at(index) = {}; }
void PostgresStatement::bindInt(int index, std::int64_t value) { at(index) = {std::to_string(value)}; }

// The shortest text that reads back as `value` ("nan" and "inf" too).
void PostgresStatement::bindDouble(int index, double value) {
  char text[32];
  auto written = std::to_chars(text, text + sizeof text, value);
  at(index) = {std::string(text, written.ptr), Kind::Double};
}

void PostgresStatement::bindText(int index, std::string_view text) { at(index) = {std::string(text)}; }
void PostgresStatement::bindBlob(int index, std::string_view bytes) { at(index) = {std::string(bytes), Kind::Bytes}; }

void PostgresStatement::execute() {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  std::vector<Oid> types;
  for (const Param& param : params_) {
    values.push_back(param.value ? param.value->data() : nullptr);
    lengths.push_back(param.value ? int(param.value->size()) : 0);
    formats.push_back(param.kind == Kind::Bytes ? 1 : 0);
    types.push_back(param.kind == Kind::Bytes ? kBytea : param.kind == Kind::Double ? kFloat8 : 0);
  }
  result_ = libpq().PQexecParams(connection_, sql_.c_str(), int(params_.size()), types.data(), values.data(),
                                 lengths.data(), formats.data(), 0);
  ExecStatusType status = libpq().PQresultStatus(result_);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    std::string message = messageOf(libpq().PQresultErrorMessage(result_));
    reset();
    throw DataStoreError("cannot run `" + sql_ + "`: " + message);
  }
}

bool PostgresStatement::step() {
  if (!result_) execute();
  ++row_;
  return row_ < libpq().PQntuples(result_);
}

void PostgresStatement::reset() {
  libpq().PQclear(result_);
  result_ = nullptr;
  row_ = -1;
  params_.clear();
}

bool PostgresStatement::isNull(int column) const { return libpq().PQgetisnull(result_, row_, column) != 0; }

bool PostgresStatement::isInteger(int column) const {
  Oid type = libpq().PQftype(result_, column);
  return type == kInt8 || type == kInt4 || type == kInt2;
}

bool PostgresStatement::isText(int column) const { return !isNull(column) && !isInteger(column); }

std::int64_t PostgresStatement::columnInt(int column) const {
  std::string_view text = columnText(column);
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

double PostgresStatement::columnDouble(int column) const {
  return std::strtod(libpq().PQgetvalue(result_, row_, column), nullptr);
}

std::string_view PostgresStatement::columnText(int column) const {
  if (isNull(column)) return {};
  return {libpq().PQgetvalue(result_, row_, column), size_t(libpq().PQgetlength(result_, row_, column))};
}

std::string_view PostgresStatement::columnBlob(int column) const {
  if (isNull(column)) return {};
  size_t length = 0;
  const auto* escaped = reinterpret_cast<const unsigned char*>(libpq().PQgetvalue(result_, row_, column));
  unsigned char* bytes = libpq().PQunescapeBytea(escaped, &length);
  if (!bytes) throw DataStoreError("cannot read a bytea column");
  blob_.assign(reinterpret_cast<const char*>(bytes), length);
  libpq().PQfreemem(bytes);
  return blob_;
}

PostgresConnection::PostgresConnection(const std::string& url) {
  checkUrl(url);
  connection_ = libpq().PQconnectdb(url.c_str());
  if (!connection_) throw DataStoreError("cannot connect to PostgreSQL: out of memory");
  if (libpq().PQstatus(connection_) != CONNECTION_OK) {
    std::string message = messageOf(libpq().PQerrorMessage(connection_));
    libpq().PQfinish(connection_);
    throw DataStoreError("cannot connect to PostgreSQL: " + message);
  }
  libpq().PQsetNoticeProcessor(connection_, ignoreNotice, nullptr);
}

PostgresConnection::~PostgresConnection() { libpq().PQfinish(connection_); }

std::unique_ptr<SqlStatement> PostgresConnection::prepare(const std::string& sql) {
  return std::make_unique<PostgresStatement>(connection_, sql);
}

void PostgresConnection::exec(const std::string& sql) {
  PGresult* result = libpq().PQexec(connection_, sql.c_str());
  ExecStatusType status = libpq().PQresultStatus(result);
  libpq().PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(connection_, "cannot run `" + sql + "`");
}

bool PostgresConnection::inTransaction() const { return libpq().PQtransactionStatus(connection_) != PQTRANS_IDLE; }

}  // namespace apex::runtime
