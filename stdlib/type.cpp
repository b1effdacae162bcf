// Apex Reference: Type Class. A Type value is `X.class` or Type.forName's
// result: a TypeRef holding the interned sema::Type.
#include "interp/heap_costs.h"
#include "interp/object.h"
#include "sema/schema.h"
#include "stdlib/natives_all.h"
#include "stdlib/native.h"

namespace apex::stdlib {
namespace {

using sema::Type;
using sema::TypeKind;

const Type* typeOf(const Value& v) { return v.as<interp::TypeRefObj>()->type; }
Value typeValue(Interp& vm, const Type* t) {
  return Value::object(Tag::TypeRef, vm.heap().make<interp::TypeRefObj>(interp::heap_costs::kHeader, t));
}

// A primitive, class or sObject type (`Account`, `Schema.Account`) by its
// case-insensitive name; null if unknown.
Value typeNamed(Interp& vm, const std::string& name) {
  if (const Type* p = vm.types().primitiveByName(name)) return typeValue(vm, p);
  if (const sema::ClassSymbol* cls = vm.findClass(name)) return typeValue(vm, cls->type);
  std::string_view object = name;
  if (text::equalsIgnoreAsciiCase(object.substr(0, 7), "Schema.")) object.remove_prefix(7);
  if (const sema::SObjectType* sobject = vm.schema().object(object)) return typeValue(vm, vm.types().sobjectType(*sobject));
  return Value();
}

// Apex Reference: Type Class — forName(fullyQualifiedName)
Value forName(Interp& vm, Value* args, int) {
  if (args[0].isNull()) return Value();
  return typeNamed(vm, str(args[0]));
}
// Apex Reference: Type Class — forName(namespace, name): a null or empty
// namespace means the org's own classes.
Value forNameInNamespace(Interp& vm, Value* args, int) {
  if (args[1].isNull()) return Value();
  if (args[0].isNull() || str(args[0]).empty()) return typeNamed(vm, str(args[1]));
  return typeNamed(vm, str(args[0]) + "." + str(args[1]));
}

// Apex Reference: Type Class — newInstance(): user classes through their
// no-argument constructor; collections empty; a new record of an sObject type.
Value newInstance(Interp& vm, Value* args, int) {
  const Type* t = typeOf(args[0]);
  if (t->isCollection()) return vm.copyCollection(t, Value());
  if (t->kind == TypeKind::SObject && t->sobject) return vm.makeSObject(*t->sobject);
  const sema::ClassSymbol* cls = t->kind == TypeKind::Class ? t->cls : nullptr;
  bool instantiable = cls && !cls->isBuiltin && cls->kind == sema::ClassKind::Class &&
                      !(cls->modifiers & ast::kAbstract);
  const sema::MethodSymbol* ctor = nullptr;
  bool hasConstructors = false;
  if (instantiable) {
    for (const auto& m : cls->ownMethods) {
      if (!m->isConstructor) continue;
      hasConstructors = true;
      if (m->params.empty()) ctor = m.get();
    }
  }
  if (!instantiable || (hasConstructors && !ctor))
    vm.raise(interp::errors::TypeNotConstructible, t->name);
  return vm.newInstance(*cls, ctor, true);
}

// Apex Reference: Type Class — getName(), toString()
Value getName(Interp& vm, Value* args, int) { return vm.makeString(typeOf(args[0])->name); }

// Apex Reference: Type Class — equals(typeToCompare), hashCode()
Value equals(Interp&, Value* args, int) {
  return boolean(args[1].tag() == Tag::TypeRef && typeOf(args[1]) == typeOf(args[0]));
}
Value hashCode(Interp& vm, Value* args, int) { return integer(int32_t(vm.keyHash(args[0]))); }

// Whether a value of `from` may be assigned to `to`: the same type, Object,
// a superclass or interface, or a wider number.
bool assignable(const Type* to, const Type* from) {
  if (to == from || to->kind == TypeKind::Object) return true;
  if (to->kind == TypeKind::Class && from->kind == TypeKind::Class) return from->cls->isSubclassOf(to->cls);
  switch (to->kind) {
    case TypeKind::Long: return from->kind == TypeKind::Integer;
    case TypeKind::Double:
    case TypeKind::Decimal: return from->isNumeric();
    case TypeKind::String: return from->kind == TypeKind::Id;
    default: return false;
  }
}

// Apex Reference: Type Class — isAssignableFrom(sourceType)
Value isAssignableFrom(Interp& vm, Value* args, int) {
  return boolean(assignable(typeOf(args[0]), typeOf(nonNull(vm, args[1]))));
}

const sema::NativeDef kNatives[] = {
    {"Type", "static Type forName(String)", &forName},
    {"Type", "static Type forName(String, String)", &forNameInNamespace},
    {"Type", "Object newInstance()", &newInstance},
    {"Type", "String getName()", &getName},
    {"Type", "String toString()", &getName},
    {"Type", "Boolean equals(Object)", &equals},
    {"Type", "Integer hashCode()", &hashCode},
    {"Type", "Boolean isAssignableFrom(Type)", &isAssignableFrom},
};

}  // namespace

std::span<const sema::NativeDef> typeNatives() { return kNatives; }

}  // namespace apex::stdlib
