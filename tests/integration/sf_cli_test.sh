#!/usr/bin/env bash
# `sf apex run` and `sf apex run test` command lines with `sf` replaced by
# `apexrun`: every sf spelling of a flag (new, short and deprecated) gives
# what the apexrun spelling gives; --target-org, --api-version, --loglevel
# and --flags-dir; test suites (-s); the `run --json` shape; --shard and
# --shard-timings; --merge-results; --watch. Runs against a copy of
# tests/fixtures/projects/testing. Usage: sf_cli_test.sh PATH-TO-APEXRUN
set -uo pipefail

apexrun=${1:?usage: sf_cli_test.sh PATH-TO-APEXRUN}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
watcher=
# shellcheck source=lib.sh
source "$here/lib.sh"
trap '[ -n "$watcher" ] && kill "$watcher" 2>/dev/null; rm -rf "$work"' EXIT

project=$work/testing
cp -r "$here/../fixtures/projects/testing" "$project"
classes=$project/force-app/main/default/classes

# outcomes FILE: "FullName Outcome" per test of a --json result, or of an
# --output-dir result file.
outcomes() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for t in d.get("result", d)["tests"]:
    print(t["FullName"], t["Outcome"])' "$1"
}

# same NAME "ARGS..." "OTHER ARGS...": both `apexrun test --json` lines
# exit alike and run the same tests with the same outcomes.
same() {
  run test --project "$project" --json $2
  local first=$status
  outcomes "$work/out" >"$work/first" 2>/dev/null
  run test --project "$project" --json $3
  outcomes "$work/out" >"$work/second" 2>/dev/null
  check "$1: same exit ($first)" $((status != first))
  check "$1: same tests and outcomes" "$([ -s "$work/first" ] && cmp -s "$work/first" "$work/second"; echo $?)"
}

# --- sf apex run test spellings ----------------------------------------------------
same "-n / --class-names" "-n AlphaTest,ParallelTest" "--class-names AlphaTest --class-names ParallelTest"
same "-n / --classnames" "-n AlphaTest,ParallelTest" "--classnames AlphaTest,ParallelTest"
same "-t / --tests, repeated" "-t AlphaTest.keywordMethodMustRun,LimitsTest" "--tests AlphaTest.keywordMethodMustRun --tests LimitsTest"
same "-l / --test-level" "-l RunSpecifiedTests -n AlphaTest" "--test-level RunSpecifiedTests -n AlphaTest"
same "-l / --testlevel" "-l RunLocalTests" "--testlevel RunLocalTests"
same "-w -y -i are accepted" "-n AlphaTest" "-n AlphaTest -w 10 -y -i 5"
same "--wait --synchronous --poll-interval are accepted" "-n AlphaTest" "-n AlphaTest --wait 3 --synchronous --poll-interval 2"
same "-o / --target-org / -u / --targetusername" "-n AlphaTest" "-n AlphaTest -o me@my.org"
same "--target-org" "-n AlphaTest" "-n AlphaTest --target-org me@my.org"
same "-u" "-n AlphaTest" "-n AlphaTest -u me@my.org"
same "--targetusername" "-n AlphaTest" "-n AlphaTest --targetusername me@my.org"
same "--api-version / --apiversion" "-n AlphaTest --api-version 58.0" "-n AlphaTest --apiversion 58.0"
same "--loglevel" "-n AlphaTest" "-n AlphaTest --loglevel debug"

run test --project "$project" -n AlphaTest --target-org me@my.org
check "--target-org: said once on stderr" "$([ "$(grep -c 'target-org me@my.org.*local project' "$work/err")" = 1 ]; echo $?)"
run test --project "$project" -n AlphaTest --loglevel trace
check "--loglevel: sf's notice that it is ignored" "$(grep -q 'loglevel flag is no longer in use' "$work/err"; echo $?)"
run test --project "$project" -n AlphaTest --api-version 58
check "--api-version 58: exit 64" $((status != 64))
check "--api-version 58: sf's message" "$(grep -qF "58 is not a valid API version. It should end in '.0' like '54.0'." "$work/err"; echo $?)"
run test --project "$project" -n AlphaTest -t AlphaTest.keywordMethodMustRun
check "-n with -t: exit 64, as sf's exclusive flags" $((status != 64))

