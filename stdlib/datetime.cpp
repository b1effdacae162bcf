// Apex Reference: Datetime Class. Datetimes are milliseconds since the epoch
// (Value::datetime). The local forms read the running user's time zone
// (Interp::userZone(), with its daylight-saving rules); the Gmt forms GMT.
#include <chrono>

#include "base/temporal.h"
#include "base/zones.h"
#include "stdlib/date_format.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

Datetime self(Value* args) { return Datetime::fromEpochMillis(args[0].asDatetime()); }
Value V(const Datetime& d) { return Value::datetime(d.getTime()); }
Datetime datetimeArg(Interp& vm, const Value& v) { return Datetime::fromEpochMillis(nonNull(vm, v).asDatetime()); }

using ZoneOf = const Zone& (*)(Interp&);
const Zone& local(Interp& vm) { return vm.userZone(); }
const Zone& gmt(Interp&) { return *Zone::gmt(); }

// Apex Reference: Datetime Class — newInstance(milliseconds)
Value fromMillis(Interp& vm, Value* args, int) { return Value::datetime(longArg(vm, args[0])); }
// Apex Reference: Datetime Class — newInstance(date, time), newInstanceGmt(date, time)
template <ZoneOf zone>
Value fromDateTime(Interp& vm, Value* args, int) {
  Date d = Date::fromDaysSinceEpoch(nonNull(vm, args[0]).asDate());
  Time t = Time::fromMillisOfDay(nonNull(vm, args[1]).asTime());
  return V(fromLocal(d, t, zone(vm)));
}
// Apex Reference: Datetime Class — newInstance(year, month, day[, hour, minute, second]),
// newInstanceGmt(...): lenient like Date.newInstance
template <ZoneOf zone>
Value fromFields(Interp& vm, Value* args, int argc) {
  auto fieldAt = [&](int i) { return i < argc ? intArg(vm, args[i]) : 0; };
  auto d = Datetime::newInstanceGmt(fieldAt(0), fieldAt(1), fieldAt(2), fieldAt(3), fieldAt(4), fieldAt(5));
  if (!d) vm.raise(interp::errors::InvalidDatetimeValue);
  return V(Datetime::fromEpochMillis(zone(vm).utcFromLocal(d->getTime())));
}
// Apex Reference: Datetime Class — now()
Value now(Interp&, Value*, int) {
  return Value::datetime(std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count());
}
// Apex Reference: Datetime Class — valueOf(dateTimeString) "in the local time
// zone", valueOfGmt(dateTimeString): `yyyy-MM-dd HH:mm:ss`, or a bare date
template <ZoneOf zone>
Value valueOfString(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  auto fields = parseDatetimeValue(s);
  if (!fields) vm.raise(interp::errors::InvalidDatetime, s);
  return V(fromLocal(fields->date, fields->time, zone(vm)));
}
// Apex Reference: Datetime Class — valueOf(fieldValue)
Value valueOfObject(Interp& vm, Value* args, int) {
  const Value& v = args[0];
  switch (v.tag()) {
    case Tag::Null: return Value();
    case Tag::Datetime: return v;
    case Tag::Date: return V(fromLocal(Date::fromDaysSinceEpoch(v.asDate()), Time(), vm.userZone()));
    case Tag::String: return valueOfString<local>(vm, args, 1);
    default:
      vm.raise(interp::errors::InvalidConversion, vm.runtimeTypeName(v), "Datetime");
  }
}
// Apex Reference: Datetime Class — parse(datetime): the user's locale
// format (en_US: `10/14/2011 11:46 AM`) in the local time zone
Value parse(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  auto fields = parseShortDatetime(s);
  if (!fields) vm.raise(interp::errors::InvalidDatetime, s);
  return V(fromLocal(fields->date, fields->time, vm.userZone()));
}

