// Heap objects behind Apex reference values, and the transaction heap.
//
// Objects are reference counted. Apex object graphs can form cycles (a node
// pointing at its parent), so every object is also linked into its Heap,
// which frees whatever is left when the transaction ends. The heap also
// keeps the byte count that the governor's heap limit is checked against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/decimal.h"
#include "interp/value.h"
#include "sema/status_codes.h"

namespace apex::sema {
struct Type;
struct ClassSymbol;
class SObjectType;
struct SObjectField;
struct ChildRelationship;
}  // namespace apex::sema

namespace apex::interp {

class Heap;

struct Obj {
  uint32_t refs = 0;
  Heap* heap = nullptr;
  Obj* prev = nullptr;  // links in the owning heap's list of live objects
  Obj* next = nullptr;
  size_t bytes = 0;     // what this object counts against the heap limit

  Obj() = default;
  Obj(const Obj&) = delete;
  Obj& operator=(const Obj&) = delete;
  virtual ~Obj() = default;
  // Drops every reference this object holds (used to break cycles).
  virtual void clearReferences() {}
};

struct StringObj : Obj {
  std::string text;  // UTF-8
  explicit StringObj(std::string s) : text(std::move(s)) {}
};

struct DecimalObj : Obj {
  Decimal number;
  explicit DecimalObj(Decimal d) : number(std::move(d)) {}
};

struct BlobObj : Obj {
  std::string bytes;
  explicit BlobObj(std::string b) : bytes(std::move(b)) {}
};

struct ListObj : Obj {
  const sema::Type* type;  // List<T>; T[] is the same type
  std::vector<Value> items;
  uint32_t iterating = 0;  // for-each loops running over this list
  explicit ListObj(const sema::Type* t) : type(t) {}
  void clearReferences() override { items.clear(); }
};

class Interp;

// Hashing and equality for Set elements and Map keys: Apex's `equals`
// semantics (Strings case-sensitive), user `equals`/`hashCode` honoured.
struct KeyHash {
  Interp* vm;
  size_t operator()(const Value& v) const;
};
struct KeyEq {
  Interp* vm;
  bool operator()(const Value& a, const Value& b) const;
};

// An insertion-ordered hash table; Set uses the keys only.
class OrderedTable {
 public:
  explicit OrderedTable(Interp* vm) : index_(0, KeyHash{vm}, KeyEq{vm}) {}

  size_t size() const { return keys_.size(); }
  const std::vector<Value>& keys() const { return keys_; }
  const std::vector<Value>& values() const { return values_; }
  std::vector<Value>& mutableValues() { return values_; }

  // Index of `key`, or -1.
  long find(const Value& key) const;
  // Inserts or replaces; returns the previous value (null if none).
  Value put(const Value& key, const Value& value);
  // Adds a key; false if it was present.
  bool add(const Value& key);
  // Removes a key; returns its value; `found` tells whether it was there.
  Value remove(const Value& key, bool* found);
  void clear();

 private:
  // Tables of up to kLinearLimit keys have no hash index and are searched in
  // order: most maps (JSON objects, small records) stay that small, and they
  // then cost no index allocation and no hashing. A key whose hash or
  // equality may run Apex code (an object of a class, or a collection that
  // may hold one) indexes the table at once, so that its hashCode() runs,
  // and equals() only for keys of its hash, as on the platform.
  static constexpr size_t kLinearLimit = 8;
  static bool hashedByApexCode(const Value& key);
  // The index is a cache of keys_: made when first needed, by const finds too.
  void buildIndex() const;
  std::pair<size_t, bool> slotFor(const Value& key);

