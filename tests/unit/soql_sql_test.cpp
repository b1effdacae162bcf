// SOQL to SQL (runtime/data/soql_sql.h): the SQL a bound query becomes,
// and what running it through the store returns: rows, values, order,
// parent records, child lists, aggregates.
#include <catch2/catch.hpp>

#include "base/zones.h"
#include "data_test_support.h"
#include "runtime/data/soql_sql.h"

namespace soql_sql_test {

using namespace data_test;
using apex::interp::Tag;
using apex::soql::CompareOp;
using Kind = apex::soql::Literal::Kind;

// Friday 2024-03-15 12:00:00 GMT.
constexpr int64_t kNow = 1710504000000;
constexpr int32_t kToday = 19797;

runtime::SqlQuery sqlOf(const Org& org, const soql::Query& query, std::vector<Value> binds = {}) {
  interp::QueryBinds bound;
  bound.byIndex = &binds;
  runtime::QueryContext context{org.schema, kNow, *Zone::gmt()};
  return runtime::translateQuery(query, bound, context);
}

runtime::SqlQuery postgresSqlOf(const Org& org, const soql::Query& query) {
  interp::QueryBinds bound;
  std::vector<Value> binds;
  bound.byIndex = &binds;
  runtime::QueryContext context{org.schema, kNow, *Zone::gmt(), runtime::SqlDialect::Postgres};
  return runtime::translateQuery(query, bound, context);
}

std::vector<std::string> names(const Value& list, std::string_view field = "Name") {
  std::vector<std::string> out;
  for (const Value& row : rows(list)) out.push_back(str(get(row, field)));
  return out;
}

// Five accounts to query.
struct Accounts : Org {
  Accounts() {
    store->setClock([] { return kNow; });
    insert("Account", {{"Name", text("Acme")}, {"Industry", text("Energy")}, {"NumberOfEmployees", Value::integer(50)},
                       {"AnnualRevenue", decimal("1000.25")}});
    insert("Account", {{"Name", text("beta")}, {"Industry", text("Banking")}, {"NumberOfEmployees", Value::integer(5)},
                       {"AnnualRevenue", decimal("200.50")}});
    insert("Account", {{"Name", text("Gamma")}, {"NumberOfEmployees", Value::integer(500)}});
    insert("Account", {{"Name", text("delta")}, {"Industry", text("energy")}, {"AnnualRevenue", decimal("0.25")}});
    insert("Account", {{"Name", text("Epsilon")}, {"Industry", text("Retail")}, {"NumberOfEmployees", Value::integer(50)}});
  }
  std::vector<std::string> whereNames(std::unique_ptr<soql::Condition> (*make)(QueryBuilder&),
                                      std::vector<Value> binds = {}) {
    QueryBuilder q(schema, "Account");
    q.select({"Name"}).where(make(q)).orderBy("Name");
    return names(run(q.take(), std::move(binds)));
  }
};

TEST_CASE("a simple query's SQL: selected fields, the Id, IsDeleted implied", "[data][soql]") {
  Org org;
  QueryBuilder q(org.schema, "Account");
  q.select({"Name"}).where(q.is("Name", CompareOp::Eq, {strLit("Acme")}));
  runtime::SqlQuery sql = sqlOf(org, q.take());
  CHECK(sql.sql ==
        "SELECT t0.\"Name\", t0.\"Id\" FROM \"Account\" AS t0 WHERE t0.\"Name\" IS ?1 AND t0.\"IsDeleted\" = 0");
  REQUIRE(sql.params.size() == 1);
  CHECK(std::get<std::string>(sql.params[0]) == "Acme");
  CHECK_FALSE(sql.aggregate);
}

TEST_CASE("parent fields become LEFT JOINs; numbers compare as REAL; ORDER BY and LIMIT", "[data][soql]") {
  Org org;
  QueryBuilder q(org.schema, "Contact");
  q.select({"LastName", "Account.Owner.Name"})
      .where(q.is("Account.AnnualRevenue", CompareOp::Gt, {intLit(100)}))
      .orderBy("LastName", true)
      .limit(intLit(10));
  runtime::SqlQuery sql = sqlOf(org, q.take());
  CHECK(sql.sql ==
        "SELECT t0.\"LastName\", t2.\"Name\", t0.\"Id\", t0.\"AccountId\", t1.\"OwnerId\", t1.\"Id\", t2.\"Id\" "
        "FROM \"Contact\" AS t0 "
        "LEFT JOIN \"Account\" AS t1 ON t1.\"Id\" = t0.\"AccountId\" "
        "LEFT JOIN \"User\" AS t2 ON t2.\"Id\" = t1.\"OwnerId\" "
        "WHERE coalesce(CAST(t1.\"AnnualRevenue\" AS REAL) > ?1, 0) AND t0.\"IsDeleted\" = 0 "
        "ORDER BY t0.\"LastName\" COLLATE NOCASE DESC NULLS LAST, t0.rowid LIMIT ?2");
  CHECK(std::get<double>(sql.params[0]) == 100.0);
  CHECK(std::get<int64_t>(sql.params[1]) == 10);
  CHECK(sql.nodes.size() == 3);
}

TEST_CASE("semi-joins are sub-selects; IN lists expand a collection bind", "[data][soql]") {
  Org org;
  QueryBuilder q(org.schema, "Account");
  QueryBuilder contacts(org.schema, "Contact");
  contacts.select({"AccountId"}).where(contacts.is("LastName", CompareOp::Like, {strLit("Sm%")}));
  q.select({"Name"}).where(allOf(q.in("Id", std::move(contacts)), q.is("Name", CompareOp::In, {bindLit(0)})));
  Value list = org.vm.makeList(org.vm.types().list(org.vm.types().string()), {org.text("A"), org.text("B")});
  runtime::SqlQuery sql = sqlOf(org, q.take(), {list});
  CHECK(sql.sql ==
        "SELECT t0.\"Name\", t0.\"Id\" FROM \"Account\" AS t0 WHERE (coalesce(t0.\"Id\" IN (SELECT t1.\"AccountId\" "
        "FROM \"Contact\" AS t1 WHERE coalesce(t1.\"LastName\" LIKE ?1 ESCAPE '\\', 0) AND t1.\"IsDeleted\" = 0), 0) "
        "AND coalesce(t0.\"Name\" IN (?2, ?3), 0)) AND t0.\"IsDeleted\" = 0");
  CHECK(sql.params.size() == 3);
}

TEST_CASE("date literals are ranges from now in the user's time zone", "[data][soql][dates]") {
  Date today = Date::fromDaysSinceEpoch(kToday);  // a Friday
  auto range = [&](std::string_view name, int n = 0) {
    auto r = runtime::dateLiteralRange(name, n, today);
    REQUIRE(r);
    return std::pair{r->first.toApexString(), r->second.toApexString()};
  };
  using P = std::pair<std::string, std::string>;
  CHECK(range("TODAY") == P{"2024-03-15", "2024-03-16"});
  CHECK(range("YESTERDAY") == P{"2024-03-14", "2024-03-15"});
  CHECK(range("THIS_WEEK") == P{"2024-03-10", "2024-03-17"});  // weeks start on Sunday
  CHECK(range("LAST_WEEK") == P{"2024-03-03", "2024-03-10"});
  CHECK(range("THIS_MONTH") == P{"2024-03-01", "2024-04-01"});
  CHECK(range("NEXT_MONTH") == P{"2024-04-01", "2024-05-01"});
  CHECK(range("THIS_QUARTER") == P{"2024-01-01", "2024-04-01"});
  CHECK(range("LAST_QUARTER") == P{"2023-10-01", "2024-01-01"});
  CHECK(range("THIS_FISCAL_YEAR") == P{"2024-01-01", "2025-01-01"});
  CHECK(range("LAST_N_DAYS", 7) == P{"2024-03-08", "2024-03-16"});
  CHECK(range("NEXT_N_DAYS", 2) == P{"2024-03-16", "2024-03-18"});
  CHECK(range("LAST_90_DAYS") == P{"2023-12-16", "2024-03-16"});
  CHECK(range("LAST_N_MONTHS", 2) == P{"2024-01-01", "2024-03-01"});
  CHECK(range("N_YEARS_AGO", 2) == P{"2022-01-01", "2023-01-01"});
  CHECK(range("NEXT_N_QUARTERS", 1) == P{"2024-04-01", "2024-07-01"});
  CHECK_FALSE(runtime::dateLiteralRange("SOMEDAY", 0, today));
}

TEST_CASE("comparisons: text ignores case, != and NOT IN include nulls, numbers compare numerically",
          "[data][soql][where]") {
  Accounts org;
  using V = std::vector<std::string>;
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Name", CompareOp::Eq, {strLit("ACME")}); }) == V{"Acme"});
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Industry", CompareOp::Ne, {strLit("ENERGY")}); }) ==
        V{"beta", "Epsilon", "Gamma"});
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Industry", CompareOp::Eq, {nullLit()}); }) == V{"Gamma"});
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Industry", CompareOp::Ne, {nullLit()}); }).size() == 4);
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Name", CompareOp::Like, {strLit("%TA")}); }) ==
        V{"beta", "delta"});
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Name", CompareOp::Like, {strLit("_amma")}); }) ==
        V{"Gamma"});
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("NumberOfEmployees", CompareOp::Ge, {intLit(50)}); }) ==
        V{"Acme", "Epsilon", "Gamma"});
  CHECK(org.whereNames([](QueryBuilder& q) {
    return q.is("AnnualRevenue", CompareOp::Lt, {lit(Kind::Decimal, "200.5")});
  }) == V{"delta"});
  CHECK(org.whereNames([](QueryBuilder& q) {
    return q.is("AnnualRevenue", CompareOp::Gt, {lit(Kind::Decimal, "1e2")});
  }) == V{"Acme", "beta"});
  CHECK(org.whereNames([](QueryBuilder& q) {
    return q.is("Industry", CompareOp::NotIn, {strLit("energy"), strLit("retail")});
  }) == V{"beta", "Gamma"});
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Industry", CompareOp::In, {strLit("x"), nullLit()}); }) ==
        V{"Gamma"});
  CHECK(org.whereNames([](QueryBuilder& q) {
    return notOf(q.is("NumberOfEmployees", CompareOp::Lt, {intLit(100)}));
  }) == V{"delta", "Gamma"});
  CHECK(org.whereNames([](QueryBuilder& q) {
    return anyOf(q.is("Name", CompareOp::Eq, {strLit("acme")}),
                 allOf(q.is("NumberOfEmployees", CompareOp::Eq, {intLit(50)}),
                       q.is("Industry", CompareOp::Eq, {strLit("Retail")})));
  }) == V{"Acme", "Epsilon"});
}

