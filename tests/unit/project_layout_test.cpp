// Unit tests for finding and loading a project in each layout apexrun reads:
// an SFDX project with several package directories (one written with
// backslashes), a Metadata API folder (package.xml, classes/, ..., often
// src/) and a folder of loose .cls files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "runtime/project/project.h"
#include "runtime/project/project_classes.h"

namespace fs = std::filesystem;
using namespace apex;
using runtime::ProjectLayout;

namespace {

const fs::path kLayoutFixtures =
    fs::absolute(fs::path(__FILE__).parent_path().parent_path() / "fixtures" / "projects").lexically_normal();

runtime::Project loadedProject(const fs::path& dir) {
  auto loaded = runtime::loadProject(dir);
  if (auto* problem = std::get_if<std::string>(&loaded)) FAIL(*problem);
  return std::get<runtime::Project>(loaded);
}

std::string loadProblem(const fs::path& dir) {
  auto loaded = runtime::loadProject(dir);
  REQUIRE(std::holds_alternative<std::string>(loaded));
  return std::get<std::string>(loaded);
}

std::vector<std::string> fileNames(const std::vector<fs::path>& files) {
  std::vector<std::string> names;
  for (const fs::path& file : files) names.push_back(file.filename().string());
  return names;
}

// A scratch folder, removed at the end of the test. Named from
// random_device: ctest runs each test case in a process of its own, in
// parallel, and random() starts every process at the same number.
struct ScratchFolder {
  fs::path path = fs::temp_directory_path() / ("apexrun-layout-" + std::to_string(std::random_device()()));
  ScratchFolder() { fs::create_directories(path); }
  ~ScratchFolder() { fs::remove_all(path); }
  void write(const fs::path& relative, const std::string& text) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream(path / relative) << text;
  }
};

constexpr const char* kPackageXml = "<Package><version>59.0</version></Package>";

}  // namespace

TEST_CASE("every package directory is read, a backslash path too") {
  runtime::Project project = loadedProject(kLayoutFixtures / "plugins");
  CHECK(project.layout == ProjectLayout::Source);
  CHECK(project.sourceApiVersion == "61.0");
  const fs::path root = kLayoutFixtures / "plugins";
  CHECK(project.packageDirectories ==
        std::vector<fs::path>{root / "force-app", root / "plugins" / "billing", root / "plugins" / "shipping"});
  runtime::ProjectClasses classes(project);
  CHECK(classes.names() == std::vector<std::string>{"billing", "checkout", "checkouttest", "shipping"});
  CHECK(classes.fileOf("Billing") == root / "plugins" / "billing" / "classes" / "Billing.cls");
}

