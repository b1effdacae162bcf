#!/usr/bin/env bash
# Named Credentials end to end (docs/credentials.md): temp SFDX projects whose
# credential metadata points at servers started here on 127.0.0.1 (the
# http_fixture, whose /echo reflects the request, and oauth_server.py, a
# Salesforce-shaped OAuth server), secrets put in the store with
# `apexrun credential set`, and `apexrun run` / `apexrun auth login` run from
# inside the project. Covers Basic, Password, Custom (formula headers),
# merge fields and their hints, every $Credential field, endpoint joining and
# namespaces, the errors, the generated Authorization header, OAuth (login,
# refresh on 401 and on an AdditionalRefreshStatusCode, a refused refresh,
# client credentials, JWT bearer, two processes refreshing at once), a wrong
# store key, and that no secret shows in any output.
#
# HOME and XDG_CONFIG_HOME point into the temp folder and APEXRUN_STORE_KEY
# is unset, so the store key file is made there; the user's real key and
# stores are never touched.
#
# Usage: credentials_test.sh PATH-TO-APEXRUN PATH-TO-HTTP_FIXTURE PATH-TO-OAUTH_SERVER.PY
# Prints FAIL lines (and a few `note:` lines), then `N passed, N failed`;
# exits non-zero on any failure.
set -uo pipefail

usage='usage: credentials_test.sh APEXRUN HTTP_FIXTURE OAUTH_SERVER_PY'
abs() {  # an absolute path for $1: the commands below run from other folders
  case $1 in
    /*) printf '%s\n' "$1" ;;
    */*) printf '%s/%s\n' "$PWD" "$1" ;;
    *) command -v -- "$1" || printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}
apexrun=$(abs "${1:?$usage}")
fixture=$(abs "${2:?$usage}")
oauthpy=$(abs "${3:?$usage}")

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$work" || exit 1

export HOME="$work/home"
export XDG_CONFIG_HOME="$work/config"
unset APEXRUN_STORE APEXRUN_STORE_KEY
mkdir -p "$HOME"
keyfile="$XDG_CONFIG_HOME/apexrun/store.key"

passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() {  # fail NAME [DETAIL-LINE...]
  failed=$((failed + 1))
  printf 'FAIL: %s\n' "$1"
  shift
  [ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
  return 0
}
check() {  # check NAME CONDITION-EXIT-STATUS
  if [ "$2" -eq 0 ]; then pass; else fail "$1" "$(context)"; fi
}

# What the last run printed, to explain a failure.
context() {
  printf 'command: %s\n' "$last_command"
  printf 'exit status: %s\n' "$status"
  head -n 8 "$work/out" | sed 's/^/stdout: /'
  head -n 8 "$work/err" | sed 's/^/stderr: /'
}

# run [--in DIR] [--stdin TEXT] ARGS... : runs apexrun ARGS from DIR (default
# the main project) with a 60 s limit; stdout to $work/out, stderr to
# $work/err, exit to $status. Standard input is TEXT and a newline, else
# empty. Everything printed is appended to $work/transcript, which the
# secret checks search at the end.
last_command=
status=0
run() {
  local dir=$proj input=/dev/null
  if [ "${1:-}" = --in ]; then dir=$2; shift 2; fi
  if [ "${1:-}" = --stdin ]; then
    printf '%s\n' "$2" >"$work/stdin"
    input=$work/stdin
    shift 2
  fi
  last_command="(cd $dir && apexrun $*)"
  (cd "$dir" && exec timeout 60 "$apexrun" "$@") <"$input" >"$work/out" 2>"$work/err"
  status=$?
  rm -f "$work/stdin"
  { printf '### %s\n' "$last_command"; cat "$work/out" "$work/err"; } >>"$work/transcript"
}

expect_status() {  # expect_status NAME CODE
  if [ "$status" -eq "$2" ]; then pass; else fail "$1 (exit status $status, expected $2)" "$(context)"; fi
}

# expect_out NAME LINE... : stdout of the last run is exactly these lines.
expect_out() {
  local name=$1
  shift
  if diff <(printf '%s\n' "$@") "$work/out" >"$work/diff" 2>&1; then
    pass
  else
    fail "$name (stdout differs: < expected, > actual)" "$(head -n 20 "$work/diff")" "$(context)"
  fi
}

has_line() { grep -Fxq -- "$2" "$1"; }        # FILE TEXT: a line equal to TEXT
has_text() { grep -Fq -- "$2" "$1"; }         # FILE TEXT: TEXT anywhere
has_match() { grep -Eq -- "$2" "$1"; }        # FILE ERE: a line matching
has_prefix() { P=$2 awk 'index($0, ENVIRON["P"]) == 1 { found = 1 } END { exit !found }' "$1"; }

out_line() { if has_line "$work/out" "$2"; then pass; else fail "$1 (no stdout line: $2)" "$(context)"; fi; }
out_text() { if has_text "$work/out" "$2"; then pass; else fail "$1 (stdout lacks: $2)" "$(context)"; fi; }
out_prefix() { if has_prefix "$work/out" "$2"; then pass; else fail "$1 (no stdout line starts: $2)" "$(context)"; fi; }
out_lacks() { if ! has_text "$work/out" "$2"; then pass; else fail "$1 (stdout has: $2)" "$(context)"; fi; }
err_line() { if has_line "$work/err" "$2"; then pass; else fail "$1 (no stderr line: $2)" "$(context)"; fi; }
err_text() { if has_text "$work/err" "$2"; then pass; else fail "$1 (stderr lacks: $2)" "$(context)"; fi; }
err_prefix() { if has_prefix "$work/err" "$2"; then pass; else fail "$1 (no stderr line starts: $2)" "$(context)"; fi; }
err_lacks() { if ! has_text "$work/err" "$2"; then pass; else fail "$1 (stderr has: $2)" "$(context)"; fi; }

# in_order NAME FILE ERE... : lines matching the EREs appear in FILE in this order.
in_order() {
  local name=$1 file=$2
  shift 2
  printf '%s\n' "$@" >"$work/patterns"
  if awk 'NR == FNR { p[n++] = $0; next } i < n && $0 ~ p[i] { i++ } END { exit i < n }' \
      "$work/patterns" "$file"; then
    pass
  else
    fail "$name (lines not found in this order: $*)" "$(context)"
  fi
}

# count_lines FILE ERE : how many lines match.
count_lines() { grep -Ec -- "$2" "$1"; }

# rev_of TEXT : TEXT reversed. The Apex below prints secrets reversed, which
# apexrun's masking (exact values only) lets through, so that the test can
# see what the server received; the reversed text is no secret.
rev_of() {
  local text=$1 out='' i
  for ((i = ${#text} - 1; i >= 0; i--)); do out+=${text:i:1}; done
  printf '%s' "$out"
}
b64() { printf '%s' "$1" | base64 -w0; }

# --- servers ------------------------------------------------------------------

# start LOG COMMAND... : in the background, under a 10-minute backstop in case
# this script is killed without running its trap; sets $started.
start() {
  local log=$1
  shift
  timeout 600 "$@" >"$work/$log.log" 2>&1 &
  started=$!
  pids+=("$started")
}

# wait_port NAME FILE PID : reads the port the server wrote to FILE into $port
# (polls up to 10 s); exits the test when the server does not come up.
wait_port() {
  local _
  for _ in $(seq 100); do
    if [ -s "$2" ] && read -r port <"$2" && [ -n "$port" ]; then return 0; fi
    kill -0 "$3" 2>/dev/null || break
    sleep 0.1
  done
  fail "$1 server did not start" "$(cat "$work/$1.log" 2>/dev/null)"
  printf '%d passed, %d failed\n' "$passed" "$failed"
  exit 1
}

# The secrets. Every one must stay out of every output (section 15); none
# contains another, and each is long enough for apexrun to mask.
BASIC_USER='svc-basic-0e4b7d'
BASIC_PASS='Pw-basic-6f1c2a'
LEGACY_PASS='Pw-legacy-93be0d'
API_KEY='sk_live_51HqLk7eQz'
HMAC_KEY='hk-secret-5a0b9c'
MERGE_PASS='p<&>w-Merge-4417'
ENCODED_PASS='p&lt;&amp;&gt;w-Merge-4417'   # HTMLENCODE(MERGE_PASS)
GEN_PASS='Pw-genoff-c3d2e1'
KNOWN_TOKEN='at-known-echo-71c0de9f'
CLIENT_SECRET='cs-authprov-d81f7a'
SHORT_SECRET='cs-shortttl-0a6e52'
CC_SECRET='cs-clientcred-2b95e3'
CB_USER='cb-user-8d1f3e'
STORED_USER='stored-user-7e21b4'
PER_USER_PASS='Pw-peruser-58ac1d'
CB_PASS='cb-pass-47a9c0'
JWT_USER='integration@example.com'

# The JWT bearer key pair (the server verifies with the public key).
if ! { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-key.pem" &&
       openssl pkey -in "$work/jwt-key.pem" -pubout -out "$work/jwt-pub.pem"; } >"$work/openssl.log" 2>&1; then
  fail "openssl makes an RSA key pair for the JWT bearer flow" "$(tail -n 3 "$work/openssl.log")"
  printf '%d passed, %d failed\n' "$passed" "$failed"
  exit 1
fi

# Server A: rotating refresh tokens; the auth-code client of the Auth
# Provider Local_AP, a client-credentials client and a JWT client.
cat >"$work/oauth-a.json" <<EOF
{
  "clients": [
    {"id": "local-consumer-key", "secret": "$CLIENT_SECRET", "redirect_uris": ["http://127.0.0.1/callback"]},
    {"id": "cc-client", "secret": "$CC_SECRET"},
    {"id": "jwt-client", "public_key": "$work/jwt-pub.pem"}
  ],
  "users": [{"username": "$JWT_USER", "password": "unused-password-1"}],
  "rotate_refresh_tokens": true,
  "expose_tokens": true
}
EOF
# Server B: access tokens good for 2 s, refresh tokens not rotated.
cat >"$work/oauth-b.json" <<EOF
{
  "clients": [
    {"id": "short-consumer-key", "secret": "$SHORT_SECRET", "redirect_uris": ["http://127.0.0.1/callback"]}
  ],
  "users": [{"username": "short@example.com", "password": "unused-password-2"}],
  "token_ttl": 2,
  "rotate_refresh_tokens": false,
  "expose_tokens": true
}
EOF

start http "$fixture" --port-file "$work/http.port"
http_pid=$started
start oauth_a python3 "$oauthpy" "$work/oauth-a.port" "$work/oauth-a.json"
oauth_a_pid=$started
start oauth_b python3 "$oauthpy" "$work/oauth-b.port" "$work/oauth-b.json"
oauth_b_pid=$started
wait_port http "$work/http.port" "$http_pid"
HTTP=http://127.0.0.1:$port
wait_port oauth_a "$work/oauth-a.port" "$oauth_a_pid"
OA=http://127.0.0.1:$port
wait_port oauth_b "$work/oauth-b.port" "$oauth_b_pid"
OB=http://127.0.0.1:$port

# server_json URL PYTHON-EXPRESSION : evaluates the expression over the JSON
# that a GET of URL answers (as `s`); prints the result.
server_json() {
  python3 -c 'import json, sys, urllib.request
s = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))
print(eval(sys.argv[2]))' "$1" "$2"
}
# server_stat SERVER-URL PYTHON-EXPRESSION : the same over the OAuth server's /stats.
server_stat() { server_json "$1/stats" "$2"; }
grants() { server_stat "$1" "s['issued'].get('$2', 0)"; }     # grants URL GRANT: tokens issued by that grant
resources() { server_stat "$1" "s['resources'].get('$2', 0)"; }  # resources URL STATUS

# --- the project --------------------------------------------------------------

proj=$work/proj
meta=$proj/force-app/main/default
mkdir -p "$meta/namedCredentials" "$meta/externalCredentials" "$meta/authproviders"
printf '%s\n' '{"packageDirectories":[{"path":"force-app","default":true}],"name":"creds","namespace":"","sourceApiVersion":"62.0"}' \
  >"$proj/sfdx-project.json"
store=$proj/.apexrun/credentials.db

# Metadata writers. nc_url, nc_auth, nc_header and ec_param print one
# parameter element, which new_nc and ec put in a file.
nc_url() {
  printf '    <namedCredentialParameters>\n        <parameterName>Url</parameterName>\n        <parameterType>Url</parameterType>\n        <parameterValue>%s</parameterValue>\n    </namedCredentialParameters>\n' "$1"
}
nc_auth() {
  printf '    <namedCredentialParameters>\n        <externalCredential>%s</externalCredential>\n        <parameterName>ExternalCredential</parameterName>\n        <parameterType>Authentication</parameterType>\n    </namedCredentialParameters>\n' "$1"
}
nc_header() {  # NAME FORMULA SEQUENCE (the formula already XML-escaped)
  printf '    <namedCredentialParameters>\n        <parameterName>%s</parameterName>\n        <parameterType>HttpHeader</parameterType>\n        <parameterValue>%s</parameterValue>\n        <sequenceNumber>%s</sequenceNumber>\n    </namedCredentialParameters>\n' "$1" "$2" "$3"
}
ec_param() {  # NAME TYPE [VALUE [EXTRA-XML]]
  printf '    <externalCredentialParameters>\n'
  [ -n "${4:-}" ] && printf '        %s\n' "$4"
  printf '        <parameterName>%s</parameterName>\n        <parameterType>%s</parameterType>\n' "$1" "$2"
  [ -n "${3:-}" ] && printf '        <parameterValue>%s</parameterValue>\n' "$3"
  printf '    </externalCredentialParameters>\n'
}

# new_nc NAME ALLOW-MERGE(true|false) [PARAMETER-XML...] : a SecuredEndpoint
# (new model) Named Credential.
new_nc() {
  local name=$1 merge=$2
  shift 2
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">\n'
    printf '    <allowMergeFieldsInBody>%s</allowMergeFieldsInBody>\n    <allowMergeFieldsInHeader>%s</allowMergeFieldsInHeader>\n' "$merge" "$merge"
    printf '    <calloutStatus>Enabled</calloutStatus>\n    <generateAuthorizationHeader>true</generateAuthorizationHeader>\n'
    printf '    <label>%s</label>\n' "$name"
    [ $# -gt 0 ] && printf '%s\n' "$@"
    printf '    <namedCredentialType>SecuredEndpoint</namedCredentialType>\n</NamedCredential>\n'
  } >"$meta/namedCredentials/$name.namedCredential-meta.xml"
}

# legacy_nc NAME ENDPOINT PROTOCOL ALLOW-MERGE GENERATE-AUTH [EXTRA-ELEMENT-XML]
legacy_nc() {
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">\n'
    printf '    <allowMergeFieldsInBody>%s</allowMergeFieldsInBody>\n    <allowMergeFieldsInHeader>%s</allowMergeFieldsInHeader>\n' "$4" "$4"
    printf '%s' "${6:-}"
    printf '    <calloutStatus>Enabled</calloutStatus>\n    <endpoint>%s</endpoint>\n' "$2"
    printf '    <generateAuthorizationHeader>%s</generateAuthorizationHeader>\n    <label>%s</label>\n' "$5" "$1"
    printf '    <principalType>NamedUser</principalType>\n    <protocol>%s</protocol>\n' "$3"
    printf '</NamedCredential>\n'
  } >"$meta/namedCredentials/$1.namedCredential-meta.xml"
}

# ec NAME PROTOCOL [PARAMETER-XML...]
ec() {
  local name=$1 protocol=$2
  shift 2
  {
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<ExternalCredential xmlns="http://soap.sforce.com/2006/04/metadata">\n'
    printf '    <authenticationProtocol>%s</authenticationProtocol>\n' "$protocol"
    [ $# -gt 0 ] && printf '%s\n' "$@"
    printf '    <label>%s</label>\n</ExternalCredential>\n' "$name"
  } >"$meta/externalCredentials/$name.externalCredential-meta.xml"
}

# auth_provider NAME SERVER-URL CONSUMER-KEY
auth_provider() {
  cat >"$meta/authproviders/$1.authprovider-meta.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<AuthProvider xmlns="http://soap.sforce.com/2006/04/metadata">
    <authorizeUrl>$2/services/oauth2/authorize</authorizeUrl>
    <consumerKey>$3</consumerKey>
    <defaultScopes>api refresh_token</defaultScopes>
    <friendlyName>$1</friendlyName>
    <includeOrgIdInIdentifier>false</includeOrgIdInIdentifier>
    <isPkceEnabled>true</isPkceEnabled>
    <providerType>OpenIdConnect</providerType>
    <requireMfa>false</requireMfa>
    <sendAccessTokenInHeader>false</sendAccessTokenInHeader>
    <sendClientCredentialsInHeader>false</sendClientCredentialsInHeader>
    <sendSecretInApis>true</sendSecretInApis>
    <tokenUrl>$2/services/oauth2/token</tokenUrl>
</AuthProvider>
EOF
}

# Basic: new model (Basic_NC + Basic_EC) and legacy Password (Legacy_Pw).
new_nc Basic_NC false "$(nc_url "$HTTP")" "$(nc_auth Basic_EC)"
ec Basic_EC Basic "$(ec_param ServiceAccount NamedPrincipal)"
legacy_nc Legacy_Pw "$HTTP" Password false true '    <username>legacy-user</username>
'
# Custom: an AuthHeader formula on the EC, HttpHeader formulas on the NC.
new_nc Custom_NC true "$(nc_url "$HTTP")" "$(nc_auth Custom_EC)" \
  "$(nc_header X-Tenant "'acme'" 1)" \
  "$(nc_header X-B64 "BASE64ENCODE(BLOB('a:b'))" 2)" \
  "$(nc_header X-Hash "HEX(HASH('SHA-256', BLOB('abc')))" 3)" \
  "$(nc_header X-Hmac-Known "HEX(HMAC('SHA-256', BLOB('The quick brown fox jumps over the lazy dog'), BLOB('key')))" 4)" \
  "$(nc_header X-Hmac-Signed "{!HEX(HMAC('SHA-256', BLOB('message'), BLOB(\$Credential.Custom_EC.HmacKey)))}" 5)" \
  "$(nc_header X-Concat "\"tenant-\" + 'ac\\'me' &amp; TEXT('-1')" 6)" \
  "$(nc_header X-Dec "BASE64DECODE('YTpi')" 7)"
ec Custom_EC Custom "$(ec_param Tenant NamedPrincipal)" \
  "$(ec_param Authorization AuthHeader "{!'Bearer ' &amp; \$Credential.Custom_EC.ApiKey}")" \
  "$(ec_param Region AuthParameter eu-west-1)"
# Custom with a Basic value computed from two stored parameters.
new_nc Custom_Basic_NC false "$(nc_url "$HTTP")" "$(nc_auth Custom_Basic_EC)"
ec Custom_Basic_EC Custom \
  "$(ec_param Authorization AuthHeader "{!'Basic ' &amp; BASE64ENCODE(BLOB(\$Credential.Custom_Basic_EC.User &amp; ':' &amp; \$Credential.Custom_Basic_EC.Pass))}")"
# Merge fields: the same legacy Password credential with merging off and on.
legacy_nc Merge_Off "$HTTP" Password false true '    <username>merge-user</username>
'
legacy_nc Merge_On "$HTTP" Password true true '    <username>merge-user</username>
'
# The generated Authorization header switched off.
legacy_nc Gen_Off "$HTTP" Password false false '    <username>gen-user</username>
'
# A stored username wins over the XML's; a per-user credential.
legacy_nc Legacy_User "$HTTP" Password false true '    <username>xml-user</username>
'
legacy_nc Per_User "$HTTP" Password false true '    <username>xml-user</username>
'
sed -i 's|<principalType>NamedUser</principalType>|<principalType>PerUser</principalType>|' \
  "$meta/namedCredentials/Per_User.namedCredential-meta.xml"
# A formula apexrun does not support (SIGN), and an OAuth credential never
# signed in.
new_nc Sign_NC false "$(nc_url "$HTTP")" "$(nc_header X-Sig "SIGN('RSA-SHA256', BLOB('x'), 'Cert')" 1)"
legacy_nc NoToken_NC "$HTTP" Oauth false true '    <authProvider>Local_AP</authProvider>
'
# A password credential whose password was never stored.
legacy_nc NoPw_NC "$HTTP" Password false true '    <username>nobody</username>
'
# No authentication, merge fields allowed.
new_nc NoAuth_Merge true "$(nc_url "$HTTP")"
# Endpoints: no authentication, URLs with and without a path.
new_nc Path_Plain false "$(nc_url "$HTTP")"
new_nc Path_Slash false "$(nc_url "$HTTP/")"
new_nc Path_Echo false "$(nc_url "$HTTP/echo")"
new_nc Path_Base false "$(nc_url "$HTTP/base")"
# Broken: a Url parameter without its value, and a file that is not XML.
cat >"$meta/namedCredentials/Broken_NC.namedCredential-meta.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <label>Broken NC</label>
    <namedCredentialParameters>
        <parameterName>Url</parameterName>
        <parameterType>Url</parameterType>
    </namedCredentialParameters>
    <namedCredentialType>SecuredEndpoint</namedCredentialType>
</NamedCredential>
EOF
printf '<?xml version="1.0" encoding="UTF-8"?>\n<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Not closed\n' \
  >"$meta/namedCredentials/Bad_Xml.namedCredential-meta.xml"
# OAuth: Auth Providers on servers A and B.
auth_provider Local_AP "$OA" local-consumer-key
auth_provider Short_AP "$OB" short-consumer-key
oauth_scope='    <authProvider>Local_AP</authProvider>
    <oauthScope>api refresh_token</oauthScope>
'
legacy_nc SF_Legacy "$OA" Oauth false true "$oauth_scope"
legacy_nc Echo_OAuth "$HTTP" Oauth true true "$oauth_scope"
legacy_nc SF_Short "$OB" Oauth false true '    <authProvider>Short_AP</authProvider>
    <oauthScope>api refresh_token</oauthScope>
'
# An EC through Local_AP that also refreshes on 403 and 404.
new_nc Forbid_NC false "$(nc_url "$OA")" "$(nc_auth Forbid_EC)"
ec Forbid_EC Oauth "$(ec_param Local_AP AuthProvider '' '<authProvider>Local_AP</authProvider>')" \
  "$(ec_param Integration NamedPrincipal)" \
  "$(ec_param Scope AuthParameter 'api refresh_token' '<parameterGroup>Integration</parameterGroup>')" \
  "$(ec_param Forbidden AdditionalRefreshStatusCode 403)" \
  "$(ec_param NotFound AdditionalRefreshStatusCode 404)"
# Client credentials and JWT bearer: token endpoints named by the EC itself.
new_nc CC_NC false "$(nc_url "$OA")" "$(nc_auth CC_EC)"
ec CC_EC Oauth "$(ec_param Variant AuthProtocolVariant ClientCredentialsClientSecret)" \
  "$(ec_param TokenUrl AuthProviderUrl "$OA/services/oauth2/token")" \
  "$(ec_param Client NamedPrincipal)" \
  "$(ec_param Scope AuthParameter api)"
new_nc Jwt_NC false "$(nc_url "$OA")" "$(nc_auth Jwt_EC)"
ec Jwt_EC Oauth "$(ec_param Variant AuthProtocolVariant JwtBearer)" \
  "$(ec_param TokenUrl AuthProviderUrl "$OA/services/oauth2/token")" \
  "$(ec_param aud JwtBodyClaim https://login.salesforce.com)" \
  "$(ec_param Integration NamedPrincipal)"

# script NAME < APEX : writes $work/NAME.apex with @HTTP@, @OA@ and @OB@ filled in.
script() {
  sed -e "s|@HTTP@|$HTTP|g" -e "s|@OA@|$OA|g" -e "s|@OB@|$OB|g" >"$work/$1.apex"
}

# echo_script NAME ENDPOINT METHOD [--show FIELD]... ['HEADER: VALUE']... [-- BODY]
# writes a script that sends the request and prints `status CODE`, then the
# /echo fields path, query, body and each FIELD (a lower-cased header name)
# as `FIELD=VALUE-REVERSED` (`FIELD=<none>` when the server did not get it).
# A CalloutException prints `caught: MESSAGE`.
echo_script() {
  local name=$1 endpoint=$2 method=$3 setters='' body='' fields='path query body'
  shift 3
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then body=$2; shift 2; continue; fi
    if [ "$1" = --show ]; then fields="$fields $2"; shift 2; continue; fi
    setters="${setters}req.setHeader('${1%%: *}', '${1#*: }');
"
    shift
  done
  [ -n "$body" ] && setters="${setters}req.setBody('$body');
"
  script "$name" <<APEX
String rev(String body, String field) {
    String v = body.substringBetween('"' + field + '":"', '"');
    return field + '=' + (v == null ? '<none>' : v.reverse());
}
HttpRequest req = new HttpRequest();
req.setEndpoint('$endpoint');
req.setMethod('$method');
$setters
try {
    HttpResponse res = new Http().send(req);
    System.debug('status ' + res.getStatusCode());
    String b = res.getBody();
    for (String f : '$fields'.split(' ')) {
        System.debug(rev(b, f));
    }
} catch (CalloutException e) {
    System.debug('caught: ' + e.getMessage());
}
APEX
}

# The expected line for a reflected field: field FIELD VALUE.
field() { printf '%s=%s\n' "$1" "$(rev_of "$2")"; }

# parallel NAME N APEX-FILE : runs `apexrun run --debug-only --trace-callouts
# APEX-FILE` N times at once from the project; then, for process i, its
# output is in $work/NAME.i.out and .err and its exit status in par_status[i].
par_status=()
parallel() {
  local name=$1 n=$2 file=$3 i
  local -a started_pids=()
  for i in $(seq "$n"); do
    (cd "$proj" && exec timeout 60 "$apexrun" run --debug-only --trace-callouts "$file") \
      </dev/null >"$work/$name.$i.out" 2>"$work/$name.$i.err" &
    started_pids[i]=$!
  done
  for i in $(seq "$n"); do
    wait "${started_pids[i]}"
    par_status[i]=$?
    { printf '### parallel %s, process %s\n' "$name" "$i"; cat "$work/$name.$i.out" "$work/$name.$i.err"; } \
      >>"$work/transcript"
  done
}
# as_last NAME I : makes process I of a parallel batch the "last run" for
# the expect_* and out_* helpers.
as_last() {
  last_command="parallel $1, process $2"
  cp "$work/$1.$2.out" "$work/out"
  cp "$work/$1.$2.err" "$work/err"
  status=${par_status[$2]}
}

# --- 0. the store and its key -------------------------------------------------

# Secrets go in through standard input or @env:, never the command line
# (the transcript records the command lines).
export BASIC_USER
run --stdin "$BASIC_PASS" credential set Basic_EC --principal ServiceAccount username=@env:BASIC_USER password=-
expect_status "store: credential set (password from stdin) exits 0" 0
check "store: the store file is made in the project" "$([ -f "$store" ]; echo $?)"
check "store: the key file is made in XDG_CONFIG_HOME" "$([ -f "$keyfile" ]; echo $?)"
check "store: the key file is mode 0600" "$([ "$(stat -c %a "$keyfile" 2>/dev/null)" = 600 ]; echo $?)"
run --stdin "$LEGACY_PASS" credential set Legacy_Pw password=-
expect_status "store: set Legacy_Pw" 0
export CUSTOM_API_KEY=$API_KEY
run --stdin "$HMAC_KEY" credential set Custom_EC ApiKey=@env:CUSTOM_API_KEY HmacKey=-
expect_status "store: set Custom_EC (@env: and stdin)" 0
unset CUSTOM_API_KEY
export CB_USER
run --stdin "$CB_PASS" credential set Custom_Basic_EC User=@env:CB_USER Pass=-
expect_status "store: set Custom_Basic_EC" 0
for nc in Merge_Off Merge_On; do
  run --stdin "$MERGE_PASS" credential set "$nc" password=-
  expect_status "store: set $nc" 0
done
run --stdin "$GEN_PASS" credential set Gen_Off password=-
expect_status "store: set Gen_Off" 0
export STORED_USER
run --stdin "$LEGACY_PASS" credential set Legacy_User username=@env:STORED_USER password=-
expect_status "store: set Legacy_User" 0
run --stdin "$PER_USER_PASS" credential set Per_User --principal ana username=ana.user password=-
expect_status "store: set Per_User for principal ana" 0
run --stdin "$KNOWN_TOKEN" credential set Echo_OAuth accessToken=-
expect_status "store: set Echo_OAuth accessToken" 0
run --stdin "$CLIENT_SECRET" credential set Local_AP clientSecret=-
expect_status "store: set Local_AP clientSecret" 0
run --stdin "$SHORT_SECRET" credential set Short_AP clientSecret=-
expect_status "store: set Short_AP clientSecret" 0
run --stdin "$CC_SECRET" credential set CC_EC clientId=cc-client clientSecret=-
expect_status "store: set CC_EC" 0
run credential set Jwt_EC clientId=jwt-client "privateKeyFile=$work/jwt-key.pem" "username=$JWT_USER"
expect_status "store: set Jwt_EC" 0

# --- 1. Basic -----------------------------------------------------------------

basic_value="Basic $(b64 "$BASIC_USER:$BASIC_PASS")"
echo_script basic callout:Basic_NC/echo GET --show authorization
run run --debug-only "$work/basic.apex"
expect_status "basic (new model): exit 0" 0
expect_out "basic (new model): /echo gets Authorization: Basic base64(user:pass)" \
  "status 200" "path=$(rev_of /echo)" "query=" "body=" "$(field authorization "$basic_value")"
run run --debug-only --trace-callouts "$work/basic.apex"
err_line "basic (new model): the trace masks the Basic value" "> Authorization: Basic ****"

legacy_value="Basic $(b64 "legacy-user:$LEGACY_PASS")"
echo_script legacy_pw callout:Legacy_Pw/echo GET --show authorization
run run --debug-only "$work/legacy_pw.apex"
expect_status "basic (legacy Password): exit 0" 0
out_line "basic (legacy Password): XML username + stored password" "$(field authorization "$legacy_value")"
echo_script legacy_user callout:Legacy_User/echo GET --show authorization
run run --debug-only "$work/legacy_user.apex"
out_line "basic (legacy Password): a stored username wins over the XML's" \
  "$(field authorization "Basic $(b64 "$STORED_USER:$LEGACY_PASS")")"
echo_script per_user callout:Per_User/echo GET --show authorization
run run --debug-only "$work/per_user.apex"
out_prefix "per-user credential without --user: a CalloutException" "caught: "
out_text "per-user credential without --user: tells --user" "--user"
run run --debug-only --user ana "$work/per_user.apex"
out_line "per-user credential with --user ana: that principal's values" \
  "$(field authorization "Basic $(b64 "ana.user:$PER_USER_PASS")")"

# --- 2. Custom ----------------------------------------------------------------

hmac_signed=$(python3 -c 'import hmac, hashlib, sys; print(hmac.new(sys.argv[1].encode(), b"message", hashlib.sha256).hexdigest())' "$HMAC_KEY")
echo_script custom callout:Custom_NC/echo GET --show authorization --show x-tenant --show x-b64 \
  --show x-hash --show x-hmac-known --show x-hmac-signed --show x-concat --show x-dec
run run --debug-only "$work/custom.apex"
expect_status "custom: exit 0" 0
out_line "custom: AuthHeader formula {!'Bearer ' & \$Credential.EC.ApiKey}" "$(field authorization "Bearer $API_KEY")"
out_line "custom: NC HttpHeader X-Tenant = 'acme'" "$(field x-tenant acme)"
out_line "custom: BASE64ENCODE(BLOB('a:b'))" "$(field x-b64 YTpi)"
out_line "custom: HEX(HASH('SHA-256', BLOB('abc')))" \
  "$(field x-hash ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad)"
out_line "custom: HEX(HMAC('SHA-256', value, 'key')) (a known vector)" \
  "$(field x-hmac-known f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8)"
out_line "custom: HMAC keyed with a stored parameter" "$(field x-hmac-signed "$hmac_signed")"
out_line "custom: \"text\" + 'text' & TEXT(...), with a backslash escape" "$(field x-concat "tenant-ac'me-1")"
out_line "custom: BASE64DECODE('YTpi')" "$(field x-dec a:b)"
cb_value="Basic $(b64 "$CB_USER:$CB_PASS")"
echo_script custom_basic callout:Custom_Basic_NC/echo GET --show authorization
run run --debug-only "$work/custom_basic.apex"
out_line "custom: a Basic AuthHeader computed from stored parameters" "$(field authorization "$cb_value")"

# --- 3. merge fields in Apex headers and bodies -------------------------------

merge_apex() {  # merge_apex NAME NC
  echo_script "$1" "callout:$2/echo" POST --show x-user 'X-User: {!$Credential.Username}' -- 'pw={!$Credential.Password}'
}
merge_apex merge_off Merge_Off
merge_apex merge_on Merge_On
run run --debug-only "$work/merge_off.apex"
expect_status "merge off: exit 0" 0
out_line "merge off: the header goes out as written" "$(field x-user '{!$Credential.Username}')"
out_line "merge off: the body goes out as written" "$(field body 'pw={!$Credential.Password}')"
err_prefix "merge off: a hint names the header" "hint: header X-User holds a merge field"
err_prefix "merge off: a hint for the body" "hint: the request body holds a merge field"
err_text "merge off: the header hint names the flag" "<allowMergeFieldsInHeader>true</allowMergeFieldsInHeader>"
err_text "merge off: the body hint names the flag" "<allowMergeFieldsInBody>true</allowMergeFieldsInBody>"
out_lacks "merge off: no hint on stdout (--debug-only)" "hint"
run run "$work/merge_off.apex"
expect_status "merge off (full log): exit 0" 0
out_lacks "merge off: no hint in the debug log" "hint"
err_prefix "merge off (full log): hint on stderr" "hint: header X-User holds a merge field"
run run --json "$work/merge_off.apex"
out_lacks "merge off: no hint in --json output" "hint"
check "merge off: --json output is JSON" "$(python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$work/out" 2>/dev/null; echo $?)"
run run --debug-only --no-hints "$work/merge_off.apex"
expect_status "merge off --no-hints: exit 0" 0
err_lacks "--no-hints silences the hints" "hint:"
out_line "merge off --no-hints: still sent as written" "$(field x-user '{!$Credential.Username}')"

