// Unit tests for the front end: apex::syntax::parse (lexer, two-stage
// parser, error wording) and the transformer's AST (src/ast/ast.h).
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "ast/ast.h"
#include "syntax/parser.h"

using namespace apex;
using namespace apex::ast;
using Kind = CompilationUnit::Kind;

namespace {

std::string errorsText(const syntax::ParseResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += std::to_string(e.line) + ":" + std::to_string(e.column) + " " + e.message + "\n";
  return out;
}

// Parses an anonymous block that must have no errors.
std::unique_ptr<CompilationUnit> anon(const std::string& source) {
  syntax::ParseResult r = syntax::parse(source, Kind::Anonymous, "test.apex");
  INFO(source << "\n" << errorsText(r));
  REQUIRE(r.errors.empty());
  REQUIRE(r.unit);
  REQUIRE(r.unit->anonymous);
  return std::move(r.unit);
}

std::unique_ptr<CompilationUnit> cls(const std::string& source) {
  syntax::ParseResult r = syntax::parse(source, Kind::Class, "Test.cls");
  INFO(source << "\n" << errorsText(r));
  REQUIRE(r.errors.empty());
  REQUIRE(r.unit);
  REQUIRE(r.unit->typeDecl);
  return std::move(r.unit);
}

// The first error of a source that must fail.
syntax::SyntaxError firstError(const std::string& source, Kind kind = Kind::Anonymous) {
  syntax::ParseResult r = syntax::parse(source, kind, "test");
  INFO(source);
  REQUIRE_FALSE(r.errors.empty());
  CHECK_FALSE(r.unit);
  return r.errors.front();
}

// Units parsed by expression() and statement() stay alive until the end of
// the test run, so references into them never dangle.
std::vector<std::unique_ptr<CompilationUnit>>& keepAlive() {
  static std::vector<std::unique_ptr<CompilationUnit>> units;
  return units;
}

struct Parsed {
  CompilationUnit* unit = nullptr;
  Expr* expr = nullptr;
  Stmt* stmt = nullptr;
};

// `Object r = <expression>;` -> the expression.
Parsed expression(const std::string& text) {
  Parsed p;
  keepAlive().push_back(anon("Object r = " + text + ";"));
  p.unit = keepAlive().back().get();
  auto& body = p.unit->anonymous->body->statements;
  REQUIRE(body.size() == 1);
  REQUIRE(body[0]->kind == StmtKind::LocalVar);
  auto& decl = body[0]->as<LocalVarStmt>();
  REQUIRE(decl.declarators.size() == 1);
  REQUIRE(decl.declarators[0].init);
  p.expr = decl.declarators[0].init.get();
  return p;
}

// The single statement of an anonymous block.
Parsed statement(const std::string& text) {
  Parsed p;
  keepAlive().push_back(anon(text));
  p.unit = keepAlive().back().get();
  auto& body = p.unit->anonymous->body->statements;
  REQUIRE(body.size() == 1);
  p.stmt = body[0].get();
  return p;
}

template <class T>
T& as(Expr* e) {
  REQUIRE(e);
  REQUIRE(e->kind == T::kKind);
  return e->as<T>();
}

template <class T>
T& as(Stmt* s) {
  REQUIRE(s);
  REQUIRE(s->kind == T::kKind);
  return s->as<T>();
}

template <class T>
T& as(const ExprPtr& e) {
  return as<T>(e.get());
}

template <class T>
T& as(const StmtPtr& s) {
  return as<T>(s.get());
}

LiteralExpr& literalOf(const std::string& text) { return as<LiteralExpr>(expression(text).expr); }

}  // namespace

// ================================================================ entry

TEST_CASE("syntax: kindForPath picks the unit kind from the extension", "[syntax]") {
  CHECK(syntax::kindForPath("classes/Foo.cls") == Kind::Class);
  CHECK(syntax::kindForPath("Foo.CLS") == Kind::Class);
  CHECK(syntax::kindForPath("triggers/AccountTrigger.trigger") == Kind::Trigger);
  CHECK(syntax::kindForPath("script.apex") == Kind::Anonymous);
  CHECK(syntax::kindForPath("-") == Kind::Anonymous);
  CHECK(syntax::kindForPath("cls") == Kind::Anonymous);
}

TEST_CASE("syntax: a class file parses to its class or to its errors", "[syntax]") {
  syntax::ParseResult ok = syntax::parseClassFile("public class Foo { Integer x; }", "classes/Foo.cls");
  REQUIRE(ok.errors.empty());
  REQUIRE(ok.unit);
  CHECK(ok.unit->typeDecl->name == "Foo");

  syntax::ParseResult bad = syntax::parseClassFile("public class Foo {\n  Integer x = ;\n}", "classes/Foo.cls");
  CHECK_FALSE(bad.unit);
  REQUIRE_FALSE(bad.errors.empty());
  CHECK(bad.errors.front().line == 2);
}

TEST_CASE("syntax: an anonymous block splits statements, methods and types", "[syntax]") {
  auto unit = anon(
      "Integer x = twice(2);\n"
      "Integer twice(Integer n) { return n * 2; }\n"
      "class Helper { }\n"
      "interface Shape { Double area(); }\n"
      "enum Color { RED, GREEN }\n"
      "System.debug(x);\n");
  const AnonymousUnit& a = *unit->anonymous;
  CHECK(unit->kind == Kind::Anonymous);
  CHECK(unit->fileName == "test.apex");
  REQUIRE(a.body);
  CHECK(a.body->loc.line == 1);
  CHECK(a.body->loc.column == 1);
  REQUIRE(a.body->statements.size() == 2);
  CHECK(a.body->statements[0]->kind == StmtKind::LocalVar);
  CHECK(a.body->statements[1]->kind == StmtKind::Expression);
  REQUIRE(a.methods.size() == 1);
  CHECK(a.methods[0].name == "twice");
  CHECK(a.methods[0].returnType.text() == "Integer");
  REQUIRE(a.methods[0].params.size() == 1);
  CHECK(a.methods[0].params[0].name == "n");
  REQUIRE(a.types.size() == 3);
  CHECK(a.types[0]->kind == TypeDeclKind::Class);
  CHECK(a.types[1]->kind == TypeDeclKind::Interface);
  CHECK(a.types[2]->kind == TypeDeclKind::Enum);
  CHECK(a.types[2]->enumConstants.size() == 2);
}

TEST_CASE("syntax: empty and comment-only sources", "[syntax]") {
  auto unit = anon("");
  CHECK(unit->anonymous->body->statements.empty());
  auto unit2 = anon("// nothing\n/* at all */\n");
  CHECK(unit2->anonymous->body->statements.empty());
  syntax::SyntaxError e = firstError("", Kind::Class);
  CHECK(e.message == "Unexpected token '<EOF>'.");
  CHECK(e.line == 1);
}

