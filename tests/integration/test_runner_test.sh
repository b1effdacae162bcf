#!/usr/bin/env bash
# Drives `apexrun test` against tests/fixtures/projects/testing: which
# methods are discovered and run, each test in its own transaction,
# @TestSetup, Test.startTest/stopTest, the callout mocks and their errors,
# failure messages and stack traces, the human, TAP, JUnit and JSON
# reports, -n/-t selection, -d result files, line coverage and lcov, exit
# codes, and the compile errors of misplaced test methods (in projects
# written to the temp folder). Usage: test_runner_test.sh PATH-TO-APEXRUN
set -uo pipefail

apexrun=${1:?usage: test_runner_test.sh PATH-TO-APEXRUN}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
testing=$here/../fixtures/projects/testing
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# has_row NAME FILE LABEL VALUE: checks for a table row "LABEL   VALUE".
has_row() {
  grep -qE "^$3 +$4 *\$" "$2"
  check "$1" $?
}

# outcomes FILE: prints "FullName Outcome" for each test of a --json result.
outcomes() {
  python3 -c '
import json, sys
for t in json.load(open(sys.argv[1]))["result"]["tests"]:
    print(t["FullName"], t["Outcome"])' "$1"
}

passing_tests="AlphaTest.annotatedMethodMustRun
AlphaTest.keywordMethodMustRun
AlphaTest.mixedCaseAnnotationMustRun
CalculatorTest.coversMostOfCalculator
IsolationTest.firstSeesFreshStatics
IsolationTest.secondSeesFreshStatics
LimitsTest.startTestGivesFreshLimits
LimitsTest.startTestTwiceThrows
LimitsTest.stopTestBeforeStartTestThrows
LimitsTest.stopTestTwiceThrows
LimitsTest.isRunningTestIsTrue
LimitsTest.hundredCalloutsAreAllowed
MockErrorsTest.missingStaticResource
MockErrorsTest.multiMockWithoutEndpoint
MockErrorsTest.calloutWithoutMock
MockErrorsTest.unknownNamedCredentialReachesEachMock
MockErrorsTest.setMockWithWrongType
MockTest.classMockAnswers
MockTest.staticResourceMockDefaultsTo200
MockTest.staticResourceMockStatusAndHeader
MockTest.multiStaticResourceMockRoutesByEndpoint
MockTest.namedCredentialEndpointReachesMockUnchanged
MockTest.testVisibleMembersAreVisible
ParallelTest.parallelClassMethodMustRun
SetupTest.setupStaticsAreNotVisible
SetupTest.secondMethodAlsoStartsFresh"

# Classes in name order, methods in declaration order.
all_tests="AlphaTest.annotatedMethodMustRun
AlphaTest.keywordMethodMustRun
AlphaTest.mixedCaseAnnotationMustRun
CalculatorTest.coversMostOfCalculator
FailingTest.assertionFails
FailingTest.uncaughtExceptionFromCalculator
FailingTest.tooManyCalloutsCannotBeCaught
$(sed -n '5,24p' <<<"$passing_tests")
SetupFailsTest.failsBecauseSetupThrew
SetupTest.setupStaticsAreNotVisible
SetupTest.secondMethodAlsoStartsFresh"

assert_msg='System.AssertException: Assertion Failed: Expected: 1, Actual: 2'
assert_stack='Class.FailingTest.assertionFails: line 7, column 9'
math_msg='System.MathException: Division by zero'
math_stack1='Class.Calculator.divide: line 9, column 13'
math_stack2='Class.FailingTest.uncaughtExceptionFromCalculator: line 12, column 9'
limit_msg='System.LimitException: Too many callouts: 101'
limit_stack1='Class.Api.get: line 10, column 9'
limit_stack2='Class.FailingTest.tooManyCalloutsCannotBeCaught: line 20, column 17'
setup_msg='System.IllegalArgumentException: setup broke'
setup_stack='Class.SetupFailsTest.makeData: line 8, column 9'

