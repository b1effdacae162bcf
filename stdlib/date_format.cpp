#include "stdlib/date_format.h"

#include <chrono>
#include <cstdlib>

namespace apex::stdlib {

namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kWeekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::string padded(int64_t value, size_t width) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return (value < 0 ? "-" : "") + digits;
}

int weekdayNumber(const Date& d) { return static_cast<int>(d.dayOfWeek()); }  // Sunday 0

// en_US weeks (java.util.Calendar): they start on Sunday and week 1 of a
// year is the one holding January 1st, so the last days of December can
// fall in week 1 of the next (week-based) year.
struct WeekOfYear {
  int week;
  int weekYear;
};
WeekOfYear weekOfYear(const Date& d) {
  Date weekEnd = d.addDays(6 - weekdayNumber(d));
  if (weekEnd.year() != d.year()) return {1, weekEnd.year()};
  Date jan1 = *Date::fromYearMonthDay(d.year(), 1, 1);
  return {(d.dayOfYear() - 1 + weekdayNumber(jan1)) / 7 + 1, d.year()};
}
int weekOfMonth(const Date& d) { return (d.day() - 1 + weekdayNumber(d.toStartOfMonth())) / 7 + 1; }

// RFC 822 (`-0800`) and ISO 8601 (`-08`, `-0800`, `-08:00`, `Z`) offsets.
std::string rfc822Offset(int64_t offsetMillis) {
  int64_t minutes = std::llabs(offsetMillis) / 60'000;
  return (offsetMillis < 0 ? "-" : "+") + padded(minutes / 60, 2) + padded(minutes % 60, 2);
}
std::string isoOffset(int64_t offsetMillis, size_t count) {
  if (offsetMillis == 0) return "Z";
  int64_t minutes = std::llabs(offsetMillis) / 60'000;
  std::string out = (offsetMillis < 0 ? "-" : "+") + padded(minutes / 60, 2);
  if (count == 2) out += padded(minutes % 60, 2);
  if (count == 3) out += ":" + padded(minutes % 60, 2);
  return out;
}

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Reads an unsigned decimal of 1..maxDigits digits.
std::optional<int> digitsAt(std::string_view text, size_t& pos, size_t maxDigits) {
  size_t start = pos;
  int value = 0;
  while (pos < text.size() && pos - start < maxDigits && text[pos] >= '0' && text[pos] <= '9')
    value = value * 10 + (text[pos++] - '0');
  if (pos == start) return std::nullopt;
  return value;
}
bool literalAt(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// SimpleDateFormat's `yy` window: a two-digit year lands within 80 years
// before and 20 years after now.
int expandTwoDigitYear(int year) {
  auto now = std::chrono::system_clock::now();
  int thisYear = int(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
  int candidate = (thisYear - 80) / 100 * 100 + year;
  if (candidate < thisYear - 80) candidate += 100;
  return candidate;
}

std::optional<Date> shortDateAt(std::string_view text, size_t& pos) {
  auto month = digitsAt(text, pos, 2);
  if (!month || !literalAt(text, pos, '/')) return std::nullopt;
  auto day = digitsAt(text, pos, 2);
  if (!day || !literalAt(text, pos, '/')) return std::nullopt;
  size_t yearStart = pos;
  auto year = digitsAt(text, pos, 4);
  if (!year) return std::nullopt;
  if (pos - yearStart <= 2) *year = expandTwoDigitYear(*year);
  return Date::fromYearMonthDay(*year, *month, *day);
}

}  // namespace

std::string formatDatetime(Interp& vm, const Datetime& instant, std::string_view pattern, const Zone& zone) {
  Date d = localDate(instant, zone);
  Time t = localTime(instant, zone);
  int64_t offset = zone.offsetMillisAt(instant.getTime());
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    char c = pattern[i];
    if (c == '\'') {  // quoted text; '' is a quote
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        out += '\'';
        i += 2;
        continue;
      }
      size_t j = i + 1;
      for (; j < pattern.size(); ++j) {
        if (pattern[j] != '\'') out += pattern[j];
        else if (j + 1 < pattern.size() && pattern[j + 1] == '\'') out += pattern[++j];
        else break;
      }
      if (j >= pattern.size()) vm.raise(interp::errors::DateFormatUnterminatedQuote);
      i = j + 1;
      continue;
    }
    if (!isAsciiLetter(c)) {
      out += c;
      ++i;
      continue;
    }
    size_t n = 1;
    while (i + n < pattern.size() && pattern[i + n] == c) ++n;
    i += n;
    switch (c) {
      case 'G': out += d.year() > 0 ? "AD" : "BC"; break;
      case 'y': out += n == 2 ? padded(d.year() % 100, 2) : padded(d.year(), n); break;
      case 'Y': {
        int weekYear = weekOfYear(d).weekYear;
        out += n == 2 ? padded(weekYear % 100, 2) : padded(weekYear, n);
        break;
      }
      case 'M':
      case 'L':
        if (n >= 4) out += kMonths[d.month() - 1];
        else if (n == 3) out += std::string_view(kMonths[d.month() - 1]).substr(0, 3);
        else out += padded(d.month(), n);
        break;
      case 'w': out += padded(weekOfYear(d).week, n); break;
      case 'W': out += padded(weekOfMonth(d), n); break;
      case 'D': out += padded(d.dayOfYear(), n); break;
      case 'd': out += padded(d.day(), n); break;
      case 'F': out += padded((d.day() - 1) / 7 + 1, n); break;
      case 'E': {
        std::string_view name = kWeekdays[weekdayNumber(d)];
        out += n >= 4 ? name : name.substr(0, 3);
        break;
      }
      case 'u': out += padded(weekdayNumber(d) == 0 ? 7 : weekdayNumber(d), n); break;
      case 'a': out += t.hour() < 12 ? "AM" : "PM"; break;
      case 'H': out += padded(t.hour(), n); break;
      case 'k': out += padded(t.hour() == 0 ? 24 : t.hour(), n); break;
      case 'K': out += padded(t.hour() % 12, n); break;
      case 'h': out += padded(t.hour() % 12 == 0 ? 12 : t.hour() % 12, n); break;
      case 'm': out += padded(t.minute(), n); break;
      case 's': out += padded(t.second(), n); break;
      case 'S': out += padded(t.millisecond(), n); break;
      case 'z': out += n >= 4 ? zone.longName(instant.getTime()) : zone.shortName(instant.getTime()); break;
      case 'Z': out += rfc822Offset(offset); break;
      case 'X':
        if (n > 3) vm.raise(interp::errors::InvalidIso8601, n);
        out += isoOffset(offset, n);
        break;
      default: vm.raise(interp::errors::DateFormatIllegalCharacter, std::string(1, c));
    }
  }
  return out;
}

