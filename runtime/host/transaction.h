// One Apex transaction as every command runs it: its own debug log and an
// interpreter wired to the services of the run (the ports of
// interp/ports.h). `apexrun run`, each test method of `apexrun test` and
// each Apex REST request of `apexrun serve` is one.
#pragma once

#include <string>

#include "interp/interp.h"
#include "runtime/host/outbox.h"
#include "runtime/log/debuglog.h"

namespace apex::runtime {

class CalloutService;
class StaticResources;

// What the transactions of one run share. Null services are absent: a
// callout then fails, static resources are missing, the user is the default.
struct RunServices {
  CalloutService* callouts = nullptr;
  const interp::UserContext* user = nullptr;
  const StaticResources* staticResources = nullptr;
  interp::StatementHits* coverage = nullptr;  // null: no code coverage
  interp::DataStorePort* dataStore = nullptr;  // the org's records (runtime/data); null: none
  bool runningTest = false;                   // Test.isRunningTest()
  std::string_view quiddity = "ANONYMOUS";    // Request.getCurrent().getQuiddity()
  std::string apiVersion = "62.0";            // the debug log's header
};

class Transaction {
 public:
  Transaction(sema::Program& program, const RunServices& services);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  interp::Interp& vm() { return vm_; }
  DebugLog& log() { return log_; }
  // What Messaging.sendEmail accepted in this transaction.
  const Outbox& outbox() const { return outbox_; }

  // An uncaught exception as Salesforce reports it (`System.MathException:
  // Divide by 0`), with the run's secrets masked.
  std::string describe(const interp::ApexThrow& thrown);

 private:
  const RunServices& services_;
  DebugLog log_;
  Outbox outbox_;
  interp::Interp vm_;
};

}  // namespace apex::runtime
