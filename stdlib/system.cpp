// Apex Reference: System Class.
#include <chrono>

#include "base/temporal.h"
#include "base/zones.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: System Class — hashCode(obj): the object's hashCode(), a
// class's own override first; 0 for null (chosen: Java's Objects.hashCode).
Value hashCodeOf(Interp& vm, Value* args, int) {
  if (args[0].isNull()) return integer(0);
  Value result;
  if (vm.callOverride(args[0], "hashCode", nullptr, 0, &result)) return result;
  return objectHashCode(vm, args[0]);
}

// Apex Reference: System Class — debug(msg): logged at the DEBUG level
Value debug(Interp& vm, Value* args, int) {
  vm.log().userDebug(vm.currentLine(), "DEBUG", vm.debugString(args[0]));
  return Value();
}
// Apex Reference: System Class — debug(logLevel, msg)
Value debugAtLevel(Interp& vm, Value* args, int) {
  std::string level = "DEBUG";
  if (args[0].tag() == Tag::Enum) {
    level.clear();
    for (char c : args[0].enumClass()->enumConstants.at(args[0].enumOrdinal()))
      level += (c >= 'a' && c <= 'z') ? char(c - 32) : c;
  }
  vm.log().userDebug(vm.currentLine(), level, vm.debugString(args[1]));
  return Value();
}

// Apex Reference: System Class — assert(condition[, msg])
Value assert1(Interp& vm, Value* args, int) {
  if (args[0].isNull() || !args[0].asBool()) assertFailed(vm, nullptr, "");
  return Value();
}
Value assert2(Interp& vm, Value* args, int) {
  if (args[0].isNull() || !args[0].asBool()) assertFailed(vm, &args[1], "");
  return Value();
}
// Apex Reference: System Class — assertEquals(expected, actual[, msg])
Value assertEquals(Interp& vm, Value* args, int argc) {
  if (!vm.keyEquals(args[0], args[1]))
    assertFailed(vm, argc > 2 ? &args[2] : nullptr, expectedActual(vm, args[0], args[1]));
  return Value();
}
// Apex Reference: System Class — assertNotEquals(expected, actual[, msg])
Value assertNotEquals(Interp& vm, Value* args, int argc) {
  if (vm.keyEquals(args[0], args[1]))
    assertFailed(vm, argc > 2 ? &args[2] : nullptr, "Same value: " + vm.debugString(args[1]));
  return Value();
}

// Apex Reference: System Class — now(), today() (the current date in the
// user's time zone), currentTimeMillis()
Value now(Interp&, Value*, int) { return Value::datetime(Datetime::nowMillis()); }
Value today(Interp& vm, Value*, int) {
  return Value::date(int32_t(localDate(Datetime::fromEpochMillis(Datetime::nowMillis()), vm.userZone()).daysSinceEpoch()));
}
Value currentTimeMillis(Interp&, Value*, int) { return Value::longValue(Datetime::nowMillis()); }

// Apex Reference: System Class — getApplicationReadWriteMode(): DEFAULT, the
// org is not in read-only maintenance
Value getApplicationReadWriteMode(Interp& vm, Value*, int) {
  return vm.makeEnum("System.ApplicationReadWriteMode", 0);
}

const sema::NativeDef kNatives[] = {
    {"System", "static Integer hashCode(Object)", &hashCodeOf},
    {"System", "static void debug(Object)", &debug},
    {"System", "static void debug(LoggingLevel, Object)", &debugAtLevel},
    {"System", "static void assert(Boolean)", &assert1},
    {"System", "static void assert(Boolean, Object)", &assert2},
    {"System", "static void assertEquals(Object, Object)", &assertEquals},
    {"System", "static void assertEquals(Object, Object, Object)", &assertEquals},
    {"System", "static void assertNotEquals(Object, Object)", &assertNotEquals},
    {"System", "static void assertNotEquals(Object, Object, Object)", &assertNotEquals},
    {"System", "static Datetime now()", &now},
    {"System", "static Date today()", &today},
    {"System", "static Long currentTimeMillis()", &currentTimeMillis},
    {"System", "static ApplicationReadWriteMode getApplicationReadWriteMode()", &getApplicationReadWriteMode},
};

}  // namespace

std::span<const sema::NativeDef> systemNatives() { return kNatives; }

}  // namespace apex::stdlib
