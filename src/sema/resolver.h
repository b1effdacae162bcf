// The resolver: binds every name to a slot, field, property, method or type,
// types every expression, picks overloads, and reports Salesforce's compile
// errors. Internal to src/sema/; the entry point is in program.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sema/diagnostics.h"
#include "sema/program.h"

namespace apex::sema {

// Thrown inside the resolver only, to stop at the first compile error (of
// the anonymous block, or of one project class: resolver_project.cpp).
struct CompileFailure {
  CompileError error;
};

class Resolver {
 public:
  explicit Resolver(Program& program) : program_(program), types_(program.types) {}

  void resolveAnonymous(ast::AnonymousUnit& unit);
  void resolveAllClasses();
  // Resolves a trigger's header and body into `trigger` (resolver_triggers.cpp).
  void resolveTrigger(TriggerSymbol& trigger);

 private:
  // ---- declarations (resolver_decls.cpp)
  ClassSymbol* declareType(ast::TypeDecl& decl, ClassSymbol* outer);
  void resolveHeader(ClassSymbol& cls);
  void declareMembers(ClassSymbol& cls);
  void declareAnonymousVariables(ClassSymbol& anon, ast::BlockStmt& body);
  void declareField(ClassSymbol& cls, const ast::FieldDecl& field);
  void declareProperty(ClassSymbol& cls, const ast::PropertyDecl& prop);
  MethodSymbol* declareMethod(ClassSymbol& cls, ast::MethodDecl& decl);
  MethodSymbol* addSyntheticMethod(ClassSymbol& cls, std::string name, bool isStatic);
  void layout(ClassSymbol& cls);
  void checkImplementsAll(const ClassSymbol& cls);
  bool isStandardExceptionConstructor(const std::vector<const Type*>& params) const;
  void resolveBodies(ClassSymbol& cls);
  void resolveMethodBody(ClassSymbol& cls, MethodSymbol& method);
  void resolveInitializers(ClassSymbol& cls, bool statics);
  static std::string methodKey(const std::string& name, const std::vector<const Type*>& params);

  uint32_t triggerEvents(const ast::TriggerUnit& unit, const SObjectType& object) const;
  const Type* triggerVariableType(const NativeMethod& variable);

  // ---- types
  const Type* resolveType(const ast::TypeName& name);
  const Type* typeByName(const std::vector<std::string>& parts, const ast::SourceLoc& loc,
                         bool quiet);
  // A class by name (lookUpClass), its use noted (noteClassUse).
  const ClassSymbol* classByName(const std::vector<std::string>& parts, const ast::SourceLoc& loc);
  const ClassSymbol* lookUpClass(const std::vector<std::string>& parts, const ast::SourceLoc& loc);
  bool assignable(const Type* to, const Type* from) const;
  // assignable, or a List<SObject> given for a list of one object (as
  // Database.query's result is), which Apex accepts for an assignment and
  // for an argument alike.
  bool takesRecords(const Type* to, const Type* from) const;
  bool elementAssignable(const Type* to, const Type* from) const;
  bool needsConversion(const Type* to, const Type* from) const;
  void coerce(ast::ExprPtr& e, const Type* to);
  void requireAssignable(ast::ExprPtr& e, const Type* to, const ast::SourceLoc& loc);
  const Type* numericPromotion(const Type* a, const Type* b) const;
  const Type* commonType(const Type* a, const Type* b) const;
  const Type* substitute(const Type* t, const Type* receiver);
  // The types' names, as a message lists parameters (`Integer, String`).
  static std::string typeNames(const std::vector<const Type*>& types, std::string_view separator);

