// Unit tests for the Integer/Long/Double text conversions. Expected strings
// follow Java's Double.toString, Integer.parseInt, Long.parseLong and
// Double.parseDouble, which Apex's String.valueOf and X.valueOf(String) use.
#include "base/numfmt.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

using apex::formatDouble;
using apex::formatInt;
using apex::formatLong;
using apex::parseApexDouble;
using apex::parseApexInteger;
using apex::parseApexLong;

TEST_CASE("formatDouble: plain notation between 1e-3 and 1e7", "[numfmt][double]") {
    CHECK(formatDouble(3.5) == "3.5");
    CHECK(formatDouble(12.0) == "12.0");
    CHECK(formatDouble(100.0) == "100.0");
    CHECK(formatDouble(-42.25) == "-42.25");
    CHECK(formatDouble(0.001) == "0.001");
    CHECK(formatDouble(0.0123) == "0.0123");
    CHECK(formatDouble(9999999.0) == "9999999.0");
    CHECK(formatDouble(9999999.999999998) == "9999999.999999998");
    CHECK(formatDouble(1234567.125) == "1234567.125");
    CHECK(formatDouble(0.1 + 0.2) == "0.30000000000000004");
    CHECK(formatDouble(1.0 / 3) == "0.3333333333333333");
    CHECK(formatDouble(5.0 / 3) == "1.6666666666666667");
    CHECK(formatDouble(175000.0 / 3) == "58333.333333333336");  // as Apex prints 175000.0/3
}

TEST_CASE("formatDouble: computerized scientific notation outside that range", "[numfmt][double]") {
    CHECK(formatDouble(1e7) == "1.0E7");
    CHECK(formatDouble(1.0e-4) == "1.0E-4");
    CHECK(formatDouble(1.234e-5) == "1.234E-5");
    CHECK(formatDouble(0.00099) == "9.9E-4");
    CHECK(formatDouble(123456789.0) == "1.23456789E8");
    CHECK(formatDouble(-1.5e-7) == "-1.5E-7");
    CHECK(formatDouble(1e21) == "1.0E21");
    CHECK(formatDouble(1e100) == "1.0E100");
    CHECK(formatDouble(std::numeric_limits<double>::max()) == "1.7976931348623157E308");
    CHECK(formatDouble(std::numeric_limits<double>::min()) == "2.2250738585072014E-308");
    CHECK(formatDouble(std::numeric_limits<double>::denorm_min()) == "4.9E-324");
}

