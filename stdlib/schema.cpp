// Apex Reference: Schema Class — the org's objects, described.
#include "base/text.h"
#include "interp/errors.h"
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

// getGlobalDescribe(): every object's token by lower-case name, found
// ignoring case.
Value getGlobalDescribe(Interp& vm, Value*, int) {
  const sema::Type* type = vm.types().map(vm.types().string(), vm.findClass("Schema.SObjectType")->type);
  Value map = vm.makeMap(type);
  auto* m = mapOf(map);
  m->foldsKeys = true;
  for (const sema::SObjectType* object : vm.schema().objects())
    m->table.put(vm.makeString(text::foldCase(object->name)), objectToken(*object));
  vm.resized(m, tableBytes(m->table.size(), true));
  return map;
}

// describeSObjects(sObjectTypes), describeSObjects(sObjectTypes, options):
// the describe results of the objects named, in order.
Value describeSObjects(Interp& vm, Value* args, int) {
  std::vector<Value> results;
  for (const Value& name : listOf(nonNull(vm, args[0]))->items) {
    const std::string& text = strArg(vm, name);
    const sema::SObjectType* object = vm.schema().object(text);
    if (!object) vm.raise(interp::errors::UnknownSObjectType, text);
    results.push_back(Value::schemaObject(object, interp::SchemaView::Describe));
  }
  const sema::Type* describe = vm.findClass("Schema.DescribeSObjectResult")->type;
  return vm.makeList(vm.types().list(describe), std::move(results));
}

const sema::NativeDef kNatives[] = {
    {"Schema", "static Map<String, Schema.SObjectType> getGlobalDescribe()", &getGlobalDescribe},
    {"Schema", "static List<Schema.DescribeSObjectResult> describeSObjects(List<String>)", &describeSObjects},
    {"Schema", "static List<Schema.DescribeSObjectResult> describeSObjects(List<String>, Schema.SObjectDescribeOptions)",
     &describeSObjects},
};

}  // namespace

std::span<const sema::NativeDef> schemaNatives() { return kNatives; }

}  // namespace apex::stdlib
