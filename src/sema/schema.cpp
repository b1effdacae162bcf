#include "sema/schema.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "base/record_id.h"

namespace apex::sema {
namespace {

struct FieldTypeRow {
  FieldType type;
  std::string_view describeName;
  std::string_view apexType;
  std::string_view displayType;  // Schema.DisplayType
  std::string_view soapType;     // Schema.SOAPType
};

// One row per FieldType, in the enum's order.
constexpr std::array kFieldTypes = {
    FieldTypeRow{FieldType::Id, "id", "Id", "ID", "ID"},
    FieldTypeRow{FieldType::Reference, "reference", "Id", "REFERENCE", "ID"},
    FieldTypeRow{FieldType::String, "string", "String", "STRING", "STRING"},
    FieldTypeRow{FieldType::TextArea, "textarea", "String", "TEXTAREA", "STRING"},
    FieldTypeRow{FieldType::Boolean, "boolean", "Boolean", "BOOLEAN", "BOOLEAN"},
    FieldTypeRow{FieldType::Integer, "int", "Integer", "INTEGER", "INTEGER"},
    FieldTypeRow{FieldType::Long, "long", "Long", "LONG", "DOUBLE"},
    FieldTypeRow{FieldType::Double, "double", "Decimal", "DOUBLE", "DOUBLE"},
    FieldTypeRow{FieldType::Currency, "currency", "Decimal", "CURRENCY", "DOUBLE"},
    FieldTypeRow{FieldType::Percent, "percent", "Decimal", "PERCENT", "DOUBLE"},
    FieldTypeRow{FieldType::Date, "date", "Date", "DATE", "DATE"},
    FieldTypeRow{FieldType::DateTime, "datetime", "Datetime", "DATETIME", "DATETIME"},
    FieldTypeRow{FieldType::Time, "time", "Time", "TIME", "TIME"},
    FieldTypeRow{FieldType::Email, "email", "String", "EMAIL", "STRING"},
    FieldTypeRow{FieldType::Phone, "phone", "String", "PHONE", "STRING"},
    FieldTypeRow{FieldType::Url, "url", "String", "URL", "STRING"},
    FieldTypeRow{FieldType::Picklist, "picklist", "String", "PICKLIST", "STRING"},
    FieldTypeRow{FieldType::MultiPicklist, "multipicklist", "String", "MULTIPICKLIST", "STRING"},
    FieldTypeRow{FieldType::Combobox, "combobox", "String", "COMBOBOX", "STRING"},
    FieldTypeRow{FieldType::EncryptedString, "encryptedstring", "String", "ENCRYPTEDSTRING", "STRING"},
    FieldTypeRow{FieldType::Base64, "base64", "Blob", "BASE64", "BASE64BINARY"},
    FieldTypeRow{FieldType::Address, "address", "Address", "ADDRESS", "ANYTYPE"},
    FieldTypeRow{FieldType::Location, "location", "Location", "LOCATION", "ANYTYPE"},
    FieldTypeRow{FieldType::AnyType, "anyType", "Object", "ANYTYPE", "ANYTYPE"},
};
static_assert(kFieldTypes.size() == static_cast<size_t>(FieldType::AnyType) + 1, "one row per FieldType");

constexpr bool rowsInEnumOrder() {
  for (size_t i = 0; i < kFieldTypes.size(); ++i)
    if (static_cast<size_t>(kFieldTypes[i].type) != i) return false;
  return true;
}
static_assert(rowsInEnumOrder(), "kFieldTypes rows follow the FieldType order");

const FieldTypeRow& rowOf(FieldType type) { return kFieldTypes[static_cast<size_t>(type)]; }

// Base 62 in the order key prefixes use: digits, upper case, lower case.
constexpr std::string_view kPrefixDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

char prefixLetterOf(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::CustomMetadata: return 'm';
    case ObjectKind::PlatformEvent: return 'e';
    case ObjectKind::External: return 'x';
    default: return 'a';
  }
}

template <typename T>
const T* findIn(const detail::FoldedIndex& index, const std::vector<T>& items, std::string_view name) {
  auto found = index.find(name);
  return found == index.end() ? nullptr : &items[found->second];
}

bool isNumberLiteral(std::string_view text) {
  size_t i = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
  bool digits = false, point = false;
  for (; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) digits = true;
    else if (text[i] == '.' && !point) point = true;
    else return false;
  }
  return digits;
}

