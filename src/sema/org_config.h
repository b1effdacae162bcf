// The org's configuration that Apex reads besides its records: custom
// labels (System.Label) with their translations, the records of custom
// metadata types (`X__mdt`), the permission sets' custom permissions and
// the apps with their tabs.
//
// Like the schema, it is built by the caller from the project's metadata
// (`runtime/project/org_metadata.h`); sema reads no files. The resolver
// checks `Label.X` against the labels; the standard library reads a
// label's value in the running user's language; the host puts the custom
// metadata records in the org's store, where getAll, getInstance and SOQL
// find them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sema/schema.h"

namespace apex::sema {

// Metadata API: CustomLabel, and its translations (Translations.customLabels).
struct CustomLabel {
  std::string name;      // fullName: Greeting
  std::string value;     // in the label's own language
  std::string language;  // the language of `value`: en_US
  bool isProtected = false;
  std::vector<std::pair<std::string, std::string>> translations;  // language (de, pt_BR) -> value

  // The translation into `language` (as a language key, `de` or `de_DE`,
  // compared ignoring case); a regional key without one of its own uses the
  // language's (`de_AT` -> `de`). Null when there is none.
  const std::string* translation(std::string_view language) const;
  // The value a user of `language` reads: its translation, else the value.
  const std::string& valueFor(std::string_view language) const;
};

class CustomLabels {
 public:
  // The label `name` (case-insensitive), or null.
  const CustomLabel* find(std::string_view name) const;
  CustomLabel* find(std::string_view name);
  // Adds `label`, or replaces the label of the same name.
  CustomLabel& put(CustomLabel label);
  const std::vector<CustomLabel>& all() const { return labels_; }

 private:
  std::vector<CustomLabel> labels_;
  detail::FoldedIndex index_;
};

// Metadata API: CustomMetadata, one record of a custom metadata type
// (`customMetadata/Type.Record.md-meta.xml`).
struct CustomMetadataRecord {
  const SObjectType* type = nullptr;  // Region__mdt
  std::string developerName;          // West
  std::string label;                  // MasterLabel
  bool isProtected = false;
  // Each field's value as the file writes it; nullopt for xsi:nil.
  std::vector<std::pair<const SObjectField*, std::optional<std::string>>> values;
};

// Metadata API: PermissionSet (`permissionsets/X.permissionset-meta.xml`),
// as far as Apex reads it: the custom permissions it grants
// (FeatureManagement.checkPermission). Every org has a PermissionSet record
// of each, with the Id given here.
struct PermissionSetInfo {
  std::string name;   // the file's name: Bypass_Triggers
  std::string label;
  std::string id;     // 0PS...
  std::vector<std::string> customPermissions;  // the enabled ones
};

// Metadata API: CustomApplication (`applications/X.app-meta.xml`) with the
// tabs it shows, for Schema.describeTabs().
struct AppTab {
  std::string name;         // as the app lists it: standard-Account, Project__c, Docs_Web
  std::string label;        // the CustomTab's <label>; empty for an object's tab
  std::string sobjectName;  // Account, Project__c; empty for a web or Visualforce tab
  bool isCustom = false;
};

struct AppInfo {
  std::string name;  // the file's name: Projects
  std::string label;
  std::string description;
  std::string logo;  // a document's path: SharedDocuments/Logo.png
  std::vector<AppTab> tabs;
};

struct OrgConfig {
  CustomLabels labels;
  std::vector<PermissionSetInfo> permissionSets;  // in order of name
  std::vector<AppInfo> apps;                      // in order of name
  std::vector<CustomMetadataRecord> customMetadata;  // in file order
  std::string namespacePrefix;                       // the project's; empty when none
};

}  // namespace apex::sema
