// Salesforce formulas as text (Formulas Quick Reference): what formula
// fields, formula default values and validation rules are written in,
// parsed into a small tree. Parsing is pure text; the evaluator that reads
// records is src/interp/formula_eval.h.
//
// A formula is literals (numbers, 'text' or "text" with backslash escapes,
// TRUE, FALSE, NULL), field references (Amount__c, Account.Name,
// Account__r.Owner.Name, $User.Id, $Profile.Name, $RecordType.DeveloperName),
// the operators of `Operator` below, parentheses, `/* comments */` and calls
// of the functions of `formulaFunction`. An unknown function or a call with
// the wrong number of arguments is a parse error worded as Salesforce's
// formula editor words it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apex::sema::formula {

struct Node {
  enum class Kind : uint8_t { Number, Text, Boolean, Null, Field, Unary, Binary, Call };
  Kind kind = Kind::Null;
  // Number: the literal's digits; Text: the value; Boolean: "true" or
  // "false"; Unary and Binary: the operator as written ("<>", "&&", "-",
  // "!"); Call: the function's name in upper case.
  std::string text;
  std::vector<std::string> path;             // Field: the names between the dots
  std::vector<std::unique_ptr<Node>> args;   // Unary: one; Binary: two; Call: its arguments
  size_t position = 0;                       // offset in the formula, for errors

  std::string pathText() const;  // Account.Name
};

struct Function {
  std::string_view name;
  int minArgs;
  int maxArgs;  // -1: any number
};

// The function `name` (any case) of the ones apexrun evaluates, or null.
const Function* formulaFunction(std::string_view name);

struct ParseResult {
  std::unique_ptr<Node> root;
  std::string error;  // empty when root is set
};

ParseResult parseFormula(std::string_view text);

}  // namespace apex::sema::formula