TEST_CASE("formatDouble: zeros and special values", "[numfmt][double]") {
    CHECK(formatDouble(0.0) == "0.0");
    CHECK(formatDouble(-0.0) == "-0.0");
    CHECK(formatDouble(std::nan("")) == "NaN");
    CHECK(formatDouble(std::numeric_limits<double>::infinity()) == "Infinity");
    CHECK(formatDouble(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

TEST_CASE("formatDouble output reads back to the same double", "[numfmt][double]") {
    for (double value : {0.1, 2.0 / 3, 1e-300, 6.02214076e23, 9007199254740993.0, 1e7 - 1e-9, 0.001 - 1e-19}) {
        INFO(formatDouble(value));
        auto back = parseApexDouble(formatDouble(value));
        REQUIRE(back.has_value());
        CHECK(*back == value);
    }
}

TEST_CASE("formatLong and formatInt", "[numfmt]") {
    CHECK(formatInt(0) == "0");
    CHECK(formatInt(-17) == "-17");
    CHECK(formatInt(std::numeric_limits<std::int32_t>::min()) == "-2147483648");
    CHECK(formatLong(std::numeric_limits<std::int64_t>::max()) == "9223372036854775807");
    CHECK(formatLong(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775808");
}

TEST_CASE("parseApexInteger accepts Integer.parseInt's grammar", "[numfmt][integer]") {
    CHECK(parseApexInteger("42") == 42);
    CHECK(parseApexInteger("-42") == -42);
    CHECK(parseApexInteger("+42") == 42);
    CHECK(parseApexInteger("0") == 0);
    CHECK(parseApexInteger("-0") == 0);
    CHECK(parseApexInteger("007") == 7);
    CHECK(parseApexInteger("2147483647") == std::numeric_limits<std::int32_t>::max());
    CHECK(parseApexInteger("-2147483648") == std::numeric_limits<std::int32_t>::min());
}

TEST_CASE("parseApexInteger rejects everything else", "[numfmt][integer]") {
    for (const char* bad : {"", "+", "-", "abc", "12a", "1.0", "1e3", " 1", "1 ", "+-1", "--1", "-+1", "0x10",
                            "1_000", "1,000", "2147483648", "-2147483649", "99999999999999999999"}) {
        INFO("input: \"" << bad << "\"");
        CHECK_FALSE(parseApexInteger(bad).has_value());
    }
}

TEST_CASE("parseApexLong uses the 64-bit range", "[numfmt][long]") {
    CHECK(parseApexLong("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
    CHECK(parseApexLong("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
    CHECK(parseApexLong("+2147483648") == 2147483648LL);
    CHECK_FALSE(parseApexLong("9223372036854775808").has_value());
    CHECK_FALSE(parseApexLong("-9223372036854775809").has_value());
    CHECK_FALSE(parseApexLong("12L").has_value());
    CHECK_FALSE(parseApexLong("").has_value());
}

TEST_CASE("parseApexDouble: decimal forms", "[numfmt][double]") {
    CHECK(parseApexDouble("3.14") == 3.14);
    CHECK(parseApexDouble("-1.5e3") == -1500.0);
    CHECK(parseApexDouble("+1.5E+3") == 1500.0);
    CHECK(parseApexDouble("1E-3") == 0.001);
    CHECK(parseApexDouble(".5") == 0.5);
    CHECK(parseApexDouble("5.") == 5.0);
    CHECK(parseApexDouble("007") == 7.0);
    CHECK(parseApexDouble("1.5f") == 1.5);
    CHECK(parseApexDouble("1.5D") == 1.5);
    CHECK(parseApexDouble("2d") == 2.0);
    CHECK(parseApexDouble("4.9e-324") == std::numeric_limits<double>::denorm_min());
    auto negativeZero = parseApexDouble("-0.0");
    REQUIRE(negativeZero.has_value());
    CHECK(*negativeZero == 0.0);
    CHECK(std::signbit(*negativeZero));
}

TEST_CASE("parseApexDouble trims characters up to space like String.trim", "[numfmt][double]") {
    CHECK(parseApexDouble("  3.14  ") == 3.14);
    CHECK(parseApexDouble("\t\n1\r\n") == 1.0);
    CHECK_FALSE(parseApexDouble("   ").has_value());
    CHECK_FALSE(parseApexDouble("1 2").has_value());
}

TEST_CASE("parseApexDouble: special values and hexadecimal", "[numfmt][double]") {
    CHECK(std::isnan(*parseApexDouble("NaN")));
    CHECK(std::isnan(*parseApexDouble("-NaN")));
    CHECK(parseApexDouble("Infinity") == std::numeric_limits<double>::infinity());
    CHECK(parseApexDouble("+Infinity") == std::numeric_limits<double>::infinity());
    CHECK(parseApexDouble("-Infinity") == -std::numeric_limits<double>::infinity());
    CHECK(parseApexDouble("0x1.8p1") == 3.0);
    CHECK(parseApexDouble("-0X10P-4") == -1.0);
    CHECK(parseApexDouble("0x.8p0d") == 0.5);
    CHECK_FALSE(parseApexDouble("0x10").has_value());  // Java requires the binary exponent
    CHECK_FALSE(parseApexDouble("0xp1").has_value());
}

TEST_CASE("parseApexDouble: out-of-range values saturate like Java", "[numfmt][double]") {
    CHECK(parseApexDouble("1e400") == std::numeric_limits<double>::infinity());
    CHECK(parseApexDouble("-1e400") == -std::numeric_limits<double>::infinity());
    CHECK(parseApexDouble("0.00000000000000000000000000000001e400") == std::numeric_limits<double>::infinity());
    auto tiny = parseApexDouble("-1e-400");
    REQUIRE(tiny.has_value());
    CHECK(*tiny == 0.0);
    CHECK(std::signbit(*tiny));
    CHECK(parseApexDouble("100000000000000000000000000000e-360") == 0.0);
    CHECK(parseApexDouble("1e99999999999999999999") == std::numeric_limits<double>::infinity());
    CHECK(parseApexDouble("0x1p5000") == std::numeric_limits<double>::infinity());
}

TEST_CASE("parseApexDouble rejects malformed text", "[numfmt][double]") {
    for (const char* bad : {"", "abc", ".", "e5", "1e", "1e+", "1.2.3", "1_000", "1,5", "infinity", "nan", "Inf",
                            "1.5ff", "1.5L", "--1", "+-1", "0x", "1e5.5"}) {
        INFO("input: \"" << bad << "\"");
        CHECK_FALSE(parseApexDouble(bad).has_value());
    }
}
