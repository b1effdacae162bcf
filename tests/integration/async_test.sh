#!/usr/bin/env bash
# Asynchronous Apex through the real binary: `apexrun test` runs a project's
# queueables (with a finalizer), batch, schedulable and future method at
# Test.stopTest; `apexrun run` runs what a script queued after it commits,
# each job with its own debug log, and keeps scheduled jobs in a file org.
# Usage: async_test.sh APEXRUN PROJECT
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

run test --project "$project" --result-format json
check "the async project's tests pass" $([ "$status" -eq 0 ]; echo $?)
pycheck "all ten tests ran and passed" "$work/out" \
  "d['result']['summary']['passing'] == 10 and d['result']['summary']['failing'] == 0"

# A stateful batch over 1,000 records outside a test: five chunks of 200.
cat >"$work/rollup.apex" <<'APEX'
List<Account> accounts = new List<Account>();
for (Integer i = 0; i < 1000; i++) accounts.add(new Account(Name = 'A' + i, AnnualRevenue = 3));
insert accounts;
Database.executeBatch(new RevenueRollup());
System.debug('queued');
APEX
run run --project "$project" --debug-only "$work/rollup.apex"
check "the batch runs after the script" $([ "$status" -eq 0 ] && [ "$(cat "$work/out")" = "queued
rollup: 5 chunks, 1000 records, total 3000" ]; echo $?)

run run --project "$project" "$work/rollup.apex"
check "the report names the job and its outcome" \
  $(grep -q '^Async job 707[0-9A-Za-z]\{15\} (BatchApex RevenueRollup): Completed$' "$work/out"; echo $?)
check "the job's log has its code unit and the asynchronous limits" \
  $(grep -q 'CODE_UNIT_STARTED|\[EXTERNAL\]|707[0-9A-Za-z]*|RevenueRollup' "$work/out" &&
    grep -q 'Number of SOQL queries: 1 out of 200' "$work/out"; echo $?)

run run --project "$project" --json "$work/rollup.apex"
pycheck "--json lists the jobs with their logs" "$work/out" \
  "d['result']['asyncJobs'][0]['status'] == 'Completed' and d['result']['asyncJobs'][0]['jobType'] == 'BatchApex' and 'rollup: 5 chunks' in d['result']['asyncJobs'][0]['logs']"

# A failed job is reported; the script's own transaction stands.
cat >"$work/fails.apex" <<'APEX'
insert new Account(Name = 'Kept');
System.enqueueJob(new AccountSync(new List<Id>{[SELECT Id FROM Account].Id}, true));
APEX
run run --project "$project" --debug-only "$work/fails.apex"
check "a failed job is reported on stderr" \
  $([ "$status" -eq 0 ] && grep -q '^Async job 707[0-9A-Za-z]* (Queueable AccountSync): System.CalloutException: remote system unavailable$' "$work/err"; echo $?)

# A file org keeps the schedule: the job's name is taken in the next run.
cat >"$work/schedule.apex" <<'APEX'
System.schedule('Nightly rollup', NightlySchedule.CRON, new NightlySchedule());
System.debug([SELECT COUNT() FROM CronTrigger]);
APEX
run run --project "$project" --db "$work/org.db" "$work/schedule.apex"
check "a scheduled job waits for its fire time" \
  $([ "$status" -eq 0 ] && grep -q 'USER_DEBUG|\[2\]|DEBUG|1$' "$work/out" &&
    grep -q '^1 scheduled job(s) wait for their next fire time' "$work/out"; echo $?)
run run --project "$project" --db "$work/org.db" --debug-only "$work/schedule.apex"
check "the name is taken in the next run" \
  $([ "$status" -eq 1 ] && grep -q 'The Apex job named "Nightly rollup" is already scheduled for execution.' "$work/err"; echo $?)

finish "async"