for spelling in -r --result-format --resultformat; do
  run test --project "$project" -n ParallelTest $spelling tap
  check "$spelling tap" "$([ "$(cat "$work/out")" = "$(printf '1..1\nok 1 ParallelTest.parallelClassMethodMustRun')" ]; echo $?)"
done
for spelling in -d --output-dir --outputdir --output-directory; do
  run test --project "$project" -n ParallelTest $spelling "$work/out$spelling"
  check "$spelling: test-run-id.txt written" "$([ -s "$work/out$spelling/test-run-id.txt" ]; echo $?)"
done
for spelling in -c --code-coverage --codecoverage; do
  run test --project "$project" -n CalculatorTest $spelling --json
  pycheck "$spelling: coverage" "$work/out" '[c["coveredPercent"] for c in d["result"]["coverage"]["coverage"] if c["name"] == "Calculator"] == [80]'
done

# -v is sf's --detailed-coverage: each test's coverage of each class.
for spelling in -v --detailed-coverage --detailedcoverage; do
  run test --project "$project" -n CalculatorTest,IsolationTest -c $spelling
  check "$spelling: exit 0" $((status != 0))
  check "$spelling: the detailed table" "$(grep -q '^=== Apex Code Coverage for Test Run 707' "$work/out"; echo $?)"
  check "$spelling: a row per test and class" \
    "$(grep -qE '^CalculatorTest\.coversMostOfCalculator +Calculator +Pass +80% +[0-9]+$' "$work/out"; echo $?)"
done
check "-v: the header" "$(grep -qE '^TEST NAME +CLASS BEING TESTED +OUTCOME +PERCENT +MESSAGE +RUNTIME \(MS\)$' "$work/out"; echo $?)"
check "-v: IsolationTest reaches Counter" "$(grep -qE '^IsolationTest\.firstSeesFreshStatics +Counter +Pass' "$work/out"; echo $?)"
run test --project "$project" -n CalculatorTest -v
check "-v without -c: exit 64 (sf: depends on --code-coverage)" $((status != 64))
run test --project "$project" -n CalculatorTest,FailingTest -c --json
pycheck "-c --json: per-test records" "$work/out" '[(r["ApexTestClass"]["Name"], r["TestMethodName"], r["ApexClassOrTrigger"]["Name"], r["NumLinesCovered"], r["NumLinesUncovered"]) for r in d["result"]["coverage"]["records"] if r["ApexTestClass"]["Name"] == "CalculatorTest"] == [("CalculatorTest", "coversMostOfCalculator", "Calculator", 16, 4)]'
pycheck "-c --json: record fields" "$work/out" 'all(list(r) == ["ApexTestClass", "Coverage", "TestMethodName", "NumLinesCovered", "ApexClassOrTrigger", "NumLinesUncovered"] for r in d["result"]["coverage"]["records"])'
pycheck "-c --json: records list covered lines" "$work/out" 'next(r for r in d["result"]["coverage"]["records"] if r["TestMethodName"] == "coversMostOfCalculator")["Coverage"]["uncoveredLines"] == [9, 18, 19, 43]'
pycheck "test --json: sf's warnings array" "$work/out" 'd["warnings"] == [] and list(d) == ["status", "result", "warnings"]'

# --- test suites ---------------------------------------------------------------------
mkdir -p "$project/force-app/main/default/testSuites"
cat >"$project/force-app/main/default/testSuites/Quick.testSuite-meta.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<ApexTestSuite xmlns="http://soap.sforce.com/2006/04/metadata">
    <testClassName>AlphaTest</testClassName>
    <testClassName>ParallelTest</testClassName>
