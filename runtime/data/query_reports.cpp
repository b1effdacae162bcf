#include "runtime/data/query_reports.h"

#include <charconv>
#include <cmath>
#include <utility>

#include "base/text.h"
#include "runtime/data/sf_table.h"

namespace apex::runtime {

namespace {

using Json = nlohmann::ordered_json;
using Entries = std::vector<std::pair<std::string, Json>>;

// ---------------------------------------------------------------- shared

// An aggregate's key in the rows sf prints: its alias, else its name.
std::string aliasOrName(const QueryColumn& column) {
  return column.kind == QueryColumn::Kind::Function && !column.alias.empty() ? column.alias : column.name;
}

std::vector<const QueryColumn*> aggregatesOf(const std::vector<QueryColumn>& columns) {
  std::vector<const QueryColumn*> aggregates;
  for (const QueryColumn& column : columns)
    if (column.kind == QueryColumn::Kind::Function) aggregates.push_back(&column);
  return aggregates;
}

// The n of the first `expr<n>` in `key`, as sf finds it (/expr(\d+)/).
std::optional<size_t> exprIndex(const std::string& key) {
  for (size_t at = key.find("expr"); at != std::string::npos; at = key.find("expr", at + 1)) {
    size_t end = key.find_first_not_of("0123456789", at + 4);
    if (end == at + 4) continue;
    return size_t(std::stoull(key.substr(at + 4, end == std::string::npos ? std::string::npos : end - at - 4)));
  }
  return std::nullopt;
}

// An AggregateResult's expr0, expr1, ... under the names of the aggregates
// they are, in the order of the select list.
Json renameAggregates(const Json& row, const std::vector<const QueryColumn*>& aggregates) {
  if (aggregates.empty()) return row;
  Json out = Json::object();
  for (const auto& [key, value] : row.items()) {
    std::optional<size_t> index = exprIndex(key);
    out[index && *index < aggregates.size() ? aliasOrName(*aggregates[*index]) : key] = value;
  }
  return out;
}

// The value at a dotted path (Account.Name, Contacts.records.0.Name), as
// sf's `get` finds it; null when there is none.
const Json* valueAt(const Json& root, const std::string& path) {
  const Json* at = &root;
  for (const std::string& step : text::split(path, '.')) {
    if (at->is_object()) {
      auto found = at->find(step);
      if (found == at->end()) return nullptr;
      at = &*found;
    } else if (at->is_array() && !step.empty() && step.find_first_not_of("0123456789") == std::string::npos &&
               std::stoull(step) < at->size()) {
      at = &(*at)[std::stoull(step)];
    } else {
      return nullptr;
    }
  }
  return at;
}

// A JSON value as JavaScript's String() writes it.
std::string stringOf(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string: return value.get<std::string>();
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer: return std::to_string(value.get<int64_t>());
    case Json::value_t::number_unsigned: return std::to_string(value.get<uint64_t>());
    case Json::value_t::number_float: return javascriptNumberText(value.get<double>());
    case Json::value_t::null: return "null";
    case Json::value_t::array: {
      std::vector<std::string> items;
      for (const Json& item : value) items.push_back(item.is_null() ? "" : stringOf(item));
      return text::join(items, ",");
    }
    default: return "[object Object]";
  }
}

Json withoutAttributes(const Json& record) {
  Json out = Json::object();
  for (const auto& [key, value] : record.items())
    if (key != "attributes") out[key] = value;
  return out;
}

// ---------------------------------------------------------------- human

// Nested records flattened to dotted keys (Owner.Name), nulls as `null`.
void flattenInto(Entries& out, const std::string& key, const Json& value) {
  if (value.is_object()) {
    for (const auto& [inner, innerValue] : value.items())
      if (inner != "attributes") flattenInto(out, key + "." + inner, innerValue);
    return;
  }
  out.emplace_back(key, value.is_null() ? Json("null") : value);
}

Json objectOf(const Entries& entries) {
  Json out = Json::object();
  for (const auto& [key, value] : entries) out[key] = value;
  return out;
}

// sf's rows of a record with child sub-queries: the record, with each
// sub-query's first child under `Contacts.Name` keys, then a row for each
// further child (sub-query after sub-query).
std::vector<Json> subqueryRows(const Json& row, const std::vector<std::string>& children) {
  if (children.empty()) return {row};
  Entries parent;
  for (const auto& [key, value] : row.items())
    if (std::find(children.begin(), children.end(), key) == children.end()) parent.emplace_back(key, value);
  std::vector<Json> further;
  for (const std::string& child : children) {
    const Json* list = valueAt(row, child + ".records");
    if (!list || !list->is_array()) continue;
    for (size_t i = 0; i < list->size(); ++i) {
      Entries entries;
      Json fields = withoutAttributes((*list)[i]);
      for (const auto& [key, value] : fields.items()) flattenInto(entries, child + "." + key, value);
      if (i == 0)
        parent.insert(parent.end(), entries.begin(), entries.end());
      else if (!entries.empty())
        further.push_back(objectOf(entries));
    }
  }
  std::vector<Json> rows{objectOf(parent)};
  rows.insert(rows.end(), further.begin(), further.end());
  return rows;
}

// A field whose value is an object (a compound field) shows as its JSON.
Json objectsAsJson(const Json& row, const std::vector<QueryColumn>& columns) {
  Json out = Json::object();
  for (const auto& item : row.items()) {
    const std::string& key = item.key();
    bool field = std::any_of(columns.begin(), columns.end(),
                             [&](const QueryColumn& c) { return c.name == key && c.kind == QueryColumn::Kind::Field; });
    out[key] = item.value().is_object() && field ? Json(item.value().dump(2)) : item.value();
  }
  return out;
}

// Every null, at any depth of nested records, as the text `null`.
Json nullsAsText(const Json& value) {
  if (value.is_null()) return "null";
  if (!value.is_object()) return value;
  Json out = Json::object();
  for (const auto& [key, inner] : value.items()) out[key] = nullsAsText(inner);
  return out;
}

std::string cellOf(const Json& row, const std::string& name) {
  auto own = row.find(name);
  const Json* value = own != row.end() ? &*own : valueAt(row, name);
  return value && !value->is_null() ? stringOf(*value) : "";
}

// ---------------------------------------------------------------- csv

// The most children a record has in the sub-query `name` (its totalSize).
int64_t mostChildren(const std::vector<Json>& rows, const std::string& name) {
  int64_t most = 0;
  for (const Json& row : rows) {
    const Json* size = valueAt(row, name + ".totalSize");
    if (size && size->is_number()) most = std::max(most, size->get<int64_t>());
  }
  return most;
}

// With children to show, a sub-query's columns repeat `totalSize` before
// each child's fields, as sf writes them.
std::vector<std::string> csvColumnNames(const std::vector<Json>& rows, const std::vector<QueryColumn>& columns) {
  std::vector<std::pair<const QueryColumn*, int64_t>> counts;
  bool anyChildren = false;
  for (const QueryColumn& column : columns) {
    int64_t most = column.kind == QueryColumn::Kind::Subquery ? mostChildren(rows, column.name) : 0;
    counts.emplace_back(&column, most);
    anyChildren = anyChildren || most > 0;
  }
  std::vector<std::string> names;
  for (const auto& [column, most] : counts) {
    if (!anyChildren) {
      names.push_back(column->name);
    } else if (column->kind != QueryColumn::Kind::Subquery) {
      names.push_back(aliasOrName(*column));
    } else {
      for (int64_t i = 0; i < most; ++i) {
        names.push_back(column->name + ".totalSize");
        for (const QueryColumn& field : column->fields)
          names.push_back(column->name + ".records." + std::to_string(i) + "." + field.name);
      }
    }
  }
  return names;
}

std::string csvCell(const Json& row, const std::string& name) {
  const Json* value = valueAt(row, name);
  if (!value) {
    auto own = row.find(name);
    value = own == row.end() ? nullptr : &*own;
  }
  if (!value || value->is_null()) return "";
  if (value->is_string()) return csvEscape(value->get<std::string>());
  if (value->is_object() || value->is_array()) return csvEscape(value->dump());
  return stringOf(*value);
}

}  // namespace

