// Apex Reference: JSON Class.
#include "interp/object.h"
#include "stdlib/json_objects.h"
#include "stdlib/json_values.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

const sema::Type* typeArg(Interp& vm, const Value& v) {
  return nonNull(vm, v).as<interp::TypeRefObj>()->type;
}

Value serializeAs(Interp& vm, const Value& v, bool pretty, const Value* suppress) {
  bool suppressNulls = suppress && boolArg(vm, *suppress);
  return json::guarded(vm, [&] {
    json::Writer w(pretty);
    json::writeValue(vm, w, v, suppressNulls);
    return vm.makeString(std::move(w.mutableText()));
  });
}

// Apex Reference: JSON Class — serialize(objectToSerialize),
// serialize(objectToSerialize, suppressApexObjectNulls)
Value serialize(Interp& vm, Value* args, int argc) {
  return serializeAs(vm, args[0], false, argc > 1 ? &args[1] : nullptr);
}
// Apex Reference: JSON Class — serializePretty(objectToSerialize),
// serializePretty(objectToSerialize, suppressApexObjectNulls)
Value serializePretty(Interp& vm, Value* args, int argc) {
  return serializeAs(vm, args[0], true, argc > 1 ? &args[1] : nullptr);
}

// One root value; an empty text has none.
Value readRoot(Interp& vm, const std::string& text, const sema::Type* type, bool strict) {
  return json::guarded(vm, [&] {
    json::Reader r(text);
    if (r.next() == json::Token::None) throw json::Error("No content to map to Object due to end of input");
    return type ? json::readTyped(vm, r, type, strict) : json::readUntyped(vm, r);
  });
}

// Apex Reference: JSON Class — deserialize(jsonString, apexType)
Value deserialize(Interp& vm, Value* args, int) {
  return readRoot(vm, strArg(vm, args[0]), typeArg(vm, args[1]), false);
}
// Apex Reference: JSON Class — deserializeStrict(jsonString, apexType)
Value deserializeStrict(Interp& vm, Value* args, int) {
  return readRoot(vm, strArg(vm, args[0]), typeArg(vm, args[1]), true);
}
// Apex Reference: JSON Class — deserializeUntyped(jsonString)
Value deserializeUntyped(Interp& vm, Value* args, int) { return readRoot(vm, strArg(vm, args[0]), nullptr, false); }

// Apex Reference: JSON Class — createGenerator(prettyPrint)
Value createGenerator(Interp& vm, Value* args, int) { return makeJsonGenerator(vm, boolArg(vm, args[0])); }
// Apex Reference: JSON Class — createParser(jsonString)
Value createParser(Interp& vm, Value* args, int) { return makeJsonParser(vm, strArg(vm, args[0])); }

const sema::NativeDef kNatives[] = {
    {"JSON", "static String serialize(Object)", &serialize},
    {"JSON", "static String serialize(Object, Boolean)", &serialize},
    {"JSON", "static String serializePretty(Object)", &serializePretty},
    {"JSON", "static String serializePretty(Object, Boolean)", &serializePretty},
    {"JSON", "static Object deserialize(String, Type)", &deserialize},
    {"JSON", "static Object deserializeStrict(String, Type)", &deserializeStrict},
    {"JSON", "static Object deserializeUntyped(String)", &deserializeUntyped},
    {"JSON", "static JSONGenerator createGenerator(Boolean)", &createGenerator},
    {"JSON", "static JSONParser createParser(String)", &createParser},
};

}  // namespace

std::span<const sema::NativeDef> jsonNatives() { return kNatives; }

}  // namespace apex::stdlib
