// Small helpers shared by the stdlib/<class>.cpp natives (see README.md for
// the native calling convention). Internal to stdlib/.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "interp/heap_costs.h"
#include "interp/interp.h"
#include "interp/object.h"
#include "base/text.h"
#include "interp/value.h"
#include "sema/types.h"

namespace apex::stdlib {

using interp::Interp;
using interp::Tag;
using interp::Value;

inline const std::string& str(const Value& v) { return v.as<interp::StringObj>()->text; }
inline const Decimal& dec(const Value& v) { return v.as<interp::DecimalObj>()->number; }
inline interp::ListObj* listOf(const Value& v) { return v.as<interp::ListObj>(); }
inline interp::SetObj* setOf(const Value& v) { return v.as<interp::SetObj>(); }
inline interp::MapObj* mapOf(const Value& v) { return v.as<interp::MapObj>(); }

inline Value boolean(bool b) { return Value::boolean(b); }

// Natives whose answer is fixed (a describe check true for the local user,
// System.isBatch() false in a synchronous run).
inline Value alwaysTrue(Interp&, Value*, int) { return Value::boolean(true); }
inline Value alwaysFalse(Interp&, Value*, int) { return Value::boolean(false); }
inline Value alwaysNull(Interp&, Value*, int) { return Value(); }

// The C++ state of an instance of a built-in class (makeNativeInstance).
template <class State>
State& stateOf(const Value& self) {
  return static_cast<State&>(*self.as<interp::InstanceObj>()->native);
}
inline Value integer(int32_t i) { return Value::integer(i); }

// Object.hashCode() of a value without a user override: Java's for the
// primitive wrappers, else consistent with equals (object.cpp).
Value objectHashCode(Interp& vm, const Value& v);

// An argument that Apex rejects when null.
inline const Value& nonNull(Interp& vm, const Value& v) {
  if (v.isNull()) vm.raiseNullPointer();
  return v;
}
inline const std::string& strArg(Interp& vm, const Value& v) { return str(nonNull(vm, v)); }
inline int32_t intArg(Interp& vm, const Value& v) { return nonNull(vm, v).asInt(); }
inline int64_t longArg(Interp& vm, const Value& v) { return nonNull(vm, v).asLong(); }
inline double doubleArg(Interp& vm, const Value& v) { return nonNull(vm, v).asDouble(); }
inline bool boolArg(Interp& vm, const Value& v) { return nonNull(vm, v).asBool(); }
inline const Decimal& decArg(Interp& vm, const Value& v) { return dec(nonNull(vm, v)); }

// Any numeric value as a double / Decimal (Integer, Long, Double, Decimal).
inline double numberAsDouble(const Value& v) {
  switch (v.tag()) {
    case Tag::Integer: return v.asInt();
    case Tag::Long: return double(v.asLong());
    case Tag::Double: return v.asDouble();
    case Tag::Decimal: return dec(v).toDouble();
    default: return 0;
  }
}
inline bool isNumber(const Value& v) {
  return v.tag() == Tag::Integer || v.tag() == Tag::Long || v.tag() == Tag::Double ||
         v.tag() == Tag::Decimal;
}

// Heap figures for Interp::resized (src/interp/heap_costs.h).
inline size_t listBytes(const interp::ListObj* l) { return interp::heap_costs::list(l->type, l->items.size()); }
inline size_t tableBytes(size_t entries, bool withValues) { return interp::heap_costs::table(entries, withValues); }
inline size_t stringBytes(const std::string& s) { return interp::heap_costs::string(s); }

}  // namespace apex::stdlib

