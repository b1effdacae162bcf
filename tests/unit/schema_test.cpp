// Unit tests for the schema: the model's case-insensitive lookups and
// linking, the embedded standard-object catalog, and reading a project's
// object metadata (source and Metadata API formats) and describe files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "runtime/project/object_metadata.h"
#include "runtime/project/project.h"
#include "sema/schema.h"
#include "sema/schema_catalog.h"

using namespace apex;

namespace schema_test {

const std::filesystem::path kFixtures =
    std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / "projects";

sema::Schema projectSchema(const char* name) {
  auto project = runtime::loadProject(kFixtures / name);
  REQUIRE(std::holds_alternative<runtime::Project>(project));
  auto schema = runtime::loadSchema(std::get<runtime::Project>(project));
  if (auto* error = std::get_if<std::string>(&schema)) FAIL(*error);
  return std::move(std::get<sema::Schema>(schema));
}

const sema::SObjectField& fieldOf(const sema::Schema& schema, const char* object, const char* field) {
  const sema::SObjectType* type = schema.object(object);
  REQUIRE(type);
  const sema::SObjectField* found = type->field(field);
  INFO(object << "." << field);
  REQUIRE(found);
  return *found;
}

std::vector<std::string> picklistValues(const sema::SObjectField& field) {
  std::vector<std::string> values;
  for (const auto& value : field.picklistValues) values.push_back(value.value);
  return values;
}

bool refersTo(const sema::SObjectField& field, const char* object) {
  return std::find(field.referenceTo.begin(), field.referenceTo.end(), object) != field.referenceTo.end();
}

}  // namespace schema_test

using namespace schema_test;

TEST_CASE("the embedded standard-object catalog parses without errors") {
  sema::CatalogParse parsed = sema::parseCatalog(sema::standardCatalogText());
  INFO((parsed.errors.empty() ? std::string() : parsed.errors.front()));
  CHECK(parsed.errors.empty());
  for (const char* name :
       {"Account", "Contact", "Lead", "Opportunity", "OpportunityLineItem", "OpportunityContactRole", "Case",
        "CaseComment", "Task", "Event", "Campaign", "CampaignMember", "Product2", "Pricebook2", "PricebookEntry",
        "Contract", "Order", "OrderItem", "Asset", "User", "Profile", "UserRole", "Group", "GroupMember",
        "PermissionSet", "PermissionSetAssignment", "RecordType", "Organization", "Note", "Attachment",
        "ContentVersion", "ContentDocument", "ContentDocumentLink", "EmailMessage", "FeedItem", "AsyncApexJob",
        "CronTrigger", "CronJobDetail", "ApexClass", "ApexTrigger", "StaticResource", "Document", "Folder",
        "EmailTemplate", "BusinessHours"}) {
    INFO(name);
    const sema::SObjectType* object = parsed.schema.object(name);
    REQUIRE(object);
    CHECK(object->keyPrefix.size() == 3);
    CHECK(object->field("Id"));
    CHECK(object->kind == sema::ObjectKind::Standard);
  }
}

TEST_CASE("a catalog mistake is reported with its line") {
  sema::CatalogParse parsed = sema::parseCatalog(
      "Thing 0ZZ\n"
      "  Size strng(10)\n"
      "  Parent reference\n"
      "  Count int(x)\n"
      "  Kind picklist(40) colour=red\n"
      "Other 12\n",
      "test.catalog");
  REQUIRE(parsed.errors.size() == 5);
  CHECK(parsed.errors[0] == "test.catalog:2: unknown field type: strng");
  CHECK(parsed.errors[1] == "test.catalog:3: a reference names the objects it refers to");
  CHECK(parsed.errors[2] == "test.catalog:4: not a size: x");
  CHECK(parsed.errors[3] == "test.catalog:5: unknown field option: colour=red");
  CHECK(parsed.errors[4] == "test.catalog:6: a key prefix has three characters: 12");
}

