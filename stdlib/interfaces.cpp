// The built-in interfaces (Apex Reference: Comparable, Comparator, Iterable,
// Iterator and Callable Interfaces; declared in src/sema/interfaces.cpp).
// A call through an interface-typed value lands here and goes on to the
// implementing class's method; the iterators of List and Set are answered
// natively.
#include "stdlib/interfaces.h"

#include <string>

#include "sema/interfaces.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// A List/Set iterator keeps the collection in fields[0], the next position in fields[1].
interp::InstanceObj* collectionIterator(const Value& v) {
  auto* o = v.as<interp::InstanceObj>();
  return o->cls && o->cls->qualifiedName == sema::kCollectionIteratorClass ? o : nullptr;
}
const std::vector<Value>& elements(const Value& collection) {
  return collection.tag() == Tag::List ? listOf(collection)->items : setOf(collection)->table.keys();
}

// Apex Reference: Iterator Interface — hasNext()
Value hasNext(Interp& vm, Value* args, int argc) {
  interp::InstanceObj* it = collectionIterator(args[0]);
  if (!it) return callImplementation(vm, "hasNext", args, argc);
  return boolean(size_t(it->fields[1].asInt()) < elements(it->fields[0]).size());
}
// Apex Reference: Iterator Interface — next()
Value next(Interp& vm, Value* args, int argc) {
  interp::InstanceObj* it = collectionIterator(args[0]);
  if (!it) return callImplementation(vm, "next", args, argc);
  const std::vector<Value>& items = elements(it->fields[0]);
  int32_t position = it->fields[1].asInt();
  if (size_t(position) >= items.size())
    vm.raise(interp::errors::IteratorExhausted);
  it->fields[1] = integer(position + 1);
  return items[size_t(position)];
}
// Apex Reference: Iterable Interface — iterator(); a List or Set held as an
// Iterable answers with its own iterator.
Value iterator(Interp& vm, Value* args, int argc) {
  if (args[0].tag() == Tag::List || args[0].tag() == Tag::Set) return makeCollectionIterator(vm, args[0]);
  return callImplementation(vm, "iterator", args, argc);
}
// Apex Reference: Comparable Interface — compareTo(objectToCompareTo)
Value compareTo(Interp& vm, Value* args, int argc) { return callImplementation(vm, "compareTo", args, argc); }
// Apex Reference: Comparator Interface — compare(o1, o2)
Value compare(Interp& vm, Value* args, int argc) { return callImplementation(vm, "compare", args, argc); }
// Apex Reference: Callable Interface — call(action, args)
Value call(Interp& vm, Value* args, int argc) { return callImplementation(vm, "call", args, argc); }

const sema::NativeDef kNatives[] = {
    {"Iterator", "Boolean hasNext()", &hasNext},
    {"Iterator", "T next()", &next},
    {"Iterable", "Iterator<T> iterator()", &iterator},
    {"Comparable", "Integer compareTo(Object)", &compareTo},
    {"Comparator", "Integer compare(T, T)", &compare},
    {"Callable", "Object call(String, Map<String,Object>)", &call},
};

}  // namespace

Value callImplementation(Interp& vm, std::string_view name, Value* args, int argc) {
  Value result;
  if (!vm.callOverride(args[0], name, args + 1, argc - 1, &result))
    vm.raise(interp::errors::MethodNotImplemented, name);
  return result;
}

Value makeCollectionIterator(Interp& vm, const Value& collection) {
  Value it = vm.makeNativeInstance(sema::kCollectionIteratorClass, nullptr, 64);
  auto& fields = it.as<interp::InstanceObj>()->fields;
  fields.resize(2);
  fields[0] = collection;
  fields[1] = integer(0);
  return it;
}

std::span<const sema::NativeDef> interfaceNatives() { return kNatives; }

}  // namespace apex::stdlib
