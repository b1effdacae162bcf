// The built-in interfaces user classes implement (Apex Reference:
// Comparable, Comparator, Iterable, Iterator, Callable and HttpCalloutMock
// Interfaces).
#pragma once

#include <string_view>

namespace apex::sema {

class Program;

// Declares System.Comparable, Comparator<T>, Iterable<T>, Iterator<T>,
// Callable, HttpCalloutMock (with HttpRequest, HttpResponse and the two
// static-resource mocks) and the class of the iterators List.iterator() and
// Set.iterator() return. Runs before the native tables are read, which
// name these types in their signatures.
void addBuiltinInterfaces(Program& program);

// The built-in HttpCalloutMock implementations that answer from static
// resources (simple names).
inline constexpr std::string_view kStaticResourceMockClass = "StaticResourceCalloutMock";
inline constexpr std::string_view kMultiStaticResourceMockClass = "MultiStaticResourceCalloutMock";

// The qualified name of the built-in class behind List and Set iterators.
inline constexpr std::string_view kCollectionIteratorClass = "System.CollectionIterator";

}  // namespace apex::sema
