// The evaluator: statements, expressions, calls and object construction.
#include "interp/eval.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "base/numfmt.h"
#include "base/temporal.h"
#include "interp/code.h"
#include "interp/dml.h"
#include "interp/errors.h"
#include "interp/heap_costs.h"
#include "interp/value_kinds.h"
#include "sema/program.h"

namespace apex::interp {

using namespace apex::ast;
using sema::ClassKind;
using sema::Type;
using sema::TypeKind;

// ------------------------------------------------------------------ frames

// Pushes a call frame and makes it current; restores the caller's on exit,
// whether the body returns or an Apex exception unwinds through it.
class Evaluator::FrameScope {
 public:
  FrameScope(Evaluator& ev, Frame frame) : ev_(ev), saved_(ev.frame_) {
    ev.vm_.frames_.push_back(std::move(frame));
    ev.frame_ = &ev.vm_.frames_.back();
  }
  ~FrameScope() {
    ev_.vm_.frames_.pop_back();
    ev_.frame_ = saved_;
  }
  FrameScope(const FrameScope&) = delete;
  FrameScope& operator=(const FrameScope&) = delete;

 private:
  Evaluator& ev_;
  Frame* saved_;
};

// Decimal arithmetic that would run for minutes fails at once with the CPU
// limit it would reach (apex::DecimalTooLong); a scale out of Java's range
// is its ArithmeticException, a MathException.
template <class F>
auto Evaluator::decimalChecked(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const DecimalTooLong&) {
    vm_.raiseLimit(Limit::CpuTime);
  } catch (const DecimalScaleOutOfRange& e) {
    if (e.underflow()) vm_.raise(errors::DecimalUnderflow);
    vm_.raise(errors::DecimalOverflow);
  }
}

Evaluator::Evaluator(Interp& vm)
    : vm_(vm), code_(CodeStore::of(vm.program_)), constants_(size_t(vm.program_.constantCount)) {}

Evaluator::~Evaluator() = default;

const BodyCode& Evaluator::compile(const sema::MethodSymbol& m) { return code_.method(m); }

Value Evaluator::run(const sema::MethodSymbol& m, const Value& self, Value* locals) {
  const BodyCode& code = codeOf(m);
  if (vm_.frames_.size() >= size_t(vm_.limits_.max(Limit::StackDepth))) vm_.raiseLimit(Limit::StackDepth);
  tickCpu();
  if (m.isStatic) initialize(m.owner);
  FrameScope scope(*this, Frame{&m, locals, self, m.loc});
  if (runBody(code) == Completion::Return) return std::move(returnValue_);
  return Value();
}

// Compiled statements leave Decimal's own failures to the body they are
// in, which turns them into Apex exceptions while their frame is current.
Completion Evaluator::runBody(const BodyCode& code) {
  return decimalChecked([&] { return code.body->exec(*this, *frame_); });
}

Completion Evaluator::runGuarded(const StmtNode& node, Frame& f) {
  return decimalChecked([&] { return node.exec(*this, f); });
}

Value Evaluator::call(const sema::MethodSymbol& m, const Value& self, const Value* args, int argc) {
  LocalsRegion region(vm_, m.localCount);
  for (int i = 0; i < argc; ++i) region.data()[i] = args[i];
  return run(m, self, region.data());
}

const sema::MethodSymbol* Evaluator::dispatch(const sema::ClassSymbol* receiver, const sema::MethodSymbol* m) {
  if (m->vtableIndex >= 0 && m->owner->kind == ClassKind::Class && size_t(m->vtableIndex) < receiver->vtable.size() &&
      receiver->vtable[size_t(m->vtableIndex)]->key == m->key)
    return receiver->vtable[size_t(m->vtableIndex)];
  for (const sema::MethodSymbol* v : receiver->vtable) {
    if (v->key == m->key && v->body) return v;
  }
  return m;
}

InstanceObj* Evaluator::self() { return frame_->self.as<InstanceObj>(); }

// -------------------------------------------------------------- statements

Completion Evaluator::block(const BlockStmt& b) {
  for (const StmtPtr& s : b.statements) {
    Completion c = exec(*s);
    if (c != Completion::Normal) return c;
  }
  return Completion::Normal;
}

bool Evaluator::truthy(const Expr& e) {
  Value v = eval(e);
  if (v.isNull()) vm_.raiseNullPointer();
  return v.asBool();
}

Completion Evaluator::exec(const Stmt& s) {
  return decimalChecked([&] { return execUnchecked(s); });
}

Completion Evaluator::execUnchecked(const Stmt& s) {
  frame_->statement = s.loc;
  if (vm_.coverage_) ++(*vm_.coverage_)[&s];
  switch (s.kind) {
    case StmtKind::Block: return block(s.as<BlockStmt>());
    case StmtKind::LocalVar:
      for (const VarDeclarator& d : s.as<LocalVarStmt>().declarators) {
        Value v = d.init ? eval(*d.init) : Value();
        (d.isStatic ? vm_.statics_[size_t(d.slot)] : frame_->locals[d.slot]) = std::move(v);
      }
      return Completion::Normal;
    case StmtKind::Expression: eval(*s.as<ExprStmt>().expr); return Completion::Normal;
    case StmtKind::If: {
      const auto& i = s.as<IfStmt>();
      if (truthy(*i.condition)) return exec(*i.thenBranch);
      if (i.elseBranch) return exec(*i.elseBranch);
      return Completion::Normal;
    }
    case StmtKind::For: return forLoop(s.as<ForStmt>());
    case StmtKind::ForEach: return forEach(s.as<ForEachStmt>());
    case StmtKind::While: {
      const auto& w = s.as<WhileStmt>();
      while (true) {
        frame_->statement = s.loc;
        if (!truthy(*w.condition)) break;
        if (vm_.limits_.tickExceedsCpu()) vm_.raiseLimit(Limit::CpuTime);
        Completion c = exec(*w.body);
        if (c == Completion::Break) break;
        if (c == Completion::Return) return c;
      }
      return Completion::Normal;
    }
    case StmtKind::DoWhile: {
      const auto& d = s.as<DoWhileStmt>();
      do {
        if (vm_.limits_.tickExceedsCpu()) vm_.raiseLimit(Limit::CpuTime);
        Completion c = exec(*d.body);
        if (c == Completion::Break) break;
        if (c == Completion::Return) return c;
        frame_->statement = s.loc;
      } while (truthy(*d.condition));
      return Completion::Normal;
    }
    case StmtKind::Switch: return switchStmt(s.as<SwitchStmt>());
    case StmtKind::Try: return tryStmt(s.as<TryStmt>());
    case StmtKind::Throw: {
      Value e = eval(*s.as<ThrowStmt>().value);
      if (e.isNull()) vm_.raiseNullPointer();
      vm_.log_.exceptionThrown(s.loc.line, vm_.debugString(e));
      throw ApexThrow{std::move(e)};
    }
    case StmtKind::Return: {
      const auto& r = s.as<ReturnStmt>();
      returnValue_ = r.value ? eval(*r.value) : Value();
      return Completion::Return;
    }
    case StmtKind::Break: return Completion::Break;
    case StmtKind::Continue: return Completion::Continue;
    case StmtKind::Dml:
      dmlStatement(s.as<DmlStmt>());
      return Completion::Normal;
    case StmtKind::RunAs: {
      const auto& r = s.as<RunAsStmt>();
      Interp::RunAsScope runningAs(vm_, eval(*r.user));
      return block(*r.body);
    }
    case StmtKind::Empty: return Completion::Normal;
  }
  return Completion::Normal;
}

