// The static resources of an SFDX project (Metadata API: StaticResource):
// `staticresources/<Name>.resource-meta.xml` with its content type, and the
// content beside it, `<Name>.<extension>` (source format) or
// `<Name>.resource` (Metadata API format). StaticResourceCalloutMock and
// MultiStaticResourceCalloutMock answer callouts with them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <variant>

#include "interp/ports.h"
#include "runtime/project/project.h"

namespace apex::runtime {

using interp::StaticResource;

class StaticResources : public interp::StaticResourcePort {
 public:
  StaticResources() = default;
  explicit StaticResources(const Project& project);

  // The resource named `name` (case-insensitive), read from disk; the error
  // says which resource or file is missing or unreadable.
  std::variant<StaticResource, std::string> load(std::string_view name) const override;

 private:
  std::map<std::string, std::filesystem::path> metaFiles_;  // folded name -> .resource-meta.xml
};

}  // namespace apex::runtime
