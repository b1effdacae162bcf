// Platform events as the engine keeps them (Platform Events Developer
// Guide): the events EventBus.publish accepted and not yet on the bus, each
// event object's stream with its replay IDs, and each trigger subscribed to
// it with its place in the stream (EventBusSubscriber). stdlib/event_bus.cpp
// publishes; stdlib/event_delivery.h delivers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "interp/value.h"

namespace apex::sema {
class SObjectType;
struct TriggerSymbol;
}  // namespace apex::sema

namespace apex::interp {

// One event EventBus.publish accepted.
struct PublishedEvent {
  Value record;          // a copy of the event as published, its EventUuid set
  std::string uuid;      // EventUuid
  Value callback;        // the publish callback; null: none
  bool afterCommit = true;  // Publish After Commit: waits for its transaction
};

// A trigger on an event object, as the bus sees it.
struct EventSubscriber {
  const sema::TriggerSymbol* trigger = nullptr;
  std::string rowId;         // its EventBusSubscriber record
  size_t position = 0;       // the next event of the stream it gets
  int32_t retries = 0;       // EventBus.RetryableExceptions in a row
  std::string lastError;     // the last one's message
  bool stopped = false;      // Status Error: retried too often
  // In a test, a retry waits for the next Test.getEventBus().deliver().
  bool retryWaiting = false;
};

// The events published on one event object, in replay order.
struct EventStream {
  const sema::SObjectType* object = nullptr;
  std::vector<Value> events;  // ReplayId is the index + 1
  std::vector<EventSubscriber> subscribers;
};

// A publish callback due: the events of one publish call that reached the
// bus, or failed to.
struct PublishOutcome {
  Value callback;
  std::vector<std::string> uuids;
  bool published = true;
};

// The trigger invocation running now, for EventBus.TriggerContext.
struct EventTriggerRun {
  Value context;           // the EventBus.TriggerContext it was given, once asked for
  int32_t retries = 0;
  std::string lastError;
  std::string checkpoint;  // setResumeCheckpoint's replay ID; empty: none
};

struct EventBusState {
  // Published and not on the bus yet: Publish After Commit events wait for
  // their transaction; in a test, every event waits for
  // Test.getEventBus().deliver() or Test.stopTest().
  std::vector<PublishedEvent> pending;
  std::vector<EventStream> streams;
  std::vector<PublishOutcome> callbacksDue;
  EventTriggerRun* running = nullptr;
  int32_t publishedInTest = 0;  // the test's events, against its limit of 500
};

}  // namespace apex::interp
