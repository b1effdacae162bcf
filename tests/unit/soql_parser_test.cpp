// Unit tests for the SOQL parser (src/syntax/soql_parser.h): every clause,
// every literal kind, escapes, both bind forms, and each syntax error.
#include <catch2/catch.hpp>

#include <string>

#include "syntax/soql_parser.h"

using namespace apex;
using soql::CompareOp;
using soql::Condition;
using soql::Literal;
using soql::SelectItem;
using syntax::SoqlBinds;

namespace soql_parser_test {

soql::Query parsedQuery(const std::string& text, SoqlBinds binds = SoqlBinds::Dynamic) {
  syntax::SoqlParseResult result = syntax::parseSoql(text, binds);
  INFO(text << " -> " << (result.error ? result.error->message : ""));
  REQUIRE(result.ok());
  return std::move(result.query);
}

syntax::SoqlSyntaxError syntaxFailure(const std::string& text, SoqlBinds binds = SoqlBinds::Dynamic) {
  syntax::SoqlParseResult result = syntax::parseSoql(text, binds);
  INFO(text);
  REQUIRE(result.error);
  return *result.error;
}

// The one comparison of `SELECT Id FROM Account WHERE <condition>`.
Condition whereOf(const std::string& condition, SoqlBinds binds = SoqlBinds::Dynamic) {
  soql::Query q = parsedQuery("SELECT Id FROM Account WHERE " + condition, binds);
  REQUIRE(q.where);
  return std::move(*q.where);
}

Literal valueOf(const std::string& value) {
  Condition c = whereOf("CreatedDate = " + value);
  REQUIRE(c.kind == Condition::Kind::Compare);
  REQUIRE(c.values.size() == 1);
  return c.values[0];
}

}  // namespace soql_parser_test

using namespace soql_parser_test;

TEST_CASE("SOQL: select items are fields, dotted paths, functions with aliases", "[soql]") {
  soql::Query q = parsedQuery("SELECT Id, Account.Owner.Name, COUNT(Id) cnt, CALENDAR_YEAR(CreatedDate) FROM Contact");
  REQUIRE(q.select.size() == 4);
  CHECK(q.select[0].kind == SelectItem::Kind::Field);
  CHECK(q.select[0].field.text() == "Id");
  CHECK(q.select[1].field.names == std::vector<std::string>{"Account", "Owner", "Name"});
  CHECK(q.select[2].kind == SelectItem::Kind::Function);
  CHECK(q.select[2].function->name == "COUNT");
  CHECK(q.select[2].alias == "cnt");
  REQUIRE(q.select[2].function->args.size() == 1);
  CHECK(q.select[2].function->args[0].field.text() == "Id");
  CHECK(q.select[3].function->name == "CALENDAR_YEAR");
  CHECK(q.select[3].alias.empty());
  CHECK(q.from == "Contact");
  CHECK(q.select[1].field.pos.line == 1);
  CHECK(q.select[1].field.pos.column == 12);
}

TEST_CASE("SOQL: keywords and function names are case-insensitive, names kept as written", "[soql]") {
  soql::Query q = parsedQuery("select name, count_distinct(Industry) from account where name like 'a%' order by name desc nulls last limit 5");
  CHECK(q.select[0].field.text() == "name");
  CHECK(q.select[1].function->name == "COUNT_DISTINCT");
  CHECK(q.from == "account");
  CHECK(q.where->op == CompareOp::Like);
  CHECK(q.orderBy[0].descending);
  CHECK(q.orderBy[0].nulls == soql::OrderItem::Nulls::Last);
  CHECK(q.limit->text == "5");
}