TEST_CASE("binds: single values, Lists and Sets of Strings and Ids, records for their Ids", "[data][soql][binds]") {
  Accounts org;
  using V = std::vector<std::string>;
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Name", CompareOp::Eq, {bindLit(0)}); },
                       {org.text("GAMMA")}) == V{"Gamma"});
  Value names = org.vm.makeList(org.vm.types().list(org.vm.types().string()), {org.text("acme"), org.text("Delta")});
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Name", CompareOp::In, {bindLit(0)}); }, {names}) ==
        V{"Acme", "delta"});
  std::vector<Value> all = rows(org.run(QueryBuilder(org.schema, "Account").select({"Name"}).take()));
  Value ids = org.vm.makeSet(org.vm.types().set(org.vm.types().id()));
  ids.as<interp::SetObj>()->table.add(org.vm.makeId(idOf(all[1]).substr(0, 15)));  // a 15-character Id too
  ids.as<interp::SetObj>()->table.add(get(all[2], "Id"));
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Id", CompareOp::In, {bindLit(0)}); }, {ids}) ==
        V{"beta", "Gamma"});
  Value records = org.vm.makeList(org.vm.types().list(org.vm.types().sobject()), {all[0]});
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Id", CompareOp::In, {bindLit(0)}); }, {records}) ==
        V{"Acme"});
  Value empty = org.vm.makeList(org.vm.types().list(org.vm.types().string()));
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Name", CompareOp::In, {bindLit(0)}); }, {empty}).empty());
  CHECK(org.whereNames([](QueryBuilder& q) { return q.is("Name", CompareOp::NotIn, {bindLit(0)}); }, {empty}).size() ==
        5);
}

