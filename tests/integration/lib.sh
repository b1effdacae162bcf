# Shared by the integration scripts that drive the apexrun binary: a temp
# folder ($work, removed on exit), pass/fail counters, `check` and
# `finish`. Source it after setting anything the script's own traps need.

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# check NAME CONDITION-EXIT-STATUS: counts the check; on a failure prints it
# with the start of the last run's stdout and stderr ($work/out, $work/err).
check() {
  if [ "$2" -eq 0 ]; then
    passed=$((passed + 1))
    return
  fi
  failed=$((failed + 1))
  printf 'FAIL: %s\n' "$1"
  [ -f "$work/out" ] && printf '  stdout: %s\n' "$(head -c 600 "$work/out")"
  [ -f "$work/err" ] && printf '  stderr: %s\n' "$(head -c 600 "$work/err")"
  return 0
}

# finish [LABEL]: prints the counts; the script's exit status is 0 only if
# every check passed.
finish() {
  printf '%s%d passed, %d failed\n' "${1:+$1: }" "$passed" "$failed"
  [ "$failed" -eq 0 ]
}

# run ARGS... : apexrun ($apexrun, set by the script) with stdout to
# $work/out, stderr to $work/err and the exit status in $status. A script
# that needs more (stdin, a transcript) defines its own after sourcing this.
run() {
  "$apexrun" "$@" >"$work/out" 2>"$work/err"
  status=$?
}

# pycheck NAME FILE EXPRESSION: the Python EXPRESSION is true, with `d`
# bound to FILE parsed as JSON.
pycheck() {
  python3 - "$2" "$3" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
  check "$1" $?
}

# xmlcheck NAME FILE EXPRESSION: as pycheck, with `r` the root element of FILE.
xmlcheck() {
  python3 - "$2" "$3" <<'EOF'
import sys
import xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
  check "$1" $?
}

# has_line NAME FILE LINE: FILE has LINE as a whole line.
has_line() {
  grep -qxF -- "$3" "$2"
  check "$1" $?
}
