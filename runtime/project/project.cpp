#include "runtime/project/project.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace apex::runtime {
namespace {
constexpr const char* kProjectFile = "sfdx-project.json";

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

std::optional<std::string> readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return bytes.str();
}

std::optional<fs::path> findProjectRoot(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    if (fs::is_regular_file(dir / kProjectFile, ec)) return dir;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::variant<Project, std::string> loadProject(const fs::path& root) {
  fs::path file = root / kProjectFile;
  std::ifstream in(file);
  if (!in) return file.string() + ": cannot be read";
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return file.string() + ": not valid JSON";
  Project project;
  project.root = fs::absolute(root);
  auto dirs = json.find("packageDirectories");
  if (dirs == json.end() || !dirs->is_array() || dirs->empty())
    return file.string() + ": \"packageDirectories\" must be a non-empty array";
  for (const auto& entry : *dirs) {
    if (!entry.is_object() || !entry.contains("path") || !entry["path"].is_string())
      return file.string() + ": each entry of \"packageDirectories\" needs a \"path\" string";
    project.packageDirectories.push_back(project.root / entry["path"].get<std::string>());
  }
  if (auto v = json.find("sourceApiVersion"); v != json.end() && v->is_string())
    project.sourceApiVersion = v->get<std::string>();
  if (auto ns = json.find("namespace"); ns != json.end() && ns->is_string())
    project.namespacePrefix = ns->get<std::string>();
  return project;
}

std::vector<fs::path> Project::filesEndingWith(std::string_view suffix) const {
  if (!files_) files_ = std::make_shared<const std::vector<fs::path>>(allFiles());
  std::vector<fs::path> found;
  for (const fs::path& file : *files_) {
    if (endsWith(file.native(), suffix)) found.push_back(file);  // suffixes hold no '/'
  }
  return found;
}

std::vector<fs::path> Project::allFiles() const {
  std::vector<fs::path> found;
  for (const fs::path& dir : packageDirectories) {
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (it->is_directory(ec) && (name.starts_with(".") || name == "node_modules")) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) found.push_back(it->path());
    }
  }
  // By text: path's component-wise comparison costs more than the listing.
  std::sort(found.begin(), found.end(), [](const fs::path& a, const fs::path& b) { return a.native() < b.native(); });
  return found;
}

std::variant<std::optional<fs::path>, std::string> locateProjectRoot(const std::string& dir) {
  std::error_code ec;
  if (!dir.empty()) {
    if (!fs::is_regular_file(fs::path(dir) / kProjectFile, ec))
      return "--project " + dir + ": no " + std::string(kProjectFile) + " in that folder";
    return std::optional<fs::path>(dir);
  }
  fs::path cwd = fs::current_path(ec);
  if (ec) return std::optional<fs::path>();
  return findProjectRoot(cwd);
}

std::variant<std::optional<Project>, std::string> openProject(const std::string& dir) {
  auto root = locateProjectRoot(dir);
  if (auto* problem = std::get_if<std::string>(&root)) return *problem;
  const std::optional<fs::path>& found = std::get<std::optional<fs::path>>(root);
  if (!found) return std::optional<Project>();
  auto loaded = loadProject(*found);
  if (auto* problem = std::get_if<std::string>(&loaded)) return *problem;
  return std::optional<Project>(std::move(std::get<Project>(loaded)));
}

}  // namespace apex::runtime