Completion Evaluator::forLoop(const ForStmt& s) {
  if (s.initDecl) exec(*s.initDecl);
  for (const ExprPtr& e : s.initExprs) eval(*e);
  while (true) {
    frame_->statement = s.loc;
    if (s.condition && !truthy(*s.condition)) break;
    if (vm_.limits_.tickExceedsCpu()) vm_.raiseLimit(Limit::CpuTime);
    Completion c = exec(*s.body);
    if (c == Completion::Break) break;
    if (c == Completion::Return) return c;
    frame_->statement = s.loc;
    for (const ExprPtr& e : s.updates) eval(*e);
  }
  return Completion::Normal;
}

template <class C>
Completion Evaluator::iterate(const ForEachStmt& s, C* collection, const std::vector<Value>& items) {
  IterationGuard<C> guard(collection);
  for (size_t i = 0; i < items.size(); ++i) {
    if (vm_.limits_.tickExceedsCpu()) vm_.raiseLimit(Limit::CpuTime);
    frame_->locals[s.slot] = items[i];
    Completion c = exec(*s.body);
    if (c == Completion::Break) break;
    if (c == Completion::Return) return c;
  }
  return Completion::Normal;
}

Completion Evaluator::forEach(const ForEachStmt& s) {
  Value collection = eval(*s.iterable);
  if (collection.isNull()) vm_.raiseNullPointer();
  if (s.soqlBatches) return forEachBatch(s, collection);
  switch (collection.tag()) {
    case Tag::List: {
      auto* list = collection.as<ListObj>();
      return iterate(s, list, list->items);
    }
    case Tag::Set: {
      auto* set = collection.as<SetObj>();
      return iterate(s, set, set->table.keys());
    }
    case Tag::Instance: return iterateIterable(s, collection);
    default: vm_.raise(errors::LoopNeedsCollection);
  }
}

// `for (List<Account> batch : [SELECT ...])`: the rows 200 at a time.
Completion Evaluator::forEachBatch(const ForEachStmt& s, const Value& rows) {
  constexpr size_t kBatch = 200;
  const std::vector<Value>& items = rows.as<ListObj>()->items;
  for (size_t start = 0; start < items.size(); start += kBatch) {
    size_t end = std::min(items.size(), start + kBatch);
    frame_->locals[s.slot] = vm_.makeList(s.elementType, std::vector<Value>(items.begin() + long(start), items.begin() + long(end)));
    Completion c = exec(*s.body);
    if (c == Completion::Break) break;
    if (c == Completion::Return) return c;
    frame_->statement = s.loc;
  }
  return Completion::Normal;
}

// insert x; update list; upsert list Field__c; ...: all or none.
void Evaluator::dmlStatement(const DmlStmt& s) {
  Value target = eval(*s.target);
  if (target.isNull()) vm_.raiseNullPointer();
  std::vector<Value> targets = target.tag() == Tag::List ? target.as<ListObj>()->items : std::vector<Value>{target};
  DmlRequest request;
  request.op = s.op;
  request.targets = targets;
  request.externalId = s.externalId;
  std::vector<Value> duplicates;
  if (s.secondary) {
    Value others = eval(*s.secondary);
    if (others.isNull()) vm_.raiseNullPointer();
    duplicates = others.tag() == Tag::List ? others.as<ListObj>()->items : std::vector<Value>{others};
    request.duplicates = duplicates;
  }
  runDml(vm_, request);
}

// [SELECT ...]: the rows, or the one row the expression stands for.
Value Evaluator::soql(const SoqlExpr& e) {
  std::vector<Value> binds;
  binds.reserve(e.binds.size());
  for (const ExprPtr& b : e.binds) binds.push_back(eval(*b));
  Value rows = vm_.runQuery(*e.query, QueryBinds{&binds, nullptr}, e.logText);
  return e.singleRow ? vm_.singleRow(rows) : rows;
}

// [FIND ...]: one list of records per RETURNING object.
Value Evaluator::sosl(const SoslExpr& e) {
  std::vector<Value> binds;
  binds.reserve(e.binds.size());
  for (const ExprPtr& b : e.binds) binds.push_back(eval(*b));
  return vm_.runSearch(*e.search, QueryBinds{&binds, nullptr});
}

// Calls a method of a built-in interface (`Iterator.hasNext`) as Apex code
// calling it would: through its native, which finds the implementation.
Value Evaluator::callInterfaceMethod(std::string_view owner, std::string_view name, const Value& receiver) {
  for (const sema::NativeMethod* n : *vm_.program_.nativesOf(owner)) {
    if (n->name != name || !n->params.empty()) continue;
    Value self = receiver;
    return n->def->fn(vm_, &self, 1);
  }
  vm_.raise(errors::NoBuiltinMethod, owner, name);
}

// `for (T x : iterable)` over a System.Iterable: iterator(), then
// hasNext() and next() until hasNext() answers false.
Completion Evaluator::iterateIterable(const ForEachStmt& s, const Value& iterable) {
  if (!iterable.as<InstanceObj>()->cls->isSubclassOf(vm_.program_.iterableClass))
    vm_.raise(errors::LoopNeedsCollection);
  Value it = callInterfaceMethod("iterable", "iterator", iterable);
  if (it.isNull()) vm_.raiseNullPointer();
  while (true) {
    if (vm_.limits_.tickExceedsCpu()) vm_.raiseLimit(Limit::CpuTime);
    Value more = callInterfaceMethod("iterator", "hasnext", it);
    if (more.isNull()) vm_.raiseNullPointer();
    if (!more.asBool()) break;
    frame_->locals[s.slot] = convert(callInterfaceMethod("iterator", "next", it), s.elementType, true);
    Completion c = exec(*s.body);
    if (c == Completion::Break) break;
    if (c == Completion::Return) return c;
    frame_->statement = s.loc;
  }
  return Completion::Normal;
}

bool Evaluator::whenMatches(const WhenClause& w, const Value& subject) {
  switch (w.kind) {
    case WhenClause::Kind::Else: return true;
    case WhenClause::Kind::Type: return vm_.isInstanceOf(subject, w.matchType);
    case WhenClause::Kind::Values:
      for (const ExprPtr& v : w.values) {
        Value candidate = eval(*v);
        if (candidate.isNull() || subject.isNull()) {
          if (candidate.isNull() && subject.isNull()) return true;
          continue;
        }
        if (vm_.keyEquals(subject, candidate)) return true;
      }
      return false;
  }
  return false;
}

