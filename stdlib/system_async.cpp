// Apex Reference: System Class — the methods of asynchronous Apex:
// enqueueJob, attachFinalizer, schedule, scheduleBatch, abortJob, isBatch,
// isFuture, isQueueable, isScheduled; and Database Class — executeBatch.
// The jobs run later (stdlib/async_jobs.h).
#include <algorithm>

#include "base/cron.h"
#include "base/record_id.h"
#include "base/temporal.h"
#include "interp/errors.h"
#include "sema/program.h"
#include "sema/schema.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;
using interp::AsyncJob;
using interp::AsyncJobType;
using interp::Limit;

bool runningJobOf(Interp& vm, AsyncJobType type) {
  interp::RunningJob* running = vm.runningJob();
  return running && !running->inFinalizer && running->job->type == type;
}

const Value& argument(Interp& vm, const Value& v) {
  if (v.isNull()) vm.raise(errors::AsyncArgumentNull);
  return v;
}

// An AsyncOptions property (stdlib/apex/AsyncOptions.cls); 0 when unset.
int32_t optionOf(Interp& vm, const Value& options, std::string_view name) {
  if (options.isNull()) return 0;
  for (const sema::FieldSymbol* f : options.as<interp::InstanceObj>()->cls->instanceFields) {
    if (!text::equalsIgnoreCase(f->name, name)) continue;
    Value v = vm.readField(options, *f);
    return v.isNull() ? 0 : v.asInt();
  }
  return 0;
}

// ---- queueable (Apex Developer Guide, "Queueable Apex")

// A queueable queued by a running queueable is the next link of its chain.
// A test cannot chain: its queueables run at Test.stopTest, where a second
// link fails as the chain's depth is exceeded.
void placeInChain(Interp& vm, AsyncJob& job, int32_t maxDepth) {
  job.maxDepth = maxDepth;
  if (!runningJobOf(vm, AsyncJobType::Queueable)) return;
  if (vm.isRunningTest()) vm.raise(errors::QueueableStackDepth);
  const AsyncJob& parent = *vm.runningJob()->job;
  job.depth = parent.depth + 1;
  if (job.maxDepth == 0) job.maxDepth = parent.maxDepth;
  if (job.maxDepth > 0 && job.depth > job.maxDepth) vm.raise(errors::QueueableStackDepth);
}

Value enqueue(Interp& vm, const Value& queueable, int32_t delayMinutes, const Value& options) {
  argument(vm, queueable);
  AsyncJob job;
  job.type = AsyncJobType::Queueable;
  job.className = vm.runtimeTypeName(queueable);
  job.instance = queueable;
  job.delayMinutes = std::max(delayMinutes, optionOf(vm, options, "MinimumQueueableDelayInMinutes"));
  placeInChain(vm, job, optionOf(vm, options, "MaximumQueueableStackDepth"));
  vm.useLimit(Limit::QueueableJobs);
  return vm.makeId(vm.queueJob(std::move(job)));
}

// Apex Reference: System Class — enqueueJob(queueable),
// enqueueJob(queueable, delay), enqueueJob(queueable, asyncOptions)
Value enqueueJob(Interp& vm, Value* args, int) { return enqueue(vm, args[0], 0, Value()); }
Value enqueueJobWithDelay(Interp& vm, Value* args, int) { return enqueue(vm, args[0], intArg(vm, args[1]), Value()); }
Value enqueueJobWithOptions(Interp& vm, Value* args, int) { return enqueue(vm, args[0], 0, args[1]); }

// Apex Reference: System Class — attachFinalizer(finalizer); Apex
// Developer Guide, "Transaction Finalizers Error Messages".
Value attachFinalizer(Interp& vm, Value* args, int) {
  if (!runningJobOf(vm, AsyncJobType::Queueable)) vm.raise(errors::FinalizerNotAllowed);
  argument(vm, args[0]);
  interp::RunningJob& running = *vm.runningJob();
  if (!running.finalizer.isNull()) vm.raise(errors::FinalizerAlreadyAttached);
  running.finalizer = args[0];
  return Value();
}

// ---- batch (Apex Developer Guide, "Using Batch Apex")