std::string humanQueryReport(const RestQueryResult& result) {
  std::vector<std::string> names, children;
  for (const QueryColumn& column : result.columns) {
    if (column.kind != QueryColumn::Kind::Subquery) {
      names.push_back(aliasOrName(column));
      continue;
    }
    children.push_back(column.name);
    for (const QueryColumn& field : column.fields) names.push_back(column.name + "." + field.name);
  }
  std::vector<const QueryColumn*> aggregates = aggregatesOf(result.columns);
  std::vector<std::vector<std::string>> rows;
  for (const Json& record : result.records) {
    Json row = renameAggregates(withoutAttributes(record), aggregates);
    for (const Json& shown : subqueryRows(row, children)) {
      Json prepared = nullsAsText(objectsAsJson(shown, result.columns));
      std::vector<std::string> cells;
      for (const std::string& name : names) cells.push_back(cellOf(prepared, name));
      rows.push_back(std::move(cells));
    }
  }
  std::vector<std::string> headings;
  for (const std::string& name : names) headings.push_back(text::toUpperCase(name));
  size_t total = result.records.empty() ? size_t(result.totalSize) : result.records.size();
  // plugin-data, soql.query: displayQueryRecordsRetrieved.
  return sfTable("", headings, rows) + "Total number of records retrieved: " + std::to_string(total) + ".\n";
}

