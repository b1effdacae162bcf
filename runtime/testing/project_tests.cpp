#include "runtime/testing/project_tests.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>

namespace apex::runtime {
namespace {

using Clock = std::chrono::steady_clock;

void sortByName(std::vector<ClassCoverage>& out) {
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
}

// The coverage of the project's non-test classes that have code, by name.
std::vector<ClassCoverage> measure(const std::vector<const sema::ClassSymbol*>& compiled,
                                   const ProjectClasses& classes, const interp::StatementHits& hits) {
  std::vector<ClassCoverage> out;
  for (const sema::ClassSymbol* cls : compiled) {
    if (sema::isTestClass(*cls)) continue;
    ClassCoverage coverage = measureCoverage(*cls->decl, hits);
    coverage.file = classes.fileOf(cls->name);
    if (coverage.totalLines() > 0) out.push_back(std::move(coverage));
  }
  sortByName(out);
  return out;
}

// The coverage of the project's triggers that compile, added to `out`
// (Salesforce counts triggers with the classes), by name.
void addTriggerCoverage(const sema::Program& program, const ProjectClasses& classes,
                        const interp::StatementHits& hits, std::vector<ClassCoverage>& out) {
  for (const auto& trigger : program.triggers) {
    ClassCoverage coverage = measureCoverage(*trigger->unit, hits);
    coverage.name = trigger->name;
    coverage.file = classes.triggerFileOf(trigger->name);
    if (coverage.totalLines() > 0) out.push_back(std::move(coverage));
  }
  sortByName(out);
}

// What one test reached, measured over only the classes its statements
// belong to.
std::function<std::vector<ClassCoverage>(const interp::StatementHits&)> perTestCoverage(
    const std::vector<const sema::ClassSymbol*>& topLevel, const ProjectClasses& classes) {
  std::vector<const ast::TypeDecl*> decls;
  for (const sema::ClassSymbol* cls : topLevel) decls.push_back(cls->decl);
  auto owners = std::make_shared<StatementOwners>(statementOwners(decls));
  return [topLevel, owners, &classes](const interp::StatementHits& own) {
    std::set<const ast::TypeDecl*> reached;
    for (const auto& [statement, count] : own) {
      if (auto owner = owners->find(statement); owner != owners->end()) reached.insert(owner->second);
    }
    std::vector<const sema::ClassSymbol*> touched;
    std::copy_if(topLevel.begin(), topLevel.end(), std::back_inserter(touched),
                 [&](const sema::ClassSymbol* cls) { return reached.count(cls->decl) > 0; });
    return measure(touched, classes, own);
  };
}

}  // namespace

TestRun runProjectTests(sema::Program& program, const ProjectClasses& classes, const std::vector<TestClass>& selected,
                        TestEnvironment environment, bool coverage) {
  std::vector<const sema::ClassSymbol*> topLevel = classes.compiledClasses(program);
  interp::StatementHits hits;
  environment.services.coverage = coverage ? &hits : nullptr;
  if (coverage) environment.measureTest = perTestCoverage(topLevel, classes);
  TestRun run;
  run.startTime = std::chrono::system_clock::now();
  run.testRunId = testRunId(run.startTime);
  auto start = Clock::now();
  run.tests = runTests(program, selected, environment);
  run.totalMillis = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  std::chrono::microseconds execution{0};
  for (const TestResult& t : run.tests) execution += t.runTime;
  run.executionMillis = execution.count() / 1000;
  if (coverage) {
    run.coverage = measure(topLevel, classes, hits);
    addTriggerCoverage(program, classes, hits, *run.coverage);
  }
  return run;
}

}  // namespace apex::runtime
