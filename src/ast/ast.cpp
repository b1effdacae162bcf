#include "ast/ast.h"

#include "base/text.h"

namespace apex::ast {

bool TypeName::isVoid() const {
  return parts.size() == 1 && arrayDims == 0 && text::equalsIgnoreAsciiCase(parts[0], "void");
}

std::string TypeName::text() const {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '.';
    out += parts[i];
  }
  if (!args.empty()) {
    out += '<';
    for (size_t i = 0; i < args.size(); ++i) {
      if (i) out += ',';
      out += args[i].text();
    }
    out += '>';
  }
  for (int i = 0; i < arrayDims; ++i) out += "[]";
  return out;
}

}  // namespace apex::ast
