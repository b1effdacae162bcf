#include "runtime/project/org_metadata.h"

#include <algorithm>
#include <optional>
#include <pugixml.hpp>

#include "base/record_id.h"
#include "base/text.h"
#include "runtime/project/metadata_xml.h"

namespace apex::runtime {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kLabelsSuffix = ".labels-meta.xml";
constexpr std::string_view kLabelSuffix = ".label-meta.xml";
constexpr std::string_view kTranslationSuffix = ".translation-meta.xml";
constexpr std::string_view kCustomMetadataSuffix = ".md-meta.xml";
constexpr std::string_view kPermissionSetSuffix = ".permissionset-meta.xml";
constexpr std::string_view kAppSuffix = ".app-meta.xml";
constexpr std::string_view kTabSuffix = ".tab-meta.xml";

// The component files of `metaSuffix` in folders named `folder` (so that a
// Metadata API folder's README.md is no custom metadata record).
std::vector<fs::path> filesIn(const Project& project, std::string_view metaSuffix, std::string_view folder) {
  std::vector<fs::path> found;
  for (const fs::path& file : project.componentFiles(metaSuffix))
    if (file.parent_path().filename() == folder) found.push_back(file);
  return found;
}

// Components in order of name, ignoring case.
template <class Component>
void sortByName(std::vector<Component>& components) {
  std::sort(components.begin(), components.end(),
            [](const auto& a, const auto& b) { return text::foldCase(a.name) < text::foldCase(b.name); });
}

// ---- labels

std::optional<std::string> readLabel(pugi::xml_node node, std::string name, const fs::path& file,
                                     sema::CustomLabels& labels) {
  if (name.empty()) return file.string() + ": a label has no <fullName>";
  sema::CustomLabel label;
  label.name = std::move(name);
  label.value = node.child("value").text().as_string();
  label.language = textOf(node, "language");
  label.isProtected = flagOf(node, "protected");
  labels.put(std::move(label));
  return std::nullopt;
}

std::optional<std::string> readLabelFiles(const Project& project, sema::CustomLabels& labels) {
  for (const fs::path& file : filesIn(project, kLabelsSuffix, "labels")) {
    pugi::xml_document doc;
    auto root = loadXml(doc, file, "CustomLabels");
    if (auto* problem = std::get_if<std::string>(&root)) return *problem;
    for (pugi::xml_node node : std::get<pugi::xml_node>(root).children("labels"))
      if (auto problem = readLabel(node, textOf(node, "fullName"), file, labels)) return problem;
  }
  for (const fs::path& file : filesIn(project, kLabelSuffix, "labels")) {
    pugi::xml_document doc;
    auto root = loadXml(doc, file, "CustomLabel");
    if (auto* problem = std::get_if<std::string>(&root)) return *problem;
    pugi::xml_node node = std::get<pugi::xml_node>(root);
    std::string name = textOf(node, "fullName");
    if (auto problem = readLabel(node, name.empty() ? componentName(file, kLabelSuffix) : name, file, labels))
      return problem;
  }
  return std::nullopt;
}

// A translation of a label the project does not have is left out, as a
// deploy of translations alone leaves it.
std::optional<std::string> readTranslations(const Project& project, sema::CustomLabels& labels) {
  for (const fs::path& file : filesIn(project, kTranslationSuffix, "translations")) {
    pugi::xml_document doc;
    auto root = loadXml(doc, file, "Translations");
    if (auto* problem = std::get_if<std::string>(&root)) return *problem;
    std::string language = componentName(file, kTranslationSuffix);
    for (pugi::xml_node node : std::get<pugi::xml_node>(root).children("customLabels")) {
      sema::CustomLabel* label = labels.find(textOf(node, "name"));
      if (label) label->translations.emplace_back(language, node.child("label").text().as_string());
    }
  }
  return std::nullopt;
}

// ---- custom metadata records

bool isNil(pugi::xml_node value) {
  return text::equalsIgnoreAsciiCase(value.attribute("xsi:nil").as_string(), "true");
}

std::variant<sema::CustomMetadataRecord, std::string> readRecord(const fs::path& file, const sema::Schema& schema) {
  std::string fullName = componentName(file, kCustomMetadataSuffix);
  size_t dot = fullName.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == fullName.size())
    return file.string() + ": the file name must be <Type>.<Record>" + std::string(kCustomMetadataSuffix);
  std::string typeName = fullName.substr(0, dot) + "__mdt";
  sema::CustomMetadataRecord record;
  record.type = schema.object(typeName);
  if (!record.type || record.type->kind != sema::ObjectKind::CustomMetadata)
    return file.string() + ": no custom metadata type " + typeName + " in objects/";
  record.developerName = fullName.substr(dot + 1);

  pugi::xml_document doc;
  auto root = loadXml(doc, file, "CustomMetadata");
  if (auto* problem = std::get_if<std::string>(&root)) return *problem;
  pugi::xml_node node = std::get<pugi::xml_node>(root);
  record.label = textOf(node, "label");
  record.isProtected = flagOf(node, "protected");
  for (pugi::xml_node entry : node.children("values")) {
    std::string fieldName = textOf(entry, "field");
    const sema::SObjectField* field = record.type->field(fieldName);
    if (!field || !field->custom) return file.string() + ": " + typeName + " has no field " + fieldName;
    pugi::xml_node value = entry.child("value");
    std::optional<std::string> text;
    if (value && !isNil(value)) text = value.text().as_string();
    record.values.emplace_back(field, std::move(text));
  }
  return record;
}

