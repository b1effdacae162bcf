// The compiler's dispatch over the AST's kinds, the fallback nodes that
// hand a kind not compiled yet to the Evaluator, and the store that keeps
// each body's code where its symbol finds it.
#include "interp/code.h"

#include "sema/program.h"

namespace apex::interp {

using namespace apex::ast;

// ------------------------------------------------------------- fallbacks

namespace {

Value evalByTreeWalk(const ExprNode& n, Evaluator& ev, Frame&) { return ev.eval(*n.ast); }

Completion execByTreeWalk(const StmtNode& n, Evaluator& ev, Frame&) { return ev.exec(*n.ast); }

}  // namespace

bool testValue(const ExprNode& n, Evaluator& ev, Frame& f) {
  Value v = n.eval(ev, f);
  if (v.isNull()) ev.vm().raiseNullPointer();
  return v.asBool();
}

const ExprNode* Compiler::fallback(const Expr& e) { return make<ExprNode>(&evalByTreeWalk, &testValue, &e); }

const StmtNode* Compiler::fallback(const Stmt& s) { return make<StmtNode>(&execByTreeWalk, &s, s.loc); }

// --------------------------------------------------------------- dispatch

namespace {

const ExprNode* compileKind(Compiler& c, const Expr& e) {
  switch (e.kind) {
    case ExprKind::Literal: return compileLiteral(c, e.as<LiteralExpr>());
    case ExprKind::Name: return compileName(c, e.as<NameExpr>());
    case ExprKind::Member: return compileMember(c, e.as<MemberExpr>());
    case ExprKind::Call: return compileCall(c, e.as<CallExpr>());
    case ExprKind::Index: return compileIndex(c, e.as<IndexExpr>());
    case ExprKind::New: return compileNew(c, e.as<NewExpr>());
    case ExprKind::Unary: return compileUnary(c, e.as<UnaryExpr>());
    case ExprKind::IncDec: return compileIncDec(c, e.as<IncDecExpr>());
    case ExprKind::Binary: return compileBinary(c, e.as<BinaryExpr>());
    case ExprKind::Logical: return compileLogical(c, e.as<LogicalExpr>());
    case ExprKind::Assign: return compileAssign(c, e.as<AssignExpr>());
    case ExprKind::Conditional: return compileConditional(c, e.as<ConditionalExpr>());
    case ExprKind::InstanceOf: return compileInstanceOf(c, e.as<InstanceOfExpr>());
    case ExprKind::Cast: return compileCast(c, e.as<CastExpr>());
    case ExprKind::This:
    case ExprKind::Super: return compileThis(c, e);
    default: return nullptr;  // collections, class literals, SOQL, SOSL
  }
}

}  // namespace

const ExprNode* Compiler::expr(const Expr& e) {
  const ExprNode* node = compileKind(*this, e);
  return node ? node : fallback(e);
}

const StmtNode* Compiler::stmt(const Stmt& s) {
  const StmtNode* node = compileStmt(*this, s);
  return node ? node : fallback(s);
}

StmtList Compiler::statements(const BlockStmt& b) {
  std::span<const StmtNode*> list = array<const StmtNode*>(b.statements.size());
  for (size_t i = 0; i < list.size(); ++i) list[i] = stmt(*b.statements[i]);
  return list;
}

ExprList Compiler::exprs(const std::vector<ExprPtr>& list) {
  std::span<const ExprNode*> nodes = array<const ExprNode*>(list.size());
  for (size_t i = 0; i < nodes.size(); ++i) nodes[i] = expr(*list[i]);
  return nodes;
}

// ------------------------------------------------------------ facts of the AST

bool isChainCall(const CallExpr& e) {
  return !e.target && (text::equalsIgnoreAsciiCase(e.name, "this") || text::equalsIgnoreAsciiCase(e.name, "super"));
}

bool hasNullSafeLink(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Member: {
      const auto& m = e.as<MemberExpr>();
      return m.nullSafe || hasNullSafeLink(*m.target);
    }
    case ExprKind::Call: {
      const auto& call = e.as<CallExpr>();
      return call.nullSafe || (call.target && hasNullSafeLink(*call.target));
    }
    default: return false;
  }
}

// ------------------------------------------------------------------ the store

namespace {

// Whether a constructor's first statement is `this(...)` or `super(...)`,
// which Evaluator::construct must know before running it.
bool firstIsChainCall(const BlockStmt& body) {
  if (body.statements.empty()) return false;
  const Stmt& first = *body.statements.front();
  if (first.kind != StmtKind::Expression) return false;
  const Expr& e = *first.as<ExprStmt>().expr;
  return e.kind == ExprKind::Call && isChainCall(e.as<CallExpr>());
}

}  // namespace

CodeStore& CodeStore::of(sema::Program& program) {
  if (!program.compiledCode) program.compiledCode = std::make_shared<CodeStore>();
  return *static_cast<CodeStore*>(program.compiledCode.get());
}

const BodyCode& CodeStore::compileBody(const BlockStmt& body, bool constructor) {
  Compiler compiler(arena_);
  const StmtNode* node = compileBareBlock(compiler, body);
  return *arena_.make<BodyCode>(node, constructor && firstIsChainCall(body));
}

const BodyCode& CodeStore::method(const sema::MethodSymbol& m) {
  if (!m.code) m.code = &compileBody(*m.body, m.isConstructor);
  return *m.code;
}

const BodyCode& CodeStore::trigger(const sema::TriggerSymbol& trigger) {
  if (!trigger.code) trigger.code = &compileBody(*trigger.unit->body, false);
  return *trigger.code;
}

const BodyCode& CodeStore::anonymousBody(const BlockStmt& body) {
  const BodyCode*& code = anonymous_[&body];
  if (!code) code = &compileBody(body, false);
  return *code;
}

}  // namespace apex::interp