  // ---- expressions (resolver_exprs.cpp)
  const Type* expr(ast::ExprPtr& e);
  bool isFieldAddError(const ast::CallExpr& e) const;
  const Type* addErrorOnRecord(ast::CallExpr& e);
  const Type* condition(ast::ExprPtr& e);
  const Type* literal(ast::LiteralExpr& e);
  const Type* name(ast::NameExpr& e);
  const Type* member(ast::MemberExpr& e);
  const Type* call(ast::CallExpr& e);
  const Type* callOnType(ast::CallExpr& e, const Type* owner);
  const Type* typeBehindVariable(ast::CallExpr& e);
  bool hasMethodNamed(const Type* t, const std::string& folded, bool wantStatic) const;
  const Type* callOnValue(ast::CallExpr& e, const Type* receiver);
  const Type* callUnqualified(ast::CallExpr& e);
  const Type* chainConstructor(ast::CallExpr& e);
  const Type* newObject(ast::NewExpr& e);
  bool mapFromRecords(const Type* map, const Type* source) const;
  bool fieldShadowsInnerClass(const std::vector<std::string>& parts, const ast::SourceLoc& loc);
  const Type* newCollection(ast::NewCollectionExpr& e);
  const Type* unary(ast::UnaryExpr& e);
  const Type* incDec(ast::IncDecExpr& e);
  const Type* binary(ast::BinaryExpr& e);
  const Type* binaryOperands(ast::BinaryOp op, ast::ExprPtr& left, ast::ExprPtr& right,
                             const ast::SourceLoc& loc, const Type** operandType);
  const Type* logical(ast::LogicalExpr& e);
  const Type* assign(ast::AssignExpr& e);
  const Type* conditional(ast::ConditionalExpr& e);
  const Type* cast(ast::CastExpr& e);
  // A Name or Member chain that denotes a type (`Foo`, `Outer.Inner`,
  // `System.Math`), or null.
  const Type* denotedType(ast::Expr& e);
  void requireLValue(ast::Expr& target);
  // `A.B.name` whose head is no variable nor type and which names a
  // platform feature apexrun does not have yet: fails saying so.
  void rejectNotSupported(const ast::Expr& target, const std::string& name, const ast::SourceLoc& loc);
  const FieldSymbol* findField(const ClassSymbol* cls, const std::string& folded) const;
  static const FieldSymbol* ownField(const ClassSymbol& cls, const std::string& folded);
  void checkFieldAccess(const FieldSymbol& field, bool staticContext, const ast::SourceLoc& loc);
  std::vector<const Type*> argumentTypes(std::vector<ast::ExprPtr>& args);
  void convertArguments(std::vector<ast::ExprPtr>& args, const std::vector<const Type*>& params,
                        const Type* receiver);
  const MethodSymbol* pickUserMethod(const ClassSymbol* cls, const std::string& folded,
                                     const std::vector<const Type*>& args, bool wantStatic,
                                     bool* foundStaticMismatch);
  const NativeMethod* pickNative(const std::vector<std::string>& owners, const std::string& folded,
                                 const std::vector<const Type*>& args, const Type* receiver,
                                 bool wantStatic);
  std::vector<std::string> nativeOwners(const Type* t) const;
  [[noreturn]] void noSuchMethod(const std::string& name, const std::vector<const Type*>& args,
                                 const std::string& typeName, const ast::SourceLoc& loc);

  // ---- custom labels, custom settings, custom metadata (resolver_org_config.cpp)
  void customLabelAsCall(ast::ExprPtr& e);
  const Type* configMethodCall(ast::CallExpr& e, const Type* owner, const std::vector<const Type*>& args);

  // ---- sObjects (resolver_sobjects.cpp)
  const Type* sobjectTypeNamed(std::string_view name);
  const Type* sobjectFieldType(const SObjectField& field);
  const Type* parentType(const SObjectField& reference);
  const Type* sobjectMember(ast::MemberExpr& e, const Type* target, bool writing);
  const Type* newSObject(ast::NewExpr& e, const Type* t);
  const Type* soqlQuery(ast::SoqlExpr& e);
  void recordCallerVariables(ast::CallExpr& e);
  const Type* soslQuery(ast::SoslExpr& e);
  void dmlStmt(ast::DmlStmt& s);
  void checkMerge(const ast::DmlStmt& s, const Type* master);
  const NativeMethod* resultGetter(const Type* target, const std::string& name) const;

  // ---- the schema in expressions (resolver_schema.cpp)
  const Type* schemaEntry(ast::MemberExpr& e, const SObjectType& object, const SObjectField* field, int view,
                          std::string_view className);
  const Type* schemaMemberOfType(ast::MemberExpr& e, const Type* owner);
  const Type* schemaMemberOfEntry(ast::MemberExpr& e);
  const Type* fieldSetNamed(ast::MemberExpr& e, const SObjectType& object);
  const Type* soqlResultType(const soql::Query& query);
  bool takesSoqlRow(const ast::Expr& e, const Type* to) const;
  bool takesDynamicQueryRow(const ast::Expr& e, const Type* to) const;
  [[noreturn]] void failInQuery(const ast::Expr& e, const soql::Position& pos, const std::string& message);

