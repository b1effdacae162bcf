// Apex Reference: Http Class — send(request), with the platform's callout
// limits (Apex Developer Guide: Callout Limits and Limitations) and debug
// log lines (CALLOUT_REQUEST, CALLOUT_RESPONSE).
#include "interp/errors.h"
#include "stdlib/callout_mocks.h"
#include "stdlib/http_objects.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;
using interp::Limit;
using interp::Limits;

// Apex Reference: Http Class — Http()
Value construct(Interp& vm, Value*, int) { return vm.makeNativeInstance("System.Http", nullptr, 32); }

// Counts the callout and logs its request (CALLOUT_REQUEST).
void startCallout(Interp& vm, interp::CalloutPort* service, const HttpRequestState& request, int line) {
  vm.limits().add(Limit::Callouts);
  std::string sent = request.toString();
  vm.log().calloutRequest(line, service ? service->maskSecrets(sent) : sent);
}

// A callout in a test goes to the mock Test.setMock set as it is: no Named
// Credential or Remote Site Setting is looked at, so a test may call
// `callout:AnyName` in a project that does not define it.
Value answerFromMock(Interp& vm, const Value& requestValue, interp::CalloutPort* service, int line) {
  const HttpRequestState& request = stateOf<HttpRequestState>(requestValue);
  startCallout(vm, service, request, line);
  Value mock = vm.calloutMock();  // held: respond() may set another mock
  return respondWithMock(vm, mock, requestValue);
}

// Any other callout goes out through the callout service, within what is
// left of the transaction's callout time.
Value sendOut(Interp& vm, const HttpRequestState& request, interp::CalloutPort& service, int line) {
  Limits& limits = vm.limits();
  int64_t budget = limits.max(Limit::CalloutTime) - limits.count(Limit::CalloutTime);
  if (budget <= 0)
    vm.raise(errors::CalloutFailed, interp::limitExceeded(Limit::CalloutTime, limits.max(Limit::CalloutTime)));
  startCallout(vm, &service, request, line);
  long long elapsed = 0;
  interp::CalloutResult result = service.send(request.request, line, int(budget), &elapsed);
  limits.add(Limit::CalloutTime, elapsed);
  if (auto* failure = std::get_if<CalloutFailure>(&result))
    vm.raise(errors::CalloutFailed, failure->message);
  return makeHttpResponse(vm, std::move(std::get<CalloutResponse>(result)));
}

// Apex Reference: Http Class — send(request)
Value send(Interp& vm, Value* args, int) {
  const Value& requestValue = nonNull(vm, args[1]);
  interp::CalloutPort* service = vm.callouts();
  bool mocked = vm.isRunningTest();
  if (mocked && vm.calloutMock().isNull()) vm.raise(errors::CalloutWithoutMock);
  if (!mocked && !service) vm.raise(errors::NoCalloutService);
  if (vm.hasUncommittedWork()) vm.raise(errors::UncommittedWorkPending);
  if (vm.limits().count(Limit::Callouts) >= vm.limits().max(Limit::Callouts)) vm.raiseLimit(Limit::Callouts);
  int line = vm.currentLine();
  Value response = mocked ? answerFromMock(vm, requestValue, service, line)
                          : sendOut(vm, stateOf<HttpRequestState>(requestValue), *service, line);
  if (!response.isNull()) vm.log().calloutResponse(line, stateOf<HttpResponseState>(response).toString());
  return response;
}

const sema::NativeDef kNatives[] = {
    {"Http", "new()", &construct},
    {"Http", "HttpResponse send(HttpRequest)", &send},
};

}  // namespace

std::span<const sema::NativeDef> httpNatives() { return kNatives; }

}  // namespace apex::stdlib
