#!/usr/bin/env bash
# The org configuration through the real binary: `apexrun test` on a project
# whose Apex reads its custom objects (defaults, record types, formulas,
# validation rules, a field set, describe), a hierarchy custom setting,
# custom metadata records, a custom label, a custom permission, an app and
# the running request. Every test method asserts what it reads.
# Usage: metadata_project_test.sh APEXRUN PROJECT
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

run test --project "$project" --result-format json
check "the metadata project's tests pass" $([ "$status" -eq 0 ]; echo $?)
pycheck "all eleven tests ran and passed" "$work/out" \
  "d['result']['summary']['passing'] == 11 and d['result']['summary']['failing'] == 0"
pycheck "each test method is reported by name" "$work/out" \
  "sorted(t['MethodName'] for t in d['result']['tests'])[0] == 'approvalNeedsThePermissionSet'"

finish "metadata_project"
