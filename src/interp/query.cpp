// Queries: the SOQL and SOSL governor limits and single-row assignment
// around the data store's answer (Apex Developer Guide: "Working with SOQL
// and SOSL Query Results", "Execution Governors and Limits", "Adding SOSL
// Queries to Unit Tests").
#include "ast/ast.h"
#include "ast/soql.h"
#include "ast/sosl.h"
#include "base/text.h"
#include "interp/eval.h"
#include "interp/formula_eval.h"
#include "interp/interp.h"
#include "syntax/search_term.h"

namespace apex::interp {

namespace {

// The text of FIND 'term' or FIND :term; a null bind is an empty term.
std::string searchTermText(Interp& vm, const soql::Literal& term, const QueryBinds& binds) {
  if (term.kind != soql::Literal::Kind::Bind) return term.text;
  const Value* value = binds.find(term);
  if (!value) vm.raise(errors::QueryBindMissing, term.bindLabel());
  return value->isNull() ? std::string() : vm.stringValueOf(*value);
}

}  // namespace

const Value* QueryBinds::find(const soql::Literal& bind) const {
  if (bind.bindIndex >= 0)
    return byIndex && size_t(bind.bindIndex) < byIndex->size() ? &(*byIndex)[size_t(bind.bindIndex)] : nullptr;
  if (byName)
    for (const auto& [name, value] : *byName)
      if (text::equalsIgnoreAsciiCase(name, bind.bindName)) return &value;
  return nullptr;
}

Value Interp::runQuery(const soql::Query& query, const QueryBinds& binds, std::string_view logText) {
  DataStorePort* store = dataStore();
  if (!store) raise(errors::QueryNotAvailable);
  useLimit(Limit::SoqlQueries);
  refuseFormulaFilters(*this, query);
  int line = currentLine();
  log_.soqlBegin(line, query.subqueryCount(), logText);
  Value rows = store->query(*this, query, binds);
  computeFormulaFields(*this, rows);
  int64_t count = rows.tag() == Tag::List ? int64_t(rows.as<ListObj>()->items.size()) : 1;
  log_.soqlEnd(line, count);
  useLimit(Limit::QueryRows, count);
  return rows;
}

// The term is checked in a test too; a test's search then returns the
// records Test.setFixedSearchResults gave, whatever the term.
Value Interp::runSearch(const sosl::Search& search, const QueryBinds& binds) {
  DataStorePort* store = dataStore();
  if (!store) raise(errors::QueryNotAvailable);
  useLimit(Limit::SoslQueries);
  syntax::SearchTermParse term = syntax::parseSearchTerm(searchTermText(*this, search.term, binds));
  if (term.error) raise(errors::SearchTermInvalid, *term.error);
  SearchMatch match;
  if (isRunningTest()) match.fixedIds = &fixedSearchResults_;
  else match.term = &term.term;
  Value lists = store->search(*this, search, match, binds);
  for (const Value& rows : lists.as<ListObj>()->items) computeFormulaFields(*this, rows);
  return lists;
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
