// A compiled Apex program: the semantic model of every class it can see and
// the anonymous block (or, later, the entry point) it runs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "sema/types.h"

namespace apex::sema {

struct CompileError {
  int line = 0;
  int column = 0;
  std::string message;
};

class Program {
 public:
  Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  TypeTable types;

  // Classes by folded qualified name (`system.listexception`, `point`,
  // `outer.inner`); built-in exceptions are also found by simple name.
  ClassSymbol* findClass(std::string_view name) const;
  ClassSymbol* addClass(std::unique_ptr<ClassSymbol> cls);
  void alias(std::string_view name, ClassSymbol* cls);

  // Built-in methods of an owner (`string`, `list`, `system`), folded.
  const std::vector<NativeMethod*>* nativesOf(std::string_view owner) const;

  // System.Exception, the root of every exception class.
  ClassSymbol* exceptionClass = nullptr;

  // The anonymous block: its implicit class holds local methods; its body
  // runs as a method with `bodyLocals` slots.
  ast::AnonymousUnit* anonymous = nullptr;
  ClassSymbol* anonymousClass = nullptr;
  int bodyLocals = 0;

  int constantCount = 0;  // String and Decimal literals, pooled per transaction
  int staticSlots = 0;  // static fields of all classes, laid end to end
  std::vector<const ClassSymbol*> classesInOrder;  // user classes, declaration order

 private:
  void loadNatives();

  std::vector<std::unique_ptr<ClassSymbol>> classes_;
  std::unordered_map<std::string, ClassSymbol*> classByName_;
  std::vector<std::unique_ptr<NativeMethod>> natives_;
  std::unordered_map<std::string, std::vector<NativeMethod*>> nativesByOwner_;

  friend class NativeSignatureParser;
};

// Resolves the anonymous unit against `program` (classes, types, names,
// overloads) and annotates the AST in place. Returns the first compile
// error, as Salesforce reports one.
std::optional<CompileError> resolveAnonymous(Program& program, ast::AnonymousUnit& unit);

}  // namespace apex::sema
