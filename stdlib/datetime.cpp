// Apex Reference: Datetime Class. Datetimes are milliseconds since the epoch
// (Value::datetime). apexrun runs as a user whose time zone is GMT, so the
// local and the Gmt variants agree.
#include <chrono>
#include <cstdio>

#include "interp/numfmt.h"
#include "interp/temporal.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

constexpr int kUserOffsetMinutes = 0;

Datetime self(Value* args) { return Datetime::fromEpochMillis(args[0].asDatetime()); }
Value V(const Datetime& d) { return Value::datetime(d.getTime()); }

[[noreturn]] void invalid(Interp& vm) { vm.raise("System.TypeException", "Invalid date/time"); }

// Apex Reference: Datetime Class — newInstance(milliseconds)
Value fromMillis(Interp& vm, Value* args, int) { return Value::datetime(longArg(vm, args[0])); }
// Apex Reference: Datetime Class — newInstance(date, time), newInstanceGmt(date, time)
Value fromDateTime(Interp& vm, Value* args, int) {
  Date d = Date::fromDaysSinceEpoch(nonNull(vm, args[0]).asDate());
  Time t = Time::fromMillisOfDay(nonNull(vm, args[1]).asTime());
  return V(Datetime::newInstance(d, t, kUserOffsetMinutes));
}
// Apex Reference: Datetime Class — newInstance(year, month, day[, hour, minute, second]),
// newInstanceGmt(...)
Value fromYmd(Interp& vm, Value* args, int) {
  auto d = Datetime::newInstanceGmt(intArg(vm, args[0]), intArg(vm, args[1]), intArg(vm, args[2]));
  if (!d) invalid(vm);
  return V(d->addMinutes(-kUserOffsetMinutes));
}
Value fromYmdHms(Interp& vm, Value* args, int) {
  auto d = Datetime::newInstanceGmt(intArg(vm, args[0]), intArg(vm, args[1]), intArg(vm, args[2]),
                                    intArg(vm, args[3]), intArg(vm, args[4]), intArg(vm, args[5]));
  if (!d) invalid(vm);
  return V(d->addMinutes(-kUserOffsetMinutes));
}
// Apex Reference: Datetime Class — now()
Value now(Interp&, Value*, int) {
  return Value::datetime(std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count());
}
// Apex Reference: Datetime Class — valueOf(dateTimeString), valueOfGmt(dateTimeString):
// `yyyy-MM-dd HH:mm:ss`
Value valueOfString(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  int y, mo, d, h = 0, mi = 0, sec = 0;
  char tail = 0;
  int n = std::sscanf(s.c_str(), "%d-%d-%d %d:%d:%d%c", &y, &mo, &d, &h, &mi, &sec, &tail);
  if (n != 6 && n != 3) vm.raise("System.TypeException", "Invalid date/time: " + s);
  auto date = Date::fromYearMonthDay(y, mo, d);
  if (!date || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
    vm.raise("System.TypeException", "Invalid date/time: " + s);
  return V(Datetime::newInstanceGmt(*date, Time::newInstance(h, mi, sec, 0)).addMinutes(-kUserOffsetMinutes));
}

// Apex Reference: Datetime Class — getTime()
Value getTime(Interp&, Value* args, int) { return Value::longValue(args[0].asDatetime()); }
// Apex Reference: Datetime Class — year(), month(), day(), hour(), minute(), second(),
// millisecond() and their Gmt forms; date(), time(), dateGmt(), timeGmt()
Date localDate(Value* args) { return self(args).date(kUserOffsetMinutes); }
Time localTime(Value* args) { return self(args).time(kUserOffsetMinutes); }
Value year(Interp&, Value* args, int) { return integer(localDate(args).year()); }
Value month(Interp&, Value* args, int) { return integer(localDate(args).month()); }
Value day(Interp&, Value* args, int) { return integer(localDate(args).day()); }
Value dayOfYear(Interp&, Value* args, int) { return integer(localDate(args).dayOfYear()); }
Value hour(Interp&, Value* args, int) { return integer(localTime(args).hour()); }
Value minute(Interp&, Value* args, int) { return integer(localTime(args).minute()); }
Value second(Interp&, Value* args, int) { return integer(localTime(args).second()); }
Value millisecond(Interp&, Value* args, int) { return integer(localTime(args).millisecond()); }
Value date(Interp&, Value* args, int) { return Value::date(int32_t(localDate(args).daysSinceEpoch())); }
Value time(Interp&, Value* args, int) { return Value::time(localTime(args).millisOfDay()); }
// Apex Reference: Datetime Class — addDays(), addHours(), addMinutes(), addSeconds(),
// addMonths(), addYears()
Value addDays(Interp& vm, Value* args, int) { return V(self(args).addDays(intArg(vm, args[1]))); }
Value addHours(Interp& vm, Value* args, int) { return V(self(args).addHours(intArg(vm, args[1]))); }
Value addMinutes(Interp& vm, Value* args, int) { return V(self(args).addMinutes(intArg(vm, args[1]))); }
Value addSeconds(Interp& vm, Value* args, int) { return V(self(args).addSeconds(intArg(vm, args[1]))); }
Value addMonths(Interp& vm, Value* args, int) {
  Datetime d = self(args);
  Date moved = d.date(kUserOffsetMinutes).addMonths(intArg(vm, args[1]));
  return V(Datetime::newInstance(moved, d.time(kUserOffsetMinutes), kUserOffsetMinutes));
}
Value addYears(Interp& vm, Value* args, int) {
  Datetime d = self(args);
  Date moved = d.date(kUserOffsetMinutes).addYears(intArg(vm, args[1]));
  return V(Datetime::newInstance(moved, d.time(kUserOffsetMinutes), kUserOffsetMinutes));
}
// Apex Reference: Datetime Class — isSameDay(dateToCompare)
Value isSameDay(Interp& vm, Value* args, int) {
  Datetime other = Datetime::fromEpochMillis(nonNull(vm, args[1]).asDatetime());
  return boolean(localDate(args) == other.date(kUserOffsetMinutes));
}

// java.text.SimpleDateFormat letters, en_US, for format(pattern) / formatGmt(pattern).
std::string formatPattern(const Datetime& dt, std::string_view pattern, int offsetMinutes) {
  static const char* kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                                  "August", "September", "October", "November", "December"};
  static const char* kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  Date d = dt.date(offsetMinutes);
  Time t = dt.time(offsetMinutes);
  auto pad = [](int64_t v, size_t width) {
    std::string s = std::to_string(v < 0 ? -v : v);
    while (s.size() < width) s.insert(0, "0");
    return (v < 0 ? "-" : "") + s;
  };
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {
      size_t close = pattern.find('\'', i + 1);
      if (close == i + 1) {
        out += '\'';
        i += 2;
        continue;
      }
      if (close == std::string_view::npos) close = pattern.size();
      out.append(pattern.substr(i + 1, close - i - 1));
      i = close + 1;
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      out += c;
      ++i;
      continue;
    }
    size_t n = 1;
    while (i + n < pattern.size() && pattern[i + n] == c) ++n;
    i += n;
    switch (c) {
      case 'y': out += n == 2 ? pad(d.year() % 100, 2) : pad(d.year(), n); break;
      case 'M':
        if (n >= 4) out += kMonths[d.month() - 1];
        else if (n == 3) out += std::string(kMonths[d.month() - 1]).substr(0, 3);
        else out += pad(d.month(), n);
        break;
      case 'd': out += pad(d.day(), n); break;
      case 'D': out += pad(d.dayOfYear(), n); break;
      case 'E': {
        std::string name = kDays[int(d.dayOfWeek())];
        out += n >= 4 ? name : name.substr(0, 3);
        break;
      }
      case 'u': out += pad(int(d.dayOfWeek()) == 0 ? 7 : int(d.dayOfWeek()), n); break;
      case 'a': out += t.hour() < 12 ? "AM" : "PM"; break;
      case 'H': out += pad(t.hour(), n); break;
      case 'k': out += pad(t.hour() == 0 ? 24 : t.hour(), n); break;
      case 'K': out += pad(t.hour() % 12, n); break;
      case 'h': out += pad(t.hour() % 12 == 0 ? 12 : t.hour() % 12, n); break;
      case 'm': out += pad(t.minute(), n); break;
      case 's': out += pad(t.second(), n); break;
      case 'S': out += pad(t.millisecond(), n); break;
      case 'z': out += n >= 4 ? "Greenwich Mean Time" : "GMT"; break;
      case 'Z': {
        int off = offsetMinutes;
        out += off < 0 ? '-' : '+';
        out += pad((off < 0 ? -off : off) / 60, 2) + pad((off < 0 ? -off : off) % 60, 2);
        break;
      }
      case 'X': out += offsetMinutes == 0 ? "Z" : "+00"; break;
      default: out.append(n, c); break;
    }
  }
  return out;
}

