// Unit tests for apex::Date, apex::Time and apex::Datetime. Expected values
// follow the Apex Date, Time and Datetime Class references and observed Apex
// behaviour (cited next to each group); day counts were cross-checked
// against an independent calendar implementation.
#include "base/temporal.h"

#include <catch2/catch.hpp>

#include <string>

using apex::Date;
using apex::Datetime;
using apex::Time;
using apex::Weekday;

namespace {

Date date(int year, int month, int day) {
    auto value = Date::fromYearMonthDay(year, month, day);
    REQUIRE(value.has_value());
    return *value;
}

std::string lenient(int year, int month, int day) {
    auto value = Date::newInstance(year, month, day);
    REQUIRE(value.has_value());
    return value->toApexString();
}

Datetime gmt(int year, int month, int day, int hour, int minute, int second) {
    auto value = Datetime::newInstanceGmt(year, month, day, hour, minute, second);
    REQUIRE(value.has_value());
    return *value;
}

}  // namespace

TEST_CASE("Date::isLeapYear uses the Gregorian rule", "[temporal][date]") {
    CHECK(Date::isLeapYear(2024));
    CHECK(Date::isLeapYear(2000));
    CHECK(Date::isLeapYear(4000));
    CHECK(Date::isLeapYear(1600));
    CHECK_FALSE(Date::isLeapYear(2023));
    CHECK_FALSE(Date::isLeapYear(1900));
    CHECK_FALSE(Date::isLeapYear(1700));
    CHECK_FALSE(Date::isLeapYear(2100));
}

TEST_CASE("Date::daysInMonth", "[temporal][date]") {
    CHECK(Date::daysInMonth(2024, 2) == 29);
    CHECK(Date::daysInMonth(2023, 2) == 28);
    CHECK(Date::daysInMonth(1900, 2) == 28);
    CHECK(Date::daysInMonth(2000, 2) == 29);
    CHECK(Date::daysInMonth(2023, 1) == 31);
    CHECK(Date::daysInMonth(2023, 4) == 30);
    CHECK(Date::daysInMonth(2023, 11) == 30);
    CHECK(Date::daysInMonth(2023, 12) == 31);
}

TEST_CASE("Date fields and day numbers", "[temporal][date]") {
    Date d = date(2024, 1, 15);
    CHECK(d.year() == 2024);
    CHECK(d.month() == 1);
    CHECK(d.day() == 15);
    CHECK(d.dayOfYear() == 15);
    CHECK(d.daysSinceEpoch() == 19737);
    CHECK(date(1970, 1, 1).daysSinceEpoch() == 0);
    CHECK(date(1969, 12, 31).daysSinceEpoch() == -1);
    CHECK(date(2000, 3, 1).daysSinceEpoch() == 11017);
    CHECK(date(1700, 1, 1).daysSinceEpoch() == -98615);
    CHECK(date(4000, 12, 31).daysSinceEpoch() == 741807);
    CHECK(date(1, 1, 1).daysSinceEpoch() == -719162);
    CHECK(date(9999, 12, 31).daysSinceEpoch() == 2932896);
    CHECK(date(2024, 12, 31).dayOfYear() == 366);
    CHECK(date(2023, 12, 31).dayOfYear() == 365);
    CHECK(date(2024, 3, 1).dayOfYear() == 61);
    CHECK(Date().toApexString() == "1970-01-01");
}

TEST_CASE("Day numbers and calendar dates convert both ways", "[temporal][date]") {
    for (std::int64_t days = -719162; days <= 2932896; days += 997) {  // 0001-01-01 .. 9999-12-31
        Date d = Date::fromDaysSinceEpoch(days);
        INFO("days " << days << " = " << d.toApexString());
        CHECK(date(d.year(), d.month(), d.day()).daysSinceEpoch() == days);
        CHECK(d.addDays(1).daysSinceEpoch() == days + 1);
    }
}

TEST_CASE("Date::fromYearMonthDay validates strictly", "[temporal][date]") {
    CHECK(Date::fromYearMonthDay(2024, 2, 29).has_value());
    CHECK_FALSE(Date::fromYearMonthDay(2023, 2, 29).has_value());
    CHECK_FALSE(Date::fromYearMonthDay(2024, 4, 31).has_value());
    CHECK_FALSE(Date::fromYearMonthDay(2024, 13, 1).has_value());
    CHECK_FALSE(Date::fromYearMonthDay(2024, 0, 1).has_value());
    CHECK_FALSE(Date::fromYearMonthDay(2024, 1, 0).has_value());
    CHECK_FALSE(Date::fromYearMonthDay(0, 1, 1).has_value());
    CHECK_FALSE(Date::fromYearMonthDay(10000, 1, 1).has_value());
}

