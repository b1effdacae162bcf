// Compiled calls: user static methods, user instance methods (virtual
// dispatch cached per call site), constructor chains `this(...)` and
// `super(...)` told apart when compiling, natives, and `new` of a class.
// Arguments are evaluated straight into the callee's frame slots; the
// callee runs through Evaluator::run, which keeps the stack-depth and CPU
// limits and the frame its statements report their places in.
#include <array>

#include "interp/code.h"

namespace apex::interp {

using namespace apex::ast;

namespace {

// Argument values for a native or a constructor: inline up to a few.
class Arguments {
 public:
  explicit Arguments(size_t count) {
    if (count > kInline) spilled_.resize(count);
    values_ = count > kInline ? spilled_.data() : inline_.data();
  }
  Arguments(const Arguments&) = delete;
  Arguments& operator=(const Arguments&) = delete;
  Value* data() { return values_; }

 private:
  static constexpr size_t kInline = 6;
  std::array<Value, kInline> inline_;
  std::vector<Value> spilled_;
  Value* values_;
};

void evaluateInto(ExprList args, Value* out, Evaluator& ev, Frame& f) {
  for (size_t i = 0; i < args.size(); ++i) out[i] = args[i]->eval(ev, f);
}

// ------------------------------------------------------------ user methods

struct CallNode : ExprNode {
  const ExprNode* target;  // the receiver; null for `this` and static methods
  ExprList args;
  const sema::MethodSymbol* method;
  // The implementation the last receiver's class had: a call site sees one
  // class almost always.
  mutable const sema::ClassSymbol* seenClass = nullptr;
  mutable const sema::MethodSymbol* seenTarget = nullptr;

  const sema::MethodSymbol* dispatch(Evaluator& ev, const sema::ClassSymbol* cls) const {
    if (cls != seenClass) {
      seenTarget = ev.dispatch(cls, method);
      seenClass = cls;
    }
    return seenTarget;
  }
};

Value runWithArguments(const CallNode& n, const sema::MethodSymbol& m, const Value& self, Evaluator& ev, Frame& f) {
  Evaluator::LocalsRegion region(ev.vm(), m.localCount);
  evaluateInto(n.args, region.data(), ev, f);
  return ev.run(m, self, region.data());
}

Value callStatic(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const CallNode&>(node);
  return runWithArguments(n, *n.method, Value(), ev, f);
}

// The receiver's implementation (or, for `super.m()`, the one named), a
// stub's provider, or Object's native for an interface method left to it.
template <bool SuperCall>
Value callInstance(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const CallNode&>(node);
  Value self = n.target ? n.target->eval(ev, f) : f.self;
  if (self.isNull()) ev.vm().raiseNullPointer();
  const sema::ClassSymbol* cls = self.as<InstanceObj>()->cls;
  const auto& call = n.ast->as<CallExpr>();
  if (cls->stubbedClass && Interp::isStubbed(*n.method)) return ev.callStubbed(call, self, *n.method);
  const sema::MethodSymbol* m = SuperCall ? n.method : n.dispatch(ev, cls);
  if (!m->body) return ev.callObjectMethod(call, self, *m);
  return runWithArguments(n, *m, self, ev, f);
}

// `this(...)` or `super(...)`: the arguments, then the chained constructor.
Value callChain(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const CallNode&>(node);
  Arguments args(n.args.size());
  evaluateInto(n.args, args.data(), ev, f);
  ev.chain(n.ast->as<CallExpr>(), args.data(), int(n.args.size()));
  return Value();
}

const ExprNode* compileChainCall(Compiler& c, const CallExpr& e) {
  return c.make<CallNode>(ExprNode{&callChain, &testValue, &e}, nullptr, c.exprs(e.args), e.method);
}

const ExprNode* compileUserCall(Compiler& c, const CallExpr& e) {
  const sema::MethodSymbol& m = *e.method;
  EvalFn fn = nullptr;
  if (m.isStatic && m.body && !m.isFuture) fn = &callStatic;
  else if (!m.isStatic && !hasNullSafeLink(e)) fn = e.isSuperCall ? &callInstance<true> : &callInstance<false>;
  if (!fn) return nullptr;
  const ExprNode* target = !m.isStatic && e.target ? c.expr(*e.target) : nullptr;
  return c.make<CallNode>(ExprNode{fn, &testValue, &e}, target, c.exprs(e.args), &m);
}

// ----------------------------------------------------------------- natives

struct NativeNode : ExprNode {
  const ExprNode* receiver;  // an instance native's; null for a static one
  ExprList args;
  sema::NativeFn fn;
};

Value callNative(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const NativeNode&>(node);
  size_t first = n.receiver ? 1 : 0;
  Arguments args(first + n.args.size());
  if (n.receiver) {
    args.data()[0] = n.receiver->eval(ev, f);
    if (args.data()[0].isNull()) ev.vm().raiseNullPointer();
  }
  evaluateInto(n.args, args.data() + first, ev, f);
  return n.fn(ev.vm(), args.data(), int(first + n.args.size()));
}

const ExprNode* compileNativeCall(Compiler& c, const CallExpr& e) {
  const sema::NativeMethod& native = *e.native;
  // Natives that read the caller's variables keep the Evaluator's scope.
  if (e.callerVariables || hasNullSafeLink(e) || (!native.isStatic && !e.target)) return nullptr;
  const ExprNode* receiver = native.isStatic ? nullptr : c.expr(*e.target);
  return c.make<NativeNode>(ExprNode{&callNative, &testValue, &e}, receiver, c.exprs(e.args), native.def->fn);
}

// --------------------------------------------------------------------- new

struct NewNode : ExprNode {
  ExprList args;
  const sema::ClassSymbol* cls;
  const sema::MethodSymbol* constructor;  // null: none declared
};

Value newInstance(const ExprNode& node, Evaluator& ev, Frame& f) {
  const auto& n = static_cast<const NewNode&>(node);
  Arguments args(n.args.size());
  evaluateInto(n.args, args.data(), ev, f);
  return ev.instantiate(*n.cls, n.constructor, args.data(), int(n.args.size()));
}

}  // namespace

const ExprNode* compileCall(Compiler& c, const CallExpr& e) {
  if (e.native) return compileNativeCall(c, e);
  if (e.enumClass || e.sobjectToken) return nullptr;  // values(), valueOf(), a record's getSObjectType()
  if (isChainCall(e)) return compileChainCall(c, e);
  return compileUserCall(c, e);
}

const ExprNode* compileNew(Compiler& c, const NewExpr& e) {
  const sema::Type* t = e.type;
  if (t->kind != sema::TypeKind::Class || e.nativeConstructor) return nullptr;
  return c.make<NewNode>(ExprNode{&newInstance, &testValue, &e}, c.exprs(e.args), t->cls, e.constructor);
}

}  // namespace apex::interp
