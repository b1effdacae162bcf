#!/usr/bin/env bash
# Drives `apexrun run` and `apexrun test` against each project layout in
# tests/fixtures/projects/: an SFDX project with several package
# directories (one written `plugins\\billing`), a Metadata API folder
# (mdapi/src/package.xml, classes/, namedCredentials/, remoteSiteSettings/,
# staticresources/) given by --project or found from inside it, and a folder
# of loose .cls files (--classes). Also `apexrun run X.cls`, which runs
# nothing and says so, and the hint for a script beside a class outside any
# project. Usage: layouts_test.sh PATH-TO-APEXRUN
set -uo pipefail

apexrun=${1:?usage: layouts_test.sh PATH-TO-APEXRUN}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
projects=$(cd "$here/../fixtures/projects" && pwd)
plugins=$projects/plugins
mdapi=$projects/mdapi
loose=$projects/loose
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# run_in DIR ARGS... : as run, from DIR
run_in() {
  local dir=$1
  shift
  (cd "$dir" && "$apexrun" "$@") >"$work/out" 2>"$work/err"
  status=$?
}

# apex NAME SOURCE: writes $work/NAME.apex
apex() { printf '%s\n' "$2" >"$work/$1.apex"; }

# expect_output NAME EXPECTED-STATUS EXPECTED-STDOUT
expect_output() {
  check "$1: exits $2" $((status != $2))
  check "$1: output" "$([ "$(cat "$work/out")" = "$3" ]; echo $?)"
}

# has NAME FILE TEXT: FILE holds TEXT (a fixed string)
has() { check "$1" "$(grep -qF -- "$3" "$2"; echo $?)"; }

# outcomes: "FullName Outcome" of each test in a `test --json` result ($work/out), sorted
outcomes() {
  python3 -c '
import json, sys
for t in sorted(json.load(open(sys.argv[1]))["result"]["tests"], key=lambda t: t["FullName"]):
    print(t["FullName"], t["Outcome"])' "$work/out"
}

# --- an SFDX project with several package directories ----------------------
apex checkout "System.debug(Checkout.total(12.5));"
run run --debug-only --project "$plugins" "$work/checkout.apex"
expect_output "plugins: a class from each package directory" 0 "invoice 12.50 / ship to LYON"
run test --json --project "$plugins"
check "plugins: test exits 0" $((status != 0))
check "plugins: the test in plugins/shipping ran" \
  "$([ "$(outcomes)" = "CheckoutTest.totalUsesEveryPackageDirectory Pass" ]; echo $?)"

mkdir -p "$work/missing-dir/force-app"
printf '{"packageDirectories": [{"path": "force-app"}, {"path": "libs\\\\gone"}]}' >"$work/missing-dir/sfdx-project.json"
run run --project "$work/missing-dir" "$work/checkout.apex"
check "missing package directory: exits 66" $((status != 66))
has "missing package directory: the CLI's message" "$work/err" \
  "apexrun run: The path $work/missing-dir/libs/gone, specified in sfdx-project.json, does not exist."

# --- a Metadata API folder ---------------------------------------------------
apex invoices "System.debug(Invoices.describe(1));"
run run --debug-only --project "$mdapi" "$work/invoices.apex"
expect_output "mdapi: --project REPO (src/package.xml)" 0 "1 invoice"
run run --debug-only --project "$mdapi/src" "$work/invoices.apex"
expect_output "mdapi: --project REPO/src" 0 "1 invoice"
run_in "$mdapi/src/classes" run --debug-only "$work/invoices.apex"
expect_output "mdapi: the nearest project, from src/classes" 0 "1 invoice"
run_in "$mdapi" run --debug-only "$work/invoices.apex"
expect_output "mdapi: the nearest project, from the repository" 0 "1 invoice"
run_in "$mdapi" run --debug-only --project src "$work/invoices.apex"
expect_output "mdapi: --project src, relative" 0 "1 invoice"
run_in "$mdapi/src" run --debug-only --project . "$work/invoices.apex"
expect_output "mdapi: --project ., inside src/" 0 "1 invoice"

# remoteSiteSettings/Rates.remoteSite allows 127.0.0.1:9 (nothing listens):
# the callout is made and refused; localhost:9 has no remote site.
apex allowed "Invoices.fetch('http://127.0.0.1:9/rates');"
run run --debug-only --project "$mdapi" "$work/allowed.apex"
check "mdapi: remote site read: exits 1" $((status != 1))
has "mdapi: remote site read: the callout was made" "$work/err" "System.CalloutException: Connection refused"
apex denied "Invoices.fetch('http://localhost:9/rates');"
run run --debug-only --project "$mdapi" "$work/denied.apex"
has "mdapi: remote sites enforced" "$work/err" \
  "Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = http://localhost:9/rates"