TEST_CASE("Date::newInstance rolls over like Apex", "[temporal][date]") {
    // salesforce.stackexchange.com/questions/167737: (2016, 27, 7) debugs
    // as 2018-03-07; day 0 is the last day of the previous month.
    CHECK(lenient(2024, 1, 15) == "2024-01-15");
    CHECK(lenient(2016, 27, 7) == "2018-03-07");
    CHECK(lenient(2024, 3, 0) == "2024-02-29");
    CHECK(lenient(2024, 1, 0) == "2023-12-31");
    CHECK(lenient(2023, 2, 30) == "2023-03-02");
    CHECK(lenient(2024, 0, 1) == "2023-12-01");
    CHECK(lenient(2024, 13, 1) == "2025-01-01");
    CHECK(lenient(2024, -11, 1) == "2023-01-01");
    CHECK(lenient(2024, 1, 367) == "2025-01-01");
    CHECK(lenient(2024, 1, -30) == "2023-12-01");
    CHECK_FALSE(Date::newInstance(10000, 1, 1).has_value());
    CHECK_FALSE(Date::newInstance(0, 1, 1).has_value());
    CHECK_FALSE(Date::newInstance(1, 1, 0).has_value());
}

TEST_CASE("Date::isWithinSalesforceRange covers 1700-01-01..4000-12-31", "[temporal][date]") {
    CHECK(date(1700, 1, 1).isWithinSalesforceRange());
    CHECK(date(4000, 12, 31).isWithinSalesforceRange());
    CHECK(date(2024, 6, 1).isWithinSalesforceRange());
    CHECK_FALSE(date(1699, 12, 31).isWithinSalesforceRange());
    CHECK_FALSE(date(4001, 1, 1).isWithinSalesforceRange());
}

TEST_CASE("Date::addDays crosses months, years and leap days", "[temporal][date]") {
    CHECK(date(2024, 1, 31).addDays(1).toApexString() == "2024-02-01");
    CHECK(date(2024, 2, 28).addDays(1).toApexString() == "2024-02-29");
    CHECK(date(2023, 2, 28).addDays(1).toApexString() == "2023-03-01");
    CHECK(date(2023, 12, 31).addDays(1).toApexString() == "2024-01-01");
    CHECK(date(2024, 1, 1).addDays(-1).toApexString() == "2023-12-31");
    CHECK(date(2024, 1, 1).addDays(366).toApexString() == "2025-01-01");
    CHECK(date(1970, 1, 1).addDays(-365).toApexString() == "1969-01-01");
}

TEST_CASE("Date::addMonths clamps to the end of shorter months", "[temporal][date]") {
    CHECK(date(2024, 1, 31).addMonths(1).toApexString() == "2024-02-29");
    CHECK(date(2023, 1, 31).addMonths(1).toApexString() == "2023-02-28");
    CHECK(date(2024, 3, 31).addMonths(-1).toApexString() == "2024-02-29");
    CHECK(date(2024, 10, 31).addMonths(1).toApexString() == "2024-11-30");
    CHECK(date(2024, 1, 15).addMonths(12).toApexString() == "2025-01-15");
    CHECK(date(2024, 1, 15).addMonths(-13).toApexString() == "2022-12-15");
    CHECK(date(2024, 12, 15).addMonths(1).toApexString() == "2025-01-15");
    CHECK(date(2024, 5, 31).addMonths(0).toApexString() == "2024-05-31");
    // The clamp does not remember the original day.
    CHECK(date(2024, 1, 31).addMonths(1).addMonths(1).toApexString() == "2024-03-29");
}

TEST_CASE("Date::addYears keeps Feb 29 only in leap years", "[temporal][date]") {
    CHECK(date(2024, 2, 29).addYears(1).toApexString() == "2025-02-28");
    CHECK(date(2024, 2, 29).addYears(4).toApexString() == "2028-02-29");
    CHECK(date(2024, 2, 29).addYears(-1).toApexString() == "2023-02-28");
    CHECK(date(2024, 2, 29).addYears(-100).toApexString() == "1924-02-29");
    CHECK(date(2000, 2, 29).addYears(100).toApexString() == "2100-02-28");
    CHECK(date(2023, 7, 4).addYears(10).toApexString() == "2033-07-04");
}

TEST_CASE("Date::daysBetween is other minus this", "[temporal][date]") {
    CHECK(date(2024, 1, 1).daysBetween(date(2024, 3, 1)) == 60);
    CHECK(date(2024, 3, 1).daysBetween(date(2024, 1, 1)) == -60);
    CHECK(date(2023, 1, 1).daysBetween(date(2023, 3, 1)) == 59);
    CHECK(date(2023, 12, 31).daysBetween(date(2024, 12, 31)) == 366);
    CHECK(date(2024, 5, 5).daysBetween(date(2024, 5, 5)) == 0);
}

