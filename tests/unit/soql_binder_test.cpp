// Unit tests for the SOQL binder (src/sema/soql_binder.h): objects, parent
// paths up to 5 levels, polymorphic keys, custom relationships, child and
// semi-join sub-queries, FIELDS(), TYPEOF, aggregate rules, operator and
// value checks, each error with its position, and the Apex result types.
#include <catch2/catch.hpp>

#include <string>

#include "sema/schema_catalog.h"
#include "sema/soql_binder.h"
#include "syntax/soql_parser.h"

using namespace apex;
using soql::SelectItem;

namespace soql_binder_test {

sema::SObjectField customField(std::string name, sema::FieldType type, int length = 0) {
  sema::SObjectField field;
  field.name = std::move(name);
  field.type = type;
  field.length = length;
  field.custom = true;
  return field;
}

sema::SObjectField customReference(std::string name, std::string parent, std::string childName) {
  sema::SObjectField field = customField(name, sema::FieldType::Reference);
  field.referenceTo = {std::move(parent)};
  field.relationshipName = sema::customRelationshipName(name);
  field.childRelationshipName = std::move(childName);
  return field;
}

// The standard objects, with Invoice__c (a child of Account), Line_Item__c
// (a child of Invoice__c) and a custom field on Account.
const sema::Schema& testSchema() {
  static const sema::Schema schema = [] {
    sema::Schema s = sema::standardSchema();
    sema::SObjectType invoice;
    invoice.name = "Invoice__c";
    invoice.kind = sema::ObjectKind::Custom;
    sema::addSystemFields(invoice);
    invoice.putField(customField("Name", sema::FieldType::String, 80)).custom = false;
    invoice.putField(customReference("Account__c", "Account", "Invoices__r"));
    invoice.putField(customField("Total__c", sema::FieldType::Currency));
    invoice.putField(customField("Tags__c", sema::FieldType::MultiPicklist));
    invoice.putField(customField("Notes__c", sema::FieldType::TextArea, 32768));
    invoice.putField(customField("Due__c", sema::FieldType::Date));
    s.put(std::move(invoice));
    sema::SObjectType line;
    line.name = "Line_Item__c";
    line.kind = sema::ObjectKind::Custom;
    sema::addSystemFields(line);
    line.putField(customReference("Invoice__c", "Invoice__c", "Line_Items__r"));
    line.putField(customField("Quantity__c", sema::FieldType::Double));
    s.put(std::move(line));
    s.object("Account")->putField(customField("Region__c", sema::FieldType::String, 40));
    s.link();
    return s;
  }();
  return schema;
}

soql::Query bound(const std::string& text) {
  syntax::SoqlParseResult parsed = syntax::parseSoql(text, syntax::SoqlBinds::Dynamic);
  INFO(text << " -> " << (parsed.error ? parsed.error->message : ""));
  REQUIRE(parsed.ok());
  std::optional<sema::SoqlBindError> error = sema::bindSoql(parsed.query, testSchema());
  INFO(text << " -> " << (error ? error->message : ""));
  REQUIRE_FALSE(error);
  return std::move(parsed.query);
}

sema::SoqlBindError bindFailure(const std::string& text) {
  syntax::SoqlParseResult parsed = syntax::parseSoql(text, syntax::SoqlBinds::Dynamic);
  INFO(text << " -> " << (parsed.error ? parsed.error->message : ""));
  REQUIRE(parsed.ok());
  std::optional<sema::SoqlBindError> error = sema::bindSoql(parsed.query, testSchema());
  INFO(text);
  REQUIRE(error);
  return *error;
}

std::string failureMessage(const std::string& text) { return bindFailure(text).message; }

const std::string kCustomFieldHint =
    ". If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. "
    "Please reference your WSDL or the describe call for the appropriate names.";
const std::string kRelationshipHint =
    ". If you are attempting to use a custom relationship, be sure to append the '__r' after the custom "
    "relationship name. Please reference your WSDL or the describe call for the appropriate names.";

}  // namespace soql_binder_test

using namespace soql_binder_test;

