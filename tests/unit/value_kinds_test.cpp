// The per-kind operations table (src/interp/value_kinds.h).
#include <catch2/catch.hpp>

#include "interp/interp.h"
#include "interp/value_kinds.h"
#include "runtime/log/debuglog.h"
#include "sema/program.h"
#include "stdlib/registry.h"

using namespace apex;
using interp::kindOf;
using interp::Tag;
using interp::Value;

TEST_CASE("the kinds table has a complete row for every Tag, in order", "[value_kinds]") {
  for (size_t i = 0; i < interp::kKindCount; ++i) {
    const interp::ValueKind& kind = kindOf(Tag(i));
    CHECK(kind.tag == Tag(i));
    CHECK_FALSE(kind.name.empty());
    CHECK(kind.print);
    CHECK(kind.runtimeTypeName);
    CHECK(kind.equals);
    CHECK(kind.keyEquals);
    CHECK(kind.keyHash);
    CHECK(kind.heapBytes);
  }
  CHECK(kindOf(Tag::Integer).name == "Integer");
  CHECK(kindOf(interp::kLastTag).tag == interp::kLastTag);
}

TEST_CASE("kinds print, name, compare and hash their values", "[value_kinds]") {
  sema::Program program(stdlib::standardLibrary());
  runtime::DebugLog log;
  interp::Interp vm(program, log);

  CHECK(vm.debugString(Value::integer(-42)) == "-42");
  CHECK(vm.debugString(Value::date(0)) == "1970-01-01 00:00:00");
  CHECK(vm.stringValueOf(Value::date(0)) == "1970-01-01");
  CHECK(vm.runtimeTypeName(Value::longValue(7)) == "Long");
  CHECK(vm.runtimeTypeName(Value()) == "null");

  // `==` ignores the case of Strings; keys and equals() do not.
  Value upper = vm.makeString("Apex"), lower = vm.makeString("apex");
  CHECK(kindOf(Tag::String).equals(vm, upper, lower));
  CHECK_FALSE(kindOf(Tag::String).keyEquals(vm, upper, lower));

  // An Id equals its 18-character form; both hash alike as keys.
  Value id15 = vm.makeId("001000000000001"), id18 = vm.makeId("001000000000001AAA");
  CHECK(vm.keyEquals(id15, id18));
  CHECK(vm.keyHash(id15) == vm.keyHash(id18));

  // Numbers equal across kinds hash alike.
  CHECK(vm.keyEquals(Value::integer(3), Value::doubleValue(3.0)));
  CHECK(vm.keyHash(Value::integer(3)) == vm.keyHash(Value::doubleValue(3.0)));

  CHECK(kindOf(Tag::Integer).heapBytes(Value::integer(1)) == 0);
  CHECK(kindOf(Tag::String).heapBytes(upper) == 4);
}
