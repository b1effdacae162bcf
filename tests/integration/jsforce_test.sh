#!/usr/bin/env bash
# jsforce, the Node client for Salesforce APIs, against `apexrun serve` over
# HTTPS with a throw-away certificate: clients/jsforce_client.mjs makes the
# calls a Node integration makes and this script checks each answer.
# jsforce is installed with npm into a cache beside the apexrun binary
# (lib.sh, npm_client); without node, npm or the registry the test is
# skipped (exit 77), never passed.
#
# Usage: jsforce_test.sh PATH-TO-APEXRUN
set -uo pipefail

case ${1:?usage: jsforce_test.sh APEXRUN} in
  /*) apexrun=$1 ;;
  *) apexrun=$PWD/$1 ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

node_for_undici_pin "jsforce 3.10.26" || exit $?
npm_client jsforce 3.10.26 "$undici_pin" || exit $?

partner_org
test_certificate
serve_org
export NODE_EXTRA_CA_CERTS=$tls_cert

# ESM resolves `jsforce` from the script's folder: the script runs beside a
# link to the installed packages.
cp "$here/clients/jsforce_client.mjs" "$work/"
ln -s "$npm_prefix/node_modules" "$work/node_modules"
node "$work/jsforce_client.mjs" "$base" "$key" "$secret" integration@seed-partner.example Pw-seed-user-a17c4b \
  "$work/results.json" >"$work/out" 2>"$work/err"
check "the client ran to the end" $?
r=$work/results.json

pycheck "login: OAuth password grant" "$r" \
  "d['login']['ok']['id'] == '005SEED00000001AAA' and d['login']['ok']['organizationId'].startswith('00D')"
pycheck "identity" "$r" "d['identity']['ok']['username'] == 'integration@seed-partner.example'"
pycheck "describeGlobal lists Account and Contact" "$r" \
  "'Account' in d['describeGlobal']['ok'] and 'Contact' in d['describeGlobal']['ok']"
pycheck "describe Account" "$r" "d['describe']['ok']['name'] == 'Account' and 'Industry' in d['describe']['ok']['fields']"
pycheck "create" "$r" "d['create']['ok']['success'] and d['create']['ok']['id'].startswith('001')"
pycheck "retrieve" "$r" "d['retrieve']['ok']['Name'] == 'Jsforce Co' and d['retrieve']['ok']['Industry'] == 'Retail'"
pycheck "update, then retrieve" "$r" \
  "d['update']['ok']['success'] and d['retrieveUpdated']['ok']['Industry'] == 'Banking'"
pycheck "150 records at once (sObject Collections)" "$r" \
  "len(d['createMany']['ok']) == 150 and all(x['success'] for x in d['createMany']['ok'])"
pycheck "a refused create throws REQUIRED_FIELD_MISSING" "$r" \
  "d['createRefused']['error']['errorCode'] == 'REQUIRED_FIELD_MISSING'"
pycheck "query with a child sub-query" "$r" \
  "d['query']['ok'] == {'totalSize': 1, 'name': 'Jsforce Co', 'contacts': 150}"
pycheck "a bad query throws INVALID_FIELD" "$r" "d['badQuery']['error']['errorCode'] == 'INVALID_FIELD'"
pycheck "tooling executeAnonymous" "$r" \
  "d['executeAnonymous']['ok']['compiled'] and d['executeAnonymous']['ok']['success']"
pycheck "Apex REST GET" "$r" "d['apexRest']['ok']['service'] == 'AccountIntake'"
pycheck "Apex REST POST" "$r" "d['apexRestPost']['ok']['status'] == 'created'"
pycheck "2,100 rows: the first batch of 2,000, then queryMore" "$r" \
  "d['queryPaged']['ok'] == {'totalSize': 2100, 'first': 2000, 'done': False, 'rest': 100, 'restDone': True}"
pycheck "2,100 rows fetched by autoFetch, each once" "$r" \
  "d['queryAutoFetch']['ok'] == {'count': 2100, 'distinct': 2100}"
pycheck "destroy, then the record is NOT_FOUND" "$r" \
  "d['destroy']['ok']['success'] and d['retrieveDeleted']['error']['errorCode'] == 'NOT_FOUND'"
check "no secret in serve's output" \
  "$(! grep -qF -e "$secret" -e Pw-seed-user-a17c4b -e "$token" "$work/serve.out" "$work/serve.err"; echo $?)"

finish jsforce_test
