// Unit tests for the Apex Scheduler's cron expressions (base/cron.h):
// parsing, the messages of malformed ones, and the next fire time.
#include "base/cron.h"

#include <catch2/catch.hpp>

#include <string>

namespace {

apex::cron::Expression cronOf(const char* text) {
  auto parsed = apex::cron::parse(text);
  if (auto* problem = std::get_if<std::string>(&parsed)) FAIL(*problem);
  return std::get<apex::cron::Expression>(parsed);
}

std::string cronProblem(const char* text) {
  auto parsed = apex::cron::parse(text);
  auto* problem = std::get_if<std::string>(&parsed);
  return problem ? *problem : "(parsed)";
}

// The next fire after `from` (yyyy-mm-dd hh:mm:ss) as the same layout.
std::string nextAfter(const char* text, int y, int mo, int d, int h, int mi, int s) {
  auto next = apex::cron::nextFire(cronOf(text), *apex::Date::fromYearMonthDay(y, mo, d),
                                   apex::Time::newInstance(h, mi, s, 0));
  if (!next) return "never";
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d %02d:%02d:%02d", next->first.year(), next->first.month(),
                next->first.day(), next->second.hour(), next->second.minute(), next->second.second());
  return out;
}

}  // namespace

TEST_CASE("cron: malformed expressions get the scheduler's messages", "[cron]") {
  CHECK(cronProblem("0 0 2 * *") == "Unexpected end of expression.");
  CHECK(cronProblem("0 0 24 * * ?") == "Hour values must be between 0 and 23");
  CHECK(cronProblem("60 0 0 * * ?") == "Minute and Second values must be between 0 and 59");
  CHECK(cronProblem("0 0 0 32 * ?") == "Day of month values must be between 1 and 31");
  CHECK(cronProblem("0 0 0 ? 13 MON") == "Month values must be between 1 and 12");
  CHECK(cronProblem("0 0 0 ? * 8") == "Day-of-Week values must be between 1 and 7");
  CHECK(cronProblem("0 0 0 ? * FUN") == "Invalid Day-of-Week value: 'FUN'");
  CHECK(cronProblem("0 0 0 * * MON") ==
        "Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.");
  CHECK(cronProblem("0 0 0 ? * ?") == "'?' can only be specified for Day-of-Month -OR- Day-of-Week.");
  CHECK(cronProblem("? 0 0 * * ?") == "'?' can only be specified for Day-of-Month or Day-of-Week.");
  CHECK(cronProblem("0 0 x * * ?") == "Illegal characters for this position: 'X'");
}

TEST_CASE("cron: the next fire time", "[cron]") {
  // Every day at 02:00: later today, or tomorrow once past.
  CHECK(nextAfter("0 0 2 * * ?", 2026, 12, 7, 1, 0, 0) == "2026-12-07 02:00:00");
  CHECK(nextAfter("0 0 2 * * ?", 2026, 12, 7, 2, 0, 0) == "2026-12-08 02:00:00");
  // Weekdays at 09:30 (2026-12-11 is a Friday).
  CHECK(nextAfter("0 30 9 ? * MON-FRI", 2026, 12, 11, 10, 0, 0) == "2026-12-14 09:30:00");
  // Every 15 minutes from minute 5.
  CHECK(nextAfter("0 5/15 * * * ?", 2026, 1, 1, 0, 21, 0) == "2026-01-01 00:35:00");
  // The last day of February in a leap year, and the last Friday.
  CHECK(nextAfter("0 0 12 L * ?", 2028, 2, 3, 0, 0, 0) == "2028-02-29 12:00:00");
  CHECK(nextAfter("0 0 12 ? * 6L", 2026, 12, 1, 0, 0, 0) == "2026-12-25 12:00:00");
  // The second Monday, and the weekday nearest the 1st (a Saturday: Monday the 3rd).
  CHECK(nextAfter("0 0 8 ? * 2#2", 2026, 12, 1, 0, 0, 0) == "2026-12-14 08:00:00");
  CHECK(nextAfter("0 0 8 1W * ?", 2027, 4, 2, 0, 0, 0) == "2027-05-03 08:00:00");
  // Months by name and a year field; a year gone by never fires again.
  CHECK(nextAfter("0 0 0 1 JAN,JUL ? 2027", 2026, 12, 7, 0, 0, 0) == "2027-01-01 00:00:00");
  CHECK(nextAfter("0 0 0 1 1 ? 2020", 2026, 12, 7, 0, 0, 0) == "never");
}
