// Apex Reference: OrgLimits Class — getAll(), getMap(); OrgLimit Class —
// getName(), getLimit(), getValue(). The local org's limits are those of a
// Developer Edition org (stdlib/local_org.h) and none is used up.
#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "stdlib/local_org.h"

namespace apex::stdlib {
namespace {

struct OrgLimitState : interp::NativeState {
  const OrgLimitDef* def = nullptr;
  std::string toString() const override {
    return "System.OrgLimit[getLimit=" + std::to_string(def->max) + ";getName=" + std::string(def->name) +
           ";getValue=0;]";
  }
};

Value orgLimit(Interp& vm, const OrgLimitDef& def) {
  auto state = std::make_unique<OrgLimitState>();
  state->def = &def;
  return vm.makeNativeInstance("System.OrgLimit", std::move(state), sizeof(OrgLimitState));
}

Value getAll(Interp& vm, Value*, int) {
  std::vector<Value> limits;
  for (const OrgLimitDef& def : kOrgLimits) limits.push_back(orgLimit(vm, def));
  return vm.makeList(vm.types().list(vm.findClass("System.OrgLimit")->type), std::move(limits));
}

Value getMap(Interp& vm, Value*, int) {
  Value map = vm.makeMap(vm.types().map(vm.types().string(), vm.findClass("System.OrgLimit")->type));
  for (const OrgLimitDef& def : kOrgLimits) mapOf(map)->table.put(vm.makeString(std::string(def.name)), orgLimit(vm, def));
  return map;
}

const OrgLimitDef& limitOf(const Value& self) { return *stateOf<OrgLimitState>(self).def; }
Value getName(Interp& vm, Value* args, int) { return vm.makeString(std::string(limitOf(args[0]).name)); }
Value getLimit(Interp&, Value* args, int) { return integer(limitOf(args[0]).max); }
Value getValue(Interp&, Value*, int) { return integer(0); }

const sema::NativeDef kNatives[] = {
    {"OrgLimits", "static List<OrgLimit> getAll()", &getAll},
    {"OrgLimits", "static Map<String, OrgLimit> getMap()", &getMap},
    {"OrgLimit", "String getName()", &getName},
    {"OrgLimit", "Integer getLimit()", &getLimit},
    {"OrgLimit", "Integer getValue()", &getValue},
};

}  // namespace

std::span<const sema::NativeDef> orgLimitsNatives() { return kNatives; }

}  // namespace apex::stdlib