# --- the whole project, --json with coverage ------------------------------------
run test --project "$testing" -c --json
cp "$work/out" "$work/all.json"
outcomes "$work/all.json" >"$work/all.outcomes"
check "all: exits 100 when a test fails" $((status != 100))
pycheck "all: status 100" "$work/all.json" 'd["status"] == 100'
check "all: every test, in class then declaration order" \
  "$([ "$(cut -d' ' -f1 "$work/all.outcomes")" = "$all_tests" ]; echo $?)"
while read -r name; do
  check "outcome: $name passes" "$(grep -qxF "$name Pass" "$work/all.outcomes"; echo $?)"
done <<<"$passing_tests"
for name in FailingTest.assertionFails FailingTest.uncaughtExceptionFromCalculator \
  FailingTest.tooManyCalloutsCannotBeCaught SetupFailsTest.failsBecauseSetupThrew; do
  check "outcome: $name fails" "$(grep -qxF "$name Fail" "$work/all.outcomes"; echo $?)"
done
check "discovery: a helper method in a test class does not run" \
  "$(grep -q helperMustNotRun "$work/all.outcomes"; [ $? -eq 1 ]; echo $?)"
check "discovery: a mock class without test methods lists nothing" \
  "$(grep -q '^EchoMock\.' "$work/all.outcomes"; [ $? -eq 1 ]; echo $?)"

pycheck "json: summary fields" "$work/all.json" '{"outcome","testsRan","passing","failing","skipped","passRate","failRate","skipRate","testStartTime","testExecutionTime","testTotalTime","commandTime","hostname","orgId","username","testRunId","userId"} <= set(d["result"]["summary"])'
pycheck "json: summary counts" "$work/all.json" '[d["result"]["summary"][k] for k in ("outcome","testsRan","passing","failing","skipped")] == ["Failed", 30, 26, 4, 0]'
pycheck "json: summary rates" "$work/all.json" '[d["result"]["summary"][k] for k in ("passRate","failRate","skipRate")] == ["87%", "13%", "0%"]'
pycheck "json: test fields" "$work/all.json" 'all(set(t) == {"Id","QueueItemId","StackTrace","Message","AsyncApexJobId","MethodName","Outcome","ApexClass","RunTime","FullName"} for t in d["result"]["tests"])'
pycheck "json: ApexClass fields" "$work/all.json" 'all(set(t["ApexClass"]) == {"Id","Name","NamespacePrefix"} and t["ApexClass"]["NamespacePrefix"] is None for t in d["result"]["tests"])'
pycheck "json: FullName is ApexClass.Name.MethodName" "$work/all.json" 'all(t["FullName"] == t["ApexClass"]["Name"] + "." + t["MethodName"] for t in d["result"]["tests"])'
pycheck "json: AsyncApexJobId is the run id" "$work/all.json" 'all(t["AsyncApexJobId"] == d["result"]["summary"]["testRunId"] for t in d["result"]["tests"])'
pycheck "json: a passing test has no message or stack" "$work/all.json" 'all(t["Message"] is None and t["StackTrace"] is None for t in d["result"]["tests"] if t["Outcome"] == "Pass")'

# test FULLNAME: the Python expression for that test's JSON object
test_of() { printf 'next(t for t in d["result"]["tests"] if t["FullName"] == "%s")' "$1"; }
pycheck "failure: assertion message" "$work/all.json" "$(test_of FailingTest.assertionFails)[\"Message\"] == \"$assert_msg\""
pycheck "failure: assertion stack" "$work/all.json" "$(test_of FailingTest.assertionFails)[\"StackTrace\"] == \"$assert_stack\""
pycheck "failure: uncaught exception message" "$work/all.json" "$(test_of FailingTest.uncaughtExceptionFromCalculator)[\"Message\"] == \"$math_msg\""
pycheck "failure: uncaught exception stack, thrower first" "$work/all.json" "$(test_of FailingTest.uncaughtExceptionFromCalculator)[\"StackTrace\"] == \"$math_stack1\\n$math_stack2\""
pycheck "failure: callout 101 is a LimitException no catch stops" "$work/all.json" "$(test_of FailingTest.tooManyCalloutsCannotBeCaught)[\"Message\"] == \"$limit_msg\""
pycheck "failure: LimitException stack" "$work/all.json" "$(test_of FailingTest.tooManyCalloutsCannotBeCaught)[\"StackTrace\"] == \"$limit_stack1\\n$limit_stack2\""
pycheck "failure: a throwing @TestSetup fails the test with its message" "$work/all.json" "$(test_of SetupFailsTest.failsBecauseSetupThrew)[\"Message\"] == \"$setup_msg\""
pycheck "failure: and with the setup's stack" "$work/all.json" "$(test_of SetupFailsTest.failsBecauseSetupThrew)[\"StackTrace\"] == \"$setup_stack\""

