// The SOQL and SOSL front end: a query's text in, the query model
// (src/ast/soql.h) or the search model (src/ast/sosl.h) out. Hand-written
// (a lexer and a recursive-descent parser), so that dynamic SOQL
// (`Database.query(text)`, `Search.query(text)`) is parsed at run time
// without the Apex grammar, and inline SOQL and SOSL (`[SELECT ...]`,
// `[FIND ...]`, already checked by the Apex parser) are parsed from the text
// the transformer keeps (`SoqlExpr::text`, `SoslExpr::text`).
//
// Syntax errors are returned, never thrown, with Salesforce's
// System.QueryException wording (`unexpected token: 'FROMM'`); the wording
// table is at the top of soql_parser.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/soql.h"
#include "ast/sosl.h"

namespace apex::syntax {

// How binds are written in the text.
enum class SoqlBinds {
  Inline,   // `:{n}`: the n-th bind expression of the SoqlExpr
  Dynamic,  // `:name` or `:acc.Name`: a variable the caller looks up by name
};

struct SoqlSyntaxError {
  std::string message;  // System.QueryException's message: "unexpected token: 'FROMM'"
  soql::Position pos;   // of the token the parser stopped at
};

struct SoqlParseResult {
  soql::Query query;                    // complete only when there is no error
  std::optional<SoqlSyntaxError> error;
  // Dynamic: the names bound (`:name`, `:acc.Name`) anywhere in the query,
  // each once, in the order they first appear.
  std::vector<std::string> bindNames;
  bool ok() const { return !error; }
};

// Parses one SELECT query. Keywords, function names and date literals are
// case-insensitive; names are kept as written. A leading alias of the FROM
// object (FROM Account a ... a.Name) is dropped from every field path.
SoqlParseResult parseSoql(std::string_view text, SoqlBinds binds);

struct SoslParseResult {
  sosl::Search search;                  // complete only when there is no error
  std::optional<SoqlSyntaxError> error;
  std::vector<std::string> bindNames;   // as SoqlParseResult's
  bool ok() const { return !error; }
};

// Parses one SOSL search: FIND 'term' (or {term}, or a bind), IN ... FIELDS,
// RETURNING objects with their fields, USING ListView, WHERE, ORDER BY,
// LIMIT and OFFSET (read by the same parser as SOQL's clauses), WITH
// options, LIMIT, UPDATE TRACKING / VIEWSTAT. The term's own syntax is left
// to parseSearchTerm (search_term.h). Errors are worded as SOQL's.
SoslParseResult parseSosl(std::string_view text, SoqlBinds binds);

}  // namespace apex::syntax
