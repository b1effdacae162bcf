// Apex Reference: Math Class.
#include <cmath>
#include <random>

#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

Value D(Interp& vm, Decimal d) { return vm.makeDecimal(std::move(d)); }
Value dbl(double d) { return Value::doubleValue(d); }

// Apex Reference: Math Class — abs(integerValue|longValue|doubleValue|decimalValue)
Value absInt(Interp& vm, Value* args, int) {
  int32_t i = intArg(vm, args[0]);
  return integer(i < 0 ? int32_t(0u - uint32_t(i)) : i);
}
Value absLong(Interp& vm, Value* args, int) {
  int64_t i = longArg(vm, args[0]);
  return Value::longValue(i < 0 ? int64_t(0ull - uint64_t(i)) : i);
}
Value absDouble(Interp& vm, Value* args, int) { return dbl(std::fabs(doubleArg(vm, args[0]))); }
Value absDecimal(Interp& vm, Value* args, int) { return D(vm, decArg(vm, args[0]).abs()); }

// Apex Reference: Math Class — max(...), min(...) per numeric type
Value maxInt(Interp& vm, Value* args, int) { return integer(std::max(intArg(vm, args[0]), intArg(vm, args[1]))); }
Value minInt(Interp& vm, Value* args, int) { return integer(std::min(intArg(vm, args[0]), intArg(vm, args[1]))); }
Value maxLong(Interp& vm, Value* args, int) { return Value::longValue(std::max(longArg(vm, args[0]), longArg(vm, args[1]))); }
Value minLong(Interp& vm, Value* args, int) { return Value::longValue(std::min(longArg(vm, args[0]), longArg(vm, args[1]))); }
Value maxDouble(Interp& vm, Value* args, int) {
  double a = doubleArg(vm, args[0]), b = doubleArg(vm, args[1]);
  if (std::isnan(a) || std::isnan(b)) return dbl(NAN);
  return dbl(std::max(a, b));
}
Value minDouble(Interp& vm, Value* args, int) {
  double a = doubleArg(vm, args[0]), b = doubleArg(vm, args[1]);
  if (std::isnan(a) || std::isnan(b)) return dbl(NAN);
  return dbl(std::min(a, b));
}
Value maxDecimal(Interp& vm, Value* args, int) {
  const Decimal& a = decArg(vm, args[0]);
  const Decimal& b = decArg(vm, args[1]);
  return a.compare(b) >= 0 ? args[0] : args[1];
}
Value minDecimal(Interp& vm, Value* args, int) {
  const Decimal& a = decArg(vm, args[0]);
  const Decimal& b = decArg(vm, args[1]);
  return a.compare(b) <= 0 ? args[0] : args[1];
}

// Apex Reference: Math Class — mod(integerValue1, integerValue2), mod(longValue1, longValue2)
Value modInt(Interp& vm, Value* args, int) {
  int32_t a = intArg(vm, args[0]), b = intArg(vm, args[1]);
  if (b == 0) vm.raise(interp::errors::DivideByZero);
  if (b == -1) return integer(0);
  return integer(a % b);
}
Value modLong(Interp& vm, Value* args, int) {
  int64_t a = longArg(vm, args[0]), b = longArg(vm, args[1]);
  if (b == 0) vm.raise(interp::errors::DivideByZero);
  if (b == -1) return Value::longValue(0);
  return Value::longValue(a % b);
}

// Apex Reference: Math Class — pow(doubleValue, exponent), sqrt, cbrt, exp, log, log10,
// sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, signum, floor, ceil
template <double (*F)(double)>
Value unary(Interp& vm, Value* args, int) { return dbl(F(doubleArg(vm, args[0]))); }
double dsqrt(double x) { return std::sqrt(x); }
// glibc's cbrt can be an ulp off (cbrt(27) = 3.0000000000000004); one Newton step in
// long double gives Java's result (exact for perfect cubes).
double dcbrt(double x) {
  double r = std::cbrt(x);
  if (r == 0 || !std::isfinite(r)) return r;
  long double lr = r;
  return double(lr - (lr * lr * lr - x) / (3 * lr * lr));
}
double dexp(double x) { return std::exp(x); }
double dlog(double x) { return std::log(x); }
double dlog10(double x) { return std::log10(x); }
double dsin(double x) { return std::sin(x); }
double dcos(double x) { return std::cos(x); }
double dtan(double x) { return std::tan(x); }
double dasin(double x) { return std::asin(x); }
double dacos(double x) { return std::acos(x); }
double datan(double x) { return std::atan(x); }
double dsinh(double x) { return std::sinh(x); }
double dcosh(double x) { return std::cosh(x); }
double dtanh(double x) { return std::tanh(x); }
double dfloor(double x) { return std::floor(x); }
double dceil(double x) { return std::ceil(x); }
double dsignum(double x) { return std::isnan(x) ? x : (x > 0 ? 1.0 : x < 0 ? -1.0 : x); }
double dtoDegrees(double x) { return x * 180.0 / M_PI; }
double dtoRadians(double x) { return x / 180.0 * M_PI; }

