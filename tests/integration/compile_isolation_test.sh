#!/usr/bin/env bash
# Compile isolation against tests/fixtures/projects/isolation, a project
# where some classes do not compile (a wrong name, a syntax error, a
# inbound email handler apexrun does not support yet, a class that uses a broken
# one) next to classes that do: `apexrun test` lists every class that does
# not compile, runs the tests of the others, reports each blocked test as a
# failure with the compile error in every result format and exits 2;
# `apexrun run --project` fails only when the script uses a broken class.
# Usage: compile_isolation_test.sh PATH-TO-APEXRUN
set -uo pipefail

apexrun=${1:?usage: compile_isolation_test.sh PATH-TO-APEXRUN}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
isolation=$here/../fixtures/projects/isolation
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

broken_message="Variable does not exist: missingThing"
dependent_on_broken="Dependent class is invalid and needs recompilation:
 Class Broken : $broken_message"
posting_message="Illegal assignment from String to Integer"
unsupported_message="apexrun does not support Messaging.InboundEmailHandler yet"

# --- the compile errors, on stderr as a failed deploy lists them ----------------------
run test --project "$isolation"
check "test: exits 2 (a class does not compile)" $((status != 2))
expected_err="Error: Compile failed.
Error: Class BadSyntax, line 3, column 21: Unexpected token ';'.
Error: Class Broken, line 5, column 20: $broken_message
Error: Class BrokenTest, line 6, column 28: $dependent_on_broken
Error: Class Ledger, line 4, column 20: Dependent class is invalid and needs recompilation:
 Class Posting : $posting_message
Error: Class LedgerTest, line 5, column 28: Dependent class is invalid and needs recompilation:
 Class Posting : $posting_message
Error: Class Nightly, line 2, column 33: $unsupported_message
Error: Class NightlyTest, line 5, column 13: Dependent class is invalid and needs recompilation:
 Class Nightly : $unsupported_message
Error: Class OwnErrorTest, line 6, column 9: Method does not exist or incorrect signature: void undefinedHelper() from the type OwnErrorTest
Error: Class Posting, line 3, column 25: $posting_message"
check "test: every class that does not compile, with where and why" \
  "$([ "$(cat "$work/err")" = "$expected_err" ]; echo $?)"

# --- the human report: blocked tests fail, the others pass ----------------------------
check "human: a test of a class that compiles passes" \
  "$(grep -qE '^CalculatorTest.addsSmallNumbers +Pass' "$work/out"; echo $?)"
check "human: the project's own Queueable wins, its test passes" \
  "$(grep -qE '^WorkerTest.works +Pass' "$work/out"; echo $?)"
check "human: a test of a class that uses a broken one fails" \
  "$(grep -qE '^BrokenTest.usesBroken +Fail' "$work/out"; echo $?)"
check "human: every test of that class fails" \
  "$(grep -qE '^BrokenTest.blockedWithTheClass +Fail' "$work/out"; echo $?)"
check "human: Outcome Failed" "$(grep -qE '^Outcome +Failed$' "$work/out"; echo $?)"
check "human: Tests Ran 8" "$(grep -qE '^Tests Ran +8$' "$work/out"; echo $?)"
check "human: the blocked test's message is the compile error" \
  "$(grep -qE '^BrokenTest.usesBroken +Compile error: Dependent class is invalid and needs recompilation:$' "$work/out"; echo $?)"
check "human: a Component Failures table with each class" \
  "$(grep -qx '=== Component Failures \[9\]' "$work/out" &&
     grep -qE '^ApexClass +Broken +Variable does not exist: missingThing +5:20$' "$work/out"; echo $?)"

# --- JSON -------------------------------------------------------------------------------
run test --project "$isolation" --json
check "json: exits 2" $((status != 2))
pycheck "json: status 2" "$work/out" 'd["status"] == 2'
pycheck "json: outcome Failed, 3 passing, 5 failing" "$work/out" \
  'd["result"]["summary"]["outcome"] == "Failed" and d["result"]["summary"]["passing"] == 3 and d["result"]["summary"]["failing"] == 5'
pycheck "json: the outcome of each test" "$work/out" '[(t["FullName"], t["Outcome"]) for t in d["result"]["tests"]] == [
  ("BrokenTest.usesBroken", "Fail"), ("BrokenTest.blockedWithTheClass", "Fail"),
  ("CalculatorTest.addsSmallNumbers", "Pass"), ("CalculatorTest.addsNegativeNumbers", "Pass"),
  ("LedgerTest.totals", "Fail"), ("NightlyTest.runsTheJob", "Fail"), ("OwnErrorTest.callsNothing", "Fail"),
  ("WorkerTest.works", "Pass")]'
pycheck "json: a blocked test's message and where in its class" "$work/out" '[(t["Message"], t["StackTrace"]) for t in d["result"]["tests"] if t["FullName"] == "OwnErrorTest.callsNothing"] == [
  ("Compile error: Method does not exist or incorrect signature: void undefinedHelper() from the type OwnErrorTest",
   "Class.OwnErrorTest: line 6, column 9")]'
pycheck "json: blocked by a class that uses a broken one: the root cause" "$work/out" '[t["Message"] for t in d["result"]["tests"] if t["FullName"] == "LedgerTest.totals"] == [
  "Compile error: Dependent class is invalid and needs recompilation:\n Class Posting : Illegal assignment from String to Integer"]'
pycheck "json: compileErrors, one per class, in a deploy's words" "$work/out" '[(e["componentType"], e["fullName"], e["lineNumber"], e["columnNumber"], e["problemType"]) for e in d["result"]["compileErrors"]] == [
  ("ApexClass", n, l, c, "Error") for n, l, c in [("BadSyntax", 3, 21), ("Broken", 5, 20), ("BrokenTest", 6, 28),
  ("Ledger", 4, 20), ("LedgerTest", 5, 28), ("Nightly", 2, 33), ("NightlyTest", 5, 13), ("OwnErrorTest", 6, 9),
  ("Posting", 3, 25)]]'
