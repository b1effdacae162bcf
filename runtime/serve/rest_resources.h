// The @RestResource classes of a project and which one answers a URL
// (Apex Reference: RestResource Annotation; Apex Developer Guide:
// "Exposing Apex Classes as REST Web Services").
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sema/program.h"

namespace apex::runtime {

struct RestResource {
  const sema::ClassSymbol* cls = nullptr;
  std::string urlMapping;                                  // `/Accounts/*`
  std::map<std::string, const sema::MethodSymbol*> verbs;  // `GET` -> its @HttpGet method
};

class RestResources {
 public:
  // Every class of a project's compiled top-level `classes` annotated
  // @RestResource. A bad urlMapping, or two methods for one verb, is an
  // error naming the class.
  static std::variant<RestResources, std::string> find(const std::vector<const sema::ClassSymbol*>& classes);

  // The resource for `path` (what follows /services/apexrest): an exact
  // mapping first, else the longest wildcard mapping that matches; null
  // when none does. Case-sensitive, as Salesforce's matching is.
  const RestResource* match(std::string_view path) const;
  const std::vector<RestResource>& all() const { return resources_; }

 private:
  std::vector<RestResource> resources_;
};

// Whether `mapping` (with `*` wildcards) matches `path`; `/A/*` also
// matches `/A`.
bool mappingMatches(std::string_view mapping, std::string_view path);

}  // namespace apex::runtime