Completion Evaluator::switchStmt(const SwitchStmt& s) {
  const WhenClause* w = selectWhen(s, eval(*s.subject));
  return w ? block(*w->body) : Completion::Normal;
}

const WhenClause* Evaluator::selectWhen(const SwitchStmt& s, const Value& subject) {
  for (const WhenClause& w : s.whens) {
    if (!whenMatches(w, subject)) continue;
    if (w.kind == WhenClause::Kind::Type) frame_->locals[w.slot] = subject;
    return &w;
  }
  return nullptr;
}

namespace {

const sema::ClassSymbol* exceptionClassOf(const Value& e) { return e.as<InstanceObj>()->cls; }

}  // namespace

Completion Evaluator::tryStmt(const TryStmt& s) {
  struct Walked final : TryParts {
    Evaluator& ev;
    const TryStmt& s;
    Walked(Evaluator& e, const TryStmt& t) : ev(e), s(t) {}
    Completion body() override { return ev.block(*s.body); }
    Completion handler(size_t clause) override { return ev.block(*s.catches[clause].body); }
    Completion finallyBlock() override { return ev.block(*s.finallyBlock); }
  } parts(*this, s);
  return runTry(s, parts);
}

Completion Evaluator::runTry(const TryStmt& s, TryParts& parts) {
  Completion c = Completion::Normal;
  std::optional<ApexThrow> pending;
  try {
    c = parts.body();
  } catch (ApexThrow& thrown) {
    const sema::ClassSymbol* cls = exceptionClassOf(thrown.exception);
    if (cls->isUncatchable) throw;  // limits end the transaction, finally or not
    const CatchClause* handler = nullptr;
    for (const CatchClause& clause : s.catches) {
      if (cls->isSubclassOf(clause.caughtType->cls)) {
        handler = &clause;
        break;
      }
    }
    if (!handler && !s.finallyBlock) throw;
    if (handler) {
      try {
        frame_->locals[handler->slot] = thrown.exception;
        c = parts.handler(size_t(handler - s.catches.data()));
      } catch (ApexThrow& inner) {
        if (!s.finallyBlock || exceptionClassOf(inner.exception)->isUncatchable) throw;
        pending = std::move(inner);
      }
    } else {
      pending = std::move(thrown);
    }
  }
  if (s.finallyBlock) {
    Value savedReturn = std::move(returnValue_);
    Completion f = parts.finallyBlock();
    if (f != Completion::Normal) return f;  // a jump out of finally wins
    returnValue_ = std::move(savedReturn);
    if (pending) throw std::move(*pending);
  }
  return c;
}

// ------------------------------------------------------------- expressions

Value Evaluator::eval(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Literal: return literal(e.as<LiteralExpr>());
    case ExprKind::Name: return readName(e.as<NameExpr>());
    case ExprKind::Member: return readMember(e.as<MemberExpr>());
    case ExprKind::Call: return callExpr(e.as<CallExpr>());
    case ExprKind::Index: return index(e.as<IndexExpr>());
    case ExprKind::New: return newObject(e.as<NewExpr>());
    case ExprKind::NewCollection: return newCollection(e.as<NewCollectionExpr>());
    case ExprKind::NewArray: return newArray(e.as<NewArrayExpr>());
    case ExprKind::Unary: return unary(e.as<UnaryExpr>());
    case ExprKind::IncDec: return incDec(e.as<IncDecExpr>());
    case ExprKind::Binary: return binary(e.as<BinaryExpr>());
    case ExprKind::Logical: return logical(e.as<LogicalExpr>());
    case ExprKind::Assign: return assign(e.as<AssignExpr>());
    case ExprKind::Conditional: {
      const auto& c = e.as<ConditionalExpr>();
      return truthy(*c.condition) ? eval(*c.whenTrue) : eval(*c.whenFalse);
    }
    case ExprKind::InstanceOf: {
      const auto& io = e.as<InstanceOfExpr>();
      return Value::boolean(vm_.isInstanceOf(eval(*io.operand), io.testedType));
    }
    case ExprKind::Cast: return castExpr(e.as<CastExpr>());
    case ExprKind::This: return frame_->self;
    case ExprKind::Super: return frame_->self;
    case ExprKind::ClassLiteral: {
      const auto& cl = e.as<ClassLiteralExpr>();
      return Value::object(Tag::TypeRef, vm_.heap_.make<TypeRefObj>(heap_costs::kHeader, cl.denoted));
    }
    case ExprKind::Soql: return soql(e.as<SoqlExpr>());
    case ExprKind::Sosl: return sosl(e.as<SoslExpr>());
  }
  return Value();
}

Value Evaluator::literal(const LiteralExpr& e) {
  switch (e.literal) {
    case LiteralKind::Null: return Value();
    case LiteralKind::Boolean: return Value::boolean(e.boolValue);
    case LiteralKind::Integer: return Value::integer(int32_t(e.intValue));
    case LiteralKind::Long: return Value::longValue(e.intValue);
    case LiteralKind::Double: return Value::doubleValue(e.doubleValue);
    case LiteralKind::String:
    case LiteralKind::Decimal: {
      Value& pooled = constants_[size_t(e.constant)];
      if (pooled.isNull()) {
        pooled = e.literal == LiteralKind::String ? vm_.makeString(e.text)
                                                  : vm_.makeDecimal(*Decimal::parse(e.text));
      }
      return pooled;
    }
  }
  return Value();
}

Value Evaluator::readName(const NameExpr& e) {
  const Binding& b = e.binding;
  switch (b.kind) {
    case BindingKind::Local: return frame_->locals[b.slot];
    case BindingKind::InstanceField: return self()->fields[size_t(b.slot)];
    case BindingKind::StaticField: initialize(b.owner); return vm_.statics_[size_t(b.slot)];
    case BindingKind::Property: return getProperty(*b.field, b.field->isStatic ? Value() : frame_->self);
    case BindingKind::EnumConstant: return Value::enumValue(b.owner, uint32_t(b.slot));
    default: break;
  }
  vm_.raise(errors::UnresolvedName, e.name);
}

// Evaluates the receiver of a member access or call. False when the rest
// of the chain is skipped because `?.` met null here or earlier in the
// chain (Apex Developer Guide, "Safe Navigation Operator").
bool Evaluator::receiver(const Expr& target, bool nullSafe, Value* out) {
  bool reached = true;
  switch (target.kind) {
    case ExprKind::Member: reached = memberLink(target.as<MemberExpr>(), out); break;
    case ExprKind::Call: reached = callLink(target.as<CallExpr>(), out); break;
    default: *out = eval(target); break;
  }
  if (!reached) return false;
  if (out->isNull()) {
    if (nullSafe) return false;
    vm_.raiseNullPointer();
  }
  return true;
}

Value Evaluator::readMember(const MemberExpr& e) {
  Value v;
  memberLink(e, &v);
  return v;
}

