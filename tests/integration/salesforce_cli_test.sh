#!/usr/bin/env bash
# The Salesforce CLI against `apexrun serve`: a pinned @salesforce/cli from
# npm (installed once into a cache folder outside the source tree, lib.sh
# npm_client) signs in with an access token to the seed partner org, served
# over HTTPS with a throw-away certificate, and runs its apex commands:
# `sf apex run -f`, `sf apex run test -r json` (asynchronous and
# synchronous, with a passing and a failing test method, and with
# coverage), `sf apex list log`, `sf apex get log`, and `sf data query
# --use-tooling-api`; it signs in again with `sf org login sfdx-url` (a
# refresh token of the CLI's own client, PlatformCLI), and `sf data`
# creates, reads, updates, queries and deletes a record and queries 2,100
# rows. Skipped (exit 77) with a message when node is too old or npm cannot
# reach its registry.
#
# Usage: salesforce_cli_test.sh PATH-TO-APEXRUN
set -uo pipefail

case ${1:?usage: salesforce_cli_test.sh APEXRUN} in
  /*) apexrun=$1 ;;
  *) apexrun=$PWD/$1 ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

# 2.146.3 is the newest @salesforce/cli whose engines field still takes Node
# 20 (later releases want 22). Its @jsforce/jsforce-node gets lib.sh's undici pin.
sf_version=2.146.3
node_for_undici_pin "the Salesforce CLI $sf_version" || exit $?
npm_client @salesforce/cli "$sf_version" "$undici_pin" || exit $?
sf=$npm_prefix/node_modules/.bin/sf

export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_SKIP_NEW_VERSION_CHECK=true \
  SF_USE_GENERIC_UNIX_KEYCHAIN=true SF_DISABLE_SOURCE_MEMBER_POLLING=true NODE_NO_WARNINGS=1

partner_org
cp -r "$here/fixtures/tooling_code/classes" "$here/fixtures/tooling_code/triggers" "$here/fixtures/tooling_code/testSuites" "$app/"
test_certificate
check "a test certificate" $([ -s "$tls_cert" ]; echo $?)
serve_org
export NODE_EXTRA_CA_CERTS=$tls_cert
check "serve answers HTTPS with a token" $([ -n "${token:-}" ]; echo $?)

# sf ARGS...: the CLI, stdout to $work/out, stderr to $work/err, exit in $status.
sf() {
  (cd "$work" && timeout 120 "$sf" "$@") >"$work/out" 2>"$work/err"
  status=$?
}

SF_ACCESS_TOKEN=$token sf org login access-token --instance-url "$base" --no-prompt --alias serve --json
check "sf org login access-token: exit 0" $((status != 0))
pycheck "sf org login access-token: the serve org's user" "$work/out" \
  "d['status'] == 0 and d['result']['username'] == 'integration@seed-partner.example' and d['result']['instanceUrl'].rstrip('/') == '$base'"

# --- sf apex run ----------------------------------------------------------------------
printf "System.debug('hello from sf ' + (6 * 7));\n" >"$work/hello.apex"
sf apex run -f "$work/hello.apex" -o serve --json
check "sf apex run -f: exit 0" $((status != 0))
pycheck "sf apex run -f: compiled, succeeded, the log" "$work/out" \
  "d['result']['success'] is True and d['result']['compiled'] is True and 'USER_DEBUG|[1]|DEBUG|hello from sf 42' in d['result']['logs']"

# --- sf apex list log / get log ---------------------------------------------------------
sf apex list log -o serve --json
check "sf apex list log: exit 0" $((status != 0))
pycheck "sf apex list log: the run's log" "$work/out" \
  "len(d['result']) == 1 and d['result'][0]['Id'].startswith('07L') and d['result'][0]['Status'] == 'Success' and d['result'][0]['LogUser']['Name'] and d['result'][0]['LogLength'] > 0"
log_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"][0]["Id"])' "$work/out" 2>/dev/null)
sf apex get log -i "$log_id" -o serve --json
check "sf apex get log -i: exit 0" $((status != 0))
pycheck "sf apex get log -i: the log's text" "$work/out" "'hello from sf 42' in d['result'][0]['log']"
sf apex get log -n 1 -o serve -d "$work/logs"
check "sf apex get log -n 1 -d: the log written to a file" $(grep -q 'hello from sf 42' "$work/logs/$log_id.log"; echo $?)

# --- sf apex run test -------------------------------------------------------------------
# test_outcomes FILE: "Class.method Outcome" per test of a -r json result.
test_outcomes() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for t in sorted(d["result"]["tests"], key=lambda t: t["FullName"]):
    print(t["FullName"], t["Outcome"])' "$1"
}
expected='GreeterTest.expectsTheWrongGreeting Fail
GreeterTest.greetsByName Pass'
failure="'System.AssertException: Assertion Failed: a deliberate failure: Expected: Goodbye, Ada, Actual: Hello, Ada'"
trace="'Class.GreeterTest.expectsTheWrongGreeting: line 10, column 9'"

sf apex run test -n GreeterTest -o serve -r json --wait 5
check "sf apex run test: exit 100 (a test failed)" $((status != 100))
check "sf apex run test: each test's outcome" $([ "$(test_outcomes "$work/out")" = "$expected" ]; echo $?)
pycheck "sf apex run test: the summary's counts" "$work/out" \
  "[d['result']['summary'][k] for k in ('outcome', 'testsRan', 'passing', 'failing', 'passRate')] == ['Failed', 2, 1, 1, '50%']"
pycheck "sf apex run test: the run's Id" "$work/out" "d['result']['summary']['testRunId'].startswith('707')"
pycheck "sf apex run test: the failure's message and stack trace" "$work/out" \
  "[(t['Message'], t['StackTrace']) for t in d['result']['tests'] if t['Outcome'] == 'Fail'] == [($failure, $trace)]"

sf apex run test -t GreeterTest.greetsByName -o serve -r json --wait 5
check "sf apex run test -t one passing method: exit 0" $((status != 0))
pycheck "sf apex run test -t: passed" "$work/out" \
  "[d['result']['summary'][k] for k in ('outcome', 'testsRan', 'passing', 'failing')] == ['Passed', 1, 1, 0]"

sf apex run test -s Greetings -o serve -r json --wait 5
check "sf apex run test -s (a suite): exit 100" $((status != 100))
check "sf apex run test -s: the suite's tests" $([ "$(test_outcomes "$work/out")" = "$expected" ]; echo $?)

sf apex run test -n GreeterTest -y -o serve -r json
check "sf apex run test --synchronous: exit 100" $((status != 100))
check "sf apex run test --synchronous: each test's outcome" $([ "$(test_outcomes "$work/out")" = "$expected" ]; echo $?)

sf apex run test -n GreeterTest -c -o serve -r json --wait 5
check "sf apex run test -c: exit 100" $((status != 100))
pycheck "sf apex run test -c: Greeter's coverage" "$work/out" \
  "[(c['name'], c['totalLines'], c['totalCovered'], c['coveredPercent'], c['lines']) for c in d['result']['coverage']['coverage'] if c['name'] == 'Greeter'] == [('Greeter', 3, 2, 67, {'4': 1, '5': 0, '7': 1})]"

# --- sf data query over the Tooling API -------------------------------------------------
sf data query -q "SELECT Id, Name, ApiVersion, Status FROM ApexClass WHERE Name LIKE 'Greeter%' ORDER BY Name" \
  --use-tooling-api -o serve --json
check "sf data query --use-tooling-api: exit 0" $((status != 0))
pycheck "sf data query --use-tooling-api: the project's classes" "$work/out" \
  "[r['Name'] for r in d['result']['records']] == ['Greeter', 'GreeterTest'] and d['result']['totalSize'] == 2"

# --- sf org login sfdx-url: a refresh token of the CLI's own client ---------------------
curl -s --cacert "$tls_cert" -o /dev/null -D "$work/authorize.headers" \
  "$base/services/oauth2/authorize?response_type=code&client_id=PlatformCLI&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect&state=s1&code_challenge=LXJM1b2CgeoN_o8sErdcAfFbWgZmujvsMoQex12bQlo&code_challenge_method=S256"
cli_code=$(tr -d '\r' <"$work/authorize.headers" | sed -n 's/^[Ll]ocation: .*[?&]code=\([^&]*\).*/\1/p')
curl -s --cacert "$tls_cert" "$base/services/oauth2/token" -d grant_type=authorization_code -d client_id=PlatformCLI \
  --data-urlencode "code=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$cli_code")" \
  --data-urlencode redirect_uri=http://localhost:1717/OauthRedirect \
  -d code_verifier=dBjftJeZ4CVP-mJ0zqL6dVDzJxJ2BAp5vvmxKnddJrM >"$work/cli-token.json"
