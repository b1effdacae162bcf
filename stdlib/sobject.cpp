// Apex Reference: SObject Class — dynamic field access. apexrun has no data
// layer yet: code that uses these compiles, and running it raises a clear
// exception (docs/differences.md).
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {

namespace {

Value unavailable(Interp& vm, Value*, int) {
  vm.raise(interp::errors::SObjectNotAvailable);
}

const sema::NativeDef kSObjectNatives[] = {
    {"SObject", "Object get(String)", &unavailable},
    {"SObject", "Object put(String, Object)", &unavailable},
    {"SObject", "Id getId()", &unavailable},
    {"SObject", "SObject clone()", &unavailable},
    {"SObject", "void addError(String)", &unavailable},
};

}  // namespace

std::span<const sema::NativeDef> sobjectNatives() { return kSObjectNatives; }

}  // namespace apex::stdlib