// 'It\'s' → It's: a formula text literal's content.
std::optional<std::string> quotedLiteral(std::string_view text) {
  if (text.size() < 2 || (text.front() != '\'' && text.front() != '"') || text.back() != text.front())
    return std::nullopt;
  std::string value;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' && i + 2 < text.size()) c = text[++i];
    else if (c == text.front()) return std::nullopt;  // two literals joined: a formula
    value += c;
  }
  return value;
}

}  // namespace

std::string_view describeName(FieldType type) { return rowOf(type).describeName; }
std::string_view displayTypeName(FieldType type) { return rowOf(type).displayType; }
std::string_view soapTypeName(FieldType type) { return rowOf(type).soapType; }

std::optional<FieldType> fieldTypeNamed(std::string_view name) {
  for (const FieldTypeRow& row : kFieldTypes)
    if (text::equalsIgnoreAsciiCase(row.describeName, name)) return row.type;
  return std::nullopt;
}

std::string_view apexTypeName(FieldType type) { return rowOf(type).apexType; }

bool isTextType(FieldType type) {
  switch (type) {
    case FieldType::String:
    case FieldType::TextArea:
    case FieldType::Email:
    case FieldType::Phone:
    case FieldType::Url:
    case FieldType::Picklist:
    case FieldType::MultiPicklist:
    case FieldType::Combobox:
    case FieldType::EncryptedString:
    case FieldType::AnyType: return true;
    default: return false;
  }
}

// ---- SObjectType

const SObjectField* SObjectType::field(std::string_view name) const { return findIn(fieldIndex_, fields_, name); }

const RecordTypeInfo* SObjectType::defaultRecordType() const {
  for (const RecordTypeInfo& info : recordTypes)
    if (info.active) return &info;
  return nullptr;
}

SObjectField* SObjectType::field(std::string_view name) {
  auto found = fieldIndex_.find(name);
  return found == fieldIndex_.end() ? nullptr : &fields_[found->second];
}

const SObjectField* SObjectType::parentRelationship(std::string_view name) const {
  return findIn(parentIndex_, fields_, name);
}

const ChildRelationship* SObjectType::childRelationship(std::string_view name) const {
  return findIn(childIndex_, children_, name);
}

SObjectField& SObjectType::putField(SObjectField field) {
  field.object = this;
  auto [at, added] = fieldIndex_.try_emplace(field.name, fields_.size());
  if (added) fields_.push_back(std::move(field));
  else fields_[at->second] = std::move(field);
  reindexRelationships();
  return fields_[at->second];
}

void SObjectType::declareChildRelationship(ChildRelationship relationship) {
  declaredChildren_.push_back(std::move(relationship));
}

void SObjectType::reindexRelationships() {
  parentIndex_.clear();
  for (size_t i = 0; i < fields_.size(); ++i)
    if (fields_[i].isReference() && !fields_[i].relationshipName.empty())
      parentIndex_.try_emplace(fields_[i].relationshipName, i);
}

// ---- Schema

const SObjectType* Schema::object(std::string_view name) const {
  auto found = objectIndex_.find(name);
  return found == objectIndex_.end() ? nullptr : objects_[found->second].get();
}

SObjectType* Schema::object(std::string_view name) {
  auto found = objectIndex_.find(name);
  return found == objectIndex_.end() ? nullptr : objects_[found->second].get();
}

const SObjectType* Schema::objectByKeyPrefix(std::string_view prefix) const {
  auto found = prefixIndex_.find(std::string(prefix));
  return found == prefixIndex_.end() ? nullptr : objects_[found->second].get();
}

std::vector<const SObjectType*> Schema::objects() const {
  std::vector<const SObjectType*> all;
  all.reserve(objects_.size());
  for (const auto& object : objects_) all.push_back(object.get());
  return all;
}

