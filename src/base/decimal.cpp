#include "base/decimal.h"

#include "base/numfmt.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace apex {

namespace {

using BigInt = Decimal::BigInt;

constexpr std::int64_t kMinScale = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kMaxScale = std::numeric_limits<std::int32_t>::max();

// Decimal.divide(divisor, scale) names no rounding mode. HALF_UP is what the
// `/` operator uses (see divide() below) and matches every published example
// (5.divide(3, 30) → 1.666…667, 19.divide(100, 3) → 0.190).
constexpr RoundingMode kDivideWithScaleRounding = RoundingMode::HalfUp;

// --- powers of ten and digit counts -------------------------------------------

BigInt powerOfTen(std::int64_t exponent) {
    // Most scale adjustments are small; keep those out of the allocator.
    static const std::array<BigInt, 40> small = [] {
        std::array<BigInt, 40> table;
        table[0] = 1;
        for (std::size_t i = 1; i < table.size(); ++i) table[i] = table[i - 1] * 10;
        return table;
    }();
    if (exponent < static_cast<std::int64_t>(small.size())) return small[static_cast<std::size_t>(exponent)];
    if (exponent > Decimal::kMaxDigits) throw DecimalTooLong();
    return boost::multiprecision::pow(BigInt(10), static_cast<unsigned>(exponent));
}

// Decimal digits in |value|; zero has one digit, as in BigDecimal.precision().
std::int64_t digitCount(const BigInt& value) {
    if (value.is_zero()) return 1;
    // GCC 12 reports Boost's limb storage as maybe-uninitialized when abs()
    // is inlined here; it is initialized by the copy (a known false positive).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
    BigInt magnitude = boost::multiprecision::abs(value);
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
    // 0.30102 is just below log10(2), so this never overshoots; the loop
    // then walks up the one or two remaining steps.
    auto highestBit = static_cast<std::int64_t>(boost::multiprecision::msb(magnitude));
    std::int64_t digits = highestBit * 30102 / 100000 + 1;
    while (magnitude >= powerOfTen(digits)) ++digits;
    return digits;
}

std::int32_t checkedScale(std::int64_t scale) {
    // Such scales need exponents in the billions, far outside real Apex code.
    if (scale < kMinScale || scale > kMaxScale) throw DecimalScaleOutOfRange(scale > kMaxScale);
    return static_cast<std::int32_t>(scale);
}

std::int32_t saturatedScale(std::int64_t scale) {
    return static_cast<std::int32_t>(std::clamp(scale, kMinScale, kMaxScale));
}

// The unscaled value re-expressed at a larger scale (same numeric value).
BigInt unscaledAtScale(const Decimal& value, std::int32_t targetScale) {
    std::int64_t growth = static_cast<std::int64_t>(targetScale) - value.scale();
    return value.unscaledValue() * powerOfTen(growth);
}

// Exponent of the leading digit: value = d.ddd × 10^adjustedExponent.
std::int64_t adjustedExponent(const Decimal& value) {
    return digitCount(value.unscaledValue()) - 1 - value.scale();
}

// --- rounding --------------------------------------------------------------

// Whether a truncated quotient must move one unit away from zero.
// `halfComparison` is the sign of (2·|remainder| − |divisor|), i.e. whether
// the discarded fraction is below, at, or above one half.
bool roundsAwayFromZero(RoundingMode mode, int quotientSign, int halfComparison, bool truncatedIsOdd) {
    switch (mode) {
        case RoundingMode::Up: return true;
        case RoundingMode::Down: return false;
        case RoundingMode::Ceiling: return quotientSign > 0;
        case RoundingMode::Floor: return quotientSign < 0;
        case RoundingMode::HalfUp: return halfComparison >= 0;
        case RoundingMode::HalfDown: return halfComparison > 0;
        case RoundingMode::HalfEven: return halfComparison > 0 || (halfComparison == 0 && truncatedIsOdd);
        case RoundingMode::Unnecessary: return false;
    }
    return false;
}

struct RoundedQuotient {
    BigInt value;
    bool exact = true;
};

// numerator / denominator rounded to an integer by `mode`; nullopt when the
// mode is Unnecessary and the division leaves a remainder.
std::optional<RoundedQuotient> roundedQuotient(const BigInt& numerator, const BigInt& denominator,
                                               RoundingMode mode) {
    RoundedQuotient out;
    BigInt remainder;
    boost::multiprecision::divide_qr(numerator, denominator, out.value, remainder);  // truncates
    if (remainder.is_zero()) return out;
    if (mode == RoundingMode::Unnecessary) return std::nullopt;

    out.exact = false;
    int quotientSign = numerator.sign() * denominator.sign();
    BigInt twiceRemainder = boost::multiprecision::abs(remainder) * 2;
    BigInt divisorMagnitude = boost::multiprecision::abs(denominator);
    int halfComparison = twiceRemainder.compare(divisorMagnitude);
    halfComparison = (halfComparison > 0) - (halfComparison < 0);
    bool truncatedIsOdd = boost::multiprecision::bit_test(out.value, 0);
    if (roundsAwayFromZero(mode, quotientSign, halfComparison, truncatedIsOdd)) out.value += quotientSign;
    return out;
}

// dividend / divisor expressed as an integer count of 10^-scale units,
// rounded by `mode`. The divisor must be non-zero.
std::optional<RoundedQuotient> quotientAtScale(const Decimal& dividend, const Decimal& divisor,
                                               std::int64_t scale, RoundingMode mode) {
    // dividend/divisor × 10^scale = (a / b) × 10^(scale − sa + sb)
    std::int64_t shift = scale - dividend.scale() + divisor.scale();
    if (shift >= 0) {
        return roundedQuotient(dividend.unscaledValue() * powerOfTen(shift), divisor.unscaledValue(), mode);
    }
    return roundedQuotient(dividend.unscaledValue(), divisor.unscaledValue() * powerOfTen(-shift), mode);
}

// Drops trailing zeros while the scale stays above `floorScale`.
Decimal withoutTrailingZerosAbove(BigInt unscaled, std::int64_t scale, std::int64_t floorScale) {
    BigInt quotient, remainder;
    while (scale > floorScale && !unscaled.is_zero()) {
        boost::multiprecision::divide_qr(unscaled, BigInt(10), quotient, remainder);
        if (!remainder.is_zero()) break;
        unscaled = std::move(quotient);
        --scale;
    }
    return Decimal(std::move(unscaled), checkedScale(scale));
}

// Java BigDecimal.divide(divisor, new MathContext(precision, HALF_UP)):
// the quotient rounded to `precision` significant digits; when that is
// exact, trailing zeros are dropped down to the preferred scale.
Decimal divideToPrecision(const Decimal& dividend, const Decimal& divisor, std::int64_t precision,
                          std::int64_t preferredScale) {
    // With a = ma·10^ea and b = mb·10^eb (1 <= m < 10), the quotient at this
    // scale has `precision` digits when ma >= mb and one fewer otherwise.
    std::int64_t scale = precision - 1 - (adjustedExponent(dividend) - adjustedExponent(divisor));
    auto truncated = quotientAtScale(dividend, divisor, scale, RoundingMode::Down);
    if (digitCount(truncated->value) < precision) ++scale;

    RoundedQuotient quotient = *quotientAtScale(dividend, divisor, scale, RoundingMode::HalfUp);
    if (digitCount(quotient.value) > precision) {  // 9.99… rounded up to 10.0…
        quotient.value /= 10;
        --scale;
    }
    if (!quotient.exact) return Decimal(std::move(quotient.value), checkedScale(scale));
    return withoutTrailingZerosAbove(std::move(quotient.value), scale, preferredScale);
}

// Low 64 bits of an integer in two's complement, as Java's
// BigInteger.longValue() keeps them.
std::uint64_t lowBits(const BigInt& value) {
    BigInt magnitude = boost::multiprecision::abs(value);
    auto bits = static_cast<std::uint64_t>(magnitude & BigInt(std::numeric_limits<std::uint64_t>::max()));
    return value.sign() < 0 ? ~bits + 1 : bits;
}

// --- text -------------------------------------------------------------------

// Decimal digits of |value|, no sign.
std::string magnitudeDigits(const BigInt& value) { return BigInt(boost::multiprecision::abs(value)).str(); }

// Coefficient digits with a decimal point `scale` places from the right,
// zero-padded on the left: ("123", 5) → "0.00123". Requires scale >= 0.
std::string insertDecimalPoint(const std::string& digits, std::int32_t scale) {
    auto places = static_cast<std::size_t>(scale);
    if (places == 0) return digits;
    if (digits.size() <= places) return "0." + std::string(places - digits.size(), '0') + digits;
    std::size_t integerLength = digits.size() - places;
    return digits.substr(0, integerLength) + "." + digits.substr(integerLength);
}

std::string scientificNotation(const std::string& digits, std::int64_t exponent) {
    std::string mantissa = digits.size() > 1 ? digits.substr(0, 1) + "." + digits.substr(1) : digits;
    return mantissa + "E" + (exponent >= 0 ? "+" : "") + std::to_string(exponent);
}

// The digits of "123.45" (or ".5", "5.") and how many follow the point.
struct Significand {
    std::string digits;
    std::int64_t fractionDigits = 0;
    std::size_t end = 0;  // index just past the significand
};

Significand scanSignificand(std::string_view text, std::size_t pos) {
    Significand out;
    bool seenPoint = false;
    for (; pos < text.size(); ++pos) {
        char c = text[pos];
        if (c >= '0' && c <= '9') {
            out.digits.push_back(c);
            if (seenPoint) ++out.fractionDigits;
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            break;
        }
    }
    out.end = pos;
    return out;
}

// "[+-]digits" after the 'e'; nullopt if malformed or too large for any scale.
std::optional<std::int64_t> parseExponent(std::string_view text) {
    bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
    if (text.empty()) return std::nullopt;
    std::int64_t magnitude = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        magnitude = magnitude * 10 + (c - '0');
        if (magnitude > 2 * kMaxScale + 2) return std::nullopt;
    }
    return negative ? -magnitude : magnitude;
}

