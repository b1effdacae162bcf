#include "runtime/data/rest_query.h"

#include <array>
#include <limits>

#include "ast/soql.h"
#include "base/temporal.h"
#include "base/text.h"
#include "interp/formula_eval.h"
#include "interp/interp.h"
#include "interp/object.h"
#include "sema/diagnostics.h"
#include "sema/schema.h"
#include "sema/soql_binder.h"
#include "syntax/soql_parser.h"

namespace apex::runtime {

namespace {

using Json = nlohmann::ordered_json;
using interp::SObjectObj;
using interp::Tag;
using interp::Value;

// ---------------------------------------------------------------- errors

// The REST API's code for each kind of binder message, by the catalog
// entry's text up to its first argument.
std::string errorCodeOf(const std::string& message) {
  using sema::Diagnostic;
  struct Coded {
    Diagnostic diagnostic;
    const char* code;
  };
  static constexpr std::array<Coded, 6> kCodes{{
      {Diagnostic::SoqlNoSuchObject, "INVALID_TYPE"},
      {Diagnostic::SoqlNoSuchColumn, "INVALID_FIELD"},
      {Diagnostic::SoqlNoSuchRelationship, "INVALID_FIELD"},
      {Diagnostic::SoqlNoSuchChildRelationship, "INVALID_TYPE"},
      {Diagnostic::SoqlInvalidOperator, "INVALID_QUERY_FILTER_OPERATOR"},
      {Diagnostic::SoqlFilterValueType, "INVALID_QUERY_FILTER_OPERATOR"},
  }};
  for (const Coded& coded : kCodes) {
    std::string_view format = sema::diagnosticFormat(coded.diagnostic);
    if (message.rfind(format.substr(0, format.find("{}")), 0) == 0) return coded.code;
  }
  return "MALFORMED_QUERY";
}

// `\n<the query's line>\n<caret under the column>\nERROR at Row:r:Column:c\n<message>`.
RestQueryError positioned(std::string_view soql, const soql::Position& pos, const std::string& message) {
  if (pos.line <= 0) return {errorCodeOf(message), message};
  std::vector<std::string> lines = text::split(soql, '\n');
  std::string line = size_t(pos.line) <= lines.size() ? lines[size_t(pos.line - 1)] : "";
  std::string caret = std::string(size_t(std::max(pos.column - 1, 0)), ' ') + "^";
  return {errorCodeOf(message), "\n" + line + "\n" + caret + "\nERROR at Row:" + std::to_string(pos.line) +
                                    ":Column:" + std::to_string(pos.column) + "\n" + message};
}

// ---------------------------------------------------------------- columns

// A field path with the API's names: Account.Owner.Name.
std::string pathName(const soql::FieldPath& path) {
  std::string name;
  for (const sema::SObjectField* hop : path.boundHops) name += hop->relationshipName + ".";
  return name + (path.boundField ? path.boundField->name : path.names.back());
}

std::string functionText(const soql::FunctionCall& call) {
  std::vector<std::string> arguments;
  for (const soql::FunctionArg& argument : call.args) {
    switch (argument.kind) {
      case soql::FunctionArg::Kind::Field: arguments.push_back(pathName(argument.field)); break;
      case soql::FunctionArg::Kind::Literal: arguments.push_back(argument.literal.text); break;
      case soql::FunctionArg::Kind::Function: arguments.push_back(functionText(*argument.function)); break;
    }
  }
  return call.name + "(" + text::join(arguments, ", ") + ")";
}

// TYPEOF's fields, each once: those of every WHEN, then of ELSE.
std::vector<std::string> typeOfFieldNames(const soql::TypeOf& typeOf) {
  std::vector<std::string> names;
  auto add = [&](const soql::FieldPath& field) {
    std::string name = field.boundField ? field.boundField->name : field.names.back();
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const soql::TypeOf::When& when : typeOf.whens)
    for (const soql::FieldPath& field : when.fields) add(field);
  for (const soql::FieldPath& field : typeOf.elseFields) add(field);
  return names;
}

QueryColumn column(QueryColumn::Kind kind, std::string name, std::string alias = {},
                   std::vector<QueryColumn> fields = {}) {
  return {kind, std::move(name), std::move(alias), std::move(fields)};
}

std::vector<QueryColumn> columnsOf(const soql::Query& query) {
  using Kind = QueryColumn::Kind;
  bool aggregate = query.isAggregate();
  std::vector<QueryColumn> columns;
  for (const soql::SelectItem& item : query.select) {
    switch (item.kind) {
      case soql::SelectItem::Kind::Field:
        // An AggregateResult keeps a grouped field under its own name (or alias).
        if (aggregate)
          columns.push_back(column(Kind::Field, item.alias.empty() ? item.field.boundField->name : item.alias));
        else
          columns.push_back(column(Kind::Field, pathName(item.field)));
        break;
      case soql::SelectItem::Kind::Function:
        if (aggregate) {
          std::string name = item.alias.empty() ? functionText(*item.function) : item.alias;
          columns.push_back(column(Kind::Function, name, item.alias));
        } else {
          // toLabel(Status), FORMAT(Amount): the field, holding what the function made of it.
          columns.push_back(column(Kind::Field, pathName(item.function->args.at(0).field)));
        }
        break;
      case soql::SelectItem::Kind::Subquery:
        columns.push_back(
            column(Kind::Subquery, item.subquery->boundRelationship->name, "", columnsOf(*item.subquery)));
        break;
      case soql::SelectItem::Kind::TypeOf: {
        std::string relationship = item.typeOf->relationship.boundField->relationshipName;
        for (const std::string& name : typeOfFieldNames(*item.typeOf))
          columns.push_back(column(Kind::Field, relationship + "." + name));
        break;
      }
      case soql::SelectItem::Kind::Fields: break;  // the binder replaced FIELDS() by its fields
    }
  }
  return columns;
}

// ---------------------------------------------------------------- records

// A number as the API writes it: whole numbers without a fraction.
Json numberJson(double value) {
  if (value == std::floor(value) && std::abs(value) < 9.0e15) return int64_t(value);
  return value;
}

Json decimalJson(const Decimal& number) {
  int64_t whole = number.toInt64Truncated();
  if (number.compare(Decimal::fromInt64(whole)) == 0) return whole;
  return number.toDouble();
}

class RecordWriter {
 public:
  explicit RecordWriter(std::string apiUrl) : apiUrl_(std::move(apiUrl)) {}

