#include "cli/test_watch.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#include "base/text.h"
#include "cli/commands.h"
#include "runtime/project/project.h"
#include "runtime/testing/affected_tests.h"

namespace apex::cli {
namespace {

namespace fs = std::filesystem;

// Every file a run reads, with its modification time and size.
using Snapshot = std::map<fs::path, std::pair<fs::file_time_type, uintmax_t>>;

Snapshot snapshot(const runtime::Project& project) {
  Snapshot files;
  std::error_code ec;
  auto add = [&](const fs::path& file) {
    auto time = fs::last_write_time(file, ec);
    if (!ec) files[file] = {time, fs::file_size(file, ec)};
  };
  add(project.root / "sfdx-project.json");
  for (const fs::path& dir : project.packageDirectories) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it); it.increment(ec)) {
      if (it->is_regular_file(ec)) add(it->path());
    }
  }
  return files;
}

std::vector<fs::path> changedFiles(const Snapshot& before, const Snapshot& after) {
  std::vector<fs::path> changed;
  for (const auto& [file, stamp] : after) {
    auto old = before.find(file);
    if (old == before.end() || old->second != stamp) changed.push_back(file);
  }
  for (const auto& [file, stamp] : before) {
    if (!after.count(file)) changed.push_back(file);
  }
  return changed;
}

// The class a file holds (`Foo.cls`, `Foo.cls-meta.xml`), folded; empty
// for any other file.
std::string classOfFile(const fs::path& file) {
  std::string name = file.filename().string();
  for (std::string_view suffix : {std::string_view(".cls"), std::string_view(".cls-meta.xml")}) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return text::foldCase(name.substr(0, name.size() - suffix.size()));
  }
  return "";
}

// The classes `changed` affects (folded), or nullopt when a changed file
// is not a class (a trigger, metadata, a static resource): then all.
std::optional<std::set<std::string>> affectedBy(const std::vector<fs::path>& changed, const Snapshot& files) {
  std::set<std::string> changedClasses;
  for (const fs::path& file : changed) {
    std::string cls = classOfFile(file);
    if (cls.empty()) return std::nullopt;
    changedClasses.insert(cls);
  }
  std::map<std::string, std::set<std::string>> mentions;
  std::set<std::string> everyClass;
  for (const auto& [file, stamp] : files) {
    if (file.extension() != ".cls") continue;
    std::string cls = classOfFile(file);
    mentions[cls] = runtime::mentionedNames(runtime::readFile(file).value_or(""));
    everyClass.insert(cls);
  }
  return runtime::affectedTests(mentions, changedClasses, everyClass);
}

std::string fileNames(const std::vector<fs::path>& files) {
  std::string out;
  for (const fs::path& file : files) out += (out.empty() ? "" : ", ") + file.filename().string();
  return out;
}

}  // namespace

int watchTests(const ProjectFlags& where, const std::function<int(ClassFilter)>& run) {
  constexpr auto kPoll = std::chrono::milliseconds(200);
  run(nullptr);
  while (true) {
    auto opened = findProject(where);
    if (auto* problem = std::get_if<std::string>(&opened)) return fail("test", kExitNoInput, *problem);
    auto& project = std::get<std::optional<runtime::Project>>(opened);
    if (!project) return fail("test", kExitNoInput, kNoProjectHere);
    std::cerr << "apexrun test --watch: watching " << project->root.string() << " for changes (Ctrl-C to stop)"
              << std::endl;
    Snapshot before = snapshot(*project), after = before;
    std::vector<fs::path> changed;
    while (changed.empty()) {
      std::this_thread::sleep_for(kPoll);
      after = snapshot(*project);
      changed = changedFiles(before, after);
    }
    // An editor saves in steps: wait until the files stop changing.
    for (Snapshot settled = snapshot(*project); settled != after; settled = snapshot(*project)) {
      after = settled;
      std::this_thread::sleep_for(kPoll);
    }
    changed = changedFiles(before, after);
    std::optional<std::set<std::string>> affected = affectedBy(changed, after);
    std::cerr << "apexrun test --watch: changed: " << fileNames(changed);
    if (!affected) {
      std::cerr << "; running every test" << std::endl;
      run(nullptr);
    } else if (affected->empty()) {
      std::cerr << "; no class depends on it" << std::endl;
    } else {
      std::cerr << "; running the test classes that use it" << std::endl;
      run(&*affected);
    }
  }
}

}  // namespace apex::cli
