// Apex Reference: Test Class — the parts that make sense outside a test run.
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: Test Class — isRunningTest(): false under `apexrun run`;
// the test runner sets Interp::setRunningTest
Value isRunningTest(Interp& vm, Value*, int) { return boolean(vm.isRunningTest()); }

const sema::NativeDef kNatives[] = {
    {"Test", "static Boolean isRunningTest()", &isRunningTest},
};

}  // namespace

std::span<const sema::NativeDef> testNatives() { return kNatives; }

}  // namespace apex::stdlib
