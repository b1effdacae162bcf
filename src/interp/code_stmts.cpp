// Compiled statements: blocks, local variables, expressions, if, switch,
// while, do-while, for (with a counted form for `for (...; i < n; i++)`),
// for-each over lists and sets, try, return, break, continue, throw. Each records its
// place in the frame (stack traces, the debug log's lines) and its line
// coverage as it starts; loops count CPU time each iteration.
#include "interp/code.h"
#include "interp/code_numbers.h"

namespace apex::interp {

using namespace apex::ast;

namespace {

Completion runList(StmtList list, Evaluator& ev, Frame& f) {
  for (const StmtNode* s : list) {
    Completion c = s->exec(ev, f);
    if (c != Completion::Normal) return c;
  }
  return Completion::Normal;
}

// ------------------------------------------------------------------ blocks

struct BlockNode : StmtNode {
  StmtList statements;
};

Completion execBlock(const StmtNode& node, Evaluator& ev, Frame& f) {
  ev.enter(f, *node.ast, node.loc);
  return runList(static_cast<const BlockNode&>(node).statements, ev, f);
}

Completion execBareBlock(const StmtNode& node, Evaluator& ev, Frame& f) {
  return runList(static_cast<const BlockNode&>(node).statements, ev, f);
}

// ------------------------------------------------- variables, expressions

struct Declarator {
  const ExprNode* init;  // null: the variable starts null
  int slot;
  bool isStatic;  // a top-level variable of the anonymous block
};

struct LocalVarNode : StmtNode {
  std::span<const Declarator> declarators;
};

Completion execLocalVar(const StmtNode& node, Evaluator& ev, Frame& f) {
  ev.enter(f, *node.ast, node.loc);
  for (const Declarator& d : static_cast<const LocalVarNode&>(node).declarators) {
    Value v = d.init ? d.init->eval(ev, f) : Value();
    (d.isStatic ? ev.staticSlot(d.slot) : f.locals[d.slot]) = std::move(v);
  }
  return Completion::Normal;
}

struct ExprStmtNode : StmtNode {
  const ExprNode* expr;  // the value of a return or throw; may be null
};

Completion execExpression(const StmtNode& node, Evaluator& ev, Frame& f) {
  ev.enter(f, *node.ast, node.loc);
  static_cast<const ExprStmtNode&>(node).expr->eval(ev, f);
  return Completion::Normal;
}

// ------------------------------------------------------------------ jumps

Completion execReturn(const StmtNode& node, Evaluator& ev, Frame& f) {
  ev.enter(f, *node.ast, node.loc);
  const ExprNode* value = static_cast<const ExprStmtNode&>(node).expr;
  ev.returnValue() = value ? value->eval(ev, f) : Value();
  return Completion::Return;
}

template <Completion C>
Completion execJump(const StmtNode& node, Evaluator& ev, Frame& f) {
  ev.enter(f, *node.ast, node.loc);
  return C;
}

Completion execThrow(const StmtNode& node, Evaluator& ev, Frame& f) {
  ev.enter(f, *node.ast, node.loc);
  Value e = static_cast<const ExprStmtNode&>(node).expr->eval(ev, f);
  if (e.isNull()) ev.vm().raiseNullPointer();
  ev.vm().log().exceptionThrown(node.loc.line, ev.vm().debugString(e));
  throw ApexThrow{std::move(e)};
}

// --------------------------------------------------------------- branches

struct IfNode : StmtNode {
  const ExprNode* condition;
  const StmtNode* thenBranch;
  const StmtNode* elseBranch;  // may be null
};

Completion execIf(const StmtNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const IfNode&>(node);
  ev.enter(f, *n.ast, n.loc);
  if (n.condition->test(ev, f)) return n.thenBranch->exec(ev, f);
  if (n.elseBranch) return n.elseBranch->exec(ev, f);
  return Completion::Normal;
}

// ------------------------------------------------------------------ loops

// Whether a loop stops after its body completed with `c`; a return leaves
// through `*out`.
bool leaves(Completion c, Completion* out) {
  if (c == Completion::Break) return true;
  if (c == Completion::Return) {
    *out = c;
    return true;
  }
  return false;
}

struct WhileNode : StmtNode {
  const ExprNode* condition;
  const StmtNode* body;
};

Completion execWhile(const StmtNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const WhileNode&>(node);
  ev.enter(f, *n.ast, n.loc);
  Completion out = Completion::Normal;
  while (true) {
    f.statement = n.loc;
    if (!n.condition->test(ev, f)) break;
    ev.tickCpu();
    if (leaves(n.body->exec(ev, f), &out)) break;
  }
  return out;
}

Completion execDoWhile(const StmtNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const WhileNode&>(node);
  ev.enter(f, *n.ast, n.loc);
  Completion out = Completion::Normal;
  do {
    ev.tickCpu();
    if (leaves(n.body->exec(ev, f), &out)) break;
    f.statement = n.loc;
  } while (n.condition->test(ev, f));
  return out;
}

struct ForNode : StmtNode {
  const StmtNode* initDecl;  // may be null
  ExprList initExprs;
  const ExprNode* condition;  // may be null
  ExprList updates;
  const StmtNode* body;
};

void startFor(const ForNode& n, Evaluator& ev, Frame& f) {
  ev.enter(f, *n.ast, n.loc);
  if (n.initDecl) n.initDecl->exec(ev, f);
  for (const ExprNode* e : n.initExprs) e->eval(ev, f);
}

// A for loop: its test before each iteration, its step after each.
template <class Test, class Step>
Completion runFor(const ForNode& n, Evaluator& ev, Frame& f, Test&& test, Step&& step) {
  startFor(n, ev, f);
  Completion out = Completion::Normal;
  while (true) {
    f.statement = n.loc;
    if (!test()) break;
    ev.tickCpu();
    if (leaves(n.body->exec(ev, f), &out)) break;
    f.statement = n.loc;
    step();
  }
  return out;
}

Completion execFor(const StmtNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const ForNode&>(node);
  return runFor(
      n, ev, f, [&] { return !n.condition || n.condition->test(ev, f); },
      [&] {
        for (const ExprNode* e : n.updates) e->eval(ev, f);
      });
}

// `for (...; i < n; i++)` (or `<=`, `++i`) on an Integer local `i` and a
// constant or local bound: the test and the step without node calls, with
// the same rules (a null `i` or bound ends the loop; stepping a null `i`
// raises NullPointerException; the step wraps).
struct CountedForm {
  int slot;
  int boundSlot;  // -1: the bound is `bound`
  int32_t bound;
  bool inclusive;  // `<=`
};

struct CountedForNode : ForNode {
  CountedForm form;
};

template <bool Inclusive>
bool inRange(const CountedForm& n, Frame& f) {
  const Value& i = f.locals[n.slot];
  if (i.isNull()) return false;
  int32_t bound = n.bound;
  if (n.boundSlot >= 0) {
    const Value& b = f.locals[n.boundSlot];
    if (b.isNull()) return false;
    bound = b.asInt();
  }
  return Inclusive ? i.asInt() <= bound : i.asInt() < bound;
}

template <bool Inclusive>
Completion execCountedFor(const StmtNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const CountedForNode&>(node);
  return runFor(
      n, ev, f, [&] { return inRange<Inclusive>(n.form, f); },
      [&] {
        Value& i = f.locals[n.form.slot];
        if (i.isNull()) ev.vm().raiseNullPointer();
        i = Value::integer(IntegerKind::wrapAdd(i.asInt(), 1));
      });
}

struct ForEachNode : StmtNode {
  const ExprNode* iterable;
  const StmtNode* body;
  int slot;
};

template <class C>
Completion iterate(const ForEachNode& n, C* collection, const std::vector<Value>& items, Evaluator& ev, Frame& f) {
  IterationGuard<C> guard(collection);
  Completion out = Completion::Normal;
  for (size_t i = 0; i < items.size(); ++i) {
    ev.tickCpu();
    f.locals[n.slot] = items[i];
    if (leaves(n.body->exec(ev, f), &out)) break;
  }
  return out;
}

// Lists and sets run the compiled body; a SOQL loop's batches and an
// Iterable's iterator run through the Evaluator.
Completion execForEach(const StmtNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const ForEachNode&>(node);
  const auto& s = n.ast->as<ForEachStmt>();
  ev.enter(f, s, n.loc);
  Value collection = n.iterable->eval(ev, f);
  if (collection.isNull()) ev.vm().raiseNullPointer();
  if (s.soqlBatches) return ev.forEachBatch(s, collection);
  switch (collection.tag()) {
    case Tag::List: {
      auto* list = collection.as<ListObj>();
      return iterate(n, list, list->items, ev, f);
    }
    case Tag::Set: {
      auto* set = collection.as<SetObj>();
      return iterate(n, set, set->table.keys(), ev, f);
    }
    case Tag::Instance: return ev.iterateIterable(s, collection);
    default: ev.vm().raise(errors::LoopNeedsCollection);
  }
}

// ------------------------------------------------- switch, try and catch

// A switch: the body of each `when`, in order.
struct SwitchNode : StmtNode {
  const ExprNode* subject;
  StmtList bodies;
};

Completion execSwitch(const StmtNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const SwitchNode&>(node);
  const auto& s = n.ast->as<SwitchStmt>();
  ev.enter(f, s, n.loc);
  const WhenClause* w = ev.selectWhen(s, n.subject->eval(ev, f));
  return w ? n.bodies[size_t(w - s.whens.data())]->exec(ev, f) : Completion::Normal;
}

struct TryNode : StmtNode {
  const StmtNode* body;
  StmtList handlers;  // one per catch clause
  const StmtNode* finallyBlock;  // may be null
};

// Each part guarded, so that Decimal's failures inside the try become Apex
// exceptions it can catch.
class CompiledTry final : public Evaluator::TryParts {
 public:
  CompiledTry(const TryNode& n, Evaluator& ev, Frame& f) : n_(n), ev_(ev), f_(f) {}
  Completion body() override { return ev_.runGuarded(*n_.body, f_); }
  Completion handler(size_t clause) override { return ev_.runGuarded(*n_.handlers[clause], f_); }
  Completion finallyBlock() override { return ev_.runGuarded(*n_.finallyBlock, f_); }

