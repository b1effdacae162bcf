// Hexadecimal digits: hex text of bytes (EncodingUtil.convertToHex and
// convertFromHex, digests, the credential store's key), and the digits of
// %XY and \uXXXX escapes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace apex::hex {

// The value of `c` as a hex digit (0-9, a-f, A-F), or -1.
int digitValue(char c);

// Each byte as two lower-case digits, as EncodingUtil.convertToHex writes them.
std::string encode(std::string_view bytes);

// Appends `byte` as two upper-case digits, as java.net.URLEncoder writes a
// %XY escape and Jackson and StringEscapeUtils write \uXXXX.
void appendUpper(std::string& out, unsigned char byte);

// Hex text back to bytes, two digits a byte (either case). nullopt for an
// odd length or a character that is not a hex digit; the text is checked
// before any byte is decoded, so a rejected secret leaves no partial copy.
std::optional<std::string> decode(std::string_view text);

}  // namespace apex::hex
