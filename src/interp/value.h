// Apex values: a 16-byte tagged union.
//
// Scalars (Boolean, Integer, Long, Double, Date, Datetime, Time) live inline;
// everything else is a reference-counted heap object (see object.h). Copying
// a scalar never touches memory beyond the value itself, which keeps integer
// loops free of reference counting.
#pragma once

#include <cstdint>
#include <utility>

namespace apex::sema {
struct ClassSymbol;
class SObjectType;
struct SObjectField;
}

namespace apex::interp {

enum class Tag : uint8_t {
  Null,
  Boolean,
  Integer,
  Long,
  Double,
  Date,      // days since 1970-01-01
  Datetime,  // milliseconds since the epoch, UTC
  Time,      // milliseconds since midnight
  Enum,      // an enum constant: its class and ordinal, no heap object
  // Views of the schema: an object or a field of sema::Schema, and which
  // Apex type the value is (SchemaView). They point into the program's
  // schema, which outlives every value.
  SchemaObject,  // Schema.SObjectType, DescribeSObjectResult, SObjectTypeFields
  SchemaField,   // Schema.SObjectField, DescribeFieldResult
  // Heap values from here on.
  String,
  Id,
  Decimal,
  Blob,
  List,
  Set,
  Map,
  Instance,  // an object of an Apex class, exceptions included
  SObject,   // a record: Account, Invoice__c, AggregateResult
  TypeRef,   // a System.Type value (`Foo.class`)
};
// The last kind: value_kinds.h sizes its table by it, so a new kind goes
// before it or moves it.
inline constexpr Tag kLastTag = Tag::TypeRef;

// Which Apex type a schema value is: `Account.SObjectType` is the token,
// `SObjectType.Account` (or the token's getDescribe()) the describe result,
// a describe result's `fields` and `fieldSets` the members that name fields
// and field sets (`SObjectType.Account.fields.Name`), and a FieldSet one of
// the object's field sets (by index). Fields have the token and describe.
enum class SchemaView : uint8_t { Token, Describe, Fields, FieldSets, FieldSet };

struct Obj;

class Value {
 public:
  Value() : tag_(Tag::Null), l_(0) {}
  ~Value() { release(); }

  Value(const Value& other) : tag_(other.tag_), aux_(other.aux_), l_(other.l_) { retain(); }
  Value(Value&& other) noexcept : tag_(other.tag_), aux_(other.aux_), l_(other.l_) { other.tag_ = Tag::Null; }
  Value& operator=(const Value& other) {
    if (this != &other) {
      Value copy(other);
      swap(copy);
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      release();
      tag_ = other.tag_;
      aux_ = other.aux_;
      l_ = other.l_;
      other.tag_ = Tag::Null;
    }
    return *this;
  }
  void swap(Value& other) noexcept {
    std::swap(tag_, other.tag_);
    std::swap(aux_, other.aux_);
    std::swap(l_, other.l_);
  }

  static Value boolean(bool b) { Value v; v.tag_ = Tag::Boolean; v.l_ = 0; v.b_ = b; return v; }
  static Value integer(int32_t i) { Value v; v.tag_ = Tag::Integer; v.l_ = 0; v.i_ = i; return v; }
  static Value longValue(int64_t l) { Value v; v.tag_ = Tag::Long; v.l_ = l; return v; }
  static Value doubleValue(double d) { Value v; v.tag_ = Tag::Double; v.d_ = d; return v; }
  static Value date(int32_t days) { Value v; v.tag_ = Tag::Date; v.l_ = 0; v.i_ = days; return v; }
  static Value datetime(int64_t ms) { Value v; v.tag_ = Tag::Datetime; v.l_ = ms; return v; }
  static Value time(int32_t ms) { Value v; v.tag_ = Tag::Time; v.l_ = 0; v.i_ = ms; return v; }
  static Value enumValue(const sema::ClassSymbol* cls, uint32_t ordinal) {
    Value v; v.tag_ = Tag::Enum; v.aux_ = ordinal; v.c_ = cls; return v;
  }
  static Value schemaObject(const sema::SObjectType* object, SchemaView view, uint32_t index = 0) {
    Value v; v.tag_ = Tag::SchemaObject; v.aux_ = uint32_t(view) | index << 8; v.object_ = object; return v;
  }
  static Value schemaField(const sema::SObjectField* field, SchemaView view) {
    Value v; v.tag_ = Tag::SchemaField; v.aux_ = uint32_t(view); v.field_ = field; return v;
  }
  // Takes a new reference to `o`, which must have been made for `tag`.
  static Value object(Tag tag, Obj* o);

  Tag tag() const { return tag_; }
  bool isNull() const { return tag_ == Tag::Null; }
  bool isHeap() const { return tag_ >= Tag::String; }

  bool asBool() const { return b_; }
  int32_t asInt() const { return i_; }
  int64_t asLong() const { return l_; }
  double asDouble() const { return d_; }
  int32_t asDate() const { return i_; }
  int64_t asDatetime() const { return l_; }
  int32_t asTime() const { return i_; }
  Obj* asObj() const { return o_; }
  const sema::ClassSymbol* enumClass() const { return c_; }
  uint32_t enumOrdinal() const { return aux_; }
  const sema::SObjectType* schemaObject() const { return object_; }
  const sema::SObjectField* schemaField() const { return field_; }
  SchemaView schemaView() const { return SchemaView(aux_ & 0xFF); }
  uint32_t schemaIndex() const { return aux_ >> 8; }  // of a FieldSet
  template <class T> T* as() const { return static_cast<T*>(o_); }

 private:
  inline void retain() const;
  inline void release();

  Tag tag_;
  uint32_t aux_ = 0;  // enum ordinal; schema view and index
  union {
    bool b_;
    int32_t i_;
    int64_t l_;
    double d_;
    Obj* o_;
    const sema::ClassSymbol* c_;
    const sema::SObjectType* object_;
    const sema::SObjectField* field_;
  };
};

static_assert(sizeof(Value) == 16, "Value should stay two words");

}  // namespace apex::interp
