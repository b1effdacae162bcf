#!/usr/bin/env bash
# The org kept in a real PostgreSQL server (`--db postgresql://...`),
# started here: initdb into a temporary folder, listening only on a Unix
# socket there, stopped on exit. On it run the REST API checks of
# rest_api_test.sh (serve), those of data_test.sh (run and test) and of
# data_cli_test.sh (data import and query); then two serve processes share
# one org: a record created through one is read, queried and updated
# through the other, and their record Ids never collide; two started at
# once add the org's setup records once. A URL's password never shows in
# an error.
#
# Usage: postgres_test.sh PATH-TO-APEXRUN
# Exits 77 (skipped) when PostgreSQL's server programs are not installed,
# or when run as root with no `postgres` user to run the server as.
set -uo pipefail

case ${1:?usage: postgres_test.sh APEXRUN} in
  /*) apexrun=$1 ;;
  *) apexrun=$PWD/$1 ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# shellcheck source-path=SCRIPTDIR source=postgres_cluster.sh
source "$here/postgres_cluster.sh"
if ! find_postgres; then
  echo "SKIP: $pg_missing"
  exit 77
fi

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
export HOME="$work/home" XDG_CONFIG_HOME="$work/config"
unset APEXRUN_STORE APEXRUN_STORE_KEY
mkdir -p "$HOME"
servers=()
stop_all() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  stop_postgres
  rm -rf "$work"
}
trap stop_all EXIT

# libpq is loaded only when a --db names PostgreSQL (runtime/data/libpq.h).
check "apexrun does not link libpq" $(! ldd "$apexrun" | grep -q libpq; echo $?)

start_postgres 54329
started=$?
check "a PostgreSQL server starts in a temporary cluster" $started
if [ "$started" -ne 0 ]; then
  cat "$pg_cluster/initdb.log" "$pg_cluster/server.log" 2>/dev/null
  finish "postgres"
  exit
fi

# The REST API's checks, then run's and test's, then data's, each on an org
# in PostgreSQL.
bash "$here/rest_api_test.sh" "$apexrun" "$(db_url rest)" >"$work/rest.out" 2>&1
check "rest_api_test.sh passes with the org in PostgreSQL" $?
cat "$work/rest.out"
bash "$here/data_test.sh" "$apexrun" "$here/fixtures/data_project" "$(db_url runs)" >"$work/data.out" 2>&1
check "data_test.sh (run --db, test --db) passes with the org in PostgreSQL" $?
cat "$work/data.out"
bash "$here/data_cli_test.sh" "$apexrun" "$here/fixtures/data_project" "$(db_url imported)" "$(db_url fresh)" \
  >"$work/data-cli.out" 2>&1
check "data_cli_test.sh (data import, data query) passes with the orgs in PostgreSQL" $?
cat "$work/data-cli.out"

# What the SQL of the two stores does differently (SOSL, date functions,
# decimal sums, text ignoring case, LIKE, a decimal compared with a number
# field) gives what a SQLite org gives.
cat >"$work/same.apex" <<'APEX'
insert new List<Account>{
    new Account(Name = 'Acme Rockets', Industry = 'Energy', AnnualRevenue = 10.25, NumberOfEmployees = 12),
    new Account(Name = 'acme widgets', Industry = 'energy', AnnualRevenue = 0.1),
    new Account(Name = 'Globex', Industry = 'Media', AnnualRevenue = 5)
};
List<List<SObject>> found = [FIND 'acme' IN NAME FIELDS RETURNING Account(Name ORDER BY Name)];
System.debug(found[0]);
for (AggregateResult r : [SELECT SUM(AnnualRevenue) total, MAX(AnnualRevenue) most, COUNT(Id) n
                          FROM Account GROUP BY Industry ORDER BY Industry]) {
    System.debug(r.get('total') + ' ' + r.get('most') + ' ' + r.get('n'));
}
System.debug([SELECT COUNT() FROM Account WHERE CALENDAR_YEAR(CreatedDate) = :Date.today().year()]);
System.debug([SELECT COUNT() FROM Account WHERE AnnualRevenue = 0.1]);
System.debug([SELECT COUNT() FROM Account WHERE NumberOfEmployees > 11.5]);
System.debug([SELECT Name FROM Account WHERE Name LIKE 'ACME%' ORDER BY Name DESC]);
APEX
run run --debug-only --db "$work/same.db" "$work/same.apex"
mv "$work/out" "$work/sqlite.out"
run run --debug-only --db "$(db_url same)" "$work/same.apex"
check "a run gives in a PostgreSQL org what it gives in a SQLite one" \
  $([ "$status" -eq 0 ] && [ -s "$work/out" ] && diff "$work/sqlite.out" "$work/out" >&2; echo $?)

# A URL's password is not repeated in the error, whether the server refuses
# the connection or libpq cannot read the URL.
cat >"$work/none.apex" <<'APEX'
System.debug('never runs');
APEX
run run --db "postgresql://apexrun:Pw-not-shown-8c1@/nowhere?host=$pg_cluster&port=$pg_port" "$work/none.apex"
check "a database that does not exist: a clear error without the password" \
  $([ "$status" -eq 66 ] && grep -q 'cannot connect to PostgreSQL: .*"nowhere" does not exist' "$work/err" &&
    ! grep -q Pw-not-shown "$work/out" "$work/err"; echo $?)
run run --db "postgresql://apexrun:Pw-not-%zz-shown@/nowhere?host=$pg_cluster" "$work/none.apex"
check "a URL libpq cannot read: an error without the password" \
  $([ "$status" -eq 66 ] && grep -q 'cannot read the URL' "$work/err" && ! grep -q 'not-%zz' "$work/out" "$work/err"; echo $?)

data=/services/data/v62.0
# call BASE TOKEN METHOD PATH [BODY]: the body in $work/out, the status in $code.
call() {
  local args=(-s -o "$work/out" -w '%{http_code}' -X "$3" -H "Authorization: Bearer $2")
  [ $# -ge 5 ] && args+=(-H 'Content-Type: application/json' --data-binary "$5")
  code=$(curl "${args[@]}" "$1$4")
}
new_id() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/out"; }

# Two serve processes on one org, the second started once the first listens.
partner_org
serve_db=$(db_url shared)
serve_org
servers+=("$server_pid")
base_a=$base token_a=$token
rm -f "$work/port"
serve_org
servers+=("$server_pid")
base_b=$base token_b=$token
check "two serve processes listen" $([ -n "$token_a" ] && [ -n "$token_b" ] && [ "$base_a" != "$base_b" ]; echo $?)
call "$base_b" "$token_a" GET "$data/limits"
check "the first's session works at the second" $([ "$code" = 200 ]; echo $?)

call "$base_a" "$token_a" POST "$data/sobjects/Account" '{"Name":"Shared Co","Industry":"Energy"}'
check "created through the first" $([ "$code" = 201 ]; echo $?)
id=$(new_id)
call "$base_b" "$token_b" GET "$data/sobjects/Account/$id"
pycheck "read through the second" "$work/out" "d['Id'] == '$id' and d['Name'] == 'Shared Co' and d['Industry'] == 'Energy'"
call "$base_b" "$token_b" GET "$data/query?q=SELECT+Id+FROM+Account+WHERE+Name+%3D+'shared+co'"
pycheck "queried through the second, ignoring case" "$work/out" "d['totalSize'] == 1 and d['records'][0]['Id'] == '$id'"
call "$base_b" "$token_b" POST "$data/sobjects/Account" '{"Name":"Second Co"}'
id_b=$(new_id)
check "the second gives the next Id, not the first's again" $([ -n "$id_b" ] && [ "$id_b" != "$id" ]; echo $?)
call "$base_a" "$token_a" POST "$data/sobjects/Account" '{"Name":"Third Co"}'
id_c=$(new_id)
check "and the first goes on after the second's" $([ -n "$id_c" ] && [ "$id_c" != "$id" ] && [ "$id_c" != "$id_b" ]; echo $?)
call "$base_a" "$token_a" PATCH "$data/sobjects/Account/$id_b" '{"Industry":"Retail"}'
check "updated through the first" $([ "$code" = 204 ]; echo $?)
call "$base_b" "$token_b" GET "$data/query?q=SELECT+Name,Industry+FROM+Account+WHERE+Name+LIKE+'%25co'+ORDER+BY+Name"
pycheck "the three records, in name order, the update seen" "$work/out" \
  "[(r['Name'], r['Industry']) for r in d['records']] == [('Second Co', 'Retail'), ('Shared Co', 'Energy'), ('Third Co', None)]"
call "$base_b" "$token_b" GET "$data/query?q=SELECT+COUNT()+FROM+Pricebook2+WHERE+IsStandard+%3D+true"
pycheck "one standard price book between them" "$work/out" "d['totalSize'] == 1"

# The second, restarted, keeps its sessions; a revocation at the first reaches it.
kill "$server_pid"
wait "$server_pid" 2>/dev/null
rm -f "$work/port"
serve_org
servers+=("$server_pid")
call "$base" "$token_b" GET "$data/limits"
check "a restarted serve takes the session it issued before" $([ "$code" = 200 ]; echo $?)
curl -s -o /dev/null -X POST "$base_a/services/oauth2/revoke" -d "token=$token_b&client_id=$key&client_secret=$secret"
call "$base" "$token_b" GET "$data/limits"
check "a session revoked at one serve is refused at another" $([ "$code" = 401 ]; echo $?)

# Two serve processes started at the same moment on a fresh org.
url=$(db_url together)
for name in one two; do
  (cd "$proj" && exec "$apexrun" serve --project "$proj" --port-file "$work/$name.port" --db "$url") \
    >"$work/$name.out" 2>"$work/$name.err" &
  servers+=("$!")
done
for _ in $(seq 300); do [ -s "$work/one.port" ] && [ -s "$work/two.port" ] && break; sleep 0.1; done
check "two serve processes started at once both listen" $([ -s "$work/one.port" ] && [ -s "$work/two.port" ]; echo $?)
base="http://127.0.0.1:$(cat "$work/two.port")"
token=$(curl -s -X POST "$base/services/oauth2/token" -d "grant_type=password&client_id=$key&client_secret=$secret" \
  -d 'username=integration@seed-partner.example&password=Pw-seed-user-a17c4b' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
call "$base" "$token" GET "$data/query?q=SELECT+COUNT()+FROM+Pricebook2+WHERE+IsStandard+%3D+true"
pycheck "they added the standard price book once" "$work/out" "d['totalSize'] == 1"
call "$base" "$token" GET "$data/query?q=SELECT+COUNT()+FROM+User"
pycheck "and the user once" "$work/out" "d['totalSize'] == 1"

finish "postgres"
