#include "cli/compiled_project.h"

#include <iostream>

#include "cli/commands.h"
#include "stdlib/registry.h"

namespace apex::cli {

void addProjectOption(CLI::App& command, std::string& dir) {
  command.add_option("--project", dir, "SFDX project folder (default: the nearest folder above with sfdx-project.json)");
}

void reportCompileErrors(const std::vector<sema::CompileError>& errors) {
  std::cerr << "Error: Compile failed.\n";
  for (const sema::CompileError& e : errors)
    std::cerr << "Error: Class " << e.className << ", line " << e.classLine << ", column " << e.classColumn << ": "
              << e.classMessage << "\n";
}

std::variant<CompiledProject, int> compileProject(const std::string& projectDir, const CalloutFlags& flags,
                                                  const std::string& command) {
  auto opened = runtime::openProject(projectDir);
  if (auto* problem = std::get_if<std::string>(&opened)) return fail(command, kExitNoInput, *problem);
  auto& project = std::get<std::optional<runtime::Project>>(opened);
  if (!project)
    return fail(command, kExitNoInput, "no SFDX project here: run inside a folder with sfdx-project.json, or pass --project DIR");
  auto setup = setUpCallouts(flags, &*project);
  if (auto* error = std::get_if<Failure>(&setup)) return fail(command, *error);
  CompiledProject out;
  out.project = std::move(*project);
  out.setup = std::move(std::get<CalloutSetup>(setup));
  for (const std::string& warning : out.setup.warnings) warn(warning);
  auto user = runtime::loadUserContext(out.project.root);
  if (auto* problem = std::get_if<std::string>(&user)) return fail(command, kExitNoInput, *problem);
  out.user = std::get<runtime::UserContext>(user);
  out.classes = std::make_unique<runtime::ProjectClasses>(out.project);
  out.program = std::make_unique<sema::Program>(stdlib::standardLibrary());
  out.program->classSource = out.classes.get();
  out.compileErrors = sema::resolveAllClasses(*out.program);
  return out;
}

}  // namespace apex::cli
