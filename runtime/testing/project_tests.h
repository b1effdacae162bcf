// A run of a project's test classes as `apexrun test` makes it and
// `apexrun serve` makes it for the Tooling API's runTests resources: the
// selected tests, their times, and with coverage each test's own coverage
// and the whole run's, over the project's classes and triggers.
#pragma once

#include <vector>

#include "runtime/project/project_classes.h"
#include "runtime/testing/test_reports.h"
#include "runtime/testing/test_runner.h"

namespace apex::runtime {

// Runs `selected` (of `program`, compiled from `classes`) in `environment`;
// with `coverage`, measures line coverage (the environment's coverage
// counters are the run's own). The run's tests, Id, start and times, and
// coverage are set; the caller adds the org's names and compile errors.
TestRun runProjectTests(sema::Program& program, const ProjectClasses& classes, const std::vector<TestClass>& selected,
                        TestEnvironment environment, bool coverage);

}  // namespace apex::runtime
