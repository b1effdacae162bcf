#include "base/url_encoding.h"

#include <optional>

#include "base/hex.h"

namespace apex {
namespace {

// java.net.URLEncoder's unreserved characters.
bool staysAsIs(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' || c == '-' ||
         c == '.' || c == '_';
}

// The byte of the %XY escape at text[at] (a `%`), or nullopt when two hex
// digits do not follow it.
std::optional<char> escapedByte(std::string_view text, size_t at) {
  if (at + 2 >= text.size()) return std::nullopt;
  int high = hex::digitValue(text[at + 1]), low = hex::digitValue(text[at + 2]);
  if (high < 0 || low < 0) return std::nullopt;
  return char(high * 16 + low);
}

}  // namespace

void appendPercentEscape(std::string& out, unsigned char byte) {
  out += '%';
  hex::appendUpper(out, byte);
}

std::string formUrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (unsigned char c : bytes) {
    if (staysAsIs(c)) out += char(c);
    else if (c == ' ') out += '+';
    else appendPercentEscape(out, c);
  }
  return out;
}

std::string formUrlDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    std::optional<char> escaped = text[i] == '%' ? escapedByte(text, i) : std::nullopt;
    if (escaped) {
      out += *escaped;
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::variant<std::string, MalformedEscape> formUrlDecodeStrict(
    std::string_view text, const std::function<std::string(const std::string&)>& decodeBytes) {
  std::string out, escapedRun;
  auto endRun = [&] {
    if (escapedRun.empty()) return;
    out += decodeBytes(escapedRun);
    escapedRun.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      endRun();
      out += text[i] == '+' ? ' ' : text[i];
      continue;
    }
    if (i + 2 >= text.size()) return MalformedEscape{true, ""};
    std::optional<char> escaped = escapedByte(text, i);
    if (!escaped) return MalformedEscape{false, std::string(text.substr(i + 1, 2))};
    escapedRun += *escaped;
    i += 2;
  }
  endRun();
  return out;
}

}  // namespace apex
