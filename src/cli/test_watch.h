// `apexrun test --watch`: runs the tests, then again each time a file of
// the project changes.
#pragma once

#include <functional>
#include <set>
#include <string>

#include "cli/compiled_project.h"

namespace apex::cli {

// The test classes a run keeps (folded names); null: every selected class.
using ClassFilter = const std::set<std::string>*;

// Calls `run` with no filter, then after each change to a file of the
// project (polled every 200 ms) with the classes that use a changed class,
// directly or through others (runtime/testing/affected_tests.h), or with
// no filter when a changed file is not a class. Returns only when the
// project cannot be opened (the exit code); otherwise ends with the
// process (Ctrl-C).
int watchTests(const ProjectFlags& where, const std::function<int(ClassFilter)>& run);

}  // namespace apex::cli
