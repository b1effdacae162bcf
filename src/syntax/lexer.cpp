// The lexer's fast paths and keyword lookup, and the source stream. See
// lexer.h.
#include "syntax/lexer.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "base/text.h"

namespace apex::syntax {

namespace {

using apexgen::ApexLexer;

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Longer words are never looked up (the longest keyword,
// security_enforced, has 17 letters).
constexpr size_t kMaxKeywordLength = 24;

// Keyword spellings and their token types, sorted by spelling. Built from
// the grammar's vocabulary, so the tokens block stays the only list.
using KeywordTable = std::vector<std::pair<std::string, size_t>>;

KeywordTable buildKeywordTable(const antlr4::dfa::Vocabulary& vocabulary) {
  KeywordTable table;
  for (size_t type = ApexLexer::ABSTRACT; type <= ApexLexer::WHERE; ++type) {
    table.emplace_back(keywordSpelling(type, vocabulary), type);
    if (table.back().first.size() > kMaxKeywordLength) throw std::logic_error("keyword longer than kMaxKeywordLength");
  }
  std::sort(table.begin(), table.end());
  return table;
}

const KeywordTable& keywordTable(const antlr4::dfa::Vocabulary& vocabulary) {
  static const KeywordTable table = buildKeywordTable(vocabulary);
  return table;
}

bool isWhitespace(size_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B || c == 0xA0 || c == 0xFEFF;
}

bool isWordStart(size_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

bool isDigit(size_t c) { return c >= '0' && c <= '9'; }

bool isWordPart(size_t c) { return isWordStart(c) || isDigit(c); }

// The operator and punctuation tokens: every rule that is one literal
// ('==', '(', ...), from the vocabulary. Indexed by first character, longest
// first, so the first that matches is the one the generated lexer takes.
struct Literal {
  std::string text;
  size_t type;
};
using LiteralTable = std::array<std::vector<Literal>, 128>;

LiteralTable buildLiterals(const antlr4::dfa::Vocabulary& vocabulary) {
  LiteralTable table;
  for (size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
    std::string quoted = vocabulary.getLiteralName(type);
    if (quoted.size() < 3) continue;
    std::string text = quoted.substr(1, quoted.size() - 2);
    table[static_cast<unsigned char>(text[0]) & 0x7F].push_back({text, type});
  }
  for (std::vector<Literal>& literals : table) {
    std::stable_sort(literals.begin(), literals.end(),
                     [](const Literal& a, const Literal& b) { return a.text.size() > b.text.size(); });
  }
  return table;
}

const std::vector<Literal>& literalsStartingWith(size_t c, const antlr4::dfa::Vocabulary& vocabulary) {
  static const LiteralTable table = buildLiterals(vocabulary);
  static const std::vector<Literal> none;
  return c < table.size() ? table[c] : none;
}

bool startsWith(antlr4::CharStream& input, const std::string& text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (input.LA(static_cast<ssize_t>(i) + 1) != static_cast<unsigned char>(text[i])) return false;
  }
  return true;
}

// The length of the well-formed UTF-8 sequence at in[i], or 0.
size_t sequenceLength(std::string_view in, size_t i) {
  const size_t n = in.size();
  auto byte = [&](size_t k) { return k < n ? static_cast<unsigned char>(in[k]) : 0; };
  auto cont = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
  unsigned char c = byte(i);
  unsigned char c1 = byte(i + 1);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
    return cont(i + 1) && cont(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// The code point of the well-formed sequence of `length` bytes at in[i].
char32_t decode(std::string_view in, size_t i, size_t length) {
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t cp = static_cast<unsigned char>(in[i]) & kLeadMask[length];
  for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(in[i + k]) & 0x3F);
  return cp;
}

}  // namespace

SourceStream::SourceStream(std::string_view utf8) {
  // At most one code point per byte: fill a buffer that large, then trim.
  _data.resize(utf8.size());
  char32_t* out = _data.data();
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      *out++ = c;
      ++i;
      continue;
    }
    size_t length = sequenceLength(utf8, i);
    *out++ = length ? decode(utf8, i, length) : char32_t(0xFFFD);
    i += length ? length : 1;
  }
  _data.resize(static_cast<size_t>(out - _data.data()));
}

// ANTLRInputStream::getText(), clamped the same way.
std::string SourceStream::getText(const antlr4::misc::Interval& interval) {
  if (interval.a < 0 || interval.b < 0 || static_cast<size_t>(interval.a) >= _data.size()) return "";
  size_t stop = std::min(static_cast<size_t>(interval.b), _data.size() - 1);
  std::string out;
  for (size_t i = static_cast<size_t>(interval.a); i <= stop; ++i) {
    if (_data[i] < 0x80) out += static_cast<char>(_data[i]);
    else text::appendCodePoint(out, _data[i]);
  }
  return out;
}

std::string keywordSpelling(size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  if (type < ApexLexer::ABSTRACT || type > ApexLexer::WHERE) return "";
  std::string name = vocabulary.getSymbolicName(type);
  for (std::string_view suffix : {"_KW", "_LITERAL"}) {
    if (endsWith(name, suffix)) name.erase(name.size() - suffix.size());
  }
  return text::foldCase(name);
}

Lexer::Lexer(antlr4::CharStream* input)
    : ApexLexer(input), simulator_(*static_cast<antlr4::atn::LexerATNSimulator*>(_interpreter)) {}

std::unique_ptr<antlr4::Token> Lexer::nextToken() {
  skipWhitespace();
  size_t c = _input->LA(1);
  if (isWordStart(c)) return word();
  size_t next = _input->LA(2);
  if (c == '/' && next == '/') return lineComment();
  // Other rules starting with punctuation: `/*` comments, `.5` numbers.
  bool otherRule = (c == '/' && next == '*') || (c == '.' && isDigit(next));
  if (!otherRule) {
    for (const Literal& literal : literalsStartingWith(c, getVocabulary())) {
      if (startsWith(*_input, literal.text)) return scanned(literal.type, literal.text.size(), antlr4::Token::DEFAULT_CHANNEL);
    }
  }
  return ApexLexer::nextToken();
}

// Keeps line and column as the generated lexer would: a line feed starts a
// new line, every other character is one column.
void Lexer::skipWhitespace() {
  size_t c = _input->LA(1);
  if (!isWhitespace(c)) return;
  size_t line = simulator_.getLine();
  size_t column = simulator_.getCharPositionInLine();
  for (; isWhitespace(c); c = _input->LA(1)) {
    _input->consume();
    if (c == '\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
  }
  simulator_.setLine(line);
  simulator_.setCharPositionInLine(column);
}

// The IDENTIFIER rule, then the keyword lookup.
std::unique_ptr<antlr4::Token> Lexer::word() {
  size_t length = 1;
  while (isWordPart(_input->LA(static_cast<ssize_t>(length) + 1))) ++length;
  return scanned(wordType(length), length, antlr4::Token::DEFAULT_CHANNEL);
}

// The LINE_COMMENT rule: up to the end of the line, on the hidden channel.
std::unique_ptr<antlr4::Token> Lexer::lineComment() {
  size_t length = 2;
  for (size_t c = _input->LA(3); c != '\n' && c != '\r' && c != antlr4::Token::EOF;
       c = _input->LA(static_cast<ssize_t>(length) + 1))
    ++length;
  return scanned(LINE_COMMENT, length, antlr4::Token::HIDDEN_CHANNEL);
}

// Emits the next `length` characters (none of them a line feed) as one
// token, with the bookkeeping of Lexer::nextToken().
std::unique_ptr<antlr4::Token> Lexer::scanned(size_t tokenType, size_t length, size_t tokenChannel) {
  token.reset();
  channel = tokenChannel;
  tokenStartCharIndex = _input->index();
  tokenStartLine = simulator_.getLine();
  tokenStartCharPositionInLine = simulator_.getCharPositionInLine();
  _text.clear();
  for (size_t i = 0; i < length; ++i) _input->consume();
  simulator_.setCharPositionInLine(tokenStartCharPositionInLine + length);
  if (_input->LA(1) == antlr4::Token::EOF) hitEOF = true;
  type = tokenType;
  emit();
  return std::move(token);
}

// The token type of the word of `length` characters ahead: its keyword's,
// or IDENTIFIER.
size_t Lexer::wordType(size_t length) const {
  if (length > kMaxKeywordLength) return IDENTIFIER;
  char lowered[kMaxKeywordLength];
  for (size_t i = 0; i < length; ++i) {
    size_t c = _input->LA(static_cast<ssize_t>(i) + 1);
    lowered[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  std::string_view word(lowered, length);
  const KeywordTable& table = keywordTable(getVocabulary());
  auto it = std::lower_bound(table.begin(), table.end(), word,
                             [](const auto& entry, std::string_view w) { return entry.first < w; });
  return it != table.end() && it->first == word ? it->second : size_t(IDENTIFIER);
}

}  // namespace apex::syntax
