// `apexrun test`: runs the @isTest methods of an SFDX project, with the flags
// and result formats of `sf apex run test` (Salesforce CLI, plugin-apex).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "cli/compiled_project.h"
#include "runtime/project/project_classes.h"
#include "runtime/project/static_resources.h"
#include "runtime/project/user_context.h"
#include "runtime/testing/test_reports.h"
#include "runtime/testing/test_runner.h"

namespace apex::cli {

namespace {

struct TestOptions {
  ProjectFlags project;
  CalloutFlags callouts;
  std::vector<std::string> classNames;
  std::vector<std::string> tests;
  std::string resultFormat = "human";
  std::string outputDir;
  bool codeCoverage = false;
  bool json = false;
  bool concise = false;
  std::string testLevel;  // RunLocalTests (default), RunAllTestsInOrg, RunSpecifiedTests
  // Accepted so that `sf apex run test` command lines work unchanged; a
  // local run is always synchronous and never waits for a queue.
  bool synchronous = false;
  int waitMinutes = 0;
};

using Clock = std::chrono::steady_clock;

int64_t millisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// `Running tests: 12/200` on a terminal, rewritten in place.
std::function<void(size_t, size_t)> progressLine() {
  if (!isatty(STDERR_FILENO)) return nullptr;
  return [](size_t done, size_t total) {
    if (done < total) std::cerr << "\rRunning tests: " << done << "/" << total << std::flush;
    else std::cerr << "\r\x1b[K" << std::flush;
  };
}

bool wantsColour() { return isatty(STDOUT_FILENO) && !getenv("NO_COLOR"); }

// The coverage of the project's non-test classes that have code, by name.
std::vector<runtime::ClassCoverage> measure(const std::vector<const sema::ClassSymbol*>& compiled,
                                            const runtime::ProjectClasses& classes,
                                            const interp::StatementHits& hits) {
  std::vector<runtime::ClassCoverage> out;
  for (const sema::ClassSymbol* cls : compiled) {
    if (sema::isTestClass(*cls)) continue;
    runtime::ClassCoverage coverage = runtime::measureCoverage(*cls->decl, hits);
    coverage.file = classes.fileOf(cls->name);
    if (coverage.totalLines() > 0) out.push_back(std::move(coverage));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

// A 707 (AsyncApexJob) Id from the start time in milliseconds, so that
// runs writing to one --output-dir keep apart.
std::string testRunId(std::chrono::system_clock::time_point now) {
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  return runtime::recordId("707", uint64_t(millis));
}

// 2 when a class does not compile, else 100 when a test failed.
int exitCodeOf(const runtime::TestRun& run) {
  if (!run.compileErrors.empty()) return kExitCompileError;
  return run.passed() ? kExitOk : kExitTestsFailed;
}

void print(const runtime::TestRun& run, const TestOptions& options) {
  const std::string& format = options.json ? std::string("json") : options.resultFormat;
  if (format == "json") {
    nlohmann::ordered_json out = {{"status", exitCodeOf(run)}, {"result", runtime::jsonReport(run)}};
    std::cout << out.dump(2) << "\n";
  } else if (format == "tap") {
    std::cout << runtime::tapReport(run);
  } else if (format == "junit") {
    std::cout << runtime::junitReport(run);
  } else {
    if (!options.outputDir.empty()) std::cout << "Test result files written to " << options.outputDir << "\n\n";
    std::cout << runtime::humanReport(run, wantsColour(), options.concise);
  }
}

int runTestCommand(const TestOptions& options) {
  auto commandStart = Clock::now();
  bool named = !options.classNames.empty() || !options.tests.empty();
  if (options.testLevel == "RunSpecifiedTests" && !named)
    return fail("test", kExitUsage, "--test-level RunSpecifiedTests needs --class-names or --tests");
  if (named && !options.testLevel.empty() && options.testLevel != "RunSpecifiedTests")
    return fail("test", kExitUsage, "--test-level " + options.testLevel + " cannot be used with --class-names or --tests");
  auto compiled = compileProject(options.project, options.callouts, "test");
  if (auto* code = std::get_if<int>(&compiled)) return *code;
  CompiledProject& ready = std::get<CompiledProject>(compiled);
  const runtime::Project& project = ready.project;
  sema::Program& program = *ready.program;
  const runtime::ProjectClasses& classes = *ready.classes;
  // A class that does not compile stops only its own tests and those of
  // the classes that use it; the rest run.
  if (!ready.compileErrors.empty()) reportCompileErrors(ready.compileErrors);
  std::vector<const sema::ClassSymbol*> topLevel = classes.compiledClasses(program);
  std::vector<runtime::TestClass> all = runtime::discoverTests(program, topLevel);
  if (all.empty() && ready.compileErrors.empty())
    return fail("test", kExitNoInput, "no test methods in " + project.root.string() +
                                  ": annotate test classes and their static methods with @isTest");
  auto selected = runtime::selectTests(all, options.classNames, options.tests);
  if (auto* problem = std::get_if<std::string>(&selected)) return fail("test", kExitUsage, *problem);

  runtime::StaticResources resources(project);
  runtime::CalloutService callouts(std::move(ready.setup.options));
  interp::StatementHits hits;
  runtime::TestEnvironment env;
  env.services.callouts = &callouts;
  env.services.user = &ready.user;
  env.services.staticResources = &resources;
  if (!project.sourceApiVersion.empty()) env.services.apiVersion = project.sourceApiVersion;
  if (options.codeCoverage) env.services.coverage = &hits;
  env.progress = progressLine();

  runtime::TestRun run;
  run.compileErrors = std::move(ready.compileErrors);
  run.startTime = std::chrono::system_clock::now();
  run.testRunId = testRunId(run.startTime);
  auto runStart = Clock::now();
  run.tests = runtime::runTests(program, std::get<std::vector<runtime::TestClass>>(selected), env);
  run.totalMillis = millisSince(runStart);
  std::chrono::microseconds execution{0};
  for (const runtime::TestResult& t : run.tests) execution += t.runTime;
  run.executionMillis = execution.count() / 1000;
  if (options.codeCoverage) run.coverage = measure(topLevel, classes, hits);
  const runtime::UserContext& u = ready.user;
  run.hostname = project.root.string();
  run.orgId = u.organizationId;
  run.username = u.userName;
  run.userId = u.userId;
  run.commandMillis = millisSince(commandStart);

  if (!options.outputDir.empty()) {
    std::string format = options.json ? "json" : options.resultFormat;
    if (auto problem = runtime::writeResultFiles(run, options.outputDir, format, project.root))
      return fail("test", kExitNoInput, "--output-dir: " + *problem);
  }
  print(run, options);
  std::cout.flush();
  return exitCodeOf(run);
}

}  // namespace

CommandRunner addTestCommand(CLI::App& app) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* test = app.add_subcommand(
      "test", "Run the @isTest methods of an SFDX project and report as `sf apex run test` does");
  addProjectOptions(*test, options->project);
  test->add_option("-n,--class-names", options->classNames, "Test classes to run, comma-separated (default: all)")
      ->delimiter(',');
  test->add_option("-t,--tests", options->tests,
                   "Test methods to run as Class.method, comma-separated; Class alone runs the whole class")
      ->delimiter(',');
  test->add_option("-r,--result-format", options->resultFormat, "Result format: human (default), tap, junit or json")
      ->check(CLI::IsMember({"human", "tap", "junit", "json"}));
  test->add_option("-d,--output-dir", options->outputDir,
                   "Also write the results (JSON, JUnit, and with coverage lcov.info) to files in this folder");
  test->add_flag("-c,--code-coverage", options->codeCoverage, "Measure line coverage of the project's classes");
  test->add_flag("--json", options->json, "Print the result as the Salesforce CLI's --json does");
  test->add_flag("--concise", options->concise, "Human format: list only the failed tests, then the summary");
  test->add_option("-l,--test-level", options->testLevel,
                   "RunLocalTests or RunAllTestsInOrg (every test class of the project, the default), or "
                   "RunSpecifiedTests (those named by --class-names/--tests)")
      ->check(CLI::IsMember({"RunLocalTests", "RunAllTestsInOrg", "RunSpecifiedTests"}));
  test->add_flag("-y,--synchronous", options->synchronous, "Accepted for sf compatibility: runs are always synchronous");
  test->add_option("-w,--wait", options->waitMinutes, "Accepted for sf compatibility: nothing is queued, so nothing waits");
  test->add_option("--store", options->callouts.store, "Credential store file");
  test->add_flag("--no-hints", options->callouts.noHints, "Do not print apexrun's hints on stderr");
  return [options] { return runTestCommand(*options); };
}

}  // namespace apex::cli