run run --debug-only "$work/merge_on.apex"
expect_status "merge on: exit 0" 0
out_line "merge on: the header is expanded" "$(field x-user merge-user)"
out_line "merge on: the body is expanded" "$(field body "pw=$MERGE_PASS")"
err_lacks "merge on: no hint" "hint:"

echo_script merge_html callout:Merge_On/echo POST -- 'raw={!$Credential.Password}&enc={!HTMLENCODE($Credential.Password)}'
run run --debug-only "$work/merge_html.apex"
expect_status "HTMLENCODE in a body: exit 0" 0
out_line "HTMLENCODE in a body encodes <&>" "$(field body "raw=$MERGE_PASS&enc=$ENCODED_PASS")"

echo_script merge_html_header callout:Merge_On/echo GET 'X-Enc: {!HTMLENCODE($Credential.Password)}'
run run --debug-only "$work/merge_html_header.apex"
expect_status "HTMLENCODE in a header: exit 0 (caught)" 0
out_prefix "HTMLENCODE in a header: a CalloutException" "caught: "
out_text "HTMLENCODE in a header: the message says why" "HTMLENCODE is allowed only in a request body"

echo_script merge_plain "$HTTP/echo" GET --show x-user 'X-User: {!$Credential.Username}'
run run --debug-only --remote-site "$HTTP" "$work/merge_plain.apex"
expect_status "merge field in a plain (not callout:) request: exit 0" 0
out_line "plain request: the merge field goes out as written" "$(field x-user '{!$Credential.Username}')"
err_prefix "plain request: a hint says merge fields need callout:" "hint: the request to $HTTP/echo holds a {!...} merge field"
out_lacks "plain request: no hint on stdout" "hint"

