// Apex values to and from JSON (see json_values.h). Messages follow
// Salesforce's where known; our choices are listed in docs/differences.md
// ("JSON").
#include "stdlib/json_values.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "base/base64.h"
#include "base/numfmt.h"
#include "base/temporal.h"
#include "interp/value_kinds.h"
#include "sema/program.h"
#include "sema/schema.h"

namespace apex::stdlib::json {

using sema::Type;
using sema::TypeKind;

// ------------------------------------------------------------------ writing

std::string dateText(const Value& v) { return Date::fromDaysSinceEpoch(v.asDate()).toApexString(); }
std::string datetimeText(const Value& v) {
  Datetime dt = Datetime::fromEpochMillis(v.asDatetime());
  return dt.dateGmt().toApexString() + "T" + dt.timeGmt().toDebugString();
}
std::string timeText(const Value& v) { return Time::fromMillisOfDay(v.asTime()).toDebugString(); }

namespace {

template <class Int>
void writeInteger(Writer& w, Int n) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  w.raw(std::string_view(buf, size_t(end - buf)));
}

class ValueWriter;

// One row per kind of value, in Tag order (as src/interp/value_kinds.h's
// table): how JSON.serialize writes it (Apex Reference: JSON Class —
// serialize(objectToSerialize)).
struct JsonKind {
  Tag tag;
  void (*write)(ValueWriter& out, const Value& v, int depth);
};

class ValueWriter {
 public:
  ValueWriter(Interp& vm, Writer& w, bool suppressNulls) : vm_(vm), w_(w), suppressNulls_(suppressNulls) {}

  void write(const Value& v, int depth);

  // The rows of the kinds table.
  static void null(ValueWriter& o, const Value&, int) { o.w_.raw("null"); }
  static void boolean(ValueWriter& o, const Value& v, int) { o.w_.raw(v.asBool() ? "true" : "false"); }
  static void integer(ValueWriter& o, const Value& v, int) { writeInteger(o.w_, v.asInt()); }
  static void longValue(ValueWriter& o, const Value& v, int) { writeInteger(o.w_, v.asLong()); }
  static void doubleValue(ValueWriter& o, const Value& v, int) { o.w_.raw(formatDouble(v.asDouble())); }
  static void decimal(ValueWriter& o, const Value& v, int) { o.w_.raw(dec(v).toString()); }
  static void text(ValueWriter& o, const Value& v, int) { o.w_.string(str(v)); }
  static void date(ValueWriter& o, const Value& v, int) { o.w_.string(dateText(v)); }
  static void datetime(ValueWriter& o, const Value& v, int) { o.w_.string(datetimeText(v)); }
  static void time(ValueWriter& o, const Value& v, int) { o.w_.string(timeText(v)); }
  static void blob(ValueWriter& o, const Value& v, int) { o.w_.string(base64Encode(v.as<interp::BlobObj>()->bytes)); }
  static void enumValue(ValueWriter& o, const Value& v, int) {
    o.w_.string(v.enumClass()->enumConstants.at(v.enumOrdinal()));
  }
  static void list(ValueWriter& o, const Value& v, int depth) { o.writeItems(listOf(v)->items, depth); }
  static void set(ValueWriter& o, const Value& v, int depth) { o.writeItems(setOf(v)->table.keys(), depth); }
  static void map(ValueWriter& o, const Value& v, int depth) { o.writeMap(mapOf(v)->table, depth); }
  static void instance(ValueWriter& o, const Value& v, int depth) { o.writeInstance(v, depth); }
  static void sobject(ValueWriter& o, const Value& v, int depth) { o.writeSObject(v, depth); }
  static void typeRef(ValueWriter&, const Value&, int) { throw Error("Apex Type unsupported in JSON: System.Type"); }
  // sObject type tokens write their names; field tokens (fflib ApexMocks'
  // tests rely on it) and describe results are not serializable.
  static void schemaValue(ValueWriter& o, const Value& v, int) {
    if (v.schemaView() != interp::SchemaView::Token || v.tag() == Tag::SchemaField)
      throw Error("Apex Type unsupported in JSON: " + interp::kindOf(v.tag()).runtimeTypeName(v));
    o.w_.string(v.tag() == Tag::SchemaObject ? v.schemaObject()->name : v.schemaField()->name);
  }

