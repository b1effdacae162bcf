// Remote Site Settings: the endpoints a project's Apex may call
// (Metadata API: RemoteSiteSetting; `remoteSiteSettings/*.remoteSite-meta.xml`,
// `*.remoteSite` in Metadata API format).
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include "base/url.h"

namespace apex::runtime {

struct RemoteSite {
  std::string name;  // the file's name without `.remoteSite-meta.xml` (`.remoteSite`), or the URL
  Url url;
  bool isActive = true;
  bool disableProtocolSecurity = false;
};

// Reads one `.remoteSite-meta.xml` (or `.remoteSite`); the error names the file, the element and
// what is wrong.
std::variant<RemoteSite, std::string> readRemoteSite(const std::filesystem::path& file);

class RemoteSiteSettings {
 public:
  void add(RemoteSite site) { sites_.push_back(std::move(site)); }
  // An active site with the endpoint's host and port covers it; its scheme
  // must match too, unless the site disables protocol security.
  bool allows(const Url& endpoint) const;

 private:
  std::vector<RemoteSite> sites_;
};

}  // namespace apex::runtime
