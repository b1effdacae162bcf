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
