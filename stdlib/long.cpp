// Apex Reference: Long Class.
#include "base/numfmt.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: Long Class — valueOf(toLong)
Value valueOfString(Interp& vm, Value* args, int) {
  if (args[0].isNull()) vm.raise(interp::errors::NullArgument);
  const std::string& s = str(args[0]);
  auto v = parseApexLong(s);
  if (!v) vm.raise(interp::errors::InvalidLong, s);
  return Value::longValue(*v);
}

// Apex Reference: Long Class — format()
Value format(Interp& vm, Value* args, int) {
  return vm.makeString(formatGrouped(Decimal::fromInt64(args[0].asLong())));
}

// Apex Reference: Long Class — intValue(): keeps the low 32 bits
Value intValue(Interp&, Value* args, int) { return integer(int32_t(uint32_t(uint64_t(args[0].asLong())))); }

const sema::NativeDef kNatives[] = {
    {"Long", "static Long valueOf(String)", &valueOfString},
    {"Long", "String format()", &format},
    {"Long", "Integer intValue()", &intValue},
};

}  // namespace

std::span<const sema::NativeDef> longNatives() { return kNatives; }

}  // namespace apex::stdlib
