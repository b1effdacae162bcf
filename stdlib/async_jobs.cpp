// Apex Developer Guide, "Asynchronous Apex": running the queued jobs, and
// the context objects the platform passes them (Apex Reference:
// QueueableContext, FinalizerContext, SchedulableContext Interfaces;
// Database.BatchableContext Interface).
#include "stdlib/async_jobs.h"

#include <algorithm>

#include "base/temporal.h"
#include "interp/errors.h"
#include "sema/interfaces.h"
#include "sema/program.h"
#include "stdlib/database_objects.h"
#include "stdlib/event_delivery.h"
#include "stdlib/interfaces.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;
using interp::AsyncJob;
using interp::AsyncJobType;
using interp::RunningJob;

// ---- the contexts

// The platform's context object: the job's Ids. A FinalizerContext keeps
// the queueable's uncaught exception in fields[0], where the heap sees it.
struct ContextIds {
  std::string jobId;      // getJobId, getAsyncApexJobId
  std::string triggerId;  // SchedulableContext.getTriggerId
  std::string requestId;  // FinalizerContext.getRequestId
  bool failed = false;    // FinalizerContext.getResult
};

struct JobContextState : interp::NativeState {
  std::string contextClass;
  ContextIds ids;
  JobContextState(std::string_view cls, ContextIds contextIds) : contextClass(cls), ids(std::move(contextIds)) {}
  std::string toString() const override { return contextClass; }
};

Value makeContext(Interp& vm, std::string_view cls, ContextIds ids, Value exception = Value()) {
  Value context = vm.makeNativeInstance(cls, std::make_unique<JobContextState>(cls, std::move(ids)),
                                        interp::heap_costs::instance(1));
  auto& fields = context.as<interp::InstanceObj>()->fields;
  fields.resize(1);
  fields[0] = std::move(exception);
  return context;
}

// The platform's context, or null when `self` is an Apex class implementing
// the interface (a test's own context).
const JobContextState* platformContext(const Value& self) {
  auto* o = self.as<interp::InstanceObj>();
  return o->native ? dynamic_cast<const JobContextState*>(o->native.get()) : nullptr;
}

Value answerOrDelegate(Interp& vm, Value* args, int argc, std::string_view method, Value answer) {
  return platformContext(nonNull(vm, args[0])) ? answer : callImplementation(vm, method, args, argc);
}

Value idOrNull(Interp& vm, const std::string& id) { return id.empty() ? Value() : vm.makeId(id); }

template <std::string ContextIds::*Field>
Value contextId(Interp& vm, Value* args, int argc, std::string_view method) {
  const JobContextState* c = platformContext(nonNull(vm, args[0]));
  return answerOrDelegate(vm, args, argc, method, c ? idOrNull(vm, c->ids.*Field) : Value());
}

// Apex Reference: QueueableContext Interface — getJobId()
Value queueableJobId(Interp& vm, Value* args, int argc) {
  return contextId<&ContextIds::jobId>(vm, args, argc, "getJobId");
}
// Apex Reference: Database.BatchableContext Interface — getJobId(),
// getChildJobId() (apexrun runs a batch's chunks without child jobs: null)
Value batchJobId(Interp& vm, Value* args, int argc) {
  return contextId<&ContextIds::jobId>(vm, args, argc, "getJobId");
}
Value batchChildJobId(Interp& vm, Value* args, int argc) {
  return contextId<&ContextIds::triggerId>(vm, args, argc, "getChildJobId");
}
// Apex Reference: SchedulableContext Interface — getTriggerId()
Value schedulableTriggerId(Interp& vm, Value* args, int argc) {
  return contextId<&ContextIds::triggerId>(vm, args, argc, "getTriggerId");
}
// Apex Reference: FinalizerContext Interface — getAsyncApexJobId(),
// getException(), getRequestId(), getResult()
Value finalizerJobId(Interp& vm, Value* args, int argc) {
  return contextId<&ContextIds::jobId>(vm, args, argc, "getAsyncApexJobId");
}
Value finalizerException(Interp& vm, Value* args, int argc) {
  Value exception = platformContext(nonNull(vm, args[0])) ? args[0].as<interp::InstanceObj>()->fields[0] : Value();
  return answerOrDelegate(vm, args, argc, "getException", exception);
}
Value finalizerRequestId(Interp& vm, Value* args, int argc) {
  const JobContextState* c = platformContext(nonNull(vm, args[0]));
  return answerOrDelegate(vm, args, argc, "getRequestId", c ? vm.makeString(c->ids.requestId) : Value());
}
Value finalizerResult(Interp& vm, Value* args, int argc) {
  const JobContextState* c = platformContext(nonNull(vm, args[0]));
  return answerOrDelegate(vm, args, argc, "getResult", c ? vm.makeEnum("System.ParentJobResult", c->ids.failed ? 1 : 0) : Value());
}

