// Governor limits (Apex Developer Guide: "Execution Governors and Limits").
//
// kLimitTable is the one list of them: the Limits class's methods, the
// debug log's CUMULATIVE_LIMIT_USAGE block and the limit exceptions all read
// it. Adding a limit is one row here (and, when Apex code uses it up, a
// count where that happens).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace apex::interp {

enum class Limit : uint8_t {
  SoqlQueries, QueryRows, SoslQueries, DmlStatements, PublishImmediateDml, DmlRows, CpuTime, HeapSize, Callouts,
  EmailInvocations, FutureCalls, QueueableJobs, MobilePushApexCalls, AggregateQueries, AsyncCalls,
  QueryLocatorRows, StackDepth, CalloutTime,
};

struct LimitSpec {
  Limit limit;
  // `Queries` gives Limits.getQueries() and Limits.getLimitQueries(); empty:
  // the Limits class does not report it.
  std::string_view limitsMethod;
  // The line in the debug log's CUMULATIVE_LIMIT_USAGE block; empty: not logged.
  std::string_view logLabel;
  int64_t synchronous;
  int64_t asynchronous;
  // The exception's message when the limit is exceeded; `{}` stands for
  // the number that went over (limitExceeded).
  std::string_view exceeded;
};

// In the order of the debug log's block, then the limits it does not show.
inline constexpr LimitSpec kLimitTable[] = {
    {Limit::SoqlQueries, "Queries", "Number of SOQL queries", 100, 200, "Too many SOQL queries: {}"},
    {Limit::QueryRows, "QueryRows", "Number of query rows", 50000, 50000, "Too many query rows: {}"},
    {Limit::SoslQueries, "SoslQueries", "Number of SOSL queries", 20, 20, "Too many SOSL queries: {}"},
    {Limit::DmlStatements, "DmlStatements", "Number of DML statements", 150, 150, "Too many DML statements: {}"},
    {Limit::PublishImmediateDml, "PublishImmediateDML", "Number of Publish Immediate DML", 150, 150,
     "Too many Publish Immediate DML: {}"},
    {Limit::DmlRows, "DmlRows", "Number of DML rows", 10000, 10000, "Too many DML rows: {}"},
    {Limit::CpuTime, "CpuTime", "Maximum CPU time", 10000, 60000, "Apex CPU time limit exceeded"},
    {Limit::HeapSize, "HeapSize", "Maximum heap size", 6000000, 12000000, "Apex heap size too large: {}"},
    {Limit::Callouts, "Callouts", "Number of callouts", 100, 100, "Too many callouts: {}"},
    {Limit::EmailInvocations, "EmailInvocations", "Number of Email Invocations", 10, 10,
     "Too many Email Invocations: {}"},
    {Limit::FutureCalls, "FutureCalls", "Number of future calls", 50, 50, "Too many future calls: {}"},
    {Limit::QueueableJobs, "QueueableJobs", "Number of queueable jobs added to the queue", 50, 1,
     "Too many queueable jobs added to the queue: {}"},
    {Limit::MobilePushApexCalls, "MobilePushApexCalls", "Number of Mobile Apex push calls", 10, 10,
     "Too many Mobile Apex push calls: {}"},
    {Limit::AggregateQueries, "AggregateQueries", "", 300, 300, "Too many aggregate queries: {}"},
    {Limit::AsyncCalls, "AsyncCalls", "", 200, 200, "Too many async calls: {}"},
    {Limit::QueryLocatorRows, "QueryLocatorRows", "", 10000, 10000, "Too many query locator rows: {}"},
    {Limit::StackDepth, "", "", 1000, 1000, "Maximum stack depth reached: {}"},
    // Cumulative wall time of a transaction's callouts, in milliseconds; a
    // CalloutException, not a LimitException.
    {Limit::CalloutTime, "", "", 120000, 120000, "Exceeded maximum time allotted for callout ({} ms)"},
};

inline constexpr size_t kLimitCount = std::size(kLimitTable);

constexpr const LimitSpec& limitSpec(Limit limit) { return kLimitTable[size_t(limit)]; }

static_assert([] {
  for (size_t i = 0; i < kLimitCount; ++i)
    if (size_t(kLimitTable[i].limit) != i) return false;
  return true;
}(), "kLimitTable is in the order of enum Limit");

// The limit's exception message with `value` in place of `{}`.
std::string limitExceeded(Limit limit, int64_t value);

// How much of each limit a transaction used (the debug log's block).
using LimitUsage = std::array<int64_t, kLimitCount>;

// The counters of one transaction (or of the code between Test.startTest
// and Test.stopTest). CPU time is measured, the others counted where Apex
// uses them up; the heap is measured by the Heap.
class Limits {
 public:
  // An asynchronous transaction (a queueable, future, batch or scheduled
  // job) has the table's asynchronous maxima.
  explicit Limits(bool asynchronous = false) : asynchronous_(asynchronous) { start(); }

  void start() { cpuStartNanos_ = threadCpuNanos(); }

  // The maximum of `limit` for this transaction.
  int64_t max(Limit limit) const {
    return asynchronous_ ? limitSpec(limit).asynchronous : limitSpec(limit).synchronous;
  }
  bool asynchronous() const { return asynchronous_; }

  int64_t count(Limit limit) const { return counts_[size_t(limit)]; }
  void add(Limit limit, int64_t amount = 1) { counts_[size_t(limit)] += amount; }

  // Cheap enough for every loop iteration and call: reads the clock only
  // once every 4096 ticks. True when the CPU limit is exceeded.
  bool tickExceedsCpu() {
    if ((++ticks_ & 0xFFF) != 0) return false;
    return cpuMillisUsed() > max(Limit::CpuTime);
  }

  int64_t cpuMillisUsed() const { return cpuNanosUsed() / 1000000; }
  int64_t cpuNanosUsed() const { return threadCpuNanos() - cpuStartNanos_; }
  // Leaves out CPU time another set of limits counted (Test.startTest).
  void discountCpu(int64_t nanos) { cpuStartNanos_ += nanos; }

 private:
  static int64_t threadCpuNanos() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
  }

  std::array<int64_t, kLimitCount> counts_{};
  bool asynchronous_ = false;
  int64_t cpuStartNanos_ = 0;
  uint32_t ticks_ = 0;
};

}  // namespace apex::interp
