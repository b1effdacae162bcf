// The SOQL binder (soql_binder.h). Rules from the SOQL and SOSL Reference:
// "Relationship Queries" (parent paths, child sub-queries, polymorphic
// keys), "GROUP BY", "Considerations for GROUP BY", "fieldExpression
// Syntax" (which fields filter), "Comparison Operators" (INCLUDES and
// EXCLUDES for multi-select picklists).
#include "sema/soql_binder.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "sema/diagnostics.h"

namespace apex::sema {

using namespace apex::soql;

namespace {

// A parent path follows at most this many relationships (Contact.Account.
// Owner.Manager.Manager.Name).
constexpr size_t kMaxRelationshipLevels = 5;

struct Failure {
  SoqlBindError error;
};

// The text types LIKE compares (not multi-select picklists nor encrypted text).
bool acceptsLike(FieldType type) {
  switch (type) {
    case FieldType::String: case FieldType::TextArea: case FieldType::Email: case FieldType::Phone:
    case FieldType::Url: case FieldType::Picklist: case FieldType::Combobox:
      return true;
    default:
      return false;
  }
}

bool isNumberType(FieldType type) {
  switch (type) {
    case FieldType::Integer: case FieldType::Long: case FieldType::Double: case FieldType::Currency:
    case FieldType::Percent:
      return true;
    default:
      return false;
  }
}

// A text area longer than a Text field's 255 characters: a long text area.
bool isLongText(const SObjectField& field) { return field.type == FieldType::TextArea && field.length > 255; }

// "It can be any field except a long text area field, encrypted data field,
// or base64-encoded field"; compound address and location fields filter
// only through their parts (or DISTANCE).
bool filterable(const SObjectField& field) {
  switch (field.type) {
    case FieldType::Base64: case FieldType::EncryptedString: case FieldType::Address: case FieldType::Location:
      return false;
    default:
      return !isLongText(field);
  }
}

bool sortable(const SObjectField& field) { return filterable(field) && field.type != FieldType::MultiPicklist; }

// describe's `groupable`: numbers other than integers, datetimes and the
// types that cannot be filtered do not group.
bool groupable(const SObjectField& field) {
  switch (field.type) {
    case FieldType::Double: case FieldType::Currency: case FieldType::Percent: case FieldType::DateTime:
    case FieldType::Time: case FieldType::MultiPicklist: case FieldType::AnyType:
      return false;
    default:
      return filterable(field);
  }
}

// The field a function's first argument names, if it names one.
const FieldPath* argumentField(const FunctionCall& call) {
  if (call.args.empty() || call.args[0].kind != FunctionArg::Kind::Field) return nullptr;
  return &call.args[0].field;
}

// A grouping key: a field path, or a function over one, folded.
std::string keyOf(const FieldPath& path) { return text::foldCase(path.text()); }
std::string keyOf(const FunctionCall& call) {
  const FieldPath* field = argumentField(call);
  return text::foldCase(call.name) + "(" + (field ? keyOf(*field) : std::string()) + ")";
}
std::string keyOf(const Operand& op) { return op.kind == Operand::Kind::Field ? keyOf(op.field) : keyOf(*op.function); }

class Binder {
 public:
  explicit Binder(const Schema& schema) : schema_(schema) {}

  void bindRoot(Query& q) {
    q.boundObject = schema_.object(q.from);
    if (!q.boundObject) fail(q.fromPos, Diagnostic::SoqlNoSuchObject, q.from);
    bindBody(q);
  }

 private:
  template <class... Args>
  [[noreturn]] void fail(Position pos, CheckedDiagnostic<sizeof...(Args)> d, const Args&... args) {
    throw Failure{{diagnosticText(d, args...), pos}};
  }

  // ---- queries

  void bindBody(Query& q) {
    expandFields(q);
    checkCountAlone(q);
    for (SelectItem& item : q.select) bindSelectItem(item, *q.boundObject);
    if (q.where) bindCondition(*q.where, *q.boundObject);
    for (Operand& op : q.groupBy) bindGroupOperand(op, *q.boundObject);
    if (q.having) bindCondition(*q.having, *q.boundObject);
    for (OrderItem& item : q.orderBy) bindOrderOperand(item.operand, *q.boundObject);
    if (q.isAggregate()) checkAggregate(q);
  }

  // A child sub-query: FROM names one of the parent's child relationships
  // (Contacts), or Parent.Contacts.
  void bindChild(Query& q, const SObjectType& parent) {
    std::string_view name = q.from;
    if (size_t dot = name.find('.'); dot != std::string_view::npos) {
      if (!text::equalsIgnoreAsciiCase(name.substr(0, dot), parent.name))
        fail(q.fromPos, Diagnostic::SoqlNoSuchChildRelationship, q.from);
      name = name.substr(dot + 1);
    }
    q.boundRelationship = parent.childRelationship(name);
    if (q.boundRelationship) q.boundObject = schema_.object(q.boundRelationship->childObject);
    if (!q.boundObject) fail(q.fromPos, Diagnostic::SoqlNoSuchChildRelationship, std::string(name));
    bindBody(q);
  }

