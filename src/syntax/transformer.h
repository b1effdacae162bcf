// Parse tree -> AST. Internal to src/syntax/: it includes the generated
// ANTLR headers, so only src/syntax/*.cpp may include it.
//
// The Transformer is a visitor over the ApexParser tree. Expressions and
// statements (the labelled alternatives) are dispatched through accept();
// each visit method leaves its node in `expr_` / `stmt_` (an owning slot,
// so nothing leaks when an exception unwinds) and expr() / stmt() move it
// out. Declarations, types, literals and SOQL are plain member functions
// that take the concrete context.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "ApexLexer.h"
#include "ApexParser.h"
#include "ApexParserBaseVisitor.h"
#include "antlr4-runtime.h"
#include "ast/ast.h"
#include "syntax/parser.h"

namespace apex::syntax {

// The deepest nesting of expressions and statements the AST may have. Deeper
// code is reported as an error instead of risking the C++ stack here or in
// the resolver and evaluator, which recurse over the AST.
inline constexpr int kMaxNestingDepth = 1000;

inline constexpr const char* kNestedTooDeeply = "Expression or statement is nested too deeply";

// Thrown when nesting gets too deep (in the parser or the transformer).
struct NestingTooDeep {
  int line = 0;
  int column = 0;
};

// Watches how much of the current thread's stack is used. Created at the
// start of a parse; exhausted() once less than a safety margin is left.
class StackGuard {
 public:
  StackGuard();
  // The frame address, not a local's: with ASan's fake stacks a local may
  // live on the heap.
  bool exhausted() const { return reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < limit_; }

 private:
  uintptr_t limit_ = 0;
};

// Converts Salesforce-style 1-based locations from ANTLR tokens.
inline ast::SourceLoc locOf(const antlr4::Token* t) {
  if (!t) return {1, 1};
  return {static_cast<int>(t->getLine()), static_cast<int>(t->getCharPositionInLine()) + 1};
}

class Transformer : public apexgen::ApexParserBaseVisitor {
 public:
  using P = apexgen::ApexParser;

  Transformer(antlr4::CharStream& chars, std::vector<SyntaxError>& errors, const StackGuard& guard)
      : chars_(chars), errors_(errors), guard_(guard) {}

  std::unique_ptr<ast::TypeDecl> compilationUnit(P::CompilationUnitContext* ctx);
  std::unique_ptr<ast::TriggerUnit> triggerUnit(P::TriggerUnitContext* ctx);
  std::unique_ptr<ast::AnonymousUnit> anonymousUnit(P::AnonymousUnitContext* ctx);
  std::unique_ptr<ast::LocalVarStmt> anonymousVariable(P::AnonymousFieldMemberContext* ctx);

  // ---- statements (labelled alternatives of `statement`)
  antlrcpp::Any visitBlockStatement(P::BlockStatementContext* ctx) override;
  antlrcpp::Any visitLocalVariableDeclarationStatement(P::LocalVariableDeclarationStatementContext* ctx) override;
  antlrcpp::Any visitIfStatement(P::IfStatementContext* ctx) override;
  antlrcpp::Any visitForEachStatement(P::ForEachStatementContext* ctx) override;
  antlrcpp::Any visitForStatement(P::ForStatementContext* ctx) override;
  antlrcpp::Any visitWhileStatement(P::WhileStatementContext* ctx) override;
  antlrcpp::Any visitDoWhileStatement(P::DoWhileStatementContext* ctx) override;
  antlrcpp::Any visitSwitchStatement(P::SwitchStatementContext* ctx) override;
  antlrcpp::Any visitTryStatement(P::TryStatementContext* ctx) override;
  antlrcpp::Any visitThrowStatement(P::ThrowStatementContext* ctx) override;
  antlrcpp::Any visitReturnStatement(P::ReturnStatementContext* ctx) override;
  antlrcpp::Any visitBreakStatement(P::BreakStatementContext* ctx) override;
  antlrcpp::Any visitContinueStatement(P::ContinueStatementContext* ctx) override;
  antlrcpp::Any visitInsertStatement(P::InsertStatementContext* ctx) override;
  antlrcpp::Any visitUpdateStatement(P::UpdateStatementContext* ctx) override;
  antlrcpp::Any visitUpsertStatement(P::UpsertStatementContext* ctx) override;
  antlrcpp::Any visitDeleteStatement(P::DeleteStatementContext* ctx) override;
  antlrcpp::Any visitUndeleteStatement(P::UndeleteStatementContext* ctx) override;
  antlrcpp::Any visitMergeStatement(P::MergeStatementContext* ctx) override;
  antlrcpp::Any visitRunAsStatement(P::RunAsStatementContext* ctx) override;
  antlrcpp::Any visitEmptyStatement(P::EmptyStatementContext* ctx) override;
  antlrcpp::Any visitExpressionStatement(P::ExpressionStatementContext* ctx) override;

