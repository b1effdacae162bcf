// Pure text helpers; see text.h.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "base/text.h"

#include <pcre2.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cwctype>
#include <list>
#include <locale.h>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <wctype.h>

#include "base/hex.h"

namespace apex::text {

// ------------------------------------------------------------------ encoding

bool isAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool isValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    if (len == 2 && c < 0xC2) return false;  // overlong
    i += len;
  }
  return true;
}

std::string decodeUtf8Lossy(std::string_view bytes) {
  if (isValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) appendCodePoint(out, nextCodePoint(bytes, i));
  return out;
}

namespace {

bool isHighSurrogate(char32_t c) { return c >= 0xD800 && c < 0xDC00; }
bool isLowSurrogate(char32_t c) { return c >= 0xDC00 && c < 0xE000; }

// The bytes UTF-8 takes for `c`.
size_t encodedLength(char32_t c) { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

}  // namespace

std::string toWellFormedUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    size_t start = i;
    char32_t c = nextCodePoint(bytes, i);
    bool overlong = c != 0xFFFD && i - start != encodedLength(c);
    if (isHighSurrogate(c) && i < bytes.size()) {
      size_t next = i;
      char32_t low = nextCodePoint(bytes, next);
      if (isLowSurrogate(low) && next - i == 3) {
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        i = next;
      }
    }
    if (overlong || isHighSurrogate(c) || isLowSurrogate(c) || c > 0x10FFFF) c = 0xFFFD;
    appendCodePoint(out, c);
  }
  return out;
}

char32_t nextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += len;
  return cp;
}

void appendCodePoint(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | (cp >> 6)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | (cp >> 12)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (cp >> 18)));
    out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

std::u16string toUtf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = nextCodePoint(s, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(char16_t(0xD800 + (cp >> 10)));
      out.push_back(char16_t(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(char16_t(cp));
    }
  }
  return out;
}

std::string toUtf8(std::u16string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c < 0xDC00 && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    }
    appendCodePoint(out, c);  // a lone surrogate keeps its 3-byte form
  }
  return out;
}

size_t utf16Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;       // a lead byte starts a code point
    if ((c & 0xF8) == 0xF0) ++n;       // 4-byte sequences are two units
  }
  return n;
}

std::string substring(std::string_view s, size_t begin, size_t end) {
  if (isAscii(s)) return std::string(s.substr(begin, end - begin));
  std::u16string u = toUtf16(s);
  return toUtf8(std::u16string_view(u).substr(begin, end - begin));
}

char16_t unitAt(std::string_view s, size_t index) {
  if (isAscii(s)) return char16_t(static_cast<unsigned char>(s[index]));
  return toUtf16(s)[index];
}

int indexOf(std::string_view s, std::string_view needle, int from) {
  if (from < 0) from = 0;
  if (isAscii(s)) {
    if (size_t(from) > s.size()) return -1;
    size_t p = s.find(needle, size_t(from));
    return p == std::string_view::npos ? -1 : int(p);
  }
  std::u16string u = toUtf16(s), n = toUtf16(needle);
  if (size_t(from) > u.size()) return -1;
  size_t p = u.find(n, size_t(from));
  return p == std::u16string::npos ? -1 : int(p);
}

int lastIndexOf(std::string_view s, std::string_view needle, int from) {
  if (from < 0) return -1;
  if (isAscii(s) && isAscii(needle)) {
    size_t p = s.rfind(needle, size_t(from));
    return p == std::string_view::npos ? -1 : int(p);
  }
  std::u16string u = toUtf16(s), n = toUtf16(needle);
  size_t p = u.rfind(n, size_t(from));
  return p == std::u16string::npos ? -1 : int(p);
}

int compareUtf16(std::string_view a, std::string_view b) {
  if (isAscii(a) && isAscii(b)) {
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i)
      if (a[i] != b[i]) return int((unsigned char)a[i]) - int((unsigned char)b[i]);
    return int(a.size()) - int(b.size());
  }
  std::u16string ua = toUtf16(a), ub = toUtf16(b);
  size_t n = std::min(ua.size(), ub.size());
  for (size_t i = 0; i < n; ++i)
    if (ua[i] != ub[i]) return int(ua[i]) - int(ub[i]);
  return int(ua.size()) - int(ub.size());
}

// ---------------------------------------------------------------- characters

namespace {

locale_t utf8Locale() {
  static locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t(0));
    if (!l) l = newlocale(LC_CTYPE_MASK, "C.utf8", locale_t(0));
    return l;
  }();
  return loc;
}

