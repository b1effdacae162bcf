// Apex Reference: Set Class. A Set<T> is a SetObj over an insertion-ordered
// OrderedTable keyed with equals/hashCode semantics.
#include "stdlib/interfaces.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

using interp::SetObj;

SetObj* self(Value* args) { return setOf(args[0]); }
void grew(Interp& vm, SetObj* s) { vm.resized(s, tableBytes(s->table.size(), false)); }

// A Map's keySet() takes no new elements (Salesforce Stack Exchange,
// "Maps keySet is a collection that supports remove() but is otherwise read-only").
void checkAddable(Interp& vm, SetObj* s) {
  checkNotIterating(vm, s);
  if (!s->keysOf.isNull()) vm.raise(interp::errors::CollectionReadOnly);
}
// Removes an element, and its entry from the map the set is the keySet() of.
bool removeElement(SetObj* s, const Value& v) {
  bool found = false;
  s->table.remove(v, &found);
  if (found && !s->keysOf.isNull()) mapOf(s->keysOf)->table.remove(v, nullptr);
  return found;
}

// The elements of a List or Set argument (copied: it may be the receiver).
std::vector<Value> elementsOf(Interp& vm, const Value& v) {
  nonNull(vm, v);
  if (v.tag() == Tag::List) return listOf(v)->items;
  return setOf(v)->table.keys();
}

// Apex Reference: Set Class — add(setElement)
Value add(Interp& vm, Value* args, int) {
  checkAddable(vm, self(args));
  SetObj* s = self(args);
  bool added = s->table.add(args[1]);
  if (added) grew(vm, s);
  return boolean(added);
}
// Apex Reference: Set Class — addAll(fromList), addAll(fromSet)
Value addAll(Interp& vm, Value* args, int) {
  checkAddable(vm, self(args));
  SetObj* s = self(args);
  bool changed = false;
  for (const Value& v : elementsOf(vm, args[1])) changed |= s->table.add(v);
  if (changed) grew(vm, s);
  return boolean(changed);
}
// Apex Reference: Set Class — contains(setElement), containsAll(listToCompare|setToCompare)
Value contains(Interp&, Value* args, int) { return boolean(self(args)->table.find(args[1]) >= 0); }
Value containsAll(Interp& vm, Value* args, int) {
  SetObj* s = self(args);
  for (const Value& v : elementsOf(vm, args[1]))
    if (s->table.find(v) < 0) return boolean(false);
  return boolean(true);
}
// Apex Reference: Set Class — remove(setElement), removeAll(...), retainAll(...)
Value remove(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  return boolean(removeElement(self(args), args[1]));
}
Value removeAll(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  SetObj* s = self(args);
  bool changed = false;
  for (const Value& v : elementsOf(vm, args[1])) changed |= removeElement(s, v);
  return boolean(changed);
}
Value retainAll(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  SetObj* s = self(args);
  std::vector<Value> keep = elementsOf(vm, args[1]);
  interp::OrderedTable other(&vm);
  for (const Value& v : keep) other.add(v);
  std::vector<Value> drop;
  for (const Value& k : s->table.keys())
    if (other.find(k) < 0) drop.push_back(k);
  for (const Value& k : drop) removeElement(s, k);
  return boolean(!drop.empty());
}
// Apex Reference: Set Class — size(), isEmpty(), clear()
Value size(Interp&, Value* args, int) { return integer(int32_t(self(args)->table.size())); }
Value isEmpty(Interp&, Value* args, int) { return boolean(self(args)->table.size() == 0); }
Value clear(Interp& vm, Value* args, int) {
  SetObj* s = self(args);
  checkNotIterating(vm, s);
  if (!s->keysOf.isNull()) {  // the map keeps only the entries this set does not hold
    interp::MapObj* m = mapOf(s->keysOf);
    interp::OrderedTable kept(&vm);
    for (size_t i = 0; i < m->table.size(); ++i)
      if (s->table.find(m->table.keys()[i]) < 0) kept.put(m->table.keys()[i], m->table.values()[i]);
    m->table = std::move(kept);
    vm.resized(m, tableBytes(m->table.size(), true));
  }
  s->table.clear();
  grew(vm, self(args));
  return Value();
}
// Apex Reference: Set Class — clone()
Value clone(Interp& vm, Value* args, int) {
  SetObj* s = self(args);
  Value copy = vm.makeSet(s->type);
  SetObj* c = setOf(copy);
  for (const Value& k : s->table.keys()) c->table.add(k);
  grew(vm, c);
  return copy;
}
// Apex Reference: Set Class — iterator()
Value iterator(Interp& vm, Value* args, int) { return makeCollectionIterator(vm, args[0]); }
// Apex Reference: Set Class — equals(set2), hashCode(), toString()
Value equals(Interp& vm, Value* args, int) {
  if (args[1].tag() != Tag::Set) return boolean(false);
  return boolean(vm.equalsOperator(args[0], args[1]));
}
Value hashCode(Interp& vm, Value* args, int) { return integer(int32_t(vm.keyHash(args[0]))); }
Value toString(Interp& vm, Value* args, int) { return vm.makeString(vm.stringValueOf(args[0])); }

const sema::NativeDef kNatives[] = {
    {"Set", "Boolean add(T)", &add},
    {"Set", "Boolean addAll(List<T>)", &addAll},
    {"Set", "Boolean addAll(Set<T>)", &addAll},
    {"Set", "Boolean contains(Object)", &contains},
    {"Set", "Boolean containsAll(List<Object>)", &containsAll},
    {"Set", "Boolean containsAll(Set<T>)", &containsAll},
    {"Set", "Boolean remove(Object)", &remove},
    {"Set", "Boolean removeAll(List<Object>)", &removeAll},
    {"Set", "Boolean removeAll(Set<T>)", &removeAll},
    {"Set", "Boolean retainAll(List<Object>)", &retainAll},
    {"Set", "Boolean retainAll(Set<T>)", &retainAll},
    {"Set", "Integer size()", &size},
    {"Set", "Boolean isEmpty()", &isEmpty},
    {"Set", "void clear()", &clear},
    {"Set", "Set<T> clone()", &clone},
    {"Set", "Iterator<T> iterator()", &iterator},
    {"Set", "Boolean equals(Object)", &equals},
    {"Set", "Integer hashCode()", &hashCode},
    {"Set", "String toString()", &toString},
};

}  // namespace

std::span<const sema::NativeDef> setNatives() { return kNatives; }

}  // namespace apex::stdlib
