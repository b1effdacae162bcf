#include "stdlib/apex_rest.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "stdlib/json_values.h"
#include "stdlib/native.h"

namespace apex::stdlib::rest {
namespace {

constexpr const char* kJson = "application/json;charset=UTF-8";

Value stringMap(Interp& vm, const Fields& fields) {
  const sema::Type* type = vm.types().map(vm.types().string(), vm.types().string());
  Value map = vm.makeMap(type);
  auto* m = mapOf(map);
  for (const auto& [name, value] : fields) m->table.put(vm.makeString(name), vm.makeString(value));
  vm.resized(map.asObj(), tableBytes(m->table.size(), true));
  return map;
}

// Apex Reference: RestRequest Class — the fields the platform fills.
Value makeRestRequest(Interp& vm, const Request& request) {
  const sema::ClassSymbol& cls = systemClass(vm, "RestRequest");
  Value req = vm.newInstance(cls, nullptr, true);
  vm.writeField(req, fieldOf(cls, "headers"), stringMap(vm, request.headers));
  vm.writeField(req, fieldOf(cls, "params"), stringMap(vm, request.params));
  vm.writeField(req, fieldOf(cls, "httpMethod"), vm.makeString(request.httpMethod));
  vm.writeField(req, fieldOf(cls, "remoteAddress"), vm.makeString(request.remoteAddress));
  vm.writeField(req, fieldOf(cls, "requestURI"), vm.makeString(request.requestURI));
  vm.writeField(req, fieldOf(cls, "resourcePath"), vm.makeString(request.resourcePath));
  vm.writeField(req, fieldOf(cls, "requestBody"), vm.makeBlob(request.body));
  return req;
}

// Apex Developer Guide, "Exposing Data with Apex REST Web Service Methods":
// the body's fields bind to the parameters of the same name; a parameter
// the body leaves out is null.
std::vector<Value> bindParameters(Interp& vm, const sema::MethodSymbol& method, const std::string& body) {
  std::vector<Value> args(method.params.size());
  if (method.params.empty()) return args;
  const std::vector<ast::Param>& params = method.decl->params;
  json::Reader r(body);
  json::Token t = r.next();
  if (t == json::Token::None) return args;
  if (t != json::Token::StartObject) r.fail("Expected a JSON object for the method's parameters");
  std::vector<bool> seen(args.size());
  while ((t = r.next()) == json::Token::FieldName) {
    std::string name = r.text();
    r.next();
    size_t i = 0;
    while (i < params.size() && text::foldCase(params[i].name) != text::foldCase(name)) ++i;
    if (i == params.size()) {
      r.skipChildren();
      continue;
    }
    if (seen[i]) r.fail("Duplicate field: " + name);
    seen[i] = true;
    args[i] = json::readTyped(vm, r, method.params[i], false);
  }
  return args;
}

std::string serialized(Interp& vm, const Value& v) {
  json::Writer w(false);
  json::writeValue(vm, w, v, true);
  return w.text();
}

// What RestContext.response holds after the method: a void method's body
// and the status code and headers any method set.
void readRestResponse(Interp& vm, const Value& res, Response& out, bool useBody) {
  if (res.isNull()) return;
  const sema::ClassSymbol& cls = systemClass(vm, "RestResponse");
  Value status = vm.readField(res, fieldOf(cls, "statusCode"));
  if (!status.isNull()) out.status = status.asInt();
  Value headers = vm.readField(res, fieldOf(cls, "headers"));
  if (!headers.isNull()) {
    const auto& table = mapOf(headers)->table;
    for (size_t i = 0; i < table.size(); ++i) {
      if (table.keys()[i].isNull()) continue;
      const Value& value = table.values()[i];
      out.headers.emplace_back(str(table.keys()[i]), value.isNull() ? "" : str(value));
    }
  }
  Value body = vm.readField(res, fieldOf(cls, "responseBody"));
  if (useBody && !body.isNull()) out.body = body.as<interp::BlobObj>()->bytes;
}

}  // namespace

std::string errorBody(std::string_view errorCode, std::string_view message) {
  nlohmann::ordered_json error = {{"errorCode", errorCode}, {"message", message}};
  // Well-formed UTF-8: a message may quote a request's invalid bytes.
  return nlohmann::ordered_json::array({error}).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Response invoke(Interp& vm, const sema::MethodSymbol& method, const Request& request) {
  const sema::ClassSymbol& context = systemClass(vm, "RestContext");
  Value req = makeRestRequest(vm, request);
  Value res = vm.newInstance(systemClass(vm, "RestResponse"), nullptr, true);
  vm.writeStatic(fieldOf(context, "request"), req);
  vm.writeStatic(fieldOf(context, "response"), res);

  Response out;
  std::vector<Value> args;
  auto badBody = [&out](std::string message) {
    out.status = 400;
    out.body = errorBody("JSON_PARSER_ERROR", message);
    out.headers.emplace_back("Content-Type", kJson);
    return out;
  };
  try {
    args = bindParameters(vm, method, request.body);
  } catch (const json::Error& e) {
    return badBody(e.what());
  } catch (const interp::ApexThrow& thrown) {
    return badBody(vm.describeException(thrown.exception));
  }
  Value result = vm.runEntryPoint(method, args.data(), int(args.size()));
  bool isVoid = method.returnType->kind == sema::TypeKind::Void;
  // Apex Developer Guide: a void PATCH answers 204 unless the method sets
  // a status code.
  if (isVoid && request.httpMethod == "PATCH") out.status = 204;
  readRestResponse(vm, vm.readStatic(fieldOf(context, "response")), out, isVoid);
  if (!isVoid) {
    out.body = serialized(vm, result);
    bool typed = std::any_of(out.headers.begin(), out.headers.end(),
                             [](const auto& h) { return text::foldCase(h.first) == "content-type"; });
    if (!typed) out.headers.emplace_back("Content-Type", kJson);
  }
  return out;
}

}  // namespace apex::stdlib::rest
