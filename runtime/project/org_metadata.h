// The project's org configuration (sema::OrgConfig): custom labels,
// their translations and custom metadata records.
//
// - labels: `labels/CustomLabels.labels-meta.xml` (Metadata API:
//   `labels/CustomLabels.labels`), or one `labels/<Name>.label-meta.xml`
//   per label;
// - translations: `translations/<language>.translation-meta.xml`
//   (`<customLabels><name>` and `<label>`);
// - custom metadata records: `customMetadata/<Type>.<Record>.md-meta.xml`
//   (Metadata API: `.md`), each value `<values><field>` and `<value
//   xsi:type="xsd:string">` (or `xsi:nil="true"`), checked against the
//   schema's `<Type>__mdt` and its fields.
//
// Errors name the file and what is wrong with it.
#pragma once

#include <string>
#include <variant>

#include "runtime/project/project.h"
#include "sema/org_config.h"
#include "sema/schema.h"

namespace apex::runtime {

// `schema` must outlive the result: its records point at its objects.
std::variant<sema::OrgConfig, std::string> loadOrgConfig(const Project& project, const sema::Schema& schema);

}  // namespace apex::runtime
