#include "base/zones.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>

#include "base/temporal.h"

namespace apex {

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;
constexpr std::int64_t kMillisPerDay = kSecondsPerDay * 1000;

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor) {
  std::int64_t q = value / divisor;
  return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? q - 1 : q;
}

// "+05:30" / "-08:00" as java.util.TimeZone writes a custom ID's offset.
std::string gmtOffsetText(std::int32_t offsetSeconds) {
  std::int32_t minutes = std::abs(offsetSeconds) / 60;
  char text[16];
  std::snprintf(text, sizeof text, "GMT%c%02d:%02d", offsetSeconds < 0 ? '-' : '+', minutes / 60, minutes % 60);
  return text;
}

// java.util.TimeZone custom IDs: GMT, then a sign, then h, hh, hmm, hhmm or
// h[h]:mm (hours 0..23, minutes 0..59). nullopt if `id` is not one.
std::optional<std::int32_t> customOffset(std::string_view id) {
  if (id.size() < 5 || id.substr(0, 3) != "GMT" || (id[3] != '+' && id[3] != '-')) return std::nullopt;
  std::string_view rest = id.substr(4);
  int hours = 0, minutes = 0;
  size_t colon = rest.find(':');
  auto digits = [](std::string_view s, int& out) {
    if (s.empty() || s.size() > 2 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    out = std::stoi(std::string(s));
    return true;
  };
  if (colon != std::string_view::npos) {
    if (rest.size() - colon - 1 != 2 || !digits(rest.substr(0, colon), hours) || !digits(rest.substr(colon + 1), minutes))
      return std::nullopt;
  } else if (rest.size() <= 2) {
    if (!digits(rest, hours)) return std::nullopt;
  } else if (rest.size() <= 4) {
    if (!digits(rest.substr(0, rest.size() - 2), hours) || !digits(rest.substr(rest.size() - 2), minutes))
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  std::int32_t seconds = hours * 3600 + minutes * 60;
  return id[3] == '-' ? -seconds : seconds;
}

// A zone file name under the tz database: letters, digits and `/_+-`,
// no `..`, not the database's own non-zone folders.
bool isZoneFileName(std::string_view id) {
  if (id.empty() || id.front() == '/' || id.find("..") != std::string_view::npos) return false;
  if (id.starts_with("posix") || id.starts_with("right") || id == "posixrules" || id == "localtime") return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' || c == '_' ||
           c == '+' || c == '-';
  });
}

std::string zoneDirectory() {
  const char* dir = std::getenv("TZDIR");
  return dir && *dir ? dir : "/usr/share/zoneinfo";
}

