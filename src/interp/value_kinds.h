// What each kind of value (each Tag) does: one row per kind.
//
// A row holds the operations whose answer depends only on the kind: how the
// value prints, its runtime type name, equality within the kind (for `==`
// and for Set/Map keys), its key hash and the heap bytes it counts. Rules
// that cross kinds (Integer == Decimal, String == Id) stay in equality.cpp.
//
// Adding a kind of value is one row here (kKinds in value_kinds.cpp) and one
// row in the JSON serializer's table (stdlib/json_values.cpp, which lives
// above the engine); a static_assert in each checks that every Tag has its
// row, in Tag order.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "interp/value.h"

namespace apex::interp {

class Interp;

// System.debug and string concatenation print a Date as `2024-01-31
// 00:00:00`; String.valueOf prints `2024-01-31`.
enum class PrintMode { Debug, ValueOf };

struct PrintContext {
  Interp& vm;
  PrintMode mode;
};

struct ValueKind {
  Tag tag;
  std::string_view name;  // the Tag's name
  // Appends the value's text; `depth` counts nesting, so that a collection
  // that contains itself prints "..." instead of recursing forever.
  void (*print)(const PrintContext& ctx, const Value& v, std::string& out, int depth);
  std::string (*runtimeTypeName)(const Value& v);
  // Both values are of this kind. `equals` is the `==` rule; `keyEquals` the
  // rule for Set/Map keys and Object.equals (Strings case-sensitive).
  bool (*equals)(Interp& vm, const Value& a, const Value& b);
  bool (*keyEquals)(Interp& vm, const Value& a, const Value& b);
  size_t (*keyHash)(Interp& vm, const Value& v);
  // What the value counts against the heap limit now (heap_costs.h); 0 for
  // the kinds that live inline.
  size_t (*heapBytes)(const Value& v);
};

inline constexpr size_t kKindCount = size_t(kLastTag) + 1;

const ValueKind& kindOf(Tag tag);

// Ids compare by their 15-character case-sensitive form, so a 15- and an
// 18-character Id of one record are equal.
bool idTextEquals(std::string_view a, std::string_view b);

// Prints through the table; the kinds' print functions recurse with this.
void printValue(const PrintContext& ctx, const Value& v, std::string& out, int depth);

}  // namespace apex::interp