SObjectType& Schema::put(SObjectType object) {
  auto [at, added] = objectIndex_.try_emplace(object.name, objects_.size());
  if (added) {
    objects_.push_back(std::make_unique<SObjectType>(std::move(object)));
    return placed(*objects_.back());
  }
  SObjectType& slot = *objects_[at->second];
  for (SObjectField& field : object.fields_) {
    const SObjectField* old = slot.field(field.name);
    if (field.childRelationshipName.empty() && old && old->isReference())
      field.childRelationshipName = old->childRelationshipName;
  }
  slot = std::move(object);
  return placed(slot);
}

// An object moved to where the schema keeps it: its fields belong there.
SObjectType& Schema::placed(SObjectType& object) {
  for (SObjectField& field : object.fields_) field.object = &object;
  return object;
}

void Schema::link() {
  deriveChildRelationships();
  assignKeyPrefixes();
  assignRecordTypeIds();
}

void Schema::assignRecordTypeIds() {
  std::vector<SObjectType*> withRecordTypes;
  for (const auto& object : objects_)
    if (!object->recordTypes.empty()) withRecordTypes.push_back(object.get());
  std::sort(withRecordTypes.begin(), withRecordTypes.end(), [](const SObjectType* a, const SObjectType* b) {
    return text::foldCase(a->name) < text::foldCase(b->name);
  });
  uint64_t number = 0;
  for (SObjectType* object : withRecordTypes)
    for (RecordTypeInfo& recordType : object->recordTypes)
      if (recordType.id.empty()) recordType.id = recordId("012", ++number);
}

void Schema::deriveChildRelationships() {
  // A parent's describe names the child relationship of a child field that
  // came without one (the child from the catalog or the project).
  for (const auto& parent : objects_) {
    for (const ChildRelationship& declared : parent->declaredChildren_) {
      SObjectType* child = object(declared.childObject);
      SObjectField* field = child ? child->field(declared.field) : nullptr;
      if (field && field->childRelationshipName.empty()) field->childRelationshipName = declared.name;
    }
  }
  auto add = [](SObjectType& parent, ChildRelationship relationship) {
    bool named = !relationship.name.empty();
    if (named && !parent.childIndex_.try_emplace(relationship.name, parent.children_.size()).second) return;
    parent.children_.push_back(std::move(relationship));
  };
  for (const auto& parent : objects_) {
    parent->children_.clear();
    parent->childIndex_.clear();
    for (const ChildRelationship& declared : parent->declaredChildren_) add(*parent, declared);
  }
  for (const auto& child : objects_) {
    for (const SObjectField& field : child->fields_) {
      if (!field.isReference() || field.childRelationshipName.empty()) continue;
      for (const std::string& target : field.referenceTo) {
        SObjectType* parent = object(target);
        if (!parent) continue;
        add(*parent,
            {field.childRelationshipName, child->name, field.name, field.cascadeDelete, field.restrictedDelete});
      }
    }
  }
}

void Schema::assignKeyPrefixes() {
  prefixIndex_.clear();
  std::set<std::string> used;
  std::vector<SObjectType*> unassigned;
  for (size_t i = 0; i < objects_.size(); ++i) {
    SObjectType& object = *objects_[i];
    if (object.keyPrefix.empty()) unassigned.push_back(&object);
    else used.insert(object.keyPrefix);
  }
  std::sort(unassigned.begin(), unassigned.end(), [](const SObjectType* a, const SObjectType* b) {
    return text::foldCase(a->name) < text::foldCase(b->name);
  });
  for (SObjectType* object : unassigned) {
    char letter = prefixLetterOf(object->kind);
    for (size_t n = 0; n < kPrefixDigits.size() * kPrefixDigits.size(); ++n) {
      std::string prefix{letter, kPrefixDigits[n / kPrefixDigits.size()], kPrefixDigits[n % kPrefixDigits.size()]};
      if (used.insert(prefix).second) {
        object->keyPrefix = prefix;
        break;
      }
    }
  }
  for (size_t i = 0; i < objects_.size(); ++i)
    if (!objects_[i]->keyPrefix.empty()) prefixIndex_.try_emplace(objects_[i]->keyPrefix, i);
}

// ---- helpers

