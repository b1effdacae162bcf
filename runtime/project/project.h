// A project on disk and the metadata files in it, in any of the layouts
// apexrun reads: an SFDX project (`sfdx-project.json` and its package
// directories), a Metadata API folder (`package.xml` beside `classes/`,
// `objects/`, ..., often `src/`), or a folder of loose `.cls` files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace apex::runtime {

enum class ProjectLayout : uint8_t {
  Source,       // sfdx-project.json and the package directories it lists
  MetadataApi,  // package.xml beside the metadata folders (Metadata API format)
  ClassFolder,  // loose .cls files (--classes DIR): classes, nothing else
};

struct Project {
  ProjectLayout layout = ProjectLayout::Source;
  // Where apexrun keeps `.apexrun/` (user, credential store, CA files): the
  // folder of sfdx-project.json; for a Metadata API folder named `src`, the
  // folder above it (unless that holds sfdx-project.json), else the folder.
  std::filesystem::path root;
  std::vector<std::filesystem::path> packageDirectories;  // absolute
  std::string sourceApiVersion;                           // empty if not given
  std::string namespacePrefix;                            // "namespace", empty if none

  // Every file under the package directories whose name ends with `suffix`
  // (`.cls`, `.resource-meta.xml`), sorted by path.
  std::vector<std::filesystem::path> filesEndingWith(std::string_view suffix) const;
  // The files of a metadata type whose component is one XML file, named by
  // its source-format suffix (`.remoteSite-meta.xml`). The Metadata API
  // format names that file without `-meta.xml` (`Api.remoteSite`), so in
  // that layout both spellings are found. Sorted by path.
  std::vector<std::filesystem::path> componentFiles(std::string_view metaSuffix) const;
  // The entries named with `suffix` that are not regular files (a folder
  // `Foo.cls`, a FIFO, a broken link): no reader can read them, and the
  // Apex sources among them are reported by name rather than skipped.
  std::vector<std::filesystem::path> nonFilesEndingWith(std::string_view suffix) const;

 private:
  struct Listing {
    std::vector<std::filesystem::path> files, nonFiles;  // each sorted by path
  };
  // Every entry under the package directories: listed once per run, however
  // many kinds of metadata are looked for.
  const Listing& listing() const;
  mutable std::shared_ptr<const Listing> listing_;
};

// The component name of a file componentFiles found: its file name without
// `metaSuffix`, or without the Metadata API spelling of it.
std::string componentName(const std::filesystem::path& file, std::string_view metaSuffix);

// The whole content of a project file (a class, a static resource, a key),
// as bytes; nullopt when it cannot be read. Never opens anything but a
// regular file (a FIFO would block).
std::optional<std::string> readFile(const std::filesystem::path& file);

// Why `file` cannot be read as a file: "is a folder", "is a broken link",
// "is not a regular file", "cannot be read".
std::string unreadableReason(const std::filesystem::path& file);

// The root of the nearest project at or above `start`: a folder that holds
// sfdx-project.json, or that is (or whose `src/` is) a Metadata API folder.
std::optional<std::filesystem::path> findProjectRoot(const std::filesystem::path& start);

// Reads the project in `dir`: `dir`/sfdx-project.json, else the Metadata API
// folder `dir` or `dir`/src. The error names the file and the problem, or
// says what was looked for.
std::variant<Project, std::string> loadProject(const std::filesystem::path& dir);

// A folder of loose .cls files as a project of classes only (`--classes
// DIR`); the error says why `dir` is not one.
std::variant<Project, std::string> loadClassFolder(const std::filesystem::path& dir);

// The root of the project a command works on: that of `dir` (the --project
// flag) when given, which must be a project (as findProjectRoot); otherwise
// the nearest project at or above the working folder; nullopt outside any
// project. The error says what is wrong with `dir`.
std::variant<std::optional<std::filesystem::path>, std::string> locateProjectRoot(const std::string& dir);

// The project a command works on (locateProjectRoot, then loadProject).
std::variant<std::optional<Project>, std::string> openProject(const std::string& dir);

}  // namespace apex::runtime
