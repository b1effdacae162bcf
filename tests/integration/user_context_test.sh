#!/usr/bin/env bash
# The running user from a project's .apexrun/user.json: UserInfo, and the
# local forms of Datetime in the user's time zone (America/New_York, with its
# daylight-saving shifts); bad configs are refused before the run.
# Usage: user_context_test.sh PATH-TO-APEXRUN FIXTURE-PROJECT
set -uo pipefail

apexrun=${1:?usage: user_context_test.sh PATH-TO-APEXRUN FIXTURE-PROJECT}
fixture=${2:?usage: user_context_test.sh PATH-TO-APEXRUN FIXTURE-PROJECT}
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$apexrun" run --debug-only --project "$fixture" "$fixture/user_context.apex" >"$work/out" 2>"$work/err"
check "runs with the fixture's user" $?
cat >"$work/expected" <<'EXPECTED'
jane.doe@acme.example
Jane Doe
0055g00000AbCdEAAV
jane@acme.example
00E5g000001AbCdEAK
00D5g000004XyZwEAK
Acme
en_GB
en_US
EUR
true
America/New_York
Eastern Standard Time
2024-01-15 03:30:00
2024-01-14 22:30:00
2024-01-15 03:30:00
concatenated 2024-01-15 03:30:00
1/14/2024 10:30 PM
1/14/2024 10:30:00 PM EST
2024-01-14 22:30 EST
2024-01-15 03:30 GMT
22 3 14 15
2024-01-14 00:00:00
2024-01-15 00:00:00
22:30:00.000Z
14 15
2024-03-10 07:30:00
2024-11-03 06:30:00
2024-07-01 04:00:00
2024-07-01 13:00:00
2024-03-10 16:00:00
2024-03-10 17:00:00
2024-04-09 16:00:00
2024-07-01 16:00:00
2024-07-01 12:00:00
2024-07-01 13:00:00
2024-01-15 00:00:00
true
true
false
EXPECTED
check "UserInfo and local Datetime forms" "$(diff "$work/expected" "$work/out" >&2; echo $?)"
check "nothing on stderr" "$([ ! -s "$work/err" ]; echo $?)"

# A project without .apexrun/user.json runs as the default user in GMT.
mkdir -p "$work/plain/force-app"
cp "$fixture/sfdx-project.json" "$work/plain/"
printf "System.debug(UserInfo.getTimeZone().getID() + ' ' + UserInfo.getUserName());\n" >"$work/plain.apex"
out=$("$apexrun" run --debug-only --project "$work/plain" "$work/plain.apex" 2>&1)
check "defaults without user.json" "$([ "$out" = "GMT apexrun@example.com" ]; echo $?)"

# bad_config NAME JSON EXPECTED-STDERR: refused with exit 66, nothing run.
bad_config() {
  rm -rf "$work/bad" && mkdir -p "$work/bad/.apexrun" "$work/bad/force-app"
  cp "$fixture/sfdx-project.json" "$work/bad/"
  printf '%s\n' "$2" >"$work/bad/.apexrun/user.json"
  "$apexrun" run --debug-only --project "$work/bad" "$work/plain.apex" >"$work/out" 2>"$work/err"
  local status=$?
  check "$1: exit 66" $((status != 66))
  check "$1: nothing run" "$([ ! -s "$work/out" ]; echo $?)"
  check "$1: message" "$(grep -qF -- "$3" "$work/err"; echo $?)"
}
bad_config "unknown zone" '{"timeZone": "Mars/Olympus"}' \
  "user.json: \"timeZone\" Mars/Olympus is not a time zone ID (such as America/New_York or GMT)"
bad_config "unknown key" '{"timezone": "GMT"}' 'user.json: unknown key "timezone"'
bad_config "wrong Id prefix" '{"userId": "001000000000001"}' \
  'user.json: "userId" must be a 15 or 18 character Id starting 005'
bad_config "not a string" '{"userName": 42}' 'user.json: "userName" must be a string'
bad_config "not JSON" '{"userName": ' 'user.json: not a JSON object'
bad_config "multiCurrency type" '{"multiCurrency": "yes"}' 'user.json: "multiCurrency" must be true or false'

finish
