// Apex Reference: Boolean Class.
#include "base/text.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: Boolean Class — valueOf(stringToBoolean): 'true' in any case
Value valueOfString(Interp&, Value* args, int) {
  return boolean(!args[0].isNull() && text::equalsIgnoreCase(str(args[0]), "true"));
}

// Apex Reference: Boolean Class — valueOf(fieldValue)
Value valueOfObject(Interp& vm, Value* args, int) {
  const Value& v = args[0];
  switch (v.tag()) {
    case Tag::Null: return Value();
    case Tag::Boolean: return v;
    case Tag::String: return valueOfString(vm, args, 1);
    default:
      vm.raise(interp::errors::InvalidConversion, vm.runtimeTypeName(v), "Boolean");
  }
}

const sema::NativeDef kNatives[] = {
    {"Boolean", "static Boolean valueOf(String)", &valueOfString},
    {"Boolean", "static Boolean valueOf(Object)", &valueOfObject},
};

}  // namespace

std::span<const sema::NativeDef> booleanNatives() { return kNatives; }

}  // namespace apex::stdlib
