// libFuzzer target: the Apex parser and its transformer to apexrun's AST,
// reading the input as an anonymous block, a trigger and a class file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using Kind = apex::ast::CompilationUnit::Kind;
  (void)apex::syntax::parse(text, Kind::Anonymous, "fuzz.apex");
  (void)apex::syntax::parse(text, Kind::Trigger, "fuzz.trigger");
  (void)apex::syntax::parseClassFile(text, "fuzz.cls");
  return 0;
}