TEST_CASE("standard objects: key prefixes, looked up in any case") {
  sema::Schema schema = sema::standardSchema();
  CHECK(schema.object("account")->keyPrefix == "001");
  CHECK(schema.object("ACCOUNT") == schema.object("Account"));
  CHECK(schema.object("Contact")->keyPrefix == "003");
  CHECK(schema.object("Lead")->keyPrefix == "00Q");
  CHECK(schema.object("Opportunity")->keyPrefix == "006");
  CHECK(schema.object("Case")->keyPrefix == "500");
  CHECK(schema.object("Task")->keyPrefix == "00T");
  CHECK(schema.object("Event")->keyPrefix == "00U");
  CHECK(schema.object("User")->keyPrefix == "005");
  CHECK(schema.object("Profile")->keyPrefix == "00e");
  CHECK(schema.object("UserRole")->keyPrefix == "00E");
  CHECK(schema.objectByKeyPrefix("00e")->name == "Profile");
  CHECK(schema.objectByKeyPrefix("00E")->name == "UserRole");
  CHECK(schema.objectByKeyPrefix("001")->name == "Account");
  CHECK_FALSE(schema.objectByKeyPrefix("zzz"));
  CHECK_FALSE(schema.object("Foo__c"));
}

TEST_CASE("standard fields: types, lengths, required, system fields") {
  sema::Schema schema = sema::standardSchema();
  const sema::SObjectField& name = fieldOf(schema, "Account", "name");
  CHECK(name.name == "Name");
  CHECK(name.type == sema::FieldType::String);
  CHECK(sema::apexTypeName(name.type) == "String");
  CHECK(name.length == 255);
  CHECK(name.required());
  CHECK(name.label == "Account Name");

  const sema::SObjectField& revenue = fieldOf(schema, "Account", "AnnualRevenue");
  CHECK(revenue.type == sema::FieldType::Currency);
  CHECK(sema::apexTypeName(revenue.type) == "Decimal");
  CHECK(revenue.precision == 18);
  CHECK(revenue.scale == 0);
  CHECK(fieldOf(schema, "Account", "NumberOfEmployees").type == sema::FieldType::Integer);
  CHECK(fieldOf(schema, "Contact", "LastName").required());
  CHECK_FALSE(fieldOf(schema, "Contact", "FirstName").required());
  CHECK(fieldOf(schema, "Contact", "FirstName").length == 40);
  CHECK(fieldOf(schema, "Opportunity", "CloseDate").type == sema::FieldType::Date);
  CHECK(fieldOf(schema, "Opportunity", "StageName").required());
  CHECK(fieldOf(schema, "Case", "CaseNumber").autoNumber);

  // Every object has the system fields the platform sets.
  const sema::SObjectField& created = fieldOf(schema, "Opportunity", "CreatedDate");
  CHECK(created.type == sema::FieldType::DateTime);
  CHECK_FALSE(created.createable);
  CHECK_FALSE(created.required());
  CHECK(fieldOf(schema, "Contact", "Id").type == sema::FieldType::Id);
  CHECK(fieldOf(schema, "Contact", "SystemModstamp").type == sema::FieldType::DateTime);
  CHECK(fieldOf(schema, "Lead", "CreatedById").relationshipName == "CreatedBy");
  // ... except where the platform leaves one out.
  CHECK_FALSE(schema.object("User")->field("IsDeleted"));
  CHECK_FALSE(schema.object("GroupMember")->field("CreatedDate"));

  const sema::SObjectField& status = fieldOf(schema, "Task", "Status");
  CHECK(picklistValues(status) ==
        std::vector<std::string>{"Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"});
  CHECK(status.defaultValue.text == "Not Started");
  CHECK(fieldOf(schema, "Contact", "DoNotCall").defaultValue.text == "false");
}