Value queueBatch(Interp& vm, const Value& batchable, int32_t scope, const std::string& cronTriggerId, int32_t delay) {
  argument(vm, batchable);
  interp::RunningJob* running = vm.runningJob();
  bool fromBatchBody = running && !running->inFinalizer && running->job->type == AsyncJobType::BatchApex &&
                       !running->inBatchFinish;
  if (runningJobOf(vm, AsyncJobType::Future) || fromBatchBody) vm.raise(errors::BatchFromBatchOrFuture);
  if (scope <= 0) vm.raise(errors::BatchScopeInvalid, scope);
  AsyncJob job;
  job.type = AsyncJobType::BatchApex;
  job.className = vm.runtimeTypeName(batchable);
  job.instance = batchable;
  job.scope = scope;
  job.cronTriggerId = cronTriggerId;
  job.delayMinutes = delay;
  return vm.makeId(vm.queueJob(std::move(job)));
}

// Apex Reference: Database Class — executeBatch(batchClassObject),
// executeBatch(batchClassObject, scope): 200 records per execute by default.
Value executeBatch(Interp& vm, Value* args, int argc) {
  return queueBatch(vm, args[0], argc > 1 ? intArg(vm, args[1]) : 200, "", 0);
}

// ---- scheduled (Apex Developer Guide, "Apex Scheduler")

std::string userTimeZone(Interp& vm) { return vm.user().timeZone; }

// The first time after now the expression fires, in the user's time zone.
Value nextFireTime(Interp& vm, const cron::Expression& expression) {
  Datetime now = Datetime::fromEpochMillis(Datetime::nowMillis());
  auto next = cron::nextFire(expression, localDate(now, vm.userZone()), localTime(now, vm.userZone()));
  if (!next) vm.raise(errors::CronExpressionInvalid, "Based on configured schedule, the given trigger will never fire.");
  return Value::datetime(fromLocal(next->first, next->second, vm.userZone()).getTime());
}

void requireFreeJobName(Interp& vm, const std::string& name) {
  interp::DataStorePort* store = vm.dataStore();
  const sema::SObjectType* detail = vm.schema().object("CronJobDetail");
  if (!store || !detail) return;
  Value wanted = vm.makeString(name);
  if (!store->findByField(vm, *detail, *detail->field("Name"), std::span<const Value>(&wanted, 1), false).empty())
    vm.raise(errors::ScheduleNameTaken, name);
}

// The CronTrigger and CronJobDetail rows of a scheduled job; returns the
// CronTrigger's Id.
std::string scheduleRows(Interp& vm, const std::string& name, const std::string& cronExpression, Value nextFire,
                         std::string_view jobType) {
  requireFreeJobName(vm, name);
  std::string detailId = vm.insertSystemRecord(
      "CronJobDetail", {{"Name", vm.makeString(name)}, {"JobType", vm.makeString(std::string(jobType))}});
  return vm.insertSystemRecord("CronTrigger", {{"CronJobDetailId", vm.makeId(detailId)},
                                               {"CronExpression", vm.makeString(cronExpression)},
                                               {"NextFireTime", nextFire},
                                               {"StartTime", Value::datetime(Datetime::nowMillis())},
                                               {"State", vm.makeString("WAITING")},
                                               {"TimeZoneSidKey", vm.makeString(userTimeZone(vm))},
                                               {"TimesTriggered", Value::integer(0)},
                                               {"OwnerId", vm.makeId(vm.user().userId)}});
}

// Apex Reference: System Class — schedule(jobName, cronExpression,
// schedulableClass): returns the CronTrigger's Id.
Value schedule(Interp& vm, Value* args, int) {
  const std::string& name = strArg(vm, args[0]);
  const std::string& expressionText = strArg(vm, args[1]);
  argument(vm, args[2]);
  auto parsed = cron::parse(expressionText);
  if (auto* problem = std::get_if<std::string>(&parsed)) vm.raise(errors::CronExpressionInvalid, *problem);
  Value nextFire = nextFireTime(vm, std::get<cron::Expression>(parsed));
  std::string triggerId = scheduleRows(vm, name, expressionText, nextFire, "7");
  AsyncJob job;
  job.type = AsyncJobType::ScheduledApex;
  job.className = vm.runtimeTypeName(args[2]);
  job.instance = args[2];
  job.cronTriggerId = triggerId;
  vm.queueJob(std::move(job));
  return vm.makeId(triggerId);
}

