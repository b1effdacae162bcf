// Parse tree -> AST. See transformer.h for the shape of the visitor and
// src/ast/ast.h for what each node must look like.
#include "syntax/transformer.h"

#include <pthread.h>

#include <algorithm>
#include <charconv>
#include <climits>

#include "base/hex.h"
#include "base/text.h"
#include "syntax/lexer.h"

namespace apex::syntax {

using namespace apex::ast;
using P = apexgen::ApexParser;
using antlr4::Token;

namespace {

constexpr const char* kIllegalInteger = "Illegal integer";
constexpr const char* kIllegalLong = "Illegal long";
constexpr const char* kIllegalDouble = "Illegal double";
constexpr const char* kInvalidModulo = "Found punctuation symbol or operator '%' that isn't valid in Apex.";

Token* tok(antlr4::tree::TerminalNode* node) { return node ? node->getSymbol() : nullptr; }

template <class T, class C>
T* as(C* ctx) {
  return dynamic_cast<T*>(ctx);
}

// Reads `\uXXXX` at s[i] (s[i] == '\\'); returns the code unit or -1.
int readUnicodeEscape(const std::string& s, size_t i) {
  if (i + 5 >= s.size()) return -1;
  if (s[i] != '\\' || (s[i + 1] != 'u' && s[i + 1] != 'U')) return -1;
  int v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    int h = hex::digitValue(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// A backslash followed by no escape letter (\d, \u12) is an error; `at` is
// the backslash's index in `s`.
std::string illegalEscape(const std::string& s, size_t at) {
  size_t end = at + 1;
  text::nextCodePoint(s, end);  // the whole character after the backslash
  return "Illegal character sequence '" + s.substr(at, end - at) + "' in string literal.";
}

}  // namespace

// ------------------------------------------------------------- stack guard

namespace {

// The lowest address of the calling thread's stack (0 if unknown). Looked up
// once per thread: for the main thread, glibc reads /proc/self/maps to
// answer, which would cost more than parsing a small file.
uintptr_t stackLow() {
  thread_local const uintptr_t low = [] {
    uintptr_t result = 0;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* addr = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0 && addr) result = reinterpret_cast<uintptr_t>(addr);
      pthread_attr_destroy(&attr);
    }
    return result;
  }();
  return low;
}

}  // namespace

StackGuard::StackGuard() {
  uintptr_t current = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  uintptr_t low = stackLow();
  // Keep half of what is left (at least 512 KiB) for ANTLR's prediction,
  // which recurses between rule entries as deep as the rule nesting (full-LL
  // contexts, closure through rule stop states).
  uintptr_t available = low && low < current ? current - low : 4u << 20;
  uintptr_t reserve = std::max<uintptr_t>(available / 2, 512u << 10);
  if (reserve >= available) reserve = available / 2;
  limit_ = current - (available - reserve);
}

// ------------------------------------------------------------------ helpers

Transformer::Nest::Nest(Transformer& owner, Token* at) : t(owner) {
  if (++t.depth_ > kMaxNestingDepth || t.guard_.exhausted()) {
    --t.depth_;
    SourceLoc l = locOf(at);
    throw NestingTooDeep{l.line, l.column};
  }
}

void Transformer::error(Token* at, std::string message) { error(locOf(at), std::move(message)); }

void Transformer::error(SourceLoc at, std::string message) {
  errors_.push_back(SyntaxError{at.line, at.column, std::move(message)});
}

antlrcpp::Any Transformer::setExpr(ExprPtr e) {
  expr_ = std::move(e);
  return antlrcpp::Any();
}

antlrcpp::Any Transformer::setStmt(StmtPtr s) {
  stmt_ = std::move(s);
  return antlrcpp::Any();
}

ExprPtr Transformer::expr(antlr4::ParserRuleContext* ctx) {
  Nest nest(*this, ctx->getStart());
  expr_.reset();
  ctx->accept(this);
  if (!expr_) {
    // Only reachable if the grammar grew an alternative this file does not
    // know: report it rather than hand the resolver a null expression.
    error(ctx->getStart(), "Unexpected token '" + ctx->getStart()->getText() + "'.");
    return std::make_unique<LiteralExpr>(locOf(ctx->getStart()));
  }
  return std::move(expr_);
}

StmtPtr Transformer::stmt(P::StatementContext* ctx) {
  Nest nest(*this, ctx->getStart());
  stmt_.reset();
  ctx->accept(this);
  if (!stmt_) {
    error(ctx->getStart(), "Unexpected token '" + ctx->getStart()->getText() + "'.");
    return std::make_unique<EmptyStmt>(locOf(ctx->getStart()));
  }
  return std::move(stmt_);
}

std::unique_ptr<BlockStmt> Transformer::block(P::BlockContext* ctx) {
  auto b = std::make_unique<BlockStmt>(locOf(ctx->getStart()));
  for (P::StatementContext* s : ctx->statement()) b->statements.push_back(stmt(s));
  return b;
}

std::vector<ExprPtr> Transformer::expressionList(P::ExpressionListContext* ctx) {
  std::vector<ExprPtr> out;
  if (!ctx) return out;
  for (P::ExpressionContext* e : ctx->expression()) out.push_back(expr(e));
  return out;
}

std::vector<ExprPtr> Transformer::arguments(P::ArgumentsContext* ctx) {
  return ctx ? expressionList(ctx->expressionList()) : std::vector<ExprPtr>{};
}

// RuleContext::getText() builds a std::stringstream per call; most names
// are a single token, whose text is all there is.
std::string Transformer::text(antlr4::ParserRuleContext* ctx) const {
  if (!ctx) return {};
  if (ctx->getStart() == ctx->getStop()) return ctx->getStart()->getText();
  std::string out;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child)) out += text(rule);
    else out += static_cast<antlr4::tree::TerminalNode*>(child)->getSymbol()->getText();
  }
  return out;
}

std::string Transformer::sourceText(antlr4::ParserRuleContext* ctx) const {
  if (!ctx || !ctx->getStart() || !ctx->getStop()) return {};
  size_t a = ctx->getStart()->getStartIndex();
  size_t b = ctx->getStop()->getStopIndex();
  if (b == INVALID_INDEX || a == INVALID_INDEX || b < a) return {};
  return chars_.getText(antlr4::misc::Interval(a, b));
}

std::string Transformer::qualifiedName(P::QualifiedNameContext* ctx) const {
  std::string out = text(ctx->id());
  for (P::AnyIdContext* part : ctx->anyId()) {
    out += '.';
    out += text(part);
  }
  return out;
}

// --------------------------------------------------------------- type names

void Transformer::typeNamePart(P::TypeNameContext* ctx, TypeName& out) {
  out.parts.push_back(text(ctx->name));
  if (ctx->args) {
    for (P::TypeRefContext* a : ctx->args->typeRef()) out.args.push_back(typeRef(a));
  }
}

// A typeRef, or the type of a class literal (which has typeRef's shape but
// not its rule, so that no typeRef is ever followed by a dot and typeRef's
// loops are decided by one token of lookahead).
template <class Ctx>
TypeName Transformer::typeOf(Ctx* ctx) {
  Nest nest(*this, ctx->getStart());
  TypeName t;
  t.loc = locOf(ctx->getStart());
  for (P::TypeNameContext* part : ctx->parts) typeNamePart(part, t);
  t.arrayDims = static_cast<int>(ctx->dims.size());
  return t;
}

