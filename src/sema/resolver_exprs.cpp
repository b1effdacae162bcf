// Resolver, part 3: expressions — names, members, calls, operators.
#include <algorithm>
#include <climits>
#include <utility>

#include "sema/not_supported.h"
#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

namespace {

bool isIntegral(const Type* t) { return t->kind == TypeKind::Integer || t->kind == TypeKind::Long; }

bool isTemporal(const Type* t) {
  return t->kind == TypeKind::Date || t->kind == TypeKind::Datetime || t->kind == TypeKind::Time;
}

bool isStringLike(const Type* t) { return t->kind == TypeKind::String || t->kind == TypeKind::Id; }

bool isDynamic(const Type* t) { return t->kind == TypeKind::Dynamic; }

// `new List<T>(n)` is `new T[n]`, a list of n nulls: Salesforce's parser
// reads both to the same tree.
bool isSizedList(const NewExpr& e, const Type* t) {
  return t->kind == TypeKind::List && e.args.size() == 1 && e.args[0]->type->kind == TypeKind::Integer;
}

ExprPtr sizedList(ExprPtr size, const SourceLoc& loc) {
  auto sized = std::make_unique<NewArrayExpr>(loc);
  sized->size = std::move(size);
  return sized;
}

// Fills `parts` with the names of the dotted chain `target.last`
// (`a.b.c`: a, b, c) and returns its first name; null when the chain does
// not start with a name (`foo().b`).
const NameExpr* dottedNames(const Expr& target, const std::string& last, std::vector<std::string>& parts) {
  parts.assign(1, last);
  const Expr* cur = &target;
  while (cur->kind == ExprKind::Member) {
    parts.insert(parts.begin(), cur->as<MemberExpr>().name);
    cur = cur->as<MemberExpr>().target.get();
  }
  if (cur->kind != ExprKind::Name) return nullptr;
  const NameExpr& head = cur->as<NameExpr>();
  parts.insert(parts.begin(), head.name);
  return &head;
}

}  // namespace

const Type* Resolver::expr(ExprPtr& e) {
  if (e->kind == ExprKind::Member) customLabelAsCall(e);
  const Type* t = nullptr;
  switch (e->kind) {
    case ExprKind::Literal: t = literal(e->as<LiteralExpr>()); break;
    case ExprKind::Name: t = name(e->as<NameExpr>()); break;
    case ExprKind::Member: t = member(e->as<MemberExpr>()); break;
    case ExprKind::Call: t = call(e->as<CallExpr>()); break;
    case ExprKind::Index: {
      auto& ix = e->as<IndexExpr>();
      const Type* target = expr(ix.target);
      if (target->kind != TypeKind::List && !isDynamic(target))
        fail(ix.loc, Diagnostic::ExpressionNotList, target->name);
      const Type* index = expr(ix.index);
      if (index->kind != TypeKind::Integer && !isDynamic(index))
        fail(ix.index->loc, Diagnostic::IllegalAssignment, index->name, types_.integer()->name);
      t = isDynamic(target) ? types_.dynamic() : target->element;
      break;
    }
    case ExprKind::New:
      t = newObject(e->as<NewExpr>());
      if (isSizedList(e->as<NewExpr>(), t)) e = sizedList(std::move(e->as<NewExpr>().args[0]), e->loc);
      break;
    case ExprKind::NewCollection: t = newCollection(e->as<NewCollectionExpr>()); break;
    case ExprKind::NewArray: {
      auto& na = e->as<NewArrayExpr>();
      const Type* element = resolveType(na.elementType);
      const Type* size = expr(na.size);
      if (size->kind != TypeKind::Integer) fail(na.size->loc, Diagnostic::IllegalAssignment, size->name, types_.integer()->name);
      t = types_.list(element);
      break;
    }
    case ExprKind::Unary:
      t = unary(e->as<UnaryExpr>());
      // `'a' + + 'b'` compiles on Salesforce: a unary plus leaves a String as it is.
      if (e->as<UnaryExpr>().op == UnaryOp::Plus && isStringLike(t)) e = std::move(e->as<UnaryExpr>().operand);
      break;
    case ExprKind::IncDec: t = incDec(e->as<IncDecExpr>()); break;
    case ExprKind::Binary: t = binary(e->as<BinaryExpr>()); break;
    case ExprKind::Logical: t = logical(e->as<LogicalExpr>()); break;
    case ExprKind::Assign: t = assign(e->as<AssignExpr>()); break;
    case ExprKind::Conditional: t = conditional(e->as<ConditionalExpr>()); break;
    case ExprKind::InstanceOf: {
      auto& io = e->as<InstanceOfExpr>();
      const Type* operand = expr(io.operand);
      io.testedType = resolveType(io.typeName);
      bool knownType = operand->kind != TypeKind::Object && operand->kind != TypeKind::Dynamic &&
                       operand->kind != TypeKind::Null;
      if (knownType && assignable(io.testedType, operand))
        fail(io.loc, Diagnostic::InstanceofAlwaysTrue, operand->name, io.testedType->name);
      t = types_.boolean();
      break;
    }
    case ExprKind::Cast: t = cast(e->as<CastExpr>()); break;
    case ExprKind::This:
      if (ctx_.isStatic || ctx_.cls->isTopLevelAnonymous) fail(e->loc, Diagnostic::ThisInStaticContext);
      t = ctx_.cls->type;
      break;
    case ExprKind::Super:
      if (ctx_.isStatic || !ctx_.cls->superclass) fail(e->loc, Diagnostic::SuperInStaticContext);
      t = ctx_.cls->superclass->type;
      break;
    case ExprKind::ClassLiteral: {
      auto& cl = e->as<ClassLiteralExpr>();
      cl.denoted = cl.isVoid ? types_.voidType() : resolveType(cl.typeName);
      const ClassSymbol* typeClass = program_.findClass("Type");
      t = typeClass ? typeClass->type : types_.object();
      break;
    }
    case ExprKind::Soql: t = soqlQuery(e->as<SoqlExpr>()); break;
    case ExprKind::Sosl: t = soslQuery(e->as<SoslExpr>()); break;
  }
  e->type = t;
  return t;
}

