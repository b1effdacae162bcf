// The query model's own questions: a path's text, which functions
// aggregate, and what kind of rows a query returns (src/ast/soql.h).
#include "ast/soql.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <utility>

#include "base/text.h"

namespace apex::soql {

namespace {

// Every SOQL function ("SOQL and SOQL Reference": Aggregate Functions, Date
// Functions, toLabel(), FORMAT(), convertCurrency(), convertTimezone(),
// GROUPING(), DISTANCE() and GEOLOCATION()).
constexpr std::array<std::pair<std::string_view, FunctionKind>, 26> kFunctions{{
    {"AVG", FunctionKind::Aggregate},
    {"COUNT", FunctionKind::Aggregate},
    {"COUNT_DISTINCT", FunctionKind::Aggregate},
    {"MIN", FunctionKind::Aggregate},
    {"MAX", FunctionKind::Aggregate},
    {"SUM", FunctionKind::Aggregate},
    {"CALENDAR_MONTH", FunctionKind::DatePart},
    {"CALENDAR_QUARTER", FunctionKind::DatePart},
    {"CALENDAR_YEAR", FunctionKind::DatePart},
    {"DAY_IN_MONTH", FunctionKind::DatePart},
    {"DAY_IN_WEEK", FunctionKind::DatePart},
    {"DAY_IN_YEAR", FunctionKind::DatePart},
    {"FISCAL_MONTH", FunctionKind::DatePart},
    {"FISCAL_QUARTER", FunctionKind::DatePart},
    {"FISCAL_YEAR", FunctionKind::DatePart},
    {"HOUR_IN_DAY", FunctionKind::DatePart},
    {"WEEK_IN_MONTH", FunctionKind::DatePart},
    {"WEEK_IN_YEAR", FunctionKind::DatePart},
    {"DAY_ONLY", FunctionKind::DayOnly},
    {"CONVERTTIMEZONE", FunctionKind::TimeZone},
    {"TOLABEL", FunctionKind::Label},
    {"FORMAT", FunctionKind::Label},
    {"CONVERTCURRENCY", FunctionKind::Currency},
    {"GROUPING", FunctionKind::Grouping},
    {"GEOLOCATION", FunctionKind::Geolocation},
    {"DISTANCE", FunctionKind::Distance},
}};

}  // namespace

const FunctionKind* functionKind(std::string_view name) {
  for (const auto& [known, kind] : kFunctions) {
    if (text::equalsIgnoreAsciiCase(known, name)) return &kind;
  }
  return nullptr;
}

std::string FieldPath::text() const {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += '.';
    out += name;
  }
  return out;
}

bool FunctionCall::isAggregate() const {
  const FunctionKind* kind = functionKind(name);
  return kind && *kind == FunctionKind::Aggregate;
}

bool Query::isCount() const {
  if (select.size() != 1 || select[0].kind != SelectItem::Kind::Function) return false;
  const FunctionCall& call = *select[0].function;
  return text::equalsIgnoreAsciiCase(call.name, "COUNT") && call.args.empty();
}

bool Query::isAggregate() const {
  if (isCount()) return false;
  if (!groupBy.empty()) return true;
  for (const SelectItem& item : select) {
    if (item.kind == SelectItem::Kind::Function && item.function->isAggregate()) return true;
  }
  return false;
}

int Query::subqueryCount() const {
  int n = 0;
  for (const SelectItem& item : select) n += item.kind == SelectItem::Kind::Subquery;
  return n;
}

std::string logText(std::string_view text) {
  std::string out;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '\'') inString = false;
    } else if (c == '\'') {
      inString = true;
      out += c;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (c == ':' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t close = text.find('}', i);
      if (close == std::string_view::npos) close = text.size();
      int index = std::atoi(std::string(text.substr(i + 2, close - i - 2)).c_str());
      out += ":tmpVar" + std::to_string(index + 1);
      i = close;
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace apex::soql
