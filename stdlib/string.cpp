// Apex Reference: String Class. Methods of the String primitive type.
//
// Indexes and lengths are UTF-16 code units as in Apex (Java); text.h does
// the unit arithmetic with an ASCII fast path. Methods that Salesforce builds
// on java.lang.String reject null arguments with a NullPointerException;
// those built on Apache Commons StringUtils are null-tolerant as StringUtils is.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "base/hex.h"
#include "base/numfmt.h"
#include "base/text.h"
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "stdlib/regex_objects.h"

namespace apex::stdlib {
namespace {

namespace tx = text;

// A String's UTF-16 units: the bytes themselves when the text is ASCII.
class Units {
 public:
  explicit Units(std::string_view s) : ascii_(tx::isAscii(s)), bytes_(s) {
    if (!ascii_) units_ = tx::toUtf16(s);
  }
  size_t size() const { return ascii_ ? bytes_.size() : units_.size(); }
  std::string slice(size_t b, size_t e) const {
    if (b >= e) return {};
    if (ascii_) return std::string(bytes_.substr(b, e - b));
    return tx::toUtf8(std::u16string_view(units_).substr(b, e - b));
  }
  char16_t at(size_t i) const { return ascii_ ? char16_t((unsigned char)bytes_[i]) : units_[i]; }