# --- 4. every $Credential field -------------------------------------------------

echo_script fields_password callout:Merge_On/echo GET --show x-user --show x-pass --show x-method --show x-ahv \
  'X-User: {!$Credential.Username}' 'X-Pass: {!$Credential.Password}' \
  'X-Method: {!$Credential.AuthorizationMethod}' 'X-Ahv: {!$Credential.AuthorizationHeaderValue}'
run run --debug-only "$work/fields_password.apex"
expect_status "fields (password credential): exit 0" 0
expect_out "fields: Username, Password, AuthorizationMethod Basic, AuthorizationHeaderValue" \
  "status 200" "path=$(rev_of /echo)" "query=" "body=" "$(field x-user merge-user)" \
  "$(field x-pass "$MERGE_PASS")" "$(field x-method Basic)" "$(field x-ahv "$(b64 "merge-user:$MERGE_PASS")")"
echo_script fields_combo callout:Merge_On/echo GET --show x-combo \
  'X-Combo: {!$Credential.AuthorizationMethod} {!$Credential.Username}:{!$Credential.Password};'
run run --debug-only "$work/fields_combo.apex"
out_line "fields: several merge fields and text in one header" "$(field x-combo "Basic merge-user:$MERGE_PASS;")"

echo_script fields_oauth callout:Echo_OAuth/echo GET --show authorization --show x-method --show x-token \
  --show x-ahv --show x-key 'X-Method: {!$Credential.AuthorizationMethod}' 'X-Token: {!$Credential.OAuthToken}' \
  'X-Ahv: {!$Credential.AuthorizationHeaderValue}' 'X-Key: {!$Credential.OAuthConsumerKey}'
