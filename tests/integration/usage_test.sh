#!/usr/bin/env bash
# What a newcomer meets first, on the real apexrun binary: unreadable input,
# the command list, unknown commands, help and version, usage errors, a busy
# port and the hints that explain Salesforce's wording.
# Usage: usage_test.sh PATH-TO-APEXRUN SOURCE-DIR
set -uo pipefail

apexrun=${1:?usage: usage_test.sh PATH-TO-APEXRUN SOURCE-DIR}
source_dir=${2:?usage: usage_test.sh PATH-TO-APEXRUN SOURCE-DIR}
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run() {
  "$apexrun" "$@" >"$work/out" 2>"$work/err" </dev/null
  status=$?
}
first_err() { [ "$(head -n 1 "$work/err")" = "$1" ]; echo $?; }
has_err() { grep -Fq -- "$1" "$work/err"; echo $?; }
lacks_err() { ! grep -Fq -- "$1" "$work/err"; echo $?; }

# --- input that cannot be read: one message, exit 66, for run and parse -----
mkdir -p "$work/folder"
for command in run parse; do
  run "$command" "$work/folder"
  check "$command on a folder exits 66" $((status != 66))
  check "$command on a folder: message" "$(first_err "apexrun $command: cannot read $work/folder: Is a directory")"
  check "$command on a folder: no C++ exception" "$(lacks_err "terminate")"
  run "$command" "$work/missing.apex"
  check "$command on a missing file exits 66" $((status != 66))
  check "$command on a missing file: message" \
    "$(first_err "apexrun $command: cannot read $work/missing.apex: No such file or directory")"
done
if [ "$(id -u)" -ne 0 ]; then  # root reads any file
  printf "System.debug(1);\n" >"$work/locked.apex"
  chmod 000 "$work/locked.apex"
  run run "$work/locked.apex"
  check "unreadable file exits 66" $((status != 66))
  check "unreadable file: message" "$(first_err "apexrun run: cannot read $work/locked.apex: Permission denied")"
fi

# --- no arguments: the command list ------------------------------------------
run
check "no arguments exits 64" $((status != 64))
for command in run test serve parse credential auth help version; do
  check "no arguments lists $command" "$(grep -Eq "^  $command( |$)" "$work/err"; echo $?)"
done

# --- unknown commands --------------------------------------------------------
run tset
check "unknown command exits 64" $((status != 64))
check "unknown command: suggestion" "$(first_err "apexrun: unknown command 'tset'; did you mean 'test'?")"
run credential lst
check "unknown subcommand: suggestion" \
  "$(first_err "apexrun credential: unknown command 'lst'; did you mean 'list'?")"
run qqqqqqqq
check "unknown command, nothing near: exits 64" $((status != 64))
check "unknown command, nothing near: no suggestion" "$(first_err "apexrun: unknown command 'qqqqqqqq'")"

# --- help and version --------------------------------------------------------
run help
check "help exits 0" $((status != 0))
check "help: usage line" "$(grep -q '^Usage: apexrun ' "$work/out"; echo $?)"
check "help: lists the commands" "$(grep -Eq '^  credential ' "$work/out"; echo $?)"
for words in "run" "test" "credential set" "auth login"; do
  # shellcheck disable=SC2086 # the words are the command
  "$apexrun" $words --help >"$work/expected" 2>&1
  # shellcheck disable=SC2086
  run help $words
  check "help $words exits 0" $((status != 0))
  check "help $words is $words --help" "$(cmp -s "$work/out" "$work/expected"; echo $?)"
  check "help $words: its usage" "$(grep -q "^Usage: apexrun $words " "$work/out"; echo $?)"
done
run help tset
check "help of an unknown command exits 64" $((status != 64))
check "help of an unknown command: suggestion" "$(first_err "apexrun: unknown command 'tset'; did you mean 'test'?")"
for flag in version -v --version; do
  run "$flag"
  check "$flag exits 0" $((status != 0))
  check "$flag prints the version" "$([ "$(cat "$work/out")" = "apexrun 0.1.0" ]; echo $?)"
done

# --- usage errors ------------------------------------------------------------
run credential list --nope extra --json
check "unexpected arguments exit 64" $((status != 64))
check "unexpected arguments, in the order typed" \
  "$(first_err "apexrun credential list: the following arguments were not expected: --nope extra")"
run run --no-such-flag
check "one unexpected argument" \
  "$(first_err "apexrun run: the following argument was not expected: --no-such-flag")"