void addSystemFields(SObjectType& object, const std::vector<std::string>& omit) {
  auto wanted = [&](std::string_view name) {
    return std::none_of(omit.begin(), omit.end(),
                        [&](const std::string& o) { return text::equalsIgnoreAsciiCase(o, name); });
  };
  auto systemField = [](std::string_view name, std::string_view label, FieldType type) {
    SObjectField field;
    field.name = name;
    field.label = label;
    field.type = type;
    field.nillable = field.createable = field.updateable = false;
    field.defaultedOnCreate = true;
    return field;
  };
  auto userReference = [&](std::string_view name, std::string_view label, std::string_view relationship) {
    SObjectField field = systemField(name, label, FieldType::Reference);
    field.length = 18;
    field.referenceTo = {"User"};
    field.relationshipName = relationship;
    return field;
  };
  std::vector<SObjectField> fields;
  SObjectField id = systemField("Id", object.label + " ID", FieldType::Id);
  id.length = 18;
  fields.push_back(std::move(id));
  fields.push_back(systemField("IsDeleted", "Deleted", FieldType::Boolean));
  fields.push_back(systemField("CreatedDate", "Created Date", FieldType::DateTime));
  fields.push_back(userReference("CreatedById", "Created By ID", "CreatedBy"));
  fields.push_back(systemField("LastModifiedDate", "Last Modified Date", FieldType::DateTime));
  fields.push_back(userReference("LastModifiedById", "Last Modified By ID", "LastModifiedBy"));
  fields.push_back(systemField("SystemModstamp", "System Modstamp", FieldType::DateTime));
  for (SObjectField& field : fields)
    if (wanted(field.name)) object.putField(std::move(field));
}

std::string customRelationshipName(std::string_view fieldName) {
  std::string name(fieldName);
  if (name.size() > 3 && text::equalsIgnoreAsciiCase(std::string_view(name).substr(name.size() - 3), "__c"))
    name.replace(name.size() - 3, 3, "__r");
  return name;
}

std::string labelFromName(std::string_view name) {
  std::string_view base = name;
  bool id = base.size() > 2 && base.substr(base.size() - 2) == "Id";
  if (id) base.remove_suffix(2);
  std::string label;
  for (size_t i = 0; i < base.size(); ++i) {
    char c = base[i];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    bool afterLower = i > 0 && std::islower(static_cast<unsigned char>(base[i - 1]));
    if (upper && afterLower) label += ' ';
    label += c;
  }
  if (id) label += label.empty() ? "ID" : " ID";
  return label;
}

DefaultValue parseDefaultValue(std::string_view written) {
  std::string_view value = text::trimJava(written);
  if (value.empty()) return {};
  if (text::equalsIgnoreAsciiCase(value, "true") || text::equalsIgnoreAsciiCase(value, "false"))
    return {DefaultValue::Kind::Literal, text::foldCase(value)};
  if (isNumberLiteral(value)) return {DefaultValue::Kind::Literal, std::string(value)};
  if (auto quoted = quotedLiteral(value)) return {DefaultValue::Kind::Literal, std::move(*quoted)};
  return {DefaultValue::Kind::Formula, std::string(value)};
}

const SObjectType& aggregateResultType() {
  static const SObjectType type = [] {
    SObjectType t;
    t.name = "AggregateResult";
    t.label = "Aggregate Result";
    t.labelPlural = "Aggregate Results";
    return t;
  }();
  return type;
}

bool isAuditField(const SObjectField& field) {
  for (std::string_view name : {"CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp"})
    if (text::equalsIgnoreAsciiCase(field.name, name)) return true;
  return false;
}

bool isNameField(const SObjectField& field) {
  bool customMetadata = field.object && field.object->kind == ObjectKind::CustomMetadata;
  std::string_view name = customMetadata ? "MasterLabel" : "Name";
  return text::equalsIgnoreAsciiCase(field.name, name);
}

bool mergeable(const SObjectType& object) {
  for (std::string_view name : {"Account", "Contact", "Lead", "Case", "Individual"})
    if (text::equalsIgnoreAsciiCase(object.name, name)) return true;
  return false;
}

}  // namespace apex::sema
