// The Apex classes and triggers of an SFDX project: every `*.cls` and
// `*.trigger` under the package directories, indexed by name (Salesforce names a class after its file) and
// parsed only when the resolver first asks for one.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/project/project.h"
#include "sema/class_source.h"

namespace apex::runtime {

class ProjectClasses : public sema::ClassSource {
 public:
  explicit ProjectClasses(const Project& project);

  std::optional<sema::ClassFile> load(std::string_view folded) override;
  std::vector<std::string> names() const override;
  std::vector<sema::ClassFile> loadTriggers() override;
  size_t size() const { return files_.size(); }
  // The project's top-level classes as `program` compiled them (after
  // sema::resolveAllClasses), in name order; those that do not compile
  // (program.classErrors) are left out.
  std::vector<const sema::ClassSymbol*> compiledClasses(const sema::Program& program) const;
  // The .cls file of a class, by name (any case); empty if there is none.
  std::filesystem::path fileOf(std::string_view name) const;
  // The .trigger file of a trigger, by name (any case); empty if there is none.
  std::filesystem::path triggerFileOf(std::string_view name) const;
  // One line for each class or trigger name two files share (the first in
  // path order is used), for the command to print as a warning.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::optional<sema::ClassFile> loadFile(const std::filesystem::path& path, std::string_view rootElement,
                                          ast::CompilationUnit::Kind kind) const;

  // A class's or trigger's source, or why it cannot be used (an entry
  // that is not a file).
  struct Source {
    std::filesystem::path file;
    std::string problem;
  };
  using Sources = std::map<std::string, Source>;  // by folded name
  void index(const Project& project, std::string_view suffix, Sources& sources);
  std::string duplicateWarning(const std::filesystem::path& used, const std::filesystem::path& ignored) const;
  std::optional<sema::ClassFile> loadSource(const Source& source, std::string_view rootElement,
                                            ast::CompilationUnit::Kind kind) const;

  Sources files_;     // .cls files
  Sources triggers_;  // .trigger files
  std::filesystem::path root_;
  std::string defaultApiVersion_;
  std::vector<std::string> warnings_;
};

}  // namespace apex::runtime
