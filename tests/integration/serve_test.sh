#!/usr/bin/env bash
# `apexrun serve` end to end: a temp copy of samples/seed/partner (the
# AccountIntake REST class and the Seed_Integration Connected App) plus a
# test-only REST class that throws, served on a free port (--port-file), and
# driven with curl: the API versions, the 401 answer for a missing, unknown,
# revoked and expired token (Bearer and OAuth schemes), the OAuth grants and
# their errors, Apex REST (POST with bound parameters, GET, 404, 405, 500,
# a REST class that does not compile left out with a warning),
# limits, 20 concurrent requests, an access log that holds no token or
# secret, and a clean stop on SIGTERM and SIGINT. Then
# fixtures/serve_oauth_client.py runs requests-oauthlib's flows (authorization
# code with PKCE, refresh, password, client credentials) against it; it is
# skipped when requests-oauthlib is not installed.
#
# HOME and XDG_CONFIG_HOME point into the temp folder and APEXRUN_STORE_KEY
# is unset, so the credential store and its key are made there.
#
# Usage: serve_test.sh PATH-TO-APEXRUN
# Prints FAIL lines (and `note:` lines), then `N passed, N failed`; exits
# non-zero on any failure.
set -uo pipefail

usage='usage: serve_test.sh APEXRUN'
case ${1:?$usage} in
  /*) apexrun=$1 ;;
  */*) apexrun=$PWD/$1 ;;
  *) apexrun=$(command -v -- "$1" || printf '%s/%s' "$PWD" "$1") ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
seed=$here/../../samples/seed/partner
client_py=$here/fixtures/serve_oauth_client.py

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"

server_pid=
# stop_server [SIGNAL]: stops the running server, if any; its exit status
# goes to $server_status.
server_status=
stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "-${1:-TERM}" "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  server_status=$?
  server_pid=
}
trap 'stop_server; rm -rf "$work"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

export HOME="$work/home"
export XDG_CONFIG_HOME="$work/config"
unset APEXRUN_STORE APEXRUN_STORE_KEY
mkdir -p "$HOME"

# The Connected App's consumer key (from the seed metadata), its secret, the
# org user and their password. The secrets must never show in any output.
CONSUMER_KEY=$(sed -n 's|.*<consumerKey>\(.*\)</consumerKey>.*|\1|p' \
  "$seed/force-app/main/default/connectedApps/Seed_Integration.connectedApp-meta.xml")
CALLBACK='http://127.0.0.1:47123/callback'
SECRET='cs-seed-partner-5d9e2f81'
USERNAME='integration@seed-partner.example'
PASSWORD='Pw-seed-user-a17c4b'

INVALID_SESSION='[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]'
NOT_FOUND='[{"errorCode":"NOT_FOUND","message":"Could not find a match for URL"}]'
APEX_ERROR='[{"errorCode":"APEX_ERROR","message":"System.IllegalArgumentException: intentional failure\n\nClass.SeedFailure.fail: line 7, column 9"}]'

# --- the project --------------------------------------------------------------

proj=$work/partner
mkdir -p "$proj"
cp -r "$seed/." "$proj/"
rm -rf "$proj/.apexrun/credentials.db"
classes=$proj/force-app/main/default/classes
# A REST resource that always fails; the line and column of the throw are in
# $APEX_ERROR above.
cat >"$classes/SeedFailure.cls" <<'EOF'
// A REST resource that fails, for the 500 APEX_ERROR answer.
@RestResource(urlMapping='/Failure/*')
global class SeedFailure {
    @HttpGet
    global static String fail() {
        String reason = 'intentional failure';
        throw new IllegalArgumentException(reason);
    }
}
EOF
cp "$classes/AccountIntake.cls-meta.xml" "$classes/SeedFailure.cls-meta.xml"
# A REST resource that answers how its request runs (Request.getCurrent()).
cat >"$classes/SeedQuiddity.cls" <<'EOF'
@RestResource(urlMapping='/Quiddity/*')
global class SeedQuiddity {
    @HttpGet
    global static String get() {
        return String.valueOf(Request.getCurrent().getQuiddity());
    }
}
EOF
cp "$classes/AccountIntake.cls-meta.xml" "$classes/SeedQuiddity.cls-meta.xml"
# A REST resource that queues a job, and reads what the job did.
cat >"$classes/SeedLater.cls" <<'EOF'
@RestResource(urlMapping='/Later/*')
global class SeedLater implements Queueable {
    @HttpPost
    global static String post() {
        return String.valueOf(System.enqueueJob(new SeedLater())).left(3);
    }
    @HttpGet
    global static String get() {
        return [SELECT Status FROM AsyncApexJob LIMIT 1].Status + ' ' + [SELECT COUNT() FROM Account WHERE Name = 'Made later'];
    }
    public void execute(QueueableContext context) {
        insert new Account(Name = 'Made later');
    }
}
EOF
cp "$classes/AccountIntake.cls-meta.xml" "$classes/SeedLater.cls-meta.xml"
# A REST resource that answers the String it is posted.
cat >"$classes/SeedEcho.cls" <<'EOF'
@RestResource(urlMapping='/Echo/*')
global class SeedEcho {
    @HttpPost
    global static String echo(String text) {
        return text;
    }
}
EOF
cp "$classes/AccountIntake.cls-meta.xml" "$classes/SeedEcho.cls-meta.xml"
# A REST resource that does not compile: the server starts without it.
cat >"$classes/SeedBroken.cls" <<'EOF'
@RestResource(urlMapping='/Broken/*')
global class SeedBroken {
    @HttpGet
    global static String get() {
        return missingThing;
    }
}
EOF
cp "$classes/AccountIntake.cls-meta.xml" "$classes/SeedBroken.cls-meta.xml"

