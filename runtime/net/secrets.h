// Masks secrets in what apexrun shows or writes about a callout (the wire
// trace, recordings): Authorization header values and every credential
// value registered with the masker.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace apex::runtime {

inline constexpr std::string_view kMask = "****";

// Authorization or Proxy-Authorization, in any case.
bool isAuthorizationHeader(std::string_view name);

class SecretMasker {
 public:
  // A value that must never be shown (a password, a token), as it is and
  // as a form or URL would encode it or a JSON string escape it. Short
  // values are ignored: masking them would garble unrelated text.
  void addSecret(const std::string& value);
  // The credentials of an Authorization-style header value sent (what
  // follows the scheme), so that a server echoing them is masked too.
  void addAuthorization(std::string_view headerValue);
  // `text` with every registered secret replaced by ****.
  std::string mask(std::string_view text) const;
  // A header value as it may be shown: Authorization-style headers keep
  // only their scheme (`Bearer ****`).
  std::string maskHeader(std::string_view name, std::string_view value) const;

 private:
  void addForm(std::string value);
  std::vector<std::string> secrets_;
};

}  // namespace apex::runtime