bool Evaluator::memberLink(const MemberExpr& e, Value* out) {
  const Binding& b = e.binding;
  switch (b.kind) {
    case BindingKind::StaticField: initialize(b.owner); *out = vm_.statics_[size_t(b.slot)]; return true;
    case BindingKind::EnumConstant: *out = Value::enumValue(b.owner, uint32_t(b.slot)); return true;
    case BindingKind::SchemaEntry:
      *out = b.sobjectField ? Value::schemaField(b.sobjectField, SchemaView(b.slot))
                            : Value::schemaObject(b.denotedType->sobject, SchemaView(b.slot & 0xFF),
                                                  uint32_t(b.slot) >> 8);
      return true;
    case BindingKind::Property:
      if (b.field->isStatic) {
        *out = getProperty(*b.field, Value());
        return true;
      }
      [[fallthrough]];
    case BindingKind::InstanceField: {
      Value target;
      if (!receiver(*e.target, e.nullSafe, &target)) {
        *out = Value();
        return false;
      }
      *out = b.kind == BindingKind::Property ? getProperty(*b.field, target)
                                             : target.as<InstanceObj>()->fields[size_t(b.slot)];
      return true;
    }
    case BindingKind::NativeProperty: {
      if (!b.native) break;
      if (b.native->isStatic) {
        *out = b.native->def->fn(vm_, nullptr, 0);
        return true;
      }
      // A getter read as a property (Resolver::resultGetter).
      Value target;
      if (!receiver(*e.target, e.nullSafe, &target)) {
        *out = Value();
        return false;
      }
      *out = b.native->def->fn(vm_, &target, 1);
      return true;
    }
    case BindingKind::SObjectField:
    case BindingKind::SObjectParent:
    case BindingKind::SObjectChildren: {
      Value target;
      if (!receiver(*e.target, e.nullSafe, &target)) {
        *out = Value();
        return false;
      }
      *out = readRecordMember(e, target);
      return true;
    }
    default: break;
  }
  vm_.raise(errors::UnresolvedMember, e.name);
}

Value Evaluator::readRecordMember(const MemberExpr& e, const Value& record) {
  const Binding& b = e.binding;
  switch (b.kind) {
    case BindingKind::SObjectField:
      return vm_.readSObjectField(record, b.sobjectField ? *b.sobjectField : *vm_.idField(record));
    case BindingKind::SObjectParent: return vm_.readParent(record, *b.sobjectField);
    default: return vm_.readChildren(record, *b.childRelationship, e.type);
  }
}

Value Evaluator::getProperty(const sema::FieldSymbol& f, const Value& target) {
  if (f.getter) return call(*f.getter, target, nullptr, 0);
  if (f.isStatic) {
    initialize(f.owner);
    return vm_.statics_[size_t(f.slot)];
  }
  return target.as<InstanceObj>()->fields[size_t(f.slot)];
}

void Evaluator::setProperty(const sema::FieldSymbol& f, const Value& target, Value v) {
  if (f.setter) {
    call(*f.setter, target, &v, 1);
    return;
  }
  if (f.isStatic) vm_.statics_[size_t(f.slot)] = std::move(v);
  else target.as<InstanceObj>()->fields[size_t(f.slot)] = std::move(v);
}

void Evaluator::store(const Expr& target, Value v) {
  if (target.kind == ExprKind::Name) {
    const Binding& b = target.as<NameExpr>().binding;
    switch (b.kind) {
      case BindingKind::Local: frame_->locals[b.slot] = std::move(v); return;
      case BindingKind::InstanceField: self()->fields[size_t(b.slot)] = std::move(v); return;
      case BindingKind::StaticField: initialize(b.owner); vm_.statics_[size_t(b.slot)] = std::move(v); return;
      case BindingKind::Property:
        setProperty(*b.field, b.field->isStatic ? Value() : frame_->self, std::move(v));
        return;
      default: break;
    }
  } else if (target.kind == ExprKind::Member) {
    const auto& m = target.as<MemberExpr>();
    const Binding& b = m.binding;
    if (b.kind == BindingKind::StaticField) {
      initialize(b.owner);
      vm_.statics_[size_t(b.slot)] = std::move(v);
      return;
    }
    if (b.kind == BindingKind::Property && b.field->isStatic) {
      setProperty(*b.field, Value(), std::move(v));
      return;
    }
    Value owner = eval(*m.target);
    if (owner.isNull()) vm_.raiseNullPointer();
    switch (b.kind) {
      case BindingKind::Property: setProperty(*b.field, owner, std::move(v)); return;
      case BindingKind::InstanceField: owner.as<InstanceObj>()->fields[size_t(b.slot)] = std::move(v); return;
      case BindingKind::SObjectField:
        vm_.writeSObjectField(owner, b.sobjectField ? *b.sobjectField : *vm_.idField(owner), std::move(v));
        return;
      case BindingKind::SObjectParent: vm_.writeParent(owner, *b.sobjectField, std::move(v)); return;
      default: break;
    }
    vm_.raise(errors::NotAssignable);
  } else if (target.kind == ExprKind::Index) {
    const auto& ix = target.as<IndexExpr>();
    Value list = eval(*ix.target);
    Value i = eval(*ix.index);
    element(list, i) = std::move(v);
    return;
  }
  vm_.raise(errors::NotAssignable);
}

Value Evaluator::index(const IndexExpr& e) {
  Value list = eval(*e.target);
  Value i = eval(*e.index);
  return element(list, i);
}

Value& Evaluator::element(const Value& list, const Value& i) {
  if (list.isNull() || i.isNull()) vm_.raiseNullPointer();
  auto& items = list.as<ListObj>()->items;
  int32_t n = i.asInt();
  if (n < 0 || size_t(n) >= items.size()) vm_.raise(errors::ListIndexOutOfBounds, n);
  return items[size_t(n)];
}

// ------------------------------------------------------------------- calls

Value Evaluator::callExpr(const CallExpr& e) {
  Value v;
  callLink(e, &v);
  return v;
}

bool Evaluator::callLink(const CallExpr& e, Value* out) {
  if (e.native) return callNative(e, out);
  if (e.enumClass) {
    *out = callEnumStatic(e);
    return true;
  }
  if (e.sobjectToken) {
    *out = Value::schemaObject(e.sobjectToken, SchemaView::Token, 0);
    return true;
  }
  if (isChainCall(e)) {
    *out = chainConstructor(e);
    return true;
  }
  const sema::MethodSymbol* m = e.method;
  Value self;
  if (!m->isStatic) {
    if (!e.target) self = frame_->self;
    else if (!receiver(*e.target, e.nullSafe, &self)) {
      *out = Value();
      return false;
    }
    const sema::ClassSymbol* cls = self.as<InstanceObj>()->cls;
    if (cls->stubbedClass && Interp::isStubbed(*m)) {
      *out = callStubbed(e, self, *m);
      return true;
    }
    if (!e.isSuperCall) m = dispatch(cls, m);
  }
  if (!m->body) {
    *out = callObjectMethod(e, self, *m);
    return true;
  }
  LocalsRegion region(vm_, m->localCount);
  for (size_t i = 0; i < e.args.size(); ++i) region.data()[i] = eval(*e.args[i]);
  if (m->isFuture) {
    vm_.queueFutureCall(*m, region.data(), int(e.args.size()));
    *out = Value();
    return true;
  }
  *out = run(*m, self, region.data());
  return true;
}