# Two more Connected Apps: one without the Api scope (its tokens are not
# good for the REST API), and a public client (isConsumerSecretOptional).
apps=$proj/force-app/main/default/connectedApps
# connected_app NAME KEY SCOPE OPTIONAL: writes NAME.connectedApp-meta.xml.
connected_app() {
  cat >"$apps/$1.connectedApp-meta.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>$1</label>
    <oauthConfig>
        <callbackUrl>http://127.0.0.1:47123/callback</callbackUrl>
        <consumerKey>$2</consumerKey>
        <isConsumerSecretOptional>$4</isConsumerSecretOptional>
        <scopes>$3</scopes>
    </oauthConfig>
</ConnectedApp>
EOF
}
WEB_ONLY_KEY=3MVG9SeedWebOnlyKey
WEB_ONLY_SECRET='cs-web-only-8c21e5'
connected_app Seed_WebOnly "$WEB_ONLY_KEY" Web false
connected_app Seed_Public 3MVG9SeedPublicKey Api true

# in_project ARGS...: apexrun ARGS from inside the project; stdin as given.
in_project() { (cd "$proj" && "$apexrun" "$@") >"$work/out" 2>"$work/err"; }

printf '%s\n' "$SECRET" | in_project credential set Seed_Integration consumerSecret=-
check "credential set Seed_Integration consumerSecret" $?
printf '%s\n' "$PASSWORD" | in_project credential set "$USERNAME" password=-
check "credential set $USERNAME password" $?
printf '%s\n' "$WEB_ONLY_SECRET" | in_project credential set Seed_WebOnly consumerSecret=-
check "credential set Seed_WebOnly consumerSecret" $?
check "the consumer key is read from the Connected App" "$([ -n "$CONSUMER_KEY" ]; echo $?)"

# --- the server ---------------------------------------------------------------

# start_server ARGS...: starts `apexrun serve` on the project with ARGS, waits
# up to 10 s for the port file; sets $base. Exits the test when it does not
# come up.
start_server() {
  rm -f "$work/port"
  # With job control on, the background server does not start with SIGINT
  # ignored (as a script's background commands otherwise do), so that the
  # SIGINT check below reaches it.
  set -m
  (cd "$proj" && exec "$apexrun" serve --project "$proj" --port-file "$work/port" "$@") \
    >"$work/serve.out" 2>"$work/serve.err" &
  server_pid=$!
  set +m
  local port='' _
  for _ in $(seq 100); do
    if [ -s "$work/port" ] && read -r port <"$work/port" && [ -n "$port" ]; then break; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    printf 'FAIL: apexrun serve %s did not start\n' "$*"
    sed 's/^/  /' "$work/serve.out" "$work/serve.err"
    failed=$((failed + 1))
    finish
    exit 1
  fi
  base=http://127.0.0.1:$port
  # The stdout line comes with the port file or right after it.
  for _ in $(seq 20); do
    grep -q 'listening' "$work/serve.out" && break
    sleep 0.1
  done
}

# req METHOD PATH [CURL-ARGS...]: the response body to $work/out, curl's
# errors to $work/err, the status to $code.
req() {
  local method=$1 path=$2
  shift 2
  code=$(curl -sS --max-time 30 -o "$work/out" -w '%{http_code}' -X "$method" "$@" "$base$path" 2>"$work/err")
}

# body_is TEXT: the last response body is exactly TEXT.
body_is() { [ "$(cat "$work/out")" = "$1" ]; }

# json PYTHON-EXPRESSION: evaluates the expression over the last response
# body, parsed as JSON (`b`); exit status 0 when it is true.
json() {
  python3 -c 'import json, sys
b = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$work/out" "$1" 2>/dev/null
}
# field NAME: a top-level string field of the last response body.
field() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' \
    "$work/out" "$1" 2>/dev/null
}
# For check's second argument: is A B prints 0 when A equals B, else 1;
# ok COMMAND... prints 0 when the command succeeds, else 1.
is() { [ "$1" = "$2" ]; echo $?; }
ok() { if "$@"; then echo 0; else echo 1; fi; }

# not_in FILE TEXT...: FILE holds none of the TEXTs.
not_in() {
  local file=$1 text
  shift
  for text in "$@"; do
    if grep -Fq -- "$text" "$file"; then return 1; fi
  done
}

# Every token the server issues is kept here; the log must hold none of them.
tokens=()

# token_cc: a client_credentials token (client id and secret as form fields)
# into $token.
token_cc() {
  req POST /services/oauth2/token -d grant_type=client_credentials \
    --data-urlencode "client_id=$CONSUMER_KEY" --data-urlencode "client_secret=$SECRET"
  token=$(field access_token)
  [ -n "$token" ] && tokens+=("$token")
}

start_server
check "serve: stdout says where it listens" \
  "$(ok grep -Fxq "apexrun serve: listening on $base" "$work/serve.out")"
check "serve: names the public client at start-up" \
  "$(ok grep -Fxq "apexrun serve: Seed_Public is a public client (isConsumerSecretOptional): its consumer key alone, with PKCE S256, gets tokens" "$work/serve.out")"
check "serve: names the Salesforce CLI's own client a public client" \
  "$(ok grep -Fxq "apexrun serve: Salesforce CLI is a public client (isConsumerSecretOptional): its consumer key alone, with PKCE S256, gets tokens" "$work/serve.out")"
check "serve: names no other app a public client" "$(is "$(grep -c 'public client' "$work/serve.out")" 2)"
check "serve: warns about the class that does not compile" \
  "$(ok grep -Fxq "apexrun: warning: class SeedBroken, line 5, column 16: Variable does not exist: missingThing (the class does not compile and is not served)" "$work/serve.err")"

# --- API versions (no authentication) -------------------------------------------

req GET /services/data/
check "GET /services/data/: 200" "$(is "$code" 200)"
check "GET /services/data/: a list with v62.0" "$(ok json 'isinstance(b, list) and any(v.get("version") == "62.0" and v.get("url") == "/services/data/v62.0" and v.get("label") for v in b)')"

# refused NAME [CURL-ARGS...]: GET /services/apexrest/Accounts/ with CURL-ARGS
# must be answered 401 with Salesforce's INVALID_SESSION_ID body.
refused() {
  local name=$1
  shift
  req GET /services/apexrest/Accounts/ "$@"
  check "$name: 401" "$(is "$code" 401)"
  check "$name: INVALID_SESSION_ID body" "$(ok body_is "$INVALID_SESSION")"
}