# --- coverage of the whole run ----------------------------------------------------
calc='next(c for c in d["result"]["coverage"]["coverage"] if c["name"] == "Calculator")'
pycheck "coverage: only non-test classes" "$work/all.json" 'sorted(c["name"] for c in d["result"]["coverage"]["coverage"]) == ["Api", "Calculator", "Counter"]'
pycheck "coverage: entry fields" "$work/all.json" "set($calc) == {'id','name','totalLines','lines','totalCovered','coveredPercent'}"
pycheck "coverage: Calculator executable lines" "$work/all.json" "sorted(map(int, ${calc}['lines'])) == [4,8,9,11,15,16,17,18,19,21,25,26,27,29,33,34,35,36,39,43]"
pycheck "coverage: Calculator uncovered lines" "$work/all.json" "sorted(int(k) for k, v in ${calc}['lines'].items() if v == 0) == [18,19,43]"
pycheck "coverage: Calculator totals" "$work/all.json" "[${calc}[k] for k in ('totalLines','totalCovered','coveredPercent')] == [20, 17, 85]"
pycheck "coverage: Api fully covered" "$work/all.json" 'next(c for c in d["result"]["coverage"]["coverage"] if c["name"] == "Api")["lines"] == {"7": 1, "8": 1, "9": 1, "10": 1, "15": 1}'

# --- human format -------------------------------------------------------------------
run test --project "$testing" -c
cp "$work/out" "$work/human.txt"
check "human: exits 100" $((status != 100))
has_row "human: Outcome" "$work/human.txt" Outcome Failed
has_row "human: Tests Ran" "$work/human.txt" "Tests Ran" 30
has_row "human: Pass Rate" "$work/human.txt" "Pass Rate" 87%
has_row "human: Fail Rate" "$work/human.txt" "Fail Rate" 13%
has_row "human: Skip Rate" "$work/human.txt" "Skip Rate" 0%
has_row "human: a passing row" "$work/human.txt" "MockTest\.classMockAnswers" "Pass +[0-9]+"
has_row "human: a failing row" "$work/human.txt" "FailingTest\.assertionFails" "Fail +[0-9]+"
has_line "human: Failed Tests table" "$work/human.txt" "=== Failed Tests"
check "human: failure message beside its test" \
  "$(grep -qE "^FailingTest\.assertionFails +${assert_msg//./\\.}\$" "$work/human.txt"; echo $?)"
check "human: stack under the message" "$(grep -qE "^ +$assert_stack\$" "$work/human.txt"; echo $?)"
check "human: both frames of a two-frame stack" \
  "$(grep -A2 '^FailingTest\.uncaughtExceptionFromCalculator  ' "$work/human.txt" | sed 's/^ *//' | tail -2 |
    diff - <(printf '%s\n%s\n' "$math_stack1" "$math_stack2") >/dev/null; echo $?)"
has_row "human: Calculator coverage row" "$work/human.txt" Calculator "85% +18,19,43"

