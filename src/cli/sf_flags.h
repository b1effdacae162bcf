// The Salesforce CLI flags that `apexrun run` and `apexrun test` accept so
// that `sf apex run` and `sf apex run test` command lines work unchanged:
// the target org, the API version, the deprecated --loglevel and
// --flags-dir (sf-plugins-core: SfCommand's base flags).
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cli/commands.h"

namespace apex::cli {

struct SfOrgFlags {
  std::string targetOrg;   // -o, --target-org (-u, --targetusername)
  std::string apiVersion;  // --api-version (--apiversion)
  std::string logLevel;    // --loglevel: accepted and ignored, as sf does
  std::string flagsDir;    // --flags-dir: read by expandFlagsDir before parsing
};

void addSfOrgFlags(CLI::App& command, SfOrgFlags& flags);

// Checks --api-version as sf does and says once on stderr that the target
// org is the local project (`projectRoot`, empty outside a project) and
// that --loglevel is ignored.
std::optional<Failure> applySfOrgFlags(const SfOrgFlags& flags, const std::string& projectRoot);

// The command line with the flags of `--flags-dir DIR` added, as sf's
// preparse hook adds them: each file of DIR names a flag of the
// subcommand (`class-names`, `r`) and holds its values, one a line (`#` and
// `//` lines are comments; a `.json` file is one value); a flag given on
// the command line wins over its file unless the flag takes several
// values. Returned in CLI11's order for App::parse (last argument first).
std::variant<std::vector<std::string>, Failure> expandFlagsDir(const CLI::App& app, int argc, char** argv);

}  // namespace apex::cli
