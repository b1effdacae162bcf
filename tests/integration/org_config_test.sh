#!/usr/bin/env bash
# Labels, custom settings and custom metadata through the real binary, on a
# copy of tests/apex/org_config: `apexrun test` sees the custom metadata
# records and the labels in every test method (they are not test data) and
# each test's custom setting records stay its own; `apexrun data import` saves
# custom setting records that a later `apexrun run --db` reads with
# getInstance and getAll; a custom metadata file of an unknown type stops
# the run naming the file. Usage: org_config_test.sh PATH-TO-APEXRUN
set -uo pipefail

apexrun=${1:?usage: org_config_test.sh PATH-TO-APEXRUN}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

project=$work/project
mkdir -p "$project"
cp -R "$here/../apex/org_config/sfdx-project.json" "$here/../apex/org_config/force-app" "$project/"
classes=$project/force-app/main/default/classes
mkdir -p "$classes"
cat >"$classes/OrgConfigTest.cls" <<'APEX'
@IsTest
private class OrgConfigTest {
    @IsTest
    static void labelsAndMetadataAreVisible() {
        Assert.areEqual('Hello, world', Label.Greeting);
        Assert.areEqual(2, Region__mdt.getAll().size());
        Assert.areEqual('Ada', Region__mdt.getInstance('West').Manager__c);
    }
    @IsTest
    static void settingRecordsAreTestData() {
        Assert.isTrue(Country_Code__c.getAll().isEmpty());
        insert new Country_Code__c(Name = 'Germany', Code__c = 'DE');
        Assert.areEqual('DE', Country_Code__c.getInstance('Germany').Code__c);
    }
    @IsTest
    static void settingRecordsDoNotOutliveTheirTest() {
        Assert.isNull(Country_Code__c.getValues('Germany'));
        Assert.areEqual(2, [SELECT COUNT() FROM Region__mdt]);
    }
}
APEX
cat >"$classes/OrgConfigTest.cls-meta.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>62.0</apiVersion><status>Active</status></ApexClass>
XML

run test --project "$project"
check "apexrun test passes the org configuration tests" "$status"
grep -q "Pass Rate.*100%" "$work/out"
check "every test method passes" $?

mkdir -p "$work/data"
cat >"$work/data/Country_Code__c.json" <<'JSON'
{"records": [
  {"attributes": {"type": "Country_Code__c", "referenceId": "ref1"}, "Name": "Germany", "Code__c": "DE"},
  {"attributes": {"type": "Country_Code__c", "referenceId": "ref2"}, "Name": "France", "Code__c": "FR"}
]}
JSON
cat >"$work/data/App_Settings__c.json" <<'JSON'
{"records": [
  {"attributes": {"type": "App_Settings__c", "referenceId": "org1"}, "SetupOwnerId": "00D000000000001EAA", "Endpoint__c": "https://org.example"}
]}
JSON
db=$work/org.db
run data import --files "$work/data/Country_Code__c.json,$work/data/App_Settings__c.json" --db "$db" --project "$project"
check "data import saves custom setting records" "$status"
cat >"$work/read.apex" <<'APEX'
System.debug(Country_Code__c.getAll().keySet());
System.debug(Country_Code__c.getInstance('France').Code__c);
System.debug(App_Settings__c.getInstance().Endpoint__c);
System.debug(Region__mdt.getAll().size());
APEX
run run --debug-only --db "$db" --project "$project" "$work/read.apex"
check "apexrun run reads the imported settings" "$status"
expected='{Germany, France}
FR
https://org.example
2'
[ "$(cat "$work/out")" = "$expected" ]
check "getAll, getInstance(name) and the hierarchy's org defaults read the imported records" $?
run run --debug-only --db "$db" --project "$project" "$work/read.apex"
[ "$(tail -1 "$work/out")" = "2" ]
check "a file org holds the project's custom metadata records once, run after run" $?

cat >"$project/force-app/main/default/customMetadata/Zone.North.md-meta.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata"><label>North</label></CustomMetadata>
XML
run run --project "$project" "$work/read.apex"
[ "$status" -eq 66 ] && grep -q "Zone.North.md-meta.xml: no custom metadata type Zone__mdt in objects/" "$work/err"
check "a record of an unknown custom metadata type stops the run, naming the file" $?

finish "org config"
