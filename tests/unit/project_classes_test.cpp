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
  auto errors = sema::resolveAllClasses(program);
  INFO((errors.empty() ? std::string() : errors.front().message));
  REQUIRE(errors.empty());
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

TEST_CASE("compiling a broken project lists every class that fails and compiles the others") {
  runtime::ProjectClasses classes(project(kRepo / "tests" / "fixtures" / "projects" / "broken"));
  sema::Program program(stdlib::standardLibrary());
  program.classSource = &classes;
  std::vector<sema::CompileError> errors = sema::resolveAllClasses(program);
  std::vector<std::string> failed;
  for (const sema::CompileError& e : errors) failed.push_back(e.className);
  CHECK(failed == std::vector<std::string>{"BadMeta", "BadSyntax", "Broken", "ExtendsSealed", "Hidden", "Misnamed",
                                           "Uses"});
  // Its own error, where in the class it is.
  const sema::CompileError& broken = errors[2];
  CHECK(broken.classLine == 4);
  CHECK(broken.classColumn == 20);
  CHECK(broken.classMessage == "Variable does not exist: missingThing");
  // A class that uses one that does not compile fails where it uses it.
  const sema::CompileError& uses = errors[6];
  CHECK(uses.classLine == 3);
  CHECK(uses.classMessage == "Dependent class is invalid and needs recompilation:\n Class Broken : Variable does not exist: missingThing");
  // The class that compiles is there; those that do not are not found.
  CHECK(program.findClass("Sealed"));
  CHECK_FALSE(program.findClass("Broken"));
  CHECK_FALSE(program.findClass("Uses"));
  std::vector<const sema::ClassSymbol*> compiled = classes.compiledClasses(program);
  REQUIRE(compiled.size() == 1);
  CHECK(compiled[0]->name == "Sealed");
}

TEST_CASE("a class whose body was resolved before a class it uses failed does not compile either") {
  // Ledger names Posting in a field, so both load together; Ledger's body
  // is resolved first and Posting's fails after it.
  runtime::ProjectClasses classes(project(kRepo / "tests" / "fixtures" / "projects" / "isolation"));
  sema::Program program(stdlib::standardLibrary());
  program.classSource = &classes;
  sema::resolveAllClasses(program);
  const sema::ClassError* ledger = program.classError("Ledger");
  REQUIRE(ledger);
  CHECK(ledger->error.classLine == 4);
  CHECK(ledger->error.classMessage.starts_with("Dependent class is invalid and needs recompilation:\n Class Posting : "));
  CHECK(ledger->cause.className == "Posting");
  CHECK(program.classError("LedgerTest"));
  CHECK_FALSE(program.findClass("Ledger"));
  // The others compile: the project's own Queueable wins over the platform's.
  for (const char* name : {"Calculator", "CalculatorTest", "Queueable", "Worker", "WorkerTest"}) {
    INFO(name);
    CHECK_FALSE(program.classError(name));
    CHECK(program.findClass(name));
  }
}

TEST_CASE("a script fails only when it uses a class that does not compile") {
  runtime::ProjectClasses classes(project(kRepo / "tests" / "fixtures" / "projects" / "isolation"));
  auto resolve = [&](const char* source, sema::Program& program) {
    syntax::ParseResult parsed = syntax::parse(source, ast::CompilationUnit::Kind::Anonymous, "AnonymousBlock");
    REQUIRE(parsed.unit);
    program.classSource = &classes;
    auto error = sema::resolveAnonymous(program, *parsed.unit->anonymous);
    program.adopt(std::move(parsed.unit));
    return error;
  };
  sema::Program fine(stdlib::standardLibrary());
  CHECK_FALSE(resolve("Integer n = Calculator.add(1, 2);", fine));
  sema::Program broken(stdlib::standardLibrary());
  auto error = resolve("Integer n = Ledger.total();", broken);
  REQUIRE(error);
  CHECK(error->className == "Posting");
  CHECK(error->line == 1);
  CHECK(error->column == 13);
}
