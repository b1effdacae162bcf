// Base64 (RFC 4648, with padding), on OpenSSL's codec: binary bodies in
// recordings, Basic authorization values. Base64url without padding (RFC 4648
// §5, RFC 7515 §2): JWTs and PKCE values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apex {

std::string base64Encode(std::string_view bytes);
// nullopt if `text` is not valid padded base64.
std::optional<std::string> base64Decode(std::string_view text);

// The URL- and filename-safe alphabet (`-` and `_`), no `=` padding.
std::string base64UrlEncode(std::string_view bytes);
// nullopt if `text` is not unpadded base64url (padding is refused too).
std::optional<std::string> base64UrlDecode(std::string_view text);

}  // namespace apex
