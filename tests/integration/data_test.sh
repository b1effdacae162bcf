#!/usr/bin/env bash
# The org's records through the real binary: `run --db FILE` keeps them
# across runs and rolls a failed run back; `apexrun test` gives each test
# its own data on top of @TestSetup; a project's custom objects work.
# Usage: data_test.sh APEXRUN PROJECT [DB]
# DB: the org's --db, empty when the script starts (postgres_test.sh passes
# a PostgreSQL URL); default a SQLite file the script makes.
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

db=${3:-$work/org.db}
cat >"$work/add.apex" <<'APEX'
insert new Account(Name = 'kept');
System.debug('accounts: ' + [SELECT COUNT() FROM Account]);
APEX
run run --db "$db" --debug-only "$work/add.apex"
check "a first run with --db inserts" $([ "$status" -eq 0 ] && grep -qx 'accounts: 1' "$work/out"; echo $?)
run run --db "$db" --debug-only "$work/add.apex"
check "a second run sees the first run's record" $(grep -qx 'accounts: 2' "$work/out"; echo $?)

cat >"$work/fail.apex" <<'APEX'
insert new Account(Name = 'lost');
Integer zero = 0;
Integer boom = 1 / zero;
APEX
run run --db "$db" "$work/fail.apex"
check "a run with an uncaught exception fails" $([ "$status" -ne 0 ]; echo $?)
run run --db "$db" --debug-only "$work/add.apex"
check "its insert was rolled back" $(grep -qx 'accounts: 3' "$work/out"; echo $?)

cat >"$work/ids.apex" <<'APEX'
Account a = new Account(Name = 'next');
insert a;
System.debug(a.Id);
APEX
run run --db "$db" --debug-only "$work/ids.apex"
check "Ids go on from the file org's last committed one" $(grep -qx "001000000000004AAA" "$work/out"; echo $?)

run run --debug-only "$work/add.apex"
check "without --db every run starts from a fresh org" $(grep -qx 'accounts: 1' "$work/out"; echo $?)

printf 'not a database, just text\n' >"$work/bad.db"
run run --db "$work/bad.db" "$work/add.apex"
check "a file that is no org's database is a clear error" $([ "$status" -eq 66 ] && grep -q "the org's records" "$work/err"; echo $?)

cat >"$work/custom.apex" <<'APEX'
Account a = new Account(Name = 'A');
insert a;
insert new Invoice__c(Name = 'I-1', Account__c = a.Id, Amount__c = 4);
System.debug([SELECT Account__r.Name FROM Invoice__c].Account__r.Name);
System.debug([SELECT (SELECT Amount__c FROM Invoices__r) FROM Account].Invoices__r.size());
APEX
run run --project "$project" --debug-only "$work/custom.apex"
check "a project's custom object is stored and queried" \
  $([ "$status" -eq 0 ] && [ "$(cat "$work/out")" = $'A\n1' ]; echo $?)

cat >"$work/logged.apex" <<'APEX'
String wanted = 'kept';
insert new List<Account>{ new Account(Name = 'kept'), new Account(Name = 'other') };
List<Account> rows = [SELECT Id, (SELECT Id FROM Contacts)
                      FROM Account WHERE Name = :wanted];
Database.query('SELECT Id FROM Account WHERE Name = :wanted');
APEX
run run "$work/logged.apex"
check "the debug log shows DML as the platform logs it" \
  $(grep -qE '^[0-9:.]+ \([0-9]+\)\|DML_BEGIN\|\[2\]\|Op:Insert\|Type:Account\|Rows:2$' "$work/out" &&
    grep -qE '\|DML_END\|\[2\]$' "$work/out"; echo $?)
check "and an inline query on one line, its binds as tmpVars, with its sub-query count" \
  $(grep -qF '|SOQL_EXECUTE_BEGIN|[3]|Aggregations:1|SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE Name = :tmpVar1' "$work/out" &&
    grep -qF '|SOQL_EXECUTE_END|[3]|Rows:1' "$work/out"; echo $?)
check "and a dynamic query as written" \
  $(grep -qF '|SOQL_EXECUTE_BEGIN|[5]|Aggregations:0|SELECT Id FROM Account WHERE Name = :wanted' "$work/out"; echo $?)

run test --project "$project" --result-format json
check "each test sees only its own and its @TestSetup data" $([ "$status" -eq 0 ]; echo $?)
pycheck "all four data tests pass" "$work/out" "d['result']['summary']['passing'] == 4"

# @isTest(SeeAllData=true) sees the --db org, rolled back after each test;
# the others (and SeeAllData tests without --db) see a fresh org.
seeall="$work/seeall"
mkdir -p "$seeall/force-app/main/default/classes"
printf '{"packageDirectories": [{"path": "force-app", "default": true}], "sourceApiVersion": "62.0"}\n' \
  >"$seeall/sfdx-project.json"
cat >"$seeall/force-app/main/default/classes/OrgDataTest.cls" <<'APEX'
@isTest(SeeAllData=true)
private class OrgDataTest {
    @isTest
    static void seesTheOrgsAccounts() {
        insert new Account(Name = 'made by a test');
        System.assertEquals(4, [SELECT COUNT() FROM Account WHERE Name = 'kept' OR Name = 'made by a test']);
    }
}
APEX
cat >"$seeall/force-app/main/default/classes/IsolatedTest.cls" <<'APEX'
@isTest
private class IsolatedTest {
    @isTest
    static void seesNoneOfThem() {
        System.assertEquals(0, [SELECT COUNT() FROM Account]);
    }
}
APEX
run test --project "$seeall" --db "$db" --result-format json
check "test --db: a SeeAllData test sees the org's records, the others do not" \
  $([ "$status" -eq 0 ]; echo $?)
pycheck "both tests pass" "$work/out" "d['result']['summary']['passing'] == 2"
run run --db "$db" --debug-only "$work/add.apex"
check "what the SeeAllData test inserted was rolled back" $(grep -qx 'accounts: 5' "$work/out"; echo $?)
run test --project "$seeall" --class-names OrgDataTest
check "without --db a SeeAllData test starts from a fresh org" $([ "$status" -eq 100 ]; echo $?)

finish "data"