  // ---- DML operands (labelled alternatives of `dmlOperand`)
  antlrcpp::Any visitDmlMethodCallOperand(P::DmlMethodCallOperandContext* ctx) override;
  antlrcpp::Any visitDmlFieldAccessOperand(P::DmlFieldAccessOperandContext* ctx) override;
  antlrcpp::Any visitDmlArrayAccessOperand(P::DmlArrayAccessOperandContext* ctx) override;
  antlrcpp::Any visitDmlThisOperand(P::DmlThisOperandContext* ctx) override;
  antlrcpp::Any visitDmlMethodCallNameOperand(P::DmlMethodCallNameOperandContext* ctx) override;
  antlrcpp::Any visitDmlNameOperand(P::DmlNameOperandContext* ctx) override;
  antlrcpp::Any visitDmlSoqlOperand(P::DmlSoqlOperandContext* ctx) override;
  antlrcpp::Any visitDmlParenOperand(P::DmlParenOperandContext* ctx) override;
  antlrcpp::Any visitDmlNewOperand(P::DmlNewOperandContext* ctx) override;

  // ---- expressions (labelled alternatives of `expression`)
  antlrcpp::Any visitLiteralExpression(P::LiteralExpressionContext* ctx) override;
  antlrcpp::Any visitSoqlExpression(P::SoqlExpressionContext* ctx) override;
  antlrcpp::Any visitSoslExpression(P::SoslExpressionContext* ctx) override;
  antlrcpp::Any visitThisCallExpression(P::ThisCallExpressionContext* ctx) override;
  antlrcpp::Any visitSuperCallExpression(P::SuperCallExpressionContext* ctx) override;
  antlrcpp::Any visitThisExpression(P::ThisExpressionContext* ctx) override;
  antlrcpp::Any visitSuperExpression(P::SuperExpressionContext* ctx) override;
  antlrcpp::Any visitClassLiteralExpression(P::ClassLiteralExpressionContext* ctx) override;
  antlrcpp::Any visitVoidClassLiteralExpression(P::VoidClassLiteralExpressionContext* ctx) override;
  antlrcpp::Any visitMethodCallExpression(P::MethodCallExpressionContext* ctx) override;
  antlrcpp::Any visitIdentifierExpression(P::IdentifierExpressionContext* ctx) override;
  antlrcpp::Any visitParenExpression(P::ParenExpressionContext* ctx) override;
  antlrcpp::Any visitNewExpression(P::NewExpressionContext* ctx) override;
  antlrcpp::Any visitDotMethodCallExpression(P::DotMethodCallExpressionContext* ctx) override;
  antlrcpp::Any visitFieldAccessExpression(P::FieldAccessExpressionContext* ctx) override;
  antlrcpp::Any visitArrayAccessExpression(P::ArrayAccessExpressionContext* ctx) override;
  antlrcpp::Any visitPostIncrementExpression(P::PostIncrementExpressionContext* ctx) override;
  antlrcpp::Any visitPreIncrementExpression(P::PreIncrementExpressionContext* ctx) override;
  antlrcpp::Any visitUnaryExpression(P::UnaryExpressionContext* ctx) override;
  antlrcpp::Any visitCastExpression(P::CastExpressionContext* ctx) override;
  antlrcpp::Any visitMultiplicativeExpression(P::MultiplicativeExpressionContext* ctx) override;
  antlrcpp::Any visitAdditiveExpression(P::AdditiveExpressionContext* ctx) override;
  antlrcpp::Any visitShiftExpression(P::ShiftExpressionContext* ctx) override;
  antlrcpp::Any visitRelationalExpression(P::RelationalExpressionContext* ctx) override;
  antlrcpp::Any visitInstanceofExpression(P::InstanceofExpressionContext* ctx) override;
  antlrcpp::Any visitEqualityExpression(P::EqualityExpressionContext* ctx) override;
  antlrcpp::Any visitBitAndExpression(P::BitAndExpressionContext* ctx) override;
  antlrcpp::Any visitBitXorExpression(P::BitXorExpressionContext* ctx) override;
  antlrcpp::Any visitBitOrExpression(P::BitOrExpressionContext* ctx) override;
  antlrcpp::Any visitLogicalAndExpression(P::LogicalAndExpressionContext* ctx) override;
  antlrcpp::Any visitLogicalOrExpression(P::LogicalOrExpressionContext* ctx) override;
  antlrcpp::Any visitCoalesceExpression(P::CoalesceExpressionContext* ctx) override;
  antlrcpp::Any visitTernaryExpression(P::TernaryExpressionContext* ctx) override;
  antlrcpp::Any visitAssignmentExpression(P::AssignmentExpressionContext* ctx) override;