const Type* Resolver::condition(ExprPtr& e) {
  const Type* t = expr(e);
  if (t->kind != TypeKind::Boolean && !isDynamic(t))
    fail(e->loc, Diagnostic::ExpressionNotBoolean, t->name);
  return t;
}

const Type* Resolver::literal(LiteralExpr& e) {
  bool pooled = e.literal == LiteralKind::String || e.literal == LiteralKind::Decimal;
  if (pooled && e.constant < 0) e.constant = program_.constantCount++;
  switch (e.literal) {
    case LiteralKind::Null: return types_.nullType();
    case LiteralKind::Boolean: return types_.boolean();
    case LiteralKind::Integer: return types_.integer();
    case LiteralKind::Long: return types_.longType();
    case LiteralKind::Decimal: return types_.decimal();
    case LiteralKind::Double: return types_.doubleType();
    case LiteralKind::String: return types_.string();
  }
  return types_.object();
}

// Fields visible by simple name: the class and its superclasses, then the
// statics of enclosing classes. The statements of an anonymous block see
// its top-level variables only as locals, after their declaration.
const FieldSymbol* Resolver::findField(const ClassSymbol* cls, const std::string& folded) const {
  if (cls->isTopLevelAnonymous && cls == ctx_.cls && !ctx_.method) return nullptr;
  for (const ClassSymbol* scope = cls; scope; scope = scope->outer) {
    for (const ClassSymbol* c = scope; c; c = c->superclass) {
      for (const auto& f : c->ownFields) {
        if (foldCase(f->name) == folded && (scope == cls || f->isStatic)) return f.get();
      }
    }
  }
  return nullptr;
}

void Resolver::checkFieldAccess(const FieldSymbol& field, bool staticContext, const SourceLoc& loc) {
  if (!field.isStatic && staticContext)
    fail(loc, Diagnostic::NonStaticField, field.name);
}

const Type* Resolver::name(NameExpr& e) {
  bool writeOnly = std::exchange(assignTarget_, false);
  std::string folded = foldCase(e.name);
  if (const Local* local = findLocal(folded)) {
    e.binding.kind = local->isStatic ? BindingKind::StaticField : BindingKind::Local;
    e.binding.slot = local->slot;
    e.binding.isFinal = local->isFinal;
    return local->type;
  }
  if (const FieldSymbol* field = findField(ctx_.cls, folded)) {
    checkFieldAccess(*field, ctx_.isStatic, e.loc);
    checkVariableAccess(*field, writeOnly, e.loc);
    // Inside its own accessors a property's name means its storage.
    bool storage = !field->isProperty || field == ctx_.accessorOf || (!field->getter && !field->setter);
    e.binding.kind = storage ? (field->isStatic ? BindingKind::StaticField : BindingKind::InstanceField)
                             : BindingKind::Property;
    e.binding.slot = field->slot;
    e.binding.field = field;
    e.binding.owner = field->owner;
    return field->type;
  }
  fail(e.loc, Diagnostic::VariableDoesNotExist, e.name);
}

const Type* Resolver::denotedType(Expr& e) {
  if (e.kind == ExprKind::Name) {
    auto& n = e.as<NameExpr>();
    std::string folded = foldCase(n.name);
    if (findLocal(folded) || findField(ctx_.cls, folded)) return nullptr;
    const Type* t = typeByName({n.name}, n.loc, true);
    if (t) {
      n.binding.kind = BindingKind::Type;
      n.binding.denotedType = t;
      n.type = t;
    }
    return t;
  }
  if (e.kind != ExprKind::Member) return nullptr;
  auto& m = e.as<MemberExpr>();
  std::vector<std::string> parts;
  const NameExpr* first = dottedNames(*m.target, m.name, parts);
  if (!first) return nullptr;
  std::string head = foldCase(first->name);
  if (findLocal(head) || findField(ctx_.cls, head)) return nullptr;
  const ClassSymbol* cls = classByName(parts, m.loc);
  if (cls && fieldShadowsInnerClass(parts, m.loc)) return nullptr;
  if (cls) checkTypeAccess(*cls, m.loc);
  const Type* t = cls ? cls->type : nullptr;
  if (!t && parts.size() == 2 && foldCase(parts[0]) == "system") t = types_.primitiveByName(parts[1]);
  if (!t && parts.size() == 2 && foldCase(parts[0]) == "schema") t = sobjectTypeNamed(parts[1]);
  if (t) {
    m.binding.kind = BindingKind::Type;
    m.binding.denotedType = t;
    m.type = t;
  }
  return t;
}

void Resolver::rejectNotSupported(const Expr& target, const std::string& name, const SourceLoc& loc) {
  std::vector<std::string> parts;
  const NameExpr* first = dottedNames(target, name, parts);
  if (!first) return;
  const std::string& head = first->name;
  if (findLocal(foldCase(head)) || findField(ctx_.cls, foldCase(head)) || typeByName({head}, loc, true)) return;
  if (auto feature = notSupportedYet(parts)) fail(loc, Diagnostic::NotSupportedYet, *feature);
}

