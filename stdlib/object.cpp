// Methods every value has (Apex Developer Guide: "Using Custom Types in Map
// Keys and Sets" — equals and hashCode; toString as String.valueOf prints).
// User classes overriding them are dispatched before these natives.
#include <cstring>

#include "base/text.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {

// hashCode(): Java's for the primitive wrappers, else consistent with equals.
Value objectHashCode(Interp& vm, const Value& v) {
  switch (v.tag()) {
    case Tag::Integer: return integer(v.asInt());
    case Tag::Long: return integer(int32_t(uint64_t(v.asLong()) ^ (uint64_t(v.asLong()) >> 32)));
    case Tag::Double: {
      double d = v.asDouble();
      uint64_t bits;
      if (d != d) bits = 0x7ff8000000000000ull;
      else std::memcpy(&bits, &d, sizeof bits);
      return integer(int32_t(bits ^ (bits >> 32)));
    }
    case Tag::Boolean: return integer(v.asBool() ? 1231 : 1237);
    case Tag::String:
    case Tag::Id: return integer(text::javaHashCode(str(v)));
    default: return integer(int32_t(vm.keyHash(v)));
  }
}

namespace {

// equals(obj): the `equals` semantics (Strings case-sensitive, objects by reference).
Value equals(Interp& vm, Value* args, int) { return boolean(vm.keyEquals(args[0], args[1])); }

Value hashCode(Interp& vm, Value* args, int) { return objectHashCode(vm, args[0]); }

// toString(): as String.valueOf
Value toString(Interp& vm, Value* args, int) {
  if (args[0].tag() == Tag::String) return args[0];
  return vm.makeString(vm.stringValueOf(args[0]));
}

const sema::NativeDef kNatives[] = {
    {"Object", "Boolean equals(Object)", &equals},
    {"Object", "Integer hashCode()", &hashCode},
    {"Object", "String toString()", &toString},
};

}  // namespace

std::span<const sema::NativeDef> objectNatives() { return kNatives; }

}  // namespace apex::stdlib
