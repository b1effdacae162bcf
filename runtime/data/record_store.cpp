#include "runtime/data/record_store.h"

#include "interp/object.h"  // Value's retain and release, which soql_sql.h's values use
#include "runtime/data/postgres_db.h"
#include "runtime/data/postgres_store.h"
#include "runtime/data/sqlite_db.h"
#include "runtime/data/sqlite_store.h"

namespace apex::runtime {

bool isPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::unique_ptr<RecordStore> openRecordStore(const sema::Schema& schema, const std::string& location) {
  if (isPostgresUrl(location)) return std::make_unique<PostgresStore>(schema, location);
  return std::make_unique<SqliteStore>(schema, location.empty() ? ":memory:" : location);
}

std::unique_ptr<SqlConnection> openSqlConnection(const std::string& location) {
  if (isPostgresUrl(location)) return std::make_unique<PostgresConnection>(location);
  if (location.empty() || location == ":memory:") return nullptr;
  return std::make_unique<Database>(location);
}

}  // namespace apex::runtime
