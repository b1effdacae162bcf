// Apex Reference: Date Class. Dates are days since 1970-01-01 (Value::date);
// the calendar arithmetic is apex::Date (src/base/temporal.h).
#include <chrono>

#include "base/numfmt.h"
#include "base/temporal.h"
#include "base/zones.h"
#include "stdlib/date_format.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

Date self(Value* args) { return Date::fromDaysSinceEpoch(args[0].asDate()); }
Value V(const Date& d) { return Value::date(int32_t(d.daysSinceEpoch())); }
Date dateArg(Interp& vm, const Value& v) { return Date::fromDaysSinceEpoch(nonNull(vm, v).asDate()); }

// Apex Reference: Date Class — newInstance(year, month, day)
Value newInstance(Interp& vm, Value* args, int) {
  auto d = Date::newInstance(intArg(vm, args[0]), intArg(vm, args[1]), intArg(vm, args[2]));
  if (!d) vm.raise(interp::errors::InvalidDateValue);
  return V(*d);
}
// Apex Reference: Date Class — today(): the current date in the user's time zone
Value today(Interp& vm, Value*, int) {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch()).count();
  return V(localDate(Datetime::fromEpochMillis(ms), vm.userZone()));
}

// Parses `yyyy-MM-dd` (optionally followed by a time, ignored) as Date.valueOf does.
std::optional<Date> parseDate(std::string_view s) {
  size_t dash1 = s.find('-');
  if (dash1 == std::string_view::npos) return std::nullopt;
  size_t dash2 = s.find('-', dash1 + 1);
  if (dash2 == std::string_view::npos) return std::nullopt;
  size_t end = s.find(' ', dash2 + 1);
  auto y = parseApexInteger(s.substr(0, dash1));
  auto m = parseApexInteger(s.substr(dash1 + 1, dash2 - dash1 - 1));
  auto d = parseApexInteger(s.substr(dash2 + 1, end == std::string_view::npos ? std::string_view::npos : end - dash2 - 1));
  if (!y || !m || !d) return std::nullopt;
  return Date::fromYearMonthDay(*y, *m, *d);
}

// Apex Reference: Date Class — valueOf(stringDate)
Value valueOfString(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  auto d = parseDate(s);
  if (!d) vm.raise(interp::errors::InvalidDate, s);
  return V(*d);
}
// Apex Reference: Date Class — valueOf(fieldValue)
Value valueOfObject(Interp& vm, Value* args, int) {
  const Value& v = args[0];
  switch (v.tag()) {
    case Tag::Null: return Value();
    case Tag::Date: return v;
    // The GMT day, unlike Datetime.date() (a long-observed difference).
    case Tag::Datetime: return V(Datetime::fromEpochMillis(v.asDatetime()).dateGmt());
    case Tag::String: return valueOfString(vm, args, 1);
    default:
      vm.raise(interp::errors::InvalidConversion, vm.runtimeTypeName(v), "Date");
  }
}
// Apex Reference: Date Class — parse(stringDate): the user's locale format
// (en_US: `12/27/2009`)
Value parse(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  auto d = parseShortDate(s);
  if (!d) vm.raise(interp::errors::InvalidDate, s);
  return V(*d);
}
// Apex Reference: Date Class — isLeapYear(year), daysInMonth(year, month)
Value isLeapYear(Interp& vm, Value* args, int) { return boolean(Date::isLeapYear(intArg(vm, args[0]))); }
Value daysInMonth(Interp& vm, Value* args, int) {
  return integer(Date::daysInMonth(intArg(vm, args[0]), intArg(vm, args[1])));
}