TypeName Transformer::typeRef(P::TypeRefContext* ctx) { return typeOf(ctx); }

// `x instanceof T`: a rule of its own with the shape of typeRef.
TypeName Transformer::instanceofType(P::InstanceofTypeContext* ctx) {
  TypeName t;
  t.loc = locOf(ctx->getStart());
  for (P::IdContext* part : ctx->id()) t.parts.push_back(text(part));
  if (P::TypeArgumentsContext* args = ctx->typeArguments()) {
    for (P::TypeRefContext* a : args->typeRef()) t.args.push_back(typeRef(a));
  }
  if (P::ArraySubscriptsContext* subs = ctx->arraySubscripts()) t.arrayDims = static_cast<int>(subs->LBRACK().size());
  return t;
}

// ---------------------------------------------------------------- literals

// `1e20`, `1.5e3`, `2E5d`: Apex has no exponent notation. Salesforce reads
// the digits as a number and the exponent as the next token.
bool Transformer::rejectExponent(Token* t) {
  const std::string s = t->getText();
  size_t e = s.find_first_of("eE");
  if (e == std::string::npos) return false;
  SourceLoc at = locOf(t);
  at.column += static_cast<int>(e);
  error(at, "Unexpected token '" + s.substr(e) + "'.");
  return true;
}

ExprPtr Transformer::integerLiteral(Token* t, Token* minus, bool isLong) {
  auto lit = std::make_unique<LiteralExpr>(locOf(minus ? minus : t));
  lit->literal = isLong ? LiteralKind::Long : LiteralKind::Integer;
  std::string digits = t->getText();
  if (isLong) digits.pop_back();  // the L suffix
  const uint64_t max = isLong ? uint64_t(INT64_MAX) : uint64_t(INT32_MAX);
  uint64_t value = 0;
  bool overflow = false;
  for (char c : digits) {
    value = value * 10 + uint64_t(c - '0');
    if (value > max) {
      overflow = true;
      break;
    }
  }
  if (overflow) {
    // Salesforce checks the magnitude: -2147483648 is rejected as well.
    error(t, isLong ? kIllegalLong : kIllegalInteger);
    return lit;
  }
  lit->intValue = minus ? -int64_t(value) : int64_t(value);
  return lit;
}

std::string Transformer::decodeString(Token* t) {
  const std::string s = t->getText();
  std::string out;
  out.reserve(s.size());
  // s[0] and s.back() are the quotes.
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    // Escape letters are case-insensitive, like the rest of Apex: '\N' is
    // a line break and '\U00e9' is é.
    char n = s[i + 1];
    switch (text::toLower(static_cast<unsigned char>(n))) {
      case 'n': out += '\n'; ++i; break;
      case 't': out += '\t'; ++i; break;
      case 'r': out += '\r'; ++i; break;
      case 'b': out += '\b'; ++i; break;
      case 'f': out += '\f'; ++i; break;
      case '\'': out += '\''; ++i; break;
      case '"': out += '"'; ++i; break;
      case '\\': out += '\\'; ++i; break;
      case 'u': {
        int unit = readUnicodeEscape(s, i);
        if (unit < 0) {
          error(t, illegalEscape(s, i));
          return out;
        }
        i += 5;
        uint32_t cp = static_cast<uint32_t>(unit);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          int low = readUnicodeEscape(s, i + 1);
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (uint32_t(low) - 0xDC00);
            i += 6;
          } else {
            cp = 0xFFFD;  // a lone surrogate has no UTF-8 form
          }
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        text::appendCodePoint(out, cp);
        break;
      }
      case '%':
      case '_':
        // SOQL LIKE escapes keep their backslash.
        out += c;
        break;
      default:
        error(t, illegalEscape(s, i));
        return out;
    }
  }
  return out;
}

ExprPtr Transformer::literal(P::LiteralContext* ctx, Token* minus) {
  Token* t = ctx->getStart();
  if (as<P::IntegerLiteralContext>(ctx)) return integerLiteral(t, minus, false);
  if (as<P::LongLiteralContext>(ctx)) return integerLiteral(t, minus, true);
  auto lit = std::make_unique<LiteralExpr>(locOf(minus ? minus : t));
  if (as<P::DecimalLiteralContext>(ctx)) {
    lit->literal = LiteralKind::Decimal;
    if (!rejectExponent(t)) lit->text = (minus ? "-" : "") + t->getText();
  } else if (as<P::DoubleLiteralContext>(ctx)) {
    lit->literal = LiteralKind::Double;
    if (!rejectExponent(t)) {
      std::string digits = t->getText();
      digits.pop_back();  // the d suffix
      if (!digits.empty() && digits[0] == '.') digits.insert(digits.begin(), '0');
      double v = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
      if (ec != std::errc() || end != digits.data() + digits.size()) error(t, kIllegalDouble);
      lit->doubleValue = minus ? -v : v;
    }
  } else if (as<P::StringLiteralContext>(ctx)) {
    lit->literal = LiteralKind::String;
    lit->text = decodeString(t);
  } else if (as<P::BooleanLiteralContext>(ctx)) {
    lit->literal = LiteralKind::Boolean;
    lit->boolValue = t->getType() == apexgen::ApexLexer::TRUE_LITERAL;
  } else {
    lit->literal = LiteralKind::Null;
  }
  return lit;
}

// ---------------------------------------------------------------- operators

void Transformer::invalidModulo(Token* t) { error(t, kInvalidModulo); }

ExprPtr Transformer::binary(antlr4::ParserRuleContext* ctx, BinaryOp op, P::ExpressionContext* l,
                            P::ExpressionContext* r) {
  auto e = std::make_unique<BinaryExpr>(locOf(ctx->getStart()), op);
  e->left = expr(l);
  e->right = expr(r);
  return e;
}

// ============================================================== statements

antlrcpp::Any Transformer::visitBlockStatement(P::BlockStatementContext* ctx) { return setStmt(block(ctx->block())); }

std::vector<VarDeclarator> Transformer::declarators(P::VariableDeclaratorsContext* ctx) {
  std::vector<VarDeclarator> out;
  for (P::VariableDeclaratorContext* d : ctx->variableDeclarator()) {
    VarDeclarator v;
    v.name = text(d->name);
    v.loc = locOf(d->getStart());
    if (d->init) v.init = expr(d->init);
    out.push_back(std::move(v));
  }
  return out;
}

std::unique_ptr<LocalVarStmt> Transformer::localVar(P::LocalVariableDeclarationContext* ctx) {
  auto s = std::make_unique<LocalVarStmt>(locOf(ctx->getStart()));
  s->isFinal = ctx->FINAL() != nullptr;
  s->typeName = typeRef(ctx->typeRef());
  s->declarators = declarators(ctx->variableDeclarators());
  return s;
}

antlrcpp::Any Transformer::visitLocalVariableDeclarationStatement(P::LocalVariableDeclarationStatementContext* ctx) {
  return setStmt(localVar(ctx->localVariableDeclaration()));
}

