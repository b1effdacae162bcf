// The iterators List.iterator() and Set.iterator() return, and the call of
// an Apex implementation of a built-in interface. Internal to stdlib/.
#pragma once

#include "stdlib/native.h"

namespace apex::stdlib {

// The receiver's (args[0]) own implementation of the interface method
// `name`, called with the rest of `args`: how a native answering for a
// built-in interface reaches an Apex class implementing it.
Value callImplementation(Interp& vm, std::string_view name, Value* args, int argc);

// A System.Iterator over `collection` (a List or Set), from its first element.
Value makeCollectionIterator(Interp& vm, const Value& collection);

}  // namespace apex::stdlib
