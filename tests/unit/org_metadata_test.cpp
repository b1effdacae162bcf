// Unit tests for reading the project's org configuration: custom labels
// (one file of many, or one file each; the Metadata API spelling), their
// translations, and custom metadata records checked against the schema.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "runtime/project/object_metadata.h"
#include "runtime/project/org_metadata.h"

namespace fs = std::filesystem;
using namespace apex;

namespace {

// A scratch project, removed at the end of the test (named from
// random_device: ctest runs test cases in parallel processes).
struct ScratchOrgProject {
  fs::path path = fs::temp_directory_path() / ("apexrun-orgconfig-" + std::to_string(std::random_device()()));
  explicit ScratchOrgProject(bool metadataApi = false) {
    fs::create_directories(path);
    if (metadataApi) write("src/package.xml", "<Package><version>62.0</version></Package>");
    else write("sfdx-project.json", R"({"packageDirectories": [{"path": "force-app", "default": true}]})");
  }
  ~ScratchOrgProject() { fs::remove_all(path); }
  void write(const fs::path& relative, const std::string& text) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream(path / relative) << text;
  }
  runtime::Project project() const {
    auto loaded = runtime::loadProject(path);
    REQUIRE(std::holds_alternative<runtime::Project>(loaded));
    return std::get<runtime::Project>(loaded);
  }
};

constexpr const char* kSourceDir = "force-app/main/default/";

std::variant<sema::OrgConfig, std::string> orgConfigOf(const ScratchOrgProject& scratch, sema::Schema& schema) {
  runtime::Project project = scratch.project();
  auto loaded = runtime::loadSchema(project);
  REQUIRE(std::holds_alternative<sema::Schema>(loaded));
  schema = std::move(std::get<sema::Schema>(loaded));
  return runtime::loadOrgConfig(project, schema);
}

sema::OrgConfig readOrgConfig(const ScratchOrgProject& scratch, sema::Schema& schema) {
  auto config = orgConfigOf(scratch, schema);
  if (auto* problem = std::get_if<std::string>(&config)) FAIL(*problem);
  return std::move(std::get<sema::OrgConfig>(config));
}

std::string orgConfigProblem(const ScratchOrgProject& scratch) {
  sema::Schema schema;
  auto config = orgConfigOf(scratch, schema);
  REQUIRE(std::holds_alternative<std::string>(config));
  return std::get<std::string>(config);
}

constexpr const char* kTwoLabels = R"(<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
  <labels><fullName>Greeting</fullName><language>en_US</language><protected>true</protected><value>Hello</value></labels>
  <labels><fullName>Farewell</fullName><language>en_US</language><value>Bye</value></labels>
</CustomLabels>)";

constexpr const char* kRegionType = R"(<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
  <label>Region</label><pluralLabel>Regions</pluralLabel></CustomObject>)";
constexpr const char* kQuotaField = R"(<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
  <fullName>Quota__c</fullName><label>Quota</label><precision>10</precision><scale>2</scale><type>Number</type></CustomField>)";

std::string regionRecord(const std::string& values) {
  return R"(<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" )"
         R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><label>West Coast</label>)" +
         values + "</CustomMetadata>";
}

void writeRegionType(const ScratchOrgProject& scratch, const std::string& dir = kSourceDir) {
  scratch.write(dir + "objects/Region__mdt/Region__mdt.object-meta.xml", kRegionType);
  scratch.write(dir + "objects/Region__mdt/fields/Quota__c.field-meta.xml", kQuotaField);
}

}  // namespace

TEST_CASE("labels are read from the labels file, with their language and protection") {
  ScratchOrgProject scratch;
  scratch.write(std::string(kSourceDir) + "labels/CustomLabels.labels-meta.xml", kTwoLabels);
  sema::Schema schema;
  sema::OrgConfig config = readOrgConfig(scratch, schema);
  REQUIRE(config.labels.all().size() == 2);
  const sema::CustomLabel* greeting = config.labels.find("GREETING");
  REQUIRE(greeting);
  CHECK(greeting->value == "Hello");
  CHECK(greeting->language == "en_US");
  CHECK(greeting->isProtected);
  CHECK_FALSE(config.labels.find("Farewell")->isProtected);
}

TEST_CASE("a label in a file of its own takes its name from the file without fullName") {
  ScratchOrgProject scratch;
  scratch.write(std::string(kSourceDir) + "labels/Order_Limit.label-meta.xml",
                "<CustomLabel><language>en_US</language><value>At most {0}</value></CustomLabel>");
  sema::Schema schema;
  sema::OrgConfig config = readOrgConfig(scratch, schema);
  REQUIRE(config.labels.find("Order_Limit"));
  CHECK(config.labels.find("Order_Limit")->value == "At most {0}");
}

