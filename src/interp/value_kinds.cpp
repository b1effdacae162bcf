// The per-kind operations table (see value_kinds.h).
//
// Printing follows Apex Reference: System Class — debug(o) and String Class —
// valueOf(toConvert). Collections print as List.toString/Set.toString/
// Map.toString do: `(1, 2)`, `{1, 2}`, `{a=1, b=2}`; an object without a
// toString override prints `ClassName:[field=value, ...]`; an exception
// `Type: message`. Key equality and hashing follow the Apex Developer Guide,
// "Using Custom Types in Map Keys and Sets" (equals and hashCode).
#include "interp/value_kinds.h"

#include <cmath>
#include <functional>

#include "base/numfmt.h"
#include "base/temporal.h"
#include "base/text.h"
#include "interp/heap_costs.h"
#include "interp/interp.h"
#include "sema/schema.h"
#include "sema/types.h"

namespace apex::interp {
namespace {

namespace tx = apex::text;

// Collections deeper than this (a list that contains itself) print "...".
constexpr int kMaxDepth = 64;

const std::string& text(const Value& v) { return v.as<StringObj>()->text; }

size_t mix(size_t h, size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)); }

// ------------------------------------------------------------------ names

// The name Salesforce gives a class in messages and default toString output:
// built-in classes by qualified name (`System.ListException`), classes of
// an anonymous block by their simple name, inner classes as `Outer.Inner`.
std::string className(const sema::ClassSymbol* cls) {
  if (!cls) return "Object";
  if (cls->isBuiltin) return cls->qualifiedName.empty() ? cls->name : cls->qualifiedName;
  if (cls->outer && !cls->outer->isTopLevelAnonymous) return className(cls->outer) + "." + cls->name;
  return cls->name;
}

std::string fixedName(Tag tag) { return std::string(kindOf(tag).name); }

template <Tag T>
std::string nameOfKind(const Value&) { return fixedName(T); }

std::string nullTypeName(const Value&) { return "null"; }
std::string enumTypeName(const Value& v) { return className(v.enumClass()); }
// A stub (Test.createStub) prints as `X__sfdc_ApexStub`, but messages name
// it by the type it stands for, as the platform's do.
std::string instanceTypeName(const Value& v) {
  const sema::ClassSymbol* cls = v.as<InstanceObj>()->cls;
  return className(cls->stubbedClass ? cls->stubbedClass : cls);
}
std::string typeRefTypeName(const Value&) { return "System.Type"; }
std::string sobjectTypeName(const Value& v) { return v.as<SObjectObj>()->type->name; }
std::string schemaObjectTypeName(const Value& v) {
  switch (v.schemaView()) {
    case SchemaView::Token: return "Schema.SObjectType";
    case SchemaView::Describe: return "Schema.DescribeSObjectResult";
    case SchemaView::Fields: return "Schema.SObjectTypeFields";
    case SchemaView::FieldSets: return "Schema.SObjectTypeFieldSets";
    case SchemaView::FieldSet: break;
  }
  return "Schema.FieldSet";
}
std::string schemaFieldTypeName(const Value& v) {
  return v.schemaView() == SchemaView::Token ? "Schema.SObjectField" : "Schema.DescribeFieldResult";
}

// A collection's declared type, or the Object form when it has none.
template <class CollectionObj>
std::string collectionTypeName(const Value& v, const char* untyped) {
  const sema::Type* t = v.as<CollectionObj>()->type;
  return t ? t->name : untyped;
}
std::string listTypeName(const Value& v) { return collectionTypeName<ListObj>(v, "List<Object>"); }
std::string setTypeName(const Value& v) { return collectionTypeName<SetObj>(v, "Set<Object>"); }
std::string mapTypeName(const Value& v) { return collectionTypeName<MapObj>(v, "Map<Object,Object>"); }

// ------------------------------------------------------------------ print

