// For the record store's unit tests: an org (the standard schema plus two
// custom objects, an interpreter and an in-memory store), records made and
// inserted as the engine will, and bound SOQL queries built by hand as the
// SOQL binder builds them.
#pragma once

#include <catch2/catch.hpp>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ast/soql.h"
#include "base/decimal.h"
#include "interp/interp.h"
#include "runtime/data/sqlite_store.h"
#include "runtime/log/debuglog.h"
#include "sema/program.h"
#include "sema/schema_catalog.h"
#include "stdlib/registry.h"

namespace data_test {

using namespace apex;
using interp::Value;

inline sema::SObjectField makeField(std::string name, sema::FieldType type, std::vector<std::string> referenceTo = {},
                                    std::string relationship = {}, std::string children = {}) {
  sema::SObjectField field;
  field.name = std::move(name);
  field.type = type;
  field.custom = true;
  field.referenceTo = std::move(referenceTo);
  field.relationshipName = std::move(relationship);
  field.childRelationshipName = std::move(children);
  return field;
}

// The standard objects, Invoice__c (an Account's Invoices__r) and Line__c
// (an Invoice__c's Lines__r).
inline sema::Schema dataTestSchema() {
  using sema::FieldType;
  sema::Schema schema = sema::standardSchema();
  sema::SObjectType invoice;
  invoice.name = "Invoice__c";
  invoice.kind = sema::ObjectKind::Custom;
  sema::addSystemFields(invoice);
  invoice.putField(makeField("Name", FieldType::String));
  invoice.putField(makeField("Account__c", FieldType::Reference, {"Account"}, "Account__r", "Invoices__r"));
  invoice.putField(makeField("Total__c", FieldType::Currency));
  invoice.putField(makeField("Count__c", FieldType::Integer));
  invoice.putField(makeField("Paid__c", FieldType::Boolean));
  invoice.putField(makeField("Due__c", FieldType::Date));
  invoice.putField(makeField("Sent__c", FieldType::DateTime));
  invoice.putField(makeField("At__c", FieldType::Time));
  invoice.putField(makeField("Tags__c", FieldType::MultiPicklist));
  invoice.putField(makeField("Scan__c", FieldType::Base64));
  schema.put(std::move(invoice));
  sema::SObjectType line;
  line.name = "Line__c";
  line.kind = sema::ObjectKind::Custom;
  sema::addSystemFields(line);
  line.putField(makeField("Invoice__c", FieldType::Reference, {"Invoice__c"}, "Invoice__r", "Lines__r"));
  line.putField(makeField("Amount__c", FieldType::Double));
  schema.put(std::move(line));
  schema.link();
  return schema;
}

struct Org {
  sema::Schema schema = dataTestSchema();
  sema::Program program{stdlib::standardLibrary()};
  runtime::DebugLog log;
  interp::Interp vm{program, log};
  std::unique_ptr<runtime::SqliteStore> store;

  explicit Org(const std::string& path = ":memory:") : store(std::make_unique<runtime::SqliteStore>(schema, path)) {}

  const sema::SObjectType& object(std::string_view name) const {
    const sema::SObjectType* type = schema.object(name);
    REQUIRE(type);
    return *type;
  }

  Value text(std::string s) { return vm.makeString(std::move(s)); }
  Value decimal(std::string_view s) { return vm.makeDecimal(*Decimal::parse(s)); }

  // A record of `objectName` with these fields (and a new Id), inserted.
  Value insert(std::string_view objectName, std::initializer_list<std::pair<std::string_view, Value>> fields) {
    const sema::SObjectType& type = object(objectName);
    Value record = vm.makeSObject(type);
    auto* obj = record.as<interp::SObjectObj>();
    obj->set(type.field("Id"), vm.makeId(store->newIds(type, 1)[0]));
    for (const auto& [name, value] : fields) {
      const sema::SObjectField* field = type.field(name);
      REQUIRE(field);
      obj->set(field, value);
    }
    interp::SObjectObj* records[] = {obj};
    store->insert(type, records);
    return record;
  }

