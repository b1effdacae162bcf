#include "runtime/data/sql_statement.h"

namespace apex::runtime {

void SqlStatement::bind(int index, const SqlParam& param) {
  if (const auto* i = std::get_if<std::int64_t>(&param)) bindInt(index, *i);
  else if (const auto* d = std::get_if<double>(&param)) bindDouble(index, *d);
  else if (const auto* s = std::get_if<std::string>(&param)) bindText(index, *s);
  else bindNull(index);
}

void SqlStatement::run() {
  while (step()) {
  }
  reset();
}

std::string quoteName(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string quoteText(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + '\'';
}

}  // namespace apex::runtime