void printNull(const PrintContext&, const Value&, std::string& out, int) { out += "null"; }
void printBoolean(const PrintContext&, const Value& v, std::string& out, int) { out += v.asBool() ? "true" : "false"; }
void printInteger(const PrintContext&, const Value& v, std::string& out, int) { out += std::to_string(v.asInt()); }
void printLong(const PrintContext&, const Value& v, std::string& out, int) { out += std::to_string(v.asLong()); }
void printDouble(const PrintContext&, const Value& v, std::string& out, int) { out += formatDouble(v.asDouble()); }
void printDecimal(const PrintContext&, const Value& v, std::string& out, int) {
  out += v.as<DecimalObj>()->number.toString();
}
void printText(const PrintContext&, const Value& v, std::string& out, int) { out += text(v); }
void printBlob(const PrintContext&, const Value& v, std::string& out, int) {
  out += "Blob[" + std::to_string(v.as<BlobObj>()->bytes.size()) + "]";
}
void printDate(const PrintContext& ctx, const Value& v, std::string& out, int) {
  Date d = Date::fromDaysSinceEpoch(v.asDate());
  out += ctx.mode == PrintMode::Debug ? d.toDebugString() : d.toApexString();
}
void printDatetime(const PrintContext& ctx, const Value& v, std::string& out, int) {
  Datetime d = Datetime::fromEpochMillis(v.asDatetime());
  // GMT in both: string concatenation prints GMT as System.debug does;
  // String.valueOf(Datetime) (stdlib/datetime.cpp) is the local form.
  out += ctx.mode == PrintMode::Debug ? d.toDebugString() : d.toApexString(0);
}
void printTime(const PrintContext&, const Value& v, std::string& out, int) {
  out += Time::fromMillisOfDay(v.asTime()).toDebugString();
}
void printEnum(const PrintContext&, const Value& v, std::string& out, int) {
  const sema::ClassSymbol* cls = v.enumClass();
  if (cls && v.enumOrdinal() < cls->enumConstants.size()) out += cls->enumConstants[v.enumOrdinal()];
}

// A token prints its name; a describe result some of its getters, in the
// `Schema.DescribeSObjectResult[getName=Account;...]` form Salesforce uses.
void printSchemaObject(const PrintContext&, const Value& v, std::string& out, int) {
  const sema::SObjectType& o = *v.schemaObject();
  if (v.schemaView() == SchemaView::FieldSet) {
    out += "Schema.FieldSet[" + o.fieldSets[v.schemaIndex()].name + "]";
    return;
  }
  if (v.schemaView() != SchemaView::Describe) {
    out += o.name;
    return;
  }
  out += "Schema.DescribeSObjectResult[getKeyPrefix=" + o.keyPrefix + ";getLabel=" + o.label +
         ";getLabelPlural=" + o.labelPlural + ";getLocalName=" + o.name + ";getName=" + o.name +
         ";isCustom=" + (o.custom() ? "true" : "false") +
         ";isCustomSetting=" + (o.kind == sema::ObjectKind::CustomSetting ? "true" : "false") + ";]";
}
void printSchemaField(const PrintContext&, const Value& v, std::string& out, int) {
  const sema::SObjectField& f = *v.schemaField();
  if (v.schemaView() != SchemaView::Describe) {
    out += f.name;
    return;
  }
  out += "Schema.DescribeFieldResult[getLabel=" + f.label + ";getLength=" + std::to_string(f.length) +
         ";getLocalName=" + f.name + ";getName=" + f.name + ";getType=" +
         std::string(sema::displayTypeName(f.type)) + ";isCustom=" + (f.custom ? "true" : "false") +
         ";isNillable=" + (f.nillable ? "true" : "false") + ";]";
}