refresh=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["refresh_token"])' "$work/cli-token.json")
printf 'force://PlatformCLI::%s@%s\n' "$refresh" "${base#https://}" >"$work/auth-url.txt"
sf org login sfdx-url --sfdx-url-file "$work/auth-url.txt" --alias viaurl --json
check "sf org login sfdx-url: exit 0" $((status != 0))
pycheck "sf org login sfdx-url: the serve org's user" "$work/out" \
  "d['result']['username'] == 'integration@seed-partner.example' and d['result']['instanceUrl'].startswith('https://127.0.0.1:')"

# --- sf data: a record created, read, updated, queried and deleted ------------------------
sf data create record -s Account -v "Name='Sf Cli Co' Industry=Retail" -o viaurl --json
check "sf data create record: exit 0" $((status != 0))
account=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"]["id"])' "$work/out" 2>/dev/null)
check "sf data create record: an Account Id" $([[ $account == 001* ]]; echo $?)
sf data get record -s Account -i "$account" -o serve --json
pycheck "sf data get record: its fields" "$work/out" \
  "d['result']['Name'] == 'Sf Cli Co' and d['result']['Industry'] == 'Retail'"
sf data update record -s Account -i "$account" -v "Industry=Banking" -o serve --json
check "sf data update record: exit 0" $((status != 0))
sf data query -q "SELECT Name, Industry FROM Account WHERE Id = '$account'" -o serve --json
pycheck "sf data query: the updated record" "$work/out" \
  "d['result']['totalSize'] == 1 and d['result']['records'][0]['Industry'] == 'Banking'"
sf data delete record -s Account -i "$account" -o serve --json
check "sf data delete record: exit 0" $((status != 0))
sf data query -q "SELECT COUNT() FROM Account WHERE Id = '$account'" -o serve --json
pycheck "sf data query: the deleted record is gone" "$work/out" "d['result']['totalSize'] == 0"

# --- sf data query past one batch: 2,100 rows, fetched in two -----------------------------
printf "List<Lead> leads = new List<Lead>();\nfor (Integer i = 0; i < 2100; i++) leads.add(new Lead(LastName = 'L' + i, Company = 'C'));\ninsert leads;\n" \
  >"$work/leads.apex"
sf apex run -f "$work/leads.apex" -o serve --json
check "2,100 Leads inserted: exit 0" $((status != 0))
sf data query -q "SELECT Id, LastName FROM Lead" -o serve --json
pycheck "sf data query: all 2,100 rows, each once" "$work/out" \
  "d['result']['totalSize'] == 2100 and len({r['Id'] for r in d['result']['records']}) == 2100"

check "serve printed no secret" $(! grep -q -e "$secret" -e "$token" "$work/serve.out" "$work/serve.err"; echo $?)
finish "salesforce_cli"
