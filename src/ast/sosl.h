// A SOSL search as apexrun models it: what the SOSL parser
// (src/syntax/soql_parser.h, parseSosl) makes of a search's text, and what
// the SOSL binder (src/sema/sosl_binder.h) then checks against the org's
// schema. Each object of RETURNING is kept as the SOQL query it amounts to
// (its fields, WHERE, ORDER BY, LIMIT and OFFSET, FROM the object), so that
// the SOQL binder and the data layer's SQL translation serve both.
//
// The search term is text (a literal, or a bind whose value arrives at run
// time); its own syntax (words, "phrases", wildcards, AND, OR, AND NOT,
// parentheses) is parsed by syntax::parseSearchTerm into a SearchTerm.
//
// SOQL and SOSL Reference: "SOSL Syntax", "FIND {SearchQuery}", "IN
// SearchGroup", "RETURNING FieldSpec", "LIMIT n" and "WITH ..." are the
// reference for every clause here.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ast/soql.h"

namespace apex::sosl {

// IN ALL FIELDS (the default), NAME FIELDS, EMAIL FIELDS, PHONE FIELDS,
// SIDEBAR FIELDS: which fields of a record the term is looked for in.
enum class Scope : uint8_t { All, Name, Email, Phone, Sidebar };

struct Search {
  // FIND 'term' or FIND {term}: a String literal (the characters between
  // the quotes, string escapes undone, or between the braces as written);
  // FIND :term: a Bind.
  soql::Literal term;
  Scope scope = Scope::All;
  // One query per RETURNING object, in the order written: `from` the object
  // as written, `select` its fields (empty when none were written: the
  // binder selects Id), `where`, `orderBy`, `limit`, `offset`, and
  // `usingScope` for USING ListView=name. Empty when the search has no
  // RETURNING clause.
  std::vector<soql::Query> returning;
  // WITH DIVISION = 'x', WITH HIGHLIGHT, WITH SNIPPET (target_length=120),
  // WITH SPELL_CORRECTION = false, WITH USER_MODE, ...: the options' names
  // upper-cased. They are accepted and change nothing locally.
  std::vector<std::string> withOptions;
  std::unique_ptr<soql::Literal> limit;  // LIMIT n of the whole search: Integer or Bind
  bool updateTracking = false;
  bool updateViewstat = false;
};

// A search term parsed: a tree of AND, OR and AND NOT over phrases. A word
// written alone is a phrase of one or more words (john@acme.com is the
// phrase john acme com); words side by side are ANDed.
struct SearchTerm {
  enum class Kind : uint8_t {
    Phrase,  // `words`, in order, in one field
    And,     // every child
    Or,      // any child
    AndNot,  // children[0] and not children[1]
  };
  Kind kind = Kind::Phrase;
  // Phrase: its words, lower-cased; a `*` in a word stands for any
  // characters (none included), a `?` for one.
  std::vector<std::string> words;
  std::vector<SearchTerm> children;
};

// The words of `text` as the search finds them: each run of letters and
// digits, lower-cased. With `wildcards`, `*` and `?` belong to a word
// (a search term's words).
std::vector<std::string> searchWords(std::string_view text, bool wildcards = false);

// Whether `pattern` (a word of a search term, lower-cased, with wildcards)
// matches `word` (lower-cased) whole.
bool wordMatches(std::string_view pattern, std::string_view word);

// Whether the words of `phrase` (a Phrase term's) appear one after another
// among the words of `text`.
bool phraseMatches(const std::vector<std::string>& phrase, std::string_view text);

}  // namespace apex::sosl