// An interface method the receiver's class leaves to Object (toString(),
// equals(Object), hashCode()) runs Object's native; any other abstract
// method cannot run.
Value Evaluator::callObjectMethod(const CallExpr& e, const Value& self, const sema::MethodSymbol& m) {
  std::string name = text::foldCase(m.name);
  for (const sema::NativeMethod* n : *vm_.program_.nativesOf("object")) {
    if (m.isStatic || n->name != name || n->params.size() != m.params.size()) continue;
    std::vector<Value> args{self};
    for (const ExprPtr& a : e.args) args.push_back(eval(*a));
    return n->def->fn(vm_, args.data(), int(args.size()));
  }
  vm_.raise(errors::AbstractMethodCalled, m.name);
}

// A call on a stub (Test.createStub) goes to its StubProvider.
Value Evaluator::callStubbed(const CallExpr& e, const Value& stub, const sema::MethodSymbol& m) {
  std::vector<Value> args;
  args.reserve(e.args.size());
  for (const ExprPtr& a : e.args) args.push_back(eval(*a));
  return vm_.callStub(stub, m, args.data(), int(args.size()));
}

bool Evaluator::callNative(const CallExpr& e, Value* out) {
  const sema::NativeMethod& n = *e.native;
  constexpr size_t kInline = 8;
  std::array<Value, kInline> inlineArgs;
  std::vector<Value> heapArgs;
  size_t argc = e.args.size() + (n.isStatic ? 0 : 1);
  Value* args = inlineArgs.data();
  if (argc > kInline) {
    heapArgs.resize(argc);
    args = heapArgs.data();
  }
  size_t next = 0;
  if (!n.isStatic) {
    if (!receiver(*e.target, e.nullSafe, &args[next++])) {
      *out = Value();
      return false;
    }
  }
  for (const ExprPtr& a : e.args) args[next++] = eval(*a);
  *out = e.callerVariables ? callSeeingCallerVariables(e, args, int(argc)) : n.def->fn(vm_, args, int(argc));
  return true;
}

// A native that binds the caller's variables (Database.query) reads them
// through Interp::callerVariables while it runs.
Value Evaluator::callSeeingCallerVariables(const CallExpr& e, Value* args, int argc) {
  struct Restore {
    Interp& vm;
    const ast::CallerVariables* outer;
    ~Restore() { vm.callerVariables_ = outer; }
  } restore{vm_, std::exchange(vm_.callerVariables_, e.callerVariables.get())};
  return e.native->def->fn(vm_, args, argc);
}

// Apex Reference: Enum Methods — values() and valueOf(String).
Value Evaluator::callEnumStatic(const CallExpr& e) {
  const sema::ClassSymbol* cls = e.enumClass;
  if (text::foldCase(e.name) == "values") {
    std::vector<Value> items;
    for (size_t i = 0; i < cls->enumConstants.size(); ++i) items.push_back(Value::enumValue(cls, uint32_t(i)));
    return vm_.makeList(e.type, std::move(items));
  }
  Value name = eval(*e.args[0]);
  if (name.isNull()) vm_.raiseNullPointer();
  const std::string& text = name.as<StringObj>()->text;
  for (size_t i = 0; i < cls->enumConstants.size(); ++i) {
    if (text::foldCase(cls->enumConstants[i]) == text::foldCase(text)) return Value::enumValue(cls, uint32_t(i));
  }
  vm_.raise(errors::NoEnumConstant, cls->qualifiedName, text);
}

// `this(...)` or `super(...)` inside a constructor.
Value Evaluator::chainConstructor(const CallExpr& e) {
  std::vector<Value> args;
  for (const ExprPtr& a : e.args) args.push_back(eval(*a));
  chain(e, args.data(), int(args.size()));
  return Value();
}

void Evaluator::chain(const CallExpr& e, Value* args, int argc) {
  const sema::ClassSymbol& current = *frame_->method->owner;
  if (!e.isSuperCall) {
    construct(current, e.method, frame_->self, args, argc);
    return;
  }
  const sema::ClassSymbol& parent = *current.superclass;
  if (parent.isBuiltin) initException(self(), args, argc);
  else construct(parent, e.method, frame_->self, args, argc);
  runInstanceInit(current, frame_->self);
}

// ------------------------------------------------------------ construction

Value Evaluator::instantiate(const sema::ClassSymbol& cls, const sema::MethodSymbol* ctor, Value* args, int argc) {
  initialize(&cls);
  auto* obj = vm_.heap_.make<InstanceObj>(heap_costs::instance(cls.instanceFields.size()), &cls, cls.instanceFields.size());
  Value self = Value::object(Tag::Instance, obj);
  vm_.checkHeap();
  if (cls.isException) {
    obj->exception = new ExceptionData();
    obj->exception->line = vm_.currentLine();
    obj->exception->column = vm_.currentColumn();
    obj->exception->stackTrace = vm_.stackTrace();
    if (!ctor) initException(obj, args, argc);
  }
  construct(cls, ctor, self, args, argc);
  return self;
}

void Evaluator::initException(InstanceObj* e, Value* args, int argc) {
  ExceptionData& data = *e->exception;
  for (int i = 0; i < argc; ++i) {
    if (args[i].tag() == Tag::String) data.message = args[i];
    else if (args[i].tag() == Tag::Instance) data.cause = args[i];
  }
  // Like Java, an exception made from a cause alone takes the cause's text.
  if (argc == 1 && args[0].tag() == Tag::Instance) data.message = vm_.makeString(vm_.debugString(args[0]));
}

// Java's order: the superclass is constructed, then this class's field
// initializers and initializer blocks run, then the constructor body.
void Evaluator::construct(const sema::ClassSymbol& cls, const sema::MethodSymbol* ctor, const Value& self, Value* args,
                          int argc) {
  if (!ctor || !ctor->body || !codeOf(*ctor).startsWithChainCall) {
    constructImplicitSuper(cls, self);
    runInstanceInit(cls, self);
  }
  if (ctor) call(*ctor, self, args, argc);
}

void Evaluator::constructImplicitSuper(const sema::ClassSymbol& cls, const Value& self) {
  const sema::ClassSymbol* parent = cls.superclass;
  if (!parent || parent->isBuiltin) return;
  const sema::MethodSymbol* defaultCtor = nullptr;
  for (const auto& m : parent->ownMethods) {
    if (m->isConstructor && m->params.empty()) defaultCtor = m.get();
  }
  construct(*parent, defaultCtor, self, nullptr, 0);
}