TEST_CASE("syntax: keywords are case-insensitive and names keep their case", "[syntax]") {
  Parsed p = statement("INTEGER myVar = NULL;");
  auto& decl = as<LocalVarStmt>(p.stmt);
  CHECK(decl.typeName.parts == std::vector<std::string>{"INTEGER"});
  CHECK(decl.declarators[0].name == "myVar");
  CHECK(as<LiteralExpr>(decl.declarators[0].init).literal == LiteralKind::Null);
}

TEST_CASE("syntax: words, operators and comments lex as the grammar says", "[syntax]") {
  // A word is a keyword only when all of it is one, in any case.
  auto unit = anon("Integer classes = 1; Integer iF2 = 2; Integer forX = 3; wHiLe (TrUe) { BrEaK; }");
  const auto& body = unit->anonymous->body->statements;
  REQUIRE(body.size() == 4);
  CHECK(as<LocalVarStmt>(body[0]).declarators[0].name == "classes");
  CHECK(as<LocalVarStmt>(body[1]).declarators[0].name == "iF2");
  CHECK(as<LocalVarStmt>(body[2]).declarators[0].name == "forX");
  CHECK(body[3]->kind == StmtKind::While);
  // SOQL words are names outside a query, the longest one included.
  CHECK(as<NameExpr>(expression("Security_Enforced").expr).name == "Security_Enforced");
  CHECK(as<NameExpr>(expression("security_enforced_x").expr).name == "security_enforced_x");
  // The longest operator wins; a dot before a digit starts a number.
  CHECK(as<BinaryExpr>(expression("a !== b").expr).op == BinaryOp::NotIdentical);
  CHECK(as<BinaryExpr>(expression("a << b").expr).op == BinaryOp::Shl);
  CHECK(as<AssignExpr>(expression("a <<= b").expr).op == BinaryOp::Shl);
  CHECK(as<LogicalExpr>(expression("a ?? b?.c").expr).op == LogicalOp::Coalesce);
  CHECK(as<BinaryExpr>(expression("x.y+.5").expr).right->as<LiteralExpr>().literal == LiteralKind::Decimal);
  // Line comments, block comments and non-ASCII text keep lines and columns.
  auto located = anon("x = 1; // c\n/* a\nb */ y = 'caf\xC3\xA9'; z = 2;");
  const auto& stmts = located->anonymous->body->statements;
  REQUIRE(stmts.size() == 3);
  CHECK(stmts[1]->loc.line == 3);
  CHECK(stmts[1]->loc.column == 6);
  CHECK(stmts[2]->loc.column == 18);  // é is one column
}

// ============================================================= literals

TEST_CASE("syntax: integer and long literals", "[syntax][literals]") {
  CHECK(literalOf("42").literal == LiteralKind::Integer);
  CHECK(literalOf("42").intValue == 42);
  CHECK(literalOf("007").intValue == 7);
  CHECK(literalOf("2147483647").intValue == 2147483647);
  CHECK(literalOf("-7").intValue == -7);
  CHECK(literalOf("-7").literal == LiteralKind::Integer);
  CHECK(literalOf("2147483648L").literal == LiteralKind::Long);
  CHECK(literalOf("2147483648L").intValue == 2147483648LL);
  CHECK(literalOf("9223372036854775807L").intValue == INT64_MAX);
  CHECK(literalOf("10l").intValue == 10);
  CHECK(literalOf("-5L").intValue == -5);
}

TEST_CASE("syntax: out-of-range integer literals are compile errors", "[syntax][literals]") {
  auto e = firstError("Integer i = 2147483648;");
  CHECK(e.message == "Illegal integer");
  CHECK(e.line == 1);
  CHECK(e.column == 13);
  // Salesforce checks the magnitude before the sign.
  CHECK(firstError("Integer i = -2147483648;").message == "Illegal integer");
  CHECK(firstError("Long l = 2147483648;").message == "Illegal integer");
  CHECK(firstError("Long l = 9223372036854775808L;").message == "Illegal long");
  CHECK(firstError("Long l = -9223372036854775808L;").message == "Illegal long");
  CHECK(firstError("Long l = 99999999999999999999999999999999L;").message == "Illegal long");
  CHECK(firstError("switch on x { when 2147483648 { } }").message == "Illegal integer");
}

TEST_CASE("syntax: decimal and double literals", "[syntax][literals]") {
  CHECK(literalOf("1.10").literal == LiteralKind::Decimal);
  CHECK(literalOf("1.10").text == "1.10");
  CHECK(literalOf("-1.2300").text == "-1.2300");
  CHECK(literalOf("12345678901234567890.1234").text == "12345678901234567890.1234");
  CHECK(literalOf("2.5d").literal == LiteralKind::Double);
  CHECK(literalOf("2.5d").doubleValue == 2.5);
  CHECK(literalOf("1.0D").doubleValue == 1.0);
  CHECK(literalOf("10d").doubleValue == 10.0);
  CHECK(literalOf("-2.5d").doubleValue == -2.5);
  // Apex has no exponent notation: the exponent is an unexpected token.
  auto e = firstError("Double d = 1e20;");
  CHECK(e.message == "Unexpected token 'e20'.");
  CHECK(e.column == 13);
  CHECK(firstError("Decimal d = 1.5e3;").message == "Unexpected token 'e3'.");
  CHECK(firstError("Double d = 1.5E3d;").message == "Unexpected token 'E3d'.");
  CHECK(firstError("Integer i = 0x10;").line == 1);
}

TEST_CASE("syntax: string literals decode escapes", "[syntax][literals]") {
  CHECK(literalOf("'abc'").literal == LiteralKind::String);
  CHECK(literalOf("''").text.empty());
  CHECK(literalOf(R"('a\nb\tc\rd\be\ff')").text == "a\nb\tc\rd\be\ff");
  CHECK(literalOf(R"('it\'s \"q\" a\\b')").text == "it's \"q\" a\\b");
  CHECK(literalOf(R"('\u0041\u0048\u0069')").text == "AHi");
  CHECK(literalOf(R"('\u00e9')").text == "\xC3\xA9");
  CHECK(literalOf(R"('\u03A9')").text == "\xCE\xA9");
  CHECK(literalOf(R"('\U20AC')").text == "\xE2\x82\xAC");
  // A surrogate pair combines into one code point (U+1F600).
  CHECK(literalOf(R"('\uD83D\uDE00')").text == "\xF0\x9F\x98\x80");
  CHECK(literalOf(R"('\uD83D')").text == "\xEF\xBF\xBD");  // lone surrogate
  // Escape letters may be upper case.
  CHECK(literalOf(R"('a\Nb\Tc\Rd\Be\Ff')").text == "a\nb\tc\rd\be\ff");
  // LIKE escapes keep their backslash.
  CHECK(literalOf(R"('50\%')").text == "50\\%");
  CHECK(literalOf("'caf\xC3\xA9'").text == "caf\xC3\xA9");  // raw UTF-8 kept
}

