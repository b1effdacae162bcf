// Apex Reference: HttpRequest Class.
#include "interp/errors.h"
#include "stdlib/http_objects.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

HttpRequestState& req(const Value& self) { return stateOf<HttpRequestState>(self); }

// The object's weight against the heap limit: its body and headers.
void accountFor(Interp& vm, const Value& self) {
  const CalloutRequest& r = req(self).request;
  vm.resized(self.asObj(), 64 + r.body.size() + r.headers.byteSize() + r.endpoint.size());
}

// Apex Reference: HttpRequest Class — HttpRequest()
Value construct(Interp& vm, Value*, int) {
  return vm.makeNativeInstance("System.HttpRequest", std::make_unique<HttpRequestState>(), 64);
}

// Apex Reference: HttpRequest Class — setEndpoint(endpoint), getEndpoint()
Value setEndpoint(Interp& vm, Value* args, int) {
  HttpRequestState& s = req(args[0]);
  s.endpointSet = !args[1].isNull();
  s.request.endpoint = s.endpointSet ? str(args[1]) : "";
  accountFor(vm, args[0]);
  return Value();
}
Value getEndpoint(Interp& vm, Value* args, int) {
  const HttpRequestState& s = req(args[0]);
  return s.endpointSet ? vm.makeString(s.request.endpoint) : Value();
}

// Apex Reference: HttpRequest Class — setMethod(method), getMethod(). The
// method is checked when the request is sent.
Value setMethod(Interp&, Value* args, int) {
  HttpRequestState& s = req(args[0]);
  s.methodSet = !args[1].isNull();
  s.request.method = s.methodSet ? str(args[1]) : "";
  return Value();
}
Value getMethod(Interp& vm, Value* args, int) {
  const HttpRequestState& s = req(args[0]);
  return s.methodSet ? vm.makeString(s.request.method) : Value();
}

// Apex Reference: HttpRequest Class — setHeader(key, value), getHeader(key).
// Names are case-insensitive; a null value removes the header.
Value setHeader(Interp& vm, Value* args, int) {
  putHeader(vm, req(args[0]).request.headers, args[1], args[2]);
  accountFor(vm, args[0]);
  return Value();
}
Value getHeader(Interp& vm, Value* args, int) { return headerValue(vm, req(args[0]).request.headers, args[1]); }

// Apex Reference: HttpRequest Class — setBody(body), getBody(),
// setBodyAsBlob(body), getBodyAsBlob()
Value setBody(Interp& vm, Value* args, int) {
  HttpRequestState& s = req(args[0]);
  s.bodySet = putBody(s.request.body, args[1], false);
  accountFor(vm, args[0]);
  return Value();
}
Value setBodyAsBlob(Interp& vm, Value* args, int) {
  HttpRequestState& s = req(args[0]);
  s.bodySet = putBody(s.request.body, args[1], true);
  accountFor(vm, args[0]);
  return Value();
}
Value getBody(Interp& vm, Value* args, int) { return bodyText(vm, req(args[0]).bodySet, req(args[0]).request.body); }
Value getBodyAsBlob(Interp& vm, Value* args, int) {
  return bodyBlob(vm, req(args[0]).bodySet, req(args[0]).request.body);
}

// Apex Reference: HttpRequest Class — setTimeout(timeout): 1 to 120,000 ms.
Value setTimeout(Interp& vm, Value* args, int) {
  int32_t millis = intArg(vm, args[1]);
  if (millis < 1 || millis > kMaxCalloutTimeoutMillis)
    vm.raise(interp::errors::TimeoutOutOfRange, millis);
  req(args[0]).request.timeoutMillis = millis;
  return Value();
}

// Apex Reference: HttpRequest Class — setCompressed(flag), getCompressed()
Value setCompressed(Interp& vm, Value* args, int) {
  req(args[0]).request.compressed = boolArg(vm, args[1]);
  return Value();
}
Value getCompressed(Interp&, Value* args, int) { return boolean(req(args[0]).request.compressed); }

// Apex Reference: HttpRequest Class — setClientCertificateName(certDevName)
Value setClientCertificateName(Interp&, Value* args, int) {
  req(args[0]).request.clientCertificate = args[1].isNull() ? "" : str(args[1]);
  return Value();
}

Value toString(Interp& vm, Value* args, int) { return vm.makeString(req(args[0]).toString()); }

const sema::NativeDef kNatives[] = {
    {"HttpRequest", "new()", &construct},
    {"HttpRequest", "void setEndpoint(String)", &setEndpoint},
    {"HttpRequest", "String getEndpoint()", &getEndpoint},
    {"HttpRequest", "void setMethod(String)", &setMethod},
    {"HttpRequest", "String getMethod()", &getMethod},
    {"HttpRequest", "void setHeader(String, String)", &setHeader},
    {"HttpRequest", "String getHeader(String)", &getHeader},
    {"HttpRequest", "void setBody(String)", &setBody},
    {"HttpRequest", "String getBody()", &getBody},
    {"HttpRequest", "void setBodyAsBlob(Blob)", &setBodyAsBlob},
    {"HttpRequest", "Blob getBodyAsBlob()", &getBodyAsBlob},
    {"HttpRequest", "void setTimeout(Integer)", &setTimeout},
    {"HttpRequest", "void setCompressed(Boolean)", &setCompressed},
    {"HttpRequest", "Boolean getCompressed()", &getCompressed},
    {"HttpRequest", "void setClientCertificateName(String)", &setClientCertificateName},
    {"HttpRequest", "String toString()", &toString},
};

}  // namespace

std::span<const sema::NativeDef> httpRequestNatives() { return kNatives; }

}  // namespace apex::stdlib