void Evaluator::runInstanceInit(const sema::ClassSymbol& cls, const Value& self) {
  if (!cls.instanceInit) return;  // built-in classes have nothing to initialize
  bool initializes = !cls.instanceBlocks.empty() ||
                     std::any_of(cls.instanceFields.begin(), cls.instanceFields.end(),
                                 [&](const sema::FieldSymbol* f) { return f->owner == &cls && f->init; });
  if (!initializes) return;
  const sema::MethodSymbol& init = *cls.instanceInit;
  LocalsRegion region(vm_, init.localCount);
  FrameScope scope(*this, Frame{&init, region.data(), self, cls.decl ? cls.decl->loc : SourceLoc{}});
  auto* obj = self.as<InstanceObj>();
  for (const sema::FieldSymbol* f : cls.instanceFields) {
    if (f->owner == &cls && f->init) {
      frame_->statement = f->loc;
      obj->fields[size_t(f->slot)] = eval(*f->init);
    }
  }
  for (const Initializer* i : cls.instanceBlocks) block(*i->body);
}

void Evaluator::runAnonymousBody(const BlockStmt& body, int locals) {
  const BodyCode& code = code_.anonymousBody(body);
  LocalsRegion region(vm_, locals);
  FrameScope scope(*this, Frame{nullptr, region.data(), Value(), body.loc});
  runBody(code);
}

void Evaluator::runTriggerBody(const sema::TriggerSymbol& trigger) {
  const BlockStmt& body = *trigger.unit->body;
  const BodyCode& code = trigger.code ? *trigger.code : code_.trigger(trigger);
  LocalsRegion region(vm_, trigger.bodyLocals);
  FrameScope scope(*this, Frame{nullptr, region.data(), Value(), body.loc, &trigger});
  runBody(code);
}

void Evaluator::runStaticInitializers() {
  for (const sema::ClassSymbol* cls : vm_.program_.classesInOrder) runStaticInit(*cls);
}

void Evaluator::runStaticInit(const sema::ClassSymbol& cls) {
  const sema::MethodSymbol& init = *cls.staticInit;
  LocalsRegion region(vm_, init.localCount);
  FrameScope scope(*this, Frame{&init, region.data(), Value(), cls.decl->loc});
  for (const sema::FieldSymbol* f : cls.staticFields) {
    if (f->init) {
      frame_->statement = f->loc;
      vm_.statics_[size_t(f->slot)] = decimalChecked([&] { return eval(*f->init); });
    }
  }
  for (const Initializer* i : cls.staticBlocks) block(*i->body);
}

// Apex Developer Guide, "Static and Instance Methods, Variables, and
// Initialization Code": a class's static initializers run once per
// transaction, when the class is first used; its superclass's first.
void Evaluator::initializeClass(const sema::ClassSymbol& cls) {
  vm_.classInitialized_[size_t(cls.lazyInitIndex)] = true;
  initialize(cls.superclass);
  runStaticInit(cls);
}

Value Evaluator::newObject(const NewExpr& e) {
  const Type* t = e.type;
  switch (t->kind) {
    case TypeKind::List:
    case TypeKind::Set:
    case TypeKind::Map: {
      Value source = e.args.empty() ? Value() : eval(*e.args[0]);
      if (!e.args.empty() && source.isNull()) vm_.raiseNullPointer();
      return vm_.copyCollection(t, source);
    }
    case TypeKind::SObject: return newRecord(e);
    default: break;
  }
  std::vector<Value> args;
  args.reserve(e.args.size());
  for (const ExprPtr& a : e.args) args.push_back(eval(*a));
  if (e.nativeConstructor) return e.nativeConstructor->def->fn(vm_, args.data(), int(args.size()));
  return instantiate(*t->cls, e.constructor, args.data(), int(args.size()));
}

// new Account(Name = 'Acme'): the fields in the order written.
Value Evaluator::newRecord(const NewExpr& e) {
  Value record = vm_.makeSObject(*e.type->sobject);
  for (size_t i = 0; i < e.initFields.size(); ++i) {
    Value v = eval(*e.fieldInits[i].second);
    if (e.initParents[i]) vm_.writeParent(record, *e.initFields[i], std::move(v));
    else vm_.writeSObjectField(record, *e.initFields[i], std::move(v));
  }
  return record;
}

Value Evaluator::newCollection(const NewCollectionExpr& e) {
  const Type* t = e.type;
  if (t->kind == TypeKind::List) {
    std::vector<Value> items;
    items.reserve(e.elements.size());
    for (const ExprPtr& el : e.elements) items.push_back(eval(*el));
    return vm_.makeList(t, std::move(items));
  }
  if (t->kind == TypeKind::Set) {
    Value set = vm_.makeSet(t);
    for (const ExprPtr& el : e.elements) set.as<SetObj>()->table.add(eval(*el));
    vm_.resized(set.asObj(), kindOf(Tag::Set).heapBytes(set));
    return set;
  }
  Value map = vm_.makeMap(t);
  for (const auto& [k, v] : e.entries) {
    Value key = eval(*k);
    map.as<MapObj>()->table.put(key, eval(*v));
  }
  vm_.resized(map.asObj(), kindOf(Tag::Map).heapBytes(map));
  return map;
}

Value Evaluator::newArray(const NewArrayExpr& e) {
  Value size = eval(*e.size);
  if (size.isNull()) vm_.raiseNullPointer();
  int32_t n = size.asInt();
  if (n < 0) vm_.raise(errors::NegativeArraySize, n);
  vm_.checkHeapFor(heap_costs::list(e.type, size_t(n)));
  return vm_.makeList(e.type, std::vector<Value>(size_t(n)));
}

// --------------------------------------------------------------- operators

Value Evaluator::unary(const UnaryExpr& e) { return unaryValue(e.op, eval(*e.operand)); }

Value Evaluator::unaryValue(UnaryOp op, const Value& v) {
  if (v.isNull()) vm_.raiseNullPointer();
  switch (op) {
    case UnaryOp::Plus: return v;
    case UnaryOp::Minus:
      switch (v.tag()) {
        case Tag::Integer: return Value::integer(int32_t(0u - uint32_t(v.asInt())));
        case Tag::Long: return Value::longValue(int64_t(0ull - uint64_t(v.asLong())));
        case Tag::Double: return Value::doubleValue(-v.asDouble());
        case Tag::Decimal: return vm_.makeDecimal(v.as<DecimalObj>()->number.negate());
        default: break;
      }
      break;
    case UnaryOp::Not: return Value::boolean(!v.asBool());
    case UnaryOp::BitNot:
      if (v.tag() == Tag::Integer) return Value::integer(~v.asInt());
      return Value::longValue(~v.asLong());
  }
  vm_.raise(errors::ArithmeticNeedsNumbers);
}

Value Evaluator::incDec(const IncDecExpr& e) {
  Value old = eval(*e.target);
  if (old.isNull()) vm_.raiseNullPointer();
  Value one = Value::integer(1);
  Value updated = arithmetic(e.increment ? BinaryOp::Add : BinaryOp::Sub, old, convert(one, e.type, false), e.type);
  store(*e.target, updated);
  return e.prefix ? updated : old;
}

