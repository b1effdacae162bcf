// Source text -> ANTLR parse tree -> AST. See parser.h.
//
// Two-stage parse: SLL prediction with a bail-out error strategy first (fast,
// and enough for code without syntax errors); only when it bails out, the
// same tokens are parsed again with full LL prediction and the default
// recovering strategy, whose reports are collected in Salesforce's wording.
// The generated parser's DFA cache is static, so every parse in the process
// warms it for the next.
#include "syntax/parser.h"

#include <algorithm>
#include <cctype>
#include <exception>

#include "base/text.h"
#include "syntax/lexer.h"
#include "syntax/transformer.h"

namespace apex::syntax {

namespace {

using antlr4::Token;
using apexgen::ApexLexer;

// Stop collecting after this many errors: recovery on garbage input can
// report one per token.
constexpr size_t kMaxErrors = 50;

struct TooManyErrors {};

// ------------------------------------------------------------- messages
//
// The one place syntax errors get their wording. ANTLR's report on the
// left, Salesforce's compile error on the right. `{t}` is the offending
// token's text, `{e}` the single expected token ('x' quoted).
//
//   no viable alternative at input 'x'   Unexpected token 'x'.
//   mismatched input 'x' expecting 'y'   Expecting 'y' but was: 'x'
//   mismatched input 'x' expecting {..}  Unexpected token 'x'.
//   extraneous input 'x' expecting 'y'   Extra 'y', at 'x'.
//   missing 'y' at 'x'                   Missing 'y' at 'x'
//   token recognition error at: 'x'      Unexpected token 'x'.
//   (any of these on a character that is  Found punctuation symbol or operator
//    no Apex token, e.g. % # " `)          'x' that isn't valid in Apex.
//
// When the expected token is not a single punctuation symbol or keyword
// (an identifier, a choice of several, end of file), Salesforce has no
// token to name either and the message falls back to "Unexpected token".
enum class ErrorKind { Unexpected, Expecting, Extra, Missing, InvalidCharacter };

struct MessageTemplate {
  ErrorKind kind;
  const char* antlr;       // documentation only: what ANTLR would have said
  const char* salesforce;  // {t}: offending token, {e}: expected token
};

constexpr MessageTemplate kMessages[] = {
    {ErrorKind::Unexpected, "no viable alternative at input '{t}'", "Unexpected token '{t}'."},
    {ErrorKind::Expecting, "mismatched input '{t}' expecting {e}", "Expecting {e} but was: '{t}'"},
    {ErrorKind::Extra, "extraneous input '{t}' expecting {e}", "Extra {e}, at '{t}'."},
    {ErrorKind::Missing, "missing {e} at '{t}'", "Missing {e} at '{t}'"},
    {ErrorKind::InvalidCharacter, "token recognition error at: '{t}'",
     "Found punctuation symbol or operator '{t}' that isn't valid in Apex."},
};

std::string format(ErrorKind kind, const std::string& tokenText, const std::string& expected) {
  std::string out;
  for (const MessageTemplate& m : kMessages) {
    if (m.kind == kind) out = m.salesforce;
  }
  auto replace = [&out](const std::string& key, const std::string& value) {
    size_t at = out.find(key);
    if (at != std::string::npos) out.replace(at, key.size(), value);
  };
  replace("{e}", expected);
  replace("{t}", tokenText);
  return out;
}

bool isPunctuation(const std::string& text) {
  return text.size() == 1 && std::ispunct(static_cast<unsigned char>(text[0]));
}

// The message for an error at token `t`.
std::string describe(ErrorKind kind, Token* t, const std::string& expected) {
  std::string text = t ? t->getText() : "<EOF>";
  if (t && t->getType() == ApexLexer::ERROR_CHAR) {
    return isPunctuation(text) ? format(ErrorKind::InvalidCharacter, text, "") : format(ErrorKind::Unexpected, text, "");
  }
  if (expected.empty() && kind != ErrorKind::InvalidCharacter) kind = ErrorKind::Unexpected;
  return format(kind, text, expected);
}

// A single expected token as Salesforce names it ('';'', ''catch''), or ""
// when there is no single token to name.
std::string expectedToken(const antlr4::misc::IntervalSet& set, const antlr4::dfa::Vocabulary& vocabulary) {
  ssize_t single = set.getSingleElement();
  if (single <= 0) return "";  // several, none, or EOF
  size_t type = static_cast<size_t>(single);
  std::string literal = vocabulary.getLiteralName(type);
  if (!literal.empty()) return literal;  // already quoted: ';'
  std::string keyword = keywordSpelling(type, vocabulary);
  return keyword.empty() ? "" : "'" + keyword + "'";
}

// DefaultErrorStrategy with the same recovery, reporting in Salesforce's words.
class SalesforceErrorStrategy : public antlr4::DefaultErrorStrategy {
 protected:
  void reportNoViableAlternative(antlr4::Parser* p, const antlr4::NoViableAltException& e) override {
    report(p, e.getOffendingToken(), ErrorKind::Unexpected, "");
  }

