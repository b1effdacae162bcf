#include "base/record_id.h"

namespace apex {
namespace {

constexpr std::string_view kChecksumAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr size_t kPrefixLength = 3;
constexpr size_t kCounterLength = 12;

bool isIdChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

std::string idChecksum(std::string_view fifteen) {
  std::string suffix;
  for (size_t group = 0; group < 3; ++group) {
    size_t bits = 0;
    for (size_t i = 0; i < 5; ++i) {
      char c = group * 5 + i < fifteen.size() ? fifteen[group * 5 + i] : '0';
      if (c >= 'A' && c <= 'Z') bits |= size_t(1) << i;
    }
    suffix += kChecksumAlphabet[bits];
  }
  return suffix;
}

std::string toEighteen(std::string_view id) {
  if (id.size() == 15 && looksLikeId(id)) return std::string(id) + idChecksum(id);
  return std::string(id);
}

bool looksLikeId(std::string_view text) {
  if (text.size() != 15 && text.size() != 18) return false;
  for (char c : text)
    if (!isIdChar(c)) return false;
  return true;
}

std::string recordId(std::string_view keyPrefix, std::uint64_t number) {
  std::string counter(kCounterLength, '0');
  for (size_t i = kCounterLength; i-- > 0 && number > 0; number /= 62) counter[i] = kBase62[number % 62];
  std::string fifteen = std::string(keyPrefix.substr(0, kPrefixLength)) + counter;
  return fifteen + idChecksum(fifteen);
}

std::optional<std::uint64_t> recordNumber(std::string_view id) {
  if (!looksLikeId(id)) return std::nullopt;
  std::uint64_t number = 0;
  for (char c : id.substr(kPrefixLength, kCounterLength)) {
    size_t digit = kBase62.find(c);
    if (digit == std::string_view::npos) return std::nullopt;
    number = number * 62 + digit;
  }
  return number;
}

}  // namespace apex
