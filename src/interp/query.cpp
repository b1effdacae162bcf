// Queries: the SOQL governor limits and single-row assignment around the
// data store's answer (Apex Developer Guide: "Working with SOQL and SOSL
// Query Results", "Execution Governors and Limits").
#include "ast/ast.h"
#include "ast/soql.h"
#include "base/text.h"
#include "interp/eval.h"
#include "interp/interp.h"

namespace apex::interp {

Value Interp::runQuery(const soql::Query& query, const QueryBinds& binds, std::string_view logText) {
  DataStorePort* store = dataStore();
  if (!store) raise(errors::QueryNotAvailable);
  useLimit(Limit::SoqlQueries);
  int line = currentLine();
  log_.soqlBegin(line, query.subqueryCount(), logText);
  Value rows = store->query(*this, query, binds);
  int64_t count = rows.tag() == Tag::List ? int64_t(rows.as<ListObj>()->items.size()) : 1;
  log_.soqlEnd(line, count);
  useLimit(Limit::QueryRows, count);
  return rows;
}

Value Interp::singleRow(const Value& rows) {
  const std::vector<Value>& items = rows.as<ListObj>()->items;
  if (items.empty()) raise(errors::NoRowsForAssignment);
  if (items.size() > 1) raise(errors::TooManyRowsForAssignment);
  return items.front();
}

std::vector<std::pair<std::string, Value>> Interp::callerVariables(const std::vector<std::string>& names) {
  std::vector<std::pair<std::string, Value>> values;
  if (!callerVariables_) return values;
  for (const std::string& name : names) {
    for (const auto& variable : callerVariables_->variables) {
      if (!text::equalsIgnoreAsciiCase(variable->name, name)) continue;
      values.emplace_back(name, evaluator_->eval(*variable));
      break;
    }
  }
  return values;
}

}  // namespace apex::interp
