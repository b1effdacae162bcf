// Apex Reference: Assert Class. Failures raise System.AssertException with
// the texts System.assertEquals uses (`Assertion Failed: msg: Expected: 1, Actual: 2`).
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

const Value* msgArg(Value* args, int argc, int index) { return argc > index ? &args[index] : nullptr; }

// Apex Reference: Assert Class — areEqual(expected, actual[, msg])
Value areEqual(Interp& vm, Value* args, int argc) {
  if (!vm.keyEquals(args[0], args[1])) assertFailed(vm, msgArg(args, argc, 2), expectedActual(vm, args[0], args[1]));
  return Value();
}
// Apex Reference: Assert Class — areNotEqual(notExpected, actual[, msg])
Value areNotEqual(Interp& vm, Value* args, int argc) {
  if (vm.keyEquals(args[0], args[1]))
    assertFailed(vm, msgArg(args, argc, 2), "Same value: " + vm.debugString(args[1]));
  return Value();
}
// Apex Reference: Assert Class — isTrue(condition[, msg]), isFalse(condition[, msg])
Value isTrue(Interp& vm, Value* args, int argc) {
  if (args[0].isNull() || !args[0].asBool())
    assertFailed(vm, msgArg(args, argc, 1), expectedActual(vm, Value::boolean(true), args[0]));
  return Value();
}
Value isFalse(Interp& vm, Value* args, int argc) {
  if (args[0].isNull() || args[0].asBool())
    assertFailed(vm, msgArg(args, argc, 1), expectedActual(vm, Value::boolean(false), args[0]));
  return Value();
}
// Apex Reference: Assert Class — isNull(value[, msg]), isNotNull(value[, msg])
Value isNull(Interp& vm, Value* args, int argc) {
  if (!args[0].isNull()) assertFailed(vm, msgArg(args, argc, 1), expectedActual(vm, Value(), args[0]));
  return Value();
}
Value isNotNull(Interp& vm, Value* args, int argc) {
  if (args[0].isNull()) assertFailed(vm, msgArg(args, argc, 1), "Same value: null");
  return Value();
}
// Apex Reference: Assert Class — fail([msg])
Value fail(Interp& vm, Value* args, int argc) { assertFailed(vm, msgArg(args, argc, 0), ""); }
// Apex Reference: Assert Class — isInstanceOfType(instance, expectedType[, msg]),
// isNotInstanceOfType(instance, notExpectedType[, msg])
const sema::Type* typeArg(Interp& vm, const Value& v) {
  if (v.tag() != Tag::TypeRef) vm.raiseNullPointer();
  return v.as<interp::TypeRefObj>()->type;
}
Value isInstanceOfType(Interp& vm, Value* args, int argc) {
  const sema::Type* t = typeArg(vm, args[1]);
  if (!vm.isInstanceOf(args[0], t))
    assertFailed(vm, msgArg(args, argc, 2),
                 "Expected: " + t->name + ", Actual: " +
                     (args[0].isNull() ? std::string("null") : vm.runtimeTypeName(args[0])));
  return Value();
}
Value isNotInstanceOfType(Interp& vm, Value* args, int argc) {
  const sema::Type* t = typeArg(vm, args[1]);
  if (vm.isInstanceOf(args[0], t)) assertFailed(vm, msgArg(args, argc, 2), "Same value: " + t->name);
  return Value();
}

const sema::NativeDef kNatives[] = {
    {"Assert", "static void areEqual(Object, Object)", &areEqual},
    {"Assert", "static void areEqual(Object, Object, String)", &areEqual},
    {"Assert", "static void areNotEqual(Object, Object)", &areNotEqual},
    {"Assert", "static void areNotEqual(Object, Object, String)", &areNotEqual},
    {"Assert", "static void isTrue(Boolean)", &isTrue},
    {"Assert", "static void isTrue(Boolean, String)", &isTrue},
    {"Assert", "static void isFalse(Boolean)", &isFalse},
    {"Assert", "static void isFalse(Boolean, String)", &isFalse},
    {"Assert", "static void isNull(Object)", &isNull},
    {"Assert", "static void isNull(Object, String)", &isNull},
    {"Assert", "static void isNotNull(Object)", &isNotNull},
    {"Assert", "static void isNotNull(Object, String)", &isNotNull},
    {"Assert", "static void fail()", &fail},
    {"Assert", "static void fail(String)", &fail},
    {"Assert", "static void isInstanceOfType(Object, Type)", &isInstanceOfType},
    {"Assert", "static void isInstanceOfType(Object, Type, String)", &isInstanceOfType},
    {"Assert", "static void isNotInstanceOfType(Object, Type)", &isNotInstanceOfType},
    {"Assert", "static void isNotInstanceOfType(Object, Type, String)", &isNotInstanceOfType},
};

}  // namespace

std::span<const sema::NativeDef> assertNatives() { return kNatives; }

}  // namespace apex::stdlib
