// The standard library's classes written in Apex (stdlib/apex/*.cls,
// embedded in the binary at build time): the resolver loads them by name on
// first use, as it loads a project's classes.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "sema/class_source.h"

namespace apex::stdlib {

struct EmbeddedClass {
  std::string_view name;    // the class name, as its file is named
  std::string_view source;  // the .cls text
};

// Every embedded class (generated: embedded_apex.cpp).
std::span<const EmbeddedClass> embeddedClasses();

// A class source over the embedded classes, one per Program.
std::unique_ptr<sema::ClassSource> makeSystemClasses();

}  // namespace apex::stdlib
