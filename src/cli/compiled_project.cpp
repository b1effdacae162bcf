#include "cli/compiled_project.h"

#include <iostream>

#include "cli/commands.h"
#include "runtime/project/object_metadata.h"
#include "runtime/project/org_metadata.h"
#include "sema/schema_catalog.h"
#include "stdlib/registry.h"

namespace apex::cli {

void addProjectOption(CLI::App& command, std::string& dir) {
  command.add_option("--project", dir,
                     "Project folder: an SFDX project (sfdx-project.json) or a Metadata API folder (package.xml, "
                     "classes/, ...; or its parent, when it is src/). Default: the nearest one above");
}

void addProjectOptions(CLI::App& command, ProjectFlags& flags) {
  addProjectOption(command, flags.project);
  command.add_option("--classes", flags.classes, "A folder of .cls files to use as the project's classes, "
                                                 "without sfdx-project.json")
      ->excludes(command.get_option("--project"));
}

std::variant<std::optional<runtime::Project>, std::string> findProject(const ProjectFlags& flags) {
  if (flags.classes.empty()) return runtime::openProject(flags.project);
  auto loaded = runtime::loadClassFolder(flags.classes);
  if (auto* problem = std::get_if<std::string>(&loaded)) return "--classes " + *problem;
  return std::optional<runtime::Project>(std::move(std::get<runtime::Project>(loaded)));
}

void reportCompileErrors(const std::vector<sema::CompileError>& errors) {
  std::cerr << "Error: Compile failed.\n";
  for (const sema::CompileError& e : errors)
    std::cerr << "Error: " << (e.isTrigger ? "Trigger " : "Class ") << e.className << ", line " << e.classLine << ", column " << e.classColumn << ": "
              << e.classMessage << "\n";
}

std::variant<std::shared_ptr<const sema::Schema>, std::string> schemaFor(const runtime::Project* project) {
  if (!project) return sema::sharedStandardSchema();
  auto loaded = runtime::loadSchema(*project);
  if (auto* problem = std::get_if<std::string>(&loaded)) return *problem;
  return std::make_shared<const sema::Schema>(std::move(std::get<sema::Schema>(loaded)));
}

std::variant<std::shared_ptr<const sema::OrgConfig>, std::string> orgConfigFor(const runtime::Project* project,
                                                                               const sema::Schema& schema) {
  if (!project) return std::make_shared<const sema::OrgConfig>();
  auto loaded = runtime::loadOrgConfig(*project, schema);
  if (auto* problem = std::get_if<std::string>(&loaded)) return *problem;
  return std::make_shared<const sema::OrgConfig>(std::move(std::get<sema::OrgConfig>(loaded)));
}

std::variant<CompiledProject, int> compileProject(const ProjectFlags& where, const CalloutFlags& flags,
                                                  const std::string& command) {
  auto opened = findProject(where);
  if (auto* problem = std::get_if<std::string>(&opened)) return fail(command, kExitNoInput, *problem);
  auto& project = std::get<std::optional<runtime::Project>>(opened);
  if (!project)
    return fail(command, kExitNoInput, kNoProjectHere);
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
  for (const std::string& warning : out.classes->warnings()) warn(warning);
  auto schema = schemaFor(&out.project);
  if (auto* problem = std::get_if<std::string>(&schema)) return fail(command, kExitNoInput, *problem);
  out.program = std::make_unique<sema::Program>(stdlib::standardLibrary());
  out.program->schema = std::get<std::shared_ptr<const sema::Schema>>(schema);
  auto config = orgConfigFor(&out.project, *out.program->schema);
  if (auto* problem = std::get_if<std::string>(&config)) return fail(command, kExitNoInput, *problem);
  out.program->orgConfig = std::get<std::shared_ptr<const sema::OrgConfig>>(config);
  out.program->classSource = out.classes.get();
  out.compileErrors = sema::resolveAllClasses(*out.program);
  for (sema::CompileError& error : sema::resolveTriggers(*out.program)) out.compileErrors.push_back(std::move(error));
  return out;
}

}  // namespace apex::cli
