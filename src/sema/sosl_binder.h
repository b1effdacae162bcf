// Checks a parsed SOSL search (src/ast/sosl.h, from syntax::parseSosl)
// against the org's schema: each RETURNING object and its fields, WHERE
// and ORDER BY, bound by the SOQL binder (soql_binder.h) as the query each
// one amounts to, with SOQL's wording. An object given without fields
// selects Id.
#pragma once

#include <optional>

#include "ast/sosl.h"
#include "sema/schema.h"
#include "sema/soql_binder.h"

namespace apex::sema {

// Binds `search` in place; on an error it is partly bound and must not be run.
std::optional<SoqlBindError> bindSosl(sosl::Search& search, const Schema& schema);

}  // namespace apex::sema