run run --debug-only "$work/fields_oauth.apex"
expect_status "fields (OAuth credential): exit 0" 0
expect_out "fields: AuthorizationMethod Bearer, OAuthToken, AuthorizationHeaderValue, OAuthConsumerKey" \
  "status 200" "path=$(rev_of /echo)" "query=" "body=" "$(field authorization "Bearer $KNOWN_TOKEN")" \
  "$(field x-method Bearer)" "$(field x-token "$KNOWN_TOKEN")" "$(field x-ahv "$KNOWN_TOKEN")" \
  "$(field x-key local-consumer-key)"

# A refused token with no refresh token to replace it: the message says what
# to do (sign in again), not that there is no token.
script no_refresh_token <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('callout:Echo_OAuth/status/401');
req.setMethod('GET');
try {
  new Http().send(req);
} catch (CalloutException e) {
  System.debug(e.getMessage());
}
APEX
run run --debug-only "$work/no_refresh_token.apex"
out_line "401 without a refresh token: says the token was refused and to sign in again" \
  'Named credential "Echo_OAuth": the server refused the access token, and there is no refresh token to get a new one: run apexrun auth login Echo_OAuth (with refresh_token in the scope)'

echo_script fields_noauth callout:NoAuth_Merge/echo GET --show x-method 'X-Method: [{!$Credential.AuthorizationMethod}]'
run run --debug-only "$work/fields_noauth.apex"
out_line "fields: AuthorizationMethod is empty without authentication" "$(field x-method '[]')"
echo_script fields_new callout:Custom_NC/echo GET --show x-key --show x-region \
  'X-Key: {!$Credential.Custom_EC.ApiKey}' 'X-Region: {!$Credential.Custom_EC.Region}'
run run --debug-only "$work/fields_new.apex"
expect_status "fields (new model): exit 0" 0
out_line "fields: \$Credential.EC.Param from the store" "$(field x-key "$API_KEY")"
out_line "fields: \$Credential.EC.Param from an AuthParameter in metadata" "$(field x-region eu-west-1)"

# --- 5. endpoints ---------------------------------------------------------------

path_case() {  # path_case NAME ENDPOINT PATH QUERY
  echo_script "path_$1" "$2" GET
  run run --debug-only "$work/path_$1.apex"
  expect_out "endpoint $2 -> path $3${4:+ query $4}" "status 200" "path=$(rev_of "$3")" "query=$(rev_of "$4")" "body="
}
path_case bare callout:Path_Echo /echo ''
path_case sub callout:Path_Plain/echo /echo ''
path_case double callout:Path_Plain//echo /echo ''
path_case query 'callout:Path_Plain/echo?x=1&y=2' /echo 'x=1&y=2'
path_case only_query 'callout:Path_Echo?x=1' /echo 'x=1'
path_case trailing callout:Path_Slash/echo /echo ''
path_case case_insensitive callout:path_plain/echo /echo ''

echo_script path_base callout:Path_Base/echo GET
run run --debug-only --trace-callouts "$work/path_base.apex"
expect_status "endpoint with the credential's own path: exit 0" 0
err_line "endpoint: the credential's path is kept (/base/echo)" "> GET $HTTP/base/echo"
out_line "endpoint: /base/echo is not a fixture route (404)" "status 404"
echo_script path_base_q 'callout:Path_Base/v1/x?q=a%20b' GET
run run --debug-only --trace-callouts "$work/path_base_q.apex"
err_line "endpoint: path and query under the credential's path" "> GET $HTTP/base/v1/x?q=a%20b"

nsproj=$work/nsproj
mkdir -p "$nsproj/force-app/main/default/namedCredentials"
printf '%s\n' '{"packageDirectories":[{"path":"force-app","default":true}],"name":"ns","namespace":"acme","sourceApiVersion":"62.0"}' \
  >"$nsproj/sfdx-project.json"
cp "$meta/namedCredentials/Path_Plain.namedCredential-meta.xml" "$nsproj/force-app/main/default/namedCredentials/N.namedCredential-meta.xml"
echo_script ns_prefixed callout:acme__N/echo GET
run --in "$nsproj" run --debug-only "$work/ns_prefixed.apex"
expect_out "namespace: callout:acme__N/echo" "status 200" "path=$(rev_of /echo)" "query=" "body="
echo_script ns_plain callout:N/echo GET
run --in "$nsproj" run --debug-only "$work/ns_plain.apex"
expect_out "namespace: callout:N/echo in the namespaced project" "status 200" "path=$(rev_of /echo)" "query=" "body="
echo_script ns_other callout:other__N/echo GET
run --in "$nsproj" run --debug-only "$work/ns_other.apex"
out_line "namespace: another namespace's prefix is not found" \
  'caught: The callout couldn'"'"'t access the endpoint. You might not have the required permissions, or the named credential "other__N" might not exist.'

# --- 6. errors --------------------------------------------------------------------

not_found='The callout couldn'"'"'t access the endpoint. You might not have the required permissions, or the named credential "Nope" might not exist.'
echo_script nope callout:Nope/echo GET
run run --debug-only "$work/nope.apex"
expect_out "unknown named credential: the platform's message" "caught: $not_found"
script nope_uncaught <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('callout:Nope/echo');
req.setMethod('GET');
new Http().send(req);
APEX
run run --debug-only "$work/nope_uncaught.apex"
expect_status "unknown named credential, uncaught: exit 1" 1
err_line "unknown named credential, uncaught: System.CalloutException" "Error: System.CalloutException: $not_found"
echo_script nope_outside callout:Nope/echo GET
mkdir -p "$work/outside"
run --in "$work/outside" run --debug-only "$work/nope_outside.apex"
expect_out "unknown named credential outside a project: the same message" "caught: $not_found"

echo_script broken callout:Broken_NC/echo GET
run run --debug-only "$work/broken.apex"
expect_status "broken credential file: exit 0 (caught)" 0
out_prefix "broken credential file: a CalloutException" "caught: "
out_text "broken credential file: names the file" "Broken_NC.namedCredential-meta.xml"
out_text "broken credential file: names the element and the problem" "<namedCredentialParameters> of type Url has no <parameterValue>"
echo_script bad_xml callout:Bad_Xml/echo GET
run run --debug-only "$work/bad_xml.apex"
out_text "malformed XML: names the file" "Bad_Xml.namedCredential-meta.xml"
out_text "malformed XML: says it is not well-formed" "not well-formed XML"
run run --debug-only "$work/path_sub.apex"
expect_status "another credential of the same project still works: exit 0" 0
out_line "another credential of the same project still works" "status 200"
err_lacks "a run not using the broken files does not mention Broken_NC" "Broken_NC"
err_lacks "a run not using the broken files does not mention Bad_Xml" "Bad_Xml"

