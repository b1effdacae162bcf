#include "base/temporal.h"

#include "base/zones.h"

#include <algorithm>
#include <chrono>
#include <array>

namespace apex {

namespace {

constexpr std::int64_t kMillisPerSecond = 1'000;
constexpr std::int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr std::int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr std::int64_t kMillisPerDay = Time::kMillisPerDay;

// Integer division and remainder rounding toward negative infinity, so that
// instants before 1970 still land on the right day and time of day.
constexpr std::int64_t floorDiv(std::int64_t value, std::int64_t divisor) {
    std::int64_t quotient = value / divisor;
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

constexpr std::int64_t floorMod(std::int64_t value, std::int64_t divisor) {
    return value - floorDiv(value, divisor) * divisor;
}

// --- proleptic Gregorian calendar arithmetic --------------------------------

struct CivilDate {
    std::int64_t year;
    int month;  // 1..12
    int day;    // 1..31
};

// Days from 0001-01-01 to January 1st of `year`.
constexpr std::int64_t daysBeforeYear(std::int64_t year) {
    std::int64_t previous = year - 1;
    return 365 * previous + floorDiv(previous, 4) - floorDiv(previous, 100) + floorDiv(previous, 400);
}

// Days from January 1st to the first of `month` in `year`.
int daysBeforeMonth(std::int64_t year, int month) {
    static constexpr std::array<int, 12> kCumulative = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int leapDay = (month > 2 && Date::isLeapYear(year)) ? 1 : 0;
    return kCumulative[static_cast<std::size_t>(month - 1)] + leapDay;
}

constexpr std::int64_t kEpochOrdinal = daysBeforeYear(1970);  // 1970-01-01, counted from 0001-01-01
static_assert(kEpochOrdinal == 719162);

std::int64_t epochDaysOf(const CivilDate& date) {
    return daysBeforeYear(date.year) + daysBeforeMonth(date.year, date.month) + date.day - 1 - kEpochOrdinal;
}

CivilDate civilDateOf(std::int64_t epochDays) {
    std::int64_t ordinal = epochDays + kEpochOrdinal;  // days since 0001-01-01
    // 400 Gregorian years are exactly 146097 days; estimate, then correct.
    std::int64_t year = floorDiv(ordinal, 146097) * 400 + floorMod(ordinal, 146097) * 400 / 146097 + 1;
    while (daysBeforeYear(year + 1) <= ordinal) ++year;
    while (daysBeforeYear(year) > ordinal) --year;

    auto dayInYear = static_cast<int>(ordinal - daysBeforeYear(year));  // 0-based
    int month = 12;
    while (daysBeforeMonth(year, month) > dayInYear) --month;
    return CivilDate{year, month, dayInYear - daysBeforeMonth(year, month) + 1};
}

// Months counted from year 0, month 1, so that month arithmetic is addition.
std::int64_t monthIndex(std::int64_t year, int month) { return year * 12 + (month - 1); }

CivilDate firstOfMonthAt(std::int64_t monthIndexValue) {
    return CivilDate{floorDiv(monthIndexValue, 12), static_cast<int>(floorMod(monthIndexValue, 12)) + 1, 1};
}

// Java's Calendar.add(MONTH), which Apex wraps, pins the day to the end of
// a shorter target month: Jan 31 + 1 month is Feb 29 in a leap year.
std::int64_t epochDaysPlusMonths(std::int64_t epochDays, std::int64_t months) {
    CivilDate current = civilDateOf(epochDays);
    CivilDate target = firstOfMonthAt(monthIndex(current.year, current.month) + months);
    target.day = std::min(current.day, Date::daysInMonth(target.year, target.month));
    return epochDaysOf(target);
}

bool isRepresentableYear(std::int64_t year) { return year >= Date::kMinYear && year <= Date::kMaxYear; }

// A move of more than the representable years lands outside them however
// far it goes: capped, so that the calendar arithmetic cannot overflow.
std::int64_t cappedMonths(std::int64_t months) {
    constexpr std::int64_t kBeyond = 12 * (static_cast<std::int64_t>(Date::kMaxYear) + 1);
    return std::clamp(months, -kBeyond, kBeyond);
}

// --- text --------------------------------------------------------------------

void appendPadded(std::string& out, std::int64_t value, std::size_t width) {
    if (value < 0) {
        out.push_back('-');
        value = -value;
    }
    std::string digits = std::to_string(value);
    if (digits.size() < width) out.append(width - digits.size(), '0');
    out += digits;
}

std::string yearMonthDay(const CivilDate& date) {
    std::string out;
    appendPadded(out, date.year, 4);
    out.push_back('-');
    appendPadded(out, date.month, 2);
    out.push_back('-');
    appendPadded(out, date.day, 2);
    return out;
}

std::string hoursMinutesSeconds(const Time& time) {
    std::string out;
    appendPadded(out, time.hour(), 2);
    out.push_back(':');
    appendPadded(out, time.minute(), 2);
    out.push_back(':');
    appendPadded(out, time.second(), 2);
    return out;
}

}  // namespace

// --- Date ----------------------------------------------------------------------

// Apex Reference: Date Class — newInstance(year, month, day). The leniency
// is undocumented but long observed: the result is January 1st of `year`
// plus (month − 1) months plus (day − 1) days (salesforce.stackexchange.com
// question 167737, "Date.newInstance bug").
std::optional<Date> Date::newInstance(int year, int month, int day) {
    CivilDate firstOfMonth = firstOfMonthAt(monthIndex(year, 1) + (static_cast<std::int64_t>(month) - 1));
    Date result(epochDaysOf(firstOfMonth) + (static_cast<std::int64_t>(day) - 1));
    if (!isRepresentableYear(civilDateOf(result.days_).year)) return std::nullopt;
    return result;
}

std::optional<Date> Date::fromYearMonthDay(int year, int month, int day) {
    if (!isRepresentableYear(year) || month < 1 || month > 12) return std::nullopt;
    if (day < 1 || day > daysInMonth(year, month)) return std::nullopt;
    return Date(epochDaysOf(CivilDate{year, month, day}));
}

// Apex Reference: Date Class — isLeapYear(year).
bool Date::isLeapYear(std::int64_t year) {
    return floorMod(year, 4) == 0 && (floorMod(year, 100) != 0 || floorMod(year, 400) == 0);
}

// Apex Reference: Date Class — daysInMonth(year, month).
int Date::daysInMonth(std::int64_t year, int month) {
    static constexpr std::array<int, 12> kLengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && isLeapYear(year)) return 29;
    return kLengths[static_cast<std::size_t>(month - 1)];
}

int Date::year() const { return static_cast<int>(civilDateOf(days_).year); }

int Date::month() const { return civilDateOf(days_).month; }

int Date::day() const { return civilDateOf(days_).day; }

// Apex Reference: Date Class — dayOfYear.
int Date::dayOfYear() const {
    return static_cast<int>(days_ + kEpochOrdinal - daysBeforeYear(civilDateOf(days_).year)) + 1;
}

Weekday Date::dayOfWeek() const {
    constexpr std::int64_t kEpochWeekday = static_cast<std::int64_t>(Weekday::Thursday);  // 1970-01-01
    return static_cast<Weekday>(floorMod(days_ + kEpochWeekday, 7));
}

bool Date::isRepresentable() const { return isRepresentableYear(civilDateOf(days_).year); }

bool Date::isWithinSalesforceRange() const {
    std::int64_t y = civilDateOf(days_).year;
    return y >= kMinSalesforceYear && y <= kMaxSalesforceYear;
}

// Apex Reference: Date Class — addMonths.
Date Date::addMonths(std::int32_t months) const { return Date(epochDaysPlusMonths(days_, cappedMonths(months))); }

// Apex Reference: Date Class — addYears (Feb 29 + 1 year → Feb 28).
Date Date::addYears(std::int32_t years) const {
    return Date(epochDaysPlusMonths(days_, cappedMonths(static_cast<std::int64_t>(years) * 12)));
}

// Apex Reference: Date Class — monthsBetween: "ignoring the difference in
// days. For example, March 1 and March 30 of the same year have 0 months
// between them."
std::int64_t Date::monthsBetween(const Date& other) const {
    CivilDate from = civilDateOf(days_), to = civilDateOf(other.days_);
    return monthIndex(to.year, to.month) - monthIndex(from.year, from.month);
}

// Apex Reference: Date Class — toStartOfMonth.
Date Date::toStartOfMonth() const { return Date(days_ - (day() - 1)); }

// Apex Reference: Date Class — toStartOfWeek: "the start of a week is
// Sunday in the United States locale, and Monday in European locales."
Date Date::toStartOfWeek(Weekday firstDay) const {
    auto weekdayNumber = [](Weekday day) { return static_cast<std::int64_t>(day); };
    std::int64_t daysIntoWeek = floorMod(weekdayNumber(dayOfWeek()) - weekdayNumber(firstDay), 7);
    return Date(days_ - daysIntoWeek);
}

std::string Date::toDebugString() const { return toApexString() + " 00:00:00"; }

// Apex Reference: String Class — valueOf(dateToConvert): the standard
// "yyyy-MM-dd" format.
std::string Date::toApexString() const { return yearMonthDay(civilDateOf(days_)); }

// --- Time ----------------------------------------------------------------------

Time Time::fromMillisOfDay(std::int64_t millis) {
    return Time(static_cast<std::int32_t>(floorMod(millis, kMillisPerDay)));
}

// Apex Reference: Time Class — newInstance(hour, minutes, seconds, milliseconds).
Time Time::newInstance(int hour, int minute, int second, int millisecond) {
    return fromMillisOfDay(hour * kMillisPerHour + minute * kMillisPerMinute + second * kMillisPerSecond +
                           millisecond);
}

int Time::hour() const { return static_cast<int>(millis_ / kMillisPerHour); }

int Time::minute() const { return static_cast<int>(millis_ % kMillisPerHour / kMillisPerMinute); }

int Time::second() const { return static_cast<int>(millis_ % kMillisPerMinute / kMillisPerSecond); }

int Time::millisecond() const { return static_cast<int>(millis_ % kMillisPerSecond); }

// Apex Reference: Time Class — addHours, addMinutes, addSeconds,
// addMilliseconds; a Time has no date, so the result wraps at midnight.
Time Time::addHours(std::int32_t hours) const { return fromMillisOfDay(millis_ + hours * kMillisPerHour); }

Time Time::addMinutes(std::int32_t minutes) const { return fromMillisOfDay(millis_ + minutes * kMillisPerMinute); }

Time Time::addSeconds(std::int32_t seconds) const { return fromMillisOfDay(millis_ + seconds * kMillisPerSecond); }

Time Time::addMilliseconds(std::int32_t millis) const {
    return fromMillisOfDay(static_cast<std::int64_t>(millis_) + millis);
}

std::string Time::toDebugString() const {
    std::string out = hoursMinutesSeconds(*this);
    out.push_back('.');
    appendPadded(out, millisecond(), 3);
    out.push_back('Z');
    return out;
}

// --- Datetime ------------------------------------------------------------------

// Apex Reference: Datetime Class — newInstanceGmt(date, time).
Datetime Datetime::newInstanceGmt(const Date& date, const Time& time) {
    return Datetime(date.daysSinceEpoch() * kMillisPerDay + time.millisOfDay());
}

// Apex Reference: Datetime Class — newInstanceGmt(year, month, day, hour,
// minute, second).
std::optional<Datetime> Datetime::newInstanceGmt(int year, int month, int day, int hour, int minute, int second) {
    auto date = Date::newInstance(year, month, day);
    if (!date) return std::nullopt;
    std::int64_t timeOfDay = hour * kMillisPerHour + minute * kMillisPerMinute + second * kMillisPerSecond;
    return Datetime(date->daysSinceEpoch() * kMillisPerDay + timeOfDay);
}

// Apex Reference: Datetime Class — newInstance(date, time): "in the local
// time zone".
Datetime Datetime::newInstance(const Date& date, const Time& time, int utcOffsetMinutes) {
    return newInstanceGmt(date, time).addMilliseconds(-utcOffsetMinutes * kMillisPerMinute);
}

Datetime Datetime::addSeconds(std::int32_t seconds) const { return addMilliseconds(seconds * kMillisPerSecond); }

Datetime Datetime::addMinutes(std::int32_t minutes) const { return addMilliseconds(minutes * kMillisPerMinute); }

Datetime Datetime::addHours(std::int32_t hours) const { return addMilliseconds(hours * kMillisPerHour); }

Datetime Datetime::addDays(std::int32_t days) const { return addMilliseconds(days * kMillisPerDay); }

Date Datetime::date(int utcOffsetMinutes) const {
    std::int64_t localMillis = millis_ + utcOffsetMinutes * kMillisPerMinute;
    return Date::fromDaysSinceEpoch(floorDiv(localMillis, kMillisPerDay));
}

Time Datetime::time(int utcOffsetMinutes) const {
    return Time::fromMillisOfDay(millis_ + utcOffsetMinutes * kMillisPerMinute);
}

// Apex Reference: String Class — valueOf(datetimeToConvert): "yyyy-MM-dd
// HH:mm:ss" for the local time zone.
std::string Datetime::toApexString(int utcOffsetMinutes) const {
    return date(utcOffsetMinutes).toApexString() + " " + hoursMinutesSeconds(time(utcOffsetMinutes));
}

// --- local forms in a time zone ------------------------------------------------

// A local wall-clock time is kept as a Datetime "in GMT" holding the local
// fields, so the GMT accessors read it.
namespace {
Datetime asLocalFields(const Datetime& instant, const Zone& zone) {
    return instant.addMilliseconds(zone.offsetMillisAt(instant.getTime()));
}
}  // namespace

// Apex Reference: Datetime Class — date(): "in the local time zone of the
// context user".
Date localDate(const Datetime& instant, const Zone& zone) { return asLocalFields(instant, zone).dateGmt(); }

// Apex Reference: Datetime Class — time().
Time localTime(const Datetime& instant, const Zone& zone) { return asLocalFields(instant, zone).timeGmt(); }

// Apex Reference: Datetime Class — newInstance(date, time): "in the local
// time zone".
Datetime fromLocal(const Date& date, const Time& time, const Zone& zone) {
    return Datetime::fromEpochMillis(zone.utcFromLocal(Datetime::newInstanceGmt(date, time).getTime()));
}

std::string toLocalString(const Datetime& instant, const Zone& zone) {
    return asLocalFields(instant, zone).toDebugString();
}

// --- ISO 8601 texts --------------------------------------------------------------

namespace {

// The `n` digits at `pos` as a number.
bool digitsAt(std::string_view s, size_t pos, size_t n, int* out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

// `HH:mm:ss[.SSS]` from `pos`; sets `end` past it.
std::optional<Time> parseClock(std::string_view s, size_t pos, size_t* end) {
    int h, mi, sec, ms = 0;
    if (!digitsAt(s, pos, 2, &h) || s.size() < pos + 8 || s[pos + 2] != ':' || !digitsAt(s, pos + 3, 2, &mi) ||
        s[pos + 5] != ':' || !digitsAt(s, pos + 6, 2, &sec) || h > 23 || mi > 59 || sec > 59)
        return std::nullopt;
    pos += 8;
    if (pos < s.size() && s[pos] == '.') {
        size_t digits = 0;
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 3) ms = ms * 10 + (s[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (size_t i = digits; i < 3; ++i) ms *= 10;
    }
    *end = pos;
    return Time::newInstance(h, mi, sec, ms);
}

// `Z`, `+hh:mm`, `+hhmm` or nothing (GMT): the offset in minutes.
std::optional<int> parseZone(std::string_view s, size_t pos) {
    if (pos == s.size()) return 0;
    if (s[pos] == 'Z' && pos + 1 == s.size()) return 0;
    if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
    int h, m;
    size_t mpos = pos + 3 < s.size() && s[pos + 3] == ':' ? pos + 4 : pos + 3;
    if (!digitsAt(s, pos + 1, 2, &h) || !digitsAt(s, mpos, 2, &m) || mpos + 2 != s.size()) return std::nullopt;
    return (s[pos] == '-' ? -1 : 1) * (h * 60 + m);
}

}  // namespace

std::optional<Date> parseIsoDate(std::string_view s) {
    int y, m, d;
    if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !digitsAt(s, 0, 4, &y) || !digitsAt(s, 5, 2, &m) ||
        !digitsAt(s, 8, 2, &d))
        return std::nullopt;
    return Date::fromYearMonthDay(y, m, d);
}

std::optional<Datetime> parseIsoDatetime(std::string_view s) {
    auto date = parseIsoDate(s.substr(0, 10));
    if (!date || s.size() < 11 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
    size_t end = 0;
    auto time = parseClock(s, 11, &end);
    if (!time) return std::nullopt;
    auto zone = parseZone(s, end);
    if (!zone) return std::nullopt;
    return Datetime::newInstance(*date, *time, *zone);
}

std::optional<Time> parseIsoTime(std::string_view s) {
    size_t end = 0;
    auto time = parseClock(s, 0, &end);
    if (!time || !parseZone(s, end)) return std::nullopt;
    return time;
}

std::int64_t Datetime::nowMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace apex
