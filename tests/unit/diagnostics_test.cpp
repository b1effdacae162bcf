// The catalog of the resolver's compile-error messages (sema/diagnostics.h).
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>

#include "sema/diagnostics.h"

using apex::sema::CheckedDiagnostic;
using apex::sema::Diagnostic;
using apex::sema::diagnosticArgumentCount;
using apex::sema::diagnosticText;
using apex::sema::kDiagnosticFormats;

namespace {

// Braces appear in a format only as `{}` placeholders, so that counting
// `{}`s counts the arguments a format takes.
constexpr bool onlyPlaceholderBraces(std::string_view format) {
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '}') return false;
    if (format[i] == '{') {
      if (i + 1 == format.size() || format[i + 1] != '}') return false;
      ++i;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a diagnostic without arguments is its format", "[diagnostics]") {
  CHECK(diagnosticText(Diagnostic::MissingReturnValue) == "Missing return value");
  CHECK(diagnosticText(Diagnostic::ModuloNotApex) == "Found punctuation symbol or operator '%' that isn't valid in Apex.");
}

TEST_CASE("each {} takes the next argument, in order", "[diagnostics]") {
  std::string name = "Point";
  CHECK(diagnosticText(Diagnostic::DuplicateTypeName, name) == "Duplicate type name: Point");
  CHECK(diagnosticText(Diagnostic::IllegalAssignment, std::string_view("String"), "Integer") ==
        "Illegal assignment from String to Integer");
  CHECK(diagnosticText(Diagnostic::MissingInterfaceMethod, "Sorter", "Integer", "System.Comparator", "compare",
                       "T, T") == "Class Sorter must implement the method: Integer System.Comparator.compare(T, T)");
  CHECK(diagnosticText(Diagnostic::DependentClassInvalid, "Broken", "Variable does not exist: x") ==
        "Dependent class is invalid and needs recompilation:\n Class Broken : Variable does not exist: x");
}

TEST_CASE("an argument may be empty or contain braces", "[diagnostics]") {
  CHECK(diagnosticText(Diagnostic::ConstructorNotDefined, "Object", "") == "Constructor not defined: [Object].<Constructor>()");
  CHECK(diagnosticText(Diagnostic::IncompatibleComparison, "{}", "Integer") ==
        "Comparison arguments must be compatible types: {}, Integer");
}

TEST_CASE("every format takes as many arguments as it has {}s", "[diagnostics]") {
  STATIC_REQUIRE(std::all_of(std::begin(kDiagnosticFormats), std::end(kDiagnosticFormats), onlyPlaceholderBraces));
  STATIC_REQUIRE(diagnosticArgumentCount(Diagnostic::TopLevelVisibility) == 0);
  STATIC_REQUIRE(diagnosticArgumentCount(Diagnostic::ClassFileNameMismatch) == 2);
  STATIC_REQUIRE(diagnosticArgumentCount(Diagnostic::MethodNotVisible) == 4);
  // Resolver::fail and diagnosticText take a CheckedDiagnostic: a call with
  // another number of arguments than the format's does not compile.
  STATIC_REQUIRE(CheckedDiagnostic<2>(Diagnostic::IllegalAssignment).diagnostic == Diagnostic::IllegalAssignment);
}
