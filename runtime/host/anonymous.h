// Tooling API, "executeAnonymous()": an anonymous block compiled against
// the org (its classes, objects, labels and triggers) and run as one
// transaction on its records, then what it left for later (queued jobs,
// published events). `apexrun run` prints the outcome as `sf apex run`
// does; `apexrun serve` answers the SOAP and Tooling executeAnonymous calls
// with it. Each call compiles into a program of its own.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/data/record_store.h"
#include "runtime/host/queued_jobs.h"
#include "runtime/host/transaction.h"
#include "sema/program.h"

namespace apex::runtime {

// The org a block compiles against and runs in.
struct AnonymousOrg {
  sema::ClassSource* classes = nullptr;  // the project's classes and triggers; null: none
  std::shared_ptr<const sema::Schema> schema;
  std::shared_ptr<const sema::OrgConfig> config;
  RunServices services;  // without a data store: `records` gives it
  // The org's records, asked for once the block compiled (`apexrun run`
  // opens its --db file only then). Required.
  std::function<RecordStore&(const sema::Program&)> records;
  // Before the block runs: false stops it there (a block that only
  // declares types, `apexrun run --explain`'s hints). Optional.
  std::function<bool(const ast::AnonymousUnit&)> beforeRun;
  // Each System.debug message, as it is logged (`--debug-only`). Optional.
  std::function<void(std::string_view)> onUserDebug;
};

// The executeAnonymous result, with the log and what ran after the block.
struct AnonymousOutcome {
  bool compiled = false;
  bool success = false;
  std::string compileProblem;
  sema::CompileError classError;  // when a project class or trigger fails to compile
  std::string exceptionMessage;
  std::string exceptionStackTrace;
  int line = -1;
  int column = -1;
  std::string log;  // the debug log; empty when the block did not compile
  std::vector<interp::OutboundEmail> emails;  // what Messaging.sendEmail accepted
  QueuedJobs jobs;                            // the asynchronous work run after the block
};

// Compiles and runs `source`. Apex Developer Guide, "Transaction Control":
// the block is one transaction; an uncaught exception rolls back its DML.
AnonymousOutcome executeAnonymous(const std::string& source, const AnonymousOrg& org);

}  // namespace apex::runtime
