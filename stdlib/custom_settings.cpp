// Apex Reference: "Hierarchy Custom Setting Methods" and "List Custom
// Setting Methods": the static methods of a custom setting (`X__c`), on the
// records DML and `apexrun data import` stored. Each native gets the
// setting's type first (config_records.h).
#include <optional>

#include "base/record_id.h"
#include "interp/value_kinds.h"
#include "sema/schema.h"
#include "stdlib/config_records.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

using interp::SObjectObj;

SObjectObj* record(const Value& v) { return v.as<SObjectObj>(); }

// ---- hierarchy settings: a record per user, profile or the organization
// (SetupOwnerId), the lower level winning field by field.

std::string eighteen(std::string_view id) { return toEighteen(id); }

std::optional<Value> recordOwnedBy(const std::vector<Value>& records, const std::string& ownerId) {
  for (const Value& r : records) {
    Value owner = fieldOf(r, "SetupOwnerId");
    if (!owner.isNull() && eighteen(str(owner)) == ownerId) return r;
  }
  return std::nullopt;
}

// The profile of the user `userId`: the running user's, else the stored
// user record's; empty when the user is unknown.
std::string profileOf(Interp& vm, const std::string& userId) {
  if (eighteen(vm.user().userId) == userId) return eighteen(vm.user().profileId);
  interp::DataStorePort* store = vm.dataStore();
  const sema::SObjectType* user = vm.schema().object("User");
  if (!store || !user) return {};
  std::vector<Value> found = store->load(vm, *user, std::span<const std::string>(&userId, 1));
  if (found.empty()) return {};
  Value profile = fieldOf(found.front(), "ProfileId");
  return profile.isNull() ? std::string() : eighteen(str(profile));
}

// The owners whose values a record for `ownerId` inherits, lowest first:
// a user, then their profile, then the organization; a profile, then the
// organization.
std::vector<std::string> hierarchyOf(Interp& vm, const std::string& ownerId) {
  std::string org = eighteen(vm.user().organizationId);
  std::vector<std::string> levels{ownerId};
  if (ownerId.starts_with("005")) {
    std::string profile = profileOf(vm, ownerId);
    if (!profile.empty()) levels.push_back(profile);
  }
  if (ownerId != org) levels.push_back(org);
  return levels;
}

// getInstance(id): the record of `ownerId` with each custom field it leaves
// null taken from the first level above that has a value; without a record
// of its own, a new record (Id null) whose SetupOwnerId is `ownerId`.
Value mergedInstance(Interp& vm, const sema::SObjectType& setting, const std::string& ownerId) {
  std::vector<Value> records = configRecords(vm, setting);
  std::vector<std::string> levels = hierarchyOf(vm, ownerId);
  std::optional<Value> own = recordOwnedBy(records, ownerId);
  Value result = own ? *own : vm.makeSObject(setting);
  if (!own) record(result)->set(setting.field("SetupOwnerId"), vm.makeId(ownerId));
  for (size_t level = 1; level < levels.size(); ++level) {
    std::optional<Value> above = recordOwnedBy(records, levels[level]);
    if (!above) continue;
    for (const SObjectObj::FieldValue& f : record(*above)->fields) {
      if (!f.field->custom || f.value.isNull()) continue;
      const Value* mine = record(result)->find(f.field);
      if (!mine || mine->isNull()) record(result)->set(f.field, f.value);
    }
  }
  return result;
}

std::string ownerArg(Interp& vm, const Value& id) { return eighteen(strArg(vm, id)); }

// getInstance(): the running user's values.
Value hierarchyInstance(Interp& vm, Value* args, int) {
  return mergedInstance(vm, configObject(args[0]), eighteen(vm.user().userId));
}

// getInstance(userOrProfileId).
Value hierarchyInstanceOf(Interp& vm, Value* args, int) {
  return mergedInstance(vm, configObject(args[0]), ownerArg(vm, args[1]));
}

// getOrgDefaults(): the organization's record; an empty record when the
// organization has none.
Value orgDefaults(Interp& vm, Value* args, int) {
  const sema::SObjectType& setting = configObject(args[0]);
  std::optional<Value> org = recordOwnedBy(configRecords(vm, setting), eighteen(vm.user().organizationId));
  return org ? *org : vm.makeSObject(setting);
}

// getValues(userOrProfileId): the record defined at that level alone,
// nothing merged; null when there is none.
Value hierarchyValues(Interp& vm, Value* args, int) {
  std::optional<Value> own = recordOwnedBy(configRecords(vm, configObject(args[0])), ownerArg(vm, args[1]));
  return own ? *own : Value();
}

// ---- list settings: named data sets.

// getAll(): every data set by its name, the name's case kept.
Value listAll(Interp& vm, Value* args, int) {
  const sema::SObjectType& setting = configObject(args[0]);
  return recordsByField(vm, setting, configRecords(vm, setting), "Name");
}

// getInstance(name) and getValues(name): the data set of that name (as
// getAll's keys, case-sensitive); null when there is none.
Value listValues(Interp& vm, Value* args, int) {
  const std::string& name = strArg(vm, args[1]);
  for (const Value& r : configRecords(vm, configObject(args[0]))) {
    Value own = fieldOf(r, "Name");
    if (!own.isNull() && str(own) == name) return r;
  }
  return Value();
}

constexpr std::string_view kHierarchy = "Hierarchy Custom Setting";
constexpr std::string_view kList = "List Custom Setting";

const sema::NativeDef kCustomSettingNatives[] = {
    {kHierarchy, "static T getInstance(Type)", &hierarchyInstance},
    {kHierarchy, "static T getInstance(Type, Id)", &hierarchyInstanceOf},
    {kHierarchy, "static T getOrgDefaults(Type)", &orgDefaults},
    {kHierarchy, "static T getValues(Type, Id)", &hierarchyValues},
    {kList, "static Map<String,T> getAll(Type)", &listAll},
    {kList, "static T getInstance(Type, String)", &listValues},
    {kList, "static T getValues(Type, String)", &listValues},
};

}  // namespace

std::span<const sema::NativeDef> customSettingNatives() { return kCustomSettingNatives; }

}  // namespace apex::stdlib
