#include "ast/soql.h"

#include <string_view>

namespace apex::soql {

std::string FieldPath::text() const {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += '.';
    out += name;
  }
  return out;
}

bool FunctionCall::isAggregate() const {
  for (std::string_view aggregate : {"COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX"})
    if (name == aggregate) return true;
  return false;
}

bool Query::isCount() const {
  return select.size() == 1 && select[0].kind == SelectItem::Kind::Function && select[0].function->name == "COUNT" &&
         select[0].function->args.empty();
}

bool Query::isAggregate() const {
  if (!groupBy.empty()) return true;
  for (const SelectItem& item : select)
    if (item.kind == SelectItem::Kind::Function && item.function->isAggregate()) return true;
  return false;
}

}  // namespace apex::soql