// First code points of the Unicode decimal digit (Nd) runs of ten.
constexpr char32_t kDigitRuns[] = {
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,
    0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946,
    0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0,
    0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x11066, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC,
    0x1D7F6};

}  // namespace

char32_t toUpper(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (c == 0xB5) return 0x39C;  // micro sign → Greek capital mu, as Java
  locale_t l = utf8Locale();
  return l ? char32_t(towupper_l(wint_t(c), l)) : c;
}

char32_t toLower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  locale_t l = utf8Locale();
  return l ? char32_t(towlower_l(wint_t(c), l)) : c;
}

char32_t toTitle(char32_t c) {
  // The four digraphs with a distinct title-case form; the rest map as upper.
  switch (c) {
    case 0x1C4: case 0x1C5: case 0x1C6: return 0x1C5;
    case 0x1C7: case 0x1C8: case 0x1C9: return 0x1C8;
    case 0x1CA: case 0x1CB: case 0x1CC: return 0x1CB;
    case 0x1F1: case 0x1F2: case 0x1F3: return 0x1F2;
    default: return toUpper(c);
  }
}

bool isSpaceChar(char32_t c) {
  return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool isWhitespace(char32_t c) {
  if (c == 0xA0 || c == 0x2007 || c == 0x202F) return false;
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || isSpaceChar(c);
}

bool isDigit(char32_t c) {
  for (char32_t start : kDigitRuns)
    if (c >= start && c < start + 10) return true;
  return false;
}

bool isLetter(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (isDigit(c)) return false;
  locale_t l = utf8Locale();
  return l && iswalpha_l(wint_t(c), l);
}

std::string toUpperCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  if (isAscii(s)) {
    for (char c : s) out.push_back((c >= 'a' && c <= 'z') ? char(c - 32) : c);
    return out;
  }
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = nextCodePoint(s, i);
    switch (c) {  // full mappings that grow (SpecialCasing.txt)
      case 0xDF: out += "SS"; continue;
      case 0xFB00: out += "FF"; continue;
      case 0xFB01: out += "FI"; continue;
      case 0xFB02: out += "FL"; continue;
      case 0xFB03: out += "FFI"; continue;
      case 0xFB04: out += "FFL"; continue;
      case 0xFB05: case 0xFB06: out += "ST"; continue;
      case 0x149: out += "\xCA\xBCN"; continue;
      default: appendCodePoint(out, toUpper(c));
    }
  }
  return out;
}

std::string toLowerCase(std::string_view s) {
  if (isAscii(s)) return foldCase(s);
  std::string out;
  out.reserve(s.size());
  std::u32string cps;
  size_t i = 0;
  while (i < s.size()) cps.push_back(nextCodePoint(s, i));
  for (size_t k = 0; k < cps.size(); ++k) {
    char32_t c = cps[k];
    if (c == 0x130) {  // İ → i + combining dot above
      out += "i\xCC\x87";
    } else if (c == 0x3A3) {  // final sigma: after a letter, not before one
      bool before = k > 0 && isLetter(cps[k - 1]);
      bool after = k + 1 < cps.size() && isLetter(cps[k + 1]);
      appendCodePoint(out, before && !after ? 0x3C2 : 0x3C3);
    } else {
      appendCodePoint(out, toLower(c));
    }
  }
  return out;
}

namespace {
inline char32_t foldAscii(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
inline char32_t fold(char32_t c) { return c < 0x80 ? foldAscii(c) : toLower(toUpper(c)); }
}  // namespace

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t end = s.find(separator, start);
    parts.emplace_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

size_t codePointCount(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

std::string foldCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(foldAscii(c));
  return out;
}

bool equalsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return foldAscii(x) == foldAscii(y); });
}

std::string fillPlaceholders(std::string_view format, std::initializer_list<std::string_view> arguments) {
  std::string out;
  const std::string_view* next = arguments.begin();
  size_t from = 0;
  for (size_t at = format.find("{}"); at != std::string_view::npos; at = format.find("{}", from)) {
    out.append(format, from, at - from);
    if (next != arguments.end()) out += *next++;
    from = at + 2;
  }
  out.append(format, from);
  return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (isAscii(a) && isAscii(b)) return equalsIgnoreAsciiCase(a, b);
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    char32_t x = nextCodePoint(a, i), y = nextCodePoint(b, j);
    if (x == y) continue;
    char32_t ux = toUpper(x), uy = toUpper(y);
    if (ux == uy) continue;
    if (toLower(ux) == toLower(uy)) continue;
    return false;
  }
  return i == a.size() && j == b.size();
}

