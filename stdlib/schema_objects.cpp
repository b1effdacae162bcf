// Apex Reference: PicklistEntry Class, ChildRelationship Class,
// RecordTypeInfo Class, FieldSetMember Class — the describe results with
// state of their own.
#include "stdlib/schema_objects.h"

#include "base/text.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {

namespace {

struct PicklistEntryState : interp::NativeState {
  sema::PicklistValue value;
  std::string toString() const override {
    return "Schema.PicklistEntry[getLabel=" + value.label + ";getValue=" + value.value +
           ";isActive=" + (value.active ? "true" : "false") +
           ";isDefaultValue=" + (value.isDefault ? "true" : "false") + ";]";
  }
};

struct ChildRelationshipState : interp::NativeState {
  const sema::ChildRelationship* relationship = nullptr;
  const sema::SObjectType* child = nullptr;
  std::string toString() const override {
    return "Schema.ChildRelationship[getChildSObject=" + relationship->childObject +
           ";getField=" + relationship->field + ";getRelationshipName=" + relationship->name + ";]";
  }
};

struct RecordTypeInfoState : interp::NativeState {
  sema::RecordTypeInfo info;
  bool master = false;
  bool isDefault = false;
  std::string toString() const override {
    return "Schema.RecordTypeInfo[getDeveloperName=" + info.developerName + ";getName=" + info.label +
           ";getRecordTypeId=" + info.id + ";isMaster=" + (master ? "true" : "false") + ";]";
  }
};

struct FieldSetMemberState : interp::NativeState {
  sema::FieldSetInfo::Member member;
  const sema::SObjectField* field = nullptr;  // the path's last field; null when the path reaches none
  std::string toString() const override {
    return "Schema.FieldSetMember[getFieldPath=" + member.path + ";getRequired=" + (member.required ? "true" : "false") +
           ";]";
  }
};

const sema::PicklistValue& picklist(const Value& v) { return stateOf<PicklistEntryState>(v).value; }
const ChildRelationshipState& child(const Value& v) { return stateOf<ChildRelationshipState>(v); }
const RecordTypeInfoState& recordType(const Value& v) { return stateOf<RecordTypeInfoState>(v); }
const FieldSetMemberState& fieldSetMember(const Value& v) { return stateOf<FieldSetMemberState>(v); }

// Apex Reference: PicklistEntry Class — getValue(), getLabel(), isActive(),
// isDefaultValue().
Value picklistValue(Interp& vm, Value* args, int) { return vm.makeString(picklist(args[0]).value); }
Value picklistLabel(Interp& vm, Value* args, int) { return vm.makeString(picklist(args[0]).label); }
Value picklistActive(Interp&, Value* args, int) { return boolean(picklist(args[0]).active); }
Value picklistDefault(Interp&, Value* args, int) { return boolean(picklist(args[0]).isDefault); }

// Apex Reference: ChildRelationship Class — getChildSObject(), getField(),
// getRelationshipName(), isCascadeDelete(), isRestrictedDelete(),
// isDeprecatedAndHidden().
Value childSObject(Interp&, Value* args, int) { return objectToken(*child(args[0]).child); }
Value childField(Interp&, Value* args, int) {
  const sema::SObjectField* field = child(args[0]).child->field(child(args[0]).relationship->field);
  return field ? fieldToken(*field) : Value();
}
Value childRelationshipName(Interp& vm, Value* args, int) {
  const std::string& name = child(args[0]).relationship->name;
  return name.empty() ? Value() : vm.makeString(name);
}
Value childCascadeDelete(Interp&, Value* args, int) { return boolean(child(args[0]).relationship->cascadeDelete); }
Value childRestrictedDelete(Interp&, Value* args, int) {
  return boolean(child(args[0]).relationship->restrictedDelete);
}

// Apex Reference: RecordTypeInfo Class — getName() (the label),
// getDeveloperName(), getRecordTypeId(), isActive(), isAvailable(),
// isDefaultRecordTypeMapping(), isMaster().
Value recordTypeName(Interp& vm, Value* args, int) { return vm.makeString(recordType(args[0]).info.label); }
Value recordTypeDeveloperName(Interp& vm, Value* args, int) {
  return vm.makeString(recordType(args[0]).info.developerName);
}
Value recordTypeId(Interp& vm, Value* args, int) { return vm.makeId(recordType(args[0]).info.id); }
Value recordTypeActive(Interp&, Value* args, int) { return boolean(recordType(args[0]).info.active); }
Value recordTypeDefault(Interp&, Value* args, int) { return boolean(recordType(args[0]).isDefault); }
Value recordTypeMaster(Interp&, Value* args, int) { return boolean(recordType(args[0]).master); }

// Apex Reference: FieldSetMember Class — getFieldPath(), getLabel(),
// getType(), getRequired() (the field set's own flag), getDBRequired() (the
// field's), getSObjectField().
Value memberPath(Interp& vm, Value* args, int) { return vm.makeString(fieldSetMember(args[0]).member.path); }
Value memberRequired(Interp&, Value* args, int) { return boolean(fieldSetMember(args[0]).member.required); }
Value memberLabel(Interp& vm, Value* args, int) {
  const sema::SObjectField* field = fieldSetMember(args[0]).field;
  return field ? vm.makeString(field->label) : Value();
}
Value memberType(Interp& vm, Value* args, int) {
  const sema::SObjectField* field = fieldSetMember(args[0]).field;
  return field ? enumConstant(vm, "Schema.DisplayType", sema::displayTypeName(field->type)) : Value();
}
Value memberDbRequired(Interp&, Value* args, int) {
  const sema::SObjectField* field = fieldSetMember(args[0]).field;
  return boolean(field && field->required());
}
Value memberField(Interp&, Value* args, int) {
  const sema::SObjectField* field = fieldSetMember(args[0]).field;
  return field ? fieldToken(*field) : Value();
}

const sema::NativeDef kNatives[] = {
    {"PicklistEntry", "String getValue()", &picklistValue},
    {"PicklistEntry", "String getLabel()", &picklistLabel},
    {"PicklistEntry", "Boolean isActive()", &picklistActive},
    {"PicklistEntry", "Boolean isDefaultValue()", &picklistDefault},
    {"ChildRelationship", "Schema.SObjectType getChildSObject()", &childSObject},
    {"ChildRelationship", "Schema.SObjectField getField()", &childField},
    {"ChildRelationship", "String getRelationshipName()", &childRelationshipName},
    {"ChildRelationship", "Boolean isCascadeDelete()", &childCascadeDelete},
    {"ChildRelationship", "Boolean isRestrictedDelete()", &childRestrictedDelete},
    {"ChildRelationship", "Boolean isDeprecatedAndHidden()", &alwaysFalse},
    {"RecordTypeInfo", "String getName()", &recordTypeName},
    {"RecordTypeInfo", "String getDeveloperName()", &recordTypeDeveloperName},
    {"RecordTypeInfo", "Id getRecordTypeId()", &recordTypeId},
    {"RecordTypeInfo", "Boolean isActive()", &recordTypeActive},
    {"RecordTypeInfo", "Boolean isAvailable()", &recordTypeActive},
    {"RecordTypeInfo", "Boolean isDefaultRecordTypeMapping()", &recordTypeDefault},
    {"RecordTypeInfo", "Boolean isMaster()", &recordTypeMaster},
    {"FieldSetMember", "String getFieldPath()", &memberPath},
    {"FieldSetMember", "String getLabel()", &memberLabel},
    {"FieldSetMember", "Schema.DisplayType getType()", &memberType},
    {"FieldSetMember", "Boolean getRequired()", &memberRequired},
    {"FieldSetMember", "Boolean getDBRequired()", &memberDbRequired},
    {"FieldSetMember", "Schema.SObjectField getSObjectField()", &memberField},
};

}  // namespace

