// Apex Reference: EventBus Class, EventBus.TriggerContext Class,
// EventBus.TestBroker Class, EventBus.SuccessResult and
// EventBus.FailureResult Interfaces; Platform Events Developer Guide,
// "Publish Event Messages with Apex". Publishing keeps the events on the
// engine's bus (interp/event_bus.h); stdlib/event_delivery.h delivers them.
#include "stdlib/event_delivery.h"

#include "interp/dml.h"
#include "interp/dml_errors.h"
#include "sema/schema.h"
#include "stdlib/database_objects.h"
#include "stdlib/interfaces.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace dml = interp::dml;
using interp::PublishedEvent;
using interp::SObjectObj;

// Platform Events Developer Guide, "Event and Event Bus Properties in Test
// Context": a test method may publish 500 events.
constexpr int32_t kTestEventLimit = 500;


// Why the bus refuses `record`, as the SaveResult's error; none when it
// takes it. Required fields are checked as an insert checks them.
std::optional<dml::RowError> refusal(Interp& vm, const SObjectObj& record) {
  if (!record.type->isPlatformEvent()) return dml::rowError(dml::NotAPlatformEvent, {}, record.type->name);
  std::vector<std::string> missing;
  for (const sema::SObjectField& field : record.type->fields()) {
    if (!field.required() || field.type == sema::FieldType::Boolean || !field.custom) continue;
    const Value* v = record.find(&field);
    bool empty = !v || v->isNull() || (v->tag() == Tag::String && str(*v).empty());
    if (empty) missing.push_back(field.name);
  }
  if (!missing.empty()) return dml::rowError(dml::RequiredFieldsMissing, missing, text::join(missing, ", "));
  if (vm.isRunningTest() && vm.eventBus().publishedInTest >= kTestEventLimit)
    return dml::rowError(dml::TestEventLimitExceeded, {}, kTestEventLimit);
  return std::nullopt;
}

// Apex Reference: EventBus Class — publish: one DML statement per call for
// Publish After Commit events, one of the 150 Publish Immediate DML for
// the others; each event gets a SaveResult whose error OPERATION_ENQUEUED
// carries its UUID, or says why the bus refused it. It never throws for a
// refused event.
std::vector<interp::DmlRowResult> publish(Interp& vm, const std::vector<Value>& events, const Value& callback) {
  bool afterCommit = false, immediate = false;
  for (const Value& event : events) {
    const SObjectObj& record = *nonNull(vm, event).as<SObjectObj>();
    (record.type->isPlatformEvent() && !record.type->publishAfterCommit ? immediate : afterCommit) = true;
  }
  if (afterCommit) vm.useLimit(interp::Limit::DmlStatements);
  if (immediate) vm.useLimit(interp::Limit::PublishImmediateDml);
  int line = vm.currentLine();
  if (!events.empty()) vm.log().dmlBegin(line, "Insert", events.front().as<SObjectObj>()->type->name, int64_t(events.size()));
  std::vector<interp::DmlRowResult> results;
  for (const Value& event : events) {
    const SObjectObj& record = *event.as<SObjectObj>();
    interp::DmlRowResult result;
    if (auto error = refusal(vm, record)) {
      result.errors.push_back(std::move(*error));
    } else {
      PublishedEvent published = eventForBus(vm, event, callback);
      // Platform Events Developer Guide, "Publish Event Messages with Apex":
      // the SaveResult's Id is the object's key prefix, not a record's.
      result.id = record.type->keyPrefix + "xx0000000001AAA";
      result.errors.push_back(dml::rowError(dml::OperationEnqueued, {}, published.uuid));
      result.enqueued = true;
      if (published.afterCommit) vm.markUncommittedWork();
      if (vm.isRunningTest()) ++vm.eventBus().publishedInTest;
      acceptPublished(vm, std::move(published));
    }
    results.push_back(std::move(result));
  }
  if (!events.empty()) vm.log().dmlEnd(line);
  return results;
}

const sema::Type* saveResultList(Interp& vm) { return vm.types().list(vm.findClass("Database.SaveResult")->type); }

Value publishOne(Interp& vm, const Value& event, const Value& callback) {
  return saveResultValue(vm, std::move(publish(vm, {nonNull(vm, event)}, callback).front()));
}

Value publishList(Interp& vm, const Value& events, const Value& callback) {
  std::vector<Value> results;
  for (interp::DmlRowResult& r : publish(vm, listOf(nonNull(vm, events))->items, callback))
    results.push_back(saveResultValue(vm, std::move(r)));
  return vm.makeList(saveResultList(vm), std::move(results));
}

// Apex Reference: EventBus Class — publish(event), publish(events),
// publish(event, callback), publish(events, callback), and the
// publishWithAccessLevel forms (the local user may publish every event).
Value publishEvent(Interp& vm, Value* args, int) { return publishOne(vm, args[0], Value()); }
Value publishEvents(Interp& vm, Value* args, int) { return publishList(vm, args[0], Value()); }
Value publishEventWithCallback(Interp& vm, Value* args, int) { return publishOne(vm, args[0], args[1]); }
Value publishEventsWithCallback(Interp& vm, Value* args, int) { return publishList(vm, args[0], args[1]); }

