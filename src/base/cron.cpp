#include "base/cron.h"

#include <array>
#include <span>
#include <cctype>
#include <vector>

#include "base/text.h"

namespace apex::cron {
namespace {

enum class Field { Second, Minute, Hour, DayOfMonth, Month, DayOfWeek, Year };

struct FieldSpec {
  int min, max;
  std::string_view rangeMessage;
};

// Salesforce passes on the messages of the scheduler it runs (Quartz).
constexpr FieldSpec kFields[] = {
    {0, 59, "Minute and Second values must be between 0 and 59"},
    {0, 59, "Minute and Second values must be between 0 and 59"},
    {0, 23, "Hour values must be between 0 and 23"},
    {1, 31, "Day of month values must be between 1 and 31"},
    {1, 12, "Month values must be between 1 and 12"},
    {1, 7, "Day-of-Week values must be between 1 and 7"},
    {kFirstYear, kLastYear, "Year values must be between 1970 and 2099"},
};

constexpr std::array<std::string_view, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kDayNames = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

using Problem = std::optional<std::string>;

class FieldParser {
 public:
  FieldParser(Field field, Expression& e) : field_(field), spec_(kFields[int(field)]), e_(e) {}

  Problem parse(std::string_view text) {
    for (const std::string& item : text::split(text, ',')) {
      if (Problem p = item_(text::toUpperCase(item))) return p;
    }
    return std::nullopt;
  }

 private:
  // One value: a number or, for months and weekdays, a name.
  std::optional<int> value(std::string_view token, std::string* problem) {
    if (token.empty()) {
      *problem = "Unexpected end of expression.";
      return std::nullopt;
    }
    if (std::isdigit(static_cast<unsigned char>(token[0]))) {
      for (char c : token)
        if (!std::isdigit(static_cast<unsigned char>(c))) {
          *problem = "Illegal characters for this position: '" + std::string(token) + "'";
          return std::nullopt;
        }
      int n = token.size() > 6 ? 1000000 : std::stoi(std::string(token));
      if (n < spec_.min || n > spec_.max) {
        *problem = std::string(spec_.rangeMessage);
        return std::nullopt;
      }
      return n;
    }
    if (field_ == Field::Month || field_ == Field::DayOfWeek) {
      auto names = field_ == Field::Month ? std::span<const std::string_view>(kMonthNames)
                                          : std::span<const std::string_view>(kDayNames);
      for (size_t i = 0; i < names.size(); ++i)
        if (token == names[i]) return int(i) + 1;
      *problem = std::string(field_ == Field::Month ? "Invalid Month value: '" : "Invalid Day-of-Week value: '") +
                 std::string(token) + "'";
      return std::nullopt;
    }
    *problem = "Illegal characters for this position: '" + std::string(token) + "'";
    return std::nullopt;
  }

  void set(int v) {
    switch (field_) {
      case Field::Second: e_.seconds.set(size_t(v)); break;
      case Field::Minute: e_.minutes.set(size_t(v)); break;
      case Field::Hour: e_.hours.set(size_t(v)); break;
      case Field::DayOfMonth: e_.daysOfMonth.set(size_t(v)); break;
      case Field::Month: e_.months.set(size_t(v)); break;
      case Field::DayOfWeek: e_.daysOfWeek.set(size_t(v)); break;
      case Field::Year: e_.years.set(size_t(v - kFirstYear)); break;
    }
  }

  // The L, W and # forms of the day fields; nullopt when `item` is none.
  std::optional<Problem> special(const std::string& item) {
    std::string problem;
    if (field_ == Field::DayOfMonth) {
      if (item == "L" || item == "LW" || item.starts_with("L-")) {
        e_.lastDayOfMonth = true;
        e_.nearestWeekday = item == "LW";
        if (item.starts_with("L-")) {
          auto offset = value(item.substr(2), &problem);
          if (!offset) return Problem(problem);
          e_.lastDayOffset = *offset;
        }
        return Problem();
      }
      if (item.size() > 1 && item.back() == 'W') {
        auto day = value(item.substr(0, item.size() - 1), &problem);
        if (!day) return Problem(problem);
        e_.nearestWeekday = true;
        set(*day);
        return Problem();
      }
    }
    if (field_ == Field::DayOfWeek) {
      if (item == "L") {
        set(7);
        return Problem();
      }
      if (item.size() > 1 && item.back() == 'L') {
        auto day = value(item.substr(0, item.size() - 1), &problem);
        if (!day) return Problem(problem);
        e_.lastWeekdayOfMonth = *day;
        return Problem();
      }
      if (size_t hash = item.find('#'); hash != std::string::npos) {
        auto day = value(item.substr(0, hash), &problem);
        if (!day) return Problem(problem);
        std::string nth = item.substr(hash + 1);
        if (nth.size() != 1 || nth[0] < '1' || nth[0] > '5')
          return Problem("A numeric value between 1 and 5 must follow the '#' option");
        e_.nthWeekday = {*day, nth[0] - '0'};
        return Problem();
      }
    }
    return std::nullopt;
  }