BigInt integerFromDigits(const std::string& digits, bool negative) {
    // cpp_int reads a leading 0 as an octal prefix, so hand it none.
    std::size_t firstSignificant = std::min(digits.find_first_not_of('0'), digits.size() - 1);
    BigInt value(digits.substr(firstSignificant));
    return negative ? BigInt(-value) : value;
}

}  // namespace

Decimal::Decimal(BigInt unscaled, std::int32_t scale) : unscaled_(std::move(unscaled)), scale_(scale) {}

// --- construction ------------------------------------------------------------

// Apex Reference: Decimal Class — valueOf(stringToDecimal): "As in Java, the
// string is interpreted as representing a signed Decimal." Grammar of
// java.math.BigDecimal(String): sign? (digits ('.' digits?)? | '.' digits)
// (('e'|'E') sign? digits)?; the scale is the number of fraction digits
// minus the exponent.
std::optional<Decimal> Decimal::parse(std::string_view text) {
    bool hasSign = !text.empty() && (text.front() == '+' || text.front() == '-');
    Significand significand = scanSignificand(text, hasSign ? 1 : 0);
    if (significand.digits.empty()) return std::nullopt;

    std::int64_t exponent = 0;
    std::string_view rest = text.substr(significand.end);
    if (!rest.empty()) {
        auto parsed = (rest.front() == 'e' || rest.front() == 'E') ? parseExponent(rest.substr(1)) : std::nullopt;
        if (!parsed) return std::nullopt;
        exponent = *parsed;
    }
    std::int64_t scale = significand.fractionDigits - exponent;
    if (scale < kMinScale || scale > kMaxScale) return std::nullopt;

    bool negative = hasSign && text.front() == '-';
    return Decimal(integerFromDigits(significand.digits, negative), static_cast<std::int32_t>(scale));
}

