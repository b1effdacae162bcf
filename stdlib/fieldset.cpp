// Apex Reference: FieldSet Class (Schema.FieldSet): one of an object's field
// sets, from the project's fieldSets metadata.
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

const sema::FieldSetInfo& self(Value* args) { return objectOf(args[0]).fieldSets.at(args[0].schemaIndex()); }

Value getName(Interp& vm, Value* args, int) { return vm.makeString(self(args).name); }
Value getLabel(Interp& vm, Value* args, int) { return vm.makeString(self(args).label); }
Value getDescription(Interp& vm, Value* args, int) { return vm.makeString(self(args).description); }
// The project's field sets have no namespace.
Value getNamespace(Interp& vm, Value*, int) { return vm.makeString(""); }
Value getSObjectType(Interp&, Value* args, int) { return objectToken(objectOf(args[0])); }

// getFields(): the members, in the order the field set lists them.
Value getFields(Interp& vm, Value* args, int) {
  std::vector<Value> members;
  for (const sema::FieldSetInfo::Member& member : self(args).fields)
    members.push_back(makeFieldSetMember(vm, objectOf(args[0]), member));
  return vm.makeList(vm.types().list(vm.findClass("Schema.FieldSetMember")->type), std::move(members));
}

const sema::NativeDef kNatives[] = {
    {"FieldSet", "String getName()", &getName},
    {"FieldSet", "String getLabel()", &getLabel},
    {"FieldSet", "String getDescription()", &getDescription},
    {"FieldSet", "String getNamespace()", &getNamespace},
    {"FieldSet", "Schema.SObjectType getSObjectType()", &getSObjectType},
    {"FieldSet", "List<Schema.FieldSetMember> getFields()", &getFields},
};

}  // namespace

std::span<const sema::NativeDef> fieldSetNatives() { return kNatives; }

}  // namespace apex::stdlib