// `Outer.Name` where Outer has both a static field and an inner class called
// Name is the field (Salesforce resolves a variable before a type).
bool Resolver::fieldShadowsInnerClass(const std::vector<std::string>& parts, const SourceLoc& loc) {
  std::vector<std::string> outer(parts.begin(), parts.end() - 1);
  const ClassSymbol* owner = classByName(outer, loc);
  return owner && findField(owner, foldCase(parts.back()));
}

const Type* Resolver::member(MemberExpr& e) {
  bool writeOnly = std::exchange(assignTarget_, false);
  if (const Type* owner = denotedType(*e.target)) {
    std::string folded = foldCase(e.name);
    if (owner->kind == TypeKind::Class) {
      const ClassSymbol* cls = owner->cls;
      if (cls->kind == ClassKind::Enum) {
        for (size_t i = 0; i < cls->enumConstants.size(); ++i) {
          if (foldCase(cls->enumConstants[i]) == folded) {
            e.binding.kind = BindingKind::EnumConstant;
            e.binding.slot = int(i);
            e.binding.owner = cls;
            return owner;
          }
        }
      }
      if (cls->isBuiltin) {
        if (const auto* natives = program_.nativesOf(cls->name)) {
          for (const NativeMethod* n : *natives) {
            if (n->isConstant && n->isStatic && n->name == folded) {
              e.binding.kind = BindingKind::NativeProperty;
              e.binding.native = n;
              return cls->qualifiedName == "System.Trigger" ? triggerVariableType(*n) : n->returnType;
            }
          }
        }
      }
      if (const FieldSymbol* field = findField(cls, folded)) {
        checkFieldAccess(*field, true, e.loc);
        checkVariableAccess(*field, writeOnly, e.loc);
        bool storage = !field->getter && !field->setter;
        e.binding.kind = storage ? BindingKind::StaticField : BindingKind::Property;
        e.binding.slot = field->slot;
        e.binding.field = field;
        e.binding.owner = field->owner;
        return field->type;
      }
    }
    if (const Type* t = schemaMemberOfType(e, owner)) return t;
    fail(e.loc, Diagnostic::VariableDoesNotExist, e.name);
  }
  rejectNotSupported(*e.target, e.name, e.loc);
  const Type* target = expr(e.target);
  if (const Type* t = schemaMemberOfEntry(e)) return t;
  // [SELECT Name FROM Account LIMIT 1].Name: the query's one row.
  if (takesSoqlRow(*e.target, types_.sobject())) {
    e.target->as<SoqlExpr>().singleRow = true;
    target = e.target->type = target->element;
  }
  std::string folded = foldCase(e.name);
  if (target->kind == TypeKind::Class) {
    for (const ClassSymbol* c = target->cls; c; c = c->superclass) {
      for (const auto& f : c->ownFields) {
        if (foldCase(f->name) != folded) continue;
        checkVariableAccess(*f, writeOnly, e.loc);
        bool storage = (!f->getter && !f->setter) || f.get() == ctx_.accessorOf;
        e.binding.kind = f->isStatic ? (storage ? BindingKind::StaticField : BindingKind::Property)
                                     : (storage ? BindingKind::InstanceField : BindingKind::Property);
        e.binding.slot = f->slot;
        e.binding.field = f.get();
        e.binding.owner = f->owner;
        return f->type;
      }
    }
  }
  if (target->kind == TypeKind::SObject) return sobjectMember(e, target, writeOnly);
  if (const NativeMethod* getter = resultGetter(target, e.name)) {
    if (writeOnly) fail(e.loc, Diagnostic::VariableDoesNotExist, e.name);
    e.binding.kind = BindingKind::NativeProperty;
    e.binding.native = getter;
    return getter->returnType;
  }
  if (isDynamic(target)) {
    e.binding.kind = BindingKind::NativeProperty;
    return types_.dynamic();
  }
  fail(e.loc, Diagnostic::VariableDoesNotExist, e.name);
}

std::vector<const Type*> Resolver::argumentTypes(std::vector<ExprPtr>& args) {
  std::vector<const Type*> out;
  out.reserve(args.size());
  for (ExprPtr& a : args) out.push_back(expr(a));
  return out;
}

void Resolver::convertArguments(std::vector<ExprPtr>& args, const std::vector<const Type*>& params,
                                const Type* receiver) {
  for (size_t i = 0; i < args.size() && i < params.size(); ++i) coerce(args[i], substitute(params[i], receiver));
}

namespace {

// How far an argument is from a parameter: 0 exact, larger is worse.
int conversionCost(const Type* param, const Type* arg) {
  if (param == arg) return 0;
  if (arg->kind == TypeKind::Null) return 1;
  if (param->isNumeric() && arg->isNumeric()) return 2 + int(param->kind) - int(arg->kind);
  if (param->kind == TypeKind::Object || param->kind == TypeKind::TypeParam) return 20;
  // A Date converts to a Datetime, but an overload for Object keeps it a Date.
  if (param->kind == TypeKind::Datetime && arg->kind == TypeKind::Date) return 30;
  // A List<SObject> for a list of one object: any other overload first.
  bool genericRecords = arg->kind == TypeKind::List && arg->element->kind == TypeKind::SObject && !arg->element->sobject;
  if (param->kind == TypeKind::List && param->element->kind == TypeKind::SObject && param->element->sobject && genericRecords)
    return 40;
  return 10;
}

}  // namespace

