// Apex Reference: Integer Class.
#include "base/numfmt.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: Integer Class — valueOf(stringToInteger)
Value valueOfString(Interp& vm, Value* args, int) {
  if (args[0].isNull()) vm.raise(interp::errors::NullArgument);
  const std::string& s = str(args[0]);
  auto v = parseApexInteger(s);
  if (!v) vm.raise(interp::errors::InvalidInteger, s);
  return integer(*v);
}

// Apex Reference: Integer Class — valueOf(fieldValue): an Object holding an Integer
// (or a String of one).
Value valueOfObject(Interp& vm, Value* args, int) {
  const Value& v = args[0];
  switch (v.tag()) {
    case Tag::Null: return Value();
    case Tag::Integer: return v;
    case Tag::String: return valueOfString(vm, args, 1);
    default:
      vm.raise(interp::errors::InvalidConversion, vm.runtimeTypeName(v), "Integer");
  }
}

// Apex Reference: Integer Class — format()
Value format(Interp& vm, Value* args, int) {
  return vm.makeString(formatGrouped(Decimal::fromInt64(args[0].asInt())));
}

// Apex Reference: Integer Class — intValue() is not documented; Object.hashCode/equals
// live in object.cpp.

const sema::NativeDef kNatives[] = {
    {"Integer", "static Integer valueOf(String)", &valueOfString},
    {"Integer", "static Integer valueOf(Object)", &valueOfObject},
    {"Integer", "String format()", &format},
};

}  // namespace

std::span<const sema::NativeDef> integerNatives() { return kNatives; }

}  // namespace apex::stdlib
