// apex::Decimal — the value behind Apex's Decimal type.
//
// Apex Decimal is a thin layer over java.math.BigDecimal: an arbitrary
// precision unscaled integer together with a 32-bit scale, the value being
// unscaled × 10^-scale. The scale is part of the value's identity for
// printing (1.10 prints as "1.10") but not for comparison (1.10 == 1.1).
//
// Apex Reference: Decimal Class; Apex Developer Guide: Decimal Data Type.
//
// Operations that can raise System.MathException in Apex (division by zero,
// RoundingMode.UNNECESSARY when rounding is needed, pow out of range) return
// std::optional; the interpreter turns an empty result into the exception.
// A result whose scale would leave the int32 range (reachable only with
// exponents in the billions) throws DecimalScaleOutOfRange.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace apex {

// Thrown by arithmetic whose exact result needs more than
// Decimal::kMaxDigits digits (1e-999999999 + 1 has a billion): Java's
// BigDecimal would compute it for minutes, past any CPU limit, and so would
// this one. The interpreter raises the CPU time limit.
struct DecimalTooLong : std::length_error {
    DecimalTooLong() : std::length_error("Decimal result too long") {}
};

// Thrown by arithmetic whose result's scale leaves the int32 range, where
// Java's BigDecimal throws ArithmeticException: "Underflow" for a scale too
// large (a value too small to express), "Overflow" for one too small.
struct DecimalScaleOutOfRange : std::overflow_error {
    explicit DecimalScaleOutOfRange(bool underflow) : std::overflow_error(underflow ? "Underflow" : "Overflow") {}
    bool underflow() const { return what()[0] == 'U'; }
};

// The eight java.math.RoundingMode values, exposed to Apex as
// System.RoundingMode. Apex Reference: Decimal Class — Rounding Mode.
enum class RoundingMode {
    Up,           // away from zero
    Down,         // toward zero (truncate)
    Ceiling,      // toward +infinity
    Floor,        // toward -infinity
    HalfUp,       // nearest; ties away from zero
    HalfDown,     // nearest; ties toward zero
    HalfEven,     // nearest; ties to the even neighbour (banker's rounding)
    Unnecessary,  // assert that no rounding is needed; fails otherwise
};

class Decimal {
public:
    using BigInt = boost::multiprecision::cpp_int;

    // Significant digits kept by the `/` operator on Decimals; see divide().
    static constexpr int kOperatorDivisionPrecision = 33;
    // Apex Reference: Decimal Class — pow: "The value of exponent must be
    // between 0 and 32,767."
    static constexpr int kMaxPowExponent = 32767;
    // The most digits an operation lines a value up to (DecimalTooLong past it).
    static constexpr std::int64_t kMaxDigits = 1'000'000;

    Decimal() = default;  // 0 with scale 0
    Decimal(BigInt unscaled, std::int32_t scale);

    // --- construction ----------------------------------------------------

    // Decimal.valueOf(String) and Decimal literals: the java.math.BigDecimal
    // string grammar ("1.10", "-3", "+4.5", ".5", "5.", "1e3", "1.5E-2").
    // Returns nullopt for anything else (the caller raises TypeException).
    static std::optional<Decimal> parse(std::string_view text);
    static Decimal fromInt64(std::int64_t value);
    // Decimal.valueOf(Double): goes through the Double's Java text form, so
    // 0.1 becomes 0.1 (scale 1) rather than the binary expansion. nullopt
    // for NaN and infinities, which have no Decimal value.
    static std::optional<Decimal> fromDouble(double value);

    // --- representation --------------------------------------------------

    const BigInt& unscaledValue() const { return unscaled_; }
    std::int32_t scale() const { return scale_; }
    // Number of digits in the unscaled value (0 counts as one digit).
    // Apex Reference: Decimal Class — precision (123.45 → 5, 0.00123 → 3).
    int precision() const;
    int signum() const;
    bool isZero() const { return unscaled_.is_zero(); }
    // True when the value has no fractional part (5.00 is an integer).
    bool isInteger() const;
    // Same value and same scale (1.10 vs 1.1 differ here, unlike ==).
    bool sameRepresentation(const Decimal& other) const;