</ApexTestSuite>
EOF
cat >"$project/force-app/main/default/testSuites/Mocks.testSuite-meta.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<ApexTestSuite xmlns="http://soap.sforce.com/2006/04/metadata">
    <testClassName>MockTest</testClassName>
    <!-- <testClassName>FailingTest</testClassName> -->
    <testClassName>ParallelTest</testClassName>
</ApexTestSuite>
EOF
same "-s: the suite's classes" "-n AlphaTest,ParallelTest" "-s Quick"
same "--suite-names" "-s Quick" "--suite-names Quick"
same "--suitenames, any case" "-s Quick" "--suitenames quick"
same "two suites: each class once" "-n AlphaTest,ParallelTest,MockTest" "-s Quick,Mocks"
same "-l RunSpecifiedTests with -s" "-s Quick" "-l RunSpecifiedTests -s Quick"
run test --project "$project" -s Nope
check "unknown suite: exit 64" $((status != 64))
check "unknown suite: named" "$(grep -q 'no test suite named Nope' "$work/err"; echo $?)"
printf '<ApexTestSuite><testClassName>AlphaTest' >"$project/force-app/main/default/testSuites/Broken.testSuite-meta.xml"
run test --project "$project" -s Broken
check "malformed suite: an error naming the file" "$([ $status -ne 0 ] && grep -q 'Broken.testSuite-meta.xml: not well-formed XML' "$work/err"; echo $?)"
rm "$project/force-app/main/default/testSuites/Broken.testSuite-meta.xml"
run test --project "$project" -s Quick -n AlphaTest
check "-s with -n: exit 64" $((status != 64))

# --- --flags-dir -------------------------------------------------------------------
mkdir -p "$work/flags"
printf 'AlphaTest\n# a comment\nParallelTest\n' >"$work/flags/class-names"
printf 'json\n' >"$work/flags/result-format"
printf '\n' >"$work/flags/code-coverage"
run test --project "$project" --flags-dir "$work/flags"
outcomes "$work/out" >"$work/flagsdir" 2>/dev/null
run test --project "$project" -n AlphaTest,ParallelTest -c --json
outcomes "$work/out" >"$work/explicit" 2>/dev/null
check "--flags-dir: the files' flags" "$([ -s "$work/explicit" ] && cmp -s "$work/flagsdir" "$work/explicit"; echo $?)"
run test --project "$project" --flags-dir "$work/flags" -r tap
check "--flags-dir: a flag on the command line wins" "$(head -1 "$work/out" | grep -qx '1\.\.4'; echo $?)"
run test --project "$project" --flags-dir "$work/flags" -n MockTest -r tap
check "--flags-dir: a list flag adds to the command line's" "$(head -1 "$work/out" | grep -qx '1\.\.10'; echo $?)"
run test --project "$project" --flags-dir "$work/missing"
check "--flags-dir: a missing folder is an error" $((status != 66))

# --- sf apex run spellings and run --json -------------------------------------------
printf "System.debug('hello');\n" >"$work/hello.apex"
printf "Integer[] xs = new Integer[0];\nInteger y = xs[3];\n" >"$work/boom.apex"
run run --debug-only "$work/hello.apex"
check "run FILE" "$([ "$(cat "$work/out")" = hello ]; echo $?)"
for spelling in -f --file --apexcodefile; do
  run run --debug-only $spelling "$work/hello.apex"
  check "run $spelling" "$([ $status -eq 0 ] && [ "$(cat "$work/out")" = hello ]; echo $?)"
done
run run -f "$work/hello.apex" "$work/hello.apex"
check "run: FILE and --file together: exit 64" $((status != 64))
for spelling in "-o me@my.org" "--target-org me@my.org" "-u me@my.org" "--targetusername me@my.org" "--loglevel warn"; do
  run run --debug-only --file "$work/hello.apex" $spelling
  check "run $spelling: accepted" "$([ $status -eq 0 ] && [ "$(cat "$work/out")" = hello ]; echo $?)"