std::int64_t bigEndian(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

// The en_US long names java.util.TimeZone (CLDR metazones) gives the zones
// Salesforce users commonly pick: {standard, daylight}.
struct LongNames {
  const char* standard;
  const char* daylight;
};
const std::map<std::string_view, LongNames>& longNameTable() {
  static const LongNames eastern{"Eastern Standard Time", "Eastern Daylight Time"};
  static const LongNames central{"Central Standard Time", "Central Daylight Time"};
  static const LongNames mountain{"Mountain Standard Time", "Mountain Daylight Time"};
  static const LongNames pacific{"Pacific Standard Time", "Pacific Daylight Time"};
  static const LongNames atlantic{"Atlantic Standard Time", "Atlantic Daylight Time"};
  static const LongNames centralEurope{"Central European Standard Time", "Central European Summer Time"};
  static const LongNames easternEurope{"Eastern European Standard Time", "Eastern European Summer Time"};
  static const LongNames westernEurope{"Western European Standard Time", "Western European Summer Time"};
  static const LongNames gmt{"Greenwich Mean Time", "Greenwich Mean Time"};
  static const LongNames utc{"Coordinated Universal Time", "Coordinated Universal Time"};
  static const LongNames ausEastern{"Australian Eastern Standard Time", "Australian Eastern Daylight Time"};
  static const LongNames ausCentral{"Australian Central Standard Time", "Australian Central Daylight Time"};
  static const std::map<std::string_view, LongNames> table = {
      {"America/New_York", eastern},       {"America/Detroit", eastern},
      {"America/Toronto", eastern},        {"America/Indiana/Indianapolis", eastern},
      {"US/Eastern", eastern},             {"EST5EDT", eastern},
      {"America/Chicago", central},        {"America/Winnipeg", central},
      {"America/Mexico_City", central},    {"America/Regina", central},
      {"America/Costa_Rica", central},     {"America/El_Salvador", central},
      {"America/Guatemala", central},      {"America/Tegucigalpa", central},
      {"US/Central", central},             {"CST6CDT", central},
      {"America/Denver", mountain},        {"America/Edmonton", mountain},
      {"America/Phoenix", mountain},       {"America/Boise", mountain},
      {"US/Mountain", mountain},           {"MST7MDT", mountain},
      {"America/Los_Angeles", pacific},    {"America/Vancouver", pacific},
      {"America/Tijuana", pacific},        {"US/Pacific", pacific},
      {"PST8PDT", pacific},                {"America/Anchorage", {"Alaska Standard Time", "Alaska Daylight Time"}},
      {"Pacific/Honolulu", {"Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Daylight Time"}},
      {"America/Adak", {"Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Daylight Time"}},
      {"America/Halifax", atlantic},       {"America/Puerto_Rico", atlantic},
      {"Atlantic/Bermuda", atlantic},
      {"America/St_Johns", {"Newfoundland Standard Time", "Newfoundland Daylight Time"}},
      {"America/Sao_Paulo", {"Brasilia Standard Time", "Brasilia Summer Time"}},
      {"America/Argentina/Buenos_Aires", {"Argentina Standard Time", "Argentina Summer Time"}},
      {"America/Bogota", {"Colombia Standard Time", "Colombia Summer Time"}},
      {"America/Lima", {"Peru Standard Time", "Peru Summer Time"}},
      {"America/Caracas", {"Venezuela Time", "Venezuela Time"}},
      {"America/Santiago", {"Chile Standard Time", "Chile Summer Time"}},
      {"Europe/London", {"Greenwich Mean Time", "British Summer Time"}},
      {"Europe/Dublin", {"Greenwich Mean Time", "Irish Standard Time"}},
      {"Europe/Lisbon", westernEurope},    {"Atlantic/Canary", westernEurope},
      {"Europe/Paris", centralEurope},     {"Europe/Berlin", centralEurope},
      {"Europe/Amsterdam", centralEurope}, {"Europe/Brussels", centralEurope},
      {"Europe/Madrid", centralEurope},    {"Europe/Rome", centralEurope},
      {"Europe/Vienna", centralEurope},    {"Europe/Stockholm", centralEurope},
      {"Europe/Oslo", centralEurope},      {"Europe/Copenhagen", centralEurope},
      {"Europe/Prague", centralEurope},    {"Europe/Warsaw", centralEurope},
      {"Europe/Zurich", centralEurope},    {"Europe/Budapest", centralEurope},
      {"Europe/Belgrade", centralEurope},  {"Africa/Algiers", centralEurope},
      {"CET", centralEurope},              {"Europe/Athens", easternEurope},
      {"Europe/Helsinki", easternEurope},  {"Europe/Kiev", easternEurope},
      {"Europe/Kyiv", easternEurope},      {"Europe/Bucharest", easternEurope},
      {"Europe/Sofia", easternEurope},     {"Europe/Riga", easternEurope},
      {"Europe/Tallinn", easternEurope},   {"Europe/Vilnius", easternEurope},
      {"Africa/Cairo", easternEurope},     {"EET", easternEurope},
      {"Europe/Moscow", {"Moscow Standard Time", "Moscow Summer Time"}},
      {"Asia/Kolkata", {"India Standard Time", "India Standard Time"}},
      {"Asia/Calcutta", {"India Standard Time", "India Standard Time"}},
      {"Asia/Tokyo", {"Japan Standard Time", "Japan Daylight Time"}},
      {"Asia/Shanghai", {"China Standard Time", "China Daylight Time"}},
      {"Asia/Hong_Kong", {"Hong Kong Standard Time", "Hong Kong Summer Time"}},
      {"Asia/Singapore", {"Singapore Standard Time", "Singapore Standard Time"}},
      {"Asia/Seoul", {"Korean Standard Time", "Korean Daylight Time"}},
      {"Asia/Taipei", {"Taipei Standard Time", "Taipei Daylight Time"}},
      {"Asia/Manila", {"Philippine Standard Time", "Philippine Summer Time"}},
      {"Asia/Bangkok", {"Indochina Time", "Indochina Time"}},
      {"Asia/Jakarta", {"Western Indonesia Time", "Western Indonesia Time"}},
      {"Asia/Dubai", {"Gulf Standard Time", "Gulf Standard Time"}},
      {"Asia/Karachi", {"Pakistan Standard Time", "Pakistan Summer Time"}},
      {"Asia/Jerusalem", {"Israel Standard Time", "Israel Daylight Time"}},
      {"Australia/Sydney", ausEastern},    {"Australia/Melbourne", ausEastern},
      {"Australia/Hobart", ausEastern},    {"Australia/Brisbane", ausEastern},
      {"Australia/Adelaide", ausCentral},  {"Australia/Darwin", ausCentral},
      {"Australia/Perth", {"Australian Western Standard Time", "Australian Western Daylight Time"}},
      {"Pacific/Auckland", {"New Zealand Standard Time", "New Zealand Daylight Time"}},
      {"Africa/Johannesburg", {"South Africa Standard Time", "South Africa Standard Time"}},
      {"Africa/Lagos", {"West Africa Standard Time", "West Africa Summer Time"}},
      {"Africa/Nairobi", {"East Africa Time", "East Africa Time"}},
      {"GMT", gmt},                        {"Etc/GMT", gmt},
      {"Greenwich", gmt},                  {"UTC", utc},
      {"Etc/UTC", utc},                    {"UCT", utc},
      {"Zulu", utc},                       {"Etc/UCT", utc},
  };
  return table;
}

// --- POSIX TZ rules (the TZif footer) ----------------------------------------

struct RuleReader {
  std::string_view text;
  size_t pos = 0;

  bool done() const { return pos >= text.size(); }
  char peek() const { return done() ? '\0' : text[pos]; }

  bool name(std::string& out) {
    if (peek() == '<') {
      size_t close = text.find('>', pos);
      if (close == std::string_view::npos) return false;
      out = std::string(text.substr(pos + 1, close - pos - 1));
      pos = close + 1;
      return true;
    }
    size_t start = pos;
    while (!done() && ((peek() >= 'a' && peek() <= 'z') || (peek() >= 'A' && peek() <= 'Z'))) ++pos;
    out = std::string(text.substr(start, pos - start));
    return out.size() >= 3;
  }
  bool number(int& out) {
    size_t start = pos;
    out = 0;
    while (!done() && peek() >= '0' && peek() <= '9') out = out * 10 + (text[pos++] - '0');
    return pos > start;
  }
  // [+-]hh[:mm[:ss]] as seconds.
  bool duration(std::int32_t& out) {
    int sign = 1;
    if (peek() == '+' || peek() == '-') sign = text[pos++] == '-' ? -1 : 1;
    int h = 0, m = 0, s = 0;
    if (!number(h)) return false;
    if (peek() == ':') {
      ++pos;
      if (!number(m)) return false;
      if (peek() == ':') {
        ++pos;
        if (!number(s)) return false;
      }
    }
    out = sign * (h * 3600 + m * 60 + s);
    return true;
  }
};

// Days since the epoch of a rule date in `year`.
std::int64_t ruleDay(int kind, int month, int week, int weekday, int day, std::int64_t year) {
  auto jan1 = Date::fromYearMonthDay(static_cast<int>(year), 1, 1)->daysSinceEpoch();
  if (kind == 'J') return jan1 + day - 1 + (Date::isLeapYear(year) && day >= 60 ? 1 : 0);
  if (kind == 'N') return jan1 + day;
  Date first = *Date::fromYearMonthDay(static_cast<int>(year), month, 1);
  int firstWeekday = static_cast<int>(first.dayOfWeek());
  std::int64_t dayOfMonth = 1 + (weekday - firstWeekday + 7) % 7 + 7 * (week - 1);
  while (dayOfMonth > Date::daysInMonth(year, month)) dayOfMonth -= 7;
  return first.daysSinceEpoch() + dayOfMonth - 1;
}

}  // namespace