namespace {

// The class, its superclasses and interfaces, each once.
std::vector<const ClassSymbol*> classChain(const ClassSymbol* cls) {
  std::vector<const ClassSymbol*> chain;
  std::vector<const ClassSymbol*> work{cls};
  while (!work.empty()) {
    const ClassSymbol* c = work.back();
    work.pop_back();
    if (!c || std::find(chain.begin(), chain.end(), c) != chain.end()) continue;
    chain.push_back(c);
    work.push_back(c->superclass);
    for (const ClassSymbol* i : c->interfaces) work.push_back(i);
  }
  return chain;
}

}  // namespace

// Whether `t` has a method `folded` (any parameters), static or not.
bool Resolver::hasMethodNamed(const Type* t, const std::string& folded, bool wantStatic) const {
  if (t->kind == TypeKind::Class && !t->cls->isBuiltin) {
    for (const ClassSymbol* c : classChain(t->cls))
      for (const auto& m : c->ownMethods)
        if (m->decl && !m->isConstructor && m->isStatic == wantStatic && foldCase(m->name) == folded) return true;
  }
  std::vector<std::string> owners;
  if (wantStatic && t->kind == TypeKind::Class) owners.push_back(foldCase(t->cls->name));
  else owners = nativeOwners(t);
  for (const std::string& owner : owners) {
    const auto* natives = program_.nativesOf(owner);
    if (!natives) continue;
    for (const NativeMethod* n : *natives)
      if (!n->isConstant && n->isStatic == wantStatic && n->name == folded) return true;
  }
  return false;
}

// `Test.isRunningTest()` where a variable or field named `Test` is in scope
// (fflib's domain classes have a static property `Test`): when the
// variable's type has no method of that name and the type the name also
// denotes has a static one, the call is the static one, as an org compiles
// it. The name then stands for the type.
const Type* Resolver::typeBehindVariable(CallExpr& e) {
  if (e.target->kind != ExprKind::Name) return nullptr;
  auto& n = e.target->as<NameExpr>();
  std::string folded = foldCase(n.name), method = foldCase(e.name);
  const Type* variable = nullptr;
  if (const Local* local = findLocal(folded)) variable = local->type;
  else if (const FieldSymbol* field = findField(ctx_.cls, folded)) variable = field->type;
  if (!variable || hasMethodNamed(variable, method, false)) return nullptr;
  const Type* t = typeByName({n.name}, n.loc, true);
  if (!t || !hasMethodNamed(t, method, true)) return nullptr;
  n.binding.kind = BindingKind::Type;
  n.binding.denotedType = t;
  n.type = t;
  return t;
}

const MethodSymbol* Resolver::pickUserMethod(const ClassSymbol* cls, const std::string& folded,
                                             const std::vector<const Type*>& args, bool wantStatic,
                                             bool* foundStaticMismatch) {
  const MethodSymbol* best = nullptr;
  int bestCost = INT_MAX;
  for (const ClassSymbol* c : classChain(cls)) {
    for (const auto& m : c->ownMethods) {
      if (!m->decl || m->isConstructor || foldCase(m->name) != folded || m->params.size() != args.size()) continue;
      int cost = 0;
      bool ok = true;
      for (size_t i = 0; i < args.size() && ok; ++i) {
        ok = takesRecords(m->params[i], args[i]);
        cost += conversionCost(m->params[i], args[i]);
      }
      if (!ok) continue;
      if (wantStatic && !m->isStatic) {
        *foundStaticMismatch = true;
        continue;
      }
      if (cost < bestCost) {
        best = m.get();
        bestCost = cost;
      }
    }
  }
  return best;
}

const NativeMethod* Resolver::pickNative(const std::vector<std::string>& owners, const std::string& folded,
                                         const std::vector<const Type*>& args, const Type* receiver,
                                         bool wantStatic) {
  for (const std::string& owner : owners) {
    const auto* natives = program_.nativesOf(owner);
    if (!natives) continue;
    const NativeMethod* best = nullptr;
    int bestCost = INT_MAX;
    for (const NativeMethod* n : *natives) {
      if (n->isConstant || n->name != folded || n->isStatic != wantStatic || n->params.size() != args.size()) continue;
      int cost = 0;
      bool ok = true;
      for (size_t i = 0; i < args.size() && ok; ++i) {
        const Type* p = substitute(n->params[i], receiver);
        ok = assignable(p, args[i]) || p->kind == TypeKind::TypeParam;
        cost += conversionCost(p, args[i]);
      }
      if (ok && cost < bestCost) {
        best = n;
        bestCost = cost;
      }
    }
    if (best) return best;
  }
  return nullptr;
}

// Where the built-in methods of a type live, most specific first.
std::vector<std::string> Resolver::nativeOwners(const Type* t) const {
  std::vector<std::string> owners;
  switch (t->kind) {
    case TypeKind::List: owners.push_back("list"); break;
    case TypeKind::Set: owners.push_back("set"); break;
    case TypeKind::Map: owners.push_back("map"); break;
    case TypeKind::Class: {
      for (const ClassSymbol* c = t->cls; c; c = c->superclass) {
        if (c->isBuiltin) owners.push_back(foldCase(c->name));
      }
      // Built-in interfaces inherited by a user interface or abstract class
      // (`interface Shape extends Comparable`) answer their methods too.
      std::vector<const ClassSymbol*> work{t->cls};
      for (size_t i = 0; i < work.size(); ++i) {
        const ClassSymbol* c = work[i];
        if (c != t->cls && c->isBuiltin && c->kind == ClassKind::Interface) owners.push_back(foldCase(c->name));
        if (c->superclass) work.push_back(c->superclass);
        work.insert(work.end(), c->interfaces.begin(), c->interfaces.end());
      }
      if (t->cls->kind == ClassKind::Enum) owners.push_back("enum");
      break;
    }
    case TypeKind::SObject: owners.push_back("sobject"); break;
    default: owners.push_back(foldCase(t->name)); break;
  }
  owners.push_back("object");
  return owners;
}

