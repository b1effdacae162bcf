// The front end's one entry point: source text in, apexrun's AST out.
// The ANTLR parse tree is built and dropped inside src/syntax/.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"

namespace apex::syntax {

struct SyntaxError {
  int line = 0;
  int column = 0;  // 1-based
  std::string message;  // Salesforce's wording where known: `Unexpected token 'x'.`
};

struct ParseResult {
  std::unique_ptr<ast::CompilationUnit> unit;  // null when there are errors
  std::vector<SyntaxError> errors;             // in source order
};

// Parses with SLL prediction first and falls back to full LL only when SLL
// reports a syntax error, so well-formed code pays for SLL alone.
ParseResult parse(std::string_view source, ast::CompilationUnit::Kind kind, std::string fileName);

// A class file's source (a project's `.cls`, an embedded standard library
// class) parsed as one top-level class: the unit, or the errors, the first
// being the one the resolver reports. A file without a class is an error at
// 1:1.
ParseResult parseClassFile(std::string_view source, std::string fileName);

// `.cls` is a class, `.trigger` a trigger, anything else an anonymous block.
ast::CompilationUnit::Kind kindForPath(std::string_view path);

}  // namespace apex::syntax