void printItems(const PrintContext& ctx, const std::vector<Value>& items, std::string& out, int depth) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    printValue(ctx, items[i], out, depth + 1);
  }
}
void printList(const PrintContext& ctx, const Value& v, std::string& out, int depth) {
  if (depth > kMaxDepth) { out += "(...)"; return; }
  out += '(';
  printItems(ctx, v.as<ListObj>()->items, out, depth);
  out += ')';
}
void printSet(const PrintContext& ctx, const Value& v, std::string& out, int depth) {
  if (depth > kMaxDepth) { out += "{...}"; return; }
  out += '{';
  printItems(ctx, v.as<SetObj>()->table.keys(), out, depth);
  out += '}';
}
void printMap(const PrintContext& ctx, const Value& v, std::string& out, int depth) {
  if (depth > kMaxDepth) { out += "{...}"; return; }
  const OrderedTable& t = v.as<MapObj>()->table;
  out += '{';
  for (size_t i = 0; i < t.size(); ++i) {
    if (i > 0) out += ", ";
    printValue(ctx, t.keys()[i], out, depth + 1);
    out += '=';
    printValue(ctx, t.values()[i], out, depth + 1);
  }
  out += '}';
}

// Apex: Exception.toString() — `System.ListException: message`; an
// exception made without a message reads `Script-thrown exception`.
void printException(const PrintContext& ctx, const InstanceObj* o, std::string& out, int depth) {
  out += className(o->cls);
  out += ": ";
  const Value& msg = o->exception->message;
  if (msg.isNull()) out += "Script-thrown exception";
  else printValue(ctx, msg, out, depth + 1);
}

void printFields(const PrintContext& ctx, const InstanceObj* o, std::string& out, int depth) {
  out += className(o->cls);
  out += ":[";
  const auto& fields = o->cls ? o->cls->instanceFields : std::vector<const sema::FieldSymbol*>{};
  bool first = true;
  for (const sema::FieldSymbol* f : fields) {
    if (!f || f->slot < 0 || size_t(f->slot) >= o->fields.size()) continue;
    if (!first) out += ", ";
    first = false;
    out += f->name;
    out += '=';
    const Value& fv = o->fields[size_t(f->slot)];
    if (fv.tag() == Tag::Instance && fv.asObj() == o) out += className(o->cls) + ":[...]";
    else printValue(ctx, fv, out, depth + 1);
  }
  out += ']';
}

void printInstance(const PrintContext& ctx, const Value& v, std::string& out, int depth) {
  InstanceObj* o = v.as<InstanceObj>();
  if (depth > kMaxDepth) {
    out += className(o->cls) + ":[...]";
    return;
  }
  Value result;
  if (ctx.vm.callOverride(v, "tostring", nullptr, 0, &result)) {
    if (result.isNull()) out += "null";
    else printValue(ctx, result, out, depth + 1);
    return;
  }
  if (o->native) out += o->native->toString();
  else if (o->exception) printException(ctx, o, out, depth);
  else printFields(ctx, o, out, depth);
}

// `Account:{Name=Acme, Id=001...}`: the fields the record has, in the order
// it got them; an AggregateResult's values by alias. Related records do not
// print (debug them through the relationship).
void printSObject(const PrintContext& ctx, const Value& v, std::string& out, int depth) {
  const SObjectObj* o = v.as<SObjectObj>();
  out += o->type->name;
  out += ":{";
  if (depth > kMaxDepth) {
    out += "...}";
    return;
  }
  bool first = true;
  auto entry = [&](std::string_view name, const Value& value) {
    if (!first) out += ", ";
    first = false;
    out += name;
    out += '=';
    printValue(ctx, value, out, depth + 1);
  };
  for (const SObjectObj::FieldValue& f : o->fields) entry(f.field->name, f.value);
  for (const auto& [alias, value] : o->aggregates) entry(alias, value);
  out += '}';
}

void printTypeRef(const PrintContext&, const Value& v, std::string& out, int) {
  const sema::Type* t = v.as<TypeRefObj>()->type;
  out += t ? t->name : "null";
}

