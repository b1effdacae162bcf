#include "runtime/net/url.h"

#include <cctype>

#include "base/text.h"

namespace apex::runtime {
namespace {

bool isSchemeText(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

}  // namespace

bool Url::isDefaultPort() const { return port == (scheme == "https" ? 443 : 80); }

std::string Url::origin() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return scheme + "://" + h + (isDefaultPort() ? "" : ":" + std::to_string(port));
}

std::variant<Url, std::string> parseUrl(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || !isSchemeText(text.substr(0, colon)))
    return "no protocol: " + std::string(text);
  Url url;
  url.scheme = text::foldCase(text.substr(0, colon));
  if (url.scheme != "http" && url.scheme != "https") return "unknown protocol: " + url.scheme;
  std::string_view rest = text.substr(colon + 1);
  if (rest.substr(0, 2) != "//") return "Invalid URL, host is missing: " + std::string(text);
  rest.remove_prefix(2);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view tail = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view portText;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return "Invalid URL, bad IPv6 host: " + std::string(text);
    url.host = text::foldCase(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':') portText = authority.substr(close + 2);
  } else {
    size_t portColon = authority.rfind(':');
    url.host = text::foldCase(authority.substr(0, portColon));
    if (portColon != std::string_view::npos) portText = authority.substr(portColon + 1);
  }
  if (url.host.empty()) return "Invalid URL, host is missing: " + std::string(text);
  url.port = url.scheme == "https" ? 443 : 80;
  if (!portText.empty()) {
    int port = 0;
    for (char c : portText) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535) return "Invalid URL, bad port: " + std::string(text);
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return "Invalid URL, bad port: " + std::string(text);
    url.port = port;
  }
  if (size_t hash = tail.find('#'); hash != std::string_view::npos) tail = tail.substr(0, hash);
  url.target = tail.empty() || tail[0] != '/' ? "/" + std::string(tail) : std::string(tail);
  return url;
}

}  // namespace apex::runtime
