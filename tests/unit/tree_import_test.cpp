// `apexrun data import` (runtime/data/tree_import.h): plans and tree files
// read from memory, the order sf's plan import saves in (with a saver that
// only records what it is given), and the DML saver against an org.
#include "runtime/data/tree_import.h"

#include <catch2/catch.hpp>
#include <map>

#include "base/temporal.h"
#include "data_test_support.h"

namespace tree_import_test {

using namespace data_test;
using runtime::TreePart;
using Json = nlohmann::ordered_json;

// Files held in memory, by path.
runtime::FileReader filesOf(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path) -> std::optional<std::string> {
    auto found = files.find(path);
    if (found == files.end()) return std::nullopt;
    return found->second;
  };
}

// A tree record of `type` with `fields` (a JSON object's members).
Json treeRecord(const std::string& type, const std::string& referenceId, Json fields = Json::object()) {
  Json record = {{"attributes", {{"type", type}, {"referenceId", referenceId}}}};
  for (auto& [key, value] : fields.items()) record[key] = value;
  return record;
}

TreePart part(const std::string& file, const std::string& sobject, std::vector<Json> records) {
  return {file, sobject, std::move(records)};
}

// A saver that gives each record the Id `id-<referenceId>`, keeps what it
// was given, and fails the parts of `failing`.
struct RecordingSaver {
  std::vector<TreePart> saved;
  std::string failing;

  runtime::PartSaver saver() {
    return [this](const TreePart& p) {
      saved.push_back(p);
      runtime::PartOutcome out;
      if (p.file == failing) {
        out.failures.push_back({p.file,
                                p.records[0]["attributes"]["referenceId"],
                                "REQUIRED_FIELD_MISSING",
                                "Required fields are missing: [Name]",
                                {"Name"}});
        return out;
      }
      for (const Json& record : p.records) save(record, out);
      return out;
    };
  }

  static void save(const Json& record, runtime::PartOutcome& out) {
    std::string ref = record["attributes"]["referenceId"];
    out.saved.push_back({ref, record["attributes"]["type"], "id-" + ref});
    for (const auto& [key, value] : record.items())
      if (key != "attributes" && value.is_object() && value.contains("records"))
        for (const Json& child : value["records"]) save(child, out);
  }

  std::vector<std::string> referenceIds() const {
    std::vector<std::string> refs;
    for (const TreePart& p : saved)
      for (const Json& record : p.records) refs.push_back(record["attributes"]["referenceId"]);
    return refs;
  }
};

// ---------------------------------------------------------------- reading

TEST_CASE("a plan's files are read relative to it, each a part of the plan's sobject", "[data][import]") {
  auto read = filesOf({
      {"data/plan.json", R"([{"sobject": "Account", "saveRefs": true, "files": ["Account.json"]},
                             {"sobject": "Contact", "resolveRefs": true, "files": ["Contact.json"]}])"},
      {"data/Account.json", R"({"records": [{"attributes": {"type": "Account", "referenceId": "AccountRef1"},
                                             "Name": "Acme"}]})"},
      {"data/Contact.json", R"({"records": [{"attributes": {"type": "Contact", "referenceId": "ContactRef1"},
                                             "LastName": "Smith", "AccountId": "@AccountRef1"}]})"},
  });
  auto parts = runtime::readTreePlan("data/plan.json", read);
  REQUIRE(std::holds_alternative<std::vector<TreePart>>(parts));
  const auto& list = std::get<std::vector<TreePart>>(parts);
  REQUIRE(list.size() == 2);
  CHECK(list[0].file == "data/Account.json");
  CHECK(list[0].sobject == "Account");
  CHECK(list[1].sobject == "Contact");
  CHECK(list[1].records[0]["AccountId"] == "@AccountRef1");
}

std::string problemOf(const std::variant<std::vector<TreePart>, std::string>& read) {
  REQUIRE(std::holds_alternative<std::string>(read));
  return std::get<std::string>(read);
}