# --- 401 ---------------------------------------------------------------------------

refused "no token"
refused "unknown Bearer token" -H 'Authorization: Bearer 00Dnot-a-token'
refused "unknown OAuth token" -H 'Authorization: OAuth 00Dnot-a-token'
# The original story: a merge field that was never merged.
# shellcheck disable=SC2016 # the merge field is meant literally
refused "unmerged merge field as token" -H 'Authorization: OAuth {!$Credential.OAuthToken}'
req GET /services/data/v62.0/limits
check "limits without a token: 401" "$(is "$code" 401)"

# --- OAuth: client credentials and its errors -----------------------------------------

token_cc
check "client_credentials: 200" "$(is "$code" 200)"
check "client_credentials: an access token" "$(ok test -n "$token")"
check "client_credentials: token_type Bearer" "$(is "$(field token_type)" Bearer)"
check "client_credentials: instance_url is the server" "$(is "$(field instance_url)" "$base")"
check "client_credentials: signature, id, issued_at (ms)" \
  "$(ok json 'b.get("signature") and b.get("id") and str(b.get("issued_at", "")).isdigit() and len(str(b["issued_at"])) >= 13')"
check "client_credentials: no refresh token" "$(ok json '"refresh_token" not in b')"
cc_token=$token

req POST /services/oauth2/token -d grant_type=client_credentials -u "$CONSUMER_KEY:$SECRET"
check "client_credentials, secret in a Basic header: 200" "$(is "$code" 200)"
basic_token=$(field access_token)
[ -n "$basic_token" ] && tokens+=("$basic_token")

req POST /services/oauth2/token -d grant_type=client_credentials \
  --data-urlencode "client_id=$CONSUMER_KEY" --data-urlencode "client_secret=$SECRET-wrong"
check "wrong secret: 400" "$(is "$code" 400)"
check "wrong secret: invalid_client, invalid client credentials" \
  "$(ok json 'b == {"error": "invalid_client", "error_description": "invalid client credentials"}')"
req POST /services/oauth2/token -d grant_type=client_credentials \
  -d client_id=3MVG9-no-such-app --data-urlencode "client_secret=$SECRET"
check "unknown client id: 400" "$(is "$code" 400)"
check "unknown client id: invalid_client_id" "$(is "$(field error)" invalid_client_id)"
req POST /services/oauth2/token -d grant_type=device_code \
  --data-urlencode "client_id=$CONSUMER_KEY" --data-urlencode "client_secret=$SECRET"
check "unknown grant type: 400" "$(is "$code" 400)"
check "unknown grant type: unsupported_grant_type" "$(is "$(field error)" unsupported_grant_type)"

# --- OAuth: password ---------------------------------------------------------------------

req POST /services/oauth2/token -d grant_type=password \
  --data-urlencode "client_id=$CONSUMER_KEY" --data-urlencode "client_secret=$SECRET" \
  --data-urlencode "username=$USERNAME" --data-urlencode "password=$PASSWORD"
check "password: 200" "$(is "$code" 200)"
password_token=$(field access_token)
check "password: an access token" "$(ok test -n "$password_token")"
[ -n "$password_token" ] && tokens+=("$password_token")
req POST /services/oauth2/token -d grant_type=password \
  --data-urlencode "client_id=$CONSUMER_KEY" --data-urlencode "client_secret=$SECRET" \
  --data-urlencode "username=$USERNAME" --data-urlencode "password=$PASSWORD-wrong"
check "wrong password: 400" "$(is "$code" 400)"
check "wrong password: invalid_grant, authentication failure" \
  "$(ok json 'b == {"error": "invalid_grant", "error_description": "authentication failure"}')"

# --- OAuth: authorize ------------------------------------------------------------------------

authorize_query() {  # authorize_query REDIRECT-URI : the query string of an authorize request
  printf 'response_type=code&client_id=%s&redirect_uri=%s&state=st-42&scope=%s&code_challenge=%s&code_challenge_method=S256' \
    "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$CONSUMER_KEY")" \
    "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1")" \
    'api%20refresh_token' 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
}
req GET "/services/oauth2/authorize?$(authorize_query "$CALLBACK")" -D "$work/headers"
check "authorize: 302" "$(is "$code" 302)"
location=$(tr -d '\r' <"$work/headers" | sed -n 's/^[Ll]ocation: //p')
check "authorize: Location is the callback with a code" \
  "$(ok grep -Eq '^http://127\.0\.0\.1:47123/callback\?(.*&)?code=[^&]+' <<<"$location")"
check "authorize: Location has the state sent" "$(ok grep -Eq '[?&]state=st-42(&|$)' <<<"$location")"
req GET "/services/oauth2/authorize?$(authorize_query "$CALLBACK/other")"
check "authorize, redirect URI not registered: 400" "$(is "$code" 400)"
# Salesforce shows this error on a page of its own (nothing to redirect to):
# the body names it, as JSON or as error=...&error_description=....
check "authorize, redirect URI not registered: redirect_uri_mismatch" \
  "$(ok grep -q redirect_uri_mismatch "$work/out")"
req GET "/services/oauth2/authorize?$(authorize_query "http://127.0.0.1:47124/callback")"
check "authorize, another port: 400" "$(is "$code" 400)"
check "authorize, another port: redirect_uri_mismatch (exact match)" \
  "$(ok grep -q redirect_uri_mismatch "$work/out")"

# --- Apex REST -------------------------------------------------------------------------------

account='{"AccountNumber":"CD656092","AccountName":"Seed Test"}'
req POST /services/apexrest/Accounts/ -H "Authorization: Bearer $cc_token" \
  -H 'Content-Type: application/json' -d "$account"
check "POST /Accounts/ (Bearer): 201" "$(is "$code" 201)"
check "POST /Accounts/: the stored account as JSON, with its new Id" \
  "$(ok json 'b.get("id", "").startswith("001") and len(b["id"]) == 18 and b.get("accountNumber") == "CD656092" and b.get("accountName") == "Seed Test" and b.get("status") == "created"')"
