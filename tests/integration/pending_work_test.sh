#!/usr/bin/env bash
# Uncommitted work and callouts through the real binary: in a test, a
# callout after DML is refused with the platform's CalloutException, one
# after Test.startTest() is not, and DML may follow a callout.
# Usage: pending_work_test.sh APEXRUN PROJECT
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

run test --project "$project" --result-format json
check "the pending-work tests pass" $([ "$status" -eq 0 ]; echo $?)
pycheck "all three ran and passed" "$work/out" \
  "d['result']['summary']['passing'] == 3 and d['result']['summary']['failing'] == 0"

finish "pending_work"
