// Unit tests for the SOSL front end: the search parser (parseSosl in
// src/syntax/soql_parser.h), the search-term parser (src/syntax/search_term.h)
// and the words a term matches (src/ast/sosl.h).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "syntax/search_term.h"
#include "syntax/soql_parser.h"

using namespace apex;
using sosl::SearchTerm;
using syntax::SoqlBinds;

namespace sosl_parser_test {

sosl::Search parsedSearch(const std::string& text, SoqlBinds binds = SoqlBinds::Dynamic) {
  syntax::SoslParseResult result = syntax::parseSosl(text, binds);
  INFO(text << " -> " << (result.error ? result.error->message : ""));
  REQUIRE(result.ok());
  return std::move(result.search);
}

syntax::SoqlSyntaxError searchFailure(const std::string& text, SoqlBinds binds = SoqlBinds::Dynamic) {
  syntax::SoslParseResult result = syntax::parseSosl(text, binds);
  INFO(text);
  REQUIRE(result.error);
  return *result.error;
}

SearchTerm term(const std::string& text) {
  syntax::SearchTermParse result = syntax::parseSearchTerm(text);
  INFO(text << " -> " << result.error.value_or(""));
  REQUIRE(result.ok());
  return std::move(result.term);
}

// A term as text: phrases as their words joined by spaces, operators around
// their children in brackets.
std::string shape(const SearchTerm& t) {
  std::string out;
  switch (t.kind) {
    case SearchTerm::Kind::Phrase:
      for (const std::string& word : t.words) out += (out.empty() ? "" : " ") + word;
      return "'" + out + "'";
    case SearchTerm::Kind::And: out = "AND"; break;
    case SearchTerm::Kind::Or: out = "OR"; break;
    case SearchTerm::Kind::AndNot: out = "ANDNOT"; break;
  }
  out += "[";
  for (size_t i = 0; i < t.children.size(); ++i) out += (i ? ", " : "") + shape(t.children[i]);
  return out + "]";
}

TEST_CASE("parseSosl: FIND with a quoted term, the search group and RETURNING objects", "[sosl][parser]") {
  sosl::Search s = parsedSearch("FIND 'acme*' IN NAME FIELDS RETURNING Account, Contact(FirstName, LastName)");
  CHECK(s.term.kind == soql::Literal::Kind::String);
  CHECK(s.term.text == "acme*");
  CHECK(s.scope == sosl::Scope::Name);
  REQUIRE(s.returning.size() == 2);
  CHECK(s.returning[0].from == "Account");
  CHECK(s.returning[0].select.empty());
  CHECK(s.returning[1].from == "Contact");
  REQUIRE(s.returning[1].select.size() == 2);
  CHECK(s.returning[1].select[1].field.text() == "LastName");
  CHECK(s.returning[1].fromPos.column == 48);
}

TEST_CASE("parseSosl: every search group, in any case; ALL FIELDS by default", "[sosl][parser]") {
  CHECK(parsedSearch("FIND 'ab'").scope == sosl::Scope::All);
  CHECK(parsedSearch("find 'ab' in all fields").scope == sosl::Scope::All);
  CHECK(parsedSearch("FIND 'ab' IN EMAIL FIELDS").scope == sosl::Scope::Email);
  CHECK(parsedSearch("FIND 'ab' IN Phone Fields").scope == sosl::Scope::Phone);
  CHECK(parsedSearch("FIND 'ab' IN SIDEBAR FIELDS").scope == sosl::Scope::Sidebar);
  CHECK(searchFailure("FIND 'ab' IN TITLE FIELDS").message == "unexpected token: 'TITLE'");
  CHECK(searchFailure("FIND 'ab' IN NAME RETURNING Account").message == "unexpected token: 'RETURNING'");
}

TEST_CASE("parseSosl: a RETURNING object's clauses are SOQL's", "[sosl][parser]") {
  sosl::Search s = parsedSearch(
      "FIND 'ab' RETURNING Account(Name, toLabel(Industry) USING ListView = Recent WHERE Industry = 'Media' AND "
      "NumberOfEmployees > :n ORDER BY Name DESC NULLS LAST LIMIT 5 OFFSET 10)");
  const soql::Query& q = s.returning.at(0);
  CHECK(q.select.size() == 2);
  CHECK(q.select[1].kind == soql::SelectItem::Kind::Function);
  CHECK(q.usingScope == "Recent");
  REQUIRE(q.where);
  CHECK(q.where->kind == soql::Condition::Kind::And);
  CHECK(q.where->children[1]->values[0].bindName == "n");
  REQUIRE(q.orderBy.size() == 1);
  CHECK(q.orderBy[0].descending);
  CHECK(q.limit->text == "5");
  CHECK(q.offset->text == "10");
}

TEST_CASE("parseSosl: sub-queries and aggregates are not fields of a RETURNING object", "[sosl][parser]") {
  CHECK(searchFailure("FIND 'ab' RETURNING Account((SELECT Id FROM Contacts))").message == "unexpected token: '('");
  CHECK(searchFailure("FIND 'ab' RETURNING Account(COUNT(Id))").message == "unexpected token: 'COUNT'");
  CHECK(searchFailure("FIND 'ab' RETURNING Account(WHERE Name = 'x')").message == "unexpected token: 'WHERE'");
  CHECK(searchFailure("FIND 'ab' RETURNING Account(Name").message == "expecting a right parentheses, found '<EOF>'");
}

TEST_CASE("parseSosl: braced terms, as written; binds in both forms", "[sosl][parser]") {
  sosl::Search braced = parsedSearch("FIND {acme\\-corp OR \"joe smith\"} RETURNING Account");
  CHECK(braced.term.text == "acme\\-corp OR \"joe smith\"");
  CHECK(searchFailure("FIND {open RETURNING Account").message ==
        "line 1:29 mismatched character '<EOF>' expecting '}'");
  CHECK(parsedSearch("FIND :term RETURNING Account").term.bindName == "term");
  sosl::Search inlined = parsedSearch("FIND :{0} RETURNING Account(Name WHERE Name = :{1} LIMIT :{2}) LIMIT :{3}",
                                      SoqlBinds::Inline);
  CHECK(inlined.term.bindIndex == 0);
  CHECK(inlined.returning[0].where->values[0].bindIndex == 1);
  CHECK(inlined.returning[0].limit->bindIndex == 2);
  CHECK(inlined.limit->bindIndex == 3);
  CHECK(searchFailure("FIND Acme RETURNING Account").message == "expecting a string literal, found 'Acme'");
  CHECK(searchFailure("FIND RETURNING Account").message == "expecting a string literal, found 'RETURNING'");
}

TEST_CASE("parseSosl: braces are a term only in SOSL", "[sosl][parser]") {
  syntax::SoqlParseResult soql = syntax::parseSoql("SELECT Id FROM Account WHERE Name = {x}", SoqlBinds::Dynamic);
  REQUIRE(soql.error);
  CHECK(soql.error->message == "line 1:37 no viable alternative at character '{'");
  CHECK(searchFailure("FIND 'ab' RETURNING Account(Id WHERE Name = {x})").message == "unexpected token: '{x}'");
}

TEST_CASE("parseSosl: WITH options, LIMIT and UPDATE clauses", "[sosl][parser]") {
  sosl::Search s = parsedSearch(
      "FIND 'ab' RETURNING Account WITH DIVISION = 'Global' WITH HIGHLIGHT WITH SNIPPET (target_length = 120) "
      "WITH NETWORK IN ('a', 'b') WITH spell_correction = false LIMIT 25 UPDATE TRACKING UPDATE VIEWSTAT");
  CHECK(s.withOptions == std::vector<std::string>{"DIVISION", "HIGHLIGHT", "SNIPPET", "NETWORK", "SPELL_CORRECTION"});
  CHECK(s.limit->text == "25");
  CHECK(s.updateTracking);
  CHECK(s.updateViewstat);
  CHECK(searchFailure("FIND 'ab' WITH DATA CATEGORY Geography__c AT asia__c").message ==
        "apexrun does not support WITH DATA CATEGORY in SOSL yet");
  CHECK(searchFailure("FIND 'ab' RETURNING Account LIMIT 5 RETURNING Contact").message ==
        "unexpected token: 'RETURNING'");
  CHECK(searchFailure("FIND 'ab' LIMIT x").message == "unexpected token: 'x'");
}

TEST_CASE("parseSosl: the term's string escapes are SOQL's", "[sosl][parser]") {
  CHECK(parsedSearch("FIND 'it\\'s' RETURNING Account").term.text == "it's");
  CHECK(parsedSearch("FIND 'a\\\\*' RETURNING Account").term.text == "a\\*");
  CHECK(searchFailure("FIND 'a\\*' RETURNING Account").message ==
        "Invalid string literal 'a\\*'. Illegal character sequence '\\*' in string literal.");
}

TEST_CASE("parseSearchTerm: words, phrases and operators", "[sosl][term]") {
  CHECK(shape(term("acme")) == "'acme'");
  CHECK(shape(term("Joe Smith")) == "AND['joe', 'smith']");
  CHECK(shape(term("\"Joe Smith\"")) == "'joe smith'");
  CHECK(shape(term("john@acme.com")) == "'john acme com'");
  CHECK(shape(term("red OR green")) == "OR['red', 'green']");
  CHECK(shape(term("red or green or blue")) == "OR['red', 'green', 'blue']");
  CHECK(shape(term("red and green")) == "AND['red', 'green']");
  CHECK(shape(term("red AND NOT green")) == "ANDNOT['red', 'green']");
  CHECK(shape(term("red NOT green")) == "ANDNOT['red', 'green']");
  CHECK(shape(term("red green OR blue")) == "OR[AND['red', 'green'], 'blue']");
  CHECK(shape(term("red (green OR blue)")) == "AND['red', OR['green', 'blue']]");
  CHECK(shape(term("\"and\" or \"or\"")) == "OR['and', 'or']");
}

TEST_CASE("parseSearchTerm: wildcards stay in their words; escapes make characters plain", "[sosl][term]") {
  CHECK(shape(term("Sm?th*")) == "'sm?th*'");
  CHECK(shape(term("*acme")) == "'acme'");
  CHECK(shape(term("acme\\*")) == "'acme'");
  CHECK(shape(term("acme\\-corp")) == "'acme corp'");
  CHECK(shape(term("\\\"quoted\\\"")) == "'quoted'");
  CHECK(shape(term("\\or")) == "'or'");
}

TEST_CASE("parseSearchTerm: one-letter words are left out; nothing left is the error", "[sosl][term]") {
  CHECK(shape(term("J Smith")) == "'smith'");
  CHECK(shape(term("\"j smith\"")) == "'smith'");
  CHECK(shape(term("a OR bc")) == "'bc'");
  for (const char* text : {"", "a", "a*", "*", "a b", "a OR b", "AND", "( )", "NOT acme"}) {
    syntax::SearchTermParse result = syntax::parseSearchTerm(text);
    INFO(text);
    CHECK(result.error == "search term must be longer than one character");
  }
}

TEST_CASE("parseSearchTerm: unbalanced parentheses and quotes, dangling operators", "[sosl][term]") {
  CHECK(shape(term("(red OR green")) == "OR['red', 'green']");
  CHECK(shape(term("red) green")) == "AND['red', 'green']");
  CHECK(shape(term("\"red green")) == "'red green'");
  CHECK(shape(term("OR red AND")) == "'red'");
  CHECK(shape(term("red AND NOT")) == "'red'");
}

TEST_CASE("searchWords: runs of letters and digits, lower-cased", "[sosl][words]") {
  CHECK(sosl::searchWords("Acme-Corp, Inc. (415) 555-0100") ==
        std::vector<std::string>{"acme", "corp", "inc", "415", "555", "0100"});
  CHECK(sosl::searchWords("ÉCOLE Zürich") == std::vector<std::string>{"école", "zürich"});
  CHECK(sosl::searchWords("sm?th* x", true) == std::vector<std::string>{"sm?th*", "x"});
  CHECK(sosl::searchWords("sm?th*") == std::vector<std::string>{"sm", "th"});
}

TEST_CASE("wordMatches and phraseMatches: whole words, wildcards, words in order", "[sosl][words]") {
  CHECK(sosl::wordMatches("acme", "acme"));
  CHECK_FALSE(sosl::wordMatches("acme", "acmeworks"));
  CHECK(sosl::wordMatches("acme*", "acmeworks"));
  CHECK(sosl::wordMatches("acme*", "acme"));
  CHECK(sosl::wordMatches("a*e", "acme"));
  CHECK_FALSE(sosl::wordMatches("a*e", "acmes"));
  CHECK(sosl::wordMatches("sm?th", "smyth"));
  CHECK_FALSE(sosl::wordMatches("sm?th", "smth"));
  CHECK(sosl::wordMatches("z?rich", "zürich"));
  CHECK(sosl::phraseMatches({"joe", "smith"}, "Mr. Joe Smith Jr."));
  CHECK_FALSE(sosl::phraseMatches({"joe", "smith"}, "Smith, Joe"));
  CHECK(sosl::phraseMatches({"sm*"}, "Joe Smythe"));
  CHECK_FALSE(sosl::phraseMatches({}, "anything"));
}

}  // namespace sosl_parser_test
