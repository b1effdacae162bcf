// Pure text helpers behind the String natives: UTF-16 indexing over UTF-8
// storage, Java-style case mapping and character classes, Java-style regex
// split/replace on PCRE2, and number grouping. Nothing here touches the
// interpreter, so tests/unit/text_test.cpp exercises it directly.
//
// Apex Strings are Java Strings: indexes and lengths count UTF-16 code
// units. apexrun stores UTF-8; a lone surrogate (from cutting a surrogate
// pair apart) is kept as its 3-byte generalized UTF-8 form so that gluing
// the halves back together restores the character.
#pragma once

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apex::text {

// ---- encoding

bool isAscii(std::string_view s);
// Well-formed UTF-8 (surrogate code points allowed, as Apex keeps them).
bool isValidUtf8(std::string_view s);
std::u16string toUtf16(std::string_view utf8);
std::string toUtf8(std::u16string_view utf16);
// Decodes the code point at s[i] and advances i (invalid bytes give U+FFFD).
char32_t nextCodePoint(std::string_view s, size_t& i);
void appendCodePoint(std::string& out, char32_t cp);
// `bytes` read as UTF-8, each invalid sequence replaced by U+FFFD (as Java
// decodes a response body).
std::string decodeUtf8Lossy(std::string_view bytes);
// `bytes` as well-formed UTF-8 for other programs (RFC 3629): the 3-byte
// halves of a surrogate pair joined into one character, and each lone
// surrogate, overlong form or invalid byte replaced by U+FFFD.
std::string toWellFormedUtf8(std::string_view bytes);

// Length in UTF-16 code units (String.length()).
size_t utf16Length(std::string_view s);
// s[begin, end) in UTF-16 code units; the caller checks the bounds.
std::string substring(std::string_view s, size_t begin, size_t end);
// The UTF-16 code unit at `index` (String.charAt); the caller checks bounds.
char16_t unitAt(std::string_view s, size_t index);

// Java String.indexOf(str, from) / lastIndexOf(str, from), in UTF-16 units.
int indexOf(std::string_view s, std::string_view needle, int from = 0);
int lastIndexOf(std::string_view s, std::string_view needle, int from = INT32_MAX);

// Java String.compareTo: difference of the first differing UTF-16 units,
// else of the lengths.
int compareUtf16(std::string_view a, std::string_view b);

// ---- characters (Java's Character rules, simple case mappings)

char32_t toUpper(char32_t c);
char32_t toLower(char32_t c);
char32_t toTitle(char32_t c);
bool isWhitespace(char32_t c);  // Character.isWhitespace
bool isLetter(char32_t c);      // Character.isLetter
bool isDigit(char32_t c);       // Character.isDigit
bool isSpaceChar(char32_t c);   // Character.isSpaceChar

// String.toUpperCase / toLowerCase (full mappings: ß → SS).
std::string toUpperCase(std::string_view s);
std::string toLowerCase(std::string_view s);
// `parts` with `separator` between each two.
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// The parts of `s` between each `separator`, empty ones kept: one part for
// a text without it (split("a\n", '\n') is {"a", ""}).
std::vector<std::string> split(std::string_view s, char separator);
// Code points in UTF-8 text: the columns it takes on a terminal, where
// each character takes one.
size_t codePointCount(std::string_view utf8);
// Lower-cases ASCII letters only: the key for names compared
// case-insensitively (Apex identifiers, URL schemes and hosts, file names).
std::string foldCase(std::string_view s);

// How many `{}` a message format holds: the arguments it takes (the error
// and diagnostic catalogs check their call sites against it).
constexpr size_t placeholderCount(std::string_view format) {
  size_t count = 0;
  for (size_t at = format.find("{}"); at != std::string_view::npos; at = format.find("{}", at + 2)) ++count;
  return count;
}
// `format` with each `{}` replaced, in order, by the next argument. The
// format is scanned once, so a `{}` inside an argument stays as written.
std::string fillPlaceholders(std::string_view format, std::initializer_list<std::string_view> arguments);
// foldCase(a) == foldCase(b), without building either: ASCII letters match
// either case, every other byte only itself.
bool equalsIgnoreAsciiCase(std::string_view a, std::string_view b);
// String.equalsIgnoreCase: unit by unit, equal after upper- or lower-casing.
bool equalsIgnoreCase(std::string_view a, std::string_view b);
// String.compareToIgnoreCase-style order used for case-insensitive compares.
int compareIgnoreCase(std::string_view a, std::string_view b);
// A hash consistent with equalsIgnoreCase.
size_t hashIgnoreCase(std::string_view s);
// Java String.hashCode (s[0]*31^(n-1) + ... over UTF-16 units).
int32_t javaHashCode(std::string_view s);

// Java String.trim: strips code units <= U+0020 at both ends.
std::string_view trimJava(std::string_view s);
// StringUtils.strip: strips Character.isWhitespace at both ends.
std::string stripWhitespace(std::string_view s);
// StringUtils.normalizeSpace.
std::string normalizeSpace(std::string_view s);
bool isBlank(std::string_view s);
// An email address as the platform's check for one is permissive:
// something@domain.tld, one `@`, no spaces (Email fields, sendEmail's
// recipients).
bool isEmailAddress(std::string_view s);

// ---- regex (java.util.regex semantics on PCRE2)

struct RegexError {
  std::string message;
  // The pattern is valid but matching it gave up: PCRE2's backtracking,
  // depth or heap limit (Salesforce: LimitException "Regex too complicated").
  bool tooComplicated = false;
};

// Whether a pcre2_match result means it gave up rather than found no match.
bool regexGaveUp(int pcre2Result);

// A Java regex compiled for PCRE2, JIT-compiled where the platform allows.
// Shared: String methods cache these by source, Pattern objects hold one.
struct CompiledRegex {
  std::string source;  // the regex as written in Apex
  pcre2_code* code = nullptr;
  uint32_t captureCount = 0;
  CompiledRegex() = default;
  CompiledRegex(const CompiledRegex&) = delete;
  CompiledRegex& operator=(const CompiledRegex&) = delete;
  ~CompiledRegex() { pcre2_code_free(code); }
};

// `regex` compiled (from a small cache); null and `err` set on an invalid pattern.
std::shared_ptr<const CompiledRegex> compileRegex(std::string_view regex, RegexError* err);

// String.split(regex[, limit]) with Java's rules: a limit of 0 drops trailing
// empty strings; a zero-width match at the start never yields a leading
// empty string. nullopt and `err` set on an invalid pattern, or one too
// complicated to match (these three functions alike).
std::optional<std::vector<std::string>> splitRegex(std::string_view s, std::string_view regex,
                                                   int limit, RegexError* err);
// String.replaceAll / replaceFirst: Java replacement syntax ($1, ${name}, \$).
std::optional<std::string> replaceRegex(std::string_view s, std::string_view regex,
                                        std::string_view replacement, bool firstOnly,
                                        RegexError* err);
// Pattern.matches(regex, s): the whole input matches.
std::optional<bool> matchesRegex(std::string_view s, std::string_view regex, RegexError* err);

// ---- escaping (Apache Commons Lang StringEscapeUtils)

// escapeHtml3 / escapeHtml4: the basic entities (&quot; &amp; &lt; &gt;), the
// ISO-8859-1 ones (&nbsp; ... &yuml;), and for HTML 4 also its extended set
// (&fnof;, Greek letters, symbols, &euro; ...). Other characters stay as they are.
std::string escapeHtml(std::string_view s, bool html4);
// unescapeHtml3 / unescapeHtml4: the same named entities plus numeric ones
// (&#65; &#x41;), each needing its ';'. Unknown entities stay as they are.
std::string unescapeHtml(std::string_view s, bool html4);
// escapeXml / unescapeXml: the five XML entities (and numeric ones on unescape).
std::string escapeXml(std::string_view s);
std::string unescapeXml(std::string_view s);

// ---- similarity

// StringUtils.getLevenshteinDistance over UTF-16 units; with a threshold
// >= 0, -1 when the distance is greater than it.
int levenshtein(std::string_view a, std::string_view b, int threshold = -1);

// Java's Character.getType general category number (UPPERCASE_LETTER = 1, ...)
// as StringUtils.splitByCharacterType groups by it.
int javaCharType(char32_t c);

// ---- numbers

// Inserts ',' every three digits into a run of digits ("1234567" →
// "1,234,567"); a leading '-' is kept.
std::string groupThousands(std::string_view digits);

}  // namespace apex::text