int compareIgnoreCase(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    char32_t x = nextCodePoint(a, i), y = nextCodePoint(b, j);
    if (x == y) continue;
    x = toUpper(x);
    y = toUpper(y);
    if (x == y) continue;
    x = toLower(x);
    y = toLower(y);
    if (x != y) return int(x) - int(y);
  }
  return int(utf16Length(a)) - int(utf16Length(b));
}

size_t hashIgnoreCase(std::string_view s) {
  size_t h = 1469598103934665603ull;
  size_t i = 0;
  while (i < s.size()) {
    char32_t c = fold(nextCodePoint(s, i));
    h = (h ^ c) * 1099511628211ull;
  }
  return h;
}

int32_t javaHashCode(std::string_view s) {
  uint32_t h = 0;
  if (isAscii(s)) {
    for (unsigned char c : s) h = 31 * h + c;
  } else {
    for (char16_t c : toUtf16(s)) h = 31 * h + c;
  }
  return int32_t(h);
}

std::string_view trimJava(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  return s.substr(b, e - b);
}

std::string stripWhitespace(std::string_view s) {
  std::u32string cps;
  size_t i = 0;
  while (i < s.size()) cps.push_back(nextCodePoint(s, i));
  size_t b = 0, e = cps.size();
  while (b < e && isWhitespace(cps[b])) ++b;
  while (e > b && isWhitespace(cps[e - 1])) --e;
  std::string out;
  for (size_t k = b; k < e; ++k) appendCodePoint(out, cps[k]);
  return out;
}

std::string normalizeSpace(std::string_view s) {
  std::string stripped = stripWhitespace(s);
  std::string out;
  out.reserve(stripped.size());
  size_t i = 0;
  bool inSpace = false;
  while (i < stripped.size()) {
    char32_t c = nextCodePoint(stripped, i);
    if (isWhitespace(c)) {
      if (!inSpace) out.push_back(' ');
      inSpace = true;
    } else {
      appendCodePoint(out, c);
      inSpace = false;
    }
  }
  return out;
}

bool isBlank(std::string_view s) {
  size_t i = 0;
  while (i < s.size())
    if (!isWhitespace(nextCodePoint(s, i))) return false;
  return true;
}

bool isEmailAddress(std::string_view s) {
  size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  if (std::any_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) return false;
  // A dot with something on each side of it.
  std::string_view domain = s.substr(at + 1);
  return domain.size() >= 3 && domain.substr(1, domain.size() - 2).find('.') != std::string_view::npos;
}

// --------------------------------------------------------------------- regex

namespace {

// Java's POSIX-style \p{Name} classes, which PCRE2 spells differently.
const char* posixClass(std::string_view name) {
  static const std::pair<std::string_view, const char*> table[] = {
      {"Lower", "a-z"}, {"Upper", "A-Z"}, {"ASCII", "\\x00-\\x7F"}, {"Alpha", "a-zA-Z"},
      {"Digit", "0-9"}, {"Alnum", "a-zA-Z0-9"},
      {"Punct", "!-/:-@\\[-`{-~"}, {"Graph", "!-~"}, {"Print", " -~"}, {"Blank", " \\t"},
      {"Cntrl", "\\x00-\\x1F\\x7F"}, {"XDigit", "0-9a-fA-F"}, {"Space", " \\t\\n\\x0B\\f\\r"},
      {"javaLowerCase", "\\p{Ll}"}, {"javaUpperCase", "\\p{Lu}"},
      {"javaWhitespace", "\\t\\n\\x0B\\f\\r\\x1C-\\x1F\\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200A}\\x{2028}\\x{2029}\\x{205F}\\x{3000} "},
      {"IsAlphabetic", "\\p{L}\\p{Nl}"}, {"IsLetter", "\\p{L}"}, {"IsDigit", "\\p{Nd}"},
      {"IsUppercase", "\\p{Lu}"}, {"IsLowercase", "\\p{Ll}"}, {"IsWhite_Space", "\\s"}};
  for (auto& [n, body] : table)
    if (n == name) return body;
  return nullptr;
}

// Rewrites the few Java regex spellings PCRE2 lacks.
std::string translateJavaRegex(std::string_view re) {
  std::string out;
  out.reserve(re.size() + 8);
  int classDepth = 0;
  for (size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      char n = re[i + 1];
      if (n == 'Q') {  // \Q...\E passes through untouched
        size_t end = re.find("\\E", i + 2);
        size_t stop = end == std::string_view::npos ? re.size() : end + 2;
        out.append(re.substr(i, stop - i));
        i = stop - 1;
        continue;
      }
      if ((n == 'p' || n == 'P') && i + 2 < re.size() && re[i + 2] == '{') {
        size_t close = re.find('}', i + 3);
        if (close != std::string_view::npos) {
          std::string_view name = re.substr(i + 3, close - i - 3);
          if (const char* body = posixClass(name)) {
            bool neg = n == 'P';
            if (classDepth > 0 && !neg) {
              out += body;
            } else {
              out += neg ? "[^" : "[";
              out += body;
              out += "]";
            }
            i = close;
            continue;
          }
          if (name.size() > 2 && name.substr(0, 2) == "Is") {  // \p{IsLatin} → \p{Latin}
            out += '\\';
            out += n;
            out += '{';
            out.append(name.substr(2));
            out += '}';
            i = close;
            continue;
          }
        }
      }
      out += c;
      out += n;
      ++i;
      continue;
    }
    if (c == '[') {
      ++classDepth;
      out += c;
      // A ']' right after '[' or '[^' is literal in Java too.
      continue;
    }
    if (c == ']' && classDepth > 0) --classDepth;
    out += c;
  }
  return out;
}

}  // namespace

