#!/usr/bin/env bash
# `apexrun serve`'s REST API data resources and the session's identity,
# driven with curl against a real server on a free port: /services/oauth2/
# userinfo and the identity URL, the version's resource list, records
# created, read (all fields and `fields=`), updated, upserted by an external
# Id and deleted, one at a time and as collections with and without
# allOrNone, as composite requests with references between them and as
# sObject trees of parents and children (the
# project's trigger and validation running as for Apex DML),
# the API's error bodies, describeGlobal and describe, and `query` and
# `queryAll` with paging through nextRecordsUrl. The access token has the
# form the Salesforce CLI checks.
#
# Usage: rest_api_test.sh PATH-TO-APEXRUN [DB]
# DB: serve's --db (postgres_test.sh passes a PostgreSQL URL); default an
# org in memory.
set -uo pipefail

serve_db=${2:-}
case ${1:?usage: rest_api_test.sh APEXRUN [DB]} in
  /*) apexrun=$1 ;;
  *) apexrun=$PWD/$1 ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

# The seed partner org, with an external Id field and a trigger and a
# validation rule on Account.
partner_org
mkdir -p "$app/objects/Account/fields" "$app/objects/Account/validationRules" "$app/triggers"
cat >"$app/objects/Account/fields/Partner_Key__c.field-meta.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Partner_Key__c</fullName>
    <externalId>true</externalId>
    <label>Partner Key</label>
    <length>20</length>
    <type>Text</type>
    <unique>true</unique>
</CustomField>
XML
cat >"$app/objects/Account/validationRules/No_Test_Names.validationRule-meta.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>No_Test_Names</fullName>
    <active>true</active>
    <errorConditionFormula>Name = 'test'</errorConditionFormula>
    <errorDisplayField>Name</errorDisplayField>
    <errorMessage>Give the account a real name</errorMessage>
</ValidationRule>
XML
cat >"$app/triggers/AccountRating.trigger" <<'APEX'
trigger AccountRating on Account (before insert, before update) {
    for (Account a : Trigger.new) if (a.Rating == null) a.Rating = 'Warm';
}
APEX
cat >"$app/triggers/AccountRating.trigger-meta.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<ApexTrigger xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion>
    <status>Active</status>
</ApexTrigger>
XML

serve_org
check "the access token is the org Id, '!' and [A-Za-z0-9._]" \
  $([[ $token =~ ^00D[A-Za-z0-9]{12}![A-Za-z0-9._]+$ ]]; echo $?)

# call METHOD PATH [BODY]: the answer's body in $work/out, its status in $code.
call() {
  local args=(-s -o "$work/out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $token")
  [ $# -ge 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  code=$(curl "${args[@]}" "$base$2")
}
data=/services/data/v62.0

call GET /services/oauth2/userinfo
pycheck "userinfo: the user and the org" "$work/out" \
  "d['preferred_username'] == 'integration@seed-partner.example' and d['organization_id'].startswith('00D') and d['urls']['rest'].endswith('/services/data/v{version}/')"
identity=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/token.json")
call GET "${identity#"$base"}"
pycheck "the identity URL answers the user" "$work/out" \
  "d['username'] == 'integration@seed-partner.example' and d['user_id'].startswith('005') and d['active'] is True"
code=$(curl -s -o "$work/out" -w '%{http_code}' "$base/services/oauth2/userinfo")
check "userinfo without a token is 401" $([ "$code" = 401 ]; echo $?)

call GET "$data/"
pycheck "the version's resources" "$work/out" "d['query'] == '$data/query' and d['sobjects'] == '$data/sobjects'"

call POST "$data/sobjects/Account" '{"Name":"Acme","Industry":"Energy","Partner_Key__c":"P-1"}'
check "create answers 201" $([ "$code" = 201 ]; echo $?)
pycheck "create answers the new Id" "$work/out" "d['success'] is True and d['id'].startswith('001') and d['errors'] == []"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/out")
call GET "$data/sobjects/Account/$id"
pycheck "read: every field, the trigger's Rating among them" "$work/out" \
  "d['attributes']['type'] == 'Account' and d['Name'] == 'Acme' and d['Rating'] == 'Warm' and 'CreatedDate' in d"
call GET "$data/sobjects/Account/$id?fields=Industry"
pycheck "read with fields=: those and the Id" "$work/out" "set(d) == {'attributes', 'Id', 'Industry'}"
call PATCH "$data/sobjects/Account/$id" '{"Industry":"Media"}'
check "update answers 204" $([ "$code" = 204 ] && [ ! -s "$work/out" ]; echo $?)
call PATCH "$data/sobjects/Account/Partner_Key__c/P-1" '{"Name":"Acme Corp"}'
pycheck "upsert of an existing key answers 200, not created" "$work/out" "d['created'] is False and d['id'] == '$id'"
check "upsert of an existing key is 200" $([ "$code" = 200 ]; echo $?)
call PATCH "$data/sobjects/Account/Partner_Key__c/P-2" '{"Name":"Globex"}'
check "upsert of a new key is 201" $([ "$code" = 201 ]; echo $?)
call POST "$data/sobjects/Account" '{"Name":"test"}'
pycheck "a validation rule's error" "$work/out" \
  "d == [{'message': 'Give the account a real name', 'errorCode': 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'fields': ['Name']}]"
check "is a 400" $([ "$code" = 400 ]; echo $?)
call POST "$data/sobjects/Account" '{"Industry":"Energy"}'
pycheck "a required field's error" "$work/out" "d[0]['errorCode'] == 'REQUIRED_FIELD_MISSING' and d[0]['fields'] == ['Name']"
call POST "$data/sobjects/Account" '{"Name":"X","Nope__c":1}'
pycheck "an unknown field" "$work/out" "d[0]['errorCode'] == 'INVALID_FIELD'"
call GET "$data/query?q=SELECT+Id%2C+%B3Name+FROM+Account"
pycheck "a query error quoting bytes that are not UTF-8 is still JSON" "$work/out" "d[0]['errorCode'] == 'MALFORMED_QUERY' and '\ufffd' in d[0]['message']"
call POST "$data/sobjects/Account" 'not json'
pycheck "a body that is not JSON" "$work/out" "d[0]['errorCode'] == 'JSON_PARSER_ERROR'"
call GET "$data/sobjects/Nope__c"
check "an unknown object is 404" $([ "$code" = 404 ]; echo $?)

call GET "$data/sobjects"
pycheck "describeGlobal lists the objects" "$work/out" \
  "d['encoding'] == 'UTF-8' and any(o['name'] == 'Account' and o['keyPrefix'] == '001' for o in d['sobjects'])"
call GET "$data/sobjects/Account/describe"
pycheck "describe: fields with their types, and child relationships" "$work/out" \
  "any(f['name'] == 'Partner_Key__c' and f['externalId'] and f['type'] == 'string' and f['custom'] for f in d['fields']) and any(c['childSObject'] == 'Contact' for c in d['childRelationships'])"
call GET "$data/sobjects/Account"
pycheck "basic information" "$work/out" "d['objectDescribe']['name'] == 'Account' and d['recentItems'] == []"

# 250 more accounts: the query pages in batches of 200.
for i in $(seq 250); do
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary "{\"Name\":\"Bulk $i\"}" "$base$data/sobjects/Account"
done
code=$(curl -s -o "$work/out" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Sforce-Query-Options: batchSize=200' \
  "$base$data/query?q=SELECT+Id,Name+FROM+Account+ORDER+BY+Name")
pycheck "query: the first batch and a nextRecordsUrl" "$work/out" \
  "d['totalSize'] == 252 and d['done'] is False and len(d['records']) == 200 and d['nextRecordsUrl'].startswith('$data/query/01g')"
next=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["nextRecordsUrl"])' "$work/out")
call GET "$next"
pycheck "query: the rest" "$work/out" "d['done'] is True and len(d['records']) == 52 and 'nextRecordsUrl' not in d"
call GET "$next"
pycheck "a finished locator is gone" "$work/out" "d[0]['errorCode'] == 'INVALID_QUERY_LOCATOR'"
call GET "$data/query?q=SELECT+Nope+FROM+Account"
pycheck "a query that does not bind" "$work/out" "d[0]['errorCode'] == 'INVALID_FIELD'"

# sObject Collections: up to 200 records, each with its result.
call POST "$data/composite/sobjects" \
  '{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"Name":"C1"},{"attributes":{"type":"Contact"},"LastName":"Doe"},{"attributes":{"type":"Account"}}]}'
pycheck "collections: created, and the one without a Name refused" "$work/out" \
  "d[0]['success'] and d[0]['id'].startswith('001') and d[1]['id'].startswith('003') and not d[2]['success'] and d[2]['errors'][0]['statusCode'] == 'REQUIRED_FIELD_MISSING'"
c1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$work/out")
call POST "$data/composite/sobjects" \
  '{"allOrNone":true,"records":[{"attributes":{"type":"Account"},"Name":"Never"},{"attributes":{"type":"Account"},"Name":"test"}]}'
pycheck "collections with allOrNone: nothing saved, the others rolled back" "$work/out" \
  "not d[0]['success'] and d[0]['errors'][0]['statusCode'] == 'ALL_OR_NONE_OPERATION_ROLLED_BACK' and d[1]['errors'][0]['statusCode'] == 'FIELD_CUSTOM_VALIDATION_EXCEPTION'"
call GET "$data/query?q=SELECT+COUNT()+FROM+Account+WHERE+Name+%3D+'Never'"
pycheck "the rolled back record is not there" "$work/out" "d['totalSize'] == 0"
call PATCH "$data/composite/sobjects" "{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Id\":\"$c1\",\"Industry\":\"Retail\"}]}"
pycheck "collections: update" "$work/out" "d == [{'id': '$c1', 'success': True, 'errors': []}]"
call PATCH "$data/composite/sobjects/Account/Partner_Key__c" \
  '{"records":[{"attributes":{"type":"Account"},"Partner_Key__c":"P-2","Name":"Globex Inc"},{"attributes":{"type":"Account"},"Partner_Key__c":"P-3","Name":"Initech"}]}'
pycheck "collections: upsert by an external Id" "$work/out" "d[0]['created'] is False and d[1]['created'] is True"
call GET "$data/composite/sobjects/Account?ids=$c1,001000000000999AAA&fields=Name,Industry"
pycheck "collections: read, null for an Id not found" "$work/out" \
  "d[0]['Name'] == 'C1' and d[0]['Industry'] == 'Retail' and d[1] is None"
call DELETE "$data/composite/sobjects?ids=$c1&allOrNone=false"
pycheck "collections: delete" "$work/out" "d == [{'id': '$c1', 'success': True, 'errors': []}]"

# Composite: sub-requests in order, a later one using an earlier one's answer.
call POST "$data/composite" '{"allOrNone":true,"compositeRequest":[
  {"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"acct","body":{"Name":"Parent Co"}},
  {"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"person","body":{"LastName":"Kid","AccountId":"@{acct.id}"}},
  {"method":"GET","url":"/services/data/v62.0/query?q=SELECT+Account.Name+FROM+Contact+WHERE+Id+%3D+%27@{person.id}%27","referenceId":"check"}]}'
pycheck "composite: each answer, references resolved" "$work/out" \
  "[r['httpStatusCode'] for r in d['compositeResponse']] == [201, 201, 200] and d['compositeResponse'][2]['body']['records'][0]['Account']['Name'] == 'Parent Co' and d['compositeResponse'][0]['httpHeaders']['Location'].startswith('/services/data/v62.0/sobjects/Account/001')"
call POST "$data/composite" '{"allOrNone":true,"compositeRequest":[
  {"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"good","body":{"Name":"Rolled Back Co"}},
  {"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"bad","body":{"Name":"test"}}]}'
pycheck "composite with allOrNone: a failure rolls back the others" "$work/out" \
  "d['compositeResponse'][0]['body'][0]['errorCode'] == 'PROCESSING_HALTED' and d['compositeResponse'][1]['body'][0]['errorCode'] == 'FIELD_CUSTOM_VALIDATION_EXCEPTION'"
call GET "$data/query?q=SELECT+COUNT()+FROM+Account+WHERE+Name+%3D+'Rolled+Back+Co'"
pycheck "nothing of it was saved" "$work/out" "d['totalSize'] == 0"
call POST "$data/composite" '{"compositeRequest":[
  {"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"bad","body":{"Name":"test"}},
  {"method":"POST","url":"/services/data/v62.0/sobjects/Account","referenceId":"kept","body":{"Name":"Kept Co"}},
  {"method":"POST","url":"/services/data/v62.0/sobjects/Contact","referenceId":"orphan","body":{"LastName":"X","AccountId":"@{bad.id}"}}]}'
pycheck "composite without allOrNone: the others stay, a reference to a failure is refused" "$work/out" \
  "[r['httpStatusCode'] for r in d['compositeResponse']] == [400, 201, 400] and d['compositeResponse'][2]['body'][0]['errorCode'] == 'PROCESSING_HALTED'"
call GET "$data/query?q=SELECT+COUNT()+FROM+Account+WHERE+Name+%3D+'Kept+Co'"
pycheck "the one that succeeded was saved" "$work/out" "d['totalSize'] == 1"

# sObject Tree: parents and their children in one request, all or nothing.
call POST "$data/composite/tree/Account" '{"records":[
  {"attributes":{"type":"Account","referenceId":"tree1"},"Name":"Tree One","Contacts":{"records":[
    {"attributes":{"type":"Contact","referenceId":"kid1"},"LastName":"Kid One"},
    {"attributes":{"type":"Contact","referenceId":"kid2"},"LastName":"Kid Two"}]}},
  {"attributes":{"type":"Account","referenceId":"tree2"},"Name":"Tree Two"}]}'
check "tree: 201" $([ "$code" = 201 ]; echo $?)
pycheck "tree: the roots, then their children, each with its Id" "$work/out" \
  "d['hasErrors'] is False and [r['referenceId'] for r in d['results']] == ['tree1', 'tree2', 'kid1', 'kid2'] and d['results'][0]['id'].startswith('001') and d['results'][2]['id'].startswith('003')"
call GET "$data/query?q=SELECT+Account.Name,+Account.Rating+FROM+Contact+WHERE+LastName+LIKE+'Kid+%25'+ORDER+BY+LastName"
pycheck "tree: the children hang from their parent, whose trigger ran" "$work/out" \
  "[r['Account']['Name'] for r in d['records']] == ['Tree One', 'Tree One'] and d['records'][0]['Account']['Rating'] == 'Warm'"
call POST "$data/composite/tree/Account" '{"records":[
  {"attributes":{"type":"Account","referenceId":"fine"},"Name":"Never Saved Tree"},
  {"attributes":{"type":"Account","referenceId":"rejected"},"Name":"test"}]}'
check "tree: a failure is 400" $([ "$code" = 400 ]; echo $?)
pycheck "tree: the failing record named, with its error" "$work/out" \
  "d['hasErrors'] is True and d['results'] == [{'referenceId': 'rejected', 'errors': [{'statusCode': 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'message': 'Give the account a real name', 'fields': ['Name']}]}]"
call GET "$data/query?q=SELECT+COUNT()+FROM+Account+WHERE+Name+%3D+'Never+Saved+Tree'"
pycheck "tree: nothing of a failed request is saved" "$work/out" "d['totalSize'] == 0"
call POST "$data/composite/tree/Account" '{"records":[
  {"attributes":{"type":"Account","referenceId":"same"},"Name":"A"},
  {"attributes":{"type":"Account","referenceId":"same"},"Name":"B"}]}'
pycheck "tree: a referenceId given twice, a result for each" "$work/out" \
  "d['hasErrors'] and [r['referenceId'] for r in d['results']] == ['same', 'same'] and d['results'][0]['errors'][0]['statusCode'] == 'INVALID_INPUT'"
call POST "$data/composite/tree/Account" '{"records":[{"attributes":{"type":"Account"},"Name":"No Ref"}]}'
pycheck "tree: a record without a referenceId" "$work/out" \
  "d[0]['errorCode'] == 'INVALID_INPUT' and 'referenceId' in d[0]['message']"
python3 -c 'import json; print(json.dumps({"records": [{"attributes": {"type": "Account", "referenceId": "r%d" % i}, "Name": "N%d" % i} for i in range(201)]}))' >"$work/big.json"
call POST "$data/composite/tree/Account" "$(cat "$work/big.json")"
pycheck "tree: over 200 records refused" "$work/out" "d[0]['errorCode'] == 'LIMIT_EXCEEDED'"
call POST "$data/composite/tree/Nope__c" '{"records":[]}'
check "tree: an object that does not exist is 404" $([ "$code" = 404 ]; echo $?)

call DELETE "$data/sobjects/Account/$id"
check "delete answers 204" $([ "$code" = 204 ]; echo $?)
call GET "$data/sobjects/Account/$id"
check "a deleted record is 404" $([ "$code" = 404 ]; echo $?)
call GET "$data/queryAll?q=SELECT+Id+FROM+Account+WHERE+IsDeleted+%3D+true"
pycheck "queryAll finds it, and the one the collection deleted" "$work/out" \
  "d['totalSize'] == 2 and {r['Id'] for r in d['records']} == {'$id', '$c1'}"

finish "rest_api"