namespace {

int compareNumbers(const Value& l, const Value& r, TypeKind kind) {
  switch (kind) {
    case TypeKind::Integer: return (l.asInt() > r.asInt()) - (l.asInt() < r.asInt());
    case TypeKind::Long: return (l.asLong() > r.asLong()) - (l.asLong() < r.asLong());
    case TypeKind::Double: return (l.asDouble() > r.asDouble()) - (l.asDouble() < r.asDouble());
    default: return l.as<DecimalObj>()->number.compare(r.as<DecimalObj>()->number);
  }
}

bool holdsComparison(BinaryOp op, int c) {
  switch (op) {
    case BinaryOp::Lt: return c < 0;
    case BinaryOp::Gt: return c > 0;
    case BinaryOp::Le: return c <= 0;
    case BinaryOp::Ge: return c >= 0;
    default: return false;
  }
}

}  // namespace

Value Evaluator::arithmetic(BinaryOp op, const Value& l, const Value& r, const Type* t) {
  if (l.isNull() || r.isNull()) vm_.raiseNullPointer();
  switch (t->kind) {
    case TypeKind::Integer: {
      uint32_t a = uint32_t(l.asInt()), b = uint32_t(r.asInt());
      switch (op) {
        case BinaryOp::Add: return Value::integer(int32_t(a + b));
        case BinaryOp::Sub: return Value::integer(int32_t(a - b));
        case BinaryOp::Mul: return Value::integer(int32_t(a * b));
        case BinaryOp::Div:
          if (r.asInt() == 0) vm_.raise(errors::DivideByZero);
          if (r.asInt() == -1) return Value::integer(int32_t(0u - a));
          return Value::integer(l.asInt() / r.asInt());
        case BinaryOp::BitAnd: return Value::integer(int32_t(a & b));
        case BinaryOp::BitOr: return Value::integer(int32_t(a | b));
        case BinaryOp::BitXor: return Value::integer(int32_t(a ^ b));
        default: break;
      }
      break;
    }
    case TypeKind::Long: {
      uint64_t a = uint64_t(l.asLong()), b = uint64_t(r.asLong());
      switch (op) {
        case BinaryOp::Add: return Value::longValue(int64_t(a + b));
        case BinaryOp::Sub: return Value::longValue(int64_t(a - b));
        case BinaryOp::Mul: return Value::longValue(int64_t(a * b));
        case BinaryOp::Div:
          if (r.asLong() == 0) vm_.raise(errors::DivideByZero);
          if (r.asLong() == -1) return Value::longValue(int64_t(0ull - a));
          return Value::longValue(l.asLong() / r.asLong());
        case BinaryOp::BitAnd: return Value::longValue(int64_t(a & b));
        case BinaryOp::BitOr: return Value::longValue(int64_t(a | b));
        case BinaryOp::BitXor: return Value::longValue(int64_t(a ^ b));
        default: break;
      }
      break;
    }
    case TypeKind::Double: {
      double a = l.asDouble(), b = r.asDouble();
      switch (op) {
        case BinaryOp::Add: return Value::doubleValue(a + b);
        case BinaryOp::Sub: return Value::doubleValue(a - b);
        case BinaryOp::Mul: return Value::doubleValue(a * b);
        case BinaryOp::Div:
          if (b == 0) vm_.raise(errors::DivideByZero);
          return Value::doubleValue(a / b);
        default: break;
      }
      break;
    }
    case TypeKind::Decimal: {
      const Decimal& a = l.as<DecimalObj>()->number;
      const Decimal& b = r.as<DecimalObj>()->number;
      switch (op) {
        case BinaryOp::Add: return vm_.makeDecimal(a.add(b));
        case BinaryOp::Sub: return vm_.makeDecimal(a.subtract(b));
        case BinaryOp::Mul: return vm_.makeDecimal(a.multiply(b));
        case BinaryOp::Div: {
          std::optional<Decimal> q = a.divide(b);
          if (!q) vm_.raise(errors::DivideByZero);
          return vm_.makeDecimal(std::move(*q));
        }
        default: break;
      }
      break;
    }
    case TypeKind::Boolean:
      switch (op) {
        case BinaryOp::BitAnd: return Value::boolean(l.asBool() & r.asBool());
        case BinaryOp::BitOr: return Value::boolean(l.asBool() | r.asBool());
        case BinaryOp::BitXor: return Value::boolean(l.asBool() ^ r.asBool());
        default: break;
      }
      break;
    case TypeKind::Date:
    case TypeKind::Datetime:
    case TypeKind::Time: return vm_.addToTemporal(l, r, op == BinaryOp::Sub);
    default: break;
  }
  vm_.raise(errors::ArithmeticNeedsNumbers);
}

Value Evaluator::compare(BinaryOp op, const Value& l, const Value& r, const Type* t) {
  switch (op) {
    case BinaryOp::Eq:
    case BinaryOp::Ne: {
      bool equal;
      if (t && t->isNumeric() && !l.isNull() && !r.isNull()) equal = compareNumbers(l, r, t->kind) == 0;
      else equal = vm_.equalsOperator(l, r);
      return Value::boolean(op == BinaryOp::Eq ? equal : !equal);
    }
    case BinaryOp::Identical:
    case BinaryOp::NotIdentical: {
      bool same = l.tag() == r.tag() && (l.isHeap() ? l.asObj() == r.asObj() : vm_.equalsOperator(l, r));
      if (l.isNull() && r.isNull()) same = true;
      return Value::boolean(op == BinaryOp::Identical ? same : !same);
    }
    default: break;
  }
  return Value::boolean(vm_.relational(op, l, r, t));
}

// String `+`: either side may be null, which prints as `null`.
Value Evaluator::concat(const Value& l, const Value& r) {
  return vm_.makeString(vm_.stringValueOf(l) + vm_.stringValueOf(r));
}

// `s += x` where nothing but the target and `current` holds the String: no
// one can see it change, so it grows in place. This keeps a loop that
// builds a string with `+=` linear instead of copying the prefix each time.
bool Evaluator::appendInPlace(Value& current, const Value& operand) {
  if (current.tag() != Tag::String || current.asObj()->refs != 2) return false;
  std::string suffix = vm_.stringValueOf(operand);
  auto* s = current.as<StringObj>();
  s->text += suffix;
  vm_.resized(s, s->bytes + heap_costs::string(suffix));
  return true;
}

Value Evaluator::binary(const BinaryExpr& e) {
  Value l = eval(*e.left);
  Value r = eval(*e.right);
  return binaryValues(e.op, l, r, e.operandType);
}

