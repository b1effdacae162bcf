// Apex Reference: Id Class.
#include <string>
#include <string_view>

#include "sema/schema.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: Id Class — valueOf(toId): the same check and widening to
// 18 characters as assigning a String to an Id.
Value valueOf(Interp& vm, Value* args, int) { return vm.makeIdChecked(strArg(vm, args[0])); }

// Apex Reference: Id Class — valueOf(str, restoreCasing): with restoreCasing, an
// 18-character Id whose letters were case-changed gets the casing its last three
// characters encode (a bit per upper-case letter of each group of five).
std::string restoredCasing(std::string id) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  if (id.size() != 18) return id;
  for (size_t group = 0; group < 3; ++group) {
    char code = id[15 + group];
    if (code >= 'a' && code <= 'z') code = char(code - 32);
    size_t bits = kAlphabet.find(code);
    if (bits == std::string_view::npos) return id;
    id[15 + group] = code;
    for (size_t i = 0; i < 5; ++i) {
      char& c = id[group * 5 + i];
      bool upper = (bits >> i) & 1;
      if (upper && c >= 'a' && c <= 'z') c = char(c - 32);
      if (!upper && c >= 'A' && c <= 'Z') c = char(c + 32);
    }
  }
  return id;
}
Value valueOfRestoring(Interp& vm, Value* args, int) {
  const std::string& text = strArg(vm, args[0]);
  return vm.makeIdChecked(boolArg(vm, args[1]) ? restoredCasing(text) : text);
}

// Apex Reference: Id Class — to15()
Value to15(Interp& vm, Value* args, int) { return vm.makeString(str(args[0]).substr(0, 15)); }

// Apex Reference: Id Class — getSObjectType(): the token of the object
// whose key prefix the Id starts with; null for a prefix the schema lacks.
Value getSObjectType(Interp& vm, Value* args, int) {
  const sema::SObjectType* object = vm.schema().objectByKeyPrefix(str(args[0]).substr(0, 3));
  return object ? Value::schemaObject(object, interp::SchemaView::Token) : Value();
}

const sema::NativeDef kNatives[] = {
    {"Id", "static Id valueOf(String)", &valueOf},
    {"Id", "static Id valueOf(String, Boolean)", &valueOfRestoring},
    {"Id", "String to15()", &to15},
    {"Id", "Schema.SObjectType getSObjectType()", &getSObjectType},
};

}  // namespace

std::span<const sema::NativeDef> idNatives() { return kNatives; }

}  // namespace apex::stdlib