created_id=$(field id)
req POST /services/apexrest/Accounts/ -H "Authorization: OAuth $basic_token" \
  -H 'Content-Type: application/json' -d "$account"
check "POST /Accounts/ again (OAuth scheme): 200, the account stored by the first" \
  "$(is "$code/$(field status)/$(field id)" "200/existing/$created_id")"
req POST /services/apexrest/Accounts/ -H "Authorization: Bearer $cc_token" \
  -H 'Content-Type: application/json' -d '{"AccountNumber":"CD451796","AccountName":"Grand Hotels & Resorts"}'
check "POST /Accounts/, a second account: 201" "$(is "$code" 201)"
req POST /services/apexrest/Accounts/ -H "Authorization: Bearer $password_token" \
  -H 'Content-Type: application/json' -d '{"AccountNumber":"CD656092","AccountName":""}'
check "POST /Accounts/, blank name: 400 set by the class" "$(is "$code" 400)"
check "POST /Accounts/, blank name: the error result" \
  "$(ok json 'b.get("status") == "error" and b.get("message") == "AccountName is required"')"
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $cc_token"
check "GET /Accounts/: 200" "$(is "$code" 200)"
check "GET /Accounts/: the ping, run as the project's user, with the two stored accounts" \
  "$(ok json 'b.get("service") == "AccountIntake" and b.get("runningUser") == "integration@seed-partner.example" and len(b.get("accounts", [])) == 2')"
req GET /services/apexrest/Accounts/CD451796 -H "Authorization: Bearer $cc_token"
check "GET /Accounts/CD451796: the wildcard mapping, one account" \
  "$(ok json '[a["accountNumber"] for a in b.get("accounts", [])] == ["CD451796"]')"
req GET /services/apexrest/Nothing/here -H "Authorization: Bearer $cc_token"
check "unmapped URL: 404" "$(is "$code" 404)"
check "unmapped URL: NOT_FOUND body" "$(ok body_is "$NOT_FOUND")"
req GET /services/apexrest/Broken/ -H "Authorization: Bearer $cc_token"
check "the URL of a class that does not compile: 404" "$(is "$code" 404)"
req DELETE /services/apexrest/Accounts/ -H "Authorization: Bearer $cc_token"
check "DELETE with no @HttpDelete: 405" "$(is "$code" 405)"
req GET /services/apexrest/Failure/ -H "Authorization: Bearer $cc_token"
check "unhandled exception: 500" "$(is "$code" 500)"
check "unhandled exception: APEX_ERROR body with the stack" "$(ok body_is "$APEX_ERROR")"

req GET /services/apexrest/Quiddity/ -H "Authorization: Bearer $cc_token"
check "Apex REST runs with the REST quiddity" "$(ok body_is '"REST"')"

req POST /services/apexrest/Later/ -H "Authorization: Bearer $cc_token" -H "Content-Type: application/json" -d "{}"
check "a request queues a job" "$(ok body_is '"707"')"
req GET /services/apexrest/Later/ -H "Authorization: Bearer $cc_token"
check "the job ran after the request committed" "$(ok body_is '"Completed 1"')"

# --- limits --------------------------------------------------------------------------------------

req GET /services/data/v62.0/limits -H "Authorization: Bearer $cc_token"
check "limits: 200" "$(is "$code" 200)"
check "limits: DailyApiRequests with Max and Remaining" \
  "$(ok json 'isinstance(b.get("DailyApiRequests"), dict) and "Max" in b["DailyApiRequests"] and "Remaining" in b["DailyApiRequests"]')"
check "limits: the figures OrgLimits gives Apex" "$(ok json 'b["SingleEmail"] == {"Max": 15, "Remaining": 15}')"

# --- 20 concurrent requests, each its own transaction ------------------------------------------

