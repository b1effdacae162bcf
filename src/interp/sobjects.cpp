// Records: reading and writing their fields and relationships (Apex
// Developer Guide: "Working with sObjects", "Accessing sObject Fields
// Through Relationships"; Apex Reference: SObject Class).
#include "base/base64.h"
#include "base/record_id.h"
#include "base/temporal.h"
#include "interp/interp.h"
#include "interp/value_kinds.h"
#include "sema/program.h"
#include "sema/schema.h"

namespace apex::interp {

namespace {

SObjectObj* recordOf(const Value& record) { return record.as<SObjectObj>(); }

// A number for a number field: whole and in range for Integer and Long.
std::optional<Value> numberValue(Interp& vm, const sema::SObjectField& field, const std::string& text) {
  std::optional<Decimal> number = Decimal::parse(text);
  if (!number) return std::nullopt;
  if (field.type != sema::FieldType::Integer && field.type != sema::FieldType::Long) return vm.makeDecimal(*number);
  if (number->compare(Decimal::fromInt64(number->toInt64Truncated())) != 0) return std::nullopt;
  int64_t whole = number->toInt64Truncated();
  if (field.type == sema::FieldType::Long) return Value::longValue(whole);
  if (whole < INT32_MIN || whole > INT32_MAX) return std::nullopt;
  return Value::integer(int32_t(whole));
}

}  // namespace

const sema::Schema& Interp::schema() const { return *program_.schema; }

const sema::OrgConfig& Interp::orgConfig() const {
  static const sema::OrgConfig kNone;
  return program_.orgConfig ? *program_.orgConfig : kNone;
}

const sema::SObjectField* Interp::idField(const Value& record) {
  return recordOf(record)->type->field("Id");
}

// A field the record has no value for is null, unless the record came from
// a query that did not select it (Id always comes with a queried record).
Value Interp::readSObjectField(const Value& record, const sema::SObjectField& field) {
  const SObjectObj* o = recordOf(record);
  if (const Value* v = o->find(&field)) return *v;
  // A polymorphic parent (Task.What) is typed as the first object it may
  // be; the record is of its own object, whose field of that name is read.
  const sema::SObjectField* own = o->type->field(field.name);
  if (own && own != &field)
    if (const Value* v = o->find(own)) return *v;
  // Every query selects Id; a record without one is a clone that did not
  // keep it.
  bool id = text::equalsIgnoreAsciiCase(field.name, "Id");
  if (o->fromQuery && !id) raise(errors::FieldNotQueried, o->type->name, field.name);
  return Value();
}

void Interp::writeSObjectField(const Value& record, const sema::SObjectField& field, Value v) {
  SObjectObj* o = recordOf(record);
  if (o->readOnly) raise(errors::RecordReadOnly);
  size_t before = o->fields.size();
  o->set(&field, std::move(v));
  if (o->fields.size() != before) resized(o, kindOf(Tag::SObject).heapBytes(record));
}

// A parent the record was not given is null: the record holds only its
// reference field's Id until a query selects the parent's fields.
Value Interp::readParent(const Value& record, const sema::SObjectField& reference) {
  for (const SObjectObj::Parent& p : recordOf(record)->parents)
    if (p.field == &reference) return p.record;
  return Value();
}

void Interp::writeParent(const Value& record, const sema::SObjectField& reference, Value parent) {
  SObjectObj* o = recordOf(record);
  for (SObjectObj::Parent& p : o->parents) {
    if (p.field == &reference) {
      p.record = std::move(parent);
      return;
    }
  }
  o->parents.push_back({&reference, std::move(parent)});
  resized(o, kindOf(Tag::SObject).heapBytes(record));
}

// The child records a query's sub-query gave the record; an empty list when
// it has none (docs/differences.md).
Value Interp::readChildren(const Value& record, const sema::ChildRelationship& relationship,
                           const sema::Type* listType) {
  for (const SObjectObj::Children& c : recordOf(record)->children)
    if (c.relationship == &relationship) return c.records;
  return makeList(listType);
}

std::string Interp::standardPricebookId() {
  DataStorePort* store = dataStore();
  if (!store) raise(errors::QueryNotAvailable);
  const sema::SObjectType* pricebook = schema().object("Pricebook2");
  const sema::SObjectField* standard = pricebook ? pricebook->field("IsStandard") : nullptr;
  if (!standard) return "";
  Value yes = Value::boolean(true);
  auto found = store->findByField(*this, *pricebook, *standard, std::span<const Value>(&yes, 1), false);
  return found.empty() ? "" : found.front().second;
}

// A value as field `field` keeps it (SObject.put, JSON): a String becomes
// an Id for an Id or reference field, a number the field's number type;
// anything else that is not of the field's type is refused as Apex refuses
// it: "Illegal assignment from Integer to String".
Value Interp::toFieldValue(const sema::SObjectField& field, const Value& v) {
  if (v.isNull()) return v;
  const sema::Type* to = types().primitiveByName(sema::apexTypeName(field.type));
  if (!to || to->kind == sema::TypeKind::Object) return v;
  if (isInstanceOf(v, to)) return v;
  switch (to->kind) {
    case sema::TypeKind::Id:
      if (v.tag() == Tag::String) return makeIdChecked(v.as<StringObj>()->text);
      break;
    case sema::TypeKind::String:
      if (v.tag() == Tag::Id) return makeString(v.as<StringObj>()->text);
      break;
    case sema::TypeKind::Long:
    case sema::TypeKind::Decimal:
      if (v.tag() == Tag::Integer || v.tag() == Tag::Long || v.tag() == Tag::Double || v.tag() == Tag::Decimal)
        return convertNumber(v, to->kind);
      break;
    default: break;
  }
  raise(errors::IllegalFieldAssignment, runtimeTypeName(v), to->name);
}

std::optional<Value> Interp::fieldValueFromText(const sema::SObjectField& field, const std::string& text) {
  using sema::FieldType;
  if (sema::isTextType(field.type)) return makeString(text);
  switch (field.type) {
    case FieldType::Boolean:
      if (text::equalsIgnoreAsciiCase(text, "true") || text::equalsIgnoreAsciiCase(text, "false"))
        return Value::boolean(text::equalsIgnoreAsciiCase(text, "true"));
      return std::nullopt;
    case FieldType::Integer:
    case FieldType::Long:
    case FieldType::Double:
    case FieldType::Currency:
    case FieldType::Percent: return numberValue(*this, field, text);
    case FieldType::Date:
      if (auto date = parseIsoDate(text)) return Value::date(int32_t(date->daysSinceEpoch()));
      return std::nullopt;
    case FieldType::DateTime:
      if (auto instant = parseIsoDatetime(text)) return Value::datetime(instant->getTime());
      return std::nullopt;
    case FieldType::Time:
      if (auto time = parseIsoTime(text)) return Value::time(time->millisOfDay());
      return std::nullopt;
    case FieldType::Id:
    case FieldType::Reference: return makeId(looksLikeId(text) ? toEighteen(text) : text);
    case FieldType::Base64:
      if (auto bytes = base64Decode(text)) return makeBlob(std::move(*bytes));
      return std::nullopt;
    default: return std::nullopt;  // Address and Location are read through their component fields
  }
}

}  // namespace apex::interp
