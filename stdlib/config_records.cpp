#include "stdlib/config_records.h"

#include <memory>

#include "ast/soql.h"
#include "base/text.h"
#include "interp/value_kinds.h"
#include "sema/soql_binder.h"
#include "stdlib/native.h"
#include "syntax/soql_parser.h"

namespace apex::stdlib {

namespace {

// SELECT every field with a column (compound Address and Location fields
// are read through their components) FROM the object.
std::string selectEveryField(const sema::SObjectType& object) {
  std::vector<std::string> names;
  for (const sema::SObjectField& field : object.fields())
    if (field.type != sema::FieldType::Address && field.type != sema::FieldType::Location) names.push_back(field.name);
  return "SELECT " + text::join(names, ", ") + " FROM " + object.name;
}

}  // namespace

const sema::SObjectType& configObject(const Value& typeArgument) {
  return *typeArgument.as<interp::TypeRefObj>()->type->sobject;
}

std::vector<Value> configRecords(Interp& vm, const sema::SObjectType& object) {
  interp::DataStorePort* store = vm.dataStore();
  if (!store) vm.raise(interp::errors::QueryNotAvailable);
  syntax::SoqlParseResult parsed = syntax::parseSoql(selectEveryField(object), syntax::SoqlBinds::Dynamic);
  soql::Query query = std::move(parsed.query);
  if (parsed.error || sema::bindSoql(query, vm.schema()))
    vm.raise(interp::errors::DynamicQueryError, "cannot read the records of " + object.name);
  Value rows = store->query(vm, query, interp::QueryBinds{});
  return rows.as<interp::ListObj>()->items;
}

Value fieldOf(const Value& record, std::string_view field) {
  const auto* o = record.as<interp::SObjectObj>();
  const Value* value = o->find(o->type->field(field));
  return value ? *value : Value();
}

Value recordsByField(Interp& vm, const sema::SObjectType& object, const std::vector<Value>& records,
                     std::string_view keyField) {
  const sema::Type* recordType = vm.types().sobjectType(object);
  Value map = vm.makeMap(vm.types().map(vm.types().string(), recordType));
  auto& table = mapOf(map)->table;
  for (const Value& record : records) table.put(fieldOf(record, keyField), record);
  vm.resized(map.asObj(), tableBytes(table.size(), true));
  return map;
}

}  // namespace apex::stdlib
