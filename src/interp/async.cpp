// Asynchronous Apex: queueing jobs with their AsyncApexJob rows, @future
// calls, and the transaction a job runs in (interp/async.h).
#include "interp/async.h"

#include "base/record_id.h"
#include "base/temporal.h"
#include "interp/errors.h"
#include "interp/eval.h"
#include "interp/interp.h"
#include "sema/program.h"
#include "sema/schema.h"

namespace apex::interp {

std::string_view jobTypeName(AsyncJobType type) {
  switch (type) {
    case AsyncJobType::Future: return "Future";
    case AsyncJobType::Queueable: return "Queueable";
    case AsyncJobType::BatchApex: return "BatchApex";
    case AsyncJobType::ScheduledApex: return "ScheduledApex";
  }
  return "";
}

// Apex Reference: Quiddity Enum.
std::string_view jobQuiddity(AsyncJobType type) {
  switch (type) {
    case AsyncJobType::Future: return "FUTURE";
    case AsyncJobType::Queueable: return "QUEUEABLE";
    case AsyncJobType::BatchApex: return "BATCH_APEX";
    case AsyncJobType::ScheduledApex: return "SCHEDULED";
  }
  return "";
}

namespace {

// Ids made without a data store, so that each job still has its own.
std::string localId(std::string_view keyPrefix) {
  static uint64_t next = 1;
  return recordId(keyPrefix, next++);
}

}  // namespace

std::string Interp::insertSystemRecord(std::string_view object, const SystemFields& fields) {
  const sema::SObjectType* type = schema().object(object);
  if (!dataStore_ || !type) return localId(type ? type->keyPrefix : "000");
  std::string id = dataStore_->newIds(*type, 1).front();
  Value record = makeSObject(*type);
  auto* o = record.as<SObjectObj>();
  auto set = [&](std::string_view name, Value v) {
    if (const sema::SObjectField* f = type->field(name)) o->set(f, std::move(v));
  };
  set("Id", makeId(id));
  set("IsDeleted", Value::boolean(false));
  set("CreatedDate", Value::datetime(Datetime::nowMillis()));
  set("CreatedById", makeId(user().userId));
  for (const auto& [name, value] : fields) set(name, value);
  SObjectObj* batch[] = {o};
  dataStore_->insert(*type, batch);
  return id;
}

void Interp::updateSystemRecord(std::string_view object, const std::string& id, const SystemFields& fields) {
  const sema::SObjectType* type = schema().object(object);
  if (!dataStore_ || !type) return;
  Value record = makeSObject(*type);
  auto* o = record.as<SObjectObj>();
  o->set(type->field("Id"), makeId(id));
  for (const auto& [name, value] : fields)
    if (const sema::SObjectField* f = type->field(name)) o->set(f, value);
  SObjectObj* batch[] = {o};
  dataStore_->update(*type, batch);
}

// Apex Developer Guide, "Callout Limits and Limitations": queueing a job is
// work the transaction has not committed, as DML is.
std::string Interp::queueJob(AsyncJob job) {
  SystemFields fields = {{"JobType", makeString(std::string(jobTypeName(job.type)))},
                         {"Status", makeString("Queued")},
                         {"JobItemsProcessed", Value::integer(0)},
                         {"TotalJobItems", Value::integer(0)},
                         {"NumberOfErrors", Value::integer(0)}};
  if (job.futureMethod) fields.emplace_back("MethodName", makeString(job.futureMethod->name));
  if (!job.cronTriggerId.empty()) fields.emplace_back("CronTriggerId", makeId(job.cronTriggerId));
  if (runningJob_) {
    job.parentJobId = runningJob_->job->id;
    fields.emplace_back("ParentJobId", makeId(job.parentJobId));
  }
  job.id = insertSystemRecord("AsyncApexJob", fields);
  job.queuedByJob = runningJob_ != nullptr;
  markUncommittedWork();
  asyncQueue_.push_back(std::move(job));
  return asyncQueue_.back().id;
}

// Apex Developer Guide, "Future Methods": a future method may not be called
// from a future method or a batch job; each call counts in the future
// calls limit.
void Interp::queueFutureCall(const sema::MethodSymbol& method, const Value* args, int argc) {
  if (runningJob_ && !runningJob_->inFinalizer &&
      (runningJob_->job->type == AsyncJobType::Future || runningJob_->job->type == AsyncJobType::BatchApex)) {
    std::string signature;
    for (const sema::Type* p : method.params) signature += (signature.empty() ? "" : ", ") + p->name;
    raise(errors::FutureFromFutureOrBatch, method.owner->qualifiedName + "." + method.name + "(" + signature + ")");
  }
  useLimit(Limit::FutureCalls);
  AsyncJob job;
  job.type = AsyncJobType::Future;
  job.className = method.owner->qualifiedName;
  job.futureMethod = &method;
  job.args.assign(args, args + argc);
  queueJob(std::move(job));
}

Interp::JobScope::JobScope(Interp& vm, RunningJob* running, std::string_view quiddity, bool freshStatics)
    : vm_(vm),
      previousJob_(vm.runningJob_),
      previousLimits_(vm.limits_),
      previousQuiddity_(vm.quiddity_),
      previousUncommitted_(vm.uncommittedWork_),
      previousRequestId_(std::move(vm.requestId_)) {
  vm.runningJob_ = running;
  vm.limits_ = Limits(true);
  vm.quiddity_ = quiddity;
  vm.uncommittedWork_ = false;
  vm.requestId_.clear();
  if (freshStatics) {
    vm.statics_.assign(vm.statics_.size(), Value());
    vm.classInitialized_.assign(vm.classInitialized_.size(), 0);
    vm.evaluator_->runStaticInitializers();
  }
}

// The job's CPU time is its own, not the transaction's it returns to.
Interp::JobScope::~JobScope() {
  int64_t jobNanos = vm_.limits_.cpuNanosUsed();
  vm_.runningJob_ = previousJob_;
  vm_.limits_ = previousLimits_;
  vm_.limits_.discountCpu(jobNanos);
  vm_.quiddity_ = previousQuiddity_;
  vm_.uncommittedWork_ = previousUncommitted_;
  vm_.requestId_ = std::move(previousRequestId_);
}

}  // namespace apex::interp