TEST_CASE("syntax: an unknown escape in a string literal is an error", "[syntax][literals]") {
  auto e = firstError(R"(String s = 'ab\d';)");
  CHECK(e.message == "Illegal character sequence '\\d' in string literal.");
  CHECK(e.column == 12);
  CHECK(firstError(R"(String s = '\u12';)").message == "Illegal character sequence '\\u' in string literal.");
}

TEST_CASE("syntax: boolean and null literals", "[syntax][literals]") {
  CHECK(literalOf("true").literal == LiteralKind::Boolean);
  CHECK(literalOf("TRUE").boolValue);
  CHECK_FALSE(literalOf("False").boolValue);
  CHECK(literalOf("null").literal == LiteralKind::Null);
}

// ========================================================== expressions

TEST_CASE("syntax: binary operators map to BinaryOp", "[syntax][expressions]") {
  struct Case {
    const char* text;
    BinaryOp op;
  };
  const Case cases[] = {
      {"a + b", BinaryOp::Add},          {"a - b", BinaryOp::Sub},        {"a * b", BinaryOp::Mul},
      {"a / b", BinaryOp::Div},          {"a << b", BinaryOp::Shl},       {"a >> b", BinaryOp::Shr},
      {"a >>> b", BinaryOp::Ushr},       {"a & b", BinaryOp::BitAnd},     {"a | b", BinaryOp::BitOr},
      {"a ^ b", BinaryOp::BitXor},       {"a < b", BinaryOp::Lt},         {"a > b", BinaryOp::Gt},
      {"a <= b", BinaryOp::Le},          {"a >= b", BinaryOp::Ge},        {"a == b", BinaryOp::Eq},
      {"a != b", BinaryOp::Ne},          {"a <> b", BinaryOp::Ne},        {"a === b", BinaryOp::Identical},
      {"a !== b", BinaryOp::NotIdentical},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Parsed p = expression(c.text);
    auto& b = as<BinaryExpr>(p.expr);
    CHECK(b.op == c.op);
    CHECK(as<NameExpr>(b.left).name == "a");
    CHECK(as<NameExpr>(b.right).name == "b");
  }
}

TEST_CASE("syntax: precedence and associativity", "[syntax][expressions]") {
  Parsed p = expression("1 + 2 * 3");
  auto& add = as<BinaryExpr>(p.expr);
  CHECK(add.op == BinaryOp::Add);
  CHECK(as<BinaryExpr>(add.right).op == BinaryOp::Mul);

  Parsed q = expression("a - b - c");
  auto& outer = as<BinaryExpr>(q.expr);
  CHECK(as<BinaryExpr>(outer.left).op == BinaryOp::Sub);
  CHECK(as<NameExpr>(outer.right).name == "c");

  Parsed r = expression("(1 + 2) * 3");
  CHECK(as<BinaryExpr>(as<BinaryExpr>(r.expr).left).op == BinaryOp::Add);

  Parsed s = expression("a = b = c");
  auto& assign = as<AssignExpr>(s.expr);
  CHECK(as<AssignExpr>(assign.value).target->kind == ExprKind::Name);

  Parsed t = expression("a || b && c");
  auto& orExpr = as<LogicalExpr>(t.expr);
  CHECK(orExpr.op == LogicalOp::Or);
  CHECK(as<LogicalExpr>(orExpr.right).op == LogicalOp::And);
}

TEST_CASE("syntax: logical, conditional, instanceof, cast", "[syntax][expressions]") {
  CHECK(as<LogicalExpr>(expression("a ?? b").expr).op == LogicalOp::Coalesce);
  CHECK(as<LogicalExpr>(expression("a && b").expr).op == LogicalOp::And);

  Parsed c = expression("x > 0 ? 'pos' : 'neg'");
  auto& cond = as<ConditionalExpr>(c.expr);
  CHECK(as<BinaryExpr>(cond.condition).op == BinaryOp::Gt);
  CHECK(as<LiteralExpr>(cond.whenTrue).text == "pos");

  Parsed i = expression("o instanceof List<String>");
  auto& io = as<InstanceOfExpr>(i.expr);
  CHECK(io.typeName.text() == "List<String>");
  CHECK(as<NameExpr>(io.operand).name == "o");

  Parsed k = expression("(Account) records[0]");
  auto& cast = as<CastExpr>(k.expr);
  CHECK(cast.typeName.text() == "Account");
  CHECK(cast.operand->kind == ExprKind::Index);
  CHECK(cast.loc.column == 12);
}

TEST_CASE("syntax: a parenthesized numeric type before a sign is a cast", "[syntax][expressions]") {
  Parsed p = expression("(Integer) -1");
  auto& cast = as<CastExpr>(p.expr);
  CHECK(cast.typeName.text() == "Integer");
  CHECK(as<LiteralExpr>(cast.operand).intValue == -1);

  // The cast binds tighter than the division.
  Parsed q = expression("(Decimal) -x / 3");
  auto& div = as<BinaryExpr>(q.expr);
  CHECK(div.op == BinaryOp::Div);
  auto& inner = as<CastExpr>(div.left);
  CHECK(as<UnaryExpr>(inner.operand).op == UnaryOp::Minus);

  // A parenthesized variable stays a subtraction.
  Parsed r = expression("(total) - 1");
  CHECK(as<BinaryExpr>(r.expr).op == BinaryOp::Sub);
}

TEST_CASE("syntax: unary, increment and decrement", "[syntax][expressions]") {
  CHECK(as<UnaryExpr>(expression("!done").expr).op == UnaryOp::Not);
  CHECK(as<UnaryExpr>(expression("~bits").expr).op == UnaryOp::BitNot);
  CHECK(as<UnaryExpr>(expression("-x").expr).op == UnaryOp::Minus);
  CHECK(as<UnaryExpr>(expression("+x").expr).op == UnaryOp::Plus);
  CHECK(as<UnaryExpr>(expression("-(1)").expr).op == UnaryOp::Minus);

  auto& pre = as<IncDecExpr>(expression("++i").expr);
  CHECK(pre.prefix);
  CHECK(pre.increment);
  auto& post = as<IncDecExpr>(expression("i--").expr);
  CHECK_FALSE(post.prefix);
  CHECK_FALSE(post.increment);
}

TEST_CASE("syntax: assignments, plain and compound", "[syntax][expressions]") {
  struct Case {
    const char* text;
    BinaryOp op;
  };
  const Case cases[] = {
      {"x += 1", BinaryOp::Add},     {"x -= 1", BinaryOp::Sub},    {"x *= 1", BinaryOp::Mul},
      {"x /= 1", BinaryOp::Div},     {"x &= 1", BinaryOp::BitAnd}, {"x |= 1", BinaryOp::BitOr},
      {"x ^= 1", BinaryOp::BitXor},  {"x <<= 1", BinaryOp::Shl},   {"x >>= 1", BinaryOp::Shr},
      {"x >>>= 1", BinaryOp::Ushr},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Parsed p = statement(std::string(c.text) + ";");
    auto& a = as<AssignExpr>(as<ExprStmt>(p.stmt).expr);
    CHECK(a.compound);
    CHECK(a.op == c.op);
  }
  Parsed p = statement("list[0] = 5;");
  auto& a = as<AssignExpr>(as<ExprStmt>(p.stmt).expr);
  CHECK_FALSE(a.compound);
  CHECK(a.target->kind == ExprKind::Index);
}

