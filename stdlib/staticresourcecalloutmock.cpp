// Apex Reference: StaticResourceCalloutMock Class and
// MultiStaticResourceCalloutMock Class: HttpCalloutMocks that answer with
// the content of the project's static resources (staticresources/).
#include "sema/interfaces.h"
#include "stdlib/callout_mocks.h"
#include "stdlib/http_objects.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

StaticMockState& mock(const Value& self) { return stateOf<StaticMockState>(self); }

Value makeMock(Interp& vm, std::string_view className, bool multi) {
  auto state = std::make_unique<StaticMockState>();
  state->multi = multi;
  return vm.makeNativeInstance("System." + std::string(className), std::move(state), 64);
}

// Apex Reference: StaticResourceCalloutMock Class — StaticResourceCalloutMock()
Value construct(Interp& vm, Value*, int) { return makeMock(vm, sema::kStaticResourceMockClass, false); }
// Apex Reference: MultiStaticResourceCalloutMock Class — MultiStaticResourceCalloutMock()
Value constructMulti(Interp& vm, Value*, int) { return makeMock(vm, sema::kMultiStaticResourceMockClass, true); }

// Apex Reference: StaticResourceCalloutMock Class — setStaticResource(resourceName)
Value setStaticResource(Interp& vm, Value* args, int) {
  mock(args[0]).resource = strArg(vm, args[1]);
  return Value();
}
// Apex Reference: MultiStaticResourceCalloutMock Class — setStaticResource(endpoint, resourceName):
// a second call for the same endpoint replaces the first.
Value setStaticResourceFor(Interp& vm, Value* args, int) {
  auto& byEndpoint = mock(args[0]).byEndpoint;
  const std::string& endpoint = strArg(vm, args[1]);
  const std::string& resource = strArg(vm, args[2]);
  for (auto& [url, name] : byEndpoint) {
    if (url == endpoint) {
      name = resource;
      return Value();
    }
  }
  byEndpoint.emplace_back(endpoint, resource);
  return Value();
}
// Apex Reference: StaticResourceCalloutMock Class — setStatusCode(code), setHeader(headerName, headerValue)
Value setStatusCode(Interp& vm, Value* args, int) {
  mock(args[0]).statusCode = intArg(vm, args[1]);
  return Value();
}
Value setHeader(Interp& vm, Value* args, int) {
  putHeader(vm, mock(args[0]).headers, args[1], args[2]);
  return Value();
}
// Apex Reference: StaticResourceCalloutMock Class — respond(request)
Value respond(Interp& vm, Value* args, int) { return staticMockResponse(vm, mock(args[0]), nonNull(vm, args[1])); }

const sema::NativeDef kNatives[] = {
    {"StaticResourceCalloutMock", "new()", &construct},
    {"StaticResourceCalloutMock", "void setStaticResource(String)", &setStaticResource},
    {"StaticResourceCalloutMock", "void setStatusCode(Integer)", &setStatusCode},
    {"StaticResourceCalloutMock", "void setHeader(String, String)", &setHeader},
    {"StaticResourceCalloutMock", "HttpResponse respond(HttpRequest)", &respond},
    {"MultiStaticResourceCalloutMock", "new()", &constructMulti},
    {"MultiStaticResourceCalloutMock", "void setStaticResource(String, String)", &setStaticResourceFor},
    {"MultiStaticResourceCalloutMock", "void setStatusCode(Integer)", &setStatusCode},
    {"MultiStaticResourceCalloutMock", "void setHeader(String, String)", &setHeader},
    {"MultiStaticResourceCalloutMock", "HttpResponse respond(HttpRequest)", &respond},
};

}  // namespace

std::span<const sema::NativeDef> staticResourceCalloutMockNatives() { return kNatives; }

}  // namespace apex::stdlib