// ---- running a job

// A batch's records between start and its chunks.
struct BatchRecords {
  std::vector<Value> items;
  const sema::Type* listType = nullptr;
  bool fromQueryLocator = false;
};

class JobRunner {
 public:
  JobRunner(Interp& vm, AsyncJob job, bool inTest) : vm_(vm), job_(std::move(job)), inTest_(inTest) {
    running_.job = &job_;
  }

  JobReport run() {
    vm_.updateSystemRecord("AsyncApexJob", job_.id, {{"Status", vm_.makeString("Processing")}});
    std::string unit = unitName();
    vm_.log().codeUnitStarted(job_.id, unit);
    switch (job_.type) {
      case AsyncJobType::Future: runFuture(); break;
      case AsyncJobType::Queueable: runQueueable(); break;
      case AsyncJobType::ScheduledApex: runScheduled(); break;
      case AsyncJobType::BatchApex: runBatch(); break;
    }
    vm_.log().codeUnitFinished(unit);
    writeOutcome();
    if (!running_.finalizer.isNull()) runFinalizer();
    return report(unit);
  }

  // The job's uncaught exception that a test sees at Test.stopTest: none
  // when a finalizer was there to handle it.
  Value thrownToTest() const { return running_.finalizer.isNull() ? firstError_ : Value(); }

 private:
  std::string unitName() const {
    return job_.futureMethod ? job_.className + "." + job_.futureMethod->name : job_.className;
  }

  // Runs `body` as one transaction of the job: what it changed is rolled
  // back when it throws. Returns the uncaught exception, or null.
  template <class Body>
  Value transaction(Body body) {
    return transaction(running_, body);
  }
  template <class Body>
  Value transaction(RunningJob& running, Body body) {
    std::string_view quiddity =
        running.inFinalizer ? "TRANSACTION_FINALIZER_QUEUEABLE" : interp::jobQuiddity(job_.type);
    return runAsyncTransaction(vm_, {&running, quiddity, !inTest_}, usage_, body,
                               [&](const TransactionMark& mark, const Value&) { rollBack(mark); });
  }

  // Undoes a failed transaction of the job: its records and events, and
  // the jobs it queued (Apex Developer Guide, "Queueable Apex": a
  // transaction that rolls back queues nothing).
  void rollBack(const TransactionMark& mark) {
    rollBackTo(vm_, mark);
    auto& queue = vm_.asyncQueue();
    queue.erase(std::remove_if(queue.begin(), queue.end(),
                               [&](const AsyncJob& queued) { return queued.parentJobId == job_.id; }),
                queue.end());
  }

  void fail(Value exception) {
    if (exception.isNull()) return;
    ++errors_;
    if (firstError_.isNull()) firstError_ = std::move(exception);
  }

  void runFuture() {
    fail(transaction([&] {
      vm_.callMethod(*job_.futureMethod, Value(), job_.args.data(), int(job_.args.size()));
    }));
  }

  void runQueueable() {
    Value context = makeContext(vm_, "System.QueueableContext", {.jobId = job_.id});
    fail(transaction([&] {
      vm_.callInterfaceMethod(job_.instance, systemClass(vm_, "System.Queueable"), "execute", &context, 1);
    }));
  }