TEST_CASE("what is wrong with a plan or a tree file is said before anything is saved", "[data][import]") {
  std::string account = R"({"records": [{"attributes": {"type": "Account", "referenceId": "A1"}, "Name": "x"}]})";
  auto plan = [&](std::string planText, std::string accountText) {
    return runtime::readTreePlan("p/plan.json", filesOf({{"p/plan.json", planText}, {"p/Account.json", accountText}}));
  };
  std::string good = R"([{"sobject": "Account", "files": ["Account.json"]}])";
  CHECK(problemOf(runtime::readTreePlan("p/none.json", filesOf({}))) == "No file found at p/none.json");
  CHECK(problemOf(plan("[{", account)).rfind("p/plan.json is not valid JSON: parse error at line 1, column 3", 0) == 0);
  CHECK(problemOf(plan(R"({"sobject": "Account"})", account)) ==
        "Data plan file p/plan.json did not validate against the schema. Errors: the plan must be an array of "
        "{\"sobject\", \"files\"} entries.");
  CHECK(problemOf(plan(R"([{"sobject": "Account", "files": [1]}])", account)) ==
        "Data plan file p/plan.json did not validate against the schema. Errors: entry 0: The `files` property of "
        "the plan objects must contain only strings.");
  CHECK(problemOf(plan(R"([{"files": []}])", account)).find("entry 0: \"sobject\" must be a string") !=
        std::string::npos);
  CHECK(problemOf(plan(R"([{"sobject": "Account", "files": [], "saveRefs": "yes"}])", account))
            .find("\"saveRefs\" must be true or false") != std::string::npos);
  CHECK(problemOf(plan(good, "")) == "Data file is empty: p/Account.json.");
  CHECK(problemOf(plan(good, R"({"record": []})")) ==
        "p/Account.json is not an sObject tree file: it has no \"records\" array");
  CHECK(problemOf(plan(good, R"({"records": [{"Name": "x"}]})")) == "p/Account.json: records[0] has no attributes");
  CHECK(problemOf(plan(good, R"({"records": [{"attributes": {"type": "Account"}}]})")) ==
        "p/Account.json: records[0] has no attributes.referenceId");
  CHECK(problemOf(plan(good, R"({"records": [{"attributes": {"type": "Account", "referenceId": "A1"},
                                   "Contacts": {"records": [{"attributes": {"referenceId": "C1"}}]}}]})")) ==
        "p/Account.json: records[0].Contacts.records[0] has no attributes.type");
  CHECK(problemOf(plan(good, "{\"records\": [}")).rfind("p/Account.json is not valid JSON: parse error", 0) == 0);
}

TEST_CASE("files given with --files are parts of their first record's type, and refuse references", "[data][import]") {
  auto read = filesOf({
      {"Account.json", R"({"records": [{"attributes": {"type": "Account", "referenceId": "A1"}, "Name": "x"}]})"},
      {"Contact.json", R"({"records": [{"attributes": {"type": "Contact", "referenceId": "C1"},
                                        "AccountId": "@AccountRef1"}]})"},
  });
  auto parts = runtime::readTreeFiles({"Account.json"}, read);
  REQUIRE(std::holds_alternative<std::vector<TreePart>>(parts));
  CHECK(std::get<std::vector<TreePart>>(parts)[0].sobject == "Account");
  CHECK(problemOf(runtime::readTreeFiles({"Account.json", "Contact.json"}, read)) ==
        "The file Contact.json includes references (ex: '@AccountRef1'). Those are only supported with --plan, not "
        "--files.");
  CHECK(problemOf(runtime::readTreeFiles({"Missing.json"}, read)) == "No file found at Missing.json");
}

// ---------------------------------------------------------------- the order of saving

