// The iterators List.iterator() and Set.iterator() return. Internal to stdlib/.
#pragma once

#include "stdlib/native.h"

namespace apex::stdlib {

// A System.Iterator over `collection` (a List or Set), from its first element.
Value makeCollectionIterator(Interp& vm, const Value& collection);

}  // namespace apex::stdlib
