// Choosing the record store by the --db value (runtime/data/record_store.h),
// and PostgreSQL's connection errors, which never repeat a URL's password.
// The store against a running server: tests/integration/postgres_test.sh.
#include <catch2/catch.hpp>

#include <string>

#include "runtime/data/record_store.h"
#include "runtime/data/sqlite_store.h"
#include "sema/schema_catalog.h"

namespace postgres_store_test {

using namespace apex;

TEST_CASE("The store of a --db value: a postgresql:// or postgres:// URL names PostgreSQL, else SQLite",
          "[data][postgres]") {
  CHECK(runtime::isPostgresUrl("postgresql://apexrun@localhost:5432/org"));
  CHECK(runtime::isPostgresUrl("postgres://apexrun@/org?host=/run/postgresql"));
  CHECK_FALSE(runtime::isPostgresUrl("postgres.db"));
  CHECK_FALSE(runtime::isPostgresUrl("orgs/postgresql://x"));
  CHECK_FALSE(runtime::isPostgresUrl(""));
  sema::Schema schema = sema::standardSchema();
  std::unique_ptr<runtime::RecordStore> memory = runtime::openRecordStore(schema, "");
  CHECK(dynamic_cast<runtime::SqliteStore*>(memory.get()) != nullptr);
}

std::string connectionError(const sema::Schema& schema, const std::string& url) {
  try {
    runtime::openRecordStore(schema, url);
  } catch (const runtime::DataStoreError& error) {
    return error.what();
  }
  return "(connected)";
}

TEST_CASE("PostgreSQL: a URL that cannot be used is an error that leaves out its password", "[data][postgres]") {
  sema::Schema schema = sema::standardSchema();
  std::string unreadable = connectionError(schema, "postgresql://apexrun:Pw-%zz-hidden@/org");
  CHECK(unreadable.starts_with("cannot connect to PostgreSQL: libpq cannot read the URL"));
  CHECK(unreadable.find("hidden") == std::string::npos);
  std::string noServer =
      connectionError(schema, "postgresql://apexrun:Pw-hidden@/org?host=/nonexistent-apexrun-socket-dir&port=5");
  CHECK(noServer.starts_with("cannot connect to PostgreSQL: "));
  CHECK(noServer.find("Pw-hidden") == std::string::npos);
}

}  // namespace postgres_store_test