TEST_CASE("an SObject Tree request's body is read as one part of the URL's object", "[data][import]") {
  Json kid = treeRecord("Contact", "kid", {{"LastName", "Kid"}});
  Json body = {{"records", {treeRecord("Account", "root", {{"Name", "A"}, {"Contacts", {{"records", {kid}}}}})}}};
  auto read = runtime::readTree(body, "Account");
  REQUIRE(std::holds_alternative<TreePart>(read));
  CHECK(std::get<TreePart>(read).sobject == "Account");
  CHECK(std::get<TreePart>(read).records.size() == 1);

  CHECK(std::get<std::string>(runtime::readTree(Json::array(), "Account")) == "it has no \"records\" array");
  Json nested = Json::parse(R"({"records": [{"attributes": {"type": "Account", "referenceId": "A1"},
                                 "Contacts": {"records": [{"LastName": "X"}]}}]})");
  CHECK(std::get<std::string>(runtime::readTree(nested, "Account")) == "records[0].Contacts.records[0] has no attributes");
}

TEST_CASE("a tree's shape: records, depth, objects and referenceIds, nested ones counted", "[data][import]") {
  Json grandchild = treeRecord("Case", "case", {{"Subject", "S"}});
  Json kid = treeRecord("Contact", "kid", {{"LastName", "Kid"}, {"Cases", {{"records", {grandchild}}}}});
  std::vector<Json> roots = {treeRecord("Account", "a", {{"Contacts", {{"records", {kid}}}}}),
                             treeRecord("account", "a")};
  runtime::TreeShape shape = runtime::shapeOf(roots);
  CHECK(shape.records == 4);
  CHECK(shape.depth == 3);
  CHECK(shape.types == std::set<std::string>{"account", "contact", "case"});
  CHECK(shape.referenceIds == std::map<std::string, size_t>{{"a", 2}, {"kid", 1}, {"case", 1}});
}

TEST_CASE("@Ref values become the Ids of records saved earlier, nested children's too", "[data][import]") {
  RecordingSaver recorder;
  std::vector<TreePart> parts;
  parts.push_back(part("Account.json", "Account", {treeRecord("Account", "AccountRef1")}));
  Json contact = treeRecord("Contact", "ContactRef1", {{"AccountId", "@AccountRef1"}});
  Json child = treeRecord("Case", "CaseRef1", {{"AccountId", "@AccountRef1"}});
  contact["Cases"] = {{"records", {child}}};
  parts.push_back(part("Contact.json", "Contact", {contact}));
  auto outcome = runtime::importTreeParts(std::move(parts), recorder.saver());
  REQUIRE(outcome.ok());
  REQUIRE(recorder.saved.size() == 2);
  CHECK(recorder.saved[1].records[0]["AccountId"] == "id-AccountRef1");
  CHECK(recorder.saved[1].records[0]["Cases"]["records"][0]["AccountId"] == "id-AccountRef1");
  CHECK(outcome.saved.size() == 3);
}

TEST_CASE("a record that refers to its own object in its file waits for the others of the file", "[data][import]") {
  RecordingSaver recorder;
  std::vector<TreePart> parts;
  parts.push_back(part("Account.json", "Account",
                       {treeRecord("Account", "AccountRef1", {{"ParentId", "@AccountRef2"}}),
                        treeRecord("Account", "AccountRef2"), treeRecord("Account", "AccountRef3")}));
  REQUIRE(runtime::importTreeParts(std::move(parts), recorder.saver()).ok());
  CHECK(recorder.referenceIds() == std::vector<std::string>{"AccountRef2", "AccountRef3", "AccountRef1"});
  CHECK(recorder.saved.back().records[0]["ParentId"] == "id-AccountRef2");
}

TEST_CASE("a record that refers to one of a later file goes after the other files", "[data][import]") {
  RecordingSaver recorder;
  std::vector<TreePart> parts;
  parts.push_back(part(
      "Contact.json", "Contact",
      {treeRecord("Contact", "ContactRef1", {{"AccountId", "@AccountRef1"}}), treeRecord("Contact", "ContactRef2")}));
  parts.push_back(part("Account.json", "Account", {treeRecord("Account", "AccountRef1")}));
  parts.push_back(part("Case.json", "Case", {treeRecord("Case", "CaseRef1")}));
  REQUIRE(runtime::importTreeParts(std::move(parts), recorder.saver()).ok());
  CHECK(recorder.referenceIds() == std::vector<std::string>{"ContactRef2", "AccountRef1", "CaseRef1", "ContactRef1"});
}

