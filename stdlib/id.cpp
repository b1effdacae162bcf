// Apex Reference: Id Class.
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: Id Class — valueOf(toId): the same check and widening to
// 18 characters as assigning a String to an Id.
Value valueOf(Interp& vm, Value* args, int) { return vm.makeIdChecked(strArg(vm, args[0])); }

// Apex Reference: Id Class — to15()
Value to15(Interp& vm, Value* args, int) { return vm.makeString(str(args[0]).substr(0, 15)); }

const sema::NativeDef kNatives[] = {
    {"Id", "static Id valueOf(String)", &valueOf},
    {"Id", "String to15()", &to15},
};

}  // namespace

std::span<const sema::NativeDef> idNatives() { return kNatives; }

}  // namespace apex::stdlib