TEST_CASE("standard relationships: parents, polymorphic lookups and child relationships") {
  sema::Schema schema = sema::standardSchema();
  const sema::SObjectField& accountId = fieldOf(schema, "Contact", "AccountId");
  CHECK(accountId.type == sema::FieldType::Reference);
  CHECK(accountId.referenceTo == std::vector<std::string>{"Account"});
  CHECK(accountId.relationshipName == "Account");
  CHECK(schema.object("Contact")->parentRelationship("account") == &accountId);
  CHECK(schema.object("Account")->parentRelationship("Owner")->name == "OwnerId");

  const sema::ChildRelationship* contacts = schema.object("Account")->childRelationship("contacts");
  REQUIRE(contacts);
  CHECK(contacts->name == "Contacts");
  CHECK(contacts->childObject == "Contact");
  CHECK(contacts->field == "AccountId");
  CHECK(schema.object("Account")->childRelationship("Opportunities")->childObject == "Opportunity");
  CHECK(schema.object("Account")->childRelationship("ChildAccounts")->field == "ParentId");
  CHECK(schema.object("Opportunity")->childRelationship("OpportunityLineItems")->cascadeDelete);
  CHECK(fieldOf(schema, "OpportunityLineItem", "OpportunityId").masterDetail);

  const sema::SObjectField& who = fieldOf(schema, "Task", "WhoId");
  CHECK(who.polymorphic());
  CHECK(who.referenceTo == std::vector<std::string>{"Contact", "Lead"});
  CHECK(who.relationshipName == "Who");
  CHECK(refersTo(fieldOf(schema, "Task", "WhatId"), "Opportunity"));
  CHECK(schema.object("Contact")->childRelationship("Tasks")->field == "WhoId");
  CHECK(schema.object("Lead")->childRelationship("Tasks")->field == "WhoId");
  CHECK(schema.object("Account")->childRelationship("Tasks")->field == "WhatId");
  CHECK(schema.object("Case")->childRelationship("Events")->field == "WhatId");
  const sema::SObjectField& caseOwner = fieldOf(schema, "Case", "OwnerId");
  CHECK(caseOwner.referenceTo == std::vector<std::string>{"Group", "User"});
  CHECK_FALSE(caseOwner.required());  // defaulted to the running user
}

TEST_CASE("the model: putting and replacing objects and fields, linking") {
  sema::Schema schema;
  sema::SObjectType parent;
  parent.name = "Parent__c";
  parent.kind = sema::ObjectKind::Custom;
  sema::addSystemFields(parent);
  schema.put(std::move(parent));
  sema::SObjectType child;
  child.name = "Child__c";
  child.kind = sema::ObjectKind::Custom;
  sema::SObjectField lookup;
  lookup.name = "Parent__c";
  lookup.type = sema::FieldType::Reference;
  lookup.referenceTo = {"Parent__c"};
  lookup.relationshipName = sema::customRelationshipName(lookup.name);
  lookup.childRelationshipName = "Children__r";
  child.putField(lookup);
  const sema::SObjectType* childPointer = &schema.put(std::move(child));
  schema.link();
  CHECK(schema.object("parent__c")->childRelationship("children__r")->childObject == "Child__c");
  CHECK(schema.object("Child__c")->parentRelationship("Parent__r")->name == "Parent__c");
  CHECK(schema.object("Child__c")->keyPrefix == "a00");
  CHECK(schema.object("Parent__c")->keyPrefix == "a01");
  CHECK(schema.objectByKeyPrefix("a01")->name == "Parent__c");

  // Replacing an object whole keeps its pointer and the child relationship
  // names its reference fields gave their parents.
  sema::SObjectType described;
  described.name = "CHILD__C";
  described.keyPrefix = "a09";
  lookup.childRelationshipName.clear();
  described.putField(lookup);
  CHECK(&schema.put(std::move(described)) == childPointer);
  schema.link();
  CHECK(schema.object("Parent__c")->childRelationship("Children__r"));
  CHECK(schema.objectByKeyPrefix("a09") == childPointer);
  CHECK(schema.size() == 2);
}