  // Apex Developer Guide, "Apex Scheduler": the job runs, and its
  // CronTrigger counts the run and moves on to the next fire time.
  void runScheduled() {
    Value context = makeContext(vm_, "System.SchedulableContext", {.triggerId = job_.cronTriggerId});
    fail(transaction([&] {
      vm_.callInterfaceMethod(job_.instance, systemClass(vm_, "System.Schedulable"), "execute", &context, 1);
    }));
    vm_.updateSystemRecord("CronTrigger", job_.cronTriggerId,
                           {{"TimesTriggered", Value::integer(1)},
                            {"PreviousFireTime", Value::datetime(Datetime::nowMillis())}});
  }

  // ---- batch Apex (Apex Developer Guide, "Using Batch Apex")

  void runBatch() {
    const sema::ClassSymbol& batchable = systemClass(vm_, "Database.Batchable");
    Value context = makeContext(vm_, "Database.BatchableContext", {.jobId = job_.id});
    BatchRecords records;
    Value startError = transaction([&] {
      Value started = vm_.callInterfaceMethod(job_.instance, batchable, "start", &context, 1);
      records = batchRecords(started);
    });
    if (!startError.isNull()) {
      raiseErrorEvent("START", startError, {});
      fail(startError);
      startFailed_ = true;
      return;
    }
    size_t scope = size_t(records.fromQueryLocator ? std::min(job_.scope, 2000) : job_.scope);
    size_t chunks = (records.items.size() + scope - 1) / scope;
    totalItems_ = int32_t(chunks);
    writeProgress();
    bool stateful = vm_.isInstanceOf(job_.instance, systemClass(vm_, "Database.Stateful").type);
    std::vector<Value> state = job_.instance.as<interp::InstanceObj>()->fields;
    for (size_t chunk = 0; chunk < chunks; ++chunk) {
      if (!stateful) restore(state);
      size_t from = chunk * scope, to = std::min(records.items.size(), from + scope);
      std::vector<Value> slice(records.items.begin() + long(from), records.items.begin() + long(to));
      Value chunkError = transaction([&] {
        // Apex Developer Guide, "Testing Batch Apex": a test runs one execute.
        if (inTest_ && chunk > 0) vm_.raise(errors::BatchOneExecuteInTest);
        Value args[] = {context, vm_.makeList(records.listType, slice)};
        vm_.callInterfaceMethod(job_.instance, batchable, "execute", args, 2);
      });
      raiseErrorEvent("EXECUTE", chunkError, slice);
      fail(chunkError);
      ++processedItems_;
      writeProgress();
      if (inTest_ && !firstError_.isNull()) break;
    }
    if (!stateful) restore(state);
    running_.inBatchFinish = true;
    Value finishError = transaction([&] {
      vm_.callInterfaceMethod(job_.instance, batchable, "finish", &context, 1);
    });
    if (!finishError.isNull()) {
      raiseErrorEvent("FINISH", finishError, {});
      fail(finishError);
      startFailed_ = true;
    }
  }

  // Apex Developer Guide, "Firing Platform Events from Batch Apex": a batch
  // implementing Database.RaisesPlatformEvents publishes a
  // BatchApexErrorEvent for each phase that throws; JobScope lists the Ids
  // of an execute's records (40,000 characters at most).
  void raiseErrorEvent(std::string_view phase, const Value& exception, const std::vector<Value>& scope) {
    if (exception.isNull() || !vm_.isInstanceOf(job_.instance, systemClass(vm_, "Database.RaisesPlatformEvents").type))
      return;
    const sema::SObjectType* type = vm_.schema().object("BatchApexErrorEvent");
    Value event = vm_.makeSObject(*type);
    auto& record = *event.as<interp::SObjectObj>();
    const interp::ExceptionData& data = *exception.as<interp::InstanceObj>()->exception;
    std::string ids;
    for (const Value& item : scope)
      if (item.tag() == Tag::SObject) ids += (ids.empty() ? "" : ",") + item.as<interp::SObjectObj>()->idText();
    constexpr size_t kJobScopeLength = 40000;
    setEventField(record, "AsyncApexJobId", vm_.makeString(job_.id));
    setEventField(record, "Phase", vm_.makeString(std::string(phase)));
    setEventField(record, "ExceptionType", vm_.makeString(exception.as<interp::InstanceObj>()->cls->qualifiedName));
    setEventField(record, "Message", data.message);
    setEventField(record, "StackTrace", vm_.makeString(data.stackTrace));
    setEventField(record, "JobScope", ids.empty() ? Value() : vm_.makeString(ids.substr(0, kJobScopeLength)));
    setEventField(record, "DoesExceedJobScopeMaxLength", Value::boolean(ids.size() > kJobScopeLength));
    acceptPublished(vm_, eventForBus(vm_, event, Value()));
  }

