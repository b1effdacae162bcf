// Compiled constants and places: a local's slot, a static's slot, a field
// of `this` or of another object, a list's element. Reads, assignments,
// ++/-- and compound assignment on them; the numeric forms are specialized
// by static type.
#include "interp/code.h"
#include "interp/code_numbers.h"

namespace apex::interp {

using namespace apex::ast;
using sema::TypeKind;

namespace {

// ------------------------------------------------------------- constants

struct ConstNode : ExprNode {
  Value value;
};

Value evalConst(const ExprNode& n, Evaluator&, Frame&) { return static_cast<const ConstNode&>(n).value; }

// A String or Decimal literal: one heap value per transaction.
Value evalPooled(const ExprNode& n, Evaluator& ev, Frame&) { return ev.literal(n.ast->as<LiteralExpr>()); }

// ----------------------------------------------------------------- places

enum class Place : uint8_t { Local, Static, ThisField };

struct PlaceNode : ExprNode {
  Place place;
  int slot;
  const sema::ClassSymbol* owner;  // of a static: initialized on first use
};

template <Place P>
Value& slotOf(const PlaceNode& n, Evaluator& ev, Frame& f) {
  if constexpr (P == Place::Local) {
    return f.locals[n.slot];
  } else if constexpr (P == Place::Static) {
    ev.initialize(n.owner);
    return ev.staticSlot(n.slot);
  } else {
    return f.self.as<InstanceObj>()->fields[size_t(n.slot)];
  }
}

template <Place P>
Value readPlace(const ExprNode& n, Evaluator& ev, Frame& f) {
  return slotOf<P>(static_cast<const PlaceNode&>(n), ev, f);
}

// Picks the instantiation of `Fn<P>` for a place known when compiling.
template <template <Place> class Fn>
auto byPlace(Place p) {
  switch (p) {
    case Place::Local: return Fn<Place::Local>::value;
    case Place::Static: return Fn<Place::Static>::value;
    default: return Fn<Place::ThisField>::value;
  }
}

template <Place P>
struct ReadFn {
  static constexpr EvalFn value = &readPlace<P>;
};

// The place an expression names, when it is one compiled code keeps:
// a local, a static (also as `Type.name`), a field of `this`.
std::optional<PlaceNode> placeOf(const Expr& e) {
  const Binding* b = nullptr;
  bool ofThis = true;
  if (e.kind == ExprKind::Name) {
    b = &e.as<NameExpr>().binding;
  } else if (e.kind == ExprKind::Member) {
    const auto& m = e.as<MemberExpr>();
    b = &m.binding;
    ofThis = m.target->kind == ExprKind::This;
  }
  if (!b) return std::nullopt;
  switch (b->kind) {
    case BindingKind::Local:
      if (e.kind != ExprKind::Name) break;
      return PlaceNode{{nullptr, &testValue, &e}, Place::Local, b->slot, nullptr};
    case BindingKind::StaticField: return PlaceNode{{nullptr, &testValue, &e}, Place::Static, b->slot, b->owner};
    case BindingKind::InstanceField:
      if (!ofThis) break;
      return PlaceNode{{nullptr, &testValue, &e}, Place::ThisField, b->slot, nullptr};
    default: break;
  }
  return std::nullopt;
}

// ----------------------------------------------------- fields of an object

// `target.field`: the target evaluated, null raising NullPointerException.
struct FieldNode : ExprNode {
  const ExprNode* target;
  int slot;
};

InstanceObj* objectOf(const Value& target, Evaluator& ev) {
  if (target.isNull()) ev.vm().raiseNullPointer();
  return target.as<InstanceObj>();
}

Value readField(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const FieldNode&>(node);
  Value target = n.target->eval(ev, f);
  return objectOf(target, ev)->fields[size_t(n.slot)];
}

// ------------------------------------------------------- list elements

// `list[i]`: the list, then the index.
struct ElementNode : ExprNode {
  const ExprNode* list;
  const ExprNode* index;
};

Value readElement(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const ElementNode&>(node);
  Value list = n.list->eval(ev, f);
  Value i = n.index->eval(ev, f);
  return ev.element(list, i);
}

// -------------------------------------------------------------- assignment

struct AssignNode : ExprNode {
  PlaceNode target;
  const ExprNode* value;
};

template <Place P>
Value assignPlace(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const AssignNode&>(node);
  Value v = n.value->eval(ev, f);
  slotOf<P>(n.target, ev, f) = v;
  return v;
}

template <Place P>
struct AssignFn {
  static constexpr EvalFn value = &assignPlace<P>;
};

// `target.field = value`: the value first, then the target, as the
// Evaluator stores.
struct AssignFieldNode : ExprNode {
  const ExprNode* target;
  int slot;
  const ExprNode* value;
};

Value assignField(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const AssignFieldNode&>(node);
  Value v = n.value->eval(ev, f);
  Value target = n.target->eval(ev, f);
  objectOf(target, ev)->fields[size_t(n.slot)] = v;
  return v;
}

// `list[i] = value`: the value first, then the list and the index, as the
// Evaluator stores.
struct AssignElementNode : ExprNode {
  ElementNode target;
  const ExprNode* value;
};

Value assignElement(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const AssignElementNode&>(node);
  Value v = n.value->eval(ev, f);
  Value list = n.target.list->eval(ev, f);
  Value i = n.target.index->eval(ev, f);
  ev.element(list, i) = v;
  return v;
}

// `x op= y` in the type of x, y already converted to it by the resolver:
// x is read before y runs, and null in either raises NullPointerException.
// The slot stays where it is while y runs (frames' locals, statics and an
// object's fields never move).
template <Place P, class K, BinaryOp Op>
Value compoundPlace(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const AssignNode&>(node);
  Value& slot = slotOf<P>(n.target, ev, f);
  bool currentNull = slot.isNull();
  typename K::Type current = K::get(slot);
  Value operand = n.value->eval(ev, f);
  if (currentNull || operand.isNull()) ev.vm().raiseNullPointer();
  typename K::Type result = applyArithmetic<K, Op>(ev.vm(), current, K::get(operand));
  slot = K::make(result);
  return K::make(result);
}

const ExprNode* compileCompound(Compiler& c, const AssignExpr& e, const PlaceNode& target) {
  if (!e.operandType || e.target->type != e.operandType) return nullptr;
  EvalFn fn = nullptr;
  withArithmetic(e.operandType, e.op, [&]<class K, BinaryOp Op>() {
    switch (target.place) {
      case Place::Local: fn = &compoundPlace<Place::Local, K, Op>; break;
      case Place::Static: fn = &compoundPlace<Place::Static, K, Op>; break;
      case Place::ThisField: fn = &compoundPlace<Place::ThisField, K, Op>; break;
    }
  });
  if (!fn) return nullptr;
  return c.make<AssignNode>(ExprNode{fn, &testValue, &e}, target, c.expr(*e.value));
}

// --------------------------------------------------------------- ++ and --

template <Place P, class K, bool Increment, bool Prefix>
Value incDecPlace(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const PlaceNode&>(node);
  Value& slot = slotOf<P>(n, ev, f);
  if (slot.isNull()) ev.vm().raiseNullPointer();
  typename K::Type old = K::get(slot);
  typename K::Type one = 1;
  typename K::Type updated = Increment ? K::wrapAdd(old, one) : K::wrapSub(old, one);
  slot = K::make(updated);
  return K::make(Prefix ? updated : old);
}

template <class K, bool Increment, bool Prefix>
EvalFn incDecFor(Place p) {
  switch (p) {
    case Place::Local: return &incDecPlace<Place::Local, K, Increment, Prefix>;
    case Place::Static: return &incDecPlace<Place::Static, K, Increment, Prefix>;
    default: return &incDecPlace<Place::ThisField, K, Increment, Prefix>;
  }
}

template <class K>
EvalFn incDecOfKind(Place p, bool increment, bool prefix) {
  if (increment) return prefix ? incDecFor<K, true, true>(p) : incDecFor<K, true, false>(p);
  return prefix ? incDecFor<K, false, true>(p) : incDecFor<K, false, false>(p);
}

}  // namespace

// ------------------------------------------------------------ compilers

std::optional<Value> constantOf(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Literal: {
      const auto& l = e.as<LiteralExpr>();
      switch (l.literal) {
        case LiteralKind::Null: return Value();
        case LiteralKind::Boolean: return Value::boolean(l.boolValue);
        case LiteralKind::Integer: return Value::integer(int32_t(l.intValue));
        case LiteralKind::Long: return Value::longValue(l.intValue);
        case LiteralKind::Double: return Value::doubleValue(l.doubleValue);
        default: return std::nullopt;  // pooled per transaction
      }
    }
    case ExprKind::Name:
    case ExprKind::Member: {
      const Binding& b = e.kind == ExprKind::Name ? e.as<NameExpr>().binding : e.as<MemberExpr>().binding;
      if (b.kind == BindingKind::EnumConstant) return Value::enumValue(b.owner, uint32_t(b.slot));
      return std::nullopt;
    }
    case ExprKind::Cast: {
      const auto& cast = e.as<CastExpr>();
      std::optional<Value> v = constantOf(*cast.operand);
      if (!cast.implicit || !v) return std::nullopt;
      if (v->tag() == Tag::Integer && cast.targetType->kind == TypeKind::Long) return Value::longValue(v->asInt());
      if (v->tag() == Tag::Integer && cast.targetType->kind == TypeKind::Double) return Value::doubleValue(v->asInt());
      if (v->tag() == Tag::Long && cast.targetType->kind == TypeKind::Double)
        return Value::doubleValue(double(v->asLong()));
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

const ExprNode* constantNode(Compiler& c, const Expr& e, Value constant) {
  return c.make<ConstNode>(ExprNode{&evalConst, &testValue, &e}, std::move(constant));
}

const ExprNode* compileLiteral(Compiler& c, const LiteralExpr& e) {
  if (std::optional<Value> k = constantOf(e)) return constantNode(c, e, *k);
  return c.make<ExprNode>(&evalPooled, &testValue, &e);
}

const ExprNode* compileName(Compiler& c, const NameExpr& e) {
  if (std::optional<Value> k = constantOf(e)) return constantNode(c, e, *k);
  std::optional<PlaceNode> p = placeOf(e);
  if (!p) return nullptr;  // properties
  p->evalFn = byPlace<ReadFn>(p->place);
  return c.make<PlaceNode>(*p);
}

const ExprNode* compileMember(Compiler& c, const MemberExpr& e) {
  if (std::optional<Value> k = constantOf(e)) return constantNode(c, e, *k);
  if (std::optional<PlaceNode> p = placeOf(e)) {
    p->evalFn = byPlace<ReadFn>(p->place);
    return c.make<PlaceNode>(*p);
  }
  if (e.binding.kind != BindingKind::InstanceField || hasNullSafeLink(e)) return nullptr;
  return c.make<FieldNode>(ExprNode{&readField, &testValue, &e}, c.expr(*e.target), e.binding.slot);
}

const ExprNode* compileIndex(Compiler& c, const IndexExpr& e) {
  return c.make<ElementNode>(ExprNode{&readElement, &testValue, &e}, c.expr(*e.target), c.expr(*e.index));
}

namespace {

Value evalThis(const ExprNode&, Evaluator&, Frame& f) { return f.self; }

}  // namespace

const ExprNode* compileThis(Compiler& c, const Expr& e) { return c.make<ExprNode>(&evalThis, &testValue, &e); }

const ExprNode* compileAssign(Compiler& c, const AssignExpr& e) {
  std::optional<PlaceNode> target = placeOf(*e.target);
  if (e.compound) return target ? compileCompound(c, e, *target) : nullptr;
  if (target) return c.make<AssignNode>(ExprNode{byPlace<AssignFn>(target->place), &testValue, &e}, *target,
                                        c.expr(*e.value));
  if (e.target->kind == ExprKind::Index) {
    const auto& ix = e.target->as<IndexExpr>();
    const ExprNode* value = c.expr(*e.value);
    ElementNode target{{&readElement, &testValue, &ix}, c.expr(*ix.target), c.expr(*ix.index)};
    return c.make<AssignElementNode>(ExprNode{&assignElement, &testValue, &e}, target, value);
  }
  if (e.target->kind != ExprKind::Member) return nullptr;
  const auto& m = e.target->as<MemberExpr>();
  if (m.binding.kind != BindingKind::InstanceField) return nullptr;
  const ExprNode* value = c.expr(*e.value);
  return c.make<AssignFieldNode>(ExprNode{&assignField, &testValue, &e}, c.expr(*m.target), m.binding.slot, value);
}

const ExprNode* compileIncDec(Compiler& c, const IncDecExpr& e) {
  std::optional<PlaceNode> p = placeOf(*e.target);
  if (!p || !e.type) return nullptr;
  switch (e.type->kind) {
    case TypeKind::Integer: p->evalFn = incDecOfKind<IntegerKind>(p->place, e.increment, e.prefix); break;
    case TypeKind::Long: p->evalFn = incDecOfKind<LongKind>(p->place, e.increment, e.prefix); break;
    case TypeKind::Double: p->evalFn = incDecOfKind<DoubleKind>(p->place, e.increment, e.prefix); break;
    default: return nullptr;
  }
  p->ast = &e;
  return c.make<PlaceNode>(*p);
}

}  // namespace apex::interp
