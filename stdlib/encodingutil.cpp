// Apex Reference: EncodingUtil Class.
#include <optional>
#include <variant>

#include "base/base64.h"
#include "base/hex.h"
#include "base/text.h"
#include "base/url_encoding.h"
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;

const std::string& blobBytes(Interp& vm, const Value& v) { return nonNull(vm, v).as<interp::BlobObj>()->bytes; }

// Apex Reference: EncodingUtil Class — base64Encode(inputBlob)
Value base64Encode(Interp& vm, Value* args, int) { return vm.makeString(apex::base64Encode(blobBytes(vm, args[0]))); }

// Apex Reference: EncodingUtil Class — base64Decode(inputString). Decoded
// leniently, as Apache Commons Codec does: characters outside the alphabet
// are skipped, padding is optional, decoding stops at the first `=`.
Value base64Decode(Interp& vm, Value* args, int) { return vm.makeBlob(base64DecodeLenient(strArg(vm, args[0]))); }

// Apex Reference: EncodingUtil Class — convertToHex(inputBlob): lower case.
Value convertToHex(Interp& vm, Value* args, int) { return vm.makeString(hex::encode(blobBytes(vm, args[0]))); }

// Apex Reference: EncodingUtil Class — convertFromHex(inputString): an even
// number of 0-9, a-f, A-F, else InvalidParameterValueException.
Value convertFromHex(Interp& vm, Value* args, int) {
  const std::string& text = strArg(vm, args[0]);
  if (text.size() % 2 != 0) vm.raise(errors::HexOddLength, text);
  std::optional<std::string> bytes = hex::decode(text);
  if (!bytes) vm.raise(errors::HexBadDigit, text);
  return vm.makeBlob(std::move(*bytes));
}

// The charsets urlEncode and urlDecode accept (java.nio.charset names and
// their common aliases, case-insensitive).
enum class Charset { Utf8, Latin1, Ascii, Utf16, Utf16Be, Utf16Le };

Charset charsetArg(Interp& vm, const Value& v) {
  std::string name = text::foldCase(strArg(vm, v));
  if (name == "utf-8" || name == "utf8") return Charset::Utf8;
  if (name == "iso-8859-1" || name == "iso8859_1" || name == "latin1" || name == "iso-latin-1") return Charset::Latin1;
  if (name == "us-ascii" || name == "ascii") return Charset::Ascii;
  if (name == "utf-16" || name == "utf16") return Charset::Utf16;
  if (name == "utf-16be") return Charset::Utf16Be;
  if (name == "utf-16le") return Charset::Utf16Le;
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
// java.net.URLEncoder's rules over the text's bytes in the charset.
Value urlEncode(Interp& vm, Value* args, int) {
  const std::string& input = strArg(vm, args[0]);
  return vm.makeString(formUrlEncode(encodeCharset(input, charsetArg(vm, args[1]))));
}

// Apex Reference: EncodingUtil Class — urlDecode(inputString, encodingScheme):
// java.net.URLDecoder's rules and messages.
Value urlDecode(Interp& vm, Value* args, int) {
  const std::string& input = strArg(vm, args[0]);
  Charset charset = charsetArg(vm, args[1]);
  auto decoded = formUrlDecodeStrict(input, [charset](const std::string& bytes) { return decodeCharset(bytes, charset); });
  if (auto* bad = std::get_if<MalformedEscape>(&decoded)) {
    if (bad->incomplete) vm.raise(errors::UrlDecodeIncompleteEscape);
    vm.raise(errors::UrlDecodeBadEscape, bad->digits);
  }
  return vm.makeString(std::get<std::string>(std::move(decoded)));
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