TEST_CASE("a bind with no value is a QueryException", "[data][soql][binds]") {
  Accounts org;
  QueryBuilder q(org.schema, "Account");
  q.select({"Name"}).where(q.is("Name", CompareOp::Eq, {bindLit(3)}));
  CHECK_THROWS_AS(org.run(q.take()), interp::ApexThrow);
}

TEST_CASE("ORDER BY: case-insensitive text, nulls first ascending and last descending, NULLS LAST",
          "[data][soql][order]") {
  Accounts org;
  using V = std::vector<std::string>;
  QueryBuilder byName(org.schema, "Account");
  byName.select({"Name"}).orderBy("Name");
  CHECK(names(org.run(byName.take())) == V{"Acme", "beta", "delta", "Epsilon", "Gamma"});
  QueryBuilder byIndustry(org.schema, "Account");
  byIndustry.select({"Name"}).orderBy("Industry").orderBy("Name", true);
  CHECK(names(org.run(byIndustry.take())) == V{"Gamma", "beta", "delta", "Acme", "Epsilon"});
  QueryBuilder descending(org.schema, "Account");
  descending.select({"Name"}).orderBy("NumberOfEmployees", true).orderBy("Name");
  CHECK(names(org.run(descending.take())) == V{"Gamma", "Acme", "Epsilon", "beta", "delta"});
  QueryBuilder nullsLast(org.schema, "Account");
  nullsLast.select({"Name"}).orderBy("AnnualRevenue", false, soql::OrderItem::Nulls::Last).orderBy("Name");
  CHECK(names(org.run(nullsLast.take())) == V{"delta", "beta", "Acme", "Epsilon", "Gamma"});
}

