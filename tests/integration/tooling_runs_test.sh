#!/usr/bin/env bash
# What `apexrun serve` keeps for the Tooling API, driven with curl as the
# Salesforce CLI drives it: tooling queries over ApexClass and ApexTrigger
# (the project's code), ApexLog (a debug log a SOAP executeAnonymous with a
# DebuggingHeader asked for) and its body under both paths, runTestsSynchronous
# and runTestsAsynchronous with the ApexTestRunResult, ApexTestQueueItem and
# ApexTestResult rows of the run, its coverage (ApexCodeCoverage,
# ApexCodeCoverageAggregate, ApexOrgWideCoverage), and errors in the
# API's shape. Runs on the seed partner org with tests/integration/fixtures/tooling_code.
#
# Usage: tooling_runs_test.sh PATH-TO-APEXRUN
set -uo pipefail

case ${1:?usage: tooling_runs_test.sh APEXRUN} in
  /*) apexrun=$1 ;;
  *) apexrun=$PWD/$1 ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

partner_org
cp -r "$here/fixtures/tooling_code/classes" "$here/fixtures/tooling_code/triggers" "$here/fixtures/tooling_code/testSuites" "$app/"
serve_org
tooling=$base/services/data/v62.0/tooling

# get URL [CURL ARGS...]: GET with the session; the answer in $work/out, its status in $code.
get() {
  local url=$1
  shift
  code=$(curl -s -o "$work/out" -w '%{http_code}' -H "Authorization: Bearer $token" "$@" "$url")
}
# tquery SOQL: GET tooling/query?q=SOQL.
tquery() { get "$tooling/query" -G --data-urlencode "q=$1"; }
# post RESOURCE JSON: POST tooling/RESOURCE with a JSON body.
post() {
  code=$(curl -s -o "$work/out" -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data-binary "$2" "$tooling/$1")
}

# --- the project's code -------------------------------------------------------------
tquery "SELECT Id, Name, ApiVersion, Status, NamespacePrefix, LengthWithoutComments, Body FROM ApexClass WHERE Name = 'Greeter'"
check "tooling query: 200" $([ "$code" = 200 ]; echo $?)
pycheck "ApexClass: the class, in the query JSON shape" "$work/out" \
  "d['totalSize'] == 1 and d['done'] is True and d['records'][0]['Name'] == 'Greeter' and d['records'][0]['Status'] == 'Active' and d['records'][0]['NamespacePrefix'] is None and d['records'][0]['ApiVersion'] == 62"
pycheck "ApexClass: attributes name the Tooling sobject" "$work/out" \
  "d['records'][0]['attributes'] == {'type': 'ApexClass', 'url': '/services/data/v62.0/tooling/sobjects/ApexClass/' + d['records'][0]['Id']} and d['records'][0]['Id'].startswith('01p')"
pycheck "ApexClass: Body is the file, LengthWithoutComments leaves the comment out" "$work/out" \
  "d['records'][0]['Body'].startswith('public with sharing class Greeter') and d['records'][0]['LengthWithoutComments'] == len(d['records'][0]['Body']) - len('// Greets by name; a blank name is a stranger.')"
tquery "SELECT Name FROM ApexClass ORDER BY Name"
pycheck "ApexClass: every class of the project" "$work/out" \
  "[r['Name'] for r in d['records']] == ['AccountIntake', 'AccountIntakeTest', 'Greeter', 'GreeterTest']"
tquery "SELECT Name, TableEnumOrId, UsageBeforeInsert, UsageAfterInsert, Status FROM ApexTrigger"
pycheck "ApexTrigger: the trigger with its object and events" "$work/out" \
  "[(r['Name'], r['TableEnumOrId'], r['UsageBeforeInsert'], r['UsageAfterInsert'], r['Status']) for r in d['records']] == [('AccountGreeting', 'Account', True, False, 'Active')]"
get "$tooling/sobjects/ApexClass/$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][0]["attributes"]["url"].split("/")[-1])' "$work/out" 2>/dev/null)"
check "a tooling record that is not a class: 404" $([ "$code" = 404 ]; echo $?)
tquery "SELECT Nope FROM ApexClass"
check "a bad tooling query: 400" $([ "$code" = 400 ]; echo $?)
pycheck "a bad tooling query: the API's error shape" "$work/out" "d[0]['errorCode'] == 'INVALID_FIELD' and 'Nope' in d[0]['message']"
tquery "SELECT Id FROM Account"
pycheck "an object the Tooling API does not have: INVALID_TYPE" "$work/out" "d[0]['errorCode'] == 'INVALID_TYPE'"
code=$(curl -s -o "$work/out" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  --data-binary '{"Name": "Made"}' "$tooling/sobjects/ApexClass")
check "tooling sobjects are read-only: 405" $([ "$code" = 405 ]; echo $?)
pycheck "tooling sobjects are read-only: METHOD_NOT_ALLOWED" "$work/out" "d[0]['errorCode'] == 'METHOD_NOT_ALLOWED'"
code=$(curl -s -o "$work/out" -w '%{http_code}' -G --data-urlencode "q=SELECT Id FROM ApexClass" "$tooling/query")
check "tooling query without a session: 401" $([ "$code" = 401 ]; echo $?)

# --- ApexLog ------------------------------------------------------------------------
tquery "SELECT Id FROM ApexLog"
pycheck "no logs before a run asks for one" "$work/out" "d['totalSize'] == 0"
cat >"$work/envelope.xml" <<XML
<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:apex="http://soap.sforce.com/2006/08/apex">
  <env:Header>
    <apex:SessionHeader><apex:sessionId>$token</apex:sessionId></apex:SessionHeader>
    <apex:DebuggingHeader><apex:categories><apex:category>Apex_code</apex:category><apex:level>DEBUG</apex:level></apex:categories><apex:debugLevel>DETAIL</apex:debugLevel></apex:DebuggingHeader>
  </env:Header>
  <env:Body><executeAnonymous xmlns="http://soap.sforce.com/2006/08/apex"><String>System.debug('kept in the log');</String></executeAnonymous></env:Body>
</env:Envelope>
XML
curl -s -o /dev/null -H 'Content-Type: text/xml' -H 'SOAPAction: ""' --data-binary "@$work/envelope.xml" "$base/services/Soap/s/62.0"
tquery "SELECT Id, Application, DurationMilliseconds, Location, LogLength, LogUser.Name, LogUserId, Operation, Request, StartTime, Status FROM ApexLog ORDER BY StartTime DESC"
pycheck "ApexLog: the run's log" "$work/out" \
  "d['totalSize'] == 1 and d['records'][0]['Id'].startswith('07L') and d['records'][0]['Status'] == 'Success' and d['records'][0]['Request'] == 'API' and d['records'][0]['Operation'] == '/services/Soap/s/62.0'"
pycheck "ApexLog: LogUser.Name and the user's Id" "$work/out" \
  "d['records'][0]['LogUser']['Name'] and d['records'][0]['LogUserId'].startswith('005') and d['records'][0]['LogUser']['attributes']['type'] == 'User'"
pycheck "ApexLog: StartTime in the API's format, LogLength" "$work/out" \
  "d['records'][0]['StartTime'].endswith('+0000') and d['records'][0]['LogLength'] > 0 and d['records'][0]['DurationMilliseconds'] >= 0"
log_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][0]["Id"])' "$work/out" 2>/dev/null)
length=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][0]["LogLength"])' "$work/out" 2>/dev/null)
code=$(curl -s -D "$work/headers" -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $token" "$tooling/sobjects/ApexLog/$log_id/Body")
check "tooling sobjects/ApexLog/<id>/Body: 200" $([ "$code" = 200 ]; echo $?)
check "the body is the log, as plain text" $(grep -q "USER_DEBUG|\[1\]|DEBUG|kept in the log" "$work/body" && grep -qi '^content-type: text/plain' "$work/headers"; echo $?)
check "LogLength is the body's size" $([ "$(wc -c <"$work/body")" = "$length" ]; echo $?)
code=$(curl -s -o "$work/body2" -w '%{http_code}' -H "Authorization: Bearer $token" "$base/services/data/v62.0/sobjects/ApexLog/${log_id:0:15}/Body")
check "sobjects/ApexLog/<15-character id>/Body under the REST API too" $([ "$code" = 200 ] && cmp -s "$work/body" "$work/body2"; echo $?)
get "$tooling/sobjects/ApexLog/07L000000000099AAA/Body"
check "a log that does not exist: 404 NOT_FOUND" $([ "$code" = 404 ] && grep -q NOT_FOUND "$work/out"; echo $?)
get "$tooling/sobjects/ApexLog/$log_id"
pycheck "sobjects/ApexLog/<id>: the record" "$work/out" "d['Id'] == '$log_id' and d['Status'] == 'Success'"

get "$tooling/query" -G --data-urlencode "q=SELECT Id, LogUser.Name, COUNT_DISTINCT_ALIAS__x FROM ApexLog" --data-urlencode columns=true
check "columns=true on a bad query: 400" $([ "$code" = 400 ]; echo $?)
get "$tooling/query" -G --data-urlencode "q=SELECT Id, LogUser.Name FROM ApexLog" --data-urlencode columns=true
pycheck "columns=true: the select list's columns, a parent's field joined to its relationship" "$work/out" \
  "[(c['columnName'], [j['columnName'] for j in c['joinColumns']], c['aggregate']) for c in d['columnMetadata']] == [('Id', [], False), ('LogUser', ['Name'], False)]"

# --- runTestsSynchronous ------------------------------------------------------------
post runTestsSynchronous '{"tests": [{"className": "GreeterTest"}], "testLevel": "RunSpecifiedTests", "skipCodeCoverage": false}'
check "runTestsSynchronous: 200" $([ "$code" = 200 ]; echo $?)
pycheck "runTestsSynchronous: RunTestsResult's fields" "$work/out" \
  "sorted(d) == ['apexLogId', 'codeCoverage', 'codeCoverageWarnings', 'failures', 'flowCoverage', 'flowCoverageWarnings', 'numFailures', 'numTestsRun', 'successes', 'totalTime']"
pycheck "runTestsSynchronous: one success, one failure" "$work/out" \
  "d['numTestsRun'] == 2 and d['numFailures'] == 1 and [s['methodName'] for s in d['successes']] == ['greetsByName'] and d['successes'][0]['name'] == 'GreeterTest' and d['successes'][0]['id'].startswith('01p')"
pycheck "runTestsSynchronous: the failure's message and stack trace" "$work/out" \
  "d['failures'][0]['methodName'] == 'expectsTheWrongGreeting' and d['failures'][0]['message'] == 'System.AssertException: Assertion Failed: a deliberate failure: Expected: Goodbye, Ada, Actual: Hello, Ada' and d['failures'][0]['stackTrace'] == 'Class.GreeterTest.expectsTheWrongGreeting: line 10, column 9' and d['failures'][0]['type'] == 'Class'"
pycheck "runTestsSynchronous: coverage of Greeter" "$work/out" \
  "[(c['name'], c['type'], c['numLocations'], c['numLocationsNotCovered'], [l['line'] for l in c['locationsNotCovered']]) for c in d['codeCoverage'] if c['name'] == 'Greeter'] == [('Greeter', 'Class', 3, 1, [5])]"
post runTestsSynchronous '{"tests": [{"className": "GreeterTest", "testMethods": ["greetsByName"]}]}'
pycheck "runTestsSynchronous: testMethods picks the methods" "$work/out" "d['numTestsRun'] == 1 and d['numFailures'] == 0"
post runTestsSynchronous '{"suiteNames": "Greetings", "testLevel": "RunSpecifiedTests"}'
pycheck "runTestsSynchronous: a suite by name runs its classes" "$work/out" "d['numTestsRun'] == 2 and d['numFailures'] == 1"
post runTestsSynchronous '{"suiteNames": "NoSuchSuite", "testLevel": "RunSpecifiedTests"}'
pycheck "an unknown suite: INVALID_INPUT naming it" "$work/out" "d[0]['errorCode'] == 'INVALID_INPUT' and 'NoSuchSuite' in d[0]['message']"
post runTestsSynchronous '{"tests": [{"className": "NoSuchTest"}]}'
check "an unknown class: 400" $([ "$code" = 400 ]; echo $?)
pycheck "an unknown class: the API's error shape" "$work/out" "d[0]['errorCode'] == 'INVALID_INPUT' and 'NoSuchTest' in d[0]['message']"
post runTestsSynchronous 'not json'
pycheck "a body that is not JSON: JSON_PARSER_ERROR" "$work/out" "d[0]['errorCode'] == 'JSON_PARSER_ERROR'"
get "$tooling/runTestsSynchronous"
check "runTestsSynchronous is POST only: 405" $([ "$code" = 405 ]; echo $?)

# --- runTestsAsynchronous and the rows sf apex run test polls -------------------------
post runTestsAsynchronous '{"tests": [{"className": "GreeterTest"}], "testLevel": "RunSpecifiedTests", "skipCodeCoverage": false}'
check "runTestsAsynchronous: 200" $([ "$code" = 200 ]; echo $?)
job=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])))' "$work/out" 2>/dev/null)
check "runTestsAsynchronous: the AsyncApexJob Id, a JSON string" $([[ "$job" == 707* ]] && [ ${#job} = 18 ]; echo $?)
tquery "SELECT AsyncApexJobId, Status, ClassesCompleted, ClassesEnqueued, MethodsEnqueued, StartTime, EndTime, TestTime, TestSetupTime, UserId FROM ApexTestRunResult WHERE AsyncApexJobId = '$job'"
pycheck "ApexTestRunResult: the run, completed" "$work/out" \
  "d['totalSize'] == 1 and d['records'][0]['Status'] == 'Completed' and d['records'][0]['ClassesEnqueued'] == 1 and d['records'][0]['ClassesCompleted'] == 1 and d['records'][0]['MethodsEnqueued'] == 2 and d['records'][0]['UserId'].startswith('005') and d['records'][0]['TestTime'] >= 0"
tquery "SELECT Id, Status, ApexClassId, TestRunResultId, ParentJobId FROM ApexTestQueueItem WHERE ParentJobId = '$job'"
pycheck "ApexTestQueueItem: one per class" "$work/out" \
  "d['totalSize'] == 1 and d['records'][0]['Status'] == 'Completed' and d['records'][0]['ApexClassId'].startswith('01p') and d['records'][0]['Id'].startswith('709')"
item=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][0]["Id"])' "$work/out" 2>/dev/null)
tquery "SELECT Id, QueueItemId, StackTrace, Message, RunTime, TestTimestamp, AsyncApexJobId, MethodName, Outcome, ApexLogId, IsTestSetup, ApexClass.Id, ApexClass.Name, ApexClass.NamespacePrefix FROM ApexTestResult WHERE QueueItemId IN ('$item')"
pycheck "ApexTestResult: a row per method" "$work/out" \
  "sorted((r['MethodName'], r['Outcome']) for r in d['records']) == [('expectsTheWrongGreeting', 'Fail'), ('greetsByName', 'Pass')]"
pycheck "ApexTestResult: ApexClass through the relationship" "$work/out" \
  "all(r['ApexClass']['Name'] == 'GreeterTest' and r['ApexClass']['NamespacePrefix'] is None and r['AsyncApexJobId'] == '$job' and r['IsTestSetup'] is False for r in d['records'])"
pycheck "ApexTestResult: the failure's message and stack trace" "$work/out" \
  "[(r['Message'], r['StackTrace']) for r in d['records'] if r['Outcome'] == 'Fail'] == [('System.AssertException: Assertion Failed: a deliberate failure: Expected: Goodbye, Ada, Actual: Hello, Ada', 'Class.GreeterTest.expectsTheWrongGreeting: line 10, column 9')]"
tquery "SELECT ApexTestClassId, ApexClassOrTrigger.Id, ApexClassOrTrigger.Name, TestMethodName, NumLinesCovered, NumLinesUncovered, Coverage FROM ApexCodeCoverage WHERE ApexTestClassId IN ('$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][0]["ApexClass"]["Id"])' "$work/out" 2>/dev/null)')"
pycheck "ApexCodeCoverage: each test's coverage of Greeter, Coverage an object" "$work/out" \
  "sorted((r['TestMethodName'], r['ApexClassOrTrigger']['Name'], r['NumLinesCovered'], r['NumLinesUncovered'], r['Coverage']['uncoveredLines']) for r in d['records']) == [('expectsTheWrongGreeting', 'Greeter', 2, 1, [5]), ('greetsByName', 'Greeter', 2, 1, [5])]"
tquery "SELECT ApexClassOrTrigger.Id, ApexClassOrTrigger.Name, NumLinesCovered, NumLinesUncovered, Coverage FROM ApexCodeCoverageAggregate"
pycheck "ApexCodeCoverageAggregate: the run's classes" "$work/out" \
  "[(r['ApexClassOrTrigger']['Name'], r['NumLinesCovered'], r['NumLinesUncovered'], r['Coverage']['coveredLines']) for r in d['records'] if r['ApexClassOrTrigger']['Name'] == 'Greeter'] == [('Greeter', 2, 1, [4, 7])]"
tquery "SELECT PercentCovered FROM ApexOrgWideCoverage"
pycheck "ApexOrgWideCoverage: one row" "$work/out" "d['totalSize'] == 1 and 0 <= d['records'][0]['PercentCovered'] <= 100"
post runTestsAsynchronous '{"testLevel": "RunLocalTests"}'
job2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])))' "$work/out" 2>/dev/null)
tquery "SELECT Id FROM ApexTestQueueItem WHERE ParentJobId = '$job2'"
pycheck "RunLocalTests: a queue item for each test class" "$work/out" "d['totalSize'] == 2"
check "each run has an Id of its own" $([ -n "$job2" ] && [ "$job2" != "$job" ]; echo $?)
get "$base/services/data/v62.0/tooling/query" -G --data-urlencode "q=SELECT Id FROM ApexTestResult" -H 'Sforce-Query-Options: batchSize=200'
pycheck "tooling query: every result row so far" "$work/out" "d['totalSize'] >= 2 + 1 + 2 + 2"
check "serve printed no secret" $(! grep -q -e "$secret" -e "$token" "$work/serve.out" "$work/serve.err"; echo $?)

finish "tooling_runs"
