// The standard library as a Program receives it. Each stdlib/<class>.cpp
// declares its natives in a table by Apex signature; the resolver binds
// calls against them. The classes written in Apex come with them.
#pragma once

#include "sema/program.h"

namespace apex::stdlib {

// Every native of every system class, and the embedded Apex classes.
const sema::StandardLibrary& standardLibrary();

}  // namespace apex::stdlib
