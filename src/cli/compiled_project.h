// The project every command takes (--project), and what `apexrun test` and
// `apexrun serve` start from: the project with the callout setup of its
// metadata, its user, and every class compiled as a deploy would compile them
// (a class that does not compile is listed, the others are still compiled).
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "cli/callout_flags.h"
#include "runtime/project/project.h"
#include "runtime/project/project_classes.h"
#include "runtime/project/user_context.h"
#include "sema/program.h"

namespace apex::cli {

// Where a command that runs Apex finds the project: `--project DIR`, or
// `--classes DIR` (a folder of loose .cls files); with neither, the nearest
// project at or above the working folder.
struct ProjectFlags {
  std::string project;
  std::string classes;
};

// `--project DIR`; without it, the nearest project above.
void addProjectOption(CLI::App& command, std::string& dir);
// `--project DIR` or `--classes DIR`.
void addProjectOptions(CLI::App& command, ProjectFlags& flags);

// What a command that needs a project says outside any.
inline constexpr const char* kNoProjectHere =
    "no project here: run inside an SFDX project (sfdx-project.json) or a Metadata API folder "
    "(package.xml beside classes/, ...), or pass --project DIR, or --classes DIR for a folder of .cls files";

// The project the flags name; nullopt outside any project. The error says
// what is wrong with the folder given.
std::variant<std::optional<runtime::Project>, std::string> findProject(const ProjectFlags& flags);

// The schema Apex runs against: the project's (its object metadata and
// .apexrun/schema describe files over the standard objects), or the
// standard objects alone outside a project. The error names the file that
// cannot be read.
std::variant<std::shared_ptr<const sema::Schema>, std::string> schemaFor(const runtime::Project* project);

// The custom labels and custom metadata records Apex reads: the project's
// (checked against `schema`), none outside a project. The error names the
// file that cannot be read.
std::variant<std::shared_ptr<const sema::OrgConfig>, std::string> orgConfigFor(const runtime::Project* project,
                                                                               const sema::Schema& schema);

struct CompiledProject {
  runtime::Project project;
  CalloutSetup setup;
  runtime::UserContext user;
  std::unique_ptr<runtime::ProjectClasses> classes;
  std::unique_ptr<sema::Program> program;
  // The classes that do not compile, in name order (sema::resolveAllClasses).
  std::vector<sema::CompileError> compileErrors;
};

// Finds, reads and compiles the project. On failure the problem has been
// printed (prefixed `apexrun COMMAND:`) and the exit code is returned;
// classes that do not compile are not a failure here (compileErrors).
std::variant<CompiledProject, int> compileProject(const ProjectFlags& where, const CalloutFlags& flags,
                                                  const std::string& command);

// Classes that do not compile, reported on stderr as a failed deploy is:
// `Error: Compile failed.` then where, a line for each.
void reportCompileErrors(const std::vector<sema::CompileError>& errors);

}  // namespace apex::cli