// A small cache: Apex code tends to split by the same few patterns in loops.
// Shared by the threads of `apexrun serve`, so guarded; a compiled pattern
// is only read once made.
std::shared_ptr<const CompiledRegex> compileRegex(std::string_view regex, RegexError* err) {
  static std::unordered_map<std::string, std::shared_ptr<const CompiledRegex>> cache;
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(std::string(regex));
  if (it != cache.end()) return it->second;
  std::string translated = translateJavaRegex(regex);
  int errorCode = 0;
  PCRE2_SIZE errorOffset = 0;
  pcre2_compile_context* ctx = pcre2_compile_context_create(nullptr);
  pcre2_set_newline(ctx, PCRE2_NEWLINE_ANY);
  // Plain UTF mode: PCRE2 10.42's JIT misses matches under
  // PCRE2_MATCH_INVALID_UTF. Callers pass PCRE2_NO_UTF_CHECK once they know
  // a subject is valid, since the check rescans the whole subject each call.
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                                   PCRE2_UTF, &errorCode, &errorOffset, ctx);
  pcre2_compile_context_free(ctx);
  if (!code) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(errorCode, buffer, sizeof buffer);
    if (err) err->message = reinterpret_cast<const char*>(buffer);
    return nullptr;
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  auto compiled = std::make_shared<CompiledRegex>();
  compiled->source = std::string(regex);
  compiled->code = code;
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &compiled->captureCount);
  if (cache.size() > 256) cache.clear();
  cache.emplace(std::string(regex), compiled);
  return compiled;
}

bool regexGaveUp(int pcre2Result) {
  switch (pcre2Result) {
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
    case PCRE2_ERROR_NOMEMORY: return true;
    default: return false;
  }
}

namespace {

struct MatchData {
  pcre2_match_data* md;
  explicit MatchData(const pcre2_code* code) : md(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(md); }
};

void gaveUp(RegexError* err) {
  if (!err) return;
  err->message = "Regex too complicated";
  err->tooComplicated = true;
}

// Java Matcher.find() iteration: calls `onMatch(start, end, ovector)` for each
// match; after an empty match the next search starts one character later.
// The first search checks that `s` is valid UTF-8 (an invalid subject
// matches nothing); the later ones skip that check. False when a search
// gave up (`err` says so).
template <class F>
bool forEachMatch(const CompiledRegex& re, std::string_view s, RegexError* err, F&& onMatch) {
  MatchData data(re.code);
  size_t from = 0;
  uint32_t options = 0;
  while (from <= s.size()) {
    int rc = pcre2_match(re.code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), from, options,
                         data.md, nullptr);
    if (regexGaveUp(rc)) {
      gaveUp(err);
      return false;
    }
    if (rc < 0) break;
    options = PCRE2_NO_UTF_CHECK;
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.md);
    size_t start = ov[0], end = ov[1];
    if (!onMatch(start, end, ov)) return true;
    if (end == start) {
      if (end >= s.size()) break;
      size_t next = end;
      nextCodePoint(s, next);
      from = next;
    } else {
      from = end;
    }
  }
  return true;
}

}  // namespace

