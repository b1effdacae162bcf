#include "runtime/host/queued_jobs.h"

namespace apex::runtime {
namespace {

// The next transaction due: deliveries before jobs, as a platform event's
// subscribers hear of it soon after it is published.
std::optional<AsyncRun> runNext(interp::Interp& vm) {
  AsyncRun run;
  if ((run.delivery = stdlib::runNextDelivery(vm))) return run;
  if ((run.job = stdlib::runNextJob(vm))) return run;
  return std::nullopt;
}

interp::LimitUsage usageOf(const AsyncRun& run) { return run.job ? run.job->usage : run.delivery->usage; }

}  // namespace

QueuedJobs runQueuedJobs(Transaction& transaction, RecordStore& store, bool committed) {
  interp::Interp& vm = transaction.vm();
  if (committed) {
    stdlib::publishCommittedEvents(vm);
  } else {
    stdlib::discardUncommittedEvents(vm);
    vm.asyncQueue().clear();
  }
  QueuedJobs jobs;
  for (;;) {
    if (jobs.ran.size() == kMaxAsyncRuns) {
      jobs.cutShort = true;
      break;
    }
    RecordsTransaction step(store);
    transaction.log().beginAsync();
    std::optional<AsyncRun> run = runNext(vm);
    if (!run) break;
    transaction.log().finish(usageOf(*run), true);
    step.commit();
    stdlib::publishCommittedEvents(vm);
    run->log = transaction.log().text();
    jobs.ran.push_back(std::move(*run));
  }
  jobs.waiting = vm.asyncQueue().size();
  return jobs;
}

}  // namespace apex::runtime
