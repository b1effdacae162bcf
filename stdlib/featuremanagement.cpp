// Apex Reference: FeatureManagement Class — checkPermission(apiName): whether
// the running user holds the custom permission, through a permission set of
// the project (`permissionsets/`) assigned to them by a
// PermissionSetAssignment record. Profiles grant none (docs/data.md).
#include "base/text.h"
#include "interp/object.h"
#include "sema/org_config.h"
#include "sema/schema.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// The Ids of the permission sets assigned to the running user.
std::vector<std::string> assignedPermissionSets(Interp& vm) {
  interp::DataStorePort* store = vm.dataStore();
  const sema::SObjectType* assignments = vm.schema().object("PermissionSetAssignment");
  if (!store || !assignments) return {};
  Value user = vm.makeId(vm.user().userId);
  std::vector<std::string> assignmentIds;
  for (const auto& [assignee, id] : store->findByField(vm, *assignments, *assignments->field("AssigneeId"),
                                                        std::span<const Value>(&user, 1), false))
    assignmentIds.push_back(id);
  std::vector<std::string> sets;
  const sema::SObjectField& setField = *assignments->field("PermissionSetId");
  for (const Value& assignment : store->load(vm, *assignments, assignmentIds))
    if (const Value* set = assignment.as<interp::SObjectObj>()->find(&setField))
      sets.push_back(set->as<interp::StringObj>()->text.substr(0, 15));
  return sets;
}

Value checkPermission(Interp& vm, Value* args, int) {
  const std::string& permission = strArg(vm, args[0]);
  std::vector<std::string> assigned = assignedPermissionSets(vm);
  for (const sema::PermissionSetInfo& set : vm.orgConfig().permissionSets) {
    if (std::find(assigned.begin(), assigned.end(), set.id.substr(0, 15)) == assigned.end()) continue;
    for (const std::string& granted : set.customPermissions)
      if (text::equalsIgnoreAsciiCase(granted, permission)) return boolean(true);
  }
  return boolean(false);
}

const sema::NativeDef kNatives[] = {
    {"FeatureManagement", "static Boolean checkPermission(String)", &checkPermission},
};

}  // namespace

std::span<const sema::NativeDef> featureManagementNatives() { return kNatives; }

}  // namespace apex::stdlib
