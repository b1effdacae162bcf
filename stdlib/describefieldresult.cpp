// Apex Reference: DescribeFieldResult Class. The running user may read and
// write every field the schema lets anyone write (docs/data.md, "Describe").
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

using sema::FieldType;

const sema::SObjectField& self(Value* args) { return fieldOf(args[0]); }
Value textOrNull(Interp& vm, const std::string& s) { return s.empty() ? Value() : vm.makeString(s); }
// A Long Text Area or Rich Text Area: not filterable, sortable or groupable.
bool isLongText(const sema::SObjectField& f) { return f.type == FieldType::TextArea && f.length > 255; }

Value getName(Interp& vm, Value* args, int) { return vm.makeString(self(args).name); }
Value getLabel(Interp& vm, Value* args, int) { return vm.makeString(self(args).label); }
Value getType(Interp& vm, Value* args, int) {
  return enumConstant(vm, "Schema.DisplayType", sema::displayTypeName(self(args).type));
}
Value getSoapType(Interp& vm, Value* args, int) {
  return enumConstant(vm, "Schema.SOAPType", sema::soapTypeName(self(args).type));
}
Value getLength(Interp&, Value* args, int) { return integer(sema::isTextType(self(args).type) ? self(args).length : 0); }
// Text is stored as UTF-8 of up to three bytes a character.
Value getByteLength(Interp&, Value* args, int) {
  return integer(sema::isTextType(self(args).type) ? self(args).length * 3 : 0);
}
Value getPrecision(Interp&, Value* args, int) { return integer(self(args).precision); }
Value getScale(Interp&, Value* args, int) { return integer(self(args).scale); }
Value getDigits(Interp&, Value* args, int) { return integer(self(args).digits); }
Value isNillable(Interp&, Value* args, int) { return boolean(self(args).nillable); }
Value isUnique(Interp&, Value* args, int) { return boolean(self(args).unique); }
Value isExternalId(Interp&, Value* args, int) { return boolean(self(args).externalId); }
Value isCalculated(Interp&, Value* args, int) { return boolean(self(args).calculated); }
Value isAutoNumber(Interp&, Value* args, int) { return boolean(self(args).autoNumber); }
Value isCustom(Interp&, Value* args, int) { return boolean(self(args).custom); }
Value isCreateable(Interp&, Value* args, int) { return boolean(self(args).createable); }
Value isUpdateable(Interp&, Value* args, int) { return boolean(self(args).updateable); }
Value isCaseSensitive(Interp&, Value* args, int) { return boolean(self(args).caseSensitive); }
Value isCascadeDelete(Interp&, Value* args, int) { return boolean(self(args).cascadeDelete); }
Value isRestrictedDelete(Interp&, Value* args, int) { return boolean(self(args).restrictedDelete); }
Value isDefaultedOnCreate(Interp&, Value* args, int) { return boolean(self(args).defaultedOnCreate); }
Value isHtmlFormatted(Interp&, Value* args, int) { return boolean(self(args).htmlFormatted); }
Value isRestrictedPicklist(Interp&, Value* args, int) { return boolean(self(args).restrictedPicklist); }
Value isFilterable(Interp&, Value* args, int) { return boolean(!isLongText(self(args))); }
Value isSortable(Interp&, Value* args, int) {
  return boolean(!isLongText(self(args)) && self(args).type != FieldType::MultiPicklist);
}
Value isGroupable(Interp&, Value* args, int) {
  FieldType t = self(args).type;
  bool number = t == FieldType::Double || t == FieldType::Currency || t == FieldType::Percent;
  return boolean(!isLongText(self(args)) && !number && t != FieldType::DateTime && t != FieldType::MultiPicklist);
}
Value isIdLookup(Interp&, Value* args, int) {
  return boolean(self(args).externalId || text::equalsIgnoreAsciiCase(self(args).name, "Id"));
}
Value isNameField(Interp&, Value* args, int) { return boolean(sema::isNameField(self(args))); }

// getReferenceTo(): the objects a lookup may point to (several for a
// polymorphic one), those the schema has.
Value getReferenceTo(Interp& vm, Value* args, int) {
  std::vector<Value> objects;
  for (const std::string& name : self(args).referenceTo)
    if (const sema::SObjectType* object = vm.schema().object(name)) objects.push_back(objectToken(*object));
  return vm.makeList(vm.types().list(vm.findClass("Schema.SObjectType")->type), std::move(objects));
}
Value getRelationshipName(Interp& vm, Value* args, int) { return textOrNull(vm, self(args).relationshipName); }
// getRelationshipOrder(): 0 or 1 for the first and second master of a
// junction object; apexrun knows no junction order and says 0 for a master.
Value getRelationshipOrder(Interp&, Value* args, int) { return self(args).masterDetail ? integer(0) : Value(); }

// getPicklistValues(): the values in their order, inactive ones included.
Value getPicklistValues(Interp& vm, Value* args, int) {
  std::vector<Value> entries;
  for (const sema::PicklistValue& value : self(args).picklistValues) entries.push_back(makePicklistEntry(vm, value));
  return vm.makeList(vm.types().list(vm.findClass("Schema.PicklistEntry")->type), std::move(entries));
}

