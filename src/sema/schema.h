// The schema of the org a program runs against: its sObject types, their
// fields, and the relationships between them, as `describe` reports them.
//
// It is built in three layers by the caller (sema reads no files): the
// standard objects of the built-in catalog (`schema_catalog.h`), an org's
// `sf sobject describe --json` files, and the project's object metadata
// (`runtime/project/object_metadata.h`). The resolver asks it whether a
// name is an object, what a field, a parent relationship (`Account.Owner`)
// or a child relationship (`Account.Contacts`) is; every name is looked up
// case-insensitively, by hash, without building a folded copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/text.h"

namespace apex::sema {

// A field's type as describe names it (Schema.DisplayType).
enum class FieldType : uint8_t {
  Id,
  Reference,
  String,
  TextArea,
  Boolean,
  Integer,
  Long,
  Double,
  Currency,
  Percent,
  Date,
  DateTime,
  Time,
  Email,
  Phone,
  Url,
  Picklist,
  MultiPicklist,
  Combobox,
  EncryptedString,
  Base64,
  Address,
  Location,
  AnyType,
};

// The name describe gives the type: "reference", "multipicklist".
std::string_view describeName(FieldType type);
// The type's Schema.DisplayType and Schema.SOAPType constants: "INTEGER" and
// "INTEGER", "REFERENCE" and "ID". The SOAP types have no Long: a Long
// field's is DOUBLE.
std::string_view displayTypeName(FieldType type);
std::string_view soapTypeName(FieldType type);
// Whether values of the type are text in Apex (String, TextArea, Email,
// Phone, Url, the picklists, EncryptedString) or may be (AnyType).
bool isTextType(FieldType type);
// The type describe calls `name` (case-insensitive); nullopt if none is.
std::optional<FieldType> fieldTypeNamed(std::string_view name);
// The Apex type of a field of this type: Id, String, Boolean, Integer, Long,
// Decimal (describe's double, currency and percent: Number fields are
// Decimals in Apex), Date, Datetime, Time, Blob, Address, Location or Object.
std::string_view apexTypeName(FieldType type);

struct PicklistValue {
  std::string value;  // the API value
  std::string label;
  bool isDefault = false;
  bool active = true;
};

// A field's default for new records. Literals (a Checkbox's false, a
// number, a quoted text) are kept as their value; anything else (TODAY(),
// $User.Id) as the formula text, for the data layer to evaluate or not.
struct DefaultValue {
  enum class Kind : uint8_t { None, Literal, Formula };
  Kind kind = Kind::None;
  std::string text;
};

class SObjectType;

struct SObjectField {
  std::string name;   // API name as declared: AccountId, Amount__c
  const SObjectType* object = nullptr;  // the object it belongs to (set by SObjectType::putField)
  std::string label;
  FieldType type = FieldType::String;
  int length = 0;     // characters (text types)
  int precision = 0;  // digits in all (number types)
  int scale = 0;      // digits after the point
  int digits = 0;     // Integer fields
  bool nillable = true;
  bool createable = true;
  bool updateable = true;
  bool defaultedOnCreate = false;
  bool unique = false;
  bool externalId = false;
  bool caseSensitive = false;
  bool custom = false;
  bool calculated = false;  // formula and roll-up summary fields
  bool autoNumber = false;
  bool restrictedPicklist = false;
  bool htmlFormatted = false;  // rich text (Html) areas
  // Relationship fields: the objects referred to (more than one for a
  // polymorphic lookup such as Task.WhoId), the name that traverses to the
  // parent (Account, Owner, Invoice__r), the name of the child relationship
  // each parent gets (Contacts, Line_Items__r), and what deleting the parent
  // does.
  std::vector<std::string> referenceTo;
  std::string relationshipName;
  std::string childRelationshipName;
  bool masterDetail = false;
  bool cascadeDelete = false;
  bool restrictedDelete = false;
  std::vector<PicklistValue> picklistValues;
  DefaultValue defaultValue;
  std::string formula;  // calculated fields: the formula as written
  // A formula field's formulaTreatBlanksAs: BlankAsZero (true) reads a
  // blank number field as 0, BlankAsBlank (false) as blank.
  bool blanksAsZero = true;
  // Auto-number fields: how a number is written (`INV-{0000}`, `{YYYY}-{0}`;
  // Metadata API CustomField displayFormat) and the first number given.
  std::string displayFormat = "{00000000}";
  int64_t startingNumber = 1;

