// Apex Reference: HttpCalloutMock Interface — respond(request), and how a
// test's callout reaches the mock (Apex Developer Guide: "Testing HTTP
// Callouts by Implementing the HttpCalloutMock Interface").
#include "interp/errors.h"
#include "sema/interfaces.h"
#include "stdlib/callout_mocks.h"
#include "stdlib/http_objects.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {

namespace errors = interp::errors;

std::string StaticMockState::toString() const {
  return multi ? "MultiStaticResourceCalloutMock" : "StaticResourceCalloutMock";
}

Value respondWithMock(Interp& vm, const Value& mock, const Value& request) {
  const auto* obj = mock.as<interp::InstanceObj>();
  if (obj->cls->isBuiltin && obj->native) return staticMockResponse(vm, stateOf<StaticMockState>(mock), request);
  Value response;
  Value argument = request;
  if (!vm.callOverride(mock, "respond", &argument, 1, &response))
    vm.raise(errors::MockDoesNotImplement, obj->cls->qualifiedName, "HttpCalloutMock");
  return response;
}

Value staticMockResponse(Interp& vm, const StaticMockState& mock, const Value& request) {
  std::string name = mock.resource;
  if (mock.multi) {
    const std::string& endpoint = stateOf<HttpRequestState>(request).request.endpoint;
    name.clear();
    for (const auto& [url, resource] : mock.byEndpoint) {
      if (url == endpoint) name = resource;
    }
    if (name.empty()) vm.raise(errors::NoStaticResourceForEndpoint, endpoint);
  } else if (name.empty()) {
    vm.raise(errors::StaticResourceNotSet);
  }
  const interp::StaticResourcePort* resources = vm.staticResources();
  if (!resources) vm.raise(errors::StaticResourceNotFound, name);
  auto loaded = resources->load(name);
  if (auto* problem = std::get_if<std::string>(&loaded)) vm.raise(errors::CalloutFailed, *problem);

  auto state = std::make_unique<HttpResponseState>();
  state->response.statusCode = mock.statusCode;
  state->response.headers = mock.headers;
  state->response.body = std::move(std::get<interp::StaticResource>(loaded).body);
  state->bodySet = true;
  size_t bytes = 64 + state->response.body.size() + state->response.headers.byteSize();
  return vm.makeNativeInstance("System.HttpResponse", std::move(state), bytes);
}

namespace {

// Apex Reference: HttpCalloutMock Interface — respond(request), called
// through an HttpCalloutMock-typed value.
Value respond(Interp& vm, Value* args, int) { return respondWithMock(vm, args[0], args[1]); }

const sema::NativeDef kNatives[] = {
    {"HttpCalloutMock", "HttpResponse respond(HttpRequest)", &respond},
};

}  // namespace

std::span<const sema::NativeDef> httpCalloutMockNatives() { return kNatives; }

}  // namespace apex::stdlib
