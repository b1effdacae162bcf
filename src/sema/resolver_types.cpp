// Resolver, part 2: type names, assignability and implicit conversions
// (Apex Developer Guide: "Rules of Conversion").
#include <algorithm>

#include "sema/not_supported.h"
#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

namespace {

int numericRank(TypeKind k) {
  switch (k) {
    case TypeKind::Integer: return 0;
    case TypeKind::Long: return 1;
    case TypeKind::Double: return 2;
    case TypeKind::Decimal: return 3;
    default: return -1;
  }
}

}  // namespace

const Type* Resolver::resolveType(const TypeName& name) {
  const Type* t = nullptr;
  std::string head = foldCase(name.parts.back());
  bool collection = (name.parts.size() == 1 || (name.parts.size() == 2 && foldCase(name.parts[0]) == "system")) &&
                    (head == "list" || head == "set" || head == "map");
  if (collection) {
    size_t want = head == "map" ? 2 : 1;
    if (name.args.size() != want) fail(name.loc, Diagnostic::InvalidType, name.text());
    const Type* a = resolveType(name.args[0]);
    if (head == "list") t = types_.list(a);
    else if (head == "set") t = types_.set(a);
    else t = types_.map(a, resolveType(name.args[1]));
  } else {
    t = typeByName(name.parts, name.loc, false);
    if (!name.args.empty()) {
      // Only the built-in generic interfaces take type arguments.
      if (t->kind != TypeKind::Class || int(name.args.size()) != t->cls->typeParameterCount)
        fail(name.loc, Diagnostic::InvalidType, name.text());
      t = types_.classType(t->cls, resolveType(name.args[0]));
    }
  }
  for (int i = 0; i < name.arrayDims; ++i) t = types_.list(t);
  return t;
}

const ClassSymbol* Resolver::classByName(const std::vector<std::string>& parts, const SourceLoc& loc) {
  const ClassSymbol* cls = lookUpClass(parts, loc);
  if (cls) noteClassUse(*cls, loc);
  return cls;
}

// Apex Developer Guide, "Namespace, Class, and Variable Name Precedence":
// inner types, then the types of the block, then the project's classes.
const ClassSymbol* Resolver::lookUpClass(const std::vector<std::string>& parts, const SourceLoc& loc) {
  if (parts.size() == 1) {
    std::string folded = foldCase(parts[0]);
    // Inner classes of the current class and its enclosing classes first.
    for (const ClassSymbol* scope = ctx_.cls; scope; scope = scope->outer) {
      for (const ClassSymbol* c = scope; c; c = c->superclass) {
        for (const ClassSymbol* inner : c->innerClasses) {
          if (foldCase(inner->name) == folded) return inner;
        }
      }
    }
    if (const ClassSymbol* c = program_.findClass(folded)) return c;
    return loadProjectClass(folded, loc);
  }
  std::string qualified;
  for (size_t i = 0; i < parts.size(); ++i) qualified += (i ? "." : "") + parts[i];
  if (const ClassSymbol* c = program_.findClass(qualified)) return c;
  if (parts.size() == 2 && !program_.findClass(parts[0]) && loadProjectClass(foldCase(parts[0]), loc))
    return program_.findClass(qualified);
  if (foldCase(parts[0]) == "system" && parts.size() == 2) return program_.findClass(parts[1]);
  return nullptr;
}

const Type* Resolver::typeByName(const std::vector<std::string>& parts, const SourceLoc& loc, bool quiet) {
  std::string last = foldCase(parts.back());
  bool systemPrefix = parts.size() == 2 && foldCase(parts[0]) == "system";
  bool schemaPrefix = parts.size() == 2 && foldCase(parts[0]) == "schema";
  if (parts.size() == 1 || systemPrefix) {
    if (const Type* p = types_.primitiveByName(last)) return p;
  }
  if (const ClassSymbol* c = classByName(parts, loc)) {
    checkTypeAccess(*c, loc);
    return c->type;
  }
  if (parts.size() == 1 || schemaPrefix) {
    if (const Type* t = sobjectTypeNamed(parts.back())) return t;
  }
  if (quiet) return nullptr;
  if (auto feature = notSupportedYet(parts)) fail(loc, Diagnostic::NotSupportedYet, *feature);
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) text += (i ? "." : "") + parts[i];
  fail(loc, Diagnostic::InvalidType, text);
}