TEST_CASE("SOQL: nested functions and literal arguments", "[soql]") {
  soql::Query q = parsedQuery(
      "SELECT DAY_ONLY(convertTimezone(CreatedDate)), DISTANCE(Loc__c, GEOLOCATION(37.7, -122.4), 'mi') d FROM Account");
  const soql::FunctionCall& dayOnly = *q.select[0].function;
  REQUIRE(dayOnly.args.size() == 1);
  CHECK(dayOnly.args[0].kind == soql::FunctionArg::Kind::Function);
  CHECK(dayOnly.args[0].function->name == "CONVERTTIMEZONE");
  const soql::FunctionCall& distance = *q.select[1].function;
  REQUIRE(distance.args.size() == 3);
  CHECK(distance.args[1].function->args[1].literal.text == "-122.4");
  CHECK(distance.args[1].function->args[1].literal.kind == Literal::Kind::Decimal);
  CHECK(distance.args[2].literal.kind == Literal::Kind::String);
  CHECK(distance.args[2].literal.text == "mi");
  CHECK(q.select[1].alias == "d");
}

TEST_CASE("SOQL: COUNT() and the query's kind", "[soql]") {
  CHECK(parsedQuery("SELECT COUNT() FROM Account").isCount());
  CHECK_FALSE(parsedQuery("SELECT COUNT() FROM Account").isAggregate());
  CHECK(parsedQuery("SELECT COUNT(Id) FROM Account").isAggregate());
  CHECK(parsedQuery("SELECT Industry FROM Account GROUP BY Industry").isAggregate());
  CHECK_FALSE(parsedQuery("SELECT Name FROM Account").isAggregate());
  CHECK_FALSE(parsedQuery("SELECT Name, (SELECT COUNT() FROM Contacts) FROM Account").isCount());
}

TEST_CASE("SOQL: child sub-queries, TYPEOF and FIELDS()", "[soql]") {
  soql::Query q = parsedQuery(
      "SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null ORDER BY LastName), "
      "TYPEOF What WHEN Account THEN Phone, Name WHEN Opportunity THEN Amount ELSE Name END, "
      "FIELDS(STANDARD) FROM Task");
  REQUIRE(q.select.size() == 4);
  const SelectItem& sub = q.select[1];
  CHECK(sub.kind == SelectItem::Kind::Subquery);
  CHECK(sub.subquery->from == "Contacts");
  CHECK(sub.subquery->select[0].field.text() == "LastName");
  CHECK(sub.subquery->where->op == CompareOp::Ne);
  CHECK(sub.subquery->where->values[0].kind == Literal::Kind::Null);
  CHECK(sub.subquery->orderBy.size() == 1);
  const soql::TypeOf& typeOf = *q.select[2].typeOf;
  CHECK(typeOf.relationship.text() == "What");
  REQUIRE(typeOf.whens.size() == 2);
  CHECK(typeOf.whens[0].objectName == "Account");
  CHECK(typeOf.whens[0].fields.size() == 2);
  CHECK(typeOf.whens[1].fields[0].text() == "Amount");
  CHECK(typeOf.elseFields[0].text() == "Name");
  CHECK(q.select[3].kind == SelectItem::Kind::Fields);
  CHECK(q.select[3].fieldsSet == SelectItem::FieldsSet::Standard);
  CHECK(parsedQuery("SELECT fields(all) FROM Account LIMIT 200").select[0].fieldsSet == SelectItem::FieldsSet::All);
  CHECK(parsedQuery("SELECT FIELDS(CUSTOM) FROM Account LIMIT 200").select[0].fieldsSet == SelectItem::FieldsSet::Custom);
}

TEST_CASE("SOQL: a FROM alias is dropped from paths, a sub-query's FROM keeps the relationship", "[soql]") {
  soql::Query q = parsedQuery(
      "SELECT a.Name, a.Owner.Name, (SELECT c.LastName FROM a.Contacts c) FROM Account a "
      "WHERE a.Industry = 'Energy' GROUP BY a.Name ORDER BY a.Name");
  CHECK(q.alias == "a");
  CHECK(q.select[0].field.text() == "Name");
  CHECK(q.select[1].field.text() == "Owner.Name");
  CHECK(q.select[2].subquery->from == "Contacts");
  CHECK(q.select[2].subquery->alias == "c");
  CHECK(q.select[2].subquery->select[0].field.text() == "LastName");
  CHECK(q.where->left.field.text() == "Industry");
  CHECK(q.groupBy[0].field.text() == "Name");
  CHECK(q.orderBy[0].operand.field.text() == "Name");
  CHECK(parsedQuery("SELECT Name FROM Account.Contacts").from == "Account.Contacts");
}

