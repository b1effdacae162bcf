#!/usr/bin/env bash
# Test.loadData through the real binary: CSV static resources become
# records with typed values, later files refer to earlier rows by their Id
# column, bad files and values are InvalidParameterValueExceptions, and
# each test starts without the records another test loaded.
# Usage: load_data_test.sh APEXRUN PROJECT
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

run test --project "$project" --result-format json
check "the loadData tests pass" $([ "$status" -eq 0 ]; echo $?)
pycheck "all five loadData tests ran and passed" "$work/out" \
  "d['result']['summary']['passing'] == 5 and d['result']['summary']['failing'] == 0"

finish "load_data"
