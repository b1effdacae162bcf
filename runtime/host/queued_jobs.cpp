#include "runtime/host/queued_jobs.h"

namespace apex::runtime {

QueuedJobs runQueuedJobs(Transaction& transaction, SqliteStore& store) {
  interp::Interp& vm = transaction.vm();
  QueuedJobs jobs;
  for (;;) {
    store.begin();
    transaction.log().beginAsync();
    std::optional<stdlib::JobReport> report = stdlib::runNextJob(vm);
    if (!report) {
      store.rollback();
      break;
    }
    transaction.log().finish(report->usage, true);
    store.commit();
    jobs.ran.push_back({std::move(*report), transaction.log().text()});
  }
  jobs.waiting = vm.asyncQueue().size();
  return jobs;
}

}  // namespace apex::runtime
