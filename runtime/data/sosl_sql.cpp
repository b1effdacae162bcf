#include "runtime/data/sosl_sql.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "base/record_id.h"
#include "base/text.h"
#include "interp/interp.h"
#include "runtime/data/field_values.h"

namespace apex::runtime {

using interp::Value;
using sema::FieldType;
using sema::SObjectField;
using sema::SObjectType;

namespace {

constexpr std::array<std::string_view, 4> kPersonNameFields{"Name", "FirstName", "LastName", "MiddleName"};

bool isPersonNameField(const SObjectField& field) {
  return std::any_of(kPersonNameFields.begin(), kPersonNameFields.end(),
                     [&](std::string_view name) { return text::equalsIgnoreAsciiCase(field.name, name); });
}

// The fields that name a record: Name and the parts of a person's name, or,
// on an object without them (Case, Task), its auto-number and Subject.
bool isNameField(const SObjectType& type, const SObjectField& field) {
  bool named = std::any_of(type.fields().begin(), type.fields().end(),
                           [](const SObjectField& f) { return isPersonNameField(f) && sema::isTextType(f.type); });
  if (named) return isPersonNameField(field);
  return field.autoNumber || text::equalsIgnoreAsciiCase(field.name, "Subject");
}

bool inScope(const SObjectType& type, const SObjectField& field, sosl::Scope scope) {
  switch (scope) {
    case sosl::Scope::All: return true;
    case sosl::Scope::Name: return isNameField(type, field);
    case sosl::Scope::Email: return field.type == FieldType::Email;
    case sosl::Scope::Phone: return field.type == FieldType::Phone;
    case sosl::Scope::Sidebar:
      return isNameField(type, field) || field.type == FieldType::Email || field.type == FieldType::Phone;
  }
  return false;
}

// `RETURNING Account` for an object of a search without RETURNING: its Ids.
soql::Query idQuery(const SObjectType& type) {
  soql::Query query;
  query.from = type.name;
  query.boundObject = &type;
  soql::SelectItem id;
  id.field.names = {"Id"};
  id.field.boundField = type.field("Id");
  id.field.boundObject = &type;
  query.select.push_back(std::move(id));
  return query;
}

std::vector<std::string> eighteenCharacterIds(const std::vector<std::string>* ids) {
  std::vector<std::string> out;
  if (ids)
    for (const std::string& id : *ids) out.push_back(toEighteen(id));
  return out;
}

}  // namespace

std::vector<const SObjectField*> searchedFields(const SObjectType& type, sosl::Scope scope) {
  std::vector<const SObjectField*> fields;
  for (const SObjectField& field : type.fields()) {
    bool text = sema::isTextType(field.type) && field.type != FieldType::AnyType && hasColumn(field.type);
    if (text && inScope(type, field, scope)) fields.push_back(&field);
  }
  return fields;
}

std::vector<size_t> shareRows(const std::vector<size_t>& found, size_t limit, bool ownLimits) {
  std::vector<size_t> given(found.size(), 0);
  size_t left = limit;
  if (ownLimits) {
    for (size_t i = 0; i < found.size(); ++i) {
      given[i] = std::min(found[i], left);
      left -= given[i];
    }
    return given;
  }
  for (;;) {
    std::vector<size_t> open;
    for (size_t i = 0; i < found.size(); ++i)
      if (given[i] < found[i]) open.push_back(i);
    if (open.empty() || left == 0) return given;
    size_t share = left / open.size();
    if (share == 0) {  // fewer rows left than objects: one each, in order
      for (size_t k = 0; k < left; ++k) ++given[open[k]];
      return given;
    }
    for (size_t i : open) {
      size_t more = std::min(found[i] - given[i], share);
      given[i] += more;
      left -= more;
    }
  }
}

Value runSearch(interp::Interp& vm, const sosl::Search& search, const interp::SearchMatch& match,
                const interp::QueryBinds& binds, const QueryContext& context, SqlExecutor& executor,
                std::span<const SObjectType* const> everyObject) {
  std::vector<soql::Query> implicit;
  if (search.returning.empty())
    for (const SObjectType* type : everyObject) implicit.push_back(idQuery(*type));
  const std::vector<soql::Query>& objects = search.returning.empty() ? implicit : search.returning;
  try {
    int64_t limit = std::clamp<int64_t>(countOf(search.limit.get(), binds).value_or(kMaxSearchRows), 0, kMaxSearchRows);
    std::vector<std::string> ids = eighteenCharacterIds(match.fixedIds);
    std::vector<Value> lists;
    std::vector<size_t> found;
    bool ownLimits = false;
    for (const soql::Query& object : objects) {
      SearchFilter filter{match.term, searchedFields(*object.boundObject, search.scope), ids, limit};
      lists.push_back(runQuery(vm, object, binds, context, executor, &filter));
      found.push_back(lists.back().as<interp::ListObj>()->items.size());
      ownLimits = ownLimits || object.limit;
    }
    std::vector<size_t> kept = shareRows(found, size_t(limit), ownLimits);
    std::vector<Value> results;
    for (size_t i = 0; i < lists.size(); ++i) {
      if (search.returning.empty() && kept[i] == 0) continue;
      auto* list = lists[i].as<interp::ListObj>();
      std::vector<Value> rows(list->items.begin(), list->items.begin() + long(kept[i]));
      results.push_back(vm.makeList(list->type, std::move(rows)));
    }
    sema::TypeTable& types = vm.types();
    return vm.makeList(types.list(types.list(types.sobject())), std::move(results));
  } catch (const QueryError& error) {
    raiseQueryError(vm, error);
  }
}

}  // namespace apex::runtime
