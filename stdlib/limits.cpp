// Apex Reference: Limits Class: getX() and getLimitX() for each governor
// limit the class reports, read from kLimitTable (interp/limits.h), for
// one synchronous transaction (Apex Developer Guide: Execution Governors and
// Limits). Limits nothing uses up yet (queries, DML) read 0.
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

using interp::kLimitTable;

// Apex Reference: Limits Class — getCpuTime(), getHeapSize(), getCallouts(), ...
template <size_t I>
Value used(Interp& vm, Value*, int) { return integer(int32_t(vm.limitUsed(kLimitTable[I].limit))); }
// Apex Reference: Limits Class — getLimitCpuTime(), getLimitHeapSize(), getLimitCallouts(), ...
template <size_t I>
Value maximum(Interp& vm, Value*, int) { return integer(int32_t(vm.limits().max(kLimitTable[I].limit))); }

struct Method {
  std::string signature;
  sema::NativeFn fn;
};

template <size_t... I>
std::vector<Method> methods(std::index_sequence<I...>) {
  std::vector<Method> out;
  auto add = [&out](std::string_view name, sema::NativeFn usedFn, sema::NativeFn maximumFn) {
    if (name.empty()) return;
    out.push_back({"static Integer get" + std::string(name) + "()", usedFn});
    out.push_back({"static Integer getLimit" + std::string(name) + "()", maximumFn});
  };
  (add(kLimitTable[I].limitsMethod, &used<I>, &maximum<I>), ...);
  return out;
}

}  // namespace

std::span<const sema::NativeDef> limitsNatives() {
  static const std::vector<Method> all = methods(std::make_index_sequence<interp::kLimitCount>());
  static const std::vector<sema::NativeDef> defs = [] {
    std::vector<sema::NativeDef> v;
    for (const Method& m : all) v.push_back({"Limits", m.signature, m.fn});
    return v;
  }();
  return defs;
}

}  // namespace apex::stdlib