TEST_CASE("SOQL: WHERE with AND, OR, NOT and parentheses", "[soql]") {
  Condition c = whereOf("(Name = 'a' OR Name = 'b') AND NOT Industry = 'Energy' AND Rating != 'Hot'");
  REQUIRE(c.kind == Condition::Kind::And);
  REQUIRE(c.children.size() == 3);
  CHECK(c.children[0]->kind == Condition::Kind::Or);
  CHECK(c.children[0]->children.size() == 2);
  CHECK(c.children[1]->kind == Condition::Kind::Not);
  CHECK(c.children[1]->children[0]->left.field.text() == "Industry");
  CHECK(c.children[2]->op == CompareOp::Ne);
}

TEST_CASE("SOQL: every comparison operator", "[soql]") {
  struct Case {
    const char* op;
    CompareOp expected;
  };
  for (Case k : {Case{"=", CompareOp::Eq}, Case{"!=", CompareOp::Ne}, Case{"<>", CompareOp::Ne},
                 Case{"<", CompareOp::Lt}, Case{"<=", CompareOp::Le}, Case{">", CompareOp::Gt},
                 Case{">=", CompareOp::Ge}, Case{"LIKE", CompareOp::Like}}) {
    Condition c = whereOf(std::string("NumberOfEmployees ") + k.op + " 10");
    CHECK(c.op == k.expected);
    CHECK(c.values[0].text == "10");
  }
  CHECK(whereOf("Industry IN ('a', 'b')").op == CompareOp::In);
  CHECK(whereOf("Industry NOT IN ('a')").op == CompareOp::NotIn);
  CHECK(whereOf("Tags__c INCLUDES ('a;b', 'c')").op == CompareOp::Includes);
  CHECK(whereOf("Tags__c excludes ('a')").op == CompareOp::Excludes);
  Condition list = whereOf("Industry IN ('a', 'b', 'c')");
  REQUIRE(list.values.size() == 3);
  CHECK(list.values[2].text == "c");
  CHECK(whereOf("Name = 'x'").opPos.column == 35);
}

TEST_CASE("SOQL: semi-join and anti-join sub-queries", "[soql]") {
  Condition c = whereOf("Id IN (SELECT AccountId FROM Contact WHERE LastName = 'x') AND Id NOT IN (SELECT AccountId FROM Opportunity)");
  REQUIRE(c.children.size() == 2);
  REQUIRE(c.children[0]->semiJoin);
  CHECK(c.children[0]->semiJoin->from == "Contact");
  CHECK(c.children[0]->semiJoin->select[0].field.text() == "AccountId");
  CHECK(c.children[0]->semiJoin->where);
  CHECK(c.children[1]->op == CompareOp::NotIn);
  CHECK(c.children[1]->semiJoin->from == "Opportunity");
  CHECK(c.children[1]->values.empty());
}

TEST_CASE("SOQL: literals of every kind", "[soql]") {
  CHECK(valueOf("null").kind == Literal::Kind::Null);
  CHECK(valueOf("TRUE").kind == Literal::Kind::Boolean);
  CHECK(valueOf("TRUE").text == "true");
  CHECK(valueOf("false").text == "false");
  CHECK(valueOf("42").kind == Literal::Kind::Integer);
  CHECK(valueOf("-5").text == "-5");
  CHECK(valueOf("-5").kind == Literal::Kind::Integer);
  CHECK(valueOf("12.50").kind == Literal::Kind::Decimal);
  CHECK(valueOf("12.50").text == "12.50");
  CHECK(valueOf("-1e3").text == "-1e3");
  CHECK(valueOf("-1e3").kind == Literal::Kind::Decimal);
  CHECK(valueOf("'text'").kind == Literal::Kind::String);
  CHECK(valueOf("2024-01-31").kind == Literal::Kind::Date);
  CHECK(valueOf("2024-01-31").text == "2024-01-31");
  CHECK(valueOf("2024-01-31T10:00:00Z").kind == Literal::Kind::Datetime);
  CHECK(valueOf("2024-01-31T10:00:00.000+01:00").text == "2024-01-31T10:00:00.000+01:00");
  CHECK(valueOf("2011-04-26T10:00:00-08:00").kind == Literal::Kind::Datetime);
  CHECK(valueOf("USD100.50").kind == Literal::Kind::Currency);
  CHECK(valueOf("USD100.50").text == "USD100.50");
  CHECK(valueOf("EUR5").text == "EUR5");
}