bool Zone::parseRule(std::string_view text, Rule& rule) {
  RuleReader r{text};
  std::int32_t posixOffset = 0;
  if (!r.name(rule.standard.abbreviation) || !r.duration(posixOffset)) return false;
  rule.standard.offsetSeconds = -posixOffset;  // POSIX counts west of Greenwich
  if (r.done()) return true;
  if (!r.name(rule.daylight.abbreviation)) return false;
  rule.hasDaylight = true;
  rule.daylight.dst = true;
  rule.daylight.offsetSeconds = rule.standard.offsetSeconds + 3600;
  if (r.peek() != ',') {
    if (!r.duration(posixOffset)) return false;
    rule.daylight.offsetSeconds = -posixOffset;
  }
  auto when = [&r](Rule::When& w) {
    if (r.peek() != ',') return false;
    ++r.pos;
    if (r.peek() == 'M') {
      ++r.pos;
      w.kind = 'M';
      if (!r.number(w.month) || r.peek() != '.') return false;
      ++r.pos;
      if (!r.number(w.week) || r.peek() != '.') return false;
      ++r.pos;
      if (!r.number(w.weekday)) return false;
    } else {
      w.kind = 'N';
      if (r.peek() == 'J') {
        w.kind = 'J';
        ++r.pos;
      }
      if (!r.number(w.day)) return false;
    }
    if (r.peek() == '/') {
      ++r.pos;
      return r.duration(w.secondsIntoDay);
    }
    return true;
  };
  return when(rule.start) && when(rule.end);
}

