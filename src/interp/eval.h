// The evaluator. Method bodies run as compiled code (code.h), which falls
// back to this tree walk for the kinds of statements and expressions it
// does not compile yet. Statements report how they completed (Completion)
// instead of throwing, so return, break and continue cost a compare; only
// Apex exceptions unwind the C++ stack (ApexThrow).
#pragma once

#include <vector>

#include "interp/interp.h"

namespace apex::interp {

struct BodyCode;
struct StmtNode;
class CodeStore;

class Evaluator {
 public:
  explicit Evaluator(Interp& vm);
  ~Evaluator();

  Completion exec(const ast::Stmt& s);
  Completion execUnchecked(const ast::Stmt& s);  // exec without decimalChecked
  template <class F>
  auto decimalChecked(F&& body) -> decltype(body());
  Value eval(const ast::Expr& e);

  // Runs a user method whose arguments already sit in `locals`.
  Value run(const sema::MethodSymbol& m, const Value& self, Value* locals);
  // Calls a user method with argument values (overrides called by natives).
  Value call(const sema::MethodSymbol& m, const Value& self, const Value* args, int argc);
  // Converts a value to `to` as an implicit or explicit cast does.
  Value convert(const Value& v, const sema::Type* to, bool explicitCast);
  // Dynamic dispatch: the implementation of `m` in the receiver's class.
  const sema::MethodSymbol* dispatch(const sema::ClassSymbol* receiver, const sema::MethodSymbol* m);
  void runStaticInitializers();
  // Runs a project class's static initializers on its first use.
  void initialize(const sema::ClassSymbol* cls) {
    if (cls && cls->lazyInitIndex >= 0 && !vm_.classInitialized_[size_t(cls->lazyInitIndex)]) initializeClass(*cls);
  }
  // Runs the anonymous block's statements in a frame of `locals` slots.
  void runAnonymousBody(const ast::BlockStmt& body, int locals);
  void runTriggerBody(const sema::TriggerSymbol& trigger);
  Value instantiate(const sema::ClassSymbol& cls, const sema::MethodSymbol* ctor, Value* args, int argc);

  // ---- for compiled code (code.h, code_*.cpp)
  // Reserves a frame's local slots on the value stack; frees them on exit.
  class LocalsRegion;
  Interp& vm() { return vm_; }
  Value& staticSlot(int slot) { return vm_.statics_[size_t(slot)]; }
  // A statement starts: its place for stack traces and the debug log, and
  // its line coverage when that is on.
  void enter(Frame& f, const ast::Stmt& s, ast::SourceLoc loc) {
    f.statement = loc;
    if (vm_.coverage_) ++(*vm_.coverage_)[&s];
  }
  // One loop iteration or call: raises the CPU limit when it is exceeded.
  void tickCpu() {
    if (vm_.limits_.tickExceedsCpu()) vm_.raiseLimit(Limit::CpuTime);
  }
  // Where `return` leaves its value for the caller.
  Value& returnValue() { return returnValue_; }
  // A method's body compiled, at its first call.
  const BodyCode& codeOf(const sema::MethodSymbol& m) { return m.code ? *m.code : compile(m); }
  Value literal(const ast::LiteralExpr& e);
  // The operators on values already evaluated, as the tree walk applies them.
  Value binaryValues(ast::BinaryOp op, const Value& l, const Value& r, const sema::Type* operandType);
  Value unaryValue(ast::UnaryOp op, const Value& v);
  Value castValue(const ast::CastExpr& e, const Value& v);
  Value arithmetic(ast::BinaryOp op, const Value& l, const Value& r, const sema::Type* t);
  // `list[i]`, checked: null raises NullPointerException, an index out of
  // range ListException. The element stays valid while `list` is held.
  Value& element(const Value& list, const Value& i);
  // `this(...)` or `super(...)` with its arguments evaluated.
  void chain(const ast::CallExpr& e, Value* args, int argc);
  Value callStubbed(const ast::CallExpr& e, const Value& stub, const sema::MethodSymbol& m);
  Value callObjectMethod(const ast::CallExpr& e, const Value& self, const sema::MethodSymbol& m);
  Completion iterateIterable(const ast::ForEachStmt& s, const Value& iterable);
  Completion forEachBatch(const ast::ForEachStmt& s, const Value& rows);
  // Runs compiled code, turning Decimal's own failures into Apex
  // exceptions (a body, or the parts of a try that may catch them).
  Completion runGuarded(const StmtNode& node, Frame& f);
  // The parts of a try statement as they run: blocks of the tree walk or
  // compiled code.
  class TryParts {
   public:
    virtual Completion body() = 0;
    virtual Completion handler(size_t clause) = 0;  // the catch clause's block
    virtual Completion finallyBlock() = 0;