Decimal Decimal::fromInt64(std::int64_t value) {
    Decimal result;
    result.unscaled_ = value;
    return result;
}

// Apex Developer Guide: Decimal Data Type — "If the Decimal is created from
// a non-decimal number, the number is first converted to a String. Scale is
// then set using the number of characters after the decimal point."
std::optional<Decimal> Decimal::fromDouble(double value) {
    if (!std::isfinite(value)) return std::nullopt;
    return parse(formatDouble(value));
}

// --- representation ------------------------------------------------------------

int Decimal::precision() const { return static_cast<int>(digitCount(unscaled_)); }

int Decimal::signum() const { return unscaled_.sign(); }

bool Decimal::isInteger() const { return stripTrailingZeros().scale() <= 0; }

bool Decimal::sameRepresentation(const Decimal& other) const {
    return scale_ == other.scale_ && unscaled_ == other.unscaled_;
}

// --- conversions -----------------------------------------------------------------

// Apex Reference: Decimal Class — doubleValue.
double Decimal::toDouble() const {
    // "<digits>E<-scale>" handed to from_chars is correctly rounded, which is
    // what BigDecimal.doubleValue() promises.
    std::string text = unscaled_.str() + "E" + std::to_string(-static_cast<std::int64_t>(scale_));
    double value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
        double magnitude = adjustedExponent(*this) > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        return signum() < 0 ? -magnitude : magnitude;
    }
    return value;
}

