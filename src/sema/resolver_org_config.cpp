// Resolver, part 8: the org's configuration in Apex: custom labels
// (`Label.Greeting`, `System.Label.Greeting`; Apex Reference: Label Class),
// and the static methods of custom settings and custom metadata types
// (Apex Reference: "Hierarchy Custom Setting Methods", "List Custom Setting
// Methods", "Custom Metadata Type Methods").
#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

namespace {

// Where the static methods of an sObject type of `kind` live; empty for
// one that has none. The names are not Apex identifiers, so no code can
// name these owners as classes.
std::string_view configMethodsOwner(const SObjectType& object) {
  switch (object.kind) {
    case ObjectKind::CustomSetting: return object.hierarchySetting ? "Hierarchy Custom Setting" : "List Custom Setting";
    case ObjectKind::CustomMetadata: return "Custom Metadata Type";
    default: return {};
  }
}

bool isSystemName(const Expr& e) {
  return e.kind == ExprKind::Name && text::equalsIgnoreAsciiCase(e.as<NameExpr>().name, "System");
}

// `Label` or `System.Label` as written (the class itself is checked by
// denotedType).
bool namesLabelClass(const Expr& e) {
  if (e.kind == ExprKind::Name) return text::equalsIgnoreAsciiCase(e.as<NameExpr>().name, "Label");
  if (e.kind != ExprKind::Member) return false;
  const auto& member = e.as<MemberExpr>();
  return text::equalsIgnoreAsciiCase(member.name, "Label") && isSystemName(*member.target);
}

ExprPtr stringLiteral(const std::string& value, const SourceLoc& loc) {
  auto literal = std::make_unique<LiteralExpr>(loc);
  literal->literal = LiteralKind::String;
  literal->text = value;
  return literal;
}

}  // namespace

// `Label.Greeting` reads the label in the running user's language, as
// `Label.get(null, 'Greeting')` does: the member becomes that call. A
// label the org does not have is a compile error, worded as Salesforce's.
void Resolver::customLabelAsCall(ExprPtr& e) {
  auto& member = e->as<MemberExpr>();
  if (!namesLabelClass(*member.target)) return;
  const Type* owner = denotedType(*member.target);
  const ClassSymbol* labelClass = program_.findClass("System.Label");
  if (!owner || owner->kind != TypeKind::Class || owner->cls != labelClass) return;
  const CustomLabel* label = program_.orgConfig ? program_.orgConfig->labels.find(member.name) : nullptr;
  if (!label) fail(member.loc, Diagnostic::ExternalStringDoesNotExist, member.name);
  auto call = std::make_unique<CallExpr>(member.loc);
  call->target = std::move(member.target);
  call->name = "get";
  call->args.push_back(std::make_unique<LiteralExpr>(member.loc));  // the org's own namespace
  call->args.push_back(stringLiteral(label->name, member.loc));
  e = std::move(call);
}

// `Settings__c.getInstance()`, `Region__mdt.getAll()`: a native of the
// object kind's methods, called with the object's type first (a class
// literal the resolver adds), so that one native serves every object of
// the kind. Null when the object's kind has no such method.
const Type* Resolver::configMethodCall(CallExpr& e, const Type* owner, const std::vector<const Type*>& args) {
  if (owner->kind != TypeKind::SObject || !owner->sobject) return nullptr;
  std::string_view methodsOwner = configMethodsOwner(*owner->sobject);
  const ClassSymbol* typeClass = program_.findClass("Type");
  if (methodsOwner.empty() || !typeClass) return nullptr;
  std::vector<const Type*> withType{typeClass->type};
  withType.insert(withType.end(), args.begin(), args.end());
  const NativeMethod* n = pickNative({foldCase(methodsOwner)}, foldCase(e.name), withType, owner, true);
  if (!n) return nullptr;
  auto objectType = std::make_unique<ClassLiteralExpr>(e.loc);
  objectType->denoted = owner;
  objectType->type = typeClass->type;
  e.args.insert(e.args.begin(), std::move(objectType));
  e.native = n;
  convertArguments(e.args, n->params, owner);
  return substitute(n->returnType, owner);
}

}  // namespace apex::sema
