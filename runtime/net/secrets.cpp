#include "runtime/net/secrets.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "base/http_message.h"
#include "base/text.h"
#include "base/url_encoding.h"

namespace apex::runtime {
namespace {

constexpr size_t kShortestSecret = 4;

// `value` percent-encoded as RFC 3986 has it (a space is %20, `~` stays),
// as most URL builders write a query or a path.
std::string percentEncode(std::string_view value) {
  std::string out;
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') out += c;
    else appendPercentEscape(out, byte);
  }
  return out;
}

// `value` inside a JSON string: what JSON.serialize or a server echoing a
// request writes.
std::string jsonEscaped(const std::string& value) {
  std::string quoted = nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace

bool isAuthorizationHeader(std::string_view name) {
  return text::equalsIgnoreCase(name, "Authorization") || text::equalsIgnoreCase(name, "Proxy-Authorization");
}

void SecretMasker::addSecret(const std::string& value) {
  if (value.size() < kShortestSecret) return;
  addForm(value);
  addForm(formUrlEncode(value));
  addForm(percentEncode(value));
  addForm(jsonEscaped(value));
}

void SecretMasker::addAuthorization(std::string_view headerValue) {
  size_t space = headerValue.find(' ');
  std::string_view credentials = space == std::string_view::npos ? headerValue : headerValue.substr(space + 1);
  addSecret(std::string(text::trimJava(credentials)));
}

void SecretMasker::addForm(std::string value) {
  if (std::find(secrets_.begin(), secrets_.end(), value) != secrets_.end()) return;
  secrets_.push_back(std::move(value));
  // Longest first, so that a secret containing another is masked whole.
  std::sort(secrets_.begin(), secrets_.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string SecretMasker::mask(std::string_view text) const {
  std::string out(text);
  for (const std::string& secret : secrets_) {
    for (size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + kMask.size()))
      out.replace(at, secret.size(), kMask);
  }
  return out;
}

std::string SecretMasker::maskHeader(std::string_view name, std::string_view value) const {
  if (isAuthorizationHeader(name)) {
    size_t space = value.find(' ');
    if (space == std::string_view::npos) return std::string(kMask);
    return std::string(value.substr(0, space + 1)) + std::string(kMask);
  }
  return mask(value);
}

}  // namespace apex::runtime
