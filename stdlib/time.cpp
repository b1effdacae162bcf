// Apex Reference: Time Class. Times are milliseconds since midnight (Value::time).
#include "base/temporal.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

Time self(Value* args) { return Time::fromMillisOfDay(args[0].asTime()); }
Value V(const Time& t) { return Value::time(t.millisOfDay()); }

// Apex Reference: Time Class — newInstance(hour, minutes, seconds, milliseconds)
Value newInstance(Interp& vm, Value* args, int) {
  return V(Time::newInstance(intArg(vm, args[0]), intArg(vm, args[1]), intArg(vm, args[2]), intArg(vm, args[3])));
}
// Apex Reference: Time Class — hour(), minute(), second(), millisecond()
Value hour(Interp&, Value* args, int) { return integer(self(args).hour()); }
Value minute(Interp&, Value* args, int) { return integer(self(args).minute()); }
Value second(Interp&, Value* args, int) { return integer(self(args).second()); }
Value millisecond(Interp&, Value* args, int) { return integer(self(args).millisecond()); }
// Apex Reference: Time Class — addHours(), addMinutes(), addSeconds(), addMilliseconds()
Value addHours(Interp& vm, Value* args, int) { return V(self(args).addHours(intArg(vm, args[1]))); }
Value addMinutes(Interp& vm, Value* args, int) { return V(self(args).addMinutes(intArg(vm, args[1]))); }
Value addSeconds(Interp& vm, Value* args, int) { return V(self(args).addSeconds(intArg(vm, args[1]))); }
Value addMilliseconds(Interp& vm, Value* args, int) { return V(self(args).addMilliseconds(intArg(vm, args[1]))); }

const sema::NativeDef kNatives[] = {
    {"Time", "static Time newInstance(Integer, Integer, Integer, Integer)", &newInstance},
    {"Time", "Integer hour()", &hour},
    {"Time", "Integer minute()", &minute},
    {"Time", "Integer second()", &second},
    {"Time", "Integer millisecond()", &millisecond},
    {"Time", "Time addHours(Integer)", &addHours},
    {"Time", "Time addMinutes(Integer)", &addMinutes},
    {"Time", "Time addSeconds(Integer)", &addSeconds},
    {"Time", "Time addMilliseconds(Integer)", &addMilliseconds},
};

}  // namespace

std::span<const sema::NativeDef> timeNatives() { return kNatives; }

}  // namespace apex::stdlib