TEST_CASE("helpers: labels, relationship names, default values") {
  CHECK(sema::labelFromName("AccountId") == "Account ID");
  CHECK(sema::labelFromName("NumberOfEmployees") == "Number Of Employees");
  CHECK(sema::customRelationshipName("Invoice__c") == "Invoice__r");
  CHECK(sema::parseDefaultValue("true").kind == sema::DefaultValue::Kind::Literal);
  CHECK(sema::parseDefaultValue("'It\\'s'").text == "It's");
  CHECK(sema::parseDefaultValue("-12.5").text == "-12.5");
  sema::DefaultValue formula = sema::parseDefaultValue("TODAY() + 30");
  CHECK(formula.kind == sema::DefaultValue::Kind::Formula);
  CHECK(formula.text == "TODAY() + 30");
  CHECK(sema::parseDefaultValue("'a' & 'b'").kind == sema::DefaultValue::Kind::Formula);
  CHECK(sema::fieldTypeNamed("MultiPicklist") == sema::FieldType::MultiPicklist);
  CHECK_FALSE(sema::fieldTypeNamed("Lookup"));
}

TEST_CASE("a source-format project: custom objects and every field type") {
  sema::Schema schema = projectSchema("schema-source");
  const sema::SObjectType* invoice = schema.object("invoice__c");
  REQUIRE(invoice);
  CHECK(invoice->kind == sema::ObjectKind::Custom);
  CHECK(invoice->label == "Invoice");
  CHECK(invoice->labelPlural == "Invoices");
  CHECK(invoice->keyPrefix == "a01");  // after Billing_Settings__c, by name

  const sema::SObjectField& name = fieldOf(schema, "Invoice__c", "Name");
  CHECK(name.autoNumber);
  CHECK(name.label == "Invoice Number");
  CHECK_FALSE(name.createable);
  const sema::SObjectField& owner = fieldOf(schema, "Invoice__c", "OwnerId");
  CHECK(owner.referenceTo == std::vector<std::string>{"Group", "User"});
  CHECK(invoice->parentRelationship("Owner") == &owner);
  CHECK(invoice->field("CreatedById"));
  CHECK(invoice->field("LastActivityDate"));  // enableActivities

  const sema::SObjectField& account = fieldOf(schema, "Invoice__c", "Account__c");
  CHECK(account.custom);
  CHECK(account.relationshipName == "Account__r");
  CHECK(account.childRelationshipName == "Invoices__r");
  CHECK(account.restrictedDelete);
  CHECK_FALSE(account.required());
  const sema::ChildRelationship* invoices = schema.object("Account")->childRelationship("Invoices__r");
  REQUIRE(invoices);
  CHECK(invoices->childObject == "Invoice__c");
  CHECK(invoices->restrictedDelete);
  CHECK(schema.object("User")->childRelationship("Approved_Invoices__r")->field == "Approver__c");

  const sema::SObjectField& amount = fieldOf(schema, "Invoice__c", "Amount__c");
  CHECK(amount.type == sema::FieldType::Currency);
  CHECK(amount.precision == 16);
  CHECK(amount.scale == 2);
  CHECK(amount.required());

  const sema::SObjectField& status = fieldOf(schema, "Invoice__c", "Status__c");
  CHECK(status.type == sema::FieldType::Picklist);
  CHECK(status.restrictedPicklist);
  CHECK(picklistValues(status) == std::vector<std::string>{"Draft", "Sent", "Paid"});
  CHECK(status.picklistValues[1].label == "Sent to customer");
  CHECK(status.defaultValue.text == "Draft");
  const sema::SObjectField& priority = fieldOf(schema, "Invoice__c", "Priority__c");
  CHECK(picklistValues(priority) == std::vector<std::string>{"Low", "High"});
  CHECK_FALSE(priority.restrictedPicklist);
  CHECK(fieldOf(schema, "Invoice__c", "Tags__c").type == sema::FieldType::MultiPicklist);

  CHECK(fieldOf(schema, "Invoice__c", "Notes__c").type == sema::FieldType::TextArea);
  CHECK(fieldOf(schema, "Invoice__c", "Notes__c").length == 5000);
  CHECK(fieldOf(schema, "Invoice__c", "Body__c").htmlFormatted);
  CHECK(fieldOf(schema, "Invoice__c", "Summary__c").length == 255);
  const sema::SObjectField& paid = fieldOf(schema, "Invoice__c", "Paid__c");
  CHECK(paid.type == sema::FieldType::Boolean);
  CHECK_FALSE(paid.nillable);
  CHECK(paid.defaultValue.text == "false");
  const sema::SObjectField& due = fieldOf(schema, "Invoice__c", "Due_Date__c");
  CHECK(due.type == sema::FieldType::Date);
  CHECK(due.defaultValue.kind == sema::DefaultValue::Kind::Formula);
  CHECK(fieldOf(schema, "Invoice__c", "Sent_At__c").type == sema::FieldType::DateTime);
  CHECK(fieldOf(schema, "Invoice__c", "Cutoff__c").type == sema::FieldType::Time);
  CHECK(fieldOf(schema, "Invoice__c", "Discount__c").type == sema::FieldType::Percent);
  CHECK(fieldOf(schema, "Invoice__c", "Discount__c").defaultValue.text == "5");
  const sema::SObjectField& copies = fieldOf(schema, "Invoice__c", "Copies__c");
  CHECK(copies.type == sema::FieldType::Double);
  CHECK(sema::apexTypeName(copies.type) == "Decimal");
  CHECK(copies.precision == 3);
  CHECK(fieldOf(schema, "Invoice__c", "Billing_Email__c").type == sema::FieldType::Email);
  CHECK(fieldOf(schema, "Invoice__c", "Billing_Phone__c").type == sema::FieldType::Phone);
  CHECK(fieldOf(schema, "Invoice__c", "Portal__c").type == sema::FieldType::Url);
  const sema::SObjectField& code = fieldOf(schema, "Invoice__c", "Currency_Code__c");
  CHECK(code.length == 3);
  CHECK(code.defaultValue.kind == sema::DefaultValue::Kind::Literal);
  CHECK(code.defaultValue.text == "EUR");
  const sema::SObjectField& reference = fieldOf(schema, "Invoice__c", "External_Ref__c");
  CHECK(reference.externalId);
  CHECK(reference.unique);
  CHECK(reference.caseSensitive);
  CHECK(fieldOf(schema, "Invoice__c", "Secret__c").type == sema::FieldType::EncryptedString);
  CHECK(fieldOf(schema, "Invoice__c", "Secret__c").length == 100);
  CHECK(fieldOf(schema, "Invoice__c", "Site__c").type == sema::FieldType::Location);
  CHECK(fieldOf(schema, "Invoice__c", "Site__Latitude__s").scale == 6);
  CHECK(fieldOf(schema, "Invoice__c", "Site__Longitude__s").type == sema::FieldType::Double);

  const sema::SObjectField& withTax = fieldOf(schema, "Invoice__c", "Total_With_Tax__c");
  CHECK(withTax.calculated);
  CHECK(withTax.type == sema::FieldType::Currency);
  CHECK(withTax.formula == "Amount__c * 1.2");
  CHECK_FALSE(withTax.createable);
  const sema::SObjectField& lineTotal = fieldOf(schema, "Invoice__c", "Line_Total__c");
  CHECK(lineTotal.calculated);
  CHECK(lineTotal.type == sema::FieldType::Currency);  // the type of what it sums
  CHECK(lineTotal.scale == 2);
  CHECK(fieldOf(schema, "Invoice__c", "Line_Count__c").type == sema::FieldType::Double);

  REQUIRE(invoice->recordTypes.size() == 2);
  CHECK(invoice->recordTypes[1].developerName == "Standard");
  CHECK(invoice->recordTypes[1].label == "Standard Invoice");
  CHECK_FALSE(invoice->recordTypes[0].active);
  CHECK(fieldOf(schema, "Invoice__c", "RecordTypeId").relationshipName == "RecordType");
}

