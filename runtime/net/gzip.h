// gzip bodies of callouts (HttpRequest.setCompressed, and responses sent
// with `Content-Encoding: gzip`), on zlib.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apex::runtime {

std::string gzipCompress(std::string_view data);
// The decoded bytes; nullopt if `data` is not valid gzip or would decode to
// more than `maxBytes`.
// nullopt when `data` is not whole gzip data or inflates past `maxBytes`
// (then `*tooLarge` is set, when given).
std::optional<std::string> gzipDecompress(std::string_view data, size_t maxBytes, bool* tooLarge = nullptr);

}  // namespace apex::runtime