 private:
  void writeItems(const std::vector<Value>& items, int depth) {
    w_.startArray();
    for (const Value& item : items) write(item, depth + 1);
    w_.endArray();
  }

  // Keys become their String.valueOf text.
  void writeMap(const interp::OrderedTable& t, int depth) {
    w_.startObject();
    for (size_t i = 0; i < t.size(); ++i) {
      const Value& key = t.keys()[i];
      if (key.tag() == Tag::String || key.tag() == Tag::Id) w_.fieldName(str(key));
      else w_.fieldName(vm_.stringValueOf(key));
      write(t.values()[i], depth + 1);
    }
    w_.endObject();
  }

  // Slots put a class's properties after its fields; JSON wants them as
  // declared, inherited ones first.
  static std::vector<const sema::FieldSymbol*> declarationOrder(const sema::ClassSymbol* cls) {
    std::vector<const sema::FieldSymbol*> fields = cls->instanceFields;
    std::stable_sort(fields.begin(), fields.end(), [](const sema::FieldSymbol* a, const sema::FieldSymbol* b) {
      if (a->owner != b->owner) return a->owner->isSubclassOf(b->owner) ? false : b->owner->isSubclassOf(a->owner);
      return std::pair(a->loc.line, a->loc.column) < std::pair(b->loc.line, b->loc.column);
    });
    return fields;
  }

  // Fields in declaration order (inherited ones first), properties
  // included; static and transient fields are left out.
  void writeInstance(const Value& v, int depth) {
    const auto* obj = v.as<interp::InstanceObj>();
    if (obj->cls->isBuiltin || obj->native || obj->exception)
      throw Error("Apex Type unsupported in JSON: " + vm_.runtimeTypeName(v));
    w_.startObject();
    for (const sema::FieldSymbol* f : declarationOrder(obj->cls)) {
      if (f->modifiers & ast::kTransient) continue;
      Value field = vm_.readField(v, *f);
      if (suppressNulls_ && field.isNull()) continue;
      w_.fieldName(f->name);
      write(field, depth + 1);
    }
    w_.endObject();
  }

  // As the REST API writes a record: `attributes` (type, and url once the
  // record has an Id), its fields in the order it got them, parent records
  // by relationship name and child records as a query result.
  void writeSObject(const Value& v, int depth) {
    const auto* o = v.as<interp::SObjectObj>();
    w_.startObject();
    writeAttributes(*o);
    for (const interp::SObjectObj::FieldValue& f : o->fields) {
      if (suppressNulls_ && f.value.isNull()) continue;
      w_.fieldName(f.field->name);
      write(f.value, depth + 1);
    }
    for (const auto& [alias, value] : o->aggregates) {
      w_.fieldName(alias);
      write(value, depth + 1);
    }
    for (const interp::SObjectObj::Parent& p : o->parents) {
      w_.fieldName(p.field->relationshipName);
      write(p.record, depth + 1);
    }
    for (const interp::SObjectObj::Children& c : o->children) {
      w_.fieldName(c.relationship->name);
      writeQueryResult(c.records, depth + 1);
    }
    w_.endObject();
  }

  void writeAttributes(const interp::SObjectObj& o) {
    w_.fieldName("attributes");
    w_.startObject();
    w_.fieldName("type");
    w_.string(o.type->name);
    std::string id = o.idText();
    if (!id.empty()) {
      w_.fieldName("url");
      w_.string("/services/data/v" + std::string(kRecordUrlApiVersion) + "/sobjects/" + o.type->name + "/" + id);
    }
    w_.endObject();
  }