TEST_CASE("SOQL: date literals with and without an argument", "[soql]") {
  Literal today = valueOf("today");
  CHECK(today.kind == Literal::Kind::DateLiteral);
  CHECK(today.text == "TODAY");
  Literal lastN = valueOf("LAST_N_DAYS:30");
  CHECK(lastN.text == "LAST_N_DAYS");
  CHECK(lastN.n == 30);
  CHECK(valueOf("next_n_fiscal_years : 2").n == 2);
  CHECK(valueOf("THIS_MONTH").text == "THIS_MONTH");
  CHECK(valueOf("N_DAYS_AGO:7").n == 7);
  CHECK(valueOf("LAST_90_DAYS").n == 0);
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS").message ==
        "expecting a colon, found '<EOF>'");
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:x").message == "unexpected token: 'x'");
}

TEST_CASE("SOQL: string escapes are undone, LIKE's \\% and \\_ kept", "[soql]") {
  CHECK(valueOf(R"('O\'Brien')").text == "O'Brien");
  CHECK(valueOf(R"('say \"hi\"')").text == "say \"hi\"");
  CHECK(valueOf(R"('a\\b')").text == "a\\b");
  CHECK(valueOf(R"('line\nnext\ttab')").text == "line\nnext\ttab");
  CHECK(valueOf(R"('CR\R')").text == "CR\r");
  CHECK(valueOf(R"('\u0041')").text == "A");
  CHECK(valueOf(R"('100\%\_')").text == "100\\%\\_");
  syntax::SoqlSyntaxError e = syntaxFailure(R"(SELECT Id FROM Account WHERE Name = 'a\qb')");
  CHECK(e.message == R"(Invalid string literal 'a\qb'. Illegal character sequence '\q' in string literal.)");
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE Name = 'open").message ==
        "line 1:42 mismatched character '<EOF>' expecting '''");
}

TEST_CASE("SOQL: dynamic binds by name", "[soql]") {
  Literal name = whereOf("Name = :name").values[0];
  CHECK(name.kind == Literal::Kind::Bind);
  CHECK(name.bindName == "name");
  CHECK(name.bindIndex == -1);
  CHECK(whereOf("Name = : acc.Name").values[0].bindName == "acc.Name");
  Condition in = whereOf("Id IN :ids");
  REQUIRE(in.values.size() == 1);
  CHECK(in.values[0].bindName == "ids");
  CHECK(whereOf("Id IN (:a, :b)").values[1].bindName == "b");
  soql::Query q = parsedQuery("SELECT Id FROM Account LIMIT :size OFFSET :skip");
  CHECK(q.limit->kind == Literal::Kind::Bind);
  CHECK(q.limit->bindName == "size");
  CHECK(q.offset->bindName == "skip");
}

TEST_CASE("SOQL: inline binds by number", "[soql]") {
  soql::Query q = parsedQuery("SELECT Id FROM Account WHERE Name = :{0} AND Id IN :{1} LIMIT :{2}", SoqlBinds::Inline);
  CHECK(q.where->children[0]->values[0].bindIndex == 0);
  CHECK(q.where->children[1]->values[0].bindIndex == 1);
  CHECK(q.limit->bindIndex == 2);
  // Apex comments and number suffixes survive in an inline query's text.
  soql::Query commented =
      parsedQuery("SELECT Id /* the id */ FROM Account // accounts\n WHERE NumberOfEmployees > 5L", SoqlBinds::Inline);
  CHECK(commented.where->values[0].text == "5");
  CHECK(commented.where->values[0].kind == Literal::Kind::Integer);
}