  std::vector<Value> keys_;
  std::vector<Value> values_;
  mutable std::unordered_map<Value, size_t, KeyHash, KeyEq> index_;
  mutable bool indexed_ = false;
};

struct SetObj : Obj {
  const sema::Type* type;  // Set<T>
  OrderedTable table;
  uint32_t iterating = 0;
  Value keysOf;  // the Map whose keySet() this is: removals go through to it, adds are refused
  SetObj(const sema::Type* t, Interp* vm) : type(t), table(vm) {}
  void clearReferences() override {
    table.clear();
    keysOf = Value();
  }
};

struct MapObj : Obj {
  const sema::Type* type;  // Map<K,V>
  OrderedTable table;
  uint32_t iterating = 0;
  // Describe's maps (Schema.getGlobalDescribe, fields.getMap()) hold
  // lower-case String keys and find them ignoring case.
  bool foldsKeys = false;
  MapObj(const sema::Type* t, Interp* vm) : type(t), table(vm) {}
  void clearReferences() override { table.clear(); }
};

// An instance of an Apex class. Exceptions are instances too: their
// message, cause and stack trace live in `exception`.
// A record a DML operation could not save, as a DmlException reports it
// (getDmlIndex, getDmlId, getDmlType, getDmlMessage, getDmlFieldNames).
struct DmlFailure {
  int index = 0;
  std::string id;
  sema::StatusCode code{};
  std::string message;
  std::vector<std::string> fields;
};

struct ExceptionData {
  Value message;  // String or null
  Value cause;    // Instance or null
  int line = 0;
  int column = 0;
  std::string stackTrace;
  std::vector<DmlFailure> dmlFailures;  // a DmlException's failed records
};

// The C++ state of an instance of a built-in class (HttpRequest keeps its
// endpoint, method, headers and body here). It holds no Apex values.
struct NativeState {
  virtual ~NativeState() = default;
  // What System.debug and String.valueOf print for the instance.
  virtual std::string toString() const = 0;
};

struct InstanceObj : Obj {
  const sema::ClassSymbol* cls;
  std::vector<Value> fields;  // slots as the resolver laid them out
  ExceptionData* exception = nullptr;  // owned; set for exception classes
  std::unique_ptr<NativeState> native;  // set for built-in classes with state
  InstanceObj(const sema::ClassSymbol* c, size_t fieldCount) : cls(c), fields(fieldCount) {}
  ~InstanceObj() override { delete exception; }
  void clearReferences() override {
    fields.clear();
    if (exception) {
      exception->message = Value();
      exception->cause = Value();
    }
  }
};

// A record (Apex Developer Guide: "Working with sObjects"). It holds the
// fields it was given a value, by `new Account(Name = 'x')`, assignment,
// `put` or a query that selected them, in the order they were first given
// one: that is the order System.debug and getPopulatedFieldsAsMap show.
// Records are small (a handful of fields of an object's dozens), so the
// fields are a short list searched in order rather than a slot per field.
struct SObjectObj : Obj {
  const sema::SObjectType* type;
  struct FieldValue {
    const sema::SObjectField* field;
    Value value;
  };
  std::vector<FieldValue> fields;
  // Records reached through relationships: the parent of a reference field
  // (a Contact's Account, through AccountId) and a child relationship's
  // records (an Account's Contacts, a List<Contact>).
  struct Parent {
    const sema::SObjectField* field;
    Value record;
  };
  struct Children {
    const sema::ChildRelationship* relationship;
    Value records;
  };
  std::vector<Parent> parents;
  std::vector<Children> children;
  // An AggregateResult's values, by alias (expr0, total).
  std::vector<std::pair<std::string, Value>> aggregates;
  // The record came from a query: reading a field the query did not
  // select raises "SObject row was retrieved via SOQL without querying the
  // requested field".
  bool fromQuery = false;
  // Trigger.new in an after trigger: assigning a field raises
  // "Record is read-only".
  bool readOnly = false;
  // SObject.addError: the errors that fail the record's DML; `fields`
  // empty for an error on the whole record.
  struct Error {
    std::string message;
    std::vector<std::string> fields;
  };
  std::vector<Error> errors;
  // SObject.clone: made by clone(), and the Id of the record it copies.
  bool isClone = false;
  std::string cloneSourceId;

  explicit SObjectObj(const sema::SObjectType* t) : type(t) {}
  // The value slot of `field`, or null when the record has no value for it.
  const Value* find(const sema::SObjectField* field) const;
  // The record's Id as text; empty when it has none.
  std::string idText() const;
  // Sets `field`, adding it after the fields the record has.
  void set(const sema::SObjectField* field, Value value);
  void clearReferences() override {
    fields.clear();
    parents.clear();
    children.clear();
    aggregates.clear();
    errors.clear();
  }
};

struct TypeRefObj : Obj {
  const sema::Type* type;
  explicit TypeRefObj(const sema::Type* t) : type(t) {}
};

// All objects of one transaction.
class Heap {
 public:
  Heap() = default;
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;
  ~Heap() { freeAll(); }

  template <class T, class... Args>
  T* make(size_t bytes, Args&&... args) {
    T* o = new T(std::forward<Args>(args)...);
    link(o, bytes);
    return o;
  }

  // Called when an object's last reference goes away.
  void release(Obj* o);
  // Changes the bytes an object counts for (a list grew, a string was built).
  void resize(Obj* o, size_t bytes);
  size_t bytesInUse() const { return bytes_; }
  size_t peakBytes() const { return peak_; }
  // Frees every object still alive, cycles included.
  void freeAll();

 private:
  void link(Obj* o, size_t bytes);
  void unlink(Obj* o);

  Obj* head_ = nullptr;
  size_t bytes_ = 0;
  size_t peak_ = 0;
  bool tearingDown_ = false;
};

inline Value Value::object(Tag tag, Obj* o) {
  Value v;
  v.tag_ = tag;
  v.o_ = o;
  ++o->refs;
  return v;
}

inline void Value::retain() const {
  if (isHeap()) ++o_->refs;
}

inline void Value::release() {
  if (isHeap() && --o_->refs == 0) o_->heap->release(o_);
}

}  // namespace apex::interp
