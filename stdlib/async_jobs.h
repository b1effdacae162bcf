// Running asynchronous Apex (Apex Developer Guide, "Asynchronous Apex"):
// each queued job (interp/async.h) as the platform runs it, with its
// context object, its AsyncApexJob row's status and counts, a queueable's
// finalizer and a batch's start, chunks and finish.
//
// Tests run their queued jobs at Test.stopTest (runJobsAtStopTest); the
// host runs them after the transaction that queued them commits
// (runNextJob), each as a transaction of its own.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "interp/async.h"
#include "stdlib/native.h"

namespace apex::stdlib {

// What became of one job, for the host's report.
struct JobReport {
  std::string id;
  interp::AsyncJobType type{};
  std::string className;  // `Class` or `Class.method` for a @future call
  std::string status;     // Completed, Failed
  std::string error;      // the uncaught exception, as Salesforce reports it
  // What the job's transactions used of each limit (the most any one did).
  interp::LimitUsage usage{};
};

// How a transaction of asynchronous Apex runs (Interp::JobScope): the job
// it belongs to (null for a platform event trigger or a publish callback),
// its quiddity, and whether static variables start afresh (outside tests).
struct AsyncTransaction {
  interp::RunningJob* job = nullptr;
  std::string_view quiddity;
  bool freshStatics = false;
};

// Where a transaction started: its records' savepoint and the events
// pending on the bus.
struct TransactionMark {
  int64_t savepoint = 0;
  size_t pendingEvents = 0;
};

// Undoes what the transaction since `mark` did: its records, and the
// Publish After Commit events it published.
void rollBackTo(Interp& vm, const TransactionMark& mark);

// Runs `body` as one transaction of asynchronous Apex, what it uses of
// each limit measured into `usage` (the most any one transaction used).
// An uncaught exception is returned (null: none) after `undo(mark,
// exception)` undid the transaction's work.
template <class Body, class Undo>
Value runAsyncTransaction(Interp& vm, const AsyncTransaction& how, interp::LimitUsage& usage, Body body, Undo undo) {
  interp::DataStorePort* store = vm.dataStore();
  TransactionMark mark{store ? store->savepoint() : 0, vm.eventBus().pending.size()};
  try {
    interp::Interp::JobScope scope(vm, how.job, how.quiddity, how.freshStatics);
    struct Measure {  // by an exception too
      Interp& vm;
      interp::LimitUsage& usage;
      ~Measure() {
        interp::LimitUsage used = vm.cumulativeUsage();
        for (size_t i = 0; i < used.size(); ++i) usage[i] = std::max(usage[i], used[i]);
      }
    } measure{vm, usage};
    body();
    return Value();
  } catch (const interp::ApexThrow& thrown) {
    undo(mark, thrown.exception);
    return thrown.exception;
  }
}

// Runs the oldest queued job whose time has come (a scheduled job's has
// not: it waits for its CronTrigger) as a transaction of its own, static
// variables fresh; its failure is recorded, not thrown. nullopt when no
// such job is left. The host commits after each.
std::optional<JobReport> runNextJob(Interp& vm);

// Test.stopTest: runs the jobs the test queued, in order, including
// scheduled jobs once; those they queue stay queued. An uncaught exception
// of a job without a finalizer is thrown on after its row is written.
void runJobsAtStopTest(Interp& vm);

}  // namespace apex::stdlib
