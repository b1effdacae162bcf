// A SOQL query as apexrun models it: what the SOQL parser
// (src/syntax/soql_parser.h) makes of a query's text, and what the binder
// (src/sema/soql_binder.h) then checks against the org's schema and
// annotates in place (the `bound*` members). The data layer
// (runtime/data) turns a bound query into SQL.
//
// Inline queries (`[SELECT ... WHERE Name = :name]`) reach the parser as
// their text with each bind written `:{n}` (the n-th bind expression of the
// SoqlExpr); dynamic queries (`Database.query`) keep their binds by name
// (`:name`, `:acc.Name` is the name `acc.Name`).
//
// SOQL and SOQL Reference ("SOQL SELECT Syntax") is the reference for every
// clause here.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace apex::sema {
class SObjectType;
struct SObjectField;
struct ChildRelationship;
}  // namespace apex::sema

namespace apex::soql {

// Where a part of the query starts in the query's text: 1-based line and
// column (columns count bytes). In an inline query the text is the one with
// binds written `:{n}`, so a column after a bind on the same line is off by
// the difference between the bind as written and `:{n}`.
struct Position {
  int line = 0;
  int column = 0;
};

// A value written in a query, or a bind standing for one.
struct Literal {
  enum class Kind : uint8_t {
    Null,
    Boolean,      // text: "true" / "false"
    Integer,      // text: the digits, sign included (-5)
    Decimal,      // text: as written (12.50, -1e3)
    String,       // text: the characters, escapes already undone
    Date,         // text: 2024-01-31
    Datetime,     // text: 2024-01-31T10:00:00Z, or with an offset +01:00
    DateLiteral,  // text: the literal's name upper-cased (TODAY, LAST_N_DAYS); n its argument
    Currency,     // text: as written (USD100.50)
    Bind,         // bindIndex (inline) or bindName (dynamic)
  };
  Kind kind = Kind::Null;
  std::string text;
  int n = 0;               // DateLiteral: LAST_N_DAYS:n
  int bindIndex = -1;      // inline: `:{n}`
  std::string bindName;    // dynamic: `:name` or `:acc.Name`
  Position pos;

  // A bind as an error names it: its index (inline) or its name (dynamic).
  std::string bindLabel() const { return bindIndex >= 0 ? std::to_string(bindIndex) : bindName; }
};

// A dotted field path as written: Name, Account.Owner.Name, Invoice__r.Total__c.
// When the query has an alias (FROM Account a), a leading alias is dropped
// by the parser; a leading name of the queried object itself
// (Contact.LastName on Contact) by the binder.
struct FieldPath {
  std::vector<std::string> names;
  // Bound: the reference fields each relationship step goes through (Account
  // in Contact's Account.Name is AccountId), then the field itself, on the
  // object of `boundObject`. A path to a polymorphic relationship's
  // field (What.Name) binds to the Name of the first object referred to.
  std::vector<const sema::SObjectField*> boundHops;
  const sema::SObjectField* boundField = nullptr;
  const sema::SObjectType* boundObject = nullptr;
  Position pos;

  std::string text() const;  // names joined with '.'
};

struct FunctionCall;

// A function's argument: a field, a literal, or another function
// (CONVERTTIMEZONE(CreatedDate) inside DAY_ONLY).
struct FunctionArg {
  enum class Kind : uint8_t { Field, Literal, Function };
  Kind kind = Kind::Field;
  FieldPath field;
  Literal literal;
  std::unique_ptr<FunctionCall> function;
};

// COUNT(), COUNT(Id), COUNT_DISTINCT(x), SUM/AVG/MIN/MAX(x), date functions
// (CALENDAR_YEAR, CALENDAR_MONTH, DAY_ONLY, ...), toLabel, FORMAT,
// convertCurrency, DISTANCE and GEOLOCATION.
struct FunctionCall {
  std::string name;  // upper-cased: COUNT, CALENDAR_YEAR, TOLABEL
  std::vector<FunctionArg> args;
  Position pos;
  bool isAggregate() const;  // COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX
};

// What a SOQL function computes, for the binder's rules and the Apex type of
// its result.
enum class FunctionKind : uint8_t {
  Aggregate,     // COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX
  DatePart,      // CALENDAR_YEAR, DAY_IN_WEEK, HOUR_IN_DAY, FISCAL_QUARTER, ...: an Integer
  DayOnly,       // DAY_ONLY: the Date of a Datetime
  TimeZone,      // CONVERTTIMEZONE: a Datetime in the user's time zone
  Label,         // TOLABEL, FORMAT: a String
  Currency,      // CONVERTCURRENCY
  Grouping,      // GROUPING (with ROLLUP or CUBE)
  Geolocation,   // GEOLOCATION(lat, lon), an argument of DISTANCE
  Distance,      // DISTANCE(field, GEOLOCATION(...), 'mi')
};
// The kind of the function `name` (any case); null when SOQL has no such
// function.
const FunctionKind* functionKind(std::string_view name);

// Either side of a comparison, an ORDER BY or a GROUP BY item.
struct Operand {
  enum class Kind : uint8_t { Field, Function };
  Kind kind = Kind::Field;
  FieldPath field;
  std::unique_ptr<FunctionCall> function;
};

struct Query;

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge, Like, In, NotIn, Includes, Excludes };