bool Resolver::assignable(const Type* to, const Type* from) const {
  if (to == from) return true;
  if (to->kind == TypeKind::Void || from->kind == TypeKind::Void) return false;
  if (from->kind == TypeKind::Null) return true;
  if (to->kind == TypeKind::Object || to->kind == TypeKind::Dynamic || from->kind == TypeKind::Dynamic)
    return true;
  int toRank = numericRank(to->kind), fromRank = numericRank(from->kind);
  if (toRank >= 0 && fromRank >= 0) {
    // Widening, plus Double and Decimal into each other.
    return fromRank <= toRank || (toRank >= 2 && fromRank >= 2);
  }
  if ((to->kind == TypeKind::Id && from->kind == TypeKind::String) ||
      (to->kind == TypeKind::String && from->kind == TypeKind::Id))
    return true;
  // A Date is a Datetime at its midnight (GMT).
  if (to->kind == TypeKind::Datetime && from->kind == TypeKind::Date) return true;
  if (to->kind == TypeKind::Class && from->kind == TypeKind::Class) {
    // Iterator<Integer> is no Iterator<String>; a raw Iterator takes either.
    // Iterables convert both ways along their element types: an
    // Iterable<Object> takes an Iterable<Id>, an Iterable<String> an
    // Iterable<Object> (checked when the elements are used).
    if (to->cls == from->cls && to->element && from->element)
      return to->cls == program_.iterableClass
                 ? elementAssignable(to->element, from->element) || elementAssignable(from->element, to->element)
                 : to->element == from->element;
    return from->cls->isSubclassOf(to->cls);
  }
  if (to->kind == TypeKind::SObject && from->kind == TypeKind::SObject) return to == types_.sobject();
  if (to->kind == TypeKind::List && from->kind == TypeKind::List) return elementAssignable(to->element, from->element);
  // Maps are covariant in their values only; sets not at all.
  if (to->kind == TypeKind::Map && from->kind == TypeKind::Map)
    return to->element == from->element && elementAssignable(to->value, from->value);
  // List<T> and Set<T> implement Iterable<T>.
  if (to->kind == TypeKind::Class && to->cls == program_.iterableClass &&
      (from->kind == TypeKind::List || from->kind == TypeKind::Set))
    return !to->element || to->element == from->element || elementAssignable(to->element, from->element);
  return false;
}

bool Resolver::takesRecords(const Type* to, const Type* from) const {
  bool recordsDowncast = to->kind == TypeKind::List && from->kind == TypeKind::List &&
                         from->element == types_.sobject() && to->element->kind == TypeKind::SObject;
  return recordsDowncast || assignable(to, from);
}

// Whether a collection of `from` may be used as a collection of `to`:
// List<Object> takes any list, List<SObject> a List<Account>, a list of a
// superclass a list of its subclass; List<Decimal> is no List<Integer>.
bool Resolver::elementAssignable(const Type* to, const Type* from) const {
  if (to == from || to->kind == TypeKind::Object) return true;
  // List<List<Contact>> is a List<List<SObject>>.
  if (to->kind == TypeKind::List && from->kind == TypeKind::List) return elementAssignable(to->element, from->element);
  bool reference = from->kind == TypeKind::Class || from->kind == TypeKind::SObject;
  return reference && assignable(to, from);
}

bool Resolver::needsConversion(const Type* to, const Type* from) const {
  if (to == from) return false;
  if (to->isNumeric() && from->isNumeric()) return true;
  return (to->kind == TypeKind::Id && from->kind == TypeKind::String) ||
         (to->kind == TypeKind::Datetime && from->kind == TypeKind::Date);
}

// Wraps `e` in an implicit cast where Apex converts the value silently.
namespace {

// Wraps `e` in an implicit cast to `to`.
CastExpr& implicitCast(ExprPtr& e, const Type* to) {
  auto cast = std::make_unique<CastExpr>(e->loc);
  cast->implicit = true;
  cast->targetType = to;
  cast->type = to;
  cast->operand = std::move(e);
  CastExpr& made = *cast;
  e = std::move(cast);
  return made;
}

}  // namespace

void Resolver::coerce(ExprPtr& e, const Type* to) {
  if (needsConversion(to, e->type)) implicitCast(e, to);
}

void Resolver::requireAssignable(ExprPtr& e, const Type* to, const SourceLoc& loc) {
  if (takesSoqlRow(*e, to)) {
    e->as<SoqlExpr>().singleRow = true;
    e->type = e->type->element;
  }
  if (takesDynamicQueryRow(*e, to)) {
    implicitCast(e, to).singleRow = true;
    return;
  }
  if (!takesRecords(to, e->type)) fail(loc, Diagnostic::IllegalAssignment, e->type->name, to->name);
  coerce(e, to);
}

const Type* Resolver::numericPromotion(const Type* a, const Type* b) const {
  return numericRank(a->kind) >= numericRank(b->kind) ? a : b;
}

// The type of `c ? a : b` and of list initializers with mixed elements.
const Type* Resolver::commonType(const Type* a, const Type* b) const {
  if (a == b) return a;
  if (a->kind == TypeKind::Null) return b;
  if (b->kind == TypeKind::Null) return a;
  if (a->isNumeric() && b->isNumeric()) return numericPromotion(a, b);
  if (assignable(a, b)) return a;
  if (assignable(b, a)) return b;
  return types_.object();
}

// Binds T, K and V of a built-in signature to the receiver's type arguments.
const Type* Resolver::substitute(const Type* t, const Type* receiver) {
  if (!receiver) return t;
  switch (t->kind) {
    case TypeKind::TypeParam:
      if (t->name == "V") return receiver->value ? receiver->value : types_.object();
      // An enum's and an sObject's own type (`T clone()` on an Account is an Account).
      if (receiver->kind == TypeKind::Class && receiver->cls->kind == ClassKind::Enum) return receiver;
      if (receiver->kind == TypeKind::SObject) return receiver;
      return receiver->element ? receiver->element : types_.object();
    case TypeKind::List: return types_.list(substitute(t->element, receiver));
    case TypeKind::Set: return types_.set(substitute(t->element, receiver));
    case TypeKind::Map: return types_.map(substitute(t->element, receiver), substitute(t->value, receiver));
    case TypeKind::Class: return t->element ? types_.classType(t->cls, substitute(t->element, receiver)) : t;
    default: return t;
  }
}

std::string Resolver::typeNames(const std::vector<const Type*>& types, std::string_view separator) {
  std::string text;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) text += separator;
    text += types[i]->name;
  }
  return text;
}

}  // namespace apex::sema
