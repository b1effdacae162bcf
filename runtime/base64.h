// Base64 (RFC 4648, with padding), on OpenSSL's codec: binary bodies in
// recordings, Basic authorization values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apex::runtime {

std::string base64Encode(std::string_view bytes);
// nullopt if `text` is not valid padded base64.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace apex::runtime