TEST_CASE("a source-format project: master-detail, standard objects extended, other object kinds") {
  sema::Schema schema = projectSchema("schema-source");
  const sema::SObjectType* line = schema.object("Invoice_Line__c");
  REQUIRE(line);
  const sema::SObjectField& master = fieldOf(schema, "Invoice_Line__c", "Invoice__c");
  CHECK(master.masterDetail);
  CHECK(master.required());
  CHECK_FALSE(master.updateable);
  CHECK_FALSE(line->field("OwnerId"));  // a detail record is owned by its master's owner
  CHECK(fieldOf(schema, "Invoice_Line__c", "Name").required());
  const sema::ChildRelationship* lines = schema.object("Invoice__c")->childRelationship("Lines__r");
  REQUIRE(lines);
  CHECK(lines->cascadeDelete);

  // A custom field on a standard object extends the built-in one.
  const sema::SObjectField& preferred = fieldOf(schema, "Contact", "Preferred_Invoice__c");
  CHECK(preferred.referenceTo == std::vector<std::string>{"Invoice__c"});
  CHECK(schema.object("Contact")->field("LastName"));
  CHECK(schema.object("Invoice__c")->childRelationship("Preferring_Contacts__r"));
  const sema::SObjectField& tier = fieldOf(schema, "Account", "Tier__c");
  CHECK(picklistValues(tier) == std::vector<std::string>{"Gold", "Silver"});
  CHECK(tier.defaultValue.text == "Silver");
  CHECK(tier.restrictedPicklist);

  // Custom activity fields are on both Task and Event.
  CHECK(fieldOf(schema, "Task", "Call_Outcome__c").length == 80);
  CHECK(fieldOf(schema, "Event", "Call_Outcome__c").length == 80);
  CHECK_FALSE(schema.object("Activity"));

  // Activities and notes can refer to a custom object with activities.
  CHECK(refersTo(fieldOf(schema, "Task", "WhatId"), "Invoice__c"));
  CHECK(schema.object("Invoice__c")->childRelationship("Tasks"));
  CHECK(schema.object("Invoice__c")->childRelationship("Attachments"));
  CHECK_FALSE(refersTo(fieldOf(schema, "Task", "WhatId"), "Invoice_Line__c"));

  const sema::SObjectType* settings = schema.object("Billing_Settings__c");
  REQUIRE(settings);
  CHECK(settings->kind == sema::ObjectKind::CustomSetting);
  CHECK(settings->hierarchySetting);
  CHECK(settings->field("SetupOwnerId"));
  CHECK_FALSE(settings->field("OwnerId"));
  CHECK(fieldOf(schema, "Billing_Settings__c", "Grace_Days__c").defaultValue.text == "14");

  const sema::SObjectType* rates = schema.object("Tax_Rate__mdt");
  REQUIRE(rates);
  CHECK(rates->kind == sema::ObjectKind::CustomMetadata);
  CHECK(rates->keyPrefix == "m00");
  CHECK(rates->field("DeveloperName"));
  CHECK(rates->field("QualifiedApiName"));
  CHECK(fieldOf(schema, "Tax_Rate__mdt", "Rate__c").type == sema::FieldType::Percent);

  const sema::SObjectType* event = schema.object("Invoice_Paid__e");
  REQUIRE(event);
  CHECK(event->kind == sema::ObjectKind::PlatformEvent);
  CHECK(event->keyPrefix == "e00");
  CHECK(event->field("ReplayId"));
  CHECK(fieldOf(schema, "Invoice_Paid__e", "Invoice_Number__c").length == 20);
}