void Resolver::noSuchMethod(const std::string& name, const std::vector<const Type*>& args,
                            const std::string& typeName, const SourceLoc& loc) {
  fail(loc, Diagnostic::MethodDoesNotExistOnType, name, typeNames(args, ", "), typeName);
}

const Type* Resolver::call(CallExpr& e) {
  std::string folded = foldCase(e.name);
  if (!e.target && (folded == "this" || folded == "super")) return chainConstructor(e);
  if (!e.target) return callUnqualified(e);
  if (e.target->kind == ExprKind::Super) {
    expr(e.target);
    e.isSuperCall = true;
    return callOnValue(e, ctx_.cls->superclass->type);
  }
  if (const Type* owner = denotedType(*e.target)) return callOnType(e, owner);
  if (const Type* owner = typeBehindVariable(e)) return callOnType(e, owner);
  rejectNotSupported(*e.target, e.name, e.loc);
  const Type* receiver = expr(e.target);
  if (isFieldAddError(e)) receiver = addErrorOnRecord(e);
  return callOnValue(e, receiver);
}

// `record.Field.addError(message)` (Apex Reference: SObject Class —
// addError on a field): an error of the record, on that field.
bool Resolver::isFieldAddError(const CallExpr& e) const {
  return text::equalsIgnoreCase(e.name, "addError") && e.target->kind == ExprKind::Member &&
         e.target->as<MemberExpr>().binding.kind == BindingKind::SObjectField;
}

// The call becomes `record.addError('Field', message)`; returns the record's type.
const Type* Resolver::addErrorOnRecord(CallExpr& e) {
  auto& member = e.target->as<MemberExpr>();
  auto fieldName = std::make_unique<LiteralExpr>(member.loc);
  fieldName->literal = LiteralKind::String;
  fieldName->text = member.binding.sobjectField->name;
  ExprPtr record = std::move(member.target);
  e.args.insert(e.args.begin(), std::move(fieldName));
  e.target = std::move(record);
  return e.target->type;
}

const Type* Resolver::callUnqualified(CallExpr& e) {
  std::vector<const Type*> args = argumentTypes(e.args);
  std::string folded = foldCase(e.name);
  for (const ClassSymbol* scope = ctx_.cls; scope; scope = scope->outer) {
    bool staticMismatch = false;
    bool wantStatic = ctx_.isStatic || scope != ctx_.cls;
    const MethodSymbol* m = pickUserMethod(scope, folded, args, wantStatic, &staticMismatch);
    if (m) {
      checkMethodAccess(*m, e.loc);
      e.method = m;
      convertArguments(e.args, m->params, nullptr);
      return m->returnType;
    }
    if (staticMismatch) fail(e.loc, Diagnostic::NonStaticMethod, e.name);
  }
  // A local class may call the anonymous block's methods.
  if (!ctx_.cls->isTopLevelAnonymous && !ctx_.cls->isProjectClass && program_.anonymousClass) {
    bool staticMismatch = false;
    if (const MethodSymbol* m = pickUserMethod(program_.anonymousClass, folded, args, true, &staticMismatch)) {
      e.method = m;
      convertArguments(e.args, m->params, nullptr);
      return m->returnType;
    }
  }
  noSuchMethod(e.name, args, ctx_.cls->isTopLevelAnonymous ? "anon" : ctx_.cls->name, e.loc);
}

const Type* Resolver::callOnType(CallExpr& e, const Type* owner) {
  std::vector<const Type*> args = argumentTypes(e.args);
  if (const Type* t = configMethodCall(e, owner, args)) return t;
  std::string folded = foldCase(e.name);
  if (owner->kind == TypeKind::Class && !owner->cls->isBuiltin) {
    bool staticMismatch = false;
    if (const MethodSymbol* m = pickUserMethod(owner->cls, folded, args, true, &staticMismatch)) {
      checkMethodAccess(*m, e.loc);
      e.method = m;
      convertArguments(e.args, m->params, nullptr);
      return m->returnType;
    }
    if (staticMismatch) fail(e.loc, Diagnostic::NonStaticMethod, e.name);
  }
  if (owner->kind == TypeKind::Class && owner->cls->kind == ClassKind::Enum) {
    if (folded == "values" && args.empty()) {
      e.enumClass = owner->cls;
      return types_.list(owner);
    }
    if (folded == "valueof" && args.size() == 1 && assignable(types_.string(), args[0])) {
      e.enumClass = owner->cls;
      return owner;
    }
  }
  // Apex Reference: SObject Class — getSObjectType(), which the type itself
  // answers too (`Account.getSObjectType()`): the object's token.
  if (owner->kind == TypeKind::SObject && owner->sobject && folded == "getsobjecttype" && args.empty()) {
    e.sobjectToken = owner->sobject;
    return program_.findClass("Schema.SObjectType")->type;
  }
  std::vector<std::string> owners;
  if (owner->kind == TypeKind::Class) owners.push_back(foldCase(owner->cls->name));
  else owners = nativeOwners(owner);
  if (const NativeMethod* n = pickNative(owners, folded, args, owner, true)) {
    e.native = n;
    convertArguments(e.args, n->params, owner);
    if (n->def->bindsCallerVariables) recordCallerVariables(e);
    return substitute(n->returnType, owner);
  }
  if (owner->kind == TypeKind::Class && isPlatformClass(*owner->cls)) {
    const ClassSymbol& cls = *owner->cls;
    if (auto feature = notSupportedYet({cls.isBuiltin ? cls.name : cls.qualifiedName, e.name}))
      fail(e.loc, Diagnostic::NotSupportedYet, *feature);
  }
  noSuchMethod(e.name, args, owner->name, e.loc);
}