TEST_CASE("syntax: shift and comparison operators may be written with spaces", "[syntax][expressions]") {
  CHECK(as<BinaryExpr>(expression("a > > b").expr).op == BinaryOp::Shr);
  CHECK(as<BinaryExpr>(expression("a > /* x */ = b").expr).op == BinaryOp::Ge);
  CHECK(as<BinaryExpr>(expression("a >> > b").expr).op == BinaryOp::Ushr);
  CHECK(as<BinaryExpr>(expression("a < < b").expr).op == BinaryOp::Shl);
  for (const char* text : {"x > > = 2;", "x >> = 2;", "x > >= 2;"}) {
    INFO(text);
    CHECK(as<AssignExpr>(as<ExprStmt>(statement(text).stmt).expr).op == BinaryOp::Shr);
  }
  for (const char* text : {"x < < = 2;", "x << = 2;", "x < <= 2;"}) {
    INFO(text);
    auto& a = as<AssignExpr>(as<ExprStmt>(statement(text).stmt).expr);
    CHECK(a.compound);
    CHECK(a.op == BinaryOp::Shl);
  }
  CHECK(firstError("Boolean b = a < = b;").message == "Unexpected token '='.");
  // Generic types close with adjacent '>' tokens.
  Parsed p = statement("Map<String, List<Set<Integer>>> m = null;");
  CHECK(as<LocalVarStmt>(p.stmt).typeName.text() == "Map<String,List<Set<Integer>>>");
}

TEST_CASE("syntax: '%' is not an Apex operator", "[syntax][expressions]") {
  auto e = firstError("Integer r = 7 % 2;");
  CHECK(e.message == "Found punctuation symbol or operator '%' that isn't valid in Apex.");
  CHECK(e.column == 15);
  CHECK(firstError("r %= 2;").message == "Found punctuation symbol or operator '%' that isn't valid in Apex.");
}

TEST_CASE("syntax: names, members and calls", "[syntax][expressions]") {
  auto& m = as<MemberExpr>(expression("acc.Name").expr);
  CHECK(m.name == "Name");
  CHECK_FALSE(m.nullSafe);
  CHECK(as<NameExpr>(m.target).name == "acc");

  CHECK(as<MemberExpr>(expression("acc?.Name").expr).nullSafe);

  auto& call = as<CallExpr>(expression("foo(1, 2)").expr);
  CHECK(call.name == "foo");
  CHECK_FALSE(call.target);
  CHECK(call.args.size() == 2);

  auto& qualified = as<CallExpr>(expression("System.debug('x')").expr);
  CHECK(qualified.name == "debug");
  CHECK(as<NameExpr>(qualified.target).name == "System");

  auto& safe = as<CallExpr>(expression("s?.trim()").expr);
  CHECK(safe.nullSafe);

  auto& chain = as<CallExpr>(expression("a.b().c(d)").expr);
  CHECK(chain.name == "c");
  CHECK(as<CallExpr>(chain.target).name == "b");

  auto& index = as<IndexExpr>(expression("xs[i + 1]").expr);
  CHECK(as<BinaryExpr>(index.index).op == BinaryOp::Add);

  auto& keywordMember = as<MemberExpr>(expression("Trigger.new").expr);
  CHECK(keywordMember.name == "new");
  auto& keywordCall = as<CallExpr>(expression("Database.insert(xs, false)").expr);
  CHECK(keywordCall.name == "insert");
}

TEST_CASE("syntax: this, super and constructor chaining", "[syntax][expressions]") {
  auto unit = cls(
      "public class Child extends Base {\n"
      "  Integer x;\n"
      "  public Child() { this(1); }\n"
      "  public Child(Integer x) { super(x); this.x = x; super.init(); }\n"
      "}\n");
  const TypeDecl& d = *unit->typeDecl;
  REQUIRE(d.methods.size() == 2);
  auto& thisCall = as<CallExpr>(as<ExprStmt>(d.methods[0].body->statements[0]).expr);
  CHECK(thisCall.name == "this");
  CHECK_FALSE(thisCall.target);
  CHECK(thisCall.args.size() == 1);
  const auto& body = d.methods[1].body->statements;
  auto& superCall = as<CallExpr>(as<ExprStmt>(body[0]).expr);
  CHECK(superCall.name == "super");
  CHECK_FALSE(superCall.target);
  auto& assign = as<AssignExpr>(as<ExprStmt>(body[1]).expr);
  CHECK(as<MemberExpr>(assign.target).target->kind == ExprKind::This);
  auto& superMethod = as<CallExpr>(as<ExprStmt>(body[2]).expr);
  CHECK(superMethod.name == "init");
  CHECK(superMethod.target->kind == ExprKind::Super);
}

TEST_CASE("syntax: class literals", "[syntax][expressions]") {
  auto& lit = as<ClassLiteralExpr>(expression("Account.class").expr);
  CHECK(lit.typeName.text() == "Account");
  CHECK(as<ClassLiteralExpr>(expression("List<String>.class").expr).typeName.text() == "List<String>");
  CHECK(as<ClassLiteralExpr>(expression("Outer.Inner.class").expr).typeName.parts.size() == 2);
}

TEST_CASE("syntax: new expressions", "[syntax][expressions]") {
  auto& obj = as<NewExpr>(expression("new Foo(1, 'a')").expr);
  CHECK(obj.typeName.text() == "Foo");
  CHECK(obj.args.size() == 2);
  CHECK(obj.loc.column == 12);

  auto& sobj = as<NewExpr>(expression("new Account(Name = 'x', Industry = 'y')").expr);
  REQUIRE(sobj.fieldInits.size() == 2);
  CHECK(sobj.fieldInits[0].first == "Name");
  CHECK(as<LiteralExpr>(sobj.fieldInits[1].second).text == "y");
  CHECK(sobj.args.empty());

  auto& list = as<NewCollectionExpr>(expression("new List<String>{'a', 'b'}").expr);
  CHECK(list.typeName.text() == "List<String>");
  CHECK(list.elements.size() == 2);

  auto& set = as<NewCollectionExpr>(expression("new Set<Integer>{}").expr);
  CHECK(set.elements.empty());

  auto& map = as<NewCollectionExpr>(expression("new Map<String, Integer>{'a' => 1, 'b' => 2}").expr);
  REQUIRE(map.entries.size() == 2);
  CHECK(as<LiteralExpr>(map.entries[1].first).text == "b");
  CHECK(as<LiteralExpr>(map.entries[1].second).intValue == 2);

  auto& arrayInit = as<NewCollectionExpr>(expression("new String[]{'a'}").expr);
  CHECK(arrayInit.typeName.parts == std::vector<std::string>{"String"});
  CHECK(arrayInit.typeName.arrayDims == 1);

  auto& array = as<NewArrayExpr>(expression("new String[5]").expr);
  CHECK(array.elementType.text() == "String");
  CHECK(as<LiteralExpr>(array.size).intValue == 5);

  auto& empty = as<NewExpr>(expression("new List<Integer>()").expr);
  CHECK(empty.args.empty());
}

