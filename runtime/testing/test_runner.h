// `apexrun test`: finds the @isTest classes of a project and runs their test
// methods as the platform does (Apex Developer Guide: "Testing Apex"):
// each test method is a transaction of its own, after the class's
// @TestSetup methods, with Test.isRunningTest() true and callouts answered
// by the mock Test.setMock set.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "interp/interp.h"
#include "runtime/data/record_store.h"
#include "runtime/host/transaction.h"
#include "runtime/testing/coverage.h"
#include "sema/program.h"

namespace apex::runtime {

// One test class: its test methods in declaration order and the @TestSetup
// methods that run before each of them. A class that does not compile, or
// uses one that does not, has `blockedBy` set: its tests do not run but
// fail with that compile error.
struct TestClass {
  const sema::ClassSymbol* cls = nullptr;
  std::vector<const ast::MethodDecl*> setups;
  std::vector<const ast::MethodDecl*> tests;
  std::optional<sema::CompileError> blockedBy;
};

// The test classes among the project's compiled top-level `classes` and
// the classes `program` could not compile (program.classErrors), in name
// order. A class whose file does not parse has no tests apexrun can name.
std::vector<TestClass> discoverTests(const sema::Program& program, std::vector<const sema::ClassSymbol*> classes);

// Keeps the classes and methods `sf apex run test` flags name:
// --class-names (`A`) and --tests (`A.method`, or `A` for a whole class).
// Both empty: everything. The error names what does not exist.
std::variant<std::vector<TestClass>, std::string> selectTests(std::vector<TestClass> all,
                                                              const std::vector<std::string>& classNames,
                                                              const std::vector<std::string>& tests);

enum class TestOutcome { Pass, Fail };

struct TestResult {
  std::string className;
  std::string methodName;
  TestOutcome outcome = TestOutcome::Pass;
  std::string message;     // `System.AssertException: Assertion Failed: ...`; empty on a pass
  std::string stackTrace;  // `Class.MyTest.testFoo: line 12, column 1`
  std::chrono::microseconds runTime{0};  // setup and test together
  // With coverage: the classes this test alone reached, as sf's per-test
  // coverage (ApexCodeCoverage records) lists them.
  std::vector<ClassCoverage> coverage;
  // What the test and its class's @TestSetup methods sent through
  // Messaging.sendEmail, in order (kept; nothing is sent).
  std::vector<interp::OutboundEmail> emails;

  int64_t runTimeMillis() const { return runTime.count() / 1000; }
  std::string fullName() const { return className + "." + methodName; }
};

// What every test transaction shares: the run's services (each test runs
// with Test.isRunningTest() true whatever `services` says).
struct TestEnvironment {
  RunServices services;
  // Called before each test (`done` finished so far) and after the last.
  std::function<void(size_t done, size_t total)> progress;
  // With services.coverage: measures what one test reached (its own
  // statement counts) into TestResult::coverage.
  std::function<std::vector<ClassCoverage>(const interp::StatementHits&)> measureTest;
  // The org's records (`--db`): what @isTest(SeeAllData=true) tests see, each
  // in a transaction rolled back after it. Null: they start from a fresh
  // org as the others do.
  RecordStore* org = nullptr;
};

std::vector<TestResult> runTests(sema::Program& program, const std::vector<TestClass>& classes,
                                 const TestEnvironment& environment);

}  // namespace apex::runtime
