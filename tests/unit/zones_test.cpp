// Unit tests for apex::Zone: IANA rules from the system tz database, the
// POSIX footer rule past the last transition, java.util.TimeZone's ID
// lookup, and local wall times resolved as GregorianCalendar does.
#include "base/zones.h"

#include <catch2/catch.hpp>

#include "base/temporal.h"

using apex::Datetime;
using apex::Zone;

namespace {

std::int64_t gmtMillis(int year, int month, int day, int hour, int minute) {
  return Datetime::newInstanceGmt(year, month, day, hour, minute, 0)->getTime();
}

}  // namespace

TEST_CASE("Zone::forId follows java.util.TimeZone.getTimeZone", "[zones]") {
  CHECK(Zone::forId("America/New_York")->id() == "America/New_York");
  CHECK(Zone::forId("Nowhere/Special")->id() == "GMT");
  CHECK(Zone::forId("GMT+5")->id() == "GMT+05:00");
  CHECK(Zone::forId("GMT-0830")->id() == "GMT-08:30");
  CHECK(Zone::forId("GMT+7:05")->id() == "GMT+07:05");
  CHECK(Zone::forId("GMT+24")->id() == "GMT");
  CHECK(Zone::forId("../../etc/passwd")->id() == "GMT");
  CHECK(Zone::forId("posixrules")->id() == "GMT");
  CHECK(Zone::forId("GMT-8")->offsetMillisAt(0) == -8 * 3'600'000);
}

TEST_CASE("Zone offsets across New York's 2024 shifts", "[zones]") {
  auto ny = Zone::forId("America/New_York");
  CHECK(ny->offsetMillisAt(gmtMillis(2024, 3, 10, 6, 59)) == -5 * 3'600'000);
  CHECK(ny->offsetMillisAt(gmtMillis(2024, 3, 10, 7, 0)) == -4 * 3'600'000);
  CHECK(ny->offsetMillisAt(gmtMillis(2024, 11, 3, 5, 59)) == -4 * 3'600'000);
  CHECK(ny->offsetMillisAt(gmtMillis(2024, 11, 3, 6, 0)) == -5 * 3'600'000);
  CHECK(ny->shortName(gmtMillis(2024, 7, 1, 0, 0)) == "EDT");
  CHECK(ny->longName(gmtMillis(2024, 1, 1, 0, 0)) == "Eastern Standard Time");
  CHECK(ny->displayName() == "Eastern Standard Time");
}

TEST_CASE("Zone::utcFromLocal resolves gaps and overlaps as GregorianCalendar", "[zones]") {
  auto ny = Zone::forId("America/New_York");
  // 2:30 does not exist on 2024-03-10: read with EST, it is 3:30 EDT.
  CHECK(ny->utcFromLocal(gmtMillis(2024, 3, 10, 2, 30)) == gmtMillis(2024, 3, 10, 7, 30));
  // 1:30 happens twice on 2024-11-03: the standard-time one.
  CHECK(ny->utcFromLocal(gmtMillis(2024, 11, 3, 1, 30)) == gmtMillis(2024, 11, 3, 6, 30));
  CHECK(ny->utcFromLocal(gmtMillis(2024, 1, 15, 12, 0)) == gmtMillis(2024, 1, 15, 17, 0));
  auto sydney = Zone::forId("Australia/Sydney");
  CHECK(sydney->utcFromLocal(gmtMillis(2024, 1, 15, 12, 0)) == gmtMillis(2024, 1, 15, 1, 0));
}

TEST_CASE("Zone uses the POSIX rule past the last transition", "[zones]") {
  auto paris = Zone::forId("Europe/Paris");
  // Last Sunday of March 2100 is the 28th; of October, the 31st.
  CHECK(paris->offsetMillisAt(gmtMillis(2100, 3, 28, 0, 59)) == 3'600'000);
  CHECK(paris->offsetMillisAt(gmtMillis(2100, 3, 28, 1, 0)) == 7'200'000);
  CHECK(paris->offsetMillisAt(gmtMillis(2100, 10, 31, 0, 59)) == 7'200'000);
  CHECK(paris->offsetMillisAt(gmtMillis(2100, 10, 31, 1, 0)) == 3'600'000);
  auto auckland = Zone::forId("Pacific/Auckland");
  CHECK(auckland->offsetMillisAt(gmtMillis(2100, 1, 1, 0, 0)) == 13 * 3'600'000);
  CHECK(auckland->offsetMillisAt(gmtMillis(2100, 7, 1, 0, 0)) == 12 * 3'600'000);
}