  // What start returned: a QueryLocator's records, a list's elements, or
  // what an Iterable's iterator gives.
  BatchRecords batchRecords(const Value& started) {
    BatchRecords records;
    if (started.isNull()) vm_.raiseNullPointer();
    if (started.tag() == Tag::List) {
      records.items = listOf(started)->items;
      records.listType = listOf(started)->type;
      return records;
    }
    if (started.tag() == Tag::Set) {
      records.items = setOf(started)->table.keys();
      records.listType = vm_.types().list(setOf(started)->type->element);
      return records;
    }
    auto* o = started.as<interp::InstanceObj>();
    if (auto* locator = o->native ? dynamic_cast<QueryLocatorState*>(o->native.get()) : nullptr) {
      records.items = listOf(locator->records)->items;
      records.listType = listOf(locator->records)->type;
      records.fromQueryLocator = true;
      return records;
    }
    records.listType = vm_.types().list(vm_.types().object());
    Value iterator = vm_.callInterfaceMethod(started, *vm_.program().iterableClass, "iterator", nullptr, 0);
    const sema::ClassSymbol& iteratorInterface = systemClass(vm_, "System.Iterator");
    auto* it = iterator.as<interp::InstanceObj>();
    if (it->cls->qualifiedName == sema::kCollectionIteratorClass) {
      const Value& collection = it->fields[0];
      records.items = collection.tag() == Tag::List ? listOf(collection)->items : setOf(collection)->table.keys();
      return records;
    }
    while (vm_.callInterfaceMethod(iterator, iteratorInterface, "hasNext", nullptr, 0).asBool())
      records.items.push_back(vm_.callInterfaceMethod(iterator, iteratorInterface, "next", nullptr, 0));
    return records;
  }

  // A batch that is not Database.Stateful starts each chunk with the
  // instance as start left it (the platform deserializes it afresh):
  // fields, and collections one level deep, copied back.
  void restore(const std::vector<Value>& state) {
    auto& fields = job_.instance.as<interp::InstanceObj>()->fields;
    for (size_t i = 0; i < state.size(); ++i) fields[i] = freshCopy(state[i]);
  }
  Value freshCopy(const Value& v) {
    switch (v.tag()) {
      case Tag::List: return vm_.copyCollection(listOf(v)->type, v);
      case Tag::Set: return vm_.copyCollection(setOf(v)->type, v);
      case Tag::Map: return vm_.copyCollection(mapOf(v)->type, v);
      default: return v;
    }
  }

  // ---- the outcome

  // A batch's row shows its progress while it runs (finish reads it).
  void writeProgress() {
    vm_.updateSystemRecord("AsyncApexJob", job_.id,
                           {{"TotalJobItems", Value::integer(totalItems_)},
                            {"JobItemsProcessed", Value::integer(processedItems_)},
                            {"NumberOfErrors", Value::integer(errors_)}});
  }

  std::string status() const {
    if (job_.type == AsyncJobType::BatchApex) return startFailed_ ? "Failed" : "Completed";
    return firstError_.isNull() ? "Completed" : "Failed";
  }

  std::string errorText() { return firstError_.isNull() ? "" : vm_.describeException(firstError_); }

  // AsyncApexJob: a batch reports its first error as `First error: ...`.
  void writeOutcome() {
    std::string error = errorText();
    if (job_.type == AsyncJobType::BatchApex && !error.empty()) error = "First error: " + error;
    interp::Interp::SystemFields fields = {
        {"Status", vm_.makeString(status())},
        {"CompletedDate", Value::datetime(Datetime::nowMillis())},
        {"NumberOfErrors", Value::integer(errors_)},
        {"JobItemsProcessed", Value::integer(job_.type == AsyncJobType::BatchApex ? processedItems_ : 0)},
        {"TotalJobItems", Value::integer(job_.type == AsyncJobType::BatchApex ? totalItems_ : 0)},
        {"ExtendedStatus", error.empty() ? Value() : vm_.makeString(error.substr(0, 255))}};
    vm_.updateSystemRecord("AsyncApexJob", job_.id, fields);
  }