 private:
  bool ascii_;
  std::string_view bytes_;
  std::u16string units_;
};

Value S(Interp& vm, std::string s) { return vm.makeString(std::move(s)); }
const std::string& self(Value* args) { return str(args[0]); }

std::vector<char32_t> codePoints(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) out.push_back(tx::nextCodePoint(s, i));
  return out;
}

std::string fromCodePoints(const std::vector<char32_t>& cps) {
  std::string out;
  for (char32_t c : cps) tx::appendCodePoint(out, c);
  return out;
}

// ------------------------------------------------------------------ length, substring

// Apex Reference: String Class — length()
Value length(Interp&, Value* args, int) { return integer(int32_t(tx::utf16Length(self(args)))); }

// Apex Reference: String Class — substring(startIndex), substring(startIndex, endIndex)
Value substringRange(Interp& vm, const std::string& s, int64_t begin, int64_t end) {
  Units u(s);
  int64_t n = int64_t(u.size());
  if (begin < 0 || begin > n)
    vm.raise(interp::errors::StartOutOfBounds, begin);
  if (end < begin || end > n)
    vm.raise(interp::errors::EndOutOfBounds, end);
  return S(vm, u.slice(size_t(begin), size_t(end)));
}
Value substring1(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  int32_t b = intArg(vm, args[1]);
  return substringRange(vm, s, b, int64_t(tx::utf16Length(s)));
}
Value substring2(Interp& vm, Value* args, int) {
  return substringRange(vm, self(args), intArg(vm, args[1]), intArg(vm, args[2]));
}

// Apex Reference: String Class — charAt(index)
Value charAt(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  int32_t i = intArg(vm, args[1]);
  size_t n = tx::utf16Length(s);
  if (i < 0 || size_t(i) >= n)
    vm.raise(interp::errors::StringIndexOutOfRange, i);
  return integer(tx::unitAt(s, size_t(i)));
}

// Apex Reference: String Class — codePointAt(index)
Value codePointAt(Interp& vm, Value* args, int) {
  Units u(self(args));
  int32_t i = intArg(vm, args[1]);
  if (i < 0 || size_t(i) >= u.size())
    vm.raise(interp::errors::StringIndexOutOfRange, i);
  char16_t hi = u.at(size_t(i));
  if (hi >= 0xD800 && hi < 0xDC00 && size_t(i) + 1 < u.size()) {
    char16_t lo = u.at(size_t(i) + 1);
    if (lo >= 0xDC00 && lo < 0xE000) return integer(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
  }
  return integer(hi);
}

// Apex Reference: String Class — codePointCount(beginIndex, endIndex)
Value codePointCount(Interp& vm, Value* args, int) {
  Units u(self(args));
  int32_t b = intArg(vm, args[1]), e = intArg(vm, args[2]);
  if (b < 0 || e > int32_t(u.size()) || b > e)
    vm.raise(interp::errors::StringIndexOutOfRange, b < 0 ? b : e);
  int32_t n = 0;
  for (int32_t i = b; i < e; ++i) {
    char16_t c = u.at(size_t(i));
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < e && u.at(size_t(i) + 1) >= 0xDC00 && u.at(size_t(i) + 1) < 0xE000) ++i;
    ++n;
  }
  return integer(n);
}

// ------------------------------------------------------------------ searching

// Apex Reference: String Class — indexOf(substring), indexOf(substring, index)
Value indexOf1(Interp& vm, Value* args, int) { return integer(tx::indexOf(self(args), strArg(vm, args[1]), 0)); }
Value indexOf2(Interp& vm, Value* args, int) {
  return integer(tx::indexOf(self(args), strArg(vm, args[1]), intArg(vm, args[2])));
}
// Apex Reference: String Class — lastIndexOf(substring), lastIndexOf(substring, endPosition)
Value lastIndexOf1(Interp& vm, Value* args, int) {
  return integer(tx::lastIndexOf(self(args), strArg(vm, args[1])));
}
Value lastIndexOf2(Interp& vm, Value* args, int) {
  return integer(tx::lastIndexOf(self(args), strArg(vm, args[1]), intArg(vm, args[2])));
}

// Case-insensitive matching as Java's regionMatches(ignoreCase): unit by
// unit, so lengths and indexes are kept.
std::u16string folded(std::string_view s) {
  std::u16string u = tx::toUtf16(s);
  for (char16_t& c : u)
    if (c < 0xD800 || c >= 0xE000) c = char16_t(tx::toLower(tx::toUpper(c)));
  return u;
}
int indexOfIgnoreCaseImpl(std::string_view s, std::string_view needle, int from) {
  std::u16string a = folded(s), b = folded(needle);
  if (from < 0) from = 0;
  if (size_t(from) > a.size()) return -1;
  size_t p = a.find(b, size_t(from));
  return p == std::u16string::npos ? -1 : int(p);
}
int lastIndexOfIgnoreCaseImpl(std::string_view s, std::string_view needle, int from) {
  std::u16string a = folded(s), b = folded(needle);
  if (from < 0) return -1;
  size_t p = a.rfind(b, size_t(from));
  return p == std::u16string::npos ? -1 : int(p);
}

// Apex Reference: String Class — indexOfIgnoreCase(substring[, startPosition])
Value indexOfIgnoreCase1(Interp&, Value* args, int) {
  if (args[1].isNull()) return integer(-1);
  return integer(indexOfIgnoreCaseImpl(self(args), str(args[1]), 0));
}
Value indexOfIgnoreCase2(Interp& vm, Value* args, int) {
  if (args[1].isNull()) return integer(-1);
  return integer(indexOfIgnoreCaseImpl(self(args), str(args[1]), intArg(vm, args[2])));
}
// Apex Reference: String Class — lastIndexOfIgnoreCase(substring[, endPosition])
Value lastIndexOfIgnoreCase1(Interp&, Value* args, int) {
  if (args[1].isNull()) return integer(-1);
  return integer(lastIndexOfIgnoreCaseImpl(self(args), str(args[1]), INT32_MAX));
}
Value lastIndexOfIgnoreCase2(Interp& vm, Value* args, int) {
  if (args[1].isNull()) return integer(-1);
  return integer(lastIndexOfIgnoreCaseImpl(self(args), str(args[1]), intArg(vm, args[2])));
}
// Apex Reference: String Class — indexOfChar(character[, startIndex]), lastIndexOfChar
Value indexOfChar1(Interp& vm, Value* args, int) {
  std::string needle;
  tx::appendCodePoint(needle, char32_t(intArg(vm, args[1])));
  return integer(tx::indexOf(self(args), needle, 0));
}
Value indexOfChar2(Interp& vm, Value* args, int) {
  std::string needle;
  tx::appendCodePoint(needle, char32_t(intArg(vm, args[1])));
  return integer(tx::indexOf(self(args), needle, intArg(vm, args[2])));
}
Value lastIndexOfChar1(Interp& vm, Value* args, int) {
  std::string needle;
  tx::appendCodePoint(needle, char32_t(intArg(vm, args[1])));
  return integer(tx::lastIndexOf(self(args), needle));
}
Value lastIndexOfChar2(Interp& vm, Value* args, int) {
  std::string needle;
  tx::appendCodePoint(needle, char32_t(intArg(vm, args[1])));
  return integer(tx::lastIndexOf(self(args), needle, intArg(vm, args[2])));
}

// Apex Reference: String Class — contains(substring)
Value contains(Interp& vm, Value* args, int) {
  return boolean(self(args).find(strArg(vm, args[1])) != std::string::npos);
}
// Apex Reference: String Class — containsIgnoreCase(substring)
Value containsIgnoreCase(Interp&, Value* args, int) {
  if (args[1].isNull()) return boolean(false);
  return boolean(indexOfIgnoreCaseImpl(self(args), str(args[1]), 0) >= 0);
}
// Apex Reference: String Class — containsAny(inputString), containsNone, containsOnly
Value containsAny(Interp&, Value* args, int) {
  if (args[1].isNull()) return boolean(false);
  auto chars = codePoints(str(args[1]));
  for (char32_t c : codePoints(self(args)))
    if (std::find(chars.begin(), chars.end(), c) != chars.end()) return boolean(true);
  return boolean(false);
}
Value containsNone(Interp&, Value* args, int) {
  if (args[1].isNull()) return boolean(true);
  auto chars = codePoints(str(args[1]));
  for (char32_t c : codePoints(self(args)))
    if (std::find(chars.begin(), chars.end(), c) != chars.end()) return boolean(false);
  return boolean(true);
}
Value containsOnly(Interp&, Value* args, int) {
  if (args[1].isNull()) return boolean(false);
  if (self(args).empty()) return boolean(true);
  auto chars = codePoints(str(args[1]));
  for (char32_t c : codePoints(self(args)))
    if (std::find(chars.begin(), chars.end(), c) == chars.end()) return boolean(false);
  return boolean(true);
}
// Apex Reference: String Class — containsWhitespace()
Value containsWhitespace(Interp&, Value* args, int) {
  for (char32_t c : codePoints(self(args)))
    if (tx::isWhitespace(c)) return boolean(true);
  return boolean(false);
}

// Apex Reference: String Class — startsWith(prefix), endsWith(suffix)
Value startsWith(Interp& vm, Value* args, int) {
  const std::string& p = strArg(vm, args[1]);
  return boolean(self(args).compare(0, p.size(), p) == 0 && self(args).size() >= p.size());
}
Value endsWith(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  const std::string& p = strArg(vm, args[1]);
  return boolean(s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0);
}
// Apex Reference: String Class — startsWithIgnoreCase(prefix), endsWithIgnoreCase(suffix)
Value startsWithIgnoreCase(Interp&, Value* args, int) {
  if (args[1].isNull()) return boolean(false);
  std::u16string a = folded(self(args)), b = folded(str(args[1]));
  return boolean(a.size() >= b.size() && a.compare(0, b.size(), b) == 0);
}
Value endsWithIgnoreCase(Interp&, Value* args, int) {
  if (args[1].isNull()) return boolean(false);
  std::u16string a = folded(self(args)), b = folded(str(args[1]));
  return boolean(a.size() >= b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0);
}

// Apex Reference: String Class — countMatches(substring)
Value countMatches(Interp&, Value* args, int) {
  if (args[1].isNull()) return integer(0);
  const std::string& s = self(args);
  const std::string& sub = str(args[1]);
  if (s.empty() || sub.empty()) return integer(0);
  int32_t n = 0;
  for (size_t p = s.find(sub); p != std::string::npos; p = s.find(sub, p + sub.size())) ++n;
  return integer(n);
}

// ------------------------------------------------------------------ comparing

// Apex Reference: String Class — equals(stringOrId): case-sensitive
Value equals(Interp& vm, Value* args, int) {
  const Value& other = args[1];
  if (other.tag() == Tag::String) return boolean(self(args) == str(other));
  if (other.tag() == Tag::Id) return boolean(vm.equalsOperator(args[0], other));
  return boolean(false);
}
// Apex Reference: String Class — equalsIgnoreCase(secondString)
Value equalsIgnoreCase(Interp&, Value* args, int) {
  if (args[1].tag() != Tag::String && args[1].tag() != Tag::Id) return boolean(false);
  return boolean(tx::equalsIgnoreCase(self(args), str(args[1])));
}
// Apex Reference: String Class — compareTo(secondString)
Value compareTo(Interp& vm, Value* args, int) {
  return integer(tx::compareUtf16(self(args), strArg(vm, args[1])));
}
// Apex Reference: String Class — hashCode()
Value hashCode(Interp&, Value* args, int) { return integer(tx::javaHashCode(self(args))); }

// Apex Reference: String Class — isBlank(inputString), isNotBlank, isEmpty, isNotEmpty (static)
Value isBlank(Interp&, Value* args, int) { return boolean(args[0].isNull() || tx::isBlank(str(args[0]))); }
Value isNotBlank(Interp&, Value* args, int) { return boolean(!args[0].isNull() && !tx::isBlank(str(args[0]))); }
Value isEmpty(Interp&, Value* args, int) { return boolean(args[0].isNull() || str(args[0]).empty()); }
Value isNotEmpty(Interp&, Value* args, int) { return boolean(!args[0].isNull() && !str(args[0]).empty()); }

// ------------------------------------------------------------------ case and whitespace

// Apex Reference: String Class — toUpperCase(), toLowerCase()
Value toUpperCase(Interp& vm, Value* args, int) { return S(vm, tx::toUpperCase(self(args))); }
Value toLowerCase(Interp& vm, Value* args, int) { return S(vm, tx::toLowerCase(self(args))); }
// Apex Reference: String Class — capitalize(), uncapitalize(), swapCase()
Value capitalize(Interp& vm, Value* args, int) {
  auto cps = codePoints(self(args));
  if (!cps.empty()) cps[0] = tx::toTitle(cps[0]);
  return S(vm, fromCodePoints(cps));
}
Value uncapitalize(Interp& vm, Value* args, int) {
  auto cps = codePoints(self(args));
  if (!cps.empty()) cps[0] = tx::toLower(cps[0]);
  return S(vm, fromCodePoints(cps));
}
Value swapCase(Interp& vm, Value* args, int) {
  auto cps = codePoints(self(args));
  for (char32_t& c : cps) {
    char32_t up = tx::toUpper(c), low = tx::toLower(c);
    if (c != low && c == up) c = low;       // upper or title case
    else if (c != up) c = up;               // lower case
  }
  return S(vm, fromCodePoints(cps));
}
// Apex Reference: String Class — isAllUpperCase(), isAllLowerCase()
Value isAllUpperCase(Interp&, Value* args, int) {
  auto cps = codePoints(self(args));
  if (cps.empty()) return boolean(false);
  for (char32_t c : cps)
    if (!tx::isLetter(c) || tx::toUpper(c) != c || tx::toLower(c) == c) return boolean(false);
  return boolean(true);
}
Value isAllLowerCase(Interp&, Value* args, int) {
  auto cps = codePoints(self(args));
  if (cps.empty()) return boolean(false);
  for (char32_t c : cps)
    if (!tx::isLetter(c) || tx::toLower(c) != c || tx::toUpper(c) == c) return boolean(false);
  return boolean(true);
}

// Apex Reference: String Class — trim(): drops leading and trailing chars <= ' '
Value trim(Interp& vm, Value* args, int) {
  std::string_view t = tx::trimJava(self(args));
  if (t.size() == self(args).size()) return args[0];
  return S(vm, std::string(t));
}
// Apex Reference: String Class — strip(), normalizeSpace(), deleteWhitespace()
Value strip(Interp& vm, Value* args, int) { return S(vm, tx::stripWhitespace(self(args))); }
Value normalizeSpace(Interp& vm, Value* args, int) { return S(vm, tx::normalizeSpace(self(args))); }
Value deleteWhitespace(Interp& vm, Value* args, int) {
  std::string out;
  for (char32_t c : codePoints(self(args)))
    if (!tx::isWhitespace(c)) tx::appendCodePoint(out, c);
  return S(vm, out);
}

// Apex Reference: String Class — isAlpha(), isAlphaSpace(), isAlphanumeric(),
// isAlphanumericSpace(), isNumeric(), isNumericSpace(), isWhitespace(), isAsciiPrintable()
template <bool (*Pred)(char32_t)>
Value allChars(Interp&, Value* args, int) {
  auto cps = codePoints(self(args));
  if (cps.empty()) return boolean(false);
  for (char32_t c : cps)
    if (!Pred(c)) return boolean(false);
  return boolean(true);
}
bool alpha(char32_t c) { return tx::isLetter(c); }
bool alphaSpace(char32_t c) { return c == ' ' || tx::isLetter(c); }
bool alnum(char32_t c) { return tx::isLetter(c) || tx::isDigit(c); }
bool alnumSpace(char32_t c) { return c == ' ' || tx::isLetter(c) || tx::isDigit(c); }
bool numeric(char32_t c) { return tx::isDigit(c); }
bool numericSpace(char32_t c) { return c == ' ' || tx::isDigit(c); }
bool whitespace(char32_t c) { return tx::isWhitespace(c); }
bool asciiPrintable(char32_t c) { return c >= 32 && c < 127; }
// The *Space variants and isWhitespace accept the empty string (StringUtils).
template <bool (*Pred)(char32_t)>
Value allCharsOrEmpty(Interp&, Value* args, int) {
  for (char32_t c : codePoints(self(args)))
    if (!Pred(c)) return boolean(false);
  return boolean(true);
}

// ------------------------------------------------------------------ pieces

// Apex Reference: String Class — left(length), right(length), mid(startIndex, length)
Value left(Interp& vm, Value* args, int) {
  int32_t n = intArg(vm, args[1]);
  Units u(self(args));
  if (n < 0) return S(vm, "");
  if (size_t(n) >= u.size()) return args[0];
  return S(vm, u.slice(0, size_t(n)));
}
Value right(Interp& vm, Value* args, int) {
  int32_t n = intArg(vm, args[1]);
  Units u(self(args));
  if (n < 0) return S(vm, "");
  if (size_t(n) >= u.size()) return args[0];
  return S(vm, u.slice(u.size() - size_t(n), u.size()));
}
Value mid(Interp& vm, Value* args, int) {
  int32_t pos = intArg(vm, args[1]), n = intArg(vm, args[2]);
  Units u(self(args));
  if (n < 0 || pos > int32_t(u.size())) return S(vm, "");
  if (pos < 0) pos = 0;
  if (int64_t(u.size()) <= int64_t(pos) + n) return S(vm, u.slice(size_t(pos), u.size()));
  return S(vm, u.slice(size_t(pos), size_t(pos + n)));
}

// Apex Reference: String Class — substringBefore(separator), substringAfter(separator),
// substringBeforeLast(separator), substringAfterLast(separator)
Value substringBefore(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (s.empty() || args[1].isNull()) return args[0];
  const std::string& sep = str(args[1]);
  if (sep.empty()) return S(vm, "");
  size_t p = s.find(sep);
  if (p == std::string::npos) return args[0];
  return S(vm, s.substr(0, p));
}
Value substringAfter(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (s.empty()) return args[0];
  if (args[1].isNull()) return S(vm, "");
  const std::string& sep = str(args[1]);
  size_t p = s.find(sep);
  if (p == std::string::npos) return S(vm, "");
  return S(vm, s.substr(p + sep.size()));
}
Value substringBeforeLast(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (s.empty() || args[1].isNull() || str(args[1]).empty()) return args[0];
  size_t p = s.rfind(str(args[1]));
  if (p == std::string::npos) return args[0];
  return S(vm, s.substr(0, p));
}
Value substringAfterLast(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (s.empty()) return args[0];
  if (args[1].isNull() || str(args[1]).empty()) return S(vm, "");
  const std::string& sep = str(args[1]);
  size_t p = s.rfind(sep);
  if (p == std::string::npos || p == s.size() - sep.size()) return S(vm, "");
  return S(vm, s.substr(p + sep.size()));
}
// Apex Reference: String Class — substringBetween(tag), substringBetween(open, close)
Value between(Interp& vm, const std::string& s, const Value& open, const Value& close) {
  if (open.isNull() || close.isNull()) return Value();
  const std::string& o = str(open);
  const std::string& c = str(close);
  size_t start = s.find(o);
  if (start == std::string::npos) return Value();
  size_t end = s.find(c, start + o.size());
  if (end == std::string::npos) return Value();
  return S(vm, s.substr(start + o.size(), end - start - o.size()));
}
Value substringBetween1(Interp& vm, Value* args, int) { return between(vm, self(args), args[1], args[1]); }
Value substringBetween2(Interp& vm, Value* args, int) { return between(vm, self(args), args[1], args[2]); }

// Apex Reference: String Class — removeStart(substring), removeEnd, removeStartIgnoreCase,
// removeEndIgnoreCase, remove(substring)
Value removeStart(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (s.empty() || args[1].isNull() || str(args[1]).empty()) return args[0];
  const std::string& p = str(args[1]);
  if (s.compare(0, p.size(), p) == 0 && s.size() >= p.size()) return S(vm, s.substr(p.size()));
  return args[0];
}
Value removeEnd(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (s.empty() || args[1].isNull() || str(args[1]).empty()) return args[0];
  const std::string& p = str(args[1]);
  if (s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0)
    return S(vm, s.substr(0, s.size() - p.size()));
  return args[0];
}
Value removeStartIgnoreCase(Interp& vm, Value* args, int) {
  if (self(args).empty() || args[1].isNull() || str(args[1]).empty()) return args[0];
  std::u16string a = folded(self(args)), b = folded(str(args[1]));
  if (a.size() >= b.size() && a.compare(0, b.size(), b) == 0) {
    Units u(self(args));
    return S(vm, u.slice(b.size(), u.size()));
  }
  return args[0];
}
Value removeEndIgnoreCase(Interp& vm, Value* args, int) {
  if (self(args).empty() || args[1].isNull() || str(args[1]).empty()) return args[0];
  std::u16string a = folded(self(args)), b = folded(str(args[1]));
  if (a.size() >= b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0) {
    Units u(self(args));
    return S(vm, u.slice(0, u.size() - b.size()));
  }
  return args[0];
}
Value remove(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (s.empty() || args[1].isNull() || str(args[1]).empty()) return args[0];
  const std::string& r = str(args[1]);
  std::string out;
  size_t last = 0;
  for (size_t p = s.find(r); p != std::string::npos; p = s.find(r, last)) {
    out.append(s, last, p - last);
    last = p + r.size();
  }
  out.append(s, last);
  return S(vm, out);
}

// Apex Reference: String Class — difference(secondString), indexOfDifference(stringToCompare)
int indexOfDifferenceImpl(const std::string& a, const std::string& b) {
  Units ua(a), ub(b);
  size_t n = std::min(ua.size(), ub.size()), i = 0;
  for (; i < n; ++i)
    if (ua.at(i) != ub.at(i)) break;
  if (i < ua.size() || i < ub.size()) return int(i);
  return -1;
}
Value indexOfDifference(Interp&, Value* args, int) {
  if (args[1].isNull()) return integer(self(args).empty() ? -1 : 0);
  return integer(indexOfDifferenceImpl(self(args), str(args[1])));
}
Value difference(Interp& vm, Value* args, int) {
  if (args[1].isNull()) return S(vm, "");
  int at = indexOfDifferenceImpl(self(args), str(args[1]));
  if (at == -1) return S(vm, "");
  Units u(str(args[1]));
  return S(vm, u.slice(size_t(at), u.size()));
}

// ------------------------------------------------------------------ building

// Apex Reference: String Class — repeat(numberOfTimes), repeat(separator, numberOfTimes)
std::string repeatText(Interp& vm, const std::string& s, const std::string& sep, int32_t n) {
  if (n <= 0) return {};
  size_t total = s.size() * size_t(n) + sep.size() * size_t(n - 1);
  if (total > size_t(vm.limits().max(interp::Limit::HeapSize)) * 2) vm.raiseLimit(interp::Limit::HeapSize, int64_t(total));
  std::string out;
  out.reserve(total);
  for (int32_t i = 0; i < n; ++i) {
    if (i > 0) out += sep;
    out += s;
  }
  return out;
}
Value repeat1(Interp& vm, Value* args, int) { return S(vm, repeatText(vm, self(args), "", intArg(vm, args[1]))); }
Value repeat2(Interp& vm, Value* args, int) {
  std::string sep = args[1].isNull() ? std::string() : str(args[1]);
  return S(vm, repeatText(vm, self(args), sep, intArg(vm, args[2])));
}

// Apex Reference: String Class — reverse()
Value reverse(Interp& vm, Value* args, int) {
  auto cps = codePoints(self(args));
  std::reverse(cps.begin(), cps.end());
  return S(vm, fromCodePoints(cps));
}

// Apex Reference: String Class — leftPad(length[, padStr]), rightPad(length[, padStr]),
// center(size[, paddingString])
std::string padding(const std::string& pad, size_t units) {
  Units p(pad);
  std::string out;
  size_t have = 0;
  while (have < units) {
    size_t take = std::min(p.size(), units - have);
    out += take == p.size() ? pad : p.slice(0, take);
    have += take;
  }
  return out;
}
std::string padArg(const Value* args, int argc, int index) {
  if (argc <= index || args[index].isNull() || str(args[index]).empty()) return " ";
  return str(args[index]);
}
// The padded string counts `size` characters against the heap: checked
// before it is made (leftPad(2147483647) would need gigabytes).
Value leftPad(Interp& vm, Value* args, int argc) {
  int32_t size = intArg(vm, args[1]);
  size_t len = tx::utf16Length(self(args));
  if (size <= int32_t(len)) return args[0];
  vm.checkHeapFor(size_t(size));
  return S(vm, padding(padArg(args, argc, 2), size_t(size) - len) + self(args));
}
Value rightPad(Interp& vm, Value* args, int argc) {
  int32_t size = intArg(vm, args[1]);
  size_t len = tx::utf16Length(self(args));
  if (size <= int32_t(len)) return args[0];
  vm.checkHeapFor(size_t(size));
  return S(vm, self(args) + padding(padArg(args, argc, 2), size_t(size) - len));
}
Value center(Interp& vm, Value* args, int argc) {
  int32_t size = intArg(vm, args[1]);
  size_t len = tx::utf16Length(self(args));
  if (size <= int32_t(len)) return args[0];
  vm.checkHeapFor(size_t(size));
  std::string pad = padArg(args, argc, 2);
  size_t pads = size_t(size) - len;
  size_t leftUnits = pads / 2;
  return S(vm, padding(pad, leftUnits) + self(args) + padding(pad, pads - leftUnits));
}

// Apex Reference: String Class — abbreviate(maxWidth), abbreviate(maxWidth, offset)
std::string abbreviateImpl(Interp& vm, const std::string& s, int32_t offset, int32_t maxWidth) {
  if (maxWidth < 4) vm.raise(interp::errors::AbbreviationTooNarrow);
  Units u(s);
  int32_t len = int32_t(u.size());
  if (len <= maxWidth) return s;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return u.slice(0, size_t(maxWidth - 3)) + "...";
  if (maxWidth < 7) vm.raise(interp::errors::AbbreviationWithOffsetTooNarrow);
  if (offset + maxWidth - 3 < len)
    return "..." + abbreviateImpl(vm, u.slice(size_t(offset), size_t(len)), 0, maxWidth - 3);
  return "..." + u.slice(size_t(len - (maxWidth - 3)), size_t(len));
}
Value abbreviate1(Interp& vm, Value* args, int) {
  return S(vm, abbreviateImpl(vm, self(args), 0, intArg(vm, args[1])));
}
Value abbreviate2(Interp& vm, Value* args, int) {
  return S(vm, abbreviateImpl(vm, self(args), intArg(vm, args[2]), intArg(vm, args[1])));
}

// ------------------------------------------------------------------ replace, split

// Apex Reference: String Class — replace(target, replacement): literal
Value replace(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  const std::string& target = strArg(vm, args[1]);
  const std::string& repl = strArg(vm, args[2]);
  if (target.empty()) {  // Java inserts the replacement around every unit
    Units u(s);
    std::string out = repl;
    for (size_t i = 0; i < u.size(); ++i) {
      char16_t c = u.at(i);
      size_t j = i + ((c >= 0xD800 && c < 0xDC00 && i + 1 < u.size()) ? 1 : 0);
      out += u.slice(i, j + 1);
      out += repl;
      i = j;
    }
    return S(vm, out);
  }
  std::string out;
  size_t last = 0;
  for (size_t p = s.find(target); p != std::string::npos; p = s.find(target, last)) {
    out.append(s, last, p - last);
    out += repl;
    last = p + target.size();
  }
  if (last == 0) return args[0];
  out.append(s, last);
  return S(vm, out);
}


// Apex Reference: String Class — replaceAll(regExp, replacement), replaceFirst(regExp, replacement)
Value replaceAll(Interp& vm, Value* args, int) {
  const std::string& re = strArg(vm, args[1]);
  tx::RegexError err;
  auto out = tx::replaceRegex(self(args), re, strArg(vm, args[2]), false, &err);
  if (!out) raiseRegexError(vm, err, re);
  return S(vm, std::move(*out));
}
Value replaceFirst(Interp& vm, Value* args, int) {
  const std::string& re = strArg(vm, args[1]);
  tx::RegexError err;
  auto out = tx::replaceRegex(self(args), re, strArg(vm, args[2]), true, &err);
  if (!out) raiseRegexError(vm, err, re);
  return S(vm, std::move(*out));
}

// Apex Reference: String Class — split(regExp), split(regExp, limit)
Value splitImpl(Interp& vm, const std::string& s, const std::string& re, int32_t limit) {
  tx::RegexError err;
  auto parts = tx::splitRegex(s, re, limit, &err);
  if (!parts) raiseRegexError(vm, err, re);
  std::vector<Value> items;
  items.reserve(parts->size());
  for (auto& p : *parts) items.push_back(S(vm, std::move(p)));
  return vm.makeList(vm.types().list(vm.types().string()), std::move(items));
}
Value split1(Interp& vm, Value* args, int) { return splitImpl(vm, self(args), strArg(vm, args[1]), 0); }
Value split2(Interp& vm, Value* args, int) {
  return splitImpl(vm, self(args), strArg(vm, args[1]), intArg(vm, args[2]));
}

// Apex Reference: String Class — getChars(), fromCharArray(charArray), getCommonPrefix(strings)
Value getChars(Interp& vm, Value* args, int) {
  Units u(self(args));
  std::vector<Value> items;
  items.reserve(u.size());
  for (size_t i = 0; i < u.size(); ++i) items.push_back(integer(u.at(i)));
  return vm.makeList(vm.types().list(vm.types().integer()), std::move(items));
}
Value fromCharArray(Interp& vm, Value* args, int) {
  const Value& list = nonNull(vm, args[0]);
  std::u16string units;
  for (const Value& v : listOf(list)->items) {
    if (v.isNull()) vm.raiseNullPointer();
    int32_t c = v.asInt();
    if (c >= 0x10000) {
      c -= 0x10000;
      units.push_back(char16_t(0xD800 + (c >> 10)));
      units.push_back(char16_t(0xDC00 + (c & 0x3FF)));
    } else {
      units.push_back(char16_t(c));
    }
  }
  return S(vm, tx::toUtf8(units));
}
Value getCommonPrefix(Interp& vm, Value* args, int) {
  if (args[0].isNull()) return S(vm, "");
  const auto& items = listOf(args[0])->items;
  if (items.empty()) return S(vm, "");
  for (const Value& v : items)
    if (v.isNull()) return S(vm, "");
  std::u16string prefix = tx::toUtf16(str(items[0]));
  for (size_t k = 1; k < items.size(); ++k) {
    std::u16string other = tx::toUtf16(str(items[k]));
    size_t n = 0;
    while (n < prefix.size() && n < other.size() && prefix[n] == other[n]) ++n;
    prefix.resize(n);
  }
  return S(vm, tx::toUtf8(prefix));
}

// ------------------------------------------------------------------ static builders

// Apex Reference: String Class — valueOf(toConvert) for every type. A null
// argument gives null, not 'null' (observed on the platform), though string
// concatenation of a null still writes 'null'.
Value valueOf(Interp& vm, Value* args, int) {
  if (args[0].isNull()) return Value();
  if (args[0].tag() == Tag::String) return args[0];
  return S(vm, vm.stringValueOf(args[0]));
}

// Apex Reference: String Class — join(iterableObj, separator)
Value join(Interp& vm, Value* args, int) {
  const Value& it = nonNull(vm, args[0]);
  std::string sep = args[1].isNull() ? std::string() : str(args[1]);
  const std::vector<Value>* items = nullptr;
  if (it.tag() == Tag::List) items = &listOf(it)->items;
  else if (it.tag() == Tag::Set) items = &setOf(it)->table.keys();
  else vm.raise(interp::errors::InvalidIterable, vm.runtimeTypeName(it));
  std::string out;
  bool first = true;
  for (const Value& v : *items) {
    if (!first) out += sep;
    first = false;
    out += v.tag() == Tag::String ? str(v) : vm.stringValueOf(v);
  }
  return S(vm, std::move(out));
}

// Apex Reference: String Class — escapeSingleQuotes(stringToEscape)
Value escapeSingleQuotes(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  std::string out;
  out.reserve(s.size() + 4);
  for (char c : s) {
    if (c == '\'') out += '\\';
    out += c;
  }
  return S(vm, out);
}

// Apex Reference: String Class — escapeHtml3(), escapeHtml4(), unescapeHtml3(), unescapeHtml4()
Value escapeHtml3(Interp& vm, Value* args, int) { return S(vm, tx::escapeHtml(self(args), false)); }
Value escapeHtml4(Interp& vm, Value* args, int) { return S(vm, tx::escapeHtml(self(args), true)); }
Value unescapeHtml3(Interp& vm, Value* args, int) { return S(vm, tx::unescapeHtml(self(args), false)); }
Value unescapeHtml4(Interp& vm, Value* args, int) { return S(vm, tx::unescapeHtml(self(args), true)); }
// Apex Reference: String Class — escapeXml(), unescapeXml()
Value escapeXml(Interp& vm, Value* args, int) { return S(vm, tx::escapeXml(self(args))); }
Value unescapeXml(Interp& vm, Value* args, int) { return S(vm, tx::unescapeXml(self(args))); }

// Apex Reference: String Class — escapeJava(), unescapeJava()
void appendUnicodeEscape(std::string& out, char16_t c) {
  out += "\\u";
  hex::appendUpper(out, c >> 8);
  hex::appendUpper(out, c & 0xFF);
}
// StringEscapeUtils.escapeJava; escapeEcmaScript also escapes ' and /.
std::string escapeJavaStyle(const std::string& s, bool ecmaScript) {
  std::string out;
  Units u(s);
  for (size_t i = 0; i < u.size(); ++i) {
    char16_t c = u.at(i);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\n': out += "\\n"; continue;
      case '\t': out += "\\t"; continue;
      case '\f': out += "\\f"; continue;
      case '\r': out += "\\r"; continue;
      case '\'': out += ecmaScript ? "\\'" : "'"; continue;
      case '/': out += ecmaScript ? "\\/" : "/"; continue;
      default: break;
    }
    if (c >= 32 && c < 127) out += char(c);
    else appendUnicodeEscape(out, c);
  }
  return out;
}
Value escapeJava(Interp& vm, Value* args, int) { return S(vm, escapeJavaStyle(self(args), false)); }
// Apex Reference: String Class — escapeEcmaScript(), unescapeEcmaScript() (unescapes as unescapeJava)
Value escapeEcmaScript(Interp& vm, Value* args, int) { return S(vm, escapeJavaStyle(self(args), true)); }
// The code unit four hex digits at in[at] spell, or nullopt.
std::optional<char16_t> hexUnitAt(const std::u16string& in, size_t at) {
  if (at + 4 > in.size()) return std::nullopt;
  char16_t unit = 0;
  for (size_t k = at; k < at + 4; ++k) {
    int digit = in[k] < 0x80 ? hex::digitValue(char(in[k])) : -1;
    if (digit < 0) return std::nullopt;
    unit = char16_t(unit * 16 + digit);
  }
  return unit;
}
Value unescapeJava(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  std::u16string out;
  std::u16string in = tx::toUtf16(s);
  for (size_t i = 0; i < in.size(); ++i) {
    char16_t c = in[i];
    if (c != '\\' || i + 1 >= in.size()) {
      out += c;
      continue;
    }
    char16_t n = in[++i];
    switch (n) {
      case 'n': out += u'\n'; break;
      case 't': out += u'\t'; break;
      case 'r': out += u'\r'; break;
      case 'b': out += u'\b'; break;
      case 'f': out += u'\f'; break;
      case 'u': {
        size_t j = i + 1;
        while (j < in.size() && in[j] == 'u') ++j;
        if (j + 4 <= in.size()) {
          // Commons Lang's UnicodeUnescaper refuses anything but four hex digits.
          std::optional<char16_t> unit = hexUnitAt(in, j);
          if (!unit) vm.raise(interp::errors::InvalidUnicodeEscape, tx::toUtf8(in.substr(j, 4)));
          out += *unit;
          i = j + 3;
        }
        break;
      }
      default: out += n;
    }
  }
  return S(vm, tx::toUtf8(out));
}