  void reportInputMismatch(antlr4::Parser* p, const antlr4::InputMismatchException& e) override {
    report(p, e.getOffendingToken(), ErrorKind::Expecting, expectedToken(e.getExpectedTokens(), p->getVocabulary()));
  }

  void reportFailedPredicate(antlr4::Parser* p, const antlr4::FailedPredicateException& e) override {
    report(p, e.getOffendingToken(), ErrorKind::Unexpected, "");
  }

  void reportUnwantedToken(antlr4::Parser* p) override {
    if (inErrorRecoveryMode(p)) return;
    beginErrorCondition(p);
    report(p, p->getCurrentToken(), ErrorKind::Extra, expectedToken(getExpectedTokens(p), p->getVocabulary()));
  }

  void reportMissingToken(antlr4::Parser* p) override {
    if (inErrorRecoveryMode(p)) return;
    beginErrorCondition(p);
    report(p, p->getCurrentToken(), ErrorKind::Missing, expectedToken(getExpectedTokens(p), p->getVocabulary()));
  }

 private:
  static void report(antlr4::Parser* p, Token* t, ErrorKind kind, const std::string& expected) {
    p->notifyErrorListeners(t, describe(kind, t, expected), nullptr);
  }
};

// Collects parser errors (already worded by SalesforceErrorStrategy).
class ParserErrors : public antlr4::BaseErrorListener {
 public:
  explicit ParserErrors(std::vector<SyntaxError>& errors) : errors_(errors) {}
  void syntaxError(antlr4::Recognizer*, Token*, size_t line, size_t column, const std::string& message,
                   std::exception_ptr) override {
    if (errors_.size() >= kMaxErrors) throw TooManyErrors{};
    errors_.push_back(SyntaxError{static_cast<int>(line), static_cast<int>(column) + 1, message});
  }

 private:
  std::vector<SyntaxError>& errors_;
};

// Collects lexer errors. The lexer turns any stray character into an
// ERROR_CHAR token, so this only fires if the grammar changes.
class LexerErrors : public antlr4::BaseErrorListener {
 public:
  explicit LexerErrors(std::vector<SyntaxError>& errors) : errors_(errors) {}
  void syntaxError(antlr4::Recognizer*, Token*, size_t line, size_t column, const std::string& message,
                   std::exception_ptr) override {
    if (errors_.size() >= kMaxErrors) throw TooManyErrors{};
    std::string text = message;
    const std::string prefix = "token recognition error at: '";
    if (text.rfind(prefix, 0) == 0 && text.size() > prefix.size()) text = text.substr(prefix.size(), text.size() - prefix.size() - 1);
    errors_.push_back(SyntaxError{static_cast<int>(line), static_cast<int>(column) + 1,
                                  isPunctuation(text) ? format(ErrorKind::InvalidCharacter, text, "")
                                                      : format(ErrorKind::Unexpected, text, "")});
  }

 private:
  std::vector<SyntaxError>& errors_;
};

// The generated parser, counting statement and expression nesting as the
// transformer does and checking the stack on every rule entry, so that deep
// nesting ends in an error rather than a stack overflow. The count matters
// most when a syntax error sends the parse to full LL with recovery: both
// walk the whole chain of open rules for every decision or recovery (ANTLR's
// LL1Analyzer and closure recurse through it, several frames per rule, and
// cost time in proportion), so without it `if (true)` nested a few thousand
// times before an error overflows the stack or takes minutes.
class GuardedParser : public apexgen::ApexParser {
 public:
  GuardedParser(antlr4::TokenStream* input, const StackGuard& guard) : ApexParser(input), guard_(guard) {
    // With a listener, exitRule() calls triggerExitRuleEvent(), which counts
    // statements leaving; the listener itself does nothing.
    addParseListener(&exitProbe_);
  }