   protected:
    ~TryParts() = default;
  };
  Completion runTry(const ast::TryStmt& s, TryParts& parts);
  // The clause of a switch that `subject` selects, its variable bound; null
  // when none does.
  const ast::WhenClause* selectWhen(const ast::SwitchStmt& s, const Value& subject);

 private:
  class FrameScope;

  const BodyCode& compile(const sema::MethodSymbol& m);
  Completion runBody(const BodyCode& code);

  Completion block(const ast::BlockStmt& b);
  Completion forLoop(const ast::ForStmt& s);
  Completion forEach(const ast::ForEachStmt& s);
  template <class C>
  Completion iterate(const ast::ForEachStmt& s, C* collection, const std::vector<Value>& items);
  Value callInterfaceMethod(std::string_view owner, std::string_view name, const Value& receiver);
  Completion switchStmt(const ast::SwitchStmt& s);
  Completion tryStmt(const ast::TryStmt& s);
  bool whenMatches(const ast::WhenClause& w, const Value& subject);
  bool truthy(const ast::Expr& e);

  Value readName(const ast::NameExpr& e);
  Value readMember(const ast::MemberExpr& e);
  Value callExpr(const ast::CallExpr& e);
  // Links of a member/call chain: false when `?.` skipped the rest of it.
  bool receiver(const ast::Expr& target, bool nullSafe, Value* out);
  bool memberLink(const ast::MemberExpr& e, Value* out);
  bool callLink(const ast::CallExpr& e, Value* out);
  Value callSeeingCallerVariables(const ast::CallExpr& e, Value* args, int argc);
  bool callNative(const ast::CallExpr& e, Value* out);
  Value callEnumStatic(const ast::CallExpr& e);
  Value chainConstructor(const ast::CallExpr& e);
  Value newObject(const ast::NewExpr& e);
  Value newRecord(const ast::NewExpr& e);
  Value soql(const ast::SoqlExpr& e);
  Value sosl(const ast::SoslExpr& e);
  void dmlStatement(const ast::DmlStmt& s);
  Value newCollection(const ast::NewCollectionExpr& e);
  Value newArray(const ast::NewArrayExpr& e);
  Value index(const ast::IndexExpr& e);
  Value unary(const ast::UnaryExpr& e);
  Value incDec(const ast::IncDecExpr& e);
  Value binary(const ast::BinaryExpr& e);
  Value concat(const Value& l, const Value& r);
  bool appendInPlace(Value& current, const Value& operand);
  Value compare(ast::BinaryOp op, const Value& l, const Value& r, const sema::Type* t);
  Value logical(const ast::LogicalExpr& e);
  Value assign(const ast::AssignExpr& e);
  Value castExpr(const ast::CastExpr& e);

  // Assignable places: a local, a field, a property or a list element.
  void store(const ast::Expr& target, Value v);
  Value getProperty(const sema::FieldSymbol& f, const Value& self);
  Value readRecordMember(const ast::MemberExpr& e, const Value& record);
  void setProperty(const sema::FieldSymbol& f, const Value& self, Value v);
  InstanceObj* self();

  void construct(const sema::ClassSymbol& cls, const sema::MethodSymbol* ctor, const Value& self, Value* args,
                 int argc);
  void constructImplicitSuper(const sema::ClassSymbol& cls, const Value& self);
  void runInstanceInit(const sema::ClassSymbol& cls, const Value& self);
  void runStaticInit(const sema::ClassSymbol& cls);
  void initializeClass(const sema::ClassSymbol& cls);
  void initException(InstanceObj* e, Value* args, int argc);

  Interp& vm_;
  CodeStore& code_;
  Frame* frame_ = nullptr;
  Value returnValue_;
  std::vector<Value> constants_;
};

// Marks a collection as being iterated, so that changing it raises
// System.FinalException, as Apex does.
template <class C>
class IterationGuard {
 public:
  explicit IterationGuard(C* c) : c_(c) { ++c_->iterating; }
  ~IterationGuard() { --c_->iterating; }
  IterationGuard(const IterationGuard&) = delete;
  IterationGuard& operator=(const IterationGuard&) = delete;

 private:
  C* c_;
};

class Evaluator::LocalsRegion {
 public:
  LocalsRegion(Interp& vm, int count) : vm_(vm), base_(vm.stackTop_), count_(count) {
    if (vm.stackTop_ + size_t(count) > vm.valueStack_.capacity()) vm.raiseLimit(Limit::StackDepth);
    vm.stackTop_ += size_t(count);
    vm.valueStack_.reach(vm.stackTop_);
  }
  ~LocalsRegion() {
    Value* slots = data();
    for (int i = 0; i < count_; ++i) slots[i] = Value();
    vm_.stackTop_ = base_;
  }
  Value* data() { return vm_.valueStack_.at(base_); }

 private:
  Interp& vm_;
  size_t base_;
  int count_;
};

}  // namespace apex::interp
