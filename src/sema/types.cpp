#include "sema/types.h"

#include "sema/schema.h"

namespace apex::sema {

bool ClassSymbol::isSubclassOf(const ClassSymbol* other) const {
  if (this == other) return true;
  if (superclass && superclass->isSubclassOf(other)) return true;
  for (const ClassSymbol* i : interfaces) {
    if (i->isSubclassOf(other)) return true;
  }
  return false;
}

namespace {

std::unique_ptr<Type> makeType(TypeKind kind, std::string name) {
  auto t = std::make_unique<Type>();
  t->kind = kind;
  t->name = std::move(name);
  return t;
}

}  // namespace

TypeTable::TypeTable() {
  void_ = intern(makeType(TypeKind::Void, "void"));
  null_ = intern(makeType(TypeKind::Null, "null"));
  object_ = intern(makeType(TypeKind::Object, "Object"));
  boolean_ = intern(makeType(TypeKind::Boolean, "Boolean"));
  integer_ = intern(makeType(TypeKind::Integer, "Integer"));
  long_ = intern(makeType(TypeKind::Long, "Long"));
  double_ = intern(makeType(TypeKind::Double, "Double"));
  decimal_ = intern(makeType(TypeKind::Decimal, "Decimal"));
  string_ = intern(makeType(TypeKind::String, "String"));
  id_ = intern(makeType(TypeKind::Id, "Id"));
  blob_ = intern(makeType(TypeKind::Blob, "Blob"));
  date_ = intern(makeType(TypeKind::Date, "Date"));
  datetime_ = intern(makeType(TypeKind::Datetime, "Datetime"));
  time_ = intern(makeType(TypeKind::Time, "Time"));
  sobject_ = intern(makeType(TypeKind::SObject, "SObject"));
  dynamic_ = intern(makeType(TypeKind::Dynamic, "Object"));
}

const Type* TypeTable::sobjectType(const SObjectType& object) {
  auto t = makeType(TypeKind::SObject, object.name);
  t->sobject = &object;
  return intern(std::move(t));
}

// The intern key is the printed name plus the kind and what the type is
// made of: class names are qualified and a class cannot be named like a
// primitive, but a class K and Map's type parameter K print alike, so
// Set<K> of either is told apart by its (interned) element.
const Type* TypeTable::intern(std::unique_ptr<Type> t) {
  std::string key = std::to_string(int(t->kind)) + ':' + t->name;
  if (t->cls) key += ':' + std::to_string(reinterpret_cast<uintptr_t>(t->cls));
  if (t->element) key += ':' + std::to_string(reinterpret_cast<uintptr_t>(t->element));
  if (t->value) key += ':' + std::to_string(reinterpret_cast<uintptr_t>(t->value));
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = byKey_.find(key);
  if (it != byKey_.end()) return it->second.get();
  const Type* raw = t.get();
  byKey_.emplace(std::move(key), std::move(t));
  return raw;
}

const Type* TypeTable::typeParam(char name) {
  return intern(makeType(TypeKind::TypeParam, std::string(1, name)));
}

const Type* TypeTable::list(const Type* element) {
  auto t = makeType(TypeKind::List, "List<" + element->name + ">");
  t->element = element;
  return intern(std::move(t));
}

const Type* TypeTable::set(const Type* element) {
  auto t = makeType(TypeKind::Set, "Set<" + element->name + ">");
  t->element = element;
  return intern(std::move(t));
}

const Type* TypeTable::map(const Type* key, const Type* value) {
  auto t = makeType(TypeKind::Map, "Map<" + key->name + "," + value->name + ">");
  t->element = key;
  t->value = value;
  return intern(std::move(t));
}

const Type* TypeTable::classType(const ClassSymbol* cls) {
  auto t = makeType(TypeKind::Class, cls->qualifiedName);
  t->cls = cls;
  return intern(std::move(t));
}

const Type* TypeTable::classType(const ClassSymbol* cls, const Type* typeArgument) {
  auto t = makeType(TypeKind::Class, cls->qualifiedName + "<" + typeArgument->name + ">");
  t->cls = cls;
  t->element = typeArgument;
  return intern(std::move(t));
}

const Type* TypeTable::primitiveByName(std::string_view name) const {
  std::string n = foldCase(name);
  if (n == "object") return object_;
  if (n == "boolean") return boolean_;
  if (n == "integer") return integer_;
  if (n == "long") return long_;
  if (n == "double") return double_;
  if (n == "decimal") return decimal_;
  if (n == "string") return string_;
  if (n == "id") return id_;
  if (n == "blob") return blob_;
  if (n == "date") return date_;
  if (n == "datetime") return datetime_;
  if (n == "time") return time_;
  if (n == "sobject") return sobject_;
  return nullptr;
}

}  // namespace apex::sema
