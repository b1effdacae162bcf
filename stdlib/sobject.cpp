// Apex Reference: SObject Class — dynamic field access, relationships by
// name, clone, errors. Field names are the record's object's fields, looked
// up case-insensitively; a name the object does not have raises
// "Invalid field X for Account" as the platform does.
#include "interp/errors.h"
#include "interp/value_kinds.h"
#include "sema/schema.h"
#include "stdlib/database_objects.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "stdlib/sobject_clone.h"

namespace apex::stdlib {

namespace {

using interp::SObjectObj;
namespace errors = interp::errors;

SObjectObj* record(const Value& v) { return v.as<SObjectObj>(); }

// The field a String names, or a Schema.SObjectField token (`Account.Name`)
// stands for, on the record's object.
const sema::SObjectField& fieldNamed(Interp& vm, const Value& self, const Value& name) {
  const std::string& text = nonNull(vm, name).tag() == Tag::SchemaField ? name.schemaField()->name : str(name);
  const sema::SObjectField* field = record(self)->type->field(text);
  if (!field) vm.raise(errors::InvalidFieldForObject, text, record(self)->type->name);
  return *field;
}

// The reference field a relationship name (`Account`) or the reference
// field's token (`Contact.AccountId`) stands for.
const sema::SObjectField& relationshipNamed(Interp& vm, const Value& self, const Value& name) {
  if (nonNull(vm, name).tag() == Tag::SchemaField) {
    const sema::SObjectField* reference = record(self)->type->field(name.schemaField()->name);
    if (reference && reference->isReference()) return *reference;
    vm.raise(errors::InvalidRelationship, name.schemaField()->name, record(self)->type->name);
  }
  const std::string& text = str(name);
  const sema::SObjectField* reference = record(self)->type->parentRelationship(text);
  if (!reference) vm.raise(errors::InvalidRelationship, text, record(self)->type->name);
  return *reference;
}

// get(fieldName): the field's value; an AggregateResult's by alias
// (Apex Developer Guide, "Working with SOQL Aggregate Functions").
Value get(Interp& vm, Value* args, int) {
  const SObjectObj* self = record(args[0]);
  if (self->type == &sema::aggregateResultType()) {
    const std::string& alias = strArg(vm, args[1]);
    for (const auto& [name, value] : self->aggregates)
      if (text::equalsIgnoreAsciiCase(name, alias)) return value;
    vm.raise(errors::InvalidAggregateAlias, alias);
  }
  return vm.readSObjectField(args[0], fieldNamed(vm, args[0], args[1]));
}

// put(fieldName, value): sets the field and returns its previous value.
// System fields, formulas and auto-numbers are not editable.
Value put(Interp& vm, Value* args, int) {
  const sema::SObjectField& field = fieldNamed(vm, args[0], args[1]);
  if (!field.writeableInApex()) vm.raise(errors::FieldNotEditable, field.name);
  const Value* previous = record(args[0])->find(&field);
  Value before = previous ? *previous : Value();
  vm.writeSObjectField(args[0], field, vm.toFieldValue(field, args[2]));
  return before;
}

// isSet(fieldName): whether the record was given the field, null included.
Value isSet(Interp& vm, Value* args, int) {
  return boolean(record(args[0])->find(&fieldNamed(vm, args[0], args[1])) != nullptr);
}

// getSObject(relationshipName): the parent record through a lookup.
Value getSObject(Interp& vm, Value* args, int) { return vm.readParent(args[0], relationshipNamed(vm, args[0], args[1])); }

// putSObject(relationshipName, parent): sets the parent record, returns the previous one.
Value putSObject(Interp& vm, Value* args, int) {
  const sema::SObjectField& reference = relationshipNamed(vm, args[0], args[1]);
  Value before = vm.readParent(args[0], reference);
  vm.writeParent(args[0], reference, args[2]);
  return before;
}

// getSObjects(relationshipName): the child records of a sub-query.
Value getSObjects(Interp& vm, Value* args, int) {
  const std::string& name = strArg(vm, args[1]);
  const SObjectObj* self = record(args[0]);
  const sema::ChildRelationship* children = self->type->childRelationship(name);
  if (!children) vm.raise(errors::InvalidRelationship, name, self->type->name);
  return vm.readChildren(args[0], *children, vm.types().list(vm.types().sobject()));
}

// getPopulatedFieldsAsMap(): the fields the record has, then its parent
// records and child lists, by name.
Value getPopulatedFieldsAsMap(Interp& vm, Value* args, int) {
  const SObjectObj* self = record(args[0]);
  Value map = vm.makeMap(vm.types().map(vm.types().string(), vm.types().object()));
  auto& table = map.as<interp::MapObj>()->table;
  for (const SObjectObj::FieldValue& f : self->fields) table.put(vm.makeString(f.field->name), f.value);
  for (const SObjectObj::Parent& p : self->parents) table.put(vm.makeString(p.field->relationshipName), p.record);
  for (const SObjectObj::Children& c : self->children) table.put(vm.makeString(c.relationship->name), c.records);
  vm.resized(map.asObj(), interp::heap_costs::table(table.size(), true));
  return map;
}

}  // namespace

Value cloneRecord(Interp& vm, const Value& source, const CloneOptions& options) {
  const SObjectObj* from = record(source);
  Value copy = vm.makeSObject(*from->type);
  SObjectObj* to = record(copy);
  const sema::SObjectField* idField = from->type->field("Id");
  for (const SObjectObj::FieldValue& f : from->fields) {
    if (f.field == idField && !options.preserveId) continue;
    if (sema::isAuditField(*f.field) && !options.preserveTimestamps) continue;
    if (f.field->autoNumber && !options.preserveAutonumber) continue;
    to->set(f.field, f.value);
  }
  for (const SObjectObj::Parent& p : from->parents)
    to->parents.push_back({p.field, options.deep && !p.record.isNull() ? cloneRecord(vm, p.record, options) : p.record});
  to->children = from->children;
  to->fromQuery = from->fromQuery;
  to->isClone = true;
  std::string id = from->idText();
  to->cloneSourceId = id.empty() ? from->cloneSourceId : id;
  vm.resized(to, interp::kindOf(Tag::SObject).heapBytes(copy));
  return copy;
}

namespace {

// clone(preserveId, isDeepClone, preserveReadonlyTimestamps, preserveAutonumber):
// every argument is optional; clone() keeps the Id.
Value clone(Interp& vm, Value* args, int argc) {
  CloneOptions options;
  if (argc > 1) options.preserveId = boolArg(vm, args[1]);
  if (argc > 2) options.deep = boolArg(vm, args[2]);
  if (argc > 3) options.preserveTimestamps = boolArg(vm, args[3]);
  if (argc > 4) options.preserveAutonumber = boolArg(vm, args[4]);
  return cloneRecord(vm, args[0], options);
}

Value isClone(Interp&, Value* args, int) { return boolean(record(args[0])->isClone); }

Value getCloneSourceId(Interp& vm, Value* args, int) {
  const std::string& id = record(args[0])->cloneSourceId;
  return id.empty() ? Value() : vm.makeId(id);
}

// clear(): the record loses every field and related record.
Value clear(Interp&, Value* args, int) {
  record(args[0])->clearReferences();
  return Value();
}

// addError(errorMsg) / addError(errorMsg, escape): an error on the whole
// record; addError(fieldName, errorMsg): on one field. A DML on the record
// then fails with it.
Value addError(Interp& vm, Value* args, int) {
  record(args[0])->errors.push_back({strArg(vm, args[1]), {}});
  return Value();
}

Value addFieldError(Interp& vm, Value* args, int) {
  const sema::SObjectField& field = fieldNamed(vm, args[0], args[1]);
  record(args[0])->errors.push_back({strArg(vm, args[2]), {field.name}});
  return Value();
}

Value hasErrors(Interp&, Value* args, int) { return boolean(!record(args[0])->errors.empty()); }

// getSObjectType(): the token of the record's object.
Value getSObjectType(Interp&, Value* args, int) {
  return Value::schemaObject(record(args[0])->type, interp::SchemaView::Token);
}

// getErrors(): the errors addError put on the record, as Database.Errors.
Value getErrors(Interp& vm, Value* args, int) {
  std::vector<Value> errors;
  for (const interp::SObjectObj::Error& e : record(args[0])->errors)
    errors.push_back(databaseError(vm, interp::dml::rowError(interp::dml::CustomValidation, e.fields, e.message)));
  return vm.makeList(vm.types().list(vm.findClass("Database.Error")->type), std::move(errors));
}

const sema::NativeDef kSObjectNatives[] = {
    {"SObject", "Object get(String)", &get},
    {"SObject", "Object get(Schema.SObjectField)", &get},
    {"SObject", "Object put(String, Object)", &put},
    {"SObject", "Object put(Schema.SObjectField, Object)", &put},
    {"SObject", "Boolean isSet(String)", &isSet},
    {"SObject", "Boolean isSet(Schema.SObjectField)", &isSet},
    {"SObject", "SObject getSObject(String)", &getSObject},
    {"SObject", "SObject getSObject(Schema.SObjectField)", &getSObject},
    {"SObject", "SObject putSObject(String, SObject)", &putSObject},
    {"SObject", "SObject putSObject(Schema.SObjectField, SObject)", &putSObject},
    {"SObject", "Schema.SObjectType getSObjectType()", &getSObjectType},
    {"SObject", "List<SObject> getSObjects(String)", &getSObjects},
    {"SObject", "Map<String, Object> getPopulatedFieldsAsMap()", &getPopulatedFieldsAsMap},
    {"SObject", "T clone()", &clone},
    {"SObject", "T clone(Boolean)", &clone},
    {"SObject", "T clone(Boolean, Boolean)", &clone},
    {"SObject", "T clone(Boolean, Boolean, Boolean)", &clone},
    {"SObject", "T clone(Boolean, Boolean, Boolean, Boolean)", &clone},
    {"SObject", "Boolean isClone()", &isClone},
    {"SObject", "Id getCloneSourceId()", &getCloneSourceId},
    {"SObject", "void clear()", &clear},
    {"SObject", "void addError(String)", &addError},
    {"SObject", "void addError(String, Boolean)", &addError},
    {"SObject", "void addError(String, String)", &addFieldError},
    {"SObject", "void addError(Schema.SObjectField, String)", &addFieldError},
    {"SObject", "Boolean hasErrors()", &hasErrors},
    {"SObject", "List<Database.Error> getErrors()", &getErrors},
};

}  // namespace

std::span<const sema::NativeDef> sobjectNatives() { return kSObjectNatives; }

}  // namespace apex::stdlib