conc_pids=()
for i in $(seq 1 20); do
  curl -sS --max-time 60 -o "$work/par.$i.body" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $cc_token" -H 'Content-Type: application/json' \
    -d "{\"AccountNumber\":\"PAR$i\",\"AccountName\":\"Parallel $i\"}" \
    "$base/services/apexrest/Accounts/" >"$work/par.$i.code" 2>"$work/par.$i.err" &
  conc_pids+=("$!")
done
wait "${conc_pids[@]}"
conc_ok=0
for i in $(seq 1 20); do
  if [ "$(cat "$work/par.$i.code")" = 201 ] &&
     python3 -c 'import json, sys
b = json.load(open(sys.argv[1]))
sys.exit(0 if b.get("accountNumber") == "PAR" + sys.argv[2] and b.get("accountName") == "Parallel " + sys.argv[2] else 1)' \
       "$work/par.$i.body" "$i" 2>/dev/null; then
    conc_ok=$((conc_ok + 1))
  fi
done
check "20 concurrent POSTs: each 201 with its own account ($conc_ok of 20)" "$(is "$conc_ok" 20)"
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $cc_token"
check "the org stored all 22 accounts, each with an Id of its own" \
  "$(ok json 'len(b.get("accounts", [])) == 22 and len({a["id"] for a in b["accounts"]}) == 22')"

# --- revoke ----------------------------------------------------------------------------------------

req POST /services/oauth2/revoke --data-urlencode "token=$basic_token"
check "revoke without client authentication: 400 invalid_client_id" "$(is "$code/$(field error)" 400/invalid_client_id)"
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $basic_token"
check "revoke without client authentication: the token still works" "$(is "$code" 200)"
req POST /services/oauth2/revoke --data-urlencode "token=$basic_token" -u "$CONSUMER_KEY:$SECRET"
check "revoke: 200" "$(is "$code" 200)"
refused "revoked token" -H "Authorization: Bearer $basic_token"
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $cc_token"
check "another token still works after a revoke: 200" "$(is "$code" 200)"

# --- the security review's findings ---------------------------------------------------------------

# The token endpoint reads the form body only, each parameter once.
req POST "/services/oauth2/token?client_secret=$SECRET" -d grant_type=client_credentials \
  --data-urlencode "client_id=$CONSUMER_KEY"
check "token: a client_secret in the query is not read: 400 invalid_client" "$(is "$code/$(field error)" 400/invalid_client)"
req POST "/services/oauth2/token?client_secret=wrong" -d grant_type=client_credentials \
  --data-urlencode "client_id=$CONSUMER_KEY" --data-urlencode "client_secret=$SECRET"
check "token: the query does not override the body's client_secret: 200" "$(is "$code" 200)"
[ "$code" = 200 ] && tokens+=("$(field access_token)")
req POST /services/oauth2/token -d grant_type=client_credentials --data-urlencode "client_id=$CONSUMER_KEY" \
  --data-urlencode "client_secret=wrong" --data-urlencode "client_secret=$SECRET"
check "token: a repeated parameter: 400 invalid_request" "$(is "$code/$(field error)" 400/invalid_request)"

# A token without the api scope is not a REST API session.
req POST /services/oauth2/token -d grant_type=client_credentials \
  --data-urlencode "client_id=$WEB_ONLY_KEY" --data-urlencode "client_secret=$WEB_ONLY_SECRET"
web_token=$(field access_token)
check "a Web-only app gets a token" "$(ok test -n "$web_token")"
[ -n "$web_token" ] && tokens+=("$web_token")
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $web_token"
check "Apex REST with a token without api: 401" "$(is "$code" 401)"
check "Apex REST with a token without api: Salesforce's body" \
  "$(ok body_is '[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]')"
req GET /services/data/v62.0/limits -H "Authorization: Bearer $web_token"
check "limits with a token without api: 401" "$(is "$code" 401)"

# A public client needs PKCE S256.
req GET "/services/oauth2/authorize?response_type=code&client_id=3MVG9SeedPublicKey&redirect_uri=http%3A%2F%2F127.0.0.1%3A47123%2Fcallback" -D "$work/headers"
public_code=$(tr -d '\r' <"$work/headers" | sed -n 's/^[Ll]ocation: .*[?&]code=\([^&]*\).*/\1/p')
check "a public client gets a code" "$(ok test -n "$public_code")"
req POST /services/oauth2/token -d grant_type=authorization_code -d client_id=3MVG9SeedPublicKey \
  --data-urlencode "code=$public_code" --data-urlencode "redirect_uri=$CALLBACK"
check "a public client without PKCE: 400 invalid_grant" "$(is "$code/$(field error)" 400/invalid_grant)"

# The Salesforce CLI's web login: its own client, PlatformCLI, without a
# Connected App, with PKCE S256 and its loopback callback.
cli_callback='http://localhost:1717/OauthRedirect'
req GET "/services/oauth2/authorize?response_type=code&client_id=PlatformCLI&redirect_uri=http%3A%2F%2Flocalhost%3A1717%2FOauthRedirect&state=cli-1&code_challenge=LXJM1b2CgeoN_o8sErdcAfFbWgZmujvsMoQex12bQlo&code_challenge_method=S256" -D "$work/headers"
cli_location=$(tr -d '\r' <"$work/headers" | sed -n 's/^[Ll]ocation: //p')
check "PlatformCLI: authorize redirects to the CLI's listener" \
  "$(ok grep -Eq '^http://localhost:1717/OauthRedirect\?(.*&)?code=[^&]+' <<<"$cli_location")"
cli_code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$cli_location")
req POST /services/oauth2/token -d grant_type=authorization_code -d client_id=PlatformCLI \
  --data-urlencode "code=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$cli_code")" \
  --data-urlencode "redirect_uri=$cli_callback" -d code_verifier=dBjftJeZ4CVP-mJ0zqL6dVDzJxJ2BAp5vvmxKnddJrM
check "PlatformCLI: the code and verifier get tokens" "$(ok json '"access_token" in b and "refresh_token" in b')"
req GET "/services/oauth2/authorize?response_type=code&client_id=PlatformCLI&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2FOauthRedirect&state=cli-2&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
check "PlatformCLI: another callback is refused" "$(is "$code" 400)"

# A request for another host name (DNS rebinding) is refused.
req GET /services/data/ -H 'Host: attacker.example:80'
check "Host attacker.example: 421" "$(is "$code" 421)"
req GET /services/data/ -H "Host: localhost:${base##*:}"
check "Host localhost: 200" "$(is "$code" 200)"

# A forged line in the access log: the path is escaped.
req GET '/services/nothing%0a1.2.3.4%20-%20-%20%5bFORGED%5d%1b%5b2J'
sleep 0.2  # the log line follows the answer
check "the access log escapes a path's line break and escape sequence" \
  "$(ok grep -Fq '/services/nothing%0A1.2.3.4%20-%20-%20[FORGED]%1B[2J' "$work/serve.err")"
check "the access log has no forged line" "$(is "$(grep -c -e '^1\.2\.3\.4 - - \[FORGED\]' -e $'\e' "$work/serve.err")" 0)"

# A body is not read before the session is checked; nor one over 6 MB.
python3 - "${base##*:}" >"$work/out" 2>"$work/err" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3)
s.sendall(b"POST /services/apexrest/Accounts/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          b"Content-Type: application/json\r\nContent-Length: 200000000\r\n\r\n")
print(s.recv(200).split(b"\r\n")[0].decode())
PY
check "a 200 MB POST without a token: 401 before its body arrives" "$(ok grep -q '^HTTP/1.1 401' "$work/out")"
head -c 6000001 /dev/zero | tr '\0' 'x' >"$work/big"
req POST /services/apexrest/Accounts/ -H "Authorization: Bearer $cc_token" -H 'Content-Type: application/json' \
  --data-binary @"$work/big"
check "a 6,000,001-byte body: 413" "$(is "$code" 413)"
python3 -c 'import gzip, sys; sys.stdout.buffer.write(gzip.compress(b"x" * 50_000_000))' >"$work/bomb.gz"
req POST /services/apexrest/Accounts/ -H "Authorization: Bearer $cc_token" -H 'Content-Type: application/json' \
  -H 'Content-Encoding: gzip' --data-binary @"$work/bomb.gz"
check "a gzip body that inflates past 6 MB: 413" "$(is "$code" 413)"

# --- the robustness audit's findings ---------------------------------------------------------------

# The versions /services/data/ lists answer; any other is Salesforce's 404.
req GET /services/data/
oldest=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[0]["version"])' "$work/out")
newest=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[-1]["version"])' "$work/out")
for version in "$oldest" "$newest"; do
  req GET "/services/data/v$version/" -H "Authorization: Bearer $cc_token"
  check "listed version v$version: 200" "$(is "$code" 200)"
