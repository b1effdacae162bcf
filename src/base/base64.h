// Base64 (RFC 4648, with padding), on OpenSSL's codec: binary bodies in
// recordings, Basic authorization values, Blob values in JSON and
// EncodingUtil. Base64url without padding (RFC 4648 §5, RFC 7515 §2): JWTs
// and PKCE values. And the two lenient readings Apex has: Apache Commons
// Codec's (EncodingUtil.base64Decode) and the JSON parser's (Blob values).
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

// As Apache Commons Codec's Base64.decodeBase64 reads: either alphabet,
// characters outside it skipped, padding optional, decoding stops at the
// first `=`; a final group of 2 or 3 digits gives 1 or 2 bytes, a lone digit
// nothing. Never fails.
std::string base64DecodeLenient(std::string_view text);

// The standard alphabet with the padding optional: at most two `=`, only at
// the end; a final partial group is read as base64DecodeLenient reads it.
// nullopt for any other character (how apexrun's JSON parser reads a Blob).
std::optional<std::string> base64DecodeOptionalPadding(std::string_view text);

}  // namespace apex
