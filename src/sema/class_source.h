// Where the resolver finds top-level classes that are not in the unit it
// resolves: the `.cls` files of an SFDX project, looked up by name the first
// time a name needs them (so a large project costs nothing it does not use).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ast/ast.h"
#include "sema/program.h"

namespace apex::sema {

// One class file, parsed. Either `unit` holds the class or `error` says why
// it does not compile (a syntax error, a file that cannot be read).
struct ClassFile {
  std::string name;  // the file's name without `.cls`: Salesforce's class name
  std::unique_ptr<ast::CompilationUnit> unit;
  std::optional<CompileError> error;
  std::string apiVersion;  // from the `.cls-meta.xml`, or the project's
};

class ClassSource {
 public:
  virtual ~ClassSource() = default;
  // The class whose folded name is `folded`, parsed; nullopt when there is
  // no such class. Each class is handed out once.
  virtual std::optional<ClassFile> load(std::string_view folded) = 0;
  // Folded names of every class the source holds, sorted.
  virtual std::vector<std::string> names() const = 0;
  // Every trigger the source holds (`.trigger` files), parsed, in name
  // order; `name` is the file's name without `.trigger`.
  virtual std::vector<ClassFile> loadTriggers() { return {}; }
};

}  // namespace apex::sema