std::optional<std::vector<std::string>> splitRegex(std::string_view s, std::string_view regex,
                                                   int limit, RegexError* err) {
  std::shared_ptr<const CompiledRegex> re = compileRegex(regex, err);
  if (!re) return std::nullopt;
  std::vector<std::string> parts;
  size_t index = 0;
  bool limited = limit > 0;
  bool any = false;
  bool finished = forEachMatch(*re, s, err, [&](size_t start, size_t end, PCRE2_SIZE*) {
    if (!limited || int(parts.size()) < limit - 1) {
      if (index == 0 && start == 0 && start == end) return true;  // no leading empty piece
      parts.emplace_back(s.substr(index, start - index));
      index = end;
      any = true;
      return true;
    }
    return false;
  });
  if (!finished) return std::nullopt;
  if (!any && index == 0) return std::vector<std::string>{std::string(s)};
  if (!limited || int(parts.size()) < limit) parts.emplace_back(s.substr(index));
  if (limit == 0)
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

std::optional<std::string> replaceRegex(std::string_view s, std::string_view regex,
                                        std::string_view replacement, bool firstOnly,
                                        RegexError* err) {
  std::shared_ptr<const CompiledRegex> re = compileRegex(regex, err);
  if (!re) return std::nullopt;
  // Named groups, for ${name}.
  uint32_t nameCount = 0, entrySize = 0;
  PCRE2_SPTR nameTable = nullptr;
  pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &nameCount);
  pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &entrySize);
  pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &nameTable);
  auto groupByName = [&](std::string_view name) -> int {
    for (uint32_t k = 0; k < nameCount; ++k) {
      PCRE2_SPTR entry = nameTable + k * entrySize;
      int number = (entry[0] << 8) | entry[1];
      if (name == reinterpret_cast<const char*>(entry + 2)) return number;
    }
    return -1;
  };

  std::string out;
  size_t last = 0;
  bool failed = false;
  bool finished = forEachMatch(*re, s, err, [&](size_t start, size_t end, PCRE2_SIZE* ov) {
    out.append(s.substr(last, start - last));
    auto appendGroup = [&](uint32_t g) {
      if (ov[2 * g] != PCRE2_UNSET) out.append(s.substr(ov[2 * g], ov[2 * g + 1] - ov[2 * g]));
    };
    for (size_t i = 0; i < replacement.size(); ++i) {
      char c = replacement[i];
      if (c == '\\') {
        if (++i >= replacement.size()) {
          failed = true;
          if (err) err->message = "character to be escaped is missing";
          return false;
        }
        out += replacement[i];
      } else if (c == '$') {
        if (++i >= replacement.size()) {
          failed = true;
          if (err) err->message = "Illegal group reference: group index is missing";
          return false;
        }
        if (replacement[i] == '{') {
          size_t close = replacement.find('}', i);
          int g = close == std::string_view::npos ? -1 : groupByName(replacement.substr(i + 1, close - i - 1));
          if (g < 0) {
            failed = true;
            if (err) err->message = "No group with name {" + std::string(replacement.substr(i + 1, close - i - 1)) + "}";
            return false;
          }
          appendGroup(uint32_t(g));
          i = close;
        } else if (replacement[i] >= '0' && replacement[i] <= '9') {
          uint32_t g = replacement[i] - '0';
          if (g > re->captureCount) {
            failed = true;
            if (err) err->message = "No group " + std::to_string(g);
            return false;
          }
          while (i + 1 < replacement.size() && replacement[i + 1] >= '0' && replacement[i + 1] <= '9') {
            uint32_t next = g * 10 + (replacement[i + 1] - '0');
            if (next > re->captureCount) break;
            g = next;
            ++i;
          }
          appendGroup(g);
        } else {
          failed = true;
          if (err) err->message = "Illegal group reference";
          return false;
        }
      } else {
        out += c;
      }
    }
    last = end;
    return !firstOnly;
  });
  if (failed || !finished) return std::nullopt;
  out.append(s.substr(last));
  return out;
}

std::optional<bool> matchesRegex(std::string_view s, std::string_view regex, RegexError* err) {
  std::shared_ptr<const CompiledRegex> re = compileRegex(regex, err);
  if (!re) return std::nullopt;
  MatchData data(re->code);
  int rc = pcre2_match(re->code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), 0,
                       PCRE2_ANCHORED | PCRE2_ENDANCHORED, data.md, nullptr);
  if (regexGaveUp(rc)) {
    gaveUp(err);
    return std::nullopt;
  }
  return rc >= 0;
}

// -------------------------------------------------------------------- escaping

