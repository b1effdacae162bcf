// Queries: the SOQL governor limits and single-row assignment around the
// data store's answer (Apex Developer Guide: "Working with SOQL and SOSL
// Query Results", "Execution Governors and Limits").
#include "ast/soql.h"
#include "interp/interp.h"

namespace apex::interp {

Value Interp::runQuery(const soql::Query& query, const QueryBinds& binds) {
  DataStorePort* store = dataStore();
  if (!store) raise(errors::QueryNotAvailable);
  limits_.add(Limit::SoqlQueries);
  if (limits_.count(Limit::SoqlQueries) > limits_.max(Limit::SoqlQueries))
    raiseLimit(Limit::SoqlQueries, limits_.count(Limit::SoqlQueries));
  Value rows = store->query(*this, query, binds);
  int64_t count = rows.tag() == Tag::List ? int64_t(rows.as<ListObj>()->items.size()) : 1;
  limits_.add(Limit::QueryRows, count);
  if (limits_.count(Limit::QueryRows) > limits_.max(Limit::QueryRows))
    raiseLimit(Limit::QueryRows, limits_.count(Limit::QueryRows));
  return rows;
}

Value Interp::singleRow(const Value& rows) {
  const std::vector<Value>& items = rows.as<ListObj>()->items;
  if (items.empty()) raise(errors::NoRowsForAssignment);
  if (items.size() > 1) raise(errors::TooManyRowsForAssignment);
  return items.front();
}

}  // namespace apex::interp
