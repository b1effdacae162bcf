#include "runtime/project/static_resources.h"

#include <optional>
#include <pugixml.hpp>

#include "interp/errors.h"
#include "base/text.h"

namespace apex::runtime {
namespace {

constexpr std::string_view kMetaSuffix = ".resource-meta.xml";

std::string nameOf(const std::filesystem::path& meta) {
  std::string file = meta.filename().string();
  return file.substr(0, file.size() - kMetaSuffix.size());
}

// The content file beside `meta`: the one whose name is the resource's
// name plus an extension.
std::optional<std::filesystem::path> contentFile(const std::filesystem::path& meta, const std::string& name) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(meta.parent_path(), ec)) {
    std::string file = entry.path().filename().string();
    if (entry.path() == meta || !entry.is_regular_file(ec)) continue;
    if (file.size() > name.size() + 1 && file.compare(0, name.size(), name) == 0 && file[name.size()] == '.')
      return entry.path();
  }
  return std::nullopt;
}

}  // namespace

StaticResources::StaticResources(const Project& project) {
  for (const auto& meta : project.filesEndingWith(kMetaSuffix)) metaFiles_.emplace(text::foldCase(nameOf(meta)), meta);
}

std::variant<StaticResource, std::string> StaticResources::load(std::string_view name) const {
  auto found = metaFiles_.find(text::foldCase(name));
  if (found == metaFiles_.end()) return interp::errors::text(interp::errors::StaticResourceNotFound, name);
  const std::filesystem::path& meta = found->second;
  StaticResource resource;
  resource.name = nameOf(meta);

  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file(meta.c_str());
  if (!parsed) return meta.string() + ": not well-formed XML (" + parsed.description() + ")";
  pugi::xml_node root = doc.child("StaticResource");
  if (!root) return meta.string() + ": the root element must be <StaticResource>";
  resource.contentType = root.child("contentType").text().as_string();

  auto content = contentFile(meta, resource.name);
  if (!content)
    return "Static resource " + resource.name + " has no content file beside " + meta.filename().string();
  std::optional<std::string> bytes = readFile(*content);
  if (!bytes) return "Static resource " + resource.name + ": cannot read " + content->string();
  resource.body = std::move(*bytes);
  return resource;
}

}  // namespace apex::runtime