Value Evaluator::binaryValues(BinaryOp op, const Value& l, const Value& r, const Type* operandType) {
  switch (op) {
    case BinaryOp::Add:
      if (operandType->kind == TypeKind::String) return concat(l, r);
      [[fallthrough]];
    case BinaryOp::Sub:
    case BinaryOp::Mul:
    case BinaryOp::Div:
    case BinaryOp::Mod:
    case BinaryOp::BitAnd:
    case BinaryOp::BitOr:
    case BinaryOp::BitXor: return arithmetic(op, l, r, operandType);
    case BinaryOp::Shl:
    case BinaryOp::Shr:
    case BinaryOp::Ushr: return vm_.shift(op, l, r);
    default: return compare(op, l, r, operandType);
  }
}

bool Interp::relational(BinaryOp op, const Value& l, const Value& r, const Type* t) {
  // Apex Developer Guide, "Expression Operators": a null operand of a
  // numeric or temporal comparison makes it false; a non-null String is
  // greater than null.
  if (l.isNull() || r.isNull()) {
    bool strings = l.tag() == Tag::String || r.tag() == Tag::String || l.tag() == Tag::Id || r.tag() == Tag::Id;
    if (!strings) return false;
    int c = l.isNull() ? (r.isNull() ? 0 : -1) : 1;
    return holdsComparison(op, c);
  }
  int c = 0;
  if (t && t->isNumeric()) c = compareNumbers(l, r, t->kind);
  else if (l.tag() == Tag::String || l.tag() == Tag::Id) c = compareStringsIgnoreCase(l, r);
  else c = compareForSort(l, r);
  return holdsComparison(op, c);
}

Value Interp::shift(BinaryOp op, const Value& l, const Value& r) {
  if (l.isNull() || r.isNull()) raiseNullPointer();
  int64_t distance = r.tag() == Tag::Integer ? r.asInt() : r.asLong();
  if (l.tag() == Tag::Integer) {
    uint32_t a = uint32_t(l.asInt());
    int s = int(distance & 31);
    switch (op) {
      case BinaryOp::Shl: return Value::integer(int32_t(a << s));
      case BinaryOp::Shr: return Value::integer(l.asInt() >> s);
      default: return Value::integer(int32_t(a >> s));
    }
  }
  uint64_t a = uint64_t(l.asLong());
  int s = int(distance & 63);
  switch (op) {
    case BinaryOp::Shl: return Value::longValue(int64_t(a << s));
    case BinaryOp::Shr: return Value::longValue(l.asLong() >> s);
    default: return Value::longValue(int64_t(a >> s));
  }
}

Value Evaluator::logical(const LogicalExpr& e) {
  switch (e.op) {
    case LogicalOp::And: return Value::boolean(truthy(*e.left) && truthy(*e.right));
    case LogicalOp::Or: return Value::boolean(truthy(*e.left) || truthy(*e.right));
    case LogicalOp::Coalesce: {
      Value l = eval(*e.left);
      return l.isNull() ? eval(*e.right) : l;
    }
  }
  return Value();
}

Value Evaluator::assign(const AssignExpr& e) {
  if (!e.compound) {
    Value v = eval(*e.value);
    store(*e.target, v);
    return v;
  }
  Value current = eval(*e.target);
  Value operand = eval(*e.value);
  const Type* opType = e.operandType;
  Value result;
  if (e.op == BinaryOp::Shl || e.op == BinaryOp::Shr || e.op == BinaryOp::Ushr) {
    result = vm_.shift(e.op, current, operand);
  } else if (opType->kind == TypeKind::String) {
    result = appendInPlace(current, operand) ? current : concat(current, operand);
  } else {
    if (current.isNull()) vm_.raiseNullPointer();
    result = arithmetic(e.op, convert(current, opType, false), operand, opType);
  }
  result = convert(result, e.target->type, false);
  store(*e.target, result);
  return result;
}

// A cast between numeric types converts; a cast from Object checks the
// value's runtime type, allowing only widening conversions.
Value Evaluator::castExpr(const CastExpr& e) { return castValue(e, eval(*e.operand)); }

Value Evaluator::castValue(const CastExpr& e, const Value& v) {
  if (e.singleRow) return convert(vm_.singleRow(v), e.targetType, true);
  if (e.implicit || (e.operand->type->isNumeric() && e.targetType->isNumeric())) return convert(v, e.targetType, false);
  return convert(v, e.targetType, true);
}

namespace {

// Integer to Long to Double or Decimal; Double and Decimal into each other.
bool widens(Tag from, TypeKind to) {
  switch (from) {
    case Tag::Integer: return true;
    case Tag::Long: return to != TypeKind::Integer;
    case Tag::Double:
    case Tag::Decimal: return to == TypeKind::Double || to == TypeKind::Decimal;
    default: return false;
  }
}

// How a failed cast names a type: an Object type argument is `ANY`
// (`List<ANY>`, `Map<String,ANY>`), as the platform's message does.
std::string castTypeName(std::string name) {
  constexpr std::string_view kObject = "Object";
  for (size_t at = name.find(kObject); at != std::string::npos; at = name.find(kObject, at + 1)) {
    size_t end = at + kObject.size();
    bool argument = at > 0 && (name[at - 1] == '<' || name[at - 1] == ',');
    if (argument && end < name.size() && (name[end] == '>' || name[end] == ',')) name.replace(at, kObject.size(), "ANY");
  }
  return name;
}

}  // namespace

namespace {

// Whether `v` is a number of type `kind` already: the common case of an
// implicit conversion (an Integer into an Integer slot), which costs nothing.
bool isNumberOfKind(const Value& v, TypeKind kind) {
  switch (kind) {
    case TypeKind::Integer: return v.tag() == Tag::Integer;
    case TypeKind::Long: return v.tag() == Tag::Long;
    case TypeKind::Double: return v.tag() == Tag::Double;
    case TypeKind::Decimal: return v.tag() == Tag::Decimal;
    default: return false;
  }
}

}  // namespace

Value Evaluator::convert(const Value& v, const Type* to, bool explicitCast) {
  if (v.isNull() || !to) return v;
  switch (to->kind) {
    case TypeKind::Integer:
    case TypeKind::Long:
    case TypeKind::Double:
    case TypeKind::Decimal: {
      if (isNumberOfKind(v, to->kind)) return v;
      if (explicitCast && !widens(v.tag(), to->kind)) break;
      Value n = vm_.convertNumber(v, to->kind);
      if (!n.isNull()) return n;
      break;
    }
    case TypeKind::Id:
      if (v.tag() == Tag::String || v.tag() == Tag::Id) return vm_.makeIdChecked(v.as<StringObj>()->text);
      break;
    case TypeKind::String:
      if (v.tag() == Tag::Id) return vm_.makeString(v.as<StringObj>()->text);
      break;
    case TypeKind::Datetime:
      if (v.tag() == Tag::Date) return Value::datetime(int64_t(v.asDate()) * apex::Time::kMillisPerDay);
      break;
    case TypeKind::Object:
    case TypeKind::Dynamic:
    case TypeKind::TypeParam: return v;
    default: break;
  }
  if (!explicitCast || vm_.isInstanceOf(v, to)) return v;
  vm_.raise(errors::InvalidConversion, castTypeName(vm_.runtimeTypeName(v)), castTypeName(to->name));
}

}  // namespace apex::interp