# --- TAP --------------------------------------------------------------------------------
run test --project "$testing" -r tap
cp "$work/out" "$work/tap.txt"
check "tap: exits 100" $((status != 100))
check "tap: plan first" "$([ "$(head -1 "$work/tap.txt")" = "1..30" ]; echo $?)"
has_line "tap: a passing test" "$work/tap.txt" "ok 1 AlphaTest.annotatedMethodMustRun"
has_line "tap: a failing test" "$work/tap.txt" "not ok 5 FailingTest.assertionFails"
has_line "tap: failure message as a comment" "$work/tap.txt" "# $assert_msg"
has_line "tap: stack as a comment" "$work/tap.txt" "# $assert_stack"
check "tap: 26 ok and 4 not ok" \
  "$([ "$(grep -c '^ok ' "$work/tap.txt")" = 26 ] && [ "$(grep -c '^not ok ' "$work/tap.txt")" = 4 ]; echo $?)"
has_line "tap: last test numbered 30" "$work/tap.txt" "ok 30 SetupTest.secondMethodAlsoStartsFresh"

# --- JUnit ------------------------------------------------------------------------------
run test --project "$testing" -r junit
cp "$work/out" "$work/junit.xml"
check "junit: exits 100" $((status != 100))
suite='r.find("testsuite")'
xmlcheck "junit: testsuite counts" "$work/junit.xml" "$suite.get('tests') == '30' and $suite.get('failures') == '4'"
xmlcheck "junit: a testcase per method" "$work/junit.xml" "[c.get('classname') + '.' + c.get('name') for c in $suite.findall('testcase')] == '''$all_tests'''.split()"
xmlcheck "junit: 4 failures" "$work/junit.xml" "len($suite.findall('testcase/failure')) == 4"
xmlcheck "junit: failure message" "$work/junit.xml" "$suite.find(\"testcase[@name='assertionFails']/failure\").get('message') == '$assert_msg'"
xmlcheck "junit: failure stack" "$work/junit.xml" "$suite.find(\"testcase[@name='uncaughtExceptionFromCalculator']/failure\").text.strip() == '$math_stack1\\n$math_stack2'"
xmlcheck "junit: outcome property" "$work/junit.xml" "{p.get('name'): p.get('value') for p in $suite.find('properties')}['outcome'] == 'Failed'"
xmlcheck "junit: passing property" "$work/junit.xml" "{p.get('name'): p.get('value') for p in $suite.find('properties')}['passing'] == '26'"

# --- selection ------------------------------------------------------------------------
run test --project "$testing" -n AlphaTest,ParallelTest --json
check "-n: exits 0 when all selected pass" $((status != 0))
check "-n: two classes" "$([ "$(outcomes "$work/out" | cut -d' ' -f1 | tr '\n' ' ')" = "AlphaTest.annotatedMethodMustRun AlphaTest.keywordMethodMustRun AlphaTest.mixedCaseAnnotationMustRun ParallelTest.parallelClassMethodMustRun " ]; echo $?)"
pycheck "-n: json status 0" "$work/out" 'd["status"] == 0 and d["result"]["summary"]["outcome"] == "Passed"'
run test --project "$testing" -t AlphaTest.keywordMethodMustRun,SetupTest.setupStaticsAreNotVisible --json
check "-t: exits 0" $((status != 0))
check "-t: the two methods" "$([ "$(outcomes "$work/out" | tr '\n' ' ')" = "AlphaTest.keywordMethodMustRun Pass SetupTest.setupStaticsAreNotVisible Pass " ]; echo $?)"
run test --project "$testing" -t LimitsTest --json
check "-t: a class alone runs all its methods" "$([ "$(outcomes "$work/out" | grep -c '^LimitsTest\..* Pass$')" = 6 ]; echo $?)"
run test --project "$testing" -t SetupFailsTest.failsBecauseSetupThrew
check "-t: a failing selection exits 100" $((status != 100))
run test --project "$testing" -n Nope
check "-n unknown class: exits 64" $((status != 64))
check "-n unknown class: names it" "$(grep -q 'Nope' "$work/err"; echo $?)"
run test --project "$testing" -n Calculator
check "-n a class that is not a test: exits 64" $((status != 64))
run test --project "$testing" -t AlphaTest.nope
check "-t unknown method: exits 64" $((status != 64))
check "-t unknown method: names it" "$(grep -q 'nope' "$work/err"; echo $?)"
run test --project "$testing" -t AlphaTest.helperMustNotRun
check "-t a helper that is not a test: exits 64" $((status != 64))
run test --project "$testing" -t Nope.x
check "-t unknown class: exits 64" $((status != 64))
run test --project "$testing" -r xml
check "-r bad value: exits 64" $((status != 64))