echo_script sign callout:Sign_NC/echo GET
run run --debug-only "$work/sign.apex"
out_prefix "unsupported formula function: a CalloutException" "caught: "
out_text "unsupported formula function: names the file" "Sign_NC.namedCredential-meta.xml"
out_text "unsupported formula function: names the header" "X-Sig"
out_text "unsupported formula function: names SIGN" "SIGN"
echo_script notoken callout:NoToken_NC/echo GET
run run --debug-only "$work/notoken.apex"
out_prefix "OAuth credential never signed in: a CalloutException" "caught: "
out_text "OAuth credential never signed in: tells apexrun auth login" "apexrun auth login NoToken_NC"

echo_script nopw callout:NoPw_NC/echo GET
run run --debug-only "$work/nopw.apex"
expect_status "no password stored: exit 0 (caught)" 0
out_prefix "no password stored: a CalloutException" "caught: "
out_text "no password stored: tells apexrun credential set" "apexrun credential set NoPw_NC password=-"

# --- 7. the generated Authorization header ------------------------------------------

echo_script gen_on callout:Basic_NC/echo GET --show authorization 'Authorization: Bearer from-apex-code'
run run --debug-only "$work/gen_on.apex"
expect_status "generated Authorization: exit 0" 0
out_line "generated Authorization wins over Apex's" "$(field authorization "$basic_value")"
err_prefix "generated Authorization: a hint says the Apex one was replaced" \
  "hint: named credential Basic_NC generates the Authorization header, so the one set in Apex was replaced"
err_text "generated Authorization: the hint names the flag" "<generateAuthorizationHeader>false</generateAuthorizationHeader>"
echo_script gen_off callout:Gen_Off/echo GET --show authorization 'Authorization: Bearer from-apex-code'
run run --debug-only "$work/gen_off.apex"
expect_status "generateAuthorizationHeader false: exit 0" 0
out_line "generateAuthorizationHeader false: the Apex Authorization goes out" \
  "$(field authorization 'Bearer from-apex-code')"
err_lacks "generateAuthorizationHeader false: no hint" "hint:"

# --- 8. OAuth: auth login, then a Bearer callout ---------------------------------------

data_script() {  # data_script NAME ENDPOINT : prints the status and the body
  script "$1" <<APEX
HttpRequest req = new HttpRequest();
req.setEndpoint('$2');
req.setMethod('GET');
try {
    HttpResponse res = new Http().send(req);
    System.debug(res.getStatusCode());
    System.debug(res.getBody());
} catch (CalloutException e) {
    System.debug('caught: ' + e.getMessage());
}
APEX
}
data_script data callout:SF_Legacy/services/data/v62.0/
data_ok() {  # data_ok NAME : the last run printed 200 and the resource's JSON
  expect_out "$1" 200 '{"path": "/services/data/v62.0/", "query": "", "user": "integration@example.com"}'
}

run auth login SF_Legacy --non-interactive
expect_status "auth login (legacy OAuth NC): exit 0" 0
out_prefix "auth login: Signed in ..." "Signed in SF_Legacy"
out_text "auth login: stored an access and a refresh token" "stored an access token and a refresh token"
check "auth login: the server saw one authorization code grant" \
  "$([ "$(grants "$OA" authorization_code)" = 1 ]; echo $?)"
# --insecure turns certificate checks off: auth login says so, as run does
# (here before it finds no such credential, so no token is issued).
run auth login No_Such_Credential --non-interactive --insecure
err_text "auth login --insecure: the warning" "apexrun: warning: --insecure: server certificates are not verified"
run credential list
expect_status "credential list: exit 0" 0
check "credential list: SF_Legacy has accessToken and refreshToken" \
  "$(awk '$1 == "SF_Legacy" && /accessToken/ && /refreshToken/ { found = 1 } END { exit !found }' "$work/out"; echo $?)"
run credential list --json
check "credential list --json: SF_Legacy's keys" "$(python3 - "$work/out" <<'PY' >/dev/null 2>&1; echo $?
import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r["name"] == "SF_Legacy"]
assert rows and {"accessToken", "refreshToken"} <= set(rows[0]["keys"]), rows
PY
)"

run run --debug-only --trace-callouts "$work/data.apex"
expect_status "OAuth callout: exit 0" 0
data_ok "OAuth callout: 200 from /services/data/"
err_line "OAuth callout: the request line" "> GET $OA/services/data/v62.0/"
err_line "OAuth callout: Authorization: Bearer **** (masked)" "> Authorization: Bearer ****"
check "OAuth callout: one exchange" "$([ "$(count_lines "$work/err" '^< HTTP/1\.1 ')" = 1 ]; echo $?)"

# --- 9. refresh on 401 -----------------------------------------------------------------

refreshes=$(grants "$OA" refresh_token)
run credential set SF_Legacy accessToken=bogus-access-0001
expect_status "refresh: store a bogus access token" 0
run run --debug-only --trace-callouts "$work/data.apex"
expect_status "refresh on 401: exit 0" 0
data_ok "refresh on 401: Apex gets the second answer, 200"
check "refresh on 401: the trace shows two exchanges" "$([ "$(count_lines "$work/err" '^< HTTP/1\.1 ')" = 2 ]; echo $?)"
in_order "refresh on 401: 401, then 200" "$work/err" '^< HTTP/1\.1 401' '^< HTTP/1\.1 200'
check "refresh on 401: one refresh grant" "$([ "$(grants "$OA" refresh_token)" = $((refreshes + 1)) ]; echo $?)"
check "refresh on 401: rotation issued a new refresh token" \
  "$([ "$(server_json "$OA/tokens" 'len(s["refresh_tokens"])')" = 2 ]; echo $?)"
run run --debug-only --trace-callouts "$work/data.apex"
data_ok "refresh: the next run uses the stored new token"
check "refresh: the store's access token changed (one exchange, 200)" \
  "$([ "$(count_lines "$work/err" '^< HTTP/1\.1 ')" = 1 ] && has_match "$work/err" '^< HTTP/1\.1 200'; echo $?)"