// ============================================================ statements

TEST_CASE("syntax: local variables and blocks", "[syntax][statements]") {
  Parsed p = statement("final Integer a = 1, b, c = a + 1;");
  auto& decl = as<LocalVarStmt>(p.stmt);
  CHECK(decl.isFinal);
  REQUIRE(decl.declarators.size() == 3);
  CHECK(decl.declarators[1].name == "b");
  CHECK_FALSE(decl.declarators[1].init);
  CHECK(decl.declarators[2].loc.column == 25);

  Parsed q = statement("List<Account>[] nested = null;");
  CHECK(as<LocalVarStmt>(q.stmt).typeName.arrayDims == 1);

  Parsed b = statement("{ Integer x = 1; ; }");
  auto& block = as<BlockStmt>(b.stmt);
  REQUIRE(block.statements.size() == 2);
  CHECK(block.statements[1]->kind == StmtKind::Empty);
}

TEST_CASE("syntax: if, loops, break and continue", "[syntax][statements]") {
  Parsed p = statement("if (a) x = 1; else if (b) x = 2; else { x = 3; }");
  auto& i = as<IfStmt>(p.stmt);
  CHECK(i.thenBranch->kind == StmtKind::Expression);
  auto& elseIf = as<IfStmt>(i.elseBranch);
  CHECK(elseIf.elseBranch->kind == StmtKind::Block);

  Parsed f = statement("for (Integer i = 0, j = 1; i < 10; i++, j++) { break; }");
  auto& loop = as<ForStmt>(f.stmt);
  REQUIRE(loop.initDecl);
  CHECK(loop.initDecl->declarators.size() == 2);
  CHECK(loop.initExprs.empty());
  CHECK(loop.updates.size() == 2);
  CHECK(as<BlockStmt>(loop.body).statements[0]->kind == StmtKind::Break);

  Parsed g = statement("for (i = 0, j = 1; ; ) continue;");
  auto& loop2 = as<ForStmt>(g.stmt);
  CHECK_FALSE(loop2.initDecl);
  CHECK(loop2.initExprs.size() == 2);
  CHECK_FALSE(loop2.condition);
  CHECK(loop2.updates.empty());
  CHECK(loop2.body->kind == StmtKind::Continue);

  Parsed e = statement("for (Account a : [SELECT Id FROM Account]) { }");
  auto& each = as<ForEachStmt>(e.stmt);
  CHECK(each.typeName.text() == "Account");
  CHECK(each.name == "a");
  CHECK(each.iterable->kind == ExprKind::Soql);

  CHECK(as<WhileStmt>(statement("while (true) { }").stmt).condition->kind == ExprKind::Literal);
  auto& dw = as<DoWhileStmt>(statement("do { x++; } while (x < 3);").stmt);
  CHECK(as<BinaryExpr>(dw.condition).op == BinaryOp::Lt);
}

TEST_CASE("syntax: switch statements", "[syntax][statements]") {
  Parsed p = statement(
      "switch on x {\n"
      "  when 1, -2 { }\n"
      "  when 'a', null { }\n"
      "  when RED, Green { }\n"
      "  when 5L, -6L { }\n"
      "  when Account acc { }\n"
      "  when else { }\n"
      "}");
  auto& s = as<SwitchStmt>(p.stmt);
  REQUIRE(s.whens.size() == 6);
  CHECK(s.whens[0].kind == WhenClause::Kind::Values);
  CHECK(as<LiteralExpr>(s.whens[0].values[0]).intValue == 1);
  CHECK(as<LiteralExpr>(s.whens[0].values[1]).intValue == -2);
  CHECK(as<LiteralExpr>(s.whens[0].values[1]).literal == LiteralKind::Integer);
  CHECK(s.whens[0].loc.line == 2);
  CHECK(s.whens[0].loc.column == 3);
  CHECK(as<LiteralExpr>(s.whens[1].values[0]).text == "a");
  CHECK(as<LiteralExpr>(s.whens[1].values[1]).literal == LiteralKind::Null);
  CHECK(as<NameExpr>(s.whens[2].values[1]).name == "Green");
  CHECK(as<LiteralExpr>(s.whens[3].values[1]).literal == LiteralKind::Long);
  CHECK(as<LiteralExpr>(s.whens[3].values[1]).intValue == -6);
  CHECK(s.whens[4].kind == WhenClause::Kind::Type);
  CHECK(s.whens[4].typeName.text() == "Account");
  CHECK(s.whens[4].varName == "acc");
  CHECK(s.whens[5].kind == WhenClause::Kind::Else);
  for (const WhenClause& w : s.whens) CHECK(w.body);
}

TEST_CASE("syntax: try, catch, finally, throw, return", "[syntax][statements]") {
  Parsed p = statement("try { x(); } catch (DmlException e) { } catch (Exception e) { throw e; } finally { y(); }");
  auto& t = as<TryStmt>(p.stmt);
  REQUIRE(t.catches.size() == 2);
  CHECK(t.catches[0].typeName.text() == "DmlException");
  CHECK(t.catches[0].name == "e");
  CHECK(as<ThrowStmt>(t.catches[1].body->statements[0]).value->kind == ExprKind::Name);
  REQUIRE(t.finallyBlock);

  Parsed q = statement("try { } finally { }");
  CHECK(as<TryStmt>(q.stmt).catches.empty());

  auto unit = anon("void f() { return; } Integer g() { return 1; }");
  CHECK_FALSE(as<ReturnStmt>(unit->anonymous->methods[0].body->statements[0]).value);
  CHECK(as<ReturnStmt>(unit->anonymous->methods[1].body->statements[0]).value);
}

TEST_CASE("syntax: DML statements and runAs", "[syntax][statements]") {
  CHECK(as<DmlStmt>(statement("insert acc;").stmt).op == DmlOp::Insert);
  CHECK(as<DmlStmt>(statement("update as user accs;").stmt).op == DmlOp::Update);
  CHECK(as<DmlStmt>(statement("delete [SELECT Id FROM Account];").stmt).target->kind == ExprKind::Soql);
  CHECK(as<DmlStmt>(statement("undelete acc;").stmt).op == DmlOp::Undelete);

  auto& plain = as<DmlStmt>(statement("upsert accs;").stmt);
  CHECK(plain.op == DmlOp::Upsert);
  CHECK(plain.externalIdField.empty());

  auto& byField = as<DmlStmt>(statement("upsert records Account.External_Id__c;").stmt);
  CHECK(as<NameExpr>(byField.target).name == "records");
  CHECK(byField.externalIdField == "Account.External_Id__c");

  auto& merge = as<DmlStmt>(statement("merge master duplicates[0];").stmt);
  CHECK(merge.op == DmlOp::Merge);
  CHECK(as<NameExpr>(merge.target).name == "master");
  CHECK(merge.secondary->kind == ExprKind::Index);

  auto& runAs = as<RunAsStmt>(statement("System.runAs(u) { insert acc; }").stmt);
  CHECK(as<NameExpr>(runAs.user).name == "u");
  CHECK(runAs.body->statements.size() == 1);

  // Without a block it is an ordinary call.
  CHECK(statement("System.runAs(u);").stmt->kind == StmtKind::Expression);
}

