// SOQL to SQL: a bound query (src/ast/soql.h, annotated by the binder)
// and its bind values become one SQLite statement over the record store's
// tables (field_values.h says how fields are kept), and its rows become
// records (SObjectObj), AggregateResults or a count.
//
// The translation is a pure function of the query, its binds, the schema,
// "now" and the user's time zone, so that tests can check the SQL it
// makes; runQuery then runs it (and one more statement per child
// sub-query) through a SqlExecutor, which the store implements.
//
// SOQL and SOQL Reference is the reference for every clause; the choices
// where it says nothing are in docs/differences.md.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ast/soql.h"
#include "ast/sosl.h"
#include "base/temporal.h"
#include "interp/ports.h"
#include "interp/value.h"
#include "runtime/data/sql_statement.h"
#include "sema/schema.h"

struct sqlite3;

namespace apex {
class Zone;
}
namespace apex::interp {
class Interp;
}

namespace apex::runtime {

// What a query needs besides itself: the schema (a polymorphic reference
// reaches the object its Id's key prefix names), the instant queries take
// as now and the running user's time zone (date literals, CONVERTTIMEZONE),
// and the SQL the store speaks (record_store.h says where they differ).
struct QueryContext {
  const sema::Schema& schema;
  std::int64_t nowMillis = 0;
  const Zone& zone;
  SqlDialect dialect = SqlDialect::Sqlite;
};

// A record a result row fills: the queried record (node 0), or a parent
// reached through `referenceField` of node `owner` (Contact's Account
// through AccountId). A polymorphic reference's parent may be any of
// `objects`; its Id's key prefix says which.
struct RecordNode {
  int owner = -1;
  std::string referenceField;
  std::vector<const sema::SObjectType*> objects;
  int idColumn = -1;
};

// A column of the result rows and what it fills.
struct ResultColumn {
  enum class Kind : uint8_t {
    Field,      // `field` of node `node`'s record
    Aggregate,  // an AggregateResult's value under `alias`
  };
  Kind kind = Kind::Field;
  int node = 0;
  std::string field;            // looked up on the record's own type
  sema::FieldType type = sema::FieldType::String;  // how the value is read
  std::vector<const sema::SObjectType*> onlyFor;   // TYPEOF: only records of these objects
  std::string alias;
};

// A translated query: SQL whose parameters are `?1`, `?2`, ... (`$1`, `$2`,
// ... in PostgreSQL) in `params`, and what its columns mean.
struct SqlQuery {
  std::string sql;
  std::vector<SqlParam> params;
  std::vector<ResultColumn> columns;
  std::vector<RecordNode> nodes;                  // [0]: the queried object
  std::vector<const sema::SObjectType*> objects;  // every table the SQL reads
  bool count = false;      // SELECT COUNT(): one row, one Integer
  bool aggregate = false;  // AggregateResult rows
};

// A query the translation cannot make SQL of: a feature apexrun does not
// support (`what` names it), or a bind with no value (`what` is its name).
struct QueryError {
  enum class Kind : uint8_t { NotSupported, MissingBind };
  Kind kind;
  std::string what;
};

// A child sub-query runs for its parents' Ids: `link` (Contact.AccountId)
// in `parentIds`, with no LIMIT or OFFSET (they apply per parent).
struct ParentFilter {
  const sema::SObjectField* link = nullptr;
  std::span<const std::string> parentIds;
  bool allRows = false;  // the outer query's ALL ROWS
};

// What a SOSL search adds to the query of one RETURNING object
// (sosl_sql.h): only the records `term` matches in one of `fields` (the
// search's scope), or, when `term` is null, those whose Id is in `ids`
// (18 characters); at most `maxRows` of them (-1: no cap).
struct SearchFilter {
  const sosl::SearchTerm* term = nullptr;
  std::vector<const sema::SObjectField*> fields;
  std::span<const std::string> ids;
  int64_t maxRows = -1;
};

// Throws QueryError.
SqlQuery translateQuery(const soql::Query& query, const interp::QueryBinds& binds, const QueryContext& context,
                        const ParentFilter* parents = nullptr, const SearchFilter* search = nullptr);

// The number a LIMIT or OFFSET gives (a literal, or a bind's value);
// nullopt when there is none. Throws QueryError.
std::optional<int64_t> countOf(const soql::Literal* literal, const interp::QueryBinds& binds);

// A QueryError as the System.QueryException Apex code sees.
[[noreturn]] void raiseQueryError(interp::Interp& vm, const QueryError& error);

// The days [first, last) a date literal (TODAY, LAST_N_DAYS with n) covers
// for a user whose today is `today`; nullopt for a name that is none.
std::optional<std::pair<Date, Date>> dateLiteralRange(std::string_view name, int n, Date today);

// Where translated queries run: the store creates the tables a query reads
// and keeps its statements.
class SqlExecutor {
 public:
  virtual ~SqlExecutor() = default;
  // The statement of `query` with its parameters bound, ready to step.
  virtual SqlStatement& prepare(const SqlQuery& query) = 0;
};

// Runs a bound query: a List<Account> (List<AggregateResult>) or, for
// SELECT COUNT(), an Integer; with `search`, a SOSL RETURNING object's.
interp::Value runQuery(interp::Interp& vm, const soql::Query& query, const interp::QueryBinds& binds,
                       const QueryContext& context, SqlExecutor& executor, const SearchFilter* search = nullptr);

// Adds the SQL functions translated queries call (date functions, exact
// decimal SUM/AVG/MIN/MAX, a SOSL term's match) to a SQLite connection.
void registerSqlFunctions(sqlite3* db);

// The SQL that creates apexrun_date_part in PostgreSQL: the date functions
// over the same stored integers, a Datetime read in the zone named by its
// IANA ID. Decimal aggregates are numeric's own; a SOSL term's match is a
// regular expression (searchPattern).
std::string postgresSqlFunctions();

// A SOSL phrase's words (with wildcards) as a POSIX regular expression that
// matches a text holding them one after another as whole words, for
// PostgreSQL's case-insensitive `~*`.
std::string searchPattern(const std::vector<std::string>& words);

}  // namespace apex::runtime
