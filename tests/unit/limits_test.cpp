// The governor-limits table: its messages, and the debug log's block read from it.
#include <catch2/catch.hpp>

#include "interp/limits.h"
#include "runtime/log/debuglog.h"

using apex::interp::Limit;
using apex::interp::LimitUsage;
using apex::interp::limitExceeded;
using apex::interp::limitSpec;

TEST_CASE("limit exceptions say what went over, as Salesforce words them", "[limits]") {
  CHECK(limitExceeded(Limit::Callouts, limitSpec(Limit::Callouts).synchronous + 1) == "Too many callouts: 101");
  CHECK(limitExceeded(Limit::SoqlQueries, 101) == "Too many SOQL queries: 101");
  CHECK(limitExceeded(Limit::DmlStatements, 151) == "Too many DML statements: 151");
  CHECK(limitExceeded(Limit::StackDepth, 1001) == "Maximum stack depth reached: 1001");
  CHECK(limitExceeded(Limit::CpuTime, 10001) == "Apex CPU time limit exceeded");
  CHECK(limitExceeded(Limit::HeapSize, 6000123) == "Apex heap size too large: 6000123");
  CHECK(limitExceeded(Limit::CalloutTime, 120000) == "Exceeded maximum time allotted for callout (120000 ms)");
}

TEST_CASE("a new transaction's counters start at zero and count", "[limits]") {
  apex::interp::Limits limits;
  CHECK(limits.count(Limit::Callouts) == 0);
  limits.add(Limit::Callouts);
  limits.add(Limit::CalloutTime, 250);
  CHECK(limits.count(Limit::Callouts) == 1);
  CHECK(limits.count(Limit::CalloutTime) == 250);
  CHECK(limits.max(Limit::Callouts) == 100);
}

TEST_CASE("the debug log's CUMULATIVE_LIMIT_USAGE block lists the logged limits in order", "[limits][log]") {
  apex::runtime::DebugLog log;
  LimitUsage usage{};
  usage[size_t(Limit::CpuTime)] = 12;
  usage[size_t(Limit::HeapSize)] = 3456;
  usage[size_t(Limit::Callouts)] = 2;
  log.finish(usage);
  const std::string& text = log.text();
  CHECK(text.find("  Number of SOQL queries: 0 out of 100\n"
                  "  Number of query rows: 0 out of 50000\n"
                  "  Number of SOSL queries: 0 out of 20\n"
                  "  Number of DML statements: 0 out of 150\n"
                  "  Number of Publish Immediate DML: 0 out of 150\n"
                  "  Number of DML rows: 0 out of 10000\n"
                  "  Maximum CPU time: 12 out of 10000\n"
                  "  Maximum heap size: 3456 out of 6000000\n"
                  "  Number of callouts: 2 out of 100\n"
                  "  Number of Email Invocations: 0 out of 10\n"
                  "  Number of future calls: 0 out of 50\n"
                  "  Number of queueable jobs added to the queue: 0 out of 50\n"
                  "  Number of Mobile Apex push calls: 0 out of 10\n\n") != std::string::npos);
  CHECK(text.find("Maximum stack depth") == std::string::npos);
}