namespace {

struct Entity {
  char32_t cp;
  const char* name;
};
constexpr Entity kBasicEntities[] = {{'"', "quot"}, {'&', "amp"}, {'<', "lt"}, {'>', "gt"}};
// HTML 3.2: the ISO-8859-1 entities, U+00A0 .. U+00FF in order.
constexpr Entity kIso8859Entities[] = {
    {0xA0, "nbsp"}, {0xA1, "iexcl"}, {0xA2, "cent"}, {0xA3, "pound"}, {0xA4, "curren"},
    {0xA5, "yen"}, {0xA6, "brvbar"}, {0xA7, "sect"}, {0xA8, "uml"}, {0xA9, "copy"},
    {0xAA, "ordf"}, {0xAB, "laquo"}, {0xAC, "not"}, {0xAD, "shy"}, {0xAE, "reg"}, {0xAF, "macr"},
    {0xB0, "deg"}, {0xB1, "plusmn"}, {0xB2, "sup2"}, {0xB3, "sup3"}, {0xB4, "acute"},
    {0xB5, "micro"}, {0xB6, "para"}, {0xB7, "middot"}, {0xB8, "cedil"}, {0xB9, "sup1"},
    {0xBA, "ordm"}, {0xBB, "raquo"}, {0xBC, "frac14"}, {0xBD, "frac12"}, {0xBE, "frac34"},
    {0xBF, "iquest"}, {0xC0, "Agrave"}, {0xC1, "Aacute"}, {0xC2, "Acirc"}, {0xC3, "Atilde"},
    {0xC4, "Auml"}, {0xC5, "Aring"}, {0xC6, "AElig"}, {0xC7, "Ccedil"}, {0xC8, "Egrave"},
    {0xC9, "Eacute"}, {0xCA, "Ecirc"}, {0xCB, "Euml"}, {0xCC, "Igrave"}, {0xCD, "Iacute"},
    {0xCE, "Icirc"}, {0xCF, "Iuml"}, {0xD0, "ETH"}, {0xD1, "Ntilde"}, {0xD2, "Ograve"},
    {0xD3, "Oacute"}, {0xD4, "Ocirc"}, {0xD5, "Otilde"}, {0xD6, "Ouml"}, {0xD7, "times"},
    {0xD8, "Oslash"}, {0xD9, "Ugrave"}, {0xDA, "Uacute"}, {0xDB, "Ucirc"}, {0xDC, "Uuml"},
    {0xDD, "Yacute"}, {0xDE, "THORN"}, {0xDF, "szlig"}, {0xE0, "agrave"}, {0xE1, "aacute"},
    {0xE2, "acirc"}, {0xE3, "atilde"}, {0xE4, "auml"}, {0xE5, "aring"}, {0xE6, "aelig"},
    {0xE7, "ccedil"}, {0xE8, "egrave"}, {0xE9, "eacute"}, {0xEA, "ecirc"}, {0xEB, "euml"},
    {0xEC, "igrave"}, {0xED, "iacute"}, {0xEE, "icirc"}, {0xEF, "iuml"}, {0xF0, "eth"},
    {0xF1, "ntilde"}, {0xF2, "ograve"}, {0xF3, "oacute"}, {0xF4, "ocirc"}, {0xF5, "otilde"},
    {0xF6, "ouml"}, {0xF7, "divide"}, {0xF8, "oslash"}, {0xF9, "ugrave"}, {0xFA, "uacute"},
    {0xFB, "ucirc"}, {0xFC, "uuml"}, {0xFD, "yacute"}, {0xFE, "thorn"}, {0xFF, "yuml"},
};
// HTML 4.0 additions: symbols, Greek letters, special characters.
constexpr Entity kHtml4Entities[] = {
    {0x192, "fnof"}, {0x391, "Alpha"}, {0x392, "Beta"}, {0x393, "Gamma"}, {0x394, "Delta"},
    {0x395, "Epsilon"}, {0x396, "Zeta"}, {0x397, "Eta"}, {0x398, "Theta"}, {0x399, "Iota"},
    {0x39A, "Kappa"}, {0x39B, "Lambda"}, {0x39C, "Mu"}, {0x39D, "Nu"}, {0x39E, "Xi"},
    {0x39F, "Omicron"}, {0x3A0, "Pi"}, {0x3A1, "Rho"}, {0x3A3, "Sigma"}, {0x3A4, "Tau"},
    {0x3A5, "Upsilon"}, {0x3A6, "Phi"}, {0x3A7, "Chi"}, {0x3A8, "Psi"}, {0x3A9, "Omega"},
    {0x3B1, "alpha"}, {0x3B2, "beta"}, {0x3B3, "gamma"}, {0x3B4, "delta"}, {0x3B5, "epsilon"},
    {0x3B6, "zeta"}, {0x3B7, "eta"}, {0x3B8, "theta"}, {0x3B9, "iota"}, {0x3BA, "kappa"},
    {0x3BB, "lambda"}, {0x3BC, "mu"}, {0x3BD, "nu"}, {0x3BE, "xi"}, {0x3BF, "omicron"},
    {0x3C0, "pi"}, {0x3C1, "rho"}, {0x3C2, "sigmaf"}, {0x3C3, "sigma"}, {0x3C4, "tau"},
    {0x3C5, "upsilon"}, {0x3C6, "phi"}, {0x3C7, "chi"}, {0x3C8, "psi"}, {0x3C9, "omega"},
    {0x3D1, "thetasym"}, {0x3D2, "upsih"}, {0x3D6, "piv"}, {0x2022, "bull"}, {0x2026, "hellip"},
    {0x2032, "prime"}, {0x2033, "Prime"}, {0x203E, "oline"}, {0x2044, "frasl"},
    {0x2118, "weierp"}, {0x2111, "image"}, {0x211C, "real"}, {0x2122, "trade"},
    {0x2135, "alefsym"}, {0x2190, "larr"}, {0x2191, "uarr"}, {0x2192, "rarr"}, {0x2193, "darr"},
    {0x2194, "harr"}, {0x21B5, "crarr"}, {0x21D0, "lArr"}, {0x21D1, "uArr"}, {0x21D2, "rArr"},
    {0x21D3, "dArr"}, {0x21D4, "hArr"}, {0x2200, "forall"}, {0x2202, "part"}, {0x2203, "exist"},
    {0x2205, "empty"}, {0x2207, "nabla"}, {0x2208, "isin"}, {0x2209, "notin"}, {0x220B, "ni"},
    {0x220F, "prod"}, {0x2211, "sum"}, {0x2212, "minus"}, {0x2217, "lowast"}, {0x221A, "radic"},
    {0x221D, "prop"}, {0x221E, "infin"}, {0x2220, "ang"}, {0x2227, "and"}, {0x2228, "or"},
    {0x2229, "cap"}, {0x222A, "cup"}, {0x222B, "int"}, {0x2234, "there4"}, {0x223C, "sim"},
    {0x2245, "cong"}, {0x2248, "asymp"}, {0x2260, "ne"}, {0x2261, "equiv"}, {0x2264, "le"},
    {0x2265, "ge"}, {0x2282, "sub"}, {0x2283, "sup"}, {0x2284, "nsub"}, {0x2286, "sube"},
    {0x2287, "supe"}, {0x2295, "oplus"}, {0x2297, "otimes"}, {0x22A5, "perp"}, {0x22C5, "sdot"},
    {0x2308, "lceil"}, {0x2309, "rceil"}, {0x230A, "lfloor"}, {0x230B, "rfloor"},
    {0x2329, "lang"}, {0x232A, "rang"}, {0x25CA, "loz"}, {0x2660, "spades"}, {0x2663, "clubs"},
    {0x2665, "hearts"}, {0x2666, "diams"}, {0x152, "OElig"}, {0x153, "oelig"}, {0x160, "Scaron"},
    {0x161, "scaron"}, {0x178, "Yuml"}, {0x2C6, "circ"}, {0x2DC, "tilde"}, {0x2002, "ensp"},
    {0x2003, "emsp"}, {0x2009, "thinsp"}, {0x200C, "zwnj"}, {0x200D, "zwj"}, {0x200E, "lrm"},
    {0x200F, "rlm"}, {0x2013, "ndash"}, {0x2014, "mdash"}, {0x2018, "lsquo"}, {0x2019, "rsquo"},
    {0x201A, "sbquo"}, {0x201C, "ldquo"}, {0x201D, "rdquo"}, {0x201E, "bdquo"},
    {0x2020, "dagger"}, {0x2021, "Dagger"}, {0x2030, "permil"}, {0x2039, "lsaquo"},
    {0x203A, "rsaquo"}, {0x20AC, "euro"},
};

template <class F>
void forEachEntity(bool html4, F&& f) {
  for (const Entity& e : kBasicEntities) f(e);
  for (const Entity& e : kIso8859Entities) f(e);
  if (html4)
    for (const Entity& e : kHtml4Entities) f(e);
}

const char* entityName(char32_t c, bool html4) {
  const char* found = nullptr;
  forEachEntity(html4, [&](const Entity& e) {
    if (!found && e.cp == c) found = e.name;
  });
  return found;
}

// `&#65;` / `&#x41;` at s[i] (the '&'): the code point and the length, or 0.
size_t numericEntity(std::string_view s, size_t i, char32_t& cp) {
  if (i + 3 >= s.size() || s[i + 1] != '#') return 0;
  size_t j = i + 2;
  bool isHex = s[j] == 'x' || s[j] == 'X';
  if (isHex) ++j;
  size_t start = j;
  uint64_t v = 0;
  for (; j < s.size(); ++j) {
    int digit = isHex ? hex::digitValue(s[j]) : std::isdigit((unsigned char)s[j]) ? s[j] - '0' : -1;
    if (digit < 0) break;
    v = v * (isHex ? 16 : 10) + uint64_t(digit);
    if (v > 0x10FFFF) return 0;
  }
  if (j == start || j >= s.size() || s[j] != ';') return 0;
  cp = char32_t(v);
  return j + 1 - i;
}

// Unescapes `&name;` via `lookup` (nullptr when unknown) and numeric entities.
template <class Lookup>
std::string unescapeEntities(std::string_view s, Lookup&& lookup) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    char32_t cp = 0;
    if (size_t n = numericEntity(s, i, cp)) {
      appendCodePoint(out, cp);
      i += n - 1;
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi != std::string_view::npos && semi - i <= 10) {
      std::string_view name = s.substr(i + 1, semi - i - 1);
      if (std::optional<char32_t> c = lookup(name)) {
        appendCodePoint(out, *c);
        i = semi;
        continue;
      }
    }
    out += '&';
  }
  return out;
}

}  // namespace

