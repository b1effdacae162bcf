// Compressed bodies of callouts (HttpRequest.setCompressed, and responses
// sent with `Content-Encoding: gzip` or `deflate`), on zlib.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apex::runtime {

std::string gzipCompress(std::string_view data);
// The decoded bytes; nullopt when `data` is not whole gzip data or inflates
// past `maxBytes` (then `*tooLarge` is set, when given).
std::optional<std::string> gzipDecompress(std::string_view data, size_t maxBytes, bool* tooLarge = nullptr);
// The same for `Content-Encoding: deflate`: zlib-wrapped deflate data (RFC
// 9110 section 8.4.1.2), or raw deflate data as browsers also accept.
std::optional<std::string> deflateDecompress(std::string_view data, size_t maxBytes, bool* tooLarge = nullptr);

}  // namespace apex::runtime
