// Unit tests for the test runner's reports and coverage: the CLI formats
// (human, TAP, JUnit, JSON), rates, escaping, and line coverage measured
// on a parsed class.
#include <catch2/catch.hpp>

#include "runtime/testing/coverage.h"
#include "runtime/testing/test_reports.h"
#include "syntax/parser.h"

using namespace apex;
using runtime::TestOutcome;

namespace {

runtime::TestResult result(std::string cls, std::string method, TestOutcome outcome, std::string message = {},
                           std::string stack = {}) {
  runtime::TestResult r;
  r.className = std::move(cls);
  r.methodName = std::move(method);
  r.outcome = outcome;
  r.message = std::move(message);
  r.stackTrace = std::move(stack);
  r.runTime = std::chrono::microseconds(1500);
  return r;
}

runtime::TestRun sampleRun() {
  runtime::TestRun run;
  run.testRunId = "707000000000001AAA";
  run.tests.push_back(result("ATest", "passes", TestOutcome::Pass));
  run.tests.push_back(result("ATest", "fails", TestOutcome::Fail,
                             "System.AssertException: Assertion Failed: <a> & \"b\"",
                             "Class.ATest.fails: line 7, column 1\nClass.Helper.check: line 3, column 1"));
  run.tests.push_back(result("BTest", "passesToo", TestOutcome::Pass));
  run.executionMillis = 4;
  run.orgId = "00D000000000001EAA";
  run.username = "apexrun@example.com";
  return run;
}

}  // namespace

TEST_CASE("rates are rounded whole percents, 0% when nothing ran") {
  CHECK(runtime::percentOf(2, 3) == "67%");
  CHECK(runtime::percentOf(1, 3) == "33%");
  CHECK(runtime::percentOf(1, 8) == "13%");
  CHECK(runtime::percentOf(0, 0) == "0%");
  runtime::TestRun run = sampleRun();
  CHECK(run.passing() == 2);
  CHECK(run.failing() == 1);
  CHECK_FALSE(run.passed());
}

TEST_CASE("TAP: a plan line, ok / not ok per test, the failure as diagnostics") {
  CHECK(runtime::tapReport(sampleRun()) ==
        "1..3\n"
        "ok 1 ATest.passes\n"
        "not ok 2 ATest.fails\n"
        "# System.AssertException: Assertion Failed: <a> & \"b\"\n"
        "# Class.ATest.fails: line 7, column 1\n"
        "# Class.Helper.check: line 3, column 1\n"
        "ok 3 BTest.passesToo\n");
}

TEST_CASE("JUnit: the message attribute is escaped, the stack trace is CDATA") {
  std::string xml = runtime::junitReport(sampleRun());
  CHECK(xml.find("tests=\"3\" failures=\"1\"") != std::string::npos);
  CHECK(xml.find("<testcase name=\"fails\" classname=\"ATest\" time=\"0.00\">") != std::string::npos);
  CHECK(xml.find("message=\"System.AssertException: Assertion Failed: &lt;a&gt; &amp; &quot;b&quot;\"") !=
        std::string::npos);
  CHECK(xml.find("<![CDATA[Class.ATest.fails: line 7, column 1\nClass.Helper.check: line 3, column 1]]>") !=
        std::string::npos);
  CHECK(xml.find("<property name=\"outcome\" value=\"Failed\"/>") != std::string::npos);
  CHECK(xml.find("<property name=\"testExecutionTime\" value=\"0.00 s\"/>") != std::string::npos);
  CHECK(xml.find("skipRate") == std::string::npos);
}

TEST_CASE("JUnit: a stack trace holding the CDATA end marker is split across two sections") {
  runtime::TestRun run;
  run.tests.push_back(result("T", "m", TestOutcome::Fail, "x", "a]]>b"));
  CHECK(runtime::junitReport(run).find("<![CDATA[a]]]]><![CDATA[>b]]>") != std::string::npos);
}

TEST_CASE("JUnit: a passing run is Successful") {
  runtime::TestRun run;
  run.tests.push_back(result("T", "m", TestOutcome::Pass));
  CHECK(runtime::junitReport(run).find("<property name=\"outcome\" value=\"Successful\"/>") != std::string::npos);
}

