// Formulas: the parser (sema/formula.h) and the evaluator
// (interp/formula_eval.h) on records of the data tests' org.
#include <catch2/catch.hpp>

#include "base/temporal.h"
#include "data_test_support.h"
#include "interp/formula_eval.h"
#include "interp/object.h"
#include "sema/formula.h"

namespace formula_test {

using namespace apex;
using data_test::Org;
using interp::Value;
using sema::formula::Node;

std::string formulaParseError(std::string_view formula) { return sema::formula::parseFormula(formula).error; }

// The formula's value as String.valueOf writes it ("null" when blank), or
// the message of the exception it raised.
std::string formulaValue(Org& org, std::string_view formula, const Value& record, const Value* prior = nullptr,
                     bool blanksAsZero = false) {
  interp::FormulaScope scope{record.as<interp::SObjectObj>(), prior ? prior->as<interp::SObjectObj>() : nullptr,
                             blanksAsZero};
  try {
    Value v = interp::evaluateFormula(org.vm, formula, scope, "the test formula");
    return v.isNull() ? "null" : org.vm.stringValueOf(v);
  } catch (const interp::ApexThrow& thrown) {
    return org.vm.stringValueOf(thrown.exception.as<interp::InstanceObj>()->exception->message);
  }
}

struct FormulaOrg : Org {
  Value invoice = vm.makeSObject(*schema.object("Invoice__c"));

