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
//
// Equality and hashing within one kind are that kind's row in the value
// kinds table (value_kinds.cpp); this file holds the rules across kinds.
#include <cmath>
#include <string_view>
#include <utility>

#include "base/text.h"
#include "interp/interp.h"
#include "interp/value_kinds.h"
#include "sema/program.h"

namespace apex::interp {
namespace {

namespace tx = apex::text;

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

bool isTextTag(Tag t) { return t == Tag::String || t == Tag::Id; }

bool holdsElements(Tag t) { return t == Tag::List || t == Tag::Set || t == Tag::Map || t == Tag::SObject; }

// Collections and records compare and hash by what they hold, which may
// hold collections again: one level deeper while this lives. A list that
// contains itself would recur without end; past the Apex stack depth it is
// the stack depth error (docs/differences.md).
class ElementDepth {
 public:
  ElementDepth(Interp& vm, int& depth) : depth_(depth) {
    if (++depth_ > vm.limits().max(Limit::StackDepth)) {
      --depth_;
      vm.raiseLimit(Limit::StackDepth);
    }
  }
  ~ElementDepth() { --depth_; }
  ElementDepth(const ElementDepth&) = delete;
  ElementDepth& operator=(const ElementDepth&) = delete;

 private:
  int& depth_;
};

}  // namespace

// ---------------------------------------------------------------------- ==

// Within one kind, the kind's own rule (value_kinds.cpp); across kinds,
// numbers compare by value and a String equals an Id of the same record.
bool Interp::equalsOperator(const Value& a, const Value& b) {
  Tag ta = a.tag(), tb = b.tag();
  if (ta == tb && holdsElements(ta)) {
    ElementDepth deeper(*this, elementDepth_);
    return kindOf(ta).equals(*this, a, b);
  }
  if (ta == tb) return kindOf(ta).equals(*this, a, b);
  if (ta == Tag::Null || tb == Tag::Null) return false;
  if (isNumberTag(ta) && isNumberTag(tb)) {
    bool unordered = false;
    int c = compareNumbers(a, b, &unordered);
    return !unordered && c == 0;
  }
  if (isTextTag(ta) && isTextTag(tb)) return idTextEquals(text(a), text(b));
  return false;
}

// ---------------------------------------------------------------------- keys

bool Interp::keyEquals(const Value& a, const Value& b) {
  Tag ta = a.tag(), tb = b.tag();
  if (ta == tb && holdsElements(ta)) {
    ElementDepth deeper(*this, elementDepth_);
    return kindOf(ta).keyEquals(*this, a, b);
  }
  if (ta == tb) return kindOf(ta).keyEquals(*this, a, b);
  if (ta == Tag::Null || tb == Tag::Null) return false;
  if (isNumberTag(ta) && isNumberTag(tb)) {
    bool unordered = false;
    int c = compareNumbers(a, b, &unordered);
    return !unordered && c == 0;
  }
  if (isTextTag(ta) && isTextTag(tb)) return idTextEquals(text(a), text(b));
  return false;
}

size_t Interp::keyHash(const Value& v) {
  if (!holdsElements(v.tag())) return kindOf(v.tag()).keyHash(*this, v);
  ElementDepth deeper(*this, elementDepth_);
  return kindOf(v.tag()).keyHash(*this, v);
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
  if (isTextTag(ta) && isTextTag(tb)) {
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

bool OrderedTable::hashedByApexCode(const Value& key) {
  Tag tag = key.tag();
  return tag == Tag::Instance || tag == Tag::List || tag == Tag::Set || tag == Tag::Map;
}

// A user hashCode() may throw: the table is left unindexed, as it was.
void OrderedTable::buildIndex() const {
  try {
    for (size_t i = 0; i < keys_.size(); ++i) index_.emplace(keys_[i], i);
  } catch (...) {
    index_.clear();
    throw;
  }
  indexed_ = true;
}

long OrderedTable::find(const Value& key) const {
  if (!indexed_ && hashedByApexCode(key)) buildIndex();
  if (!indexed_) {
    const KeyEq& equal = index_.key_eq();
    for (size_t i = 0; i < keys_.size(); ++i)
      if (equal(keys_[i], key)) return long(i);
    return -1;
  }
  auto it = index_.find(key);
  return it == index_.end() ? -1 : long(it->second);
}

// The position of `key`, and whether it was added (with a null value) for
// it. One hash and one search, as a hash map's put: a user hashCode() runs
// once. The index is written before the key is kept, so that a hashCode()
// that throws leaves the table as it was.
std::pair<size_t, bool> OrderedTable::slotFor(const Value& key) {
  if (!indexed_ && (keys_.size() >= kLinearLimit || hashedByApexCode(key))) buildIndex();
  if (indexed_) {
    auto [it, added] = index_.try_emplace(key, keys_.size());
    if (!added) return {it->second, false};
  } else if (long position = find(key); position >= 0) {
    return {size_t(position), false};
  }
  if (keys_.empty()) {  // one allocation each while the table stays small
    keys_.reserve(kLinearLimit);
    values_.reserve(kLinearLimit);
  }
  keys_.push_back(key);
  values_.emplace_back();
  return {keys_.size() - 1, true};
}

Value OrderedTable::put(const Value& key, const Value& value) {
  auto [position, added] = slotFor(key);
  return std::exchange(values_[position], value);
}

bool OrderedTable::add(const Value& key) { return slotFor(key).second; }

// Positions after the removed key move down by one; no key is hashed again
// (a user hashCode() runs once per lookup, as on the platform).
Value OrderedTable::remove(const Value& key, bool* found) {
  long position = find(key);
  if (found) *found = position >= 0;
  if (position < 0) return Value();
  if (indexed_) {
    for (auto it = index_.begin(); it != index_.end();) {
      if (it->second == size_t(position)) {
        it = index_.erase(it);
        continue;
      }
      if (it->second > size_t(position)) --it->second;
      ++it;
    }
  }
  Value previous = std::move(values_[size_t(position)]);
  keys_.erase(keys_.begin() + position);
  values_.erase(values_.begin() + position);
  return previous;
}

void OrderedTable::clear() {
  index_.clear();
  indexed_ = false;
  keys_.clear();
  values_.clear();
}

}  // namespace apex::interp
