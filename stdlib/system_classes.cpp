#include "stdlib/system_classes.h"

#include "syntax/parser.h"

namespace apex::stdlib {
namespace {

class SystemClasses : public sema::ClassSource {
 public:
  std::optional<sema::ClassFile> load(std::string_view folded) override {
    for (const EmbeddedClass& c : embeddedClasses()) {
      if (text::foldCase(c.name) != folded) continue;
      sema::ClassFile file;
      file.name = std::string(c.name);
      file.apiVersion = "62.0";
      syntax::ParseResult parsed =
          syntax::parse(c.source, ast::CompilationUnit::Kind::Class, "stdlib/apex/" + file.name + ".cls");
      if (!parsed.errors.empty()) {
        sema::CompileError error;
        error.line = parsed.errors.front().line;
        error.column = parsed.errors.front().column;
        error.message = parsed.errors.front().message;
        file.error = error;
      } else {
        file.unit = std::move(parsed.unit);
      }
      return file;
    }
    return std::nullopt;
  }

  std::vector<std::string> names() const override {
    std::vector<std::string> out;
    for (const EmbeddedClass& c : embeddedClasses()) out.push_back(text::foldCase(c.name));
    return out;
  }
};

}  // namespace

std::unique_ptr<sema::ClassSource> makeSystemClasses() { return std::make_unique<SystemClasses>(); }

}  // namespace apex::stdlib