  FormulaOrg() {
    set("Name", vm.makeString("INV-1"));
    set("Total__c", vm.makeDecimal(*Decimal::parse("12.50")));
    set("Count__c", Value::integer(3));
    set("Paid__c", Value::boolean(false));
    set("Due__c", Value::date(int32_t(apex::Date::fromYearMonthDay(2024, 1, 31)->daysSinceEpoch())));
  }
  void set(const char* field, Value v) { invoice.as<interp::SObjectObj>()->set(schema.object("Invoice__c")->field(field), v); }
  std::string eval(std::string_view formula) { return formulaValue(*this, formula, invoice); }
};

TEST_CASE("formulas parse into operators, calls, fields and literals", "[formula]") {
  auto parsed = sema::formula::parseFormula("IF(Amount__c > 0 && Account.Name <> 'x', 1 + 2 * 3, -1)");
  REQUIRE(parsed.root);
  CHECK(parsed.root->kind == Node::Kind::Call);
  CHECK(parsed.root->text == "IF");
  REQUIRE(parsed.root->args.size() == 3);
  CHECK(parsed.root->args[0]->text == "&&");
  CHECK(parsed.root->args[0]->args[1]->args[0]->pathText() == "Account.Name");
  CHECK(parsed.root->args[1]->text == "+");
  CHECK(parsed.root->args[1]->args[1]->text == "*");
  CHECK(parsed.root->args[2]->kind == Node::Kind::Unary);
}

TEST_CASE("formula parse errors are worded as the formula editor words them", "[formula]") {
  CHECK(formulaParseError("HYPERLINK('x', 'y')") ==
        "Unknown function HYPERLINK. Check spelling. (apexrun evaluates the functions docs/data.md lists)");
  CHECK(formulaParseError("LEFT('abc')") == "Incorrect number of parameters for function 'LEFT()'. Expected 2, received 1");
  CHECK(formulaParseError("IF(true, 1, 2, 3)") == "Incorrect number of parameters for function 'IF()'. Expected 3, received 4");
  CHECK(formulaParseError("(1 + 2") == "Syntax error. Missing ')'");
  CHECK(formulaParseError("1 + 2)") == "Syntax error. Found ')'");
  CHECK(formulaParseError("'open") == "Syntax error. Missing '''");
  CHECK(formulaParseError("1.2.3") == "Syntax error. Found '1.2.3'");
  CHECK(formulaParseError("1 + /* note */ 2").empty());
  CHECK(formulaParseError("isBlank(Name)").empty());
}

TEST_CASE("formula operators: arithmetic, concatenation, comparison, logic", "[formula]") {
  FormulaOrg org;
  CHECK(org.eval("Total__c * Count__c") == "37.50");
  CHECK(org.eval("10 / 4") == "2.5");
  CHECK(org.eval("1200 / 2") == "600");
  CHECK(org.eval("(0 - 8) ^ 0.5") == "null");
  CHECK(org.eval("2 ^ 3") == "8");
  CHECK(org.eval("1 / 0") == "null");
  CHECK(org.eval("Name & '-' & 'x'") == "INV-1-x");
  CHECK(org.eval("'a' + 'b'") == "ab");
  CHECK(org.eval("Count__c = 3 && Count__c == 3 && Count__c <> 4 && Count__c != 4") == "true");
  CHECK(org.eval("Count__c >= 3 || false") == "true");
  CHECK(org.eval("!Paid__c") == "true");
  CHECK(org.eval("'abc' = 'ABC'") == "false");
  CHECK(org.eval("Name + 1") == "Invalid formula in the test formula: Incorrect parameter type for operator '+'. "
                                "Expected Number, received Text");
}

TEST_CASE("formula logical and blank functions", "[formula]") {
  FormulaOrg org;
  CHECK(org.eval("IF(Count__c > 2, 'big', 'small')") == "big");
  CHECK(org.eval("CASE(Count__c, 1, 'one', 3, 'three', 'other')") == "three");
  CHECK(org.eval("CASE(Count__c, 1, 'one', 'other')") == "other");
  CHECK(org.eval("AND(true, Count__c > 1, NOT(Paid__c))") == "true");
  CHECK(org.eval("OR(false, Paid__c)") == "false");
  CHECK(org.eval("ISBLANK(Sent__c)") == "true");
  CHECK(org.eval("ISNULL(Name)") == "false");
  CHECK(org.eval("ISNULL(Sent__c)") == "true");
  CHECK(org.eval("ISNULL(Count__c)") == "false");
  CHECK(org.eval("ISNULL(Tags__c)") == "false");  // text is never null, even blank
  CHECK(org.eval("ISNULL(Account__r.Name)") == "false");
  CHECK(org.eval("BLANKVALUE(Sent__c, 'none')") == "none");
  CHECK(org.eval("NULLVALUE(Count__c, 0)") == "3");
  CHECK(org.eval("ISBLANK('')") == "true");
}

TEST_CASE("formula text functions", "[formula]") {
  FormulaOrg org;
  CHECK(org.eval("LEN(Name)") == "5");
  CHECK(org.eval("LEFT(Name, 3)") == "INV");
  CHECK(org.eval("RIGHT(Name, 1)") == "1");
  CHECK(org.eval("MID(Name, 2, 2)") == "NV");
  CHECK(org.eval("CONTAINS(Name, 'NV')") == "true");
  CHECK(org.eval("BEGINS(Name, 'INV')") == "true");
  CHECK(org.eval("LOWER(Name)") == "inv-1");
  CHECK(org.eval("UPPER('abc')") == "ABC");
  CHECK(org.eval("TRIM('  a b  ')") == "a b");
  CHECK(org.eval("SUBSTITUTE(Name, '-', '/')") == "INV/1");
  CHECK(org.eval("TEXT(Total__c)") == "12.50");
  CHECK(org.eval("TEXT(Due__c)") == "2024-01-31");
  CHECK(org.eval("VALUE('42.5') + 1") == "43.5");
  CHECK(org.eval("VALUE('x')") == "null");
  CHECK(org.eval("REGEX(Name, '[A-Z]+-[0-9]')") == "true");
  CHECK(org.eval("REGEX(Name, '[0-9]')") == "false");
  CHECK(org.eval("ISPICKVAL(Name, 'INV-1')") == "true");
}

TEST_CASE("formula date and number functions", "[formula]") {
  FormulaOrg org;
  CHECK(org.eval("Due__c + 1") == "2024-02-01");
  CHECK(org.eval("Due__c - DATE(2024, 1, 1)") == "30");
  CHECK(org.eval("YEAR(Due__c) & ''") == "Invalid formula in the test formula: Incorrect parameter type for operator "
                                          "'&'. Expected Text, received Number");
  CHECK(org.eval("YEAR(Due__c) * 10000 + MONTH(Due__c) * 100 + DAY(Due__c)") == "20240131");
  CHECK(org.eval("ADDMONTHS(Due__c, 1)") == "2024-02-29");
  CHECK(org.eval("ADDMONTHS(DATE(2023, 2, 28), 1)") == "2023-03-31");
  CHECK(org.eval("DATEVALUE('2024-03-05')") == "2024-03-05");
  CHECK(org.eval("DATE(2024, 2, 30)") == "null");
  CHECK(org.eval("TODAY() - TODAY()") == "0");
  CHECK(org.eval("DATEVALUE(NOW()) - TODAY() <= 1") == "true");
  CHECK(org.eval("ROUND(2.345, 2)") == "2.35");
  CHECK(org.eval("ROUND(-2.5, 0)") == "-3");
  CHECK(org.eval("ABS(-4)") == "4");
  CHECK(org.eval("MAX(1, Count__c, 2)") == "3");
  CHECK(org.eval("MIN(1, Count__c, 2)") == "1");
  CHECK(org.eval("FLOOR(-2.5)") == "-2");
  CHECK(org.eval("CEILING(-2.5)") == "-3");
  CHECK(org.eval("CEILING(2.1)") == "3");
  CHECK(org.eval("MOD(7, 3)") == "1");
}

TEST_CASE("formula blanks: as blank, or as zero for number fields", "[formula]") {
  FormulaOrg org;
  org.set("Count__c", Value());
  CHECK(formulaValue(org, "Count__c + 1", org.invoice) == "null");
  CHECK(formulaValue(org, "Count__c + 1", org.invoice, nullptr, true) == "1");
  CHECK(formulaValue(org, "Count__c > 0", org.invoice) == "false");
}

TEST_CASE("PRIORVALUE, ISCHANGED and ISNEW read the stored record", "[formula]") {
  FormulaOrg org;
  Value before = org.vm.makeSObject(*org.schema.object("Invoice__c"));
  before.as<interp::SObjectObj>()->set(org.schema.object("Invoice__c")->field("Count__c"), Value::integer(2));
  CHECK(formulaValue(org, "ISNEW()", org.invoice) == "true");
  CHECK(formulaValue(org, "ISNEW()", org.invoice, &before) == "false");
  CHECK(formulaValue(org, "ISCHANGED(Count__c)", org.invoice, &before) == "true");
  CHECK(formulaValue(org, "ISCHANGED(Name)", org.invoice, &before) == "true");
  CHECK(formulaValue(org, "PRIORVALUE(Count__c)", org.invoice, &before) == "2");
  CHECK(formulaValue(org, "ISCHANGED(Count__c)", org.invoice) == "false");
}

TEST_CASE("formula field references: unknown fields and parents", "[formula]") {
  FormulaOrg org;
  CHECK(org.eval("Nope__c") == "Invalid formula in the test formula: Field Nope__c does not exist. Check spelling.");
  CHECK(org.eval("Account__r.Name") == "null");
  CHECK(org.eval("$Unknown.Name") ==
        "Invalid formula in the test formula: Field $Unknown.Name does not exist. Check spelling.");
}

}  // namespace formula_test