std::optional<LocalFields> parseDatetimeValue(std::string_view text) {
  size_t pos = 0;
  auto year = digitsAt(text, pos, 4);
  if (!year || !literalAt(text, pos, '-')) return std::nullopt;
  auto month = digitsAt(text, pos, 2);
  if (!month || !literalAt(text, pos, '-')) return std::nullopt;
  auto day = digitsAt(text, pos, 2);
  if (!day) return std::nullopt;
  auto date = Date::fromYearMonthDay(*year, *month, *day);
  if (!date) return std::nullopt;
  if (pos == text.size()) return LocalFields{*date, Time()};
  if (!literalAt(text, pos, ' ')) return std::nullopt;
  auto hour = digitsAt(text, pos, 2);
  if (!hour || !literalAt(text, pos, ':')) return std::nullopt;
  auto minute = digitsAt(text, pos, 2);
  if (!minute || !literalAt(text, pos, ':')) return std::nullopt;
  auto second = digitsAt(text, pos, 2);
  if (!second || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  int millis = 0;
  if (literalAt(text, pos, '.')) {
    size_t start = pos;
    auto fraction = digitsAt(text, pos, 3);
    if (!fraction) return std::nullopt;
    millis = *fraction * (pos - start == 1 ? 100 : pos - start == 2 ? 10 : 1);
  }
  if (pos != text.size()) return std::nullopt;
  return LocalFields{*date, Time::newInstance(*hour, *minute, *second, millis)};
}

std::optional<Date> parseShortDate(std::string_view text) {
  size_t pos = 0;
  auto date = shortDateAt(text, pos);
  if (!date || pos != text.size()) return std::nullopt;
  return date;
}

std::optional<LocalFields> parseShortDatetime(std::string_view text) {
  size_t pos = 0;
  auto date = shortDateAt(text, pos);
  if (!date || !literalAt(text, pos, ' ')) return std::nullopt;
  auto hour = digitsAt(text, pos, 2);
  if (!hour || !literalAt(text, pos, ':')) return std::nullopt;
  auto minute = digitsAt(text, pos, 2);
  if (!minute || !literalAt(text, pos, ' ')) return std::nullopt;
  std::string_view marker = text.substr(pos);
  if ((marker != "AM" && marker != "PM") || *hour < 1 || *hour > 12 || *minute > 59) return std::nullopt;
  int hour24 = *hour % 12 + (marker == "PM" ? 12 : 0);
  return LocalFields{*date, Time::newInstance(hour24, *minute, 0, 0)};
}

}  // namespace apex::stdlib
