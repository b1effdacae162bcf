#include "ast/ast.h"

namespace apex::ast {

bool TypeName::isVoid() const {
  if (parts.size() != 1 || arrayDims != 0) return false;
  const std::string& p = parts[0];
  return p.size() == 4 && (p[0] | 0x20) == 'v' && (p[1] | 0x20) == 'o' && (p[2] | 0x20) == 'i' &&
         (p[3] | 0x20) == 'd';
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