TEST_CASE("SOQL: only variables may be bound in dynamic SOQL", "[soql]") {
  const std::string message = "Only variable references are allowed in dynamic SOQL/SOSL.";
  CHECK(syntaxFailure("SELECT Id FROM User WHERE Id = : 'x'").message == message);
  CHECK(syntaxFailure("SELECT Id FROM User WHERE Id = :5").message == message);
  CHECK(syntaxFailure("SELECT Id FROM User WHERE Id = :foo(1)").message == message);
  CHECK(syntaxFailure("SELECT Id FROM User WHERE Id = :{0}").message == message);
}

TEST_CASE("SOQL: USING SCOPE, WITH, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET", "[soql]") {
  soql::Query q = parsedQuery(
      "SELECT Industry, COUNT(Id) total FROM Account USING SCOPE mine WHERE Name != null "
      "WITH SECURITY_ENFORCED GROUP BY Industry HAVING COUNT(Id) > 1 "
      "ORDER BY Industry ASC NULLS FIRST, COUNT(Id) DESC LIMIT 10 OFFSET 20");
  CHECK(q.usingScope == "mine");
  CHECK(q.security == soql::SecurityMode::SecurityEnforced);
  REQUIRE(q.groupBy.size() == 1);
  CHECK(q.groupBy[0].field.text() == "Industry");
  CHECK(q.grouping == soql::Query::Grouping::Plain);
  REQUIRE(q.having);
  CHECK(q.having->left.kind == soql::Operand::Kind::Function);
  CHECK(q.having->op == CompareOp::Gt);
  REQUIRE(q.orderBy.size() == 2);
  CHECK_FALSE(q.orderBy[0].descending);
  CHECK(q.orderBy[0].nulls == soql::OrderItem::Nulls::First);
  CHECK(q.orderBy[1].operand.function->name == "COUNT");
  CHECK(q.orderBy[1].descending);
  CHECK(q.orderBy[1].nulls == soql::OrderItem::Nulls::Default);
  CHECK(q.limit->kind == Literal::Kind::Integer);
  CHECK(q.offset->text == "20");
  CHECK(parsedQuery("SELECT Id FROM Account WITH USER_MODE").security == soql::SecurityMode::UserMode);
  CHECK(parsedQuery("SELECT Id FROM Account with system_mode").security == soql::SecurityMode::SystemMode);
  CHECK(syntaxFailure("SELECT Id FROM Account WITH DATA CATEGORY Geography__c AT usa__c").message ==
        "apexrun does not support WITH DATA CATEGORY in SOQL yet");
}

TEST_CASE("SOQL: GROUP BY ROLLUP and CUBE", "[soql]") {
  soql::Query rollup = parsedQuery("SELECT Type, Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Type, Industry)");
  CHECK(rollup.grouping == soql::Query::Grouping::Rollup);
  REQUIRE(rollup.groupBy.size() == 2);
  CHECK(rollup.groupBy[1].field.text() == "Industry");
  soql::Query cube = parsedQuery("SELECT Type, GROUPING(Type) g FROM Account GROUP BY CUBE(Type)");
  CHECK(cube.grouping == soql::Query::Grouping::Cube);
  CHECK(cube.select[1].function->name == "GROUPING");
}

