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
# a fresh credential store, under a HOME of its own ($work/home, its
# configuration in $work/config, no APEXRUN_STORE or APEXRUN_STORE_KEY from
# outside). The script adds metadata, then calls serve_org.
partner_org() {
  export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
  unset APEXRUN_STORE APEXRUN_STORE_KEY
  mkdir -p "$HOME"
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
# the password grant ($token; the whole answer in $work/token.json). Over
# HTTPS when $tls_cert is set (test_certificate).
serve_org() {
  local tls=() db=()
  [ -n "${tls_cert:-}" ] && tls=(--tls-cert "$tls_cert" --tls-key "$tls_key")
  [ -n "${serve_db:-}" ] && db=(--db "$serve_db")
  (cd "$proj" && exec "$apexrun" serve --project "$proj" --port-file "$work/port" "${tls[@]}" "${db[@]}") \
    >"$work/serve.out" 2>"$work/serve.err" &
  server_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  base="http${tls_cert:+s}://127.0.0.1:$(cat "$work/port")"
  curl -s ${tls_cert:+--cacert "$tls_cert"} -X POST "$base/services/oauth2/token" \
    -d "grant_type=password&client_id=$key&client_secret=$secret" \
    -d 'username=integration@seed-partner.example&password=Pw-seed-user-a17c4b' >"$work/token.json"
  token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$work/token.json")
}

# test_certificate: a throw-away self-signed certificate for 127.0.0.1 and
# localhost ($tls_cert, its key $tls_key) in $work, for serve_org.
test_certificate() {
  tls_cert=$work/cert.pem
  tls_key=$work/key.pem
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -keyout "$tls_key" -out "$tls_cert" -subj /CN=localhost \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" >/dev/null 2>&1
}

# jsforce 3 (and the Salesforce CLI's @jsforce/jsforce-node) ask for undici
# ^8, which fails to load on Node 20 (it binds zlib's zstd, which Node 22.15
# added); undici 7.16.0 (Node >= 20.18.1) serves their fetch in its place.
undici_pin='{"undici": "7.16.0"}'

# node_for_undici_pin CLIENT: returns 77 with a SKIP line when node is older
# than 20.18 (Debian 12's own Node 18), which runs neither undici.
node_for_undici_pin() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 18) ? 0 : 1)' 2>/dev/null && return 0
  echo "SKIP: $1 with undici 7 needs Node 20.18 or later (found: $(node --version 2>/dev/null || echo none))"
  return 77
}

# npm_client PACKAGE VERSION [OVERRIDES]: PACKAGE@VERSION installed with npm
# (scripts off) into a cache folder that later runs reuse: $APEXRUN_NPM_CACHE,
# or npm-clients beside the apexrun binary ($apexrun), outside the source
# tree. OVERRIDES is npm's "overrides" object as JSON, to pin what the
# package's own ranges would let drift. Sets $npm_prefix (its binaries are in
# $npm_prefix/node_modules/.bin). Returns 77 (the SKIP_RETURN_CODE of the
# tests that use it), saying why on stdout, when node or npm is missing or
# the registry cannot be reached; 1 when the install fails otherwise.
npm_client() {
  local package=$1 version=$2 overrides=${3:-"{}"}
  local cache=${APEXRUN_NPM_CACHE:-$(cd "$(dirname "$apexrun")" && pwd)/npm-clients}
  npm_prefix=$cache/${package//\//+}@$version
  [ -f "$npm_prefix/.installed" ] && return 0
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    printf 'SKIP: node and npm are needed to install %s@%s\n' "$package" "$version"
    return 77
  fi
  mkdir -p "$cache"
  (
    flock 9 || exit 1
    [ -f "$npm_prefix/.installed" ] && exit 0
    if ! timeout 30 npm ping --cache "$cache/.npm" >/dev/null 2>&1; then
      printf 'SKIP: the npm registry (%s) cannot be reached to install %s@%s\n' \
        "$(npm config get registry 2>/dev/null)" "$package" "$version"
      exit 77
    fi
    rm -rf "$npm_prefix.partial" && mkdir -p "$npm_prefix.partial"
    printf '{"name": "apexrun-npm-client", "private": true, "dependencies": {"%s": "%s"}, "overrides": %s}\n' \
      "$package" "$version" "$overrides" >"$npm_prefix.partial/package.json"
    if ! (cd "$npm_prefix.partial" && timeout 900 npm install --no-audit --no-fund --ignore-scripts \
      --cache "$cache/.npm" >install.log 2>&1); then
      printf 'npm install %s@%s failed:\n' "$package" "$version"
      tail -20 "$npm_prefix.partial/install.log"
      exit 1
    fi
    rm -rf "$npm_prefix" && mv "$npm_prefix.partial" "$npm_prefix" && touch "$npm_prefix/.installed"
  ) 9>"$cache/.lock"
}