run credential set Foo
check "credential set without pairs exits 64" $((status != 64))
check "credential set without pairs: the usage" "$(first_err "Store secrets for a credential, all in one transaction. A value of - reads standard input; @env:VAR reads the environment variable VAR; @file:PATH reads the file PATH (all three keep the secret out of shell history and ps); an empty value removes the key")"
check "credential set without pairs: usage line" "$(has_err "Usage: apexrun credential set [OPTIONS] name pairs...")"
check "credential set without pairs: not CLI11's message" "$(lacks_err "is required")"
run credential
check "credential without a subcommand: its usage" "$(has_err "Usage: apexrun credential")"

# --- serve on a port already in use -------------------------------------------
python3 - "$work/port" <<'PY' &
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen()
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(60)
PY
listener=$!
trap 'kill "$listener" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -f "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
run serve --project "$source_dir/samples/seed/partner" --port "$port"
check "serve on a busy port exits non-zero" $((status == 0))
check "serve on a busy port: the address is in use" \
  "$(has_err "apexrun serve: cannot listen on 127.0.0.1:$port: Address already in use")"
check "serve on a busy port: leave --port out" "$(has_err "leave --port out")"
kill "$listener" 2>/dev/null
# Another apexrun serve on the port: the second one must not share it.
"$apexrun" serve --project "$source_dir/samples/seed/partner" --port-file "$work/serve-port" \
  >"$work/serve.out" 2>"$work/serve.err" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -s "$work/serve-port" ] && break; sleep 0.1; done
port=$(cat "$work/serve-port")
run serve --project "$source_dir/samples/seed/partner" --port "$port"
check "serve on the port of another apexrun serve: exits non-zero" $((status == 0))
check "serve on the port of another apexrun serve: the address is in use" \
  "$(has_err "apexrun serve: cannot listen on 127.0.0.1:$port: Address already in use")"
kill "$server" 2>/dev/null

# --- hints for Salesforce's wording -------------------------------------------
project=$work/project
mkdir -p "$project/force-app/main/default/namedCredentials"
printf '{"packageDirectories": [{"path": "force-app", "default": true}], "sourceApiVersion": "62.0"}\n' \
  >"$project/sfdx-project.json"
for name in Billing_API Accounts_API; do
  cat >"$project/force-app/main/default/namedCredentials/$name.namedCredential-meta.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
    <calloutStatus>Enabled</calloutStatus>
    <endpoint>https://$name.example.com</endpoint>
    <generateAuthorizationHeader>false</generateAuthorizationHeader>
    <label>$name</label>
    <principalType>Anonymous</principalType>
    <protocol>NoAuthentication</protocol>
</NamedCredential>
XML
done
send() {
  cat >"$work/send.apex" <<APEX
HttpRequest req = new HttpRequest();
req.setEndpoint('$1');
req.setMethod('GET');
new Http().send(req);
APEX
}

send 'http://127.0.0.1:9/orders'
run run --debug-only --project "$project" "$work/send.apex"
check "no remote site: Salesforce's message" "$(has_err "Error: System.CalloutException: Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = http://127.0.0.1:9/orders")"
check "no remote site: hint names --remote-site" "$(has_err "hint: the project has no Remote Site Setting for http://127.0.0.1:9: add remoteSiteSettings/NAME.remoteSite-meta.xml with <url>http://127.0.0.1:9</url> to a package directory, or run with --remote-site http://127.0.0.1:9")"
run run --debug-only --no-hints --project "$project" "$work/send.apex"
check "--no-hints: no hint" "$(lacks_err "hint:")"

send 'callout:Billing_Api_Typo/invoices'
run run --debug-only --project "$project" "$work/send.apex"
check "unknown named credential: Salesforce's message" "$(has_err "Error: System.CalloutException: The callout couldn't access the endpoint. You might not have the required permissions, or the named credential \"Billing_Api_Typo\" might not exist.")"
check "unknown named credential: hint lists the project's" \
  "$(has_err "hint: the project has no Named Credential Billing_Api_Typo; its Named Credentials are Accounts_API, Billing_API")"
mkdir -p "$work/bare/force-app"
cp "$project/sfdx-project.json" "$work/bare/"
run run --debug-only --project "$work/bare" "$work/send.apex"
check "a project without Named Credentials: hint" "$(has_err "hint: the project has no Named Credentials: callout:Billing_Api_Typo needs namedCredentials/Billing_Api_Typo.namedCredential-meta.xml in a package directory")"
run run --debug-only "$work/send.apex"
check "named credential outside a project: hint" "$(has_err "hint: callout:Billing_Api_Typo names a Named Credential, and apexrun reads them from an SFDX project: run inside one or pass --project DIR")"

finish usage
