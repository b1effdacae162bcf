// An SFDX project on disk: the folder holding `sfdx-project.json`, its
// package directories, and the metadata files under them.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace apex::runtime {

struct Project {
  std::filesystem::path root;
  std::vector<std::filesystem::path> packageDirectories;  // absolute
  std::string sourceApiVersion;                           // empty if not given
  std::string namespacePrefix;                            // "namespace", empty if none

  // Every file under the package directories whose name ends with `suffix`
  // (`.remoteSite-meta.xml`), sorted by path.
  std::vector<std::filesystem::path> filesEndingWith(std::string_view suffix) const;

 private:
  // Every file under the package directories, sorted: listed once per run,
  // however many kinds of metadata are looked for.
  std::vector<std::filesystem::path> allFiles() const;
  mutable std::shared_ptr<const std::vector<std::filesystem::path>> files_;
};

// The whole content of a project file (a class, a static resource, a key),
// as bytes; nullopt when it cannot be read.
std::optional<std::string> readFile(const std::filesystem::path& file);

// The nearest folder at or above `start` that holds sfdx-project.json.
std::optional<std::filesystem::path> findProjectRoot(const std::filesystem::path& start);

// Reads `root`/sfdx-project.json; the error names the file and the problem.
std::variant<Project, std::string> loadProject(const std::filesystem::path& root);

// The root of the project a command works on: `dir` (the --project flag)
// when given, which must hold sfdx-project.json; otherwise the nearest
// folder at or above the working folder that does; nullopt outside any
// project. The error says what is wrong with `dir`.
std::variant<std::optional<std::filesystem::path>, std::string> locateProjectRoot(const std::string& dir);

// The project a command works on (locateProjectRoot, then loadProject).
std::variant<std::optional<Project>, std::string> openProject(const std::string& dir);

}  // namespace apex::runtime