done
NO_RESOURCE='[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]'
for path in /services/data/v99999999999999999999.0/ "/services/data/v$((${newest%.0} + 1)).0/" \
    "/services/data/v$((${newest%.0} + 1)).0/limits" "/services/data/v$((${oldest%.0} - 1)).0/" \
    "/services/data/v${newest%.0}.5/sobjects"; do
  req GET "$path" -H "Authorization: Bearer $cc_token"
  check "$path: 404 NOT_FOUND" "$(is "$code/$(cat "$work/out")" "404/$NO_RESOURCE")"
done

# Raw requests on a connection of their own, each answer read to the end of
# the connection: a header line over 8 KB (a 10,000-character token) is 431
# with a JSON body; two requests sent at once both get their answer; an
# answer that says Connection: close (a 401 that leaves the body unread) ends
# the connection. Each at once, without waiting for a keep-alive timeout.
python3 - "${base##*:}" >"$work/out" 2>"$work/err" <<'PY'
import re, socket, sys, time
def exchange(data):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
    started = time.time()
    s.sendall(data)
    answer = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        answer += chunk
    statuses = [line.decode() for line in re.findall(rb"HTTP/1\.1 [0-9]{3} [A-Za-z ]*(?=\r\n)", answer)]
    took = time.time() - started
    print(", ".join(statuses) + (" at once" if took < 2 else " after %.1f s" % took))
    return answer
get = b"GET /services/data/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
answer = exchange(b"GET /services/apexrest/Accounts/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                  b"x" * 10000 + b"\r\n\r\n")
print(answer.partition(b"\r\n\r\n")[2].decode())
exchange(get + b"\r\n" + get + b"Connection: close\r\n\r\n")
exchange(b"POST /services/apexrest/Accounts/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n0123456789")
PY
check "a 10,000-character bearer token: 431 with a JSON body, at once" "$(is "$(head -n 2 "$work/out")" \
  "$(printf '%s\n' 'HTTP/1.1 431 Request Header Fields Too Large at once' \
     '[{"errorCode":"REQUEST_HEADER_FIELDS_TOO_LARGE","message":"A request header is over 8192 bytes"}]')")"
check "two pipelined requests: two answers" "$(ok grep -Fxq 'HTTP/1.1 200 OK, HTTP/1.1 200 OK at once' "$work/out")"
check "a 401 with its body unread: the connection ends after it" \
  "$(ok grep -Fxq 'HTTP/1.1 401 Unauthorized at once' "$work/out")"

# Invalid UTF-8 and a lone surrogate in a request body come back as U+FFFD
# in well-formed JSON.
printf '{"text":"a\377b\\ud800c"}' >"$work/bad-utf8.json"
req POST /services/apexrest/Echo/ -H "Authorization: Bearer $cc_token" -H 'Content-Type: application/json' \
  --data-binary @"$work/bad-utf8.json"
check "an answer echoing invalid UTF-8 and a lone surrogate: 200" "$(is "$code" 200)"
check "an answer echoing invalid UTF-8 and a lone surrogate: well-formed JSON, U+FFFD for each" \
  "$(ok python3 -c 'import json, sys
sys.exit(0 if json.loads(open(sys.argv[1], "rb").read().decode("utf-8")) == "a\ufffdb\ufffdc" else 1)' "$work/out")"

# --- requests-oauthlib ----------------------------------------------------------------------------

# The first python3 that has requests-oauthlib (Debian installs it for
# /usr/bin/python3, which may not be the python3 on PATH).
client_python=
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null && "$py" -c 'import requests_oauthlib' 2>/dev/null; then
    client_python=$py
    break
  fi
done
"${client_python:-python3}" "$client_py" "$base" "$CONSUMER_KEY" "$SECRET" "$CALLBACK" \
  "$USERNAME" "$PASSWORD" >"$work/client.out" 2>"$work/client.err"
client_status=$?
if [ "$client_status" -eq 77 ]; then
  printf 'note: %s\n' "$(head -n 1 "$work/client.out")"
else
  grep '^FAIL' "$work/client.out" | sed 's/^/  serve_oauth_client.py: /'
  cp "$work/client.out" "$work/out"
  cp "$work/client.err" "$work/err"
  check "serve_oauth_client.py: $(tail -n 1 "$work/client.out")" "$client_status"
fi

# --- the access log, and SIGTERM ------------------------------------------------------------------

stop_server TERM
check "SIGTERM: exits 0" "$(is "$server_status" 0)"
check "access log: a line for the Apex REST POST" \
  "$(ok grep -q /services/apexrest/Accounts/ "$work/serve.err")"
check "access log: a line for the token endpoint" \
  "$(ok grep -q /services/oauth2/token "$work/serve.err")"
leaked=0
for secret in "${tokens[@]}" "$SECRET" "$PASSWORD"; do
  for file in "$work/serve.err" "$work/serve.out"; do
    if grep -Fq -- "$secret" "$file"; then leaked=$((leaked + 1)); fi
  done
done
check "access log: no token, secret or password ($leaked found)" "$(is "$leaked" 0)"
check "the client's output: no secret or password" \
  "$(ok not_in "$work/client.out" "$SECRET" "$PASSWORD")"

# --- token expiry, and SIGINT ----------------------------------------------------------------------

start_server --token-ttl 2
token_cc
check "--token-ttl 2: a token" "$(ok test -n "$token")"
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $token"
check "--token-ttl 2: the fresh token works" "$(is "$code" 200)"
sleep 3
refused "--token-ttl 2: after 3 s" -H "Authorization: Bearer $token"
token_cc
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $token"
check "--token-ttl 2: a new token works again" "$(is "$code" 200)"
stop_server INT
check "SIGINT: exits 0" "$(is "$server_status" 0)"

# --- --db: the org's records outlive the server -----------------------------------------------------

start_server --db "$work/partner.db"
token_cc
req POST /services/apexrest/Accounts/ -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"AccountNumber":"DB0001","AccountName":"Kept"}'
check "--db: POST stores the account: 201" "$(is "$code" 201)"
kept_id=$(field id)
kept_token=$token
stop_server
start_server --db "$work/partner.db"
req GET /services/apexrest/Accounts/DB0001 -H "Authorization: Bearer $kept_token"
check "--db: the session outlives the server too" "$(is "$code" 200)"
check "--db: the file holds no token, only its hash" "$(ok python3 -c '
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT key, data FROM apexrun_oauth_issued").fetchall()
sys.exit(0 if rows and not any(sys.argv[2] in key + data for key, data in rows) else 1)' "$work/partner.db" "$kept_token")"
python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("DROP TABLE apexrun_oauth_issued"); db.commit()' \
  "$work/partner.db"