pycheck "json: the not-yet-supported feature, in plain words" "$work/out" \
  '[e["problem"] for e in d["result"]["compileErrors"] if e["fullName"] == "Nightly"] == ["apexrun does not support Messaging.InboundEmailHandler yet"]'

# --- TAP --------------------------------------------------------------------------------
run test --project "$isolation" -r tap
check "tap: exits 2" $((status != 2))
has_line "tap: the plan counts blocked tests" "$work/out" "1..8"
has_line "tap: a blocked test is not ok" "$work/out" "not ok 1 BrokenTest.usesBroken"
has_line "tap: its message" "$work/out" "# Compile error: Dependent class is invalid and needs recompilation:"
has_line "tap: where in its class" "$work/out" "# Class.BrokenTest: line 6, column 28"
has_line "tap: a test of a class that compiles is ok" "$work/out" "ok 3 CalculatorTest.addsSmallNumbers"
has_line "tap: each compile error as a diagnostic" "$work/out" \
  "# Compile error: Class Broken, line 5, column 20: $broken_message"
has_line "tap: the syntax error too" "$work/out" "# Compile error: Class BadSyntax, line 3, column 21: Unexpected token ';'."

# --- JUnit ------------------------------------------------------------------------------
run test --project "$isolation" -r junit
check "junit: exits 2" $((status != 2))
xmlcheck "junit: 8 tests, 5 failures" "$work/out" \
  'r[0].get("tests") == "8" and r[0].get("failures") == "5"'
xmlcheck "junit: a blocked test's failure carries the compile error" "$work/out" \
  '[tc.find("failure").get("message") for tc in r.iter("testcase") if tc.get("name") == "runsTheJob"] == ["Compile error: Dependent class is invalid and needs recompilation:\n Class Nightly : apexrun does not support Messaging.InboundEmailHandler yet"]'
xmlcheck "junit: a passing test has no failure" "$work/out" \
  '[tc.find("failure") for tc in r.iter("testcase") if tc.get("name") == "works"] == [None]'
xmlcheck "junit: every compile error in the suite's system-err" "$work/out" \
  'r[0].find("system-err").text.splitlines()[1] == "Compile error: Class Broken, line 5, column 20: Variable does not exist: missingThing" and r[0].find("system-err").text.count("Compile error: Class ") == 9'

# --- the result files -------------------------------------------------------------------
run test --project "$isolation" -d "$work/results"
check "-d: exits 2" $((status != 2))
json_file=$(ls "$work/results"/test-result-707*.json 2>/dev/null | grep -v codecoverage | head -1)
pycheck "-d: the JSON file lists the compile errors" "${json_file:-/dev/null}" 'len(d["compileErrors"]) == 9'
check "-d: the human file has the Component Failures" \
  "$(grep -qx '=== Component Failures \[9\]' "$work/results/test-result.txt"; echo $?)"

# --- selection --------------------------------------------------------------------------
run test --project "$isolation" -n BrokenTest --json
check "-n a blocked class: exits 2" $((status != 2))
pycheck "-n a blocked class: its tests, failed" "$work/out" \
  '[(t["FullName"], t["Outcome"]) for t in d["result"]["tests"]] == [("BrokenTest.usesBroken", "Fail"), ("BrokenTest.blockedWithTheClass", "Fail")]'
run test --project "$isolation" -t CalculatorTest.addsSmallNumbers --json
check "-t a test of a class that compiles: still exits 2" $((status != 2))
pycheck "-t a test of a class that compiles: it passes" "$work/out" \
  '[(t["FullName"], t["Outcome"]) for t in d["result"]["tests"]] == [("CalculatorTest.addsSmallNumbers", "Pass")]'

# --- only compile errors ---------------------------------------------------------------
only=$work/only-broken/force-app/main/default/classes
mkdir -p "$only"
cp "$isolation/sfdx-project.json" "$work/only-broken/"
cp "$isolation/force-app/main/default/classes/BadSyntax.cls" "$only/"
run test --project "$work/only-broken" --json
check "no test can be named: exits 2" $((status != 2))
pycheck "no test can be named: the JSON still lists the compile error" "$work/out" \
  'd["status"] == 2 and d["result"]["tests"] == [] and [e["fullName"] for e in d["result"]["compileErrors"]] == ["BadSyntax"]'

# --- apexrun run --project: only a class the script uses can stop it -----------------
printf '%s\n' "System.debug(Calculator.add(2, 3));" >"$work/fine.apex"
run run --debug-only --project "$isolation" "$work/fine.apex"
check "run: a script using a class that compiles: exits 0" $((status != 0))
check "run: it runs" "$([ "$(cat "$work/out")" = "5" ]; echo $?)"
printf '%s\n' "System.debug('first');" "Integer total = Ledger.total();" >"$work/ledger.apex"
run run --project "$isolation" "$work/ledger.apex"
check "run: a script using a class that uses a broken one: exits 2" $((status != 2))
check "run: where the script uses it" "$([ "$(sed -n 1p "$work/out")" = "Error: Line: 2, Column: 17" ]; echo $?)"
check "run: names the class that does not compile and its error" "$([ "$(sed -n '2,$p' "$work/out")" = "Error: Dependent class is invalid and needs recompilation:
 Class Posting : $posting_message" ]; echo $?)"
has_line "run: where in that class, on stderr" "$work/err" \
  "apexrun: class Posting, line 3, column 25: $posting_message"

finish compile_isolation_test
