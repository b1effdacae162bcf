// The C++ state behind System.HttpRequest and System.HttpResponse objects,
// shared by httprequest.cpp, httpresponse.cpp and http.cpp. Internal to stdlib/.
#pragma once

#include <optional>
#include <string>

#include "base/http_message.h"
#include "base/text.h"
#include "interp/object.h"
#include "stdlib/native.h"

namespace apex::stdlib {

struct HttpRequestState : interp::NativeState {
  CalloutRequest request;
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
  CalloutResponse response;
  bool statusSet = false;
  bool bodySet = false;
  // Apex Reference: HttpResponse Class — toString()
  std::string toString() const override {
    return "System.HttpResponse[Status=" + (statusSet ? response.status : "null") +
           ", StatusCode=" + std::to_string(response.statusCode) + "]";
  }
};

// The accessors HttpRequest and HttpResponse share (Apex Reference:
// HttpRequest Class, HttpResponse Class — getHeader, setHeader, getBody,
// getBodyAsBlob, setBody, setBodyAsBlob). Header names are case-insensitive;
// a null value removes the header; a body never set reads as null.
inline Value headerValue(Interp& vm, const HttpHeaders& headers, const Value& name) {
  if (name.isNull()) return Value();
  const std::string* value = headers.get(str(name));
  return value ? vm.makeString(*value) : Value();
}
inline void putHeader(Interp& vm, HttpHeaders& headers, const Value& name, const Value& value) {
  const std::string& key = strArg(vm, name);
  if (value.isNull()) headers.remove(key);
  else headers.set(key, str(value));
}
inline Value bodyText(Interp& vm, bool set, const std::string& body) {
  return set ? vm.makeString(text::decodeUtf8Lossy(body)) : Value();
}
inline Value bodyBlob(Interp& vm, bool set, const std::string& body) { return set ? vm.makeBlob(body) : Value(); }
// Stores a String (or, with `blob`, a Blob) argument as the body; returns
// whether it was set (not null).
inline bool putBody(std::string& body, const Value& value, bool blob) {
  if (value.isNull()) body.clear();
  else body = blob ? value.as<interp::BlobObj>()->bytes : str(value);
  return !value.isNull();
}

// A new System.HttpResponse holding `response`.
inline Value makeHttpResponse(Interp& vm, CalloutResponse response) {
  auto state = std::make_unique<HttpResponseState>();
  size_t bytes = 64 + response.body.size() + response.headers.byteSize();
  state->response = std::move(response);
  state->statusSet = state->bodySet = true;
  return vm.makeNativeInstance("System.HttpResponse", std::move(state), bytes);
}

}  // namespace apex::stdlib
