#!/usr/bin/env bash
# Triggers through the real binary: `apexrun test` on a project whose
# Account trigger delegates to a handler framework (a TriggerOperation
# switch, bypass, loop guard, 200-record chunks); a trigger in the Metadata
# API layout; triggers that do not compile, reported with their file, line
# and column in `apexrun run` and `apexrun test`.
# Usage: triggers_test.sh APEXRUN PROJECT
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

run test --project "$project" --result-format json --code-coverage
check "the trigger framework's tests pass" $([ "$status" -eq 0 ]; echo $?)
pycheck "all seven tests ran and passed" "$work/out" \
  "d['result']['summary']['passing'] == 7 and d['result']['summary']['failing'] == 0"
pycheck "the trigger is in the code coverage, fully covered" "$work/out" \
  "[c['coveredPercent'] for c in d['result']['coverage']['coverage'] if c['name'] == 'AccountTrigger'] == [100]"
pycheck "with an ApexTrigger Id" "$work/out" \
  "[c['id'][:3] for c in d['result']['coverage']['coverage'] if c['name'] == 'AccountTrigger'] == ['01q']"

# A project in the Metadata API layout: package.xml beside triggers/.
mdapi="$work/mdapi"
mkdir -p "$mdapi/triggers"
cat >"$mdapi/package.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Package xmlns="http://soap.sforce.com/2006/04/metadata">
    <types><members>*</members><name>ApexTrigger</name></types>
    <version>62.0</version>
</Package>
XML
cat >"$mdapi/triggers/LeadTrigger.trigger" <<'APEX'
trigger LeadTrigger on Lead (before insert) {
    for (Lead l : Trigger.new) l.Company = l.Company.toUpperCase();
}
APEX
echo "Lead l = new Lead(LastName = 'Lee', Company = 'acme'); insert l; System.debug([SELECT Company FROM Lead].Company);" >"$work/lead.apex"
run run --project "$mdapi" "$work/lead.apex"
check "a Metadata API trigger runs" $([ "$status" -eq 0 ]; echo $?)
check "its before insert change is saved" $(grep -q 'USER_DEBUG|\[1\]|DEBUG|ACME' "$work/out"; echo $?)
check "the debug log shows the trigger's code unit" \
  $(grep -q 'CODE_UNIT_STARTED|\[EXTERNAL\]|01q[0-9A-Za-z]\{12\}|LeadTrigger on Lead trigger event BeforeInsert|__sfdc_trigger/LeadTrigger' "$work/out"; echo $?)
check "and its end" \
  $(grep -q 'CODE_UNIT_FINISHED|LeadTrigger on Lead trigger event BeforeInsert|__sfdc_trigger/LeadTrigger' "$work/out"; echo $?)

# `apexrun data import` saves through the same DML: the trigger runs.
cat >"$work/leads.json" <<'JSON'
{"records": [{"attributes": {"type": "Lead", "referenceId": "L1"}, "LastName": "Imported", "Company": "globex"}]}
JSON
run data import --files "$work/leads.json" --db "$work/org.db" --project "$mdapi"
check "data import runs the trigger's project" $([ "$status" -eq 0 ]; echo $?)
run data query "SELECT Company FROM Lead" --db "$work/org.db" --project "$mdapi" --result-format csv
check "the imported record was changed by its before insert trigger" $(grep -qx 'GLOBEX' "$work/out"; echo $?)

# broken NAME BODY MESSAGE LINE: a project whose one trigger is BODY fails
# to compile with MESSAGE at LINE, in `apexrun run` and `apexrun test`.
broken() {
  local dir="$work/broken_$1"
  mkdir -p "$dir/force-app/main/default/triggers"
  echo '{"packageDirectories": [{"path": "force-app", "default": true}], "sourceApiVersion": "62.0"}' >"$dir/sfdx-project.json"
  printf '%s\n' "$2" >"$dir/force-app/main/default/triggers/$1.trigger"
  echo "System.debug('never');" >"$work/script.apex"
  run run --project "$dir" "$work/script.apex"
  check "$1: run exits with the compile error status" $([ "$status" -eq 2 ]; echo $?)
  check "$1: run reports the message" $(grep -qxF "Error: $3" "$work/out"; echo $?)
  check "$1: run names the trigger, line and column" \
    $(grep -q "^apexrun: trigger $1, line $4, column [0-9]*: " "$work/err"; echo $?)
  run test --project "$dir"
  check "$1: test reports the trigger" $(grep -q "Trigger $1, line $4, column [0-9]*: $3" "$work/err"; echo $?)
}
broken UnknownObject 'trigger UnknownObject on Nope__c (before insert) { }' 'Invalid type: Nope__c' 1
broken NotAnObject 'trigger NotAnObject on String (before insert) { }' "Trigger type isn't an SObject: String" 1
broken BeforeUndelete 'trigger BeforeUndelete on Account (before undelete) { }' \
  'Trigger Usage Before Undelete is not supported' 1
# A trigger that uses a class that does not compile fails where it uses it.
dir="$work/broken_class_use"
mkdir -p "$dir/force-app/main/default/triggers" "$dir/force-app/main/default/classes"
echo '{"packageDirectories": [{"path": "force-app", "default": true}], "sourceApiVersion": "62.0"}' >"$dir/sfdx-project.json"
printf 'trigger UsesBroken on Account (after insert) {\n    Broken.run();\n}\n' \
  >"$dir/force-app/main/default/triggers/UsesBroken.trigger"
printf 'public class Broken {\n    public static void run() { Integer i = true; }\n}\n' >"$dir/force-app/main/default/classes/Broken.cls"
run test --project "$dir"
check "a trigger using a broken class is reported at its use" \
  $(grep -q "Trigger UsesBroken, line 2, column [0-9]*: Dependent class is invalid" "$work/err"; echo $?)
check "and the class at its own line" $(grep -q "Class Broken, line 2, column [0-9]*: Illegal assignment" "$work/err"; echo $?)

broken ReturnsValue $'trigger ReturnsValue on Account (before insert) {\n    return 5;\n}' \
  'Trigger bodies must not return a value' 2
broken BadBody $'trigger BadBody on Account (before insert) {\n    Integer i = \'text\';\n}' \
  'Illegal assignment from String to Integer' 2

finish "triggers"
