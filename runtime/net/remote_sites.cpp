#include "runtime/net/remote_sites.h"

#include <pugixml.hpp>

namespace apex::runtime {
namespace {

// The file of a remote site in source format, and in Metadata API format.
constexpr std::string_view kSuffixes[] = {".remoteSite-meta.xml", ".remoteSite"};

std::string siteName(const std::filesystem::path& file) {
  std::string name = file.filename().string();
  for (std::string_view suffix : kSuffixes) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

std::variant<bool, std::string> booleanElement(const pugi::xml_node& root, const char* name, bool fallback) {
  pugi::xml_node node = root.child(name);
  if (!node) return fallback;
  std::string text = node.text().as_string();
  if (text == "true") return true;
  if (text == "false") return false;
  return std::string("<") + name + "> must be true or false, not \"" + text + "\"";
}

}  // namespace

std::variant<RemoteSite, std::string> readRemoteSite(const std::filesystem::path& file) {
  std::string where = file.string() + ": ";
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file(file.c_str());
  if (!parsed) return where + "not well-formed XML (" + parsed.description() + ")";
  pugi::xml_node root = doc.child("RemoteSiteSetting");
  if (!root) return where + "the root element must be <RemoteSiteSetting>";
  RemoteSite site;
  site.name = siteName(file);
  pugi::xml_node urlNode = root.child("url");
  if (!urlNode) return where + "<url> is missing";
  auto url = parseUrl(urlNode.text().as_string());
  if (auto* problem = std::get_if<std::string>(&url)) return where + "<url> is not a valid URL: " + *problem;
  site.url = std::get<Url>(url);
  auto active = booleanElement(root, "isActive", true);
  if (auto* problem = std::get_if<std::string>(&active)) return where + *problem;
  auto disable = booleanElement(root, "disableProtocolSecurity", false);
  if (auto* problem = std::get_if<std::string>(&disable)) return where + *problem;
  site.isActive = std::get<bool>(active);
  site.disableProtocolSecurity = std::get<bool>(disable);
  return site;
}

bool RemoteSiteSettings::allows(const Url& endpoint) const {
  for (const RemoteSite& site : sites_) {
    if (!site.isActive || site.url.host != endpoint.host) continue;
    bool samePort = site.url.port == endpoint.port || (site.url.isDefaultPort() && endpoint.isDefaultPort());
    bool sameScheme = site.url.scheme == endpoint.scheme;
    if (samePort && (sameScheme || site.disableProtocolSecurity)) return true;
  }
  return false;
}

}  // namespace apex::runtime
