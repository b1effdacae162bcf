// `apexrun test`: runs the @isTest methods of an SFDX project, with the flags
// and result formats of `sf apex run test` (Salesforce CLI, plugin-apex).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>

#include "base/text.h"
#include "cli/commands.h"
#include "cli/compiled_project.h"
#include "cli/sf_flags.h"
#include "cli/test_watch.h"
#include "runtime/data/record_store.h"
#include "runtime/project/project_classes.h"
#include "runtime/project/static_resources.h"
#include "runtime/project/user_context.h"
#include "runtime/testing/project_tests.h"
#include "runtime/testing/test_reports.h"
#include "runtime/testing/test_runner.h"
#include "runtime/testing/test_shards.h"
#include "runtime/testing/test_suites.h"

namespace apex::cli {

namespace {

struct TestOptions {
  ProjectFlags project;
  CalloutFlags callouts;
  std::vector<std::string> classNames;
  std::vector<std::string> suiteNames;
  std::vector<std::string> tests;
  std::string resultFormat = "human";
  std::string outputDir;
  bool codeCoverage = false;
  bool detailedCoverage = false;
  bool json = false;
  bool concise = false;
  std::string testLevel;  // RunLocalTests (default), RunAllTestsInOrg, RunSpecifiedTests
  std::string db;         // the org @isTest(SeeAllData=true) tests see; empty: none
  // Accepted so that `sf apex run test` command lines work unchanged; a
  // local run is always synchronous and never waits for a queue.
  bool synchronous = false;
  int waitMinutes = 0;
  int pollSeconds = 0;
  SfOrgFlags org;
  std::string shard;         // K/N
  std::string shardTimings;  // a previous run's JSON or JUnit results
  std::string mergeDir;
  bool watch = false;
  bool showEmails = false;
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

// 2 when a class does not compile, else 100 when a test failed.
int exitCodeOf(const runtime::TestRun& run) {
  if (!run.compileErrors.empty()) return kExitCompileError;
  return run.passed() ? kExitOk : kExitTestsFailed;
}

// --show-emails: what each test sent through Messaging.sendEmail, after the
// report. Nothing was sent.
void printEmails(const runtime::TestRun& run) {
  bool any = false;
  for (const runtime::TestResult& t : run.tests) {
    if (t.emails.empty()) continue;
    any = true;
    std::cout << "\nEmails of " << t.fullName() << ": " << t.emails.size() << " (kept here, not sent)\n"
              << runtime::describeEmails(t.emails);
  }
  if (!any) std::cout << "\nEmails: none\n";
}

void print(const runtime::TestRun& run, const TestOptions& options) {
  const std::string& format = options.json ? std::string("json") : options.resultFormat;
  if (format == "json") {
    nlohmann::ordered_json out = {{"status", exitCodeOf(run)},
                                  {"result", runtime::jsonReport(run)},
                                  {"warnings", nlohmann::ordered_json::array()}};
    std::cout << out.dump(2) << "\n";
  } else if (format == "tap") {
    std::cout << runtime::tapReport(run);
  } else if (format == "junit") {
    std::cout << runtime::junitReport(run);
  } else {
    if (!options.outputDir.empty()) std::cout << "Test result files written to " << options.outputDir << "\n\n";
    std::cout << runtime::humanReport(run, wantsColour(), options.concise, options.detailedCoverage);
    if (options.showEmails) printEmails(run);
  }
}

// Writes the --output-dir files, prints the run; the exit code.
int report(const runtime::TestRun& run, const TestOptions& options, const std::filesystem::path& root) {
  if (!options.outputDir.empty()) {
    std::string format = options.json ? "json" : options.resultFormat;
    if (auto problem = runtime::writeResultFiles(run, options.outputDir, format, root))
      return fail("test", kExitNoInput, "--output-dir: " + *problem);
  }
  print(run, options);
  std::cout.flush();
  return exitCodeOf(run);
}

// -n with the classes of the -s suites.
std::variant<std::vector<std::string>, int> namedClasses(const TestOptions& options, const runtime::Project& project) {
  std::vector<std::string> names = options.classNames;
  if (options.suiteNames.empty()) return names;
  auto suites = runtime::suiteTestClasses(project, options.suiteNames);
  if (auto* problem = std::get_if<std::string>(&suites)) return fail("test", kExitUsage, *problem);
  auto& classes = std::get<std::vector<std::string>>(suites);
  if (classes.empty()) return fail("test", kExitNoInput, "the test suites named by --suite-names list no test classes");
  names.insert(names.end(), classes.begin(), classes.end());
  return names;
}

// --shard K/N: this runner's share of the selected classes.
std::variant<std::vector<runtime::TestClass>, int> shardOf(std::vector<runtime::TestClass> selected,
                                                          const TestOptions& options) {
  if (options.shard.empty()) return selected;
  auto shard = runtime::parseShard(options.shard);
  if (!shard) return fail("test", kExitUsage, "--shard " + options.shard + ": expected K/N with 1 <= K <= N, as 2/4");
  runtime::ClassTimings timings;
  if (!options.shardTimings.empty()) {
    auto read = runtime::readClassTimings(options.shardTimings);
    if (auto* problem = std::get_if<std::string>(&read)) return fail("test", kExitNoInput, "--shard-timings: " + *problem);
    timings = std::get<runtime::ClassTimings>(read);
  }
  std::vector<runtime::ShardItem> items;
  for (const runtime::TestClass& c : selected) items.push_back({c.cls->name, c.tests.size()});
  std::vector<runtime::TestClass> mine;
  for (size_t i : runtime::shardClasses(items, timings, *shard)) mine.push_back(std::move(selected[i]));
  if (mine.empty()) warn("shard " + options.shard + " has no test classes: " + std::to_string(selected.size()) +
                         " classes over " + std::to_string(shard->count) + " shards");
  return mine;
}

std::vector<runtime::TestClass> keepOnly(std::vector<runtime::TestClass> selected, ClassFilter only) {
  if (!only) return selected;
  std::erase_if(selected, [&](const runtime::TestClass& c) { return !only->count(text::foldCase(c.cls->name)); });
  return selected;
}

// The test classes a run runs: those -n, -s and -t select, then this
// runner's --shard of them, then those a --watch re-run keeps.
std::variant<std::vector<runtime::TestClass>, int> testsToRun(std::vector<runtime::TestClass> all,
                                                             const TestOptions& options,
                                                             const runtime::Project& project, ClassFilter only) {
  auto names = namedClasses(options, project);
  if (auto* code = std::get_if<int>(&names)) return *code;
  auto selected = runtime::selectTests(std::move(all), std::get<std::vector<std::string>>(names), options.tests);
  if (auto* problem = std::get_if<std::string>(&selected)) return fail("test", kExitUsage, *problem);
  auto sharded = shardOf(std::move(std::get<std::vector<runtime::TestClass>>(selected)), options);
  if (auto* code = std::get_if<int>(&sharded)) return *code;
  return keepOnly(std::move(std::get<std::vector<runtime::TestClass>>(sharded)), only);
}

int runOnce(const TestOptions& options, ClassFilter only) {
  auto commandStart = Clock::now();
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
  auto selected = testsToRun(all, options, project, only);
  if (auto* code = std::get_if<int>(&selected)) return *code;

  runtime::StaticResources resources(project);
  runtime::CalloutService callouts(std::move(ready.setup.options));
  runtime::TestEnvironment env;
  env.services.callouts = &callouts;
  env.services.user = &ready.user;
  env.services.staticResources = &resources;
  if (!project.sourceApiVersion.empty()) env.services.apiVersion = project.sourceApiVersion;
  if (!options.org.apiVersion.empty()) env.services.apiVersion = options.org.apiVersion;
  env.progress = progressLine();
  std::unique_ptr<runtime::RecordStore> org;
  if (!options.db.empty()) {
    try {
      org = runtime::openRecordStore(*program.schema, options.db);
      env.org = org.get();
    } catch (const runtime::DataStoreError& error) {
      // Not the --db value: a PostgreSQL URL may hold a password.
      return fail("test", kExitNoInput, "the org's records: " + std::string(error.what()));
    }
  }

  runtime::TestRun run = runtime::runProjectTests(program, classes, std::get<std::vector<runtime::TestClass>>(selected),
                                                  env, options.codeCoverage);
  run.compileErrors = std::move(ready.compileErrors);
  const runtime::UserContext& u = ready.user;
  run.hostname = project.root.string();
  run.orgId = u.organizationId;
  run.username = u.userName;
  run.userId = u.userId;
  run.commandMillis = millisSince(commandStart);
  return report(run, options, project.root);
}

// --merge-results DIR: the result files of several shards as one run.
int mergeResults(const TestOptions& options) {
  auto merged = runtime::mergeResultFiles(options.mergeDir);
  if (auto* problem = std::get_if<std::string>(&merged)) return fail("test", kExitNoInput, "--merge-results: " + *problem);
  return report(std::get<runtime::TestRun>(merged), options, std::filesystem::current_path());
}

int runTestCommand(const TestOptions& options) {
  bool named = !options.classNames.empty() || !options.tests.empty() || !options.suiteNames.empty();
  if (options.testLevel == "RunSpecifiedTests" && !named)
    return fail("test", kExitUsage, "--test-level RunSpecifiedTests needs --class-names, --suite-names or --tests");
  if (named && !options.testLevel.empty() && options.testLevel != "RunSpecifiedTests")
    return fail("test", kExitUsage, "--test-level " + options.testLevel + " cannot be used with --class-names, --suite-names or --tests");
  auto opened = findProject(options.project);
  const auto* found = std::get_if<std::optional<runtime::Project>>(&opened);
  if (auto failure = applySfOrgFlags(options.org, found && *found ? (*found)->root.string() : ""))
    return fail("test", *failure);
  if (options.showEmails && (options.json || options.resultFormat != "human"))
    return fail("test", kExitUsage, "--show-emails prints with the human result format, not with " +
                                        (options.json ? std::string("--json") : "--result-format " + options.resultFormat));
  if (!options.mergeDir.empty()) return mergeResults(options);
  if (options.watch) return watchTests(options.project, [&](ClassFilter only) { return runOnce(options, only); });
  return runOnce(options, nullptr);
}

}  // namespace

CommandRunner addTestCommand(CLI::App& app) {
  auto options = std::make_shared<TestOptions>();
  CLI::App* test = app.add_subcommand(
      "test", "Run the @isTest methods of an SFDX project and report as `sf apex run test` does");
  test->footer(
      "sf apex run test command lines work unchanged, with their older spellings (--classnames, --suitenames, "
      "--resultformat, --outputdir, --codecoverage, --testlevel, -u/--targetusername, --apiversion); "
      "the target org is the local project.");
  addProjectOptions(*test, options->project);
  auto* classNames =
      test->add_option("-n,--class-names,--classnames", options->classNames,
                       "Test classes to run, comma-separated or repeated (default: all)")
          ->delimiter(',');
  auto* suiteNames =
      test->add_option("-s,--suite-names,--suitenames", options->suiteNames,
                       "Test suites to run: the <testClassName> entries of testSuites/NAME.testSuite-meta.xml")
          ->delimiter(',');
  auto* tests =
      test->add_option("-t,--tests", options->tests,
                       "Test methods to run as Class.method, comma-separated or repeated; Class alone runs the whole class")
          ->delimiter(',');
  classNames->excludes(suiteNames)->excludes(tests);
  suiteNames->excludes(tests);
  test->add_option("-r,--result-format,--resultformat", options->resultFormat,
                   "Result format: human (default), tap, junit or json")
      ->check(CLI::IsMember({"human", "tap", "junit", "json"}));
  test->add_option("-d,--output-dir,--outputdir,--output-directory", options->outputDir,
                   "Also write the results (JSON, JUnit, and with coverage lcov.info) to files in this folder");
  auto* coverage = test->add_flag("-c,--code-coverage,--codecoverage", options->codeCoverage,
                                  "Measure line coverage of the project's classes");
  test->add_flag("-v,--detailed-coverage,--detailedcoverage", options->detailedCoverage,
                 "With -c, human format: each test's coverage of each class it reached")
      ->needs(coverage);
  test->add_flag("--json", options->json, "Print the result as the Salesforce CLI's --json does");
  test->add_flag("--concise", options->concise, "Human format: list only the failed tests, then the summary");
  test->add_flag("--show-emails", options->showEmails,
                 "Human format: after the results, the email each test sent through Messaging.sendEmail "
                 "(recipients, subject, bodies, attachments by name and size). Nothing is ever sent");
  test->add_option("-l,--test-level,--testlevel", options->testLevel,
                   "RunLocalTests or RunAllTestsInOrg (every test class of the project, the default), or "
                   "RunSpecifiedTests (those named by --class-names/--suite-names/--tests)")
      ->check(CLI::IsMember({"RunLocalTests", "RunAllTestsInOrg", "RunSpecifiedTests"}));
  test->add_flag("-y,--synchronous", options->synchronous, "Accepted for sf compatibility: runs are always synchronous");
  test->add_option("-w,--wait", options->waitMinutes, "Accepted for sf compatibility: nothing is queued, so nothing waits");
  test->add_option("-i,--poll-interval", options->pollSeconds,
                   "Accepted for sf compatibility: nothing is queued, so nothing is polled");
  addSfOrgFlags(*test, options->org);
  auto* shard = test->add_option("--shard", options->shard,
                                 "K/N: run only shard K of N, a fixed share of the test classes (for parallel CI runners)");
  test->add_option("--shard-timings", options->shardTimings,
                   "A previous run's results (--json output, -d's test-result-<id>.json, or JUnit XML): "
                   "shards balanced by its class run times")
      ->needs(shard);
  auto* watch = test->add_flag("--watch", options->watch,
                               "Run the tests, then again each time a file changes: the test classes that use a "
                               "changed class (all for other files); Ctrl-C stops");
  test->add_option("--merge-results", options->mergeDir,
                   "Read the -d result files of several runs (shards) in this folder and report them as one run")
      ->excludes(shard)
      ->excludes(watch)
      ->excludes(classNames)
      ->excludes(suiteNames)
      ->excludes(tests);
  test->add_option("--store", options->callouts.store, "Credential store file");
  test->add_option("--db", options->db,
                   "The org's records (a SQLite file or a PostgreSQL URL, as `apexrun run --db` keeps): what "
                   "@isTest(SeeAllData=true) tests see; they are rolled back after each test");
  test->add_flag("--no-hints", options->callouts.noHints, "Do not print apexrun's hints on stderr");
  return [options] { return runTestCommand(*options); };
}

}  // namespace apex::cli