  // ---- creators (labelled alternatives of `creator`)
  antlrcpp::Any visitSobjectCreator(P::SobjectCreatorContext* ctx) override;
  antlrcpp::Any visitObjectCreator(P::ObjectCreatorContext* ctx) override;
  antlrcpp::Any visitArrayCreator(P::ArrayCreatorContext* ctx) override;
  antlrcpp::Any visitMapInitCreator(P::MapInitCreatorContext* ctx) override;
  antlrcpp::Any visitCollectionInitCreator(P::CollectionInitCreatorContext* ctx) override;

 private:
  // Nesting bookkeeping for expr()/stmt(): throws NestingTooDeep.
  struct Nest {
    Nest(Transformer& t, antlr4::Token* at);
    ~Nest() { --t.depth_; }
    Transformer& t;
  };

  ast::ExprPtr expr(antlr4::ParserRuleContext* ctx);  // expression, dmlOperand or creator
  ast::StmtPtr stmt(P::StatementContext* ctx);
  std::unique_ptr<ast::BlockStmt> block(P::BlockContext* ctx);
  std::vector<ast::ExprPtr> expressionList(P::ExpressionListContext* ctx);
  std::vector<ast::ExprPtr> arguments(P::ArgumentsContext* ctx);
  antlrcpp::Any setExpr(ast::ExprPtr e);
  antlrcpp::Any setStmt(ast::StmtPtr s);

  // Declarations.
  std::unique_ptr<ast::TypeDecl> classDecl(P::ClassDeclarationContext* ctx, std::vector<P::ModifierContext*> mods,
                                           antlr4::Token* first);
  std::unique_ptr<ast::TypeDecl> interfaceDecl(P::InterfaceDeclarationContext* ctx,
                                               std::vector<P::ModifierContext*> mods, antlr4::Token* first);
  std::unique_ptr<ast::TypeDecl> enumDecl(P::EnumDeclarationContext* ctx, std::vector<P::ModifierContext*> mods,
                                          antlr4::Token* first);
  void modifiers(const std::vector<P::ModifierContext*>& mods, uint32_t& bits, std::vector<ast::Annotation>& annotations);
  ast::Annotation annotation(P::AnnotationContext* ctx);
  std::string annotationValue(P::AnnotationValueContext* ctx);
  ast::MethodDecl methodDecl(P::MethodDeclarationContext* ctx, const std::vector<P::ModifierContext*>& mods,
                             antlr4::Token* first);
  std::vector<ast::Param> formalParameters(P::FormalParametersContext* ctx);
  std::vector<ast::VarDeclarator> declarators(P::VariableDeclaratorsContext* ctx);
  std::unique_ptr<ast::LocalVarStmt> localVar(P::LocalVariableDeclarationContext* ctx);

  // Types and names.
  template <class Ctx>
  ast::TypeName typeOf(Ctx* ctx);
  ast::TypeName typeRef(P::TypeRefContext* ctx);
  void typeNamePart(P::TypeNameContext* ctx, ast::TypeName& out);
  ast::TypeName instanceofType(P::InstanceofTypeContext* ctx);
  std::string text(antlr4::ParserRuleContext* ctx) const;        // token texts, no hidden tokens
  std::string sourceText(antlr4::ParserRuleContext* ctx) const;  // the characters as written
  std::string qualifiedName(P::QualifiedNameContext* ctx) const;

  // Literals.
  ast::ExprPtr literal(P::LiteralContext* ctx, antlr4::Token* minus);
  ast::ExprPtr integerLiteral(antlr4::Token* t, antlr4::Token* minus, bool isLong);
  std::string decodeString(antlr4::Token* t);
  bool rejectExponent(antlr4::Token* t);

  // Binary operators and GT composition.
  ast::ExprPtr binary(antlr4::ParserRuleContext* ctx, ast::BinaryOp op, P::ExpressionContext* l, P::ExpressionContext* r);
  ast::ExprPtr signedCast(P::AdditiveExpressionContext* ctx);
  void invalidModulo(antlr4::Token* t);

  // SOQL / SOSL.
  ast::ExprPtr soql(P::SoqlQueryContext* q, antlr4::Token* first);
  ast::ExprPtr sosl(P::SoslQueryContext* q, antlr4::Token* first);
  static P::ExpressionContext* bindExpression(antlr4::ParserRuleContext* ctx);
  void collectBinds(antlr4::tree::ParseTree* node, std::vector<P::ExpressionContext*>& binds,
                    std::vector<antlr4::Token*>& colons);
  std::string queryText(antlr4::ParserRuleContext* ctx, const std::vector<P::ExpressionContext*>& binds,
                        const std::vector<antlr4::Token*>& colons, size_t firstIndex) const;

  void error(antlr4::Token* at, std::string message);
  void error(ast::SourceLoc at, std::string message);

  antlr4::CharStream& chars_;
  std::vector<SyntaxError>& errors_;
  const StackGuard& guard_;
  int depth_ = 0;
  ast::ExprPtr expr_;
  ast::StmtPtr stmt_;
  std::string className_;  // the enclosing class, for constructor names
};

}  // namespace apex::syntax
