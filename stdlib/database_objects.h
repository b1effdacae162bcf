// Database.Error objects, made by database.cpp (the DML methods' results)
// and sobject.cpp (SObject.getErrors). Internal to stdlib/.
#pragma once

#include "interp/dml_errors.h"
#include "stdlib/native.h"

namespace apex::stdlib {

// A Database.Error carrying `error` (Apex Reference: Database.Error Class).
Value databaseError(Interp& vm, const interp::dml::RowError& error);

}  // namespace apex::stdlib
