// The results of `apexrun test` in the formats of `sf apex run test`
// (@salesforce/apex-node reporters): human, TAP, JUnit XML and the CLI's
// JSON, plus the files `--output-dir` holds.
#pragma once

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "runtime/testing/coverage.h"
#include "runtime/testing/test_runner.h"

namespace apex::runtime {

struct TestRun {
  std::vector<TestResult> tests;
  // The project's classes that do not compile (className, classLine,
  // classColumn, classMessage); their tests, and those of classes that use
  // them, are failures in `tests`.
  std::vector<sema::CompileError> compileErrors;
  std::optional<std::vector<ClassCoverage>> coverage;  // with --code-coverage
  std::string testRunId;                               // a 707 (AsyncApexJob) Id
  std::chrono::system_clock::time_point startTime;
  int64_t executionMillis = 0;  // the tests' own run times added up
  int64_t totalMillis = 0;      // the run, start to end
  int64_t commandMillis = 0;    // the command, loading the project included
  std::string hostname;         // where the org would be: the project folder
  std::string orgId, username, userId;

  int passing() const;
  int failing() const;
  bool passed() const { return failing() == 0 && compileErrors.empty(); }
};

// A record Id of the run (test run, test result, class): a key prefix
// (`707`) and a number as 12 digits (the last 12 of a longer one), with the
// case-safe suffix of an all-digit Id (AAA).
std::string recordId(std::string_view prefix, uint64_t number);

// The Id a run's results and coverage give a class (ApexClass, 01p) or a
// trigger (ApexTrigger, 01q), from its name: the same in every run.
std::string apexClassId(const std::string& name);
std::string apexTriggerId(const std::string& name);

// A test run's 707 (AsyncApexJob) Id from its start time in milliseconds,
// so that runs writing to one --output-dir keep apart.
std::string testRunId(std::chrono::system_clock::time_point start);

// `NN%` of `part` in `whole`, rounded, as the CLI shows rates.
std::string percentOf(int part, int whole);

// `concise` leaves passing tests out of the results table (--concise);
// `detailed`, with coverage, shows each test's coverage of each class it
// reached in its place (--detailed-coverage).
std::string humanReport(const TestRun& run, bool colour, bool concise = false, bool detailed = false);
std::string tapReport(const TestRun& run);
std::string junitReport(const TestRun& run);
// The `result` of `sf apex run test --json`: summary, tests, coverage.
nlohmann::ordered_json jsonReport(const TestRun& run);

// Writes the result files `sf apex run test --output-dir` writes
// (test-run-id.txt, test-result-<id>.json, test-result-<id>-junit.xml,
// test-result.txt for the human and TAP formats,
// test-result-codecoverage.json) and, with coverage, lcov.info. Returns
// the error, if a file could not be written.
std::optional<std::string> writeResultFiles(const TestRun& run, const std::filesystem::path& dir,
                                            const std::string& format, const std::filesystem::path& projectRoot);

}  // namespace apex::runtime