Value enumConstant(Interp& vm, std::string_view enumClass, std::string_view name) {
  const sema::ClassSymbol* cls = vm.findClass(enumClass);
  for (size_t i = 0; i < cls->enumConstants.size(); ++i)
    if (cls->enumConstants[i] == name) return Value::enumValue(cls, uint32_t(i));
  return Value();
}

DescribeMap::DescribeMap(Interp& vm, std::string_view valueClass)
    : vm_(vm), map_(vm.makeMap(vm.types().map(vm.types().string(), vm.findClass(valueClass)->type))) {
  mapOf(map_)->foldsKeys = true;
}

void DescribeMap::put(std::string_view name, Value value) {
  mapOf(map_)->table.put(vm_.makeString(text::foldCase(name)), std::move(value));
}

Value DescribeMap::done() {
  vm_.resized(map_.asObj(), tableBytes(mapOf(map_)->table.size(), true));
  return map_;
}

Value makePicklistEntry(Interp& vm, const sema::PicklistValue& value) {
  auto state = std::make_unique<PicklistEntryState>();
  state->value = value;
  size_t bytes = interp::heap_costs::kHeader + stringBytes(value.value) + stringBytes(value.label);
  return vm.makeNativeInstance("Schema.PicklistEntry", std::move(state), bytes);
}