std::optional<std::string> readCustomMetadata(const Project& project, const sema::Schema& schema,
                                              std::vector<sema::CustomMetadataRecord>& records) {
  for (const fs::path& file : filesIn(project, kCustomMetadataSuffix, "customMetadata")) {
    auto record = readRecord(file, schema);
    if (auto* problem = std::get_if<std::string>(&record)) return *problem;
    records.push_back(std::move(std::get<sema::CustomMetadataRecord>(record)));
  }
  return std::nullopt;
}

// ---- apps and tabs

// A tab an app lists: `standard-Account` is the standard object's tab; any
// other name is a CustomTab, read from `tabs/` when the project has it (an
// object's tab names the object, a web or Visualforce tab has a label).
std::variant<sema::AppTab, std::string> readTab(std::string name, const std::vector<fs::path>& tabFiles,
                                               const sema::Schema& schema) {
  sema::AppTab tab;
  tab.name = std::move(name);
  if (tab.name.starts_with("standard-")) {
    tab.sobjectName = tab.name.substr(std::string_view("standard-").size());
    return tab;
  }
  tab.isCustom = true;
  auto file = std::find_if(tabFiles.begin(), tabFiles.end(), [&](const fs::path& f) {
    return text::equalsIgnoreAsciiCase(componentName(f, kTabSuffix), tab.name);
  });
  bool objectTab = schema.object(tab.name) != nullptr;
  if (file != tabFiles.end()) {
    pugi::xml_document doc;
    auto loaded = loadXml(doc, *file, "CustomTab");
    if (auto* problem = std::get_if<std::string>(&loaded)) return *problem;
    pugi::xml_node root = std::get<pugi::xml_node>(loaded);
    tab.label = textOf(root, "label");
    objectTab = flagOf(root, "customObject");
  }
  if (objectTab) tab.sobjectName = tab.name;
  return tab;
}

std::optional<std::string> readApps(const Project& project, const sema::Schema& schema, std::vector<sema::AppInfo>& apps) {
  std::vector<fs::path> tabFiles = filesIn(project, kTabSuffix, "tabs");
  for (const fs::path& file : filesIn(project, kAppSuffix, "applications")) {
    pugi::xml_document doc;
    auto loaded = loadXml(doc, file, "CustomApplication");
    if (auto* problem = std::get_if<std::string>(&loaded)) return *problem;
    pugi::xml_node root = std::get<pugi::xml_node>(loaded);
    sema::AppInfo app;
    app.name = componentName(file, kAppSuffix);
    app.label = textOf(root, "label").empty() ? app.name : textOf(root, "label");
    app.description = textOf(root, "description");
    app.logo = textOf(root, "logo");
    for (pugi::xml_node listed : root.children("tabs")) {
      auto tab = readTab(listed.text().as_string(), tabFiles, schema);
      if (auto* problem = std::get_if<std::string>(&tab)) return *problem;
      app.tabs.push_back(std::move(std::get<sema::AppTab>(tab)));
    }
    apps.push_back(std::move(app));
  }
  sortByName(apps);
  return std::nullopt;
}

}  // namespace

// `permissionsets/X.permissionset-meta.xml`: its enabled custom
// permissions. The permission sets are numbered in order of name.
std::optional<std::string> readPermissionSets(const Project& project, std::vector<sema::PermissionSetInfo>& sets) {
  for (const fs::path& file : filesIn(project, kPermissionSetSuffix, "permissionsets")) {
    pugi::xml_document doc;
    auto loaded = loadXml(doc, file, "PermissionSet");
    if (auto* problem = std::get_if<std::string>(&loaded)) return *problem;
    pugi::xml_node root = std::get<pugi::xml_node>(loaded);
    sema::PermissionSetInfo set;
    set.name = componentName(file, kPermissionSetSuffix);
    set.label = textOf(root, "label").empty() ? set.name : textOf(root, "label");
    for (pugi::xml_node granted : root.children("customPermissions"))
      if (flagOf(granted, "enabled")) set.customPermissions.push_back(textOf(granted, "name"));
    sets.push_back(std::move(set));
  }
  sortByName(sets);
  for (size_t i = 0; i < sets.size(); ++i) sets[i].id = recordId("0PS", i + 1);
  return std::nullopt;
}

std::variant<sema::OrgConfig, std::string> loadOrgConfig(const Project& project, const sema::Schema& schema) {
  sema::OrgConfig config;
  config.namespacePrefix = project.namespacePrefix;
  if (auto problem = readLabelFiles(project, config.labels)) return *problem;
  if (auto problem = readTranslations(project, config.labels)) return *problem;
  if (auto problem = readCustomMetadata(project, schema, config.customMetadata)) return *problem;
  if (auto problem = readPermissionSets(project, config.permissionSets)) return *problem;
  if (auto problem = readApps(project, schema, config.apps)) return *problem;
  return config;
}

}  // namespace apex::runtime
