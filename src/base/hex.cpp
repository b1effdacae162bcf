#include "base/hex.h"

namespace apex::hex {
namespace {

constexpr std::string_view kLowerDigits = "0123456789abcdef";
constexpr std::string_view kUpperDigits = "0123456789ABCDEF";

bool isHexText(std::string_view text) {
  for (char c : text)
    if (digitValue(c) < 0) return false;
  return true;
}

}  // namespace

int digitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string encode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out += kLowerDigits[b >> 4];
    out += kLowerDigits[b & 15];
  }
  return out;
}

void appendUpper(std::string& out, unsigned char byte) {
  out += kUpperDigits[byte >> 4];
  out += kUpperDigits[byte & 15];
}

std::optional<std::string> decode(std::string_view text) {
  if (text.size() % 2 != 0 || !isHexText(text)) return std::nullopt;
  std::string out(text.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) out[i] = char(digitValue(text[2 * i]) << 4 | digitValue(text[2 * i + 1]));
  return out;
}

}  // namespace apex::hex