antlrcpp::Any Transformer::visitIfStatement(P::IfStatementContext* ctx) {
  auto s = std::make_unique<IfStmt>(locOf(ctx->getStart()));
  s->condition = expr(ctx->parExpression()->expression());
  s->thenBranch = stmt(ctx->statement(0));
  if (ctx->statement().size() > 1) s->elseBranch = stmt(ctx->statement(1));
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitForEachStatement(P::ForEachStatementContext* ctx) {
  auto s = std::make_unique<ForEachStmt>(locOf(ctx->getStart()));
  s->typeName = typeRef(ctx->typeRef());
  s->name = text(ctx->id());
  s->iterable = expr(ctx->expression());
  s->body = stmt(ctx->statement());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitForStatement(P::ForStatementContext* ctx) {
  auto s = std::make_unique<ForStmt>(locOf(ctx->getStart()));
  if (P::ForInitContext* init = ctx->forInit()) {
    if (auto* decl = as<P::ForInitDeclarationContext>(init)) s->initDecl = localVar(decl->localVariableDeclaration());
    else if (auto* list = as<P::ForInitExpressionsContext>(init)) s->initExprs = expressionList(list->expressionList());
  }
  if (ctx->expression()) s->condition = expr(ctx->expression());
  if (ctx->forUpdate()) s->updates = expressionList(ctx->forUpdate()->expressionList());
  s->body = stmt(ctx->statement());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitWhileStatement(P::WhileStatementContext* ctx) {
  auto s = std::make_unique<WhileStmt>(locOf(ctx->getStart()));
  s->condition = expr(ctx->parExpression()->expression());
  s->body = stmt(ctx->statement());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitDoWhileStatement(P::DoWhileStatementContext* ctx) {
  auto s = std::make_unique<DoWhileStmt>(locOf(ctx->getStart()));
  s->body = stmt(ctx->statement());
  s->condition = expr(ctx->parExpression()->expression());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitSwitchStatement(P::SwitchStatementContext* ctx) {
  auto s = std::make_unique<SwitchStmt>(locOf(ctx->getStart()));
  s->subject = expr(ctx->expression());
  for (P::WhenClauseContext* w : ctx->whenClause()) {
    WhenClause clause;
    clause.loc = locOf(w->getStart());
    P::WhenConditionContext* cond = w->whenCondition();
    if (as<P::WhenElseConditionContext>(cond)) {
      clause.kind = WhenClause::Kind::Else;
    } else if (auto* typed = as<P::WhenTypeConditionContext>(cond)) {
      clause.kind = WhenClause::Kind::Type;
      clause.typeName = typeRef(typed->typeRef());
      clause.varName = text(typed->id());
    } else if (auto* values = as<P::WhenValuesConditionContext>(cond)) {
      clause.kind = WhenClause::Kind::Values;
      for (P::WhenValueContext* v : values->whenValue()) {
        if (auto* i = as<P::WhenIntegerValueContext>(v)) {
          clause.values.push_back(integerLiteral(tok(i->INTEGER_LITERAL()), tok(i->SUB()), false));
        } else if (auto* l = as<P::WhenLongValueContext>(v)) {
          clause.values.push_back(integerLiteral(tok(l->LONG_LITERAL()), tok(l->SUB()), true));
        } else if (auto* str = as<P::WhenStringValueContext>(v)) {
          auto lit = std::make_unique<LiteralExpr>(locOf(v->getStart()));
          lit->literal = LiteralKind::String;
          lit->text = decodeString(tok(str->STRING_LITERAL()));
          clause.values.push_back(std::move(lit));
        } else if (as<P::WhenNullValueContext>(v)) {
          clause.values.push_back(std::make_unique<LiteralExpr>(locOf(v->getStart())));
        } else if (auto* name = as<P::WhenEnumValueContext>(v)) {
          auto n = std::make_unique<NameExpr>(locOf(v->getStart()));
          n->name = text(name->id());
          clause.values.push_back(std::move(n));
        }
      }
    }
    clause.body = block(w->block());
    s->whens.push_back(std::move(clause));
  }
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitTryStatement(P::TryStatementContext* ctx) {
  auto s = std::make_unique<TryStmt>(locOf(ctx->getStart()));
  s->body = block(ctx->block());
  for (P::CatchClauseContext* c : ctx->catchClause()) {
    CatchClause clause;
    clause.loc = locOf(c->getStart());
    clause.typeName = typeRef(c->typeRef());
    clause.name = text(c->id());
    clause.body = block(c->block());
    s->catches.push_back(std::move(clause));
  }
  if (ctx->finallyClause()) s->finallyBlock = block(ctx->finallyClause()->block());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitThrowStatement(P::ThrowStatementContext* ctx) {
  auto s = std::make_unique<ThrowStmt>(locOf(ctx->getStart()));
  s->value = expr(ctx->expression());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitReturnStatement(P::ReturnStatementContext* ctx) {
  auto s = std::make_unique<ReturnStmt>(locOf(ctx->getStart()));
  if (ctx->expression()) s->value = expr(ctx->expression());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitBreakStatement(P::BreakStatementContext* ctx) {
  return setStmt(std::make_unique<BreakStmt>(locOf(ctx->getStart())));
}

antlrcpp::Any Transformer::visitContinueStatement(P::ContinueStatementContext* ctx) {
  return setStmt(std::make_unique<ContinueStmt>(locOf(ctx->getStart())));
}

namespace {
template <class Ctx>
std::unique_ptr<DmlStmt> simpleDml(Ctx* ctx, DmlOp op) {
  return std::make_unique<DmlStmt>(locOf(ctx->getStart()), op);
}
}  // namespace

antlrcpp::Any Transformer::visitInsertStatement(P::InsertStatementContext* ctx) {
  auto s = simpleDml(ctx, DmlOp::Insert);
  s->target = expr(ctx->expression());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitUpdateStatement(P::UpdateStatementContext* ctx) {
  auto s = simpleDml(ctx, DmlOp::Update);
  s->target = expr(ctx->expression());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitUpsertStatement(P::UpsertStatementContext* ctx) {
  auto s = simpleDml(ctx, DmlOp::Upsert);
  if (ctx->expression()) {
    s->target = expr(ctx->expression());
  } else {
    s->target = expr(ctx->dmlOperand());
    s->externalIdField = qualifiedName(ctx->qualifiedName());
  }
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitDeleteStatement(P::DeleteStatementContext* ctx) {
  auto s = simpleDml(ctx, DmlOp::Delete);
  s->target = expr(ctx->expression());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitUndeleteStatement(P::UndeleteStatementContext* ctx) {
  auto s = simpleDml(ctx, DmlOp::Undelete);
  s->target = expr(ctx->expression());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitMergeStatement(P::MergeStatementContext* ctx) {
  auto s = simpleDml(ctx, DmlOp::Merge);
  s->target = expr(ctx->dmlOperand());
  s->secondary = expr(ctx->expression());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitRunAsStatement(P::RunAsStatementContext* ctx) {
  auto s = std::make_unique<RunAsStmt>(locOf(ctx->getStart()));
  s->user = expr(ctx->expression());
  s->body = block(ctx->block());
  return setStmt(std::move(s));
}

antlrcpp::Any Transformer::visitEmptyStatement(P::EmptyStatementContext* ctx) {
  return setStmt(std::make_unique<EmptyStmt>(locOf(ctx->getStart())));
}

antlrcpp::Any Transformer::visitExpressionStatement(P::ExpressionStatementContext* ctx) {
  auto s = std::make_unique<ExprStmt>(locOf(ctx->getStart()));
  s->expr = expr(ctx->expression());
  return setStmt(std::move(s));
}

// ============================================================ DML operands

antlrcpp::Any Transformer::visitDmlMethodCallOperand(P::DmlMethodCallOperandContext* ctx) {
  auto e = std::make_unique<CallExpr>(locOf(ctx->getStart()));
  e->target = expr(ctx->dmlOperand());
  e->name = text(ctx->anyId());
  e->nullSafe = ctx->QUESTIONDOT() != nullptr;
  e->args = arguments(ctx->arguments());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitDmlFieldAccessOperand(P::DmlFieldAccessOperandContext* ctx) {
  auto e = std::make_unique<MemberExpr>(locOf(ctx->getStart()));
  e->target = expr(ctx->dmlOperand());
  e->name = text(ctx->anyId());
  e->nullSafe = ctx->QUESTIONDOT() != nullptr;
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitDmlArrayAccessOperand(P::DmlArrayAccessOperandContext* ctx) {
  auto e = std::make_unique<IndexExpr>(locOf(ctx->getStart()));
  e->target = expr(ctx->dmlOperand());
  e->index = expr(ctx->expression());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitDmlThisOperand(P::DmlThisOperandContext* ctx) {
  return setExpr(std::make_unique<ThisExpr>(locOf(ctx->getStart())));
}

antlrcpp::Any Transformer::visitDmlMethodCallNameOperand(P::DmlMethodCallNameOperandContext* ctx) {
  auto e = std::make_unique<CallExpr>(locOf(ctx->getStart()));
  e->name = text(ctx->id());
  e->args = arguments(ctx->arguments());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitDmlNameOperand(P::DmlNameOperandContext* ctx) {
  auto e = std::make_unique<NameExpr>(locOf(ctx->getStart()));
  e->name = text(ctx->id());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitDmlSoqlOperand(P::DmlSoqlOperandContext* ctx) {
  return setExpr(soql(ctx->soqlQuery(), ctx->getStart()));
}

antlrcpp::Any Transformer::visitDmlParenOperand(P::DmlParenOperandContext* ctx) {
  return setExpr(expr(ctx->expression()));
}

antlrcpp::Any Transformer::visitDmlNewOperand(P::DmlNewOperandContext* ctx) {
  ExprPtr e = expr(ctx->creator());
  e->loc = locOf(ctx->getStart());
  return setExpr(std::move(e));
}

// ============================================================= expressions

antlrcpp::Any Transformer::visitLiteralExpression(P::LiteralExpressionContext* ctx) {
  return setExpr(literal(ctx->literal(), nullptr));
}

antlrcpp::Any Transformer::visitSoqlExpression(P::SoqlExpressionContext* ctx) {
  return setExpr(soql(ctx->soqlQuery(), ctx->getStart()));
}

antlrcpp::Any Transformer::visitSoslExpression(P::SoslExpressionContext* ctx) {
  return setExpr(sosl(ctx->soslQuery(), ctx->getStart()));
}

antlrcpp::Any Transformer::visitThisCallExpression(P::ThisCallExpressionContext* ctx) {
  auto e = std::make_unique<CallExpr>(locOf(ctx->getStart()));
  e->name = "this";
  e->args = arguments(ctx->arguments());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitSuperCallExpression(P::SuperCallExpressionContext* ctx) {
  auto e = std::make_unique<CallExpr>(locOf(ctx->getStart()));
  e->name = "super";
  e->args = arguments(ctx->arguments());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitThisExpression(P::ThisExpressionContext* ctx) {
  return setExpr(std::make_unique<ThisExpr>(locOf(ctx->getStart())));
}

antlrcpp::Any Transformer::visitSuperExpression(P::SuperExpressionContext* ctx) {
  return setExpr(std::make_unique<SuperExpr>(locOf(ctx->getStart())));
}

antlrcpp::Any Transformer::visitClassLiteralExpression(P::ClassLiteralExpressionContext* ctx) {
  auto e = std::make_unique<ClassLiteralExpr>(locOf(ctx->getStart()));
  e->typeName = typeOf(ctx);
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitVoidClassLiteralExpression(P::VoidClassLiteralExpressionContext* ctx) {
  auto e = std::make_unique<ClassLiteralExpr>(locOf(ctx->getStart()));
  e->isVoid = true;
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitMethodCallExpression(P::MethodCallExpressionContext* ctx) {
  auto e = std::make_unique<CallExpr>(locOf(ctx->getStart()));
  e->name = text(ctx->id());
  e->args = arguments(ctx->arguments());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitIdentifierExpression(P::IdentifierExpressionContext* ctx) {
  auto e = std::make_unique<NameExpr>(locOf(ctx->getStart()));
  e->name = text(ctx->id());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitParenExpression(P::ParenExpressionContext* ctx) {
  // Parentheses only group: the AST has no node for them.
  return setExpr(expr(ctx->expression()));
}

antlrcpp::Any Transformer::visitNewExpression(P::NewExpressionContext* ctx) {
  ExprPtr e = expr(ctx->creator());
  e->loc = locOf(ctx->getStart());  // the `new` token
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitDotMethodCallExpression(P::DotMethodCallExpressionContext* ctx) {
  auto e = std::make_unique<CallExpr>(locOf(ctx->getStart()));
  e->target = expr(ctx->expression());
  e->name = text(ctx->name);
  e->nullSafe = ctx->op->getType() == apexgen::ApexLexer::QUESTIONDOT;
  e->args = arguments(ctx->args);
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitFieldAccessExpression(P::FieldAccessExpressionContext* ctx) {
  auto e = std::make_unique<MemberExpr>(locOf(ctx->getStart()));
  e->target = expr(ctx->expression());
  e->name = text(ctx->name);
  e->nullSafe = ctx->op->getType() == apexgen::ApexLexer::QUESTIONDOT;
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitArrayAccessExpression(P::ArrayAccessExpressionContext* ctx) {
  auto e = std::make_unique<IndexExpr>(locOf(ctx->getStart()));
  e->target = expr(ctx->expression(0));
  e->index = expr(ctx->expression(1));
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitPostIncrementExpression(P::PostIncrementExpressionContext* ctx) {
  auto e = std::make_unique<IncDecExpr>(locOf(ctx->getStart()));
  e->increment = ctx->op->getType() == apexgen::ApexLexer::INC;
  e->prefix = false;
  e->target = expr(ctx->expression());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitPreIncrementExpression(P::PreIncrementExpressionContext* ctx) {
  auto e = std::make_unique<IncDecExpr>(locOf(ctx->getStart()));
  e->increment = ctx->op->getType() == apexgen::ApexLexer::INC;
  e->prefix = true;
  e->target = expr(ctx->expression());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitUnaryExpression(P::UnaryExpressionContext* ctx) {
  size_t type = ctx->op->getType();
  // A minus directly before a number literal folds into a negative literal.
  if (type == apexgen::ApexLexer::SUB) {
    if (auto* litExpr = as<P::LiteralExpressionContext>(ctx->expression())) {
      P::LiteralContext* lit = litExpr->literal();
      if (as<P::IntegerLiteralContext>(lit) || as<P::LongLiteralContext>(lit) || as<P::DecimalLiteralContext>(lit) ||
          as<P::DoubleLiteralContext>(lit)) {
        return setExpr(literal(lit, ctx->op));
      }
    }
  }
  UnaryOp op = UnaryOp::Plus;
  if (type == apexgen::ApexLexer::SUB) op = UnaryOp::Minus;
  else if (type == apexgen::ApexLexer::BANG) op = UnaryOp::Not;
  else if (type == apexgen::ApexLexer::TILDE) op = UnaryOp::BitNot;
  auto e = std::make_unique<UnaryExpr>(locOf(ctx->getStart()), op);
  e->operand = expr(ctx->expression());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitCastExpression(P::CastExpressionContext* ctx) {
  auto e = std::make_unique<CastExpr>(locOf(ctx->getStart()));
  e->typeName = typeRef(ctx->typeRef());
  e->operand = expr(ctx->expression());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitMultiplicativeExpression(P::MultiplicativeExpressionContext* ctx) {
  BinaryOp op = BinaryOp::Mul;
  if (ctx->op->getType() == apexgen::ApexLexer::DIV) op = BinaryOp::Div;
  if (ctx->op->getType() == apexgen::ApexLexer::MOD) {
    invalidModulo(ctx->op);
    op = BinaryOp::Mod;
  }
  return setExpr(binary(ctx, op, ctx->expression(0), ctx->expression(1)));
}

antlrcpp::Any Transformer::visitAdditiveExpression(P::AdditiveExpressionContext* ctx) {
  if (ExprPtr cast = signedCast(ctx)) return setExpr(std::move(cast));
  BinaryOp op = ctx->op->getType() == apexgen::ApexLexer::ADD ? BinaryOp::Add : BinaryOp::Sub;
  return setExpr(binary(ctx, op, ctx->expression(0), ctx->expression(1)));
}

// The grammar reads "(Integer) -1" as the subtraction "(Integer) - 1" (a
// parenthesized operand comes before a cast, as in Java). A parenthesized
// name that can only be a type here, a numeric type or Object, makes it a
// cast of the signed operand again: "(Decimal) -1 / 3" is
// ((Decimal) -1) / 3, the cast binding tighter than * / %.
ExprPtr Transformer::signedCast(P::AdditiveExpressionContext* ctx) {
  auto* paren = as<P::ParenExpressionContext>(ctx->expression(0));
  if (!paren) return nullptr;
  auto* name = as<P::IdentifierExpressionContext>(paren->expression());
  if (!name) return nullptr;
  std::string type = text::foldCase(text(name->id()));
  if (type != "integer" && type != "long" && type != "double" && type != "decimal" && type != "object") return nullptr;

  bool minus = ctx->op->getType() == apexgen::ApexLexer::SUB;
  ExprPtr right = expr(ctx->expression(1));
  // The operand of the cast is the leftmost operand of a * / % chain.
  ExprPtr* slot = &right;
  while ((*slot)->kind == ExprKind::Binary) {
    BinaryOp op = (*slot)->as<BinaryExpr>().op;
    if (op != BinaryOp::Mul && op != BinaryOp::Div && op != BinaryOp::Mod) break;
    slot = &(*slot)->as<BinaryExpr>().left;
  }
  ExprPtr operand = std::move(*slot);
  SourceLoc signLoc = locOf(ctx->op);
  ExprPtr signedOperand;
  if (operand->kind == ExprKind::Literal && minus && operand->as<LiteralExpr>().literal != LiteralKind::String &&
      operand->as<LiteralExpr>().literal != LiteralKind::Boolean && operand->as<LiteralExpr>().literal != LiteralKind::Null) {
    auto& lit = operand->as<LiteralExpr>();
    lit.intValue = -lit.intValue;
    lit.doubleValue = -lit.doubleValue;
    if (lit.literal == LiteralKind::Decimal) lit.text = "-" + lit.text;
    lit.loc = signLoc;
    signedOperand = std::move(operand);
  } else {
    auto u = std::make_unique<UnaryExpr>(signLoc, minus ? UnaryOp::Minus : UnaryOp::Plus);
    u->operand = std::move(operand);
    signedOperand = std::move(u);
  }
  auto cast = std::make_unique<CastExpr>(locOf(ctx->getStart()));
  cast->typeName.parts.push_back(text(name->id()));
  cast->typeName.loc = locOf(name->getStart());
  cast->operand = std::move(signedOperand);
  *slot = std::move(cast);
  return right;
}

antlrcpp::Any Transformer::visitShiftExpression(P::ShiftExpressionContext* ctx) {
  P::ShiftOperatorContext* opCtx = ctx->shiftOperator();
  BinaryOp op = BinaryOp::Shl;
  if (!opCtx->GT().empty()) op = opCtx->GT().size() == 3 ? BinaryOp::Ushr : BinaryOp::Shr;
  return setExpr(binary(ctx, op, ctx->expression(0), ctx->expression(1)));
}

antlrcpp::Any Transformer::visitRelationalExpression(P::RelationalExpressionContext* ctx) {
  P::RelationalOperatorContext* opCtx = ctx->relationalOperator();
  BinaryOp op = BinaryOp::Gt;
  if (opCtx->LT()) op = BinaryOp::Lt;
  else if (opCtx->LE()) op = BinaryOp::Le;
  else if (opCtx->ASSIGN()) op = BinaryOp::Ge;
  return setExpr(binary(ctx, op, ctx->expression(0), ctx->expression(1)));
}

antlrcpp::Any Transformer::visitInstanceofExpression(P::InstanceofExpressionContext* ctx) {
  auto e = std::make_unique<InstanceOfExpr>(locOf(ctx->getStart()));
  e->operand = expr(ctx->expression());
  e->typeName = instanceofType(ctx->instanceofType());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitEqualityExpression(P::EqualityExpressionContext* ctx) {
  BinaryOp op = BinaryOp::Eq;
  switch (ctx->op->getType()) {
    case apexgen::ApexLexer::NOTEQUAL:
    case apexgen::ApexLexer::LESSANDGREATER: op = BinaryOp::Ne; break;
    case apexgen::ApexLexer::TRIPLEEQUAL: op = BinaryOp::Identical; break;
    case apexgen::ApexLexer::TRIPLENOTEQUAL: op = BinaryOp::NotIdentical; break;
    default: break;
  }
  return setExpr(binary(ctx, op, ctx->expression(0), ctx->expression(1)));
}

antlrcpp::Any Transformer::visitBitAndExpression(P::BitAndExpressionContext* ctx) {
  return setExpr(binary(ctx, BinaryOp::BitAnd, ctx->expression(0), ctx->expression(1)));
}

antlrcpp::Any Transformer::visitBitXorExpression(P::BitXorExpressionContext* ctx) {
  return setExpr(binary(ctx, BinaryOp::BitXor, ctx->expression(0), ctx->expression(1)));
}

antlrcpp::Any Transformer::visitBitOrExpression(P::BitOrExpressionContext* ctx) {
  return setExpr(binary(ctx, BinaryOp::BitOr, ctx->expression(0), ctx->expression(1)));
}

namespace {
template <class Ctx>
std::unique_ptr<LogicalExpr> logical(Ctx* ctx, LogicalOp op) {
  return std::make_unique<LogicalExpr>(locOf(ctx->getStart()), op);
}
}  // namespace

antlrcpp::Any Transformer::visitLogicalAndExpression(P::LogicalAndExpressionContext* ctx) {
  auto e = logical(ctx, LogicalOp::And);
  e->left = expr(ctx->expression(0));
  e->right = expr(ctx->expression(1));
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitLogicalOrExpression(P::LogicalOrExpressionContext* ctx) {
  auto e = logical(ctx, LogicalOp::Or);
  e->left = expr(ctx->expression(0));
  e->right = expr(ctx->expression(1));
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitCoalesceExpression(P::CoalesceExpressionContext* ctx) {
  auto e = logical(ctx, LogicalOp::Coalesce);
  e->left = expr(ctx->expression(0));
  e->right = expr(ctx->expression(1));
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitTernaryExpression(P::TernaryExpressionContext* ctx) {
  auto e = std::make_unique<ConditionalExpr>(locOf(ctx->getStart()));
  e->condition = expr(ctx->expression(0));
  e->whenTrue = expr(ctx->expression(1));
  e->whenFalse = expr(ctx->expression(2));
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitAssignmentExpression(P::AssignmentExpressionContext* ctx) {
  auto e = std::make_unique<AssignExpr>(locOf(ctx->getStart()));
  P::AssignmentOperatorContext* opCtx = ctx->assignmentOperator();
  // `=` alone is the only operator of one ASSIGN token and nothing else.
  e->compound = opCtx->ASSIGN() == nullptr || opCtx->children.size() > 1;
  if (opCtx->ADD_ASSIGN()) e->op = BinaryOp::Add;
  else if (opCtx->SUB_ASSIGN()) e->op = BinaryOp::Sub;
  else if (opCtx->MUL_ASSIGN()) e->op = BinaryOp::Mul;
  else if (opCtx->DIV_ASSIGN()) e->op = BinaryOp::Div;
  else if (opCtx->MOD_ASSIGN()) {
    invalidModulo(tok(opCtx->MOD_ASSIGN()));
    e->op = BinaryOp::Mod;
  } else if (opCtx->AND_ASSIGN()) e->op = BinaryOp::BitAnd;
  else if (opCtx->OR_ASSIGN()) e->op = BinaryOp::BitOr;
  else if (opCtx->XOR_ASSIGN()) e->op = BinaryOp::BitXor;
  else if (opCtx->LSHIFT_ASSIGN() || opCtx->LSHIFT() || !opCtx->LT().empty()) e->op = BinaryOp::Shl;
  else if (opCtx->GT().size() == 3) e->op = BinaryOp::Ushr;
  else if (opCtx->GT().size() == 2) e->op = BinaryOp::Shr;
  e->target = expr(ctx->expression(0));
  e->value = expr(ctx->expression(1));
  return setExpr(std::move(e));
}

// ================================================================ creators
// The `new` keyword's location is set by the caller.

antlrcpp::Any Transformer::visitSobjectCreator(P::SobjectCreatorContext* ctx) {
  auto e = std::make_unique<NewExpr>(locOf(ctx->getStart()));
  e->typeName = typeRef(ctx->typeRef());
  for (P::FieldInitializerContext* f : ctx->fieldInitializer())
    e->fieldInits.emplace_back(text(f->anyId()), expr(f->expression()));
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitObjectCreator(P::ObjectCreatorContext* ctx) {
  auto e = std::make_unique<NewExpr>(locOf(ctx->getStart()));
  e->typeName = typeRef(ctx->typeRef());
  e->args = arguments(ctx->arguments());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitArrayCreator(P::ArrayCreatorContext* ctx) {
  auto e = std::make_unique<NewArrayExpr>(locOf(ctx->getStart()));
  e->elementType.loc = locOf(ctx->getStart());
  for (P::TypeNameContext* part : ctx->typeName()) typeNamePart(part, e->elementType);
  e->size = expr(ctx->expression());
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitMapInitCreator(P::MapInitCreatorContext* ctx) {
  auto e = std::make_unique<NewCollectionExpr>(locOf(ctx->getStart()));
  e->typeName = typeRef(ctx->typeRef());
  for (P::MapEntryContext* entry : ctx->mapEntry())
    e->entries.emplace_back(expr(entry->expression(0)), expr(entry->expression(1)));
  return setExpr(std::move(e));
}

antlrcpp::Any Transformer::visitCollectionInitCreator(P::CollectionInitCreatorContext* ctx) {
  auto e = std::make_unique<NewCollectionExpr>(locOf(ctx->getStart()));
  e->typeName = typeRef(ctx->typeRef());
  e->elements = expressionList(ctx->expressionList());
  return setExpr(std::move(e));
}

// ============================================================ SOQL / SOSL

// The expression of a bind (`:expr`: soqlBindValue, soqlIntegerBind,
// soslBindSearchTerm), else null. The rule index and the leading colon tell
// them apart without a dynamic_cast per label.
P::ExpressionContext* Transformer::bindExpression(antlr4::ParserRuleContext* ctx) {
  size_t rule = ctx->getRuleIndex();
  if (rule != P::RuleSoqlValue && rule != P::RuleSoqlIntegerValue && rule != P::RuleSoslSearchTerm) return nullptr;
  if (ctx->getStart()->getType() != apexgen::ApexLexer::COLON || ctx->children.size() != 2) return nullptr;
  return static_cast<P::ExpressionContext*>(ctx->children[1]);
}

// Bind expressions (`:expr`) in source order; bind expressions themselves
// are not searched (a query inside a bind is its own SoqlExpr).
void Transformer::collectBinds(antlr4::tree::ParseTree* node, std::vector<P::ExpressionContext*>& binds,
                               std::vector<Token*>& colons) {
  if (guard_.exhausted()) {
    auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(node);
    SourceLoc l = locOf(rule ? rule->getStart() : nullptr);
    throw NestingTooDeep{l.line, l.column};
  }
  for (antlr4::tree::ParseTree* child : node->children) {
    auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child);
    if (!rule) continue;
    if (P::ExpressionContext* bind = bindExpression(rule)) {
      binds.push_back(bind);
      colons.push_back(rule->getStart());
    } else {
      collectBinds(rule, binds, colons);
    }
  }
}

// The characters of `ctx` as written, each bind `:expr` replaced by `:{n}`.
std::string Transformer::queryText(antlr4::ParserRuleContext* ctx, const std::vector<P::ExpressionContext*>& binds,
                                   const std::vector<Token*>& colons, size_t firstIndex) const {
  size_t pos = ctx->getStart()->getStartIndex();
  size_t end = ctx->getStop()->getStopIndex();
  std::string out;
  for (size_t i = 0; i < binds.size(); ++i) {
    size_t bindStart = colons[i]->getStartIndex();
    size_t bindStop = binds[i]->getStop()->getStopIndex();
    if (bindStart < pos || bindStop > end) continue;  // outside this range
    if (bindStart > pos) out += chars_.getText(antlr4::misc::Interval(pos, bindStart - 1));
    out += ":{" + std::to_string(firstIndex + i) + "}";
    pos = bindStop + 1;
  }
  if (pos <= end) out += chars_.getText(antlr4::misc::Interval(pos, end));
  return out;
}

ExprPtr Transformer::soql(P::SoqlQueryContext* q, Token* first) {
  auto e = std::make_unique<SoqlExpr>(locOf(first));
  std::vector<P::ExpressionContext*> binds;
  std::vector<Token*> colons;
  collectBinds(q, binds, colons);
  e->text = queryText(q, binds, colons, 0);
  for (P::SoqlSelectItemContext* item : q->soqlSelectList()->soqlSelectItem())
    e->selectFields.push_back(queryText(item, binds, colons, 0));
  if (P::SoqlFromListContext* from = q->soqlFromList()) {
    if (!from->soqlFromItem().empty()) e->fromObject = text(from->soqlFromItem(0)->soqlFieldPath());
  }
  for (P::ExpressionContext* b : binds) e->binds.push_back(expr(b));
  return e;
}

ExprPtr Transformer::sosl(P::SoslQueryContext* q, Token* first) {
  auto e = std::make_unique<SoslExpr>(locOf(first));
  std::vector<P::ExpressionContext*> binds;
  std::vector<Token*> colons;
  collectBinds(q, binds, colons);
  e->text = queryText(q, binds, colons, 0);
  for (P::ExpressionContext* b : binds) e->binds.push_back(expr(b));
  return e;
}

// ============================================================ declarations

void Transformer::modifiers(const std::vector<P::ModifierContext*>& mods, uint32_t& bits,
                            std::vector<Annotation>& annotations) {
  // One switch on the first token rather than an accessor (a scan of the
  // children) per keyword.
  for (P::ModifierContext* m : mods) {
    switch (m->getStart()->getType()) {
      case apexgen::ApexLexer::ATSIGN:
        annotations.push_back(annotation(m->annotation()));
        if (text::equalsIgnoreAsciiCase(annotations.back().name, "TestVisible")) bits |= kTestVisible;
        break;
      case apexgen::ApexLexer::PUBLIC: bits |= kPublic; break;
      case apexgen::ApexLexer::PRIVATE: bits |= kPrivate; break;
      case apexgen::ApexLexer::PROTECTED: bits |= kProtected; break;
      case apexgen::ApexLexer::GLOBAL: bits |= kGlobal; break;
      case apexgen::ApexLexer::STATIC: bits |= kStatic; break;
      case apexgen::ApexLexer::FINAL: bits |= kFinal; break;
      case apexgen::ApexLexer::ABSTRACT: bits |= kAbstract; break;
      case apexgen::ApexLexer::VIRTUAL: bits |= kVirtual; break;
      case apexgen::ApexLexer::OVERRIDE: bits |= kOverride; break;
      case apexgen::ApexLexer::TRANSIENT: bits |= kTransient; break;
      case apexgen::ApexLexer::TESTMETHOD: bits |= kTestMethod; break;
      case apexgen::ApexLexer::WEBSERVICE: bits |= kWebservice; break;
      case apexgen::ApexLexer::WITH: bits |= kWithSharing; break;
      case apexgen::ApexLexer::WITHOUT: bits |= kWithoutSharing; break;
      case apexgen::ApexLexer::INHERITED: bits |= kInheritedSharing; break;
      default: break;
    }
  }
}

Annotation Transformer::annotation(P::AnnotationContext* ctx) {
  Annotation a;
  a.loc = locOf(ctx->getStart());
  a.name = qualifiedName(ctx->qualifiedName());
  P::AnnotationArgumentsContext* args = ctx->annotationArguments();
  if (auto* pairs = as<P::AnnotationPairArgumentsContext>(args)) {
    for (P::AnnotationPairContext* p : pairs->annotationPair())
      a.params.push_back(Annotation::Param{text(p->anyId()), annotationValue(p->annotationValue())});
  } else if (auto* single = as<P::AnnotationValueArgumentContext>(args)) {
    a.params.push_back(Annotation::Param{"", annotationValue(single->annotationValue())});
  }
  return a;
}

std::string Transformer::annotationValue(P::AnnotationValueContext* ctx) {
  if (auto* lit = as<P::AnnotationLiteralValueContext>(ctx)) {
    Token* t = lit->literal()->getStart();
    if (t->getType() == apexgen::ApexLexer::STRING_LITERAL) return decodeString(t);
    return t->getText();
  }
  if (auto* neg = as<P::AnnotationNegatedValueContext>(ctx)) return "-" + neg->literal()->getStart()->getText();
  if (auto* name = as<P::AnnotationNameValueContext>(ctx)) return qualifiedName(name->qualifiedName());
  return sourceText(ctx);  // nested annotation or {array}: as written
}

std::vector<Param> Transformer::formalParameters(P::FormalParametersContext* ctx) {
  std::vector<Param> out;
  for (P::FormalParameterContext* f : ctx->formalParameter()) {
    Param p;
    p.loc = locOf(f->getStart());
    for (P::ParameterModifierContext* m : f->parameterModifier()) {
      if (m->FINAL()) p.isFinal = true;
    }
    p.typeName = typeRef(f->typeRef());
    p.name = text(f->id());
    out.push_back(std::move(p));
  }
  return out;
}

MethodDecl Transformer::methodDecl(P::MethodDeclarationContext* ctx, const std::vector<P::ModifierContext*>& mods,
                                   Token* first) {
  MethodDecl m;
  m.loc = locOf(first);
  modifiers(mods, m.modifiers, m.annotations);
  if (ctx->typeRef()) {
    m.returnType = typeRef(ctx->typeRef());
  } else {
    m.returnType.parts = {"void"};
    m.returnType.loc = locOf(tok(ctx->VOID()));
  }
  m.name = text(ctx->id());
  m.params = formalParameters(ctx->formalParameters());
  if (ctx->block()) m.body = block(ctx->block());
  return m;
}

std::unique_ptr<TypeDecl> Transformer::classDecl(P::ClassDeclarationContext* ctx, std::vector<P::ModifierContext*> mods,
                                                 Token* first) {
  Nest nest(*this, first);
  auto d = std::make_unique<TypeDecl>();
  d->kind = TypeDeclKind::Class;
  d->loc = locOf(first);
  modifiers(mods, d->modifiers, d->annotations);
  d->name = text(ctx->id());
  if (ctx->typeRef()) d->superclass = std::make_unique<TypeName>(typeRef(ctx->typeRef()));
  if (ctx->typeList()) {
    for (P::TypeRefContext* t : ctx->typeList()->typeRef()) d->interfaces.push_back(typeRef(t));
  }
  std::string outerClass = std::move(className_);
  className_ = d->name;
  for (P::ClassBodyDeclarationContext* member : ctx->classBody()->classBodyDeclaration()) {
    if (auto* init = as<P::InitializerClassMemberContext>(member)) {
      Initializer i;
      i.isStatic = init->STATIC() != nullptr;
      i.loc = locOf(init->getStart());
      i.body = block(init->block());
      d->initializers.push_back(std::move(i));
      continue;
    }
    auto* decl = as<P::DeclarationClassMemberContext>(member);
    if (!decl) continue;  // `;`
    std::vector<P::ModifierContext*> memberMods = decl->modifier();
    Token* memberFirst = decl->getStart();
    P::MemberDeclarationContext* md = decl->memberDeclaration();
    if (P::MethodDeclarationContext* m = md->methodDeclaration()) {
      d->methods.push_back(methodDecl(m, memberMods, memberFirst));
    } else if (P::ConstructorDeclarationContext* c = md->constructorDeclaration()) {
      MethodDecl m;
      m.loc = locOf(memberFirst);
      modifiers(memberMods, m.modifiers, m.annotations);
      m.isConstructor = true;
      std::string written = text(c->id());
      if (!text::equalsIgnoreAsciiCase(written, className_)) error(c->getStart(), "Invalid constructor name: " + written);
      m.name = className_;
      m.params = formalParameters(c->formalParameters());
      m.body = block(c->block());
      d->methods.push_back(std::move(m));
    } else if (P::FieldDeclarationContext* f = md->fieldDeclaration()) {
      FieldDecl field;
      field.loc = locOf(memberFirst);
      modifiers(memberMods, field.modifiers, field.annotations);
      field.typeName = typeRef(f->typeRef());
      field.declarators = declarators(f->variableDeclarators());
      d->fields.push_back(std::move(field));
    } else if (P::PropertyDeclarationContext* p = md->propertyDeclaration()) {
      PropertyDecl prop;
      prop.loc = locOf(memberFirst);
      modifiers(memberMods, prop.modifiers, prop.annotations);
      prop.typeName = typeRef(p->typeRef());
      prop.name = text(p->id());
      for (P::PropertyAccessorContext* acc : p->propertyAccessor()) {
        bool isGet = as<P::GetAccessorContext>(acc) != nullptr;
        PropertyAccessor& target = isGet ? prop.getter : prop.setter;
        std::vector<P::ModifierContext*> accMods;
        P::BlockContext* body = nullptr;
        if (auto* g = as<P::GetAccessorContext>(acc)) {
          accMods = g->modifier();
          body = g->block();
        } else if (auto* s = as<P::SetAccessorContext>(acc)) {
          accMods = s->modifier();
          body = s->block();
        }
        target.present = true;
        target.loc = locOf(acc->getStart());
        std::vector<Annotation> ignored;
        modifiers(accMods, target.modifiers, ignored);
        target.body = body ? block(body) : nullptr;
      }
      d->properties.push_back(std::move(prop));
    } else if (P::ClassDeclarationContext* inner = md->classDeclaration()) {
      d->innerTypes.push_back(classDecl(inner, memberMods, memberFirst));
    } else if (P::InterfaceDeclarationContext* inner = md->interfaceDeclaration()) {
      d->innerTypes.push_back(interfaceDecl(inner, memberMods, memberFirst));
    } else if (P::EnumDeclarationContext* inner = md->enumDeclaration()) {
      d->innerTypes.push_back(enumDecl(inner, memberMods, memberFirst));
    }
  }
  className_ = std::move(outerClass);
  return d;
}

std::unique_ptr<TypeDecl> Transformer::interfaceDecl(P::InterfaceDeclarationContext* ctx,
                                                     std::vector<P::ModifierContext*> mods, Token* first) {
  Nest nest(*this, first);
  auto d = std::make_unique<TypeDecl>();
  d->kind = TypeDeclKind::Interface;
  d->loc = locOf(first);
  modifiers(mods, d->modifiers, d->annotations);
  d->name = text(ctx->id());
  if (ctx->typeList()) {
    for (P::TypeRefContext* t : ctx->typeList()->typeRef()) d->interfaces.push_back(typeRef(t));
  }
  for (P::InterfaceMemberContext* member : ctx->interfaceBody()->interfaceMember()) {
    if (auto* m = as<P::MethodInterfaceMemberContext>(member))
      d->methods.push_back(methodDecl(m->methodDeclaration(), m->modifier(), m->getStart()));
  }
  return d;
}

std::unique_ptr<TypeDecl> Transformer::enumDecl(P::EnumDeclarationContext* ctx, std::vector<P::ModifierContext*> mods,
                                                Token* first) {
  auto d = std::make_unique<TypeDecl>();
  d->kind = TypeDeclKind::Enum;
  d->loc = locOf(first);
  modifiers(mods, d->modifiers, d->annotations);
  std::vector<P::IdContext*> ids = ctx->id();
  d->name = text(ids[0]);
  for (size_t i = 1; i < ids.size(); ++i) d->enumConstants.emplace_back(text(ids[i]), locOf(ids[i]->getStart()));
  return d;
}

// ============================================================ entry points

std::unique_ptr<TypeDecl> Transformer::compilationUnit(P::CompilationUnitContext* ctx) {
  P::TypeDeclarationContext* td = ctx->typeDeclaration();
  if (auto* c = as<P::ClassTypeDeclarationContext>(td)) return classDecl(c->classDeclaration(), c->modifier(), td->getStart());
  if (auto* i = as<P::InterfaceTypeDeclarationContext>(td))
    return interfaceDecl(i->interfaceDeclaration(), i->modifier(), td->getStart());
  auto* e = as<P::EnumTypeDeclarationContext>(td);
  return enumDecl(e->enumDeclaration(), e->modifier(), td->getStart());
}

std::unique_ptr<TriggerUnit> Transformer::triggerUnit(P::TriggerUnitContext* ctx) {
  auto t = std::make_unique<TriggerUnit>();
  t->loc = locOf(ctx->getStart());
  t->name = text(ctx->id(0));
  t->objectName = text(ctx->id(1));
  for (P::TriggerEventContext* ev : ctx->triggerEvent()) {
    std::vector<Token*> words;
    for (antlr4::tree::ParseTree* child : ev->children) {
      if (auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child)) words.push_back(term->getSymbol());
    }
    std::string event;
    for (Token* w : words) {
      if (!event.empty()) event += ' ';
      event += text::foldCase(w->getText());
    }
    t->events.push_back(std::move(event));
  }
  t->body = block(ctx->block());
  return t;
}

// `static Integer n = 0;` at the top level of an anonymous block: every
// variable declared there is already a static of the block (see
// sema::Resolver::declareAnonymousVariables), so only `final` changes
// anything; the other modifiers are accepted and have no effect.
std::unique_ptr<LocalVarStmt> Transformer::anonymousVariable(P::AnonymousFieldMemberContext* ctx) {
  auto s = std::make_unique<LocalVarStmt>(locOf(ctx->getStart()));
  uint32_t bits = 0;
  std::vector<Annotation> ignored;
  modifiers(ctx->modifier(), bits, ignored);
  s->isFinal = (bits & kFinal) != 0;
  s->typeName = typeRef(ctx->fieldDeclaration()->typeRef());
  s->declarators = declarators(ctx->fieldDeclaration()->variableDeclarators());
  return s;
}

std::unique_ptr<AnonymousUnit> Transformer::anonymousUnit(P::AnonymousUnitContext* ctx) {
  auto unit = std::make_unique<AnonymousUnit>();
  unit->body = std::make_unique<BlockStmt>(SourceLoc{1, 1});
  for (P::AnonymousMemberContext* member : ctx->anonymousMember()) {
    if (auto* s = as<P::AnonymousStatementMemberContext>(member)) {
      unit->body->statements.push_back(stmt(s->statement()));
    } else if (auto* f = as<P::AnonymousFieldMemberContext>(member)) {
      unit->body->statements.push_back(anonymousVariable(f));
    } else if (auto* m = as<P::AnonymousMethodMemberContext>(member)) {
      unit->methods.push_back(methodDecl(m->methodDeclaration(), m->modifier(), member->getStart()));
    } else if (auto* t = as<P::AnonymousTypeMemberContext>(member)) {
      if (t->classDeclaration()) unit->types.push_back(classDecl(t->classDeclaration(), t->modifier(), member->getStart()));
      else if (t->interfaceDeclaration())
        unit->types.push_back(interfaceDecl(t->interfaceDeclaration(), t->modifier(), member->getStart()));
      else if (t->enumDeclaration())
        unit->types.push_back(enumDecl(t->enumDeclaration(), t->modifier(), member->getStart()));
    }
  }
  return unit;
}

}  // namespace apex::syntax