done
run run --project "$project" -f "$work/hello.apex" -o me@my.org
check "run --target-org: said on stderr" "$(grep -q "target-org me@my.org: apexrun runs against the local project ($project), not in an org" "$work/err"; echo $?)"
for spelling in --api-version --apiversion; do
  run run --project "$project" -f "$work/hello.apex" $spelling 58.0
  check "run $spelling: the log's version" "$(grep -q '^58\.0 APEX_CODE' "$work/out"; echo $?)"
done
mkdir -p "$work/runflags"
printf '%s\n' "$work/hello.apex" >"$work/runflags/file"
run run --flags-dir "$work/runflags" --json
pycheck "run --flags-dir: the file flag" "$work/out" 'd["status"] == 0 and "hello" in d["result"]["logs"]'

run run --json -f "$work/hello.apex"
check "run --json success: exit 0" $((status != 0))
pycheck "run --json success: sf's shape" "$work/out" 'list(d) == ["status", "result", "warnings"] and d["status"] == 0 and d["warnings"] == []'
pycheck "run --json success: the result" "$work/out" 'list(d["result"]) == ["success", "compiled", "compileProblem", "exceptionMessage", "exceptionStackTrace", "line", "column", "logs"] and d["result"]["success"] and d["result"]["compiled"] and [d["result"][k] for k in ("compileProblem", "exceptionMessage", "exceptionStackTrace", "line", "column")] == ["", "", "", -1, -1]'
pycheck "run --json success: the log" "$work/out" '"USER_DEBUG" in d["result"]["logs"] and "hello" in d["result"]["logs"]'
run run --json -f "$work/boom.apex"
check "run --json exception: exit 1" $((status != 1))
pycheck "run --json exception: sf's error" "$work/out" 'list(d) == ["name", "message", "exitCode", "context", "data", "warnings", "code", "status", "commandName"] and d["status"] == 1 and d["exitCode"] == 1 and d["context"] == "Run" and d["commandName"] == "Run"'
pycheck "run --json exception: the result as data" "$work/out" 'd["data"]["success"] is False and d["data"]["compiled"] is True and d["data"]["line"] == 2 and d["data"]["exceptionMessage"].startswith("System.ListException")'

# --- --shard ----------------------------------------------------------------------------
run test --project "$project" --json
outcomes "$work/out" | cut -d' ' -f1 | sort >"$work/all"
check "full run: 30 tests" "$([ "$(wc -l <"$work/all")" = 30 ]; echo $?)"
classes_of() { sed 's/\..*//' "$1" | sort -u; }
: >"$work/union"
for k in 1 2 3; do
  run test --project "$project" --json --shard $k/3 -d "$work/shards/$k"
  outcomes "$work/out" | cut -d' ' -f1 | sort >"$work/shard$k"
  check "--shard $k/3: runs some tests" "$([ -s "$work/shard$k" ]; echo $?)"
  cat "$work/shard$k" >>"$work/union"
done
check "--shard: the shards together run every test" "$(sort "$work/union" | cmp -s - "$work/all"; echo $?)"
check "--shard: no test runs twice" "$([ -z "$(sort "$work/union" | uniq -d)" ]; echo $?)"
check "--shard: whole classes" "$([ -z "$(for k in 1 2 3; do classes_of "$work/shard$k"; done | sort | uniq -d)" ]; echo $?)"
run test --project "$project" --json --shard 2/3
outcomes "$work/out" | cut -d' ' -f1 | sort >"$work/again"
check "--shard: the same classes each time" "$(cmp -s "$work/again" "$work/shard2"; echo $?)"
run test --project "$project" -n AlphaTest,ParallelTest --json --shard 2/2
check "--shard of a selection: one of the two classes" "$([ "$(outcomes "$work/out" | sed 's/\..*//' | sort -u | wc -l)" = 1 ]; echo $?)"
run test --project "$project" -n AlphaTest --shard 3/4
check "--shard with nothing to run: exit 0" $((status != 0))
check "--shard with nothing to run: said on stderr" "$(grep -q 'shard 3/4 has no test classes' "$work/err"; echo $?)"
for bad in 0/2 3/2 2 a/b 1/0; do
  run test --project "$project" --shard $bad
  check "--shard $bad: exit 64" $((status != 64))
