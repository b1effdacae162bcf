// Apex Reference: Map Class. A Map<K,V> is a MapObj over an insertion-ordered
// OrderedTable (String keys are case-sensitive, but in describe's maps).
#include "base/text.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

using interp::MapObj;

MapObj* self(Value* args) { return mapOf(args[0]); }
void grew(Interp& vm, MapObj* m) { vm.resized(m, tableBytes(m->table.size(), true)); }

// The key as the map holds it: lower case in a map that folds its keys.
Value keyIn(Interp& vm, const MapObj* m, const Value& key) {
  if (!m->foldsKeys || key.tag() != Tag::String) return key;
  return vm.makeString(text::foldCase(str(key)));
}

// Apex Reference: Map Class — put(key, value): returns the previous value
Value put(Interp& vm, Value* args, int) {
  MapObj* m = self(args);
  Value key = keyIn(vm, m, args[1]);
  if (m->iterating > 0 && m->table.find(key) < 0) checkNotIterating(vm, m);
  size_t before = m->table.size();
  Value previous = m->table.put(key, args[2]);
  if (m->table.size() != before) grew(vm, m);
  return previous;
}
// Apex Reference: Map Class — get(key)
Value get(Interp& vm, Value* args, int) {
  MapObj* m = self(args);
  long i = m->table.find(keyIn(vm, m, args[1]));
  return i < 0 ? Value() : m->table.values()[size_t(i)];
}
// Apex Reference: Map Class — containsKey(key)
Value containsKey(Interp& vm, Value* args, int) {
  return boolean(self(args)->table.find(keyIn(vm, self(args), args[1])) >= 0);
}
// Apex Reference: Map Class — keySet(): a Set of the keys; removing from
// it removes from the map, adding to it is refused (see set.cpp)
Value keySet(Interp& vm, Value* args, int) {
  MapObj* m = self(args);
  const sema::Type* keyType = m->type && m->type->element ? m->type->element : vm.types().object();
  Value s = vm.makeSet(vm.types().set(keyType));
  interp::SetObj* so = setOf(s);
  so->keysOf = args[0];
  for (const Value& k : m->table.keys()) so->table.add(k);
  vm.resized(so, tableBytes(so->table.size(), false));
  return s;
}
// Apex Reference: Map Class — values(): a new List in the map's order
Value values(Interp& vm, Value* args, int) {
  MapObj* m = self(args);
  const sema::Type* valueType = m->type && m->type->value ? m->type->value : vm.types().object();
  return vm.makeList(vm.types().list(valueType), m->table.values());
}
// Apex Reference: Map Class — remove(key): returns the removed value
Value remove(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  return self(args)->table.remove(keyIn(vm, self(args), args[1]), nullptr);
}
// Apex Reference: Map Class — size(), isEmpty(), clear()
Value size(Interp&, Value* args, int) { return integer(int32_t(self(args)->table.size())); }
Value isEmpty(Interp&, Value* args, int) { return boolean(self(args)->table.size() == 0); }
Value clear(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  self(args)->table.clear();
  grew(vm, self(args));
  return Value();
}
// Apex Reference: Map Class — putAll(fromMap)
Value putAll(Interp& vm, Value* args, int) {
  MapObj* m = self(args);
  checkNotIterating(vm, m);
  MapObj* from = mapOf(nonNull(vm, args[1]));
  std::vector<Value> keys = from->table.keys(), vals = from->table.values();
  for (size_t i = 0; i < keys.size(); ++i) m->table.put(keys[i], vals[i]);
  grew(vm, m);
  return Value();
}
// Apex Reference: Map Class — putAll(sobjectArray): each record by its Id,
// as the Map(recordList) constructor keys them.
Value putAllRecords(Interp& vm, Value* args, int) {
  MapObj* m = self(args);
  checkNotIterating(vm, m);
  vm.putRecordsById(args[0], listOf(nonNull(vm, args[1]))->items);
  grew(vm, m);
  return Value();
}
// Apex Reference: Map Class — clone()
Value clone(Interp& vm, Value* args, int) {
  MapObj* m = self(args);
  Value copy = vm.makeMap(m->type);
  MapObj* c = mapOf(copy);
  c->foldsKeys = m->foldsKeys;
  for (size_t i = 0; i < m->table.size(); ++i) c->table.put(m->table.keys()[i], m->table.values()[i]);
  grew(vm, c);
  return copy;
}
// Apex Reference: Map Class — equals(map2), hashCode(), toString()
Value equals(Interp& vm, Value* args, int) {
  if (args[1].tag() != Tag::Map) return boolean(false);
  return boolean(vm.equalsOperator(args[0], args[1]));
}
Value hashCode(Interp& vm, Value* args, int) { return integer(int32_t(vm.keyHash(args[0]))); }
Value toString(Interp& vm, Value* args, int) { return vm.makeString(vm.stringValueOf(args[0])); }

const sema::NativeDef kNatives[] = {
    {"Map", "V put(K, V)", &put},
    {"Map", "V get(K)", &get},
    {"Map", "Boolean containsKey(K)", &containsKey},
    {"Map", "Set<K> keySet()", &keySet},
    {"Map", "List<V> values()", &values},
    {"Map", "V remove(K)", &remove},
    {"Map", "Integer size()", &size},
    {"Map", "Boolean isEmpty()", &isEmpty},
    {"Map", "void clear()", &clear},
    {"Map", "void putAll(Map<K,V>)", &putAll},
    {"Map", "void putAll(List<SObject>)", &putAllRecords},
    {"Map", "Map<K,V> clone()", &clone},
    {"Map", "Boolean equals(Object)", &equals},
    {"Map", "Integer hashCode()", &hashCode},
    {"Map", "String toString()", &toString},
};

}  // namespace

std::span<const sema::NativeDef> mapNatives() { return kNatives; }

}  // namespace apex::stdlib
