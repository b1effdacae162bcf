#include "base/numfmt.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <system_error>

namespace apex {

namespace {

// --- Double.toString --------------------------------------------------------

// A positive finite double as significant digits d1 d2 … dn and the decimal
// exponent of d1, i.e. value = d1.d2…dn × 10^exponent.
struct DecimalDigits {
    std::string digits;
    int exponent = 0;
};

// Without `fractionDigits`, to_chars picks the shortest digits that read
// back exactly; with it, the value is correctly rounded to that many.
DecimalDigits digitsOf(double positive, std::optional<int> fractionDigits) {
    char buffer[64];
    char* const end = buffer + sizeof buffer;
    auto format = std::chars_format::scientific;
    auto result = fractionDigits ? std::to_chars(buffer, end, positive, format, *fractionDigits)
                                 : std::to_chars(buffer, end, positive, format);
    std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
    std::size_t exponentMark = text.find('e');

    DecimalDigits out;
    for (char c : text.substr(0, exponentMark)) {
        if (c != '.') out.digits.push_back(c);
    }
    std::string_view exponentText = text.substr(exponentMark + 1);
    if (!exponentText.empty() && exponentText.front() == '+') exponentText.remove_prefix(1);
    std::from_chars(exponentText.data(), exponentText.data() + exponentText.size(), out.exponent);
    return out;
}

bool readsBackAs(const DecimalDigits& number, double positive) {
    int lastDigitExponent = number.exponent - static_cast<int>(number.digits.size()) + 1;
    std::string text = number.digits + "e" + std::to_string(lastDigitExponent);
    double parsed = 0;
    std::from_chars(text.data(), text.data() + text.size(), parsed);
    return parsed == positive;
}

// Double.toString (JDK 19+ specification): the shortest decimal that reads
// back as the double, except that it always has at least two digits, and
// when the shortest has one digit the two-digit decimal nearest the exact
// value is used. That only differs from "d.0" for subnormals, where few bits
// are left: Double.MIN_VALUE prints "4.9E-324", not "5.0E-324".
DecimalDigits javaDigits(double positive) {
    DecimalDigits shortest = digitsOf(positive, std::nullopt);
    if (shortest.digits.size() > 1) return shortest;
    DecimalDigits twoDigits = digitsOf(positive, 1);
    if (readsBackAs(twoDigits, positive)) {
        if (twoDigits.digits.back() == '0') twoDigits.digits.pop_back();  // layouts add ".0" back
        return twoDigits;
    }
    return shortest;
}

// Java prints at least one digit on each side of the point: "12.0", "0.001".
std::string plainLayout(const DecimalDigits& number) {
    const std::string& digits = number.digits;
    if (number.exponent < 0) {
        return "0." + std::string(static_cast<std::size_t>(-number.exponent - 1), '0') + digits;
    }
    std::size_t integerLength = static_cast<std::size_t>(number.exponent) + 1;
    if (digits.size() <= integerLength) {
        return digits + std::string(integerLength - digits.size(), '0') + ".0";
    }
    return digits.substr(0, integerLength) + "." + digits.substr(integerLength);
}

// Java's "computerized scientific notation": "1.0E7", "1.234E-5" — one
// digit before the point, at least one after, no '+' on the exponent.
std::string scientificLayout(const DecimalDigits& number) {
    const std::string& digits = number.digits;
    std::string fraction = digits.size() > 1 ? digits.substr(1) : "0";
    return digits.substr(0, 1) + "." + fraction + "E" + std::to_string(number.exponent);
}

// --- Integer.parseInt / Long.parseLong -------------------------------------

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }

bool isAllAsciiDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), isAsciiDigit);
}

template <typename Int>
std::optional<Int> parseJavaInteger(std::string_view text) {
    bool hasSign = !text.empty() && (text.front() == '+' || text.front() == '-');
    if (!isAllAsciiDigits(text.substr(hasSign ? 1 : 0))) return std::nullopt;
    // from_chars takes a leading '-' but not '+'.
    if (text.front() == '+') text.remove_prefix(1);

    Int value{};
    const char* end = text.data() + text.size();
    auto result = std::from_chars(text.data(), end, value);
    if (result.ec != std::errc() || result.ptr != end) return std::nullopt;  // out of range
    return value;
}

// --- Double.parseDouble -----------------------------------------------------

// String.trim(): Java strips every character <= ' ' from both ends.
std::string_view trimJavaWhitespace(std::string_view text) {
    while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
    while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
    return text;
}

bool isHexDigit(char c) {
    return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isTypeSuffix(char c) { return c == 'f' || c == 'F' || c == 'd' || c == 'D'; }

// Scans a mantissa "digits[.digits]" (either side may be empty, not both)
// starting at `pos`. Returns the index after it, or npos when no digit.
template <typename DigitTest>
std::size_t scanMantissa(std::string_view text, std::size_t pos, DigitTest isDigit) {
    bool sawDigit = false;
    while (pos < text.size() && isDigit(text[pos])) { ++pos; sawDigit = true; }
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && isDigit(text[pos])) { ++pos; sawDigit = true; }
    }
    return sawDigit ? pos : std::string_view::npos;
}

