// The schema a project runs against (sema::Schema): the built-in standard
// objects, then an org's exact schema from the `sf sobject describe --json`
// files in `<project>/.apexrun/schema/*.json`, then the project's own
// object metadata, which adds custom objects and fields:
//
// - source format: `objects/<Object>/<Object>.object-meta.xml`,
//   `objects/<Object>/fields/<Field>.field-meta.xml`,
//   `objects/<Object>/recordTypes/<Name>.recordType-meta.xml`,
//   `objects/<Object>/validationRules/<Name>.validationRule-meta.xml` (the
//   fields of `objects/Activity/` go to Task and Event);
// - Metadata API format: `objects/<Object>.object`, fields, record types
//   and validation rules inline;
// - `globalValueSets/<Name>.globalValueSet-meta.xml` for picklists that use
//   a global value set.
//
// Errors name the file and what is wrong with it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "runtime/project/project.h"
#include "sema/schema.h"

namespace apex::runtime {

// The project's schema, linked: standard catalog < describe files < object
// metadata. The error names the first file that cannot be read.
std::variant<sema::Schema, std::string> loadSchema(const Project& project);

// One describe result (`sf sobject describe --json`'s output, or the bare
// `result` object) as an sObject type; `file` names it in errors.
std::variant<sema::SObjectType, std::string> parseDescribe(std::string_view json, const std::string& file);

// Puts every `*.json` in `folder` into `schema`, each replacing the object of
// its name. A missing folder holds none.
std::optional<std::string> readDescribeFolder(const std::filesystem::path& folder, sema::Schema& schema);

// Adds the project's objects, fields and record types to `schema`. Link the
// schema afterwards (loadSchema does).
std::optional<std::string> readObjectMetadata(const Project& project, sema::Schema& schema);

}  // namespace apex::runtime