// Apex Reference: Date Class — year(), month(), day(), dayOfYear()
Value year(Interp&, Value* args, int) { return integer(self(args).year()); }
Value month(Interp&, Value* args, int) { return integer(self(args).month()); }
Value day(Interp&, Value* args, int) { return integer(self(args).day()); }
Value dayOfYear(Interp&, Value* args, int) { return integer(self(args).dayOfYear()); }
// Apex Reference: Date Class — addDays(additionalDays), addMonths, addYears.
// A result outside the years apexrun represents is Invalid date, as for
// newInstance (docs/differences.md).
Value checkedDate(Interp& vm, const Date& d) {
  if (!d.isRepresentable()) vm.raise(interp::errors::InvalidDateValue);
  return V(d);
}
Value addDays(Interp& vm, Value* args, int) { return checkedDate(vm, self(args).addDays(intArg(vm, args[1]))); }
Value addMonths(Interp& vm, Value* args, int) { return checkedDate(vm, self(args).addMonths(intArg(vm, args[1]))); }
Value addYears(Interp& vm, Value* args, int) { return checkedDate(vm, self(args).addYears(intArg(vm, args[1]))); }
// Apex Reference: Date Class — daysBetween(secondDate), monthsBetween(secondDate)
Value daysBetween(Interp& vm, Value* args, int) {
  return integer(int32_t(self(args).daysBetween(dateArg(vm, args[1]))));
}
Value monthsBetween(Interp& vm, Value* args, int) {
  return integer(int32_t(self(args).monthsBetween(dateArg(vm, args[1]))));
}
// Apex Reference: Date Class — isSameDay(dateToCompare)
Value isSameDay(Interp& vm, Value* args, int) {
  return boolean(self(args).daysSinceEpoch() == dateArg(vm, args[1]).daysSinceEpoch());
}
// Apex Reference: Date Class — toStartOfMonth(), toStartOfWeek()
Value toStartOfMonth(Interp&, Value* args, int) { return V(self(args).toStartOfMonth()); }
// "the start of a week is Sunday in the United States locale, and Monday in
// European locales": java.util.Calendar's first day of the user's locale.
Weekday firstDayOfWeek(const std::string& locale) {
  static constexpr std::string_view kSundayCountries[] = {"US", "CA", "JP", "BR", "MX", "IL",
                                                          "KR", "TW", "HK", "PH", "IN", "ZA"};
  std::string_view country = std::string_view(locale).substr(std::min(locale.size(), locale.find('_') + 1), 2);
  for (std::string_view sunday : kSundayCountries)
    if (country == sunday) return Weekday::Sunday;
  return Weekday::Monday;
}
Value toStartOfWeek(Interp& vm, Value* args, int) {
  return V(self(args).toStartOfWeek(firstDayOfWeek(vm.user().locale)));
}
// Apex Reference: Date Class — format(): the en_US short form, `1/15/2024`
Value format(Interp& vm, Value* args, int) {
  Date d = self(args);
  return vm.makeString(std::to_string(d.month()) + "/" + std::to_string(d.day()) + "/" + std::to_string(d.year()));
}

const sema::NativeDef kNatives[] = {
    {"Date", "static Date newInstance(Integer, Integer, Integer)", &newInstance},
    {"Date", "static Date today()", &today},
    {"Date", "static Date valueOf(String)", &valueOfString},
    {"Date", "static Date valueOf(Object)", &valueOfObject},
    {"Date", "static Date parse(String)", &parse},
    {"Date", "static Boolean isLeapYear(Integer)", &isLeapYear},
    {"Date", "static Integer daysInMonth(Integer, Integer)", &daysInMonth},
    {"Date", "Integer year()", &year},
    {"Date", "Integer month()", &month},
    {"Date", "Integer day()", &day},
    {"Date", "Integer dayOfYear()", &dayOfYear},
    {"Date", "Date addDays(Integer)", &addDays},
    {"Date", "Date addMonths(Integer)", &addMonths},
    {"Date", "Date addYears(Integer)", &addYears},
    {"Date", "Integer daysBetween(Date)", &daysBetween},
    {"Date", "Integer monthsBetween(Date)", &monthsBetween},
    {"Date", "Boolean isSameDay(Date)", &isSameDay},
    {"Date", "Date toStartOfMonth()", &toStartOfMonth},
    {"Date", "Date toStartOfWeek()", &toStartOfWeek},
    {"Date", "String format()", &format},
};

}  // namespace

std::span<const sema::NativeDef> dateNatives() { return kNatives; }

}  // namespace apex::stdlib
