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

# partner_org: the seed partner org (samples/seed/partner) copied to
# $work/partner ($proj, its default package directory $app), with its
# Connected App's consumer secret ($key, $secret) and its user's password in
# a fresh credential store. The script adds metadata, then calls serve_org.
partner_org() {
  proj=$work/partner
  cp -r "$(dirname "${BASH_SOURCE[0]}")/../../samples/seed/partner" "$proj"
  rm -rf "$proj/.apexrun/credentials.db"
  app=$proj/force-app/main/default
  key=$(sed -n 's|.*<consumerKey>\(.*\)</consumerKey>.*|\1|p' "$app/connectedApps/Seed_Integration.connectedApp-meta.xml")
  secret='cs-seed-partner-5d9e2f81'
  (cd "$proj" && printf '%s\n' "$secret" | "$apexrun" credential set Seed_Integration consumerSecret=- &&
    printf 'Pw-seed-user-a17c4b\n' | "$apexrun" credential set integration@seed-partner.example password=-) >/dev/null
  check "the org's secrets are set" $?
}

# serve_org: `apexrun serve` on $proj on a free port ($base, $server_pid;
# its output in $work/serve.out and serve.err), and an access token from
# the password grant ($token; the whole answer in $work/token.json).
serve_org() {
  (cd "$proj" && exec "$apexrun" serve --project "$proj" --port-file "$work/port") >"$work/serve.out" 2>"$work/serve.err" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  base="http://127.0.0.1:$(cat "$work/port")"
  curl -s -X POST "$base/services/oauth2/token" -d "grant_type=password&client_id=$key&client_secret=$secret" \
    -d 'username=integration@seed-partner.example&password=Pw-seed-user-a17c4b' >"$work/token.json"
  token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$work/token.json")
}
