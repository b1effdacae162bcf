// Visiting the AST's children without a visitor class per use: the direct
// statements inside a statement, and the direct expressions of a statement
// or expression. Passes that look at the whole tree (code coverage's
// executable lines, `apexrun run --explain`) recurse with these.
#pragma once

#include "ast/ast.h"

namespace apex::ast {

// Calls `f` with each statement directly inside `s`: a block's statements,
// branches, loop bodies, when-clauses, try, catch and finally blocks.
template <class F>
void forEachChildStatement(const Stmt& s, F&& f) {
  auto block = [&](const BlockStmt* b) {
    if (b) f(static_cast<const Stmt&>(*b));
  };
  switch (s.kind) {
    case StmtKind::Block:
      for (const StmtPtr& inner : s.as<BlockStmt>().statements) f(*inner);
      return;
    case StmtKind::If: {
      const auto& i = s.as<IfStmt>();
      f(*i.thenBranch);
      if (i.elseBranch) f(*i.elseBranch);
      return;
    }
    case StmtKind::For: f(*s.as<ForStmt>().body); return;
    case StmtKind::ForEach: f(*s.as<ForEachStmt>().body); return;
    case StmtKind::While: f(*s.as<WhileStmt>().body); return;
    case StmtKind::DoWhile: f(*s.as<DoWhileStmt>().body); return;
    case StmtKind::Switch:
      for (const WhenClause& w : s.as<SwitchStmt>().whens) block(w.body.get());
      return;
    case StmtKind::Try: {
      const auto& t = s.as<TryStmt>();
      block(t.body.get());
      for (const CatchClause& c : t.catches) block(c.body.get());
      block(t.finallyBlock.get());
      return;
    }
    case StmtKind::RunAs: block(s.as<RunAsStmt>().body.get()); return;
    default: return;
  }
}

// Calls `f` with each expression directly in `s` (not in its child statements).
template <class F>
void forEachExpression(const Stmt& s, F&& f) {
  auto maybe = [&](const ExprPtr& e) {
    if (e) f(*e);
  };
  auto declarators = [&](const LocalVarStmt& v) {
    for (const VarDeclarator& d : v.declarators) maybe(d.init);
  };
  switch (s.kind) {
    case StmtKind::LocalVar: declarators(s.as<LocalVarStmt>()); return;
    case StmtKind::Expression: f(*s.as<ExprStmt>().expr); return;
    case StmtKind::If: f(*s.as<IfStmt>().condition); return;
    case StmtKind::For: {
      const auto& l = s.as<ForStmt>();
      if (l.initDecl) declarators(*l.initDecl);
      for (const ExprPtr& e : l.initExprs) f(*e);
      maybe(l.condition);
      for (const ExprPtr& e : l.updates) f(*e);
      return;
    }
    case StmtKind::ForEach: f(*s.as<ForEachStmt>().iterable); return;
    case StmtKind::While: f(*s.as<WhileStmt>().condition); return;
    case StmtKind::DoWhile: f(*s.as<DoWhileStmt>().condition); return;
    case StmtKind::Switch: {
      const auto& sw = s.as<SwitchStmt>();
      f(*sw.subject);
      for (const WhenClause& w : sw.whens) {
        for (const ExprPtr& v : w.values) f(*v);
      }
      return;
    }
    case StmtKind::Throw: maybe(s.as<ThrowStmt>().value); return;
    case StmtKind::Return: maybe(s.as<ReturnStmt>().value); return;
    case StmtKind::Dml: {
      const auto& d = s.as<DmlStmt>();
      maybe(d.target);
      maybe(d.secondary);
      return;
    }
    case StmtKind::RunAs: maybe(s.as<RunAsStmt>().user); return;
    default: return;
  }
}

// Calls `f` with each direct subexpression of `e`.
template <class F>
void forEachSubexpression(const Expr& e, F&& f) {
  auto maybe = [&](const ExprPtr& x) {
    if (x) f(*x);
  };
  switch (e.kind) {
    case ExprKind::Member: maybe(e.as<MemberExpr>().target); return;
    case ExprKind::Call: {
      const auto& c = e.as<CallExpr>();
      maybe(c.target);
      for (const ExprPtr& a : c.args) f(*a);
      return;
    }
    case ExprKind::Index: f(*e.as<IndexExpr>().target); f(*e.as<IndexExpr>().index); return;
    case ExprKind::New: {
      const auto& n = e.as<NewExpr>();
      for (const ExprPtr& a : n.args) f(*a);
      for (const auto& init : n.fieldInits) f(*init.second);
      return;
    }
    case ExprKind::NewCollection: {
      const auto& n = e.as<NewCollectionExpr>();
      for (const ExprPtr& x : n.elements) f(*x);
      for (const auto& [key, value] : n.entries) {
        f(*key);
        f(*value);
      }
      return;
    }
    case ExprKind::NewArray: maybe(e.as<NewArrayExpr>().size); return;
    case ExprKind::Unary: f(*e.as<UnaryExpr>().operand); return;
    case ExprKind::IncDec: f(*e.as<IncDecExpr>().target); return;
    case ExprKind::Binary: f(*e.as<BinaryExpr>().left); f(*e.as<BinaryExpr>().right); return;
    case ExprKind::Logical: f(*e.as<LogicalExpr>().left); f(*e.as<LogicalExpr>().right); return;
    case ExprKind::Assign: f(*e.as<AssignExpr>().target); f(*e.as<AssignExpr>().value); return;
    case ExprKind::Conditional: {
      const auto& c = e.as<ConditionalExpr>();
      f(*c.condition);
      f(*c.whenTrue);
      f(*c.whenFalse);
      return;
    }
    case ExprKind::InstanceOf: f(*e.as<InstanceOfExpr>().operand); return;
    case ExprKind::Cast: f(*e.as<CastExpr>().operand); return;
    case ExprKind::Soql:
      for (const ExprPtr& b : e.as<SoqlExpr>().binds) f(*b);
      return;
    case ExprKind::Sosl:
      for (const ExprPtr& b : e.as<SoslExpr>().binds) f(*b);
      return;
    default: return;
  }
}

}  // namespace apex::ast
