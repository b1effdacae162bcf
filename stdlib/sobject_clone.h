// Copies of records, shared by SObject.clone (sobject.cpp) and
// List.deepClone (list.cpp). Internal to stdlib/.
#pragma once

#include "stdlib/native.h"

namespace apex::stdlib {

// Apex Reference: SObject Class — clone(preserveId, isDeepClone,
// preserveReadonlyTimestamps, preserveAutonumber).
struct CloneOptions {
  bool preserveId = true;
  bool deep = false;  // parent records are cloned too
  bool preserveTimestamps = false;
  bool preserveAutonumber = false;
};

// A copy of the record `source`, marked as a clone of it.
Value cloneRecord(Interp& vm, const Value& source, const CloneOptions& options);

}  // namespace apex::stdlib
