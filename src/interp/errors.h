// The one catalog of the runtime's exception messages. Texts follow what
// Salesforce prints; the few that are apexrun's own (features not built
// yet) are listed in docs/differences.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace apex::interp::errors {

// Apex Developer Guide: "Execution Governors and Limits".
inline constexpr std::string_view kStackDepth = "Maximum stack depth reached: 1001";
inline constexpr std::string_view kCpuTime = "Apex CPU time limit exceeded";
inline std::string heapTooLarge(size_t bytes) { return "Apex heap size too large: " + std::to_string(bytes); }

inline constexpr std::string_view kNullPointer = "Attempt to de-reference a null object";
inline constexpr std::string_view kDivideByZero = "Divide by 0";
inline constexpr std::string_view kModifiedWhileIterating = "Cannot modify a collection while it is being iterated.";

inline std::string listIndexOutOfBounds(int64_t index) {
  return "List index out of bounds: " + std::to_string(index);
}
inline std::string negativeArraySize(int64_t size) { return "Illegal negative array size: " + std::to_string(size); }
inline std::string invalidConversion(std::string_view from, std::string_view to) {
  return "Invalid conversion from runtime type " + std::string(from) + " to " + std::string(to);
}
inline std::string invalidId(std::string_view text) { return "Invalid id: " + std::string(text); }
inline std::string noEnumConstant(std::string_view type, std::string_view name) {
  return "No enum constant " + std::string(type) + "." + std::string(name);
}

// apexrun's own: records and queries arrive with the data layer.
inline constexpr std::string_view kDmlNotAvailable = "DML statements are not supported by apexrun yet";
inline constexpr std::string_view kQueryNotAvailable = "SOQL and SOSL queries are not supported by apexrun yet";
inline constexpr std::string_view kSObjectNotAvailable = "sObjects are not supported by apexrun yet";

}  // namespace apex::interp::errors
