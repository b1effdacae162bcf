// Apex Reference: HttpResponse Class.
#include <unordered_set>

#include "base/text.h"
#include "stdlib/http_objects.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

HttpResponseState& res(const Value& self) { return stateOf<HttpResponseState>(self); }

void accountFor(Interp& vm, const Value& self) {
  const CalloutResponse& r = res(self).response;
  vm.resized(self.asObj(), 64 + r.body.size() + r.headers.byteSize());
}

// Apex Reference: HttpResponse Class — HttpResponse() (for mocks)
Value construct(Interp& vm, Value*, int) {
  return vm.makeNativeInstance("System.HttpResponse", std::make_unique<HttpResponseState>(), 64);
}

// Apex Reference: HttpResponse Class — getBody(), getBodyAsBlob(): a gzip
// response arrives already decoded.
Value getBody(Interp& vm, Value* args, int) { return bodyText(vm, res(args[0]).bodySet, res(args[0]).response.body); }
Value getBodyAsBlob(Interp& vm, Value* args, int) {
  return bodyBlob(vm, res(args[0]).bodySet, res(args[0]).response.body);
}
Value setBody(Interp& vm, Value* args, int) {
  HttpResponseState& s = res(args[0]);
  s.bodySet = putBody(s.response.body, args[1], false);
  accountFor(vm, args[0]);
  return Value();
}
Value setBodyAsBlob(Interp& vm, Value* args, int) {
  HttpResponseState& s = res(args[0]);
  s.bodySet = putBody(s.response.body, args[1], true);
  accountFor(vm, args[0]);
  return Value();
}

// Apex Reference: HttpResponse Class — getHeader(key) (case-insensitive),
// getHeaderKeys(), setHeader(key, value)
Value getHeader(Interp& vm, Value* args, int) { return headerValue(vm, res(args[0]).response.headers, args[1]); }
// Each name once, in the order first received; linear in the number of
// fields, which a server chooses.
Value getHeaderKeys(Interp& vm, Value* args, int) {
  std::vector<Value> keys;
  std::unordered_set<std::string> seen;  // lower-cased
  for (const auto& [name, value] : res(args[0]).response.headers.fields()) {
    if (seen.insert(text::toLowerCase(name)).second) keys.push_back(vm.makeString(name));
  }
  return vm.makeList(vm.types().list(vm.types().string()), std::move(keys));
}
Value setHeader(Interp& vm, Value* args, int) {
  putHeader(vm, res(args[0]).response.headers, args[1], args[2]);
  accountFor(vm, args[0]);
  return Value();
}

// Apex Reference: HttpResponse Class — getStatus(), getStatusCode(),
// setStatus(status), setStatusCode(statusCode)
Value getStatus(Interp& vm, Value* args, int) {
  const HttpResponseState& s = res(args[0]);
  return s.statusSet ? vm.makeString(s.response.status) : Value();
}
Value getStatusCode(Interp&, Value* args, int) { return integer(res(args[0]).response.statusCode); }
Value setStatus(Interp&, Value* args, int) {
  HttpResponseState& s = res(args[0]);
  s.statusSet = !args[1].isNull();
  s.response.status = s.statusSet ? str(args[1]) : "";
  return Value();
}
Value setStatusCode(Interp& vm, Value* args, int) {
  res(args[0]).response.statusCode = intArg(vm, args[1]);
  return Value();
}

Value toString(Interp& vm, Value* args, int) { return vm.makeString(res(args[0]).toString()); }

const sema::NativeDef kNatives[] = {
    {"HttpResponse", "new()", &construct},
    {"HttpResponse", "String getBody()", &getBody},
    {"HttpResponse", "Blob getBodyAsBlob()", &getBodyAsBlob},
    {"HttpResponse", "void setBody(String)", &setBody},
    {"HttpResponse", "void setBodyAsBlob(Blob)", &setBodyAsBlob},
    {"HttpResponse", "String getHeader(String)", &getHeader},
    {"HttpResponse", "List<String> getHeaderKeys()", &getHeaderKeys},
    {"HttpResponse", "void setHeader(String, String)", &setHeader},
    {"HttpResponse", "String getStatus()", &getStatus},
    {"HttpResponse", "Integer getStatusCode()", &getStatusCode},
    {"HttpResponse", "void setStatus(String)", &setStatus},
    {"HttpResponse", "void setStatusCode(Integer)", &setStatusCode},
    {"HttpResponse", "String toString()", &toString},
};

}  // namespace

std::span<const sema::NativeDef> httpResponseNatives() { return kNatives; }

}  // namespace apex::stdlib