// Apex Reference: Decimal Class — longValue.
std::int64_t Decimal::toInt64Truncated() const {
    if (scale_ <= -64) return 0;  // 10^64 = 2^64·5^64: every low bit is zero
    if (scale_ > 0 && scale_ > precision()) return 0;  // |value| < 1
    BigInt integerPart = scale_ >= 0 ? BigInt(unscaled_ / powerOfTen(scale_))  // truncates toward zero
                                     : BigInt(unscaled_ * powerOfTen(-static_cast<std::int64_t>(scale_)));
    return static_cast<std::int64_t>(lowBits(integerPart));
}

// Apex Reference: Decimal Class — intValue.
std::int32_t Decimal::intValue() const {
    auto low32 = static_cast<std::uint32_t>(static_cast<std::uint64_t>(toInt64Truncated()));
    return static_cast<std::int32_t>(low32);
}

// --- arithmetic --------------------------------------------------------------------

Decimal Decimal::add(const Decimal& other) const {
    std::int32_t scale = std::max(scale_, other.scale_);
    return Decimal(unscaledAtScale(*this, scale) + unscaledAtScale(other, scale), scale);
}

Decimal Decimal::subtract(const Decimal& other) const { return add(other.negate()); }

Decimal Decimal::multiply(const Decimal& other) const {
    return Decimal(unscaled_ * other.unscaled_, checkedScale(static_cast<std::int64_t>(scale_) + other.scale_));
}

Decimal Decimal::negate() const { return Decimal(-unscaled_, scale_); }

// Apex Reference: Decimal Class — abs.
Decimal Decimal::abs() const { return Decimal(boost::multiprecision::abs(unscaled_), scale_); }

// The Apex documentation does not say how `/` rounds Decimals. What real
// orgs print:
//   * 1.0/3.0, 1/3.0, 1.0000/3.00 and 1.00/3.0000 all equal
//     0.333333333333333333333333333333333 — 33 threes
//     (force201.wordpress.com, "Decimal scale", 2010);
//   * 1/31 prints 0.0322580645161290322580645161290323, scale 34, the last
//     digit rounded up (octoberswimmer/aer-dist issue #345, checked against
//     an org);
//   * 1.0/4.0 equals 0.25 (same blog post).
// All three fit Java's divide(divisor, new MathContext(33, HALF_UP)): 33
// significant digits whatever the operand scales, and an exact quotient
// keeps the scale nearest dividend.scale − divisor.scale (so 10/4 = 2.5 and
// 6/2 = 3). A fixed result scale would not give 33 digits for 1/3 and 34
// decimals for 1/31; MathContext.DECIMAL128 (34 digits) would print 34
// threes. A zero dividend gives zero at the preferred scale, as in Java.
std::optional<Decimal> Decimal::divide(const Decimal& divisor) const {
    if (divisor.isZero()) return std::nullopt;
    std::int64_t preferredScale = static_cast<std::int64_t>(scale_) - divisor.scale_;
    if (isZero()) return Decimal(0, saturatedScale(preferredScale));
    return divideToPrecision(*this, divisor, kOperatorDivisionPrecision, preferredScale);
}

// Apex Reference: Decimal Class — divide(divisor, scale).
std::optional<Decimal> Decimal::divide(const Decimal& divisor, std::int32_t scale) const {
    return divide(divisor, scale, kDivideWithScaleRounding);
}

// Apex Reference: Decimal Class — divide(divisor, scale, roundingMode).
std::optional<Decimal> Decimal::divide(const Decimal& divisor, std::int32_t scale, RoundingMode mode) const {
    if (divisor.isZero()) return std::nullopt;
    auto quotient = quotientAtScale(*this, divisor, scale, mode);
    if (!quotient) return std::nullopt;
    return Decimal(std::move(quotient->value), scale);
}

// Apex Reference: Decimal Class — pow: "If you use MyDecimal.pow(0), 1 is
// returned." The scale multiplies as in BigDecimal.pow (1.1^2 = 1.21).
std::optional<Decimal> Decimal::pow(int exponent) const {
    if (exponent < 0 || exponent > kMaxPowExponent) return std::nullopt;
    BigInt power = boost::multiprecision::pow(unscaled_, static_cast<unsigned>(exponent));
    return Decimal(std::move(power), checkedScale(static_cast<std::int64_t>(scale_) * exponent));
}

// --- scale and rounding -------------------------------------------------------------

// Apex Reference: Decimal Class — setScale(scale): "Returns the Decimal
// scaled to the specified number of decimal places, using half even
// rounding, if necessary." (5.245 → 5.24, 5.235 → 5.24.)
Decimal Decimal::setScale(std::int32_t newScale) const { return *setScale(newScale, RoundingMode::HalfEven); }

