// The interpreter through its library API: what golden tests cannot pin
// down exactly (a heap figure that varies) or reach (the log's structure).
#include <catch2/catch.hpp>

#include <chrono>

#include "interp/interp.h"
#include "runtime/log/debuglog.h"
#include "sema/program.h"
#include "stdlib/registry.h"
#include "syntax/parser.h"

using namespace apex;

namespace {

struct Run {
  std::vector<std::string> debug;
  std::string exception;  // `Type: message`, empty when none escaped
  std::string log;
};

Run run(const std::string& source, interp::CalloutPort* callouts = nullptr) {
  Run out;
  syntax::ParseResult parsed = syntax::parse(source, ast::CompilationUnit::Kind::Anonymous, "test");
  REQUIRE(parsed.errors.empty());
  sema::Program program(stdlib::standardLibrary());
  REQUIRE_FALSE(sema::resolveAnonymous(program, *parsed.unit->anonymous));
  runtime::DebugLog log;
  log.onUserDebug([&](std::string_view m) { out.debug.emplace_back(m); });
  log.beginAnonymous(source);
  {
    interp::Interp vm(program, log);
    vm.setCallouts(callouts);
    try {
      vm.runAnonymous();
    } catch (const interp::ApexThrow& thrown) {
      const auto* e = thrown.exception.as<interp::InstanceObj>();
      out.exception = e->cls->qualifiedName + ": " + vm.stringValueOf(e->exception->message);
    }
    log.finish(vm.cumulativeUsage());
  }
  out.log = log.text();
  return out;
}

// Answers every callout with one response.
class CannedCallouts : public interp::CalloutPort {
 public:
  explicit CannedCallouts(CalloutResponse response) : response_(std::move(response)) {}
  interp::CalloutResult send(const CalloutRequest&, int, int, long long* elapsedMillis) override {
    *elapsedMillis = 0;
    return response_;
  }
  std::string maskSecrets(std::string_view text) const override { return std::string(text); }

 private:
  CalloutResponse response_;
};

}  // namespace

TEST_CASE("the heap limit stops a transaction and cannot be caught", "[interp][limits]") {
  Run r = run(
      "List<String> keep = new List<String>();\n"
      "try {\n"
      "  String chunk = 'x'.repeat(100000);\n"
      "  while (true) { keep.add(chunk + keep.size()); }\n"
      "} catch (Exception e) {\n"
      "  System.debug('caught');\n"
      "}\n");
  CHECK(r.debug.empty());
  REQUIRE_THAT(r.exception, Catch::StartsWith("System.LimitException: Apex heap size too large: "));
  long reported = std::stol(r.exception.substr(r.exception.rfind(' ') + 1));
  CHECK(reported > 6000000);
}

TEST_CASE("System.debug messages reach the sink and the log in order", "[interp][log]") {
  Run r = run("System.debug('one');\nSystem.debug(LoggingLevel.WARN, 2);\nSystem.debug(LoggingLevel.FINE, 'hidden');");
  CHECK(r.debug == std::vector<std::string>{"one", "2"});
  CHECK_THAT(r.log, Catch::Contains("|USER_DEBUG|[1]|DEBUG|one\n"));
  CHECK_THAT(r.log, Catch::Contains("|USER_DEBUG|[2]|WARN|2\n"));
  CHECK_THAT(r.log, !Catch::Contains("|FINE|hidden"));
}

TEST_CASE("the log has Salesforce's header, source echo and closing events", "[interp][log]") {
  Run r = run("Integer x = 1;\nSystem.debug(x);");
  CHECK_THAT(r.log, Catch::StartsWith("62.0 APEX_CODE,DEBUG;APEX_PROFILING,INFO;CALLOUT,INFO;DB,INFO;SYSTEM,DEBUG;"
                                      "VALIDATION,INFO;VISUALFORCE,INFO;WORKFLOW,INFO\n"
                                      "Execute Anonymous: Integer x = 1;\n"
                                      "Execute Anonymous: System.debug(x);\n"));
  CHECK_THAT(r.log, Catch::Contains("|CODE_UNIT_STARTED|[EXTERNAL]|execute_anonymous_apex\n"));
  CHECK_THAT(r.log, Catch::Contains("  Number of callouts: 0 out of 100\n"));
  CHECK_THAT(r.log, Catch::EndsWith("|EXECUTION_FINISHED\n"));
}

TEST_CASE("an uncaught exception is logged where it was thrown", "[interp][log]") {
  Run r = run("List<Integer> l = new List<Integer>();\nInteger i = l[5];");
  CHECK(r.exception == "System.ListException: List index out of bounds: 5");
  CHECK_THAT(r.log, Catch::Contains("|EXCEPTION_THROWN|[2]|System.ListException: List index out of bounds: 5\n"));
}

TEST_CASE("cycles between objects are freed at the end of the transaction", "[interp][heap]") {
  // Run under the sanitizer build, LeakSanitizer checks that nothing is left.
  Run r = run(
      "class Node { Node next; }\n"
      "Node a = new Node();\nNode b = new Node();\n"
      "a.next = b;\nb.next = a;\n"
      "System.debug(a.next.next === a);");
  CHECK(r.debug == std::vector<std::string>{"true"});
}

TEST_CASE("getHeaderKeys is linear in the number of header fields a server sends", "[interp][callout]") {
  CalloutResponse response;
  response.statusCode = 200;
  for (int i = 0; i < 100000; ++i) response.headers.add("X-Field-" + std::to_string(i), "v");
  response.headers.add("x-field-7", "a repeated name");
  CannedCallouts callouts(std::move(response));
  auto started = std::chrono::steady_clock::now();
  Run r = run(
      "HttpRequest req = new HttpRequest();\n"
      "req.setEndpoint('http://example.com/');\n"
      "req.setMethod('GET');\n"
      "System.debug(new Http().send(req).getHeaderKeys().size());\n",
      &callouts);
  CHECK(r.exception.empty());
  CHECK(r.debug == std::vector<std::string>{"100000"});
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}
