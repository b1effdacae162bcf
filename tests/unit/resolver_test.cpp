// The resolver: bindings, types, overloads and Salesforce's compile errors.
#include <catch2/catch.hpp>

#include "sema/program.h"
#include "stdlib/registry.h"
#include "syntax/parser.h"

using namespace apex;

namespace {

struct Compiled {
  sema::Program program{stdlib::standardLibrary()};
  std::unique_ptr<ast::CompilationUnit> unit;
  std::optional<sema::CompileError> error;
};

std::unique_ptr<Compiled> compile(const std::string& source) {
  auto c = std::make_unique<Compiled>();
  syntax::ParseResult parsed = syntax::parse(source, ast::CompilationUnit::Kind::Anonymous, "test");
  REQUIRE(parsed.errors.empty());
  c->unit = std::move(parsed.unit);
  c->error = sema::resolveAnonymous(c->program, *c->unit->anonymous);
  return c;
}

const ast::Stmt& statement(const Compiled& c, size_t i) { return *c.unit->anonymous->body->statements.at(i); }

const ast::Expr& debugArgument(const Compiled& c, size_t i) {
  const auto& call = statement(c, i).as<ast::ExprStmt>().expr->as<ast::CallExpr>();
  return *call.args.at(0);
}

}  // namespace

TEST_CASE("locals get frame slots in declaration order", "[resolver]") {
  auto c = compile("void f() { Integer a = 1; String b = 'x'; System.debug(a); }\nf();");
  REQUIRE_FALSE(c->error);
  const ast::MethodDecl& f = c->unit->anonymous->methods.at(0);
  const auto& first = f.body->statements.at(0)->as<ast::LocalVarStmt>();
  const auto& second = f.body->statements.at(1)->as<ast::LocalVarStmt>();
  CHECK(first.declarators[0].slot == 0);
  CHECK(second.declarators[0].slot == 1);
  CHECK(f.symbol->localCount == 2);
}

TEST_CASE("top-level block variables are statics the block's methods share", "[resolver]") {
  auto c = compile("Integer n = 0;\nvoid bump() { n++; }\nbump();\nSystem.debug(n);");
  REQUIRE_FALSE(c->error);
  const auto& decl = statement(*c, 0).as<ast::LocalVarStmt>();
  CHECK(decl.declarators[0].isStatic);
  const auto& use = debugArgument(*c, 2).as<ast::NameExpr>();
  CHECK(use.binding.kind == ast::BindingKind::StaticField);
  CHECK(use.binding.slot == decl.declarators[0].slot);
}

TEST_CASE("names are case-insensitive", "[resolver]") {
  auto c = compile("INTEGER Total = 1;\nsystem.DEBUG(total);");
  REQUIRE_FALSE(c->error);
  CHECK(debugArgument(*c, 1).type->name == "Integer");
}

TEST_CASE("numeric promotion picks the wider type and inserts conversions", "[resolver]") {
  auto c = compile("Integer i = 1;\nLong l = 2L;\nSystem.debug(i + l);");
  REQUIRE_FALSE(c->error);
  const auto& sum = debugArgument(*c, 2).as<ast::BinaryExpr>();
  CHECK(sum.type->name == "Long");
  CHECK(sum.left->kind == ast::ExprKind::Cast);  // the implicit Integer-to-Long
  CHECK(sum.left->as<ast::CastExpr>().implicit);
}

TEST_CASE("string concatenation types as String", "[resolver]") {
  auto c = compile("System.debug('n=' + 1);");
  REQUIRE_FALSE(c->error);
  CHECK(debugArgument(*c, 0).type->name == "String");
}

TEST_CASE("overloads pick the most specific signature", "[resolver]") {
  auto c = compile(
      "String f(Object o) { return 'object'; }\n"
      "String f(Integer i) { return 'integer'; }\n"
      "System.debug(f(1));");
  REQUIRE_FALSE(c->error);
  const auto& call = debugArgument(*c, 0).as<ast::CallExpr>();
  REQUIRE(call.method);
  CHECK(call.method->params.at(0)->name == "Integer");
}

TEST_CASE("generic natives bind their element type", "[resolver]") {
  auto c = compile("List<String> names = new List<String>{'a'};\nSystem.debug(names.get(0));");
  REQUIRE_FALSE(c->error);
  CHECK(debugArgument(*c, 1).type->name == "String");
}

TEST_CASE("compile errors carry Salesforce's message, line and column", "[resolver]") {
  struct Case {
    const char* source;
    int line;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"System.debug(foo);", 1, 14, "Variable does not exist: foo"},
      {"Integer x = 'a';", 1, 13, "Illegal assignment from String to Integer"},
      {"Integer x = 1;\nInteger x = 2;", 2, 9, "Duplicate variable: x"},
      {"Integer f() { }\nf();", 1, 1, "Missing return statement required return type: Integer"},
      {"void f(Integer i) {}\nf('x');", 2, 1, "Method does not exist or incorrect signature: void f(String) from the type anon"},
      {"Foo x;", 1, 1, "Invalid type: Foo"},
  };
  for (const Case& k : cases) {
    INFO(k.source);
    auto c = compile(k.source);
    REQUIRE(c->error);
    CHECK(c->error->message == k.message);
    CHECK(c->error->line == k.line);
    CHECK(c->error->column == k.column);
  }
}