check "refresh: no new grant for the next run" "$([ "$(grants "$OA" refresh_token)" = $((refreshes + 1)) ]; echo $?)"
# The server dropped the first refresh token when it rotated; a second
# refresh works only if the store kept the new one.
run credential set SF_Legacy accessToken=bogus-access-0002
run run --debug-only "$work/data.apex"
data_ok "rotation: the replaced refresh token refreshes again"
check "rotation: a second refresh grant" "$([ "$(grants "$OA" refresh_token)" = $((refreshes + 2)) ]; echo $?)"
# A recording of a refreshed callout (401, then 200) replays without the
# network: --replay answers every callout from the recordings.
run credential set SF_Legacy accessToken=bogus-access-rec1
run run --debug-only --record "$work/rec401" "$work/data.apex"
data_ok "record a refreshed callout: 200"
check "record a refreshed callout: two recordings (401 and 200)" \
  "$([ "$(ls "$work/rec401"/*.json 2>/dev/null | wc -l)" = 2 ]; echo $?)"
refreshes=$(grants "$OA" refresh_token)
run run --debug-only --replay "$work/rec401" "$work/data.apex"
data_ok "replay of a refreshed callout: the recorded 200"
check "replay of a refreshed callout: no token request to the server" \
  "$([ "$(grants "$OA" refresh_token)" = "$refreshes" ]; echo $?)"

# An access token that really expires (server B: 2 s), refresh tokens not
# rotated: the refresh response has no refresh token, and the stored one
# must survive for the next refresh.
data_script short callout:SF_Short/services/data/v62.0/
short_ok() { expect_out "$1" 200 '{"path": "/services/data/v62.0/", "query": "", "user": "short@example.com"}'; }
run auth login SF_Short --non-interactive
expect_status "auth login SF_Short: exit 0" 0
run run --debug-only "$work/short.apex"
short_ok "short TTL: a fresh token works"
sleep 2.5
run run --debug-only --trace-callouts "$work/short.apex"
short_ok "short TTL: an expired token is refreshed"
in_order "short TTL: 401, then 200" "$work/err" '^< HTTP/1\.1 401' '^< HTTP/1\.1 200'
sleep 2.5
run run --debug-only "$work/short.apex"
short_ok "no rotation: the kept refresh token refreshes again"
# (At least two: on a machine slow enough to take 2 s to start apexrun, the
# "fresh" token above has expired too.)
check "no rotation: two refresh grants on server B" "$([ "$(grants "$OB" refresh_token)" -ge 2 ]; echo $?)"

# --- 10. a refused refresh; AdditionalRefreshStatusCode --------------------------------------

refused='Unable to fetch the OAuth token. Error: invalid_grant. Error description: expired access/refresh token.'
run credential set SF_Legacy accessToken=bogus-access-0003 refreshToken=bogus-refresh-0003
run run --debug-only "$work/data.apex"
expect_status "refused refresh: exit 0 (caught)" 0
expect_out "refused refresh: the platform's message" "caught: $refused"
script data_uncaught <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('callout:SF_Legacy/services/data/v62.0/');
req.setMethod('GET');
new Http().send(req);
APEX
run run --debug-only "$work/data_uncaught.apex"
expect_status "refused refresh, uncaught: exit 1" 1
err_line "refused refresh, uncaught: System.CalloutException" "Error: System.CalloutException: $refused"
err_line "refused refresh: a hint to sign in again" \
  'hint: the server refused the refresh token of Named credential "SF_Legacy" (expired or revoked): sign in again with apexrun auth login SF_Legacy'
run auth login SF_Legacy --non-interactive
expect_status "auth login again after the refused refresh" 0

run auth login Forbid_EC --non-interactive
expect_status "auth login (External Credential): exit 0" 0
out_prefix "auth login (External Credential): Signed in ..." "Signed in Forbid_EC"
data_script forbid callout:Forbid_NC/forbidden-when-bad-token/x
run run --debug-only "$work/forbid.apex"
expect_out "AdditionalRefreshStatusCode: the signed-in token works" 200 \
  '{"path": "/forbidden-when-bad-token/x", "query": "", "user": "integration@example.com"}'
refreshes=$(grants "$OA" refresh_token)
run credential set Forbid_EC --principal Integration accessToken=bogus-access-0004
run run --debug-only --trace-callouts "$work/forbid.apex"
expect_out "AdditionalRefreshStatusCode 403: refreshed, then 200" 200 \
  '{"path": "/forbidden-when-bad-token/x", "query": "", "user": "integration@example.com"}'
in_order "AdditionalRefreshStatusCode 403: 403, then 200" "$work/err" '^< HTTP/1\.1 403' '^< HTTP/1\.1 200'
check "AdditionalRefreshStatusCode 403: one refresh grant" \
  "$([ "$(grants "$OA" refresh_token)" = $((refreshes + 1)) ]; echo $?)"
# A refresh happens once: when the second answer is again a refresh status
# (404 here: a path the server does not have), it goes to Apex as it is.
data_script forbid_404 callout:Forbid_NC/no-such-path
refreshes=$(grants "$OA" refresh_token)
run run --debug-only --trace-callouts "$work/forbid_404.apex"
expect_out "refresh once: the second 404 goes to Apex" 404 "not found"
check "refresh once: two exchanges" "$([ "$(count_lines "$work/err" '^< HTTP/1\.1 ')" = 2 ]; echo $?)"
check "refresh once: one refresh grant" "$([ "$(grants "$OA" refresh_token)" = $((refreshes + 1)) ]; echo $?)"
refreshes=$(grants "$OA" refresh_token)
# Without the status code in the EC, a 403 goes to Apex as it is.
data_script forbid_legacy callout:SF_Legacy/forbidden-when-bad-token/x
run credential set SF_Legacy accessToken=bogus-access-0005
run run --debug-only --trace-callouts "$work/forbid_legacy.apex"
out_line "403 without AdditionalRefreshStatusCode: Apex gets the 403" 403
check "403 without AdditionalRefreshStatusCode: no refresh" \
  "$([ "$(grants "$OA" refresh_token)" = "$refreshes" ] && [ "$(count_lines "$work/err" '^< HTTP/1\.1 ')" = 1 ]; echo $?)"

# --- 11. client credentials --------------------------------------------------------------

data_script cc callout:CC_NC/services/data/v62.0/
run run --debug-only "$work/cc.apex"
expect_status "client credentials: exit 0" 0
expect_out "client credentials: the first callout gets a token by itself" 200 \
  '{"path": "/services/data/v62.0/", "query": "", "user": null}'
check "client credentials: one client_credentials grant" "$([ "$(grants "$OA" client_credentials)" = 1 ]; echo $?)"
run run --debug-only "$work/cc.apex"
out_line "client credentials: the second run works" 200
check "client credentials: the second run reuses the stored token" \
  "$([ "$(grants "$OA" client_credentials)" = 1 ]; echo $?)"
run credential list
check "client credentials: the token is in the store" \
  "$(awk '$1 == "CC_EC" && /accessToken/ { found = 1 } END { exit !found }' "$work/out"; echo $?)"
run credential set CC_EC --principal Client accessToken=bogus-access-0006
run run --debug-only "$work/cc.apex"
out_line "client credentials: a refused token gets the grant again" 200
check "client credentials: the refresh is a second client_credentials grant" \
  "$([ "$(grants "$OA" client_credentials)" = 2 ]; echo $?)"
# Three processes needing the first token at once: one grant.
run credential set CC_EC --principal Client accessToken=
expect_status "client credentials: remove the stored token" 0
parallel cc 3 "$work/cc.apex"
for i in 1 2 3; do
  as_last cc "$i"
  out_line "client credentials, three processes at once (process $i): 200" 200
done
got=$(( $(grants "$OA" client_credentials) - 2 ))
if [ "$got" = 1 ]; then pass; else fail "client credentials, three processes at once: one grant (got $got)"; fi

# --- 12. JWT bearer ---------------------------------------------------------------------

data_script jwt callout:Jwt_NC/services/data/v62.0/
run run --debug-only "$work/jwt.apex"
expect_status "JWT bearer: token fetched with a signed assertion (exit 0)" 0
out_line "JWT bearer: the callout succeeds" 200
# The subject came from the store, so apexrun masks it in the log.
if has_match "$work/out" '^\{"path": "/services/data/v62\.0/", "query": "", "user": "(integration@example\.com|\*\*\*\*)"\}$'; then
  pass
else
  fail "JWT bearer: the token is the subject's" "$(context)"
fi
check "JWT bearer: one jwt-bearer grant" \
  "$([ "$(grants "$OA" urn:ietf:params:oauth:grant-type:jwt-bearer)" = 1 ]; echo $?)"
run run --debug-only "$work/jwt.apex"
out_line "JWT bearer: the second run works" 200
check "JWT bearer: the second run reuses the token" \
  "$([ "$(grants "$OA" urn:ietf:params:oauth:grant-type:jwt-bearer)" = 1 ]; echo $?)"

# --- 13. two processes refreshing at once -------------------------------------------------

# Rotation is on: a process that refreshed with a refresh token the other
# already used would fail, and one that stored a stale refresh token would
# break the next refresh.
refused_before=$(server_stat "$OA" "s['errors'].get('invalid_grant', 0)")
for round in 1 2 3; do
  refreshes=$(grants "$OA" refresh_token)
  refused401=$(resources "$OA" 401)
  run credential set SF_Legacy "accessToken=bogus-concurrent-$round"
  parallel "refresh$round" 3 "$work/data.apex"
  exchanges=
  for i in 1 2 3; do
    as_last "refresh$round" "$i"
    expect_status "concurrent refresh (round $round, process $i): exit 0" 0
    out_line "concurrent refresh (round $round, process $i): 200" 200
    exchanges="$exchanges $(count_lines "$work/err" '^< HTTP/1\.1 ')"
  done
  got=$(( $(grants "$OA" refresh_token) - refreshes ))
  if [ "$got" = 1 ]; then pass; else fail "concurrent refresh (round $round): one refresh grant for three processes (got $got)"; fi
  printf 'note: concurrent refresh round %s: %s refresh grant(s), %s 401 answer(s); exchanges per process:%s\n' \
    "$round" "$got" "$(( $(resources "$OA" 401) - refused401 ))" "$exchanges"
  run run --debug-only "$work/data.apex"
  data_ok "concurrent refresh (round $round): a later run uses the stored token"
done
run credential set SF_Legacy accessToken=bogus-access-0007
run run --debug-only "$work/data.apex"
data_ok "concurrent refresh: the stored refresh token is still valid afterwards"
check "concurrent refresh: no failed refresh on the server" \
  "$([ "$(server_stat "$OA" "s['errors'].get('invalid_grant', 0)")" = "$refused_before" ]; echo $?)"

# --- 14. a wrong store key ------------------------------------------------------------------

other_key=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
cp "$store" "$work/store-before.db"
echo_script wrong_key callout:Basic_NC/echo GET
APEXRUN_STORE_KEY=$other_key run run --debug-only "$work/wrong_key.apex"
expect_status "wrong store key: exit 0 (caught)" 0
out_prefix "wrong store key: a CalloutException" "caught: "
out_text "wrong store key: the key does not match this store" "the key does not match this store"
check "wrong store key: the store is byte-identical afterwards" "$(cmp -s "$store" "$work/store-before.db"; echo $?)"
script no_callout <<'APEX'
System.debug('no callout ' + (40 + 2));
APEX
APEXRUN_STORE_KEY=$other_key run run --debug-only "$work/no_callout.apex"
expect_status "wrong store key, no credential callout: exit 0" 0
expect_out "wrong store key, no credential callout: runs" "no callout 42"
APEXRUN_STORE_KEY=$other_key run run --debug-only "$work/path_sub.apex"
out_line "wrong store key: a credential without authentication still works" "status 200"
check "wrong store key: the store is still byte-identical" "$(cmp -s "$store" "$work/store-before.db"; echo $?)"
APEXRUN_STORE_KEY=$other_key run --stdin "$BASIC_PASS" credential set Basic_EC password=-
check "wrong store key: credential set is refused" "$([ "$status" -ne 0 ] && has_text "$work/err" 'the key does not match this store'; echo $?)"
APEXRUN_STORE_KEY=$other_key run auth login SF_Legacy --non-interactive
check "wrong store key: auth login is refused" "$([ "$status" -ne 0 ] && has_text "$work/err" 'the key does not match this store'; echo $?)"
check "wrong store key: the store is byte-identical after set and login" "$(cmp -s "$store" "$work/store-before.db"; echo $?)"
run run --debug-only "$work/basic.apex"
out_line "the right key still opens the store" "$(field authorization "$basic_value")"

# --- 15. no secret in any output ------------------------------------------------------------

# One script through every kind of credential that prints the raw /echo
# bodies (which reflect the Authorization header and the merged values) and
# the OAuth resource, plus failures.
script leak <<'APEX'
List<String> endpoints = new List<String>{
    'callout:Basic_NC/echo', 'callout:Legacy_Pw/echo', 'callout:Custom_NC/echo', 'callout:Echo_OAuth/echo',
    'callout:Merge_On/echo', 'callout:Gen_Off/echo', 'callout:SF_Legacy/services/data/v62.0/',
    'callout:CC_NC/services/data/v62.0/', 'callout:Jwt_NC/services/data/v62.0/', 'callout:SF_Short/services/data/v62.0/',
    'callout:Custom_Basic_NC/echo', 'callout:Legacy_User/echo'};
for (String endpoint : endpoints) {
    HttpRequest req = new HttpRequest();
    req.setEndpoint(endpoint);
    req.setHeader('X-Pass', '{!$Credential.Password}');
    req.setHeader('X-Token', '{!$Credential.AuthorizationHeaderValue}');
    if (endpoint.endsWith('/echo')) {
        req.setMethod('POST');
        req.setBody('pw={!$Credential.Password}&enc={!HTMLENCODE($Credential.Password)}');
    } else {
        req.setMethod('GET');
    }
    try {
        HttpResponse res = new Http().send(req);
        System.debug(endpoint + ' ' + res.getStatusCode());
        System.debug(res.getBody());
        System.debug(res);
    } catch (CalloutException e) {
        System.debug('caught: ' + e.getMessage());
    }
}
HttpRequest bad = new HttpRequest();
bad.setEndpoint('callout:Merge_On/echo');
bad.setMethod('GET');
bad.setHeader('X-Enc', '{!HTMLENCODE($Credential.Password)} {!$Credential.Password}');
try {
    new Http().send(bad);
} catch (CalloutException e) {
    System.debug('caught: ' + e.getMessage());
}
HttpRequest again = new HttpRequest();
again.setEndpoint('callout:Basic_NC/echo');
again.setMethod('GET');
again.setHeader('Authorization', 'Bearer from-apex-code');
System.debug(new Http().send(again).getBody());
APEX
# Echo_OAuth carries the known token; Merge_On merges in headers and body.
run credential set SF_Legacy accessToken=bogus-access-0008
mkdir -p "$work/rec"
run run "$work/leak.apex"
expect_status "leak script (full log): exit 0" 0
out_text "leak script: the /echo bodies are in the log" '"authorization":"Basic ****"'
out_text "leak script: OAuth callouts work" "callout:SF_Legacy/services/data/v62.0/ 200"
run run --debug-only "$work/leak.apex"
expect_status "leak script (--debug-only): exit 0" 0
run run --json "$work/leak.apex"
expect_status "leak script (--json): exit 0" 0
run run --debug-only --trace-callouts --record "$work/rec" "$work/leak.apex"
expect_status "leak script (--trace-callouts --record): exit 0" 0
check "leak script: recordings were written" "$(ls "$work/rec"/*.json >/dev/null 2>&1; echo $?)"
run credential set SF_Legacy accessToken=bogus-access-0009 refreshToken=bogus-refresh-0009
run run --debug-only --trace-callouts "$work/data.apex"
out_line "leak: a refused refresh is reported" "caught: $refused"
run run --json "$work/data_uncaught.apex"
expect_status "leak: uncaught refused refresh in --json: exit 1" 1
run auth login SF_Legacy --non-interactive
run credential list
run credential list --json

# Every secret: the ones set here, the generated Basic values, a line of
# the JWT private key and every token the servers issued.
secrets=("$BASIC_PASS" "$BASIC_USER" "$LEGACY_PASS" "$API_KEY" "$HMAC_KEY" "$MERGE_PASS" "$GEN_PASS" "$KNOWN_TOKEN"
  "$CLIENT_SECRET" "$SHORT_SECRET" "$CC_SECRET" "$CB_USER" "$CB_PASS" "$STORED_USER" "$PER_USER_PASS"
  "$(b64 "$STORED_USER:$LEGACY_PASS")" "$(b64 "ana.user:$PER_USER_PASS")"
  "$(b64 "$BASIC_USER:$BASIC_PASS")" "$(b64 "legacy-user:$LEGACY_PASS")" "$(b64 "merge-user:$MERGE_PASS")"
  "$(b64 "gen-user:$GEN_PASS")" "$(sed -n 2p "$work/jwt-key.pem")")
for server in "$OA" "$OB"; do
  while IFS= read -r token; do secrets+=("$token"); done < <(server_json "$server/tokens" \
    '"\n".join(s["access_tokens"] + s["refresh_tokens"])')
done
check "leak: the servers issued tokens to look for" "$([ "${#secrets[@]}" -gt 25 ]; echo $?)"
cat "$work"/rec/*.json "$work"/rec401/*.json >"$work/recordings.txt" 2>/dev/null
leaks=0
for secret in "${secrets[@]}"; do
  for file in "$work/transcript" "$work/recordings.txt"; do
    if grep -Fq -- "$secret" "$file"; then
      leaks=$((leaks + 1))
      fail "secret leaked: ${secret:0:6}... in $(basename "$file")" \
        "$(grep -Fn -- "$secret" "$file" | head -n 3 | cut -c 1-300)" \
        "$(grep -n '^### ' "$file" | awk -F: -v n="$(grep -Fn -- "$secret" "$file" | head -n 1 | cut -d: -f1)" '$1 < n { last = $0 } END { print "in: " last }')"
    fi
  done
done
[ "$leaks" -eq 0 ] && pass
# Values apexrun computes from secrets: the HTML-encoded password is the
# password written differently; the AuthHeader formula's Basic value is
# as much a credential as the Basic value apexrun generates itself.
if grep -Fq -- "$ENCODED_PASS" "$work/transcript" "$work/recordings.txt"; then
  fail "secret leaked: the HTMLENCODE'd password is shown unmasked" \
    "$(grep -Fh -- "$ENCODED_PASS" "$work/transcript" "$work/recordings.txt" | head -n 2 | cut -c 1-300)"
else
  pass
fi
if grep -Fq -- "$(b64 "$CB_USER:$CB_PASS")" "$work/transcript" "$work/recordings.txt"; then
  fail "secret leaked: the Basic value of a Custom AuthHeader formula is shown unmasked" \
    "$(grep -Fh -- "$(b64 "$CB_USER:$CB_PASS")" "$work/transcript" "$work/recordings.txt" | head -n 2 | cut -c 1-300)"
else
  pass
fi

# Hints are masked too: Apex that got the password back from /echo puts it
# in a plain request's URL, which the merge-field hint quotes. (A run of its
# own after the sweep above, so that this leak is reported once.)
script hint_leak <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('callout:Merge_On/echo');
req.setMethod('GET');
req.setHeader('X-Pass', '{!$Credential.Password}');
String pw = new Http().send(req).getBody().substringBetween('"x-pass":"', '"');
HttpRequest plain = new HttpRequest();
plain.setEndpoint('@HTTP@/echo?p=' + pw);
plain.setMethod('GET');
plain.setHeader('X-Note', '{!$Credential.Username}');
System.debug(new Http().send(plain).getStatusCode());
APEX
run run --debug-only --trace-callouts --remote-site "$HTTP" "$work/hint_leak.apex"
expect_out "leak: a hint quoting a URL that holds a secret (run)" 200
err_prefix "leak: the hint is printed" "hint: the request to $HTTP/echo?p="
err_lacks "leak: the hint masks the secret" "$MERGE_PASS"

# --- 16. help -------------------------------------------------------------------------------

run auth login --help
expect_status "auth login --help: exit 0" 0
out_text "auth login --help lists --non-interactive" "--non-interactive"
run credential --help
expect_status "credential --help: exit 0" 0
run auth --help
expect_status "auth --help: exit 0" 0

# The servers stayed up through all of it.
for name in http oauth_a oauth_b; do
  pid_var=${name}_pid
  check "$name server still running at the end" "$(kill -0 "${!pid_var}" 2>/dev/null; echo $?)"
done

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
