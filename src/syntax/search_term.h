// The search term of a SOSL FIND clause (the text of `FIND 'acme* OR
// "joe smith"'`) parsed into a sosl::SearchTerm (src/ast/sosl.h). It runs at
// run time, as the term of `FIND :term` is a bind's value.
//
// SOQL and SOSL Reference, "FIND {SearchQuery}": single words, "quoted
// phrases", the wildcards `*` and `?`, the operators AND, OR and AND NOT
// (in any case; words side by side are ANDed) and parentheses. A backslash
// makes the next character plain (`\*` is no wildcard, `\"` no quote).
// AND and AND NOT bind tighter than OR.
//
// Words of one character are left out of the search (`Joe A` looks for joe);
// a term left with nothing to look for is Salesforce's error. The choices
// where the reference says nothing (an unbalanced parenthesis or quote, an
// operator with nothing on one side, a leading wildcard) are in
// docs/differences.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ast/sosl.h"

namespace apex::syntax {

struct SearchTermParse {
  sosl::SearchTerm term;       // complete only when there is no error
  std::optional<std::string> error;  // System.SearchException's message
  bool ok() const { return !error; }
};

SearchTermParse parseSearchTerm(std::string_view text);

}  // namespace apex::syntax