  Json record(const Value& value, const soql::Query& query) {
    const auto* record = value.as<SObjectObj>();
    if (query.isAggregate()) {
      Json out = {{"attributes", {{"type", "AggregateResult"}}}};
      for (const auto& [name, v] : record->aggregates) out[name] = fieldJson(v, *record, nullptr);
      return out;
    }
    Json out = {{"attributes", attributes(*record, record->type->name)}};
    for (const soql::SelectItem& item : query.select) {
      switch (item.kind) {
        case soql::SelectItem::Kind::Field: putPath(out, *record, item.field); break;
        case soql::SelectItem::Kind::Function: putPath(out, *record, item.function->args.at(0).field); break;
        case soql::SelectItem::Kind::Subquery: putChildren(out, *record, *item.subquery); break;
        case soql::SelectItem::Kind::TypeOf: putTypeOf(out, *record, *item.typeOf); break;
        case soql::SelectItem::Kind::Fields: break;
      }
    }
    return out;
  }

 private:
  std::string url(const SObjectObj& record) const {
    return apiUrl_ + "/sobjects/" + record.type->name + "/" + record.idText();
  }

  // A polymorphic relationship's parent is of type `Name` (its URL names
  // the object it is).
  Json attributes(const SObjectObj& record, const std::string& type) const {
    return {{"type", type}, {"url", url(record)}};
  }

  static const SObjectObj* parentOf(const SObjectObj& record, const sema::SObjectField* reference) {
    for (const SObjectObj::Parent& parent : record.parents)
      if (parent.field == reference) return parent.record.isNull() ? nullptr : parent.record.as<SObjectObj>();
    return nullptr;
  }

  // Account.Owner.Name: {"Account": {"attributes": ..., "Owner": {..., "Name": "x"}}}, or null where a parent is.
  void putPath(Json& out, const SObjectObj& record, const soql::FieldPath& path) {
    Json* at = &out;
    const SObjectObj* from = &record;
    for (const sema::SObjectField* hop : path.boundHops) {
      const SObjectObj* parent = parentOf(*from, hop);
      Json& slot = (*at)[hop->relationshipName];
      if (!parent) return;  // stays (or becomes) null
      if (slot.is_null())
        slot = {{"attributes", attributes(*parent, hop->polymorphic() ? "Name" : parent->type->name)}};
      at = &slot;
      from = parent;
    }
    (*at)[path.boundField->name] = fieldJson(from->find(path.boundField), *from, path.boundField);
  }

