// Governor limits of one transaction, as the Apex Developer Guide's
// "Execution Governors and Limits" page gives them for synchronous Apex.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>

namespace apex::interp {

class Limits {
 public:
  static constexpr int kMaxStackDepth = 1000;
  static constexpr int64_t kCpuMillis = 10000;
  static constexpr size_t kHeapBytes = 6000000;
  static constexpr int kCallouts = 100;
  static constexpr int64_t kCalloutMillis = 120000;  // cumulative callout time

  Limits() { start(); }

  void start() { cpuStartNanos_ = threadCpuNanos(); }

  // Cheap enough for every loop iteration and call: reads the clock only
  // once every 4096 ticks. True when the CPU limit is exceeded.
  bool tickExceedsCpu() {
    if ((++ticks_ & 0xFFF) != 0) return false;
    return cpuMillisUsed() > kCpuMillis;
  }

  int64_t cpuMillisUsed() const { return cpuNanosUsed() / 1000000; }
  int64_t cpuNanosUsed() const { return threadCpuNanos() - cpuStartNanos_; }
  // Leaves out CPU time another set of limits counted (Test.startTest).
  void discountCpu(int64_t nanos) { cpuStartNanos_ += nanos; }

  int callouts = 0;
  int64_t calloutMillis = 0;  // wall time spent in callouts; not CPU time

 private:
  static int64_t threadCpuNanos() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
  }

  int64_t cpuStartNanos_ = 0;
  uint32_t ticks_ = 0;
};

}  // namespace apex::interp
