#!/usr/bin/env bash
# Anonymous Apex run by `apexrun serve`, driven with curl against a real
# server on a free port: the Tooling API's executeAnonymous resource (as
# jsforce calls it) and the Apex API's SOAP executeAnonymous with its
# DebuggingHeader (as `sf apex run --target-org` calls it): success, compile
# errors, exceptions, the project's classes, DML that stays in the org, the
# debug log in the DebuggingInfo header, and refused sessions.
#
# Usage: tooling_api_test.sh PATH-TO-APEXRUN
set -uo pipefail

case ${1:?usage: tooling_api_test.sh APEXRUN} in
  /*) apexrun=$1 ;;
  *) apexrun=$PWD/$1 ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

partner_org
serve_org
tooling=/services/data/v62.0/tooling

# anonymous APEX: GET tooling/executeAnonymous; the answer in $work/out, its status in $code.
anonymous() {
  code=$(curl -s -o "$work/out" -w '%{http_code}' -G -H "Authorization: Bearer $token" \
    --data-urlencode "anonymousBody=$1" "$base$tooling/executeAnonymous/")
}

anonymous "Integer n = 6 * 7; System.debug(n);"
check "executeAnonymous answers 200" $([ "$code" = 200 ]; echo $?)
pycheck "a block that runs: compiled, success, nulls" "$work/out" \
  "d == {'line': -1, 'column': -1, 'compiled': True, 'success': True, 'compileProblem': None, 'exceptionStackTrace': None, 'exceptionMessage': None}"
anonymous "Integer n = 'text';"
pycheck "a compile error: where and why" "$work/out" \
  "d['compiled'] is False and d['success'] is False and d['line'] == 1 and d['column'] > 0 and d['compileProblem'].startswith('Illegal assignment from String to Integer')"
anonymous "Integer zero = 0;
Integer n = 1 / zero;"
pycheck "an exception: its message and stack trace" "$work/out" \
  "d['compiled'] is True and d['success'] is False and d['exceptionMessage'] == 'System.MathException: Divide by 0' and d['exceptionStackTrace'] == 'AnonymousBlock: line 2, column 1' and d['line'] == 2"
anonymous "AccountIntake.Ping p = new AccountIntake.Ping(); p.service = 'x'; System.assertEquals('x', p.service);"
pycheck "the project's classes compile into the block" "$work/out" "d['success'] is True"
anonymous "insert new Account(Name = 'Made Anonymously');"
pycheck "DML runs" "$work/out" "d['success'] is True"
code=$(curl -s -o "$work/out" -w '%{http_code}' -G -H "Authorization: Bearer $token" \
  --data-urlencode "q=SELECT Name FROM Account WHERE Name = 'Made Anonymously'" "$base/services/data/v62.0/query")
pycheck "and its records stay in the org" "$work/out" "d['totalSize'] == 1"
anonymous "insert new Account(Name = 'Rolled Back'); Integer zero = 0; Integer n = 1 / zero;"
code=$(curl -s -o "$work/out" -w '%{http_code}' -G -H "Authorization: Bearer $token" \
  --data-urlencode "q=SELECT Name FROM Account WHERE Name = 'Rolled Back'" "$base/services/data/v62.0/query")
pycheck "a block that throws leaves nothing behind" "$work/out" "d['totalSize'] == 0"

code=$(curl -s -o "$work/out" -w '%{http_code}' -H "Authorization: Bearer $token" "$base$tooling/executeAnonymous/")
check "without anonymousBody: 400" $([ "$code" = 400 ]; echo $?)
code=$(curl -s -o "$work/out" -w '%{http_code}' -H "Authorization: Bearer $token" "$base$tooling/sobjects/Nope")
check "a Tooling resource serve does not have: 404" $([ "$code" = 404 ]; echo $?)
code=$(curl -s -o "$work/out" -w '%{http_code}' -G --data-urlencode "anonymousBody=System.debug(1);" \
  "$base$tooling/executeAnonymous/")
check "without a session: 401" $([ "$code" = 401 ]; echo $?)

# soap SESSION-ID APEX [DEBUGGING-HEADER]: POST /services/Soap/s/62.0 as sf apex run does.
soap() {
  local header=${3:-}
  cat >"$work/envelope.xml" <<XML
<env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:cmd="http://soap.sforce.com/2006/08/apex" xmlns:apex="http://soap.sforce.com/2006/08/apex">
  <env:Header>
    <cmd:SessionHeader><cmd:sessionId>$1</cmd:sessionId></cmd:SessionHeader>
    $header
  </env:Header>
  <env:Body><executeAnonymous xmlns="http://soap.sforce.com/2006/08/apex"><String><![CDATA[$2]]></String></executeAnonymous></env:Body>
</env:Envelope>
XML
  code=$(curl -s -o "$work/out" -w '%{http_code}' -H 'Content-Type: text/xml' -H 'SOAPAction: ""' \
    --data-binary "@$work/envelope.xml" "$base/services/Soap/s/62.0")
}
# soapfield NAME: the text of the first element NAME (any prefix) of the answer.
soapfield() {
  python3 - "$work/out" "$1" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
for e in root.iter():
    if e.tag.split('}')[-1] == sys.argv[2]:
        print(e.text or '')
        break
PY
}
debugging='<apex:DebuggingHeader><apex:categories><apex:category>Apex_code</apex:category><apex:level>DEBUG</apex:level></apex:categories><apex:debugLevel>DETAIL</apex:debugLevel></apex:DebuggingHeader>'

soap "$token" "System.debug('hello from serve' + (1 < 2));" "$debugging"
check "SOAP executeAnonymous answers 200" $([ "$code" = 200 ]; echo $?)
check "SOAP: success" $([ "$(soapfield success)" = true ] && [ "$(soapfield compiled)" = true ]; echo $?)
log=$(soapfield debugLog)
check "SOAP: the debug log comes in the DebuggingInfo header" \
  $(grep -q 'USER_DEBUG|\[1\]|DEBUG|hello from servetrue' <<<"$log"; echo $?)
check "SOAP: the log echoes the block" $(grep -qF "Execute Anonymous: System.debug('hello from serve' + (1 < 2));" <<<"$log"; echo $?)
sed -i 's|<String>|<apexcode>|; s|</String>|</apexcode>|' "$work/envelope.xml"
code=$(curl -s -o "$work/out" -w '%{http_code}' -H 'Content-Type: text/xml' --data-binary "@$work/envelope.xml" "$base/services/Soap/s/62.0/00DSEED00000001")
check "SOAP: the block in <apexcode>, as sf sends it, at the URL with the org's Id" \
  $([ "$code" = 200 ] && grep -q 'hello from servetrue' <<<"$(soapfield debugLog)"; echo $?)
code=$(curl -s -o "$work/out" -w '%{http_code}' -H 'Content-Type: text/xml' --data-binary "@$work/envelope.xml" "$base//services/Soap/s/62.0")
check "a path that starts with two slashes is the path with one" $([ "$code" = 200 ]; echo $?)
soap "$token" "System.debug('quiet');"
check "SOAP without DebuggingHeader: no log" $(! grep -q DebuggingInfo "$work/out"; echo $?)
soap "$token" "Integer n = ;"
check "SOAP: a compile error" $([ "$(soapfield compiled)" = false ] && [ -n "$(soapfield compileProblem)" ]; echo $?)
soap "$token" "throw new IllegalArgumentException('no');"
check "SOAP: an exception" $([ "$(soapfield exceptionMessage)" = "System.IllegalArgumentException: no" ]; echo $?)
soap "00Dbogus!token" "System.debug(1);" "$debugging"
check "SOAP with a bad session: 500" $([ "$code" = 500 ]; echo $?)
check "SOAP with a bad session: INVALID_SESSION_ID fault" $([ "$(soapfield faultcode)" = "sf:INVALID_SESSION_ID" ]; echo $?)
code=$(curl -s -o "$work/out" -w '%{http_code}' -H 'Content-Type: text/xml' --data-binary 'not xml' "$base/services/Soap/s/62.0")
check "SOAP: a body that is not XML is a client fault" $([ "$code" = 500 ] && [ "$(soapfield faultcode)" = "soapenv:Client" ]; echo $?)
check "serve printed no secret" $(! grep -q -e "$secret" -e "$token" "$work/serve.out" "$work/serve.err"; echo $?)

finish "tooling_api"
