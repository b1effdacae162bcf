// Apex values to and from JSON text, shared by JSON, JSONGenerator and
// JSONParser (json.cpp, jsongenerator.cpp, jsonparser.cpp). Internal to stdlib/.
#pragma once

#include <string>

#include "stdlib/json_text.h"
#include "stdlib/native.h"

namespace apex::stdlib::json {

// Writes `v` as JSON.serialize does; `suppressNulls` drops null fields of
// Apex objects (JSON.serialize's suppressApexObjectNulls).
void writeValue(Interp& vm, Writer& w, const Value& v, bool suppressNulls);

// The value starting at the reader's current token. Untyped: JSON
// objects become Map<String, Object>, arrays List<Object>, integers
// Integer (Long, then Decimal when too large), fractions Decimal.
Value readUntyped(Interp& vm, Reader& r);
// Into `type`; `strict` rejects fields the Apex class does not declare.
Value readTyped(Interp& vm, Reader& r, const sema::Type* type, bool strict);

// The JSON texts of temporal values: `2024-01-15`, `2024-01-15T10:20:30.000Z`, `10:20:30.000Z`.
std::string dateText(const Value& v);
std::string datetimeText(const Value& v);
std::string timeText(const Value& v);

// Runs `body`, turning a json::Error into System.JSONException.
template <class F>
auto guarded(Interp& vm, F body) -> decltype(body()) {
  try {
    return body();
  } catch (const Error& e) {
    vm.raise(interp::errors::JsonUnreadable, e.what());
  }
}

}  // namespace apex::stdlib::json
