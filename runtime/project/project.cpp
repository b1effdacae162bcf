#include "runtime/project/project.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <system_error>

namespace fs = std::filesystem;

namespace apex::runtime {
namespace {
constexpr const char* kProjectFile = "sfdx-project.json";
constexpr const char* kPackageFile = "package.xml";
constexpr std::string_view kMetaXml = "-meta.xml";
// A Metadata API folder holds package.xml and at least one of these (its
// metadata types' folders), so that an SFDX project's manifest/package.xml
// is not taken for one.
constexpr std::string_view kMetadataFolders[] = {
    "classes",         "triggers",           "objects",          "staticresources", "remoteSiteSettings",
    "namedCredentials", "externalCredentials", "authproviders", "connectedApps",   "certs",
    "pages",           "components",         "aura",             "lwc",             "layouts"};
constexpr const char* kLookedFor =
    "no sfdx-project.json, and no Metadata API folder (package.xml beside classes/, triggers/, objects/, ...) "
    "there or in its src/";

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// By text: path's component-wise comparison costs more than the listing.
void sortByPath(std::vector<fs::path>& files) {
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return a.native() < b.native(); });
}

// `dir` absolute, without `..` or a trailing slash: file paths under it
// then start with it, and paths relative to the root (lcov) come out right.
fs::path absoluteFolder(const fs::path& dir) {
  fs::path normal = fs::absolute(dir).lexically_normal();
  return normal.has_filename() ? normal : normal.parent_path();
}

bool holdsProjectFile(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / kProjectFile, ec);
}

bool isMetadataFolder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / kPackageFile, ec)) return false;
  return std::any_of(std::begin(kMetadataFolders), std::end(kMetadataFolders),
                     [&](std::string_view name) { return fs::is_directory(dir / name, ec); });
}

// The Metadata API folder of `dir`: `dir` itself or `dir`/src.
std::optional<fs::path> metadataFolderIn(const fs::path& dir) {
  if (isMetadataFolder(dir)) return dir;
  if (isMetadataFolder(dir / "src")) return dir / "src";
  return std::nullopt;
}

// The root of a Metadata API project (Project::root).
fs::path rootOfMetadataFolder(const fs::path& folder) {
  fs::path absolute = absoluteFolder(folder);  // a relative `src` or `.` names no parent
  fs::path parent = absolute.parent_path();
  if (absolute.filename() == "src" && !holdsProjectFile(parent)) return parent;
  return absolute;
}

// The root of the project in `dir`, if `dir` is one.
std::optional<fs::path> projectRootAt(const fs::path& dir) {
  if (holdsProjectFile(dir)) return dir;
  if (auto folder = metadataFolderIn(dir)) return rootOfMetadataFolder(*folder);
  return std::nullopt;
}

// A package directory as sfdx-project.json writes it, relative to the
// project; projects made on Windows write `plugins\\foo`.
fs::path packageDirectory(const fs::path& root, std::string path) {
  std::replace(path.begin(), path.end(), '\\', '/');
  return absoluteFolder(root / path);
}

std::variant<Project, std::string> loadSourceProject(const fs::path& root) {
  fs::path file = root / kProjectFile;
  std::ifstream in(file);
  if (!in) return file.string() + ": cannot be read";
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return file.string() + ": not valid JSON";
  Project project;
  project.root = absoluteFolder(root);
  auto dirs = json.find("packageDirectories");
  if (dirs == json.end() || !dirs->is_array() || dirs->empty())
    return file.string() + ": \"packageDirectories\" must be a non-empty array";
  for (const auto& entry : *dirs) {
    if (!entry.is_object() || !entry.contains("path") || !entry["path"].is_string())
      return file.string() + ": each entry of \"packageDirectories\" needs a \"path\" string";
    fs::path dir = packageDirectory(project.root, entry["path"].get<std::string>());
    std::error_code ec;
    // The Salesforce CLI's words (source convert, project deploy).
    if (!fs::is_directory(dir, ec))
      return "The path " + dir.string() + ", specified in " + kProjectFile +
             ", does not exist. Be sure this directory is included in your project root.";
    // `"path": "/"` or `"../x"` would read files from all over the disk.
    fs::path inside = dir.lexically_relative(project.root);
    if (inside.empty() || *inside.begin() == "..")
      return "The path " + dir.string() + ", specified in " + kProjectFile + ", is outside the project root " +
             project.root.string() + ". Be sure this directory is included in your project root.";
    project.packageDirectories.push_back(dir);
  }
  if (auto v = json.find("sourceApiVersion"); v != json.end() && v->is_string())
    project.sourceApiVersion = v->get<std::string>();
  if (auto ns = json.find("namespace"); ns != json.end() && ns->is_string())
    project.namespacePrefix = ns->get<std::string>();
  return project;
}

