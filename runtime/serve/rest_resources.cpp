#include "runtime/serve/rest_resources.h"

#include <algorithm>

namespace apex::runtime {
namespace {

std::string urlMappingOf(const ast::Annotation& a) {
  for (const ast::Annotation::Param& p : a.params) {
    if (text::foldCase(p.name) == "urlmapping" || p.name.empty()) return p.value;
  }
  return "";
}

// Apex Reference: RestResource Annotation — the mapping starts with `/`, is
// at most 255 characters, and a `*` follows a `/` and is last or followed
// by a `/`.
std::string mappingProblem(const std::string& mapping) {
  if (mapping.empty() || mapping[0] != '/') return "urlMapping must start with /";
  if (mapping.size() > 255) return "urlMapping must be at most 255 characters";
  for (size_t i = 0; i < mapping.size(); ++i) {
    if (mapping[i] != '*') continue;
    bool afterSlash = i > 0 && mapping[i - 1] == '/';
    bool beforeSlashOrEnd = i + 1 == mapping.size() || mapping[i + 1] == '/';
    if (!afterSlash || !beforeSlashOrEnd) return "a * in urlMapping must stand for a whole path segment";
  }
  return "";
}

constexpr std::pair<std::string_view, std::string_view> kVerbs[] = {
    {"HttpGet", "GET"}, {"HttpPost", "POST"}, {"HttpPut", "PUT"}, {"HttpPatch", "PATCH"}, {"HttpDelete", "DELETE"}};

}  // namespace

bool mappingMatches(std::string_view mapping, std::string_view path) {
  if (mapping.size() >= 2 && mapping.substr(mapping.size() - 2) == "/*" &&
      path == mapping.substr(0, mapping.size() - 2))
    return true;
  // `*` matches any run of characters, slashes included.
  size_t star = mapping.find('*');
  if (star == std::string_view::npos) return mapping == path;
  if (path.substr(0, star) != mapping.substr(0, star)) return false;
  std::string_view rest = mapping.substr(star + 1);
  for (size_t from = star; from <= path.size(); ++from) {
    if (mappingMatches(rest, path.substr(from))) return true;
  }
  return false;
}

std::variant<RestResources, std::string> RestResources::find(const std::vector<const sema::ClassSymbol*>& classes) {
  RestResources found;
  for (const sema::ClassSymbol* cls : classes) {
    const ast::Annotation* rest = sema::findAnnotation(cls->decl->annotations, "RestResource");
    if (!rest) continue;
    RestResource resource{cls, urlMappingOf(*rest), {}};
    if (std::string problem = mappingProblem(resource.urlMapping); !problem.empty())
      return "class " + cls->name + ": " + problem + " (" + resource.urlMapping + ")";
    for (const auto& method : cls->ownMethods) {
      if (!method->decl) continue;
      for (const auto& [annotationName, verb] : kVerbs) {
        if (!sema::findAnnotation(method->decl->annotations, annotationName)) continue;
        if (!method->isStatic) return "class " + cls->name + ": @" + std::string(annotationName) + " method " +
                                      method->name + " must be global static";
        if (!resource.verbs.emplace(verb, method.get()).second)
          return "class " + cls->name + ": only one method may be annotated @" + std::string(annotationName);
      }
    }
    found.resources_.push_back(std::move(resource));
  }
  return found;
}

const RestResource* RestResources::match(std::string_view path) const {
  const RestResource* best = nullptr;
  for (const RestResource& r : resources_) {
    bool wildcard = r.urlMapping.find('*') != std::string::npos;
    if (!wildcard && r.urlMapping == path) return &r;
    if (wildcard && mappingMatches(r.urlMapping, path) && (!best || r.urlMapping.size() > best->urlMapping.size()))
      best = &r;
  }
  return best;
}

}  // namespace apex::runtime
