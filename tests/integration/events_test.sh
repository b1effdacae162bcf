#!/usr/bin/env bash
# Platform events through the real binary: `apexrun test` delivers a
# project's events at Test.stopTest and Test.getEventBus().deliver(), with
# retries, publish callbacks and EventBusSubscriber rows; `apexrun run`
# delivers what a script published after it commits, each trigger batch with
# its own debug log.
# Usage: events_test.sh APEXRUN PROJECT
apexrun=$1
project=$2
source "$(dirname "$0")/lib.sh"

run test --project "$project" --result-format json
check "the events project's tests pass" $([ "$status" -eq 0 ]; echo $?)
pycheck "all eleven tests ran and passed" "$work/out" \
  "d['result']['summary']['passing'] == 11 and d['result']['summary']['failing'] == 0"

cat >"$work/ship.apex" <<'APEX'
Shipments.ship('T-1');
Shipments.ship('T-2');
System.debug('shipped');
APEX
run run --project "$project" "$work/ship.apex"
check "the report names the trigger, the event object and the replay IDs" \
  $([ "$status" -eq 0 ] && grep -q '^Platform event trigger ShipmentEventTrigger (Shipment_Event__e, events 1-2): Completed$' "$work/out"; echo $?)
check "the batch's log has the trigger's code unit" \
  $(grep -q 'CODE_UNIT_STARTED|\[EXTERNAL\]|01q[0-9A-Za-z]*|ShipmentEventTrigger on Shipment_Event__e trigger event AfterInsert' "$work/out"; echo $?)

run run --project "$project" --json "$work/ship.apex"
pycheck "--json lists the deliveries with their logs" "$work/out" \
  "d['result']['eventDeliveries'][0]['subscriber'] == 'ShipmentEventTrigger' and d['result']['eventDeliveries'][0]['events'] == '1-2' and 'DML_BEGIN' in d['result']['eventDeliveries'][0]['logs']"

cat >"$work/bad.apex" <<'APEX'
Shipments.ship('BAD-7');
APEX
run run --project "$project" --debug-only "$work/bad.apex"
check "a failed trigger batch is reported on stderr" \
  $([ "$status" -eq 0 ] && grep -q '^Platform event trigger ShipmentEventTrigger (Shipment_Event__e, events 1): System.IllegalArgumentException: unknown carrier$' "$work/err"; echo $?)

# The trigger's Cases are the org's: a file org keeps them.
run run --project "$project" --db "$work/org.db" "$work/ship.apex"
cat >"$work/count.apex" <<'APEX'
System.debug([SELECT COUNT() FROM Case]);
APEX
run run --project "$project" --db "$work/org.db" --debug-only "$work/count.apex"
check "what the trigger inserted was committed" $([ "$status" -eq 0 ] && [ "$(cat "$work/out")" = "2" ]; echo $?)

# A trigger on a platform event may only be after insert.
dir="$work/before_event"
mkdir -p "$dir/force-app/main/default/triggers" "$dir/force-app/main/default/objects/Ping__e"
echo '{"packageDirectories": [{"path": "force-app", "default": true}], "sourceApiVersion": "62.0"}' >"$dir/sfdx-project.json"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">\n<label>Ping</label>\n</CustomObject>\n' \
  >"$dir/force-app/main/default/objects/Ping__e/Ping__e.object-meta.xml"
echo 'trigger PingBefore on Ping__e (before insert) { }' >"$dir/force-app/main/default/triggers/PingBefore.trigger"
echo "System.debug('never');" >"$work/script.apex"
run run --project "$dir" "$work/script.apex"
check "a before insert trigger on an event does not compile" \
  $([ "$status" -eq 2 ] && grep -qxF 'Error: Platform Event SObjects only supports after insert: Ping__e' "$work/out"; echo $?)

finish "events"