const Type* Resolver::callOnValue(CallExpr& e, const Type* receiver) {
  std::vector<const Type*> args = argumentTypes(e.args);
  std::string folded = foldCase(e.name);
  if (receiver->kind == TypeKind::Null) fail(e.loc, Diagnostic::MethodDoesNotExist, e.name);
  if (receiver->kind == TypeKind::Class && !receiver->cls->isBuiltin) {
    bool staticMismatch = false;
    if (const MethodSymbol* m = pickUserMethod(receiver->cls, folded, args, false, &staticMismatch)) {
      checkMethodAccess(*m, e.loc);
      e.method = m;
      convertArguments(e.args, m->params, nullptr);
      return m->returnType;
    }
  }
  if (isDynamic(receiver)) receiver = types_.object();
  if (const NativeMethod* n = pickNative(nativeOwners(receiver), folded, args, receiver, false)) {
    e.native = n;
    convertArguments(e.args, n->params, receiver);
    return substitute(n->returnType, receiver);
  }
  noSuchMethod(e.name, args, receiver->name, e.loc);
}

// `this(...)` and `super(...)` as the first statement of a constructor.
const Type* Resolver::chainConstructor(CallExpr& e) {
  std::vector<const Type*> args = argumentTypes(e.args);
  bool isSuper = foldCase(e.name) == "super";
  if (!ctx_.isConstructor) fail(e.loc, Diagnostic::VoidMethodDoesNotExist, e.name);
  const ClassSymbol* target = isSuper ? ctx_.cls->superclass : ctx_.cls;
  e.isSuperCall = isSuper;
  // No superclass: the message names Object's constructor, without the
  // arguments given.
  if (!target) fail(e.loc, Diagnostic::ConstructorNotDefined, types_.object()->name, "");
  if (target->isBuiltin) return types_.voidType();  // Exception(message, cause)
  const MethodSymbol* best = nullptr;
  for (const auto& m : target->ownMethods) {
    if (!m->isConstructor || m->params.size() != args.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < args.size() && ok; ++i) ok = takesRecords(m->params[i], args[i]);
    if (ok) best = m.get();
  }
  if (!best && !(args.empty() && std::none_of(target->ownMethods.begin(), target->ownMethods.end(),
                                               [](const auto& m) { return m->isConstructor; })))
    fail(e.loc, Diagnostic::ConstructorNotDefined, target->name, typeNames(args, ","));
  if (best) checkMethodAccess(*best, e.loc);
  e.method = best;
  if (best) convertArguments(e.args, best->params, nullptr);
  return types_.voidType();
}

// Apex Reference, Map Class: Map<ID, sObject>(recordList) keys the records
// of a list by their Id.
bool Resolver::mapFromRecords(const Type* map, const Type* source) const {
  bool idKey = map->element->kind == TypeKind::Id || map->element->kind == TypeKind::String;
  return idKey && map->value->kind == TypeKind::SObject && source->kind == TypeKind::List &&
         source->element->kind == TypeKind::SObject && assignable(map->value, source->element);
}

const Type* Resolver::newObject(NewExpr& e) {
  const Type* t = resolveType(e.typeName);
  std::vector<const Type*> args = argumentTypes(e.args);
  if (t->kind == TypeKind::List || t->kind == TypeKind::Set || t->kind == TypeKind::Map) {
    if (args.size() > 1) fail(e.loc, Diagnostic::InvalidConstructor, t->name);
    if (args.size() == 1) {
      const Type* a = args[0];
      bool ok = (t->kind == TypeKind::Map) ? a->kind == TypeKind::Map || mapFromRecords(t, a)
                                           : (a->kind == TypeKind::List || a->kind == TypeKind::Set);
      if (isSizedList(e, t)) ok = true;
      if (!ok && a->kind != TypeKind::Null) fail(e.loc, Diagnostic::InvalidConstructor, t->name);
    }
    return t;
  }
  if (t->kind == TypeKind::SObject) return newSObject(e, t);
  if (t->kind != TypeKind::Class) fail(e.loc, Diagnostic::TypeCannotBeConstructed, t->name);
  const ClassSymbol* cls = t->cls;
  if (cls->kind == ClassKind::Interface) fail(e.loc, Diagnostic::TypeCannotBeConstructed, cls->name);
  if (cls->modifiers & kAbstract) fail(e.loc, Diagnostic::AbstractClassConstructed, cls->name);
  if (cls->kind == ClassKind::Enum) fail(e.loc, Diagnostic::TypeCannotBeConstructed, cls->name);
  bool hasConstructor = false;
  const MethodSymbol* best = nullptr;
  int bestCost = INT_MAX;
  for (const auto& m : cls->ownMethods) {
    if (!m->isConstructor) continue;
    hasConstructor = true;
    if (m->params.size() != args.size()) continue;
    int cost = 0;
    bool ok = true;
    for (size_t i = 0; i < args.size() && ok; ++i) {
      ok = takesRecords(m->params[i], args[i]);
      cost += conversionCost(m->params[i], args[i]);
    }
    if (ok && cost < bestCost) {
      best = m.get();
      bestCost = cost;
    }
  }
  if (best) {
    checkMethodAccess(*best, e.loc);
    e.constructor = best;
    convertArguments(e.args, best->params, nullptr);
    return t;
  }
  if (cls->isException) {
    // The four constructors every exception has.
    const Type* exc = program_.exceptionClass->type;
    bool ok = args.empty() || (args.size() == 1 && (assignable(types_.string(), args[0]) || assignable(exc, args[0]))) ||
              (args.size() == 2 && assignable(types_.string(), args[0]) && assignable(exc, args[1]));
    if (ok) return t;
  } else if (cls->isBuiltin) {
    if (const NativeMethod* n = pickNative({foldCase(cls->name)}, "new", args, t, true)) {
      e.nativeConstructor = n;
      convertArguments(e.args, n->params, t);
      return t;
    }
  } else if (!hasConstructor && args.empty()) {
    return t;
  }
  fail(e.loc, Diagnostic::ConstructorNotDefined, cls->name, typeNames(args, ","));
}

