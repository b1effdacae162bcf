// Platform Events Developer Guide, "Subscribe to Platform Event
// Notifications with Apex Triggers", "Retry Event Triggers with
// EventBus.RetryableException", "Resume a Platform Event Trigger After an
// Uncaught Exception", "Get the Result of Asynchronous Platform Event
// Publishing with Apex Publish Callbacks", "Event and Event Bus Properties
// in Test Context".
#include "stdlib/event_delivery.h"

#include <algorithm>

#include "base/temporal.h"
#include "base/uuid.h"
#include "sema/program.h"
#include "stdlib/async_jobs.h"
#include "stdlib/sobject_clone.h"

namespace apex::stdlib {
namespace {

using interp::EventStream;
using interp::EventSubscriber;
using interp::PublishedEvent;
using interp::PublishOutcome;
using interp::SObjectObj;

// A trigger gets up to 2,000 events at a time, and a batch it retries with
// EventBus.RetryableException comes back nine times at most.
constexpr size_t kBatchSize = 2000;
constexpr int32_t kMaxRetries = 9;

std::string_view kSubscriberObject = "EventBusSubscriber";

// The stream of `object`'s events, made with an EventBusSubscriber row for
// each of its triggers when its first event arrives.
EventStream& streamFor(Interp& vm, const sema::SObjectType& object) {
  auto& streams = vm.eventBus().streams;
  for (EventStream& stream : streams)
    if (stream.object == &object) return stream;
  EventStream& stream = streams.emplace_back();
  stream.object = &object;
  for (const sema::TriggerSymbol* trigger : vm.program().triggersOn(object, sema::TriggerEvent::AfterInsert)) {
    EventSubscriber& subscriber = stream.subscribers.emplace_back();
    subscriber.trigger = trigger;
    subscriber.rowId = vm.insertSystemRecord(kSubscriberObject, {{"Name", vm.makeString(trigger->name)},
                                                                 {"Topic", vm.makeString(object.name)},
                                                                 {"Type", vm.makeString("ApexTrigger")},
                                                                 {"Status", vm.makeString("Running")},
                                                                 {"Position", Value::integer(0)},
                                                                 {"Tip", Value::integer(0)},
                                                                 {"Retries", Value::integer(0)}});
  }
  return stream;
}

// A publish callback hears of `event`: with the callback's other events of
// the same outcome when they came one after another.
void tell(Interp& vm, const PublishedEvent& event, bool published) {
  if (event.callback.isNull()) return;
  auto& due = vm.eventBus().callbacksDue;
  if (!due.empty() && due.back().callback.asObj() == event.callback.asObj() && due.back().published == published) {
    due.back().uuids.push_back(event.uuid);
    return;
  }
  due.push_back({event.callback, {event.uuid}, published});
}

// The events join their streams, in order, each with its ReplayId, and the
// subscribers' Tip says how far the streams go.
void putOnBus(Interp& vm, std::vector<PublishedEvent> events) {
  std::vector<EventStream*> touched;
  for (PublishedEvent& event : events) {
    auto& record = *event.record.as<SObjectObj>();
    EventStream& stream = streamFor(vm, *record.type);
    stream.events.push_back(event.record);
    setEventField(record, "ReplayId", vm.makeString(std::to_string(stream.events.size())));
    if (std::find(touched.begin(), touched.end(), &stream) == touched.end()) touched.push_back(&stream);
    tell(vm, event, true);
  }
  for (EventStream* stream : touched)
    for (const EventSubscriber& subscriber : stream->subscribers)
      vm.updateSystemRecord(kSubscriberObject, subscriber.rowId,
                            {{"Tip", Value::integer(int32_t(stream->events.size()))}});
}

std::vector<PublishedEvent> takePending(Interp& vm) {
  std::vector<PublishedEvent> pending = std::move(vm.eventBus().pending);
  vm.eventBus().pending.clear();
  return pending;
}

// ---- publish callbacks

// Apex Reference: EventBus.EventPublishSuccessCallback and
// EventPublishFailureCallback Interfaces — onSuccess(result),
// onFailure(result), run as a transaction of their own (quiddity
// PLATFORM_EVENT_PUBLISH_CALLBACK). A callback that implements only the
// other interface hears nothing.
std::optional<EventRunReport> runCallback(Interp& vm, PublishOutcome outcome, bool inTest) {
  std::string_view iface = outcome.published ? "EventBus.EventPublishSuccessCallback" : "EventBus.EventPublishFailureCallback";
  std::string_view method = outcome.published ? "onSuccess" : "onFailure";
  std::string_view resultClass = outcome.published ? "EventBus.SuccessResult" : "EventBus.FailureResult";
  const sema::ClassSymbol& callbackInterface = systemClass(vm, iface);
  if (!vm.isInstanceOf(outcome.callback, callbackInterface.type)) return std::nullopt;
  EventRunReport report;
  report.subscriber = outcome.callback.as<interp::InstanceObj>()->cls->qualifiedName;
  report.topic = method;
  Value result = vm.makeNativeInstance(resultClass,
                                       std::make_unique<PublishResultState>(std::string(resultClass), outcome.uuids),
                                       interp::heap_costs::instance(1));
  AsyncTransaction how{nullptr, "PLATFORM_EVENT_PUBLISH_CALLBACK", !inTest};
  Value thrown = runAsyncTransaction(vm, how, report.usage, [&] {
    vm.callInterfaceMethod(outcome.callback, callbackInterface, method, &result, 1);
  }, [&](const TransactionMark& mark, const Value&) { rollBackTo(vm, mark); });
  report.status = thrown.isNull() ? "Completed" : "Failed";
  if (!thrown.isNull()) report.error = vm.describeException(thrown);
  return report;
}

std::optional<EventRunReport> runNextCallback(Interp& vm, bool inTest) {
  auto& due = vm.eventBus().callbacksDue;
  while (!due.empty()) {
    PublishOutcome outcome = std::move(due.front());
    due.erase(due.begin());
    if (auto report = runCallback(vm, std::move(outcome), inTest)) return report;
  }
  return std::nullopt;
}

// ---- a trigger's batch

bool isRetryable(Interp& vm, const Value& exception) {
  return exception.as<interp::InstanceObj>()->cls == vm.findClass("EventBus.RetryableException");
}

std::string messageOf(const Value& exception) {
  const Value& message = exception.as<interp::InstanceObj>()->exception->message;
  return message.isNull() ? "" : str(message);
}

// Where the subscriber resumes after an uncaught exception: after the
// checkpoint's event when the trigger set one in its batch, else after the
// batch (its events are lost to it).
size_t resumePosition(const std::string& checkpoint, size_t from, size_t to) {
  if (checkpoint.empty() || !std::all_of(checkpoint.begin(), checkpoint.end(), ::isdigit) || checkpoint.size() > 9)
    return to;
  size_t replayId = std::stoul(checkpoint);
  return replayId > from && replayId <= to ? replayId : to;
}

// The trigger's view of the running batch: the events read-only in
// Trigger.new, and EventBus.TriggerContext.currentContext() answering.
struct BatchScope {
  Interp& vm;
  explicit BatchScope(Interp& v, interp::EventTriggerRun& run) : vm(v) { vm.eventBus().running = &run; }
  ~BatchScope() { vm.eventBus().running = nullptr; }
};

interp::TriggerContext batchContext(Interp& vm, const EventStream& stream, size_t from, size_t to) {
  std::vector<Value> events(stream.events.begin() + std::ptrdiff_t(from), stream.events.begin() + std::ptrdiff_t(to));
  for (const Value& event : events) event.as<SObjectObj>()->readOnly = true;
  interp::TriggerContext context;
  context.event = sema::TriggerEvent::AfterInsert;
  context.size = int32_t(events.size());
  context.newRecords = vm.makeList(vm.types().list(vm.types().sobjectType(*stream.object)), std::move(events));
  return context;
}

void writeSubscriber(Interp& vm, const EventSubscriber& subscriber) {
  vm.updateSystemRecord(kSubscriberObject, subscriber.rowId,
                        {{"Position", Value::integer(int32_t(subscriber.position))},
                         {"Retries", Value::integer(subscriber.retries)},
                         {"LastError", subscriber.lastError.empty() ? Value() : vm.makeString(subscriber.lastError)},
                         {"Status", vm.makeString(subscriber.stopped ? "Error" : "Running")}});
}

// The subscriber's next batch, as one transaction: rolled back when the
// trigger throws, except that a trigger with a resume checkpoint keeps its
// work (Platform Events Developer Guide, "Comparing setResumeCheckpoint()
// and EventBus.RetryableException").
EventRunReport runBatch(Interp& vm, EventStream& stream, EventSubscriber& subscriber, bool inTest) {
  size_t from = subscriber.position, to = std::min(stream.events.size(), from + kBatchSize);
  interp::EventTriggerRun run{.retries = subscriber.retries, .lastError = subscriber.lastError};
  interp::TriggerContext context = batchContext(vm, stream, from, to);
  EventRunReport report;
  report.subscriber = subscriber.trigger->name;
  report.topic = stream.object->name;
  report.events = std::to_string(from + 1) + (to - from > 1 ? "-" + std::to_string(to) : "");
  AsyncTransaction how{nullptr, inTest ? vm.quiddity() : "SYNCHRONOUS", !inTest};
  Value thrown = runAsyncTransaction(vm, how, report.usage, [&] {
    BatchScope scope(vm, run);
    vm.runTrigger(*subscriber.trigger, context);
  }, [&](const TransactionMark& mark, const Value& exception) {
    bool keepsWork = !run.checkpoint.empty() && !isRetryable(vm, exception);
    if (!keepsWork) rollBackTo(vm, mark);
  });
  if (thrown.isNull()) {
    subscriber.position = to;
    subscriber.retries = 0;
    subscriber.lastError.clear();
    report.status = "Completed";
  } else if (isRetryable(vm, thrown)) {
    report.error = vm.describeException(thrown);
    subscriber.lastError = messageOf(thrown);
    subscriber.stopped = subscriber.retries >= kMaxRetries;
    if (!subscriber.stopped) ++subscriber.retries;
    subscriber.retryWaiting = inTest;
    report.status = subscriber.stopped ? "Stopped" : "Retried";
  } else {
    report.error = vm.describeException(thrown);
    subscriber.position = resumePosition(run.checkpoint, from, to);
    report.status = "Failed";
  }
  writeSubscriber(vm, subscriber);
  return report;
}

// The first subscriber with events it has not had, and may get now.
std::pair<EventStream*, EventSubscriber*> nextSubscriber(Interp& vm) {
  for (EventStream& stream : vm.eventBus().streams)
    for (EventSubscriber& subscriber : stream.subscribers)
      if (!subscriber.stopped && !subscriber.retryWaiting && subscriber.position < stream.events.size())
        return {&stream, &subscriber};
  return {nullptr, nullptr};
}

}  // namespace

std::string PublishResultState::toString() const {
  return className + "[getEventUuids=(" + text::join(uuids, ", ") + ");]";
}

// A UUID given by newSObject(null, true) is kept, as the publish callback's
// results name it.
PublishedEvent eventForBus(Interp& vm, const Value& event, const Value& callback) {
  PublishedEvent published;
  published.record = cloneRecord(vm, event, {});
  auto& copy = *published.record.as<SObjectObj>();
  const Value* uuid = copy.find(copy.type->field("EventUuid"));
  published.uuid = uuid && !uuid->isNull() ? str(*uuid) : randomUuid();
  setEventField(copy, "EventUuid", vm.makeString(published.uuid));
  setEventField(copy, "CreatedDate", Value::datetime(Datetime::nowMillis()));
  setEventField(copy, "CreatedById", vm.makeId(vm.user().userId));
  published.callback = callback;
  published.afterCommit = copy.type->publishAfterCommit;
  return published;
}

void acceptPublished(Interp& vm, PublishedEvent event) {
  if (vm.isRunningTest() || event.afterCommit) {
    vm.eventBus().pending.push_back(std::move(event));
    return;
  }
  std::vector<PublishedEvent> now;
  now.push_back(std::move(event));
  putOnBus(vm, std::move(now));
}

void publishCommittedEvents(Interp& vm) { putOnBus(vm, takePending(vm)); }

void discardUncommittedEvents(Interp& vm, size_t since) {
  auto& pending = vm.eventBus().pending;
  if (since >= pending.size()) return;
  pending.erase(std::remove_if(pending.begin() + std::ptrdiff_t(since), pending.end(),
                               [](const PublishedEvent& event) { return event.afterCommit; }),
                pending.end());
}

std::optional<EventRunReport> runNextDelivery(Interp& vm) {
  if (auto report = runNextCallback(vm, false)) return report;
  auto [stream, subscriber] = nextSubscriber(vm);
  if (!subscriber) return std::nullopt;
  return runBatch(vm, *stream, *subscriber, false);
}

void deliverTestEvents(Interp& vm) {
  putOnBus(vm, takePending(vm));
  while (runNextCallback(vm, true)) {
  }
  for (EventStream& stream : vm.eventBus().streams)
    for (EventSubscriber& subscriber : stream.subscribers) subscriber.retryWaiting = false;
  for (auto [stream, subscriber] = nextSubscriber(vm); subscriber; std::tie(stream, subscriber) = nextSubscriber(vm))
    runBatch(vm, *stream, *subscriber, true);
}

void failTestEvents(Interp& vm) {
  for (const PublishedEvent& event : takePending(vm)) tell(vm, event, false);
  while (runNextCallback(vm, true)) {
  }
}

}  // namespace apex::stdlib