# --- -d result files ----------------------------------------------------------------
run test --project "$testing" -n CalculatorTest -c -d "$work/results"
check "-d: exits 0" $((status != 0))
check "-d: says where" "$(grep -qF "$work/results" "$work/out"; echo $?)"
run_id=$(cat "$work/results/test-run-id.txt" 2>/dev/null)
check "-d: test-run-id.txt" "$([ -n "$run_id" ]; echo $?)"
check "-d: result json" "$([ -f "$work/results/test-result-$run_id.json" ]; echo $?)"
check "-d: junit" "$([ -f "$work/results/test-result-$run_id-junit.xml" ]; echo $?)"
check "-d: test-result.txt" "$([ -f "$work/results/test-result.txt" ]; echo $?)"
check "-d: codecoverage json" "$([ -f "$work/results/test-result-codecoverage.json" ]; echo $?)"
check "-d: lcov.info" "$([ -f "$work/results/lcov.info" ]; echo $?)"
pycheck "-d: result json has the run id" "$work/results/test-result-$run_id.json" "d['summary']['testRunId'] == '$run_id' and [t['FullName'] for t in d['tests']] == ['CalculatorTest.coversMostOfCalculator']"
xmlcheck "-d: junit testcase" "$work/results/test-result-$run_id-junit.xml" "[c.get('name') for c in r.iter('testcase')] == ['coversMostOfCalculator']"
has_row "-d: test-result.txt is the human report" "$work/results/test-result.txt" Outcome Passed
pycheck "-d: Calculator coverage from CalculatorTest alone" "$work/results/test-result-codecoverage.json" "[(c['totalLines'], c['totalCovered'], c['coveredPercent']) for c in d if c['name'] == 'Calculator'] == [(20, 16, 80)]"
pycheck "-d: Calculator uncovered lines from CalculatorTest alone" "$work/results/test-result-codecoverage.json" "sorted(int(k) for c in d if c['name'] == 'Calculator' for k, v in c['lines'].items() if v == 0) == [9, 18, 19, 43]"
expected_lcov="TN:
SF:force-app/main/default/classes/Calculator.cls
DA:4,1
DA:8,1
DA:9,0
DA:11,1
DA:15,1
DA:16,1
DA:17,1
DA:18,0
DA:19,0
DA:21,1
DA:25,1
DA:26,1
DA:27,3
DA:29,1
DA:33,1
DA:34,1
DA:35,2
DA:36,2
DA:39,1
DA:43,0
LF:20
LH:16
end_of_record"
check "lcov: Calculator record" \
  "$([ "$(sed -n '/^SF:.*\/Calculator\.cls$/,/^end_of_record$/p' "$work/results/lcov.info")" = "$(sed 1d <<<"$expected_lcov")" ]; echo $?)"
check "lcov: a record per non-test class" "$([ "$(grep '^SF:' "$work/results/lcov.info" | sed 's#.*/##' | tr '\n' ' ')" = "Api.cls Calculator.cls Counter.cls " ]; echo $?)"
run test --project "$testing" -n ParallelTest -r tap -d "$work/tap-results"
check "-d tap: test-result.txt is the TAP report" "$([ "$(cat "$work/tap-results/test-result.txt" 2>/dev/null)" = "$(printf '1..1\nok 1 ParallelTest.parallelClassMethodMustRun')" ]; echo $?)"
check "-d without -c: no lcov.info" "$([ ! -e "$work/tap-results/lcov.info" ]; echo $?)"

