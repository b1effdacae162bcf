// Apex Reference: TimeZone Class. A TimeZone object carries an apex::Zone
// (src/base/zones.h: IANA rules from the system tz database).
#include "base/temporal.h"
#include "base/zones.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "stdlib/timezone_object.h"

namespace apex::stdlib {

namespace {

struct TimeZoneState : interp::NativeState {
  std::shared_ptr<const Zone> zone;
  explicit TimeZoneState(std::shared_ptr<const Zone> z) : zone(std::move(z)) {}
  // Apex Reference: TimeZone Class — toString(): the ID
  std::string toString() const override { return zone->id(); }
};

const Zone& self(Value* args) {
  return *static_cast<TimeZoneState&>(*args[0].as<interp::InstanceObj>()->native).zone;
}

// Apex Reference: TimeZone Class — getTimeZone(timeZoneIdString): an
// unknown ID gives GMT, as java.util.TimeZone.getTimeZone does
Value getTimeZone(Interp& vm, Value* args, int) { return makeTimeZone(vm, Zone::forId(strArg(vm, args[0]))); }
// Apex Reference: TimeZone Class — getID()
Value getID(Interp& vm, Value* args, int) { return vm.makeString(self(args).id()); }
// Apex Reference: TimeZone Class — getDisplayName()
Value getDisplayName(Interp& vm, Value* args, int) { return vm.makeString(self(args).displayName()); }
// Apex Reference: TimeZone Class — getOffset(date): milliseconds ahead of GMT at that instant
Value getOffset(Interp& vm, Value* args, int) {
  return integer(int32_t(self(args).offsetMillisAt(nonNull(vm, args[1]).asDatetime())));
}
// Apex Reference: TimeZone Class — toString()
Value toString(Interp& vm, Value* args, int) { return vm.makeString(self(args).id()); }

const sema::NativeDef kNatives[] = {
    {"TimeZone", "static TimeZone getTimeZone(String)", &getTimeZone},
    {"TimeZone", "String getID()", &getID},
    {"TimeZone", "String getDisplayName()", &getDisplayName},
    {"TimeZone", "Integer getOffset(Datetime)", &getOffset},
    {"TimeZone", "String toString()", &toString},
};

}  // namespace

Value makeTimeZone(Interp& vm, std::shared_ptr<const Zone> zone) {
  return vm.makeNativeInstance("System.TimeZone", std::make_unique<TimeZoneState>(std::move(zone)), 64);
}

std::span<const sema::NativeDef> timeZoneNatives() { return kNatives; }

}  // namespace apex::stdlib