// Apex Reference: System Class — scheduleBatch(batchable, jobName,
// minutesFromNow[, scopeSize]): returns the CronTrigger's Id.
Value scheduleBatch(Interp& vm, Value* args, int argc) {
  const std::string& name = strArg(vm, args[1]);
  int32_t minutes = intArg(vm, args[2]);
  if (minutes <= 0) vm.raise(errors::ScheduleBatchMinutes, minutes);
  Value fireTime = Value::datetime(Datetime::nowMillis() + int64_t(minutes) * 60000);
  std::string triggerId = scheduleRows(vm, name, "", fireTime, "7");
  queueBatch(vm, args[0], argc > 3 ? intArg(vm, args[3]) : 200, triggerId, minutes);
  return vm.makeId(triggerId);
}

// The CronTrigger and its CronJobDetail go; the job's name is free again.
void unschedule(Interp& vm, const std::string& triggerId) {
  interp::DataStorePort* store = vm.dataStore();
  const sema::SObjectType& cronTrigger = *vm.schema().object("CronTrigger");
  if (!store) return;
  std::vector<Value> rows = store->load(vm, cronTrigger, std::span<const std::string>(&triggerId, 1));
  if (rows.empty()) return;
  const Value* detail = rows[0].as<interp::SObjectObj>()->find(cronTrigger.field("CronJobDetailId"));
  store->erase(cronTrigger, std::span<const std::string>(&triggerId, 1));
  if (detail && !detail->isNull()) {
    std::string detailId = str(*detail);
    store->erase(*vm.schema().object("CronJobDetail"), std::span<const std::string>(&detailId, 1));
  }
}

// Apex Reference: System Class — abortJob(jobId): a CronTrigger's Id
// unschedules the job (its rows go); an AsyncApexJob's Id aborts a job that
// has not run.
Value abortJob(Interp& vm, Value* args, int) {
  const std::string& id = strArg(vm, args[0]);
  if (!looksLikeId(id)) vm.raise(errors::AbortJobInvalidId, id);
  std::string jobId = toEighteen(id);
  auto& queue = vm.asyncQueue();
  auto matches = [&](const AsyncJob& job) {
    return text::equalsIgnoreCase(job.id, jobId) || text::equalsIgnoreCase(job.cronTriggerId, jobId);
  };
  for (const AsyncJob& job : queue)
    if (matches(job)) vm.updateSystemRecord("AsyncApexJob", job.id, {{"Status", vm.makeString("Aborted")}});
  queue.erase(std::remove_if(queue.begin(), queue.end(), matches), queue.end());
  if (jobId.starts_with(vm.schema().object("CronTrigger")->keyPrefix)) unschedule(vm, jobId);
  return Value();
}

// Apex Reference: System Class — isBatch(), isFuture(), isQueueable(),
// isScheduled(): what kind of job runs now.
Value isBatch(Interp& vm, Value*, int) { return boolean(runningJobOf(vm, AsyncJobType::BatchApex)); }
Value isFuture(Interp& vm, Value*, int) { return boolean(runningJobOf(vm, AsyncJobType::Future)); }
Value isQueueable(Interp& vm, Value*, int) { return boolean(runningJobOf(vm, AsyncJobType::Queueable)); }
Value isScheduled(Interp& vm, Value*, int) { return boolean(runningJobOf(vm, AsyncJobType::ScheduledApex)); }

const sema::NativeDef kNatives[] = {
    {"System", "static Id enqueueJob(Queueable)", &enqueueJob},
    {"System", "static Id enqueueJob(Queueable, Integer)", &enqueueJobWithDelay},
    {"System", "static Id enqueueJob(Queueable, AsyncOptions)", &enqueueJobWithOptions},
    {"System", "static void attachFinalizer(Finalizer)", &attachFinalizer},
    {"System", "static Id schedule(String, String, Schedulable)", &schedule},
    {"System", "static Id scheduleBatch(Database.Batchable, String, Integer)", &scheduleBatch},
    {"System", "static Id scheduleBatch(Database.Batchable, String, Integer, Integer)", &scheduleBatch},
    {"System", "static void abortJob(String)", &abortJob},
    {"System", "static Boolean isBatch()", &isBatch},
    {"System", "static Boolean isFuture()", &isFuture},
    {"System", "static Boolean isQueueable()", &isQueueable},
    {"System", "static Boolean isScheduled()", &isScheduled},
    {"Database", "static Id executeBatch(Database.Batchable)", &executeBatch},
    {"Database", "static Id executeBatch(Database.Batchable, Integer)", &executeBatch},
};

}  // namespace

std::span<const sema::NativeDef> asyncNatives() { return kNatives; }

}  // namespace apex::stdlib
