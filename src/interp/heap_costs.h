// What each kind of value counts against the heap limit (Limits.getHeapSize).
// Salesforce counts a String by its characters, one per UTF-16 code unit, and
// a reference or a boxed number as a few bytes; these figures follow that
// model so that code near the 6 MB limit behaves as it does on the platform.
// They are estimates of Apex's accounting, not of this process's memory.
#pragma once

#include <cstddef>
#include <string_view>

#include "sema/types.h"

namespace apex::interp::heap_costs {

inline constexpr size_t kHeader = 8;  // an object, list, set or map itself
inline constexpr size_t kSlot = 8;    // a reference or a boxed number held in it
inline constexpr size_t kIntegerSlot = 4;  // an Integer held in a List<Integer>
inline constexpr size_t kDecimal = 16;

// UTF-16 code units of UTF-8 text: one per character, two above U+FFFF.
inline size_t string(std::string_view utf8) {
  size_t units = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++units;  // a character's first byte
    if (c >= 0xF0) ++units;           // a supplementary character's second unit
  }
  return units;
}
inline size_t blob(size_t bytes) { return bytes; }
// A list counts the elements it holds (not the room it reserves); a
// List<Integer> four bytes an element, so that a million Integers fit in the
// 6 MB heap as they do on the platform.
inline size_t list(const sema::Type* listType, size_t elements) {
  bool integers = listType && listType->element && listType->element->kind == sema::TypeKind::Integer;
  return kHeader + (integers ? kIntegerSlot : kSlot) * elements;
}
inline size_t table(size_t entries, bool withValues) { return kHeader + entries * (withValues ? 2 : 1) * kSlot; }
inline size_t instance(size_t fields) { return kHeader + kSlot * fields; }

}  // namespace apex::interp::heap_costs