TEST_CASE("a value like a reference of no saved record, outside sf's pattern, is left as written", "[data][import]") {
  RecordingSaver recorder;
  std::vector<TreePart> parts;
  parts.push_back(part("Account.json", "Account", {treeRecord("Account", "SampleAccount")}));
  parts.push_back(part("Contact.json", "Contact",
                       {treeRecord("Contact", "C1", {{"AccountId", "@SampleAccount"}, {"Title", "@home"}})}));
  REQUIRE(runtime::importTreeParts(std::move(parts), recorder.saver()).ok());
  CHECK(recorder.saved[1].records[0]["AccountId"] == "id-SampleAccount");
  CHECK(recorder.saved[1].records[0]["Title"] == "@home");
}

TEST_CASE("references no record resolves are named, and the records waiting for them are not saved", "[data][import]") {
  RecordingSaver recorder;
  std::vector<TreePart> parts;
  parts.push_back(part("Account.json", "Account", {treeRecord("Account", "AccountRef1")}));
  parts.push_back(
      part("Contact.json", "Contact",
           {treeRecord("Contact", "ContactRef1", {{"AccountId", "@AccountRef1"}, {"ReportsToId", "@ContactRef9"}})}));
  auto outcome = runtime::importTreeParts(std::move(parts), recorder.saver());
  CHECK_FALSE(outcome.ok());
  CHECK(outcome.problem ==
        "There are references in a data file Contact.json that can't be resolved:\n\n- @ContactRef9");
  CHECK(recorder.referenceIds() == std::vector<std::string>{"AccountRef1"});
}

TEST_CASE("records of one file that refer to each other in a circle cannot be resolved", "[data][import]") {
  RecordingSaver recorder;
  std::vector<TreePart> parts;
  parts.push_back(part("Account.json", "Account",
                       {treeRecord("Account", "AccountRef1", {{"ParentId", "@AccountRef2"}}),
                        treeRecord("Account", "AccountRef2", {{"ParentId", "@AccountRef1"}})}));
  auto outcome = runtime::importTreeParts(std::move(parts), recorder.saver());
  CHECK(outcome.problem ==
        "There are references in a data file Account.json that can't be resolved:\n\n- @AccountRef2\n- @AccountRef1");
  CHECK(recorder.saved.empty());
}

TEST_CASE("a part of more than 200 records is saved 200 at a time", "[data][import]") {
  RecordingSaver recorder;
  std::vector<Json> records;
  for (int i = 1; i <= 450; ++i) records.push_back(treeRecord("Account", "AccountRef" + std::to_string(i)));
  std::vector<TreePart> parts;
  parts.push_back(part("Account.json", "Account", records));
  auto outcome = runtime::importTreeParts(std::move(parts), recorder.saver());
  REQUIRE(outcome.ok());
  REQUIRE(recorder.saved.size() == 3);
  CHECK(recorder.saved[0].records.size() == 200);
  CHECK(recorder.saved[1].records.size() == 200);
  CHECK(recorder.saved[2].records.size() == 50);
  CHECK(recorder.saved[2].records[0]["attributes"]["referenceId"] == "AccountRef401");
  CHECK(outcome.saved.size() == 450);
}

TEST_CASE("a part that fails ends the import", "[data][import]") {
  RecordingSaver recorder;
  recorder.failing = "Contact.json";
  std::vector<TreePart> parts;
  parts.push_back(part("Account.json", "Account", {treeRecord("Account", "AccountRef1")}));
  parts.push_back(part("Contact.json", "Contact", {treeRecord("Contact", "ContactRef1")}));
  parts.push_back(part("Case.json", "Case", {treeRecord("Case", "CaseRef1")}));
  auto outcome = runtime::importTreeParts(std::move(parts), recorder.saver());
  CHECK_FALSE(outcome.ok());
  REQUIRE(outcome.failures.size() == 1);
  CHECK(outcome.failures[0].referenceId == "ContactRef1");
  CHECK(recorder.saved.size() == 2);
}

