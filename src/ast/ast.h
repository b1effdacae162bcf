// apexrun's own abstract syntax tree.
//
// The transformer in src/syntax/ builds it from the ANTLR parse tree (which
// never leaves src/syntax/); the resolver in src/sema/ annotates it in place
// (types, slots, bound members); the evaluator in src/interp/ walks it.
// Nodes are tagged with a kind so that hot paths switch on the tag instead of
// making virtual calls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ast/soql.h"
#include "ast/sosl.h"

namespace apex::sema {
struct Type;
struct ClassSymbol;
struct MethodSymbol;
struct FieldSymbol;
struct NativeMethod;
struct SObjectField;
class SObjectType;
struct ChildRelationship;
}  // namespace apex::sema

namespace apex::ast {

// 1-based line and column, as Salesforce reports them.
struct SourceLoc {
  int line = 0;
  int column = 0;
};

// A type as written: `Map<String, List<Integer>>[]`, `System.Exception`.
struct TypeName {
  std::vector<std::string> parts;  // qualified name, as written (case kept)
  std::vector<TypeName> args;      // generic arguments
  int arrayDims = 0;               // `String[]` is one dimension
  SourceLoc loc;

  bool isVoid() const;  // the method return type `void`
  std::string text() const;  // as Salesforce prints a type: `List<String>`
};

// Modifier bits; several may be set.
enum Modifier : uint32_t {
  kGlobal = 1u << 0,
  kPublic = 1u << 1,
  kProtected = 1u << 2,
  kPrivate = 1u << 3,
  kStatic = 1u << 4,
  kFinal = 1u << 5,
  kTransient = 1u << 6,
  kVirtual = 1u << 7,
  kAbstract = 1u << 8,
  kOverride = 1u << 9,
  kTestMethod = 1u << 10,
  kWebservice = 1u << 11,
  kWithSharing = 1u << 12,
  kWithoutSharing = 1u << 13,
  kInheritedSharing = 1u << 14,
  kTestVisible = 1u << 15,  // the @TestVisible annotation, kept here for access checks
};

struct Annotation {
  struct Param {
    std::string name;   // empty for a positional value
    std::string value;  // literal text, quotes removed for strings
  };
  std::string name;  // without `@`
  std::vector<Param> params;
  SourceLoc loc;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind : uint8_t {
  Literal,
  Name,          // a bare identifier: local, field, type or namespace
  Member,        // target.name or target?.name
  Call,          // [target.]name(args), target may be absent
  Index,         // target[index]
  New,           // new T(args) and new SObject(Field=value, ...)
  NewCollection, // new List<T>{...}, new Set<T>{...}, new Map<K,V>{k => v}
  NewArray,      // new T[n]
  Unary,         // + - ! ~
  IncDec,        // ++x --x x++ x--
  Binary,        // arithmetic, bitwise, comparison, equality
  Logical,       // && || ??
  Assign,        // = and compound forms
  Conditional,   // c ? a : b
  InstanceOf,    // x instanceof T
  Cast,          // (T) x
  This,
  Super,
  ClassLiteral,  // T.class
  Soql,          // [SELECT ...]
  Sosl,          // [FIND ...]
};

struct Expr {
  ExprKind kind;
  SourceLoc loc;
  // Set by the resolver: the static type of the expression.
  const sema::Type* type = nullptr;

  explicit Expr(ExprKind k, SourceLoc l) : kind(k), loc(l) {}
  virtual ~Expr() = default;

