// The semantic model: types, classes, fields, methods and built-in methods.
//
// The resolver builds it from the AST; the evaluator reads it. Types are
// interned, so two equal types are one pointer.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"
#include "base/text.h"

namespace apex::interp {
class Value;
class Interp;
struct BodyCode;
}  // namespace apex::interp

namespace apex::sema {

enum class TypeKind : uint8_t {
  Void,
  Null,  // the type of the `null` literal
  Object,
  Boolean,
  Integer,
  Long,
  Double,
  Decimal,
  String,
  Id,
  Blob,
  Date,
  Datetime,
  Time,
  List,
  Set,
  Map,
  Class,      // user classes, built-in classes, exceptions, interfaces, enums
  SObject,    // the generic sObject type
  TypeParam,  // T, K, V in built-in signatures
  Dynamic,    // a value whose type is known only at run time (sObject fields
              // until schema is loaded): assignable to and from anything
};

struct ClassSymbol;
class SObjectType;

struct Type {
  TypeKind kind;
  const Type* element = nullptr;  // List/Set element, Map key, a generic class's type argument
  const Type* value = nullptr;    // Map value
  const ClassSymbol* cls = nullptr;  // Class
  const SObjectType* sobject = nullptr;  // a concrete sObject type; null for the generic SObject
  std::string name;               // as Salesforce prints it: `List<String>`

  bool isNumeric() const {
    return kind == TypeKind::Integer || kind == TypeKind::Long || kind == TypeKind::Double ||
           kind == TypeKind::Decimal;
  }
  bool isCollection() const {
    return kind == TypeKind::List || kind == TypeKind::Set || kind == TypeKind::Map;
  }
};

// Native functions get the receiver (for instance methods) in args[0].
using NativeFn = interp::Value (*)(interp::Interp& vm, interp::Value* args, int argc);

// A built-in method as a stdlib table declares it, by Apex signature:
// `{"String", "static String valueOf(Object)", &fn}`; a static constant
// is written without parentheses: `{"Math", "static Double PI", &fn}`.
// A native marked `bindsCallerVariables` (Database.query) reads the
// variables visible where it is called, by name (Interp::callerVariable).
struct NativeDef {
  std::string_view owner;
  std::string_view signature;
  NativeFn fn;
  bool bindsCallerVariables = false;
};

// The resolved form of a NativeDef.
struct NativeMethod {
  const NativeDef* def = nullptr;
  std::string name;
  bool isStatic = false;
  bool isConstructor = false;
  std::vector<const Type*> params;  // may contain TypeParam types
  const Type* returnType = nullptr;
  bool isConstant = false;          // `static Double PI`: a constant, no parentheses
};

struct FieldSymbol {
  std::string name;
  const Type* type = nullptr;
  uint32_t modifiers = 0;
  bool isStatic = false;
  bool isProperty = false;
  int slot = -1;  // instance slot or index into the class's static storage
  const ClassSymbol* owner = nullptr;
  ast::Expr* init = nullptr;                   // field initializer
  const ast::PropertyDecl* property = nullptr; // for properties
  const struct MethodSymbol* getter = nullptr; // custom accessors
  const struct MethodSymbol* setter = nullptr;
  ast::SourceLoc loc;
};

struct MethodSymbol {
  std::string name;
  const ClassSymbol* owner = nullptr;
  std::vector<const Type*> params;
  const Type* returnType = nullptr;
  uint32_t modifiers = 0;
  bool isStatic = false;
  bool isConstructor = false;
  bool isAbstract = false;
  bool isFuture = false;  // @future: a call queues it (Apex Developer Guide, "Future Methods")
  ast::MethodDecl* decl = nullptr;
  ast::BlockStmt* body = nullptr;  // null: abstract, or an accessor body
  int localCount = 0;      // frame size: parameters first, then locals
  int vtableIndex = -1;    // instance methods of classes
  ast::SourceLoc loc;
  // Accessor methods of properties: `value` is the parameter slot 0.
  const FieldSymbol* accessorOf = nullptr;
  // `name(Type1,Type2)` folded: overriding and interface dispatch match on it.
  std::string key;
  // The body compiled for the interpreter (interp/code.h), at its first
  // call; the program's interp::CodeStore owns it.
  mutable const interp::BodyCode* code = nullptr;
};

enum class ClassKind : uint8_t { Class, Interface, Enum };

struct ClassSymbol {
  std::string name;           // simple name as declared
  std::string qualifiedName;  // `Outer.Inner`, `System.ListException`
  ClassKind kind = ClassKind::Class;
  uint32_t modifiers = 0;
  const ClassSymbol* superclass = nullptr;
  std::vector<const ClassSymbol*> interfaces;
  const ClassSymbol* outer = nullptr;
  const Type* type = nullptr;
  ast::TypeDecl* decl = nullptr;  // null for built-in classes
  bool isBuiltin = false;
  bool isException = false;    // extends Exception
  bool isUncatchable = false;  // System.LimitException
  bool isTopLevelAnonymous = false;  // the implicit class of an anonymous block
  // A class of the project (or an inner class of one), loaded from its file;
  // its statics are initialized on first use, flag `lazyInitIndex`.
  bool isProjectClass = false;
  int lazyInitIndex = -1;
  std::string apiVersion;  // project classes: from the .cls-meta.xml
  int typeParameterCount = 0;  // built-in generic interfaces: Iterator<T>, Comparator<T>
  // The stub class Test.createStub makes of a class or interface
  // (Program::stubClassOf): the type it stands for. Its vtable holds every
  // instance method of that type; its instances keep the StubProvider in
  // one slot after `instanceFields`.
  const ClassSymbol* stubbedClass = nullptr;

