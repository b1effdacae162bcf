// Asynchronous Apex as the engine keeps it (Apex Developer Guide,
// "Asynchronous Apex"): the jobs a transaction queues (@future calls,
// queueable, batch and scheduled jobs), each with its AsyncApexJob row,
// until the host or Test.stopTest runs them, each in its own transaction
// (stdlib/async_jobs.h runs them).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "interp/value.h"

namespace apex::sema {
struct MethodSymbol;
}

namespace apex::interp {

// AsyncApexJob.JobType's values for the jobs Apex queues.
enum class AsyncJobType : uint8_t { Future, Queueable, BatchApex, ScheduledApex };

std::string_view jobTypeName(AsyncJobType type);
// Request.getQuiddity() while a job of `type` runs.
std::string_view jobQuiddity(AsyncJobType type);

struct AsyncJob {
  AsyncJobType type = AsyncJobType::Queueable;
  std::string id;         // the AsyncApexJob Id (707)
  std::string parentJobId;  // the job whose transaction queued it; empty: none
  std::string className;  // whose code runs (AsyncApexJob.ApexClass)
  // The Queueable, Database.Batchable or Schedulable object; null for a
  // @future call.
  Value instance;
  const sema::MethodSymbol* futureMethod = nullptr;
  std::vector<Value> args;  // the @future call's arguments
  int32_t scope = 200;      // a batch's records per execute
  std::string cronTriggerId;  // a scheduled job's CronTrigger (08e)
  int32_t delayMinutes = 0;
  // A queueable's place in its chain (1: queued by a synchronous
  // transaction) and the deepest the chain may go (AsyncOptions).
  int32_t depth = 1;
  int32_t maxDepth = 0;  // 0: no limit set
  // What the job was queued from: a test runs at Test.stopTest only the jobs
  // its own code queued, not those queued by jobs running there.
  bool queuedByJob = false;
};

// The job running now and what it set while running (a queueable's
// finalizer).
struct RunningJob {
  const AsyncJob* job = nullptr;
  Value finalizer;             // System.attachFinalizer's; null: none
  bool inBatchFinish = false;  // a batch's finish, which may start another batch
  bool inFinalizer = false;    // the queueable's finalizer, after the job
};

}  // namespace apex::interp