  template <class T> T& as() { return static_cast<T&>(*this); }
  template <class T> const T& as() const { return static_cast<const T&>(*this); }
};
using ExprPtr = std::unique_ptr<Expr>;

enum class LiteralKind : uint8_t { Null, Boolean, Integer, Long, Decimal, Double, String };

struct LiteralExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Literal;
  LiteralKind literal = LiteralKind::Null;
  bool boolValue = false;
  int64_t intValue = 0;     // Integer and Long
  double doubleValue = 0;   // Double (`1.5d`)
  std::string text;         // String value (escapes decoded) or Decimal digits
  int constant = -1;        // String and Decimal: index in the constant pool
  LiteralExpr(SourceLoc l) : Expr(kKind, l) {}
};

// What a name or member access turned out to be, decided by the resolver.
enum class BindingKind : uint8_t {
  Unresolved,
  Local,          // slot in the current frame
  InstanceField,  // field slot of `this` (Name) or of the target (Member)
  StaticField,    // static field of a class
  Property,       // property with accessors (instance or static)
  Type,           // the name denotes a type (a prefix of a static access)
  EnumConstant,   // Color.RED
  NativeProperty, // a built-in read-only attribute of a system type
  SObjectField,   // a record's field (acc.Name): `sobjectField`
  SObjectParent,  // a record's parent (contact.Account): `sobjectField` is the reference field
  SObjectChildren,  // a record's child records (acc.Contacts): `childRelationship`
  // A schema token or describe result named in the source: Account.SObjectType
  // and SObjectType.Account (`denotedType` the object), Account.Name
  // (`sobjectField` too); `slot` is which view (interp::SchemaView), and a
  // FieldSet's index shifted left by 8.
  SchemaEntry,
};

struct Binding {
  BindingKind kind = BindingKind::Unresolved;
  int slot = -1;                                 // local slot / field slot / enum ordinal
  const sema::ClassSymbol* owner = nullptr;      // class of a static field / property / type
  const sema::FieldSymbol* field = nullptr;      // field or property symbol
  const sema::Type* denotedType = nullptr;       // for Type bindings
  const sema::NativeMethod* native = nullptr;    // for NativeProperty of a system type
  const sema::SObjectField* sobjectField = nullptr;            // SObjectField, SObjectParent
  const sema::ChildRelationship* childRelationship = nullptr;  // SObjectChildren
  bool isFinal = false;                          // a final local
};

struct NameExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Name;
  std::string name;
  Binding binding;
  NameExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct MemberExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Member;
  ExprPtr target;
  std::string name;
  bool nullSafe = false;  // ?.
  Binding binding;
  MemberExpr(SourceLoc l) : Expr(kKind, l) {}
};

// The variables a dynamic query (`Database.query('... :name')`) may bind,
// as seen where it is called: innermost first, each a read the resolver
// bound. Names compare ignoring case.
struct CallerVariables {
  std::vector<std::unique_ptr<NameExpr>> variables;
};

// Constructor chaining `this(...)` and `super(...)` is a CallExpr with no
// target whose name is `this` or `super`.
struct CallExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Call;
  ExprPtr target;  // null for an unqualified call `foo(x)`
  std::string name;
  std::vector<ExprPtr> args;
  bool nullSafe = false;  // target?.name(...)
  // Set by the resolver: exactly one of these is the callee.
  const sema::MethodSymbol* method = nullptr;   // user-defined method
  const sema::NativeMethod* native = nullptr;   // built-in method
  const sema::ClassSymbol* enumClass = nullptr;  // Enum.values() / valueOf()
  const sema::SObjectType* sobjectToken = nullptr;  // Account.getSObjectType()
  bool isSuperCall = false;   // super.m(): no virtual dispatch
  // Set when the native binds the caller's variables by name (NativeDef).
  std::unique_ptr<CallerVariables> callerVariables;
  CallExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct IndexExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Index;
  ExprPtr target;
  ExprPtr index;
  IndexExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct NewExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::New;
  TypeName typeName;
  std::vector<ExprPtr> args;
  // new Account(Name = 'x'): field initializers instead of arguments.
  std::vector<std::pair<std::string, ExprPtr>> fieldInits;
  std::vector<const sema::SObjectField*> initFields;  // resolved, one per fieldInits entry
  std::vector<bool> initParents;  // per entry: a parent relationship, initFields its reference field
  // Set by the resolver.
  const sema::MethodSymbol* constructor = nullptr;
  const sema::NativeMethod* nativeConstructor = nullptr;
  NewExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct NewCollectionExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::NewCollection;
  TypeName typeName;                 // List<T>, Set<T>, Map<K,V> or T[]
  std::vector<ExprPtr> elements;     // List and Set initializers
  std::vector<std::pair<ExprPtr, ExprPtr>> entries;  // Map initializer
  NewCollectionExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct NewArrayExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::NewArray;
  TypeName elementType;
  ExprPtr size;
  NewArrayExpr(SourceLoc l) : Expr(kKind, l) {}
};