TEST_CASE("LIMIT and OFFSET, as numbers and binds", "[data][soql][order]") {
  Accounts org;
  using V = std::vector<std::string>;
  QueryBuilder q(org.schema, "Account");
  q.select({"Name"}).orderBy("Name").limit(intLit(2)).offset(bindLit(0));
  CHECK(names(org.run(q.take(), {Value::integer(1)})) == V{"beta", "delta"});
  QueryBuilder onlyOffset(org.schema, "Account");
  onlyOffset.select({"Name"}).orderBy("Name").offset(intLit(4));
  CHECK(names(org.run(onlyOffset.take())) == V{"Gamma"});
}

TEST_CASE("rows are records from a query: selected fields in order, then the Id, typed values", "[data][soql]") {
  Accounts org;
  QueryBuilder q(org.schema, "Account");
  q.select({"Name", "AnnualRevenue", "NumberOfEmployees"}).where(q.is("Name", CompareOp::Eq, {strLit("acme")}));
  Value list = org.run(q.take());
  CHECK(list.as<interp::ListObj>()->type == org.vm.types().list(org.vm.types().sobjectType(*org.schema.object("Account"))));
  REQUIRE(rows(list).size() == 1);
  const Value& acme = rows(list)[0];
  CHECK(acme.as<interp::SObjectObj>()->fromQuery);
  CHECK(fieldNames(acme) == std::vector<std::string>{"Name", "AnnualRevenue", "NumberOfEmployees", "Id"});
  CHECK(get(acme, "Id").tag() == Tag::Id);
  CHECK(dec(get(acme, "AnnualRevenue")) == "1000.25");
  CHECK(get(acme, "NumberOfEmployees").tag() == Tag::Integer);
  CHECK_FALSE(has(acme, "Industry"));
}

