// Apex equality, hashing and ordering, and the OrderedTable behind Set and Map.
//
//   ==             Interp::equalsOperator: Strings case-insensitively, numbers
//                  by value across Integer/Long/Double/Decimal, collections
//                  element by element with ==, objects by their equals
//                  override or else by reference.
//   equals / keys  Interp::keyEquals + keyHash: as ==, except that Strings
//                  compare case-sensitively (Apex Developer Guide: "Map keys
//                  and values ... String keys are case-sensitive"; "Using
//                  Custom Types in Map Keys and Sets": equals and hashCode).
//   List.sort      Interp::compareForSort: nulls first, then the natural order
//                  (Apex Reference: List Class — sort()); Comparable objects
//                  through their compareTo.
#include <cmath>
#include <functional>
#include <string_view>
#include <utility>

#include "base/text.h"
#include "interp/interp.h"
#include "sema/program.h"

namespace apex::interp {
namespace {

namespace tx = apex::text;

constexpr int kMaxDepth = 64;

bool isNumberTag(Tag t) {
  return t == Tag::Integer || t == Tag::Long || t == Tag::Double || t == Tag::Decimal;
}

// Compares two numbers by value: <0, 0, >0; `unordered` set for NaN.
int compareNumbers(const Value& a, const Value& b, bool* unordered = nullptr) {
  if (unordered) *unordered = false;
  Tag ta = a.tag(), tb = b.tag();
  if (ta == Tag::Decimal || tb == Tag::Decimal) {
    auto toDec = [](const Value& v) -> std::optional<Decimal> {
      switch (v.tag()) {
        case Tag::Integer: return Decimal::fromInt64(v.asInt());
        case Tag::Long: return Decimal::fromInt64(v.asLong());
        case Tag::Double: return Decimal::fromDouble(v.asDouble());
        default: return v.as<DecimalObj>()->number;
      }
    };
    auto da = toDec(a), db = toDec(b);
    if (!da || !db) {  // NaN or an infinity against a Decimal
      double x = ta == Tag::Double ? a.asDouble() : 0, y = tb == Tag::Double ? b.asDouble() : 0;
      if (std::isnan(x) || std::isnan(y)) {
        if (unordered) *unordered = true;
        return 0;
      }
      return !da ? (x > 0 ? 1 : -1) : (y > 0 ? -1 : 1);
    }
    return da->compare(*db);
  }
  if (ta == Tag::Double || tb == Tag::Double) {
    double x = ta == Tag::Double ? a.asDouble() : ta == Tag::Long ? double(a.asLong()) : a.asInt();
    double y = tb == Tag::Double ? b.asDouble() : tb == Tag::Long ? double(b.asLong()) : b.asInt();
    if (std::isnan(x) || std::isnan(y)) {
      if (unordered) *unordered = true;
      return 0;
    }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  int64_t x = ta == Tag::Long ? a.asLong() : a.asInt();
  int64_t y = tb == Tag::Long ? b.asLong() : b.asInt();
  return x < y ? -1 : x > y ? 1 : 0;
}

const std::string& text(const Value& v) { return v.as<StringObj>()->text; }

// Ids: the 15-character case-sensitive form identifies the record.
bool idEquals(std::string_view a, std::string_view b) {
  if (a.size() == b.size()) return a == b;
  if ((a.size() == 15 || a.size() == 18) && (b.size() == 15 || b.size() == 18))
    return a.substr(0, 15) == b.substr(0, 15);
  return false;
}

size_t mix(size_t h, size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)); }

size_t hashNumber(const Value& v) {
  switch (v.tag()) {
    case Tag::Integer: return std::hash<int64_t>()(v.asInt());
    case Tag::Long: return std::hash<int64_t>()(v.asLong());
    case Tag::Double: {
      double d = v.asDouble();
      if (std::isnan(d)) return 0x7ff8;
      if (d == std::floor(d) && std::fabs(d) < 9.2e18) return std::hash<int64_t>()(int64_t(d));
      auto dec = Decimal::fromDouble(d);
      return dec ? dec->hash() : std::hash<double>()(d);
    }
    default: {
      const Decimal& d = v.as<DecimalObj>()->number;
      if (d.isInteger()) {
        Decimal whole = d.setScale(0);
        int64_t i = whole.toInt64Truncated();
        if (Decimal::fromInt64(i).compare(whole) == 0) return std::hash<int64_t>()(i);
      }
      return d.hash();
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------- ==

bool Interp::equalsOperator(const Value& a, const Value& b) {
  Tag ta = a.tag(), tb = b.tag();
  if (ta == Tag::Null || tb == Tag::Null) return ta == tb;
  if (isNumberTag(ta) && isNumberTag(tb)) {
    bool unordered = false;
    int c = compareNumbers(a, b, &unordered);
    return !unordered && c == 0;
  }
  if ((ta == Tag::String || ta == Tag::Id) && (tb == Tag::String || tb == Tag::Id)) {
    if (ta == Tag::Id || tb == Tag::Id) return idEquals(text(a), text(b));
    return tx::equalsIgnoreCase(text(a), text(b));
  }
  if (ta != tb) return false;
  switch (ta) {
    case Tag::Boolean: return a.asBool() == b.asBool();
    case Tag::Date: return a.asDate() == b.asDate();
    case Tag::Datetime: return a.asDatetime() == b.asDatetime();
    case Tag::Time: return a.asTime() == b.asTime();
    case Tag::Enum: return a.enumClass() == b.enumClass() && a.enumOrdinal() == b.enumOrdinal();
    case Tag::Blob: return a.as<BlobObj>()->bytes == b.as<BlobObj>()->bytes;
    case Tag::List: {
      if (a.asObj() == b.asObj()) return true;
      const auto& x = a.as<ListObj>()->items;
      const auto& y = b.as<ListObj>()->items;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!equalsOperator(x[i], y[i])) return false;
      return true;
    }
    case Tag::Set: {
      if (a.asObj() == b.asObj()) return true;
      const OrderedTable& x = a.as<SetObj>()->table;
      const OrderedTable& y = b.as<SetObj>()->table;
      if (x.size() != y.size()) return false;
      for (const Value& k : x.keys())
        if (y.find(k) < 0) return false;
      return true;
    }
    case Tag::Map: {
      if (a.asObj() == b.asObj()) return true;
      const OrderedTable& x = a.as<MapObj>()->table;
      const OrderedTable& y = b.as<MapObj>()->table;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        long j = y.find(x.keys()[i]);
        if (j < 0 || !equalsOperator(x.values()[i], y.values()[size_t(j)])) return false;
      }
      return true;
    }
    case Tag::Instance: {
      if (a.asObj() == b.asObj()) return true;
      Value arg = b, result;
      if (callOverride(a, "equals", &arg, 1, &result)) return result.tag() == Tag::Boolean && result.asBool();
      return false;
    }
    case Tag::TypeRef: return a.as<TypeRefObj>()->type == b.as<TypeRefObj>()->type;
    default: return false;
  }
}

// ---------------------------------------------------------------------- keys

bool Interp::keyEquals(const Value& a, const Value& b) {
  Tag ta = a.tag(), tb = b.tag();
  if (ta == Tag::String && tb == Tag::String) return text(a) == text(b);
  if (ta == Tag::Null || tb == Tag::Null) return ta == tb;
  if (isNumberTag(ta) && isNumberTag(tb)) {
    bool unordered = false;
    int c = compareNumbers(a, b, &unordered);
    if (unordered) return ta == Tag::Double && tb == Tag::Double;  // NaN keys find themselves
    return c == 0;
  }
  if ((ta == Tag::String || ta == Tag::Id) && (tb == Tag::String || tb == Tag::Id))
    return idEquals(text(a), text(b));
  if (ta != tb) return false;
  switch (ta) {
    case Tag::List: {
      if (a.asObj() == b.asObj()) return true;
      const auto& x = a.as<ListObj>()->items;
      const auto& y = b.as<ListObj>()->items;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!keyEquals(x[i], y[i])) return false;
      return true;
    }
    case Tag::Map: {
      if (a.asObj() == b.asObj()) return true;
      const OrderedTable& x = a.as<MapObj>()->table;
      const OrderedTable& y = b.as<MapObj>()->table;
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i) {
        long j = y.find(x.keys()[i]);
        if (j < 0 || !keyEquals(x.values()[i], y.values()[size_t(j)])) return false;
      }
      return true;
    }
    default: return equalsOperator(a, b);  // Sets, scalars and objects agree with ==
  }
}