  Value run(const soql::Query& query, std::vector<Value> byIndex = {}) {
    interp::QueryBinds binds;
    binds.byIndex = &byIndex;
    return store->query(vm, query, binds);
  }
};

inline std::string idOf(const Value& record) {
  const auto* obj = record.as<interp::SObjectObj>();
  return obj->find(obj->type->field("Id"))->as<interp::StringObj>()->text;
}

// The value of field `name` on a record; null when it has none.
inline Value get(const Value& record, std::string_view name) {
  const auto* obj = record.as<interp::SObjectObj>();
  const Value* value = obj->find(obj->type->field(name));
  return value ? *value : Value();
}

inline bool has(const Value& record, std::string_view name) {
  const auto* obj = record.as<interp::SObjectObj>();
  return obj->type->field(name) && obj->find(obj->type->field(name));
}

inline std::string str(const Value& value) {
  return value.isNull() ? "null" : value.as<interp::StringObj>()->text;
}

inline std::string dec(const Value& value) { return value.as<interp::DecimalObj>()->number.toString(); }

inline const std::vector<Value>& rows(const Value& list) { return list.as<interp::ListObj>()->items; }

// The names of the fields a record has, in order.
inline std::vector<std::string> fieldNames(const Value& record) {
  std::vector<std::string> names;
  for (const auto& field : record.as<interp::SObjectObj>()->fields) names.push_back(field.field->name);
  return names;
}

inline Value parentOf(const Value& record, std::string_view referenceField) {
  for (const auto& parent : record.as<interp::SObjectObj>()->parents)
    if (parent.field->name == referenceField) return parent.record;
  FAIL("no parent through " << referenceField);
  return Value();
}

inline Value childrenOf(const Value& record, std::string_view relationship) {
  for (const auto& children : record.as<interp::SObjectObj>()->children)
    if (children.relationship->name == relationship) return children.records;
  FAIL("no children " << relationship);
  return Value();
}

inline Value aggregate(const Value& record, std::string_view alias) {
  for (const auto& [name, value] : record.as<interp::SObjectObj>()->aggregates)
    if (name == alias) return value;
  FAIL("no aggregate " << alias);
  return Value();
}

// ---- bound queries, as the binder makes them

// `dotted` from `object`: each name but the last a parent relationship.
inline soql::FieldPath path(const sema::Schema& schema, const sema::SObjectType& object, std::string_view dotted) {
  soql::FieldPath out;
  const sema::SObjectType* at = &object;
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    std::string name(dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    out.names.push_back(name);
    if (dot == std::string_view::npos) {
      out.boundField = at->field(name);
      out.boundObject = at;
      REQUIRE(out.boundField);
      return out;
    }
    const sema::SObjectField* hop = at->parentRelationship(name);
    REQUIRE(hop);
    out.boundHops.push_back(hop);
    at = schema.object(hop->referenceTo.at(0));
    start = dot + 1;
  }
}

inline soql::Literal lit(soql::Literal::Kind kind, std::string text = {}, int n = 0) {
  soql::Literal literal;
  literal.kind = kind;
  literal.text = std::move(text);
  literal.n = n;
  return literal;
}
inline soql::Literal strLit(std::string text) { return lit(soql::Literal::Kind::String, std::move(text)); }
inline soql::Literal intLit(int n) { return lit(soql::Literal::Kind::Integer, std::to_string(n)); }
inline soql::Literal nullLit() { return lit(soql::Literal::Kind::Null); }
inline soql::Literal bindLit(int index) {
  soql::Literal literal = lit(soql::Literal::Kind::Bind);
  literal.bindIndex = index;
  return literal;
}

inline std::unique_ptr<soql::FunctionCall> call(std::string name, std::vector<soql::FieldPath> fields = {}) {
  auto function = std::make_unique<soql::FunctionCall>();
  function->name = std::move(name);
  for (auto& field : fields) {
    soql::FunctionArg argument;
    argument.field = std::move(field);
    function->args.push_back(std::move(argument));
  }
  return function;
}

class QueryBuilder {
 public:
  QueryBuilder(const sema::Schema& schema, std::string_view object) : schema_(schema) {
    query_.from = std::string(object);
    query_.boundObject = schema.object(object);
    REQUIRE(query_.boundObject);
  }