Value pow(Interp& vm, Value* args, int) { return dbl(std::pow(doubleArg(vm, args[0]), doubleArg(vm, args[1]))); }
Value atan2(Interp& vm, Value* args, int) { return dbl(std::atan2(doubleArg(vm, args[0]), doubleArg(vm, args[1]))); }

// Decimal overloads keep Decimal results.
Value sqrtDecimal(Interp& vm, Value* args, int) {
  auto d = Decimal::fromDouble(std::sqrt(decArg(vm, args[0]).toDouble()));
  if (!d) return Value::doubleValue(NAN);
  return D(vm, std::move(*d));
}
// Apex Reference: Math Class — the Decimal overloads of acos, asin, atan, atan2, cbrt, cos,
// cosh, exp, log, log10, sin, sinh, tan, tanh: computed in Double, returned as Decimal.
Value decimalOf(Interp& vm, double d) {
  auto r = Decimal::fromDouble(d);
  if (!r) vm.raise(interp::errors::DecimalNotFinite, std::isnan(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
  return D(vm, std::move(*r));
}
template <double (*F)(double)>
Value unaryDecimal(Interp& vm, Value* args, int) { return decimalOf(vm, F(decArg(vm, args[0]).toDouble())); }
Value atan2Decimal(Interp& vm, Value* args, int) {
  return decimalOf(vm, std::atan2(decArg(vm, args[0]).toDouble(), decArg(vm, args[1]).toDouble()));
}
// Apex Reference: Math Class — rint(doubleValue), rint(decimalValue): nearest whole number, ties to even
Value rintDecimal(Interp& vm, Value* args, int) {
  return D(vm, decArg(vm, args[0]).setScale(0, RoundingMode::HalfEven).value());
}
double drint(double x) { return std::nearbyint(x); }
Value floorDecimal(Interp& vm, Value* args, int) {
  return D(vm, decArg(vm, args[0]).setScale(0, RoundingMode::Floor).value());
}
Value ceilDecimal(Interp& vm, Value* args, int) {
  return D(vm, decArg(vm, args[0]).setScale(0, RoundingMode::Ceiling).value());
}
Value signumDecimal(Interp& vm, Value* args, int) { return D(vm, Decimal::fromInt64(decArg(vm, args[0]).signum())); }

// Apex Reference: Math Class — round(doubleValue|decimalValue): to Integer, half-even;
// roundToLong(doubleValue|decimalValue): to Long, half-even
int64_t roundHalfEven(double d) {
  if (std::isnan(d)) return 0;
  double r = std::nearbyint(d);  // default FE_TONEAREST: ties to even
  if (r >= 9.2233720368547758e18) return INT64_MAX;
  if (r <= -9.2233720368547758e18) return INT64_MIN;
  return int64_t(r);
}
Value roundDouble(Interp& vm, Value* args, int) {
  return integer(int32_t(uint32_t(uint64_t(roundHalfEven(doubleArg(vm, args[0]))))));
}
Value roundDecimal(Interp& vm, Value* args, int) {
  return integer(int32_t(uint32_t(uint64_t(decArg(vm, args[0]).round()))));
}
Value roundToLongDouble(Interp& vm, Value* args, int) { return Value::longValue(roundHalfEven(doubleArg(vm, args[0]))); }
Value roundToLongDecimal(Interp& vm, Value* args, int) { return Value::longValue(decArg(vm, args[0]).round()); }

// Apex Reference: Math Class — random()
Value random(Interp&, Value*, int) {
  static std::mt19937_64 gen{std::random_device{}()};
  return dbl(std::uniform_real_distribution<double>(0.0, 1.0)(gen));
}

// Apex Reference: Math Class — the constants E and PI.
Value eConstant(Interp&, Value*, int) { return dbl(2.718281828459045); }
Value piConstant(Interp&, Value*, int) { return dbl(3.141592653589793); }

const sema::NativeDef kNatives[] = {
    {"Math", "static Double E", &eConstant},
    {"Math", "static Double PI", &piConstant},
    {"Math", "static Integer abs(Integer)", &absInt},
    {"Math", "static Long abs(Long)", &absLong},
    {"Math", "static Double abs(Double)", &absDouble},
    {"Math", "static Decimal abs(Decimal)", &absDecimal},
    {"Math", "static Integer max(Integer, Integer)", &maxInt},
    {"Math", "static Long max(Long, Long)", &maxLong},
    {"Math", "static Double max(Double, Double)", &maxDouble},
    {"Math", "static Decimal max(Decimal, Decimal)", &maxDecimal},
    {"Math", "static Integer min(Integer, Integer)", &minInt},
    {"Math", "static Long min(Long, Long)", &minLong},
    {"Math", "static Double min(Double, Double)", &minDouble},
    {"Math", "static Decimal min(Decimal, Decimal)", &minDecimal},
    {"Math", "static Integer mod(Integer, Integer)", &modInt},
    {"Math", "static Long mod(Long, Long)", &modLong},
    {"Math", "static Double pow(Double, Double)", &pow},
    {"Math", "static Double sqrt(Double)", &unary<dsqrt>},
    {"Math", "static Decimal sqrt(Decimal)", &sqrtDecimal},
    {"Math", "static Double cbrt(Double)", &unary<dcbrt>},
    {"Math", "static Double exp(Double)", &unary<dexp>},
    {"Math", "static Double log(Double)", &unary<dlog>},
    {"Math", "static Double log10(Double)", &unary<dlog10>},
    {"Math", "static Double sin(Double)", &unary<dsin>},
    {"Math", "static Double cos(Double)", &unary<dcos>},
    {"Math", "static Double tan(Double)", &unary<dtan>},
    {"Math", "static Double asin(Double)", &unary<dasin>},
    {"Math", "static Double acos(Double)", &unary<dacos>},
    {"Math", "static Double atan(Double)", &unary<datan>},
    {"Math", "static Double atan2(Double, Double)", &atan2},
    {"Math", "static Double sinh(Double)", &unary<dsinh>},
    {"Math", "static Double cosh(Double)", &unary<dcosh>},
    {"Math", "static Double tanh(Double)", &unary<dtanh>},
    {"Math", "static Double toDegrees(Double)", &unary<dtoDegrees>},
    {"Math", "static Double toRadians(Double)", &unary<dtoRadians>},
    {"Math", "static Double floor(Double)", &unary<dfloor>},
    {"Math", "static Decimal floor(Decimal)", &floorDecimal},
    {"Math", "static Double ceil(Double)", &unary<dceil>},
    {"Math", "static Decimal ceil(Decimal)", &ceilDecimal},
    {"Math", "static Double signum(Double)", &unary<dsignum>},
    {"Math", "static Decimal signum(Decimal)", &signumDecimal},
    {"Math", "static Integer round(Double)", &roundDouble},
    {"Math", "static Integer round(Decimal)", &roundDecimal},
    {"Math", "static Long roundToLong(Double)", &roundToLongDouble},
    {"Math", "static Long roundToLong(Decimal)", &roundToLongDecimal},
    {"Math", "static Double random()", &random},
    {"Math", "static Decimal acos(Decimal)", &unaryDecimal<dacos>},
    {"Math", "static Decimal asin(Decimal)", &unaryDecimal<dasin>},
    {"Math", "static Decimal atan(Decimal)", &unaryDecimal<datan>},
    {"Math", "static Decimal cbrt(Decimal)", &unaryDecimal<dcbrt>},
    {"Math", "static Decimal cos(Decimal)", &unaryDecimal<dcos>},
    {"Math", "static Decimal cosh(Decimal)", &unaryDecimal<dcosh>},
    {"Math", "static Decimal exp(Decimal)", &unaryDecimal<dexp>},
    {"Math", "static Decimal log(Decimal)", &unaryDecimal<dlog>},
    {"Math", "static Decimal log10(Decimal)", &unaryDecimal<dlog10>},
    {"Math", "static Decimal sin(Decimal)", &unaryDecimal<dsin>},
    {"Math", "static Decimal sinh(Decimal)", &unaryDecimal<dsinh>},
    {"Math", "static Decimal tan(Decimal)", &unaryDecimal<dtan>},
    {"Math", "static Decimal tanh(Decimal)", &unaryDecimal<dtanh>},
    {"Math", "static Decimal atan2(Decimal, Decimal)", &atan2Decimal},
    {"Math", "static Double rint(Double)", &unary<drint>},
    {"Math", "static Decimal rint(Decimal)", &rintDecimal},
};

}  // namespace

std::span<const sema::NativeDef> mathNatives() { return kNatives; }

}  // namespace apex::stdlib
