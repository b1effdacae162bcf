#include "runtime/serve/tooling_api.h"

#include <pugixml.hpp>

#include <sstream>

#include "base/text.h"
#include "runtime/serve/rest_errors.h"

namespace apex::runtime {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSoapEnvelopeNs = "http://schemas.xmlsoap.org/soap/envelope/";
constexpr const char* kApexNs = "http://soap.sforce.com/2006/08/apex";
constexpr const char* kXsiNs = "http://www.w3.org/2001/XMLSchema-instance";

// ---- the Tooling API's REST resource (Tooling API, "executeAnonymous")

Json resultJson(const AnonymousOutcome& out) {
  auto textOrNull = [](bool present, const std::string& text) { return present ? Json(text) : Json(nullptr); };
  bool threw = out.compiled && !out.success;
  return {{"line", out.line},
          {"column", out.column},
          {"compiled", out.compiled},
          {"success", out.success},
          {"compileProblem", textOrNull(!out.compiled, out.compileProblem)},
          {"exceptionStackTrace", textOrNull(threw, out.exceptionStackTrace)},
          {"exceptionMessage", textOrNull(threw, out.exceptionMessage)}};
}

// ---- the Apex API's SOAP call (Apex API WSDL: executeAnonymous,
// DebuggingHeader, DebuggingInfo)

// The first element under `node`, at any depth, whose name without its
// prefix is `name`: clients pick their own prefixes.
pugi::xml_node findLocal(pugi::xml_node node, std::string_view name) {
  return node.find_node([name](pugi::xml_node n) {
    std::string_view full = n.name();
    size_t colon = full.find(':');
    return n.type() == pugi::node_element && (colon == std::string_view::npos ? full : full.substr(colon + 1)) == name;
  });
}

std::string xmlText(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return out.str();
}

pugi::xml_node newEnvelope(pugi::xml_document& doc) {
  pugi::xml_node envelope = doc.append_child("soapenv:Envelope");
  envelope.append_attribute("xmlns:soapenv") = kSoapEnvelopeNs;
  envelope.append_attribute("xmlns") = kApexNs;
  envelope.append_attribute("xmlns:xsi") = kXsiNs;
  return envelope;
}

RestAnswer soapAnswer(int status, const pugi::xml_document& doc) { return {status, xmlText(doc), {}}; }

// A SOAP fault: `sf:INVALID_SESSION_ID` and the like, or `soapenv:Client`
// for a request that is not an executeAnonymous call.
RestAnswer soapFault(const std::string& code, const std::string& message) {
  pugi::xml_document doc;
  pugi::xml_node envelope = newEnvelope(doc);
  envelope.append_attribute("xmlns:sf") = kApexNs;
  pugi::xml_node fault = envelope.append_child("soapenv:Body").append_child("soapenv:Fault");
  fault.append_child("faultcode").text() = code.c_str();
  fault.append_child("faultstring").text() = message.c_str();
  return soapAnswer(500, doc);
}

void appendField(pugi::xml_node result, const char* name, bool present, const std::string& text) {
  pugi::xml_node field = result.append_child(name);
  if (present) field.text() = text.c_str();
  else field.append_attribute("xsi:nil") = "true";
}

RestAnswer soapResult(const AnonymousOutcome& out, bool withLog) {
  pugi::xml_document doc;
  pugi::xml_node envelope = newEnvelope(doc);
  if (withLog)
    envelope.append_child("soapenv:Header").append_child("DebuggingInfo").append_child("debugLog").text() =
        out.log.c_str();
  pugi::xml_node result =
      envelope.append_child("soapenv:Body").append_child("executeAnonymousResponse").append_child("result");
  bool threw = out.compiled && !out.success;
  result.append_child("column").text() = out.column;
  appendField(result, "compileProblem", !out.compiled, out.compileProblem);
  result.append_child("compiled").text() = out.compiled;
  appendField(result, "exceptionMessage", threw, out.exceptionMessage);
  appendField(result, "exceptionStackTrace", threw, out.exceptionStackTrace);
  result.append_child("line").text() = out.line;
  result.append_child("success").text() = out.success;
  return soapAnswer(200, doc);
}

}  // namespace

ToolingApi::ToolingApi(const sema::Program& program, SqliteStore& records, std::recursive_mutex& recordsInUse,
                       const UserContext& user, std::string apiVersion)
    : program_(program), records_(records), recordsInUse_(recordsInUse), user_(user), apiVersion_(std::move(apiVersion)) {}

AnonymousOutcome ToolingApi::run(const std::string& source) {
  AnonymousOrg org;
  org.classes = program_.classSource;
  org.schema = program_.schema;
  org.config = program_.orgConfig;
  org.services.user = &user_;
  org.services.apiVersion = apiVersion_;
  org.records = [this](const sema::Program&) -> SqliteStore& { return records_; };
  std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
  return executeAnonymous(source, org);
}

RestAnswer ToolingApi::handle(const RestCall& call) {
  std::string path(text::trimJava(call.path));
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path != "executeAnonymous") return notFoundAnswer();
  if (call.method != "GET")
    return errorAnswer(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + call.method + "' not allowed. Allowed are GET");
  auto body = call.params.find("anonymousBody");
  if (body == call.params.end())
    return errorAnswer(400, "MISSING_ARGUMENT", "anonymousBody: the Apex to run is missing");
  return jsonAnswer(200, resultJson(run(body->second)));
}

RestAnswer ToolingApi::soap(const std::string& envelope, const std::string& bearerToken,
                            const SessionCheck& sessionIsLive) {
  pugi::xml_document request;
  if (!request.load_buffer(envelope.data(), envelope.size()))
    return soapFault("soapenv:Client", "The request is not a SOAP envelope");
  pugi::xml_node sessionId = findLocal(request, "sessionId");
  std::string session = sessionId ? sessionId.text().get() : bearerToken;
  if (!sessionIsLive(session))
    return soapFault("sf:INVALID_SESSION_ID", "INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session");
  pugi::xml_node call = findLocal(findLocal(request, "Body"), "executeAnonymous");
  if (!call) return soapFault("soapenv:Client", "No operation available for the request: only executeAnonymous is served");
  pugi::xml_node source = findLocal(call, "String");
  return soapResult(run(source.text().get()), bool(findLocal(request, "DebuggingHeader")));
}

}  // namespace apex::runtime