# namedCredentials/Billing_API.namedCredential points at 127.0.0.1:9 too.
apex named "Invoices.fetch('callout:Billing_API/invoices');"
run run --debug-only --project "$mdapi" "$work/named.apex"
has "mdapi: named credential read" "$work/err" "System.CalloutException: Connection refused"

# The test mocks callout:Billing_API with staticresources/InvoiceList.
run test --json --project "$mdapi"
check "mdapi: test exits 0" $((status != 0))
check "mdapi: tests" "$([ "$(outcomes)" = "InvoicesTest.describesCounts Pass
InvoicesTest.readsTheStaticResourceThroughTheNamedCredential Pass" ]; echo $?)"
run_in "$mdapi/src" test --json
check "mdapi: test from inside src/ exits 0" $((status != 0))
# A test suite under its Metadata API file name (testSuites/Invoicing.testSuite).
run test --json --project "$mdapi" -s Invoicing
check "mdapi: -s reads testSuites/NAME.testSuite: exits 0" $((status != 0))
check "mdapi: -s runs the suite's classes" "$([ "$(outcomes)" = "InvoicesTest.describesCounts Pass
InvoicesTest.readsTheStaticResourceThroughTheNamedCredential Pass" ]; echo $?)"

# A folder that is no project says what was looked for.
mkdir -p "$work/empty"
run run --project "$work/empty" "$work/invoices.apex"
check "not a project: exits 66" $((status != 66))
has "not a project: what was looked for" "$work/err" \
  "apexrun run: --project $work/empty: no sfdx-project.json, and no Metadata API folder (package.xml beside classes/, triggers/, objects/, ...) there or in its src/"
run test --project "$work/nowhere"
check "no such folder: exits 66" $((status != 66))
has "no such folder: message" "$work/err" "apexrun test: --project $work/nowhere: no such folder"

# --- a folder of loose .cls files: --classes -----------------------------------
run run --debug-only --classes "$loose" "$loose/hello.apex"
expect_output "--classes: run" 0 "Hello, world!"
run test --json --classes "$loose"
check "--classes: test exits 0" $((status != 0))
check "--classes: test ran" "$([ "$(outcomes)" = "GreetingTest.greetsByName Pass" ]; echo $?)"
# No remote sites outside a project, so none with --classes either.
apex loose-callout "HttpRequest r = new HttpRequest(); r.setEndpoint('http://localhost:9/'); r.setMethod('GET'); new Http().send(r);"
run run --debug-only --classes "$loose" "$work/loose-callout.apex"
has "--classes: no remote sites to check" "$work/err" "System.CalloutException: Connection refused"
run run --classes "$work/empty" "$loose/hello.apex"
check "--classes without .cls: exits 66" $((status != 66))
has "--classes without .cls: message" "$work/err" "apexrun run: --classes $work/empty: no .cls files in that folder"
run run --classes "$loose" --project "$mdapi" "$loose/hello.apex"
check "--classes with --project: usage error" $((status != 64))

# --- `apexrun run X.cls` runs nothing, and says how to run it ------------------
run run "$loose/Greeting.cls"
check "run X.cls: exits 64" $((status != 64))
check "run X.cls: nothing on stdout" "$([ ! -s "$work/out" ]; echo $?)"
has "run X.cls: says nothing ran" "$work/err" \
  "apexrun run: nothing ran: $loose/Greeting.cls only declares class Greeting."
has "run X.cls: how to run it" "$work/err" "apexrun run --classes DIR script.apex"
has "run X.cls: how to test it" "$work/err" "apexrun test --classes DIR"
printf 'public interface Shape { Decimal area(); }\npublic enum Kind { ROUND }\n' | "$apexrun" run - >"$work/out" 2>"$work/err"
status=$?
check "run of declarations from stdin: exits 64" $((status != 64))
has "run of declarations from stdin: names them" "$work/err" \
  "nothing ran: the input only declares interface Shape, enum Kind."

# --- a script beside a class file, outside any project --------------------------
cp "$loose/Greeting.cls" "$loose/hello.apex" "$work/"
run_in "$work" run hello.apex
check "beside: compile error" $((status != 2))
has "beside: the compile error" "$work/out" "Error: Variable does not exist: Greeting"
has "beside: the hint" "$work/err" \
  "hint: Greeting.cls is beside the script, but outside a project apexrun reads no classes: run with --classes . (a folder of .cls files), or --project DIR (an SFDX or Metadata API project)"
run run --no-hints "$work/hello.apex"
check "beside: --no-hints" "$(! grep -q '^hint:' "$work/err"; echo $?)"
apex unrelated "Nowhere.go();"
run run "$work/unrelated.apex"
check "beside: no hint for a class that is not there" "$(! grep -q '^hint:' "$work/err"; echo $?)"

finish layouts_test