size_t Interp::keyHash(const Value& v) {
  switch (v.tag()) {
    case Tag::Null: return 0;
    case Tag::Boolean: return v.asBool() ? 1231 : 1237;
    case Tag::Integer:
    case Tag::Long:
    case Tag::Double:
    case Tag::Decimal: return hashNumber(v);
    case Tag::String:
    case Tag::Id: {
      // Strings and Ids may be equal as keys (15/18-character Ids): hash
      // what an Id compares, the first 15 characters, for Id-length text.
      std::string_view s = text(v);
      if (s.size() == 18) s = s.substr(0, 15);
      return std::hash<std::string_view>()(s);
    }
    case Tag::Date: return mix(0xD47E, std::hash<int64_t>()(v.asDate()));
    case Tag::Datetime: return mix(0xD7, std::hash<int64_t>()(v.asDatetime()));
    case Tag::Time: return mix(0x71, std::hash<int64_t>()(v.asTime()));
    case Tag::Enum: return mix(std::hash<const void*>()(v.enumClass()), v.enumOrdinal());
    case Tag::Blob: return std::hash<std::string_view>()(v.as<BlobObj>()->bytes);
    case Tag::List: {
      size_t h = 1;
      for (const Value& e : v.as<ListObj>()->items) h = h * 31 + keyHash(e);
      return h;
    }
    case Tag::Set: {
      size_t h = 0;
      for (const Value& e : v.as<SetObj>()->table.keys()) h += keyHash(e);
      return h;
    }
    case Tag::Map: {
      const OrderedTable& t = v.as<MapObj>()->table;
      size_t h = 0;
      for (size_t i = 0; i < t.size(); ++i) h += keyHash(t.keys()[i]) ^ keyHash(t.values()[i]);
      return h;
    }
    case Tag::Instance: {
      Value result;
      if (callOverride(v, "hashcode", nullptr, 0, &result) && result.tag() == Tag::Integer)
        return std::hash<int64_t>()(result.asInt());
      // No hashCode override: identity, as Object.hashCode (Apex asks for
      // equals and hashCode to be overridden together).
      return std::hash<const void*>()(v.asObj());
    }
    case Tag::TypeRef: return std::hash<const void*>()(v.as<TypeRefObj>()->type);
  }
  return 0;
}

