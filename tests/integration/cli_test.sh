#!/usr/bin/env bash
# Drives the real apexrun binary: the output formats of `apexrun run` (as
# `sf apex run` prints them), --json, standard input, exit codes and usage
# errors. Usage: cli_test.sh PATH-TO-APEXRUN
set -uo pipefail

apexrun=${1:?usage: cli_test.sh PATH-TO-APEXRUN}
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

line() { sed -n "${2}p" "$1"; }

printf "System.debug('hi');\n" >"$work/hello.apex"
printf "List<Integer> l = new List<Integer>();\nInteger i = l[5];\n" >"$work/boom.apex"
printf "System.debug(foo);\n" >"$work/bad.apex"

# Success: the two status lines, a blank line, then the log.
run run "$work/hello.apex"
check "hello exits 0" $((status != 0))
check "hello: Compiled successfully." "$([ "$(line "$work/out" 1)" = "Compiled successfully." ]; echo $?)"
check "hello: Executed successfully." "$([ "$(line "$work/out" 2)" = "Executed successfully." ]; echo $?)"
check "hello: blank line before the log" "$([ -z "$(line "$work/out" 3)" ]; echo $?)"
check "hello: log header" "$(line "$work/out" 4 | grep -q '^62.0 APEX_CODE,DEBUG;APEX_PROFILING,INFO;'; echo $?)"
check "hello: source echo" "$([ "$(line "$work/out" 5)" = "Execute Anonymous: System.debug('hi');" ]; echo $?)"
check "hello: USER_DEBUG line" "$(grep -Eq '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} \([0-9]+\)\|USER_DEBUG\|\[1\]\|DEBUG\|hi$' "$work/out"; echo $?)"
check "hello: limit block" "$(grep -q '^  Maximum CPU time: [0-9]* out of 10000$' "$work/out"; echo $?)"
check "hello: ends with EXECUTION_FINISHED" "$(tail -n 1 "$work/out" | grep -q '|EXECUTION_FINISHED$'; echo $?)"
check "hello: nothing on stderr" "$([ ! -s "$work/err" ]; echo $?)"

# Uncaught exception: message and stack trace before the log, exit 1.
run run "$work/boom.apex"
check "boom exits 1" $((status != 1))
check "boom: compiled" "$([ "$(line "$work/out" 1)" = "Compiled successfully." ]; echo $?)"
check "boom: message" "$([ "$(line "$work/out" 2)" = "Error: System.ListException: List index out of bounds: 5" ]; echo $?)"
check "boom: stack trace" "$([ "$(line "$work/out" 3)" = "Error: AnonymousBlock: line 2, column 1" ]; echo $?)"
check "boom: FATAL_ERROR in the log" "$(grep -q '|FATAL_ERROR|System.ListException: List index out of bounds: 5$' "$work/out"; echo $?)"

# Compile error: line and column, the problem, no log, exit 2.
run run "$work/bad.apex"
check "bad exits 2" $((status != 2))
check "bad: position" "$([ "$(line "$work/out" 1)" = "Error: Line: 1, Column: 14" ]; echo $?)"
check "bad: problem" "$([ "$(line "$work/out" 2)" = "Error: Variable does not exist: foo" ]; echo $?)"
check "bad: no log" "$([ "$(wc -l <"$work/out")" -eq 2 ]; echo $?)"

# A syntax error after deep nesting (issue 18, robustness 24): a compile
# error from both commands, never a crash in the parser's error recovery.
python3 -c "print('if(true)' * 4325 + ' (')" >"$work/deep.apex"
run run "$work/deep.apex"
check "deep nesting: run exits 2" $((status != 2))
check "deep nesting: run says why" "$([ "$(line "$work/out" 2)" = "Error: Expression or statement is nested too deeply" ]; echo $?)"
run parse "$work/deep.apex"
check "deep nesting: parse exits 2" $((status != 2))
check "deep nesting: parse says why" "$(grep -q 'error: Expression or statement is nested too deeply$' "$work/out" "$work/err"; echo $?)"

