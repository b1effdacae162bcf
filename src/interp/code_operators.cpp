// Compiled operators. Integer, Long and Double arithmetic and comparisons
// are specialized by the operand type the resolver promoted both sides to,
// with a local or a constant operand read in place; every other operator
// evaluates its compiled operands and applies the Evaluator's rules
// (Evaluator::binaryValues, unaryValue, castValue).
#include "interp/code.h"
#include "interp/code_numbers.h"

namespace apex::interp {

using namespace apex::ast;
using sema::TypeKind;

namespace {

// ----------------------------------------------------- binary operators

// How an operand is read: evaluated, a local's slot, or a constant.
enum class Operand : uint8_t { Node, Local, Const };

struct BinaryNode : ExprNode {
  const ExprNode* left;
  const ExprNode* right;
  int leftSlot;
  int rightSlot;
  Value rightConst;
  BinaryOp op;
  const sema::Type* operandType;
};

template <Operand O>
decltype(auto) operand(const ExprNode* node, int slot, const Value& constant, Evaluator& ev, Frame& f) {
  if constexpr (O == Operand::Node) return node->eval(ev, f);
  else if constexpr (O == Operand::Local) return static_cast<const Value&>(f.locals[slot]);
  else return static_cast<const Value&>(constant);
}

// The left operand is read before the right one runs: a local is copied
// when the right side is code that could assign it.
template <Operand L, Operand R>
decltype(auto) leftOperand(const BinaryNode& n, Evaluator& ev, Frame& f) {
  if constexpr (L == Operand::Local && R == Operand::Node) return Value(f.locals[n.leftSlot]);
  else return operand<L>(n.left, n.leftSlot, n.rightConst, ev, f);
}

template <class K, BinaryOp Op, Operand L, Operand R>
Value arithmetic(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const BinaryNode&>(node);
  decltype(auto) l = leftOperand<L, R>(n, ev, f);
  decltype(auto) r = operand<R>(n.right, n.rightSlot, n.rightConst, ev, f);
  if (l.isNull() || r.isNull()) ev.vm().raiseNullPointer();
  return K::make(applyArithmetic<K, Op>(ev.vm(), K::get(l), K::get(r)));
}

// Comparisons as Evaluator::compare makes them on numbers: a null operand
// makes <, >, <= and >= false, and == and != compare as `==` does.
template <BinaryOp Op>
bool holds(int c) {
  if constexpr (Op == BinaryOp::Lt) return c < 0;
  else if constexpr (Op == BinaryOp::Gt) return c > 0;
  else if constexpr (Op == BinaryOp::Le) return c <= 0;
  else if constexpr (Op == BinaryOp::Ge) return c >= 0;
  else if constexpr (Op == BinaryOp::Eq) return c == 0;
  else return c != 0;
}

template <BinaryOp Op>
bool holdsForNull(Evaluator& ev, const Value& l, const Value& r) {
  if constexpr (Op == BinaryOp::Eq) return ev.vm().equalsOperator(l, r);
  else if constexpr (Op == BinaryOp::Ne) return !ev.vm().equalsOperator(l, r);
  else return false;
}

template <class K, BinaryOp Op, Operand L, Operand R>
bool comparisonTest(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const BinaryNode&>(node);
  decltype(auto) l = leftOperand<L, R>(n, ev, f);
  decltype(auto) r = operand<R>(n.right, n.rightSlot, n.rightConst, ev, f);
  if (l.isNull() || r.isNull()) return holdsForNull<Op>(ev, l, r);
  typename K::Type a = K::get(l), b = K::get(r);
  return holds<Op>((a > b) - (a < b));
}

template <class K, BinaryOp Op, Operand L, Operand R>
Value comparison(const ExprNode& node, Evaluator& ev, Frame& f) {
  return Value::boolean(comparisonTest<K, Op, L, R>(node, ev, f));
}

template <class K, BinaryOp Op, Operand L, Operand R>
struct ArithmeticFns {
  static constexpr EvalFn eval = &arithmetic<K, Op, L, R>;
  static constexpr TestFn test = &testValue;
};

template <class K, BinaryOp Op, Operand L, Operand R>
struct ComparisonFns {
  static constexpr EvalFn eval = &comparison<K, Op, L, R>;
  static constexpr TestFn test = &comparisonTest<K, Op, L, R>;
};

using Fns = std::pair<EvalFn, TestFn>;

// The instantiation of Node<K, Op, L, R> for the operands' forms.
template <template <class, BinaryOp, Operand, Operand> class Node, class K, BinaryOp Op>
Fns byOperands(Operand l, Operand r) {
  auto withLeft = [&]<Operand L>() -> Fns {
    switch (r) {
      case Operand::Node: return {Node<K, Op, L, Operand::Node>::eval, Node<K, Op, L, Operand::Node>::test};
      case Operand::Local: return {Node<K, Op, L, Operand::Local>::eval, Node<K, Op, L, Operand::Local>::test};
      default: return {Node<K, Op, L, Operand::Const>::eval, Node<K, Op, L, Operand::Const>::test};
    }
  };
  if (l == Operand::Local) return withLeft.template operator()<Operand::Local>();
  return withLeft.template operator()<Operand::Node>();
}

template <class K>
std::optional<Fns> comparisonOfKind(BinaryOp op, Operand l, Operand r) {
  switch (op) {
    case BinaryOp::Lt: return byOperands<ComparisonFns, K, BinaryOp::Lt>(l, r);
    case BinaryOp::Gt: return byOperands<ComparisonFns, K, BinaryOp::Gt>(l, r);
    case BinaryOp::Le: return byOperands<ComparisonFns, K, BinaryOp::Le>(l, r);
    case BinaryOp::Ge: return byOperands<ComparisonFns, K, BinaryOp::Ge>(l, r);
    case BinaryOp::Eq: return byOperands<ComparisonFns, K, BinaryOp::Eq>(l, r);
    case BinaryOp::Ne: return byOperands<ComparisonFns, K, BinaryOp::Ne>(l, r);
    default: return std::nullopt;
  }
}

// The specialized functions for `e`, when its operand type has them.
std::optional<Fns> specialized(const BinaryExpr& e, Operand l, Operand r) {
  std::optional<Fns> fns;
  withArithmetic(e.operandType, e.op, [&]<class K, BinaryOp Op>() { fns = byOperands<ArithmeticFns, K, Op>(l, r); });
  if (fns || !e.operandType) return fns;
  switch (e.operandType->kind) {
    case TypeKind::Integer: return comparisonOfKind<IntegerKind>(e.op, l, r);
    case TypeKind::Long: return comparisonOfKind<LongKind>(e.op, l, r);
    case TypeKind::Double: return comparisonOfKind<DoubleKind>(e.op, l, r);
    default: return std::nullopt;
  }
}

Value binaryByEvaluator(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const BinaryNode&>(node);
  Value l = n.left->eval(ev, f);
  Value r = n.right->eval(ev, f);
  return ev.binaryValues(n.op, l, r, n.operandType);
}

// How an operand can be read: a local or a constant in place, else by its node.
Operand formOf(const Expr& e, int* slot, Value* constant) {
  if (std::optional<Value> k = constantOf(e)) {
    *constant = *k;
    return Operand::Const;
  }
  if (e.kind == ExprKind::Name && e.as<NameExpr>().binding.kind == BindingKind::Local) {
    *slot = e.as<NameExpr>().binding.slot;
    return Operand::Local;
  }
  return Operand::Node;
}

// ------------------------------------------------------- unary operators

struct UnaryNode : ExprNode {
  const ExprNode* operand;
  UnaryOp op;
};

Value unaryByEvaluator(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const UnaryNode&>(node);
  return ev.unaryValue(n.op, n.operand->eval(ev, f));
}

bool notTest(const ExprNode& node, Evaluator& ev, Frame& f) {
  return !static_cast<const UnaryNode&>(node).operand->test(ev, f);
}

Value notValue(const ExprNode& node, Evaluator& ev, Frame& f) { return Value::boolean(notTest(node, ev, f)); }

// ----------------------------------------------- logical and conditional

struct PairNode : ExprNode {
  const ExprNode* left;
  const ExprNode* right;
};

bool andTest(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const PairNode&>(node);
  return n.left->test(ev, f) && n.right->test(ev, f);
}

bool orTest(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const PairNode&>(node);
  return n.left->test(ev, f) || n.right->test(ev, f);
}

template <TestFn Test>
Value testedValue(const ExprNode& node, Evaluator& ev, Frame& f) {
  return Value::boolean(Test(node, ev, f));
}

Value coalesce(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const PairNode&>(node);
  Value l = n.left->eval(ev, f);
  return l.isNull() ? n.right->eval(ev, f) : l;
}

struct ConditionalNode : ExprNode {
  const ExprNode* condition;
  const ExprNode* whenTrue;
  const ExprNode* whenFalse;
};

Value conditional(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const ConditionalNode&>(node);
  return n.condition->test(ev, f) ? n.whenTrue->eval(ev, f) : n.whenFalse->eval(ev, f);
}

bool conditionalTest(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const ConditionalNode&>(node);
  return n.condition->test(ev, f) ? n.whenTrue->test(ev, f) : n.whenFalse->test(ev, f);
}

// ------------------------------------------------------ casts, instanceof

struct CastNode : ExprNode {
  const ExprNode* operand;
  const sema::Type* target;
};

// Integer or Long to Long or Double (the widenings the resolver inserts,
// and casts between numbers), converted in place; any other value as
// Evaluator::convert does.
template <TypeKind To>
Value widen(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const CastNode&>(node);
  Value v = n.operand->eval(ev, f);
  if (v.tag() == Tag::Integer) return To == TypeKind::Long ? Value::longValue(v.asInt()) : Value::doubleValue(v.asInt());
  if constexpr (To == TypeKind::Double)
    if (v.tag() == Tag::Long) return Value::doubleValue(double(v.asLong()));
  return ev.convert(v, n.target, false);
}

Value castByEvaluator(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const CastNode&>(node);
  return ev.castValue(n.ast->as<CastExpr>(), n.operand->eval(ev, f));
}

Value instanceOf(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const CastNode&>(node);
  return Value::boolean(ev.vm().isInstanceOf(n.operand->eval(ev, f), n.target));
}

}  // namespace

// ------------------------------------------------------------ compilers

const ExprNode* compileBinary(Compiler& c, const BinaryExpr& e) {
  int leftSlot = -1, rightSlot = -1;
  Value constant, unused;
  Operand l = formOf(*e.left, &leftSlot, &unused);
  Operand r = formOf(*e.right, &rightSlot, &constant);
  if (l == Operand::Const) l = Operand::Node;  // a constant on the left is rare: its node returns it
  std::optional<Fns> fns = specialized(e, l, r);
  if (!fns) {
    l = r = Operand::Node;
    fns = Fns{&binaryByEvaluator, &testValue};
  }
  const ExprNode* left = l == Operand::Node ? c.expr(*e.left) : nullptr;
  const ExprNode* right = r == Operand::Node ? c.expr(*e.right) : nullptr;
  return c.make<BinaryNode>(ExprNode{fns->first, fns->second, &e}, left, right, leftSlot, rightSlot, constant, e.op,
                            e.operandType);
}

const ExprNode* compileUnary(Compiler& c, const UnaryExpr& e) {
  const ExprNode* operand = c.expr(*e.operand);
  if (e.op == UnaryOp::Not) return c.make<UnaryNode>(ExprNode{&notValue, &notTest, &e}, operand, e.op);
  return c.make<UnaryNode>(ExprNode{&unaryByEvaluator, &testValue, &e}, operand, e.op);
}

const ExprNode* compileLogical(Compiler& c, const LogicalExpr& e) {
  const ExprNode* left = c.expr(*e.left);
  const ExprNode* right = c.expr(*e.right);
  switch (e.op) {
    case LogicalOp::And: return c.make<PairNode>(ExprNode{&testedValue<&andTest>, &andTest, &e}, left, right);
    case LogicalOp::Or: return c.make<PairNode>(ExprNode{&testedValue<&orTest>, &orTest, &e}, left, right);
    default: return c.make<PairNode>(ExprNode{&coalesce, &testValue, &e}, left, right);
  }
}

const ExprNode* compileConditional(Compiler& c, const ConditionalExpr& e) {
  const ExprNode* condition = c.expr(*e.condition);
  const ExprNode* whenTrue = c.expr(*e.whenTrue);
  const ExprNode* whenFalse = c.expr(*e.whenFalse);
  return c.make<ConditionalNode>(ExprNode{&conditional, &conditionalTest, &e}, condition, whenTrue, whenFalse);
}

const ExprNode* compileCast(Compiler& c, const CastExpr& e) {
  const sema::Type* from = e.operand->type;
  const sema::Type* to = e.targetType;
  // A number cast to its own type is the number (null stays null).
  if (from == to && to->isNumeric() && !e.singleRow) return c.expr(*e.operand);
  if (std::optional<Value> k = constantOf(e)) return constantNode(c, e, *k);
  const ExprNode* operand = c.expr(*e.operand);
  EvalFn fn = &castByEvaluator;
  // Between numbers an explicit cast converts as an implicit one does.
  bool numeric = e.implicit || (from && from->isNumeric() && to->isNumeric());
  bool widening = numeric && !e.singleRow && from && (from->kind == TypeKind::Integer || from->kind == TypeKind::Long);
  if (widening && to->kind == TypeKind::Long) fn = &widen<TypeKind::Long>;
  if (widening && to->kind == TypeKind::Double) fn = &widen<TypeKind::Double>;
  return c.make<CastNode>(ExprNode{fn, &testValue, &e}, operand, to);
}

const ExprNode* compileInstanceOf(Compiler& c, const InstanceOfExpr& e) {
  return c.make<CastNode>(ExprNode{&instanceOf, &testValue, &e}, c.expr(*e.operand), e.testedType);
}

}  // namespace apex::interp
