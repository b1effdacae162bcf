// application/x-www-form-urlencoded text, as java.net.URLEncoder and
// URLDecoder write and read it: EncodingUtil.urlEncode and urlDecode, OAuth
// requests and the loopback redirect's query.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>

namespace apex {

// java.net.URLEncoder.encode over bytes, which is also the WHATWG URL
// Standard's serializer RFC 6749 appendix B asks for: ASCII letters, digits
// and `.-*_` stay, a space becomes `+`, every other byte %XY (upper-case hex).
std::string formUrlEncode(std::string_view bytes);

// Appends `byte` as a %XY escape.
void appendPercentEscape(std::string& out, unsigned char byte);

// `+` is a space and %XY a byte; a malformed escape stays as it is.
std::string formUrlDecode(std::string_view text);

// A %-escape java.net.URLDecoder refuses.
struct MalformedEscape {
  bool incomplete = false;  // fewer than two characters follow the `%`
  std::string digits;       // otherwise: the two that are not both hex digits
};

// java.net.URLDecoder.decode: `+` is a space, other characters stay, and
// each run of %XY escapes is the bytes that `decodeBytes` turns into text
// (the charset's decoding); the first malformed escape fails the whole text.
std::variant<std::string, MalformedEscape> formUrlDecodeStrict(
    std::string_view text, const std::function<std::string(const std::string&)>& decodeBytes);

}  // namespace apex
