// Queries: the SOQL governor limits and single-row assignment around the
// data store's answer (Apex Developer Guide: "Working with SOQL and SOSL
// Query Results", "Execution Governors and Limits").
#include "ast/soql.h"
#include "interp/interp.h"

namespace apex::interp {

Value Interp::runQuery(const soql::Query& query, const QueryBinds& binds) {
  DataStorePort* store = dataStore();
  if (!store) raise(errors::QueryNotAvailable);
  useLimit(Limit::SoqlQueries);
  Value rows = store->query(*this, query, binds);
  useLimit(Limit::QueryRows, rows.tag() == Tag::List ? int64_t(rows.as<ListObj>()->items.size()) : 1);
  return rows;
}

Value Interp::singleRow(const Value& rows) {
  const std::vector<Value>& items = rows.as<ListObj>()->items;
  if (items.empty()) raise(errors::NoRowsForAssignment);
  if (items.size() > 1) raise(errors::TooManyRowsForAssignment);
  return items.front();
}

}  // namespace apex::interp
