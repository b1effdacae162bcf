// Apex Reference: "Custom Metadata Type Methods": getAll(), getInstance(
// developerName) and getInstance(recordId) on a custom metadata type
// (`X__mdt`), over the records of the project's `customMetadata/` files,
// which the host stores with the org's setup records. Each native gets the
// type first (config_records.h).
#include "base/record_id.h"
#include "base/text.h"
#include "stdlib/config_records.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// getAll(): every record by its DeveloperName.
Value getAll(Interp& vm, Value* args, int) {
  const sema::SObjectType& type = configObject(args[0]);
  return recordsByField(vm, type, configRecords(vm, type), "DeveloperName");
}

// The record whose `field` is `value` (`same` compares them); null when none is.
template <typename Same>
Value recordWhere(Interp& vm, const Value& typeArgument, std::string_view field, Same same) {
  for (const Value& r : configRecords(vm, configObject(typeArgument))) {
    Value own = fieldOf(r, field);
    if (!own.isNull() && same(str(own))) return r;
  }
  return Value();
}

// getInstance(developerName): compared ignoring case, as the platform's
// metadata names are.
Value byDeveloperName(Interp& vm, Value* args, int) {
  const std::string& name = strArg(vm, args[1]);
  return recordWhere(vm, args[0], "DeveloperName", [&](const std::string& own) {
    return text::equalsIgnoreAsciiCase(own, name);
  });
}

// getInstance(recordId).
Value byId(Interp& vm, Value* args, int) {
  std::string id = toEighteen(strArg(vm, args[1]));
  return recordWhere(vm, args[0], "Id", [&](const std::string& own) { return own == id; });
}

constexpr std::string_view kOwner = "Custom Metadata Type";

const sema::NativeDef kCustomMetadataNatives[] = {
    {kOwner, "static Map<String,T> getAll(Type)", &getAll},
    {kOwner, "static T getInstance(Type, String)", &byDeveloperName},
    {kOwner, "static T getInstance(Type, Id)", &byId},
};

}  // namespace

std::span<const sema::NativeDef> customMetadataNatives() { return kCustomMetadataNatives; }

}  // namespace apex::stdlib
