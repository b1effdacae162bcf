// libFuzzer target: reading JSON as Apex does. Every token of the input
// (JSONParser), JSON.deserializeUntyped and JSON.serialize of its result,
// and JSON.deserialize / deserializeStrict into a class with a field of
// each kind. Malformed input must end in System.JSONException (or another
// Apex exception), never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "interp/interp.h"
#include "runtime/log/debuglog.h"
#include "sema/program.h"
#include "stdlib/json_values.h"
#include "stdlib/registry.h"
#include "syntax/parser.h"

namespace {

using namespace apex;

constexpr std::string_view kShape = R"(
class Shape {
  Integer i; Long l; Decimal d; Double x; String s; Boolean b;
  Date day; Datetime at; Time t; Blob bytes; Id ident; Object any;
  List<Shape> kids; Map<String, Shape> byName; Set<String> tags;
  Map<Integer, List<Decimal>> grid; Account acct; List<Contact> people;
}
)";

// The program that declares Shape, resolved once.
struct Fixture {
  syntax::ParseResult parsed = syntax::parse(kShape, ast::CompilationUnit::Kind::Anonymous, "shape");
  sema::Program program{stdlib::standardLibrary()};
  const sema::Type* shape = nullptr;

  Fixture() {
    if (!parsed.unit || sema::resolveAnonymous(program, *parsed.unit->anonymous)) abort();
    const sema::ClassSymbol* cls = program.findClass("shape");
    if (!cls) abort();
    shape = program.types.classType(cls);
  }
};

void readTokens(std::string_view text) {
  stdlib::json::Reader r(text);
  try {
    for (auto t = r.next(); t != stdlib::json::Token::None; t = r.next()) (void)r.currentName();
  } catch (const stdlib::json::Error&) {
  }
}

// One deserialization, as JSON.deserialize* does it, then its serialization.
void roundTrip(interp::Interp& vm, std::string_view text, const sema::Type* type, bool strict) {
  try {
    stdlib::json::guarded(vm, [&] {
      stdlib::json::Reader r(text);
      if (r.next() == stdlib::json::Token::None) return;
      interp::Value v = type ? stdlib::json::readTyped(vm, r, type, strict) : stdlib::json::readUntyped(vm, r);
      stdlib::json::Writer w(false);
      stdlib::json::writeValue(vm, w, v, false);
    });
  } catch (const interp::ApexThrow&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  readTokens(text);
  runtime::DebugLog log;
  interp::Interp vm(fixture.program, log);
  roundTrip(vm, text, nullptr, false);
  roundTrip(vm, text, fixture.shape, false);
  roundTrip(vm, text, fixture.shape, true);
  return 0;
}