// Apex Reference: String Class — escapeUnicode(): each non-ASCII UTF-16 unit as \uXXXX
Value escapeUnicode(Interp& vm, Value* args, int) {
  std::string out;
  Units u(self(args));
  for (size_t i = 0; i < u.size(); ++i) {
    char16_t c = u.at(i);
    if (c < 0x80) out += char(c);
    else appendUnicodeEscape(out, c);
  }
  return S(vm, out);
}
// Apex Reference: String Class — unescapeUnicode(): \uXXXX sequences back to characters
Value unescapeUnicode(Interp& vm, Value* args, int) {
  std::u16string in = tx::toUtf16(self(args)), out;
  for (size_t i = 0; i < in.size(); ++i) {
    size_t j = i + 1;
    while (in[i] == '\\' && j < in.size() && in[j] == 'u') ++j;
    std::optional<char16_t> unit = j > i + 1 ? hexUnitAt(in, j) : std::nullopt;
    if (!unit) {
      out += in[i];
      continue;
    }
    out += *unit;
    i = j + 3;
  }
  return S(vm, tx::toUtf8(out));
}

// Apex Reference: String Class — escapeCsv(): quoted, with "" for ", when it holds , " CR or LF
bool needsCsvQuotes(std::string_view s) { return s.find_first_of(",\"\r\n") != std::string_view::npos; }
Value escapeCsv(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (!needsCsvQuotes(s)) return args[0];
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return S(vm, out + "\"");
}
// Apex Reference: String Class — unescapeCsv(): undoes escapeCsv; other text is returned as it is
Value unescapeCsv(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return args[0];
  std::string inner = s.substr(1, s.size() - 2);
  if (!needsCsvQuotes(inner)) return args[0];
  std::string out;
  for (size_t i = 0; i < inner.size(); ++i) {
    out += inner[i];
    if (inner[i] == '"' && i + 1 < inner.size() && inner[i + 1] == '"') ++i;
  }
  return S(vm, out);
}

