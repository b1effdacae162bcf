#!/usr/bin/env bash
# `apexrun data import` and `apexrun data query` through the real binary: a
# plan with references and nested children into a --db file, the records
# queried as tables, CSV and JSON, `apexrun run --db` seeing them, and the
# failures: a record the platform refuses (nothing kept), a missing file,
# a file that is not JSON, an unknown object, references that never resolve.
# Usage: data_cli_test.sh APEXRUN PROJECT [DB FRESH-DB]
# DB, FRESH-DB: two empty orgs' --db (postgres_test.sh passes PostgreSQL
# URLs); default SQLite files the script makes.
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

db=${3:-$work/org.db}
plan="$project/data/Account-Contact-Invoice__c-plan.json"

# expect NAME FILE: FILE's whole text is the here-document on standard input.
expect() {
  diff <(cat) "$2" >"$work/diff" 2>&1
  local status=$?
  [ $status -ne 0 ] && cat "$work/diff"
  check "$1" $status
}

# --------------------------------------------------------------- import

run data import "$plan" --db "$db" --project "$project"
check "a plan imports" "$status"
expect "the import prints sf's Import Results table, parents before children" "$work/out" <<'EOF'
Import Results
┌────────────────┬────────────┬────────────────────┐
│ Reference ID   │ Type       │ ID                 │
├────────────────┼────────────┼────────────────────┤
│ AccountRef2    │ Account    │ 001000000000001AAA │
│ AccountRef1    │ Account    │ 001000000000002AAA │
│ ContactRef1    │ Contact    │ 003000000000001AAA │
│ ContactRef2    │ Contact    │ 003000000000002AAA │
│ ContactRef3    │ Contact    │ 003000000000003AAA │
│ Invoice__cRef1 │ Invoice__c │ a00000000000001AAA │
└────────────────┴────────────┴────────────────────┘

EOF

# --------------------------------------------------------------- query

run data query "SELECT Name, Parent.Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name" \
  --db "$db" --project "$project"
check "a query with a parent field and a sub-query runs" "$status"
expect "human: a table, a second child on a row of its own, then the total" "$work/out" <<'EOF'
┌──────────────┬──────────────┬───────────────────┐
│ NAME         │ PARENT.NAME  │ CONTACTS.LASTNAME │
├──────────────┼──────────────┼───────────────────┤
│ Acme         │ Globex, Inc. │ Jones             │
│              │              │ Smith             │
│ Globex, Inc. │              │ Say "hi"          │
└──────────────┴──────────────┴───────────────────┘

Total number of records retrieved: 2.
EOF

run data query -q "SELECT LastName, Email, Account.Name FROM Contact ORDER BY LastName" -r csv --db "$db" \
  --project "$project"
expect "csv: a header row, quoting where CSV needs it, empty cells for nulls" "$work/out" <<'EOF'
LastName,Email,Account.Name
Jones,,Acme
"Say ""hi""",,"Globex, Inc."
Smith,ann@acme.example,Acme
EOF

run data query "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName) FROM Account ORDER BY Name" \
  --result-format csv --db "$db" --project "$project"
expect "csv: a sub-query's children as numbered columns, as sf writes them" "$work/out" <<'EOF'
Name,Contacts.totalSize,Contacts.records.0.LastName,Contacts.totalSize,Contacts.records.1.LastName
Acme,2,Jones,2,Smith
"Globex, Inc.",1,"Say ""hi""",1,
EOF

run data query "SELECT Name, Amount__c, Account__r.Name FROM Invoice__c" -r json --db "$db" --project "$project"
expect "json: sf's result with the REST API's records" "$work/out" <<'EOF'
{
  "status": 0,
  "result": {
    "records": [
      {
        "attributes": {
          "type": "Invoice__c",
          "url": "/services/data/v62.0/sobjects/Invoice__c/a00000000000001AAA"
        },
        "Name": "INV-1",
        "Amount__c": 1250.5,
        "Account__r": {
          "attributes": {
            "type": "Account",
            "url": "/services/data/v62.0/sobjects/Account/001000000000002AAA"
          },
          "Name": "Acme"
        }
      }
    ],
    "totalSize": 1,
    "done": true
  }
}
EOF

run data query "SELECT Name, NumberOfEmployees FROM Account WHERE NumberOfEmployees != null" --json --db "$db"
pycheck "--json adds sf's warnings to the envelope" "$work/out" \
  "d['status'] == 0 and d['warnings'] == [] and d['result']['totalSize'] == 1 and d['result']['records'][0]['NumberOfEmployees'] == 50"

run data query "SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry ORDER BY Industry NULLS LAST" --db "$db"
expect "an aggregate query: the function as its column, a null as null" "$work/out" <<'EOF'
┌──────────┬───────────┐
│ INDUSTRY │ COUNT(ID) │
├──────────┼───────────┤
│ Energy   │ 1         │
│ null     │ 1         │
└──────────┴───────────┘