  // FIELDS(ALL | STANDARD | CUSTOM) becomes the fields of the set, in the
  // object's order.
  void expandFields(Query& q) {
    std::vector<SelectItem> expanded;
    for (SelectItem& item : q.select) {
      if (item.kind != SelectItem::Kind::Fields) {
        expanded.push_back(std::move(item));
        continue;
      }
      for (const SObjectField& field : q.boundObject->fields()) {
        if (item.fieldsSet == SelectItem::FieldsSet::Standard && field.custom) continue;
        if (item.fieldsSet == SelectItem::FieldsSet::Custom && !field.custom) continue;
        SelectItem one;
        one.field.names = {field.name};
        one.field.pos = q.fromPos;
        expanded.push_back(std::move(one));
      }
    }
    q.select = std::move(expanded);
  }

  void checkCountAlone(const Query& q) {
    if (q.select.size() < 2) return;
    for (const SelectItem& item : q.select) {
      if (item.kind == SelectItem::Kind::Function && item.function->name == "COUNT" && item.function->args.empty())
        fail(item.function->pos, Diagnostic::SoqlCountNotAlone);
    }
  }

  // ---- select items

  void bindSelectItem(SelectItem& item, const SObjectType& object) {
    switch (item.kind) {
      case SelectItem::Kind::Field: bindPath(item.field, object); break;
      case SelectItem::Kind::Function: bindFunction(*item.function, object); break;
      case SelectItem::Kind::Subquery: bindChild(*item.subquery, object); break;
      case SelectItem::Kind::TypeOf: bindTypeOf(*item.typeOf, object); break;
      case SelectItem::Kind::Fields: break;  // expanded before
    }
  }

  void bindFunction(FunctionCall& call, const SObjectType& object) {
    for (FunctionArg& arg : call.args) {
      if (arg.kind == FunctionArg::Kind::Field) bindPath(arg.field, object);
      if (arg.function) bindFunction(*arg.function, object);
    }
    const FieldPath* field = argumentField(call);
    bool needsNumber = call.name == "SUM" || call.name == "AVG";
    if (field && needsNumber && !isNumberType(field->boundField->type))
      fail(call.pos, Diagnostic::SoqlAggregateNotSupported, field->text(), call.name);
  }

  // TYPEOF What WHEN Account THEN ...: the relationship binds to its
  // reference field (boundField WhatId on the queried object), each WHEN's
  // fields to its object, ELSE's to the first object referred to.
  void bindTypeOf(TypeOf& typeOf, const SObjectType& object) {
    FieldPath& rel = typeOf.relationship;
    const SObjectField* reference = rel.names.size() == 1 ? object.parentRelationship(rel.names[0]) : nullptr;
    if (!reference) fail(rel.pos, Diagnostic::SoqlNoSuchRelationship, rel.text());
    rel.boundField = reference;
    rel.boundObject = &object;
    for (TypeOf::When& when : typeOf.whens) bindWhen(when, rel, *reference);
    const SObjectType* other = firstReferenced(*reference);
    for (FieldPath& path : typeOf.elseFields) {
      if (!other) fail(path.pos, Diagnostic::SoqlNoSuchRelationship, rel.text());
      bindPath(path, *other);
    }
  }

  void bindWhen(TypeOf::When& when, const FieldPath& rel, const SObjectField& reference) {
    when.boundObject = schema_.object(when.objectName);
    if (!when.boundObject) fail(when.pos, Diagnostic::SoqlNoSuchObject, when.objectName);
    bool referenced = std::any_of(reference.referenceTo.begin(), reference.referenceTo.end(),
                                  [&](const std::string& name) { return text::equalsIgnoreAsciiCase(name, when.objectName); });
    if (!referenced) fail(when.pos, Diagnostic::SoqlTypeOfObjectNotReferenced, rel.text(), when.objectName);
    for (FieldPath& path : when.fields) bindPath(path, *when.boundObject);
  }

  const SObjectType* firstReferenced(const SObjectField& reference) const {
    for (const std::string& name : reference.referenceTo) {
      if (const SObjectType* type = schema_.object(name)) return type;
    }
    return nullptr;
  }

  // ---- field paths