// Apex Reference: Datetime Class — format(), format(dateFormatString),
// formatGmt(dateFormatString), formatLong()
Value format0(Interp& vm, Value* args, int) {
  return vm.makeString(formatPattern(self(args), "M/d/yyyy h:mm a", kUserOffsetMinutes));
}
Value format1(Interp& vm, Value* args, int) {
  return vm.makeString(formatPattern(self(args), strArg(vm, args[1]), kUserOffsetMinutes));
}
Value formatGmt(Interp& vm, Value* args, int) { return vm.makeString(formatPattern(self(args), strArg(vm, args[1]), 0)); }
Value formatLong(Interp& vm, Value* args, int) {
  return vm.makeString(formatPattern(self(args), "MMMM d, yyyy 'at' h:mm:ss a z", kUserOffsetMinutes));
}

const sema::NativeDef kNatives[] = {
    {"Datetime", "static Datetime newInstance(Long)", &fromMillis},
    {"Datetime", "static Datetime newInstance(Date, Time)", &fromDateTime},
    {"Datetime", "static Datetime newInstance(Integer, Integer, Integer)", &fromYmd},
    {"Datetime", "static Datetime newInstance(Integer, Integer, Integer, Integer, Integer, Integer)", &fromYmdHms},
    {"Datetime", "static Datetime newInstanceGmt(Date, Time)", &fromDateTime},
    {"Datetime", "static Datetime newInstanceGmt(Integer, Integer, Integer)", &fromYmd},
    {"Datetime", "static Datetime newInstanceGmt(Integer, Integer, Integer, Integer, Integer, Integer)", &fromYmdHms},
    {"Datetime", "static Datetime now()", &now},
    {"Datetime", "static Datetime valueOf(String)", &valueOfString},
    {"Datetime", "static Datetime valueOfGmt(String)", &valueOfString},
    {"Datetime", "Long getTime()", &getTime},
    {"Datetime", "Integer year()", &year},
    {"Datetime", "Integer month()", &month},
    {"Datetime", "Integer day()", &day},
    {"Datetime", "Integer dayOfYear()", &dayOfYear},
    {"Datetime", "Integer hour()", &hour},
    {"Datetime", "Integer minute()", &minute},
    {"Datetime", "Integer second()", &second},
    {"Datetime", "Integer millisecond()", &millisecond},
    {"Datetime", "Integer yearGmt()", &year},
    {"Datetime", "Integer monthGmt()", &month},
    {"Datetime", "Integer dayGmt()", &day},
    {"Datetime", "Integer dayOfYearGmt()", &dayOfYear},
    {"Datetime", "Integer hourGmt()", &hour},
    {"Datetime", "Integer minuteGmt()", &minute},
    {"Datetime", "Integer secondGmt()", &second},
    {"Datetime", "Integer millisecondGmt()", &millisecond},
    {"Datetime", "Date date()", &date},
    {"Datetime", "Time time()", &time},
    {"Datetime", "Date dateGmt()", &date},
    {"Datetime", "Time timeGmt()", &time},
    {"Datetime", "Datetime addDays(Integer)", &addDays},
    {"Datetime", "Datetime addHours(Integer)", &addHours},
    {"Datetime", "Datetime addMinutes(Integer)", &addMinutes},
    {"Datetime", "Datetime addSeconds(Integer)", &addSeconds},
    {"Datetime", "Datetime addMonths(Integer)", &addMonths},
    {"Datetime", "Datetime addYears(Integer)", &addYears},
    {"Datetime", "Boolean isSameDay(Datetime)", &isSameDay},
    {"Datetime", "String format()", &format0},
    {"Datetime", "String format(String)", &format1},
    {"Datetime", "String formatGmt(String)", &formatGmt},
    {"Datetime", "String formatLong()", &formatLong},
};

}  // namespace

std::span<const sema::NativeDef> datetimeNatives() { return kNatives; }

}  // namespace apex::stdlib