// ---------------------------------------------------------------- saving with DML

// An org whose interpreter's DML reaches the store: the standard objects
// and Invoice__c, whose Total__c is required.
struct ImportOrg {
  std::shared_ptr<sema::Schema> schema = makeSchema();
  sema::Program program{stdlib::standardLibrary()};
  runtime::DebugLog log;
  std::unique_ptr<interp::Interp> vm;
  runtime::SqliteStore store{*schema};

  ImportOrg() {
    program.schema = schema;
    vm = std::make_unique<interp::Interp>(program, log);
    vm->setDataStore(&store);
    store.begin();
  }

  static std::shared_ptr<sema::Schema> makeSchema() {
    auto schema = std::make_shared<sema::Schema>(dataTestSchema());
    schema->object("Invoice__c")->field("Total__c")->nillable = false;
    return schema;
  }

  runtime::PartOutcome save(const TreePart& p) { return runtime::dmlPartSaver(*vm)(p); }

  Value load(const std::string& object, const std::string& id) {
    std::vector<Value> found = store.load(*vm, *schema->object(object), std::vector<std::string>{id});
    REQUIRE(found.size() == 1);
    return found[0];
  }
};

TEST_CASE("the DML saver inserts roots, then their children with the parent's Id", "[data][import][dml]") {
  ImportOrg org;
  Json account = treeRecord("Account", "AccountRef1",
                            {{"name", "Acme"}, {"NumberOfEmployees", "120"}, {"AnnualRevenue", 1500000.5}});
  account["Contacts"] = {{"records",
                          {treeRecord("Contact", "ContactRef1", {{"LastName", "Smith"}}),
                           treeRecord("Contact", "ContactRef2", {{"LastName", "Jones"}})}}};
  account["Invoices__r"] = {{"records",
                             {treeRecord("Invoice__c", "Invoice__cRef1",
                                         {{"Total__c", 10},
                                          {"Paid__c", true},
                                          {"Due__c", "2024-03-31"},
                                          {"Sent__c", "2024-03-01T09:30:00.000+0100"},
                                          {"At__c", "10:15:00.000Z"}})}}};
  runtime::PartOutcome out = org.save(part("Account.json", "Account", {account}));
  REQUIRE(out.failures.empty());
  REQUIRE(out.saved.size() == 4);
  CHECK(out.saved[0].referenceId == "AccountRef1");
  CHECK(out.saved[0].type == "Account");
  CHECK(out.saved[0].id == "001000000000001AAA");
  CHECK(out.saved[1].type == "Contact");
  CHECK(out.saved[3].type == "Invoice__c");

  Value stored = org.load("Account", out.saved[0].id);
  CHECK(str(get(stored, "Name")) == "Acme");
  CHECK(get(stored, "NumberOfEmployees").asInt() == 120);
  CHECK(dec(get(stored, "AnnualRevenue")) == "1500000.5");
  CHECK(has(stored, "CreatedDate"));
  CHECK(str(get(stored, "OwnerId")) == org.vm->user().userId);
  CHECK(str(get(org.load("Contact", out.saved[1].id), "AccountId")) == out.saved[0].id);
  Value invoice = org.load("Invoice__c", out.saved[3].id);
  CHECK(str(get(invoice, "Account__c")) == out.saved[0].id);
  CHECK(get(invoice, "Paid__c").asBool());
  CHECK(Date::fromDaysSinceEpoch(get(invoice, "Due__c").asDate()).toApexString() == "2024-03-31");
  CHECK(get(invoice, "Sent__c").asDatetime() == Datetime::newInstanceGmt(2024, 3, 1, 8, 30, 0)->getTime());
  CHECK(Time::fromMillisOfDay(get(invoice, "At__c").asTime()).toDebugString() == "10:15:00.000Z");
}

