// Unit tests for the parts of `apexrun serve` and `run --explain` that need
// no server: Apex REST URL matching, the Tooling API's records and the
// HttpRequest hints.
#include <catch2/catch.hpp>

#include "runtime/serve/rest_resources.h"
#include "runtime/serve/tooling_records.h"
#include "sema/program.h"
#include "sema/request_hints.h"
#include "stdlib/registry.h"
#include "syntax/parser.h"

using namespace apex;

TEST_CASE("urlMapping: exact paths, a trailing wildcard, a wildcard segment") {
  using runtime::mappingMatches;
  CHECK(mappingMatches("/Accounts", "/Accounts"));
  CHECK_FALSE(mappingMatches("/Accounts", "/Accounts/"));
  CHECK_FALSE(mappingMatches("/Accounts", "/accounts"));
  CHECK(mappingMatches("/Accounts/*", "/Accounts"));
  CHECK(mappingMatches("/Accounts/*", "/Accounts/"));
  CHECK(mappingMatches("/Accounts/*", "/Accounts/001/contacts"));
  CHECK_FALSE(mappingMatches("/Accounts/*", "/AccountsX"));
  CHECK(mappingMatches("/Accounts/*/contacts", "/Accounts/001/contacts"));
  CHECK_FALSE(mappingMatches("/Accounts/*/contacts", "/Accounts/001/cases"));
}