enum class UnaryOp : uint8_t { Plus, Minus, Not, BitNot };

struct UnaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Unary;
  UnaryOp op;
  ExprPtr operand;
  UnaryExpr(SourceLoc l, UnaryOp o) : Expr(kKind, l), op(o) {}
};

struct IncDecExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::IncDec;
  bool increment = true;
  bool prefix = true;
  ExprPtr target;
  IncDecExpr(SourceLoc l) : Expr(kKind, l) {}
};

enum class BinaryOp : uint8_t {
  Add, Sub, Mul, Div, Mod,
  Shl, Shr, Ushr,
  BitAnd, BitOr, BitXor,
  Lt, Gt, Le, Ge,
  Eq, Ne, Identical, NotIdentical,
};

struct BinaryExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Binary;
  BinaryOp op;
  ExprPtr left, right;
  // Set by the resolver: the type both operands are promoted to.
  const sema::Type* operandType = nullptr;
  BinaryExpr(SourceLoc l, BinaryOp o) : Expr(kKind, l), op(o) {}
};

enum class LogicalOp : uint8_t { And, Or, Coalesce };

struct LogicalExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Logical;
  LogicalOp op;
  ExprPtr left, right;
  LogicalExpr(SourceLoc l, LogicalOp o) : Expr(kKind, l), op(o) {}
};

struct AssignExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Assign;
  bool compound = false;
  BinaryOp op = BinaryOp::Add;  // operator of a compound assignment
  ExprPtr target;               // Name, Member or Index
  ExprPtr value;
  const sema::Type* operandType = nullptr;  // compound: promoted operand type
  AssignExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct ConditionalExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Conditional;
  ExprPtr condition, whenTrue, whenFalse;
  ConditionalExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct InstanceOfExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::InstanceOf;
  ExprPtr operand;
  TypeName typeName;
  const sema::Type* testedType = nullptr;
  InstanceOfExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct CastExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Cast;
  TypeName typeName;
  ExprPtr operand;
  // Set by the resolver. Implicit casts are inserted where Apex converts a
  // value silently (Integer to Long or Decimal, String to Id).
  const sema::Type* targetType = nullptr;
  bool implicit = false;
  bool singleRow = false;  // Database.query's rows assigned to one record: its one row
  CastExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct ThisExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::This;
  ThisExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct SuperExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Super;
  SuperExpr(SourceLoc l) : Expr(kKind, l) {}
};

struct ClassLiteralExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::ClassLiteral;
  TypeName typeName;    // empty for `void.class`
  bool isVoid = false;  // `void.class`
  const sema::Type* denoted = nullptr;
  ClassLiteralExpr(SourceLoc l) : Expr(kKind, l) {}
};

// Inline SOQL. The query keeps its text with each bind written as `:{n}`,
// plus the bind expressions; running queries is the data layer's job.
struct SoqlExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Soql;
  std::string text;
  std::vector<std::string> selectFields;  // as written, subqueries as `(...)`
  std::string fromObject;
  std::vector<ExprPtr> binds;
  // Set by the resolver: the query parsed and bound to the schema, and
  // whether its one row is wanted rather than the list (`Account a =
  // [SELECT ...]`, `[SELECT ...].Name`).
  std::shared_ptr<soql::Query> query;
  std::string logText;  // soql::logText
  bool singleRow = false;
  SoqlExpr(SourceLoc l) : Expr(kKind, l) {}
};

// Inline SOSL, kept as SOQL is: its text with binds as `:{n}`, and the
// bind expressions.
struct SoslExpr : Expr {
  static constexpr ExprKind kKind = ExprKind::Sosl;
  std::string text;  // binds written as `:{n}`
  std::vector<ExprPtr> binds;
  // Set by the resolver: the search parsed and bound to the schema.
  std::shared_ptr<sosl::Search> search;
  SoslExpr(SourceLoc l) : Expr(kKind, l) {}
};

