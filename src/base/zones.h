// Time zones with real IANA rules, read from the system tz database
// (TZif files under /usr/share/zoneinfo, or $TZDIR), for Apex's TimeZone
// class and the running user's local time.
//
// Zones are looked up as java.util.TimeZone.getTimeZone does, which Apex
// wraps: an IANA ID (`America/New_York`), `GMT`/`UTC`, or a custom
// `GMT+5`/`GMT-08:00` ID; anything else is GMT.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace apex {

class Zone {
 public:
  // One local time type of the zone (TZif `ttinfo`).
  struct Type {
    std::int32_t offsetSeconds = 0;  // ahead of UTC
    bool dst = false;
    std::string abbreviation;  // `EST`, `CEST`, or numeric (`+0530`, `-03`)
  };

  // Never null: unknown IDs give the GMT zone (ID `GMT`). Zones are cached.
  static std::shared_ptr<const Zone> forId(std::string_view id);
  static std::shared_ptr<const Zone> gmt();

  const std::string& id() const { return id_; }

  const Type& typeAt(std::int64_t utcMillis) const;
  std::int64_t offsetMillisAt(std::int64_t utcMillis) const {
    return std::int64_t(typeAt(utcMillis).offsetSeconds) * 1000;
  }
  // The instant a local wall-clock time names, resolved as
  // java.util.GregorianCalendar does: a time skipped by a forward shift
  // reads with the offset before it (2:30 on a spring-forward night is
  // 3:30 daylight time); a time repeated by a backward shift reads with the
  // offset after it (the second, standard-time 1:30).
  std::int64_t utcFromLocal(std::int64_t localMillis) const;

  // SimpleDateFormat `z` and `zzzz` in en_US: `EST`, `Eastern Standard Time`.
  std::string shortName(std::int64_t utcMillis) const;
  std::string longName(std::int64_t utcMillis) const;
  // TimeZone.getDisplayName(): the long standard-time name.
  std::string displayName() const;

 private:
  struct Transition {
    std::int64_t at;  // UTC seconds
    int type;         // index into types_
  };
  // The POSIX TZ footer that extends the rules past the last transition.
  struct Rule {
    struct When {
      char kind = 'M';  // 'M' month.week.day, 'J' Julian 1..365 without Feb 29, 'N' 0..365
      int month = 0, week = 0, weekday = 0, day = 0;
      std::int32_t secondsIntoDay = 7200;
    };
    Type standard, daylight;
    bool hasDaylight = false;
    When start, end;
  };

  Zone() = default;
  static std::shared_ptr<const Zone> fixed(std::string id, std::int32_t offsetSeconds);
  static std::shared_ptr<const Zone> load(const std::string& id);
  bool parseTzif(const std::string& bytes);
  static bool parseRule(std::string_view text, Rule& rule);
  const Type& ruleTypeAt(std::int64_t utcSeconds) const;
  std::int32_t standardOffsetSeconds() const;

  std::string id_;
  std::vector<Type> types_;
  std::vector<Transition> transitions_;
  bool hasRule_ = false;
  Rule rule_;
};

}  // namespace apex