TEST_CASE("dates, datetimes, booleans and multi-select picklists in WHERE", "[data][soql][dates]") {
  Org org;
  org.store->setClock([] { return kNow; });
  org.insert("Invoice__c", {{"Name", org.text("today")}, {"Due__c", Value::date(kToday)},
                            {"Sent__c", Value::datetime(kNow - 3600000)}, {"Paid__c", Value::boolean(true)},
                            {"Tags__c", org.text("Red;Blue")}});
  org.insert("Invoice__c", {{"Name", org.text("last month")}, {"Due__c", Value::date(kToday - 30)},
                            {"Sent__c", Value::datetime(kNow - 30 * 86400000LL)}, {"Tags__c", org.text("Blue")}});
  org.insert("Invoice__c", {{"Name", org.text("next year")}, {"Due__c", Value::date(kToday + 300)},
                            {"Tags__c", org.text("Green;red")}});
  auto where = [&](auto make) {
    QueryBuilder q(org.schema, "Invoice__c");
    q.select({"Name"}).where(make(q)).orderBy("Name");
    return names(org.run(q.take()));
  };
  using V = std::vector<std::string>;
  CHECK(where([](QueryBuilder& q) { return q.is("Due__c", CompareOp::Eq, {lit(Kind::DateLiteral, "TODAY")}); }) ==
        V{"today"});
  CHECK(where([](QueryBuilder& q) { return q.is("Sent__c", CompareOp::Eq, {lit(Kind::DateLiteral, "TODAY")}); }) ==
        V{"today"});
  CHECK(where([](QueryBuilder& q) {
    return q.is("Due__c", CompareOp::Eq, {lit(Kind::DateLiteral, "LAST_N_DAYS", 30)});
  }) == V{"last month", "today"});
  CHECK(where([](QueryBuilder& q) { return q.is("Due__c", CompareOp::Gt, {lit(Kind::DateLiteral, "THIS_YEAR")}); }) ==
        V{"next year"});
  CHECK(where([](QueryBuilder& q) { return q.is("Due__c", CompareOp::Lt, {lit(Kind::Date, "2024-03-01")}); }) ==
        V{"last month"});
  CHECK(where([](QueryBuilder& q) {
    return q.is("Sent__c", CompareOp::Ge, {lit(Kind::Datetime, "2024-03-15T12:00:00+02:00")});
  }) == V{"today"});
  CHECK(where([](QueryBuilder& q) {
    return q.is("Paid__c", CompareOp::Eq, {lit(Kind::Boolean, "false")});
  }) == V{"last month", "next year"});
  CHECK(where([](QueryBuilder& q) { return q.is("Tags__c", CompareOp::Includes, {strLit("red")}); }) ==
        V{"next year", "today"});
  CHECK(where([](QueryBuilder& q) {
    return q.is("Tags__c", CompareOp::Includes, {strLit("Red;Blue"), strLit("Green")});
  }) == V{"next year", "today"});
  CHECK(where([](QueryBuilder& q) { return q.is("Tags__c", CompareOp::Excludes, {strLit("Blue")}); }) ==
        V{"next year"});
  CHECK(where([](QueryBuilder& q) { return q.fn("CALENDAR_YEAR", "Due__c", CompareOp::Eq, {intLit(2025)}); }) ==
        V{"next year"});
  CHECK(where([](QueryBuilder& q) { return q.fn("CALENDAR_MONTH", "Sent__c", CompareOp::Eq, {intLit(2)}); }) ==
        V{"last month"});
  CHECK(where([](QueryBuilder& q) { return q.fn("DAY_IN_WEEK", "Due__c", CompareOp::Eq, {intLit(6)}); }) ==
        V{"today"});  // Friday; Sunday is 1
  CHECK(where([](QueryBuilder& q) { return q.fn("HOUR_IN_DAY", "Sent__c", CompareOp::Eq, {intLit(11)}); }) ==
        V{"today"});
  CHECK(where([](QueryBuilder& q) {
    return q.fn("DAY_ONLY", "Sent__c", CompareOp::Eq, {lit(Kind::Date, "2024-03-15")});
  }) == V{"today"});
}

TEST_CASE("date literals on datetimes follow the user's time zone", "[data][soql][dates]") {
  Org org;
  org.store->setClock([] { return kNow; });
  // 23:30 on the 14th in New York is 03:30 on the 15th GMT.
  org.insert("Invoice__c", {{"Name", org.text("late")}, {"Sent__c", Value::datetime(kNow - (8 * 60 + 30) * 60000LL)}});
  interp::UserContext user;
  user.timeZone = "America/New_York";
  org.vm.setUser(&user);
  QueryBuilder q(org.schema, "Invoice__c");
  q.select({"Name"}).where(q.is("Sent__c", CompareOp::Eq, {lit(Kind::DateLiteral, "YESTERDAY")}));
  CHECK(names(org.run(q.take())) == std::vector<std::string>{"late"});
}

