#!/usr/bin/env bash
# HTTP callouts from Apex (HttpRequest, HttpResponse, Http.send) against real
# servers on 127.0.0.1: the http_fixture over HTTP and over HTTPS (throwaway
# certificate), and the Python server (custom reason phrases). Also the
# callout errors and limits, remote site settings, named credentials, the
# debug log's CALLOUT_* lines, --trace-callouts, --record/--replay, the
# TLS options and client certificates (mutual TLS against a fixture that
# requires one).
#
# Usage: callouts_test.sh PATH-TO-APEXRUN PATH-TO-HTTP_FIXTURE PATH-TO-PY_SERVER.PY
# Prints FAIL lines, then `N passed, N failed`; exits non-zero on any failure.
set -uo pipefail

usage='usage: callouts_test.sh APEXRUN HTTP_FIXTURE PY_SERVER'
abs() {  # an absolute path for $1: the scripts below run from the temp dir
  case $1 in
    /*) printf '%s\n' "$1" ;;
    */*) printf '%s/%s\n' "$PWD" "$1" ;;
    *) command -v -- "$1" || printf '%s/%s\n' "$PWD" "$1" ;;
  esac
}
apexrun=$(abs "${1:?$usage}")
fixture=$(abs "${2:?$usage}")
pyserver=$(abs "${3:?$usage}")

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
  if [ "$2" -eq 0 ]; then pass; else fail "$1"; fi
}

# What the last run printed, to explain a failure.
context() {
  printf 'exit status: %s\n' "$status"
  head -n 6 "$work/out" | sed 's/^/stdout: /'
  head -n 4 "$work/err" | sed 's/^/stderr: /'
}

