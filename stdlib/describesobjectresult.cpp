// Apex Reference: DescribeSObjectResult Class, and the SObjectTypeFields its
// `fields` member gives. The running user may do everything with every
// object (docs/data.md, "Describe"), except what the platform allows no one:
// custom metadata records are not written by DML, platform events are
// published, not queried or changed.
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

using sema::ObjectKind;

const sema::SObjectType& self(Value* args) { return objectOf(args[0]); }
bool isCustomMetadata(const sema::SObjectType& o) { return o.kind == ObjectKind::CustomMetadata; }

Value getName(Interp& vm, Value* args, int) { return vm.makeString(self(args).name); }
Value getLabel(Interp& vm, Value* args, int) { return vm.makeString(self(args).label); }
Value getLabelPlural(Interp& vm, Value* args, int) { return vm.makeString(self(args).labelPlural); }
Value getKeyPrefix(Interp& vm, Value* args, int) { return vm.makeString(self(args).keyPrefix); }
Value isCustom(Interp&, Value* args, int) { return boolean(self(args).custom()); }
Value isCustomSetting(Interp&, Value* args, int) { return boolean(self(args).kind == ObjectKind::CustomSetting); }
Value getSObjectType(Interp&, Value* args, int) { return objectToken(self(args)); }
Value isCreateable(Interp&, Value* args, int) { return boolean(!isCustomMetadata(self(args))); }
Value isChangeable(Interp&, Value* args, int) {
  return boolean(!isCustomMetadata(self(args)) && !self(args).isPlatformEvent());
}
Value isQueryable(Interp&, Value* args, int) { return boolean(!self(args).isPlatformEvent()); }
Value isMergeable(Interp&, Value* args, int) { return boolean(sema::mergeable(self(args))); }

// fields, fieldSets: the members that name the object's fields and field sets.
Value fields(Interp&, Value* args, int) { return Value::schemaObject(&self(args), interp::SchemaView::Fields); }
Value fieldSets(Interp&, Value* args, int) {
  return Value::schemaObject(&self(args), interp::SchemaView::FieldSets);
}

// getChildRelationships(): the relationships of the object's children.
Value getChildRelationships(Interp& vm, Value* args, int) {
  std::vector<Value> relationships;
  for (const sema::ChildRelationship& r : self(args).childRelationships())
    relationships.push_back(makeChildRelationship(vm, r));
  return vm.makeList(vm.types().list(vm.findClass("Schema.ChildRelationship")->type), std::move(relationships));
}

const sema::Type* recordTypeInfoType(Interp& vm) { return vm.findClass("Schema.RecordTypeInfo")->type; }

// getRecordTypeInfos(): the Master record type, then the object's own.
Value getRecordTypeInfos(Interp& vm, Value* args, int) {
  std::vector<Value> infos;
  for (const RecordTypeView& view : recordTypesOf(self(args))) infos.push_back(makeRecordTypeInfo(vm, view));
  return vm.makeList(vm.types().list(recordTypeInfoType(vm)), std::move(infos));
}

// getRecordTypeInfosById(), ...ByDeveloperName(), ...ByName(): the same,
// keyed by Id, developer name or label.
template <std::string sema::RecordTypeInfo::*key, bool byId>
Value recordTypeInfosBy(Interp& vm, Value* args, int) {
  const sema::Type* keyType = byId ? vm.types().id() : vm.types().string();
  Value map = vm.makeMap(vm.types().map(keyType, recordTypeInfoType(vm)));
  auto* m = mapOf(map);
  for (const RecordTypeView& view : recordTypesOf(self(args))) {
    const std::string& text = view.info->*key;
    m->table.put(byId ? vm.makeId(text) : vm.makeString(text), makeRecordTypeInfo(vm, view));
  }
  vm.resized(m, tableBytes(m->table.size(), true));
  return map;
}

