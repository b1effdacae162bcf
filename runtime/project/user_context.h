// The running user and their org (interp::UserContext), read from
// `.apexrun/user.json` in the SFDX project; every key is optional and
// defaults to UserContext's values (docs/user.md).
#pragma once

#include <filesystem>
#include <string>
#include <variant>

#include "interp/ports.h"

namespace apex::runtime {

// The running user is the engine's port type (interp/ports.h).
using interp::UserContext;

// Reads `<projectRoot>/.apexrun/user.json`; the defaults when there is no
// such file. The error names the file and the problem.
std::variant<UserContext, std::string> loadUserContext(const std::filesystem::path& projectRoot);

}  // namespace apex::runtime