// getDefaultValue(): a Checkbox's default; getDefaultValueFormula(): any
// other field's default as written (a formula or a literal).
Value getDefaultValue(Interp&, Value* args, int) {
  const sema::SObjectField& f = self(args);
  if (f.type != FieldType::Boolean) return Value();
  return boolean(text::equalsIgnoreAsciiCase(f.defaultValue.text, "true"));
}
Value getDefaultValueFormula(Interp& vm, Value* args, int) {
  const sema::SObjectField& f = self(args);
  return f.type == FieldType::Boolean ? Value() : textOrNull(vm, f.defaultValue.text);
}
Value getCalculatedFormula(Interp& vm, Value* args, int) { return textOrNull(vm, self(args).formula); }
Value getSObjectField(Interp&, Value* args, int) { return fieldToken(self(args)); }
// getSObjectType(): the token of the object the field belongs to.
Value getSObjectType(Interp&, Value* args, int) { return objectToken(*self(args).object); }

const sema::NativeDef kNatives[] = {
    {"DescribeFieldResult", "String getName()", &getName},
    {"DescribeFieldResult", "String getLocalName()", &getName},
    {"DescribeFieldResult", "String getLabel()", &getLabel},
    {"DescribeFieldResult", "Schema.DisplayType getType()", &getType},
    {"DescribeFieldResult", "Schema.SOAPType getSoapType()", &getSoapType},
    {"DescribeFieldResult", "Integer getLength()", &getLength},
    {"DescribeFieldResult", "Integer getByteLength()", &getByteLength},
    {"DescribeFieldResult", "Integer getPrecision()", &getPrecision},
    {"DescribeFieldResult", "Integer getScale()", &getScale},
    {"DescribeFieldResult", "Integer getDigits()", &getDigits},
    {"DescribeFieldResult", "Boolean isNillable()", &isNillable},
    {"DescribeFieldResult", "Boolean isUnique()", &isUnique},
    {"DescribeFieldResult", "Boolean isExternalId()", &isExternalId},
    {"DescribeFieldResult", "Boolean isCalculated()", &isCalculated},
    {"DescribeFieldResult", "Boolean isAutoNumber()", &isAutoNumber},
    {"DescribeFieldResult", "Boolean isCustom()", &isCustom},
    {"DescribeFieldResult", "Boolean isAccessible()", &alwaysTrue},
    {"DescribeFieldResult", "Boolean isPermissionable()", &isNillable},
    {"DescribeFieldResult", "Boolean isCreateable()", &isCreateable},
    {"DescribeFieldResult", "Boolean isUpdateable()", &isUpdateable},
    {"DescribeFieldResult", "Boolean isCaseSensitive()", &isCaseSensitive},
    {"DescribeFieldResult", "Boolean isCascadeDelete()", &isCascadeDelete},
    {"DescribeFieldResult", "Boolean isRestrictedDelete()", &isRestrictedDelete},
    {"DescribeFieldResult", "Boolean isDefaultedOnCreate()", &isDefaultedOnCreate},
    {"DescribeFieldResult", "Boolean isHtmlFormatted()", &isHtmlFormatted},
    {"DescribeFieldResult", "Boolean isRestrictedPicklist()", &isRestrictedPicklist},
    {"DescribeFieldResult", "Boolean isDependentPicklist()", &alwaysFalse},
    {"DescribeFieldResult", "Boolean isDeprecatedAndHidden()", &alwaysFalse},
    {"DescribeFieldResult", "Boolean isEncrypted()", &alwaysFalse},
    {"DescribeFieldResult", "Boolean isFilterable()", &isFilterable},
    {"DescribeFieldResult", "Boolean isSortable()", &isSortable},
    {"DescribeFieldResult", "Boolean isGroupable()", &isGroupable},
    {"DescribeFieldResult", "Boolean isIdLookup()", &isIdLookup},
    {"DescribeFieldResult", "Boolean isNameField()", &isNameField},
    {"DescribeFieldResult", "Boolean isNamePointing()", &alwaysFalse},
    {"DescribeFieldResult", "Boolean isWriteRequiresMasterRead()", &alwaysFalse},
    {"DescribeFieldResult", "List<Schema.SObjectType> getReferenceTo()", &getReferenceTo},
    {"DescribeFieldResult", "String getRelationshipName()", &getRelationshipName},
    {"DescribeFieldResult", "Integer getRelationshipOrder()", &getRelationshipOrder},
    {"DescribeFieldResult", "List<Schema.PicklistEntry> getPicklistValues()", &getPicklistValues},
    {"DescribeFieldResult", "Object getDefaultValue()", &getDefaultValue},
    {"DescribeFieldResult", "String getDefaultValueFormula()", &getDefaultValueFormula},
    {"DescribeFieldResult", "String getCalculatedFormula()", &getCalculatedFormula},
    {"DescribeFieldResult", "Schema.SObjectField getController()", &alwaysNull},
    {"DescribeFieldResult", "String getInlineHelpText()", &alwaysNull},
    {"DescribeFieldResult", "Schema.SObjectField getSObjectField()", &getSObjectField},
    {"DescribeFieldResult", "Schema.SObjectType getSObjectType()", &getSObjectType},
};

}  // namespace

std::span<const sema::NativeDef> describeFieldResultNatives() { return kNatives; }

}  // namespace apex::stdlib
