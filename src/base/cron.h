// Cron expressions as the Apex Scheduler reads them (Apex Developer Guide,
// "Apex Scheduler": System.schedule): `Seconds Minutes Hours Day_of_month
// Month Day_of_week [Year]`, with `, - * / ? L W #`, month and weekday
// names, and the messages a malformed one gets.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/temporal.h"

namespace apex::cron {

inline constexpr int kFirstYear = 1970;
inline constexpr int kLastYear = 2099;

struct Expression {
  std::bitset<60> seconds, minutes;
  std::bitset<24> hours;
  std::bitset<32> daysOfMonth;  // 1..31
  std::bitset<13> months;       // 1..12
  std::bitset<8> daysOfWeek;    // 1 (Sunday)..7 (Saturday)
  std::bitset<kLastYear - kFirstYear + 1> years;
  bool dayOfMonthAny = false;  // `?`: the day of week decides
  bool dayOfWeekAny = false;   // `?`: the day of month decides
  bool lastDayOfMonth = false;        // L
  int lastDayOffset = 0;              // L-3: three days before the last
  bool nearestWeekday = false;        // 15W, LW: the weekday nearest that day
  int lastWeekdayOfMonth = 0;         // 6L: the last Friday (1..7; 0: none)
  std::pair<int, int> nthWeekday{0, 0};  // 6#3: the third Friday
};

// The expression, or the message Salesforce gives for it
// (System.StringException).
std::variant<Expression, std::string> parse(std::string_view text);

// The first time after `date` `time` (local wall time) the expression
// fires, to the second; nullopt when it never fires again.
std::optional<std::pair<Date, Time>> nextFire(const Expression& e, const Date& date, const Time& time);

}  // namespace apex::cron