// ---------------------------------------------------------------------- sort

int Interp::compareForSort(const Value& a, const Value& b) {
  Tag ta = a.tag(), tb = b.tag();
  if (ta == Tag::Null || tb == Tag::Null) return ta == tb ? 0 : (ta == Tag::Null ? -1 : 1);
  if (isNumberTag(ta) && isNumberTag(tb)) {
    bool unordered = false;
    int c = compareNumbers(a, b, &unordered);
    if (unordered) {  // Java's Double.compare: NaN sorts last
      bool an = ta == Tag::Double && std::isnan(a.asDouble());
      bool bn = tb == Tag::Double && std::isnan(b.asDouble());
      return an == bn ? 0 : (an ? 1 : -1);
    }
    return c;
  }
  if ((ta == Tag::String || ta == Tag::Id) && (tb == Tag::String || tb == Tag::Id)) {
    int c = tx::compareUtf16(text(a), text(b));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (ta == tb) {
    switch (ta) {
      case Tag::Boolean: return int(a.asBool()) - int(b.asBool());
      case Tag::Date: return a.asDate() < b.asDate() ? -1 : a.asDate() > b.asDate();
      case Tag::Datetime: return a.asDatetime() < b.asDatetime() ? -1 : a.asDatetime() > b.asDatetime();
      case Tag::Time: return a.asTime() < b.asTime() ? -1 : a.asTime() > b.asTime();
      case Tag::Enum:
        return a.enumOrdinal() < b.enumOrdinal() ? -1 : a.enumOrdinal() > b.enumOrdinal();
      default: break;
    }
  }
  if (ta == Tag::Instance && a.as<InstanceObj>()->cls->isSubclassOf(program_.comparableClass)) {
    Value arg = b, result;
    if (callOverride(a, "compareto", &arg, 1, &result)) {
      if (result.isNull()) raiseNullPointer();
      return result.asInt() < 0 ? -1 : result.asInt() > 0 ? 1 : 0;
    }
  }
  raise(errors::ListNotComparable);
}

// ---------------------------------------------------------------------- KeyHash / KeyEq

size_t KeyHash::operator()(const Value& v) const { return vm->keyHash(v); }
bool KeyEq::operator()(const Value& a, const Value& b) const { return vm->keyEquals(a, b); }

// ---------------------------------------------------------------------- OrderedTable

long OrderedTable::find(const Value& key) const {
  if (!indexed_) {
    const KeyEq& equal = index_.key_eq();
    for (size_t i = 0; i < keys_.size(); ++i)
      if (equal(keys_[i], key)) return long(i);
    return -1;
  }
  auto it = index_.find(key);
  return it == index_.end() ? -1 : long(it->second);
}

void OrderedTable::append(const Value& key, const Value& value) {
  if (keys_.empty()) {  // one allocation each while the table stays small
    keys_.reserve(kLinearLimit);
    values_.reserve(kLinearLimit);
  }
  keys_.push_back(key);
  values_.push_back(value);
  if (indexed_) {
    index_.emplace(key, keys_.size() - 1);
  } else if (keys_.size() > kLinearLimit) {
    for (size_t i = 0; i < keys_.size(); ++i) index_.emplace(keys_[i], i);
    indexed_ = true;
  }
}

Value OrderedTable::put(const Value& key, const Value& value) {
  long position = find(key);
  if (position >= 0) return std::exchange(values_[size_t(position)], value);
  append(key, value);
  return Value();
}

bool OrderedTable::add(const Value& key) {
  if (find(key) >= 0) return false;
  append(key, Value());
  return true;
}

Value OrderedTable::remove(const Value& key, bool* found) {
  long position = find(key);
  if (found) *found = position >= 0;
  if (position < 0) return Value();
  if (indexed_) index_.erase(keys_[size_t(position)]);
  Value previous = std::move(values_[size_t(position)]);
  keys_.erase(keys_.begin() + position);
  values_.erase(values_.begin() + position);
  if (indexed_) reindexFrom(size_t(position));
  return previous;
}

void OrderedTable::clear() {
  index_.clear();
  indexed_ = false;
  keys_.clear();
  values_.clear();
}

void OrderedTable::reindexFrom(size_t position) {
  for (size_t i = position; i < keys_.size(); ++i) {
    auto it = index_.find(keys_[i]);
    if (it != index_.end()) it->second = i;
  }
}

}  // namespace apex::interp
