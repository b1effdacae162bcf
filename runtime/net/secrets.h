// Masks secrets in what apexrun shows or writes about a callout (the wire
// trace, recordings): Authorization header values and every credential
// value registered with the masker.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace apex::runtime {

inline constexpr std::string_view kMask = "****";

class SecretMasker {
 public:
  // A value that must never be shown (a password, a token). Short values
  // are ignored: masking them would garble unrelated text.
  void addSecret(std::string value);
  // `text` with every registered secret replaced by ****.
  std::string mask(std::string_view text) const;
  // A header value as it may be shown: Authorization-style headers keep
  // only their scheme (`Bearer ****`).
  std::string maskHeader(std::string_view name, std::string_view value) const;

 private:
  std::vector<std::string> secrets_;
};

}  // namespace apex::runtime