// ----------------------------------------------------------------- statements

enum class StmtKind : uint8_t {
  Block, LocalVar, Expression, If, For, ForEach, While, DoWhile, Switch,
  Try, Throw, Return, Break, Continue, Dml, RunAs, Empty,
};

struct Stmt {
  StmtKind kind;
  SourceLoc loc;
  explicit Stmt(StmtKind k, SourceLoc l) : kind(k), loc(l) {}
  virtual ~Stmt() = default;
  template <class T> T& as() { return static_cast<T&>(*this); }
  template <class T> const T& as() const { return static_cast<const T&>(*this); }
};
using StmtPtr = std::unique_ptr<Stmt>;

struct BlockStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Block;
  std::vector<StmtPtr> statements;
  BlockStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct VarDeclarator {
  std::string name;
  ExprPtr init;  // may be null
  SourceLoc loc;
  int slot = -1;  // set by the resolver
  // Set by the resolver for a variable declared at the top level of an
  // anonymous block: the block's local methods see it, so it lives in a
  // static slot rather than in the frame.
  bool isStatic = false;
};

struct LocalVarStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::LocalVar;
  bool isFinal = false;
  TypeName typeName;
  std::vector<VarDeclarator> declarators;
  const sema::Type* declaredType = nullptr;  // set by the resolver
  LocalVarStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct ExprStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Expression;
  ExprPtr expr;
  ExprStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct IfStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::If;
  ExprPtr condition;
  StmtPtr thenBranch;
  StmtPtr elseBranch;  // may be null
  IfStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct ForStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::For;
  std::unique_ptr<LocalVarStmt> initDecl;  // `for (Integer i = 0; ...)`
  std::vector<ExprPtr> initExprs;          // `for (i = 0, j = 1; ...)`
  ExprPtr condition;                       // may be null
  std::vector<ExprPtr> updates;
  StmtPtr body;
  ForStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct ForEachStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::ForEach;
  TypeName typeName;
  std::string name;
  ExprPtr iterable;
  StmtPtr body;
  int slot = -1;
  const sema::Type* elementType = nullptr;
  // A SOQL for loop over lists of records: each iteration takes the next
  // 200 rows (Apex Developer Guide, "SOQL For Loops").
  bool soqlBatches = false;
  ForEachStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct WhileStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::While;
  ExprPtr condition;
  StmtPtr body;
  WhileStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct DoWhileStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::DoWhile;
  StmtPtr body;
  ExprPtr condition;
  DoWhileStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct WhenClause {
  enum class Kind : uint8_t { Values, Type, Else };
  Kind kind = Kind::Values;
  std::vector<ExprPtr> values;  // literals, `null`, or enum constant names
  TypeName typeName;            // `when Account a`
  std::string varName;
  int slot = -1;
  const sema::Type* matchType = nullptr;
  std::unique_ptr<BlockStmt> body;
  SourceLoc loc;
};

struct SwitchStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Switch;
  ExprPtr subject;
  std::vector<WhenClause> whens;
  SwitchStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct CatchClause {
  TypeName typeName;
  std::string name;
  std::unique_ptr<BlockStmt> body;
  int slot = -1;
  const sema::Type* caughtType = nullptr;
  SourceLoc loc;
};

struct TryStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Try;
  std::unique_ptr<BlockStmt> body;
  std::vector<CatchClause> catches;
  std::unique_ptr<BlockStmt> finallyBlock;  // may be null
  TryStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct ThrowStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Throw;
  ExprPtr value;
  ThrowStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct ReturnStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Return;
  ExprPtr value;  // may be null
  ReturnStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct BreakStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Break;
  BreakStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct ContinueStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Continue;
  ContinueStmt(SourceLoc l) : Stmt(kKind, l) {}
};

