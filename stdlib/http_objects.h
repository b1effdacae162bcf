// The C++ state behind System.HttpRequest and System.HttpResponse objects,
// shared by httprequest.cpp, httpresponse.cpp and http.cpp. Internal to stdlib/.
#pragma once

#include <optional>
#include <string>

#include "interp/object.h"
#include "runtime/http_message.h"
#include "stdlib/native.h"

namespace apex::stdlib {

struct HttpRequestState : interp::NativeState {
  runtime::CalloutRequest request;
  bool endpointSet = false;  // getEndpoint() is null until set
  bool methodSet = false;
  bool bodySet = false;
  // Apex Reference: HttpRequest Class — toString()
  std::string toString() const override {
    return "System.HttpRequest[Endpoint=" + (endpointSet ? request.endpoint : "null") +
           ", Method=" + (methodSet ? request.method : "null") + "]";
  }
};

struct HttpResponseState : interp::NativeState {
  runtime::CalloutResponse response;
  bool statusSet = false;
  bool bodySet = false;
  // Apex Reference: HttpResponse Class — toString()
  std::string toString() const override {
    return "System.HttpResponse[Status=" + (statusSet ? response.status : "null") +
           ", StatusCode=" + std::to_string(response.statusCode) + "]";
  }
};

template <class State>
State& stateOf(const Value& self) {
  return static_cast<State&>(*self.as<interp::InstanceObj>()->native);
}

// A new System.HttpResponse holding `response`.
inline Value makeHttpResponse(Interp& vm, runtime::CalloutResponse response) {
  auto state = std::make_unique<HttpResponseState>();
  size_t bytes = 64 + response.body.size() + response.headers.byteSize();
  state->response = std::move(response);
  state->statusSet = state->bodySet = true;
  return vm.makeNativeInstance("System.HttpResponse", std::move(state), bytes);
}

}  // namespace apex::stdlib