  using ApexParser::enterRecursionRule;
  // Parser::enterRule() with a static_cast where the 4.9 runtime
  // dynamic_casts the parent context (6% of a warm parse): in a parser,
  // every parent context is a ParserRuleContext.
  void enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex) override {
    check();
    setState(state);
    _ctx = ctx;
    _ctx->start = _input->LT(1);
    if (_buildParseTrees && _ctx->parent) static_cast<antlr4::ParserRuleContext*>(_ctx->parent)->addChild(_ctx);
    if (ruleIndex == RuleStatement) deeper();
  }
  // A left-recursive rule: each operator found after the first operand
  // (`a.b.c`, `1 + 2 + 3`) takes the place of what was parsed so far, which
  // becomes its left operand, one level deeper in the AST. The first operand
  // is complete by then, so the levels are checked, not held open.
  void enterRecursionRule(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex, int precedence) override {
    check();
    ApexParser::enterRecursionRule(ctx, state, ruleIndex, precedence);
    bool nests = ruleIndex == RuleExpression;
    leftRecursions_.push_back(LeftRecursion{nests, 0});
    if (nests) deeper();
  }
  void pushNewRecursionContext(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex) override {
    ApexParser::pushNewRecursionContext(ctx, state, ruleIndex);
    LeftRecursion& current = leftRecursions_.back();
    if (current.nests && nesting_ + ++current.leftOperands > kMaxNestingDepth) tooDeep();
  }
  void unrollRecursionContexts(antlr4::ParserRuleContext* parent) override {
    if (leftRecursions_.back().nests) --nesting_;
    leftRecursions_.pop_back();
    ApexParser::unrollRecursionContexts(parent);
  }
  void triggerEnterRuleEvent() override {}
  void triggerExitRuleEvent() override {
    if (_ctx->getRuleIndex() == RuleStatement) --nesting_;
  }
  void reset() override {
    ApexParser::reset();
    nesting_ = 0;
    leftRecursions_.clear();
  }

 private:
  struct IgnoreEvents : antlr4::tree::ParseTreeListener {
    void visitTerminal(antlr4::tree::TerminalNode*) override {}
    void visitErrorNode(antlr4::tree::ErrorNode*) override {}
    void enterEveryRule(antlr4::ParserRuleContext*) override {}
    void exitEveryRule(antlr4::ParserRuleContext*) override {}
  };

  void check() {
    if (guard_.exhausted()) tooDeep();
  }
  void deeper() {
    if (++nesting_ > kMaxNestingDepth) tooDeep();
  }
  [[noreturn]] void tooDeep() {
    ast::SourceLoc at = locOf(getCurrentToken());
    throw NestingTooDeep{at.line, at.column};
  }

  const StackGuard& guard_;
  IgnoreEvents exitProbe_;
  struct LeftRecursion {
    bool nests;        // an expression
    int leftOperands;  // operators found after the first operand
  };
  int nesting_ = 0;  // statements and expressions open, as the transformer nests them
  std::vector<LeftRecursion> leftRecursions_;
};

// CommonTokenStream::fetch() without the 4.9 runtime's dynamic_cast of every
// token to WritableToken: the lexer's token factory only makes CommonTokens.
class ApexTokenStream : public antlr4::CommonTokenStream {
 public:
  using CommonTokenStream::CommonTokenStream;

 protected:
  size_t fetch(size_t n) override {
    size_t fetched = 0;
    while (!_fetchedEOF && fetched < n) {
      std::unique_ptr<Token> t = _tokenSource->nextToken();
      static_cast<antlr4::CommonToken*>(t.get())->setTokenIndex(_tokens.size());
      _fetchedEOF = t->getType() == Token::EOF;
      _tokens.push_back(std::move(t));
      ++fetched;
    }
    return fetched;
  }
};

// Rejects bracket nesting deeper than the AST may nest before parsing:
// ANTLR's prediction cost grows with the nesting depth at every level (a
// collection initializer must scan its whole first element to tell a List
// from a Map initializer), so absurd nesting would be slow long before the
// stack guard stops it. `<` counts too (generic type arguments), reset at
// tokens that cannot occur inside type arguments. So do dotted names
// (`a.b.c`, each part a level of the AST): full-LL prediction rescans such
// a chain for each of its dots, quadratic in its length.
void checkNesting(ApexTokenStream& tokens) {
  int brackets = 0;
  int angles = 0;
  int dots = 0;               // in the current run of name . name . name
  bool afterDot = false;
  for (Token* t : tokens.getTokens()) {
    bool isDot = t->getType() == ApexLexer::DOT || t->getType() == ApexLexer::QUESTIONDOT;
    if (isDot) ++dots;
    else if (!afterDot) dots = 0;
    afterDot = isDot;
    switch (t->getType()) {
      case ApexLexer::LPAREN:
      case ApexLexer::LBRACK:
      case ApexLexer::LBRACE:
        ++brackets;
        angles = 0;
        break;
      case ApexLexer::RPAREN:
      case ApexLexer::RBRACK:
      case ApexLexer::RBRACE:
        if (brackets > 0) --brackets;
        angles = 0;
        break;
      case ApexLexer::SEMI: angles = 0; break;
      case ApexLexer::LT: ++angles; break;
      case ApexLexer::GT:
        if (angles > 0) --angles;
        break;
      default: break;
    }
    if (brackets > kMaxNestingDepth || angles > kMaxNestingDepth || dots > kMaxNestingDepth) {
      ast::SourceLoc at = locOf(t);
      throw NestingTooDeep{at.line, at.column};
    }
  }
}

antlr4::ParserRuleContext* runEntry(apexgen::ApexParser& parser, ast::CompilationUnit::Kind kind) {
  switch (kind) {
    case ast::CompilationUnit::Kind::Class: return parser.compilationUnit();
    case ast::CompilationUnit::Kind::Trigger: return parser.triggerUnit();
    case ast::CompilationUnit::Kind::Anonymous: break;
  }
  return parser.anonymousUnit();
}

void parseInto(ParseResult& result, std::string_view source, ast::CompilationUnit::Kind kind,
               const std::string& fileName, const StackGuard& guard) {
  SourceStream input(source);
  input.name = fileName;

  LexerErrors lexerErrors(result.errors);
  ParserErrors parserErrors(result.errors);

  Lexer lexer(&input);
  lexer.removeErrorListeners();
  lexer.addErrorListener(&lexerErrors);
  ApexTokenStream tokens(&lexer);
  tokens.fill();
  checkNesting(tokens);

  GuardedParser parser(&tokens, guard);
  parser.removeErrorListeners();
  auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();

  // Stage 1: SLL, bail out on the first problem.
  simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  antlr4::ParserRuleContext* tree = nullptr;
  try {
    tree = runEntry(parser, kind);
  } catch (const antlr4::ParseCancellationException&) {
    // Stage 2: full LL with recovery, collecting every error.
    tokens.seek(0);
    parser.reset();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<SalesforceErrorStrategy>());
    parser.addErrorListener(&parserErrors);
    tree = runEntry(parser, kind);
  }
  if (!result.errors.empty() || !tree) return;

