// Apex Reference: Location Class — a geolocation: latitude and longitude,
// and the distance between two of them (SOQL's DISTANCE and GEOLOCATION
// use the same notion).
#include <cmath>
#include <numbers>

#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

struct LocationState : interp::NativeState {
  double latitude, longitude;
  LocationState(double lat, double lon) : latitude(lat), longitude(lon) {}
  std::string toString() const override { return "System.Location"; }
};

// The mean radius of the Earth, in each unit getDistance takes.
constexpr double kEarthRadiusKm = 6371.0;
constexpr double kEarthRadiusMi = 3958.8;

const LocationState& location(Interp& vm, const Value& v) { return stateOf<LocationState>(nonNull(vm, v)); }

// Apex Reference: Location Class — newInstance(latitude, longitude)
Value newInstance(Interp& vm, Value* args, int) {
  double latitude = numberAsDouble(nonNull(vm, args[0])), longitude = numberAsDouble(nonNull(vm, args[1]));
  return vm.makeNativeInstance("System.Location", std::make_unique<LocationState>(latitude, longitude),
                               interp::heap_costs::instance(2));
}

Value decimalOf(Interp& vm, double d) { return vm.makeDecimal(*Decimal::fromDouble(d)); }

// getLatitude(), getLongitude()
Value getLatitude(Interp& vm, Value* args, int) { return decimalOf(vm, location(vm, args[0]).latitude); }
Value getLongitude(Interp& vm, Value* args, int) { return decimalOf(vm, location(vm, args[0]).longitude); }

// The great-circle distance (haversine) in `unit`, 'mi' or 'km'.
Value distance(Interp& vm, const Value& from, const Value& to, const Value& unitArg) {
  const LocationState& a = location(vm, from);
  const LocationState& b = location(vm, to);
  const std::string& unit = strArg(vm, unitArg);
  bool miles = text::equalsIgnoreCase(unit, "mi");
  if (!miles && !text::equalsIgnoreCase(unit, "km")) vm.raise(interp::errors::LocationBadUnit, unit);
  auto radians = [](double degrees) { return degrees * std::numbers::pi / 180.0; };
  double dLat = radians(b.latitude - a.latitude), dLon = radians(b.longitude - a.longitude);
  double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
             std::cos(radians(a.latitude)) * std::cos(radians(b.latitude)) * std::sin(dLon / 2) * std::sin(dLon / 2);
  double central = 2 * std::atan2(std::sqrt(h), std::sqrt(1 - h));
  return Value::doubleValue(central * (miles ? kEarthRadiusMi : kEarthRadiusKm));
}

// getDistance(toLocation, unit), and the static getDistance(first, second, unit)
Value getDistance(Interp& vm, Value* args, int) { return distance(vm, args[0], args[1], args[2]); }

const sema::NativeDef kNatives[] = {
    {"Location", "static Location newInstance(Decimal, Decimal)", &newInstance},
    {"Location", "Decimal getLatitude()", &getLatitude},
    {"Location", "Decimal getLongitude()", &getLongitude},
    {"Location", "Double getDistance(Location, String)", &getDistance},
    {"Location", "static Double getDistance(Location, Location, String)", &getDistance},
};

}  // namespace

std::span<const sema::NativeDef> locationNatives() { return kNatives; }

}  // namespace apex::stdlib
