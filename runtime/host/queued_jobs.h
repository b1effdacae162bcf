// Apex Developer Guide, "Asynchronous Apex", and Platform Events Developer
// Guide, "Subscribe to Platform Event Notifications with Apex Triggers":
// after a transaction commits, the events it published reach their triggers
// and publish callbacks, and the jobs it queued run, in order, each as a
// transaction of its own on the org's records and with its own debug log;
// what they publish and queue runs after them. `apexrun run` runs them after
// the block, `apexrun serve` after each Apex REST request.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runtime/data/record_store.h"
#include "runtime/host/transaction.h"
#include "stdlib/async_jobs.h"
#include "stdlib/event_delivery.h"

namespace apex::runtime {

// One transaction run after the one that made it: a job, or a delivery of
// events to a trigger or of a publish outcome to a callback.
struct AsyncRun {
  std::optional<stdlib::JobReport> job;
  std::optional<stdlib::EventRunReport> delivery;
  std::string log;  // its own debug log
};

struct QueuedJobs {
  std::vector<AsyncRun> ran;
  size_t waiting = 0;       // scheduled jobs left for their fire time
  bool cutShort = false;    // stopped after kMaxAsyncRuns, more was due
};

// A run that keeps publishing or queueing more work stops here.
inline constexpr size_t kMaxAsyncRuns = 10000;

// Runs what `transaction` left for later on `store`, each run committed on
// its own (inside a transaction of the store's, as a savepoint of it). When it committed: the
// events it published and the jobs it queued; when it rolled back, only the
// events it published immediately (Publish Immediately), as the platform
// publishes those whatever becomes of the transaction.
QueuedJobs runQueuedJobs(Transaction& transaction, RecordStore& store, bool committed = true);

}  // namespace apex::runtime
