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

namespace {

// `text` between `quote`s, each `quote` in it doubled, as SQL quotes.
std::string quoted(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    if (c == quote) out += quote;
    out += c;
  }
  return out + quote;
}

}  // namespace

std::string sqlParam(SqlDialect dialect, int n) {
  return (dialect == SqlDialect::Postgres ? "$" : "?") + std::to_string(n);
}

std::string quoteName(std::string_view name) { return quoted(name, '"'); }
std::string quoteText(std::string_view text) { return quoted(text, '\''); }

}  // namespace apex::runtime