# --- no project, no tests -------------------------------------------------------------
mkdir -p "$work/empty"
run test --project "$work/empty"
check "no sfdx-project.json: exits 66" $((status != 66))
run test --project "$here/../fixtures/projects/shop"
check "no test methods: exits 66" $((status != 66))

# --- compile errors -------------------------------------------------------------------
# project NAME CLASS SOURCE...: writes $work/NAME, an SFDX project whose
# classes are CLASS1 SOURCE1 CLASS2 SOURCE2 ...
project() {
  local dir=$work/$1
  shift
  mkdir -p "$dir/force-app/main/default/classes"
  cp "$testing/sfdx-project.json" "$dir/"
  while [ $# -gt 0 ]; do
    printf '%s\n' "$2" >"$dir/force-app/main/default/classes/$1.cls"
    shift 2
  done
}

# expect_compile_error NAME CLASS SOURCE LINE COLUMN MESSAGE
expect_compile_error() {
  project "$1" "$2" "$3"
  run test --project "$work/$1"
  check "$1: exits 2" $((status != 2))
  check "$1: message" "$([ "$(cat "$work/err")" = "$(printf 'Error: Compile failed.\nError: Class %s, line %s, column %s: %s' "$2" "$4" "$5" "$6")" ]; echo $?)"
}

expect_compile_error not-a-test-class NotATest 'public class NotATest {
    @isTest
    static void stray() {
    }
}' 2 5 "Test methods must be in test classes"
expect_compile_error testmethod-outside-test-class OldStyle 'public class OldStyle {
    public static testMethod void stray() {
    }
}' 2 5 "Test methods must be in test classes"
expect_compile_error not-static InstanceTest '@isTest
private class InstanceTest {
    @isTest
    void notStatic() {
    }
}' 3 5 "Test methods must be static"
expect_compile_error with-parameters ParamTest '@isTest
private class ParamTest {
    @isTest
    static void withArg(Integer n) {
    }
}' 3 5 "Test methods must have no parameters"

project syntax SyntaxTest '@isTest
private class SyntaxTest {
    @isTest
    static void bad() {
        Integer x = ;
    }
}'
run test --project "$work/syntax"
check "syntax error: exits 2" $((status != 2))
check "syntax error: Compile failed" "$(grep -qx 'Error: Compile failed.' "$work/err"; echo $?)"

project private-member Hidden 'public class Hidden {
    private static Integer n = 1;
}' HiddenTest '@isTest
private class HiddenTest {
    @isTest
    static void peek() {
        Assert.areEqual(1, Hidden.n);
    }
}'
run test --project "$work/private-member"
check "private member without @TestVisible: exits 2" $((status != 2))
check "private member without @TestVisible: names the variable" \
  "$(grep -qx 'Error: Class HiddenTest, line 5, column 28: Variable is not visible: n' "$work/err"; echo $?)"

# sf's other flags: --concise, --test-level, and the accepted -y / -w.
run test --project "$testing" -n AlphaTest,FailingTest --concise -y -w 5
check "--concise: exits 100" $((status != 100))
check "--concise: failures listed" "$(grep -q '^FailingTest.assertionFails  *Fail' "$work/out"; echo $?)"
check "--concise: passes left out" "$(grep -q '^AlphaTest\.' "$work/out"; [ $? -ne 0 ]; echo $?)"
check "--concise: summary still there" "$(grep -q '^Tests Ran  *' "$work/out"; echo $?)"
run test --project "$testing" -l RunSpecifiedTests
check "RunSpecifiedTests without names: exits 64" $((status != 64))
run test --project "$testing" -l RunLocalTests -n AlphaTest
check "RunLocalTests with names: exits 64" $((status != 64))
run test --project "$testing" -l RunSpecifiedTests -n AlphaTest
check "RunSpecifiedTests with names: exits 0" $((status != 0))
run test --project "$testing" -r xml
check "unknown result format: exits 64" $((status != 64))

finish test_runner
