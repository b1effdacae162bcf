// Compiled code: each body (a method, the anonymous block, a trigger) is
// compiled once, at its first run, into a tree of nodes. A node holds the
// function that runs it and its operands, decided when it was compiled:
// child nodes, a local's slot, a constant, the static types and bindings
// the resolver put on the AST. Running a node is one indirect call, with
// no switch over the AST's kinds and no conversions the types rule out.
//
// What lives where:
//   code.h          the nodes, the arena and store that own them, the compiler
//   compile.cpp     the compiler's dispatch over kinds, the fallback nodes,
//                   and the store (bodies found from their symbols)
//   code_places.cpp constants, locals, fields, statics and list elements:
//                   reads, writes, ++/--, compound assignment
//   code_operators.cpp  arithmetic and comparisons by static type, casts,
//                   logical and conditional operators
//   code_numbers.h  Integer, Long and Double arithmetic
//   code_calls.cpp  calls of user methods (static, virtual, this/super
//                   chains) and natives, `new` of user classes
//   code_stmts.cpp  blocks, if, switch, loops, try, return, break,
//                   continue, throw
//
// A kind with no compiled form (DML, System.runAs, collection literals,
// SOQL, properties, record fields, `?.` chains, ...) becomes a fallback
// node, which hands its AST to the tree-walking Evaluator (eval.h); the
// whole language runs either way. Statements return a Completion like the Evaluator's; only Apex
// exceptions unwind (ApexThrow).
//
// The code belongs to the program (sema::Program::compiledCode) and is
// shared by its transactions, which take turns (one runs a program at a
// time); the call nodes' dispatch caches rely on that.
#pragma once

#include <map>
#include <memory_resource>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "interp/eval.h"

namespace apex::interp {

struct ExprNode;
struct StmtNode;
using EvalFn = Value (*)(const ExprNode& n, Evaluator& ev, Frame& f);
// A Boolean expression as a condition: null raises NullPointerException.
using TestFn = bool (*)(const ExprNode& n, Evaluator& ev, Frame& f);
using ExecFn = Completion (*)(const StmtNode& n, Evaluator& ev, Frame& f);

struct ExprNode {
  EvalFn evalFn;
  TestFn testFn;
  const ast::Expr* ast;
  Value eval(Evaluator& ev, Frame& f) const { return evalFn(*this, ev, f); }
  bool test(Evaluator& ev, Frame& f) const { return testFn(*this, ev, f); }
};

struct StmtNode {
  ExecFn execFn;
  const ast::Stmt* ast;  // its place and its coverage key
  ast::SourceLoc loc;
  Completion exec(Evaluator& ev, Frame& f) const { return execFn(*this, ev, f); }
};

using ExprList = std::span<const ExprNode* const>;
using StmtList = std::span<const StmtNode* const>;

// A compiled body: its statements run in the frame of the method, block or
// trigger, which the caller sets up.
struct BodyCode {
  const StmtNode* body = nullptr;
  // A constructor whose first statement is `this(...)` or `super(...)`:
  // that call constructs the superclass, not the caller (Evaluator::construct).
  bool startsWithChainCall = false;
};

// Where nodes live: one growing buffer, freed with the program. Lists of
// nodes are spans of the same buffer; a node type with a destructor (one
// holding a Value) has it run when the arena goes.
class CodeArena {
 public:
  CodeArena() = default;
  CodeArena(const CodeArena&) = delete;
  CodeArena& operator=(const CodeArena&) = delete;
  ~CodeArena() {
    for (auto it = destructors_.rbegin(); it != destructors_.rend(); ++it) it->second(it->first);
  }

  template <class T, class... A>
  T* make(A&&... args) {
    T* node = new (memory_.allocate(sizeof(T), alignof(T))) T{std::forward<A>(args)...};
    if constexpr (!std::is_trivially_destructible_v<T>)
      destructors_.emplace_back(node, [](void* p) { static_cast<T*>(p)->~T(); });
    return node;
  }
  template <class T>
  std::span<T> array(size_t n) {
    T* items = static_cast<T*>(memory_.allocate(sizeof(T) * (n ? n : 1), alignof(T)));
    static_assert(std::is_trivially_destructible_v<T>);
    for (size_t i = 0; i < n; ++i) new (items + i) T();
    return {items, n};
  }