// Apex Reference: EventBus Class — getOperationId(result): the UUID of the
// event a SaveResult of publish is for; null for a refused event.
Value getOperationId(Interp& vm, Value* args, int) {
  const interp::DmlRowResult* row = args[0].isNull() ? nullptr : dmlRowOf(args[0]);
  if (!row || !row->enqueued) return Value();
  return vm.makeString(row->errors.front().message);
}

// ---- EventBus.TriggerContext

struct TriggerContextState : interp::NativeState {
  interp::EventTriggerRun* run;
  explicit TriggerContextState(interp::EventTriggerRun* r) : run(r) {}
  std::string toString() const override {
    return "EventBus.TriggerContext[getResumeCheckpoint=" + (run->checkpoint.empty() ? "null" : run->checkpoint) +
           ";lastError=" + (run->lastError.empty() ? "null" : run->lastError) +
           ";retries=" + std::to_string(run->retries) + ";]";
  }
};

// Apex Reference: EventBus.TriggerContext Class — currentContext(): the
// platform event trigger running now; null outside one.
Value currentContext(Interp& vm, Value*, int) {
  interp::EventTriggerRun* run = vm.eventBus().running;
  if (!run) return Value();
  if (run->context.isNull())
    run->context = vm.makeNativeInstance("EventBus.TriggerContext", std::make_unique<TriggerContextState>(run),
                                         interp::heap_costs::instance(1));
  return run->context;
}

interp::EventTriggerRun& runOf(Interp& vm, const Value& self) { return *stateOf<TriggerContextState>(nonNull(vm, self)).run; }

// Apex Reference: EventBus.TriggerContext Class — retries, lastError:
// the EventBus.RetryableExceptions thrown for this batch so far, and the
// last one's message (null before any).
Value contextRetries(Interp& vm, Value* args, int) { return integer(runOf(vm, args[0]).retries); }
Value contextLastError(Interp& vm, Value* args, int) {
  const std::string& error = runOf(vm, args[0]).lastError;
  return error.empty() ? Value() : vm.makeString(error);
}

// Apex Reference: EventBus.TriggerContext Class — setResumeCheckpoint(
// resumeReplayId), getResumeCheckpoint(): after an uncaught exception the
// trigger resumes with the event after this one.
Value setResumeCheckpoint(Interp& vm, Value* args, int) {
  runOf(vm, args[0]).checkpoint = strArg(vm, args[1]);
  return Value();
}
Value getResumeCheckpoint(Interp& vm, Value* args, int) {
  const std::string& checkpoint = runOf(vm, args[0]).checkpoint;
  return checkpoint.empty() ? Value() : vm.makeString(checkpoint);
}

// ---- EventBus.TestBroker (Test.getEventBus(), stdlib/test.cpp)

// Apex Reference: EventBus.TestBroker Class — deliver(), fail()
Value deliver(Interp& vm, Value*, int) {
  deliverTestEvents(vm);
  return Value();
}
Value fail(Interp& vm, Value*, int) {
  failTestEvents(vm);
  return Value();
}

// Apex Reference: EventBus.SuccessResult and EventBus.FailureResult
// Interfaces — getEventUuids(): the platform's results answer; a test's own
// implementation answers for itself.
Value eventUuids(Interp& vm, Value* args, int argc) {
  auto* o = nonNull(vm, args[0]).as<interp::InstanceObj>();
  auto* platform = o->native ? dynamic_cast<const PublishResultState*>(o->native.get()) : nullptr;
  return platform ? stringList(vm, platform->uuids) : callImplementation(vm, "getEventUuids", args, argc);
}

const sema::NativeDef kNatives[] = {
    {"EventBus", "static Database.SaveResult publish(SObject)", &publishEvent},
    {"EventBus", "static List<Database.SaveResult> publish(List<SObject>)", &publishEvents},
    {"EventBus", "static Database.SaveResult publish(SObject, Object)", &publishEventWithCallback},
    {"EventBus", "static List<Database.SaveResult> publish(List<SObject>, Object)", &publishEventsWithCallback},
    {"EventBus", "static Database.SaveResult publishWithAccessLevel(SObject, System.AccessLevel)", &publishEvent},
    {"EventBus", "static List<Database.SaveResult> publishWithAccessLevel(List<SObject>, System.AccessLevel)",
     &publishEvents},
    {"EventBus", "static Database.SaveResult publishWithAccessLevel(SObject, Object, System.AccessLevel)",
     &publishEventWithCallback},
    {"EventBus", "static List<Database.SaveResult> publishWithAccessLevel(List<SObject>, Object, System.AccessLevel)",
     &publishEventsWithCallback},
    {"EventBus", "static String getOperationId(Object)", &getOperationId},
    {"TriggerContext", "static EventBus.TriggerContext currentContext()", &currentContext},
    {"TriggerContext", "Integer retries", &contextRetries},
    {"TriggerContext", "String lastError", &contextLastError},
    {"TriggerContext", "void setResumeCheckpoint(String)", &setResumeCheckpoint},
    {"TriggerContext", "String getResumeCheckpoint()", &getResumeCheckpoint},
    {"TestBroker", "void deliver()", &deliver},
    {"TestBroker", "void fail()", &fail},
    {"SuccessResult", "List<String> getEventUuids()", &eventUuids},
    {"FailureResult", "List<String> getEventUuids()", &eventUuids},
};

}  // namespace

std::span<const sema::NativeDef> eventBusNatives() { return kNatives; }

}  // namespace apex::stdlib
