#include "runtime/host/transaction.h"

#include "runtime/callouts/callouts.h"
#include "runtime/project/static_resources.h"

namespace apex::runtime {

Transaction::Transaction(sema::Program& program, const RunServices& services)
    : services_(services), log_(services.apiVersion), vm_(program, log_) {
  if (CalloutService* callouts = services.callouts) {
    auto mask = [callouts](std::string_view text) { return callouts->maskSecrets(text); };
    log_.onMask(mask);
    outbox_.onMask(mask);
  }
  vm_.setCallouts(services.callouts);
  vm_.setEmails(&outbox_);
  vm_.setUser(services.user);
  vm_.setStaticResources(services.staticResources);
  vm_.setCoverage(services.coverage);
  vm_.setDataStore(services.dataStore);
  vm_.setRunningTest(services.runningTest);
  vm_.setQuiddity(services.quiddity);
}

std::string Transaction::describe(const interp::ApexThrow& thrown) {
  std::string message = vm_.describeException(thrown.exception);
  return services_.callouts ? services_.callouts->maskSecrets(message) : message;
}

}  // namespace apex::runtime
