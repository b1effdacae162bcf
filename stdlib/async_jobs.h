// Running asynchronous Apex (Apex Developer Guide, "Asynchronous Apex"):
// each queued job (interp/async.h) as the platform runs it, with its
// context object, its AsyncApexJob row's status and counts, a queueable's
// finalizer and a batch's start, chunks and finish.
//
// Tests run their queued jobs at Test.stopTest (runJobsAtStopTest); the
// host runs them after the transaction that queued them commits
// (runNextJob), each as a transaction of its own.
#pragma once

#include <optional>
#include <string>

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
