// libFuzzer target: the resolver (names, types, overloads, local classes)
// on whatever the parser accepts as an anonymous block. Nothing runs.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sema/program.h"
#include "stdlib/registry.h"
#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  apex::syntax::ParseResult parsed = apex::syntax::parse(text, apex::ast::CompilationUnit::Kind::Anonymous, "fuzz");
  if (!parsed.unit) return 0;
  apex::sema::Program program(apex::stdlib::standardLibrary());
  (void)apex::sema::resolveAnonymous(program, *parsed.unit->anonymous);
  return 0;
}