TEST_CASE("parent records: nested, typed, null when the reference is", "[data][soql][parents]") {
  Org org;
  Value user = org.insert("User", {{"LastName", org.text("Owner")}, {"FirstName", org.text("Olive")}});
  Value acme = org.insert("Account", {{"Name", org.text("Acme")}, {"OwnerId", get(user, "Id")}});
  org.insert("Contact", {{"LastName", org.text("Smith")}, {"AccountId", get(acme, "Id")}});
  org.insert("Contact", {{"LastName", org.text("Orphan")}});
  QueryBuilder q(org.schema, "Contact");
  q.select({"LastName", "Account.Name", "Account.Owner.FirstName"}).orderBy("LastName", true);
  std::vector<Value> contacts = rows(org.run(q.take()));
  REQUIRE(contacts.size() == 2);
  const Value& smith = contacts[0];
  CHECK(fieldNames(smith) == std::vector<std::string>{"LastName", "Id", "AccountId"});
  Value account = parentOf(smith, "AccountId");
  REQUIRE(account.tag() == Tag::SObject);
  CHECK(account.as<interp::SObjectObj>()->type->name == "Account");
  CHECK(account.as<interp::SObjectObj>()->fromQuery);
  CHECK(str(get(account, "Name")) == "Acme");
  CHECK(str(get(account, "Id")) == idOf(acme));
  Value owner = parentOf(account, "OwnerId");
  CHECK(str(get(owner, "FirstName")) == "Olive");
  CHECK(parentOf(contacts[1], "AccountId").isNull());
}

TEST_CASE("a polymorphic parent is the object its Id's key prefix names", "[data][soql][parents]") {
  Org org;
  Value account = org.insert("Account", {{"Name", org.text("Acme")}});
  Value opportunity = org.insert("Opportunity", {{"Name", org.text("Big deal")}});
  org.insert("Task", {{"Subject", org.text("call")}, {"WhatId", get(account, "Id")}});
  org.insert("Task", {{"Subject", org.text("email")}, {"WhatId", get(opportunity, "Id")}});
  QueryBuilder q(org.schema, "Task");
  q.select({"Subject", "What.Name"}).orderBy("Subject");
  std::vector<Value> tasks = rows(org.run(q.take()));
  REQUIRE(tasks.size() == 2);
  Value what = parentOf(tasks[0], "WhatId");
  CHECK(what.as<interp::SObjectObj>()->type->name == "Account");
  CHECK(str(get(what, "Name")) == "Acme");
  what = parentOf(tasks[1], "WhatId");
  CHECK(what.as<interp::SObjectObj>()->type->name == "Opportunity");
  CHECK(str(get(what, "Name")) == "Big deal");
  QueryBuilder filtered(org.schema, "Task");
  filtered.select({"Subject"}).where(filtered.is("What.Name", CompareOp::Like, {strLit("big%")}));
  CHECK(names(org.run(filtered.take()), "Subject") == std::vector<std::string>{"email"});
}

TEST_CASE("child sub-queries: a typed list per parent, empty when none, with their own WHERE, ORDER BY and LIMIT",
          "[data][soql][children]") {
  Org org;
  Value acme = org.insert("Account", {{"Name", org.text("Acme")}});
  org.insert("Account", {{"Name", org.text("Lonely")}});
  for (std::string name : {"b", "c", "a", "x"})
    org.insert("Contact", {{"LastName", org.text(name)}, {"AccountId", get(acme, "Id")}});
  QueryBuilder contacts(org.schema, "Contact");
  contacts.select({"LastName"}).where(contacts.is("LastName", CompareOp::Ne, {strLit("x")})).orderBy("LastName");
  contacts.limit(intLit(2));
  QueryBuilder q(org.schema, "Account");
  q.select({"Name"}).subquery("Contacts", std::move(contacts)).orderBy("Name");
  std::vector<Value> accounts = rows(org.run(q.take()));
  REQUIRE(accounts.size() == 2);
  Value kids = childrenOf(accounts[0], "Contacts");
  CHECK(kids.as<interp::ListObj>()->type == org.vm.types().list(org.vm.types().sobjectType(*org.schema.object("Contact"))));
  CHECK(names(kids, "LastName") == std::vector<std::string>{"a", "b"});
  CHECK(str(get(rows(kids)[0], "AccountId")) == idOf(acme));
  Value none = childrenOf(accounts[1], "Contacts");
  REQUIRE(none.tag() == Tag::List);
  CHECK(rows(none).empty());
}

