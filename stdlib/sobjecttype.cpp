// Apex Reference: SObjectType Class (Schema.SObjectType): an object's token.
#include "base/uuid.h"
#include "interp/dml.h"
#include "interp/object.h"
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

// getDescribe(), getDescribe(options): the object's describe result; every
// option describes it whole, at once.
Value getDescribe(Interp&, Value* args, int) {
  return Value::schemaObject(&objectOf(args[0]), interp::SchemaView::Describe);
}

// newSObject(): a new record of the object.
Value newSObject(Interp& vm, Value* args, int) { return vm.makeSObject(objectOf(args[0])); }

// newSObject(id): a new record of the object with that Id.
Value newSObjectWithId(Interp& vm, Value* args, int) {
  Value record = vm.makeSObject(objectOf(args[0]));
  if (!args[1].isNull()) record.as<interp::SObjectObj>()->set(objectOf(args[0]).field("Id"), args[1]);
  return record;
}

// newSObject(recordTypeId, loadDefaults): a new record of the record type
// (null: none set), with the fields' defaults when asked for; a platform
// event's defaults include its EventUuid (Platform Events Developer Guide,
// "Identify and Match Event Messages with the EventUuid Field").
Value newSObjectOfRecordType(Interp& vm, Value* args, int) {
  const sema::SObjectType& object = objectOf(args[0]);
  Value record = vm.makeSObject(object);
  auto* o = record.as<interp::SObjectObj>();
  const sema::SObjectField* recordTypeId = object.field("RecordTypeId");
  if (!args[1].isNull() && recordTypeId) o->set(recordTypeId, args[1]);
  if (!boolArg(vm, args[2])) return record;
  for (const sema::SObjectField& field : object.fields()) {
    if (o->find(&field) || !field.createable) continue;
    Value initial = interp::fieldDefault(vm, field, *o);
    if (!initial.isNull()) o->set(&field, std::move(initial));
  }
  if (object.isPlatformEvent())
    if (const sema::SObjectField* uuid = object.field("EventUuid")) o->set(uuid, vm.makeString(randomUuid()));
  return record;
}

const sema::NativeDef kNatives[] = {
    {"SObjectType", "Schema.DescribeSObjectResult getDescribe()", &getDescribe},
    {"SObjectType", "Schema.DescribeSObjectResult getDescribe(Schema.SObjectDescribeOptions)", &getDescribe},
    {"SObjectType", "SObject newSObject()", &newSObject},
    {"SObjectType", "SObject newSObject(Id)", &newSObjectWithId},
    {"SObjectType", "SObject newSObject(Id, Boolean)", &newSObjectOfRecordType},
};

}  // namespace

std::span<const sema::NativeDef> sobjectTypeNatives() { return kNatives; }

}  // namespace apex::stdlib