// The field `path` reaches from `object` through parent relationships
// (`Account.Owner.Email`), or null.
const sema::SObjectField* fieldAtPath(const sema::Schema& schema, const sema::SObjectType& object,
                                      const std::string& path) {
  const sema::SObjectType* at = &object;
  std::vector<std::string> steps = text::split(path, '.');
  for (size_t i = 0; i + 1 < steps.size(); ++i) {
    const sema::SObjectField* reference = at->parentRelationship(steps[i]);
    if (!reference || reference->referenceTo.empty()) return nullptr;
    at = schema.object(reference->referenceTo.front());
    if (!at) return nullptr;
  }
  return at->field(steps.back());
}

Value makeFieldSetMember(Interp& vm, const sema::SObjectType& object, const sema::FieldSetInfo::Member& member) {
  auto state = std::make_unique<FieldSetMemberState>();
  state->member = member;
  state->field = fieldAtPath(vm.schema(), object, member.path);
  size_t bytes = interp::heap_costs::kHeader + stringBytes(member.path);
  return vm.makeNativeInstance("Schema.FieldSetMember", std::move(state), bytes);
}

Value makeChildRelationship(Interp& vm, const sema::ChildRelationship& relationship) {
  auto state = std::make_unique<ChildRelationshipState>();
  state->relationship = &relationship;
  state->child = vm.schema().object(relationship.childObject);
  return vm.makeNativeInstance("Schema.ChildRelationship", std::move(state), interp::heap_costs::kHeader);
}

// The Master record type first, then the object's own; the default is the
// object's (SObjectType::defaultRecordType), else Master.
std::vector<RecordTypeView> recordTypesOf(const sema::SObjectType& object) {
  static const sema::RecordTypeInfo master{"Master", "Master", true, std::string(sema::kMasterRecordTypeId)};
  const sema::RecordTypeInfo* defaultType = object.defaultRecordType();
  if (!defaultType) defaultType = &master;
  std::vector<RecordTypeView> views{{&master, true, defaultType == &master}};
  for (const sema::RecordTypeInfo& info : object.recordTypes) views.push_back({&info, false, defaultType == &info});
  return views;
}

Value makeRecordTypeInfo(Interp& vm, const RecordTypeView& view) {
  auto state = std::make_unique<RecordTypeInfoState>();
  state->info = *view.info;
  state->master = view.master;
  state->isDefault = view.isDefault;
  return vm.makeNativeInstance("Schema.RecordTypeInfo", std::move(state), interp::heap_costs::kHeader);
}

std::span<const sema::NativeDef> schemaObjectNatives() { return kNatives; }

}  // namespace apex::stdlib
