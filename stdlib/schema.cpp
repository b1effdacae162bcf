// Apex Reference: Schema Class — the org's objects, described.
#include "interp/errors.h"
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

// getGlobalDescribe(): every object's token by lower-case name, found
// ignoring case.
Value getGlobalDescribe(Interp& vm, Value*, int) {
  DescribeMap tokens(vm, "Schema.SObjectType");
  for (const sema::SObjectType* object : vm.schema().objects()) tokens.put(object->name, objectToken(*object));
  return tokens.done();
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