  // Apex Developer Guide, "Transaction Finalizers": after the queueable's
  // transaction, in one of its own, whether the job failed or not.
  void runFinalizer() {
    ContextIds ids{.jobId = job_.id, .requestId = job_.id, .failed = !firstError_.isNull()};
    Value context = makeContext(vm_, "System.FinalizerContext", std::move(ids), firstError_);
    RunningJob finalizerRun;
    finalizerRun.job = &job_;
    finalizerRun.inFinalizer = true;
    Value finalizer = running_.finalizer;
    vm_.log().codeUnitStarted(job_.id, "Finalizer");
    Value thrown = transaction(finalizerRun, [&] {
      vm_.callInterfaceMethod(finalizer, systemClass(vm_, "System.Finalizer"), "execute", &context, 1);
    });
    if (!thrown.isNull()) finalizerError_ = vm_.describeException(thrown);
    vm_.log().codeUnitFinished("Finalizer");
  }

  JobReport report(const std::string& unit) {
    JobReport r{job_.id, job_.type, unit, status(), errorText(), usage_};
    if (!finalizerError_.empty())
      r.error += (r.error.empty() ? "" : "; ") + std::string("finalizer: ") + finalizerError_;
    return r;
  }

  Interp& vm_;
  AsyncJob job_;
  bool inTest_;
  RunningJob running_;
  Value firstError_;
  int32_t errors_ = 0;
  int32_t processedItems_ = 0;
  int32_t totalItems_ = 0;
  bool startFailed_ = false;
  std::string finalizerError_;
  interp::LimitUsage usage_{};
};

const sema::NativeDef kNatives[] = {
    {"QueueableContext", "Id getJobId()", &queueableJobId},
    {"BatchableContext", "Id getJobId()", &batchJobId},
    {"BatchableContext", "Id getChildJobId()", &batchChildJobId},
    {"SchedulableContext", "Id getTriggerId()", &schedulableTriggerId},
    {"FinalizerContext", "Id getAsyncApexJobId()", &finalizerJobId},
    {"FinalizerContext", "Exception getException()", &finalizerException},
    {"FinalizerContext", "String getRequestId()", &finalizerRequestId},
    {"FinalizerContext", "ParentJobResult getResult()", &finalizerResult},
};

}  // namespace

void rollBackTo(Interp& vm, const TransactionMark& mark) {
  if (interp::DataStorePort* store = vm.dataStore()) store->rollbackTo(mark.savepoint);
  discardUncommittedEvents(vm, mark.pendingEvents);
}

std::optional<JobReport> runNextJob(Interp& vm) {
  auto& queue = vm.asyncQueue();
  auto next = std::find_if(queue.begin(), queue.end(),
                           [](const AsyncJob& job) { return job.type != AsyncJobType::ScheduledApex; });
  if (next == queue.end()) return std::nullopt;
  AsyncJob job = std::move(*next);
  queue.erase(next);
  return JobRunner(vm, std::move(job), false).run();
}

void runJobsAtStopTest(Interp& vm) {
  auto& queue = vm.asyncQueue();
  size_t count = size_t(std::count_if(queue.begin(), queue.end(), [](const AsyncJob& job) { return !job.queuedByJob; }));
  for (size_t i = 0; i < count; ++i) {
    auto next = std::find_if(queue.begin(), queue.end(), [](const AsyncJob& job) { return !job.queuedByJob; });
    AsyncJob job = std::move(*next);
    queue.erase(next);
    JobRunner runner(vm, std::move(job), true);
    runner.run();
    if (Value thrown = runner.thrownToTest(); !thrown.isNull()) throw interp::ApexThrow{thrown};
  }
}

std::span<const sema::NativeDef> asyncContextNatives() { return kNatives; }

}  // namespace apex::stdlib