std::string csvQueryReport(const RestQueryResult& result) {
  std::vector<const QueryColumn*> aggregates = aggregatesOf(result.columns);
  std::vector<Json> rows;
  for (const Json& record : result.records) rows.push_back(renameAggregates(record, aggregates));
  std::vector<std::string> names = csvColumnNames(rows, result.columns);
  std::vector<std::string> header;
  for (const std::string& name : names) header.push_back(csvEscape(name));
  std::string out = text::join(header, ",") + "\n";
  for (const Json& row : rows) {
    std::vector<std::string> cells;
    for (const std::string& name : names) cells.push_back(csvCell(row, name));
    out += text::join(cells, ",") + "\n";
  }
  return out;
}

nlohmann::ordered_json queryResultJson(const RestQueryResult& result) {
  return {{"records", result.records}, {"totalSize", result.totalSize}, {"done", true}};
}

std::string csvEscape(const std::string& value) {
  if (value.find_first_of(",\"\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string javascriptNumberText(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return "0";
  std::string sign = value < 0 ? "-" : "";
  char buffer[64];
  // The shortest digits that read back as the same double: what JavaScript prints.
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, std::abs(value), std::chars_format::scientific);
  std::string scientific(buffer, end);
  size_t e = scientific.find('e');
  std::string digits;
  for (char c : scientific.substr(0, e))
    if (c != '.') digits += c;
  int k = int(digits.size());
  int n = std::stoi(scientific.substr(e + 1)) + 1;  // where the point goes, after the n-th digit
  // ECMAScript, Number::toString: plain digits between 1e-7 and 1e21.
  if (k <= n && n <= 21) return sign + digits + std::string(size_t(n - k), '0');
  if (0 < n && n <= 21) return sign + digits.substr(0, size_t(n)) + "." + digits.substr(size_t(n));
  if (-6 < n && n <= 0) return sign + "0." + std::string(size_t(-n), '0') + digits;
  std::string out = sign + digits.substr(0, 1) + (k > 1 ? "." + digits.substr(1) : "");
  return out + "e" + (n - 1 >= 0 ? "+" : "-") + std::to_string(std::abs(n - 1));
}

}  // namespace apex::runtime