const Zone::Type& Zone::ruleTypeAt(std::int64_t utcSeconds) const {
  if (!rule_.hasDaylight) return rule_.standard;
  std::int64_t year = Datetime::fromEpochMillis(utcSeconds * 1000).dateGmt().year();
  auto instant = [&](const Rule::When& w, std::int64_t y, std::int32_t offsetBefore) {
    return ruleDay(w.kind, w.month, w.week, w.weekday, w.day, y) * kSecondsPerDay + w.secondsIntoDay - offsetBefore;
  };
  // Check this year and its neighbours: a local year starts hours before
  // or after the UTC one.
  for (std::int64_t y = year + 1; y >= year - 1; --y) {
    std::int64_t start = instant(rule_.start, y, rule_.standard.offsetSeconds);
    std::int64_t end = instant(rule_.end, y, rule_.daylight.offsetSeconds);
    if (start < end) {  // northern hemisphere: daylight time inside the year
      if (utcSeconds >= end) return rule_.standard;
      if (utcSeconds >= start) return rule_.daylight;
    } else {  // southern: daylight time spans the new year
      if (utcSeconds >= start) return rule_.daylight;
      if (utcSeconds >= end) return rule_.standard;
    }
  }
  return rule_.standard;
}

bool Zone::parseTzif(const std::string& bytes) {
  auto data = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t size = bytes.size();
  auto header = [&](size_t at, std::int64_t counts[6]) {
    if (at + 44 > size || bytes.compare(at, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; ++i) counts[i] = bigEndian(data + at + 20 + 4 * i, 4);
    return true;
  };
  std::int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!header(0, c)) return false;
  int timeSize = 4;
  size_t at = 44;
  auto blockSize = [&](int ts) {
    return size_t(c[3] * ts + c[3] + c[4] * 6 + c[5] + c[2] * (ts + 4) + c[1] + c[0]);
  };
  if (bytes[4] >= '2') {  // skip the 32-bit block for the 64-bit one
    at += blockSize(4);
    if (!header(at, c)) return false;
    at += 44;
    timeSize = 8;
  }
  if (at + blockSize(timeSize) > size || c[4] < 1) return false;
  const unsigned char* times = data + at;
  const unsigned char* indices = times + c[3] * timeSize;
  const unsigned char* infos = indices + c[3];
  const char* chars = reinterpret_cast<const char*>(infos + c[4] * 6);
  for (std::int64_t i = 0; i < c[4]; ++i) {
    const unsigned char* info = infos + i * 6;
    Type type;
    type.offsetSeconds = static_cast<std::int32_t>(bigEndian(info, 4));
    type.dst = info[4] != 0;
    if (info[5] < c[5]) type.abbreviation = std::string(chars + info[5]);
    types_.push_back(std::move(type));
  }
  for (std::int64_t i = 0; i < c[3]; ++i) {
    int type = indices[i];
    if (type >= c[4]) return false;
    transitions_.push_back({bigEndian(times + i * timeSize, timeSize), type});
  }
  if (timeSize == 8) {
    size_t footer = at + blockSize(8);
    if (footer < size && bytes[footer] == '\n') {
      size_t end = bytes.find('\n', footer + 1);
      if (end != std::string::npos && end > footer + 1)
        hasRule_ = parseRule(std::string_view(bytes).substr(footer + 1, end - footer - 1), rule_);
    }
  }
  return true;
}