# run [--in DIR] ARGS... : runs apexrun ARGS (from DIR, default the temp dir)
# with a 60 s limit; stdout to $work/out, stderr to $work/err, exit to $status.
# Standard input is empty: apexrun reads the program from it when no file is
# given, and must never wait on the caller's terminal or pipe.
run() {
  local dir=$work
  if [ "${1:-}" = --in ]; then dir=$2; shift 2; fi
  (cd "$dir" && exec timeout 60 "$apexrun" "$@") </dev/null >"$work/out" 2>"$work/err"
  status=$?
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
out_lacks() { if ! has_text "$work/out" "$2"; then pass; else fail "$1 (stdout has: $2)"; fi; }
err_line() { if has_line "$work/err" "$2"; then pass; else fail "$1 (no stderr line: $2)" "$(context)"; fi; }
err_text() { if has_text "$work/err" "$2"; then pass; else fail "$1 (stderr lacks: $2)" "$(context)"; fi; }
err_match() { if has_match "$work/err" "$2"; then pass; else fail "$1 (no stderr line matches: $2)" "$(context)"; fi; }
err_lacks() { if ! has_text "$work/err" "$2"; then pass; else fail "$1 (stderr has: $2)"; fi; }

# in_order NAME FILE ERE... : lines matching the EREs appear in FILE in this order.
in_order() {
  local name=$1 file=$2
  shift 2
  printf '%s\n' "$@" >"$work/patterns"
  if awk 'NR == FNR { p[n++] = $0; next } i < n && $0 ~ p[i] { i++ } END { exit i < n }' \
      "$work/patterns" "$file"; then
    pass
  else
    fail "$name (lines not found in this order: $*)"
  fi
}

# py_check NAME ARGS... < PYTHON : a python3 assertion script passes.
py_check() {
  local name=$1
  shift
  if python3 - "$@" >"$work/py" 2>&1; then pass; else fail "$name" "$(tail -n 3 "$work/py")"; fi
}

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

stop() {  # stop PID
  kill "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# Throwaway certificates: the fixture's own, and an unrelated one as a wrong CA.
for name in cert wrong; do
  key=key.pem
  [ "$name" = wrong ] && key=wrong-key.pem
  if ! openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$key" -out "$name.pem" \
      -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >"$work/openssl.log" 2>&1; then
    fail "openssl makes a throwaway certificate ($name.pem)" "$(tail -n 3 "$work/openssl.log")"
    printf '%d passed, %d failed\n' "$passed" "$failed"
    exit 1
  fi
done
# For mutual TLS: a client CA, and a client certificate (CN=apexrun-client)
# signed by it.
if ! { openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout client-ca-key.pem -out client-ca.pem \
         -subj "/CN=apexrun test client CA" &&
       openssl req -newkey rsa:2048 -nodes -keyout client-key.pem -out client.csr -subj /CN=apexrun-client &&
       openssl x509 -req -in client.csr -CA client-ca.pem -CAkey client-ca-key.pem -set_serial 1 -days 2 \
         -extfile <(printf 'extendedKeyUsage=clientAuth\n') -out client-cert.pem
     } >"$work/openssl.log" 2>&1; then
  fail "openssl makes a client CA and a client certificate" "$(tail -n 3 "$work/openssl.log")"
  printf '%d passed, %d failed\n' "$passed" "$failed"
  exit 1
fi

start http "$fixture" --port-file "$work/http.port"
http_pid=$started
start https "$fixture" --port-file "$work/https.port" --cert "$work/cert.pem" --key "$work/key.pem"
https_pid=$started
start py python3 "$pyserver" "$work/py.port"
py_pid=$started
start mtls "$fixture" --port-file "$work/mtls.port" --cert "$work/cert.pem" --key "$work/key.pem" \
  --client-ca "$work/client-ca.pem"
mtls_pid=$started
wait_port http "$work/http.port" "$http_pid"
http_port=$port
wait_port https "$work/https.port" "$https_pid"
https_port=$port
wait_port py "$work/py.port" "$py_pid"
py_port=$port
wait_port mtls "$work/mtls.port" "$mtls_pid"
mtls_port=$port
# A port nothing listens on: bound once by the kernel, then released.
free_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

HTTP=http://127.0.0.1:$http_port
HTTPS=https://127.0.0.1:$https_port
PY=http://127.0.0.1:$py_port
MTLS=https://127.0.0.1:$mtls_port

# script NAME [BASE] < APEX : writes $work/NAME.apex with the placeholders
# @HTTP@, @HTTPS@, @PY@, @MTLS@, @FREE@ (a port number) and @BASE@ (BASE)
# filled in.
script() {
  sed -e "s|@HTTP@|$HTTP|g" -e "s|@HTTPS@|$HTTPS|g" -e "s|@PY@|$PY|g" -e "s|@MTLS@|$MTLS|g" \
      -e "s|@FREE@|$free_port|g" -e "s|@BASE@|${2:-}|g" >"$work/$1.apex"
}

# --- HttpRequest and HttpResponse on their own --------------------------------

script accessors <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('@HTTP@/echo');
req.setMethod('POST');
req.setHeader('X-Test', 'abc');
req.setBody('hello');
req.setTimeout(5000);
System.debug(req.getEndpoint());
System.debug(req.getMethod());
System.debug(req.getHeader('x-test'));
System.debug(req.getBody());
System.debug(req.getCompressed());
req.setCompressed(true);
System.debug(req.getCompressed());
System.debug(req.toString());
System.debug(req);
HttpRequest blobReq = new HttpRequest();
blobReq.setBodyAsBlob(Blob.valueOf('blob body'));
System.debug(blobReq.getBodyAsBlob().toString());
APEX
run run --debug-only accessors.apex
expect_status "HttpRequest accessors: exit 0" 0
expect_out "HttpRequest accessors and toString" \
  "$HTTP/echo" POST abc hello false true \
  "System.HttpRequest[Endpoint=$HTTP/echo, Method=POST]" \
  "System.HttpRequest[Endpoint=$HTTP/echo, Method=POST]" \
  "blob body"

script response <<'APEX'
HttpResponse res = new HttpResponse();
res.setBody('made up');
res.setStatus('OK');
res.setStatusCode(200);
res.setHeader('X-Made', 'up');
System.debug(res.getBody());
System.debug(res.getStatus());
System.debug(res.getStatusCode());
System.debug(res.getHeader('x-made'));
System.debug(res.getHeaderKeys());
System.debug(res.toString());
System.debug(res);
HttpResponse blobRes = new HttpResponse();
blobRes.setBodyAsBlob(Blob.valueOf('as blob'));
System.debug(blobRes.getBodyAsBlob().toString());
APEX
run run --debug-only response.apex
expect_status "HttpResponse setters: exit 0" 0
expect_out "HttpResponse setters, getters and toString" \
  "made up" OK 200 up "(X-Made)" \
  "System.HttpResponse[Status=OK, StatusCode=200]" \
  "System.HttpResponse[Status=OK, StatusCode=200]" \
  "as blob"

# --- Http.send ----------------------------------------------------------------

# Every method reaches /echo as itself; POST, PUT and PATCH carry a body.
methods_apex=$(cat <<'APEX'
for (String m : new List<String>{'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'}) {
    HttpRequest req = new HttpRequest();
    req.setEndpoint('@BASE@/echo');
    req.setMethod(m);
    if (m == 'POST' || m == 'PUT' || m == 'PATCH') {
        req.setBody('body of ' + m);
    }
    HttpResponse res = new Http().send(req);
    String body = res.getBody();
    String seen = String.isEmpty(body) ? 'empty' : body.substringBetween('"method":"', '"');
    String sent = String.isEmpty(body) ? null : body.substringBetween('"body":"', '"');
    System.debug(m + ' ' + res.getStatusCode() + ' ' + seen + (String.isEmpty(sent) ? '' : ' ' + sent));
}
APEX
)
for server in http py; do
  base=$HTTP
  [ "$server" = py ] && base=$PY
  printf '%s\n' "$methods_apex" | script "methods_$server" "$base"
  run run --debug-only "methods_$server.apex"
  expect_status "methods ($server server): exit 0" 0
  expect_out "every HTTP method reaches /echo ($server server)" \
    "GET 200 GET" "POST 200 POST body of POST" "PUT 200 PUT body of PUT" \
    "PATCH 200 PATCH body of PATCH" "DELETE 200 DELETE" "HEAD 200 empty" \
    "OPTIONS 200 OPTIONS" "TRACE 200 TRACE"
done

script echo_request <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('@HTTP@/echo?a=1&b=two');
req.setMethod('POST');
req.setHeader('X-Test', 'abc');
req.setHeader('Content-Type', 'text/plain');
req.setBody('hello world');
HttpResponse res = new Http().send(req);
String body = res.getBody();
System.debug(body.substringBetween('"path":"', '"'));
System.debug(body.substringBetween('"query":"', '"'));
System.debug(body.substringBetween('"x-test":"', '"'));
System.debug(body.substringBetween('"content-type":"', '"'));
System.debug(body.substringBetween('"body":"', '"'));
System.debug(body.substringBetween('"bodyBytes":', ','));
System.debug(res.getHeader('content-type'));
System.debug(res.getBodyAsBlob().size() == body.length());
HttpRequest blobReq = new HttpRequest();
blobReq.setEndpoint('@HTTP@/echo');
blobReq.setMethod('PUT');
blobReq.setBodyAsBlob(Blob.valueOf('blob payload'));
System.debug(new Http().send(blobReq).getBody().substringBetween('"body":"', '"'));
APEX
run run --debug-only echo_request.apex
expect_status "request headers and body: exit 0" 0
expect_out "path, query, headers and body arrive at /echo; blob body sent" \
  /echo "a=1&b=two" abc text/plain "hello world" 11 application/json true "blob payload"

script gzip <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('@HTTP@/echo');
req.setMethod('POST');
req.setCompressed(true);
req.setBody('compress me please');
String body = new Http().send(req).getBody();
System.debug(body.substringBetween('"content-encoding":"', '"'));
System.debug(body.substringBetween('"body":"', '"'));
HttpRequest g = new HttpRequest();
g.setEndpoint('@HTTP@/gzip');
g.setMethod('GET');
HttpResponse res = new Http().send(g);
System.debug(res.getStatusCode());
System.debug(res.getBody());
APEX
run run --debug-only gzip.apex
expect_status "gzip: exit 0" 0
expect_out "setCompressed(true) sends gzip; a gzip response is decoded" \
  gzip "compress me please" 200 '{"compressed":true,"text":"hello gzip"}'

script statuses <<'APEX'
for (String url : new List<String>{'@HTTP@/status/404', '@HTTP@/status/500', '@HTTP@/status/201', '@PY@/reason', '@PY@/status/404'}) {
    HttpRequest req = new HttpRequest();
    req.setEndpoint(url);
    req.setMethod('GET');
    HttpResponse res = new Http().send(req);
    System.debug(res.getStatusCode() + ' ' + res.getStatus() + ' ' + res.getBody());
}
APEX
run run --debug-only statuses.apex
expect_status "status codes: exit 0" 0
expect_out "status codes and reason phrases (including a custom one)" \
  "404 Not Found status 404" "500 Internal Server Error status 500" "201 Created status 201" \
  "299 Custom Reason reason" "404 Not Found status 404"

script redirect_headers <<'APEX'
HttpRequest r = new HttpRequest();
r.setEndpoint('@HTTP@/redirect');
r.setMethod('GET');
HttpResponse res = new Http().send(r);
System.debug(res.getStatusCode());
System.debug(res.getHeader('Location'));
System.debug(res.getBody());
HttpRequest h = new HttpRequest();
h.setEndpoint('@HTTP@/headers');
h.setMethod('GET');
HttpResponse hr = new Http().send(h);
System.debug(hr.getHeader('x-one'));
System.debug(hr.getHeader('X-TWO'));
System.debug(hr.getHeaderKeys().contains('X-Two'));
System.debug(hr.getHeader('Content-Type'));
System.debug(hr.getBody());
System.debug(hr.toString());
System.debug(hr);
APEX
run run --debug-only redirect_headers.apex
expect_status "redirect and headers: exit 0" 0
expect_out "302 is returned, not followed; response headers are case-insensitive" \
  302 /echo moved 1 two true text/plain headers \
  "System.HttpResponse[Status=OK, StatusCode=200]" "System.HttpResponse[Status=OK, StatusCode=200]"

# Keep-alive: the run's callouts, /connections included, share one connection.
script keepalive <<'APEX'
HttpRequest c = new HttpRequest();
c.setEndpoint('@HTTP@/connections');
c.setMethod('GET');
Integer before = Integer.valueOf(new Http().send(c).getBody());
for (Integer i = 0; i < 5; i++) {
    HttpRequest r = new HttpRequest();
    r.setEndpoint('@HTTP@/echo');
    r.setMethod('GET');
    new Http().send(r);
}
Integer after = Integer.valueOf(new Http().send(c).getBody());
System.debug(after - before);
APEX
run run --debug-only keepalive.apex
expect_status "keep-alive: exit 0" 0
expect_out "keep-alive: 7 callouts in one run use one connection (new connections after the first)" 0

# --- callout errors -----------------------------------------------------------

script errors <<'APEX'
HttpRequest noEndpoint = new HttpRequest();
noEndpoint.setMethod('GET');
try { new Http().send(noEndpoint); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
HttpRequest noMethod = new HttpRequest();
noMethod.setEndpoint('@HTTP@/echo');
try { new Http().send(noMethod); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
HttpRequest foo = new HttpRequest();
foo.setEndpoint('@HTTP@/echo');
try { foo.setMethod('FOO'); new Http().send(foo); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
HttpRequest noProtocol = new HttpRequest();
noProtocol.setMethod('GET');
noProtocol.setEndpoint('foo/bar');
try { new Http().send(noProtocol); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
HttpRequest ftp = new HttpRequest();
ftp.setMethod('GET');
ftp.setEndpoint('ftp://x/y');
try { new Http().send(ftp); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
HttpRequest refused = new HttpRequest();
refused.setMethod('GET');
refused.setEndpoint('http://127.0.0.1:@FREE@/echo');
try { new Http().send(refused); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
HttpRequest slow = new HttpRequest();
slow.setMethod('GET');
slow.setEndpoint('@HTTP@/slow?ms=3000');
slow.setTimeout(500);
try { new Http().send(slow); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
for (Integer t : new List<Integer>{0, 120001}) {
    HttpRequest r = new HttpRequest();
    r.setMethod('GET');
    r.setEndpoint('@HTTP@/echo');
    try { r.setTimeout(t); new Http().send(r); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
}
HttpRequest named = new HttpRequest();
named.setMethod('GET');
named.setEndpoint('callout:Missing/path');
try { new Http().send(named); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
APEX
run run --debug-only errors.apex
expect_status "callout errors caught: exit 0" 0
expect_out "callout error messages" \
  "Endpoint is not set: call setEndpoint() on the HttpRequest before sending it" \
  "Method is not set: call setMethod() on the HttpRequest before sending it" \
  "Invalid HTTP method: FOO" \
  "no protocol: foo/bar" \
  "unknown protocol: ftp" \
  "Connection refused: 127.0.0.1:$free_port" \
  "Read timed out" \
  "Timeout value 0 is outside of the valid range 1 to 120000 ms" \
  "Timeout value 120001 is outside of the valid range 1 to 120000 ms" \
  "The callout couldn't access the endpoint. You might not have the required permissions, or the named credential \"Missing\" might not exist."

script unknown_host <<'APEX'
HttpRequest r = new HttpRequest();
r.setMethod('GET');
r.setEndpoint('http://nosuchhost.invalid/');
try { new Http().send(r); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
APEX
run run --debug-only unknown_host.apex
expect_out "unknown host" "Unknown host: nosuchhost.invalid"

# Uncaught: exit 1 and the sf-style error lines.
script uncaught <<'APEX'
HttpRequest r = new HttpRequest();
r.setMethod('GET');
new Http().send(r);
APEX
run run uncaught.apex
expect_status "uncaught CalloutException: exit 1" 1
out_line "uncaught CalloutException: error line" \
  "Error: System.CalloutException: Endpoint is not set: call setEndpoint() on the HttpRequest before sending it"

# --- HTTPS --------------------------------------------------------------------

script https <<'APEX'
try {
    HttpRequest r = new HttpRequest();
    r.setEndpoint('@HTTPS@/echo');
    r.setMethod('GET');
    HttpResponse res = new Http().send(r);
    System.debug(res.getStatusCode() + ' ' + res.getBody().substringBetween('"method":"', '"'));
} catch (CalloutException e) {
    System.debug(e.getMessage());
}
APEX
pkix='sun.security.validator.ValidatorException: PKIX path building failed'
run run --debug-only --cacert cert.pem https.apex
expect_status "https --cacert cert.pem: exit 0" 0
expect_out "https with the fixture's certificate as CA" "200 GET"
err_lacks "https --cacert: no --insecure warning" "--insecure"
run run --debug-only https.apex
expect_status "https without a CA: exit 0 (caught)" 0
out_prefix "https without a CA: PKIX failure" "$pkix"
run run --debug-only --cacert wrong.pem https.apex
expect_status "https with the wrong CA: exit 0 (caught)" 0
out_prefix "https with the wrong CA: PKIX failure" "$pkix"
run run --debug-only --insecure https.apex
expect_status "https --insecure: exit 0" 0
expect_out "https --insecure skips verification" "200 GET"
err_line "https --insecure: warning on stderr" \
  "apexrun: warning: --insecure: server certificates are not verified"

# --- limits -------------------------------------------------------------------

script limits <<'APEX'
System.debug(Limits.getCallouts());
for (Integer i = 0; i < 3; i++) {
    HttpRequest r = new HttpRequest();
    r.setEndpoint('@HTTP@/echo');
    r.setMethod('GET');
    new Http().send(r);
}
System.debug(Limits.getCallouts());
System.debug(Limits.getLimitCallouts());
APEX
run run --debug-only limits.apex
expect_status "Limits.getCallouts: exit 0" 0
expect_out "Limits.getCallouts counts; getLimitCallouts is 100" 0 3 100

script too_many <<'APEX'
for (Integer i = 0; i < 101; i++) {
    try {
        HttpRequest r = new HttpRequest();
        r.setEndpoint('@HTTP@/echo');
        r.setMethod('GET');
        new Http().send(r);
    } catch (Exception e) {
        System.debug('caught ' + e.getMessage());
    }
}
System.debug('not reached');
APEX
run run too_many.apex
expect_status "101 callouts: exit 1" 1
out_line "101 callouts: uncatchable LimitException" "Error: System.LimitException: Too many callouts: 101"
# The log echoes the source, so look at the USER_DEBUG lines only: neither
# the catch block nor the line after the loop ran.
out_lacks "101 callouts: not caught by catch (Exception), execution stops" "|USER_DEBUG|"

# A request body over 6,000,000 bytes cannot be built: the String alone is
# over the 6 MB heap limit, which fires first, as on the platform. (The
# callout's own size check is unit-tested in tests/unit/callout_runtime_test.cpp.)
script big_request <<'APEX'
String s = 'x';
while (s.length() * 2 <= 6000001) {
    s += s;
}
s += s.substring(0, 6000001 - s.length());
HttpRequest r = new HttpRequest();
r.setEndpoint('@HTTP@/echo');
r.setMethod('POST');
r.setBody(s);
try { new Http().send(r); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
APEX
run run big_request.apex
expect_status "request body over 6 MB: exit 1" 1
out_text "request body over 6 MB: the heap limit fires first" "Error: System.LimitException: Apex heap size too large"

# Request headers over 100,000 bytes.
script big_headers <<'APEX'
String v = 'h';
while (v.length() < 100001) {
    v += v;
}
HttpRequest r = new HttpRequest();
r.setEndpoint('@HTTP@/echo');
r.setMethod('GET');
r.setHeader('X-Big', v.substring(0, 100001));
try { new Http().send(r); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
APEX
run run --debug-only big_headers.apex
expect_out "request headers over 100,000 bytes" \
  "Exceeded max size limit of 100000 with request headers size 100006"

script big_response <<'APEX'
HttpRequest ok = new HttpRequest();
ok.setEndpoint('@HTTP@/big?bytes=100000');
ok.setMethod('GET');
System.debug(new Http().send(ok).getBody().length());
HttpRequest r = new HttpRequest();
r.setEndpoint('@HTTP@/big?bytes=6000001');
r.setMethod('GET');
try { new Http().send(r); System.debug('no error'); } catch (CalloutException e) { System.debug(e.getMessage()); }
APEX
run run --debug-only big_response.apex
expect_out "response body over 6,000,000 bytes" \
  100000 "Exceeded max size limit of 6000000 with response size 6000001"

# --- the debug log ------------------------------------------------------------

script log <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('@HTTP@/echo');
req.setMethod('GET');
HttpResponse res = new Http().send(req);
System.debug(res.getStatusCode());
HttpResponse again = new Http().send(req);
APEX
run run log.apex
expect_status "debug log run: exit 0" 0
out_text "log: CALLOUT_REQUEST at the send line" \
  "|CALLOUT_REQUEST|[4]|System.HttpRequest[Endpoint=$HTTP/echo, Method=GET]"
out_text "log: CALLOUT_RESPONSE at the send line" \
  "|CALLOUT_RESPONSE|[4]|System.HttpResponse[Status=OK, StatusCode=200]"
out_text "log: second callout's CALLOUT_REQUEST" \
  "|CALLOUT_REQUEST|[6]|System.HttpRequest[Endpoint=$HTTP/echo, Method=GET]"
in_order "log: request, response, then the next request" "$work/out" \
  '\|CALLOUT_REQUEST\|\[4\]\|' '\|CALLOUT_RESPONSE\|\[4\]\|' '\|USER_DEBUG\|\[5\]\|DEBUG\|200$' \
  '\|CALLOUT_REQUEST\|\[6\]\|' '\|CALLOUT_RESPONSE\|\[6\]\|'
out_line "log: limit usage counts the callouts" "  Number of callouts: 2 out of 100"

# --- remote site settings -----------------------------------------------------

make_project() {  # make_project DIR URL ACTIVE
  mkdir -p "$1/force-app/main/default/remoteSiteSettings"
  printf '%s\n' '{"packageDirectories":[{"path":"force-app","default":true}],"sourceApiVersion":"62.0"}' \
    >"$1/sfdx-project.json"
  printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
    '<RemoteSiteSetting xmlns="http://soap.sforce.com/2006/04/metadata">' \
    '    <disableProtocolSecurity>false</disableProtocolSecurity>' \
    "    <isActive>$3</isActive>" \
    "    <url>$2</url>" \
    '</RemoteSiteSetting>' >"$1/force-app/main/default/remoteSiteSettings/Local.remoteSite-meta.xml"
}
make_project "$work/project" "$HTTP" true
make_project "$work/inactive" "$HTTP" false

script remote <<'APEX'
for (String url : new List<String>{'@HTTP@/echo', '@PY@/echo'}) {
    try {
        HttpRequest r = new HttpRequest();
        r.setEndpoint(url);
        r.setMethod('GET');
        System.debug(new Http().send(r).getStatusCode());
    } catch (CalloutException e) {
        System.debug(e.getMessage());
    }
}
APEX
unauthorized='Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = '
run --in "$work/project" run --debug-only "$work/remote.apex"
expect_out "remote site: listed site allowed, other refused (project in cwd)" \
  200 "$unauthorized$PY/echo"
run --in "$work/project" run --debug-only --remote-site "$PY" "$work/remote.apex"
expect_out "remote site: --remote-site adds a site" 200 200
run run --debug-only --project "$work/project" remote.apex
expect_out "remote site: --project DIR from outside the project" \
  200 "$unauthorized$PY/echo"
run --in "$work/inactive" run --debug-only "$work/remote.apex"
expect_out "remote site: an inactive site does not count" \
  "$unauthorized$HTTP/echo" "$unauthorized$PY/echo"
run run --debug-only remote.apex
expect_out "remote site: no project, no restriction" 200 200

# --- client certificates (mutual TLS) -----------------------------------------

# The mtls fixture refuses a TLS client without a certificate from
# client-ca.pem; /whoami answers the client certificate's CN. The project
# holds Client.crt/.key (signed by that CA) and Other.crt/.key (the
# fixture's self-signed server certificate: another CA).
make_project "$work/mtls-project" "$MTLS" true
certs=$work/mtls-project/force-app/main/default/certs
mkdir -p "$certs"
cp client-cert.pem "$certs/Client.crt"
cp client-key.pem "$certs/Client.key"
cp cert.pem "$certs/Other.crt"
cp key.pem "$certs/Other.key"

# whoami NAME URL [CERT] : a script calling URL/whoami, with
# setClientCertificateName('CERT') when CERT is given; it prints the status
# and body, or the CalloutException's message prefixed with "caught: ".
whoami() {
  local set_cert=
  [ -n "${3:-}" ] && set_cert="r.setClientCertificateName('$3');"
  script "$1" "$2" <<APEX
HttpRequest r = new HttpRequest();
r.setEndpoint('@BASE@/whoami');
r.setMethod('GET');
$set_cert
try {
    HttpResponse res = new Http().send(r);
    System.debug(res.getStatusCode() + ' ' + res.getBody());
} catch (CalloutException e) {
    System.debug('caught: ' + e.getMessage());
}
APEX
}
whoami mtls_client "$MTLS" Client
whoami mtls_none "$MTLS"
whoami mtls_other "$MTLS" Other
whoami mtls_missing "$MTLS" Missing
whoami mtls_plain "$HTTPS" Client

run --in "$work/mtls-project" run --debug-only --cacert "$work/cert.pem" "$work/mtls_client.apex"
expect_status "mTLS with setClientCertificateName('Client'): exit 0" 0
expect_out "mTLS: the server sees the client certificate's CN" "200 apexrun-client"

# The refused handshake: caught, with a message about the connection. (Today
# apexrun reports the closed connection; a clearer TLS message is welcome.)
refused_ere="^caught: (Unexpected end of file from server 127\\.0\\.0\\.1:$mtls_port|TLS handshake failed: |Received fatal alert: )"
for case in none other; do
  what="no client certificate"
  [ "$case" = other ] && what="a client certificate from another CA"
  run --in "$work/mtls-project" run --debug-only --cacert "$work/cert.pem" "$work/mtls_$case.apex"
  expect_status "mTLS with $what: exit 0 (caught)" 0
  if [ "$(wc -l <"$work/out")" -eq 1 ] && has_match "$work/out" "$refused_ere"; then
    pass
    printf 'note: mTLS with %s: %s\n' "$what" "$(sed 's/^caught: //' "$work/out")"
  else
    fail "mTLS with $what: a CalloutException about the refused connection" "$(context)"
  fi
done

run --in "$work/mtls-project" run --debug-only --cacert "$work/cert.pem" "$work/mtls_missing.apex"
expect_status "mTLS with setClientCertificateName('Missing'): exit 0 (caught)" 0
expect_out "mTLS: a certificate not in the project" \
  'caught: Client certificate "Missing" not found: put Missing.crt and Missing.key (PEM) in a certs/ folder of the project'

# A server that does not ask for a client certificate gets none.
run --in "$work/mtls-project" run --debug-only --cacert "$work/cert.pem" --remote-site "$HTTPS" \
  "$work/mtls_plain.apex"
expect_out "setClientCertificateName to a server that asks for none: anonymous" "200 anonymous"

# --- --trace-callouts ---------------------------------------------------------

script trace <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('@HTTP@/echo');
req.setMethod('POST');
req.setHeader('X-Trace', 'yes');
req.setBody('line one\nline two');
System.debug(new Http().send(req).getStatusCode());
HttpRequest auth = new HttpRequest();
auth.setEndpoint('@HTTP@/headers');
auth.setMethod('GET');
auth.setHeader('Authorization', 'Bearer secret123');
System.debug(new Http().send(auth).getStatusCode());
APEX
run run --trace-callouts trace.apex
expect_status "trace: exit 0" 0
err_line "trace: request line" "> POST $HTTP/echo"
err_line "trace: request header" "> X-Trace: yes"
err_line "trace: end of request headers" ">"
err_line "trace: request body, first line" "> line one"
err_line "trace: request body, second line" "> line two"
err_match "trace: status line" '^< HTTP/1\.1 200 OK( \([0-9]+ ms\))?$'
err_line "trace: response header" "< Content-Type: application/json"
err_line "trace: end of response headers" "<"
err_match "trace: response body" '^< \{"body":"line one\\nline two"'
in_order "trace: request, headers, body, status, headers, body in order" "$work/err" \
  "^> POST $HTTP/echo\$" '^> X-Trace: yes$' '^>$' '^> line one$' '^> line two$' \
  '^< HTTP/1\.1 200 OK' '^< Content-Type: application/json$' '^<$' '^< \{"body":'
err_line "trace: Authorization is masked" "> Authorization: Bearer ****"
err_lacks "trace: the secret is not on stderr" "secret123"
# The log's `Execute Anonymous:` lines echo the source, secret included.
check "trace: the secret is not on stdout (outside the source echo)" \
  "$(! grep -v '^Execute Anonymous: ' "$work/out" | grep -q secret123; echo $?)"

script trace_long <<'APEX'
HttpRequest req = new HttpRequest();
req.setEndpoint('@HTTP@/echo');
req.setMethod('POST');
req.setBody('a'.repeat(2500));
System.debug(new Http().send(req).getStatusCode());
APEX
run run --debug-only --trace-callouts trace_long.apex
expect_out "trace of a long body: callout still works" 200
err_text "trace: a long body is cut" "more bytes not shown"
check "trace: no more than 2,000 bytes of a body shown" "$(! grep -Eq 'a{2001}' "$work/err"; echo $?)"

# --- --record and --replay ----------------------------------------------------

# A fixture of its own, stopped before the replay: a replay that went to the
# network would fail.
start record "$fixture" --port-file "$work/record.port"
record_pid=$started
wait_port record "$work/record.port" "$record_pid"
REC=http://127.0.0.1:$port
record_apex=$(cat <<'APEX'
HttpRequest a = new HttpRequest();
a.setEndpoint('@BASE@/echo?x=1');
a.setMethod('POST');
a.setBody('@BODY@');
try {
    HttpResponse ra = new Http().send(a);
    System.debug(ra.getStatusCode() + ' ' + ra.getBody().substringBetween('"body":"', '"'));
} catch (CalloutException e) {
    System.debug(e.getMessage());
}
HttpRequest b = new HttpRequest();
b.setEndpoint('@BASE@/headers');
b.setMethod('GET');
b.setHeader('Authorization', 'Bearer secret123');
HttpResponse rb = new Http().send(b);
System.debug(rb.getStatus() + ' ' + rb.getHeader('X-Two') + ' ' + rb.getBody());
APEX
)
printf '%s\n' "$record_apex" | sed 's|@BODY@|recorded body|' | script record "$REC"
printf '%s\n' "$record_apex" | sed 's|@BODY@|different body|' | script record_diff "$REC"
mkdir -p "$work/rec"
run run --debug-only --record "$work/rec" record.apex
expect_status "record: exit 0" 0
expect_out "record: the callouts work" "200 recorded body" "OK two headers"
py_check "record: one JSON file per callout with request and response" "$work/rec" <<'PY'
import glob, json, sys
files = sorted(glob.glob(sys.argv[1] + "/*.json"))
assert len(files) == 2, "expected 2 *.json files, found %r" % files
methods = []
for f in files:
    with open(f) as fh:
        d = json.load(fh)
    req, res = d["request"], d["response"]
    for k in ("method", "url", "headers", "body"):
        assert k in req, "%s: request has no %s" % (f, k)
    for k in ("statusCode", "status", "headers", "body"):
        assert k in res, "%s: response has no %s" % (f, k)
    methods.append(req["method"])
assert sorted(methods) == ["GET", "POST"], methods
PY
check "record: the Authorization secret is masked in the files" \
  "$(! grep -rq secret123 "$work/rec"; echo $?)"
stop "$record_pid"
run run --debug-only --replay "$work/rec" record.apex
expect_status "replay (server stopped): exit 0" 0
expect_out "replay gives the recorded output" "200 recorded body" "OK two headers"
run run --debug-only --replay "$work/rec" record_diff.apex
out_prefix "replay: a different POST body matches no recording" \
  "No recorded callout matches POST $REC/echo"
check "replay: the mismatch message mentions the body" \
  "$(head -n 1 "$work/out" | grep -q body; echo $?)"
run run --debug-only --replay /nonexistent record.apex
expect_status "--replay of a missing directory: exit 66" 66

# --- help ---------------------------------------------------------------------

run run --help
expect_status "run --help: exit 0" 0
for option in --trace-callouts --record --replay --insecure --cacert --remote-site --project; do
  out_text "run --help lists $option" "$option"
done

# The servers stayed up through all of it.
for name in http https py mtls; do
  pid_var=${name}_pid
  check "$name server still running at the end" "$(kill -0 "${!pid_var}" 2>/dev/null; echo $?)"
done

printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
