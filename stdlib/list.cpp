// Apex Reference: List Class. A List<T> is a ListObj; T[] is the same type.
#include <algorithm>

#include "stdlib/interfaces.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "stdlib/sobject_clone.h"

namespace apex::stdlib {
namespace {

using interp::ListObj;

ListObj* self(Value* args) { return listOf(args[0]); }

[[noreturn]] void outOfBounds(Interp& vm, int64_t index) {
  vm.raise(interp::errors::ListIndexOutOfBounds, index);
}

void grew(Interp& vm, ListObj* l) { vm.resized(l, listBytes(l)); }

// A List<Integer> seen as List<Object> still takes only Integers.
void checkStore(Interp& vm, ListObj* l, const Value& v) {
  if (v.isNull() || !l->type || !l->type->element) return;
  const sema::Type* element = l->type->element;
  if (element->kind == sema::TypeKind::Object) return;
  if (!vm.isInstanceOf(v, element))
    vm.raise(interp::errors::CollectionStore, vm.runtimeTypeName(v), l->type->name);
}

// Apex Reference: List Class — add(listElement)
Value add(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  ListObj* l = self(args);
  checkStore(vm, l, args[1]);
  l->items.push_back(args[1]);
  grew(vm, l);
  return Value();
}
// Apex Reference: List Class — add(index, listElement)
Value addAt(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  ListObj* l = self(args);
  int32_t i = intArg(vm, args[1]);
  if (i < 0 || size_t(i) > l->items.size()) outOfBounds(vm, i);
  checkStore(vm, l, args[2]);
  l->items.insert(l->items.begin() + i, args[2]);
  grew(vm, l);
  return Value();
}
// Apex Reference: List Class — addAll(fromList), addAll(fromSet)
Value addAllList(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  ListObj* l = self(args);
  std::vector<Value> copy = listOf(nonNull(vm, args[1]))->items;  // the list may be itself
  l->items.insert(l->items.end(), copy.begin(), copy.end());
  grew(vm, l);
  return Value();
}
Value addAllSet(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  ListObj* l = self(args);
  const auto& keys = setOf(nonNull(vm, args[1]))->table.keys();
  l->items.insert(l->items.end(), keys.begin(), keys.end());
  grew(vm, l);
  return Value();
}
// Apex Reference: List Class — get(index)
Value get(Interp& vm, Value* args, int) {
  ListObj* l = self(args);
  int32_t i = intArg(vm, args[1]);
  if (i < 0 || size_t(i) >= l->items.size()) outOfBounds(vm, i);
  return l->items[size_t(i)];
}
// Apex Reference: List Class — set(index, listElement)
Value set(Interp& vm, Value* args, int) {
  ListObj* l = self(args);
  int32_t i = intArg(vm, args[1]);
  if (i < 0 || size_t(i) >= l->items.size()) outOfBounds(vm, i);
  checkStore(vm, l, args[2]);
  l->items[size_t(i)] = args[2];
  return Value();
}
// Apex Reference: List Class — remove(index)
Value remove(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  ListObj* l = self(args);
  int32_t i = intArg(vm, args[1]);
  if (i < 0 || size_t(i) >= l->items.size()) outOfBounds(vm, i);
  Value removed = std::move(l->items[size_t(i)]);
  l->items.erase(l->items.begin() + i);
  grew(vm, l);
  return removed;
}
// Apex Reference: List Class — size(), isEmpty(), clear()
Value size(Interp&, Value* args, int) { return integer(int32_t(self(args)->items.size())); }
Value isEmpty(Interp&, Value* args, int) { return boolean(self(args)->items.empty()); }
Value clear(Interp& vm, Value* args, int) {
  checkNotIterating(vm, self(args));
  ListObj* l = self(args);
  l->items.clear();
  l->items.shrink_to_fit();
  grew(vm, l);
  return Value();
}
// Apex Reference: List Class — contains(listElement), indexOf(listElement)
Value indexOfImpl(Interp& vm, Value* args) {
  const auto& items = self(args)->items;
  for (size_t i = 0; i < items.size(); ++i)
    if (vm.keyEquals(items[i], args[1])) return integer(int32_t(i));
  return integer(-1);
}
Value contains(Interp& vm, Value* args, int) { return boolean(indexOfImpl(vm, args).asInt() >= 0); }
Value indexOf(Interp& vm, Value* args, int) { return indexOfImpl(vm, args); }

// A stable bottom-up merge sort. Unlike std::stable_sort it stays within
// bounds when an Apex compareTo or compare answers inconsistently.
template <class Less>
void mergeSort(std::vector<Value>& items, Less less) {
  std::vector<Value> merged(items.size());
  for (size_t width = 1; width < items.size(); width *= 2) {
    for (size_t low = 0; low < items.size(); low += 2 * width) {
      size_t middle = std::min(low + width, items.size()), high = std::min(low + 2 * width, items.size());
      size_t i = low, j = middle, k = low;
      while (i < middle && j < high) merged[k++] = std::move(less(items[j], items[i]) ? items[j++] : items[i++]);
      while (i < middle) merged[k++] = std::move(items[i++]);
      while (j < high) merged[k++] = std::move(items[j++]);
    }
    items.swap(merged);
  }
}

// Sorts a copy, so that an Apex exception mid-sort leaves the list as it was.
template <class Less>
void sortList(Interp& vm, ListObj* l, Less less) {
  checkNotIterating(vm, l);
  std::vector<Value> copy = l->items;
  mergeSort(copy, less);
  l->items = std::move(copy);
}

// Apex Reference: List Class — sort(): ascending, stable; Comparable objects by compareTo
Value sort(Interp& vm, Value* args, int) {
  sortList(vm, self(args), [&](const Value& a, const Value& b) { return vm.compareForSort(a, b) < 0; });
  return Value();
}
// Apex Reference: List Class — sort(comparator): the order of comparator.compare(o1, o2)
Value sortWith(Interp& vm, Value* args, int) {
  Value comparator = nonNull(vm, args[1]);
  sortList(vm, self(args), [&](const Value& a, const Value& b) {
    Value pair[] = {a, b};
    Value result;
    vm.callOverride(comparator, "compare", pair, 2, &result);
    return nonNull(vm, result).asInt() < 0;
  });
  return Value();
}

// Apex Reference: List Class — iterator()
Value iterator(Interp& vm, Value* args, int) { return makeCollectionIterator(vm, args[0]); }

// Apex Reference: List Class — getSObjectType(): the token of the object a
// list of sObjects holds; null for a List<SObject> or a list of anything else.
Value getSObjectType(Interp&, Value* args, int) {
  const sema::Type* element = self(args)->type ? self(args)->type->element : nullptr;
  if (!element || element->kind != sema::TypeKind::SObject || !element->sobject) return Value();
  return Value::schemaObject(element->sobject, interp::SchemaView::Token);
}

// Apex Reference: List Class — clone(): the list copied, its elements shared.
Value clone(Interp& vm, Value* args, int) {
  ListObj* l = self(args);
  return vm.makeList(l->type, l->items);
}

// Apex Reference: List Class — deepClone(preserveId, preserveReadonlyTimestamps,
// preserveAutonumber): a list of sObjects copied with copies of its records
// (every argument optional and false); other elements are shared.
Value deepClone(Interp& vm, Value* args, int argc) {
  CloneOptions options;
  options.preserveId = argc > 1 && boolArg(vm, args[1]);
  options.preserveTimestamps = argc > 2 && boolArg(vm, args[2]);
  options.preserveAutonumber = argc > 3 && boolArg(vm, args[3]);
  std::vector<Value> copies;
  for (const Value& item : self(args)->items)
    copies.push_back(item.tag() == Tag::SObject ? cloneRecord(vm, item, options) : item);
  return vm.makeList(self(args)->type, std::move(copies));
}

// Apex Reference: List Class — equals(list2), hashCode(), toString()
Value equals(Interp& vm, Value* args, int) {
  if (args[1].tag() != Tag::List) return boolean(false);
  return boolean(vm.equalsOperator(args[0], args[1]));
}
Value hashCode(Interp& vm, Value* args, int) { return integer(int32_t(vm.keyHash(args[0]))); }
Value toString(Interp& vm, Value* args, int) { return vm.makeString(vm.stringValueOf(args[0])); }

const sema::NativeDef kNatives[] = {
    {"List", "void add(T)", &add},
    {"List", "void add(Integer, T)", &addAt},
    {"List", "void addAll(List<T>)", &addAllList},
    {"List", "void addAll(Set<T>)", &addAllSet},
    {"List", "T get(Integer)", &get},
    {"List", "void set(Integer, T)", &set},
    {"List", "T remove(Integer)", &remove},
    {"List", "Integer size()", &size},
    {"List", "Boolean isEmpty()", &isEmpty},
    {"List", "void clear()", &clear},
    {"List", "Boolean contains(Object)", &contains},
    {"List", "Integer indexOf(Object)", &indexOf},
    {"List", "void sort()", &sort},
    {"List", "void sort(Comparator<T>)", &sortWith},
    {"List", "Iterator<T> iterator()", &iterator},
    {"List", "List<T> clone()", &clone},
    {"List", "Schema.SObjectType getSObjectType()", &getSObjectType},
    {"List", "List<T> deepClone()", &deepClone},
    {"List", "List<T> deepClone(Boolean)", &deepClone},
    {"List", "List<T> deepClone(Boolean, Boolean)", &deepClone},
    {"List", "List<T> deepClone(Boolean, Boolean, Boolean)", &deepClone},
    {"List", "Boolean equals(Object)", &equals},
    {"List", "Integer hashCode()", &hashCode},
    {"List", "String toString()", &toString},
};

}  // namespace

std::span<const sema::NativeDef> listNatives() { return kNatives; }

}  // namespace apex::stdlib