TEST_CASE("describe files replace an object with the org's exact schema") {
  sema::Schema schema = projectSchema("schema-source");
  const sema::SObjectType* account = schema.object("Account");
  REQUIRE(account);
  CHECK(account->keyPrefix == "001");
  CHECK_FALSE(account->field("Site"));  // the describe has no Site: the org's schema is exact
  const sema::SObjectField& region = fieldOf(schema, "Account", "Region__c");
  CHECK(region.custom);
  CHECK(region.restrictedPicklist);
  CHECK(picklistValues(region) == std::vector<std::string>{"EMEA", "AMER"});
  CHECK(region.picklistValues[1].isDefault);
  CHECK(fieldOf(schema, "Account", "Active__c").defaultValue.text == "true");
  const sema::SObjectField& score = fieldOf(schema, "Account", "Score__c");
  CHECK(score.calculated);
  CHECK(score.formula == "NumberOfEmployees / 10");
  // The project's metadata still extends the described object.
  CHECK(account->field("Tier__c"));
  CHECK(account->field("Industry"));
  // Child relationships: the describe's, and those the project adds.
  CHECK(account->childRelationship("Contacts")->childObject == "Contact");
  CHECK(account->childRelationship("Invoices__r"));
  CHECK(account->childRelationship("Histories"));

  // A bare result object works too; its child relationship name comes from
  // the parent's describe.
  const sema::SObjectType* widget = schema.object("Widget__c");
  REQUIRE(widget);
  CHECK(widget->kind == sema::ObjectKind::Custom);
  CHECK(schema.objectByKeyPrefix("a05") == widget);
  const sema::SObjectField& widgetAccount = fieldOf(schema, "Widget__c", "Account__c");
  CHECK(widgetAccount.masterDetail);
  CHECK(widgetAccount.childRelationshipName == "Widgets__r");
  CHECK(account->childRelationship("Widgets__r")->cascadeDelete);
}