// Apex Reference: String Class — codePointBefore(index)
Value codePointBefore(Interp& vm, Value* args, int) {
  Units u(self(args));
  int32_t i = intArg(vm, args[1]);
  if (i < 1 || size_t(i) > u.size())
    vm.raise(interp::errors::StringIndexOutOfRange, i);
  char16_t lo = u.at(size_t(i) - 1);
  if (lo >= 0xDC00 && lo < 0xE000 && i >= 2) {
    char16_t hi = u.at(size_t(i) - 2);
    if (hi >= 0xD800 && hi < 0xDC00) return integer(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
  }
  return integer(lo);
}

// Apex Reference: String Class — offsetByCodePoints(index, codePointOffset)
Value offsetByCodePoints(Interp& vm, Value* args, int) {
  Units u(self(args));
  int32_t index = intArg(vm, args[1]), offset = intArg(vm, args[2]);
  int64_t n = int64_t(u.size()), i = index;
  auto outOfRange = [&] { vm.raise(interp::errors::StringIndexOutOfRange, index); };
  if (i < 0 || i > n) outOfRange();
  auto isHigh = [&](int64_t k) { return u.at(size_t(k)) >= 0xD800 && u.at(size_t(k)) < 0xDC00; };
  auto isLow = [&](int64_t k) { return u.at(size_t(k)) >= 0xDC00 && u.at(size_t(k)) < 0xE000; };
  for (int32_t k = 0; k < offset; ++k) {
    if (i >= n) outOfRange();
    i += (isHigh(i) && i + 1 < n && isLow(i + 1)) ? 2 : 1;
  }
  for (int32_t k = 0; k > offset; --k) {
    if (i <= 0) outOfRange();
    i -= (isLow(i - 1) && i >= 2 && isHigh(i - 2)) ? 2 : 1;
  }
  return integer(int32_t(i));
}

// Apex Reference: String Class — indexOfAny(substring), indexOfAnyBut(substring): the
// first character that is (is not) one of the characters of `substring`
Value indexOfAnyImpl(Interp&, Value* args, bool wanted) {
  if (args[1].isNull() || str(args[1]).empty() || self(args).empty()) return integer(-1);
  Units u(self(args)), set(str(args[1]));
  for (size_t i = 0; i < u.size(); ++i) {
    bool member = false;
    for (size_t k = 0; k < set.size() && !member; ++k) member = set.at(k) == u.at(i);
    if (member == wanted) return integer(int32_t(i));
  }
  return integer(-1);
}
Value indexOfAny(Interp& vm, Value* args, int) { return indexOfAnyImpl(vm, args, true); }
Value indexOfAnyBut(Interp& vm, Value* args, int) { return indexOfAnyImpl(vm, args, false); }

// Apex Reference: String Class — getLevenshteinDistance(stringToCompare[, threshold])
Value levenshtein1(Interp& vm, Value* args, int) {
  return integer(tx::levenshtein(self(args), strArg(vm, args[1])));
}
Value levenshtein2(Interp& vm, Value* args, int) {
  const std::string& other = strArg(vm, args[1]);
  int32_t threshold = intArg(vm, args[2]);
  if (threshold < 0) vm.raise(interp::errors::NegativeThreshold);
  return integer(tx::levenshtein(self(args), other, threshold));
}

// Apex Reference: String Class — splitByCharacterType(), splitByCharacterTypeCamelCase():
// runs of one Java character type; camel case keeps an upper-case letter with the
// lower-case run after it. Supplementary characters count as one type (surrogates).
Value splitByType(Interp& vm, const std::string& s, bool camelCase) {
  constexpr int kUpper = 1, kLower = 2, kSurrogate = 19;
  auto cps = codePoints(s);
  auto type = [](char32_t c) { return c >= 0x10000 ? kSurrogate : tx::javaCharType(c); };
  std::vector<Value> items;
  auto emit = [&](size_t b, size_t e) {
    items.push_back(S(vm, fromCodePoints(std::vector<char32_t>(cps.begin() + long(b), cps.begin() + long(e)))));
  };
  if (!cps.empty()) {
    size_t tokenStart = 0;
    int current = type(cps[0]);
    for (size_t pos = 1; pos < cps.size(); ++pos) {
      int t = type(cps[pos]);
      if (t == current) continue;
      if (camelCase && t == kLower && current == kUpper) {
        if (pos - 1 != tokenStart) {
          emit(tokenStart, pos - 1);
          tokenStart = pos - 1;
        }
      } else {
        emit(tokenStart, pos);
        tokenStart = pos;
      }
      current = t;
    }
    emit(tokenStart, cps.size());
  }
  return vm.makeList(vm.types().list(vm.types().string()), std::move(items));
}
Value splitByCharacterType(Interp& vm, Value* args, int) { return splitByType(vm, self(args), false); }
Value splitByCharacterTypeCamelCase(Interp& vm, Value* args, int) { return splitByType(vm, self(args), true); }

// Apex Reference: String Class — stripHtmlTags(): drops tags and comments, and the
// contents of <script> and <style> elements.
Value stripHtmlTags(Interp& vm, Value* args, int) {
  const std::string& s = self(args);
  std::string lower = tx::toLowerCase(s);
  if (lower.size() != s.size()) lower = s;  // case-folding changed lengths: match as written
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '<' || i + 1 >= s.size() || !(std::isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
      out += s[i++];
      continue;
    }
    if (s.compare(i, 4, "<!--") == 0) {
      size_t close = s.find("-->", i + 4);
      i = close == std::string::npos ? s.size() : close + 3;
      continue;
    }
    size_t close = s.find('>', i);
    if (close == std::string::npos) {
      out += s.substr(i);
      break;
    }
    for (const char* element : {"script", "style"}) {
      std::string open = std::string("<") + element;
      if (lower.compare(i, open.size(), open) == 0 && !std::isalnum((unsigned char)lower[i + open.size()])) {
        size_t end = lower.find("</" + std::string(element), close);
        close = end == std::string::npos ? s.size() - 1 : lower.find('>', end);
        if (close == std::string::npos) close = s.size() - 1;
      }
    }
    i = close + 1;
  }
  return S(vm, out);
}