  void writeQueryResult(const Value& records, int depth) {
    if (records.isNull()) {
      w_.raw("null");
      return;
    }
    const auto& items = listOf(records)->items;
    w_.startObject();
    w_.fieldName("totalSize");
    writeInteger(w_, int64_t(items.size()));
    w_.fieldName("done");
    w_.raw("true");
    w_.fieldName("records");
    writeItems(items, depth);
    w_.endObject();
  }

  // The API version of the `url` attribute's path.
  static constexpr std::string_view kRecordUrlApiVersion = "62.0";

  Interp& vm_;
  Writer& w_;
  bool suppressNulls_;
};

constexpr JsonKind kJsonKinds[] = {
    {Tag::Null, ValueWriter::null},
    {Tag::Boolean, ValueWriter::boolean},
    {Tag::Integer, ValueWriter::integer},
    {Tag::Long, ValueWriter::longValue},
    {Tag::Double, ValueWriter::doubleValue},
    {Tag::Date, ValueWriter::date},
    {Tag::Datetime, ValueWriter::datetime},
    {Tag::Time, ValueWriter::time},
    {Tag::Enum, ValueWriter::enumValue},
    {Tag::SchemaObject, ValueWriter::schemaValue},
    {Tag::SchemaField, ValueWriter::schemaValue},
    {Tag::String, ValueWriter::text},
    {Tag::Id, ValueWriter::text},
    {Tag::Decimal, ValueWriter::decimal},
    {Tag::Blob, ValueWriter::blob},
    {Tag::List, ValueWriter::list},
    {Tag::Set, ValueWriter::set},
    {Tag::Map, ValueWriter::map},
    {Tag::Instance, ValueWriter::instance},
    {Tag::SObject, ValueWriter::sobject},
    {Tag::TypeRef, ValueWriter::typeRef},
};

constexpr bool inTagOrder() {
  for (size_t i = 0; i < std::size(kJsonKinds); ++i)
    if (kJsonKinds[i].tag != Tag(i)) return false;
  return true;
}
static_assert(std::size(kJsonKinds) == interp::kKindCount && inTagOrder(),
              "kJsonKinds needs one row per Tag, in Tag order");

void ValueWriter::write(const Value& v, int depth) {
  // A cycle (a node pointing at its parent) would recurse forever.
  if (depth > kMaxDepth) throw Error("Maximum serialization depth exceeded (" + std::to_string(kMaxDepth) + ")");
  kJsonKinds[size_t(v.tag())].write(*this, v, depth);
}

}  // namespace

void writeValue(Interp& vm, Writer& w, const Value& v, bool suppressNulls) {
  ValueWriter(vm, w, suppressNulls).write(v, 0);
}

// ------------------------------------------------------------------ reading

namespace {

// The number just read as a Decimal; an exponent past BigDecimal's range
// (`1e2222222222222`) fails as Jackson's range errors do.
Decimal decimalOf(const Reader& r) {
  std::optional<Decimal> d = Decimal::parse(r.text());
  if (!d) r.fail("Numeric value (" + r.text() + ") out of range of java.math.BigDecimal");
  return *d;
}

// Integer if it fits, then Long, then Decimal (as Salesforce types
// deserializeUntyped numbers).
Value integerValue(Interp& vm, const Reader& r) {
  const std::string& text = r.text();
  int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return vm.makeDecimal(decimalOf(r));
  if (n >= std::numeric_limits<int32_t>::min() && n <= std::numeric_limits<int32_t>::max())
    return Value::integer(int32_t(n));
  return Value::longValue(n);
}

const Type* untypedMapType(Interp& vm) { return vm.types().map(vm.types().string(), vm.types().object()); }
const Type* untypedListType(Interp& vm) { return vm.types().list(vm.types().object()); }

// Field names repeat from object to object; Apex Strings are immutable, so
// one String value serves every occurrence of a short name.
class UntypedReader {
 public:
  UntypedReader(Interp& vm, Reader& r)
      : vm_(vm), r_(r), mapType_(untypedMapType(vm)), listType_(untypedListType(vm)) {}

