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
      syntax::ParseResult parsed = syntax::parseClassFile(c.source, "stdlib/apex/" + file.name + ".cls");
      if (parsed.errors.empty()) file.unit = std::move(parsed.unit);
      else file.error = sema::CompileError::at(parsed.errors[0].line, parsed.errors[0].column, parsed.errors[0].message);
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
