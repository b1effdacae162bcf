#include "runtime/serve/tooling_api.h"

#include <pugixml.hpp>

#include <chrono>
#include <sstream>

#include "base/text.h"
#include "runtime/serve/rest_errors.h"
#include "runtime/testing/project_tests.h"
#include "runtime/testing/test_suites.h"

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

RestAnswer soapAnswer(int status, const pugi::xml_document& doc) { return {status, xmlText(doc), {}, ""}; }

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

// ---- the Tooling API's test runner (Tooling API, "runTestsSynchronous",
// "runTestsAsynchronous")

// What a runTests request asks for: the classes and Class.method names
// `selectTests` takes, or every test class.
struct TestRequest {
  std::vector<std::string> classNames;
  std::vector<std::string> methods;
  bool allTests = false;
  bool skipCoverage = false;
};

std::vector<std::string> commaList(const Json& value) {
  std::vector<std::string> out;
  if (!value.is_string()) return out;
  for (const std::string& item : text::split(value.get<std::string>(), ','))
    if (!text::trimJava(item).empty()) out.emplace_back(text::trimJava(item));
  return out;
}

// The name of the test class whose ApexClass Id is `id` (15 or 18 characters).
std::optional<std::string> classNamed(const std::vector<TestClass>& tests, const std::string& id) {
  for (const TestClass& test : tests)
    if (id.size() >= 15 && apexClassId(test.cls->name).compare(0, 15, id, 0, 15) == 0) return test.cls->name;
  return std::nullopt;
}

// The request's body: `tests` ([{className or classId, testMethods}]),
// `classNames` or `classids` or `suiteNames` (comma-separated), `testLevel`,
// `skipCodeCoverage`. A suite is the project's testSuites/NAME.testSuite-meta.xml.
std::variant<TestRequest, RestAnswer> testRequestOf(const std::string& body, const std::vector<TestClass>& tests,
                                                    const Project* project) {
  Json json = Json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return errorAnswer(400, "JSON_PARSER_ERROR", "The request body is not a JSON object");
  TestRequest request;
  request.skipCoverage = json.contains("skipCodeCoverage") && json["skipCodeCoverage"] == true;
  if (!commaList(json.value("suiteids", Json())).empty())
    return errorAnswer(400, "INVALID_INPUT", "apexrun serve takes test suites by name (suiteNames), not by Id");
  auto addClass = [&](const std::string& name, const Json& methods) {
    if (!methods.is_array() || methods.empty()) return request.classNames.push_back(name);
    for (const Json& method : methods)
      if (method.is_string()) request.methods.push_back(name + "." + method.get<std::string>());
  };
  std::vector<std::string> unknownIds;
  auto addId = [&](const std::string& id, const Json& methods) {
    if (auto name = classNamed(tests, id)) addClass(*name, methods);
    else unknownIds.push_back(id);
  };
  for (const Json& item : json.contains("tests") && json["tests"].is_array() ? json["tests"] : Json::array()) {
    if (!item.is_object()) continue;
    Json methods = item.value("testMethods", Json());
    if (item.contains("className") && item["className"].is_string())
      addClass(item["className"].get<std::string>(), methods);
    else if (item.contains("classId") && item["classId"].is_string())
      addId(item["classId"].get<std::string>(), methods);
  }
  for (const std::string& name : commaList(json.value("classNames", Json()))) addClass(name, Json());
  for (const std::string& id : commaList(json.value("classids", Json()))) addId(id, Json());
  if (std::vector<std::string> suites = commaList(json.value("suiteNames", Json())); !suites.empty()) {
    if (!project) return errorAnswer(400, "INVALID_INPUT", "A folder of classes has no test suites");
    auto classes = suiteTestClasses(*project, suites);
    if (auto* problem = std::get_if<std::string>(&classes)) return errorAnswer(400, "INVALID_INPUT", *problem);
    for (const std::string& name : std::get<std::vector<std::string>>(classes)) addClass(name, Json());
  }
  if (!unknownIds.empty()) return errorAnswer(400, "INVALID_INPUT", "No test class has the Id " + unknownIds.front());
  std::string level = json.contains("testLevel") && json["testLevel"].is_string() ? json["testLevel"].get<std::string>() : "";
  bool named = !request.classNames.empty() || !request.methods.empty();
  request.allTests = !named && (level == "RunLocalTests" || level == "RunAllTestsInOrg");
  if (!named && !request.allTests)
    return errorAnswer(400, "INVALID_INPUT", "Name the tests to run (tests, classNames or classids), or give testLevel "
                                             "RunLocalTests or RunAllTestsInOrg");
  return request;
}