  std::vector<std::unique_ptr<FieldSymbol>> ownFields;    // declared here
  std::vector<const FieldSymbol*> instanceFields;         // all slots, inherited first
  std::vector<const FieldSymbol*> staticFields;
  int staticBase = -1;  // first index of this class's statics in the transaction
  std::vector<std::unique_ptr<MethodSymbol>> ownMethods;  // declared here, incl. ctors
  std::vector<const MethodSymbol*> vtable;
  std::vector<std::string> enumConstants;
  std::vector<const ClassSymbol*> innerClasses;
  // Field initializers and initializer blocks run as these synthetic
  // methods, which own the frames their locals need.
  const MethodSymbol* instanceInit = nullptr;
  const MethodSymbol* staticInit = nullptr;
  std::vector<ast::Initializer*> instanceBlocks;
  std::vector<ast::Initializer*> staticBlocks;

  bool isSubclassOf(const ClassSymbol* other) const;  // reflexive, interfaces too
};

// Interns types so that equality is pointer equality.
class TypeTable {
 public:
  TypeTable();
  TypeTable(const TypeTable&) = delete;
  TypeTable& operator=(const TypeTable&) = delete;

  const Type* voidType() const { return void_; }
  const Type* nullType() const { return null_; }
  const Type* object() const { return object_; }
  const Type* boolean() const { return boolean_; }
  const Type* integer() const { return integer_; }
  const Type* longType() const { return long_; }
  const Type* doubleType() const { return double_; }
  const Type* decimal() const { return decimal_; }
  const Type* string() const { return string_; }
  const Type* id() const { return id_; }
  const Type* blob() const { return blob_; }
  const Type* date() const { return date_; }
  const Type* datetime() const { return datetime_; }
  const Type* time() const { return time_; }
  const Type* sobject() const { return sobject_; }
  const Type* dynamic() const { return dynamic_; }
  // A concrete sObject type (`Account`, `Invoice__c`).
  const Type* sobjectType(const SObjectType& object);
  const Type* typeParam(char name);  // 'T', 'K', 'V'

  const Type* list(const Type* element);
  const Type* set(const Type* element);
  const Type* map(const Type* key, const Type* value);
  const Type* classType(const ClassSymbol* cls);
  // A generic built-in interface with its type argument: `System.Iterator<Integer>`.
  const Type* classType(const ClassSymbol* cls, const Type* typeArgument);

  // A primitive or collection-free type by its (case-insensitive) name, or null.
  const Type* primitiveByName(std::string_view name) const;

 private:
  const Type* intern(std::unique_ptr<Type> t);

  std::map<std::string, std::unique_ptr<Type>> byKey_;
  // Natives intern types while Apex runs, on several threads under
  // `apexrun serve`.
  std::mutex mutex_;
  const Type *void_, *null_, *object_, *boolean_, *integer_, *long_, *double_, *decimal_,
      *string_, *id_, *blob_, *date_, *datetime_, *time_, *sobject_, *dynamic_;
};

// Apex names are case-insensitive: sema keys its tables by folded names.
using text::foldCase;

}  // namespace apex::sema