  Problem item_(const std::string& item) {
    if (item == "?") {
      if (field_ == Field::DayOfMonth) e_.dayOfMonthAny = true;
      else if (field_ == Field::DayOfWeek) e_.dayOfWeekAny = true;
      else return "'?' can only be specified for Day-of-Month or Day-of-Week.";
      return std::nullopt;
    }
    if (auto handled = special(item)) return *handled;
    std::string problem;
    std::string range = item;
    int step = 1;
    if (size_t slash = item.find('/'); slash != std::string::npos) {
      range = item.substr(0, slash);
      std::string stepText = item.substr(slash + 1);
      if (stepText.empty() || stepText.find_first_not_of("0123456789") != std::string::npos || stepText.size() > 4)
        return "Illegal characters for this position: '" + stepText + "'";
      step = std::stoi(stepText);
      if (step == 0 || step > spec_.max) return "Increment > " + std::to_string(spec_.max) + " : " + stepText;
    }
    int from = spec_.min, to = spec_.max;
    if (range != "*") {
      size_t dash = range.find('-', 1);
      auto first = value(range.substr(0, dash), &problem);
      if (!first) return problem;
      from = *first;
      to = from;
      if (dash != std::string::npos) {
        auto last = value(range.substr(dash + 1), &problem);
        if (!last) return problem;
        to = *last;
      } else if (item.find('/') != std::string::npos) {
        to = spec_.max;  // 5/15: from 5 on, every 15
      }
    }
    // A range may wrap (FRI-MON, 22-2).
    int span = spec_.max - spec_.min + 1;
    int count = (to >= from ? to - from : to - from + span) + 1;
    for (int k = 0; k < count; k += step) set(spec_.min + (from - spec_.min + k) % span);
    return std::nullopt;
  }

  Field field_;
  FieldSpec spec_;
  Expression& e_;
};

int weekdayNumber(const Date& d) { return int(d.dayOfWeek()) + 1; }  // Sunday is 1

Date lastOfMonth(const Date& d) {
  return *Date::fromYearMonthDay(d.year(), d.month(), Date::daysInMonth(d.year(), d.month()));
}

// The weekday nearest `day` in its month (W): Saturday moves to Friday and
// Sunday to Monday, never into another month.
int nearestWeekdayOf(const Date& day) {
  int weekday = weekdayNumber(day);
  int last = Date::daysInMonth(day.year(), day.month());
  if (weekday == 7) return day.day() == 1 ? 3 : day.day() - 1;
  if (weekday == 1) return day.day() == last ? day.day() - 2 : day.day() + 1;
  return day.day();
}

bool dayOfMonthMatches(const Expression& e, const Date& d) {
  Date last = lastOfMonth(d);
  if (e.lastDayOfMonth) {
    Date target = last.addDays(-e.lastDayOffset);
    if (target.month() != d.month()) return false;
    return d.day() == (e.nearestWeekday ? nearestWeekdayOf(target) : target.day());
  }
  if (e.nearestWeekday) {
    for (int day = 1; day <= last.day(); ++day)
      if (e.daysOfMonth.test(size_t(day)) && nearestWeekdayOf(*Date::fromYearMonthDay(d.year(), d.month(), day)) == d.day())
        return true;
    return false;
  }
  return e.daysOfMonth.test(size_t(d.day()));
}

bool dayOfWeekMatches(const Expression& e, const Date& d) {
  int weekday = weekdayNumber(d);
  if (e.lastWeekdayOfMonth) return weekday == e.lastWeekdayOfMonth && d.addDays(7).month() != d.month();
  if (e.nthWeekday.first) return weekday == e.nthWeekday.first && (d.day() - 1) / 7 + 1 == e.nthWeekday.second;
  return e.daysOfWeek.test(size_t(weekday));
}

bool dayMatches(const Expression& e, const Date& d) {
  if (d.year() < kFirstYear || d.year() > kLastYear || !e.years.test(size_t(d.year() - kFirstYear))) return false;
  if (!e.months.test(size_t(d.month()))) return false;
  return e.dayOfMonthAny ? dayOfWeekMatches(e, d) : dayOfMonthMatches(e, d);
}

// The first second of the day at or after `from` (seconds of the day) that
// the expression allows; -1 when none is left.
int firstSecondFrom(const Expression& e, int from) {
  for (int s = from; s < 86400; ++s)
    if (e.hours.test(size_t(s / 3600)) && e.minutes.test(size_t(s / 60 % 60)) && e.seconds.test(size_t(s % 60)))
      return s;
  return -1;
}

}  // namespace

std::variant<Expression, std::string> parse(std::string_view text) {
  std::vector<std::string> fields;
  for (std::string& part : text::split(text::trimJava(text), ' '))
    if (!part.empty()) fields.push_back(std::move(part));
  if (fields.size() < 6) return std::string("Unexpected end of expression.");
  if (fields.size() > 7) return "Illegal characters for this position: '" + fields[7] + "'";
  Expression e;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (Problem p = FieldParser(Field(i), e).parse(fields[i])) return *p;
  }
  if (fields.size() == 6) e.years.set();
  if (e.dayOfMonthAny && e.dayOfWeekAny) return std::string("'?' can only be specified for Day-of-Month -OR- Day-of-Week.");
  if (!e.dayOfMonthAny && !e.dayOfWeekAny)
    return std::string("Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.");
  return e;
}

std::optional<std::pair<Date, Time>> nextFire(const Expression& e, const Date& date, const Time& time) {
  int from = time.millisOfDay() / 1000 + 1;
  Date day = date;
  if (from >= 86400) {
    day = day.addDays(1);
    from = 0;
  }
  for (; day.year() <= kLastYear; day = day.addDays(1), from = 0) {
    if (!dayMatches(e, day)) continue;
    int second = firstSecondFrom(e, from);
    if (second >= 0) return std::make_pair(day, Time::newInstance(second / 3600, second / 60 % 60, second % 60, 0));
  }
  return std::nullopt;
}

}  // namespace apex::cron
