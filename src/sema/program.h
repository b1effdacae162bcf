// A compiled Apex program: the semantic model of every class it can see and
// the anonymous block (or, later, the entry point) it runs.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "sema/org_config.h"
#include "sema/schema.h"
#include "sema/system_exceptions.h"
#include "sema/types.h"

namespace apex::sema {

struct CompileError {
  int line = 0;
  int column = 0;
  std::string message;
  // A project class that fails to compile, as Salesforce reports it where
  // the class is used: `line`/`column` are those of the use, `message`
  // starts "Dependent class is invalid...". The error inside the class:
  std::string className;  // empty: the error is in the anonymous block itself
  int classLine = 0;
  int classColumn = 0;
  std::string classMessage;
  bool isTrigger = false;  // `className` names a trigger

  // An error in the unit being compiled itself.
  static CompileError at(int line, int column, std::string message);
};

// A project class that does not compile, and so does not run (compile
// isolation: the others still do). `error` says where in the class and why
// (className, classLine, classColumn, classMessage, repeated in line, column
// and message); a class that uses one that does not compile fails where it
// uses it with "Dependent class is invalid", naming `cause`: the class whose
// own error it is, in the form a use of it reports (see CompileError).
struct ClassError {
  CompileError error;
  CompileError cause;
  const ClassSymbol* symbol = nullptr;  // null when the file has no class to declare
};

class ClassSource;

// Apex Reference: TriggerOperation Enum, in its order: a trigger's events
// and the value of Trigger.operationType.
enum class TriggerEvent : uint8_t {
  BeforeInsert,
  BeforeUpdate,
  BeforeDelete,
  AfterInsert,
  AfterUpdate,
  AfterDelete,
  AfterUndelete,
};
inline constexpr std::string_view kTriggerOperations[] = {"BEFORE_INSERT", "BEFORE_UPDATE", "BEFORE_DELETE",
                                                           "AFTER_INSERT",  "AFTER_UPDATE",  "AFTER_DELETE",
                                                           "AFTER_UNDELETE"};
// `BeforeInsert`: how the debug log and a trigger's failure name the event.
std::string_view triggerEventName(TriggerEvent event);
inline bool isBefore(TriggerEvent event) { return event <= TriggerEvent::BeforeDelete; }

// A project trigger, resolved: its body runs as a static block of an
// implicit class of its own, with `bodyLocals` slots.
struct TriggerSymbol {
  std::string name;
  std::string id;  // an ApexTrigger Id (01q...), as the debug log shows it
  const SObjectType* object = nullptr;
  uint32_t events = 0;  // bit (1 << TriggerEvent) for each event it handles
  ast::TriggerUnit* unit = nullptr;
  std::unique_ptr<ClassSymbol> cls;
  int bodyLocals = 0;
  mutable const interp::BodyCode* code = nullptr;  // as MethodSymbol::code
  bool handles(TriggerEvent event) const { return events & (1u << unsigned(event)); }
};

// What the standard library gives every program: the tables of its native
// methods and its classes written in Apex. stdlib/registry.h provides it, so
// that sema does not depend on the standard library's code.
struct StandardLibrary {
  std::span<const NativeDef> natives;
  std::unique_ptr<ClassSource> (*makeSystemClasses)();
};

class Program {
 public:
  explicit Program(const StandardLibrary& library);
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  TypeTable types;
  // The org's sObject types and fields (schema.h); the standard objects
  // unless the host gives a project's.
  std::shared_ptr<const Schema> schema;
  // Custom labels and custom metadata records (org_config.h); none unless
  // the host gives a project's.
  std::shared_ptr<const OrgConfig> orgConfig;

  // Classes by folded qualified name (`system.listexception`, `point`,
  // `outer.inner`); built-in exceptions are also found by simple name.
  ClassSymbol* findClass(std::string_view name) const;
  ClassSymbol* addClass(std::unique_ptr<ClassSymbol> cls);
  void alias(std::string_view name, ClassSymbol* cls);
  // findClass no longer finds the top-level class `cls` nor its inner
  // classes (a class that does not compile); the symbols stay alive.
  void hideClass(const ClassSymbol& cls);

  // Built-in methods of an owner (`string`, `list`, `system`), folded.
  const std::vector<NativeMethod*>* nativesOf(std::string_view owner) const;
  // The natives of a standard-library class written in Apex (`Messaging`)
  // become callable once the resolver has declared the class, whose inner
  // classes their signatures may name. Called once the class is loaded.
  void bindNatives(std::string_view owner);

  // System.Exception, the root of every exception class.
  ClassSymbol* exceptionClass = nullptr;
  // A built-in exception class, found by index.
  ClassSymbol* systemException(SystemException e) const { return systemExceptions_[size_t(e)]; }
  // The built-in interfaces the evaluator checks for: List.sort compares
  // Comparable objects, for-each iterates Iterable ones.
  ClassSymbol* comparableClass = nullptr;
  ClassSymbol* iterableClass = nullptr;