req POST /services/oauth2/token -d grant_type=client_credentials \
  --data-urlencode "client_id=$CONSUMER_KEY" --data-urlencode "client_secret=$SECRET"
check "--db: sessions that cannot be written: 500 in the API's shape" "$(ok json 'b[0]["errorCode"] == "UNKNOWN_EXCEPTION" and "apexrun_oauth_issued" in b[0]["message"]')"
check "--db: sessions that cannot be written: the status" "$(is "$code" 500)"
req GET /services/apexrest/Accounts/DB0001 -H "Authorization: Bearer $kept_token"
check "--db: a session the server has checked is kept in memory too" "$(is "$code" 200)"
req GET /services/data/
check "--db: and the server goes on" "$(is "$code" 200)"
stop_server
start_server --db "$work/partner.db"
token_cc
req GET /services/apexrest/Accounts/DB0001 -H "Authorization: Bearer $token"
check "--db: the next server finds it" "$(ok json '[a["id"] for a in b.get("accounts", [])] == ["'"$kept_id"'"]')"
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $token"
check "--db: and only it (a fresh org before)" "$(ok json 'len(b.get("accounts", [])) == 1')"
stop_server
(cd "$proj" && "$apexrun" data import data/Account-plan.json --db "$work/imported.db") >"$work/out" 2>"$work/err"
check "data import: the sample's plan into a file org" "$(is "$?" 0)"
start_server --db "$work/imported.db"
token_cc
req GET /services/apexrest/Accounts/ -H "Authorization: Bearer $token"
check "--db: the server answers with the imported accounts" \
  "$(ok json '[a["accountNumber"] for a in b.get("accounts", [])] == ["CD451796", "CD656092"]')"
stop_server
start_server
token_cc
stop_server
start_server
refused "an org in memory: a restart ends its sessions" -H "Authorization: Bearer $token"
stop_server
printf 'not a database\n' >"$work/bad.db"
(cd "$proj" && "$apexrun" serve --project "$proj" --db "$work/bad.db") >"$work/out" 2>"$work/err"
check "--db on a file that is no org's database: exit 66 and a clear message" \
  "$(ok test "$?" -eq 66 -a -n "$(grep "the org's records" "$work/err")")"

# --- a credential store that cannot be opened: serve does not start -----------------------------------

(cd "$proj" && APEXRUN_STORE_KEY=$(printf '0%.0s' $(seq 64)) "$apexrun" serve --project "$proj") >"$work/out" 2>"$work/err"
check "serve with a wrong store key: exit 66" "$(is "$?" 66)"
check "serve with a wrong store key: says why" "$(ok grep -q 'the key does not match this store' "$work/err")"
check "serve with a wrong store key: never listens" "$(ok not_in "$work/out" listening)"
mv "$XDG_CONFIG_HOME/apexrun/store.key" "$work/store.key.aside"
(cd "$proj" && "$apexrun" serve --project "$proj") >"$work/out" 2>"$work/err"
check "serve without the store's key file: exit 66" "$(is "$?" 66)"
mv "$work/store.key.aside" "$XDG_CONFIG_HOME/apexrun/store.key"

# --- --host that is not loopback: a warning ---------------------------------------------------------------

start_server --host 0.0.0.0
check "--host 0.0.0.0: warns that other machines can reach it" \
  "$(ok grep -q 'apexrun: warning: --host 0.0.0.0 is not a loopback address' "$work/serve.err")"
stop_server

# --- slow clients: the request deadline (--request-timeout) -----------------------------------------

# 70 clients (more than the 64 connection threads) trickle a request a byte
# every 0.3 s: each is answered 408 and cut off after 2 s, and a normal
# request made meanwhile is answered once threads are free again.
start_server --request-timeout 2
python3 - "${base##*:}" >"$work/out" 2>"$work/err" <<'PY'
import socket, sys, threading, time, urllib.request
port = int(sys.argv[1])
request = b"GET /services/data/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
slow = []
for _ in range(70):  # each sends its first byte at once, so that it is not an idle connection
    slow.append(socket.create_connection(("127.0.0.1", port), timeout=20))
    slow[-1].sendall(request[:1])
def trickle():
    for byte in request[1:]:
        for s in slow:
            try:
                s.sendall(bytes([byte]))
            except OSError:
                pass
        time.sleep(0.3)
slow_answer = []
def read_slow():
    answer = b""
    try:
        while True:
            chunk = slow[0].recv(4096)
            if not chunk:
                break
            answer += chunk
    except OSError as error:
        answer += ("(%s)" % error).encode()
    slow_answer.append(answer)
reader = threading.Thread(target=read_slow)
reader.start()
threading.Thread(target=trickle, daemon=True).start()
time.sleep(0.5)
started = time.time()
def when():
    took = time.time() - started
    return "in time" if took < 8 else "after %.1f s" % took