  Transformer transformer(input, result.errors, guard);
  auto unit = std::make_unique<ast::CompilationUnit>();
  unit->kind = kind;
  unit->fileName = fileName;
  switch (kind) {
    case ast::CompilationUnit::Kind::Class:
      unit->typeDecl = transformer.compilationUnit(static_cast<apexgen::ApexParser::CompilationUnitContext*>(tree));
      break;
    case ast::CompilationUnit::Kind::Trigger:
      unit->trigger = transformer.triggerUnit(static_cast<apexgen::ApexParser::TriggerUnitContext*>(tree));
      break;
    case ast::CompilationUnit::Kind::Anonymous:
      unit->anonymous = transformer.anonymousUnit(static_cast<apexgen::ApexParser::AnonymousUnitContext*>(tree));
      break;
  }
  if (result.errors.empty()) result.unit = std::move(unit);
}

// Source order; of several reports at one position (recovery can report
// a token twice), the first that names an expected token is kept.
void sortErrors(std::vector<SyntaxError>& errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const SyntaxError& a, const SyntaxError& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  std::vector<SyntaxError> kept;
  for (SyntaxError& e : errors) {
    if (!kept.empty() && kept.back().line == e.line && kept.back().column == e.column) {
      bool keptIsVague = kept.back().message.rfind("Unexpected token", 0) == 0;
      bool newIsVague = e.message.rfind("Unexpected token", 0) == 0;
      if (keptIsVague && !newIsVague) kept.back() = std::move(e);
      continue;
    }
    kept.push_back(std::move(e));
  }
  errors = std::move(kept);
}

}  // namespace

ParseResult parse(std::string_view source, ast::CompilationUnit::Kind kind, std::string fileName) {
  ParseResult result;
  StackGuard guard;
  try {
    parseInto(result, source, kind, fileName, guard);
  } catch (const NestingTooDeep& deep) {
    result.errors.push_back(SyntaxError{deep.line, deep.column, kNestedTooDeeply});
  } catch (const TooManyErrors&) {
    // The first kMaxErrors are kept.
  } catch (const std::exception& e) {
    result.errors.push_back(SyntaxError{1, 1, std::string("Unable to parse: ") + e.what()});
  }
  if (!result.errors.empty()) {
    result.unit.reset();
    sortErrors(result.errors);
  }
  return result;
}

ParseResult parseClassFile(std::string_view source, std::string fileName) {
  std::string shownName = fileName.substr(fileName.rfind('/') + 1);
  ParseResult parsed = parse(source, ast::CompilationUnit::Kind::Class, std::move(fileName));
  if (parsed.errors.empty() && (!parsed.unit || !parsed.unit->typeDecl)) {
    parsed.unit.reset();
    parsed.errors.push_back(SyntaxError{1, 1, "no class in " + shownName});
  }
  return parsed;
}

ast::CompilationUnit::Kind kindForPath(std::string_view path) {
  std::string folded = text::foldCase(path);
  if (folded.ends_with(".cls")) return ast::CompilationUnit::Kind::Class;
  if (folded.ends_with(".trigger")) return ast::CompilationUnit::Kind::Trigger;
  return ast::CompilationUnit::Kind::Anonymous;
}

}  // namespace apex::syntax