// Scans "[+-]digits" starting at `pos`; npos when malformed.
std::size_t scanSignedDigits(std::string_view text, std::size_t pos) {
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
    std::size_t start = pos;
    while (pos < text.size() && isAsciiDigit(text[pos])) ++pos;
    return pos > start ? pos : std::string_view::npos;
}

// Length of a Java floating literal body (no sign) — decimal or hex,
// excluding the optional f/F/d/D suffix — or npos if the text is not one.
std::size_t scanFloatBody(std::string_view text, bool hex) {
    std::size_t pos = hex ? scanMantissa(text, 2, isHexDigit)
                          : scanMantissa(text, 0, isAsciiDigit);
    if (pos == std::string_view::npos) return pos;
    bool hasExponent = pos < text.size() && (hex ? (text[pos] == 'p' || text[pos] == 'P')
                                                 : (text[pos] == 'e' || text[pos] == 'E'));
    if (hex && !hasExponent) return std::string_view::npos;  // Java requires p±n
    return hasExponent ? scanSignedDigits(text, pos + 1) : pos;
}

// When from_chars reports a range error Java still answers: ±Infinity for
// overflow, ±0.0 for underflow. Which one it is follows from the order of
// magnitude: where the first significant digit sits relative to the point,
// plus the exponent.
bool overflowsRatherThanUnderflows(std::string_view body, bool hex) {
    std::size_t mantissaStart = hex ? 2 : 0;
    std::size_t exponentMark = body.find_first_of(hex ? "pP" : "eE", mantissaStart);
    std::string_view mantissa = body.substr(mantissaStart, exponentMark - mantissaStart);

    long long exponent = 0;
    if (exponentMark != std::string_view::npos) {
        std::string_view digits = body.substr(exponentMark + 1);
        bool negative = !digits.empty() && digits.front() == '-';
        if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) digits.remove_prefix(1);
        // Saturate: any exponent this large settles the question alone.
        for (char c : digits) exponent = std::min(exponent * 10 + (c - '0'), 1'000'000'000LL);
        if (negative) exponent = -exponent;
    }
    // Position of the first significant digit relative to the point.
    long long order = 0;
    bool seenPoint = false, seenSignificant = false;
    for (char c : mantissa) {
        if (c == '.') { seenPoint = true; continue; }
        if (c != '0') seenSignificant = true;
        if (!seenSignificant && seenPoint) --order;
        if (seenSignificant && !seenPoint) ++order;
    }
    long long digitWeight = hex ? 4 : 1;  // a hex digit is four binary places
    return order * digitWeight + exponent > 0;
}

std::optional<double> parseFloatBody(std::string_view body, bool hex) {
    std::string_view number = hex ? body.substr(2) : body;
    double value = 0;
    auto format = hex ? std::chars_format::hex : std::chars_format::general;
    auto result = std::from_chars(number.data(), number.data() + number.size(), value, format);
    if (result.ptr != number.data() + number.size()) return std::nullopt;
    if (result.ec == std::errc::result_out_of_range) {
        return overflowsRatherThanUnderflows(body, hex) ? std::numeric_limits<double>::infinity() : 0.0;
    }
    if (result.ec != std::errc()) return std::nullopt;
    return value;
}

}  // namespace

std::string formatDouble(double value) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
    if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";

    DecimalDigits number = javaDigits(std::fabs(value));
    // The shortest digits of a double never round across 1e-3 or 1e7
    // (both boundaries are themselves the shortest form of their nearest
    // double), so their exponent decides the layout exactly as |x| would.
    bool plain = number.exponent >= -3 && number.exponent < 7;
    std::string body = plain ? plainLayout(number) : scientificLayout(number);
    return value < 0 ? "-" + body : body;
}

std::string formatLong(std::int64_t value) { return std::to_string(value); }

std::string formatInt(std::int32_t value) { return std::to_string(value); }

std::optional<std::int32_t> parseApexInteger(std::string_view text) {
    return parseJavaInteger<std::int32_t>(text);
}

std::optional<std::int64_t> parseApexLong(std::string_view text) {
    return parseJavaInteger<std::int64_t>(text);
}

std::optional<double> parseApexDouble(std::string_view text) {
    text = trimJavaWhitespace(text);
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    auto applySign = [negative](double magnitude) { return negative ? -magnitude : magnitude; };

    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity") return applySign(std::numeric_limits<double>::infinity());

    bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
    std::size_t bodyLength = scanFloatBody(text, hex);
    if (bodyLength == std::string_view::npos) return std::nullopt;
    bool onlySuffixLeft = bodyLength == text.size() ||
                          (bodyLength + 1 == text.size() && isTypeSuffix(text.back()));
    if (!onlySuffixLeft) return std::nullopt;

    auto magnitude = parseFloatBody(text.substr(0, bodyLength), hex);
    if (!magnitude) return std::nullopt;
    return applySign(*magnitude);
}

}  // namespace apex