  Value read() {
    switch (r_.current()) {
      case Token::StartObject: {
        Value map = vm_.makeMap(mapType_);
        interp::OrderedTable& table = mapOf(map)->table;
        while (r_.next() == Token::FieldName) {
          Value key = name(r_.text());
          r_.next();
          table.put(key, read());
        }
        vm_.resized(map.asObj(), tableBytes(table.size(), true));
        return map;
      }
      case Token::StartArray: {
        std::vector<Value> items;
        while (r_.next() != Token::EndArray) items.push_back(read());
        return vm_.makeList(listType_, std::move(items));
      }
      case Token::String: return vm_.makeString(r_.text());
      case Token::Int: return integerValue(vm_, r_);
      case Token::Float: return vm_.makeDecimal(decimalOf(r_));
      case Token::True: return Value::boolean(true);
      case Token::False: return Value::boolean(false);
      default: return Value();
    }
  }

 private:
  static constexpr size_t kMaxSharedNames = 4096;
  static constexpr size_t kMaxSharedLength = 64;

  Value name(const std::string& text) {
    if (text.size() > kMaxSharedLength) return vm_.makeString(text);
    auto it = names_.find(text);
    if (it != names_.end()) return it->second;
    Value v = vm_.makeString(text);
    if (names_.size() < kMaxSharedNames) names_.emplace(text, v);
    return v;
  }

  Interp& vm_;
  Reader& r_;
  const Type* mapType_;
  const Type* listType_;
  std::unordered_map<std::string, Value> names_;
};

bool isScalar(Token t) {
  return t == Token::String || t == Token::FieldName || t == Token::Int || t == Token::Float || t == Token::True ||
         t == Token::False;
}

class TypedReader {
 public:
  TypedReader(Interp& vm, Reader& r, bool strict) : vm_(vm), r_(r), strict_(strict) {}

  Value read(const Type* t) {
    Token tok = r_.current();
    if (tok == Token::Null) return Value();
    switch (t->kind) {
      case TypeKind::Object:
      case TypeKind::Dynamic: return UntypedReader(vm_, r_).read();
      case TypeKind::Boolean: return booleanValue(t);
      case TypeKind::Integer: return Value::integer(int32_t(integral(t, std::numeric_limits<int32_t>::min(),
                                                                     std::numeric_limits<int32_t>::max(), "int")));
      case TypeKind::Long: return Value::longValue(integral(t, std::numeric_limits<int64_t>::min(),
                                                            std::numeric_limits<int64_t>::max(), "long"));
      case TypeKind::Double: return Value::doubleValue(decimal(t).toDouble());
      case TypeKind::Decimal: return vm_.makeDecimal(decimal(t));
      case TypeKind::String: return vm_.makeString(scalarText(t));
      case TypeKind::Id: return vm_.makeIdChecked(scalarText(t));
      case TypeKind::Blob: {
        std::optional<std::string> bytes = base64DecodeOptionalPadding(scalarText(t));
        if (!bytes) illegalValue();
        return vm_.makeBlob(std::move(*bytes));
      }
      case TypeKind::Date: {
        auto d = parseIsoDate(scalarText(t));
        if (!d) illegalValue();
        return Value::date(int32_t(d->daysSinceEpoch()));
      }
      case TypeKind::Datetime: {
        auto dt = parseIsoDatetime(scalarText(t));
        if (!dt) illegalValue();
        return Value::datetime(dt->getTime());
      }
      case TypeKind::Time: {
        auto time = parseIsoTime(scalarText(t));
        if (!time) illegalValue();
        return Value::time(time->millisOfDay());
      }
      case TypeKind::List:
      case TypeKind::Set: return collection(t);
      case TypeKind::Map: return map(t);
      case TypeKind::Class: return t->cls->kind == sema::ClassKind::Enum ? enumValue(t) : instance(t);
      case TypeKind::SObject: return record(t);
      default: throw Error("Apex Type unsupported in JSON: " + t->name);
    }
  }

