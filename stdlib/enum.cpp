// Apex Reference: Enum Methods — name(), ordinal(). values() and valueOf()
// need the enum's type and are evaluated by the interpreter itself.
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {

namespace {

Value name(Interp& vm, Value* args, int) {
  const Value& e = args[0];
  return vm.makeString(e.enumClass()->enumConstants.at(e.enumOrdinal()));
}

Value ordinal(Interp&, Value* args, int) { return Value::integer(int32_t(args[0].enumOrdinal())); }

const sema::NativeDef kEnumNatives[] = {
    {"Enum", "String name()", &name},
    {"Enum", "Integer ordinal()", &ordinal},
};

}  // namespace

std::span<const sema::NativeDef> enumNatives() { return kEnumNatives; }

}  // namespace apex::stdlib