TEST_CASE("a Metadata API format project: fields and record types inline") {
  sema::Schema schema = projectSchema("schema-mdapi");
  const sema::SObjectType* project = schema.object("Project__c");
  REQUIRE(project);
  CHECK(project->label == "Project");
  CHECK(fieldOf(schema, "Project__c", "Name").label == "Project Name");
  CHECK(fieldOf(schema, "Project__c", "Name").required());
  CHECK(fieldOf(schema, "Project__c", "Budget__c").precision == 12);
  const sema::SObjectField& phase = fieldOf(schema, "Project__c", "Phase__c");
  CHECK(picklistValues(phase) == std::vector<std::string>{"Plan", "Build"});
  CHECK(phase.restrictedPicklist);
  CHECK(phase.defaultValue.text == "Plan");
  const sema::ChildRelationship* projects = schema.object("Account")->childRelationship("Projects__r");
  REQUIRE(projects);
  CHECK(projects->cascadeDelete);
  REQUIRE(project->recordTypes.size() == 1);
  CHECK(project->recordTypes[0].label == "Internal Project");
  REQUIRE(project->validationRules.size() == 1);
  const sema::ValidationRule& rule = project->validationRules[0];
  CHECK(rule.fullName == "Budget_Positive");
  CHECK_FALSE(rule.active);
  CHECK(rule.errorConditionFormula == "Budget__c < 0");
  CHECK(rule.errorDisplayField == "Budget__c");
  CHECK(rule.errorMessage == "The budget cannot be negative");
  CHECK(fieldOf(schema, "Contact", "Nickname__c").length == 30);
  // A standard field's metadata replaces its picklist values and keeps the rest.
  const sema::SObjectField& source = fieldOf(schema, "Contact", "LeadSource");
  CHECK(picklistValues(source) == std::vector<std::string>{"Web", "Trade Fair"});
  CHECK(source.defaultValue.text == "Trade Fair");
  CHECK_FALSE(source.custom);
  CHECK(source.length == 255);
  CHECK(schema.object("Account")->field("Site"));  // no describe files: the catalog's Account
}

TEST_CASE("metadata and describe errors name the file") {
  auto project = runtime::loadProject(kFixtures / "schema-broken");
  REQUIRE(std::holds_alternative<runtime::Project>(project));
  auto schema = runtime::loadSchema(std::get<runtime::Project>(project));
  REQUIRE(std::holds_alternative<std::string>(schema));
  const std::string& error = std::get<std::string>(schema);
  CHECK(error.find("Bad__c.field-meta.xml: not well-formed XML") != std::string::npos);

  auto notJson = runtime::parseDescribe("{\"result\": ", "Thing.json");
  REQUIRE(std::holds_alternative<std::string>(notJson));
  CHECK(std::get<std::string>(notJson) == "Thing.json: not valid JSON");
  auto noName = runtime::parseDescribe("{\"status\":0,\"result\":{\"fields\":[]}}", "Thing.json");
  CHECK(std::get<std::string>(noName) ==
        "Thing.json: not a describe result (a JSON object with \"name\" and \"fields\")");
  auto badType =
      runtime::parseDescribe(R"({"name":"Thing__c","fields":[{"name":"Size__c","type":"size"}]})", "Thing.json");
  CHECK(std::get<std::string>(badType) == "Thing.json: field 0 (Size__c) has an unknown type: \"size\"");
}