  // Describe's isNillable() false, createable and given no default: a record
  // cannot be inserted without it.
  bool required() const { return !nillable && createable && !defaultedOnCreate; }
  // Apex may set Id and the fields a user can create or edit; system
  // fields, formulas and auto-numbers are read-only.
  bool writeableInApex() const { return createable || updateable || text::equalsIgnoreAsciiCase(name, "Id"); }
  bool isReference() const { return type == FieldType::Reference; }
  bool polymorphic() const { return referenceTo.size() > 1; }
};

struct ChildRelationship {
  std::string name;         // Contacts, Invoices__r; empty when not traversable
  std::string childObject;  // Contact
  std::string field;        // AccountId
  bool cascadeDelete = false;
  bool restrictedDelete = false;
};

struct RecordTypeInfo {
  std::string developerName;
  std::string label;
  bool active = true;
  std::string id;  // an org's describe gives it; Schema::link the others
};

// A field set (objects/<Object>/fieldSets/<Name>.fieldSet-meta.xml): fields
// of the object or reached from it (`Account.Name` on Contact), in order.
struct FieldSetInfo {
  struct Member {
    std::string path;  // Name, Account.Owner.Email
    bool required = false;
  };
  std::string name;
  std::string label;
  std::string description;
  std::vector<Member> fields;
};

// Every object's Master record type: the one records have when the object
// has no others (Apex Reference: RecordTypeInfo Class — isMaster()).
inline constexpr std::string_view kMasterRecordTypeId = "012000000000000AAA";

// A validation rule (Metadata API: ValidationRule): a record for which an
// active rule's errorConditionFormula is true fails to save with its
// errorMessage, on errorDisplayField (empty: on the whole record).
struct ValidationRule {
  std::string fullName;
  bool active = true;
  std::string errorConditionFormula;
  std::string errorMessage;
  std::string errorDisplayField;
};

// Standard objects; custom objects (__c); custom settings (__c with a
// customSettingsType); custom metadata types (__mdt); platform events (__e);
// external objects (__x).
enum class ObjectKind : uint8_t { Standard, Custom, CustomSetting, CustomMetadata, PlatformEvent, External };

namespace detail {
// Hash and equality for names compared case-insensitively, usable with a
// string_view key (heterogeneous lookup): no folded copy per lookup.
struct FoldedHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return text::hashIgnoreCase(s); }
};
struct FoldedEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return text::equalsIgnoreAsciiCase(a, b); }
};
using FoldedIndex = std::unordered_map<std::string, size_t, FoldedHash, FoldedEqual>;
}  // namespace detail

class SObjectType {
 public:
  std::string name;  // Account, Invoice__c
  std::string label;
  std::string labelPlural;
  std::string keyPrefix;  // 001; assigned by Schema::link when none is known
  ObjectKind kind = ObjectKind::Standard;
  bool hierarchySetting = false;  // a custom setting of type Hierarchy
  // A platform event published after its transaction commits (the
  // default), not at once (publishBehavior PublishImmediately).
  bool publishAfterCommit = true;
  std::vector<RecordTypeInfo> recordTypes;
  std::vector<FieldSetInfo> fieldSets;
  std::vector<ValidationRule> validationRules;  // in the order they were read

  bool custom() const { return kind != ObjectKind::Standard; }
  // A platform event (`__e`): published, never stored, queried or changed.
  bool isPlatformEvent() const { return kind == ObjectKind::PlatformEvent; }
  // The record type a new record gets when none is set: the first active
  // one of the object's own, as a profile's default would be; null when the
  // object has none (its records are of the Master record type).
  const RecordTypeInfo* defaultRecordType() const;

  // The field `name` (case-insensitive), or null. Pointers to fields stay
  // valid until the next putField.
  const SObjectField* field(std::string_view name) const;
  SObjectField* field(std::string_view name);
  // The reference field whose relationship name is `name` (Owner → OwnerId).
  const SObjectField* parentRelationship(std::string_view name) const;
  // The child relationship `name` (Contacts on Account), or null.
  const ChildRelationship* childRelationship(std::string_view name) const;

