// Schema values shared by the describe natives (schema.cpp, sobjecttype.cpp,
// sobjectfield.cpp, describesobjectresult.cpp, describefieldresult.cpp):
// the schema entry a token or describe result views, and the describe
// classes whose instances carry C++ state (PicklistEntry, ChildRelationship,
// RecordTypeInfo). Internal to stdlib/.
#pragma once

#include <string_view>
#include <vector>

#include "sema/schema.h"
#include "stdlib/native.h"

namespace apex::stdlib {

inline const sema::SObjectType& objectOf(const Value& v) { return *v.schemaObject(); }
inline const sema::SObjectField& fieldOf(const Value& v) { return *v.schemaField(); }
inline Value objectToken(const sema::SObjectType& object) {
  return Value::schemaObject(&object, interp::SchemaView::Token);
}
inline Value fieldToken(const sema::SObjectField& field) {
  return Value::schemaField(&field, interp::SchemaView::Token);
}

// The constant `name` of the built-in enum `enumClass` (Schema.DisplayType).
Value enumConstant(Interp& vm, std::string_view enumClass, std::string_view name);

// One of describe's maps (Schema.getGlobalDescribe, fields.getMap(),
// fieldSets.getMap()): Map<String, valueClass> with lower-case names as
// keys, found ignoring case.
class DescribeMap {
 public:
  DescribeMap(Interp& vm, std::string_view valueClass);
  void put(std::string_view name, Value value);
  Value done();

 private:
  Interp& vm_;
  Value map_;
};

Value makePicklistEntry(Interp& vm, const sema::PicklistValue& value);
// A member of one of `object`'s field sets; its path may cross relationships.
Value makeFieldSetMember(Interp& vm, const sema::SObjectType& object, const sema::FieldSetInfo::Member& member);
Value makeChildRelationship(Interp& vm, const sema::ChildRelationship& relationship);
// One of an object's record types as RecordTypeInfo shows it.
struct RecordTypeView {
  const sema::RecordTypeInfo* info;
  bool master;
  bool isDefault;
};
// `object`'s record types, the Master one first.
std::vector<RecordTypeView> recordTypesOf(const sema::SObjectType& object);
Value makeRecordTypeInfo(Interp& vm, const RecordTypeView& view);

}  // namespace apex::stdlib