namespace apex::stdlib {

// A System.RoundingMode enum constant (passed as an Object parameter).
inline RoundingMode roundingModeArg(Interp& vm, const Value& v) {
  if (v.tag() != Tag::Enum) vm.raiseNullPointer();
  const std::string& name = v.enumClass()->enumConstants.at(v.enumOrdinal());
  std::string upper;
  for (char c : name) upper += (c >= 'a' && c <= 'z') ? char(c - 32) : c;
  if (upper == "UP") return RoundingMode::Up;
  if (upper == "DOWN") return RoundingMode::Down;
  if (upper == "CEILING") return RoundingMode::Ceiling;
  if (upper == "FLOOR") return RoundingMode::Floor;
  if (upper == "HALF_UP") return RoundingMode::HalfUp;
  if (upper == "HALF_DOWN") return RoundingMode::HalfDown;
  if (upper == "UNNECESSARY") return RoundingMode::Unnecessary;
  return RoundingMode::HalfEven;
}

// java.text.NumberFormat.getInstance(en_US): grouping, at most three
// fraction digits, HALF_EVEN (Integer/Long/Double/Decimal format()).
inline std::string formatGrouped(const Decimal& d) {
  Decimal r = d.scale() > 3 ? d.setScale(3, RoundingMode::HalfEven).value_or(d) : d;
  std::string plain = r.toPlainString();
  std::string sign;
  if (!plain.empty() && plain[0] == '-') {
    sign = "-";
    plain.erase(0, 1);
  }
  size_t dot = plain.find('.');
  std::string whole = plain.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : plain.substr(dot + 1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  if (grouped == "0" && frac.empty()) sign.clear();
  return sign + grouped + (frac.empty() ? "" : "." + frac);
}

}  // namespace apex::stdlib

namespace apex::stdlib {

// System.AssertException texts (Apex Reference: System Class — assert*,
// Assert Class): `Assertion Failed`, then `: <msg>` when a message was
// given, then `: <detail>` (e.g. `Expected: 1, Actual: 2`).
[[noreturn]] inline void assertFailed(Interp& vm, const Value* msg, const std::string& detail) {
  std::string text = "Assertion Failed";
  if (msg && !msg->isNull()) text += ": " + vm.debugString(*msg);
  if (!detail.empty()) text += ": " + detail;
  vm.raise(interp::errors::AssertionFailed, std::move(text));
}
inline std::string expectedActual(Interp& vm, const Value& expected, const Value& actual) {
  return "Expected: " + vm.debugString(expected) + ", Actual: " + vm.debugString(actual);
}

}  // namespace apex::stdlib

namespace apex::stdlib {

// A List<String> of `items`.
inline Value stringList(Interp& vm, const std::vector<std::string>& items) {
  std::vector<Value> values;
  values.reserve(items.size());
  for (const std::string& s : items) values.push_back(vm.makeString(s));
  return vm.makeList(vm.types().list(vm.types().string()), std::move(values));
}

// Structural changes to a collection a for-each loop is running over.
template <class C>
inline void checkNotIterating(Interp& vm, const C* c) {
  if (c->iterating > 0)
    vm.raise(interp::errors::ModifiedWhileIterating);
}

// A class of the standard library written in Apex (stdlib/apex), by its
// qualified name (`RestRequest`, `Messaging.SendEmailResult`); the native
// reaching for it runs after the resolver loaded it. Not found: a stdlib bug.
inline const sema::ClassSymbol& systemClass(Interp& vm, std::string_view name) {
  const sema::ClassSymbol* cls = vm.findClass(name);
  if (!cls) throw std::logic_error("the system class " + std::string(name) + " is not loaded");
  return *cls;
}

// The field `name` (any case) of `cls` or of a class it extends. Not found:
// a stdlib bug (the .cls and its native disagree).
inline const sema::FieldSymbol& fieldOf(const sema::ClassSymbol& cls, std::string_view name) {
  for (const sema::ClassSymbol* c = &cls; c; c = c->superclass)
    for (const auto& f : c->ownFields)
      if (text::equalsIgnoreAsciiCase(f->name, name)) return *f;
  throw std::logic_error("stdlib/apex: class " + cls.qualifiedName + " has no field " + std::string(name));
}

}  // namespace apex::stdlib
