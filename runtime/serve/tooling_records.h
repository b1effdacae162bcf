// The Tooling API's records in `apexrun serve` (Tooling API Developer
// Guide, "Tooling API Objects"): the project's classes and triggers
// (ApexClass, ApexTrigger), the debug logs the server kept (ApexLog, their
// bodies beside), the test runs of the runTests resources (AsyncApexJob,
// ApexTestRunResult, ApexTestQueueItem, ApexTestResult) and their coverage
// (ApexCodeCoverage, ApexCodeCoverageAggregate, ApexOrgWideCoverage). They
// are records of a schema of their own in an in-memory SQLite store, which
// the REST API's query and sobjects resources read (a RestApi on this
// program, its URLs under /tooling), so the Tooling API's SOQL is the
// REST API's.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "runtime/data/sqlite_store.h"
#include "runtime/project/project_classes.h"
#include "runtime/project/user_context.h"
#include "runtime/serve/rest_api.h"
#include "runtime/testing/test_reports.h"
#include "sema/program.h"
#include "sema/schema_catalog.h"

namespace apex::runtime {

// The Tooling objects' schema (the catalog format of
// sema/standard_objects.catalog); the errors list what does not parse.
sema::CatalogParse toolingCatalog();

// An Apex class's length without its comments, as ApexClass and
// ApexTrigger's LengthWithoutComments count it: every character outside
// `//` and `/* */` comments (string literals kept whole).
int lengthWithoutComments(std::string_view source);

// A debug log the server keeps (ApexLog).
struct KeptLog {
  std::string operation;  // what made it: the request's path
  std::string request = "API";
  std::string application = "Unknown";
  std::string location = "Monitoring";  // SystemLog for a log the request asked for
  std::string status = "Success";       // or the uncaught exception
  std::string body;
  int64_t startMillis = 0;  // since the epoch
  int64_t durationMillis = 0;
};

// A test run for the runTests resources: what ran, and how it was asked for.
struct ToolingTestRun {
  TestRun run;
  std::vector<TestClass> classes;  // the classes that ran, in order
  bool allTests = false;           // RunLocalTests/RunAllTestsInOrg rather than named tests
  bool skipCoverage = false;
};

class ToolingRecords {
 public:
  explicit ToolingRecords(const UserContext& user);
  ToolingRecords(const ToolingRecords&) = delete;
  ToolingRecords& operator=(const ToolingRecords&) = delete;

  // ApexClass and ApexTrigger rows for the project's classes and triggers
  // (`classes` as `program` compiled them; a class that does not compile is
  // there with IsValid false), their bodies read from their files.
  void addProjectCode(const sema::Program& program, const ProjectClasses& classes);

  // Keeps `log` as an ApexLog record; its Id. The oldest logs go past
  // kMaxLogs.
  static constexpr size_t kMaxLogs = 1000;
  std::string addLog(const KeptLog& log);
  // The body of the log `id` (15 or 18 characters); nullopt when there is none.
  std::optional<std::string> logBody(const std::string& id);

  // The rows of a finished test run; its AsyncApexJob Id. With coverage,
  // its ApexCodeCoverage rows replace those of the same test classes, and
  // the aggregates add its lines.
  std::string addTestRun(const ToolingTestRun& test);

  // query, queryAll and sobjects over these records (GET only: the caller
  // refuses writes).
  RestApi& api() { return api_; }

 private:
  struct Aggregate {
    bool isTrigger = false;
    std::set<int> covered;
    std::set<int> lines;
  };
  void addCoverage(interp::Interp& vm, const ToolingTestRun& test);

  const UserContext& user_;
  std::unique_ptr<sema::Program> program_;
  SqliteStore store_;
  std::recursive_mutex inUse_;
  RestApi api_;
  std::map<std::string, std::string> logBodies_;  // by the log's 15-character Id
  std::deque<std::string> logOrder_;              // 18-character Ids, oldest first
  std::map<std::string, std::vector<std::string>> coverageRows_;  // ApexCodeCoverage Ids by test class Id
  std::map<std::string, Aggregate> aggregates_;                   // by class or trigger name
};

}  // namespace apex::runtime
