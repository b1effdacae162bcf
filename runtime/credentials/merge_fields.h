// The merge-field engine: `{!...}` merge fields in the headers and bodies of
// callouts through a Named Credential, and the formulas of custom header
// parameters (Apex Developer Guide: "Merge Fields for Apex Callouts That Use
// Named Credentials"; Named Credentials Developer Guide: "Named Credential
// Formula Functions").
//
// A formula is made of string literals ('text' or "text", backslash
// escapes), field references ($Credential.Username,
// $Credential.My_External_Credential.ApiKey), `&` (and `+`) to concatenate,
// parentheses, and the functions
//   BLOB(text)               → blob, the UTF-8 bytes
//   TEXT(value)              → text (a blob's bytes read as UTF-8)
//   BASE64ENCODE(blob)       → text
//   BASE64DECODE(text)       → blob
//   HEX(blob)                → text, lower case
//   HASH('SHA-256', blob)    → blob
//   HMAC('SHA-256', value, key) → blob
//   HTMLENCODE(text)         → text, in bodies only
// Texts and blobs convert to each other where a function needs the other.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace apex::runtime {

// Where the text being expanded is: bodies allow only field references and
// HTMLENCODE; headers allow every function but HTMLENCODE.
enum class MergePlace { Header, Body };

// Reads a field: the path after `$` (`{"Credential", "OAuthToken"}`). The
// value, or nullopt when there is no such field; `error` may explain why.
using FieldReader = std::function<std::optional<std::string>(const std::vector<std::string>& path, std::string* error)>;

struct MergeError {
  std::string message;
};

// Told each value a merge field or formula produced, e.g. so that a value
// derived from a secret (its HTMLENCODE, a Basic header) is masked too.
using ValueObserver = std::function<void(const std::string& value)>;

// True if `text` holds a `{!` merge field.
bool hasMergeFields(std::string_view text);

// `text` with each `{!formula}` replaced by its value.
std::variant<std::string, MergeError> expandMergeFields(std::string_view text, MergePlace place,
                                                        const FieldReader& read,
                                                        const ValueObserver& observe = nullptr);

// The value of a custom header parameter: a bare formula (`'Bearer ' &
// $Credential.X.Token`), or text with `{!...}` merge fields in it.
std::variant<std::string, MergeError> evaluateHeaderFormula(std::string_view formula, const FieldReader& read,
                                                            const ValueObserver& observe = nullptr);

}  // namespace apex::runtime
