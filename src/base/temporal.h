// Apex's Date, Time and Datetime values.
//
//   Date      — a calendar day, stored as days since 1970-01-01 in the
//               proleptic Gregorian calendar (no time zone).
//   Time      — a time of day, stored as milliseconds since midnight.
//   Datetime  — an instant, stored as milliseconds since 1970-01-01T00:00Z.
//
// Apex's own "local time zone" is the running user's (Interp::userZone());
// the functions at the end read local forms through a Zone with its real
// rules (base/zones.h), the members take a fixed offset in minutes.
//
// Apex Reference: Date Class, Time Class, Datetime Class.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apex {

enum class Weekday { Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday };

class Time;
class Zone;

class Date {
public:
    // Salesforce accepts dates from 1700-01-01 to 4000-12-31 when parsing
    // and storing (SOQL and SOSL Reference: Date Formats and Date Literals —
    // "Minimum and Maximum Dates"); Date.newInstance itself does not check.
    static constexpr int kMinSalesforceYear = 1700;
    static constexpr int kMaxSalesforceYear = 4000;
    // What this implementation can represent and print as yyyy.
    static constexpr int kMinYear = 1;
    static constexpr int kMaxYear = 9999;

    Date() = default;  // 1970-01-01
    static Date fromDaysSinceEpoch(std::int64_t days) { return Date(days); }

    // Date.newInstance(year, month, day). Lenient like Apex: out-of-range
    // months and days roll into neighbouring months and years, so
    // (2016, 27, 7) is 2018-03-07 and (2024, 3, 0) is 2024-02-29. nullopt
    // only when the result leaves kMinYear..kMaxYear.
    static std::optional<Date> newInstance(int year, int month, int day);
    // A strictly valid calendar date (month 1..12, day within the month,
    // year within kMinYear..kMaxYear), for parsers such as Date.valueOf.
    static std::optional<Date> fromYearMonthDay(int year, int month, int day);

    static bool isLeapYear(std::int64_t year);
    static int daysInMonth(std::int64_t year, int month);

    std::int64_t daysSinceEpoch() const { return days_; }
    int year() const;
    int month() const;
    int day() const;
    int dayOfYear() const;  // January 1st is 1
    Weekday dayOfWeek() const;
    bool isWithinSalesforceRange() const;
    // Whether the year is within kMinYear..kMaxYear. The add* methods may
    // leave that range (never wrapping around); their callers check.
    bool isRepresentable() const;

    // Parameters are Apex Integers; sums are taken in 64 bits.
    Date addDays(std::int32_t days) const { return Date(days_ + days); }
    // Keeps the day of month unless the target month is shorter, in which
    // case it is the target month's last day (Jan 31 + 1 month → Feb 29).
    Date addMonths(std::int32_t months) const;
    Date addYears(std::int32_t years) const;

    // other − this in days (negative when `other` is earlier).
    std::int64_t daysBetween(const Date& other) const { return other.days_ - days_; }
    // Calendar months from this to other, ignoring the days of the month.
    std::int64_t monthsBetween(const Date& other) const;

    Date toStartOfMonth() const;
    // The latest `firstDay` on or before this date; en_US weeks start Sunday.
    Date toStartOfWeek(Weekday firstDay = Weekday::Sunday) const;

    // System.debug(Date): "2024-01-15 00:00:00".
    std::string toDebugString() const;
    // String.valueOf(Date): "2024-01-15".
    std::string toApexString() const;

    auto operator<=>(const Date&) const = default;

private:
    explicit Date(std::int64_t days) : days_(days) {}
    std::int64_t days_ = 0;
};

class Time {
public:
    static constexpr std::int64_t kMillisPerDay = 86'400'000;

    Time() = default;  // midnight
    // Wraps into a single day: -1 ms is 23:59:59.999.
    static Time fromMillisOfDay(std::int64_t millis);
    // Time.newInstance(hour, minutes, seconds, milliseconds); components
    // outside their usual range carry over and the total wraps at midnight.
    static Time newInstance(int hour, int minute, int second, int millisecond);

    std::int32_t millisOfDay() const { return millis_; }
    int hour() const;
    int minute() const;
    int second() const;
    int millisecond() const;

