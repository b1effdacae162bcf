// The generated ApexLexer with the keyword lookup the grammar leaves to C++
// and fast paths for the commonest tokens, and the stream it reads.
// Internal to src/syntax/ (it includes a generated header).
#pragma once

#include <string>
#include <string_view>

#include "ApexLexer.h"

namespace apex::syntax {

// The source as the lexer reads it: code points. Malformed UTF-8 (which
// ANTLR's own input stream would throw on) becomes U+FFFD, one per byte
// that is not part of a well-formed sequence; encoded surrogates too.
// Decoding and getText() are done here because the 4.9 runtime converts
// with std::wstring_convert, which is slow enough to show in a profile.
class SourceStream : public antlr4::ANTLRInputStream {
 public:
  explicit SourceStream(std::string_view utf8);
  std::string getText(const antlr4::misc::Interval& interval) override;
};

// Lexes every word as IDENTIFIER and turns a word spelled like a keyword,
// in any case, into that keyword's token. The keyword token types are
// declared in the grammar's `tokens` block; see ApexLexer.g4.
//
// Whitespace, words, line comments, operators and punctuation (all but
// strings, numbers and block comments) are scanned here rather than by the
// generated lexer, whose 4.9 runtime takes a lock and a hash lookup for
// every character and builds a std::function per token. Each fast path
// takes what the generated lexer would (the longest match of the rules in
// ApexLexer.g4): no other rule starts with a letter or an underscore, or
// with `//`, and the only rules besides the literal ones ('==', '(', ...)
// that start with punctuation are `/*` comments and `.5` numbers.
class Lexer : public apexgen::ApexLexer {
 public:
  explicit Lexer(antlr4::CharStream* input);
  std::unique_ptr<antlr4::Token> nextToken() override;

 private:
  void skipWhitespace();
  std::unique_ptr<antlr4::Token> word();
  std::unique_ptr<antlr4::Token> lineComment();
  std::unique_ptr<antlr4::Token> scanned(size_t tokenType, size_t length, size_t tokenChannel);
  size_t wordType(size_t length) const;

  // The generated lexer's simulator, which keeps line and column. Held
  // here because Lexer::getLine() and friends dynamic_cast it every call.
  antlr4::atn::LexerATNSimulator& simulator_;
};

// The keyword a keyword token type stands for, in lower case (WHEN_KW:
// "when", NULL_LITERAL: "null"); "" for any other token type.
std::string keywordSpelling(size_t type, const antlr4::dfa::Vocabulary& vocabulary);

}  // namespace apex::syntax
