// A SOQL query's text run against the org from outside Apex, as the REST
// API's query resource runs it for `sf data query` (REST API Developer
// Guide: "Execute a SOQL Query"): parsed and bound against the schema,
// its errors worded and coded as the REST API's, its records as the JSON
// the API returns (`attributes` with `type` and `url`, the selected fields
// in their order, parents as nested records, a child sub-query as a query
// result), and the columns of its select list as sf reads them from the
// API's column metadata. query_reports.h prints it as sf does.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace apex::interp {
class Interp;
}

namespace apex::runtime {

// One column of the select list.
struct QueryColumn {
  enum class Kind : uint8_t {
    Field,     // Name, Account.Name: the record's value at that path
    Subquery,  // Contacts: a child relationship, with its own columns
    Function,  // COUNT(Id), or an aggregate's alias: an AggregateResult's value
  };
  Kind kind = Kind::Field;
  std::string name;                 // as the API names it: Name, Account.Name, Contacts, COUNT(Id) (or the alias)
  std::string alias;                // Function: the alias written; empty when the record's key is expr0, expr1, ...
  std::vector<QueryColumn> fields;  // Subquery: its columns
};

struct RestQueryResult {
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  int64_t totalSize = 0;             // SELECT COUNT(): the count, with no records
  std::vector<QueryColumn> columns;  // none without records, as sf has none then
};

// A query the API refuses. `message` is the API's: for a query that does
// not parse or bind, the query's line with a caret under the error, its
// row and column, then what is wrong; `errorCode` is MALFORMED_QUERY,
// INVALID_FIELD, INVALID_TYPE or INVALID_QUERY_FILTER_OPERATOR, or empty for
// an exception of the run itself (`System.QueryException: ...`).
struct RestQueryError {
  std::string errorCode;
  std::string message;
};

// Runs `soql` against `vm`'s data store, without Apex's governor limits on
// queries (the API has none); `allRows` includes deleted records (the
// queryAll resource). The records' URLs start with `apiUrl`
// (`/services/data/v62.0`, or `/services/data/v62.0/tooling` for the
// Tooling API's records).
std::variant<RestQueryResult, RestQueryError> runRestQuery(interp::Interp& vm, std::string_view soql, bool allRows,
                                                           const std::string& apiUrl);

}  // namespace apex::runtime