done
run test --project "$project" --shard-timings "$work/all"
check "--shard-timings without --shard: exit 64" $((status != 64))

# Balanced by time: LimitsTest took long last time, so it has a shard to itself.
python3 - "$work/timings.json" <<'EOF'
import json, sys
classes = ["AlphaTest", "CalculatorTest", "FailingTest", "IsolationTest", "LimitsTest", "MockErrorsTest",
           "MockTest", "ParallelTest", "SetupFailsTest", "SetupTest"]
tests = [{"ApexClass": {"Name": c}, "MethodName": "m", "RunTime": 60000 if c == "LimitsTest" else 100,
          "FullName": c + ".m", "Outcome": "Pass"} for c in classes]
json.dump({"status": 0, "result": {"summary": {}, "tests": tests}}, open(sys.argv[1], "w"))
EOF
for k in 1 2; do
  run test --project "$project" --json --shard $k/2 --shard-timings "$work/timings.json"
  outcomes "$work/out" | sed 's/\..*//' | sort -u >"$work/timed$k"
done
check "--shard-timings: the slow class alone" "$(grep -qx LimitsTest "$work/timed1" && [ "$(wc -l <"$work/timed1")" = 1 ]; echo $?)"
check "--shard-timings: the rest in the other shard" "$([ "$(wc -l <"$work/timed2")" = 9 ]; echo $?)"
python3 - "$work/timings.json" "$work/timings.xml" <<'EOF'
import json, sys
tests = json.load(open(sys.argv[1]))["result"]["tests"]
cases = "".join('<testcase name="m" classname="%s" time="%.2f"/>' % (t["ApexClass"]["Name"], t["RunTime"] / 1000) for t in tests)
open(sys.argv[2], "w").write('<?xml version="1.0"?><testsuites><testsuite name="force.apex">%s</testsuite></testsuites>' % cases)
EOF
run test --project "$project" --json --shard 1/2 --shard-timings "$work/timings.xml"
check "--shard-timings from JUnit XML: the slow class alone" \
  "$([ "$(outcomes "$work/out" | sed 's/\..*//' | sort -u)" = LimitsTest ]; echo $?)"
run test --project "$project" --json --shard 1/2 --shard-timings "$work/shards/1/test-result-$(cat "$work/shards/1/test-run-id.txt").json"
check "--shard-timings from a -d result file: exit 0 or 100" "$([ $status -eq 0 ] || [ $status -eq 100 ]; echo $?)"
run test --project "$project" --shard 1/2 --shard-timings "$work/nope.json"
check "--shard-timings missing file: exit 66" $((status != 66))

# --- --merge-results ------------------------------------------------------------------
for k in 1 2 3; do
  run test --project "$project" --shard $k/3 -c -d "$work/covered/$k"
done
run test --project "$project" -c --json
cp "$work/out" "$work/full.json"
run test --merge-results "$work/covered" --json -d "$work/merged"
check "--merge-results: exit 100 (a test failed)" $((status != 100))
cp "$work/out" "$work/merge.json"
check "--merge-results: every test, in the full run's order" \
  "$(cmp -s <(outcomes "$work/merge.json") <(outcomes "$work/full.json"); echo $?)"