TEST_CASE("SOQL binder: the object and its fields", "[soql]") {
  soql::Query q = bound("SELECT Id, name, Region__c FROM account");
  REQUIRE(q.boundObject);
  CHECK(q.boundObject->name == "Account");
  CHECK(q.select[1].field.boundField->name == "Name");
  CHECK(q.select[1].field.boundObject == q.boundObject);
  CHECK(q.select[1].field.boundHops.empty());
  CHECK(q.select[2].field.boundField->custom);
  CHECK(sema::soqlResultTypeName(q) == "List<Account>");
  CHECK(sema::soqlSelectItemTypeName(q.select[0]) == "Id");
  CHECK(sema::soqlSelectItemTypeName(q.select[1]) == "String");
}

TEST_CASE("SOQL binder: an unknown object", "[soql]") {
  sema::SoqlBindError e = bindFailure("SELECT Id FROM Foo__c");
  CHECK(e.message ==
        "sObject type 'Foo__c' is not supported. If you are attempting to use a custom object, be sure to append "
        "the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
  CHECK(e.pos.line == 1);
  CHECK(e.pos.column == 16);
}

TEST_CASE("SOQL binder: an unknown field, on the object or a parent", "[soql]") {
  sema::SoqlBindError e = bindFailure("SELECT Id, Bar__c FROM Account");
  CHECK(e.message == "No such column 'Bar__c' on entity 'Account'" + kCustomFieldHint);
  CHECK(e.pos.column == 12);
  CHECK(failureMessage("SELECT Account.Bar__c FROM Contact") ==
        "No such column 'Bar__c' on entity 'Account'" + kCustomFieldHint);
  CHECK(failureMessage("SELECT Id FROM Account WHERE Nmae = 'x'") ==
        "No such column 'Nmae' on entity 'Account'" + kCustomFieldHint);
  CHECK(failureMessage("SELECT Id FROM Account ORDER BY Bar__c") ==
        "No such column 'Bar__c' on entity 'Account'" + kCustomFieldHint);
  // A relationship name is not a field.
  CHECK(failureMessage("SELECT Account FROM Contact") == "No such column 'Account' on entity 'Contact'" + kCustomFieldHint);
}

TEST_CASE("SOQL binder: parent paths through standard and custom relationships", "[soql]") {
  soql::Query q = bound("SELECT Account.Owner.Name, Contact.LastName FROM Contact");
  const soql::FieldPath& owner = q.select[0].field;
  REQUIRE(owner.boundHops.size() == 2);
  CHECK(owner.boundHops[0]->name == "AccountId");
  CHECK(owner.boundHops[1]->name == "OwnerId");
  CHECK(owner.boundObject->name == "User");
  CHECK(owner.boundField->name == "Name");
  // The object's own name leading a path is dropped.
  CHECK(q.select[1].field.names == std::vector<std::string>{"LastName"});
  CHECK(q.select[1].field.boundField->name == "LastName");

  soql::Query custom = bound("SELECT Invoice__r.Account__r.Name, Invoice__r.Total__c FROM Line_Item__c");
  const soql::FieldPath& account = custom.select[0].field;
  REQUIRE(account.boundHops.size() == 2);
  CHECK(account.boundHops[0]->name == "Invoice__c");
  CHECK(account.boundHops[1]->name == "Account__c");
  CHECK(account.boundObject->name == "Account");
  CHECK(sema::soqlSelectItemTypeName(custom.select[1]) == "Decimal");
}

TEST_CASE("SOQL binder: an unknown relationship", "[soql]") {
  sema::SoqlBindError e = bindFailure("SELECT Foo__r.Name FROM Contact");
  CHECK(e.message == "Didn't understand relationship 'Foo__r' in field path" + kRelationshipHint);
  CHECK(e.pos.column == 8);
  // The custom field's name is not its relationship's.
  CHECK(failureMessage("SELECT Invoice__c.Name FROM Line_Item__c") ==
        "Didn't understand relationship 'Invoice__c' in field path" + kRelationshipHint);
  CHECK(failureMessage("SELECT Account.Bogus.Name FROM Contact") ==
        "Didn't understand relationship 'Bogus' in field path" + kRelationshipHint);
}

TEST_CASE("SOQL binder: five relationship levels, not six", "[soql]") {
  soql::Query q = bound("SELECT Account.Owner.Manager.Manager.Manager.Name FROM Contact");
  CHECK(q.select[0].field.boundHops.size() == 5);
  CHECK(q.select[0].field.boundObject->name == "User");
  sema::SoqlBindError e = bindFailure("SELECT Account.Owner.Manager.Manager.Manager.Manager.Name FROM Contact");
  CHECK(e.message ==
        "A SOQL field path can follow at most 5 parent relationships: Account.Owner.Manager.Manager.Manager.Manager.Name");
}

TEST_CASE("SOQL binder: polymorphic keys bind to the first object with the field", "[soql]") {
  soql::Query q = bound("SELECT What.Name, What.Amount, Who.LastName, Owner.Name FROM Task");
  CHECK(q.select[0].field.boundObject->name == "Account");
  CHECK(q.select[1].field.boundObject->name == "Opportunity");
  CHECK(q.select[1].field.boundHops[0]->name == "WhatId");
  CHECK(q.select[2].field.boundObject->name == "Contact");
  CHECK(q.select[3].field.boundField->name == "Name");
  CHECK(failureMessage("SELECT What.Bogus__c FROM Task") == "No such column 'Bogus__c' on entity 'Name'" + kCustomFieldHint);
}

TEST_CASE("SOQL binder: child sub-queries by the parent's relationship name", "[soql]") {
  soql::Query q = bound(
      "SELECT Name, (SELECT LastName, Account.Name FROM Contacts ORDER BY LastName), "
      "(SELECT Total__c, (SELECT Quantity__c FROM Line_Items__r) FROM Invoices__r) FROM Account");
  const soql::Query& contacts = *q.select[1].subquery;
  REQUIRE(contacts.boundRelationship);
  CHECK(contacts.boundRelationship->field == "AccountId");
  CHECK(contacts.boundObject->name == "Contact");
  CHECK(contacts.select[1].field.boundObject->name == "Account");
  const soql::Query& invoices = *q.select[2].subquery;
  CHECK(invoices.boundObject->name == "Invoice__c");
  CHECK(invoices.boundRelationship->field == "Account__c");
  CHECK(invoices.select[1].subquery->boundObject->name == "Line_Item__c");
  CHECK(sema::soqlSelectItemTypeName(q.select[1]) == "List<Contact>");
  CHECK(bound("SELECT Id, (SELECT Id FROM Account.Contacts) FROM Account").select[1].subquery->boundObject->name ==
        "Contact");
  CHECK(bound("SELECT Id, (SELECT Id FROM a.Contacts) FROM Account a").select[1].subquery->boundObject->name ==
        "Contact");
  sema::SoqlBindError e = bindFailure("SELECT Id, (SELECT Id FROM Contact) FROM Account");
  CHECK(e.message == "Didn't understand relationship 'Contact' in FROM part of query call" + kRelationshipHint);
  CHECK(e.pos.column == 28);
}

TEST_CASE("SOQL binder: semi-join sub-queries bind their own object", "[soql]") {
  soql::Query q = bound("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = 'x')");
  REQUIRE(q.where->semiJoin);
  CHECK(q.where->semiJoin->boundObject->name == "Contact");
  CHECK(q.where->semiJoin->select[0].field.boundField->name == "AccountId");
  CHECK(q.where->left.field.boundField->name == "Id");
  CHECK(failureMessage("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Nope__c)").rfind(
            "sObject type 'Nope__c' is not supported.", 0) == 0);
}

TEST_CASE("SOQL binder: FIELDS() expands to the set's fields", "[soql]") {
  const sema::SObjectType& invoice = *testSchema().object("Invoice__c");
  soql::Query all = bound("SELECT FIELDS(ALL) FROM Invoice__c LIMIT 200");
  REQUIRE(all.select.size() == invoice.fields().size());
  CHECK(all.select[0].kind == SelectItem::Kind::Field);
  CHECK(all.select[0].field.boundField == &invoice.fields()[0]);
  soql::Query custom = bound("SELECT FIELDS(CUSTOM) FROM Invoice__c LIMIT 200");
  std::vector<std::string> customNames;
  for (const SelectItem& item : custom.select) customNames.push_back(item.field.boundField->name);
  CHECK(customNames == std::vector<std::string>{"Account__c", "Total__c", "Tags__c", "Notes__c", "Due__c"});
  soql::Query standard = bound("SELECT FIELDS(STANDARD) FROM Invoice__c");
  for (const SelectItem& item : standard.select) CHECK_FALSE(item.field.boundField->custom);
  CHECK(standard.select.size() + custom.select.size() == invoice.fields().size());
  CHECK(bound("SELECT Id, FIELDS(STANDARD), Name FROM Invoice__c").select.back().field.text() == "Name");
}

TEST_CASE("SOQL binder: TYPEOF binds each WHEN to its object", "[soql]") {
  soql::Query q = bound(
      "SELECT TYPEOF What WHEN Account THEN Phone WHEN Opportunity THEN Amount, StageName ELSE Name END FROM Task");
  const soql::TypeOf& typeOf = *q.select[0].typeOf;
  CHECK(typeOf.relationship.boundField->name == "WhatId");
  CHECK(typeOf.whens[0].boundObject->name == "Account");
  CHECK(typeOf.whens[1].fields[1].boundField->name == "StageName");
  CHECK(typeOf.elseFields[0].boundObject->name == "Account");
  CHECK(sema::soqlSelectItemTypeName(q.select[0]) == "SObject");
  CHECK(failureMessage("SELECT TYPEOF What WHEN Lead THEN Name END FROM Task") ==
        "TYPEOF What: Lead is not an object the relationship refers to");
  CHECK(failureMessage("SELECT TYPEOF What WHEN Account THEN Bogus END FROM Task") ==
        "No such column 'Bogus' on entity 'Account'" + kCustomFieldHint);
}

TEST_CASE("SOQL binder: aggregates, aliases and their Apex types", "[soql]") {
  soql::Query q = bound(
      "SELECT Industry, COUNT(Id) n, SUM(AnnualRevenue), MAX(CreatedDate), CALENDAR_YEAR(CreatedDate) y "
      "FROM Account GROUP BY Industry, CALENDAR_YEAR(CreatedDate) HAVING COUNT(Id) > 1 ORDER BY Industry, SUM(AnnualRevenue)");
  CHECK(sema::soqlResultTypeName(q) == "List<AggregateResult>");
  CHECK(sema::soqlSelectItemTypeName(q.select[1]) == "Integer");
  CHECK(sema::soqlSelectItemTypeName(q.select[2]) == "Decimal");
  CHECK(sema::soqlSelectItemTypeName(q.select[3]) == "Datetime");
  CHECK(sema::soqlSelectItemTypeName(q.select[4]) == "Integer");
  CHECK(q.select[1].alias == "n");
  CHECK(q.select[2].alias.empty());
  CHECK(sema::soqlResultTypeName(bound("SELECT COUNT() FROM Account")) == "Integer");
  CHECK(sema::soqlResultTypeName(bound("SELECT MAX(Amount) FROM Opportunity")) == "List<AggregateResult>");
  CHECK(sema::soqlSelectItemTypeName(bound("SELECT DAY_ONLY(CreatedDate) d FROM Account GROUP BY DAY_ONLY(CreatedDate)").select[0]) == "Date");
  CHECK(sema::soqlSelectItemTypeName(bound("SELECT toLabel(Industry) FROM Account").select[0]) == "String");
}

TEST_CASE("SOQL binder: GROUP BY errors", "[soql]") {
  sema::SoqlBindError e = bindFailure("SELECT Name, COUNT(Id) FROM Account GROUP BY Industry");
  CHECK(e.message == "Field must be grouped or aggregated: Name");
  CHECK(e.pos.column == 8);
  CHECK(failureMessage("SELECT Name, COUNT(Id) FROM Account") == "Field must be grouped or aggregated: Name");
  CHECK(failureMessage("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Name") ==
        "Ordered field must be grouped or aggregated: Name");
  CHECK(failureMessage("SELECT Industry, COUNT(Industry) FROM Account GROUP BY Industry") ==
        "Grouped field should not be aggregated: Industry");
  CHECK(failureMessage("SELECT Industry FROM Account GROUP BY Industry HAVING Name = 'x'") ==
        "Field must be grouped or aggregated: Name");
  CHECK(failureMessage("SELECT AnnualRevenue FROM Account GROUP BY AnnualRevenue") ==
        "field 'AnnualRevenue' can not be grouped in a query call");
  CHECK(failureMessage("SELECT CreatedDate FROM Account GROUP BY CreatedDate") ==
        "field 'CreatedDate' can not be grouped in a query call");
  CHECK(failureMessage("SELECT SUM(Name) FROM Account") == "field Name does not support aggregate operator SUM");
  CHECK(failureMessage("SELECT Id, COUNT() FROM Account") == "COUNT() must be the only item in the SELECT list");
  // Grouped by a relationship's field, and by a date function.
  CHECK(bound("SELECT Account.Name, COUNT(Id) FROM Contact GROUP BY Account.Name").isAggregate());
  CHECK(bound("SELECT Type, Industry, COUNT(Id) FROM Account GROUP BY ROLLUP(Type, Industry)").isAggregate());
}

TEST_CASE("SOQL binder: operators that do not suit the field", "[soql]") {
  sema::SoqlBindError like = bindFailure("SELECT Id FROM Account WHERE CreatedDate LIKE '2024%'");
  CHECK(like.message == "invalid operator on datetime field");
  CHECK(like.pos.column == 42);
  CHECK(failureMessage("SELECT Id FROM Invoice__c WHERE Tags__c LIKE 'a%'") == "invalid operator on multipicklist field");
  CHECK(failureMessage("SELECT Id FROM Invoice__c WHERE Tags__c > 'a'") == "invalid operator on multipicklist field");
  CHECK(failureMessage("SELECT Id FROM Account WHERE Name INCLUDES ('a')") == "invalid operator on string field");
  CHECK(failureMessage("SELECT Id FROM Account WHERE IsDeleted LIKE 'x'") == "invalid operator on boolean field");
  CHECK(bound("SELECT Id FROM Invoice__c WHERE Tags__c INCLUDES ('a;b', 'c') AND Tags__c EXCLUDES ('d')").where);
  CHECK(bound("SELECT Id FROM Account WHERE Name LIKE 'A%' AND Industry LIKE 'B%' AND Phone LIKE '555%'").where);
  CHECK(failureMessage("SELECT Id FROM Invoice__c WHERE Notes__c = 'x'") ==
        "field 'Notes__c' can not be filtered in a query call");
  CHECK(failureMessage("SELECT Id FROM Invoice__c ORDER BY Notes__c") == "field 'Notes__c' can not be sorted in a query call");
}

TEST_CASE("SOQL binder: quoted values for non-text fields", "[soql]") {
  sema::SoqlBindError e = bindFailure("SELECT Id FROM Invoice__c WHERE Due__c <= '2024-05-23'");
  CHECK(e.message ==
        "value of filter criterion for field 'Due__c' must be of type date and should not be enclosed in quotes.");
  CHECK(e.pos.column == 43);
  CHECK(failureMessage("SELECT Id FROM Account WHERE IsDeleted = 'true'") ==
        "value of filter criterion for field 'IsDeleted' must be of type boolean and should not be enclosed in quotes.");
  CHECK(bound("SELECT Id FROM Invoice__c WHERE Due__c <= 2024-05-23 AND Due__c = LAST_N_DAYS:3 AND Total__c > USD10").where);
  CHECK(bound("SELECT Id FROM Account WHERE CreatedDate > :since AND Name IN :names").where);
}
