// Parsing Salesforce formulas (see formula.h): a recursive descent over the
// operators from the loosest to the tightest: ||, &&, comparisons, + - &,
// * /, ^, then unary - + !.
#include "sema/formula.h"

#include <cctype>

#include "base/decimal.h"
#include "base/text.h"
#include "sema/diagnostics.h"

namespace apex::sema::formula {

std::string Node::pathText() const { return text::join(path, "."); }

namespace {

// Every function apexrun evaluates, in alphabetical order.
const std::vector<Function>& formulaFunctions() {
  static const std::vector<Function> functions = {
      {"ABS", 1, 1},        {"ADDMONTHS", 2, 2},  {"AND", 1, -1},       {"BEGINS", 2, 2},
      {"BLANKVALUE", 2, 2}, {"CASE", 4, -1},      {"CEILING", 1, 1},    {"CONTAINS", 2, 2},
      {"DATE", 3, 3},       {"DATEVALUE", 1, 1},  {"DAY", 1, 1},        {"FLOOR", 1, 1},
      {"IF", 3, 3},         {"ISBLANK", 1, 1},    {"ISCHANGED", 1, 1},  {"ISNEW", 0, 0},
      {"ISNULL", 1, 1},     {"ISPICKVAL", 2, 2},  {"LEFT", 2, 2},       {"LEN", 1, 1},
      {"LOWER", 1, 1},      {"MAX", 1, -1},       {"MID", 3, 3},        {"MIN", 1, -1},
      {"MOD", 2, 2},        {"MONTH", 1, 1},      {"NOT", 1, 1},        {"NOW", 0, 0},
      {"NULLVALUE", 2, 2},  {"OR", 1, -1},        {"PRIORVALUE", 1, 1}, {"REGEX", 2, 2},
      {"RIGHT", 2, 2},      {"ROUND", 2, 2},      {"SUBSTITUTE", 3, 3}, {"TEXT", 1, 1},
      {"TODAY", 0, 0},      {"TRIM", 1, 1},       {"UPPER", 1, 1},      {"VALUE", 1, 1},
      {"YEAR", 1, 1},
  };
  return functions;
}

}  // namespace

const Function* formulaFunction(std::string_view name) {
  for (const Function& f : formulaFunctions())
    if (text::equalsIgnoreAsciiCase(f.name, name)) return &f;
  return nullptr;
}

namespace {

struct ParseError {
  std::string message;
};

bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool isNamePart(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::unique_ptr<Node> formula() {
    auto root = orExpr();
    skipSpace();
    if (pos_ < text_.size()) fail(Diagnostic::FormulaFound, std::string(1, text_[pos_]));
    return root;
  }

 private:
  template <class... A>
  [[noreturn]] void fail(CheckedDiagnostic<sizeof...(A)> d, const A&... args) {
    throw ParseError{diagnosticText(d, args...)};
  }

  void skipSpace() {
    while (pos_ < text_.size()) {
      if (std::isspace(static_cast<unsigned char>(text_[pos_]))) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) fail(Diagnostic::FormulaMissing, std::string("*/"));
        pos_ = end + 2;
      } else {
        return;
      }
    }
  }

  // The first of `ops` the text continues with (longest first), consumed;
  // `&` (concatenation) is never the start of `&&`.
  std::string take(std::initializer_list<std::string_view> ops) {
    skipSpace();
    for (std::string_view op : ops)
      if (text_.substr(pos_, op.size()) == op && !(op == "&" && text_.substr(pos_, 2) == "&&")) {
        pos_ += op.size();
        return std::string(op);
      }
    return {};
  }