// A WHERE or HAVING condition: a tree of AND / OR / NOT over comparisons.
struct Condition {
  enum class Kind : uint8_t { And, Or, Not, Compare };
  Kind kind = Kind::Compare;
  std::vector<std::unique_ptr<Condition>> children;  // And, Or (two or more), Not (one)
  // Compare: `left op value`; IN, NOT IN, INCLUDES and EXCLUDES take a list
  // (a bind may stand for the whole list) or a semi-join sub-query
  // (`Id IN (SELECT AccountId FROM Contact)`).
  Operand left;
  CompareOp op = CompareOp::Eq;
  std::vector<Literal> values;
  std::unique_ptr<Query> semiJoin;
  Position opPos;  // Compare: where the operator is
};

// TYPEOF What WHEN Account THEN Name, Phone WHEN Opportunity THEN Amount ELSE Name END
// Bound: `relationship` to its reference field (boundField WhatId, on the
// queried object), each When to its object, the ELSE fields to the first
// object the relationship refers to.
struct TypeOf {
  FieldPath relationship;
  struct When {
    std::string objectName;
    Position pos;  // of objectName
    const sema::SObjectType* boundObject = nullptr;
    std::vector<FieldPath> fields;
  };
  std::vector<When> whens;
  std::vector<FieldPath> elseFields;
};

struct SelectItem {
  enum class Kind : uint8_t { Field, Function, Subquery, TypeOf, Fields };
  enum class FieldsSet : uint8_t { All, Standard, Custom };  // FIELDS(ALL | STANDARD | CUSTOM)
  Kind kind = Kind::Field;
  FieldPath field;
  std::unique_ptr<FunctionCall> function;
  std::unique_ptr<Query> subquery;  // a child relationship: (SELECT Name FROM Contacts)
  std::unique_ptr<TypeOf> typeOf;
  FieldsSet fieldsSet = FieldsSet::All;
  std::string alias;  // `SUM(Amount) total`; empty when none
};

struct OrderItem {
  Operand operand;
  bool descending = false;
  enum class Nulls : uint8_t { Default, First, Last };  // default: first when ascending, last when descending
  Nulls nulls = Nulls::Default;
};

enum class SecurityMode : uint8_t { None, SecurityEnforced, UserMode, SystemMode };

struct Query {
  std::vector<SelectItem> select;
  // An object (Account) or, in a sub-query, a child relationship (Contacts,
  // or Account.Contacts as the parent's object name may lead it; a leading
  // alias of the parent query is dropped).
  std::string from;
  Position fromPos;
  std::string alias;  // FROM Account a
  std::string usingScope;  // USING SCOPE mine; empty when none
  std::unique_ptr<Condition> where;
  SecurityMode security = SecurityMode::None;
  std::vector<Operand> groupBy;
  enum class Grouping : uint8_t { Plain, Rollup, Cube };
  Grouping grouping = Grouping::Plain;
  std::unique_ptr<Condition> having;
  std::vector<OrderItem> orderBy;
  std::unique_ptr<Literal> limit;   // Integer or Bind
  std::unique_ptr<Literal> offset;  // Integer or Bind
  bool forView = false;
  bool forReference = false;
  bool forUpdate = false;
  bool updateTracking = false;
  bool updateViewstat = false;
  bool allRows = false;

  // Bound: the object queried; in a sub-query also the child relationship
  // it follows (Contacts: Contact.AccountId).
  const sema::SObjectType* boundObject = nullptr;
  const sema::ChildRelationship* boundRelationship = nullptr;

  // SELECT COUNT() FROM ...: the query returns an Integer.
  bool isCount() const;
  // Any aggregate function or GROUP BY, and not isCount(): the rows are
  // AggregateResults.
  bool isAggregate() const;
  // How many child sub-queries it selects (the debug log's Aggregations).
  int subqueryCount() const;
};

// A query's text as the debug log shows it: on one line, runs of white
// space outside string literals made one space, and an inline query's
// bind `:{n}` written `:tmpVar{n+1}`.
std::string logText(std::string_view text);

}  // namespace apex::soql