    // Time.addHours etc.: arithmetic modulo one day.
    Time addHours(std::int32_t hours) const;
    Time addMinutes(std::int32_t minutes) const;
    Time addSeconds(std::int32_t seconds) const;
    Time addMilliseconds(std::int32_t millis) const;

    // System.debug(Time) and String.valueOf(Time): "13:45:00.000Z".
    std::string toDebugString() const;
    std::string toApexString() const { return toDebugString(); }

    auto operator<=>(const Time&) const = default;

private:
    explicit Time(std::int32_t millis) : millis_(millis) {}
    std::int32_t millis_ = 0;
};

class Datetime {
public:
    Datetime() = default;  // 1970-01-01 00:00:00 GMT

    // Datetime.newInstance(Long milliseconds) / getTime().
    static Datetime fromEpochMillis(std::int64_t millis) { return Datetime(millis); }
    // The wall clock's milliseconds since the epoch (System.currentTimeMillis()).
    static std::int64_t nowMillis();
    // Datetime.newInstanceGmt(date, time).
    static Datetime newInstanceGmt(const Date& date, const Time& time);
    // Datetime.newInstanceGmt(year, month, day, hour, minute, second);
    // lenient like Date.newInstance. nullopt if the date leaves the range.
    static std::optional<Datetime> newInstanceGmt(int year, int month, int day, int hour = 0, int minute = 0,
                                                  int second = 0);
    // Datetime.newInstance(date, time): date and time read in a zone that is
    // `utcOffsetMinutes` ahead of GMT (e.g. -300 for 05:00 behind).
    static Datetime newInstance(const Date& date, const Time& time, int utcOffsetMinutes);

    std::int64_t getTime() const { return millis_; }

    Datetime addMilliseconds(std::int64_t millis) const { return Datetime(millis_ + millis); }
    Datetime addSeconds(std::int32_t seconds) const;
    Datetime addMinutes(std::int32_t minutes) const;
    Datetime addHours(std::int32_t hours) const;
    // A fixed offset has no daylight-saving shifts, so a day is 24 hours.
    Datetime addDays(std::int32_t days) const;

    // Datetime.dateGmt() / timeGmt().
    Date dateGmt() const { return date(0); }
    Time timeGmt() const { return time(0); }
    // Datetime.date() / time() in a zone `utcOffsetMinutes` ahead of GMT.
    Date date(int utcOffsetMinutes) const;
    Time time(int utcOffsetMinutes) const;

    // System.debug(Datetime): GMT, "2024-01-15 13:45:00".
    std::string toDebugString() const { return toApexString(0); }
    // String.valueOf(Datetime): the same layout in the user's time zone.
    std::string toApexString(int utcOffsetMinutes) const;

    auto operator<=>(const Datetime&) const = default;

private:
    explicit Datetime(std::int64_t millis) : millis_(millis) {}
    std::int64_t millis_ = 0;
};

// --- local forms in a time zone (DST-aware) ----------------------------------

// Datetime.date() / time(): the calendar day and time of day in `zone`.
Date localDate(const Datetime& instant, const Zone& zone);
Time localTime(const Datetime& instant, const Zone& zone);
// Datetime.newInstance(date, time): a wall-clock time in `zone`, resolved
// as Zone::utcFromLocal does across daylight-saving shifts.
Datetime fromLocal(const Date& date, const Time& time, const Zone& zone);
// String.valueOf(Datetime): "yyyy-MM-dd HH:mm:ss" in `zone`.
std::string toLocalString(const Datetime& instant, const Zone& zone);

// --- ISO 8601 texts, as JSON and the REST API write them --------------------

// `2024-01-15` (anything after the tenth character is ignored).
std::optional<Date> parseIsoDate(std::string_view text);
// `2024-01-15T10:20:30.000Z`: `T` or a space, optional milliseconds, and
// `Z`, `+hh:mm`, `+hhmm` or nothing (GMT).
std::optional<Datetime> parseIsoDatetime(std::string_view text);
// `10:20:30.000Z`, with the same optional parts.
std::optional<Time> parseIsoTime(std::string_view text);

}  // namespace apex
