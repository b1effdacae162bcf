// Unit tests for the classes of an SFDX project: the index of .cls files,
// loading on first use, and compiling a whole project (what `apexrun test`
// will do before running the @isTest classes).
#include <catch2/catch.hpp>

#include <filesystem>

#include "runtime/project/project.h"
#include "runtime/project/project_classes.h"
#include "sema/program.h"
#include "stdlib/registry.h"
#include "syntax/parser.h"

namespace fs = std::filesystem;
using namespace apex;

namespace {

const fs::path kRepo = fs::path(__FILE__).parent_path().parent_path().parent_path();

runtime::Project project(const fs::path& root) {
  auto loaded = runtime::loadProject(root);
  REQUIRE(std::holds_alternative<runtime::Project>(loaded));
  return std::get<runtime::Project>(loaded);
}

}  // namespace

TEST_CASE("the sample project's classes, @isTest classes included, all compile") {
  runtime::ProjectClasses classes(project(kRepo / "samples" / "accounts-service"));
  CHECK(classes.size() == 8);
  sema::Program program(stdlib::standardLibrary());
  program.classSource = &classes;
  auto error = sema::resolveAllClasses(program);
  INFO((error ? error->message : std::string()));
  REQUIRE_FALSE(error);
  for (const char* name : {"AccountsService", "AccountsService.Quote", "AccountsServiceTest", "DiscountPolicyTest"}) {
    const sema::ClassSymbol* cls = program.findClass(name);
    REQUIRE(cls);
    CHECK(cls->isProjectClass);
    CHECK(cls->apiVersion == "62.0");
  }
}

TEST_CASE("a script loads only the classes it uses") {
  runtime::ProjectClasses classes(project(kRepo / "tests" / "fixtures" / "projects" / "shop"));
  auto resolve = [&](const char* source, sema::Program& program) {
    syntax::ParseResult parsed = syntax::parse(source, ast::CompilationUnit::Kind::Anonymous, "AnonymousBlock");
    REQUIRE(parsed.unit);
    program.classSource = &classes;
    auto error = sema::resolveAnonymous(program, *parsed.unit->anonymous);
    REQUIRE_FALSE(error);
    return std::move(parsed.unit);
  };
  sema::Program none(stdlib::standardLibrary());
  auto unit1 = resolve("System.debug(1);", none);
  CHECK(none.lazyClassCount == 0);
  sema::Program some(stdlib::standardLibrary());
  auto unit2 = resolve("System.debug(Ping.ping(2));", some);
  CHECK(some.findClass("Ping"));
  CHECK(some.findClass("Pong"));
  CHECK_FALSE(some.findClass("Vault"));
  CHECK(some.lazyClassCount == 2);
}

TEST_CASE("compiling a broken project names the class that fails") {
  runtime::ProjectClasses classes(project(kRepo / "tests" / "fixtures" / "projects" / "broken"));
  sema::Program program(stdlib::standardLibrary());
  program.classSource = &classes;
  auto error = sema::resolveAllClasses(program);
  REQUIRE(error);
  CHECK_FALSE(error->className.empty());
  CHECK(error->message.starts_with("Dependent class is invalid and needs recompilation:\n Class " + error->className));
}
