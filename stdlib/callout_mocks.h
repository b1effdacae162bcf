// Callouts in a test: the mock set by Test.setMock answers them. Shared by
// http.cpp and the mock classes. Internal to stdlib/.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/http_message.h"
#include "stdlib/native.h"

namespace apex::stdlib {

// The response `mock` (an HttpCalloutMock) gives to `request`: an Apex
// class's respond(), or a static-resource mock's native answer.
Value respondWithMock(Interp& vm, const Value& mock, const Value& request);

// What both static-resource mocks hold (Apex Reference:
// StaticResourceCalloutMock Class, MultiStaticResourceCalloutMock Class).
struct StaticMockState : interp::NativeState {
  std::string resource;                                          // StaticResourceCalloutMock
  std::vector<std::pair<std::string, std::string>> byEndpoint;  // MultiStaticResourceCalloutMock
  bool multi = false;
  int statusCode = 200;
  HttpHeaders headers;
  std::string toString() const override;
};

// The response of a static-resource mock: the resource's content with the
// mock's status code and headers.
Value staticMockResponse(Interp& vm, const StaticMockState& mock, const Value& request);

}  // namespace apex::stdlib
