#!/usr/bin/env bash
# SOSL through the real binary: in `apexrun test` a search returns only
# the records Test.setFixedSearchResults gave (none by default), each test
# starting without any; `apexrun run` searches the org's records.
# Usage: sosl_test.sh APEXRUN PROJECT
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

run test --project "$project" --result-format json
check "the SOSL tests pass" $([ "$status" -eq 0 ]; echo $?)
pycheck "all seven SOSL tests ran and passed" "$work/out" \
  "d['result']['summary']['passing'] == 7 and d['result']['summary']['failing'] == 0"

cat >"$work/search.apex" <<'APEX'
insert new Contact(LastName = 'Acme Zed');
System.debug(ContactSearch.find('acme').size());
APEX
run run --project "$project" --debug-only "$work/search.apex"
check "outside a test a search finds the org's records" $([ "$status" -eq 0 ] && grep -qx '1' "$work/out"; echo $?)

finish "sosl"
