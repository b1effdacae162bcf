// What `apexrun test` and `apexrun serve` start from: the SFDX project (with
// the callout setup of its metadata), its user, and every class compiled as
// a deploy would compile them.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "cli/callout_flags.h"
#include "runtime/project/project_classes.h"
#include "runtime/project/user_context.h"
#include "sema/program.h"

namespace apex::cli {

struct CompiledProject {
  CalloutSetup setup;  // setup.project is set
  runtime::UserContext user;
  std::unique_ptr<runtime::ProjectClasses> classes;
  std::unique_ptr<sema::Program> program;

  const runtime::Project& project() const { return *setup.project; }
};

// Finds, reads and compiles the project. On failure the problem has been
// printed (prefixed `apexrun COMMAND:`) and the exit code is returned.
std::variant<CompiledProject, int> compileProject(const CalloutFlags& flags, const std::string& command);

// A class that does not compile, reported as a failed deploy is:
// `Error: Compile failed.` then where; returns kExitCompileError.
int reportCompileFailure(const sema::CompileError& e);

}  // namespace apex::cli