Total number of records retrieved: 2.
EOF

run data query "SELECT Name FROM Account WHERE Name = 'Nobody'" --db "$db"
expect "no records: an empty table is an empty line, then the total" "$work/out" <<'EOF'

Total number of records retrieved: 0.
EOF
run data query "SELECT Name FROM Account WHERE Name = 'Nobody'" -r csv --db "$db"
check "no records in csv: sf's empty header line" $([ "$status" -eq 0 ] && [ "$(od -An -c "$work/out" | tr -d ' ')" = '\n' ]; echo $?)

run data query "SELECT COUNT() FROM Contact" --db "$db"
expect "SELECT COUNT(): only the total" "$work/out" <<'EOF'

Total number of records retrieved: 3.
EOF

printf 'SELECT Name FROM Account WHERE Name LIKE %s\n' "'Glob%'" >"$work/query.soql"
run data query --file "$work/query.soql" --result-format csv --output-file "$work/out.csv" --db "$db"
check "--file reads the query, --output-file takes the csv" \
  $([ "$status" -eq 0 ] && grep -qx '1 records written to .*out.csv' "$work/out" &&
    [ "$(cat "$work/out.csv")" = $'Name\n"Globex, Inc."' ]; echo $?)

run data query "SELECT Name FROM Profile"
expect "without --db, a fresh org with its setup records" "$work/out" <<'EOF'
┌──────────────────────┐
│ NAME                 │
├──────────────────────┤
│ System Administrator │
└──────────────────────┘

Total number of records retrieved: 1.
EOF

run data query "SELECT Foo FROM Account" --db "$db"
check "an unknown column fails" $([ "$status" -eq 1 ] && [ ! -s "$work/out" ]; echo $?)
expect "an unknown column is reported as the REST API reports it" "$work/err" <<'EOF'
apexrun data query: INVALID_FIELD:
SELECT Foo FROM Account
       ^
ERROR at Row:1:Column:8
No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.
EOF

run data query "SELECT Id FROM Acount" --db "$db"
check "an unknown object is INVALID_TYPE" \
  $([ "$status" -eq 1 ] && grep -q "INVALID_TYPE" "$work/err" && grep -q "sObject type 'Acount' is not supported" "$work/err"; echo $?)
run data query "SELECT Id FROM Account WHERE" --db "$db"
check "a syntax error is MALFORMED_QUERY" \
  $([ "$status" -eq 1 ] && grep -q "^ERROR at Row:1:Column:29$" "$work/err" && grep -q "MALFORMED_QUERY" "$work/err"; echo $?)
run data query "SELECT Id FROM Account" --db "$work/no-such.db"
check "a --db file that does not exist is not made by a query" $([ "$status" -eq 66 ] && [ ! -e "$work/no-such.db" ]; echo $?)
run data query "SELECT Id FROM Account" -r xml
check "an unknown result format is a usage error" "$([ "$status" -eq 64 ]; echo $?)"
run data query
check "no query is a usage error" $([ "$status" -eq 64 ] && grep -q "no query" "$work/err"; echo $?)

# --------------------------------------------------------------- run --db sees them

cat >"$work/count.apex" <<'APEX'
System.debug([SELECT COUNT() FROM Contact WHERE Account.Name = 'Acme']);
System.debug([SELECT Amount__c FROM Invoice__c].Amount__c);
APEX
run run --db "$db" --project "$project" --debug-only "$work/count.apex"
check "apexrun run --db sees the imported records" $([ "$status" -eq 0 ] && [ "$(cat "$work/out")" = $'2\n1250.5' ]; echo $?)

# --------------------------------------------------------------- failures

mkdir -p "$work/data"
cat >"$work/data/plan.json" <<'EOF'
[
  { "sobject": "Account", "files": ["Account.json"] },
  { "sobject": "Invoice__c", "files": ["Invoice__c.json"] }
]
EOF
cat >"$work/data/Account.json" <<'EOF'
{ "records": [{ "attributes": { "type": "Account", "referenceId": "AccountRef1" }, "Name": "Initech" }] }
EOF
cat >"$work/data/Invoice__c.json" <<'EOF'
{ "records": [{ "attributes": { "type": "Invoice__c", "referenceId": "Invoice__cRef1" }, "Name": "INV-2", "Account__c": "@AccountRef1" }] }
EOF
fresh=${4:-$work/fresh.db}
run data import "$work/data/plan.json" --db "$fresh" --project "$project"
check "a record without a required field fails the import" "$([ "$status" -eq 1 ]; echo $?)"
expect "the failure: sf's error table, then which file and record, with the platform's code and message" \
  "$work/out" <<'EOF'
