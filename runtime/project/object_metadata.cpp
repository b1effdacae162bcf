#include "runtime/project/object_metadata.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <vector>

#include "base/text.h"
#include "runtime/project/metadata_xml.h"
#include "sema/schema_catalog.h"

namespace apex::runtime {
namespace {

namespace fs = std::filesystem;
using sema::FieldType;
using sema::ObjectKind;
using sema::Schema;
using sema::SObjectField;
using sema::SObjectType;

constexpr std::string_view kObjectSuffix = ".object-meta.xml";
constexpr std::string_view kFieldSuffix = ".field-meta.xml";
constexpr std::string_view kRecordTypeSuffix = ".recordType-meta.xml";
constexpr std::string_view kFieldSetSuffix = ".fieldSet-meta.xml";
constexpr std::string_view kValidationRuleSuffix = ".validationRule-meta.xml";
constexpr std::string_view kGlobalValueSetSuffix = ".globalValueSet-meta.xml";

bool endsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && text::equalsIgnoreAsciiCase(s.substr(s.size() - suffix.size()), suffix);
}

std::string withoutSuffix(const fs::path& file, std::string_view suffix) {
  std::string name = file.filename().string();
  return name.substr(0, name.size() - suffix.size());
}

// ---- object kinds and the fields the platform gives each kind

ObjectKind kindOf(std::string_view name, bool customSetting) {
  if (endsWithIgnoreCase(name, "__mdt")) return ObjectKind::CustomMetadata;
  if (endsWithIgnoreCase(name, "__e")) return ObjectKind::PlatformEvent;
  if (endsWithIgnoreCase(name, "__x")) return ObjectKind::External;
  if (customSetting) return ObjectKind::CustomSetting;
  if (endsWithIgnoreCase(name, "__c") || endsWithIgnoreCase(name, "__b")) return ObjectKind::Custom;
  return ObjectKind::Standard;
}

SObjectField makeField(std::string_view name, std::string_view label, FieldType type, int length = 0) {
  SObjectField field;
  field.name = name;
  field.label = label;
  field.type = type;
  field.length = length;
  return field;
}

SObjectField readOnly(SObjectField field) {
  field.createable = field.updateable = false;
  return field;
}

SObjectField referenceField(std::string_view name, std::string_view label, std::vector<std::string> to,
                            std::string_view relationship) {
  SObjectField field = makeField(name, label, FieldType::Reference, 18);
  field.referenceTo = std::move(to);
  field.relationshipName = relationship;
  return field;
}

// An auto-number's displayFormat and startingNumber, where given.
void readAutoNumberFormat(pugi::xml_node node, SObjectField& field) {
  std::string format = textOf(node, "displayFormat");
  if (!format.empty()) field.displayFormat = format;
  if (auto start = numberOf(node, "startingNumber")) field.startingNumber = *start;
}

// Name: Text (80 characters, required) or an Auto Number (nameField).
SObjectField nameField(pugi::xml_node nameNode, const std::string& objectLabel) {
  std::string label = textOf(nameNode, "label");
  SObjectField name = makeField("Name", label.empty() ? objectLabel + " Name" : label, FieldType::String, 80);
  if (text::equalsIgnoreAsciiCase(textOf(nameNode, "type"), "AutoNumber")) {
    name = readOnly(std::move(name));
    name.length = 30;
    name.autoNumber = true;
    readAutoNumberFormat(nameNode, name);
  } else {
    name.nillable = false;
  }
  name.defaultedOnCreate = name.autoNumber;
  return name;
}

// The fields a new object of `kind` starts with (the Object Reference's
// "Custom Objects", "Custom Settings", "Custom Metadata Types" and
// "Platform Events" pages).
void addPlatformFields(SObjectType& object, pugi::xml_node root) {
  switch (object.kind) {
    case ObjectKind::CustomMetadata: {
      sema::addSystemFields(object,
                            {"IsDeleted", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById"});
      SObjectField developerName = makeField("DeveloperName", object.label + " Name", FieldType::String, 40);
      developerName.nillable = false;
      object.putField(std::move(developerName));
      SObjectField masterLabel = makeField("MasterLabel", "Label", FieldType::String, 40);
      masterLabel.nillable = false;
      object.putField(std::move(masterLabel));
      object.putField(makeField("Label", "Label", FieldType::String, 40));
      object.putField(makeField("Language", "Master Language", FieldType::Picklist, 40));
      object.putField(readOnly(makeField("NamespacePrefix", "Namespace Prefix", FieldType::String, 15)));
      object.putField(readOnly(makeField("QualifiedApiName", "Qualified API Name", FieldType::String, 70)));
      return;
    }
    case ObjectKind::PlatformEvent:
      sema::addSystemFields(object, {"Id", "IsDeleted", "LastModifiedDate", "LastModifiedById", "SystemModstamp"});
      object.putField(readOnly(makeField("ReplayId", "Replay ID", FieldType::String, 255)));
      object.putField(readOnly(makeField("EventUuid", "Event UUID", FieldType::String, 36)));
      return;
    case ObjectKind::CustomSetting: {
      sema::addSystemFields(object);
      // A list setting's data sets are named; a hierarchy setting's records
      // are known by their SetupOwnerId, and Apex inserts them without a name.
      SObjectField name = makeField("Name", "Name", FieldType::String, 38);
      name.nillable = object.hierarchySetting;
      object.putField(std::move(name));
      if (object.hierarchySetting)
        object.putField(
            referenceField("SetupOwnerId", "Location ID", {"Organization", "Profile", "User"}, "SetupOwner"));
      return;
    }
    default:
      sema::addSystemFields(object);
      object.putField(nameField(root.child("nameField"), object.label));
      object.putField(readOnly(makeField("LastViewedDate", "Last Viewed Date", FieldType::DateTime)));
      object.putField(readOnly(makeField("LastReferencedDate", "Last Referenced Date", FieldType::DateTime)));
      return;
  }
}

// ---- field types

struct Summary {
  std::string object, field, operation, summarizedField;
};

struct PicklistSource {
  std::map<std::string, std::vector<sema::PicklistValue>> globalValueSets;  // folded name -> values
};

void readValueList(pugi::xml_node parent, const char* element, SObjectField& field) {
  for (pugi::xml_node value : parent.children(element)) {
    sema::PicklistValue entry;
    entry.value = textOf(value, "fullName");
    entry.label = textOf(value, "label");
    if (entry.label.empty()) entry.label = entry.value;
    entry.isDefault = flagOf(value, "default");
    entry.active = !value.child("isActive") || flagOf(value, "isActive");
    field.picklistValues.push_back(std::move(entry));
  }
}

// A picklist whose values mark a default starts new records with it.
void takeDefaultValue(SObjectField& field) {
  for (const sema::PicklistValue& value : field.picklistValues) {
    if (!value.isDefault) continue;
    field.defaultedOnCreate = true;
    field.defaultValue = {sema::DefaultValue::Kind::Literal, value.value};
  }
}

// valueSet (API 38.0 and later: its own values, or a global value set's)
// or the older picklist element.
void readPicklist(pugi::xml_node node, SObjectField& field, const PicklistSource& source) {
  if (pugi::xml_node valueSet = node.child("valueSet")) {
    field.restrictedPicklist = flagOf(valueSet, "restricted");
    field.picklistValues.clear();
    std::string global = textOf(valueSet, "valueSetName");
    if (!global.empty()) {
      auto found = source.globalValueSets.find(text::foldCase(global));
      if (found != source.globalValueSets.end()) field.picklistValues = found->second;
      field.restrictedPicklist = true;  // a global value set is always restricted
    }
    readValueList(valueSet.child("valueSetDefinition"), "value", field);
  } else if (pugi::xml_node picklist = node.child("picklist")) {
    field.restrictedPicklist = flagOf(picklist, "restrictedPicklist");
    field.picklistValues.clear();
    readValueList(picklist, "picklistValues", field);
  }
  takeDefaultValue(field);
}

// The type of a field as metadata writes it (Text, Lookup, MasterDetail...);
// false when it is not one apexrun knows.
bool applyMetadataType(std::string_view type, pugi::xml_node node, SObjectField& field) {
  auto sizeOr = [&](const char* element, int fallback) { return numberOf(node, element).value_or(fallback); };
  auto is = [&](std::string_view name) { return text::equalsIgnoreAsciiCase(type, name); };
  if (is("Text")) field.type = FieldType::String, field.length = sizeOr("length", 255);
  else if (is("TextArea")) field.type = FieldType::TextArea, field.length = 255;
  else if (is("LongTextArea")) field.type = FieldType::TextArea, field.length = sizeOr("length", 32768);
  else if (is("Html"))
    field.type = FieldType::TextArea, field.length = sizeOr("length", 32768), field.htmlFormatted = true;
  else if (is("EncryptedText")) field.type = FieldType::EncryptedString, field.length = sizeOr("length", 175);
  else if (is("Email")) field.type = FieldType::Email, field.length = 80;
  else if (is("Phone")) field.type = FieldType::Phone, field.length = 40;
  else if (is("Url")) field.type = FieldType::Url, field.length = 255;
  else if (is("Picklist")) field.type = FieldType::Picklist, field.length = 255;
  else if (is("MultiselectPicklist")) field.type = FieldType::MultiPicklist, field.length = 4099;
  else if (is("Checkbox")) field.type = FieldType::Boolean;
  else if (is("Date")) field.type = FieldType::Date;
  else if (is("DateTime")) field.type = FieldType::DateTime;
  else if (is("Time")) field.type = FieldType::Time;
  else if (is("Number")) field.type = FieldType::Double;
  else if (is("Currency")) field.type = FieldType::Currency;
  else if (is("Percent")) field.type = FieldType::Percent;
  else if (is("Location")) field.type = FieldType::Location, field.scale = sizeOr("scale", 0);
  else if (is("AutoNumber")) {
    field.type = FieldType::String, field.length = 30, field.autoNumber = true;
    readAutoNumberFormat(node, field);
  }
  else if (is("Lookup") || is("MasterDetail") || is("Hierarchy") || is("ExternalLookup") || is("IndirectLookup") ||
           is("MetadataRelationship"))
    field.type = FieldType::Reference, field.length = 18;
  else if (is("Summary")) field.type = FieldType::Double;  // refined once every field is read
  else return false;
  if (field.type == FieldType::Double || field.type == FieldType::Currency || field.type == FieldType::Percent) {
    field.precision = sizeOr("precision", 18);
    field.scale = sizeOr("scale", 0);
  }
  return true;
}

// Lookup, master-detail and hierarchy relationships: the parent, the
// relationship names both ways, and what deleting the parent does.
std::optional<std::string> applyRelationship(std::string_view type, pugi::xml_node node, SObjectField& field,
                                             const fs::path& file) {
  std::string target = textOf(node, "referenceTo");
  if (text::equalsIgnoreAsciiCase(type, "Hierarchy")) target = "User";
  if (target.empty())
    return file.string() + ": the " + std::string(type) + " field " + field.name + " has no <referenceTo>";
  field.referenceTo = {target};
  field.relationshipName = sema::customRelationshipName(field.name);
  std::string children = textOf(node, "relationshipName");
  if (!children.empty()) field.childRelationshipName = field.custom ? children + "__r" : children;
  if (text::equalsIgnoreAsciiCase(type, "MasterDetail")) {
    field.masterDetail = field.cascadeDelete = true;
    field.nillable = false;
    field.updateable = flagOf(node, "reparentableMasterDetail");
  } else {
    std::string constraint = textOf(node, "deleteConstraint");
    field.cascadeDelete = text::equalsIgnoreAsciiCase(constraint, "Cascade");
    field.restrictedDelete = text::equalsIgnoreAsciiCase(constraint, "Restrict");
  }
  return std::nullopt;
}

// The two number fields a Location field brings: Where__Latitude__s and
// Where__Longitude__s.
void addLocationParts(SObjectType& object, const SObjectField& location) {
  std::string base = location.name;
  if (endsWithIgnoreCase(base, "__c")) base.resize(base.size() - 3);
  for (std::string_view part : {"Latitude", "Longitude"}) {
    SObjectField component = makeField(base + "__" + std::string(part) + "__s",
                                       location.label + " (" + std::string(part) + ")", FieldType::Double);
    component.precision = 18;
    component.scale = location.scale ? location.scale : 15;
    component.custom = true;
    object.putField(std::move(component));
  }
}

class MetadataReader {
 public:
  MetadataReader(const Project& project, Schema& schema) : project_(project), schema_(schema) {}

  std::optional<std::string> read() {
    if (auto error = readGlobalValueSets()) return error;
    for (const fs::path& file : project_.filesEndingWith(kObjectSuffix))
      if (auto error = readObjectFile(file, withoutSuffix(file, kObjectSuffix), false)) return error;
    for (const fs::path& file : project_.filesEndingWith(".object"))
      if (file.parent_path().filename() == "objects")
        if (auto error = readObjectFile(file, file.stem().string(), true)) return error;
    for (const fs::path& file : project_.filesEndingWith(kFieldSuffix))
      if (auto error = readFieldFile(file)) return error;
    if (auto error = readObjectParts("recordTypes", kRecordTypeSuffix, "RecordType", &addRecordType)) return error;
    if (auto error = readObjectParts("fieldSets", kFieldSetSuffix, "FieldSet", &addFieldSet)) return error;
    if (auto error = readObjectParts("validationRules", kValidationRuleSuffix, "ValidationRule", &addValidationRule))
      return error;
    finishObjects();
    resolveSummaries();
    return std::nullopt;
  }

 private:
  // What an object file says that matters only once its fields are known.
  struct ObjectNotes {
    bool created = false;  // a new object, not one of the catalog or describe
    bool controlledByParent = false;
    bool activities = false;
  };

  std::optional<std::string> readGlobalValueSets() {
    for (const fs::path& file : project_.filesEndingWith(kGlobalValueSetSuffix)) {
      pugi::xml_document doc;
      auto root = loadXml(doc, file, "GlobalValueSet");
      if (auto* error = std::get_if<std::string>(&root)) return *error;
      SObjectField values;
      readValueList(std::get<pugi::xml_node>(root), "customValue", values);
      picklists_.globalValueSets[text::foldCase(withoutSuffix(file, kGlobalValueSetSuffix))] = values.picklistValues;
    }
    return std::nullopt;
  }

  // `objects/<Name>/<Name>.object-meta.xml` or `objects/<Name>.object`
  // (whose fields and record types are inline).
  std::optional<std::string> readObjectFile(const fs::path& file, const std::string& name, bool inline_) {
    pugi::xml_document doc;
    auto loaded = loadXml(doc, file, "CustomObject");
    if (auto* error = std::get_if<std::string>(&loaded)) return *error;
    pugi::xml_node root = std::get<pugi::xml_node>(loaded);
    SObjectType& object = objectNamed(name, root);
    ObjectNotes& notes = notes_[text::foldCase(object.name)];
    notes.controlledByParent = textOf(root, "sharingModel") == "ControlledByParent";
    notes.activities = notes.activities || flagOf(root, "enableActivities");
    if (!inline_) return std::nullopt;
    for (pugi::xml_node field : root.children("fields"))
      if (auto error = readField(object, field, "", file)) return error;
    for (auto [element, add] : {std::pair{"recordTypes", &addRecordType}, std::pair{"fieldSets", &addFieldSet},
                                std::pair{"validationRules", &addValidationRule}})
      for (pugi::xml_node part : root.children(element))
        if (auto error = add(object, part, "")) return file.string() + ": " + *error;
    return std::nullopt;
  }

  // The object `name`: the one the schema has, or a new one as the object
  // file (when there is one) describes it.
  SObjectType& objectNamed(const std::string& name, pugi::xml_node root = {}) {
    if (SObjectType* existing = schema_.object(name)) return *existing;
    SObjectType object;
    object.name = name;
    object.hierarchySetting = textOf(root, "customSettingsType") == "Hierarchy";
    object.kind = kindOf(name, !root.child("customSettingsType").empty());
    object.publishAfterCommit = textOf(root, "publishBehavior") != "PublishImmediately";
    object.label = textOf(root, "label");
    if (object.label.empty()) object.label = name;
    object.labelPlural = textOf(root, "pluralLabel");
    if (object.labelPlural.empty()) object.labelPlural = object.label;
    addPlatformFields(object, root);
    notes_[text::foldCase(name)].created = true;
    return schema_.put(std::move(object));
  }

  // `objects/<Object>/fields/<Field>.field-meta.xml`. The fields of
  // `objects/Activity/` are those of both Task and Event.
  std::optional<std::string> readFieldFile(const fs::path& file) {
    if (file.parent_path().filename() != "fields") return std::nullopt;
    std::string objectName = file.parent_path().parent_path().filename().string();
    pugi::xml_document doc;
    auto loaded = loadXml(doc, file, "CustomField");
    if (auto* error = std::get_if<std::string>(&loaded)) return *error;
    std::vector<std::string> objects = {objectName};
    if (text::equalsIgnoreAsciiCase(objectName, "Activity")) objects = {"Task", "Event"};
    for (const std::string& object : objects)
      if (auto error = readField(objectNamed(object), std::get<pugi::xml_node>(loaded),
                                 withoutSuffix(file, kFieldSuffix), file))
        return error;
    return std::nullopt;
  }

  // A CustomField element: a new field, or what the metadata changes on a
  // standard field (its picklist values).
  std::optional<std::string> readField(SObjectType& object, pugi::xml_node node, const std::string& fileName,
                                       const fs::path& file) {
    std::string name = textOf(node, "fullName");
    if (name.empty()) name = fileName;
    if (name.empty()) return file.string() + ": a field without <fullName>";
    std::string type = textOf(node, "type");
    SObjectField* existing = object.field(name);
    if (existing && !endsWithIgnoreCase(name, "__c")) {
      readPicklist(node, *existing, picklists_);
      return std::nullopt;
    }
    if (type.empty()) {
      if (endsWithIgnoreCase(name, "__c")) return file.string() + ": the field " + name + " has no <type>";
      return std::nullopt;  // a standard field the catalog lacks, and the file does not describe
    }
    SObjectField field;
    field.name = name;
    field.custom = endsWithIgnoreCase(name, "__c");
    field.label = textOf(node, "label");
    if (field.label.empty()) field.label = sema::labelFromName(name);
    if (!applyMetadataType(type, node, field))
      return file.string() + ": the field " + name + " has a type apexrun does not know: " + type;
    if (field.isReference())
      if (auto error = applyRelationship(type, node, field, file)) return error;
    readPicklist(node, field, picklists_);
    applyFieldProperties(node, field);
    if (text::equalsIgnoreAsciiCase(type, "Summary"))
      summaries_.push_back(
          {object.name, field.name, textOf(node, "summaryOperation"), textOf(node, "summarizedField")});
    if (field.type == FieldType::Location) addLocationParts(object, field);
    object.putField(std::move(field));
    return std::nullopt;
  }

  static void applyFieldProperties(pugi::xml_node node, SObjectField& field) {
    if (flagOf(node, "required")) field.nillable = false;
    field.unique = flagOf(node, "unique");
    field.externalId = flagOf(node, "externalId");
    field.caseSensitive = flagOf(node, "caseSensitive");
    field.formula = textOf(node, "formula");
    field.blanksAsZero = textOf(node, "formulaTreatBlanksAs") != "BlankAsBlank";
    std::string defaultValue = textOf(node, "defaultValue");
    if (!defaultValue.empty()) {
      field.defaultValue = sema::parseDefaultValue(defaultValue);
      field.defaultedOnCreate = true;
    }
    if (field.type == FieldType::Boolean) {
      field.nillable = false;
      field.defaultedOnCreate = true;
      if (field.defaultValue.kind == sema::DefaultValue::Kind::None)
        field.defaultValue = {sema::DefaultValue::Kind::Literal, "false"};
    }
    bool summary = textOf(node, "type") == "Summary";
    if (!field.formula.empty() || summary) field.calculated = true;
    if (field.calculated || field.autoNumber) {
      field.createable = field.updateable = false;
      field.nillable = !field.autoNumber;
    }
  }

  // The parts of objects kept in files of their own:
  // `objects/<Object>/<folder>/<Name><suffix>`, whose root element is
  // `root`; `add` takes the object, the root and <Name>.
  using AddPart = std::optional<std::string> (*)(SObjectType&, pugi::xml_node, const std::string&);
  std::optional<std::string> readObjectParts(std::string_view folder, std::string_view suffix, const char* root,
                                             AddPart add) {
    for (const fs::path& file : project_.filesEndingWith(suffix)) {
      if (file.parent_path().filename() != folder) continue;
      pugi::xml_document doc;
      auto loaded = loadXml(doc, file, root);
      if (auto* error = std::get_if<std::string>(&loaded)) return *error;
      SObjectType& object = objectNamed(file.parent_path().parent_path().filename().string());
      if (auto error = add(object, std::get<pugi::xml_node>(loaded), withoutSuffix(file, suffix)))
        return file.string() + ": " + *error;
    }
    return std::nullopt;
  }

  // The fields a page shows (displayedFields); those only available to add
  // (availableFields) are not members.
  static std::optional<std::string> addFieldSet(SObjectType& object, pugi::xml_node node, const std::string& fileName) {
    sema::FieldSetInfo fieldSet;
    fieldSet.name = textOf(node, "fullName");
    if (fieldSet.name.empty()) fieldSet.name = fileName;
    fieldSet.label = textOf(node, "label");
    if (fieldSet.label.empty()) fieldSet.label = fieldSet.name;
    fieldSet.description = textOf(node, "description");
    for (pugi::xml_node member : node.children("displayedFields"))
      fieldSet.fields.push_back({textOf(member, "field"), flagOf(member, "isRequired")});
    object.fieldSets.push_back(std::move(fieldSet));
    return std::nullopt;
  }

  static std::optional<std::string> addValidationRule(SObjectType& object, pugi::xml_node node,
                                                      const std::string& fileName) {
    if (textOf(node, "errorConditionFormula").empty()) return "the validation rule has no <errorConditionFormula>";
    sema::ValidationRule rule;
    rule.fullName = textOf(node, "fullName");
    if (rule.fullName.empty()) rule.fullName = fileName;
    rule.active = !node.child("active") || flagOf(node, "active");
    rule.errorConditionFormula = textOf(node, "errorConditionFormula");
    rule.errorMessage = textOf(node, "errorMessage");
    rule.errorDisplayField = textOf(node, "errorDisplayField");
    object.validationRules.push_back(std::move(rule));
    return std::nullopt;
  }

  static std::optional<std::string> addRecordType(SObjectType& object, pugi::xml_node node, const std::string& fileName) {
    sema::RecordTypeInfo info;
    info.developerName = textOf(node, "fullName");
    if (info.developerName.empty()) info.developerName = fileName;
    info.label = textOf(node, "label");
    if (info.label.empty()) info.label = info.developerName;
    info.active = !node.child("active") || flagOf(node, "active");
    object.recordTypes.push_back(std::move(info));
    if (!object.field("RecordTypeId"))
      object.putField(referenceField("RecordTypeId", "Record Type ID", {"RecordType"}, "RecordType"));
    return std::nullopt;
  }

  // What a new custom object gets once its fields are known: an owner
  // unless it is the detail of a master-detail relationship; activities
  // and notes and attachments that can refer to it.
  void finishObjects() {
    for (const auto& [folded, notes] : notes_) {
      SObjectType* object = schema_.object(folded);
      if (!object || object->kind != ObjectKind::Custom || !notes.created) continue;
      const auto& fields = object->fields();
      bool detail = notes.controlledByParent ||
                    std::any_of(fields.begin(), fields.end(), [](const SObjectField& f) { return f.masterDetail; });
      if (!detail) {
        SObjectField owner = referenceField("OwnerId", "Owner ID", {"Group", "User"}, "Owner");
        owner.nillable = false;
        owner.defaultedOnCreate = true;
        object->putField(std::move(owner));
      }
      std::vector<std::string> parents = {"Attachment.ParentId", "Note.ParentId"};
      if (notes.activities) {
        object->putField(readOnly(makeField("LastActivityDate", "Last Activity Date", FieldType::Date)));
        parents.insert(parents.end(), {"Task.WhatId", "Event.WhatId"});
      }
      for (const std::string& parent : parents) addReferenceTarget(parent, object->name);
    }
  }

  void addReferenceTarget(std::string_view objectDotField, const std::string& target) {
    size_t dot = objectDotField.find('.');
    SObjectType* object = schema_.object(objectDotField.substr(0, dot));
    SObjectField* field = object ? object->field(objectDotField.substr(dot + 1)) : nullptr;
    if (field && std::find(field->referenceTo.begin(), field->referenceTo.end(), target) == field->referenceTo.end())
      field->referenceTo.push_back(target);
  }

  // A roll-up summary has the type of what it sums, or the minimum or
  // maximum of; a COUNT is a number without decimals.
  void resolveSummaries() {
    for (const Summary& summary : summaries_) {
      SObjectField* field = schema_.object(summary.object)->field(summary.field);
      field->precision = 18;
      field->scale = 0;
      size_t dot = summary.summarizedField.find('.');
      if (text::equalsIgnoreAsciiCase(summary.operation, "count") || dot == std::string::npos) continue;
      const SObjectType* child = schema_.object(summary.summarizedField.substr(0, dot));
      const SObjectField* summed = child ? child->field(summary.summarizedField.substr(dot + 1)) : nullptr;
      if (!summed) continue;
      field->type = summed->type;
      field->precision = summed->precision;
      field->scale = summed->scale;
    }
  }

  const Project& project_;
  Schema& schema_;
  PicklistSource picklists_;
  std::map<std::string, ObjectNotes> notes_;  // folded object name ->
  std::vector<Summary> summaries_;
};

// ---- describe JSON

std::string stringOr(const nlohmann::json& object, const char* key, std::string fallback = {}) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

bool boolOr(const nlohmann::json& object, const char* key, bool fallback) {
  auto found = object.find(key);
  return found != object.end() && found->is_boolean() ? found->get<bool>() : fallback;
}

int intOr(const nlohmann::json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_number_integer() ? found->get<int>() : 0;
}

// describe's defaultValue is typed (false, 0, "Open"); a formula default is
// in defaultValueFormula.
sema::DefaultValue describeDefault(const nlohmann::json& field) {
  auto value = field.find("defaultValue");
  if (value != field.end() && !value->is_null()) {
    std::string text = value->is_string() ? value->get<std::string>() : value->dump();
    return {sema::DefaultValue::Kind::Literal, text};
  }
  std::string formula = stringOr(field, "defaultValueFormula");
  return formula.empty() ? sema::DefaultValue{} : sema::parseDefaultValue(formula);
}

std::variant<SObjectField, std::string> describeField(const nlohmann::json& json, const std::string& where) {
  if (!json.is_object()) return where + "is not an object";
  SObjectField field;
  field.name = stringOr(json, "name");
  if (field.name.empty()) return where + "has no \"name\"";
  std::string type = stringOr(json, "type");
  std::optional<FieldType> fieldType = sema::fieldTypeNamed(type);
  if (!fieldType) return where + "(" + field.name + ") has an unknown type: \"" + type + "\"";
  field.type = *fieldType;
  field.label = stringOr(json, "label", field.name);
  field.length = intOr(json, "length");
  field.precision = intOr(json, "precision");
  field.scale = intOr(json, "scale");
  field.digits = intOr(json, "digits");
  field.nillable = boolOr(json, "nillable", true);
  field.createable = boolOr(json, "createable", true);
  field.updateable = boolOr(json, "updateable", true);
  field.defaultedOnCreate = boolOr(json, "defaultedOnCreate", false);
  field.unique = boolOr(json, "unique", false);
  field.externalId = boolOr(json, "externalId", false);
  field.caseSensitive = boolOr(json, "caseSensitive", false);
  field.custom = boolOr(json, "custom", false);
  field.calculated = boolOr(json, "calculated", false);
  field.autoNumber = boolOr(json, "autoNumber", false);
  field.restrictedPicklist = boolOr(json, "restrictedPicklist", false);
  field.htmlFormatted = boolOr(json, "htmlFormatted", false);
  field.cascadeDelete = boolOr(json, "cascadeDelete", false);
  field.restrictedDelete = boolOr(json, "restrictedDelete", false);
  auto order = json.find("relationshipOrder");
  field.masterDetail = order != json.end() && order->is_number();
  field.relationshipName = stringOr(json, "relationshipName");
  field.formula = stringOr(json, "calculatedFormula");
  field.defaultValue = describeDefault(json);
  if (auto to = json.find("referenceTo"); to != json.end() && to->is_array())
    for (const auto& target : *to)
      if (target.is_string()) field.referenceTo.push_back(target.get<std::string>());
  if (auto values = json.find("picklistValues"); values != json.end() && values->is_array()) {
    for (const auto& value : *values) {
      if (!value.is_object()) continue;
      sema::PicklistValue entry;
      entry.value = stringOr(value, "value");
      entry.label = stringOr(value, "label", entry.value);
      entry.active = boolOr(value, "active", true);
      entry.isDefault = boolOr(value, "defaultValue", false);
      field.picklistValues.push_back(std::move(entry));
    }
  }
  return field;
}

}  // namespace

std::variant<SObjectType, std::string> parseDescribe(std::string_view text, const std::string& file) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return file + ": not valid JSON";
  if (json.is_object() && json.contains("result")) json = json["result"];
  if (!json.is_object()) return file + ": not a describe result (a JSON object with \"name\" and \"fields\")";
  SObjectType object;
  object.name = stringOr(json, "name");
  auto fields = json.find("fields");
  if (object.name.empty() || fields == json.end() || !fields->is_array())
    return file + ": not a describe result (a JSON object with \"name\" and \"fields\")";
  object.label = stringOr(json, "label", object.name);
  object.labelPlural = stringOr(json, "labelPlural", object.label);
  object.keyPrefix = stringOr(json, "keyPrefix");
  object.kind = kindOf(object.name, boolOr(json, "customSetting", false));
  if (object.kind == ObjectKind::Standard && boolOr(json, "custom", false)) object.kind = ObjectKind::Custom;
  for (size_t i = 0; i < fields->size(); ++i) {
    auto field = describeField((*fields)[i], file + ": field " + std::to_string(i) + " ");
    if (auto* error = std::get_if<std::string>(&field)) return *error;
    object.putField(std::move(std::get<SObjectField>(field)));
  }
  if (auto children = json.find("childRelationships"); children != json.end() && children->is_array()) {
    for (const auto& child : *children) {
      if (!child.is_object()) continue;
      object.declareChildRelationship({stringOr(child, "relationshipName"), stringOr(child, "childSObject"),
                                       stringOr(child, "field"), boolOr(child, "cascadeDelete", false),
                                       boolOr(child, "restrictedDelete", false)});
    }
  }
  if (auto recordTypes = json.find("recordTypeInfos"); recordTypes != json.end() && recordTypes->is_array()) {
    for (const auto& info : *recordTypes) {
      if (!info.is_object() || boolOr(info, "master", false)) continue;
      object.recordTypes.push_back(
          {stringOr(info, "developerName"), stringOr(info, "name"), boolOr(info, "active", true),
           stringOr(info, "recordTypeId")});
    }
  }
  return object;
}

std::optional<std::string> readDescribeFolder(const fs::path& folder, Schema& schema) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return std::nullopt;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec) return folder.string() + ": cannot be listed (" + ec.message() + ")";
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::optional<std::string> content = readFile(file);
    if (!content) return file.string() + ": cannot be read";
    auto object = parseDescribe(*content, file.string());
    if (auto* error = std::get_if<std::string>(&object)) return *error;
    schema.put(std::move(std::get<SObjectType>(object)));
  }
  return std::nullopt;
}

std::optional<std::string> readObjectMetadata(const Project& project, Schema& schema) {
  return MetadataReader(project, schema).read();
}

std::variant<Schema, std::string> loadSchema(const Project& project) {
  Schema schema = sema::standardSchema();
  if (auto error = readDescribeFolder(project.root / ".apexrun" / "schema", schema)) return *error;
  if (auto error = readObjectMetadata(project, schema)) return *error;
  schema.link();
  return schema;
}

}  // namespace apex::runtime