// ================================================================= SOQL

TEST_CASE("syntax: SOQL keeps its text with numbered binds", "[syntax][soql]") {
  auto& q = as<SoqlExpr>(expression("[SELECT Id, Name, (SELECT Id FROM Contacts WHERE Email = :email) "
                                    "FROM Account WHERE Name = :acc.Name AND Id IN :ids LIMIT :n]")
                             .expr);
  CHECK(q.text ==
        "SELECT Id, Name, (SELECT Id FROM Contacts WHERE Email = :{0}) FROM Account WHERE Name = :{1} "
        "AND Id IN :{2} LIMIT :{3}");
  REQUIRE(q.binds.size() == 4);
  CHECK(as<NameExpr>(q.binds[0]).name == "email");
  CHECK(as<MemberExpr>(q.binds[1]).name == "Name");
  CHECK(as<NameExpr>(q.binds[3]).name == "n");
  REQUIRE(q.selectFields.size() == 3);
  CHECK(q.selectFields[0] == "Id");
  CHECK(q.selectFields[2] == "(SELECT Id FROM Contacts WHERE Email = :{0})");
  CHECK(q.fromObject == "Account");
  CHECK(q.loc.column == 12);

  auto& agg = as<SoqlExpr>(expression("[SELECT Industry, COUNT(Id) total FROM Account GROUP BY Industry]").expr);
  CHECK(agg.selectFields[1] == "COUNT(Id) total");
  CHECK(agg.binds.empty());

  auto& dates = as<SoqlExpr>(expression("[SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS:30]").expr);
  CHECK(dates.binds.empty());
  CHECK(dates.text == "SELECT Id FROM Opportunity WHERE CloseDate = LAST_N_DAYS:30");
}

TEST_CASE("syntax: SOSL keeps its text with numbered binds", "[syntax][soql]") {
  auto& s = as<SoslExpr>(expression("[FIND :term IN ALL FIELDS RETURNING Account(Id WHERE Name = :n), Contact]").expr);
  CHECK(s.text == "FIND :{0} IN ALL FIELDS RETURNING Account(Id WHERE Name = :{1}), Contact");
  REQUIRE(s.binds.size() == 2);
  CHECK(as<NameExpr>(s.binds[0]).name == "term");
}

// ========================================================== declarations

TEST_CASE("syntax: class declarations", "[syntax][declarations]") {
  auto unit = cls(
      "@IsTest(SeeAllData=true)\n"
      "public with sharing abstract class Foo extends Base implements Comparable, Schema.Thing {\n"
      "  @TestVisible private static final Integer MAX = 10, MIN;\n"
      "  public String name { get; private set; }\n"
      "  public Integer size { get { return 1; } }\n"
      "  static { MAX2 = 1; }\n"
      "  { name = 'x'; }\n"
      "  public Foo(String n) { name = n; }\n"
      "  public abstract void run();\n"
      "  global override List<String> items(final Integer a, Map<Id, Account> b) { return null; }\n"
      "  private class Inner { }\n"
      "  public enum Color { RED, GREEN, }\n"
      "  public interface Api { void call(); }\n"
      "}\n");
  const TypeDecl& d = *unit->typeDecl;
  CHECK(unit->kind == Kind::Class);
  CHECK(d.kind == TypeDeclKind::Class);
  CHECK(d.name == "Foo");
  CHECK(d.loc.line == 1);
  CHECK(d.loc.column == 1);
  CHECK(d.modifiers == (kPublic | kWithSharing | kAbstract));
  REQUIRE(d.annotations.size() == 1);
  CHECK(d.annotations[0].name == "IsTest");
  REQUIRE(d.annotations[0].params.size() == 1);
  CHECK(d.annotations[0].params[0].name == "SeeAllData");
  CHECK(d.annotations[0].params[0].value == "true");
  REQUIRE(d.superclass);
  CHECK(d.superclass->text() == "Base");
  REQUIRE(d.interfaces.size() == 2);
  CHECK(d.interfaces[1].text() == "Schema.Thing");

  REQUIRE(d.fields.size() == 1);
  CHECK(d.fields[0].modifiers == (kPrivate | kStatic | kFinal | kTestVisible));
  CHECK(d.fields[0].annotations[0].name == "TestVisible");
  CHECK(d.fields[0].declarators.size() == 2);
  CHECK(d.fields[0].loc.line == 3);
  CHECK(d.fields[0].loc.column == 3);

  REQUIRE(d.properties.size() == 2);
  const PropertyDecl& name = d.properties[0];
  CHECK(name.name == "name");
  CHECK(name.getter.present);
  CHECK_FALSE(name.getter.body);
  CHECK(name.setter.present);
  CHECK(name.setter.modifiers == kPrivate);
  CHECK_FALSE(name.setter.body);
  const PropertyDecl& size = d.properties[1];
  CHECK(size.getter.body);
  CHECK_FALSE(size.setter.present);

  REQUIRE(d.initializers.size() == 2);
  CHECK(d.initializers[0].isStatic);
  CHECK_FALSE(d.initializers[1].isStatic);

  REQUIRE(d.methods.size() == 3);
  const MethodDecl& ctor = d.methods[0];
  CHECK(ctor.isConstructor);
  CHECK(ctor.name == "Foo");
  CHECK(ctor.returnType.parts.empty());
  CHECK(ctor.params.size() == 1);
  const MethodDecl& run = d.methods[1];
  CHECK(run.returnType.isVoid());
  CHECK(run.returnType.parts == std::vector<std::string>{"void"});
  CHECK_FALSE(run.body);
  CHECK(run.modifiers == (kPublic | kAbstract));
  const MethodDecl& items = d.methods[2];
  CHECK(items.modifiers == (kGlobal | kOverride));
  CHECK(items.returnType.text() == "List<String>");
  REQUIRE(items.params.size() == 2);
  CHECK(items.params[0].isFinal);
  CHECK(items.params[1].typeName.text() == "Map<Id,Account>");

  REQUIRE(d.innerTypes.size() == 3);
  CHECK(d.innerTypes[0]->modifiers == kPrivate);
  CHECK(d.innerTypes[1]->kind == TypeDeclKind::Enum);
  REQUIRE(d.innerTypes[1]->enumConstants.size() == 2);
  CHECK(d.innerTypes[1]->enumConstants[1].first == "GREEN");
  CHECK(d.innerTypes[2]->kind == TypeDeclKind::Interface);
}

