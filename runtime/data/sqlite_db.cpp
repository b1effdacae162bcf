#include "runtime/data/sqlite_db.h"

#include <sqlite3.h>

namespace apex::runtime {
namespace {

[[noreturn]] void fail(sqlite3* db, std::string_view doing) {
  throw DataStoreError(std::string(doing) + ": " + sqlite3_errmsg(db));
}

// Waits this long for a file another process holds locked.
constexpr int kBusyTimeoutMs = 5000;

}  // namespace

Statement::Statement(sqlite3* db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &stmt_, nullptr) != SQLITE_OK)
    fail(db, "cannot prepare `" + sql + "`");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::bindNull(int index) { sqlite3_bind_null(stmt_, index); }
void Statement::bindInt(int index, std::int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
void Statement::bindDouble(int index, double value) { sqlite3_bind_double(stmt_, index, value); }
void Statement::bindText(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
}
void Statement::bindBlob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string sql = sqlite3_sql(stmt_) ? sqlite3_sql(stmt_) : "";
  sqlite3_reset(stmt_);
  fail(db_, "cannot run `" + sql + "`");
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
bool Statement::isText(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_TEXT; }
bool Statement::isInteger(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_INTEGER; }
std::int64_t Statement::columnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::columnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string_view Statement::columnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return text ? std::string_view(text, size_t(sqlite3_column_bytes(stmt_, column))) : std::string_view();
}

std::string_view Statement::columnBlob(int column) const {
  const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return bytes ? std::string_view(bytes, size_t(sqlite3_column_bytes(stmt_, column))) : std::string_view();
}

Database::Database(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close_v2(db_);
    throw DataStoreError("cannot open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  sqlite3_extended_result_codes(db_, 1);
}

Database::~Database() { sqlite3_close_v2(db_); }

std::unique_ptr<SqlStatement> Database::prepare(const std::string& sql) {
  return std::make_unique<Statement>(db_, sql);
}

void Database::exec(const std::string& sql) {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(db_, "cannot run `" + sql + "`");
}

}  // namespace apex::runtime