TEST_CASE("custom relationships: Account__r up, Invoices__r and Lines__r down", "[data][soql][children]") {
  Org org;
  Value acme = org.insert("Account", {{"Name", org.text("Acme")}});
  Value invoice = org.insert("Invoice__c", {{"Name", org.text("INV-1")}, {"Account__c", get(acme, "Id")}});
  org.insert("Line__c", {{"Invoice__c", get(invoice, "Id")}, {"Amount__c", org.decimal("10.5")}});
  QueryBuilder q(org.schema, "Line__c");
  q.select({"Amount__c", "Invoice__r.Account__r.Name"});
  std::vector<Value> lines = rows(org.run(q.take()));
  REQUIRE(lines.size() == 1);
  CHECK(str(get(parentOf(parentOf(lines[0], "Invoice__c"), "Account__c"), "Name")) == "Acme");
  QueryBuilder invoices(org.schema, "Invoice__c");
  invoices.select({"Name"});
  QueryBuilder accounts(org.schema, "Account");
  accounts.select({"Name"}).subquery("Invoices__r", std::move(invoices));
  Value account = rows(org.run(accounts.take())).at(0);
  CHECK(names(childrenOf(account, "Invoices__r")) == std::vector<std::string>{"INV-1"});
}

TEST_CASE("semi-joins and anti-joins run", "[data][soql][where]") {
  Org org;
  Value acme = org.insert("Account", {{"Name", org.text("Acme")}});
  org.insert("Account", {{"Name", org.text("NoContacts")}});
  org.insert("Contact", {{"LastName", org.text("Smith")}, {"AccountId", get(acme, "Id")}});
  org.insert("Contact", {{"LastName", org.text("Orphan")}});
  for (bool negated : {false, true}) {
    QueryBuilder contacts(org.schema, "Contact");
    contacts.select({"AccountId"});
    QueryBuilder q(org.schema, "Account");
    q.select({"Name"}).where(q.in("Id", std::move(contacts), negated));
    CHECK(names(org.run(q.take())) == std::vector<std::string>{negated ? "NoContacts" : "Acme"});
  }
}

TEST_CASE("SELECT COUNT() is an Integer", "[data][soql][aggregates]") {
  Accounts org;
  QueryBuilder q(org.schema, "Account");
  q.function("COUNT").where(q.is("Industry", CompareOp::Like, {strLit("E%")}));
  Value count = org.run(q.take());
  REQUIRE(count.tag() == Tag::Integer);
  CHECK(count.asInt() == 2);
}

TEST_CASE("aggregates: exact sums, aliases and expr names, GROUP BY keys, HAVING", "[data][soql][aggregates]") {
  Accounts org;
  QueryBuilder q(org.schema, "Account");
  q.function("SUM", "AnnualRevenue")
      .function("COUNT", "Industry", "withIndustry")
      .function("MAX", "NumberOfEmployees")
      .function("AVG", "AnnualRevenue")
      .function("COUNT_DISTINCT", "Industry")
      .function("MIN", "AnnualRevenue")
      .function("MIN", "Name");
  Value list = org.run(q.take());
  CHECK(list.as<interp::ListObj>()->type == org.vm.types().list(org.vm.types().sobjectType(sema::aggregateResultType())));
  REQUIRE(rows(list).size() == 1);
  const Value& result = rows(list)[0];
  CHECK(result.as<interp::SObjectObj>()->type->name == "AggregateResult");
  CHECK(dec(aggregate(result, "expr0")) == "1201.00");
  CHECK(aggregate(result, "withIndustry").asInt() == 4);
  CHECK(aggregate(result, "expr1").asInt() == 500);
  CHECK_THAT(dec(aggregate(result, "expr2")), Catch::StartsWith("400.33333333333333"));
  CHECK(aggregate(result, "expr3").asInt() == 3);  // Energy and energy are one value
  CHECK(dec(aggregate(result, "expr4")) == "0.25");
  CHECK(str(aggregate(result, "expr5")) == "Acme");

  QueryBuilder grouped(org.schema, "Account");
  grouped.select({"Industry"})
      .function("COUNT", "Id", "n")
      .groupBy("Industry")
      .having(grouped.fn("COUNT", "Id", CompareOp::Gt, {intLit(1)}));
  std::vector<Value> groups = rows(org.run(grouped.take()));
  REQUIRE(groups.size() == 1);
  CHECK(str(aggregate(groups[0], "Industry")).size() == 6);  // Energy or energy: one group
  CHECK(aggregate(groups[0], "n").asInt() == 2);
}

