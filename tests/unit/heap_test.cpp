// The value representation and the transaction heap.
#include <catch2/catch.hpp>

#include "interp/object.h"

using apex::interp::Heap;
using apex::interp::ListObj;
using apex::interp::StringObj;
using apex::interp::Tag;
using apex::interp::Value;

TEST_CASE("scalars live inline and copy without the heap", "[value]") {
  Value i = Value::integer(-7);
  Value copy = i;
  CHECK(copy.tag() == Tag::Integer);
  CHECK(copy.asInt() == -7);
  CHECK_FALSE(copy.isHeap());
  CHECK(Value().isNull());
  CHECK(Value::longValue(1LL << 40).asLong() == (1LL << 40));
  CHECK(Value::doubleValue(3.5).asDouble() == 3.5);
  CHECK(sizeof(Value) == 16);
}

TEST_CASE("heap objects are freed when their last reference goes", "[heap]") {
  Heap heap;
  {
    Value s = Value::object(Tag::String, heap.make<StringObj>(40, "hello"));
    CHECK(heap.bytesInUse() == 40);
    Value t = s;
    CHECK(s.asObj()->refs == 2);
  }
  CHECK(heap.bytesInUse() == 0);
  CHECK(heap.peakBytes() == 40);
}

TEST_CASE("moving a value transfers its reference", "[heap]") {
  Heap heap;
  Value s = Value::object(Tag::String, heap.make<StringObj>(10, "x"));
  Value moved = std::move(s);
  CHECK(s.isNull());
  CHECK(moved.asObj()->refs == 1);
}

TEST_CASE("cycles are freed when the heap ends the transaction", "[heap]") {
  Heap heap;
  {
    auto* a = heap.make<ListObj>(32, nullptr);
    auto* b = heap.make<ListObj>(32, nullptr);
    Value va = Value::object(Tag::List, a);
    Value vb = Value::object(Tag::List, b);
    a->items.push_back(vb);
    b->items.push_back(va);
  }
  CHECK(heap.bytesInUse() == 64);  // the cycle keeps both alive
  heap.freeAll();
  CHECK(heap.bytesInUse() == 0);
}

TEST_CASE("resizing changes what an object counts for", "[heap]") {
  Heap heap;
  Value l = Value::object(Tag::List, heap.make<ListObj>(32, nullptr));
  heap.resize(l.asObj(), 1000);
  CHECK(heap.bytesInUse() == 1000);
  CHECK(heap.peakBytes() == 1000);
}