    // --- conversions -----------------------------------------------------

    // Decimal.doubleValue(): nearest double; overflows to ±infinity.
    double toDouble() const;
    // Decimal.longValue(): truncates toward zero, then keeps the low 64 bits
    // as Java's BigDecimal.longValue() does for out-of-range values.
    std::int64_t toInt64Truncated() const;
    // Decimal.intValue(): truncates toward zero, keeps the low 32 bits.
    std::int32_t intValue() const;

    // --- arithmetic ------------------------------------------------------

    Decimal add(const Decimal& other) const;       // scale = max of scales
    Decimal subtract(const Decimal& other) const;  // scale = max of scales
    Decimal multiply(const Decimal& other) const;  // scale = sum of scales
    Decimal negate() const;
    Decimal abs() const;

    // The `/` operator on Decimals: quotient rounded HALF_UP to
    // kOperatorDivisionPrecision significant digits; an exact quotient keeps
    // the scale closest to (dividend scale − divisor scale). nullopt when
    // dividing by zero. See decimal.cpp for the evidence behind this rule.
    std::optional<Decimal> divide(const Decimal& divisor) const;
    // Decimal.divide(divisor, scale): exactly `scale` decimals, rounded
    // HALF_UP (the reference names no mode; see decimal.cpp).
    std::optional<Decimal> divide(const Decimal& divisor, std::int32_t scale) const;
    std::optional<Decimal> divide(const Decimal& divisor, std::int32_t scale,
                                  RoundingMode mode) const;

    // Decimal.pow(exponent); nullopt unless 0 <= exponent <= kMaxPowExponent.
    std::optional<Decimal> pow(int exponent) const;

    // --- scale and rounding ----------------------------------------------

    // Decimal.setScale(scale): rounds HALF_EVEN when digits are dropped.
    Decimal setScale(std::int32_t newScale) const;
    // Decimal.setScale(scale, mode); nullopt only for Unnecessary when
    // rounding would be needed.
    std::optional<Decimal> setScale(std::int32_t newScale, RoundingMode mode) const;
    // Decimal.round(): to a Long, HALF_EVEN; beyond the Long range the low
    // 64 bits are kept, as with toInt64Truncated().
    std::int64_t round() const;
    // Decimal.round(mode); nullopt only for Unnecessary with a fraction.
    std::optional<std::int64_t> round(RoundingMode mode) const;
    // Decimal.stripTrailingZeros(): 600.0 → 6E+2, 0.000 → 0.
    Decimal stripTrailingZeros() const;

    // --- comparison ------------------------------------------------------

    // Numeric comparison ignoring scale (Decimal.compareTo / Apex ==, <, >).
    int compare(const Decimal& other) const;
    bool operator==(const Decimal& other) const { return compare(other) == 0; }
    std::strong_ordering operator<=>(const Decimal& other) const;
    // Consistent with ==: 1.0 and 1.00 hash alike.
    std::size_t hash() const;

    // --- text ------------------------------------------------------------

    // String.valueOf(Decimal) and System.debug: java.math.BigDecimal
    // toString(), which switches to scientific notation for tiny values and
    // negative scales ("1E-7", "0E-32", "6E+2").
    std::string toString() const;
    // Decimal.toPlainString(): never uses an exponent.
    std::string toPlainString() const;
    // The length toPlainString() would return, without making it (1e999999999
    // is a billion characters).
    std::size_t plainStringLength() const;

private:
    BigInt unscaled_ = 0;
    std::int32_t scale_ = 0;
};

inline Decimal operator+(const Decimal& a, const Decimal& b) { return a.add(b); }
inline Decimal operator-(const Decimal& a, const Decimal& b) { return a.subtract(b); }
inline Decimal operator*(const Decimal& a, const Decimal& b) { return a.multiply(b); }
inline Decimal operator-(const Decimal& a) { return a.negate(); }

struct DecimalHash {
    std::size_t operator()(const Decimal& d) const { return d.hash(); }
};

}  // namespace apex