# Values too large for the heap are refused before they are made (issue 18,
# robustness 26): each of these reached 1.5 to 4 GB before the heap check.
peak_kb() {  # peak_kb FILE: runs `apexrun run --debug-only FILE`, prints its peak RSS in KB
  python3 - "$apexrun" "$1" <<'PY'
import resource, subprocess, sys
subprocess.run([sys.argv[1], "run", "--debug-only", sys.argv[2]], capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}
for code in "String s = 'x'.leftPad(2147483647);" "Integer[] a = new Integer[100000000];" \
  "String s = Decimal.valueOf('1e999999999').toPlainString();"; do
  printf '%s\n' "$code" >"$work/huge.apex"
  run run --debug-only "$work/huge.apex"
  check "heap before allocating: $code" "$(grep -q '^Error: System.LimitException: Apex heap size too large: ' "$work/err"; echo $?)"
  check "heap before allocating, under 400 MB: $code" $(($(peak_kb "$work/huge.apex") > 400000))
done

# --debug-only: messages on stdout, errors on stderr.
run run --debug-only "$work/boom.apex"
check "debug-only boom: stdout empty" "$([ ! -s "$work/out" ]; echo $?)"
check "debug-only boom: stderr" "$([ "$(line "$work/err" 1)" = "Error: System.ListException: List index out of bounds: 5" ]; echo $?)"

# Standard input, with and without `-`.
out=$(printf "System.debug('piped');" | "$apexrun" run --debug-only -)
check "stdin with -" "$([ "$out" = "piped" ]; echo $?)"
out=$(printf "System.debug('piped');" | "$apexrun" run --debug-only)
check "stdin from a pipe" "$([ "$out" = "piped" ]; echo $?)"

# --json: sf's error for a block that throws, the executeAnonymous fields
# plus logs as its data.
run run --json "$work/boom.apex"
check "json exits 1" $((status != 1))
check "json fields" "$(python3 - "$work/out" <<'PY'; echo $?
import json, sys
j = json.load(open(sys.argv[1]))
assert j["status"] == 1 and j["name"] == "executeRuntimeFailure" and j["code"] == "executeRuntimeFailure"
assert j["message"] == "Execution failed at this code:\n\nSystem.ListException: List index out of bounds: 5"
r = j["data"]
assert r["compiled"] is True and r["success"] is False
assert r["compileProblem"] == ""
assert r["exceptionMessage"] == "System.ListException: List index out of bounds: 5"
assert r["exceptionStackTrace"] == "AnonymousBlock: line 2, column 1"
assert r["line"] == 2 and r["column"] == 1
assert "|FATAL_ERROR|" in r["logs"]
PY
)"
run run --json "$work/bad.apex"
check "json compile error" "$(python3 - "$work/out" <<'PY'; echo $?
import json, sys
j = json.load(open(sys.argv[1]))
assert j["status"] == 1 and j["name"] == "executeCompileFailure"
assert j["message"] == "Compilation failed at Line 1 column 14 with the error:\n\nVariable does not exist: foo"
r = j["data"]
assert r["compiled"] is False and r["success"] is False
assert r["compileProblem"] == "Variable does not exist: foo"
assert r["line"] == 1 and r["column"] == 14
PY
)"

# Usage errors: a clear message and exit 64; an unreadable file: 66.
run run --no-such-flag "$work/hello.apex"
check "bad flag exits 64" $((status != 64))
check "bad flag message" "$(grep -q 'no-such-flag' "$work/err"; echo $?)"
run run --json --debug-only "$work/hello.apex"
check "--json with --debug-only exits 64" $((status != 64))
run run "$work/missing.apex"
check "missing file exits 66" $((status != 66))
check "missing file message" "$(grep -q "cannot read $work/missing.apex" "$work/err"; echo $?)"
run
check "no command exits 64" $((status != 64))

# apexrun parse: exit status and FILE:LINE:COL errors.
printf "Integer x = ;\n" >"$work/broken.apex"
run parse "$work/hello.apex"
check "parse ok exits 0" $((status != 0))
run parse "$work/broken.apex"
check "parse error exits non-zero" $((status == 0))
check "parse error format" "$(grep -Eq "^$work/broken.apex:1:[0-9]+: error: " "$work/err"; echo $?)"

finish
