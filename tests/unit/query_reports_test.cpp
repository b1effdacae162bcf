// `apexrun data query`: a query's text run against an org as the REST API
// runs it (runtime/data/rest_query.h), and its records printed as `sf data
// query` prints them (query_reports.h, sf_table.h).
#include "runtime/data/query_reports.h"

#include <catch2/catch.hpp>

#include "base/temporal.h"
#include "data_test_support.h"
#include "runtime/data/rest_query.h"
#include "runtime/data/sf_table.h"

namespace query_reports_test {

using namespace data_test;
using runtime::QueryColumn;
using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------- pieces

TEST_CASE("CSV cells are quoted only when they hold a comma, a quote or a line break", "[data][query]") {
  CHECK(runtime::csvEscape("Acme") == "Acme");
  CHECK(runtime::csvEscape("") == "");
  CHECK(runtime::csvEscape("Globex, Inc.") == "\"Globex, Inc.\"");
  CHECK(runtime::csvEscape("Say \"hi\"") == "\"Say \"\"hi\"\"\"");
  CHECK(runtime::csvEscape("two\nlines") == "\"two\nlines\"");
  CHECK(runtime::csvEscape("tab\there") == "tab\there");
}

TEST_CASE("numbers print as JavaScript's String(number) prints them", "[data][query]") {
  CHECK(runtime::javascriptNumberText(100) == "100");
  CHECK(runtime::javascriptNumberText(1250.5) == "1250.5");
  CHECK(runtime::javascriptNumberText(0.1) == "0.1");
  CHECK(runtime::javascriptNumberText(-2.25) == "-2.25");
  CHECK(runtime::javascriptNumberText(0.000001) == "0.000001");
  CHECK(runtime::javascriptNumberText(1e-7) == "1e-7");
  CHECK(runtime::javascriptNumberText(1.5e21) == "1.5e+21");
  CHECK(runtime::javascriptNumberText(123456789012345680000.0) == "123456789012345680000");
  CHECK(runtime::javascriptNumberText(0) == "0");
}

TEST_CASE("sf's table: columns as wide as their widest line, multi-line cells", "[data][query]") {
  CHECK(runtime::sfTable("", {"ID", "NAME"}, {{"1", "Zoë"}, {"22", "two\nlines"}}) ==
        "┌────┬───────┐\n"
        "│ ID │ NAME  │\n"
        "├────┼───────┤\n"
        "│ 1  │ Zoë   │\n"
        "│ 22 │ two   │\n"
        "│    │ lines │\n"
        "└────┴───────┘\n"
        "\n");
  CHECK(runtime::sfTable("", {}, {}) == "\n");
}

QueryColumn field(std::string name) { return {QueryColumn::Kind::Field, std::move(name), "", {}}; }

// Two accounts: Acme with two contacts (one without an email) and a
// parent, Globex with none.
runtime::RestQueryResult accountsWithContacts() {
  runtime::RestQueryResult result;
  Json contacts = {{"totalSize", 2},
                   {"done", true},
                   {"records",
                    {{{"attributes", {{"type", "Contact"}}}, {"LastName", "Smith"}, {"Email", "ann@acme.example"}},
                     {{"attributes", {{"type", "Contact"}}}, {"LastName", "Jones"}, {"Email", nullptr}}}}};
  result.records.push_back({{"attributes", {{"type", "Account"}}},
                            {"Name", "Acme"},
                            {"Parent", {{"attributes", {{"type", "Account"}}}, {"Name", "Globex"}}},
                            {"Contacts", contacts}});
  result.records.push_back(
      {{"attributes", {{"type", "Account"}}}, {"Name", "Globex"}, {"Parent", nullptr}, {"Contacts", nullptr}});
  result.totalSize = 2;
  result.columns = {field("Name"),
                    field("Parent.Name"),
                    {QueryColumn::Kind::Subquery, "Contacts", "", {field("LastName"), field("Email")}}};
  return result;
}

TEST_CASE("human: a sub-query's first child on its parent's row, each further one on its own", "[data][query]") {
  CHECK(runtime::humanQueryReport(accountsWithContacts()) ==
        "┌────────┬─────────────┬───────────────────┬──────────────────┐\n"
        "│ NAME   │ PARENT.NAME │ CONTACTS.LASTNAME │ CONTACTS.EMAIL   │\n"
        "├────────┼─────────────┼───────────────────┼──────────────────┤\n"
        "│ Acme   │ Globex      │ Smith             │ ann@acme.example │\n"
        "│        │             │ Jones             │ null             │\n"
        "│ Globex │             │                   │                  │\n"
        "└────────┴─────────────┴───────────────────┴──────────────────┘\n"
        "\n"
        "Total number of records retrieved: 2.\n");
}

TEST_CASE("csv: a sub-query's children as numbered columns", "[data][query]") {
  CHECK(runtime::csvQueryReport(accountsWithContacts()) ==
        "Name,Parent.Name,Contacts.totalSize,Contacts.records.0.LastName,Contacts.records.0.Email,"
        "Contacts.totalSize,Contacts.records.1.LastName,Contacts.records.1.Email\n"
        "Acme,Globex,2,Smith,ann@acme.example,2,Jones,\n"
        "Globex,,,,,,,\n");
}

TEST_CASE("an aggregate's expr0 shows under its name, an aliased one under its alias", "[data][query]") {
  runtime::RestQueryResult result;
  result.records.push_back(
      {{"attributes", {{"type", "AggregateResult"}}}, {"Industry", nullptr}, {"expr0", 3}, {"total", 1.5}});
  result.totalSize = 1;
  result.columns = {field("Industry"),
                    {QueryColumn::Kind::Function, "COUNT(Id)", "", {}},
                    {QueryColumn::Kind::Function, "total", "total", {}}};
  CHECK(runtime::humanQueryReport(result) ==
        "┌──────────┬───────────┬───────┐\n"
        "│ INDUSTRY │ COUNT(ID) │ TOTAL │\n"
        "├──────────┼───────────┼───────┤\n"
        "│ null     │ 3         │ 1.5   │\n"
        "└──────────┴───────────┴───────┘\n"
        "\n"
        "Total number of records retrieved: 1.\n");
  CHECK(runtime::csvQueryReport(result) == "Industry,COUNT(Id),total\n,3,1.5\n");
}

TEST_CASE("a count: no table, the total", "[data][query]") {
  runtime::RestQueryResult result;
  result.totalSize = 7;
  CHECK(runtime::humanQueryReport(result) == "\nTotal number of records retrieved: 7.\n");
  CHECK(runtime::queryResultJson(result).dump() == R"({"records":[],"totalSize":7,"done":true})");
}

// ---------------------------------------------------------------- running

// An org whose interpreter queries the store, with the store's schema.
struct QueryOrg : Org {
  QueryOrg() {
    program.schema = std::shared_ptr<const sema::Schema>(std::shared_ptr<void>(), &schema);
    vm.setDataStore(store.get());
  }