  QueryBuilder& select(std::initializer_list<std::string_view> fields) {
    for (std::string_view field : fields) {
      soql::SelectItem item;
      item.field = at(field);
      query_.select.push_back(std::move(item));
    }
    return *this;
  }
  QueryBuilder& selectAs(std::string_view field, std::string alias) {
    soql::SelectItem item;
    item.field = at(field);
    item.alias = std::move(alias);
    query_.select.push_back(std::move(item));
    return *this;
  }
  // COUNT(), SUM(Amount), CALENDAR_YEAR(CreatedDate) ...
  QueryBuilder& function(std::string name, std::string_view field = {}, std::string alias = {}) {
    soql::SelectItem item;
    item.kind = soql::SelectItem::Kind::Function;
    item.function = field.empty() ? call(std::move(name)) : call(std::move(name), {at(field)});
    item.alias = std::move(alias);
    query_.select.push_back(std::move(item));
    return *this;
  }
  QueryBuilder& subquery(std::string_view relationship, QueryBuilder child) {
    soql::SelectItem item;
    item.kind = soql::SelectItem::Kind::Subquery;
    item.subquery = std::make_unique<soql::Query>(child.take());
    item.subquery->from = std::string(relationship);
    item.subquery->boundRelationship = query_.boundObject->childRelationship(relationship);
    REQUIRE(item.subquery->boundRelationship);
    query_.select.push_back(std::move(item));
    return *this;
  }
  QueryBuilder& where(std::unique_ptr<soql::Condition> condition) {
    query_.where = std::move(condition);
    return *this;
  }
  QueryBuilder& having(std::unique_ptr<soql::Condition> condition) {
    query_.having = std::move(condition);
    return *this;
  }
  QueryBuilder& groupBy(std::string_view field) {
    soql::Operand operand;
    operand.field = at(field);
    query_.groupBy.push_back(std::move(operand));
    return *this;
  }
  QueryBuilder& orderBy(std::string_view field, bool descending = false,
                        soql::OrderItem::Nulls nulls = soql::OrderItem::Nulls::Default) {
    soql::OrderItem item;
    item.operand.field = at(field);
    item.descending = descending;
    item.nulls = nulls;
    query_.orderBy.push_back(std::move(item));
    return *this;
  }
  QueryBuilder& limit(soql::Literal literal) {
    query_.limit = std::make_unique<soql::Literal>(std::move(literal));
    return *this;
  }
  QueryBuilder& offset(soql::Literal literal) {
    query_.offset = std::make_unique<soql::Literal>(std::move(literal));
    return *this;
  }
  QueryBuilder& allRows() {
    query_.allRows = true;
    return *this;
  }

  // `field op values` on this query's object.
  std::unique_ptr<soql::Condition> is(std::string_view field, soql::CompareOp op, std::vector<soql::Literal> values) {
    auto condition = std::make_unique<soql::Condition>();
    condition->left.field = at(field);
    condition->op = op;
    condition->values = std::move(values);
    return condition;
  }
  // `FUNCTION(field) op values`.
  std::unique_ptr<soql::Condition> fn(std::string name, std::string_view field, soql::CompareOp op,
                                      std::vector<soql::Literal> values) {
    auto condition = std::make_unique<soql::Condition>();
    condition->left.kind = soql::Operand::Kind::Function;
    condition->left.function = call(std::move(name), {at(field)});
    condition->op = op;
    condition->values = std::move(values);
    return condition;
  }
  std::unique_ptr<soql::Condition> in(std::string_view field, QueryBuilder semiJoin, bool negated = false) {
    auto condition = std::make_unique<soql::Condition>();
    condition->left.field = at(field);
    condition->op = negated ? soql::CompareOp::NotIn : soql::CompareOp::In;
    condition->semiJoin = std::make_unique<soql::Query>(semiJoin.take());
    return condition;
  }

  soql::Query take() { return std::move(query_); }

 private:
  soql::FieldPath at(std::string_view field) { return path(schema_, *query_.boundObject, field); }
  const sema::Schema& schema_;
  soql::Query query_;
};

inline std::unique_ptr<soql::Condition> logical(soql::Condition::Kind kind,
                                                std::vector<std::unique_ptr<soql::Condition>> children) {
  auto condition = std::make_unique<soql::Condition>();
  condition->kind = kind;
  condition->children = std::move(children);
  return condition;
}

template <class... C>
std::unique_ptr<soql::Condition> allOf(C... children) {
  std::vector<std::unique_ptr<soql::Condition>> list;
  (list.push_back(std::move(children)), ...);
  return logical(soql::Condition::Kind::And, std::move(list));
}
template <class... C>
std::unique_ptr<soql::Condition> anyOf(C... children) {
  std::vector<std::unique_ptr<soql::Condition>> list;
  (list.push_back(std::move(children)), ...);
  return logical(soql::Condition::Kind::Or, std::move(list));
}
inline std::unique_ptr<soql::Condition> notOf(std::unique_ptr<soql::Condition> child) {
  std::vector<std::unique_ptr<soql::Condition>> list;
  list.push_back(std::move(child));
  return logical(soql::Condition::Kind::Not, std::move(list));
}

}  // namespace data_test