runtime::RecordFailure onlyFailure(const runtime::PartOutcome& out) {
  REQUIRE(out.failures.size() == 1);
  return out.failures[0];
}

TEST_CASE("the DML saver reports each record the platform refuses, with its status code", "[data][import][dml]") {
  ImportOrg org;
  auto failureOf = [&](Json record) { return onlyFailure(org.save(part("f.json", "Account", {record}))); };

  runtime::RecordFailure missing = failureOf(treeRecord("Account", "AccountRef1", {{"Phone", "1"}}));
  CHECK(missing.file == "f.json");
  CHECK(missing.referenceId == "AccountRef1");
  CHECK(missing.statusCode == "REQUIRED_FIELD_MISSING");
  CHECK(missing.message == "Required fields are missing: [Name]");
  CHECK(missing.fields == std::vector<std::string>{"Name"});

  CHECK(failureOf(treeRecord("Acount", "R1")).statusCode == "INVALID_TYPE");
  runtime::RecordFailure column = failureOf(treeRecord("Account", "R2", {{"Name", "x"}, {"Colour__c", "red"}}));
  CHECK(column.statusCode == "INVALID_FIELD");
  CHECK(column.message == "No such column 'Colour__c' on sobject of type Account");
  runtime::RecordFailure date = failureOf(treeRecord("Invoice__c", "R3", {{"Total__c", 1}, {"Due__c", "31/03/2024"}}));
  CHECK(date.statusCode == "JSON_PARSER_ERROR");
  CHECK(date.message ==
        "Cannot deserialize instance of date from VALUE_STRING value 31/03/2024 or request may be missing a required "
        "field");
  CHECK(failureOf(treeRecord("Account", "R4", {{"Name", "x"}, {"NumberOfEmployees", 1.5}})).statusCode ==
        "JSON_PARSER_ERROR");
  runtime::RecordFailure audit =
      failureOf(treeRecord("Account", "R5", {{"Name", "x"}, {"CreatedDate", "2024-01-01T00:00:00Z"}}));
  CHECK(audit.statusCode == "INVALID_FIELD_FOR_INSERT_UPDATE");
  runtime::RecordFailure child = failureOf([] {
    Json account = treeRecord("Account", "A1", {{"Name", "x"}});
    account["Contacts"] = {{"records", {treeRecord("Contact", "C1", {{"FirstName", "No last name"}})}}};
    return account;
  }());
  CHECK(child.referenceId == "C1");
  CHECK(child.statusCode == "REQUIRED_FIELD_MISSING");
}

// ---------------------------------------------------------------- tables

TEST_CASE("sf's tables after an import and after a failure", "[data][import]") {
  CHECK(runtime::importResultsTable({{"AccountRef1", "Account", "001000000000001AAA"}}) ==
        "Import Results\n"
        "┌──────────────┬─────────┬────────────────────┐\n"
        "│ Reference ID │ Type    │ ID                 │\n"
        "├──────────────┼─────────┼────────────────────┤\n"
        "│ AccountRef1  │ Account │ 001000000000001AAA │\n"
        "└──────────────┴─────────┴────────────────────┘\n"
        "\n");
  CHECK(runtime::importErrorsTable({{"f.json", "R1", "INVALID_TYPE", "bad", {}}}) ==
        "Tree import errors\n"
        "┌──────────────┬──────────────┬───────────────┬────────┐\n"
        "│ Reference ID │ Status Code  │ Error Message │ Fields │\n"
        "├──────────────┼──────────────┼───────────────┼────────┤\n"
        "│ R1           │ INVALID_TYPE │ bad           │ N/A    │\n"
        "└──────────────┴──────────────┴───────────────┴────────┘\n"
        "\n");
}

}  // namespace tree_import_test