std::shared_ptr<const Zone> Zone::fixed(std::string id, std::int32_t offsetSeconds) {
  auto zone = std::shared_ptr<Zone>(new Zone());
  zone->id_ = std::move(id);
  zone->types_.push_back({offsetSeconds, false, offsetSeconds == 0 ? zone->id_ : gmtOffsetText(offsetSeconds)});
  return zone;
}

std::shared_ptr<const Zone> Zone::load(const std::string& id) {
  if (!isZoneFileName(id)) return nullptr;
  std::ifstream in(zoneDirectory() + "/" + id, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto zone = std::shared_ptr<Zone>(new Zone());
  zone->id_ = id;
  if (!zone->parseTzif(bytes)) return nullptr;
  return zone;
}

std::shared_ptr<const Zone> Zone::gmt() {
  static const std::shared_ptr<const Zone> zone = fixed("GMT", 0);
  return zone;
}

// Apex Reference: TimeZone Class — getTimeZone(timeZoneIdString), which
// follows java.util.TimeZone.getTimeZone(String).
std::shared_ptr<const Zone> Zone::forId(std::string_view id) {
  // Shared by the threads of `apexrun serve`.
  static std::map<std::string, std::shared_ptr<const Zone>, std::less<>> cache;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  std::shared_ptr<const Zone> zone;
  if (id == "GMT") zone = gmt();
  else if (auto offset = customOffset(id)) zone = fixed(gmtOffsetText(*offset), *offset);
  else zone = load(std::string(id));
  if (!zone) zone = gmt();
  cache.emplace(std::string(id), zone);
  return zone;
}

const Zone::Type& Zone::typeAt(std::int64_t utcMillis) const {
  std::int64_t seconds = floorDiv(utcMillis, 1000);
  if (transitions_.empty()) return hasRule_ ? ruleTypeAt(seconds) : types_.front();
  if (seconds < transitions_.front().at) {
    // RFC 8536: before the first transition, the first standard-time type.
    auto standard = std::find_if(types_.begin(), types_.end(), [](const Type& t) { return !t.dst; });
    return standard != types_.end() ? *standard : types_.front();
  }
  if (seconds >= transitions_.back().at && hasRule_) return ruleTypeAt(seconds);
  auto next = std::upper_bound(transitions_.begin(), transitions_.end(), seconds,
                               [](std::int64_t s, const Transition& t) { return s < t.at; });
  return types_[static_cast<size_t>(std::prev(next)->type)];
}

std::int64_t Zone::utcFromLocal(std::int64_t localMillis) const {
  // Offsets never reach a day, so the offsets a day either side bracket
  // any shift at this local time.
  std::int64_t before = offsetMillisAt(localMillis - kMillisPerDay);
  std::int64_t after = offsetMillisAt(localMillis + kMillisPerDay);
  if (offsetMillisAt(localMillis - after) == after) return localMillis - after;
  return localMillis - before;
}

std::string Zone::shortName(std::int64_t utcMillis) const {
  const Type& type = typeAt(utcMillis);
  const std::string& abbreviation = type.abbreviation;
  bool alphabetic = !abbreviation.empty() && std::all_of(abbreviation.begin(), abbreviation.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  });
  if (alphabetic) return abbreviation;
  return gmtOffsetText(type.offsetSeconds);
}

std::string Zone::longName(std::int64_t utcMillis) const {
  const Type& type = typeAt(utcMillis);
  const auto& table = longNameTable();
  if (auto it = table.find(id_); it != table.end()) return type.dst ? it->second.daylight : it->second.standard;
  return gmtOffsetText(type.offsetSeconds);
}

std::int32_t Zone::standardOffsetSeconds() const {
  if (hasRule_) return rule_.standard.offsetSeconds;
  for (auto it = transitions_.rbegin(); it != transitions_.rend(); ++it)
    if (!types_[static_cast<size_t>(it->type)].dst) return types_[static_cast<size_t>(it->type)].offsetSeconds;
  return types_.front().offsetSeconds;
}

// Apex Reference: TimeZone Class — getDisplayName(): "Pacific Standard Time"
// for America/Los_Angeles, whatever the date.
std::string Zone::displayName() const {
  const auto& table = longNameTable();
  if (auto it = table.find(id_); it != table.end()) return it->second.standard;
  std::int32_t offset = standardOffsetSeconds();
  return offset == 0 && id_ == "GMT" ? "Greenwich Mean Time" : gmtOffsetText(offset);
}

}  // namespace apex