enum class DmlOp : uint8_t { Insert, Update, Upsert, Delete, Undelete, Merge };

struct DmlStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Dml;
  DmlOp op;
  ExprPtr target;
  ExprPtr secondary;         // merge: the record(s) merged into target
  std::string externalIdField;  // upsert x Field__c
  const sema::SObjectField* externalId = nullptr;  // set by the resolver; null for Id
  DmlStmt(SourceLoc l, DmlOp o) : Stmt(kKind, l), op(o) {}
};

struct RunAsStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::RunAs;
  ExprPtr user;
  std::unique_ptr<BlockStmt> body;
  RunAsStmt(SourceLoc l) : Stmt(kKind, l) {}
};

struct EmptyStmt : Stmt {
  static constexpr StmtKind kKind = StmtKind::Empty;
  EmptyStmt(SourceLoc l) : Stmt(kKind, l) {}
};

// --------------------------------------------------------------- declarations

struct Param {
  TypeName typeName;
  std::string name;
  bool isFinal = false;
  SourceLoc loc;
};

struct MethodDecl {
  std::vector<Annotation> annotations;
  uint32_t modifiers = 0;
  TypeName returnType;  // `void` for none; empty parts for a constructor
  std::string name;
  std::vector<Param> params;
  std::unique_ptr<BlockStmt> body;  // null: abstract or interface method
  bool isConstructor = false;
  SourceLoc loc;
  const sema::MethodSymbol* symbol = nullptr;  // set by the resolver
};

struct FieldDecl {
  std::vector<Annotation> annotations;
  uint32_t modifiers = 0;
  TypeName typeName;
  std::vector<VarDeclarator> declarators;
  SourceLoc loc;
};

struct PropertyAccessor {
  bool present = false;
  uint32_t modifiers = 0;
  std::unique_ptr<BlockStmt> body;  // null: automatic accessor
  SourceLoc loc;
};

struct PropertyDecl {
  std::vector<Annotation> annotations;
  uint32_t modifiers = 0;
  TypeName typeName;
  std::string name;
  PropertyAccessor getter, setter;
  SourceLoc loc;
};

struct Initializer {
  bool isStatic = false;
  std::unique_ptr<BlockStmt> body;
  SourceLoc loc;
};

enum class TypeDeclKind : uint8_t { Class, Interface, Enum };

struct TypeDecl {
  TypeDeclKind kind = TypeDeclKind::Class;
  std::vector<Annotation> annotations;
  uint32_t modifiers = 0;
  std::string name;
  std::unique_ptr<TypeName> superclass;  // may be null
  std::vector<TypeName> interfaces;      // implements (class) / extends (interface)
  std::vector<FieldDecl> fields;
  std::vector<PropertyDecl> properties;
  std::vector<MethodDecl> methods;       // includes constructors
  std::vector<Initializer> initializers;
  std::vector<std::unique_ptr<TypeDecl>> innerTypes;
  std::vector<std::pair<std::string, SourceLoc>> enumConstants;
  SourceLoc loc;
  sema::ClassSymbol* symbol = nullptr;  // set by the resolver
};

// An anonymous block: statements run in order; local methods and types are
// visible everywhere in the block, before and after their declaration.
struct AnonymousUnit {
  std::vector<MethodDecl> methods;
  std::vector<std::unique_ptr<TypeDecl>> types;
  std::unique_ptr<BlockStmt> body;
};

struct TriggerUnit {
  std::string name;
  std::string objectName;
  std::vector<std::string> events;  // `before insert`, `after update`, ...
  std::unique_ptr<BlockStmt> body;
  SourceLoc loc;
};

// A parsed source file of any of the three kinds.
struct CompilationUnit {
  enum class Kind : uint8_t { Class, Trigger, Anonymous };
  Kind kind = Kind::Anonymous;
  std::string fileName;
  std::unique_ptr<TypeDecl> typeDecl;          // Class
  std::unique_ptr<TriggerUnit> trigger;        // Trigger
  std::unique_ptr<AnonymousUnit> anonymous;    // Anonymous
};

}  // namespace apex::ast
