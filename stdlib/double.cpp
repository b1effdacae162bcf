// Apex Reference: Double Class.
#include <cmath>

#include "base/numfmt.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Java's (int) and (long) casts of a double: NaN → 0, saturating.
int64_t toLongJava(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9.2233720368547758e18) return INT64_MAX;
  if (d <= -9.2233720368547758e18) return INT64_MIN;
  return int64_t(d);
}
int32_t toIntJava(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 2147483647.0) return INT32_MAX;
  if (d <= -2147483648.0) return INT32_MIN;
  return int32_t(d);
}

// Apex Reference: Double Class — valueOf(stringToDouble)
Value valueOfString(Interp& vm, Value* args, int) {
  if (args[0].isNull()) vm.raise(interp::errors::NullArgument);
  const std::string& s = str(args[0]);
  auto v = parseApexDouble(s);
  if (!v) vm.raise(interp::errors::InvalidDouble, s);
  return Value::doubleValue(*v);
}

// Apex Reference: Double Class — valueOf(fieldValue)
Value valueOfObject(Interp& vm, Value* args, int) {
  const Value& v = args[0];
  switch (v.tag()) {
    case Tag::Null: return Value();
    case Tag::Integer: case Tag::Long: case Tag::Double: case Tag::Decimal:
      return Value::doubleValue(numberAsDouble(v));
    case Tag::String: return valueOfString(vm, args, 1);
    default:
      vm.raise(interp::errors::InvalidConversion, vm.runtimeTypeName(v), "Double");
  }
}

// Apex Reference: Double Class — format()
Value format(Interp& vm, Value* args, int) {
  double d = args[0].asDouble();
  auto dec = Decimal::fromDouble(d);
  if (!dec) return vm.makeString(std::isnan(d) ? "NaN" : (d > 0 ? "\u221E" : "-\u221E"));
  return vm.makeString(formatGrouped(*dec));
}

// Apex Reference: Double Class — intValue(), longValue(): truncate
Value intValue(Interp&, Value* args, int) { return integer(toIntJava(args[0].asDouble())); }
Value longValue(Interp&, Value* args, int) { return Value::longValue(toLongJava(args[0].asDouble())); }

// Apex Reference: Double Class — round(): the closest Long (Java Math.round)
Value round(Interp&, Value* args, int) {
  double d = args[0].asDouble();
  return Value::longValue(toLongJava(std::floor(d + 0.5)));
}

const sema::NativeDef kNatives[] = {
    {"Double", "static Double valueOf(String)", &valueOfString},
    {"Double", "static Double valueOf(Object)", &valueOfObject},
    {"Double", "String format()", &format},
    {"Double", "Integer intValue()", &intValue},
    {"Double", "Long longValue()", &longValue},
    {"Double", "Long round()", &round},
};

}  // namespace

std::span<const sema::NativeDef> doubleNatives() { return kNatives; }

}  // namespace apex::stdlib