  // The anonymous block: its implicit class holds local methods; its body
  // runs as a method with `bodyLocals` slots.
  ast::AnonymousUnit* anonymous = nullptr;
  ClassSymbol* anonymousClass = nullptr;
  int bodyLocals = 0;

  int constantCount = 0;  // String and Decimal literals, pooled per transaction
  // The interpreter's compiled code of the program's bodies (an
  // interp::CodeStore, which sema does not know), made by the first
  // transaction that runs and kept as long as the program.
  std::shared_ptr<void> compiledCode;
  int staticSlots = 0;  // static fields of all classes, laid end to end
  std::vector<const ClassSymbol*> classesInOrder;  // user classes, declaration order

  // The project's classes, loaded by the resolver on first reference
  // (null: no project). Their statics are initialized on first use, each
  // class with a flag of its own: `lazyClassCount` flags per transaction.
  ClassSource* classSource = nullptr;
  // The standard library's classes written in Apex (RestContext, ...),
  // loaded the same way; looked up before the project's.
  std::unique_ptr<ClassSource> systemClasses;
  int lazyClassCount = 0;
  // The project classes that do not compile, by folded name; findClass does
  // not find them. Filled by the resolver (resolver_project.cpp).
  std::map<std::string, ClassError> classErrors;
  const ClassError* classError(std::string_view name) const;
  // For each project class (folded name), the project classes that name it:
  // their folded names, symbols and the first place each names it.
  struct ClassUse {
    const ClassSymbol* user = nullptr;
    ast::SourceLoc loc;
  };
  std::unordered_map<std::string, std::map<std::string, ClassUse>> usersOf;
  // The project's triggers that compile, in name order (resolveTriggers).
  std::vector<std::unique_ptr<TriggerSymbol>> triggers;
  // The triggers of `object` for `event`, in name order.
  std::vector<const TriggerSymbol*> triggersOn(const SObjectType& object, TriggerEvent event) const;
  // Apex Developer Guide, "Build a Mocking Framework with the Stub API":
  // the anonymous subclass `X__sfdc_ApexStub` of the class or interface
  // `stubbed` that Test.createStub instantiates, made on first use (tests
  // run on several threads) and kept as long as the program.
  const ClassSymbol& stubClassOf(const ClassSymbol& stubbed);
  // Keeps the AST of a loaded class file alive as long as the program.
  void adopt(std::unique_ptr<ast::CompilationUnit> unit) { units_.push_back(std::move(unit)); }

 private:
  void loadNatives(std::span<const NativeDef> defs);
  void addNative(const NativeDef& def);

  std::array<ClassSymbol*, kSystemExceptionCount> systemExceptions_{};
  std::vector<std::unique_ptr<ClassSymbol>> classes_;
  std::unordered_map<std::string, ClassSymbol*> classByName_;
  std::vector<std::unique_ptr<NativeMethod>> natives_;
  std::unordered_map<std::string, std::vector<NativeMethod*>> nativesByOwner_;
  std::unordered_map<std::string, std::vector<const NativeDef*>> unboundNatives_;  // bindNatives
  std::vector<std::unique_ptr<ast::CompilationUnit>> units_;
  std::map<const ClassSymbol*, std::unique_ptr<ClassSymbol>> stubClasses_;
  std::mutex stubClassesMutex_;

  friend class NativeSignatureParser;
};

// Resolves the anonymous unit against `program` (classes, types, names,
// overloads) and annotates the AST in place. Returns the first compile
// error, as Salesforce reports one.
std::optional<CompileError> resolveAnonymous(Program& program, ast::AnonymousUnit& unit);

// The annotation named `name` (in any case) among `annotations`, or null.
const ast::Annotation* findAnnotation(const std::vector<ast::Annotation>& annotations, std::string_view name);
// The value of an annotation's parameter `name` (case-insensitive), or null.
const std::string* annotationParam(const ast::Annotation& annotation, std::string_view name);

// A class annotated @isTest (Apex Developer Guide: "IsTest Annotation").
bool isTestClass(const ClassSymbol& cls);
// A method annotated @isTest or declared with the older testMethod keyword.
bool isTestMethod(const ast::MethodDecl& method);

// Loads and resolves every class of `program.classSource` and the system
// classes written in Apex (what a deploy would compile). A class that does
// not compile does not stop the others: returns the error of each class that
// does not compile, its own or that of a class it uses, in name order (also
// in `program.classErrors`).
std::vector<CompileError> resolveAllClasses(Program& program);

// Loads and resolves every trigger of `program.classSource` into
// `program.triggers`, with the classes they use. A trigger that does not
// compile is left out: returns its error (`className` the trigger's name,
// `isTrigger` set), in name order.
std::vector<CompileError> resolveTriggers(Program& program);

}  // namespace apex::sema
