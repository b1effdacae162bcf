// The one list of built-in methods. Each stdlib/<class>.cpp declares its
// natives in a table by Apex signature; the resolver binds calls against them.
#pragma once

#include <span>

#include "sema/types.h"

namespace apex::stdlib {

// Every NativeDef of every system class, in one span that lives forever.
std::span<const sema::NativeDef> allNatives();

}  // namespace apex::stdlib