namespace {

// Resolves `source` (an anonymous block) and returns its hints as
// "line: text" strings.
std::vector<std::string> hintsFor(const std::string& source) {
  syntax::ParseResult parsed = syntax::parse(source, ast::CompilationUnit::Kind::Anonymous, "AnonymousBlock");
  REQUIRE(parsed.errors.empty());
  sema::Program program(stdlib::standardLibrary());
  auto error = sema::resolveAnonymous(program, *parsed.unit->anonymous);
  REQUIRE_FALSE(error);
  std::vector<std::string> out;
  for (const auto& hint : sema::explainRequests(*parsed.unit->anonymous))
    out.push_back(std::to_string(hint.line) + ": " + hint.text);
  return out;
}

bool anyContains(const std::vector<std::string>& hints, const std::string& text) {
  for (const std::string& h : hints) {
    if (h.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("run --explain hints: a request sent without endpoint and method, a JSON body never set") {
  auto hints = hintsFor(
      "HttpRequest req = new HttpRequest();\n"
      "req.setHeader('Authorization', 'OAuth {!$Credential.OAuthToken}');\n"
      "String body = '{\"AccountNumber\": \"CD1\"}';\n"
      "HttpResponse res = new Http().send(req);\n");
  REQUIRE(hints.size() == 4);
  CHECK(anyContains(hints, "1: req is sent (line 4) without an endpoint"));
  CHECK(anyContains(hints, "1: req is sent (line 4) without an HTTP method"));
  CHECK(anyContains(hints, "2: the Authorization header is written by hand"));
  CHECK(anyContains(hints, "3: body looks like a JSON request body but is never set on a request"));
  CHECK_FALSE(anyContains(hints, "not valid JSON"));
}

TEST_CASE("run --explain hints: a JSON-looking body that does not parse says where") {
  auto hints = hintsFor("String payload = '{\"a\": 1,' + ' }';\nSystem.debug(payload);\n");
  REQUIRE(hints.size() == 1);
  CHECK(anyContains(hints, "1: payload looks like a JSON request body but is never set"));
  CHECK(anyContains(hints, "it is not valid JSON either (error at character"));
}

TEST_CASE("run --explain hints: a complete request gives no hint") {
  auto hints = hintsFor(
      "String body = '{\"a\": 1}';\n"
      "HttpRequest req = new HttpRequest();\n"
      "req.setEndpoint('callout:Partner/services/apexrest/A');\n"
      "req.setMethod('POST');\n"
      "req.setBody(body);\n"
      "HttpResponse res = new Http().send(req);\n");
  CHECK(hints.empty());
}

TEST_CASE("run --explain hints: a request that is never sent needs no endpoint yet") {
  CHECK(hintsFor("HttpRequest req = new HttpRequest();\nreq.setMethod('GET');\n").empty());
}

TEST_CASE("tooling objects: the catalog parses") {
  sema::CatalogParse parsed = runtime::toolingCatalog();
  CHECK(parsed.errors.empty());
  for (const char* name : {"ApexClass", "ApexTrigger", "ApexLog", "AsyncApexJob", "ApexTestRunResult",
                           "ApexTestQueueItem", "ApexTestResult", "ApexCodeCoverage", "ApexCodeCoverageAggregate",
                           "ApexOrgWideCoverage", "User"})
    CHECK(parsed.schema.object(name));
}

TEST_CASE("LengthWithoutComments: comments out, string literals whole") {
  using runtime::lengthWithoutComments;
  CHECK(lengthWithoutComments("class A {}") == 10);
  CHECK(lengthWithoutComments("class A {} // note") == 11);
  CHECK(lengthWithoutComments("/* a\nb */class A {}") == 10);
  CHECK(lengthWithoutComments("String s = '// not a comment';") == 30);
  CHECK(lengthWithoutComments("String s = 'it\\'s /* kept */';") == 30);
  CHECK(lengthWithoutComments("a /* never closed") == 2);
}

namespace {

// GET `path` (under /services/data/v62.0/tooling/) on `records`, the answer parsed.
nlohmann::json toolingGet(runtime::ToolingRecords& records, const std::string& path,
                          std::map<std::string, std::string> params = {}) {
  runtime::RestCall call{"GET", "62.0", path, std::move(params), "", ""};
  runtime::RestAnswer answer = records.api().handle(call);
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  return nlohmann::json::parse(answer.body);
}

}  // namespace

TEST_CASE("tooling records: a kept log is an ApexLog with its body beside") {
  runtime::UserContext user = runtime::UserContext::defaults();
  runtime::ToolingRecords records(user);
  runtime::KeptLog log;
  log.operation = "/services/Soap/s/62.0";
  log.body = "62.0 APEX_CODE,DEBUG\nhello\n";
  log.startMillis = 1700000000000;
  log.durationMillis = 12;
  std::string id = records.addLog(log);
  CHECK(id.rfind("07L", 0) == 0);
  CHECK(records.logBody(id) == log.body);
  CHECK(records.logBody(id.substr(0, 15)) == log.body);
  CHECK_FALSE(records.logBody("07L000000000099AAA"));
  nlohmann::json found = toolingGet(records, "query",
                                    {{"q", "SELECT Id, LogLength, LogUser.Name, Operation, Request, Status, "
                                           "StartTime, DurationMilliseconds, Location FROM ApexLog"}});
  REQUIRE(found["totalSize"] == 1);
  const nlohmann::json& row = found["records"][0];
  CHECK(row["attributes"]["url"] == "/services/data/v62.0/tooling/sobjects/ApexLog/" + id);
  CHECK(row["LogLength"] == int(log.body.size()));
  CHECK(row["LogUser"]["Name"] == "Apex Runner");
  CHECK(row["Operation"] == "/services/Soap/s/62.0");
  CHECK(row["Request"] == "API");
  CHECK(row["Status"] == "Success");
  CHECK(row["StartTime"] == "2023-11-14T22:13:20.000+0000");
  CHECK(row["DurationMilliseconds"] == 12);
  CHECK(row["Location"] == "Monitoring");
}

TEST_CASE("tooling records: the oldest logs go past the limit") {
  runtime::UserContext user = runtime::UserContext::defaults();
  runtime::ToolingRecords records(user);
  runtime::KeptLog log;
  log.body = "log";
  std::string first = records.addLog(log);
  for (size_t i = 0; i < runtime::ToolingRecords::kMaxLogs; ++i) records.addLog(log);
  CHECK_FALSE(records.logBody(first));
  nlohmann::json found = toolingGet(records, "query", {{"q", "SELECT COUNT() FROM ApexLog"}});
  CHECK(found["totalSize"] == int(runtime::ToolingRecords::kMaxLogs));
}