Json testTime(const TestResult& t) { return double(t.runTime.count()) / 1000.0; }

// RunTestsResult (Apex API, "RunTestsResult"): successes, failures and
// each class's coverage.
Json runTestsResult(const TestRun& run) {
  Json successes = Json::array(), failures = Json::array(), coverage = Json::array();
  for (const TestResult& t : run.tests) {
    Json item = {{"id", apexClassId(t.className)}, {"methodName", t.methodName}, {"name", t.className},
                 {"namespace", nullptr}, {"seeAllData", false}, {"time", testTime(t)}};
    if (t.outcome == TestOutcome::Pass) {
      successes.push_back(std::move(item));
      continue;
    }
    item["message"] = t.message;
    item["stackTrace"] = t.stackTrace.empty() ? Json() : Json(t.stackTrace);
    item["type"] = "Class";
    failures.push_back(std::move(item));
  }
  for (const ClassCoverage& c : run.coverage.value_or(std::vector<ClassCoverage>{})) {
    Json notCovered = Json::array();
    for (int line : c.uncoveredLines)
      notCovered.push_back({{"column", 0}, {"line", line}, {"numExecutions", 0}, {"time", -1.0}});
    coverage.push_back({{"id", c.isTrigger ? apexTriggerId(c.name) : apexClassId(c.name)},
                        {"locationsNotCovered", notCovered},
                        {"name", c.name},
                        {"namespace", nullptr},
                        {"numLocations", c.totalLines()},
                        {"numLocationsNotCovered", c.uncoveredLines.size()},
                        {"type", c.isTrigger ? "Trigger" : "Class"}});
  }
  return {{"apexLogId", nullptr},         {"codeCoverage", coverage},    {"codeCoverageWarnings", Json::array()},
          {"failures", failures},         {"flowCoverage", Json::array()}, {"flowCoverageWarnings", Json::array()},
          {"numFailures", failures.size()}, {"numTestsRun", run.tests.size()}, {"successes", successes},
          {"totalTime", double(run.totalMillis)}};
}

// The API's Coverage type is an object; the records keep its JSON text.
RestAnswer withCoverageObjects(RestAnswer answer) {
  if (answer.status != 200) return answer;
  Json body = Json::parse(answer.body, nullptr, false);
  if (body.is_discarded() || !body.contains("records")) return answer;
  for (Json& record : body["records"])
    if (record.contains("Coverage") && record["Coverage"].is_string())
      record["Coverage"] = Json::parse(record["Coverage"].get<std::string>(), nullptr, false);
  return jsonAnswer(200, body);
}

std::vector<std::string> segmentsOf(const std::string& path) {
  std::vector<std::string> out;
  for (const std::string& s : text::split(path, '/'))
    if (!s.empty()) out.push_back(s);
  return out;
}