TEST_CASE("syntax: interfaces put their extends list in interfaces", "[syntax][declarations]") {
  auto unit = cls("public interface Shape extends Comparable, HasName { Double area(); void draw(Integer x); }");
  const TypeDecl& d = *unit->typeDecl;
  CHECK(d.kind == TypeDeclKind::Interface);
  CHECK_FALSE(d.superclass);
  CHECK(d.interfaces.size() == 2);
  REQUIRE(d.methods.size() == 2);
  CHECK_FALSE(d.methods[0].body);
}

TEST_CASE("syntax: sharing and other modifiers", "[syntax][declarations]") {
  CHECK(cls("public without sharing class A { }")->typeDecl->modifiers == (kPublic | kWithoutSharing));
  CHECK(cls("inherited sharing class A { }")->typeDecl->modifiers == kInheritedSharing);
  CHECK(cls("global virtual class A { }")->typeDecl->modifiers == (kGlobal | kVirtual));
  auto unit = cls("public class A { static testMethod void t() { } webservice static void w() { } transient Integer x; }");
  CHECK(unit->typeDecl->methods[0].modifiers == (kStatic | kTestMethod));
  CHECK(unit->typeDecl->methods[1].modifiers == (kWebservice | kStatic));
  CHECK(unit->typeDecl->fields[0].modifiers == kTransient);
}

TEST_CASE("syntax: annotation parameters", "[syntax][declarations]") {
  auto unit = cls(
      "@RestResource(urlMapping='/acc/*')\n"
      "public class A {\n"
      "  @InvocableMethod(label='Do it' description='x') public static void m() { }\n"
      "  @SuppressWarnings('PMD') public void n() { }\n"
      "}\n");
  const TypeDecl& d = *unit->typeDecl;
  CHECK(d.annotations[0].params[0].value == "/acc/*");
  const Annotation& inv = d.methods[0].annotations[0];
  REQUIRE(inv.params.size() == 2);
  CHECK(inv.params[1].name == "description");
  const Annotation& warn = d.methods[1].annotations[0];
  REQUIRE(warn.params.size() == 1);
  CHECK(warn.params[0].name.empty());
  CHECK(warn.params[0].value == "PMD");
}

TEST_CASE("syntax: a constructor must be named after its class", "[syntax][declarations]") {
  auto e = firstError("public class A { public B() { } }", Kind::Class);
  CHECK(e.message == "Invalid constructor name: B");
  CHECK(e.column == 25);
  // Case-insensitive, and the class's own spelling is used.
  auto unit = cls("public class Account2 { public ACCOUNT2() { } }");
  CHECK(unit->typeDecl->methods[0].name == "Account2");
}

TEST_CASE("syntax: triggers", "[syntax][declarations]") {
  syntax::ParseResult r = syntax::parse(
      "trigger AccountTrigger on Account (before insert, AFTER Update) {\n  System.debug(Trigger.new);\n}\n",
      Kind::Trigger, "AccountTrigger.trigger");
  INFO(errorsText(r));
  REQUIRE(r.errors.empty());
  REQUIRE(r.unit);
  const TriggerUnit& t = *r.unit->trigger;
  CHECK(t.name == "AccountTrigger");
  CHECK(t.objectName == "Account");
  CHECK(t.events == std::vector<std::string>{"before insert", "after update"});
  REQUIRE(t.body);
  CHECK(t.body->statements.size() == 1);
  CHECK(t.loc.line == 1);
}

// ============================================================= locations

TEST_CASE("syntax: locations are 1-based lines and columns of the first token", "[syntax]") {
  auto unit = anon("Integer x = 1;\n\tif (x > 0) {\n    x = a.b(c) + 2;\n  }\n");
  const auto& body = unit->anonymous->body->statements;
  CHECK(body[0]->loc.line == 1);
  CHECK(body[0]->loc.column == 1);
  auto& i = as<IfStmt>(body[1]);
  CHECK(i.loc.line == 2);
  CHECK(i.loc.column == 2);  // a tab is one column
  CHECK(i.condition->loc.column == 6);
  auto& inner = as<ExprStmt>(as<BlockStmt>(i.thenBranch).statements[0]);
  CHECK(inner.loc.line == 3);
  CHECK(inner.loc.column == 5);
  auto& assign = as<AssignExpr>(inner.expr);
  auto& add = as<BinaryExpr>(assign.value);
  CHECK(add.loc.column == 9);  // a binary expression starts at its left operand
  auto& call = as<CallExpr>(add.left);
  CHECK(call.loc.column == 9);
  CHECK(call.args[0]->loc.column == 13);
}

// ================================================================ errors

TEST_CASE("syntax: syntax errors use Salesforce's wording", "[syntax][errors]") {
  auto e = firstError("Integer x = 1\nInteger y = 2;");
  CHECK(e.message == "Missing ';' at 'Integer'");
  CHECK(e.line == 2);
  CHECK(e.column == 1);

  auto u = firstError("Integer c = a + * b;");
  CHECK(u.message == "Unexpected token '*'.");
  CHECK(u.column == 17);

  auto paren = firstError("System.debug((1 + 2);");
  CHECK(paren.line == 1);

  auto quote = firstError("String s = \"hello\";");
  CHECK(quote.message == "Found punctuation symbol or operator '\"' that isn't valid in Apex.");
  CHECK(quote.column == 12);

  auto unterminated = firstError("String s = 'abc;");
  CHECK(unterminated.line == 1);
  CHECK(unterminated.column == 12);

  auto eof = firstError("public class A {", Kind::Class);
  CHECK(eof.message == "Unexpected token '<EOF>'.");

  auto expecting = firstError("public class A { void m() { for (Integer i = 0; i < 3; i++ { } } }", Kind::Class);
  CHECK(expecting.message == "Missing ')' at '{'");

  auto soql = firstError("List<Account> a = [SELECT Id, Name WHERE Name = 'x'];");
  CHECK(soql.message == "Expecting 'from' but was: 'WHERE'");
  CHECK(soql.column == 36);
}

TEST_CASE("syntax: errors come in source order and stop the AST", "[syntax][errors]") {
  syntax::ParseResult r = syntax::parse("Integer a = ;\nInteger b = 1\nInteger c = 2;\n", Kind::Anonymous, "x");
  REQUIRE(r.errors.size() >= 2);
  CHECK_FALSE(r.unit);
  for (size_t i = 1; i < r.errors.size(); ++i) {
    bool ordered = r.errors[i - 1].line < r.errors[i].line ||
                   (r.errors[i - 1].line == r.errors[i].line && r.errors[i - 1].column <= r.errors[i].column);
    CHECK(ordered);
  }
  CHECK(r.errors[0].line == 1);
}

