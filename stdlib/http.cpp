// Apex Reference: Http Class — send(request), with the platform's callout
// limits (Apex Developer Guide: Callout Limits and Limitations) and debug
// log lines (CALLOUT_REQUEST, CALLOUT_RESPONSE).
#include "interp/errors.h"
#include "runtime/callouts.h"
#include "runtime/debuglog.h"
#include "stdlib/callout_mocks.h"
#include "stdlib/http_objects.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;
using interp::Limits;

// Apex Reference: Http Class — Http()
Value construct(Interp& vm, Value*, int) { return vm.makeNativeInstance("System.Http", nullptr, 32); }

// A callout in a test goes to the mock Test.setMock set, after the checks
// the platform makes first (the callout limit, the Named Credential).
Value sendToMock(Interp& vm, const Value& requestValue, runtime::CalloutService* service) {
  const HttpRequestState& request = stateOf<HttpRequestState>(requestValue);
  Value mock = vm.calloutMock();
  if (mock.isNull()) vm.raise("System.CalloutException", errors::kCalloutWithoutMock);
  if (vm.limits().callouts >= Limits::kCallouts) vm.raiseLimit(errors::kTooManyCallouts);
  if (service) {
    if (auto failure = service->checkMocked(request.request)) vm.raise("System.CalloutException", failure->message);
  }
  ++vm.limits().callouts;
  int line = vm.currentLine();
  std::string sent = request.toString();
  vm.log().calloutRequest(line, service ? service->masker().mask(sent) : sent);
  Value response = respondWithMock(vm, mock, requestValue);
  if (!response.isNull()) vm.log().calloutResponse(line, stateOf<HttpResponseState>(response).toString());
  return response;
}

// Apex Reference: Http Class — send(request)
Value send(Interp& vm, Value* args, int) {
  const HttpRequestState& request = stateOf<HttpRequestState>(nonNull(vm, args[1]));
  runtime::CalloutService* service = vm.callouts();
  if (vm.isRunningTest()) return sendToMock(vm, args[1], service);
  if (!service) vm.raise("System.CalloutException", errors::kNoCalloutService);
  Limits& limits = vm.limits();
  if (limits.callouts >= Limits::kCallouts) vm.raiseLimit(errors::kTooManyCallouts);
  int64_t budget = Limits::kCalloutMillis - limits.calloutMillis;
  if (budget <= 0) vm.raise("System.CalloutException", errors::kCumulativeCalloutTime);
  ++limits.callouts;

  int line = vm.currentLine();
  vm.log().calloutRequest(line, service->masker().mask(request.toString()));
  long long elapsed = 0;
  runtime::CalloutResult result = service->send(request.request, line, int(budget), &elapsed);
  limits.calloutMillis += elapsed;
  if (auto* failure = std::get_if<runtime::CalloutFailure>(&result))
    vm.raise("System.CalloutException", failure->message);
  Value response = makeHttpResponse(vm, std::move(std::get<runtime::CalloutResponse>(result)));
  vm.log().calloutResponse(line, stateOf<HttpResponseState>(response).toString());
  return response;
}

const sema::NativeDef kNatives[] = {
    {"Http", "new()", &construct},
    {"Http", "HttpResponse send(HttpRequest)", &send},
};

}  // namespace

std::span<const sema::NativeDef> httpNatives() { return kNatives; }

}  // namespace apex::stdlib