TEST_CASE("translations give a label's value by language, a region falling back to its language") {
  ScratchOrgProject scratch;
  scratch.write(std::string(kSourceDir) + "labels/CustomLabels.labels-meta.xml", kTwoLabels);
  scratch.write(std::string(kSourceDir) + "translations/de.translation-meta.xml",
                "<Translations><customLabels><label>Hallo</label><name>Greeting</name></customLabels>"
                "<customLabels><label>Unbekannt</label><name>Not_A_Label</name></customLabels></Translations>");
  sema::Schema schema;
  sema::OrgConfig config = readOrgConfig(scratch, schema);
  const sema::CustomLabel& greeting = *config.labels.find("Greeting");
  CHECK(greeting.valueFor("de") == "Hallo");
  CHECK(greeting.valueFor("de_CH") == "Hallo");
  CHECK(greeting.valueFor("fr") == "Hello");
  CHECK(config.labels.find("Farewell")->valueFor("de") == "Bye");
  CHECK_FALSE(config.labels.find("Not_A_Label"));
}

TEST_CASE("a Metadata API folder's labels and records use the names without -meta.xml") {
  ScratchOrgProject scratch(true);
  scratch.write("src/labels/CustomLabels.labels", kTwoLabels);
  writeRegionType(scratch, "src/");
  scratch.write("src/customMetadata/Region.West.md", regionRecord(""));
  scratch.write("src/README.md", "# not a record");
  sema::Schema schema;
  sema::OrgConfig config = readOrgConfig(scratch, schema);
  CHECK(config.labels.all().size() == 2);
  REQUIRE(config.customMetadata.size() == 1);
  CHECK(config.customMetadata[0].developerName == "West");
}

TEST_CASE("a custom metadata record names its type and record by its file, and keeps each value's text") {
  ScratchOrgProject scratch;
  writeRegionType(scratch);
  scratch.write(std::string(kSourceDir) + "customMetadata/Region.West.md-meta.xml",
                regionRecord(R"(<protected>true</protected>
                  <values><field>Quota__c</field><value xsi:type="xsd:double">1500.5</value></values>)"));
  scratch.write(std::string(kSourceDir) + "customMetadata/Region.East.md-meta.xml",
                regionRecord(R"(<values><field>Quota__c</field><value xsi:nil="true"/></values>)"));
  sema::Schema schema;
  sema::OrgConfig config = readOrgConfig(scratch, schema);
  REQUIRE(config.customMetadata.size() == 2);
  const sema::CustomMetadataRecord& east = config.customMetadata[0];
  const sema::CustomMetadataRecord& west = config.customMetadata[1];
  CHECK(west.type == schema.object("Region__mdt"));
  CHECK(west.developerName == "West");
  CHECK(west.label == "West Coast");
  CHECK(west.isProtected);
  REQUIRE(west.values.size() == 1);
  CHECK(west.values[0].first->name == "Quota__c");
  CHECK(west.values[0].second == "1500.5");
  REQUIRE(east.values.size() == 1);
  CHECK_FALSE(east.values[0].second.has_value());
}

TEST_CASE("a custom metadata record of an unknown type, field or file name is an error naming the file") {
  ScratchOrgProject scratch;
  writeRegionType(scratch);
  SECTION("unknown type") {
    scratch.write(std::string(kSourceDir) + "customMetadata/Zone.West.md-meta.xml", regionRecord(""));
    std::string problem = orgConfigProblem(scratch);
    CHECK_THAT(problem, Catch::Contains("Zone.West.md-meta.xml: no custom metadata type Zone__mdt in objects/"));
  }
  SECTION("unknown field") {
    scratch.write(std::string(kSourceDir) + "customMetadata/Region.West.md-meta.xml",
                  regionRecord("<values><field>Size__c</field><value>1</value></values>"));
    CHECK_THAT(orgConfigProblem(scratch), Catch::Contains("Region.West.md-meta.xml: Region__mdt has no field Size__c"));
  }
  SECTION("no record name") {
    scratch.write(std::string(kSourceDir) + "customMetadata/Region.md-meta.xml", regionRecord(""));
    CHECK_THAT(orgConfigProblem(scratch),
               Catch::Contains("Region.md-meta.xml: the file name must be <Type>.<Record>.md-meta.xml"));
  }
  SECTION("not well-formed") {
    scratch.write(std::string(kSourceDir) + "customMetadata/Region.West.md-meta.xml", "<CustomMetadata>");
    CHECK_THAT(orgConfigProblem(scratch), Catch::Contains("Region.West.md-meta.xml: not well-formed XML"));
  }
}