  // ---- statements (resolver_stmts.cpp)
  void stmt(ast::Stmt& s);
  void block(ast::BlockStmt& b);
  void localVar(ast::LocalVarStmt& s);
  void forStmt(ast::ForStmt& s);
  void forEach(ast::ForEachStmt& s);
  const Type* iterableElement(const Type* t);
  void switchStmt(ast::SwitchStmt& s);
  void tryStmt(ast::TryStmt& s);
  bool alwaysCompletesAbruptly(const ast::Stmt& s) const;

  // ---- project classes and access (resolver_project.cpp)
  ClassSymbol* loadProjectClass(const std::string& folded, const ast::SourceLoc& use);
  ClassSymbol* declareLoadedClass(ast::TypeDecl& decl, const std::string& apiVersion);
  void finishLoadedClasses();
  // Runs `step` of compiling class `className`; a compile error is blamed
  // on the class, recorded in program_.classErrors and rethrown.
  template <class Step> void compileStep(const std::string& className, Step&& step);
  void recordClassError(const std::string& className, const CompileError& error);
  // Remembers that the class being resolved names `used`, so that it does
  // not run if `used` turns out not to compile.
  void noteClassUse(const ClassSymbol& used, const ast::SourceLoc& loc);
  const ClassSymbol* accessScope(const ClassSymbol* cls) const;
  // A class of the platform: built in, or a standard-library class written
  // in Apex (which always wins over a project class of its name).
  bool isPlatformClass(const ClassSymbol& cls) const;
  bool canAccess(uint32_t modifiers, const ClassSymbol* owner) const;
  void checkMethodAccess(const MethodSymbol& method, const ast::SourceLoc& loc) const;
  bool canAccessVariable(const FieldSymbol& field, bool writing) const;
  void checkVariableAccess(const FieldSymbol& field, bool writing, const ast::SourceLoc& loc) const;
  void checkTypeAccess(const ClassSymbol& cls, const ast::SourceLoc& loc) const;
  void checkTopLevelClass(const ClassSymbol& cls) const;
  void checkTestMethods(const ClassSymbol& cls) const;

  // ---- scopes
  struct Local {
    std::string folded;
    const Type* type;
    int slot;
    bool isFinal;
    bool isStatic = false;  // a top-level variable of an anonymous block
  };
  void pushScope() { scopes_.emplace_back(); }
  void popScope() { scopes_.pop_back(); }
  int declareLocal(const std::string& name, const Type* type, bool isFinal, const ast::SourceLoc& loc);
  const Local* findLocal(const std::string& folded) const;

  // Stops at the first compile error: the catalog's message for `diagnostic`
  // (diagnostics.h), whose arguments are counted when the call compiles.
  template <class... Args>
  [[noreturn]] void fail(const ast::SourceLoc& loc, CheckedDiagnostic<sizeof...(Args)> diagnostic,
                         const Args&... arguments) const {
    throwCompileError(loc, diagnosticText(diagnostic, arguments...));
  }
  [[noreturn]] static void throwCompileError(const ast::SourceLoc& loc, std::string message);

  // The method (or initializer, or anonymous body) being resolved.
  struct Context {
    ClassSymbol* cls = nullptr;
    MethodSymbol* method = nullptr;
    bool isStatic = true;
    const Type* returnType = nullptr;
    const FieldSymbol* accessorOf = nullptr;
    bool isConstructor = false;
    // In a trigger's body: its object, which types Trigger.new and the rest.
    const SObjectType* triggerObject = nullptr;
  };

  Program& program_;
  TypeTable& types_;
  Context ctx_;
  std::vector<std::vector<Local>> scopes_;
  int nextSlot_ = 0;
  int maxSlots_ = 0;
  int loopDepth_ = 0;
  size_t anonymousTopScope_ = 0;  // scope depth of an anonymous block's top level
  std::vector<ClassSymbol*> userClasses_;
  // Where declareType puts the classes it declares: the anonymous unit's
  // (userClasses_) or the project classes being loaded (loading_).
  std::vector<ClassSymbol*>* declaredInto_ = &userClasses_;
  std::vector<ClassSymbol*> loading_;
  int loadDepth_ = 0;       // nested loads: headers and members only
  bool assignTarget_ = false;  // the next Name/Member is written, not read
};

}  // namespace apex::sema