// SObjectTypeFields.getMap(): the object's field tokens by lower-case name,
// found ignoring case.
Value getMap(Interp& vm, Value* args, int) {
  DescribeMap tokens(vm, "Schema.SObjectField");
  for (const sema::SObjectField& field : self(args).fields()) tokens.put(field.name, fieldToken(field));
  return tokens.done();
}

// SObjectTypeFieldSets.getMap(): the object's field sets by lower-case
// name, found ignoring case.
Value getFieldSetMap(Interp& vm, Value* args, int) {
  DescribeMap fieldSets(vm, "Schema.FieldSet");
  const std::vector<sema::FieldSetInfo>& sets = self(args).fieldSets;
  for (size_t i = 0; i < sets.size(); ++i)
    fieldSets.put(sets[i].name, Value::schemaObject(&self(args), interp::SchemaView::FieldSet, uint32_t(i)));
  return fieldSets.done();
}

const sema::NativeDef kNatives[] = {
    {"DescribeSObjectResult", "String getName()", &getName},
    {"DescribeSObjectResult", "String getLocalName()", &getName},
    {"DescribeSObjectResult", "String getLabel()", &getLabel},
    {"DescribeSObjectResult", "String getLabelPlural()", &getLabelPlural},
    {"DescribeSObjectResult", "String getKeyPrefix()", &getKeyPrefix},
    {"DescribeSObjectResult", "Boolean isCustom()", &isCustom},
    {"DescribeSObjectResult", "Boolean isCustomSetting()", &isCustomSetting},
    {"DescribeSObjectResult", "Schema.SObjectType getSObjectType()", &getSObjectType},
    {"DescribeSObjectResult", "Boolean isAccessible()", &alwaysTrue},
    {"DescribeSObjectResult", "Boolean isCreateable()", &isCreateable},
    {"DescribeSObjectResult", "Boolean isUpdateable()", &isChangeable},
    {"DescribeSObjectResult", "Boolean isDeletable()", &isChangeable},
    {"DescribeSObjectResult", "Boolean isUndeletable()", &isChangeable},
    {"DescribeSObjectResult", "Boolean isQueryable()", &isQueryable},
    {"DescribeSObjectResult", "Boolean isSearchable()", &isQueryable},
    {"DescribeSObjectResult", "Boolean isMergeable()", &isMergeable},
    {"DescribeSObjectResult", "Boolean isFeedEnabled()", &alwaysFalse},
    {"DescribeSObjectResult", "Boolean isMruEnabled()", &alwaysFalse},
    {"DescribeSObjectResult", "Boolean isDeprecatedAndHidden()", &alwaysFalse},
    {"DescribeSObjectResult", "Boolean getHasSubtypes()", &alwaysFalse},
    {"DescribeSObjectResult", "SObjectTypeFields fields", &fields},
    {"DescribeSObjectResult", "SObjectTypeFieldSets fieldSets", &fieldSets},
    {"DescribeSObjectResult", "List<Schema.ChildRelationship> getChildRelationships()", &getChildRelationships},
    {"DescribeSObjectResult", "List<Schema.RecordTypeInfo> getRecordTypeInfos()", &getRecordTypeInfos},
    {"DescribeSObjectResult", "Map<Id, Schema.RecordTypeInfo> getRecordTypeInfosById()",
     &recordTypeInfosBy<&sema::RecordTypeInfo::id, true>},
    {"DescribeSObjectResult", "Map<String, Schema.RecordTypeInfo> getRecordTypeInfosByDeveloperName()",
     &recordTypeInfosBy<&sema::RecordTypeInfo::developerName, false>},
    {"DescribeSObjectResult", "Map<String, Schema.RecordTypeInfo> getRecordTypeInfosByName()",
     &recordTypeInfosBy<&sema::RecordTypeInfo::label, false>},
    {"SObjectTypeFields", "Map<String, Schema.SObjectField> getMap()", &getMap},
    {"SObjectTypeFieldSets", "Map<String, Schema.FieldSet> getMap()", &getFieldSetMap},
};

}  // namespace

std::span<const sema::NativeDef> describeSObjectResultNatives() { return kNatives; }

}  // namespace apex::stdlib