// Metadata API Developer Guide, "Deploying and Retrieving Metadata":
// package.xml names the API version (<version>) of the files beside it.
std::variant<Project, std::string> loadMetadataApiProject(const fs::path& folder) {
  fs::path manifest = folder / kPackageFile;
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file(manifest.c_str());
  if (!parsed) return manifest.string() + ": not well-formed XML (" + parsed.description() + ")";
  pugi::xml_node package = doc.child("Package");
  if (!package) return manifest.string() + ": the root element must be <Package>";
  Project project;
  project.layout = ProjectLayout::MetadataApi;
  project.root = rootOfMetadataFolder(folder);
  project.packageDirectories.push_back(absoluteFolder(folder));
  project.sourceApiVersion = package.child_value("version");
  return project;
}

}  // namespace

std::string componentName(const fs::path& file, std::string_view metaSuffix) {
  std::string name = file.filename().string();
  if (endsWith(name, metaSuffix)) return name.substr(0, name.size() - metaSuffix.size());
  std::string_view plain = metaSuffix.substr(0, metaSuffix.size() - kMetaXml.size());
  if (endsWith(name, plain)) return name.substr(0, name.size() - plain.size());
  return name;
}

std::optional<std::string> readFile(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return bytes.str();
}

std::string unreadableReason(const fs::path& file) {
  std::error_code ec;
  fs::file_status target = fs::status(file, ec);
  if (fs::is_directory(target)) return "is a folder";
  if (fs::is_symlink(fs::symlink_status(file, ec)) && !fs::exists(target)) return "is a broken link";
  if (fs::exists(target) && !fs::is_regular_file(target)) return "is not a regular file";
  return "cannot be read";
}

std::optional<fs::path> findProjectRoot(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    if (auto root = projectRootAt(dir)) return root;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::variant<Project, std::string> loadProject(const fs::path& dir) {
  if (holdsProjectFile(dir)) return loadSourceProject(dir);
  if (auto folder = metadataFolderIn(dir)) return loadMetadataApiProject(*folder);
  return dir.string() + ": " + kLookedFor;
}

std::variant<Project, std::string> loadClassFolder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return dir.string() + ": not a folder";
  Project project;
  project.layout = ProjectLayout::ClassFolder;
  project.root = absoluteFolder(dir);
  project.packageDirectories.push_back(project.root);
  if (project.filesEndingWith(".cls").empty()) return dir.string() + ": no .cls files in that folder";
  return project;
}

namespace {

std::vector<fs::path> endingWith(const std::vector<fs::path>& entries, std::string_view suffix) {
  std::vector<fs::path> found;
  for (const fs::path& entry : entries) {
    if (endsWith(entry.native(), suffix)) found.push_back(entry);  // suffixes hold no '/'
  }
  return found;
}

}  // namespace

std::vector<fs::path> Project::filesEndingWith(std::string_view suffix) const {
  return endingWith(listing().files, suffix);
}

std::vector<fs::path> Project::nonFilesEndingWith(std::string_view suffix) const {
  return endingWith(listing().nonFiles, suffix);
}

std::vector<fs::path> Project::componentFiles(std::string_view metaSuffix) const {
  std::vector<fs::path> found = filesEndingWith(metaSuffix);
  if (layout != ProjectLayout::MetadataApi || !metaSuffix.ends_with(kMetaXml)) return found;
  std::vector<fs::path> plain = filesEndingWith(metaSuffix.substr(0, metaSuffix.size() - kMetaXml.size()));
  found.insert(found.end(), plain.begin(), plain.end());
  sortByPath(found);
  return found;
}

const Project::Listing& Project::listing() const {
  if (listing_) return *listing_;
  auto listing = std::make_shared<Listing>();
  for (const fs::path& dir : packageDirectories) {
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      bool isDirectory = it->is_directory(ec);
      if (isDirectory && (name.starts_with(".") || name == "node_modules")) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) listing->files.push_back(it->path());
      else if (!isDirectory || name.find('.') != std::string::npos) listing->nonFiles.push_back(it->path());
    }
  }
  sortByPath(listing->files);
  sortByPath(listing->nonFiles);
  listing_ = std::move(listing);
  return *listing_;
}

std::variant<std::optional<fs::path>, std::string> locateProjectRoot(const std::string& dir) {
  std::error_code ec;
  if (!dir.empty()) {
    if (!fs::is_directory(dir, ec)) return "--project " + dir + ": no such folder";
    if (auto root = projectRootAt(dir)) return root;
    return "--project " + dir + ": " + kLookedFor;
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
