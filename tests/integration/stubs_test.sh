#!/usr/bin/env bash
# The stub API and WebServiceMock through the real binary: a small mocking
# library on Test.createStub and its tests (stubs of classes, subclasses,
# abstract classes and interfaces; what createStub refuses), and a service
# in the form WSDL to Apex generates it, answered by a WebServiceMock.
# Usage: stubs_test.sh APEXRUN PROJECT
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

run test --project "$project" --result-format json
check "the stub and web service mock tests pass" $([ "$status" -eq 0 ]; echo $?)
pycheck "all thirty-six tests ran and passed" "$work/out" \
  "d['result']['summary']['passing'] == 36 and d['result']['summary']['failing'] == 0"

cat >"$work/stub.apex" <<'APEX'
public class Answers implements System.StubProvider {
  public Object handleMethodCall(Object stubbedObject, String stubbedMethodName, Type returnType,
      List<Type> listOfParamTypes, List<String> listOfParamNames, List<Object> listOfArgs) {
    return 1;
  }
}
Test.createStub(PriceCatalog.class, new Answers());
APEX
run run --project "$project" "$work/stub.apex"
check "outside a test createStub is refused" \
  $([ "$status" -eq 1 ] && grep -q 'System.FinalException: Method only allowed during testing' "$work/out"; echo $?)

cat >"$work/soap.apex" <<'APEX'
new CalculatorService.CalculatorPort().add(1, 2);
APEX
run run --project "$project" "$work/soap.apex"
check "outside a test a SOAP callout is refused" \
  $([ "$status" -eq 1 ] && grep -q 'apexrun does not make SOAP callouts' "$work/out"; echo $?)

finish "stubs"