TEST_CASE("SOQL: FOR VIEW, FOR REFERENCE, FOR UPDATE, UPDATE TRACKING/VIEWSTAT, ALL ROWS", "[soql]") {
  soql::Query q = parsedQuery("SELECT Id FROM Account LIMIT 1 FOR VIEW UPDATE TRACKING");
  CHECK(q.forView);
  CHECK(q.updateTracking);
  CHECK_FALSE(q.forUpdate);
  CHECK(parsedQuery("SELECT Id FROM Account FOR REFERENCE").forReference);
  CHECK(parsedQuery("SELECT Id FROM Account FOR UPDATE").forUpdate);
  CHECK(parsedQuery("SELECT Id FROM Account UPDATE VIEWSTAT").updateViewstat);
  soql::Query all = parsedQuery("SELECT Id FROM Account WHERE IsDeleted = true ALL ROWS");
  CHECK(all.allRows);
  CHECK_FALSE(all.forUpdate);
}

TEST_CASE("SOQL: objects named like keywords (Order, Group) and aliases before ORDER BY", "[soql]") {
  CHECK(parsedQuery("SELECT Id FROM Order ORDER BY Id").from == "Order");
  soql::Query g = parsedQuery("SELECT Id FROM Group ORDER BY Name");
  CHECK(g.from == "Group");
  CHECK(g.alias.empty());
  CHECK(g.orderBy.size() == 1);
  CHECK(parsedQuery("SELECT Name n FROM Account GROUP BY Name").select[0].alias == "n");
}

TEST_CASE("SOQL: syntax errors in Salesforce's words, with where they are", "[soql]") {
  syntax::SoqlSyntaxError fromm = syntaxFailure("SELECT Id FROMM Account");
  CHECK(fromm.message == "unexpected token: 'FROMM'");
  CHECK(fromm.pos.line == 1);
  CHECK(fromm.pos.column == 11);
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'").message ==
        "unexpected token: 'OR'");
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE (Name = 'a'").message == "expecting a right parentheses, found '<EOF>'");
  CHECK(syntaxFailure("SELECT Id, (SELECT Id FROM Contacts FROM Account").message ==
        "expecting a right parentheses, found 'FROM'");
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE Id NOT IN setids").message == "expecting a colon, found 'setids'");
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE Id IN {1}").message == "line 1:36 no viable alternative at character '{'");
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE Name = \"x\"").message ==
        "line 1:37 no viable alternative at character '\"'");
  CHECK(syntaxFailure("SELECT FROM Account").message == "unexpected token: 'FROM'");
  CHECK(syntaxFailure("SELECT Id FROM Account LIMIT 1.5").message == "unexpected token: '1.5'");
  CHECK(syntaxFailure("SELECT Id FROM Account extra words").message == "unexpected token: 'words'");
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE Name = ").message == "unexpected token: '<EOF>'");
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE Name = 'a' ORDER Name").message == "unexpected token: 'Name'");
  syntax::SoqlSyntaxError second = syntaxFailure("SELECT Id\nFROM Account\nWHERE Name == 'x'");
  CHECK(second.message == "unexpected token: '='");
  CHECK(second.pos.line == 3);
  CHECK(second.pos.column == 13);
}

TEST_CASE("SOQL: deep nesting is an error, not a crash", "[soql]") {
  std::string deep = "SELECT Id FROM Account WHERE " + std::string(5000, '(') + "Name = 'x'" + std::string(5000, ')');
  CHECK(syntaxFailure(deep).message == "SOQL query is nested too deeply");
  std::string fine = "SELECT Id FROM Account WHERE " + std::string(50, '(') + "Name = 'x'" + std::string(50, ')');
  CHECK(parsedQuery(fine).where->left.field.text() == "Name");
}

TEST_CASE("SOQL: a name that is no SOQL function is a field, and its '(' unexpected", "[soql]") {
  syntax::SoqlSyntaxError e = syntaxFailure("SELECT LENGTH(Name) FROM Account");
  CHECK(e.message == "unexpected token: '('");
  CHECK(e.pos.column == 14);
}

TEST_CASE("SOQL: an inline bind's number that does not fit is no bind", "[soql]") {
  CHECK(syntaxFailure("SELECT Id FROM Account WHERE Name = :{99999999999}", SoqlBinds::Inline).message ==
        "line 1:38 no viable alternative at character '{'");
}