TEST_CASE("Date::monthsBetween ignores the days", "[temporal][date]") {
    // Apex Reference: monthsBetween — "March 1 and March 30 of the same year
    // have 0 months between them."
    CHECK(date(2024, 3, 1).monthsBetween(date(2024, 3, 30)) == 0);
    CHECK(date(2024, 1, 31).monthsBetween(date(2024, 2, 1)) == 1);
    CHECK(date(2023, 11, 15).monthsBetween(date(2024, 2, 1)) == 3);
    CHECK(date(2024, 2, 1).monthsBetween(date(2023, 11, 15)) == -3);
    CHECK(date(2000, 1, 1).monthsBetween(date(2024, 1, 1)) == 288);
}

TEST_CASE("Date::toStartOfMonth and toStartOfWeek", "[temporal][date]") {
    CHECK(date(2024, 2, 29).toStartOfMonth().toApexString() == "2024-02-01");
    CHECK(date(2024, 2, 1).toStartOfMonth().toApexString() == "2024-02-01");
    CHECK(date(2024, 1, 17).dayOfWeek() == Weekday::Wednesday);
    CHECK(date(2024, 1, 17).toStartOfWeek().toApexString() == "2024-01-14");
    CHECK(date(2024, 1, 14).toStartOfWeek().toApexString() == "2024-01-14");  // already Sunday
    CHECK(date(2024, 1, 20).toStartOfWeek().toApexString() == "2024-01-14");  // Saturday
    CHECK(date(2024, 3, 2).toStartOfWeek().toApexString() == "2024-02-25");   // across a month
    CHECK(date(2024, 1, 3).toStartOfWeek().toApexString() == "2023-12-31");   // across a year
    CHECK(date(2024, 1, 17).toStartOfWeek(Weekday::Monday).toApexString() == "2024-01-15");
    CHECK(date(2024, 1, 14).toStartOfWeek(Weekday::Monday).toApexString() == "2024-01-08");
}

TEST_CASE("Date::dayOfWeek", "[temporal][date]") {
    CHECK(date(1970, 1, 1).dayOfWeek() == Weekday::Thursday);
    CHECK(date(1969, 12, 28).dayOfWeek() == Weekday::Sunday);
    CHECK(date(2000, 1, 1).dayOfWeek() == Weekday::Saturday);
    CHECK(date(2024, 1, 15).dayOfWeek() == Weekday::Monday);
    CHECK(date(1, 1, 1).dayOfWeek() == Weekday::Monday);
}

TEST_CASE("Date text forms", "[temporal][date]") {
    CHECK(date(2024, 1, 15).toDebugString() == "2024-01-15 00:00:00");
    CHECK(date(2024, 1, 15).toApexString() == "2024-01-15");
    CHECK(date(1700, 12, 5).toApexString() == "1700-12-05");
    CHECK(date(999, 3, 4).toApexString() == "0999-03-04");
}

TEST_CASE("Date ordering", "[temporal][date]") {
    CHECK(date(2024, 1, 15) == date(2024, 1, 15));
    CHECK(date(2024, 1, 15) < date(2024, 1, 16));
    CHECK(date(2023, 12, 31) < date(2024, 1, 1));
    CHECK(date(2024, 2, 1) > date(2024, 1, 31));
}

TEST_CASE("Time::newInstance and its fields", "[temporal][time]") {
    Time t = Time::newInstance(13, 45, 0, 0);
    CHECK(t.hour() == 13);
    CHECK(t.minute() == 45);
    CHECK(t.second() == 0);
    CHECK(t.millisecond() == 0);
    CHECK(t.toDebugString() == "13:45:00.000Z");
    CHECK(Time::newInstance(1, 2, 3, 4).toDebugString() == "01:02:03.004Z");
    CHECK(Time::newInstance(23, 59, 59, 999).toApexString() == "23:59:59.999Z");
    CHECK(Time().toDebugString() == "00:00:00.000Z");
    CHECK(Time::newInstance(25, 0, 0, 0).toDebugString() == "01:00:00.000Z");
    CHECK(Time::newInstance(0, 0, 0, -1).toDebugString() == "23:59:59.999Z");
    CHECK(Time::newInstance(10, 75, 0, 0).toDebugString() == "11:15:00.000Z");
}

TEST_CASE("Time arithmetic wraps around midnight", "[temporal][time]") {
    Time oneAm = Time::newInstance(1, 0, 0, 0);
    CHECK(oneAm.addHours(-2).toDebugString() == "23:00:00.000Z");
    CHECK(Time::newInstance(23, 0, 0, 0).addMinutes(90).toDebugString() == "00:30:00.000Z");
    CHECK(oneAm.addSeconds(86400).toDebugString() == "01:00:00.000Z");
    CHECK(Time().addMilliseconds(-1).toDebugString() == "23:59:59.999Z");
    CHECK(oneAm.addHours(48).toDebugString() == "01:00:00.000Z");
    CHECK(oneAm.addMinutes(-61).toDebugString() == "23:59:00.000Z");
    CHECK(oneAm.addHours(2147483647).millisOfDay() >= 0);
    CHECK(Time::newInstance(12, 0, 0, 0) < Time::newInstance(12, 0, 0, 1));
}