pycheck "--merge-results: summary counts" "$work/merge.json" '[d["result"]["summary"][k] for k in ("outcome", "testsRan", "passing", "failing", "passRate")] == ["Failed", 30, 26, 4, "87%"]'
python3 - "$work/merge.json" "$work/full.json" <<'EOF'
import json, sys
merged, full = (json.load(open(f))["result"]["coverage"] for f in sys.argv[1:3])
key = lambda cov: sorted((c["name"], c["totalLines"], c["totalCovered"], c["coveredPercent"], c["lines"]) for c in cov["coverage"])
sys.exit(0 if key(merged) == key(full) and merged["summary"]["orgWideCoverage"] == full["summary"]["orgWideCoverage"] else 1)
EOF
check "--merge-results: the coverage of the full run" $?
merged_id=$(cat "$work/merged/test-run-id.txt" 2>/dev/null)
check "--merge-results -d: a JUnit report of all" \
  "$(python3 -c 'import sys, xml.etree.ElementTree as ET; r = ET.parse(sys.argv[1]).getroot(); sys.exit(0 if len(r.findall(".//testcase")) == 30 else 1)' "$work/merged/test-result-$merged_id-junit.xml" 2>/dev/null; echo $?)"
check "--merge-results -d: lcov.info with the project's paths" \
  "$(grep -qx 'SF:force-app/main/default/classes/Calculator.cls' "$work/merged/lcov.info"; echo $?)"
run test --merge-results "$work/covered" -r junit
check "--merge-results -r junit" "$(python3 -c 'import sys, xml.etree.ElementTree as ET; r = ET.fromstring(open(sys.argv[1]).read()); sys.exit(0 if r.find("testsuite").get("tests") == "30" else 1)' "$work/out"; echo $?)"
mkdir -p "$work/twice" && cp -r "$work/covered/1" "$work/twice/a" && cp -r "$work/covered/1" "$work/twice/b"
run test --merge-results "$work/twice"
check "--merge-results: a test in two files is an error" "$([ $status -eq 66 ] && grep -q 'is in both' "$work/err"; echo $?)"
run test --merge-results "$work/flags"
check "--merge-results: no result files: exit 66" $((status != 66))
run test --merge-results "$work/covered" --shard 1/2
check "--merge-results with --shard: exit 64" $((status != 64))

# --- --watch ---------------------------------------------------------------------------
# wait_for COUNT: waits until stderr has COUNT "watching" lines.
wait_for() {
  for _ in $(seq 1 300); do
    [ "$(grep -c 'apexrun test --watch: watching' "$work/watch.err")" -ge "$1" ] && return 0
    sleep 0.1
  done
  return 1
}
# A background job of a script ignores SIGINT; the watcher gets it back, as
# on a terminal.
python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
  "$apexrun" test --project "$project" --watch -r tap >"$work/watch.out" 2>"$work/watch.err" &
watcher=$!
wait_for 1
check "--watch: the first run, then watching" $?
check "--watch: the first run runs every test" "$(head -1 "$work/watch.out" | grep -qx '1\.\.30'; echo $?)"
printf '// changed\n' >>"$classes/Calculator.cls"
wait_for 2
check "--watch: a change runs again" $?
check "--watch: names the changed file" "$(grep -q 'changed: Calculator.cls; running the test classes that use it' "$work/watch.err"; echo $?)"
awk '/^1\.\./ { n++ } n == 2' "$work/watch.out" >"$work/second"
check "--watch: the second run's plan" "$(head -1 "$work/second" | grep -qx '1\.\.4'; echo $?)"
check "--watch: only the classes that use Calculator" \
  "$([ "$(grep -E '^(not )?ok' "$work/second" | sed -E 's/^(not )?ok [0-9]+ //; s/\..*//' | sort -u | tr '\n' ' ')" = "CalculatorTest FailingTest " ]; echo $?)"
printf 'changed\n' >"$project/force-app/main/default/staticresources/Greeting.txt"
wait_for 3
check "--watch: another file runs every test" "$(grep -q 'changed: Greeting.txt; running every test' "$work/watch.err"; echo $?)"
check "--watch: still running until stopped" "$(kill -0 "$watcher" 2>/dev/null; echo $?)"
kill -INT "$watcher"
wait "$watcher" 2>/dev/null
stopped=$?
watcher=
check "--watch: Ctrl-C ends it" $((stopped != 130))
check "--watch: three runs in all" "$(grep -c '^1\.\.' "$work/watch.out" | grep -qx 3; echo $?)"

finish sf_cli