 private:
  std::pmr::monotonic_buffer_resource memory_;
  std::vector<std::pair<void*, void (*)(void*)>> destructors_;
};

// The compiled bodies of one program.
class CodeStore {
 public:
  // The program's store, made when its first transaction starts.
  static CodeStore& of(sema::Program& program);

  const BodyCode& method(const sema::MethodSymbol& m);
  const BodyCode& trigger(const sema::TriggerSymbol& trigger);
  const BodyCode& anonymousBody(const ast::BlockStmt& body);

 private:
  const BodyCode& compileBody(const ast::BlockStmt& body, bool constructor);

  CodeArena arena_;
  std::map<const ast::BlockStmt*, const BodyCode*> anonymous_;
};

// Compiles the AST of one body into nodes of `arena`.
class Compiler {
 public:
  explicit Compiler(CodeArena& arena) : arena_(arena) {}

  const ExprNode* expr(const ast::Expr& e);
  const StmtNode* stmt(const ast::Stmt& s);
  // A block run as a body or a loop's: its own statements, as a list.
  StmtList statements(const ast::BlockStmt& b);
  ExprList exprs(const std::vector<ast::ExprPtr>& list);
  // Nodes that hand their AST to the Evaluator.
  const ExprNode* fallback(const ast::Expr& e);
  const StmtNode* fallback(const ast::Stmt& s);

  template <class T, class... A>
  T* make(A&&... args) {
    return arena_.make<T>(std::forward<A>(args)...);
  }
  template <class T>
  std::span<T> array(size_t n) {
    return arena_.array<T>(n);
  }

 private:
  CodeArena& arena_;
};

// How a Boolean node is tested when it has no test of its own: evaluated,
// then null raises NullPointerException.
bool testValue(const ExprNode& n, Evaluator& ev, Frame& f);

// Each returns the node for its kind of AST, or null where that particular
// expression has no compiled form (the caller falls back).
const ExprNode* compileLiteral(Compiler& c, const ast::LiteralExpr& e);
const ExprNode* compileName(Compiler& c, const ast::NameExpr& e);
const ExprNode* compileMember(Compiler& c, const ast::MemberExpr& e);
const ExprNode* compileThis(Compiler& c, const ast::Expr& e);
const ExprNode* compileIndex(Compiler& c, const ast::IndexExpr& e);
const ExprNode* compileAssign(Compiler& c, const ast::AssignExpr& e);
const ExprNode* compileIncDec(Compiler& c, const ast::IncDecExpr& e);
const ExprNode* compileBinary(Compiler& c, const ast::BinaryExpr& e);
const ExprNode* compileUnary(Compiler& c, const ast::UnaryExpr& e);
const ExprNode* compileLogical(Compiler& c, const ast::LogicalExpr& e);
const ExprNode* compileConditional(Compiler& c, const ast::ConditionalExpr& e);
const ExprNode* compileCast(Compiler& c, const ast::CastExpr& e);
const ExprNode* compileInstanceOf(Compiler& c, const ast::InstanceOfExpr& e);
const ExprNode* compileCall(Compiler& c, const ast::CallExpr& e);
const ExprNode* compileNew(Compiler& c, const ast::NewExpr& e);
const StmtNode* compileStmt(Compiler& c, const ast::Stmt& s);
// A body's block: its statements run without the block being a statement
// of its own (no place, no coverage), as the Evaluator runs a body.
const StmtNode* compileBareBlock(Compiler& c, const ast::BlockStmt& b);

// The value of `e` when it is a constant the compiler can fold: a literal
// other than a String or Decimal (those are pooled per transaction), an
// enum constant, or a numeric literal under an implicit widening.
std::optional<Value> constantOf(const ast::Expr& e);
// A node that returns `constant`, a value of `e` known when compiling.
const ExprNode* constantNode(Compiler& c, const ast::Expr& e, Value constant);
// A `this(...)` or `super(...)` call.
bool isChainCall(const ast::CallExpr& e);
// Whether `?.` appears in the chain of member accesses and calls `e` ends,
// which the compiled receivers leave to the Evaluator.
bool hasNullSafeLink(const ast::Expr& e);

}  // namespace apex::interp