 private:
  [[noreturn]] void mismatch(const Type* t) {
    std::string found = r_.current() == Token::String ? "\"" + r_.text() + "\"" : r_.text();
    r_.fail("Expected " + t->name + " but found " + found);
  }
  [[noreturn]] void illegalValue() { r_.fail("Illegal value for primitive"); }

  // The text of a scalar token (numbers and booleans read into Strings too).
  const std::string& scalarText(const Type* t) {
    if (!isScalar(r_.current())) mismatch(t);
    return r_.text();
  }

  Value booleanValue(const Type* t) {
    const std::string& text = scalarText(t);
    if (text == "true" || text == "false") return Value::boolean(text == "true");
    illegalValue();
  }

  Decimal decimal(const Type* t) {
    const std::string& text = scalarText(t);
    if (r_.current() == Token::True || r_.current() == Token::False) illegalValue();
    auto d = Decimal::parse(text);
    if (!d) illegalValue();
    return *d;
  }

  // Fractions are truncated; out-of-range values fail as Jackson's do.
  int64_t integral(const Type* t, int64_t lo, int64_t hi, const char* javaName) {
    Decimal d = decimal(t);
    if (d.compare(Decimal::fromInt64(lo)) < 0 || d.compare(Decimal::fromInt64(hi)) > 0)
      r_.fail("Numeric value (" + r_.text() + ") out of range of " + javaName);
    return d.toInt64Truncated();
  }

  Value collection(const Type* t) {
    if (r_.current() != Token::StartArray) mismatch(t);
    std::vector<Value> items;
    while (r_.next() != Token::EndArray) items.push_back(read(t->element));
    if (t->kind == TypeKind::List) return vm_.makeList(t, std::move(items));
    Value set = vm_.makeSet(t);
    for (const Value& item : items) setOf(set)->table.add(item);
    vm_.resized(set.asObj(), tableBytes(setOf(set)->table.size(), false));
    return set;
  }

  // Keys arrive as text and are read into the key type.
  Value map(const Type* t) {
    if (r_.current() != Token::StartObject) mismatch(t);
    Value map = vm_.makeMap(t);
    interp::OrderedTable& table = mapOf(map)->table;
    while (r_.next() == Token::FieldName) {
      Value key = t->element->kind == TypeKind::String ? vm_.makeString(r_.text()) : read(t->element);
      r_.next();
      table.put(key, read(t->value));
    }
    vm_.resized(map.asObj(), tableBytes(table.size(), true));
    return map;
  }

  Value enumValue(const Type* t) {
    const std::string& name = scalarText(t);
    const auto& constants = t->cls->enumConstants;
    for (size_t i = 0; i < constants.size(); ++i) {
      if (text::foldCase(constants[i]) == text::foldCase(name)) return Value::enumValue(t->cls, uint32_t(i));
    }
    return Value();  // an unknown constant reads as null
  }

  static const sema::FieldSymbol* fieldNamed(const sema::ClassSymbol* cls, const std::string& name) {
    for (const sema::FieldSymbol* f : cls->instanceFields) {
      if (f->name.size() == name.size() && text::foldCase(f->name) == text::foldCase(name) &&
          !(f->modifiers & ast::kTransient))
        return f;
    }
    return nullptr;
  }

  // No constructor or field initializer runs: fields the JSON does not
  // name stay null (Salesforce Stack Exchange 337877). A field named twice
  // (names compare ignoring case) is an error, as on the platform:
  // `Duplicate field: Outer.Inner.name`.
  Value instance(const Type* t) {
    const sema::ClassSymbol* cls = t->cls;
    if (cls->kind == sema::ClassKind::Interface || (cls->modifiers & ast::kAbstract))
      vm_.raise(interp::errors::JsonAbstractType, t->name);
    if (cls->isBuiltin) throw Error("Apex Type unsupported in JSON: " + t->name);
    if (r_.current() != Token::StartObject) mismatch(t);
    Value obj = vm_.newInstance(*cls, nullptr, false);
    std::vector<const sema::FieldSymbol*> seen;
    while (r_.next() == Token::FieldName) {
      const sema::FieldSymbol* f = fieldNamed(cls, r_.text());
      if (!f && strict_) throw Error("Unknown field: " + t->name + "." + r_.text());
      r_.next();
      if (!f) {
        r_.skipChildren();
        continue;
      }
      if (std::find(seen.begin(), seen.end(), f) != seen.end())
        throw Error("Duplicate field: " + t->name + "." + f->name);
      seen.push_back(f);
      vm_.writeField(obj, *f, read(f->type));
    }
    return obj;
  }