const Type* Resolver::newCollection(NewCollectionExpr& e) {
  const Type* t = resolveType(e.typeName);
  if (t->kind == TypeKind::Map) {
    for (auto& [k, v] : e.entries) {
      expr(k);
      requireAssignable(k, t->element, k->loc);
      expr(v);
      requireAssignable(v, t->value, v->loc);
    }
    return t;
  }
  if (t->kind != TypeKind::List && t->kind != TypeKind::Set) fail(e.loc, Diagnostic::InvalidInitializerType, t->name);
  for (ExprPtr& el : e.elements) {
    const Type* elementType = expr(el);
    if (!assignable(t->element, elementType))
      fail(el->loc, Diagnostic::InitialExpressionType, t->element->name, elementType->name);
    coerce(el, t->element);
  }
  return t;
}

const Type* Resolver::unary(UnaryExpr& e) {
  const Type* t = expr(e.operand);
  switch (e.op) {
    case UnaryOp::Plus:
      if (isStringLike(t)) return t;  // expr() drops the plus
      [[fallthrough]];
    case UnaryOp::Minus:
      if (!t->isNumeric() && !isDynamic(t)) fail(e.loc, Diagnostic::ArithmeticNeedsNumbers);
      return t;
    case UnaryOp::Not:
      if (t->kind != TypeKind::Boolean && !isDynamic(t)) fail(e.loc, Diagnostic::OperatorNeedsBoolean, "Not");
      return types_.boolean();
    case UnaryOp::BitNot:
      if (!isIntegral(t)) fail(e.loc, Diagnostic::BitwiseNeedsIntegers);
      return t;
  }
  return t;
}

void Resolver::requireLValue(Expr& target) {
  switch (target.kind) {
    case ExprKind::Name:
    case ExprKind::Member: {
      const Binding& b = target.kind == ExprKind::Name ? target.as<NameExpr>().binding : target.as<MemberExpr>().binding;
      if (b.isFinal) fail(target.loc, Diagnostic::FinalAlreadyInitialized);
      if (b.field) checkVariableAccess(*b.field, true, target.loc);
      if (b.kind == BindingKind::Local || b.kind == BindingKind::InstanceField || b.kind == BindingKind::StaticField ||
          b.kind == BindingKind::Property || b.kind == BindingKind::NativeProperty ||
          b.kind == BindingKind::SObjectField || b.kind == BindingKind::SObjectParent)
        return;
      if (b.kind == BindingKind::SObjectChildren) {
        const auto& member = target.as<MemberExpr>();
        fail(target.loc, Diagnostic::FieldNotWriteable, member.target->type->name, b.childRelationship->name);
      }
      break;
    }
    case ExprKind::Index: return;
    default: break;
  }
  fail(target.loc, Diagnostic::ExpressionCannotBeAssigned);
}

const Type* Resolver::incDec(IncDecExpr& e) {
  const Type* t = expr(e.target);
  requireLValue(*e.target);
  if (!t->isNumeric() && !isDynamic(t)) fail(e.loc, Diagnostic::ArithmeticNeedsNumbers);
  return t;
}