TEST_CASE("syntax: deep nesting is an error, not a crash", "[syntax][errors]") {
  SECTION("2,000 nested parentheses") {
    std::string src = "Integer x = " + std::string(2000, '(') + "1" + std::string(2000, ')') + ";";
    syntax::ParseResult r = syntax::parse(src, Kind::Anonymous, "deep");
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors[0].message == "Expression or statement is nested too deeply");
    CHECK_FALSE(r.unit);
  }
  SECTION("200,000 nested parentheses") {
    std::string src = "Integer x = " + std::string(200000, '(') + "1" + std::string(200000, ')') + ";";
    syntax::ParseResult r = syntax::parse(src, Kind::Anonymous, "deep");
    REQUIRE_FALSE(r.errors.empty());
    CHECK_FALSE(r.unit);
  }
  SECTION("nested calls, unary operators and blocks") {
    std::string calls, closes;
    for (int i = 0; i < 3000; ++i) {
      calls += "f(";
      closes += ")";
    }
    CHECK_FALSE(syntax::parse(calls + "1" + closes + ";", Kind::Anonymous, "deep").errors.empty());
    CHECK_FALSE(syntax::parse("Integer x = " + std::string(5000, '-') + "1;", Kind::Anonymous, "deep").errors.empty());
    CHECK_FALSE(syntax::parse(std::string(5000, '{') + std::string(5000, '}'), Kind::Anonymous, "deep").errors.empty());
    std::string elseIf = "if (a) { }";
    for (int i = 0; i < 5000; ++i) elseIf += " else if (a) { }";
    CHECK_FALSE(syntax::parse(elseIf, Kind::Anonymous, "deep").errors.empty());
  }
  SECTION("long operator chains") {
    std::string chain = "Integer x = 1";
    for (int i = 0; i < 20000; ++i) chain += " + 1";
    chain += ";";
    CHECK_FALSE(syntax::parse(chain, Kind::Anonymous, "chain").errors.empty());
  }
  SECTION("moderate nesting is fine") {
    std::string src = "Integer x = " + std::string(200, '(') + "1" + std::string(200, ')') + ";";
    CHECK(syntax::parse(src, Kind::Anonymous, "ok").errors.empty());
    std::string chain = "String s = 'a'";
    for (int i = 0; i < 500; ++i) chain += " + 'a'";
    CHECK(syntax::parse(chain + ";", Kind::Anonymous, "ok").errors.empty());
  }
}

// Issue 18, robustness 24 and 25: a syntax error after deep nesting sends
// the parse to full LL with recovery, whose lookahead walks every open rule:
// these overflowed the stack (SIGSEGV) or took minutes.
TEST_CASE("syntax: a syntax error after deep nesting is a compile error, quickly", "[syntax][errors]") {
  auto firstMessage = [](const std::string& src) {
    syntax::ParseResult r = syntax::parse(src, Kind::Anonymous, "deep");
    REQUIRE_FALSE(r.errors.empty());
    CHECK_FALSE(r.unit);
    return r.errors[0].message;
  };
  auto repeat = [](const std::string& part, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += part;
    return out;
  };
  const std::string deep = "Expression or statement is nested too deeply";
  SECTION("nested if statements") {
    CHECK(firstMessage(repeat("if(true)", 4325) + " (") == deep);  // crashed in recovery
    CHECK(firstMessage(repeat("if(true)", 4325) + " else") == deep);  // quadratic full LL
    CHECK(firstMessage(repeat("while(true)", 12000) + " (") == deep);
  }
  SECTION("casts, negations and indexes") {
    CHECK(firstMessage("Object o = " + repeat("(Object)", 20000) + "1 (") == deep);
    CHECK(firstMessage("Boolean b = " + repeat("!", 20000) + "true else") == deep);
    CHECK(firstMessage("Object o = a" + repeat("[0]", 20000) + " +;") == deep);
  }
  SECTION("a long dotted name") {
    CHECK(firstMessage("a" + repeat(".a", 20000) + " x") == deep);  // 20 s before
    CHECK(firstMessage("a" + repeat("?.a", 2000) + ";") == deep);
  }
  SECTION("a dotted type name of 1,000 parts is fine") {
    CHECK(syntax::parse("a" + repeat(".a", 999) + " x;", Kind::Anonymous, "ok").errors.empty());
    CHECK(firstMessage("a" + repeat(".a", 1001) + " x;") == deep);
  }
}

TEST_CASE("syntax: garbage input never crashes", "[syntax][errors]") {
  const char* samples[] = {
      "}}}}", "((((", "class", "class {", "@", "@@@ public", "trigger", "[SELECT", "[FIND", "'", "\\",
      "Integer x = 'abc", "/* unterminated comment", "x = > = < 1;", "switch on { when }", "new", "new Foo(",
      "for (;;", "\x01\x02\x03", "\xff\xfe\xfd invalid utf8 \xc3", "\xed\xa0\x80 surrogate", "\xef\xbb\xbfInteger x = 1;",
  };
  for (const char* s : samples) {
    for (Kind k : {Kind::Anonymous, Kind::Class, Kind::Trigger}) {
      INFO(s);
      syntax::ParseResult r = syntax::parse(s, k, "garbage");
      CHECK((r.unit == nullptr) == !r.errors.empty());
    }
  }
  // A byte-order mark is not an error.
  CHECK(syntax::parse("\xef\xbb\xbfInteger x = 1;", Kind::Anonymous, "bom").errors.empty());

  std::mt19937 rng(12345);
  const std::string alphabet = "abcXYZ019 \n\t(){}[];,.=<>!?:+-*/&|^~%@'\"\\#$_";
  for (int round = 0; round < 300; ++round) {
    std::string s;
    size_t len = rng() % 200;
    for (size_t i = 0; i < len; ++i) {
      if (rng() % 20 == 0) s += static_cast<char>(rng() % 256);
      else s += alphabet[rng() % alphabet.size()];
    }
    syntax::ParseResult r = syntax::parse(s, round % 3 == 0 ? Kind::Class : Kind::Anonymous, "fuzz");
    CHECK((r.unit == nullptr) == !r.errors.empty());
    CHECK(r.errors.size() <= 51);
  }
}

TEST_CASE("syntax: a large file parses", "[syntax]") {
  std::string src = "public class Big {\n";
  for (int i = 0; i < 2000; ++i) {
    src += "  public Integer m" + std::to_string(i) + "(Integer a) {\n";
    src += "    List<Map<String, Integer>> xs = new List<Map<String, Integer>>();\n";
    src += "    for (Integer j = 0; j < a; j++) { if (j >= 3 && xs.size() >> 1 > 0) { a += j; } }\n";
    src += "    return a == null ? 0 : a;\n  }\n";
  }
  src += "}\n";
  syntax::ParseResult r = syntax::parse(src, Kind::Class, "Big.cls");
  INFO(errorsText(r));
  REQUIRE(r.errors.empty());
  CHECK(r.unit->typeDecl->methods.size() == 2000);
}
