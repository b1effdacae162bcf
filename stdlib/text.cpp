// Pure text helpers; see text.h.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "stdlib/text.h"

#include <pcre2.h>

#include <algorithm>
#include <clocale>
#include <cwctype>
#include <list>
#include <locale.h>
#include <memory>
#include <unordered_map>
#include <wctype.h>

namespace apex::stdlib::text {

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
  std::string out;
  out.reserve(s.size());
  if (isAscii(s)) {
    for (char c : s) out.push_back((c >= 'A' && c <= 'Z') ? char(c + 32) : c);
    return out;
  }
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

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (isAscii(a) && isAscii(b)) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (foldAscii(a[i]) != foldAscii(b[i])) return false;
    return true;
  }
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

struct CodeDeleter {
  void operator()(pcre2_code* c) const { pcre2_code_free(c); }
};

struct CompiledRegex {
  std::unique_ptr<pcre2_code, CodeDeleter> code;
  uint32_t captureCount = 0;
};

// A small cache: Apex code tends to split by the same few patterns in loops.
const CompiledRegex* compile(std::string_view regex, RegexError* err) {
  static std::unordered_map<std::string, std::unique_ptr<CompiledRegex>> cache;
  auto it = cache.find(std::string(regex));
  if (it != cache.end()) return it->second.get();
  std::string translated = translateJavaRegex(regex);
  int errorCode = 0;
  PCRE2_SIZE errorOffset = 0;
  pcre2_compile_context* ctx = pcre2_compile_context_create(nullptr);
  pcre2_set_newline(ctx, PCRE2_NEWLINE_ANY);
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                                   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &errorCode, &errorOffset, ctx);
  pcre2_compile_context_free(ctx);
  if (!code) {
    PCRE2_UCHAR buffer[256];
    pcre2_get_error_message(errorCode, buffer, sizeof buffer);
    if (err) err->message = reinterpret_cast<const char*>(buffer);
    return nullptr;
  }
  auto compiled = std::make_unique<CompiledRegex>();
  compiled->code.reset(code);
  pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &compiled->captureCount);
  if (cache.size() > 256) cache.clear();
  auto* raw = compiled.get();
  cache.emplace(std::string(regex), std::move(compiled));
  return raw;
}

struct MatchData {
  pcre2_match_data* md;
  explicit MatchData(const pcre2_code* code) : md(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(md); }
};

// Java Matcher.find() iteration: calls `onMatch(start, end, ovector)` for each
// match; after an empty match the next search starts one character later.
template <class F>
bool forEachMatch(const CompiledRegex& re, std::string_view s, F&& onMatch) {
  MatchData data(re.code.get());
  size_t from = 0;
  while (from <= s.size()) {
    int rc = pcre2_match(re.code.get(), reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), from, 0,
                         data.md, nullptr);
    if (rc < 0) break;
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
  const CompiledRegex* re = compile(regex, err);
  if (!re) return std::nullopt;
  std::vector<std::string> parts;
  size_t index = 0;
  bool limited = limit > 0;
  bool any = false;
  forEachMatch(*re, s, [&](size_t start, size_t end, PCRE2_SIZE*) {
    if (!limited || int(parts.size()) < limit - 1) {
      if (index == 0 && start == 0 && start == end) return true;  // no leading empty piece
      parts.emplace_back(s.substr(index, start - index));
      index = end;
      any = true;
      return true;
    }
    return false;
  });
  if (!any && index == 0) return std::vector<std::string>{std::string(s)};
  if (!limited || int(parts.size()) < limit) parts.emplace_back(s.substr(index));
  if (limit == 0)
    while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

std::optional<std::string> replaceRegex(std::string_view s, std::string_view regex,
                                        std::string_view replacement, bool firstOnly,
                                        RegexError* err) {
  const CompiledRegex* re = compile(regex, err);
  if (!re) return std::nullopt;
  // Named groups, for ${name}.
  uint32_t nameCount = 0, entrySize = 0;
  PCRE2_SPTR nameTable = nullptr;
  pcre2_pattern_info(re->code.get(), PCRE2_INFO_NAMECOUNT, &nameCount);
  pcre2_pattern_info(re->code.get(), PCRE2_INFO_NAMEENTRYSIZE, &entrySize);
  pcre2_pattern_info(re->code.get(), PCRE2_INFO_NAMETABLE, &nameTable);
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
  forEachMatch(*re, s, [&](size_t start, size_t end, PCRE2_SIZE* ov) {
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
  if (failed) return std::nullopt;
  out.append(s.substr(last));
  return out;
}

std::optional<bool> matchesRegex(std::string_view s, std::string_view regex, RegexError* err) {
  const CompiledRegex* re = compile(regex, err);
  if (!re) return std::nullopt;
  MatchData data(re->code.get());
  int rc = pcre2_match(re->code.get(), reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), 0,
                       PCRE2_ANCHORED | PCRE2_ENDANCHORED, data.md, nullptr);
  return rc >= 0;
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

}  // namespace apex::stdlib::text