TEST_CASE("Datetime::newInstanceGmt and getTime", "[temporal][datetime]") {
    Datetime dt = gmt(2024, 1, 15, 13, 45, 0);
    CHECK(dt.getTime() == 1705326300000LL);
    CHECK(dt.toDebugString() == "2024-01-15 13:45:00");
    CHECK(Datetime::newInstanceGmt(date(2024, 1, 15), Time::newInstance(13, 45, 0, 0)) == dt);
    CHECK(Datetime::fromEpochMillis(0).toDebugString() == "1970-01-01 00:00:00");
    CHECK(Datetime::fromEpochMillis(-1).toDebugString() == "1969-12-31 23:59:59");
    CHECK(gmt(2024, 2, 30, 0, 0, 0).toDebugString() == "2024-03-01 00:00:00");  // lenient date
    CHECK(gmt(2024, 1, 15, 24, 0, 0).toDebugString() == "2024-01-16 00:00:00");  // lenient time
    CHECK_FALSE(Datetime::newInstanceGmt(10000, 1, 1).has_value());
}

TEST_CASE("Datetime date and time in GMT and in an offset zone", "[temporal][datetime]") {
    Datetime lateEvening = gmt(2024, 1, 15, 23, 30, 0);
    CHECK(lateEvening.dateGmt() == date(2024, 1, 15));
    CHECK(lateEvening.timeGmt().toDebugString() == "23:30:00.000Z");
    CHECK(lateEvening.date(60) == date(2024, 1, 16));
    CHECK(lateEvening.time(60).toDebugString() == "00:30:00.000Z");
    Datetime earlyMorning = gmt(2024, 1, 15, 0, 30, 0);
    CHECK(earlyMorning.date(-60) == date(2024, 1, 14));
    CHECK(earlyMorning.time(-60).toDebugString() == "23:30:00.000Z");
    CHECK(Datetime::fromEpochMillis(-1).dateGmt() == date(1969, 12, 31));
    CHECK(Datetime::fromEpochMillis(-1).timeGmt().toDebugString() == "23:59:59.999Z");
}

TEST_CASE("Datetime::newInstance reads date and time in the local zone", "[temporal][datetime]") {
    Date day = date(2024, 1, 15);
    Time quarterToTwo = Time::newInstance(13, 45, 0, 0);
    Datetime eastern = Datetime::newInstance(day, quarterToTwo, -300);  // UTC-05:00
    CHECK(eastern.toDebugString() == "2024-01-15 18:45:00");
    CHECK(eastern.toApexString(-300) == "2024-01-15 13:45:00");
    Datetime tokyo = Datetime::newInstance(day, quarterToTwo, 540);  // UTC+09:00
    CHECK(tokyo.toDebugString() == "2024-01-15 04:45:00");
    CHECK(Datetime::newInstance(day, Time(), 330).toDebugString() == "2024-01-14 18:30:00");  // UTC+05:30
}

TEST_CASE("Datetime text forms", "[temporal][datetime]") {
    Datetime dt = gmt(2024, 1, 15, 13, 45, 0);
    CHECK(dt.toDebugString() == "2024-01-15 13:45:00");
    CHECK(dt.toApexString(0) == "2024-01-15 13:45:00");
    CHECK(dt.toApexString(-480) == "2024-01-15 05:45:00");
    CHECK(dt.toApexString(660) == "2024-01-16 00:45:00");
    CHECK(dt.addMilliseconds(999).toDebugString() == "2024-01-15 13:45:00");  // no fraction printed
}

TEST_CASE("Datetime arithmetic", "[temporal][datetime]") {
    Datetime dt = gmt(2024, 2, 28, 12, 0, 0);
    CHECK(dt.addDays(1).toDebugString() == "2024-02-29 12:00:00");
    CHECK(dt.addDays(2).toDebugString() == "2024-03-01 12:00:00");
    CHECK(dt.addDays(-59).toDebugString() == "2023-12-31 12:00:00");
    CHECK(dt.addHours(12).toDebugString() == "2024-02-29 00:00:00");
    CHECK(dt.addMinutes(-721).toDebugString() == "2024-02-27 23:59:00");
    CHECK(dt.addSeconds(3661).toDebugString() == "2024-02-28 13:01:01");
    CHECK(dt.addMilliseconds(1500).getTime() == dt.getTime() + 1500);
    CHECK(dt.addSeconds(1) > dt);
    CHECK(dt.addDays(2147483647).getTime() > dt.getTime());  // no 32-bit overflow
}