// Apex Reference: String Class — toUpperCase(locale), toLowerCase(locale): Turkish and
// Azeri map i and I to dotted/dotless forms; other locales map as the default.
bool turkic(const std::string& locale) {
  std::string lang = tx::toLowerCase(locale.substr(0, locale.find_first_of("_-")));
  return lang == "tr" || lang == "az";
}
Value toUpperCaseLocale(Interp& vm, Value* args, int) {
  if (!turkic(strArg(vm, args[1]))) return S(vm, tx::toUpperCase(self(args)));
  std::string dotted;
  for (char c : self(args)) {
    if (c == 'i') dotted += "\xC4\xB0";  // İ
    else dotted += c;
  }
  return S(vm, tx::toUpperCase(dotted));
}
Value toLowerCaseLocale(Interp& vm, Value* args, int) {
  if (!turkic(strArg(vm, args[1]))) return S(vm, tx::toLowerCase(self(args)));
  std::string out;
  size_t i = 0;
  const std::string& s = self(args);
  while (i < s.size()) {
    char32_t c = tx::nextCodePoint(s, i);
    if (c == 'I') out += "\xC4\xB1";  // ı
    else if (c == 0x130) out += 'i';
    else tx::appendCodePoint(out, c);
  }
  return S(vm, tx::toLowerCase(out));
}

