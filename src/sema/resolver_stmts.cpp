// Resolver, part 4: statements, scopes and definite return.
#include <set>

#include "sema/resolver.h"

namespace apex::sema {

using namespace apex::ast;

void Resolver::block(BlockStmt& b) {
  pushScope();
  int slotsBefore = nextSlot_;
  for (StmtPtr& s : b.statements) stmt(*s);
  nextSlot_ = slotsBefore;  // the block's slots are free again
  popScope();
}

void Resolver::stmt(Stmt& s) {
  switch (s.kind) {
    case StmtKind::Block: block(s.as<BlockStmt>()); break;
    case StmtKind::LocalVar: localVar(s.as<LocalVarStmt>()); break;
    case StmtKind::Expression: expr(s.as<ExprStmt>().expr); break;
    case StmtKind::If: {
      auto& i = s.as<IfStmt>();
      condition(i.condition);
      stmt(*i.thenBranch);
      if (i.elseBranch) stmt(*i.elseBranch);
      break;
    }
    case StmtKind::For: forStmt(s.as<ForStmt>()); break;
    case StmtKind::ForEach: forEach(s.as<ForEachStmt>()); break;
    case StmtKind::While: {
      auto& w = s.as<WhileStmt>();
      condition(w.condition);
      ++loopDepth_;
      stmt(*w.body);
      --loopDepth_;
      break;
    }
    case StmtKind::DoWhile: {
      auto& d = s.as<DoWhileStmt>();
      ++loopDepth_;
      stmt(*d.body);
      --loopDepth_;
      condition(d.condition);
      break;
    }
    case StmtKind::Switch: switchStmt(s.as<SwitchStmt>()); break;
    case StmtKind::Try: tryStmt(s.as<TryStmt>()); break;
    case StmtKind::Throw: {
      auto& t = s.as<ThrowStmt>();
      const Type* type = expr(t.value);
      bool ok = type->kind == TypeKind::Null || type->kind == TypeKind::Dynamic ||
                (type->kind == TypeKind::Class && type->cls->isException);
      if (!ok) fail(t.value->loc, Diagnostic::ThrowNotException, type->name);
      break;
    }
    case StmtKind::Return: {
      auto& r = s.as<ReturnStmt>();
      bool isVoid = ctx_.returnType->kind == TypeKind::Void;
      if (r.value && ctx_.triggerObject) fail(r.loc, Diagnostic::TriggerReturnsValue);
      if (r.value && isVoid) fail(r.loc, Diagnostic::VoidMethodReturnsValue);
      if (!r.value && !isVoid) fail(r.loc, Diagnostic::MissingReturnValue);
      if (r.value) {
        expr(r.value);
        requireAssignable(r.value, ctx_.returnType, r.value->loc);
      }
      break;
    }
    case StmtKind::Break:
      if (loopDepth_ == 0) fail(s.loc, Diagnostic::BreakOutsideLoop);
      break;
    case StmtKind::Continue:
      if (loopDepth_ == 0) fail(s.loc, Diagnostic::ContinueOutsideLoop);
      break;
    case StmtKind::Dml: dmlStmt(s.as<DmlStmt>()); break;
    case StmtKind::RunAs: {
      auto& r = s.as<RunAsStmt>();
      expr(r.user);
      block(*r.body);
      break;
    }
    case StmtKind::Empty: break;
  }
}

void Resolver::localVar(LocalVarStmt& s) {
  const Type* type = resolveType(s.typeName);
  s.declaredType = type;
  for (VarDeclarator& d : s.declarators) {
    // The initializer is resolved before the name exists: `Integer x = x;` fails.
    if (d.init) {
      expr(d.init);
      requireAssignable(d.init, type, d.init->loc);
    }
    if (anonymousTopScope_ && scopes_.size() == anonymousTopScope_ && !ctx_.method) {
      std::string folded = foldCase(d.name);
      if (findLocal(folded)) fail(d.loc, Diagnostic::DuplicateVariable, d.name);
      const FieldSymbol* field = ownField(*ctx_.cls, folded);
      d.slot = field->slot;
      d.isStatic = true;
      scopes_.back().push_back(Local{folded, type, field->slot, s.isFinal && d.init, true});
      continue;
    }
    d.slot = declareLocal(d.name, type, s.isFinal && d.init, d.loc);
  }
}

void Resolver::forStmt(ForStmt& s) {
  pushScope();
  int slotsBefore = nextSlot_;
  if (s.initDecl) localVar(*s.initDecl);
  for (ExprPtr& e : s.initExprs) expr(e);
  if (s.condition) condition(s.condition);
  for (ExprPtr& e : s.updates) expr(e);
  ++loopDepth_;
  stmt(*s.body);
  --loopDepth_;
  nextSlot_ = slotsBefore;
  popScope();
}

// The element type of a System.Iterable: its type argument, or what the
// implementing class's iterator() yields; null for a type that is no Iterable.
const Type* Resolver::iterableElement(const Type* t) {
  const ClassSymbol* iterable = program_.iterableClass;
  if (t->kind != TypeKind::Class || !t->cls->isSubclassOf(iterable)) return nullptr;
  if (t->cls == iterable) return t->element ? t->element : types_.object();
  bool staticMismatch = false;
  const MethodSymbol* m = pickUserMethod(t->cls, "iterator", {}, false, &staticMismatch);
  return m && m->returnType->element ? m->returnType->element : types_.object();
}

void Resolver::forEach(ForEachStmt& s) {
  const Type* declared = resolveType(s.typeName);
  const Type* iterable = expr(s.iterable);
  const Type* element = nullptr;
  if (iterable->kind == TypeKind::List || iterable->kind == TypeKind::Set) element = iterable->element;
  else if (iterable->kind == TypeKind::Dynamic) element = types_.dynamic();
  else if (const Type* t = iterableElement(iterable)) element = t;
  else fail(s.iterable->loc, Diagnostic::LoopNeedsCollection, iterable->name);
  // A SOQL for loop takes one record or a list of records per iteration.
  s.soqlBatches = s.iterable->kind == ExprKind::Soql && declared->kind == TypeKind::List &&
                  assignable(declared, iterable);
  if (!s.soqlBatches && !assignable(declared, element))
    fail(s.loc, Diagnostic::LoopVariableType, element->name);
  s.elementType = declared;
  pushScope();
  int slotsBefore = nextSlot_;
  s.slot = declareLocal(s.name, declared, false, s.loc);
  ++loopDepth_;
  stmt(*s.body);
  --loopDepth_;
  nextSlot_ = slotsBefore;
  popScope();
}

void Resolver::switchStmt(SwitchStmt& s) {
  const Type* subject = expr(s.subject);
  bool isEnum = subject->kind == TypeKind::Class && subject->cls->kind == ClassKind::Enum;
  bool valueSwitch = isEnum || subject->kind == TypeKind::Integer || subject->kind == TypeKind::Long ||
                     subject->kind == TypeKind::String || subject->kind == TypeKind::Id;
  bool typeSwitch = subject->kind == TypeKind::SObject || subject->kind == TypeKind::Object ||
                    subject->kind == TypeKind::Dynamic || subject->kind == TypeKind::Class;
  if (!valueSwitch && !typeSwitch)
    fail(s.subject->loc, Diagnostic::InvalidSwitchType, subject->name);
  std::set<std::string> seen;
  for (WhenClause& w : s.whens) {
    if (w.kind == WhenClause::Kind::Else && &w != &s.whens.back())
      fail(w.loc, Diagnostic::WhenElseNotLast);
    switch (w.kind) {
      case WhenClause::Kind::Else: break;
      case WhenClause::Kind::Type: {
        if (valueSwitch) fail(w.loc, Diagnostic::TypeWhenNeedsObject);
        w.matchType = resolveType(w.typeName);
        break;
      }
      case WhenClause::Kind::Values:
        for (ExprPtr& v : w.values) {
          std::string key;
          if (isEnum && v->kind == ExprKind::Name) {
            auto& n = v->as<NameExpr>();
            const ClassSymbol* cls = subject->cls;
            int ordinal = -1;
            for (size_t i = 0; i < cls->enumConstants.size(); ++i) {
              if (foldCase(cls->enumConstants[i]) == foldCase(n.name)) ordinal = int(i);
            }
            if (ordinal < 0) fail(v->loc, Diagnostic::VariableDoesNotExist, n.name);
            n.binding.kind = BindingKind::EnumConstant;
            n.binding.slot = ordinal;
            n.binding.owner = cls;
            n.type = subject;
            key = foldCase(n.name);
          } else {
            if (v->kind != ExprKind::Literal && !(v->kind == ExprKind::Unary))
              fail(v->loc, Diagnostic::WhenValueNotLiteral);
            const Type* t = expr(v);
            if (t->kind != TypeKind::Null && !assignable(subject, t))
              fail(v->loc, Diagnostic::IncompatibleWhenType, t->name, subject->name);
            coerce(v, subject);
            if (v->kind == ExprKind::Literal) {
              auto& lit = v->as<LiteralExpr>();
              key = lit.text + "#" + std::to_string(lit.intValue) + "#" + std::to_string(int(lit.literal));
            }
          }
          if (!key.empty() && !seen.insert(key).second) fail(v->loc, Diagnostic::DuplicateWhenValue);
        }
        break;
    }
    pushScope();
    int slotsBefore = nextSlot_;
    if (w.kind == WhenClause::Kind::Type) w.slot = declareLocal(w.varName, w.matchType, false, w.loc);
    block(*w.body);
    nextSlot_ = slotsBefore;
    popScope();
  }
}

void Resolver::tryStmt(TryStmt& s) {
  block(*s.body);
  for (CatchClause& c : s.catches) {
    const Type* t = resolveType(c.typeName);
    if (t->kind != TypeKind::Class || !t->cls->isException)
      fail(c.loc, Diagnostic::CatchNotException, t->name);
    c.caughtType = t;
    pushScope();
    int slotsBefore = nextSlot_;
    c.slot = declareLocal(c.name, t, false, c.loc);
    block(*c.body);
    nextSlot_ = slotsBefore;
    popScope();
  }
  if (s.finallyBlock) block(*s.finallyBlock);
}

// True when control cannot fall off the end of `s` (it returns or throws on
// every path), as the "Missing return statement" check needs.
bool Resolver::alwaysCompletesAbruptly(const Stmt& s) const {
  switch (s.kind) {
    case StmtKind::Return:
    case StmtKind::Throw: return true;
    case StmtKind::Block:
      for (const StmtPtr& inner : s.as<BlockStmt>().statements) {
        if (alwaysCompletesAbruptly(*inner)) return true;
      }
      return false;
    case StmtKind::If: {
      const auto& i = s.as<IfStmt>();
      return i.elseBranch && alwaysCompletesAbruptly(*i.thenBranch) && alwaysCompletesAbruptly(*i.elseBranch);
    }
    case StmtKind::Try: {
      const auto& t = s.as<TryStmt>();
      if (t.finallyBlock && alwaysCompletesAbruptly(*t.finallyBlock)) return true;
      if (!alwaysCompletesAbruptly(*t.body)) return false;
      for (const CatchClause& c : t.catches) {
        if (!alwaysCompletesAbruptly(*c.body)) return false;
      }
      return true;
    }
    case StmtKind::Switch: {
      const auto& sw = s.as<SwitchStmt>();
      bool hasElse = false;
      for (const WhenClause& w : sw.whens) {
        if (w.kind == WhenClause::Kind::Else) hasElse = true;
        if (!alwaysCompletesAbruptly(*w.body)) return false;
      }
      return hasElse;
    }
    case StmtKind::DoWhile: return alwaysCompletesAbruptly(*s.as<DoWhileStmt>().body);
    case StmtKind::RunAs: return alwaysCompletesAbruptly(*s.as<RunAsStmt>().body);
    default: return false;
  }
}

}  // namespace apex::sema