TEST_CASE("JSON: the CLI's field names, nulls for a passing test's message and stack") {
  nlohmann::ordered_json json = runtime::jsonReport(sampleRun());
  const auto& summary = json["summary"];
  CHECK(summary["outcome"] == "Failed");
  CHECK(summary["testsRan"] == 3);
  CHECK(summary["passRate"] == "67%");
  CHECK(summary["failRate"] == "33%");
  CHECK(summary["skipRate"] == "0%");
  CHECK(summary["testExecutionTime"] == "4 ms");
  CHECK_FALSE(json.contains("coverage"));
  const auto& passed = json["tests"][0];
  CHECK(passed["Message"].is_null());
  CHECK(passed["StackTrace"].is_null());
  CHECK(passed["Outcome"] == "Pass");
  CHECK(passed["FullName"] == "ATest.passes");
  CHECK(passed["RunTime"] == 1);
  CHECK(passed["ApexClass"]["Name"] == "ATest");
  CHECK(passed["ApexClass"]["NamespacePrefix"].is_null());
  CHECK(json["tests"][1]["Outcome"] == "Fail");
  CHECK(json["tests"][1]["StackTrace"] == "Class.ATest.fails: line 7, column 1\nClass.Helper.check: line 3, column 1");
  CHECK(passed["Id"].get<std::string>().size() == 18);
}

TEST_CASE("human: results, summary and failures tables, no colour off a terminal") {
  std::string text = runtime::humanReport(sampleRun(), false);
  CHECK(text.find("=== Test Results\n") == 0);
  CHECK(text.find("ATest.fails      Fail     1\n") != std::string::npos);
  CHECK(text.find("Outcome              Failed\n") != std::string::npos);
  CHECK(text.find("Pass Rate            67%\n") != std::string::npos);
  CHECK(text.find("=== Failed Tests\n") != std::string::npos);
  CHECK(text.find("ATest.fails  System.AssertException") != std::string::npos);
  CHECK(text.find("             Class.Helper.check: line 3, column 1\n") != std::string::npos);
  CHECK(text.find("\x1b[") == std::string::npos);
  CHECK(runtime::humanReport(sampleRun(), true).find("\x1b[1;31mFail\x1b[0m") != std::string::npos);
}

TEST_CASE("coverage: statement lines of methods, accessors and inner classes, blocks are not lines") {
  const char* source =
      "public class Calc {\n"                         // 1
      "  public Integer twice(Integer n) {\n"         // 2
      "    if (n == null) {\n"                        // 3
      "      return 0;\n"                             // 4
      "    }\n"                                       // 5
      "    return n * 2;\n"                           // 6
      "  }\n"                                         // 7
      "  public Integer size { get { return 1; } }\n"  // 8
      "  class Inner { void go() { Integer x = 1; } }\n"  // 9
      "}\n";
  syntax::ParseResult parsed = syntax::parse(source, ast::CompilationUnit::Kind::Class, "Calc.cls");
  REQUIRE(parsed.errors.empty());
  const ast::TypeDecl& decl = *parsed.unit->typeDecl;
  const auto& body = decl.methods[0].body->statements;
  interp::StatementHits hits;
  hits[body[0].get()] = 2;  // the if
  hits[body[1].get()] = 2;  // return n * 2
  runtime::ClassCoverage coverage = runtime::measureCoverage(decl, hits);
  CHECK(coverage.name == "Calc");
  CHECK(coverage.coveredLines == std::vector<int>{3, 6});
  CHECK(coverage.uncoveredLines == std::vector<int>{4, 8, 9});
  CHECK(coverage.percent() == 40);
  CHECK(runtime::coverageRate({coverage}) == "40%");
  runtime::ClassCoverage untouched;
  untouched.uncoveredLines = {1, 2, 3, 4, 5};
  CHECK(runtime::coverageRate({coverage, untouched}) == "20%");
  CHECK(runtime::coverageRate({coverage, untouched}, true) == "40%");
  coverage.file = "/p/force-app/classes/Calc.cls";
  CHECK(runtime::lcovTracefile({coverage}, "/p") ==
        "TN:\nSF:force-app/classes/Calc.cls\nDA:3,2\nDA:4,0\nDA:6,2\nDA:8,0\nDA:9,0\nLF:5\nLH:2\nend_of_record\n");
}
