// Apex Reference: EncodingUtil Class.
#include <cctype>

#include "base/base64.h"
#include "base/text.h"
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;

const std::string& blobBytes(Interp& vm, const Value& v) { return nonNull(vm, v).as<interp::BlobObj>()->bytes; }

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The value of a base64 character in either alphabet (standard `+/` or
// URL-safe `-_`), or -1.
int base64Digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Apex Reference: EncodingUtil Class — base64Encode(inputBlob)
Value base64Encode(Interp& vm, Value* args, int) { return vm.makeString(apex::base64Encode(blobBytes(vm, args[0]))); }

// Apex Reference: EncodingUtil Class — base64Decode(inputString). Decoded
// leniently, as Apache Commons Codec does: characters outside the alphabet
// are skipped, padding is optional, decoding stops at the first `=`.
Value base64Decode(Interp& vm, Value* args, int) {
  const std::string& text = strArg(vm, args[0]);
  std::string out;
  out.reserve(text.size() / 4 * 3 + 2);
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    int d = base64Digit(c);
    if (d < 0) continue;
    bits = (bits << 6) | uint32_t(d);
    if (++count == 4) {
      out += char(bits >> 16);
      out += char(bits >> 8);
      out += char(bits);
      bits = 0;
      count = 0;
    }
  }
  if (count == 2) out += char(bits >> 4);
  if (count == 3) {
    out += char(bits >> 10);
    out += char(bits >> 2);
  }
  return vm.makeBlob(std::move(out));
}

// Apex Reference: EncodingUtil Class — convertToHex(inputBlob): lower case.
Value convertToHex(Interp& vm, Value* args, int) {
  static const char kDigits[] = "0123456789abcdef";
  const std::string& bytes = blobBytes(vm, args[0]);
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return vm.makeString(std::move(out));
}

// Apex Reference: EncodingUtil Class — convertFromHex(inputString): an even
// number of 0-9, a-f, A-F, else InvalidParameterValueException.
Value convertFromHex(Interp& vm, Value* args, int) {
  const std::string& text = strArg(vm, args[0]);
  if (text.size() % 2 != 0) vm.raise(errors::HexOddLength, text);
  std::string out;
  out.reserve(text.size() / 2);
  for (size_t i = 0; i < text.size(); i += 2) {
    int hi = hexDigit(text[i]), lo = hexDigit(text[i + 1]);
    if (hi < 0 || lo < 0) vm.raise(errors::HexBadDigit, text);
    out += char(hi * 16 + lo);
  }
  return vm.makeBlob(std::move(out));
}

// The charsets urlEncode and urlDecode accept (java.nio.charset names and
// their common aliases, case-insensitive).
enum class Charset { Utf8, Latin1, Ascii, Utf16, Utf16Be, Utf16Le };

Charset charsetArg(Interp& vm, const Value& v) {
  std::string name;
  for (char c : strArg(vm, v)) name += char(std::toupper(static_cast<unsigned char>(c)));
  if (name == "UTF-8" || name == "UTF8") return Charset::Utf8;
  if (name == "ISO-8859-1" || name == "ISO8859_1" || name == "LATIN1" || name == "ISO-LATIN-1") return Charset::Latin1;
  if (name == "US-ASCII" || name == "ASCII") return Charset::Ascii;
  if (name == "UTF-16" || name == "UTF16") return Charset::Utf16;
  if (name == "UTF-16BE") return Charset::Utf16Be;
  if (name == "UTF-16LE") return Charset::Utf16Le;
  vm.raise(errors::UnsupportedEncoding, str(v));
}

// `text` as bytes in `charset`; characters the charset lacks become `?` (as
// Java's String.getBytes does).
std::string encodeCharset(std::string_view text, Charset charset) {
  if (charset == Charset::Utf8) return std::string(text);
  std::string out;
  if (charset == Charset::Latin1 || charset == Charset::Ascii) {
    char32_t limit = charset == Charset::Latin1 ? 0xFF : 0x7F;
    for (size_t i = 0; i < text.size();) {
      char32_t cp = text::nextCodePoint(text, i);
      out += cp <= limit ? char(cp) : '?';
    }
    return out;
  }
  if (charset == Charset::Utf16) out += "\xFE\xFF";  // Java writes a big-endian BOM
  for (char16_t u : text::toUtf16(text)) {
    char hi = char(u >> 8), lo = char(u & 0xFF);
    if (charset == Charset::Utf16Le) std::swap(hi, lo);
    out += hi;
    out += lo;
  }
  return out;
}

