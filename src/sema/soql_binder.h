// Checks a parsed SOQL query (src/ast/soql.h, from syntax::parseSoql)
// against the org's schema and fills the query's `bound*` members in place:
// the object queried, each field path through its parent relationships, the
// child relationship of each sub-query, the objects of TYPEOF. FIELDS(ALL |
// STANDARD | CUSTOM) is replaced by the fields it stands for. The wording of
// its errors is Salesforce's (Diagnostic::Soql* in diagnostics.h): the
// resolver reports them as compile errors of an inline query, the engine as
// a dynamic query's System.QueryException.
#pragma once

#include <optional>
#include <string>

#include "ast/soql.h"
#include "sema/schema.h"

namespace apex::sema {

struct SoqlBindError {
  std::string message;
  soql::Position pos;  // in the query's text
};

// Binds `query` (a top-level query: FROM names an object); on an error the
// query is partly bound and must not be run.
std::optional<SoqlBindError> bindSoql(soql::Query& query, const Schema& schema);

// The Apex type of a bound query's result: Integer for SELECT COUNT(),
// List<AggregateResult> for an aggregate query, else List<Object> of the
// object queried (List<Account>).
std::string soqlResultTypeName(const soql::Query& query);

// The Apex type of one bound select item's value: the field's (String,
// Decimal, Id, ...), a function's (Integer for COUNT and date parts, Date for
// DAY_ONLY, the field's for MIN and MAX), List<Contact> for a child
// sub-query, SObject for TYPEOF; Object when it is not known.
std::string soqlSelectItemTypeName(const soql::SelectItem& item);

}  // namespace apex::sema