// Types the operands of a binary operator, inserts their conversions, and
// returns the result type; `operandType` receives the promoted type.
const Type* Resolver::binaryOperands(BinaryOp op, ExprPtr& left, ExprPtr& right, const SourceLoc& loc,
                                     const Type** operandType) {
  const Type* l = left->type;
  const Type* r = right->type;
  bool dyn = isDynamic(l) || isDynamic(r);
  auto promote = [&]() {
    const Type* p = numericPromotion(l, r);
    coerce(left, p);
    coerce(right, p);
    *operandType = p;
    return p;
  };
  switch (op) {
    case BinaryOp::Add:
      if (isStringLike(l) || isStringLike(r)) {
        *operandType = types_.string();
        return types_.string();
      }
      if (isTemporal(l) && (r->isNumeric())) {
        *operandType = l;
        return l;
      }
      [[fallthrough]];
    case BinaryOp::Sub:
      if (op == BinaryOp::Sub && isTemporal(l) && r->isNumeric()) {
        *operandType = l;
        return l;
      }
      [[fallthrough]];
    case BinaryOp::Mul:
    case BinaryOp::Div:
      if (dyn) {
        *operandType = types_.dynamic();
        return types_.dynamic();
      }
      if (!l->isNumeric() || !r->isNumeric()) fail(loc, Diagnostic::ArithmeticNeedsNumbers);
      return promote();
    case BinaryOp::Mod:
      fail(loc, Diagnostic::ModuloNotApex);
    case BinaryOp::Shl:
    case BinaryOp::Shr:
    case BinaryOp::Ushr:
      if (!isIntegral(l) || !isIntegral(r)) fail(loc, Diagnostic::BitwiseNeedsIntegers);
      *operandType = l;
      return l;
    case BinaryOp::BitAnd:
    case BinaryOp::BitOr:
    case BinaryOp::BitXor:
      if (l->kind == TypeKind::Boolean && r->kind == TypeKind::Boolean) {
        *operandType = l;
        return l;
      }
      if (!isIntegral(l) || !isIntegral(r)) {
        const char* symbol = op == BinaryOp::BitAnd ? "&" : op == BinaryOp::BitOr ? "|" : "^";
        fail(loc, Diagnostic::OperatorNeedsBooleanOrIntegers, symbol);
      }
      return promote();
    case BinaryOp::Lt:
    case BinaryOp::Gt:
    case BinaryOp::Le:
    case BinaryOp::Ge: {
      bool ok = dyn || (l->isNumeric() && r->isNumeric()) || (isStringLike(l) && isStringLike(r)) ||
                (isTemporal(l) && l == r) || l->kind == TypeKind::Null || r->kind == TypeKind::Null;
      if (!ok) fail(loc, Diagnostic::IncompatibleComparison, l->name, r->name);
      if (l->isNumeric() && r->isNumeric()) promote();
      else *operandType = dyn ? types_.dynamic() : l;
      return types_.boolean();
    }
    case BinaryOp::Identical:
    case BinaryOp::NotIdentical:
      for (const Type* t : {l, r}) {
        bool primitive = t->isNumeric() || t->kind == TypeKind::Boolean || isStringLike(t) || isTemporal(t);
        if (primitive) fail(loc, Diagnostic::ExactEqualityOnPrimitive, t->name);
      }
      [[fallthrough]];
    case BinaryOp::Eq:
    case BinaryOp::Ne: {
      bool ok = dyn || assignable(l, r) || assignable(r, l) || (l->isNumeric() && r->isNumeric());
      if (!ok) fail(loc, Diagnostic::IncompatibleComparison, l->name, r->name);
      if (l->isNumeric() && r->isNumeric()) promote();
      else *operandType = nullptr;
      return types_.boolean();
    }
  }
  return types_.object();
}

const Type* Resolver::binary(BinaryExpr& e) {
  expr(e.left);
  expr(e.right);
  return binaryOperands(e.op, e.left, e.right, e.loc, &e.operandType);
}

const Type* Resolver::logical(LogicalExpr& e) {
  if (e.op == LogicalOp::Coalesce) {
    const Type* l = expr(e.left);
    const Type* r = expr(e.right);
    const Type* t = commonType(l, r);
    coerce(e.left, t);
    coerce(e.right, t);
    return t;
  }
  const char* opName = e.op == LogicalOp::And ? "AND" : "OR";
  const Type* l = expr(e.left);
  const Type* r = expr(e.right);
  auto isBool = [](const Type* t) { return t->kind == TypeKind::Boolean || isDynamic(t); };
  if (!isBool(l) || !isBool(r))
    fail(e.loc, Diagnostic::OperatorNeedsBoolean, opName);
  return types_.boolean();
}

const Type* Resolver::assign(AssignExpr& e) {
  assignTarget_ = !e.compound && (e.target->kind == ExprKind::Name || e.target->kind == ExprKind::Member);
  const Type* target = expr(e.target);
  requireLValue(*e.target);
  const Type* value = expr(e.value);
  if (!e.compound) {
    requireAssignable(e.value, target, e.value->loc);
    return target;
  }
  // `x op= y` computes `x op y` in the promoted type, then assigns back.
  auto placeholder = std::make_unique<LiteralExpr>(e.loc);
  placeholder->type = target;
  ExprPtr left = std::move(placeholder);
  const Type* result = binaryOperands(e.op, left, e.value, e.loc, &e.operandType);
  if (!assignable(target, result)) fail(e.loc, Diagnostic::IllegalAssignment, result->name, target->name);
  (void)value;
  return target;
}

const Type* Resolver::conditional(ConditionalExpr& e) {
  condition(e.condition);
  const Type* a = expr(e.whenTrue);
  const Type* b = expr(e.whenFalse);
  const Type* t = commonType(a, b);
  coerce(e.whenTrue, t);
  coerce(e.whenFalse, t);
  return t;
}

const Type* Resolver::cast(CastExpr& e) {
  const Type* to = resolveType(e.typeName);
  const Type* from = expr(e.operand);
  bool ok = assignable(to, from) || assignable(from, to) || (to->isNumeric() && from->isNumeric()) ||
            (to->kind == TypeKind::Class && to->cls->kind == ClassKind::Interface) ||
            (from->kind == TypeKind::Class && from->cls->kind == ClassKind::Interface) ||
            (to->kind == from->kind && to->isCollection());
  if (!ok) fail(e.loc, Diagnostic::IncompatibleCast, from->name, to->name);
  e.targetType = to;
  return to;
}

}  // namespace apex::sema
