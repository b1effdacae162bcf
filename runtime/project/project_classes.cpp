#include "runtime/project/project_classes.h"

#include <pugixml.hpp>

#include "syntax/parser.h"

namespace fs = std::filesystem;

namespace apex::runtime {

namespace {

constexpr std::string_view kClassSuffix = ".cls";
constexpr std::string_view kTriggerSuffix = ".trigger";

// A class or trigger is named after its file.
std::string nameOf(const fs::path& file) { return file.stem().string(); }

sema::ClassFile failed(sema::ClassFile file, std::string message) {
  file.error = sema::CompileError::at(1, 1, std::move(message));
  return file;
}

}  // namespace

std::string ProjectClasses::duplicateWarning(const fs::path& used, const fs::path& ignored) const {
  std::string kind = used.extension() == kTriggerSuffix ? "trigger " : "class ";
  return kind + nameOf(used) + " is in two files: " + used.lexically_relative(root_).string() + " is used, " +
         ignored.lexically_relative(root_).string() + " left out";
}

ProjectClasses::ProjectClasses(const Project& project) : root_(project.root), defaultApiVersion_(project.sourceApiVersion) {
  index(project, kClassSuffix, files_);
  index(project, kTriggerSuffix, triggers_);
}

// Salesforce names a class after its file. Of two files of one name, the
// first in path order is used and the other named in a warning: real
// projects keep a package's classes twice (a packaging folder beside
// force-app) and deploy one of them, so refusing would stop them.
// An entry that is not a file fails its class, named.
void ProjectClasses::index(const Project& project, std::string_view suffix, Sources& sources) {
  for (const fs::path& file : project.filesEndingWith(suffix)) {
    auto [it, added] = sources.emplace(text::foldCase(nameOf(file)), Source{file, ""});
    if (!added) warnings_.push_back(duplicateWarning(it->second.file, file));
  }
  for (const fs::path& entry : project.nonFilesEndingWith(suffix)) {
    auto [it, added] = sources.emplace(text::foldCase(nameOf(entry)), Source{entry, ""});
    if (added)
      it->second.problem = entry.lexically_relative(root_).string() + " " + unreadableReason(entry) + ", not a source file";
  }
}

std::filesystem::path ProjectClasses::fileOf(std::string_view name) const {
  auto found = files_.find(text::foldCase(name));
  return found == files_.end() ? std::filesystem::path() : found->second.file;
}

std::filesystem::path ProjectClasses::triggerFileOf(std::string_view name) const {
  auto found = triggers_.find(text::foldCase(name));
  return found == triggers_.end() ? std::filesystem::path() : found->second.file;
}

std::vector<const sema::ClassSymbol*> ProjectClasses::compiledClasses(const sema::Program& program) const {
  std::vector<const sema::ClassSymbol*> out;
  for (const auto& [name, source] : files_) {
    const sema::ClassSymbol* cls = program.findClass(name);
    if (cls && cls->isProjectClass && !cls->outer && cls->decl) out.push_back(cls);
  }
  return out;
}

std::vector<std::string> ProjectClasses::names() const {
  std::vector<std::string> out;
  for (const auto& entry : files_) out.push_back(entry.first);
  return out;
}

// Metadata API Developer Guide, "ApexClass" and "ApexTrigger": the
// `-meta.xml` beside the source holds apiVersion and status (a class is
// Active or Deleted, a trigger Active, Inactive or Deleted). Only an active
// one is there; a missing file means the project's sourceApiVersion.
std::optional<sema::ClassFile> ProjectClasses::loadFile(const fs::path& path, std::string_view rootElement,
                                                        ast::CompilationUnit::Kind kind) const {
  sema::ClassFile file;
  file.name = nameOf(path);
  file.apiVersion = defaultApiVersion_;

  fs::path meta = path.string() + "-meta.xml";
  std::error_code ec;
  if (fs::exists(meta, ec)) {
    pugi::xml_document doc;
    if (!doc.load_file(meta.c_str())) return failed(std::move(file), meta.filename().string() + ": not valid XML");
    pugi::xml_node root = doc.child(std::string(rootElement).c_str());
    if (!root)
      return failed(std::move(file), meta.filename().string() + ": no <" + std::string(rootElement) + "> element");
    if (std::string status = root.child_value("status"); !status.empty() && status != "Active") return std::nullopt;
    if (std::string version = root.child_value("apiVersion"); !version.empty()) file.apiVersion = version;
  }

  std::optional<std::string> text = readFile(path);
  if (!text) return failed(std::move(file), path.filename().string() + ": cannot be read");
  syntax::ParseResult parsed = kind == ast::CompilationUnit::Kind::Class ? syntax::parseClassFile(*text, path.string())
                                                                         : syntax::parse(*text, kind, path.string());
  if (parsed.errors.empty()) file.unit = std::move(parsed.unit);
  else file.error = sema::CompileError::at(parsed.errors[0].line, parsed.errors[0].column, parsed.errors[0].message);
  return file;
}

std::optional<sema::ClassFile> ProjectClasses::loadSource(const Source& source, std::string_view rootElement,
                                                          ast::CompilationUnit::Kind kind) const {
  if (source.problem.empty()) return loadFile(source.file, rootElement, kind);
  sema::ClassFile file;
  file.name = nameOf(source.file);
  file.apiVersion = defaultApiVersion_;
  return failed(std::move(file), source.problem);
}

std::optional<sema::ClassFile> ProjectClasses::load(std::string_view folded) {
  auto it = files_.find(std::string(folded));
  if (it == files_.end()) return std::nullopt;
  return loadSource(it->second, "ApexClass", ast::CompilationUnit::Kind::Class);
}

std::vector<sema::ClassFile> ProjectClasses::loadTriggers() {
  std::vector<sema::ClassFile> out;
  for (const auto& [name, source] : triggers_)
    if (auto file = loadSource(source, "ApexTrigger", ast::CompilationUnit::Kind::Trigger))
      out.push_back(std::move(*file));
  return out;
}

}  // namespace apex::runtime
