// Resolver, part 8: the schema named in expressions. sObject and field
// tokens (`Account.SObjectType`, `Account.Name`, `Contact.Fields.Email`)
// and describe results written as members (`SObjectType.Account`,
// `Schema.SObjectType.Account.fields.Name`), resolved here to the schema
// entry they name (Apex Developer Guide: "Understanding Apex Describe
// Information", "Using Field Tokens"). Their values are made when they run.
#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

namespace {

// The views of a schema entry, as interp::SchemaView numbers them; a
// FieldSet's index in its object's field sets goes above the low byte.
enum View : int { kToken = 0, kDescribe = 1, kFields = 2, kFieldSets = 3, kFieldSet = 4 };

bool isSchemaEntry(const Expr& e, int view) {
  if (e.kind != ExprKind::Member) return false;
  const Binding& b = e.as<MemberExpr>().binding;
  return b.kind == BindingKind::SchemaEntry && b.slot == view;
}

}  // namespace

const Type* Resolver::schemaEntry(MemberExpr& e, const SObjectType& object, const SObjectField* field, int view,
                                  std::string_view className) {
  e.binding.kind = BindingKind::SchemaEntry;
  e.binding.denotedType = types_.sobjectType(object);
  e.binding.sobjectField = field;
  e.binding.slot = view;
  return program_.findClass(className)->type;
}

// A member of a name that denotes a type: `Account.SObjectType`,
// `Account.Name`, `Account.Fields` on an sObject type; `SObjectType.Account`
// on Schema.SObjectType. Null when `e` is none of them.
const Type* Resolver::schemaMemberOfType(MemberExpr& e, const Type* owner) {
  if (owner->kind == TypeKind::SObject && owner->sobject) {
    const SObjectType& object = *owner->sobject;
    if (text::equalsIgnoreAsciiCase(e.name, "SObjectType"))
      return schemaEntry(e, object, nullptr, kToken, "Schema.SObjectType");
    if (text::equalsIgnoreAsciiCase(e.name, "Fields"))
      return schemaEntry(e, object, nullptr, kFields, "Schema.SObjectTypeFields");
    if (const SObjectField* field = object.field(e.name))
      return schemaEntry(e, object, field, kToken, "Schema.SObjectField");
    return nullptr;
  }
  if (owner->kind == TypeKind::Class && owner->cls == program_.findClass("Schema.SObjectType")) {
    const Type* named = sobjectTypeNamed(e.name);
    if (named && named->sobject) return schemaEntry(e, *named->sobject, nullptr, kDescribe, "Schema.DescribeSObjectResult");
  }
  return nullptr;
}

// A member of a schema entry written in the source: `.fields` of
// `SObjectType.Account` or `Account.SObjectType`, and a field of
// `SObjectType.Account.fields` (a describe result) or of `Account.Fields`
// and `Account.SObjectType.fields` (a token). Salesforce checks the
// field when it compiles, and allows `.fields.Name` only in such a chain.
const Type* Resolver::schemaMemberOfEntry(MemberExpr& e) {
  const Expr& target = *e.target;
  bool tokenOrDescribe = isSchemaEntry(target, kDescribe) || isSchemaEntry(target, kToken);
  if (tokenOrDescribe && text::equalsIgnoreAsciiCase(e.name, "fields")) {
    const Binding& object = target.as<MemberExpr>().binding;
    if (!object.sobjectField)
      return schemaEntry(e, *object.denotedType->sobject, nullptr, kFields, "Schema.SObjectTypeFields");
  }
  if (isSchemaEntry(target, kDescribe) && text::equalsIgnoreAsciiCase(e.name, "fieldSets")) {
    const Binding& describe = target.as<MemberExpr>().binding;
    return schemaEntry(e, *describe.denotedType->sobject, nullptr, kFieldSets, "Schema.SObjectTypeFieldSets");
  }
  if (isSchemaEntry(target, kFieldSets)) return fieldSetNamed(e, *target.as<MemberExpr>().binding.denotedType->sobject);
  if (!isSchemaEntry(target, kFields)) return nullptr;
  const auto& fields = target.as<MemberExpr>();
  const SObjectType& object = *fields.binding.denotedType->sobject;
  const SObjectField* field = object.field(e.name);
  if (!field) fail(e.loc, Diagnostic::InvalidSObjectField, e.name, object.name);
  if (isSchemaEntry(*fields.target, kDescribe))
    return schemaEntry(e, object, field, kDescribe, "Schema.DescribeFieldResult");
  return schemaEntry(e, object, field, kToken, "Schema.SObjectField");
}

// `SObjectType.Account.fieldSets.Name`: one of the object's field sets.
const Type* Resolver::fieldSetNamed(MemberExpr& e, const SObjectType& object) {
  for (size_t i = 0; i < object.fieldSets.size(); ++i) {
    if (text::equalsIgnoreAsciiCase(object.fieldSets[i].name, e.name))
      return schemaEntry(e, object, nullptr, kFieldSet | int(i) << 8, "Schema.FieldSet");
  }
  fail(e.loc, Diagnostic::VariableDoesNotExist, e.name);
}

}  // namespace apex::sema
