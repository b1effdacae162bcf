// Apex Reference: SObjectField Class (Schema.SObjectField): a field's token.
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

// getDescribe(): the field's describe result.
Value getDescribe(Interp&, Value* args, int) {
  return Value::schemaField(&fieldOf(args[0]), interp::SchemaView::Describe);
}

const sema::NativeDef kNatives[] = {
    {"SObjectField", "Schema.DescribeFieldResult getDescribe()", &getDescribe},
};

}  // namespace

std::span<const sema::NativeDef> sobjectFieldNatives() { return kNatives; }

}  // namespace apex::stdlib
