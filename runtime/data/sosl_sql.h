// SOSL on the record store: a bound search (src/ast/sosl.h) runs as one
// SOQL query per RETURNING object (soql_sql.h) whose WHERE also asks that
// the search term match one of the fields the search looks in, through the
// SQL function apexrun_search_match (soql_sql.h). Then the search's own LIMIT shares its
// rows out among the objects.
//
// SOQL and SOSL Reference: "FIND {SearchQuery}", "IN SearchGroup",
// "RETURNING FieldSpec", "LIMIT n"; the choices where it says nothing
// (no relevance ranking, which fields NAME FIELDS means) are in
// docs/differences.md.
#pragma once

#include <span>
#include <vector>

#include "ast/sosl.h"
#include "interp/ports.h"
#include "interp/value.h"
#include "runtime/data/soql_sql.h"
#include "sema/schema.h"

namespace apex::runtime {

// The most records one search returns ("SOSL Limits on Objects").
inline constexpr int64_t kMaxSearchRows = 2000;

// The fields of `type` a search IN `scope` looks in, each with a column:
// ALL FIELDS every text field; NAME FIELDS Name, FirstName, LastName and
// MiddleName (or, on an object without them, its auto-number fields and
// Subject); EMAIL and PHONE FIELDS the fields of that type; SIDEBAR FIELDS
// the name, email and phone fields.
std::vector<const sema::SObjectField*> searchedFields(const sema::SObjectType& type, sosl::Scope scope);

// How many of each object's matching records a search returns, given how
// many matched (`found`, in RETURNING order) and the search's LIMIT:
// with a LIMIT on any object, the objects take their rows in order until
// the search's LIMIT is used up; else it is shared out evenly, what one
// object leaves going to the others.
std::vector<size_t> shareRows(const std::vector<size_t>& found, size_t limit, bool ownLimits);

// Runs a bound search: a List<List<SObject>>. A search without RETURNING
// looks in each of `everyObject` and returns a list for each that matched.
interp::Value runSearch(interp::Interp& vm, const sosl::Search& search, const interp::SearchMatch& match,
                        const interp::QueryBinds& binds, const QueryContext& context, SqlExecutor& executor,
                        std::span<const sema::SObjectType* const> everyObject);

}  // namespace apex::runtime