  std::unique_ptr<Node> binary(std::string op, std::unique_ptr<Node> left, std::unique_ptr<Node> right, size_t at) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::Binary;
    node->text = std::move(op);
    node->position = at;
    node->args.push_back(std::move(left));
    node->args.push_back(std::move(right));
    return node;
  }

  template <class Next>
  std::unique_ptr<Node> leftAssociative(std::initializer_list<std::string_view> ops, Next next) {
    auto left = (this->*next)();
    for (;;) {
      size_t at = pos_;
      std::string op = take(ops);
      if (op.empty()) return left;
      left = binary(std::move(op), std::move(left), (this->*next)(), at);
    }
  }

  std::unique_ptr<Node> orExpr() { return leftAssociative({"||"}, &Parser::andExpr); }
  std::unique_ptr<Node> andExpr() { return leftAssociative({"&&"}, &Parser::comparison); }
  std::unique_ptr<Node> comparison() {
    return leftAssociative({"==", "!=", "<>", "<=", ">=", "=", "<", ">"}, &Parser::additive);
  }
  std::unique_ptr<Node> additive() { return leftAssociative({"+", "-", "&"}, &Parser::multiplicative); }
  std::unique_ptr<Node> multiplicative() { return leftAssociative({"*", "/"}, &Parser::power); }
  std::unique_ptr<Node> power() { return leftAssociative({"^"}, &Parser::unary); }

  std::unique_ptr<Node> unary() {
    skipSpace();
    size_t at = pos_;
    if (pos_ < text_.size() && (text_[pos_] == '-' || text_[pos_] == '+' || text_[pos_] == '!') &&
        text_.substr(pos_, 2) != "!=") {
      auto node = std::make_unique<Node>();
      node->kind = Node::Kind::Unary;
      node->text = std::string(1, text_[pos_++]);
      node->position = at;
      node->args.push_back(unary());
      return node;
    }
    return primary();
  }

  std::unique_ptr<Node> primary() {
    skipSpace();
    if (pos_ >= text_.size()) fail(Diagnostic::FormulaMissing, std::string("value"));
    char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      auto inner = orExpr();
      if (take({")"}).empty()) fail(Diagnostic::FormulaMissing, std::string(")"));
      return inner;
    }
    if (c == '\'' || c == '"') return textLiteral(c);
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    if (isNameStart(c)) return nameOrCall();
    fail(Diagnostic::FormulaFound, std::string(1, c));
  }

  std::unique_ptr<Node> leaf(Node::Kind kind, std::string text, size_t at) {
    auto node = std::make_unique<Node>();
    node->kind = kind;
    node->text = std::move(text);
    node->position = at;
    return node;
  }

  std::unique_ptr<Node> textLiteral(char quote) {
    size_t at = pos_++;
    std::string value;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      char c = text_[pos_++];
      if (c == '\\' && pos_ < text_.size()) {
        char e = text_[pos_++];
        value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
      } else {
        value += c;
      }
    }
    if (pos_ >= text_.size()) fail(Diagnostic::FormulaMissing, std::string(1, quote));
    ++pos_;
    return leaf(Node::Kind::Text, std::move(value), at);
  }

  std::unique_ptr<Node> number() {
    size_t at = pos_;
    while (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) ++pos_;
    std::string digits(text_.substr(at, pos_ - at));
    if (!Decimal::parse(digits)) fail(Diagnostic::FormulaFound, digits);
    return leaf(Node::Kind::Number, std::move(digits), at);
  }

  std::string name() {
    size_t start = pos_;
    while (pos_ < text_.size() && isNamePart(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::unique_ptr<Node> nameOrCall() {
    size_t at = pos_;
    std::vector<std::string> path = {name()};
    while (pos_ + 1 < text_.size() && text_[pos_] == '.' && isNameStart(text_[pos_ + 1])) {
      ++pos_;
      path.push_back(name());
    }
    skipSpace();
    if (path.size() == 1 && pos_ < text_.size() && text_[pos_] == '(') return call(path[0], at);
    if (path.size() == 1) {
      std::string upper = text::toUpperCase(path[0]);
      if (upper == "TRUE" || upper == "FALSE") return leaf(Node::Kind::Boolean, text::toLowerCase(upper), at);
      if (upper == "NULL") return leaf(Node::Kind::Null, "", at);
    }
    auto node = leaf(Node::Kind::Field, "", at);
    node->path = std::move(path);
    return node;
  }

  std::unique_ptr<Node> call(const std::string& name, size_t at) {
    const Function* function = formulaFunction(name);
    if (!function) fail(Diagnostic::FormulaUnknownFunction, text::toUpperCase(name));
    auto node = leaf(Node::Kind::Call, std::string(function->name), at);
    ++pos_;  // (
    if (take({")"}).empty()) {
      do node->args.push_back(orExpr());
      while (!take({","}).empty());
      if (take({")"}).empty()) fail(Diagnostic::FormulaMissing, std::string(")"));
    }
    checkArgumentCount(*function, int(node->args.size()));
    return node;
  }

  void checkArgumentCount(const Function& function, int count) {
    bool tooFew = count < function.minArgs;
    bool tooMany = function.maxArgs >= 0 && count > function.maxArgs;
    if (tooFew || tooMany)
      fail(Diagnostic::FormulaArgumentCount, std::string(function.name),
           std::to_string(tooMany ? function.maxArgs : function.minArgs), std::to_string(count));
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

ParseResult parseFormula(std::string_view text) {
  ParseResult result;
  try {
    result.root = Parser(text).formula();
  } catch (const ParseError& error) {
    result.error = error.message;
  }
  return result;
}

}  // namespace apex::sema::formula