  // In the order they were added.
  const std::vector<SObjectField>& fields() const { return fields_; }
  const std::vector<ChildRelationship>& childRelationships() const { return children_; }

  // Adds `field`, or replaces the field of the same name (the position stays).
  SObjectField& putField(SObjectField field);
  // A child relationship describe lists (kept when Schema::link derives the
  // others from the children's reference fields).
  void declareChildRelationship(ChildRelationship relationship);

 private:
  friend class Schema;
  void reindexRelationships();

  std::vector<SObjectField> fields_;
  detail::FoldedIndex fieldIndex_;
  detail::FoldedIndex parentIndex_;  // relationship name -> field
  std::vector<ChildRelationship> declaredChildren_;
  std::vector<ChildRelationship> children_;  // declared + derived, by link()
  detail::FoldedIndex childIndex_;
};

class Schema {
 public:
  Schema() = default;
  Schema(Schema&&) = default;
  Schema& operator=(Schema&&) = default;

  // The object `name` (case-insensitive), or null.
  const SObjectType* object(std::string_view name) const;
  SObjectType* object(std::string_view name);
  // The object whose records' Ids start with `prefix` (case-sensitive, as
  // Ids are), or null.
  const SObjectType* objectByKeyPrefix(std::string_view prefix) const;
  // Every object, in the order they were added.
  std::vector<const SObjectType*> objects() const;
  size_t size() const { return objects_.size(); }

  // Adds `object`, or replaces the object of the same name whole (an org's
  // describe is exact). A replaced object's pointer stays valid. Child
  // relationship names the old fields gave their parents are kept for the
  // fields the new object still has but describes without one (describe
  // lists them on the parent only).
  SObjectType& put(SObjectType object);

  // Makes the schema consistent after objects were put or changed: every
  // parent gets the child relationships its children's reference fields
  // name (and a reference field learns its child relationship name from a
  // parent's describe), and objects with no key prefix get one (custom
  // objects a00, a01, ..., custom metadata m00..., platform events e00...,
  // in order of name, never one another object has), and record types
  // without one their Ids (012..., numbered in order of object name). Call it after the last
  // change and before lookups of child relationships or key prefixes.
  void link();

 private:
  void deriveChildRelationships();
  void assignKeyPrefixes();
  void assignRecordTypeIds();
  static SObjectType& placed(SObjectType& object);

  std::vector<std::unique_ptr<SObjectType>> objects_;
  detail::FoldedIndex objectIndex_;
  std::unordered_map<std::string, size_t> prefixIndex_;
};

// AggregateResult, the type of an aggregate query's rows: an sObject type
// with no fields of its own (its values are read by alias) and no table.
const SObjectType& aggregateResultType();

// Adds the fields the platform gives every record: Id, IsDeleted,
// CreatedDate, CreatedById, LastModifiedDate, LastModifiedById,
// SystemModstamp, read-only and never null; except the ones in `omit`.
void addSystemFields(SObjectType& object, const std::vector<std::string>& omit = {});

// The audit fields the platform keeps on every record: CreatedDate,
// CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp.
bool isAuditField(const SObjectField& field);

// The field that names a record (DescribeFieldResult.isNameField): Name,
// or a custom metadata type's MasterLabel.
bool isNameField(const SObjectField& field);

// The objects whose records merge (Apex Developer Guide, "Merging
// Records"): Account, Contact, Lead, Case and Individual.
bool mergeable(const SObjectType& object);

// A relationship's parent-side name for a custom reference field: the
// field's name with `__c` replaced by `__r` (Invoice__c → Invoice__r).
std::string customRelationshipName(std::string_view fieldName);

// A field's label made from its API name where none is given: words split
// at capitals, a trailing "Id" as " ID" (AccountId → Account ID).
std::string labelFromName(std::string_view name);

// Reads a default value as metadata and describe write it: true/false, a
// number, a quoted text ('Open' or "Open") are literals; anything else is a
// formula.
DefaultValue parseDefaultValue(std::string_view text);

}  // namespace apex::sema
