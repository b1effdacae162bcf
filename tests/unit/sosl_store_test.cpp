// SOSL on the record store (runtime/data/sosl_sql.h, SqliteStore::search):
// which records a term finds in which fields, each RETURNING object's own
// clauses, the search's LIMIT, fixed results and a search without RETURNING.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "data_test_support.h"
#include "runtime/data/sosl_sql.h"
#include "sema/sosl_binder.h"
#include "syntax/search_term.h"
#include "syntax/soql_parser.h"

namespace sosl_store_test {

using namespace data_test;

// The search `text` (dynamic SOSL) for `term`, or for the fixed Ids when
// `fixed` is given.
Value search(Org& org, const std::string& text, const std::vector<std::string>* fixed = nullptr,
             std::vector<Value> byIndex = {}) {
  syntax::SoslParseResult parsed = syntax::parseSosl(text, syntax::SoqlBinds::Dynamic);
  INFO(text << " -> " << (parsed.error ? parsed.error->message : ""));
  REQUIRE(parsed.ok());
  REQUIRE_FALSE(sema::bindSosl(parsed.search, org.schema));
  syntax::SearchTermParse term = syntax::parseSearchTerm(parsed.search.term.text);
  REQUIRE(term.ok());
  interp::SearchMatch match;
  if (fixed) match.fixedIds = fixed;
  else match.term = &term.term;
  interp::QueryBinds binds;
  binds.byIndex = &byIndex;
  return org.store->search(org.vm, parsed.search, match, binds);
}

// The values of `field` of each record of list `index` of a search's result.
std::vector<std::string> column(const Value& result, size_t index, std::string_view field) {
  std::vector<std::string> out;
  for (const Value& record : rows(rows(result).at(index))) out.push_back(str(get(record, field)));
  return out;
}

using Names = std::vector<std::string>;

TEST_CASE("search: a term finds records by any text field, one list per RETURNING object", "[data][sosl]") {
  Org org;
  org.insert("Account", {{"Name", org.text("Acme Corp")}});
  org.insert("Account", {{"Name", org.text("Globex")}, {"Description", org.text("a rival of ACME")}});
  org.insert("Account", {{"Name", org.text("Initech")}});
  org.insert("Contact", {{"LastName", org.text("Coyote")}, {"Title", org.text("acme buyer")}});
  Value result = search(org, "FIND 'acme' RETURNING Account(Name), Contact(LastName), Lead");
  REQUIRE(rows(result).size() == 3);
  CHECK(column(result, 0, "Name") == Names{"Acme Corp", "Globex"});
  CHECK(column(result, 1, "LastName") == Names{"Coyote"});
  CHECK(rows(rows(result)[2]).empty());
  CHECK(rows(result)[0].as<interp::ListObj>()->type->element->sobject == &org.object("Account"));
}

TEST_CASE("search: selected fields and Id only, as records from a query", "[data][sosl]") {
  Org org;
  org.insert("Account", {{"Name", org.text("Acme")}, {"Phone", org.text("555")}});
  Value result = search(org, "FIND 'acme' RETURNING Account");
  const Value& record = rows(rows(result)[0]).at(0);
  CHECK(fieldNames(record) == Names{"Id"});
  CHECK(record.as<interp::SObjectObj>()->fromQuery);
  Value named = search(org, "FIND 'acme' RETURNING Account(Phone)");
  CHECK(fieldNames(rows(rows(named)[0]).at(0)) == Names{"Phone", "Id"});
}

TEST_CASE("search: the search group chooses the fields looked in", "[data][sosl]") {
  Org org;
  org.insert("Contact", {{"FirstName", org.text("Ada")},
                         {"LastName", org.text("Lovelace")},
                         {"Email", org.text("countess@engine.org")},
                         {"Phone", org.text("(415) 555-0100")},
                         {"Title", org.text("Engine analyst")}});
  auto count = [&](const std::string& text) { return rows(rows(search(org, text))[0]).size(); };
  CHECK(count("FIND 'engine' IN ALL FIELDS RETURNING Contact") == 1);
  CHECK(count("FIND 'engine' IN NAME FIELDS RETURNING Contact") == 0);
  CHECK(count("FIND 'ada' IN NAME FIELDS RETURNING Contact") == 1);
  CHECK(count("FIND 'engine' IN EMAIL FIELDS RETURNING Contact") == 1);
  CHECK(count("FIND 'analyst' IN EMAIL FIELDS RETURNING Contact") == 0);
  CHECK(count("FIND '415' IN PHONE FIELDS RETURNING Contact") == 1);
  CHECK(count("FIND 'lovelace' IN PHONE FIELDS RETURNING Contact") == 0);
  CHECK(count("FIND 'countess' IN SIDEBAR FIELDS RETURNING Contact") == 1);
  CHECK(count("FIND 'analyst' IN SIDEBAR FIELDS RETURNING Contact") == 0);
}

TEST_CASE("searchedFields: NAME FIELDS on an object without a Name", "[data][sosl]") {
  Org org;
  auto names = [&](std::string_view object) {
    Names out;
    for (const auto* field : runtime::searchedFields(org.object(object), sosl::Scope::Name)) out.push_back(field->name);
    return out;
  };
  CHECK(names("Case") == Names{"CaseNumber", "Subject"});
  CHECK(names("Contact") == Names{"LastName", "FirstName", "MiddleName", "Name"});
  for (const auto* field : runtime::searchedFields(org.object("Invoice__c"), sosl::Scope::All))
    CHECK(sema::isTextType(field->type));
}

TEST_CASE("search: AND is per record, across its fields; AND NOT and OR", "[data][sosl]") {
  Org org;
  org.insert("Contact", {{"FirstName", org.text("Joe")}, {"LastName", org.text("Smith")}});
  org.insert("Contact", {{"FirstName", org.text("Joe")}, {"LastName", org.text("Smythe")}});
  org.insert("Contact", {{"FirstName", org.text("Ann")}, {"LastName", org.text("Smith")}});
  auto lastNames = [&](const std::string& text) { return column(search(org, text), 0, "LastName"); };
  CHECK(lastNames("FIND 'joe smith' RETURNING Contact(LastName)") == Names{"Smith"});
  CHECK(lastNames("FIND 'joe AND NOT smith' RETURNING Contact(LastName)") == Names{"Smythe"});
  CHECK(lastNames("FIND 'ann OR smythe' RETURNING Contact(LastName)") == Names{"Smythe", "Smith"});
  CHECK(lastNames("FIND 'sm*' RETURNING Contact(LastName ORDER BY LastName DESC)") ==
        Names{"Smythe", "Smith", "Smith"});
  CHECK(lastNames("FIND '\"joe smith\"' RETURNING Contact(LastName)").empty());
}

TEST_CASE("search: deleted records are not found", "[data][sosl]") {
  Org org;
  Value gone = org.insert("Account", {{"Name", org.text("Vandelay")}});
  org.insert("Account", {{"Name", org.text("Vandelay Imports")}});
  std::string id = idOf(gone);
  org.store->setDeleted(org.object("Account"), std::span<const std::string>(&id, 1), true);
  CHECK(column(search(org, "FIND 'vandelay' RETURNING Account(Name)"), 0, "Name") == Names{"Vandelay Imports"});
}

TEST_CASE("search: each object's WHERE, ORDER BY, LIMIT and OFFSET, binds included", "[data][sosl]") {
  Org org;
  for (const char* name : {"Shop B", "Shop A", "Shop D", "Shop C"}) org.insert("Account", {{"Name", org.text(name)}});
  org.insert("Account", {{"Name", org.text("Shop E")}, {"Industry", org.text("Media")}});
  CHECK(column(search(org, "FIND 'shop' RETURNING Account(Name ORDER BY Name LIMIT 2 OFFSET 1)"), 0, "Name") ==
        Names{"Shop B", "Shop C"});
  CHECK(column(search(org, "FIND 'shop' RETURNING Account(Name WHERE Industry = 'Media')"), 0, "Name") ==
        Names{"Shop E"});
  syntax::SoslParseResult parsed =
      syntax::parseSosl("FIND :{0} RETURNING Account(Name WHERE Name != :{1} ORDER BY Name LIMIT :{2})",
                        syntax::SoqlBinds::Inline);
  REQUIRE(parsed.ok());
  REQUIRE_FALSE(sema::bindSosl(parsed.search, org.schema));
  syntax::SearchTermParse term = syntax::parseSearchTerm("shop");
  std::vector<Value> values{org.text("shop"), org.text("Shop A"), Value::integer(2)};
  interp::SearchMatch match;
  match.term = &term.term;
  interp::QueryBinds binds;
  binds.byIndex = &values;
  CHECK(column(org.store->search(org.vm, parsed.search, match, binds), 0, "Name") == Names{"Shop B", "Shop C"});
}

TEST_CASE("search: the search's LIMIT shared out among the objects", "[data][sosl]") {
  Org org;
  for (int i = 0; i < 5; ++i) org.insert("Account", {{"Name", org.text("Zeta " + std::to_string(i))}});
  for (int i = 0; i < 2; ++i) org.insert("Contact", {{"LastName", org.text("Zeta " + std::to_string(i))}});
  auto sizes = [&](const std::string& text) {
    Value result = search(org, text);
    return std::vector<size_t>{rows(rows(result)[0]).size(), rows(rows(result)[1]).size()};
  };
  CHECK(sizes("FIND 'zeta' RETURNING Account, Contact LIMIT 4") == std::vector<size_t>{2, 2});
  CHECK(sizes("FIND 'zeta' RETURNING Account, Contact LIMIT 3") == std::vector<size_t>{2, 1});
  CHECK(sizes("FIND 'zeta' RETURNING Account, Contact LIMIT 6") == std::vector<size_t>{4, 2});
  CHECK(sizes("FIND 'zeta' RETURNING Account, Contact") == std::vector<size_t>{5, 2});
  CHECK(sizes("FIND 'zeta' RETURNING Account(Id LIMIT 4), Contact LIMIT 5") == std::vector<size_t>{4, 1});
  CHECK(sizes("FIND 'zeta' RETURNING Account(Id LIMIT 0), Contact LIMIT 5") == std::vector<size_t>{0, 2});
}

TEST_CASE("shareRows: evenly without own limits, in order with them", "[data][sosl]") {
  using runtime::shareRows;
  CHECK(shareRows({19, 35}, 20, false) == std::vector<size_t>{10, 10});
  CHECK(shareRows({3, 35}, 20, false) == std::vector<size_t>{3, 17});
  CHECK(shareRows({10, 10, 10}, 5, false) == std::vector<size_t>{2, 2, 1});
  CHECK(shareRows({0, 0}, 5, false) == std::vector<size_t>{0, 0});
  CHECK(shareRows({7, 100}, 100, true) == std::vector<size_t>{7, 93});
  CHECK(shareRows({15, 30, 75}, 100, true) == std::vector<size_t>{15, 30, 55});
  CHECK(shareRows({4, 4}, 0, false) == std::vector<size_t>{0, 0});
}

TEST_CASE("search: fixed results are those records, whatever the term, still filtered", "[data][sosl]") {
  Org org;
  Value acme = org.insert("Account", {{"Name", org.text("Acme")}, {"Industry", org.text("Media")}});
  Value other = org.insert("Account", {{"Name", org.text("Other")}});
  Value contact = org.insert("Contact", {{"LastName", org.text("Coyote")}});
  std::vector<std::string> fixed{idOf(contact), idOf(other).substr(0, 15), idOf(acme)};
  Value result = search(org, "FIND 'nothing' RETURNING Account(Name ORDER BY Name), Contact(LastName)", &fixed);
  CHECK(column(result, 0, "Name") == Names{"Acme", "Other"});
  CHECK(column(result, 1, "LastName") == Names{"Coyote"});
  CHECK(column(search(org, "FIND 'zz' RETURNING Account(Name WHERE Industry = 'Media')", &fixed), 0, "Name") ==
        Names{"Acme"});
  std::vector<std::string> none;
  CHECK(rows(rows(search(org, "FIND 'acme' RETURNING Account", &none))[0]).empty());
}

TEST_CASE("search: without RETURNING, a list for each stored object that matched", "[data][sosl]") {
  Org org;
  org.insert("Contact", {{"LastName", org.text("Tyrell")}});
  org.insert("Account", {{"Name", org.text("Tyrell Corp")}});
  org.insert("Lead", {{"LastName", org.text("Deckard")}, {"Company", org.text("Blade")}});
  Value result = search(org, "FIND 'tyrell'");
  REQUIRE(rows(result).size() == 2);
  CHECK(idOf(rows(rows(result)[0]).at(0)).substr(0, 3) == "001");
  CHECK(idOf(rows(rows(result)[1]).at(0)).substr(0, 3) == "003");
}

}  // namespace sosl_store_test