// ------------------------------------------------------------------ equality within a kind

bool nullEquals(Interp&, const Value&, const Value&) { return true; }
bool booleanEquals(Interp&, const Value& a, const Value& b) { return a.asBool() == b.asBool(); }
bool integerEquals(Interp&, const Value& a, const Value& b) { return a.asInt() == b.asInt(); }
bool longEquals(Interp&, const Value& a, const Value& b) { return a.asLong() == b.asLong(); }
bool doubleEquals(Interp&, const Value& a, const Value& b) { return a.asDouble() == b.asDouble(); }
// As keys, a NaN finds any Double (two Doubles that do not compare are
// treated as the same key).
bool doubleKeyEquals(Interp&, const Value& a, const Value& b) {
  double x = a.asDouble(), y = b.asDouble();
  return std::isnan(x) || std::isnan(y) || x == y;
}
bool decimalEquals(Interp&, const Value& a, const Value& b) {
  return a.as<DecimalObj>()->number.compare(b.as<DecimalObj>()->number) == 0;
}
bool dateEquals(Interp&, const Value& a, const Value& b) { return a.asDate() == b.asDate(); }
// Datetimes are equal (`==`, equals, Set/Map keys) when they fall in the same
// second: the platform ignores milliseconds here, though `<`, `>` and
// getTime() keep them (observed: newInstanceGmt(2018,10,5,23,43,59) equals
// newInstance(1538783039073L)).
int64_t wholeSeconds(int64_t epochMillis) {
  return epochMillis / 1000 - (epochMillis % 1000 < 0 ? 1 : 0);
}
bool datetimeEquals(Interp&, const Value& a, const Value& b) {
  return wholeSeconds(a.asDatetime()) == wholeSeconds(b.asDatetime());
}
bool timeEquals(Interp&, const Value& a, const Value& b) { return a.asTime() == b.asTime(); }
bool enumEquals(Interp&, const Value& a, const Value& b) {
  return a.enumClass() == b.enumClass() && a.enumOrdinal() == b.enumOrdinal();
}
bool schemaObjectEquals(Interp&, const Value& a, const Value& b) {
  return a.schemaObject() == b.schemaObject() && a.schemaView() == b.schemaView() &&
         a.schemaIndex() == b.schemaIndex();
}
bool schemaFieldEquals(Interp&, const Value& a, const Value& b) {
  return a.schemaField() == b.schemaField() && a.schemaView() == b.schemaView();
}
// `==` on Strings ignores case (Apex Developer Guide: Expression Operators).
bool stringEquals(Interp&, const Value& a, const Value& b) { return tx::equalsIgnoreCase(text(a), text(b)); }
bool stringKeyEquals(Interp&, const Value& a, const Value& b) { return text(a) == text(b); }
bool idEquals(Interp&, const Value& a, const Value& b) { return idTextEquals(text(a), text(b)); }
bool blobEquals(Interp&, const Value& a, const Value& b) { return a.as<BlobObj>()->bytes == b.as<BlobObj>()->bytes; }

using ElementEquals = bool (Interp::*)(const Value&, const Value&);