  // Account.Owner.Name on Contact: Account and Owner are parent
  // relationships (AccountId, OwnerId), Name a field of User. A leading
  // name of the queried object itself (Contact.LastName) is dropped.
  void bindPath(FieldPath& path, const SObjectType& object) {
    if (path.names.size() > 1 && text::equalsIgnoreAsciiCase(path.names[0], object.name) &&
        !object.parentRelationship(path.names[0]))
      path.names.erase(path.names.begin());
    if (path.names.size() - 1 > kMaxRelationshipLevels)
      fail(path.pos, Diagnostic::SoqlTooManyRelationshipLevels, path.text());
    const SObjectType* current = &object;
    bool polymorphic = false;
    for (size_t i = 0; i + 1 < path.names.size(); ++i) {
      const SObjectField* reference = current->parentRelationship(path.names[i]);
      if (!reference) fail(path.pos, Diagnostic::SoqlNoSuchRelationship, path.names[i]);
      path.boundHops.push_back(reference);
      polymorphic = reference->polymorphic();
      current = parentHaving(*reference, path.names[i + 1], i + 2 == path.names.size());
      if (!current) fail(path.pos, Diagnostic::SoqlNoSuchRelationship, path.names[i]);
    }
    path.boundField = current->field(path.names.back());
    // A polymorphic key's parent is the Name entity to Salesforce.
    if (!path.boundField)
      fail(path.pos, Diagnostic::SoqlNoSuchColumn, path.names.back(), polymorphic ? std::string("Name") : current->name);
    path.boundObject = current;
  }

  // The object a reference leads to: for a polymorphic one (What, Who,
  // Owner) the first object referred to that has `next` (a field when it is
  // the path's last name, else a relationship).
  const SObjectType* parentHaving(const SObjectField& reference, const std::string& next, bool nextIsField) const {
    for (const std::string& name : reference.referenceTo) {
      const SObjectType* type = schema_.object(name);
      if (type && (nextIsField ? type->field(next) != nullptr : type->parentRelationship(next) != nullptr))
        return type;
    }
    return firstReferenced(reference);
  }

  // ---- conditions, GROUP BY, ORDER BY

  void bindCondition(Condition& c, const SObjectType& object) {
    for (auto& child : c.children) bindCondition(*child, object);
    if (c.kind != Condition::Kind::Compare) return;
    bindOperand(c.left, object);
    if (c.semiJoin) bindRoot(*c.semiJoin);
    if (c.left.kind != Operand::Kind::Field) return;
    const SObjectField& field = *c.left.field.boundField;
    if (!filterable(field)) fail(c.left.field.pos, Diagnostic::SoqlCannotFilter, c.left.field.text());
    checkOperator(c, field);
    for (const Literal& value : c.values) checkValueType(c.left.field, value);
  }

  // Multi-select picklists take =, !=, INCLUDES and EXCLUDES; INCLUDES and
  // EXCLUDES take nothing else; LIKE takes text.
  void checkOperator(const Condition& c, const SObjectField& field) {
    bool multi = field.type == FieldType::MultiPicklist;
    bool ok = true;
    if (multi) {
      ok = c.op == CompareOp::Eq || c.op == CompareOp::Ne || c.op == CompareOp::Includes || c.op == CompareOp::Excludes;
    } else if (c.op == CompareOp::Includes || c.op == CompareOp::Excludes) {
      ok = false;
    } else if (c.op == CompareOp::Like) {
      ok = acceptsLike(field.type);
    }
    if (!ok) fail(c.opPos, Diagnostic::SoqlInvalidOperator, describeName(field.type));
  }

  // A quoted value for a date, datetime, boolean or number field.
  void checkValueType(const FieldPath& path, const Literal& value) {
    FieldType type = path.boundField->type;
    bool quotedNonText = value.kind == Literal::Kind::String &&
                         (type == FieldType::Date || type == FieldType::DateTime || type == FieldType::Boolean ||
                          isNumberType(type));
    if (quotedNonText) fail(value.pos, Diagnostic::SoqlFilterValueType, path.text(), describeName(type));
  }

  void bindOperand(Operand& op, const SObjectType& object) {
    if (op.kind == Operand::Kind::Field) {
      bindPath(op.field, object);
    } else {
      bindFunction(*op.function, object);
    }
  }

  void bindGroupOperand(Operand& op, const SObjectType& object) {
    bindOperand(op, object);
    if (op.kind == Operand::Kind::Field && !groupable(*op.field.boundField))
      fail(op.field.pos, Diagnostic::SoqlCannotGroup, op.field.text());
  }

  void bindOrderOperand(Operand& op, const SObjectType& object) {
    bindOperand(op, object);
    if (op.kind == Operand::Kind::Field && !sortable(*op.field.boundField))
      fail(op.field.pos, Diagnostic::SoqlCannotSort, op.field.text());
  }

  // ---- aggregate queries