  std::variant<runtime::RestQueryResult, runtime::RestQueryError> query(std::string_view soql, bool allRows = false) {
    return runtime::runRestQuery(vm, soql, allRows, "/services/data/v62.0");
  }
};

runtime::RestQueryResult resultOf(const std::variant<runtime::RestQueryResult, runtime::RestQueryError>& outcome) {
  if (auto* error = std::get_if<runtime::RestQueryError>(&outcome)) FAIL(error->errorCode << error->message);
  return std::get<runtime::RestQueryResult>(outcome);
}

runtime::RestQueryError errorOf(const std::variant<runtime::RestQueryResult, runtime::RestQueryError>& outcome) {
  REQUIRE(std::holds_alternative<runtime::RestQueryError>(outcome));
  return std::get<runtime::RestQueryError>(outcome);
}

TEST_CASE("records as the REST API writes them: the selected fields, parents nested, children as a query result",
          "[data][query]") {
  QueryOrg org;
  Value acme = org.insert("Account", {{"Name", org.text("Acme")}, {"AnnualRevenue", org.decimal("1500.00")}});
  org.insert("Account", {{"Name", org.text("Globex")}});
  org.insert("Invoice__c", {{"Name", org.text("INV-1")},
                            {"Account__c", org.vm.makeId(idOf(acme))},
                            {"Total__c", org.decimal("10.25")},
                            {"Sent__c", Value::datetime(Datetime::newInstanceGmt(2024, 3, 1, 8, 30, 5)->getTime())}});
  runtime::RestQueryResult result = resultOf(org.query(
      "SELECT Name, AnnualRevenue, (SELECT Name, Total__c, Sent__c FROM Invoices__r) FROM Account ORDER BY Name"));
  CHECK(result.totalSize == 2);
  CHECK(result.records[0].dump() ==
        R"({"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001000000000001AAA"},)"
        R"("Name":"Acme","AnnualRevenue":1500,"Invoices__r":{"totalSize":1,"done":true,"records":[)"
        R"({"attributes":{"type":"Invoice__c","url":"/services/data/v62.0/sobjects/Invoice__c/a00000000000001AAA"},)"
        R"("Name":"INV-1","Total__c":10.25,"Sent__c":"2024-03-01T08:30:05.000+0000"}]}})");
  CHECK(result.records[1]["Invoices__r"].is_null());
  REQUIRE(result.columns.size() == 3);
  CHECK(result.columns[2].kind == QueryColumn::Kind::Subquery);
  CHECK(result.columns[2].fields[1].name == "Total__c");

  runtime::RestQueryResult invoices = resultOf(org.query("SELECT account__r.name FROM Invoice__c"));
  CHECK(invoices.columns[0].name == "Account__r.Name");
  CHECK(invoices.records[0]["Account__r"]["Name"] == "Acme");
}

TEST_CASE("a query's errors are the REST API's: code, the line with a caret, row and column", "[data][query]") {
  QueryOrg org;
  runtime::RestQueryError column = errorOf(org.query("SELECT Id,\n  Foo FROM Account"));
  CHECK(column.errorCode == "INVALID_FIELD");
  CHECK(column.message.rfind("\n  Foo FROM Account\n  ^\nERROR at Row:2:Column:3\nNo such column 'Foo' on entity "
                             "'Account'.",
                             0) == 0);
  CHECK(errorOf(org.query("SELECT Id FROM Nothing__c")).errorCode == "INVALID_TYPE");
  CHECK(errorOf(org.query("SELECT Owner.Foo FROM Account")).errorCode == "INVALID_FIELD");
  runtime::RestQueryError syntax = errorOf(org.query("SELECT FROM Account"));
  CHECK(syntax.errorCode == "MALFORMED_QUERY");
  CHECK(syntax.message == "\nSELECT FROM Account\n       ^\nERROR at Row:1:Column:8\nunexpected token: 'FROM'");
}

TEST_CASE("COUNT() gives a total and no records, and --all-rows brings deleted records", "[data][query]") {
  QueryOrg org;
  Value gone = org.insert("Account", {{"Name", org.text("Gone")}});
  org.insert("Account", {{"Name", org.text("Kept")}});
  std::vector<std::string> ids{idOf(gone)};
  org.store->setDeleted(org.object("Account"), ids, true);
  runtime::RestQueryResult count = resultOf(org.query("SELECT COUNT() FROM Account"));
  CHECK(count.totalSize == 1);
  CHECK(count.records.empty());
  CHECK(resultOf(org.query("SELECT Name FROM Account", true)).totalSize == 2);
}

TEST_CASE("an aggregate query's records are AggregateResults with the API's keys", "[data][query]") {
  QueryOrg org;
  org.insert("Account", {{"Name", org.text("A")}, {"Industry", org.text("Energy")}});
  org.insert("Account", {{"Name", org.text("B")}, {"Industry", org.text("Energy")}});
  runtime::RestQueryResult result =
      resultOf(org.query("SELECT Industry, COUNT(Id), MAX(Name) last FROM Account GROUP BY Industry"));
  CHECK(result.records[0].dump() ==
        R"({"attributes":{"type":"AggregateResult"},"Industry":"Energy","expr0":2,"last":"B"})");
  REQUIRE(result.columns.size() == 3);
  CHECK(result.columns[1].name == "COUNT(Id)");
  CHECK(result.columns[1].alias.empty());
  CHECK(result.columns[2].name == "last");
  CHECK(result.columns[2].alias == "last");
}

TEST_CASE("a formula field has its value in the REST API's records, and cannot be filtered on", "[data][query]") {
  QueryOrg org;
  sema::SObjectField* total = org.schema.object("Invoice__c")->field("Total__c");
  total->calculated = true;
  total->formula = "Count__c * 2.5";
  total->scale = 2;
  org.insert("Invoice__c", {{"Name", org.text("INV-1")}, {"Count__c", Value::integer(4)}});
  runtime::RestQueryResult result = resultOf(org.query("SELECT Total__c FROM Invoice__c"));
  CHECK(result.records[0]["Total__c"] == 10);
  runtime::RestQueryError filtered = errorOf(org.query("SELECT Name FROM Invoice__c WHERE Total__c > 1"));
  CHECK(filtered.message == "System.QueryException: Filtering on the formula field Total__c is not supported by apexrun");
}

}  // namespace query_reports_test
