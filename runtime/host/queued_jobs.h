// Apex Developer Guide, "Asynchronous Apex": after a transaction commits,
// the jobs it queued run, in order, each as a transaction of its own on the
// org's records and with its own debug log; jobs they queue run after them.
// `apexrun run` runs them after the block, `apexrun serve` after each Apex
// REST request.
#pragma once

#include <string>
#include <vector>

#include "runtime/data/sqlite_store.h"
#include "runtime/host/transaction.h"
#include "stdlib/async_jobs.h"

namespace apex::runtime {

struct JobRun {
  stdlib::JobReport report;
  std::string log;  // the job's own debug log
};

struct QueuedJobs {
  std::vector<JobRun> ran;
  size_t waiting = 0;  // scheduled jobs left for their fire time
};

// Runs what `transaction` queued; it has committed on `store`.
QueuedJobs runQueuedJobs(Transaction& transaction, SqliteStore& store);

}  // namespace apex::runtime
