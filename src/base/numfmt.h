// Text forms of Apex's primitive numbers: how Integer, Long and Double print
// (String.valueOf / System.debug) and how Integer.valueOf, Long.valueOf and
// Double.valueOf read strings. Apex runs on the JVM and these follow the
// java.lang rules; each function names the rule it follows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apex {

// String.valueOf(Double): Java Double.toString. Shortest digits that read
// back as the same double, laid out plainly when 1e-3 <= |x| < 1e7
// ("3.5", "12.0", "0.001") and as computerized scientific notation otherwise
// ("1.0E7", "1.234E-5"); special values print "NaN", "Infinity",
// "-Infinity", and zero keeps its sign ("-0.0").
std::string formatDouble(double value);
std::string formatLong(std::int64_t value);
std::string formatInt(std::int32_t value);

// Integer.valueOf(String) / Integer.parseInt: Java Integer.parseInt — an
// optional '+' or '-' then ASCII digits only, no blanks, in range. nullopt
// means the caller raises System.TypeException: Invalid integer: <text>.
std::optional<std::int32_t> parseApexInteger(std::string_view text);
// Long.valueOf(String): Java Long.parseLong, same grammar, 64-bit range.
std::optional<std::int64_t> parseApexLong(std::string_view text);
// Double.valueOf(String): Java Double.parseDouble. Leading and trailing
// characters <= ' ' are ignored; accepts "NaN", "[+-]Infinity", decimal
// ("1", "1.", ".5", "1e-3") and hexadecimal ("0x1.8p1") forms, each with an
// optional f/F/d/D suffix. Out-of-range values become ±Infinity or ±0.0.
std::optional<double> parseApexDouble(std::string_view text);

}  // namespace apex