std::string escapeHtml(std::string_view s, bool html4) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    char32_t c = nextCodePoint(s, i);
    if (const char* name = (c == '"' || c == '&' || c == '<' || c == '>' || c >= 0xA0) ? entityName(c, html4) : nullptr) {
      out += '&';
      out += name;
      out += ';';
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string unescapeHtml(std::string_view s, bool html4) {
  return unescapeEntities(s, [html4](std::string_view name) -> std::optional<char32_t> {
    std::optional<char32_t> found;
    forEachEntity(html4, [&](const Entity& e) {
      if (!found && name == e.name) found = e.cp;
    });
    return found;
  });
}

std::string escapeXml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '"': out += "&quot;"; break;
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string unescapeXml(std::string_view s) {
  return unescapeEntities(s, [](std::string_view name) -> std::optional<char32_t> {
    if (name == "apos") return U'\'';
    for (const Entity& e : kBasicEntities)
      if (name == e.name) return e.cp;
    return std::nullopt;
  });
}

// -------------------------------------------------------------------- similarity

int levenshtein(std::string_view a, std::string_view b, int threshold) {
  std::u16string s = toUtf16(a), t = toUtf16(b);
  if (s.size() > t.size()) std::swap(s, t);
  std::vector<int> prev(s.size() + 1), cur(s.size() + 1);
  for (size_t i = 0; i <= s.size(); ++i) prev[i] = int(i);
  for (size_t j = 1; j <= t.size(); ++j) {
    cur[0] = int(j);
    for (size_t i = 1; i <= s.size(); ++i)
      cur[i] = std::min({cur[i - 1] + 1, prev[i] + 1, prev[i - 1] + (s[i - 1] == t[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  int d = prev[s.size()];
  return threshold >= 0 && d > threshold ? -1 : d;
}

int javaCharType(char32_t c) {
  enum {
    Upper = 1, Lower = 2, Title = 3, OtherLetter = 5, NonSpacingMark = 6, Digit = 9,
    Space = 12, LineSep = 13, ParaSep = 14, Control = 15, Dash = 20, Start = 21, End = 22,
    Connector = 23, OtherPunct = 24, Math = 25, Currency = 26, ModifierSymbol = 27
  };
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z') return Upper;
    if (c >= 'a' && c <= 'z') return Lower;
    if (c >= '0' && c <= '9') return Digit;
    if (c == ' ') return Space;
    if (c < 0x20 || c == 0x7F) return Control;
    switch (c) {
      case '$': return Currency;
      case '(': case '[': case '{': return Start;
      case ')': case ']': case '}': return End;
      case '+': case '<': case '=': case '>': case '|': case '~': return Math;
      case '-': return Dash;
      case '_': return Connector;
      case '^': case '`': return ModifierSymbol;
      default: return OtherPunct;
    }
  }
  if (c < 0xA0) return Control;
  if (c == 0x2028) return LineSep;
  if (c == 0x2029) return ParaSep;
  if (isSpaceChar(c)) return Space;
  if (isDigit(c)) return Digit;
  if (c >= 0x300 && c <= 0x36F) return NonSpacingMark;
  if (isLetter(c)) {
    if (toTitle(c) == c && toUpper(c) != c) return Title;
    if (toLower(c) != c) return Upper;
    if (toUpper(c) != c || c == 0xDF) return Lower;
    return OtherLetter;
  }
  return OtherPunct;
}

// -------------------------------------------------------------------- numbers

std::string groupThousands(std::string_view digits) {
  std::string sign;
  if (!digits.empty() && digits[0] == '-') {
    sign = "-";
    digits.remove_prefix(1);
  }
  std::string out;
  size_t n = digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return sign + out;
}

}  // namespace apex::text