// Apex Reference: Datetime Class — getTime()
Value getTime(Interp&, Value* args, int) { return Value::longValue(args[0].asDatetime()); }
// Apex Reference: Datetime Class — year(), month(), day(), dayOfYear(), hour(),
// minute(), second(), millisecond(), date(), time() and their Gmt forms
template <ZoneOf zone>
Date dateIn(Interp& vm, Value* args) { return localDate(self(args), zone(vm)); }
template <ZoneOf zone>
Time timeIn(Interp& vm, Value* args) { return localTime(self(args), zone(vm)); }
template <ZoneOf z> Value year(Interp& vm, Value* a, int) { return integer(dateIn<z>(vm, a).year()); }
template <ZoneOf z> Value month(Interp& vm, Value* a, int) { return integer(dateIn<z>(vm, a).month()); }
template <ZoneOf z> Value day(Interp& vm, Value* a, int) { return integer(dateIn<z>(vm, a).day()); }
template <ZoneOf z> Value dayOfYear(Interp& vm, Value* a, int) { return integer(dateIn<z>(vm, a).dayOfYear()); }
template <ZoneOf z> Value hour(Interp& vm, Value* a, int) { return integer(timeIn<z>(vm, a).hour()); }
template <ZoneOf z> Value minute(Interp& vm, Value* a, int) { return integer(timeIn<z>(vm, a).minute()); }
template <ZoneOf z> Value second(Interp& vm, Value* a, int) { return integer(timeIn<z>(vm, a).second()); }
template <ZoneOf z> Value millisecond(Interp& vm, Value* a, int) { return integer(timeIn<z>(vm, a).millisecond()); }
template <ZoneOf z> Value date(Interp& vm, Value* a, int) {
  return Value::date(int32_t(dateIn<z>(vm, a).daysSinceEpoch()));
}
template <ZoneOf z> Value time(Interp& vm, Value* a, int) { return Value::time(timeIn<z>(vm, a).millisOfDay()); }

// Apex Reference: Datetime Class — addHours(), addMinutes(), addSeconds():
// elapsed time
Value addHours(Interp& vm, Value* args, int) { return V(self(args).addHours(intArg(vm, args[1]))); }
Value addMinutes(Interp& vm, Value* args, int) { return V(self(args).addMinutes(intArg(vm, args[1]))); }
Value addSeconds(Interp& vm, Value* args, int) { return V(self(args).addSeconds(intArg(vm, args[1]))); }
// Apex Reference: Datetime Class — addDays(), addMonths(), addYears(): calendar
// steps in the user's time zone (java.util.Calendar.add), so the local time of
// day stays put across a daylight-saving shift
Value moveLocalDate(Interp& vm, Value* args, Date (*move)(const Date&, int32_t)) {
  int32_t amount = intArg(vm, args[1]);
  const Zone& zone = vm.userZone();
  Datetime d = self(args);
  Date moved = move(localDate(d, zone), amount);
  if (!moved.isRepresentable()) vm.raise(interp::errors::InvalidDatetimeValue);  // as newInstance (docs/differences.md)
  return V(fromLocal(moved, localTime(d, zone), zone));
}
Value addDays(Interp& vm, Value* args, int) {
  return moveLocalDate(vm, args, [](const Date& d, int32_t n) { return d.addDays(n); });
}
Value addMonths(Interp& vm, Value* args, int) {
  return moveLocalDate(vm, args, [](const Date& d, int32_t n) { return d.addMonths(n); });
}
Value addYears(Interp& vm, Value* args, int) {
  return moveLocalDate(vm, args, [](const Date& d, int32_t n) { return d.addYears(n); });
}
// Apex Reference: Datetime Class — isSameDay(dateToCompare): in the user's time zone
Value isSameDay(Interp& vm, Value* args, int) {
  return boolean(localDate(self(args), vm.userZone()) == localDate(datetimeArg(vm, args[1]), vm.userZone()));
}

// Apex Reference: Datetime Class — format(): the en_US short form, local time
Value format0(Interp& vm, Value* args, int) {
  return vm.makeString(formatDatetime(vm, self(args), "M/d/yyyy h:mm a", vm.userZone()));
}
// Apex Reference: Datetime Class — format(dateFormatString)
Value format1(Interp& vm, Value* args, int) {
  return vm.makeString(formatDatetime(vm, self(args), strArg(vm, args[1]), vm.userZone()));
}
// Apex Reference: Datetime Class — format(dateFormatString, timezone): an
// unknown time zone ID is GMT, as java.util.TimeZone reads it
Value format2(Interp& vm, Value* args, int) {
  auto zone = Zone::forId(strArg(vm, args[2]));
  return vm.makeString(formatDatetime(vm, self(args), strArg(vm, args[1]), *zone));
}
// Apex Reference: Datetime Class — formatGmt(dateFormatString)
Value formatGmt(Interp& vm, Value* args, int) {
  return vm.makeString(formatDatetime(vm, self(args), strArg(vm, args[1]), *Zone::gmt()));
}
// Apex Reference: Datetime Class — formatLong(): `6/23/1996 12:00:00 AM PDT`
Value formatLong(Interp& vm, Value* args, int) {
  return vm.makeString(formatDatetime(vm, self(args), "M/d/yyyy h:mm:ss a z", vm.userZone()));
}

