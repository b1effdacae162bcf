// A project's Apex test suites (`sf apex run test -s`): the Metadata API's
// ApexTestSuite, `testSuites/<Name>.testSuite-meta.xml`, which lists its
// classes as `<testClassName>` elements.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "runtime/project/project.h"

namespace apex::runtime {

// The test classes of the suites named (names compare case-insensitively),
// each once, in the order the suites list them. The error names the suite
// that does not exist or the file that cannot be read.
std::variant<std::vector<std::string>, std::string> suiteTestClasses(const Project& project,
                                                                     const std::vector<std::string>& suiteNames);

}  // namespace apex::runtime