  void putChildren(Json& out, const SObjectObj& record, const soql::Query& subquery) {
    Json& slot = out[subquery.boundRelationship->name];
    for (const SObjectObj::Children& children : record.children) {
      if (children.relationship != subquery.boundRelationship) continue;
      const std::vector<Value>& items = children.records.as<interp::ListObj>()->items;
      if (items.empty()) return;
      Json records = Json::array();
      for (const Value& child : items) records.push_back(this->record(child, subquery));
      slot = {{"totalSize", items.size()}, {"done", true}, {"records", std::move(records)}};
    }
  }

  void putTypeOf(Json& out, const SObjectObj& record, const soql::TypeOf& typeOf) {
    const sema::SObjectField* reference = typeOf.relationship.boundField;
    const SObjectObj* parent = parentOf(record, reference);
    Json& slot = out[reference->relationshipName];
    if (!parent) return;
    slot = {{"attributes", attributes(*parent, parent->type->name)}};
    const std::vector<soql::FieldPath>* fields = &typeOf.elseFields;
    for (const soql::TypeOf::When& when : typeOf.whens)
      if (when.boundObject == parent->type) fields = &when.fields;
    for (const soql::FieldPath& field : *fields)
      if (field.boundField)
        slot[field.boundField->name] = fieldJson(parent->find(field.boundField), *parent, field.boundField);
  }

  // A field's value as the API writes it (a base64 field as the URL of its bytes).
  Json fieldJson(const Value* value, const SObjectObj& record, const sema::SObjectField* field) const {
    return value ? fieldJson(*value, record, field) : Json();
  }

  Json fieldJson(const Value& v, const SObjectObj& record, const sema::SObjectField* field) const {
    switch (v.tag()) {
      case Tag::Boolean: return v.asBool();
      case Tag::Integer: return v.asInt();
      case Tag::Long: return v.asLong();
      case Tag::Double: return numberJson(v.asDouble());
      case Tag::Decimal: return decimalJson(v.as<interp::DecimalObj>()->number);
      case Tag::String:
      case Tag::Id: return v.as<interp::StringObj>()->text;
      case Tag::Date: return Date::fromDaysSinceEpoch(v.asDate()).toApexString();
      case Tag::Datetime: {
        Datetime instant = Datetime::fromEpochMillis(v.asDatetime());
        std::string time = instant.timeGmt().toDebugString();  // 10:20:30.000Z
        return instant.dateGmt().toApexString() + "T" + time.substr(0, time.size() - 1) + "+0000";
      }
      case Tag::Time: return Time::fromMillisOfDay(v.asTime()).toDebugString();
      case Tag::Blob: return field ? Json(url(record) + "/" + field->name) : Json();
      default: return Json();
    }
  }

  std::string apiUrl_;
};

}  // namespace

std::variant<RestQueryResult, RestQueryError> runRestQuery(interp::Interp& vm, std::string_view soql, bool allRows,
                                                           const std::string& apiUrl) {
  syntax::SoqlParseResult parsed = syntax::parseSoql(soql, syntax::SoqlBinds::Dynamic);
  if (parsed.error) return positioned(soql, parsed.error->pos, parsed.error->message);
  soql::Query& query = parsed.query;
  if (auto problem = sema::bindSoql(query, vm.schema())) return positioned(soql, problem->pos, problem->message);
  query.allRows = query.allRows || allRows;
  RestQueryResult out;
  try {
    interp::refuseFormulaFilters(vm, query);
    Value rows = vm.dataStore()->query(vm, query, interp::QueryBinds{});
    interp::computeFormulaFields(vm, rows);
    if (rows.tag() != Tag::List) {
      out.totalSize = rows.asInt();  // SELECT COUNT()
      return out;
    }
    RecordWriter writer(apiUrl);
    for (const Value& row : rows.as<interp::ListObj>()->items) out.records.push_back(writer.record(row, query));
  } catch (const interp::ApexThrow& thrown) {
    return RestQueryError{"", vm.describeException(thrown.exception)};
  }
  out.totalSize = int64_t(out.records.size());
  // sf asks for the column metadata only when there are records.
  if (out.totalSize > 0) out.columns = columnsOf(query);
  return out;
}

}  // namespace apex::runtime
