// Delivering platform events (Platform Events Developer Guide, "Subscribe
// to Platform Event Notifications with Apex Triggers"): the events on the
// bus reach each after insert trigger of their object in batches of up to
// 2,000, each batch a transaction of its own; a trigger that throws
// EventBus.RetryableException gets its batch again (nine times at most),
// one that sets a resume checkpoint and then fails resumes after it.
// Publish callbacks hear whether their events reached the bus.
//
// Outside tests the host delivers after the publishing transaction commits
// (runNextDelivery); a test delivers at Test.getEventBus().deliver() and
// Test.stopTest().
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "interp/event_bus.h"
#include "sema/schema.h"
#include "stdlib/native.h"

namespace apex::stdlib {

// EventBus.SuccessResult and EventBus.FailureResult: the UUIDs of the events
// a publish callback hears of.
struct PublishResultState : interp::NativeState {
  std::string className;
  std::vector<std::string> uuids;
  PublishResultState(std::string cls, std::vector<std::string> ids) : className(std::move(cls)), uuids(std::move(ids)) {}
  std::string toString() const override;
};

// What one delivery did, for the host's report.
struct EventRunReport {
  std::string subscriber;  // the trigger, or the callback's class
  std::string topic;       // the event object; for a callback, onSuccess or onFailure
  std::string events;      // the replay IDs delivered (`1-3`); empty for a callback
  std::string status;      // Completed, Failed, Retried (RetryableException), Stopped (retried too often)
  std::string error;       // the uncaught exception, as Salesforce reports it
  interp::LimitUsage usage{};
};

// Sets the field `name` of the event `record` (a field the platform fills).
inline void setEventField(interp::SObjectObj& record, std::string_view name, Value value) {
  if (const sema::SObjectField* f = record.type->field(name)) record.set(f, std::move(value));
}

// The event as the bus keeps it: a copy of `event`, with the fields the
// platform fills when it accepts one (EventUuid, CreatedDate, CreatedById).
interp::PublishedEvent eventForBus(Interp& vm, const Value& event, const Value& callback);

// An event EventBus.publish accepted: on the bus at once when it is
// published immediately outside a test, else pending.
void acceptPublished(Interp& vm, interp::PublishedEvent event);

// The host, after a transaction: its Publish After Commit events join the
// bus when it committed; when it rolled back, they are dropped.
void publishCommittedEvents(Interp& vm);
// Drops the Publish After Commit events published after the first `since`
// pending ones (a rolled back transaction's).
void discardUncommittedEvents(Interp& vm, size_t since = 0);

// Runs the next delivery due, as a transaction of its own: a publish
// callback, or one trigger's next batch. nullopt when nothing is due. The
// host commits after each.
std::optional<EventRunReport> runNextDelivery(Interp& vm);

// Test.getEventBus().deliver() and Test.stopTest(): the events the test
// published join the bus, their callbacks hear of it, and each trigger gets
// the events it has not had (a retried batch again). Events its triggers
// publish wait for the next delivery.
void deliverTestEvents(Interp& vm);
// Test.getEventBus().fail(): the events published and not delivered fail
// to publish: their callbacks' onFailure runs, and no trigger gets them.
void failTestEvents(Interp& vm);

}  // namespace apex::stdlib