// Apex Reference: String Class — valueOfGmt(datetimeToConvert): yyyy-MM-dd HH:mm:ss in GMT
// (the running user's zone is GMT, so it is String.valueOf's form).
Value valueOfGmt(Interp& vm, Value* args, int) { return S(vm, vm.stringValueOf(nonNull(vm, args[0]))); }

// Apex Reference: String Class — format(stringToFormat, formattingArguments):
// java.text.MessageFormat rules: {n} placeholders, '' for a quote, '...' quoted text;
// numbers print with the en_US grouping of MessageFormat.
std::string formatArgument(Interp& vm, const Value& v) {
  switch (v.tag()) {
    case Tag::Null: return "null";
    case Tag::Integer: return tx::groupThousands(std::to_string(v.asInt()));
    case Tag::Long: return tx::groupThousands(std::to_string(v.asLong()));
    case Tag::Decimal: return formatGrouped(dec(v));
    case Tag::Double: {
      auto d = Decimal::fromDouble(v.asDouble());
      if (!d) return v.asDouble() != v.asDouble() ? "NaN" : (v.asDouble() > 0 ? "\u221E" : "-\u221E");
      return formatGrouped(*d);
    }
    case Tag::String: return str(v);
    default: return vm.stringValueOf(v);
  }
}
Value format(Interp& vm, Value* args, int) {
  const std::string& pattern = strArg(vm, args[0]);
  const std::vector<Value>* list = args[1].isNull() ? nullptr : &listOf(args[1])->items;
  std::string out;
  bool quoted = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\'') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        out += '\'';
        ++i;
      } else {
        quoted = !quoted;
      }
      continue;
    }
    if (quoted || c != '{') {
      out += c;
      continue;
    }
    // {index[,type[,style]]}
    size_t close = i + 1;
    int depth = 1;
    while (close < pattern.size() && depth > 0) {
      if (pattern[close] == '{') ++depth;
      if (pattern[close] == '}') --depth;
      if (depth > 0) ++close;
    }
    if (close >= pattern.size())
      vm.raise(interp::errors::FormatUnmatchedBraces);
    std::string body = pattern.substr(i + 1, close - i - 1);
    std::string indexText = body.substr(0, body.find(','));
    while (!indexText.empty() && indexText.back() == ' ') indexText.pop_back();
    while (!indexText.empty() && indexText.front() == ' ') indexText.erase(0, 1);
    auto index = parseApexInteger(indexText);
    if (!index || *index < 0)
      vm.raise(interp::errors::FormatBadArgumentNumber, indexText);
    if (!list || size_t(*index) >= list->size()) {
      out += "{" + indexText + "}";
    } else {
      out += formatArgument(vm, (*list)[size_t(*index)]);
    }
    i = close;
  }
  return S(vm, std::move(out));
}

