#include "base/base64.h"

#include <openssl/evp.h>

#include <cstdint>
#include <utility>

namespace apex {
namespace {

// The value of a digit of the standard alphabet (`+/`), or -1.
int standardDigit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// The value of a digit of either alphabet (standard `+/` or URL-safe `-_`), or -1.
int eitherAlphabetDigit(char c) {
  if (c == '-') return 62;
  if (c == '_') return 63;
  return standardDigit(c);
}

// Bytes from base64 digit values: each group of four gives three bytes; a
// final group of 2 or 3 gives 1 or 2 (its spare bits dropped), a lone digit
// nothing.
class DigitDecoder {
 public:
  void add(int digit) {
    bits_ = (bits_ << 6) | uint32_t(digit);
    if (++count_ < 4) return;
    out_ += char(bits_ >> 16);
    out_ += char(bits_ >> 8);
    out_ += char(bits_);
    bits_ = 0;
    count_ = 0;
  }

  std::string finish() {
    if (count_ == 2) out_ += char(bits_ >> 4);
    if (count_ == 3) {
      out_ += char(bits_ >> 10);
      out_ += char(bits_ >> 2);
    }
    return std::move(out_);
  }

 private:
  uint32_t bits_ = 0;
  int count_ = 0;
  std::string out_;
};

}  // namespace

std::string base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()), int(bytes.size()));
  out.resize(size_t(n));
  return out;
}

std::optional<std::string> base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), int(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as decoded zero bytes.
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  out.resize(size_t(n) - padding);
  return out;
}

std::string base64UrlEncode(std::string_view bytes) {
  std::string out = base64Encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::optional<std::string> base64UrlDecode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string padded;
  padded.reserve(text.size() + 3);
  for (char c : text) {
    // The standard alphabet's `+`, `/` and `=` are not base64url.
    if (c == '+' || c == '/' || c == '=') return std::nullopt;
    padded += c == '-' ? '+' : c == '_' ? '/' : c;
  }
  while (padded.size() % 4 != 0) padded += '=';
  return base64Decode(padded);
}

std::string base64DecodeLenient(std::string_view text) {
  DigitDecoder decoder;
  for (char c : text) {
    if (c == '=') break;
    if (int digit = eitherAlphabetDigit(c); digit >= 0) decoder.add(digit);
  }
  return decoder.finish();
}

std::optional<std::string> base64DecodeOptionalPadding(std::string_view text) {
  DigitDecoder decoder;
  size_t padding = 0;
  for (char c : text) {
    if (c == '=') {
      ++padding;
      continue;
    }
    int digit = standardDigit(c);
    if (digit < 0 || padding > 0) return std::nullopt;
    decoder.add(digit);
  }
  if (padding > 2) return std::nullopt;
  return decoder.finish();
}

}  // namespace apex