// Lists and Maps compare element by element with the same rule (`==` or
// key equality) as the collections themselves.
template <ElementEquals elementEquals>
bool listEquals(Interp& vm, const Value& a, const Value& b) {
  if (a.asObj() == b.asObj()) return true;
  const auto& x = a.as<ListObj>()->items;
  const auto& y = b.as<ListObj>()->items;
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (!(vm.*elementEquals)(x[i], y[i])) return false;
  return true;
}
template <ElementEquals elementEquals>
bool mapEquals(Interp& vm, const Value& a, const Value& b) {
  if (a.asObj() == b.asObj()) return true;
  const OrderedTable& x = a.as<MapObj>()->table;
  const OrderedTable& y = b.as<MapObj>()->table;
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    long j = y.find(x.keys()[i]);
    if (j < 0 || !(vm.*elementEquals)(x.values()[i], y.values()[size_t(j)])) return false;
  }
  return true;
}
// A Set's members are keys: both rules find them with key equality.
bool setEquals(Interp&, const Value& a, const Value& b) {
  if (a.asObj() == b.asObj()) return true;
  const OrderedTable& x = a.as<SetObj>()->table;
  const OrderedTable& y = b.as<SetObj>()->table;
  if (x.size() != y.size()) return false;
  for (const Value& k : x.keys())
    if (y.find(k) < 0) return false;
  return true;
}
// By the equals override, else by reference.
bool instanceEquals(Interp& vm, const Value& a, const Value& b) {
  if (a.asObj() == b.asObj()) return true;
  Value arg = b, result;
  if (vm.callOverride(a, "equals", &arg, 1, &result)) return result.tag() == Tag::Boolean && result.asBool();
  return false;
}
// Apex Developer Guide, "Understanding Expression Operators": sObjects
// compare by their field values, both ways; a field one record has and the
// other lacks counts as null there.
bool sobjectFieldsWithin(Interp& vm, const SObjectObj* a, const SObjectObj* b) {
  static const Value kNull;
  for (const SObjectObj::FieldValue& f : a->fields) {
    const Value* other = b->find(f.field);
    if (!vm.equalsOperator(f.value, other ? *other : kNull)) return false;
  }
  return true;
}
bool sobjectEquals(Interp& vm, const Value& a, const Value& b) {
  const SObjectObj* x = a.as<SObjectObj>();
  const SObjectObj* y = b.as<SObjectObj>();
  if (x == y) return true;
  return x->type == y->type && sobjectFieldsWithin(vm, x, y) && sobjectFieldsWithin(vm, y, x);
}
bool typeRefEquals(Interp&, const Value& a, const Value& b) {
  return a.as<TypeRefObj>()->type == b.as<TypeRefObj>()->type;
}

// ------------------------------------------------------------------ key hash

size_t hashInt(int64_t n) { return std::hash<int64_t>()(n); }

