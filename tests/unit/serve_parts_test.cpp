// Unit tests for the parts of `apexrun serve` and `run --explain` that need
// no server: Apex REST URL matching and the HttpRequest hints.
#include <catch2/catch.hpp>

#include "runtime/serve/rest_resources.h"
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
