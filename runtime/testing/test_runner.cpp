#include "runtime/testing/test_runner.h"

#include <algorithm>
#include <optional>

#include "base/text.h"
#include "runtime/data/org_setup.h"
#include "runtime/data/sqlite_store.h"

namespace apex::runtime {

std::vector<TestClass> discoverTests(const sema::Program& program, std::vector<const sema::ClassSymbol*> classes) {
  for (const auto& [name, broken] : program.classErrors) {
    if (broken.symbol && broken.symbol->decl) classes.push_back(broken.symbol);
  }
  std::sort(classes.begin(), classes.end(), [](const sema::ClassSymbol* a, const sema::ClassSymbol* b) {
    return text::foldCase(a->name) < text::foldCase(b->name);
  });
  std::vector<TestClass> found;
  for (const sema::ClassSymbol* cls : classes) {
    TestClass test{cls, {}, {}, std::nullopt};
    if (const sema::ClassError* broken = program.classError(cls->name)) test.blockedBy = broken->error;
    for (const ast::MethodDecl& method : cls->decl->methods) {
      if (sema::findAnnotation(method.annotations, "TestSetup")) test.setups.push_back(&method);
      else if (sema::isTestMethod(method)) test.tests.push_back(&method);
    }
    if (!test.tests.empty()) found.push_back(std::move(test));
  }
  return found;
}

namespace {

using text::trimJava;

TestClass* findTestClass(std::vector<TestClass>& classes, std::string_view name) {
  name = trimJava(name);
  for (TestClass& c : classes) {
    if (text::foldCase(c.cls->name) == text::foldCase(name)) return &c;
  }
  return nullptr;
}

const ast::MethodDecl* findTest(const TestClass& c, std::string_view name) {
  name = trimJava(name);
  for (const ast::MethodDecl* m : c.tests) {
    if (text::foldCase(m->name) == text::foldCase(name)) return m;
  }
  return nullptr;
}

}  // namespace

std::variant<std::vector<TestClass>, std::string> selectTests(std::vector<TestClass> all,
                                                              const std::vector<std::string>& classNames,
                                                              const std::vector<std::string>& tests) {
  if (classNames.empty() && tests.empty()) return all;
  std::vector<TestClass> chosen;
  auto take = [&](TestClass& source, const ast::MethodDecl* method) {
    TestClass* target = findTestClass(chosen, source.cls->name);
    if (!target) target = &chosen.emplace_back(TestClass{source.cls, source.setups, {}, source.blockedBy});
    auto add = [&](const ast::MethodDecl* m) {
      if (std::find(target->tests.begin(), target->tests.end(), m) == target->tests.end()) target->tests.push_back(m);
    };
    if (method) add(method);
    else for (const ast::MethodDecl* m : source.tests) add(m);
  };
  for (const std::string& name : classNames) {
    TestClass* c = findTestClass(all, name);
    if (!c) return "no test class named " + std::string(trimJava(name)) + " in the project";
    take(*c, nullptr);
  }
  for (const std::string& test : tests) {
    size_t dot = test.find('.');
    TestClass* c = findTestClass(all, test.substr(0, dot));
    if (!c) return "no test class named " + std::string(trimJava(test.substr(0, dot))) + " in the project";
    if (dot == std::string::npos) {
      take(*c, nullptr);
      continue;
    }
    const ast::MethodDecl* m = findTest(*c, test.substr(dot + 1));
    if (!m) return "test class " + c->cls->name + " has no test method named " + std::string(trimJava(test.substr(dot + 1)));
    take(*c, m);
  }
  return chosen;
}

namespace {

// Runs `method` as one transaction. On an uncaught exception, fills the
// result's failure and returns false.
bool runTransaction(sema::Program& program, const sema::MethodSymbol& method, const RunServices& services,
                    TestResult& result) {
  Transaction transaction(program, services);
  auto keepEmails = [&] {
    const auto& sent = transaction.outbox().emails();
    result.emails.insert(result.emails.end(), sent.begin(), sent.end());
  };
  try {
    transaction.vm().runEntryPoint(method);
    keepEmails();
    return true;
  } catch (const interp::ApexThrow& thrown) {
    keepEmails();
    result.outcome = TestOutcome::Fail;
    result.message = transaction.describe(thrown);
    result.stackTrace = thrown.exception.as<interp::InstanceObj>()->exception->stackTrace;
    return false;
  }
}

// Apex Developer Guide, "IsTest Annotation": @isTest(SeeAllData=true) on the
// class or the method opens the org's data to the test; on the class it
// wins over SeeAllData=false on the method.
bool seesAllData(const TestClass& c, const ast::MethodDecl& test) {
  auto opens = [](const std::vector<ast::Annotation>& annotations) {
    const ast::Annotation* isTest = sema::findAnnotation(annotations, "isTest");
    const std::string* seeAllData = isTest ? sema::annotationParam(*isTest, "SeeAllData") : nullptr;
    return seeAllData && text::equalsIgnoreAsciiCase(*seeAllData, "true");
  };
  return opens(c.cls->decl->annotations) || opens(test.annotations);
}

// Apex Developer Guide, "Isolation of Test Data from Organization Data in
// Unit Tests": each test sees the org's setup records, its class's
// @TestSetup data and what it makes itself, and none of it outlives the
// test. A SeeAllData test sees the run's org (`--db`) instead.
TestResult runTest(sema::Program& program, const TestClass& c, const ast::MethodDecl& test,
                   const RunServices& services, RecordStore* org) {
  TestResult result;
  result.className = c.cls->name;
  result.methodName = test.name;
  auto started = std::chrono::steady_clock::now();
  bool allData = seesAllData(c, test);
  if (allData && !c.setups.empty()) {
    result.outcome = TestOutcome::Fail;
    result.message = "Compile error: a class with @TestSetup methods cannot have tests with @isTest(SeeAllData=true)";
    return result;
  }
  std::optional<SqliteStore> fresh;
  RecordStore& store = allData && org ? *org : fresh.emplace(*program.schema);
  RunServices withRecords = services;
  withRecords.dataStore = &store;
  store.begin();
  {
    Transaction setup(program, withRecords);
    addSetupRecords(setup.vm(), store, setup.vm().user());
  }
  bool setUp = std::all_of(c.setups.begin(), c.setups.end(), [&](const ast::MethodDecl* setup) {
    return runTransaction(program, *setup->symbol, withRecords, result);
  });
  if (setUp) runTransaction(program, *test.symbol, withRecords, result);
  store.rollback();
  result.runTime = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  return result;
}

// A test of a class that cannot run: it fails with the compile error, at
// the place in its class the error is.
TestResult blockedTest(const TestClass& c, const ast::MethodDecl& test) {
  const sema::CompileError& error = *c.blockedBy;
  TestResult result;
  result.className = c.cls->name;
  result.methodName = test.name;
  result.outcome = TestOutcome::Fail;
  result.message = "Compile error: " + error.classMessage;
  result.stackTrace = "Class." + error.className + ": line " + std::to_string(error.classLine) + ", column " +
                      std::to_string(error.classColumn);
  return result;
}

// Runs one test with statement counts of its own, measures them and adds
// them to the run's.
TestResult runMeasuredTest(sema::Program& program, const TestClass& c, const ast::MethodDecl& test,
                           RunServices services, const TestEnvironment& env) {
  interp::StatementHits own;
  interp::StatementHits* total = services.coverage;
  services.coverage = &own;
  TestResult result = runTest(program, c, test, services, env.org);
  result.coverage = env.measureTest(own);
  for (const auto& [statement, count] : own) (*total)[statement] += count;
  return result;
}

}  // namespace

std::vector<TestResult> runTests(sema::Program& program, const std::vector<TestClass>& classes,
                                 const TestEnvironment& env) {
  RunServices services = env.services;
  services.runningTest = true;
  services.quiddity = "RUNTEST_SYNC";
  bool perTest = services.coverage && env.measureTest;
  size_t total = 0;
  for (const TestClass& c : classes) total += c.tests.size();
  std::vector<TestResult> results;
  results.reserve(total);
  for (const TestClass& c : classes) {
    for (const ast::MethodDecl* test : c.tests) {
      if (env.progress) env.progress(results.size(), total);
      results.push_back(c.blockedBy     ? blockedTest(c, *test)
                        : perTest ? runMeasuredTest(program, c, *test, services, env)
                                  : runTest(program, c, *test, services, env.org));
    }
  }
  if (env.progress) env.progress(results.size(), total);
  return results;
}

}  // namespace apex::runtime
