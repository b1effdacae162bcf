// libFuzzer target: the SOQL and SOSL parsers and the SOSL search-term
// parser, with inline and dynamic binds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "syntax/search_term.h"
#include "syntax/soql_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using apex::syntax::SoqlBinds;
  for (SoqlBinds binds : {SoqlBinds::Inline, SoqlBinds::Dynamic}) {
    (void)apex::syntax::parseSoql(text, binds);
    (void)apex::syntax::parseSosl(text, binds);
  }
  (void)apex::syntax::parseSearchTerm(text);
  return 0;
}