TEST_CASE("GROUP BY a date function and ORDER BY an aggregate", "[data][soql][aggregates]") {
  Org org;
  org.insert("Invoice__c", {{"Due__c", Value::date(kToday)}, {"Total__c", org.decimal("1.10")}});
  org.insert("Invoice__c", {{"Due__c", Value::date(kToday + 1)}, {"Total__c", org.decimal("2.20")}});
  org.insert("Invoice__c", {{"Due__c", Value::date(kToday + 400)}, {"Total__c", org.decimal("0.05")}});
  QueryBuilder q(org.schema, "Invoice__c");
  q.function("CALENDAR_YEAR", "Due__c").function("SUM", "Total__c", "total");
  soql::Operand year;
  year.kind = soql::Operand::Kind::Function;
  year.function = call("CALENDAR_YEAR", {path(org.schema, org.object("Invoice__c"), "Due__c")});
  soql::Query query = q.take();
  query.groupBy.push_back(std::move(year));
  soql::OrderItem bySum;
  bySum.operand.kind = soql::Operand::Kind::Function;
  bySum.operand.function = call("SUM", {path(org.schema, org.object("Invoice__c"), "Total__c")});
  bySum.descending = true;
  query.orderBy.push_back(std::move(bySum));
  std::vector<Value> years = rows(org.run(query));
  REQUIRE(years.size() == 2);
  CHECK(aggregate(years[0], "expr0").asInt() == 2024);
  CHECK(dec(aggregate(years[0], "total")) == "3.30");
  CHECK(aggregate(years[1], "expr0").asInt() == 2025);
  CHECK(dec(aggregate(years[1], "total")) == "0.05");
}

TEST_CASE("PostgreSQL: $ parameters, text through lower() with folded values, exact numbers, row order",
          "[data][soql][postgres]") {
  Org org;
  QueryBuilder q(org.schema, "Account");
  q.select({"Name"})
      .where(q.is("Name", CompareOp::Eq, {strLit("Acme")}))
      .orderBy("Name")
      .offset(intLit(5));
  runtime::SqlQuery sql = postgresSqlOf(org, q.take());
  CHECK(sql.sql ==
        "SELECT t0.\"Name\", t0.\"Id\" FROM \"Account\" AS t0 "
        "WHERE lower(t0.\"Name\") IS NOT DISTINCT FROM $1 AND t0.\"IsDeleted\" = 0 "
        "ORDER BY lower(t0.\"Name\") ASC NULLS FIRST, t0.apexrun_row OFFSET $2");
  REQUIRE(sql.params.size() == 2);
  CHECK(std::get<std::string>(sql.params[0]) == "acme");

  QueryBuilder numbers(org.schema, "Account");
  numbers.select({"Name"}).where(numbers.is("AnnualRevenue", CompareOp::Gt, {intLit(100)}));
  CHECK(postgresSqlOf(org, numbers.take()).sql ==
        "SELECT t0.\"Name\", t0.\"Id\" FROM \"Account\" AS t0 "
        "WHERE coalesce(t0.\"AnnualRevenue\" > $1, false) AND t0.\"IsDeleted\" = 0 ORDER BY t0.apexrun_row");
}

TEST_CASE("PostgreSQL: text grouped by lower(), decimal aggregates numeric's own", "[data][soql][postgres]") {
  Org org;
  QueryBuilder q(org.schema, "Account");
  q.select({"Industry"}).function("SUM", "AnnualRevenue", "total").function("AVG", "AnnualRevenue").groupBy("Industry");
  runtime::SqlQuery sql = postgresSqlOf(org, q.take());
  CHECK(sql.sql ==
        "SELECT min(t0.\"Industry\"), SUM(t0.\"AnnualRevenue\"), trim_scale(AVG(t0.\"AnnualRevenue\")) "
        "FROM \"Account\" AS t0 WHERE t0.\"IsDeleted\" = 0 GROUP BY lower(t0.\"Industry\")");
}

TEST_CASE("PostgreSQL: a SOSL phrase as a regular expression of whole words", "[data][sosl][postgres]") {
  CHECK(runtime::searchPattern({"acme", "co*"}) ==
        "(^|[^[:alnum:]])acme[^[:alnum:]]+co[[:alnum:]]*($|[^[:alnum:]])");
  CHECK(runtime::searchPattern({"b?t"}) == "(^|[^[:alnum:]])b[[:alnum:]]t($|[^[:alnum:]])");
}

}  // namespace soql_sql_test
