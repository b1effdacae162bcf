#include "runtime/net/secrets.h"

#include <algorithm>

#include "base/http_message.h"
#include "base/text.h"

namespace apex::runtime {
namespace {
constexpr size_t kShortestSecret = 4;
}

void SecretMasker::addSecret(std::string value) {
  if (value.size() < kShortestSecret) return;
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
  if (text::equalsIgnoreCase(name, "Authorization") || text::equalsIgnoreCase(name, "Proxy-Authorization")) {
    size_t space = value.find(' ');
    if (space == std::string_view::npos) return std::string(kMask);
    return std::string(value.substr(0, space + 1)) + std::string(kMask);
  }
  return mask(value);
}

}  // namespace apex::runtime