size_t nullHash(Interp&, const Value&) { return 0; }
size_t booleanHash(Interp&, const Value& v) { return v.asBool() ? 1231 : 1237; }
// Numbers equal across kinds hash alike: whole values as their int64.
size_t integerHash(Interp&, const Value& v) { return hashInt(v.asInt()); }
size_t longHash(Interp&, const Value& v) { return hashInt(v.asLong()); }
size_t doubleHash(Interp&, const Value& v) {
  double d = v.asDouble();
  if (std::isnan(d)) return 0x7ff8;
  if (d == std::floor(d) && std::fabs(d) < 9.2e18) return hashInt(int64_t(d));
  auto dec = Decimal::fromDouble(d);
  return dec ? dec->hash() : std::hash<double>()(d);
}
size_t decimalHash(Interp&, const Value& v) {
  const Decimal& d = v.as<DecimalObj>()->number;
  if (d.isInteger()) {
    Decimal whole = d.setScale(0);
    int64_t i = whole.toInt64Truncated();
    if (Decimal::fromInt64(i).compare(whole) == 0) return hashInt(i);
  }
  return d.hash();
}
// Strings and Ids may be equal as keys (15/18-character Ids): hash what an
// Id compares, the first 15 characters, for Id-length text.
size_t textHash(Interp&, const Value& v) {
  std::string_view s = text(v);
  if (s.size() == 18) s = s.substr(0, 15);
  return std::hash<std::string_view>()(s);
}
size_t dateHash(Interp&, const Value& v) { return mix(0xD47E, hashInt(v.asDate())); }
size_t datetimeHash(Interp&, const Value& v) { return mix(0xD7, hashInt(wholeSeconds(v.asDatetime()))); }
size_t timeHash(Interp&, const Value& v) { return mix(0x71, hashInt(v.asTime())); }
size_t enumHash(Interp&, const Value& v) { return mix(std::hash<const void*>()(v.enumClass()), v.enumOrdinal()); }
size_t schemaObjectHash(Interp&, const Value& v) {
  return mix(std::hash<const void*>()(v.schemaObject()), size_t(v.schemaView()) | size_t(v.schemaIndex()) << 8);
}
size_t schemaFieldHash(Interp&, const Value& v) {
  return mix(std::hash<const void*>()(v.schemaField()), size_t(v.schemaView()));
}
size_t blobHash(Interp&, const Value& v) { return std::hash<std::string_view>()(v.as<BlobObj>()->bytes); }
size_t listHash(Interp& vm, const Value& v) {
  size_t h = 1;
  for (const Value& e : v.as<ListObj>()->items) h = h * 31 + vm.keyHash(e);
  return h;
}
size_t setHash(Interp& vm, const Value& v) {
  size_t h = 0;
  for (const Value& e : v.as<SetObj>()->table.keys()) h += vm.keyHash(e);
  return h;
}
size_t mapHash(Interp& vm, const Value& v) {
  const OrderedTable& t = v.as<MapObj>()->table;
  size_t h = 0;
  for (size_t i = 0; i < t.size(); ++i) h += vm.keyHash(t.keys()[i]) ^ vm.keyHash(t.values()[i]);
  return h;
}
size_t instanceHash(Interp& vm, const Value& v) {
  Value result;
  if (vm.callOverride(v, "hashcode", nullptr, 0, &result) && result.tag() == Tag::Integer)
    return hashInt(result.asInt());
  // No hashCode override: identity, as Object.hashCode (Apex asks for
  // equals and hashCode to be overridden together).
  return std::hash<const void*>()(v.asObj());
}
// Order-independent, and blind to null fields, as equality is.
size_t sobjectHash(Interp& vm, const Value& v) {
  const SObjectObj* o = v.as<SObjectObj>();
  size_t h = std::hash<const void*>()(o->type);
  for (const SObjectObj::FieldValue& f : o->fields)
    if (!f.value.isNull()) h += mix(std::hash<const void*>()(f.field), vm.keyHash(f.value));
  return h;
}
size_t typeRefHash(Interp&, const Value& v) { return std::hash<const void*>()(v.as<TypeRefObj>()->type); }

// ------------------------------------------------------------------ heap bytes

size_t inlineBytes(const Value&) { return 0; }
size_t textBytes(const Value& v) { return heap_costs::string(text(v)); }
size_t decimalBytes(const Value&) { return heap_costs::kDecimal; }
size_t blobBytes(const Value& v) { return heap_costs::blob(v.as<BlobObj>()->bytes.size()); }
size_t listBytes(const Value& v) {
  const ListObj* l = v.as<ListObj>();
  return heap_costs::list(l->type, l->items.size());
}
size_t setBytes(const Value& v) { return heap_costs::table(v.as<SetObj>()->table.size(), false); }
size_t mapBytes(const Value& v) { return heap_costs::table(v.as<MapObj>()->table.size(), true); }
// Fixed when the object is made: its fields, or what a native object declared.
size_t instanceBytes(const Value& v) { return v.asObj()->bytes; }
size_t sobjectBytes(const Value& v) {
  const SObjectObj* o = v.as<SObjectObj>();
  return heap_costs::instance(o->fields.size() + o->parents.size() + o->children.size() + o->aggregates.size());
}
size_t typeRefBytes(const Value&) { return heap_costs::kHeader; }

// ------------------------------------------------------------------ the table