  // Each selected, ordered or HAVING field is grouped or inside an
  // aggregate function; an aggregate's field is not grouped.
  void checkAggregate(const Query& q) {
    std::vector<std::string> grouped;
    for (const Operand& op : q.groupBy) grouped.push_back(keyOf(op));
    auto isGrouped = [&](const std::string& key) { return std::find(grouped.begin(), grouped.end(), key) != grouped.end(); };
    for (const SelectItem& item : q.select) {
      if (item.kind == SelectItem::Kind::Field && !isGrouped(keyOf(item.field)))
        fail(item.field.pos, Diagnostic::SoqlFieldNotGrouped, item.field.text());
      if (item.kind == SelectItem::Kind::Function) checkAggregateFunction(*item.function, isGrouped);
    }
    for (const OrderItem& item : q.orderBy) {
      const Operand& op = item.operand;
      bool aggregated = op.kind == Operand::Kind::Function && op.function->isAggregate();
      if (!aggregated && !isGrouped(keyOf(op))) fail(positionOf(op), Diagnostic::SoqlOrderNotGrouped, textOf(op));
    }
    if (q.having) checkHaving(*q.having, isGrouped);
  }

  template <class IsGrouped>
  void checkAggregateFunction(const FunctionCall& call, const IsGrouped& isGrouped) {
    const FieldPath* field = argumentField(call);
    if (call.isAggregate()) {
      if (field && isGrouped(keyOf(*field))) fail(field->pos, Diagnostic::SoqlGroupedFieldAggregated, field->text());
    } else if (!isGrouped(keyOf(call)) && field && !isGrouped(keyOf(*field))) {
      fail(field->pos, Diagnostic::SoqlFieldNotGrouped, field->text());
    }
  }

  template <class IsGrouped>
  void checkHaving(const Condition& c, const IsGrouped& isGrouped) {
    for (const auto& child : c.children) checkHaving(*child, isGrouped);
    if (c.kind != Condition::Kind::Compare) return;
    bool aggregated = c.left.kind == Operand::Kind::Function && c.left.function->isAggregate();
    if (!aggregated && !isGrouped(keyOf(c.left)))
      fail(positionOf(c.left), Diagnostic::SoqlFieldNotGrouped, textOf(c.left));
  }

  static Position positionOf(const Operand& op) {
    return op.kind == Operand::Kind::Field ? op.field.pos : op.function->pos;
  }
  static std::string textOf(const Operand& op) {
    if (op.kind == Operand::Kind::Field) return op.field.text();
    const FieldPath* field = argumentField(*op.function);
    return field ? field->text() : op.function->name;
  }

  const Schema& schema_;
};

// ---- Apex types

std::string functionTypeName(const FunctionCall& call) {
  const FunctionKind* kind = functionKind(call.name);
  const FieldPath* field = argumentField(call);
  if (!kind) return "Object";
  switch (*kind) {
    case FunctionKind::Aggregate:
      if (call.name == "COUNT" || call.name == "COUNT_DISTINCT") return "Integer";
      if (call.name == "SUM" || call.name == "AVG") return "Decimal";
      return field && field->boundField ? std::string(apexTypeName(field->boundField->type)) : "Object";
    case FunctionKind::DatePart:
    case FunctionKind::Grouping: return "Integer";
    case FunctionKind::DayOnly: return "Date";
    case FunctionKind::TimeZone: return "Datetime";
    case FunctionKind::Label: return "String";
    case FunctionKind::Currency: return "Decimal";
    case FunctionKind::Distance: return "Double";
    case FunctionKind::Geolocation: return "Location";
  }
  return "Object";
}

}  // namespace

std::optional<SoqlBindError> bindSoql(Query& query, const Schema& schema) {
  try {
    Binder(schema).bindRoot(query);
  } catch (Failure& failure) {
    return std::move(failure.error);
  }
  return std::nullopt;
}

std::string soqlResultTypeName(const Query& query) {
  if (query.isCount()) return "Integer";
  if (query.isAggregate()) return "List<AggregateResult>";
  return "List<" + (query.boundObject ? query.boundObject->name : std::string("SObject")) + ">";
}

std::string soqlSelectItemTypeName(const SelectItem& item) {
  switch (item.kind) {
    case SelectItem::Kind::Field:
      return item.field.boundField ? std::string(apexTypeName(item.field.boundField->type)) : "Object";
    case SelectItem::Kind::Function: return functionTypeName(*item.function);
    case SelectItem::Kind::Subquery: return soqlResultTypeName(*item.subquery);
    case SelectItem::Kind::TypeOf: return "SObject";
    case SelectItem::Kind::Fields: return "Object";
  }
  return "Object";
}

}  // namespace apex::sema