with urllib.request.urlopen("http://127.0.0.1:%d/services/data/" % port, timeout=20) as answer:
    print("normal request: %d %s" % (answer.status, when()))
reader.join()
print("slow client: " + slow_answer[0].split(b"\r\n")[0].decode())
print("cut off " + when())
PY
check "a normal request is answered while 70 clients trickle theirs" \
  "$(ok grep -Fxq 'normal request: 200 in time' "$work/out")"
check "a client that trickles its request: 408 after --request-timeout" \
  "$(ok grep -Fxq 'slow client: HTTP/1.1 408 Request Timeout' "$work/out")"
check "a client that trickles its request: cut off in time" "$(ok grep -Fxq 'cut off in time' "$work/out")"
stop_server

# --- HTTPS, and the JWT bearer grant (signed with openssl, not apexrun) -------------------------------
# One key pair serves both: the server's certificate, and the Connected
# App's <certificate> that verifies the assertion.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=127.0.0.1' -addext 'subjectAltName=IP:127.0.0.1' \
  -keyout "$work/key.pem" -out "$work/cert.pem" >/dev/null 2>&1
app_xml=$proj/force-app/main/default/connectedApps/Seed_Integration.connectedApp-meta.xml
python3 - "$app_xml" "$work/cert.pem" <<'PY'
import sys
xml, cert = open(sys.argv[1]).read(), open(sys.argv[2]).read().strip()
open(sys.argv[1], 'w').write(xml.replace('<oauthConfig>', '<oauthConfig>\n        <certificate>' + cert + '</certificate>', 1))
PY
start_server --tls-cert "$work/cert.pem" --tls-key "$work/key.pem"
base=${base/http:/https:}
check "--tls-cert: listening on https" "$(ok grep -q 'listening on https://127.0.0.1:' "$work/serve.out")"
req GET /services/data/ --cacert "$work/cert.pem"
check "HTTPS: /services/data/ with the server's certificate trusted" "$(is "$code" 200)"
req GET /services/data/
check "HTTPS: refused by a client that does not trust the certificate" "$(is "$code" 000)"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
# jwt AUDIENCE SUBJECT: an RS256 assertion for the Connected App, valid 5 minutes.
jwt() {
  local header payload signature
  header=$(printf '{"alg":"RS256"}' | b64url)
  payload=$(printf '{"iss":"%s","sub":"%s","aud":"%s","exp":%d}' "$CONSUMER_KEY" "$2" "$1" $(($(date +%s) + 300)) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/key.pem" | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}
req POST /services/oauth2/token --cacert "$work/cert.pem" \
  -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer --data-urlencode "assertion=$(jwt https://login.salesforce.com "$USERNAME")"
check "JWT bearer: 200" "$(is "$code" 200)"
check "JWT bearer: a Bearer token, no refresh token" "$(ok json "b['token_type'] == 'Bearer' and 'refresh_token' not in b")"
jwt_token=$(field access_token)
req GET /services/apexrest/Accounts/ --cacert "$work/cert.pem" -H "Authorization: Bearer $jwt_token"
check "JWT bearer: the token reaches the REST resource over HTTPS" "$(is "$code" 200)"
req POST /services/oauth2/token --cacert "$work/cert.pem" \
  -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer --data-urlencode "assertion=$(jwt https://example.com "$USERNAME")"
check "JWT bearer, wrong audience: 400 invalid_grant" "$(is "$code/$(field error)" 400/invalid_grant)"
# The signature with one character in its middle changed.
assertion=$(jwt https://login.salesforce.com "$USERNAME")
middle=$((${#assertion} - 20))
swapped=$( [ "${assertion:middle:1}" = A ] && echo B || echo A )
tampered=${assertion:0:middle}$swapped${assertion:middle+1}
req POST /services/oauth2/token --cacert "$work/cert.pem" \
  -d grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer --data-urlencode "assertion=$tampered"
check "JWT bearer, bad signature: 400 invalid_grant" "$(is "$code/$(field error)" 400/invalid_grant)"
stop_server
check "HTTPS server: SIGTERM exits 0" "$(is "$server_status" 0)"

# --- apexrun's own callouts: the samples/seed story ---------------------------------------------------
# scripts/seed-story signs the caller's Named Credential in through its Auth
# Provider, runs the original script (fails, with --explain's hints), the
# corrected one, and again after the token expired (401, refresh, retry).
story=$here/../../scripts/seed-story
bash "$story" "$apexrun" >"$work/out" 2>"$work/err"
check "seed story: exits 0" "$?"
cat "$work/out" "$work/err" >"$work/story"
check "seed story: signed in" "$(ok grep -q '^Signed in Seed_Partner_API: stored an access token and a refresh token' "$work/story")"
check "seed story: --explain names the missing endpoint" "$(ok grep -q 'req is sent (line 7) without an endpoint' "$work/story")"
check "seed story: --explain names the missing method" "$(ok grep -q 'without an HTTP method' "$work/story")"
check "seed story: --explain names the body never set" "$(ok grep -q 'body looks like a JSON request body but is never set' "$work/story")"
check "seed story: --explain names the hand-made Authorization header" \
  "$(ok grep -q 'the Authorization header is written by hand' "$work/story")"
check "seed story: the original fails before sending" "$(ok grep -q '^Error: System.CalloutException: Endpoint is not set' "$work/story")"
check "seed story: the corrected script stores the account" "$(is "$(grep -c '^Created Seed Test as 001000000000001AAA' "$work/story")" 1)"
check "seed story: the expired token is refused once" "$(is "$(grep -c '^< HTTP/1.1 401 Unauthorized' "$work/story")" 1)"
check "seed story: the retry succeeds and finds the account stored" \
  "$(is "$(grep -c '^Already there: Seed Test as 001000000000001AAA' "$work/story")/$(grep -c '^< HTTP/1.1 200 OK' "$work/story")" 1/1)"
check "seed story: the refresh is in the partner's log" \
  "$(is "$(grep -c '"POST /services/oauth2/token" 200' "$work/story")" 2)"

finish serve
