// Unit tests for apex::Decimal. Expected values come from the Apex Decimal
// Class reference examples, published Apex output, and java.math.BigDecimal's
// documented behaviour (cited next to each group).
#include "base/decimal.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_set>

using apex::Decimal;
using apex::RoundingMode;

namespace {

Decimal dec(const char* text) {
    auto parsed = Decimal::parse(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

// Printed form and scale together pin down the exact representation.
void requireRepresentation(const Decimal& value, const std::string& text, std::int32_t scale) {
    CHECK(value.toString() == text);
    CHECK(value.scale() == scale);
}

std::string quotient(const char* dividend, const char* divisor) {
    auto result = dec(dividend).divide(dec(divisor));
    REQUIRE(result.has_value());
    return result->toString();
}

}  // namespace

TEST_CASE("Decimal::parse keeps the written scale", "[decimal][parse]") {
    requireRepresentation(dec("1.10"), "1.10", 2);
    requireRepresentation(dec("-3"), "-3", 0);
    requireRepresentation(dec("+4.5"), "4.5", 1);
    requireRepresentation(dec("0"), "0", 0);
    requireRepresentation(dec("-0.00"), "0.00", 2);
    requireRepresentation(dec("007.50"), "7.50", 2);
    requireRepresentation(dec(".5"), "0.5", 1);
    requireRepresentation(dec("5."), "5", 0);
    requireRepresentation(dec("123456789012345678901234567890.123456789"),
                          "123456789012345678901234567890.123456789", 9);
}

TEST_CASE("Decimal::parse reads exponents as BigDecimal(String) does", "[decimal][parse]") {
    requireRepresentation(dec("1e3"), "1E+3", -3);
    requireRepresentation(dec("1.5E-2"), "0.015", 3);
    requireRepresentation(dec("1.5E+2"), "1.5E+2", -1);
    requireRepresentation(dec("-2.50e1"), "-25.0", 1);
    requireRepresentation(dec("1E-7"), "1E-7", 7);
    CHECK(dec("12e0").sameRepresentation(dec("12")));
}

TEST_CASE("Decimal::parse rejects what BigDecimal(String) rejects", "[decimal][parse]") {
    for (const char* bad : {"", "+", "-", ".", "+.", "1.2.3", "abc", "1e", "1e+", "e5", " 1", "1 ", "0x10",
                            "1,000", "1_000", "--1", "+-1", "1e1.5", "NaN", "Infinity", "1e9999999999"}) {
        INFO("input: \"" << bad << "\"");
        CHECK_FALSE(Decimal::parse(bad).has_value());
    }
}

TEST_CASE("Decimal::fromInt64 has scale zero", "[decimal][convert]") {
    requireRepresentation(Decimal::fromInt64(42), "42", 0);
    requireRepresentation(Decimal::fromInt64(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808", 0);
    CHECK(Decimal::fromInt64(std::numeric_limits<std::int64_t>::max()).toInt64Truncated() ==
          std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("Decimal::fromDouble goes through Double.toString", "[decimal][convert]") {
    // Apex Developer Guide, Decimal Data Type: a number "is first converted
    // to a String"; BigDecimal.valueOf(double) does the same.
    requireRepresentation(*Decimal::fromDouble(0.1), "0.1", 1);
    requireRepresentation(*Decimal::fromDouble(12.0), "12.0", 1);
    requireRepresentation(*Decimal::fromDouble(-3.75), "-3.75", 2);
    requireRepresentation(*Decimal::fromDouble(1e7), "1.0E+7", -6);       // "1.0E7" read back
    requireRepresentation(*Decimal::fromDouble(1e-5), "0.000010", 6);     // "1.0E-5" read back
    requireRepresentation(*Decimal::fromDouble(-0.0), "0.0", 1);
    CHECK_FALSE(Decimal::fromDouble(std::nan("")).has_value());
    CHECK_FALSE(Decimal::fromDouble(std::numeric_limits<double>::infinity()).has_value());
}

TEST_CASE("Decimal::toDouble is the nearest double", "[decimal][convert]") {
    CHECK(dec("0.1").toDouble() == 0.1);
    CHECK(dec("6.62606957").toDouble() == 6.62606957);  // Apex Reference: doubleValue example
    CHECK(dec("-1.5E+300").toDouble() == -1.5e300);
    CHECK(dec("1E+400").toDouble() == std::numeric_limits<double>::infinity());
    CHECK(dec("-1E+400").toDouble() == -std::numeric_limits<double>::infinity());
    double tiny = dec("-1E-400").toDouble();
    CHECK(tiny == 0.0);
    CHECK(std::signbit(tiny));
    CHECK(dec("0.000").toDouble() == 0.0);
}

TEST_CASE("Decimal integer conversions truncate and wrap like Java", "[decimal][convert]") {
    CHECK(dec("376.730313461").toInt64Truncated() == 376);  // Apex Reference: longValue example
    CHECK(dec("1.602176565").intValue() == 1);              // Apex Reference: intValue example
    CHECK(dec("1.9").toInt64Truncated() == 1);
    CHECK(dec("-1.9").toInt64Truncated() == -1);
    CHECK(dec("0.999").toInt64Truncated() == 0);
    CHECK(dec("1E-50").toInt64Truncated() == 0);
    CHECK(dec("1.2E+3").toInt64Truncated() == 1200);
    // BigDecimal.longValue keeps the low 64 bits: 10^20 mod 2^64.
    CHECK(dec("1E+20").toInt64Truncated() == 7766279631452241920LL);
    CHECK(dec("1E+64").toInt64Truncated() == 0);
    CHECK(dec("9223372036854775808").toInt64Truncated() == std::numeric_limits<std::int64_t>::min());
    CHECK(dec("2147483648").intValue() == std::numeric_limits<std::int32_t>::min());
    CHECK(dec("4294967297.5").intValue() == 1);
    CHECK(dec("-2147483649").intValue() == std::numeric_limits<std::int32_t>::max());
}

TEST_CASE("Decimal::isInteger looks at the value, not the scale", "[decimal]") {
    CHECK(dec("5").isInteger());
    CHECK(dec("5.00").isInteger());
    CHECK(dec("1E+3").isInteger());
    CHECK(dec("0.000").isInteger());
    CHECK_FALSE(dec("5.01").isInteger());
    CHECK_FALSE(dec("-0.5").isInteger());
}

TEST_CASE("Decimal addition and subtraction keep the larger scale", "[decimal][arithmetic]") {
    requireRepresentation(dec("1.10") + dec("2.205"), "3.305", 3);
    requireRepresentation(dec("2.205") + dec("1.10"), "3.305", 3);
    requireRepresentation(dec("1.10") - dec("1.1"), "0.00", 2);
    requireRepresentation(dec("1") + dec("0.50"), "1.50", 2);
    requireRepresentation(dec("-1.5") + dec("1.5"), "0.0", 1);
    requireRepresentation(dec("1E+3") + dec("1"), "1001", 0);
    requireRepresentation(dec("0.1") - dec("0.25"), "-0.15", 2);
}

TEST_CASE("Decimal multiplication adds the scales", "[decimal][arithmetic]") {
    requireRepresentation(dec("1.10") * dec("2"), "2.20", 2);
    requireRepresentation(dec("1.5") * dec("1.5"), "2.25", 2);
    requireRepresentation(dec("-0.5") * dec("0.2"), "-0.10", 2);
    requireRepresentation(dec("1.00") * dec("0"), "0.00", 2);
    requireRepresentation(dec("1E+3") * dec("1.5"), "1.5E+3", -2);
}

TEST_CASE("Decimal negate, abs and signum", "[decimal][arithmetic]") {
    requireRepresentation(-dec("1.50"), "-1.50", 2);
    requireRepresentation(-dec("-1.50"), "1.50", 2);
    requireRepresentation(dec("-6.02214129").abs(), "6.02214129", 8);  // Apex Reference: abs example
    requireRepresentation(dec("0.0").abs(), "0.0", 1);
    CHECK(dec("-0.001").signum() == -1);
    CHECK(dec("0.000").signum() == 0);
    CHECK(dec("12").signum() == 1);
}

TEST_CASE("Decimal comparison is numeric", "[decimal][compare]") {
    CHECK(dec("1.0") == dec("1.00"));
    CHECK(dec("0") == dec("0.000"));
    CHECK(dec("1E+2") == dec("100.0"));
    CHECK(dec("1.0") < dec("1.01"));
    CHECK(dec("-2") < dec("1"));
    CHECK(dec("-2") < dec("-1.999"));
    CHECK(dec("0.1") > dec("0.09999"));
    CHECK(dec("-0.5") < dec("0"));
    CHECK(dec("123.45").compare(dec("123.450")) == 0);
    CHECK(dec("9").compare(dec("10")) == -1);
    CHECK(dec("10").compare(dec("9")) == 1);
    CHECK_FALSE(dec("1.10").sameRepresentation(dec("1.1")));
    CHECK(dec("1.10").sameRepresentation(dec("1.10")));
}

TEST_CASE("Decimal comparison of far-apart magnitudes does not align scales", "[decimal][compare]") {
    // Aligning these would need a billion-digit integer.
    CHECK(dec("1E-999999999") < dec("1"));
    CHECK(dec("-1E+999999999") < dec("-1"));
    CHECK(dec("1E+999999999") > dec("9.99E+999999998"));
}

TEST_CASE("Decimal hash agrees with value equality", "[decimal][compare]") {
    CHECK(dec("1.0").hash() == dec("1.00").hash());
    CHECK(dec("1").hash() == dec("1.000").hash());
    CHECK(dec("0").hash() == dec("0.00").hash());
    CHECK(dec("100").hash() == dec("1E+2").hash());
    std::unordered_set<Decimal, apex::DecimalHash> set{dec("1"), dec("1.0"), dec("1.00"), dec("2")};
    CHECK(set.size() == 2);
}

TEST_CASE("Decimal / keeps 33 significant digits, rounding half up", "[decimal][divide]") {
    // 1/3 equals 0.333333333333333333333333333333333 (33 threes) in Apex,
    // whatever the operand scales (force201.wordpress.com, "Decimal scale").
    CHECK(quotient("1", "3") == "0.333333333333333333333333333333333");
    CHECK(quotient("1.0", "3.0") == "0.333333333333333333333333333333333");
    CHECK(quotient("1.0000", "3.00") == "0.333333333333333333333333333333333");
    CHECK(quotient("1.00", "3.0000") == "0.333333333333333333333333333333333");
    // 1/31 in a real org: scale 34, last digit rounded (aer-dist issue 345).
    auto oneThirtyFirst = dec("1").divide(dec("31"));
    REQUIRE(oneThirtyFirst);
    requireRepresentation(*oneThirtyFirst, "0.0322580645161290322580645161290323", 34);
    CHECK(quotient("2", "3") == "0.666666666666666666666666666666667");
    CHECK(quotient("5", "3") == "1.66666666666666666666666666666667");
    CHECK(quotient("22", "7") == "3.14285714285714285714285714285714");
    CHECK(quotient("-1", "7") == "-0.142857142857142857142857142857143");
    CHECK(quotient("1", "-7") == "-0.142857142857142857142857142857143");
    CHECK(quotient("-1", "-7") == "0.142857142857142857142857142857143");
}

TEST_CASE("Decimal / of an exact quotient keeps the preferred scale", "[decimal][divide]") {
    CHECK(quotient("1.0", "4.0") == "0.25");  // force201: assertEquals(0.25, 1.0 / 4.0)
    CHECK(quotient("10", "4") == "2.5");
    CHECK(quotient("6", "2") == "3");
    CHECK(quotient("100", "2") == "50");
    CHECK(quotient("1.000", "4") == "0.250");
    CHECK(quotient("2.10", "2.0") == "1.05");
    CHECK(quotient("1", "1024") == "0.0009765625");
    CHECK(quotient("1E+100", "1") == "1E+100");
    CHECK(quotient("7.50", "2.5") == "3.0");
}

TEST_CASE("Decimal / rounds long exact quotients to 33 digits", "[decimal][divide]") {
    CHECK(quotient("12345678901234567890123456789012345678", "1") == "1.23456789012345678901234567890123E+37");
    // Rounding carries into a new digit: 0.999…(35 nines) → 1.000…(32 zeros).
    CHECK(quotient("0.99999999999999999999999999999999999", "1") == "1.00000000000000000000000000000000");
}

TEST_CASE("Decimal / with a zero operand", "[decimal][divide]") {
    CHECK_FALSE(dec("1").divide(dec("0")).has_value());
    CHECK_FALSE(dec("1.5").divide(dec("0.000")).has_value());
    CHECK_FALSE(dec("0").divide(dec("0")).has_value());
    requireRepresentation(*dec("0").divide(dec("5")), "0", 0);
    requireRepresentation(*dec("0.00").divide(dec("5")), "0.00", 2);
    // Java keeps a zero quotient at the preferred scale, even a negative one.
    requireRepresentation(*dec("0").divide(dec("0.5")), "0E+1", -1);
}

TEST_CASE("Decimal.divide with an explicit scale", "[decimal][divide]") {
    requireRepresentation(*dec("19").divide(dec("100"), 3), "0.190", 3);  // Apex Reference example
    requireRepresentation(*dec("5").divide(dec("3"), 30), "1.666666666666666666666666666667", 30);
    requireRepresentation(*dec("1").divide(dec("3"), 4), "0.3333", 4);
    requireRepresentation(*dec("1.000000").divide(dec("3.00000"), 4), "0.3333", 4);
    requireRepresentation(*dec("12.4567").divide(dec("7"), 2, RoundingMode::Up), "1.78", 2);  // Apex Reference
    requireRepresentation(*dec("12345").divide(dec("1"), -2, RoundingMode::HalfUp), "1.23E+4", -2);
    requireRepresentation(*dec("-7").divide(dec("2"), 0, RoundingMode::Floor), "-4", 0);
    requireRepresentation(*dec("-7").divide(dec("2"), 0, RoundingMode::Down), "-3", 0);
    requireRepresentation(*dec("0").divide(dec("3"), 2, RoundingMode::Up), "0.00", 2);
    requireRepresentation(*dec("1").divide(dec("4"), 2, RoundingMode::Unnecessary), "0.25", 2);
    CHECK_FALSE(dec("1").divide(dec("3"), 2, RoundingMode::Unnecessary).has_value());
    CHECK_FALSE(dec("1").divide(dec("0"), 2).has_value());
    CHECK_FALSE(dec("1").divide(dec("0"), 2, RoundingMode::HalfEven).has_value());
}

TEST_CASE("Decimal.pow multiplies the scale", "[decimal][arithmetic]") {
    requireRepresentation(*dec("4.12").pow(2), "16.9744", 4);  // Apex Reference: pow example
    requireRepresentation(*dec("1.1").pow(3), "1.331", 3);
    requireRepresentation(*dec("-2").pow(3), "-8", 0);
    requireRepresentation(*dec("12.5").pow(0), "1", 0);
    requireRepresentation(*dec("0.0").pow(0), "1", 0);
    CHECK(dec("10").pow(Decimal::kMaxPowExponent).has_value());
    CHECK_FALSE(dec("2").pow(-1).has_value());
    CHECK_FALSE(dec("2").pow(Decimal::kMaxPowExponent + 1).has_value());
}

TEST_CASE("Decimal.setScale(n) rounds half even", "[decimal][round]") {
    // Apex Reference: setScale(scale) — "using half even rounding"; the
    // 5.2x5 series is the published illustration (issacc.com).
    requireRepresentation(dec("5.234").setScale(2), "5.23", 2);
    requireRepresentation(dec("5.236").setScale(2), "5.24", 2);
    requireRepresentation(dec("5.235").setScale(2), "5.24", 2);
    requireRepresentation(dec("5.245").setScale(2), "5.24", 2);
    requireRepresentation(dec("5.225").setScale(2), "5.22", 2);
    requireRepresentation(dec("5.2451").setScale(2), "5.25", 2);
    requireRepresentation(dec("-5.245").setScale(2), "-5.24", 2);
    requireRepresentation(dec("-5.255").setScale(2), "-5.26", 2);
    requireRepresentation(dec("1.5").setScale(3), "1.500", 3);
    requireRepresentation(dec("1234").setScale(-2), "1.2E+3", -2);
    requireRepresentation(dec("1250").setScale(-2), "1.2E+3", -2);
    requireRepresentation(dec("0.0001").setScale(2), "0.00", 2);
}

TEST_CASE("Decimal.setScale with a rounding mode, including negatives", "[decimal][round]") {
    auto scaled = [](const char* value, RoundingMode mode) { return dec(value).setScale(1, mode)->toString(); };
    CHECK(scaled("-1.25", RoundingMode::Up) == "-1.3");
    CHECK(scaled("-1.25", RoundingMode::Down) == "-1.2");
    CHECK(scaled("-1.25", RoundingMode::Ceiling) == "-1.2");
    CHECK(scaled("-1.25", RoundingMode::Floor) == "-1.3");
    CHECK(scaled("-1.25", RoundingMode::HalfUp) == "-1.3");
    CHECK(scaled("-1.25", RoundingMode::HalfDown) == "-1.2");
    CHECK(scaled("-1.25", RoundingMode::HalfEven) == "-1.2");
    CHECK(scaled("-1.35", RoundingMode::HalfEven) == "-1.4");
    CHECK(scaled("-1.21", RoundingMode::Up) == "-1.3");
    CHECK(scaled("-1.29", RoundingMode::Down) == "-1.2");
    CHECK(scaled("1.21", RoundingMode::Ceiling) == "1.3");
    CHECK(scaled("1.29", RoundingMode::Floor) == "1.2");
    CHECK(scaled("1.251", RoundingMode::HalfDown) == "1.3");
    CHECK(scaled("1.20", RoundingMode::Unnecessary) == "1.2");
    CHECK_FALSE(dec("1.25").setScale(1, RoundingMode::Unnecessary).has_value());
    requireRepresentation(*dec("2.5").setScale(4, RoundingMode::Unnecessary), "2.5000", 4);
}

TEST_CASE("Decimal.round(mode) follows the RoundingMode table", "[decimal][round]") {
    // The java.math.RoundingMode table, whose CEILING/DOWN/FLOOR/HALF_*
    // examples the Apex Decimal Class "Rounding Mode" section repeats.
    struct Row {
        RoundingMode mode;
        std::int64_t expected[10];
    };
    const char* inputs[10] = {"5.5", "2.5", "1.6", "1.1", "1.0", "-1.0", "-1.1", "-1.6", "-2.5", "-5.5"};
    const Row rows[] = {
        {RoundingMode::Up, {6, 3, 2, 2, 1, -1, -2, -2, -3, -6}},
        {RoundingMode::Down, {5, 2, 1, 1, 1, -1, -1, -1, -2, -5}},
        {RoundingMode::Ceiling, {6, 3, 2, 2, 1, -1, -1, -1, -2, -5}},
        {RoundingMode::Floor, {5, 2, 1, 1, 1, -1, -2, -2, -3, -6}},
        {RoundingMode::HalfUp, {6, 3, 2, 1, 1, -1, -1, -2, -3, -6}},
        {RoundingMode::HalfDown, {5, 2, 2, 1, 1, -1, -1, -2, -2, -5}},
        {RoundingMode::HalfEven, {6, 2, 2, 1, 1, -1, -1, -2, -2, -6}},
    };
    for (const Row& row : rows) {
        for (int i = 0; i < 10; ++i) {
            INFO("mode " << static_cast<int>(row.mode) << ", input " << inputs[i]);
            CHECK(dec(inputs[i]).round(row.mode) == row.expected[i]);
        }
    }
    CHECK(dec("1.0").round(RoundingMode::Unnecessary) == 1);
    CHECK(dec("-1.0").round(RoundingMode::Unnecessary) == -1);
    CHECK_FALSE(dec("1.1").round(RoundingMode::Unnecessary).has_value());
}

TEST_CASE("Decimal.round() is half even to a Long", "[decimal][round]") {
    CHECK(dec("2.5").round() == 2);
    CHECK(dec("3.5").round() == 4);
    CHECK(dec("-2.5").round() == -2);
    CHECK(dec("-2.51").round() == -3);
    CHECK(dec("0.4999").round() == 0);
    CHECK(dec("1E+3").round() == 1000);
    CHECK(dec("9223372036854775807.4").round() == std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("Decimal.precision counts unscaled digits", "[decimal]") {
    CHECK(dec("123.45").precision() == 5);   // Apex Reference: precision example
    CHECK(dec("123.123").precision() == 6);  // Apex Reference: precision example
    CHECK(dec("0.00123").precision() == 3);
    CHECK(dec("0").precision() == 1);
    CHECK(dec("0.000").precision() == 1);
    CHECK(dec("1E+3").precision() == 1);
    CHECK(dec("-99999").precision() == 5);
    CHECK(dec("100000").precision() == 6);
    CHECK(dec("10000000000000000000000000000000000000000").precision() == 41);
    CHECK(dec("9999999999999999999999999999999999999999").precision() == 40);
}

TEST_CASE("Decimal.stripTrailingZeros", "[decimal]") {
    requireRepresentation(dec("600.0").stripTrailingZeros(), "6E+2", -2);
    requireRepresentation(dec("1.2300").stripTrailingZeros(), "1.23", 2);
    requireRepresentation(dec("-10").stripTrailingZeros(), "-1E+1", -1);
    requireRepresentation(dec("0.000").stripTrailingZeros(), "0", 0);
    requireRepresentation(dec("7").stripTrailingZeros(), "7", 0);
}

TEST_CASE("Decimal.toString is BigDecimal.toString", "[decimal][text]") {
    CHECK(dec("0.000001").toString() == "0.000001");
    CHECK(dec("0.0000001").toString() == "1E-7");
    CHECK(dec("0.00000123").toString() == "0.00000123");
    CHECK(dec("0.000000123").toString() == "1.23E-7");
    CHECK(dec("-1.5E-10").toString() == "-1.5E-10");
    CHECK(Decimal(0, 32).toString() == "0E-32");  // as seen in Apex string concatenation
    CHECK(Decimal(0, -3).toString() == "0E+3");
    CHECK(Decimal(123, -2).toString() == "1.23E+4");
    CHECK(Decimal(-5, -1).toString() == "-5E+1");
    CHECK(dec("-0.5").toString() == "-0.5");
    CHECK(dec("12345678901234567890").toString() == "12345678901234567890");
}

TEST_CASE("Decimal.toPlainString never uses an exponent", "[decimal][text]") {
    CHECK(dec("1E+3").toPlainString() == "1000");
    CHECK(dec("1E-7").toPlainString() == "0.0000001");
    CHECK(dec("-1.23E+4").toPlainString() == "-12300");
    CHECK(Decimal(0, -3).toPlainString() == "0");
    CHECK(Decimal(0, 3).toPlainString() == "0.000");
    CHECK(dec("1.10").toPlainString() == "1.10");
}
