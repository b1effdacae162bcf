// Resolver, part 6: sObjects: record types, their fields and relationships,
// `new Account(Name = 'x')` (Apex Developer Guide: "Working with sObjects",
// "Accessing sObject Fields", "Accessing sObject Fields Through
// Relationships").
#include "sema/resolver.h"

#include <algorithm>

#include "sema/soql_binder.h"
#include "sema/sosl_binder.h"
#include "syntax/soql_parser.h"

namespace apex::sema {

using namespace apex::ast;

// An sObject type of the org's schema (Account, Invoice__c), or
// AggregateResult; null when `name` is neither.
const Type* Resolver::sobjectTypeNamed(std::string_view name) {
  if (const SObjectType* object = program_.schema->object(name)) return types_.sobjectType(*object);
  const SObjectType& aggregate = aggregateResultType();
  if (text::equalsIgnoreAsciiCase(name, aggregate.name)) return types_.sobjectType(aggregate);
  return nullptr;
}

// The Apex type of a field's values (Number fields are Decimals).
const Type* Resolver::sobjectFieldType(const SObjectField& field) {
  const Type* t = types_.primitiveByName(apexTypeName(field.type));
  return t ? t : types_.object();
}

// The record a reference field reaches: its first object (Owner: User), or
// the generic SObject when the schema has none of them.
const Type* Resolver::parentType(const SObjectField& reference) {
  for (const std::string& name : reference.referenceTo) {
    if (const SObjectType* parent = program_.schema->object(name)) return types_.sobjectType(*parent);
  }
  return types_.sobject();
}

// `record.Name`, `contact.Account`, `account.Contacts`. On the generic
// SObject only Id is reachable by dot notation (sobjectField null: the Id of
// whatever object the record is).
const Type* Resolver::sobjectMember(MemberExpr& e, const Type* target, bool writing) {
  if (!target->sobject) {
    if (!text::equalsIgnoreAsciiCase(e.name, "Id")) fail(e.loc, Diagnostic::GenericSObjectField);
    e.binding.kind = BindingKind::SObjectField;
    return types_.id();
  }
  const SObjectType& object = *target->sobject;
  if (const SObjectField* field = object.field(e.name)) {
    if (writing && !field->writeableInApex())
      fail(e.loc, Diagnostic::FieldNotWriteable, object.name, field->name);
    e.binding.kind = BindingKind::SObjectField;
    e.binding.sobjectField = field;
    return sobjectFieldType(*field);
  }
  if (const SObjectField* reference = object.parentRelationship(e.name)) {
    e.binding.kind = BindingKind::SObjectParent;
    e.binding.sobjectField = reference;
    return parentType(*reference);
  }
  if (const ChildRelationship* children = object.childRelationship(e.name)) {
    e.binding.kind = BindingKind::SObjectChildren;
    e.binding.childRelationship = children;
    const SObjectType* child = program_.schema->object(children->childObject);
    return types_.list(child ? types_.sobjectType(*child) : types_.sobject());
  }
  fail(e.loc, Diagnostic::VariableDoesNotExist, e.name);
}

// new Account(Name = 'Acme', AnnualRevenue = 5): each name a field of the
// object, each value assignable to it; or a parent relationship given its
// record (new Contact(Account = acme)).
const Type* Resolver::newSObject(NewExpr& e, const Type* t) {
  if (!e.args.empty() || !t->sobject) fail(e.loc, Diagnostic::TypeCannotBeConstructed, t->name);
  const SObjectType& object = *t->sobject;
  e.initFields.clear();
  e.initParents.clear();
  for (auto& [name, value] : e.fieldInits) {
    const SObjectField* field = object.field(name);
    e.initParents.push_back(!field && object.parentRelationship(name));
    if (e.initParents.back()) {
      const SObjectField* reference = object.parentRelationship(name);
      expr(value);
      requireAssignable(value, parentType(*reference), value->loc);
      e.initFields.push_back(reference);
      continue;
    }
    if (!field) fail(value->loc, Diagnostic::InvalidSObjectField, name, object.name);
    if (!field->writeableInApex()) fail(value->loc, Diagnostic::FieldNotWriteable, object.name, field->name);
    expr(value);
    requireAssignable(value, sobjectFieldType(*field), value->loc);
    e.initFields.push_back(field);
  }
  return t;
}

// [SELECT ...]: the query's text parsed and bound to the schema; its errors
// are compile errors, placed in the source from the query's own position.
const Type* Resolver::soqlQuery(SoqlExpr& e) {
  for (ExprPtr& b : e.binds) expr(b);
  syntax::SoqlParseResult parsed = syntax::parseSoql(e.text, syntax::SoqlBinds::Inline);
  if (parsed.error) failInQuery(e, parsed.error->pos, parsed.error->message);
  auto query = std::make_shared<soql::Query>(std::move(parsed.query));
  if (auto error = bindSoql(*query, *program_.schema)) failInQuery(e, error->pos, error->message);
  e.query = std::move(query);
  e.logText = soql::logText(e.text);
  return soqlResultType(*e.query);
}

// Database.query('... WHERE Name = :name'): the variables the query may
// bind, as visible at the call (Apex Developer Guide, "Dynamic SOQL": bind
// variables must be in scope where the query runs). Locals innermost first,
// then the fields of the class, its superclasses and outer classes, those
// this code may read.
void Resolver::recordCallerVariables(CallExpr& e) {
  auto scope = std::make_unique<CallerVariables>();
  std::vector<std::string> seen;
  auto add = [&](const std::string& name) {
    std::string folded = foldCase(name);
    if (std::find(seen.begin(), seen.end(), folded) != seen.end()) return;
    seen.push_back(folded);
    auto read = std::make_unique<NameExpr>(e.loc);
    read->name = name;
    read->type = this->name(*read);
    scope->variables.push_back(std::move(read));
  };
  for (auto level = scopes_.rbegin(); level != scopes_.rend(); ++level)
    for (auto local = level->rbegin(); local != level->rend(); ++local) add(local->folded);
  if (!(ctx_.cls->isTopLevelAnonymous && !ctx_.method)) {
    for (const ClassSymbol* outer = ctx_.cls; outer; outer = outer->outer)
      for (const ClassSymbol* c = outer; c; c = c->superclass)
        for (const auto& f : c->ownFields) {
          bool reachable = f->isStatic || (outer == ctx_.cls && !ctx_.isStatic);
          if (reachable && canAccessVariable(*f, false)) add(f->name);
        }
  }
  e.callerVariables = std::move(scope);
}

// Integer for SELECT COUNT(), AggregateResults for an aggregate query, else
// the records of the object queried.
const Type* Resolver::soqlResultType(const soql::Query& query) {
  if (query.isCount()) return types_.integer();
  if (query.isAggregate()) return types_.list(types_.sobjectType(aggregateResultType()));
  return types_.list(types_.sobjectType(*query.boundObject));
}

// A query that stands for its one row: assigned to a record of its object
// (or to the generic SObject).
bool Resolver::takesSoqlRow(const Expr& e, const Type* to) const {
  if (e.kind != ExprKind::Soql || to->kind != TypeKind::SObject || e.type->kind != TypeKind::List) return false;
  return !to->sobject || to == e.type->element;
}

// [FIND ...]: the search's text parsed and each RETURNING object bound to
// the schema; one list of records per object.
const Type* Resolver::soslQuery(SoslExpr& e) {
  for (ExprPtr& b : e.binds) expr(b);
  syntax::SoslParseResult parsed = syntax::parseSosl(e.text, syntax::SoqlBinds::Inline);
  if (parsed.error) failInQuery(e, parsed.error->pos, parsed.error->message);
  auto search = std::make_shared<sosl::Search>(std::move(parsed.search));
  if (auto error = bindSosl(*search, *program_.schema)) failInQuery(e, error->pos, error->message);
  e.search = std::move(search);
  return types_.list(types_.list(types_.sobject()));
}

// `Account a = Database.query(text)`: Apex Developer Guide, "Dynamic SOQL":
// a query with one row may be assigned to a single record.
bool Resolver::takesDynamicQueryRow(const Expr& e, const Type* to) const {
  if (e.kind != ExprKind::Call || to->kind != TypeKind::SObject || e.type->kind != TypeKind::List) return false;
  const NativeMethod* native = e.as<CallExpr>().native;
  return native && native->def->owner == "Database" && native->name == "query";
}

void Resolver::failInQuery(const Expr& e, const soql::Position& pos, const std::string& message) {
  // The query's text starts one character after the `[`.
  int line = e.loc.line + pos.line - 1;
  int column = pos.line == 1 ? e.loc.column + pos.column : pos.column;
  throwCompileError(SourceLoc{line, column}, message);
}

// merge master duplicates: one record of an object that merges, and the
// records (or Ids) to merge into it.
void Resolver::checkMerge(const DmlStmt& s, const Type* master) {
  if (master->kind != TypeKind::SObject || !master->sobject)
    fail(s.target->loc, Diagnostic::MergeNeedsOneRecord, master->name);
  if (!mergeable(*master->sobject)) fail(s.loc, Diagnostic::MergeNotAllowed, master->sobject->name);
  const Type* others = s.secondary->type;
  const Type* each = others->kind == TypeKind::List ? others->element : others;
  if (each->kind != TypeKind::SObject && each->kind != TypeKind::Id)
    fail(s.secondary->loc, Diagnostic::MergeDuplicates, others->name);
}

// The properties of a built-in class: the instance constants of its table
// (`describe.fields`), and the getters of the Database methods' results,
// read as properties too (`saveResult.id`, `error.message`,
// `saveResult.success`), as they are the SOAP API's result objects.
const NativeMethod* Resolver::resultGetter(const Type* target, const std::string& name) const {
  if (target->kind != TypeKind::Class || !target->cls->isBuiltin) return nullptr;
  const std::vector<NativeMethod*>* natives = program_.nativesOf(target->cls->name);
  if (!natives) return nullptr;
  std::string folded = foldCase(name);
  bool soapResult = target->cls->qualifiedName.starts_with("Database.");
  for (const NativeMethod* n : *natives) {
    if (n->isStatic) continue;
    if (n->isConstant && n->name == folded) return n;
    if (soapResult && n->params.empty() && (n->name == "get" + folded || n->name == "is" + folded)) return n;
  }
  return nullptr;
}

// insert/update/upsert/delete/undelete/merge: a record or a list of them;
// an upsert knows its object (to match on an external Id field).
void Resolver::dmlStmt(DmlStmt& s) {
  const Type* t = expr(s.target);
  if (s.secondary) expr(s.secondary);
  const Type* record = t->kind == TypeKind::List ? t->element : t;
  if (record->kind != TypeKind::SObject) fail(s.target->loc, Diagnostic::DmlNeedsSObjects, t->name);
  if (s.op == DmlOp::Merge) checkMerge(s, t);
  if (s.op != DmlOp::Upsert) return;
  if (!record->sobject) fail(s.loc, Diagnostic::GenericUpsert);
  if (s.externalIdField.empty()) return;
  const SObjectField* field = record->sobject->field(s.externalIdField);
  bool byId = field && text::equalsIgnoreAsciiCase(field->name, "Id");
  if (!byId && !(field && field->externalId)) fail(s.loc, Diagnostic::InvalidUpsertField, s.externalIdField);
  s.externalId = byId ? nullptr : field;
}

}  // namespace apex::sema