  // A record as the REST API writes one (writeSObject): `attributes` names
  // the object (which a generic SObject target needs, so it comes first),
  // then fields, parent records by relationship name and child records as a
  // query result (`records`).
  Value record(const Type* t) {
    if (r_.current() != Token::StartObject) mismatch(t);
    const sema::SObjectType* object = t->sobject;
    Value result;
    while (r_.next() == Token::FieldName) {
      std::string name = r_.text();
      r_.next();
      if (text::equalsIgnoreAsciiCase(name, "attributes")) {
        const sema::SObjectType* named = attributesType();
        if (!object) object = named;
        continue;
      }
      if (!object) throw Error("Cannot deserialize the generic SObject without attributes giving its type");
      if (result.isNull()) result = vm_.makeSObject(*object);
      recordMember(result, *object, name);
    }
    if (!object) throw Error("Cannot deserialize the generic SObject without attributes giving its type");
    return result.isNull() ? vm_.makeSObject(*object) : result;
  }

  // The object `attributes.type` names, or null; the other attributes are skipped.
  const sema::SObjectType* attributesType() {
    if (r_.current() != Token::StartObject) {
      r_.skipChildren();
      return nullptr;
    }
    const sema::SObjectType* named = nullptr;
    while (r_.next() == Token::FieldName) {
      bool isType = r_.text() == "type";
      r_.next();
      if (isType && r_.current() == Token::String) named = vm_.schema().object(r_.text());
      else r_.skipChildren();
    }
    return named;
  }

  void recordMember(const Value& record, const sema::SObjectType& object, const std::string& name) {
    if (const sema::SObjectField* field = object.field(name)) {
      const Type* type = vm_.types().primitiveByName(sema::apexTypeName(field->type));
      vm_.writeSObjectField(record, *field, read(type ? type : vm_.types().object()));
    } else if (const sema::SObjectField* reference = object.parentRelationship(name)) {
      const sema::SObjectType* parent = reference->referenceTo.empty() ? nullptr : vm_.schema().object(reference->referenceTo[0]);
      vm_.writeParent(record, *reference, read(parent ? vm_.types().sobjectType(*parent) : vm_.types().sobject()));
    } else if (const sema::ChildRelationship* children = object.childRelationship(name)) {
      childRecords(record, *children);
    } else {
      throw Error("No such column '" + name + "' on sobject of type " + object.name);
    }
  }

  // A child relationship's query result: {"totalSize":1,"done":true,"records":[...]}.
  void childRecords(const Value& record, const sema::ChildRelationship& relationship) {
    if (r_.current() == Token::Null) return;
    const sema::SObjectType* child = vm_.schema().object(relationship.childObject);
    const Type* listType = vm_.types().list(child ? vm_.types().sobjectType(*child) : vm_.types().sobject());
    if (r_.current() != Token::StartObject) mismatch(listType);
    Value records = vm_.makeList(listType);
    while (r_.next() == Token::FieldName) {
      bool isRecords = r_.text() == "records";
      r_.next();
      if (isRecords) records = read(listType);
      else r_.skipChildren();
    }
    auto* o = record.as<interp::SObjectObj>();
    o->children.push_back({&relationship, records});
  }

  Interp& vm_;
  Reader& r_;
  bool strict_;
};

}  // namespace

Value readUntyped(Interp& vm, Reader& r) { return UntypedReader(vm, r).read(); }

Value readTyped(Interp& vm, Reader& r, const sema::Type* type, bool strict) {
  return TypedReader(vm, r, strict).read(type);
}

}  // namespace apex::stdlib::json