Tree import errors
┌────────────────┬────────────────────────┬──────────────────────────────────────────┬───────────┐
│ Reference ID   │ Status Code            │ Error Message                            │ Fields    │
├────────────────┼────────────────────────┼──────────────────────────────────────────┼───────────┤
│ Invoice__cRef1 │ REQUIRED_FIELD_MISSING │ Required fields are missing: [Amount__c] │ Amount__c │
└────────────────┴────────────────────────┴──────────────────────────────────────────┴───────────┘

EOF
has_line "stderr names the file and the reference" "$work/err" \
  "  $work/data/Invoice__c.json, Invoice__cRef1: REQUIRED_FIELD_MISSING, Required fields are missing: [Amount__c]"
run data query "SELECT COUNT() FROM Account" --db "$fresh"
check "nothing of a failed import is kept, not even the parts saved before" \
  $(grep -qx 'Total number of records retrieved: 0.' "$work/out"; echo $?)

run data import --files "$work/data/Account.json,$work/data/Missing.json" --db "$fresh"
check "a missing file is exit 66, named" $([ "$status" -eq 66 ] && grep -q "No file found at $work/data/Missing.json" "$work/err"; echo $?)
run data import "$work/data/nope-plan.json" --db "$fresh"
check "a missing plan is exit 66" $([ "$status" -eq 66 ] && grep -q "nope-plan.json" "$work/err"; echo $?)

printf '{ "records": [ { "attributes": ' >"$work/data/Broken.json"
run data import --files "$work/data/Broken.json" --db "$fresh"
check "a file that is not JSON is exit 66 with its path and the parser's message" \
  $([ "$status" -eq 66 ] && grep -q "Broken.json is not valid JSON: parse error at line 1" "$work/err"; echo $?)

printf '[{ "sobject": "Account", "file": ["Account.json"] }]' >"$work/data/bad-plan.json"
run data import "$work/data/bad-plan.json" --db "$fresh"
check "a plan that is not a plan is refused" \
  $([ "$status" -eq 66 ] && grep -q 'did not validate against the schema. Errors: entry 0: "files" must be an array' "$work/err"; echo $?)

cat >"$work/data/Unknown.json" <<'EOF'
{ "records": [{ "attributes": { "type": "Acount", "referenceId": "AcountRef1" }, "Name": "Typo" }] }
EOF
run data import -f "$work/data/Unknown.json" --db "$fresh"
check "an unknown object fails the import" \
  $([ "$status" -eq 1 ] && grep -q "Unknown.json, AcountRef1: INVALID_TYPE, sObject type 'Acount' is not supported" "$work/err"; echo $?)

cat >"$work/data/Field.json" <<'EOF'
{ "records": [{ "attributes": { "type": "Account", "referenceId": "AccountRef9" }, "Name": "x", "Colour__c": "red" }] }
EOF
run data import -f "$work/data/Field.json" --db "$fresh"
check "an unknown field is INVALID_FIELD" \
  $([ "$status" -eq 1 ] && grep -q "AccountRef9: INVALID_FIELD, No such column 'Colour__c' on sobject of type Account" "$work/err"; echo $?)

run data import -f "$project/data/Contact.json" --db "$fresh"
check "references without a plan are refused, as sf refuses them" \
  $([ "$status" -eq 66 ] && grep -q "Those are only supported with --plan, not --files." "$work/err"; echo $?)

cat >"$work/data/cycle-plan.json" <<'EOF'
[{ "sobject": "Contact", "files": ["Cycle.json"] }]
EOF
cat >"$work/data/Cycle.json" <<'EOF'
{ "records": [{ "attributes": { "type": "Contact", "referenceId": "ContactRef1" }, "LastName": "A", "ReportsToId": "@ContactRef2" }] }
EOF
run data import "$work/data/cycle-plan.json" --db "$fresh"
check "a reference nothing resolves is named" \
  $([ "$status" -eq 1 ] && grep -q "There are references in a data file .*Cycle.json that can't be resolved:" "$work/err" &&
    grep -qx -- "- @ContactRef2" "$work/err"; echo $?)

run data import "$plan"
check "import without --db is a usage error" $([ "$status" -eq 64 ] && grep -q -- "--db FILE is required" "$work/err"; echo $?)
run data import --db "$fresh"
check "import without a plan or files is a usage error" "$([ "$status" -eq 64 ]; echo $?)"
run data import "$plan" --files "$work/data/Account.json" --db "$fresh"
check "a plan and --files together are a usage error" "$([ "$status" -eq 64 ]; echo $?)"
run data import tree --plan "$plan" --db "$work/sf-words.db" --project "$project"
check "sf's words (data import tree --plan) work too" $([ "$status" -eq 0 ] && grep -q "AccountRef1" "$work/out"; echo $?)

for words in "data" "data import" "data query"; do
  run $words --help
  check "apexrun $words --help" $([ "$status" -eq 0 ] && grep -q "^Usage: apexrun $words" "$work/out"; echo $?)
done
run data
check "apexrun data alone prints its usage" $([ "$status" -eq 64 ] && grep -q "import" "$work/err"; echo $?)

finish "data cli"