RestAnswer notAllowed(const std::string& method, const char* allowed) {
  return errorAnswer(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed. Allowed are " + allowed);
}

int64_t millisSinceEpoch() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ToolingApi::ToolingApi(sema::Program& program, ProjectFiles files, RecordStore& records,
                       std::recursive_mutex& recordsInUse, const UserContext& user, std::string apiVersion)
    : program_(program),
      files_(files),
      records_(records),
      recordsInUse_(recordsInUse),
      user_(user),
      apiVersion_(std::move(apiVersion)),
      tooling_(user) {
  if (!files_.classes) return;
  tests_ = discoverTests(program_, files_.classes->compiledClasses(program_));
  tooling_.addProjectCode(program_, *files_.classes);
}

AnonymousOutcome ToolingApi::run(const std::string& source) {
  AnonymousOrg org;
  org.classes = program_.classSource;
  org.schema = program_.schema;
  org.config = program_.orgConfig;
  org.services.user = &user_;
  org.services.apiVersion = apiVersion_;
  org.records = [this](const sema::Program&) -> RecordStore& { return records_; };
  std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
  return executeAnonymous(source, org);
}

bool ToolingApi::isLogBody(const std::string& path) {
  std::vector<std::string> segments = segmentsOf(path);
  return segments.size() == 4 && segments[0] == "sobjects" && segments[1] == "ApexLog" && segments[3] == "Body";
}

RestAnswer ToolingApi::handle(const RestCall& call) {
  std::vector<std::string> segments = segmentsOf(std::string(text::trimJava(call.path)));
  const std::string resource = segments.empty() ? "" : segments[0];
  if (isLogBody(call.path)) return call.method == "GET" ? logBody(segments[2]) : notAllowed(call.method, "GET");
  if (resource == "runTestsSynchronous" || resource == "runTestsAsynchronous") {
    if (segments.size() != 1) return notFoundAnswer();
    if (call.method != "POST") return notAllowed(call.method, "POST");
    return runTests(call, resource == "runTestsSynchronous");
  }
  if (resource == "query" || resource == "queryAll" || resource == "sobjects") {
    if (call.method != "GET") return notAllowed(call.method, "GET");
    return withCoverageObjects(tooling_.api().handle(call));
  }
  if (resource != "executeAnonymous" || segments.size() != 1) return notFoundAnswer();
  if (call.method != "GET") return notAllowed(call.method, "GET");
  auto body = call.params.find("anonymousBody");
  if (body == call.params.end())
    return errorAnswer(400, "MISSING_ARGUMENT", "anonymousBody: the Apex to run is missing");
  return jsonAnswer(200, resultJson(run(body->second)));
}

// Tooling API, "ApexLog": `/sobjects/ApexLog/<id>/Body`, the raw log.
RestAnswer ToolingApi::logBody(const std::string& id) {
  std::optional<std::string> body = tooling_.logBody(id);
  if (!body) return notFoundAnswer();
  return {200, *body, {}, "text/plain; charset=UTF-8"};
}

RestAnswer ToolingApi::runTests(const RestCall& call, bool synchronous) {
  auto request = testRequestOf(call.body, tests_, files_.project);
  if (auto* refused = std::get_if<RestAnswer>(&request)) return *refused;
  const TestRequest& wanted = std::get<TestRequest>(request);
  auto selected = selectTests(tests_, wanted.classNames, wanted.methods);
  if (auto* problem = std::get_if<std::string>(&selected)) return errorAnswer(400, "INVALID_INPUT", *problem);
  TestEnvironment environment;
  environment.services.user = &user_;
  environment.services.staticResources = files_.staticResources;
  environment.services.apiVersion = apiVersion_;
  environment.org = &records_;
  ToolingTestRun test;
  test.classes = std::move(std::get<std::vector<TestClass>>(selected));
  test.allTests = wanted.allTests;
  test.skipCoverage = wanted.skipCoverage;
  {
    std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
    test.run = runProjectTests(program_, *files_.classes, test.classes, environment, !wanted.skipCoverage);
  }
  std::string job = tooling_.addTestRun(test);
  if (synchronous) return jsonAnswer(200, runTestsResult(test.run));
  return jsonAnswer(200, Json(job));
}

RestAnswer ToolingApi::soap(const std::string& path, const std::string& envelope, const std::string& bearerToken,
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
  // The block is the call's one part: `<String>` in the WSDL, `<apexcode>`
  // as the Salesforce CLI names it.
  pugi::xml_node source = call.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; });
  bool debugging = bool(findLocal(request, "DebuggingHeader"));
  int64_t start = millisSinceEpoch();
  AnonymousOutcome out = run(source.text().get());
  // The log the DebuggingHeader asked for is kept, as an org with a trace
  // flag on the user keeps it, for `sf apex list log` and `get log`.
  if (debugging && out.compiled) {
    KeptLog log;
    log.operation = path;
    log.status = out.success ? "Success" : out.exceptionMessage;
    log.body = out.log;
    log.startMillis = start;
    log.durationMillis = millisSinceEpoch() - start;
    tooling_.addLog(log);
  }
  return soapResult(out, debugging);
}

}  // namespace apex::runtime
