// A query's result as `sf data query` prints it (Salesforce CLI,
// plugin-data: reporters/query), from the records and columns the REST API
// gives (rest_query.h):
//
//   human  a table of the selected columns, upper-cased (`ACCOUNT.NAME`),
//          null values as `null`, a child sub-query's first record on its
//          parent's row and each further one on a row of its own; then
//          `Total number of records retrieved: N.`
//   csv    a header row, then a row per record (RFC 4180 quoting); a child
//          sub-query as `Contacts.totalSize` and `Contacts.records.0.Name`
//          columns, as many as the most children a record has
//   json   `{"status": 0, "result": {"records", "totalSize", "done"}}`
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "runtime/data/rest_query.h"

namespace apex::runtime {

std::string humanQueryReport(const RestQueryResult& result);
std::string csvQueryReport(const RestQueryResult& result);

// {"records": [...], "totalSize": N, "done": true}: the command's result.
nlohmann::ordered_json queryResultJson(const RestQueryResult& result);

// A value of a CSV cell: in double quotes, its quotes doubled, when it holds
// a comma, a double quote or a line break.
std::string csvEscape(const std::string& value);

// A number as JavaScript's String(number) writes it: 100, 1.5, 1e+21, 1e-7.
std::string javascriptNumberText(double value);

}  // namespace apex::runtime