TEST_CASE("a package directory outside the project is an error, never a scan of the disk") {
  ScratchFolder dir;
  fs::create_directories(dir.path / "app" / "force-app");
  fs::create_directories(dir.path / "elsewhere");
  for (const char* path : {"/", "../elsewhere", "force-app/../../elsewhere"}) {
    dir.write("app/sfdx-project.json", std::string(R"({"packageDirectories": [{"path": ")") + path + R"("}]})");
    fs::path resolved = (path[0] == '/' ? fs::path("/") : dir.path / "elsewhere");
    INFO(path);
    CHECK(loadProblem(dir.path / "app") == "The path " + resolved.string() +
                                              ", specified in sfdx-project.json, is outside the project root " +
                                              (dir.path / "app").string() +
                                              ". Be sure this directory is included in your project root.");
  }
  dir.write("app/sfdx-project.json", R"({"packageDirectories": [{"path": "."}]})");
  CHECK(std::holds_alternative<runtime::Project>(runtime::loadProject(dir.path / "app")));
}

TEST_CASE("a package directory that does not exist is an error, as the Salesforce CLI reports it") {
  ScratchFolder dir;
  dir.write("sfdx-project.json", R"({"packageDirectories": [{"path": "force-app"}, {"path": "libs\\missing"}]})");
  fs::create_directories(dir.path / "force-app");
  CHECK(loadProblem(dir.path) == "The path " + (dir.path / "libs" / "missing").string() +
                                      ", specified in sfdx-project.json, does not exist. Be sure this directory is "
                                      "included in your project root.");
}

TEST_CASE("a Metadata API folder under src/ is a project rooted above it") {
  const fs::path repo = kLayoutFixtures / "mdapi";
  for (const fs::path& given : {repo, repo / "src"}) {
    INFO(given);
    runtime::Project project = loadedProject(given);
    CHECK(project.layout == ProjectLayout::MetadataApi);
    CHECK(project.root == repo);
    CHECK(project.packageDirectories == std::vector<fs::path>{repo / "src"});
    CHECK(project.sourceApiVersion == "60.0");  // package.xml's <version>
  }
  CHECK(runtime::findProjectRoot(repo / "src" / "classes") == repo);
  CHECK(runtime::findProjectRoot(repo / "src") == repo);
  CHECK(runtime::findProjectRoot(repo) == repo);
  auto located = runtime::locateProjectRoot((repo / "src").string());
  REQUIRE(std::holds_alternative<std::optional<fs::path>>(located));
  CHECK(std::get<std::optional<fs::path>>(located) == repo);
}

TEST_CASE("in a Metadata API folder, metadata without content is found under its Metadata API file name") {
  runtime::Project project = loadedProject(kLayoutFixtures / "mdapi");
  std::vector<fs::path> sites = project.componentFiles(".remoteSite-meta.xml");
  CHECK(fileNames(sites) == std::vector<std::string>{"Rates.remoteSite"});
  CHECK(runtime::componentName(sites.at(0), ".remoteSite-meta.xml") == "Rates");
  CHECK(fileNames(project.componentFiles(".namedCredential-meta.xml")) ==
        std::vector<std::string>{"Billing_API.namedCredential"});
  // A static resource keeps its -meta.xml beside the content in both formats.
  CHECK(fileNames(project.filesEndingWith(".resource-meta.xml")) ==
        std::vector<std::string>{"InvoiceList.resource-meta.xml"});
  CHECK(runtime::ProjectClasses(project).names() == std::vector<std::string>{"invoices", "invoicestest"});
}

TEST_CASE("source format files only are components in an SFDX project") {
  ScratchFolder dir;
  dir.write("sfdx-project.json", R"({"packageDirectories": [{"path": "force-app"}]})");
  dir.write("force-app/remoteSiteSettings/Api.remoteSite-meta.xml", "<RemoteSiteSetting/>");
  dir.write("force-app/remoteSiteSettings/Stray.remoteSite", "<RemoteSiteSetting/>");
  runtime::Project project = loadedProject(dir.path);
  CHECK(fileNames(project.componentFiles(".remoteSite-meta.xml")) == std::vector<std::string>{"Api.remoteSite-meta.xml"});
  CHECK(runtime::componentName(dir.path / "Api.remoteSite-meta.xml", ".remoteSite-meta.xml") == "Api");
}

TEST_CASE("an SFDX project's manifest/package.xml is not a Metadata API folder") {
  ScratchFolder dir;
  dir.write("sfdx-project.json", R"({"packageDirectories": [{"path": "force-app"}]})");
  dir.write("force-app/main/default/classes/A.cls", "public class A {}");
  dir.write("manifest/package.xml", kPackageXml);
  CHECK(runtime::findProjectRoot(dir.path / "manifest") == dir.path);
  CHECK(loadedProject(dir.path).layout == ProjectLayout::Source);
}

TEST_CASE("a Metadata API src/ beside sfdx-project.json is its own project") {
  ScratchFolder dir;
  dir.write("sfdx-project.json", R"({"packageDirectories": [{"path": "force-app"}]})");
  fs::create_directories(dir.path / "force-app");
  dir.write("src/package.xml", kPackageXml);
  dir.write("src/classes/Old.cls", "public class Old {}");
  runtime::Project project = loadedProject(dir.path / "src");
  CHECK(project.layout == ProjectLayout::MetadataApi);
  CHECK(project.root == dir.path / "src");
  CHECK(project.sourceApiVersion == "59.0");
  CHECK(runtime::findProjectRoot(dir.path / "src" / "classes") == dir.path / "src");
  CHECK(loadedProject(dir.path).layout == ProjectLayout::Source);
}

TEST_CASE("a Metadata API folder not named src is its own root") {
  ScratchFolder dir;
  dir.write("unpackaged/package.xml", kPackageXml);
  dir.write("unpackaged/triggers/T.trigger", "trigger T on Account (before insert) {}");
  runtime::Project project = loadedProject(dir.path / "unpackaged");
  CHECK(project.root == dir.path / "unpackaged");
  CHECK(runtime::findProjectRoot(dir.path / "unpackaged" / "triggers") == dir.path / "unpackaged");
}

TEST_CASE("a folder that is no project says what was looked for") {
  ScratchFolder dir;
  dir.write("package.xml", kPackageXml);  // but no metadata folder beside it
  std::string problem = loadProblem(dir.path);
  CHECK_THAT(problem, Catch::StartsWith(dir.path.string() + ": no sfdx-project.json, and no Metadata API folder"));
  CHECK_THAT(problem, Catch::Contains("package.xml beside classes/"));
  CHECK_FALSE(runtime::findProjectRoot(dir.path).has_value());
  auto located = runtime::locateProjectRoot(dir.path.string());
  REQUIRE(std::holds_alternative<std::string>(located));
  CHECK_THAT(std::get<std::string>(located), Catch::StartsWith("--project " + dir.path.string() + ": no sfdx-project.json"));
  auto missing = runtime::locateProjectRoot((dir.path / "nowhere").string());
  REQUIRE(std::holds_alternative<std::string>(missing));
  CHECK(std::get<std::string>(missing) == "--project " + (dir.path / "nowhere").string() + ": no such folder");
}

TEST_CASE("a package.xml that is not XML is reported") {
  ScratchFolder dir;
  dir.write("package.xml", "<Package><version>");
  fs::create_directories(dir.path / "classes");
  CHECK_THAT(loadProblem(dir.path), Catch::StartsWith((dir.path / "package.xml").string() + ": not well-formed XML"));
  dir.write("package.xml", "<Manifest/>");
  CHECK(loadProblem(dir.path) == (dir.path / "package.xml").string() + ": the root element must be <Package>");
}

TEST_CASE("a folder of loose .cls files is a project of classes") {
  auto loaded = runtime::loadClassFolder(kLayoutFixtures / "loose");
  REQUIRE(std::holds_alternative<runtime::Project>(loaded));
  const runtime::Project& project = std::get<runtime::Project>(loaded);
  CHECK(project.layout == ProjectLayout::ClassFolder);
  CHECK(project.root == kLayoutFixtures / "loose");
  CHECK(runtime::ProjectClasses(project).names() == std::vector<std::string>{"greeting", "greetingtest"});

  ScratchFolder empty;
  auto none = runtime::loadClassFolder(empty.path);
  REQUIRE(std::holds_alternative<std::string>(none));
  CHECK(std::get<std::string>(none) == empty.path.string() + ": no .cls files in that folder");
  auto notFolder = runtime::loadClassFolder(kLayoutFixtures / "loose" / "hello.apex");
  REQUIRE(std::holds_alternative<std::string>(notFolder));
  CHECK(std::get<std::string>(notFolder) == (kLayoutFixtures / "loose" / "hello.apex").string() + ": not a folder");
}