constexpr ValueKind kKinds[] = {
    {Tag::Null, "Null", printNull, nullTypeName, nullEquals, nullEquals, nullHash, inlineBytes},
    {Tag::Boolean, "Boolean", printBoolean, nameOfKind<Tag::Boolean>, booleanEquals, booleanEquals, booleanHash,
     inlineBytes},
    {Tag::Integer, "Integer", printInteger, nameOfKind<Tag::Integer>, integerEquals, integerEquals, integerHash,
     inlineBytes},
    {Tag::Long, "Long", printLong, nameOfKind<Tag::Long>, longEquals, longEquals, longHash, inlineBytes},
    {Tag::Double, "Double", printDouble, nameOfKind<Tag::Double>, doubleEquals, doubleKeyEquals, doubleHash,
     inlineBytes},
    {Tag::Date, "Date", printDate, nameOfKind<Tag::Date>, dateEquals, dateEquals, dateHash, inlineBytes},
    {Tag::Datetime, "Datetime", printDatetime, nameOfKind<Tag::Datetime>, datetimeEquals, datetimeEquals,
     datetimeHash, inlineBytes},
    {Tag::Time, "Time", printTime, nameOfKind<Tag::Time>, timeEquals, timeEquals, timeHash, inlineBytes},
    {Tag::Enum, "Enum", printEnum, enumTypeName, enumEquals, enumEquals, enumHash, inlineBytes},
    {Tag::SchemaObject, "SchemaObject", printSchemaObject, schemaObjectTypeName, schemaObjectEquals,
     schemaObjectEquals, schemaObjectHash, inlineBytes},
    {Tag::SchemaField, "SchemaField", printSchemaField, schemaFieldTypeName, schemaFieldEquals, schemaFieldEquals,
     schemaFieldHash, inlineBytes},
    {Tag::String, "String", printText, nameOfKind<Tag::String>, stringEquals, stringKeyEquals, textHash, textBytes},
    {Tag::Id, "Id", printText, nameOfKind<Tag::Id>, idEquals, idEquals, textHash, textBytes},
    {Tag::Decimal, "Decimal", printDecimal, nameOfKind<Tag::Decimal>, decimalEquals, decimalEquals, decimalHash,
     decimalBytes},
    {Tag::Blob, "Blob", printBlob, nameOfKind<Tag::Blob>, blobEquals, blobEquals, blobHash, blobBytes},
    {Tag::List, "List", printList, listTypeName, listEquals<&Interp::equalsOperator>,
     listEquals<&Interp::keyEquals>, listHash, listBytes},
    {Tag::Set, "Set", printSet, setTypeName, setEquals, setEquals, setHash, setBytes},
    {Tag::Map, "Map", printMap, mapTypeName, mapEquals<&Interp::equalsOperator>, mapEquals<&Interp::keyEquals>,
     mapHash, mapBytes},
    {Tag::Instance, "Instance", printInstance, instanceTypeName, instanceEquals, instanceEquals, instanceHash,
     instanceBytes},
    {Tag::SObject, "SObject", printSObject, sobjectTypeName, sobjectEquals, sobjectEquals, sobjectHash,
     sobjectBytes},
    {Tag::TypeRef, "TypeRef", printTypeRef, typeRefTypeName, typeRefEquals, typeRefEquals, typeRefHash,
     typeRefBytes},
};

constexpr bool inTagOrder() {
  for (size_t i = 0; i < std::size(kKinds); ++i)
    if (kKinds[i].tag != Tag(i)) return false;
  return true;
}
static_assert(std::size(kKinds) == kKindCount && inTagOrder(), "kKinds needs one row per Tag, in Tag order");

}  // namespace

bool idTextEquals(std::string_view a, std::string_view b) {
  if (a.size() == b.size()) return a == b;
  if ((a.size() == 15 || a.size() == 18) && (b.size() == 15 || b.size() == 18))
    return a.substr(0, 15) == b.substr(0, 15);
  return false;
}

const ValueKind& kindOf(Tag tag) { return kKinds[size_t(tag)]; }

void printValue(const PrintContext& ctx, const Value& v, std::string& out, int depth) {
  kindOf(v.tag()).print(ctx, v, out, depth);
}

}  // namespace apex::interp