std::string decodeCharset(const std::string& bytes, Charset charset) {
  if (charset == Charset::Utf8) return text::decodeUtf8Lossy(bytes);
  std::string out;
  if (charset == Charset::Latin1 || charset == Charset::Ascii) {
    for (unsigned char b : bytes) text::appendCodePoint(out, charset == Charset::Ascii && b > 0x7F ? 0xFFFD : b);
    return out;
  }
  size_t i = 0;
  bool little = charset == Charset::Utf16Le;
  if (charset == Charset::Utf16 && bytes.size() >= 2) {  // an optional BOM picks the byte order
    unsigned char a = bytes[0], b = bytes[1];
    if ((a == 0xFE && b == 0xFF) || (a == 0xFF && b == 0xFE)) {
      little = a == 0xFF;
      i = 2;
    }
  }
  std::u16string units;
  for (; i + 1 < bytes.size(); i += 2) {
    unsigned char a = bytes[i], b = bytes[i + 1];
    units += little ? char16_t(b << 8 | a) : char16_t(a << 8 | b);
  }
  if (i < bytes.size()) units += u'\xFFFD';
  return text::toUtf8(units);
}

// Apex Reference: EncodingUtil Class — urlEncode(inputString, encodingScheme):
// java.net.URLEncoder's rules: letters, digits and `.-*_` stay, a space
// becomes `+`, every other byte `%XY`.
Value urlEncode(Interp& vm, Value* args, int) {
  const std::string& input = strArg(vm, args[0]);
  std::string bytes = encodeCharset(input, charsetArg(vm, args[1]));
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 3);
  for (unsigned char b : bytes) {
    if (std::isalnum(b) || b == '.' || b == '-' || b == '*' || b == '_') {
      out += char(b);
    } else if (b == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kDigits[b >> 4];
      out += kDigits[b & 15];
    }
  }
  return vm.makeString(std::move(out));
}

// Apex Reference: EncodingUtil Class — urlDecode(inputString, encodingScheme):
// java.net.URLDecoder's rules and messages.
Value urlDecode(Interp& vm, Value* args, int) {
  const std::string& input = strArg(vm, args[0]);
  Charset charset = charsetArg(vm, args[1]);
  std::string out, pending;  // pending: the bytes of a run of %XY escapes
  auto flush = [&] {
    out += decodeCharset(pending, charset);
    pending.clear();
  };
  for (size_t i = 0; i < input.size(); ++i) {
    char c = input[i];
    if (c != '%') {
      flush();
      out += c == '+' ? ' ' : c;
      continue;
    }
    if (i + 2 >= input.size())
      vm.raise(errors::UrlDecodeIncompleteEscape);
    int hi = hexDigit(input[i + 1]), lo = hexDigit(input[i + 2]);
    if (hi < 0 || lo < 0) vm.raise(errors::UrlDecodeBadEscape, input.substr(i + 1, 2));
    pending += char(hi * 16 + lo);
    i += 2;
  }
  flush();
  return vm.makeString(std::move(out));
}

const sema::NativeDef kNatives[] = {
    {"EncodingUtil", "static String base64Encode(Blob)", &base64Encode},
    {"EncodingUtil", "static Blob base64Decode(String)", &base64Decode},
    {"EncodingUtil", "static String convertToHex(Blob)", &convertToHex},
    {"EncodingUtil", "static Blob convertFromHex(String)", &convertFromHex},
    {"EncodingUtil", "static String urlEncode(String, String)", &urlEncode},
    {"EncodingUtil", "static String urlDecode(String, String)", &urlDecode},
};

}  // namespace

std::span<const sema::NativeDef> encodingUtilNatives() { return kNatives; }

}  // namespace apex::stdlib