// ------------------------------------------------------------------ the table

const sema::NativeDef kStringNatives[] = {
    {"String", "Integer length()", &length},
    {"String", "String substring(Integer)", &substring1},
    {"String", "String substring(Integer, Integer)", &substring2},
    {"String", "Integer charAt(Integer)", &charAt},
    {"String", "Integer codePointAt(Integer)", &codePointAt},
    {"String", "Integer codePointCount(Integer, Integer)", &codePointCount},
    {"String", "Integer indexOf(String)", &indexOf1},
    {"String", "Integer indexOf(String, Integer)", &indexOf2},
    {"String", "Integer lastIndexOf(String)", &lastIndexOf1},
    {"String", "Integer lastIndexOf(String, Integer)", &lastIndexOf2},
    {"String", "Integer indexOfIgnoreCase(String)", &indexOfIgnoreCase1},
    {"String", "Integer indexOfIgnoreCase(String, Integer)", &indexOfIgnoreCase2},
    {"String", "Integer lastIndexOfIgnoreCase(String)", &lastIndexOfIgnoreCase1},
    {"String", "Integer lastIndexOfIgnoreCase(String, Integer)", &lastIndexOfIgnoreCase2},
    {"String", "Integer indexOfChar(Integer)", &indexOfChar1},
    {"String", "Integer indexOfChar(Integer, Integer)", &indexOfChar2},
    {"String", "Integer lastIndexOfChar(Integer)", &lastIndexOfChar1},
    {"String", "Integer lastIndexOfChar(Integer, Integer)", &lastIndexOfChar2},
    {"String", "Boolean contains(String)", &contains},
    {"String", "Boolean containsIgnoreCase(String)", &containsIgnoreCase},
    {"String", "Boolean containsAny(String)", &containsAny},
    {"String", "Boolean containsNone(String)", &containsNone},
    {"String", "Boolean containsOnly(String)", &containsOnly},
    {"String", "Boolean containsWhitespace()", &containsWhitespace},
    {"String", "Boolean startsWith(String)", &startsWith},
    {"String", "Boolean endsWith(String)", &endsWith},
    {"String", "Boolean startsWithIgnoreCase(String)", &startsWithIgnoreCase},
    {"String", "Boolean endsWithIgnoreCase(String)", &endsWithIgnoreCase},
    {"String", "Integer countMatches(String)", &countMatches},
    {"String", "Boolean equals(Object)", &equals},
    {"String", "Boolean equalsIgnoreCase(String)", &equalsIgnoreCase},
    {"String", "Integer compareTo(String)", &compareTo},
    {"String", "Integer hashCode()", &hashCode},
    {"String", "static Boolean isBlank(String)", &isBlank},
    {"String", "static Boolean isNotBlank(String)", &isNotBlank},
    {"String", "static Boolean isEmpty(String)", &isEmpty},
    {"String", "static Boolean isNotEmpty(String)", &isNotEmpty},
    {"String", "Boolean isBlank()", &isBlank},
    {"String", "Boolean isNotBlank()", &isNotBlank},
    {"String", "Boolean isEmpty()", &isEmpty},
    {"String", "Boolean isNotEmpty()", &isNotEmpty},
    {"String", "String toUpperCase()", &toUpperCase},
    {"String", "String toLowerCase()", &toLowerCase},
    {"String", "String capitalize()", &capitalize},
    {"String", "String uncapitalize()", &uncapitalize},
    {"String", "String swapCase()", &swapCase},
    {"String", "Boolean isAllUpperCase()", &isAllUpperCase},
    {"String", "Boolean isAllLowerCase()", &isAllLowerCase},
    {"String", "String trim()", &trim},
    {"String", "String strip()", &strip},
    {"String", "String normalizeSpace()", &normalizeSpace},
    {"String", "String deleteWhitespace()", &deleteWhitespace},
    {"String", "Boolean isAlpha()", &allChars<alpha>},
    {"String", "Boolean isAlphaSpace()", &allCharsOrEmpty<alphaSpace>},
    {"String", "Boolean isAlphanumeric()", &allChars<alnum>},
    {"String", "Boolean isAlphanumericSpace()", &allCharsOrEmpty<alnumSpace>},
    {"String", "Boolean isNumeric()", &allChars<numeric>},
    {"String", "Boolean isNumericSpace()", &allCharsOrEmpty<numericSpace>},
    {"String", "Boolean isWhitespace()", &allCharsOrEmpty<whitespace>},
    {"String", "Boolean isAsciiPrintable()", &allCharsOrEmpty<asciiPrintable>},
    {"String", "String left(Integer)", &left},
    {"String", "String right(Integer)", &right},
    {"String", "String mid(Integer, Integer)", &mid},
    {"String", "String substringBefore(String)", &substringBefore},
    {"String", "String substringAfter(String)", &substringAfter},
    {"String", "String substringBeforeLast(String)", &substringBeforeLast},
    {"String", "String substringAfterLast(String)", &substringAfterLast},
    {"String", "String substringBetween(String)", &substringBetween1},
    {"String", "String substringBetween(String, String)", &substringBetween2},
    {"String", "String removeStart(String)", &removeStart},
    {"String", "String removeEnd(String)", &removeEnd},
    {"String", "String removeStartIgnoreCase(String)", &removeStartIgnoreCase},
    {"String", "String removeEndIgnoreCase(String)", &removeEndIgnoreCase},
    {"String", "String remove(String)", &remove},
    {"String", "String difference(String)", &difference},
    {"String", "Integer indexOfDifference(String)", &indexOfDifference},
    {"String", "String repeat(Integer)", &repeat1},
    {"String", "String repeat(String, Integer)", &repeat2},
    {"String", "String reverse()", &reverse},
    {"String", "String leftPad(Integer)", &leftPad},
    {"String", "String leftPad(Integer, String)", &leftPad},
    {"String", "String rightPad(Integer)", &rightPad},
    {"String", "String rightPad(Integer, String)", &rightPad},
    {"String", "String center(Integer)", &center},
    {"String", "String center(Integer, String)", &center},
    {"String", "String abbreviate(Integer)", &abbreviate1},
    {"String", "String abbreviate(Integer, Integer)", &abbreviate2},
    {"String", "String replace(String, String)", &replace},
    {"String", "String replaceAll(String, String)", &replaceAll},
    {"String", "String replaceFirst(String, String)", &replaceFirst},
    {"String", "List<String> split(String)", &split1},
    {"String", "List<String> split(String, Integer)", &split2},
    {"String", "List<Integer> getChars()", &getChars},
    {"String", "static String fromCharArray(List<Integer>)", &fromCharArray},
    {"String", "static String getCommonPrefix(List<String>)", &getCommonPrefix},
    {"String", "static String valueOf(Object)", &valueOf},
    {"String", "static String join(Object, String)", &join},
    {"String", "static String escapeSingleQuotes(String)", &escapeSingleQuotes},
    {"String", "String escapeHtml4()", &escapeHtml4},
    {"String", "String unescapeHtml4()", &unescapeHtml4},
    {"String", "String escapeJava()", &escapeJava},
    {"String", "String unescapeJava()", &unescapeJava},
    {"String", "String escapeHtml3()", &escapeHtml3},
    {"String", "String unescapeHtml3()", &unescapeHtml3},
    {"String", "String escapeXml()", &escapeXml},
    {"String", "String unescapeXml()", &unescapeXml},
    {"String", "String escapeEcmaScript()", &escapeEcmaScript},
    {"String", "String unescapeEcmaScript()", &unescapeJava},
    {"String", "String escapeUnicode()", &escapeUnicode},
    {"String", "String unescapeUnicode()", &unescapeUnicode},
    {"String", "String escapeCsv()", &escapeCsv},
    {"String", "String unescapeCsv()", &unescapeCsv},
    {"String", "Integer codePointBefore(Integer)", &codePointBefore},
    {"String", "Integer offsetByCodePoints(Integer, Integer)", &offsetByCodePoints},
    {"String", "Integer indexOfAny(String)", &indexOfAny},
    {"String", "Integer indexOfAnyBut(String)", &indexOfAnyBut},
    {"String", "Integer getLevenshteinDistance(String)", &levenshtein1},
    {"String", "Integer getLevenshteinDistance(String, Integer)", &levenshtein2},
    {"String", "List<String> splitByCharacterType()", &splitByCharacterType},
    {"String", "List<String> splitByCharacterTypeCamelCase()", &splitByCharacterTypeCamelCase},
    {"String", "String stripHtmlTags()", &stripHtmlTags},
    {"String", "String toUpperCase(String)", &toUpperCaseLocale},
    {"String", "String toLowerCase(String)", &toLowerCaseLocale},
    {"String", "static String valueOfGmt(Datetime)", &valueOfGmt},
    {"String", "static String format(String, List<Object>)", &format},
};

}  // namespace

std::span<const sema::NativeDef> stringNatives() { return kStringNatives; }

}  // namespace apex::stdlib