// Apex Reference: Decimal Class — setScale(scale, roundingMode).
std::optional<Decimal> Decimal::setScale(std::int32_t newScale, RoundingMode mode) const {
    if (newScale >= scale_) return Decimal(unscaledAtScale(*this, newScale), newScale);
    std::int64_t droppedDigits = static_cast<std::int64_t>(scale_) - newScale;
    auto rounded = roundedQuotient(unscaled_, powerOfTen(droppedDigits), mode);
    if (!rounded) return std::nullopt;
    return Decimal(std::move(rounded->value), newScale);
}

// Apex Reference: Decimal Class — round(): "rounded to zero decimal places
// using half-even rounding mode".
std::int64_t Decimal::round() const { return setScale(0).toInt64Truncated(); }

// Apex Reference: Decimal Class — round(roundingMode).
std::optional<std::int64_t> Decimal::round(RoundingMode mode) const {
    auto rounded = setScale(0, mode);
    if (!rounded) return std::nullopt;
    return rounded->toInt64Truncated();
}

// Apex Reference: Decimal Class — stripTrailingZeros. Like Java 8+, zero
// comes back as plain 0 whatever its scale.
Decimal Decimal::stripTrailingZeros() const {
    if (isZero()) return Decimal();
    return withoutTrailingZerosAbove(unscaled_, scale_, kMinScale);
}

// --- comparison --------------------------------------------------------------------

int Decimal::compare(const Decimal& other) const {
    int sign = signum();
    if (sign != other.signum()) return sign < other.signum() ? -1 : 1;
    if (sign == 0) return 0;
    // Different orders of magnitude settle it without aligning scales, which
    // keeps 1E-999999999 vs 1 from building a billion-digit number.
    std::int64_t magnitude = adjustedExponent(*this), otherMagnitude = adjustedExponent(other);
    if (magnitude != otherMagnitude) return (magnitude < otherMagnitude ? -1 : 1) * sign;
    std::int32_t scale = std::max(scale_, other.scale_);
    int order = unscaledAtScale(*this, scale).compare(unscaledAtScale(other, scale));
    return (order > 0) - (order < 0);
}

std::strong_ordering Decimal::operator<=>(const Decimal& other) const {
    int order = compare(other);
    if (order < 0) return std::strong_ordering::less;
    if (order > 0) return std::strong_ordering::greater;
    return std::strong_ordering::equal;
}

// Apex itself hashes 1.1 and 1.10 differently (Decimal Class — Usage); the
// interpreter's maps compare by value, so the hash must ignore the scale.
std::size_t Decimal::hash() const {
    Decimal canonical = stripTrailingZeros();
    std::size_t seed = std::hash<BigInt>{}(canonical.unscaled_);
    std::size_t scaleHash = std::hash<std::int32_t>{}(canonical.scale_);
    return seed ^ (scaleHash + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

// --- text ------------------------------------------------------------------------------

// java.math.BigDecimal.toString(): plain when the scale is not negative and
// the leading digit's exponent is at least -6; otherwise one digit, point,
// rest, "E", signed exponent. Apex prints Decimals this way: a zero of scale
// 32 shows up as "0E-32" in String concatenation (xgeek.net, "A bug caused
// by Decimal without SetScale").
std::string Decimal::toString() const {
    std::string digits = magnitudeDigits(unscaled_);
    std::int64_t exponent = static_cast<std::int64_t>(digits.size()) - 1 - scale_;
    std::string sign = unscaled_.sign() < 0 ? "-" : "";
    if (scale_ >= 0 && exponent >= -6) return sign + insertDecimalPoint(digits, scale_);
    return sign + scientificNotation(digits, exponent);
}

// Apex Reference: Decimal Class — toPlainString.
std::size_t Decimal::plainStringLength() const {
    auto digits = static_cast<std::size_t>(precision());
    std::size_t sign = unscaled_.sign() < 0 ? 1 : 0;
    if (scale_ < 0) return isZero() ? 1 : sign + digits + static_cast<std::size_t>(-static_cast<std::int64_t>(scale_));
    auto places = static_cast<std::size_t>(scale_);
    if (places == 0) return sign + digits;
    return sign + (digits <= places ? places + 2 : digits + 1);
}

std::string Decimal::toPlainString() const {
    std::string digits = magnitudeDigits(unscaled_);
    std::string sign = unscaled_.sign() < 0 ? "-" : "";
    if (scale_ >= 0) return sign + insertDecimalPoint(digits, scale_);
    if (isZero()) return "0";
    return sign + digits + std::string(static_cast<std::size_t>(-static_cast<std::int64_t>(scale_)), '0');
}

}  // namespace apex