 private:
  const TryNode& n_;
  Evaluator& ev_;
  Frame& f_;
};

Completion execTry(const StmtNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const TryNode&>(node);
  const auto& s = n.ast->as<TryStmt>();
  ev.enter(f, s, n.loc);
  CompiledTry parts(n, ev, f);
  return ev.runTry(s, parts);
}

// ------------------------------------------------------------- compilers

const StmtNode* compileLocalVar(Compiler& c, const LocalVarStmt& s) {
  std::span<Declarator> declarators = c.array<Declarator>(s.declarators.size());
  for (size_t i = 0; i < declarators.size(); ++i) {
    const VarDeclarator& d = s.declarators[i];
    declarators[i] = Declarator{d.init ? c.expr(*d.init) : nullptr, d.slot, d.isStatic};
  }
  return c.make<LocalVarNode>(StmtNode{&execLocalVar, &s, s.loc}, declarators);
}

// The slot of `e` when it is an Integer local.
std::optional<int> integerLocal(const Expr& e) {
  if (e.kind != ExprKind::Name || !e.type || e.type->kind != sema::TypeKind::Integer) return std::nullopt;
  const Binding& b = e.as<NameExpr>().binding;
  if (b.kind != BindingKind::Local) return std::nullopt;
  return b.slot;
}

// A counted loop's form, when `s` has it.
std::optional<CountedForm> countedForm(const ForStmt& s) {
  if (!s.condition || s.condition->kind != ExprKind::Binary || s.updates.size() != 1) return std::nullopt;
  const auto& test = s.condition->as<BinaryExpr>();
  bool lessThan = test.op == BinaryOp::Lt || test.op == BinaryOp::Le;
  if (!lessThan || !test.operandType || test.operandType->kind != sema::TypeKind::Integer) return std::nullopt;
  std::optional<int> slot = integerLocal(*test.left);
  const Expr& step = *s.updates.front();
  if (!slot || step.kind != ExprKind::IncDec || !step.as<IncDecExpr>().increment) return std::nullopt;
  if (integerLocal(*step.as<IncDecExpr>().target) != slot) return std::nullopt;
  CountedForm form{*slot, -1, 0, test.op == BinaryOp::Le};
  std::optional<Value> constant = constantOf(*test.right);
  if (constant && constant->tag() == Tag::Integer) form.bound = constant->asInt();
  else if (std::optional<int> boundSlot = integerLocal(*test.right)) form.boundSlot = *boundSlot;
  else return std::nullopt;
  return form;
}

const StmtNode* compileFor(Compiler& c, const ForStmt& s) {
  std::optional<CountedForm> counted = countedForm(s);
  ForNode loop{StmtNode{&execFor, &s, s.loc}, s.initDecl ? c.stmt(*s.initDecl) : nullptr, c.exprs(s.initExprs),
               nullptr, {}, nullptr};
  if (!counted) {
    loop.condition = s.condition ? c.expr(*s.condition) : nullptr;
    loop.updates = c.exprs(s.updates);
  }
  loop.body = c.stmt(*s.body);
  if (!counted) return c.make<ForNode>(loop);
  loop.execFn = counted->inclusive ? &execCountedFor<true> : &execCountedFor<false>;
  return c.make<CountedForNode>(loop, *counted);
}

const StmtNode* compileSwitch(Compiler& c, const SwitchStmt& s) {
  const ExprNode* subject = c.expr(*s.subject);
  std::span<const StmtNode*> bodies = c.array<const StmtNode*>(s.whens.size());
  for (size_t i = 0; i < bodies.size(); ++i) bodies[i] = compileBareBlock(c, *s.whens[i].body);
  return c.make<SwitchNode>(StmtNode{&execSwitch, &s, s.loc}, subject, bodies);
}

// The try's blocks run as the tree walk runs them: as bodies, not as
// statements of their own.
const StmtNode* compileTry(Compiler& c, const TryStmt& s) {
  const StmtNode* body = compileBareBlock(c, *s.body);
  std::span<const StmtNode*> handlers = c.array<const StmtNode*>(s.catches.size());
  for (size_t i = 0; i < handlers.size(); ++i) handlers[i] = compileBareBlock(c, *s.catches[i].body);
  const StmtNode* finallyBlock = s.finallyBlock ? compileBareBlock(c, *s.finallyBlock) : nullptr;
  return c.make<TryNode>(StmtNode{&execTry, &s, s.loc}, body, handlers, finallyBlock);
}

const StmtNode* compileValueStmt(Compiler& c, const Stmt& s, ExecFn fn, const Expr* value) {
  return c.make<ExprStmtNode>(StmtNode{fn, &s, s.loc}, value ? c.expr(*value) : nullptr);
}

}  // namespace

const StmtNode* compileBareBlock(Compiler& c, const BlockStmt& b) {
  return c.make<BlockNode>(StmtNode{&execBareBlock, &b, b.loc}, c.statements(b));
}

const StmtNode* compileStmt(Compiler& c, const Stmt& s) {
  switch (s.kind) {
    case StmtKind::Block:
      return c.make<BlockNode>(StmtNode{&execBlock, &s, s.loc}, c.statements(s.as<BlockStmt>()));
    case StmtKind::LocalVar: return compileLocalVar(c, s.as<LocalVarStmt>());
    case StmtKind::Expression: return compileValueStmt(c, s, &execExpression, s.as<ExprStmt>().expr.get());
    case StmtKind::Return: return compileValueStmt(c, s, &execReturn, s.as<ReturnStmt>().value.get());
    case StmtKind::Throw: return compileValueStmt(c, s, &execThrow, s.as<ThrowStmt>().value.get());
    case StmtKind::Break: return c.make<StmtNode>(&execJump<Completion::Break>, &s, s.loc);
    case StmtKind::Continue: return c.make<StmtNode>(&execJump<Completion::Continue>, &s, s.loc);
    case StmtKind::Empty: return c.make<StmtNode>(&execJump<Completion::Normal>, &s, s.loc);
    case StmtKind::If: {
      const auto& i = s.as<IfStmt>();
      const ExprNode* condition = c.expr(*i.condition);
      const StmtNode* thenBranch = c.stmt(*i.thenBranch);
      return c.make<IfNode>(StmtNode{&execIf, &s, s.loc}, condition, thenBranch,
                            i.elseBranch ? c.stmt(*i.elseBranch) : nullptr);
    }
    case StmtKind::While: {
      const auto& w = s.as<WhileStmt>();
      const ExprNode* condition = c.expr(*w.condition);
      return c.make<WhileNode>(StmtNode{&execWhile, &s, s.loc}, condition, c.stmt(*w.body));
    }
    case StmtKind::DoWhile: {
      const auto& d = s.as<DoWhileStmt>();
      const StmtNode* body = c.stmt(*d.body);
      return c.make<WhileNode>(StmtNode{&execDoWhile, &s, s.loc}, c.expr(*d.condition), body);
    }
    case StmtKind::For: return compileFor(c, s.as<ForStmt>());
    case StmtKind::ForEach: {
      const auto& fe = s.as<ForEachStmt>();
      const ExprNode* iterable = c.expr(*fe.iterable);
      return c.make<ForEachNode>(StmtNode{&execForEach, &s, s.loc}, iterable, c.stmt(*fe.body), fe.slot);
    }
    case StmtKind::Switch: return compileSwitch(c, s.as<SwitchStmt>());
    case StmtKind::Try: return compileTry(c, s.as<TryStmt>());
    default: return nullptr;  // DML, System.runAs
  }
}

}  // namespace apex::interp