// Apex Reference: String Class — valueOf(datetimeToConvert): "yyyy-MM-dd
// HH:mm:ss" in the local time zone (String concatenation and
// String.valueOfGmt print GMT, as System.debug does); null for a null, as
// String.valueOf(Object) gives.
Value stringValueOf(Interp& vm, Value* args, int) {
  if (args[0].isNull()) return Value();
  return vm.makeString(toLocalString(self(args), vm.userZone()));
}

const sema::NativeDef kNatives[] = {
    {"Datetime", "static Datetime newInstance(Long)", &fromMillis},
    {"Datetime", "static Datetime newInstance(Date, Time)", &fromDateTime<local>},
    {"Datetime", "static Datetime newInstance(Integer, Integer, Integer)", &fromFields<local>},
    {"Datetime", "static Datetime newInstance(Integer, Integer, Integer, Integer, Integer, Integer)",
     &fromFields<local>},
    {"Datetime", "static Datetime newInstanceGmt(Date, Time)", &fromDateTime<gmt>},
    {"Datetime", "static Datetime newInstanceGmt(Integer, Integer, Integer)", &fromFields<gmt>},
    {"Datetime", "static Datetime newInstanceGmt(Integer, Integer, Integer, Integer, Integer, Integer)",
     &fromFields<gmt>},
    {"Datetime", "static Datetime now()", &now},
    {"Datetime", "static Datetime valueOf(String)", &valueOfString<local>},
    {"Datetime", "static Datetime valueOf(Object)", &valueOfObject},
    {"Datetime", "static Datetime valueOfGmt(String)", &valueOfString<gmt>},
    {"Datetime", "static Datetime parse(String)", &parse},
    {"Datetime", "Long getTime()", &getTime},
    {"Datetime", "Integer year()", &year<local>},
    {"Datetime", "Integer month()", &month<local>},
    {"Datetime", "Integer day()", &day<local>},
    {"Datetime", "Integer dayOfYear()", &dayOfYear<local>},
    {"Datetime", "Integer hour()", &hour<local>},
    {"Datetime", "Integer minute()", &minute<local>},
    {"Datetime", "Integer second()", &second<local>},
    {"Datetime", "Integer millisecond()", &millisecond<local>},
    {"Datetime", "Integer yearGmt()", &year<gmt>},
    {"Datetime", "Integer monthGmt()", &month<gmt>},
    {"Datetime", "Integer dayGmt()", &day<gmt>},
    {"Datetime", "Integer dayOfYearGmt()", &dayOfYear<gmt>},
    {"Datetime", "Integer hourGmt()", &hour<gmt>},
    {"Datetime", "Integer minuteGmt()", &minute<gmt>},
    {"Datetime", "Integer secondGmt()", &second<gmt>},
    {"Datetime", "Integer millisecondGmt()", &millisecond<gmt>},
    {"Datetime", "Date date()", &date<local>},
    {"Datetime", "Time time()", &time<local>},
    {"Datetime", "Date dateGmt()", &date<gmt>},
    {"Datetime", "Time timeGmt()", &time<gmt>},
    {"Datetime", "Datetime addDays(Integer)", &addDays},
    {"Datetime", "Datetime addHours(Integer)", &addHours},
    {"Datetime", "Datetime addMinutes(Integer)", &addMinutes},
    {"Datetime", "Datetime addSeconds(Integer)", &addSeconds},
    {"Datetime", "Datetime addMonths(Integer)", &addMonths},
    {"Datetime", "Datetime addYears(Integer)", &addYears},
    {"Datetime", "Boolean isSameDay(Datetime)", &isSameDay},
    {"Datetime", "String format()", &format0},
    {"Datetime", "String format(String)", &format1},
    {"Datetime", "String format(String, String)", &format2},
    {"Datetime", "String formatGmt(String)", &formatGmt},
    {"Datetime", "String formatLong()", &formatLong},
    {"String", "static String valueOf(Datetime)", &stringValueOf},
};

}  // namespace

std::span<const sema::NativeDef> datetimeNatives() { return kNatives; }

}  // namespace apex::stdlib
