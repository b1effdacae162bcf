// Apex Reference: Decimal Class. The arithmetic itself is apex::Decimal
// (src/base/decimal.h); these natives adapt it to Apex's calling convention
// and raise System.MathException where BigDecimal would throw.
#include <cmath>

#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

Value D(Interp& vm, Decimal d) { return vm.makeDecimal(std::move(d)); }
const Decimal& self(Value* args) { return dec(args[0]); }

// Apex Reference: Decimal Class — valueOf(stringToDecimal)
Value valueOfString(Interp& vm, Value* args, int) {
  if (args[0].isNull()) vm.raise(interp::errors::NullArgument);
  const std::string& s = str(args[0]);
  auto d = Decimal::parse(s);
  if (!d) vm.raise(interp::errors::InvalidDecimal, s);
  return D(vm, std::move(*d));
}
// Apex Reference: Decimal Class — valueOf(doubleToDecimal)
Value valueOfDouble(Interp& vm, Value* args, int) {
  double x = doubleArg(vm, args[0]);
  auto d = Decimal::fromDouble(x);
  if (!d) vm.raise(interp::errors::InvalidDecimal, std::isnan(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity");
  return D(vm, std::move(*d));
}
// Apex Reference: Decimal Class — valueOf(longToDecimal)
Value valueOfLong(Interp& vm, Value* args, int) { return D(vm, Decimal::fromInt64(longArg(vm, args[0]))); }

// Apex Reference: Decimal Class — abs()
Value abs(Interp& vm, Value* args, int) { return D(vm, self(args).abs()); }

[[noreturn]] void divideByZero(Interp& vm) { vm.raise(interp::errors::DivideByZero); }
[[noreturn]] void roundingNecessary(Interp& vm) { vm.raise(interp::errors::RoundingNecessary); }

// Apex Reference: Decimal Class — divide(divisor, scale), divide(divisor, scale, roundingMode)
Value divide2(Interp& vm, Value* args, int) {
  const Decimal& divisor = decArg(vm, args[1]);
  if (divisor.isZero()) divideByZero(vm);
  auto q = self(args).divide(divisor, intArg(vm, args[2]));
  if (!q) roundingNecessary(vm);
  return D(vm, std::move(*q));
}
Value divide3(Interp& vm, Value* args, int) {
  const Decimal& divisor = decArg(vm, args[1]);
  if (divisor.isZero()) divideByZero(vm);
  auto q = self(args).divide(divisor, intArg(vm, args[2]), roundingModeArg(vm, args[3]));
  if (!q) roundingNecessary(vm);
  return D(vm, std::move(*q));
}

// Apex Reference: Decimal Class — doubleValue(), intValue(), longValue()
Value doubleValue(Interp&, Value* args, int) { return Value::doubleValue(self(args).toDouble()); }
Value intValue(Interp&, Value* args, int) { return integer(self(args).intValue()); }
Value longValue(Interp&, Value* args, int) { return Value::longValue(self(args).toInt64Truncated()); }

// Apex Reference: Decimal Class — format()
Value format(Interp& vm, Value* args, int) { return vm.makeString(formatGrouped(self(args))); }

// Apex Reference: Decimal Class — pow(exponent)
Value pow(Interp& vm, Value* args, int) {
  int32_t e = intArg(vm, args[1]);
  auto r = self(args).pow(e);
  if (!r) vm.raise(interp::errors::InvalidDecimalOperation);
  return D(vm, std::move(*r));
}

// Apex Reference: Decimal Class — precision(), scale()
Value precision(Interp&, Value* args, int) { return integer(self(args).precision()); }
Value scale(Interp&, Value* args, int) { return integer(self(args).scale()); }

// Apex Reference: Decimal Class — round(), round(roundingMode)
Value round0(Interp&, Value* args, int) { return Value::longValue(self(args).round()); }
Value round1(Interp& vm, Value* args, int) {
  auto r = self(args).round(roundingModeArg(vm, args[1]));
  if (!r) roundingNecessary(vm);
  return Value::longValue(*r);
}

// Apex Reference: Decimal Class — setScale(scale), setScale(scale, roundingMode)
Value setScale1(Interp& vm, Value* args, int) { return D(vm, self(args).setScale(intArg(vm, args[1]))); }
Value setScale2(Interp& vm, Value* args, int) {
  auto r = self(args).setScale(intArg(vm, args[1]), roundingModeArg(vm, args[2]));
  if (!r) roundingNecessary(vm);
  return D(vm, std::move(*r));
}

// Apex Reference: Decimal Class — stripTrailingZeros(), toPlainString()
Value stripTrailingZeros(Interp& vm, Value* args, int) { return D(vm, self(args).stripTrailingZeros()); }
Value toPlainString(Interp& vm, Value* args, int) {
  vm.checkHeapFor(self(args).plainStringLength());  // 1e999999999 is a billion characters
  return vm.makeString(self(args).toPlainString());
}

const sema::NativeDef kNatives[] = {
    {"Decimal", "static Decimal valueOf(String)", &valueOfString},
    {"Decimal", "static Decimal valueOf(Double)", &valueOfDouble},
    {"Decimal", "static Decimal valueOf(Long)", &valueOfLong},
    {"Decimal", "Decimal abs()", &abs},
    {"Decimal", "Decimal divide(Decimal, Integer)", &divide2},
    {"Decimal", "Decimal divide(Decimal, Integer, Object)", &divide3},
    {"Decimal", "Double doubleValue()", &doubleValue},
    {"Decimal", "Integer intValue()", &intValue},
    {"Decimal", "Long longValue()", &longValue},
    {"Decimal", "String format()", &format},
    {"Decimal", "Decimal pow(Integer)", &pow},
    {"Decimal", "Integer precision()", &precision},
    {"Decimal", "Integer scale()", &scale},
    {"Decimal", "Long round()", &round0},
    {"Decimal", "Long round(Object)", &round1},
    {"Decimal", "Decimal setScale(Integer)", &setScale1},
    {"Decimal", "Decimal setScale(Integer, Object)", &setScale2},
    {"Decimal", "Decimal stripTrailingZeros()", &stripTrailingZeros},
    {"Decimal", "String toPlainString()", &toPlainString},
};

}  // namespace

std::span<const sema::NativeDef> decimalNatives() { return kNatives; }

}  // namespace apex::stdlib
