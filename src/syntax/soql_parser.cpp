// The SOQL lexer and recursive-descent parser (soql_parser.h), which also
// reads SOSL searches. The grammars followed are "SOQL SELECT Syntax" and
// "SOSL Syntax" of the SOQL and SOSL Reference.
#include "syntax/soql_parser.h"

#include <array>
#include <cctype>
#include <utility>
#include <vector>

#include "base/text.h"

namespace apex::syntax {

using namespace apex::soql;

namespace {

// ============================================================ wording
// Every message the parser gives, as System.QueryException words it for
// dynamic SOQL. Entries apexrun worded itself are listed in
// docs/differences.md.
enum class Message : uint8_t {
  UnexpectedToken,        // a token the grammar does not allow where it is
  ExpectingRightParen,    // a '(' left open
  ExpectingColon,         // IN / NOT IN / INCLUDES given a name, or LAST_N_DAYS without ':n'
  OnlyVariableReferences, // a dynamic bind that is not a variable
  NoViableCharacter,      // a character that starts no SOQL token
  UnterminatedString,
  IllegalEscape,          // a backslash before a letter SOQL does not escape
  NotSupported,           // WITH DATA CATEGORY
  NestedTooDeeply,
  UnterminatedBraces,     // SOSL: FIND {term without its closing brace
  ExpectingSearchTerm,    // SOSL: FIND followed by no term
  NotSupportedInSosl,     // SOSL: WITH DATA CATEGORY
};

constexpr std::array<std::string_view, 12> kMessages{
    "unexpected token: '{}'",
    "expecting a right parentheses, found '{}'",
    "expecting a colon, found '{}'",
    "Only variable references are allowed in dynamic SOQL/SOSL.",
    "line {}:{} no viable alternative at character '{}'",
    "line {}:{} mismatched character '<EOF>' expecting '''",
    "Invalid string literal '{}'. Illegal character sequence '{}' in string literal.",
    "apexrun does not support {} in SOQL yet",
    "SOQL query is nested too deeply",
    "line {}:{} mismatched character '<EOF>' expecting '}'",
    "expecting a string literal, found '{}'",
    "apexrun does not support {} in SOSL yet",
};

template <class... Args>
std::string messageText(Message m, const Args&... args) {
  return text::fillPlaceholders(kMessages[static_cast<size_t>(m)], {std::string_view(args)...});
}

// Words that always have their SOQL meaning: never a field, an object or an
// alias. (ORDER and GROUP are objects too; they are clause words only
// before BY.)
constexpr std::array<std::string_view, 30> kReservedWords{
    "ALL",    "AND",   "ASC",    "BY",       "DESC",   "ELSE",     "END",      "EXCLUDES",
    "FALSE",  "FOR",   "FROM",   "HAVING",   "IN",     "INCLUDES", "LIKE",     "LIMIT",
    "NOT",    "NULL",  "NULLS",  "OFFSET",   "OR",     "SELECT",   "THEN",     "TRUE",
    "TYPEOF", "UPDATE", "USING", "WHEN",     "WHERE",  "WITH",
};

// The date literals of "Date Formats and Date Literals": name, and whether
// it takes `:n`.
struct DateLiteralName {
  std::string_view name;
  bool takesN;
};
constexpr std::array<DateLiteralName, 44> kDateLiterals{{
    {"YESTERDAY", false},           {"TODAY", false},
    {"TOMORROW", false},            {"LAST_WEEK", false},
    {"THIS_WEEK", false},           {"NEXT_WEEK", false},
    {"LAST_MONTH", false},          {"THIS_MONTH", false},
    {"NEXT_MONTH", false},          {"LAST_90_DAYS", false},
    {"NEXT_90_DAYS", false},        {"LAST_N_DAYS", true},
    {"NEXT_N_DAYS", true},          {"N_DAYS_AGO", true},
    {"NEXT_N_WEEKS", true},         {"LAST_N_WEEKS", true},
    {"N_WEEKS_AGO", true},          {"NEXT_N_MONTHS", true},
    {"LAST_N_MONTHS", true},        {"N_MONTHS_AGO", true},
    {"THIS_QUARTER", false},        {"LAST_QUARTER", false},
    {"NEXT_QUARTER", false},        {"NEXT_N_QUARTERS", true},
    {"LAST_N_QUARTERS", true},      {"N_QUARTERS_AGO", true},
    {"THIS_YEAR", false},           {"LAST_YEAR", false},
    {"NEXT_YEAR", false},           {"NEXT_N_YEARS", true},
    {"LAST_N_YEARS", true},         {"N_YEARS_AGO", true},
    {"THIS_FISCAL_QUARTER", false}, {"LAST_FISCAL_QUARTER", false},
    {"NEXT_FISCAL_QUARTER", false}, {"NEXT_N_FISCAL_QUARTERS", true},
    {"LAST_N_FISCAL_QUARTERS", true}, {"N_FISCAL_QUARTERS_AGO", true},
    {"THIS_FISCAL_YEAR", false},    {"LAST_FISCAL_YEAR", false},
    {"NEXT_FISCAL_YEAR", false},    {"NEXT_N_FISCAL_YEARS", true},
    {"LAST_N_FISCAL_YEARS", true},  {"N_FISCAL_YEARS_AGO", true},
}};

const DateLiteralName* dateLiteralNamed(std::string_view word) {
  for (const DateLiteralName& d : kDateLiterals) {
    if (text::equalsIgnoreAsciiCase(d.name, word)) return &d;
  }
  return nullptr;
}

bool isReserved(std::string_view word) {
  for (std::string_view r : kReservedWords) {
    if (text::equalsIgnoreAsciiCase(r, word)) return true;
  }
  return false;
}

constexpr int kMaxDepth = 200;

// ============================================================ lexer

// Braced: SOSL's FIND {term}, as written between the braces.
enum class Tok : uint8_t { Word, Number, String, Braced, Date, Datetime, Currency, Bind, Punct, Error, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;  // as written; a String's characters with escapes undone; an Error's message
  Position pos;
  int bindIndex = -1;  // Bind (inline)
};

struct Failure {
  SoqlSyntaxError error;
};

bool isWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Which language the text is in: a SOSL search also has braced terms.
enum class Language : uint8_t { Soql, Sosl };

class Lexer {
 public:
  Lexer(std::string_view text, SoqlBinds binds, Language language = Language::Soql)
      : s_(text), binds_(binds), language_(language) {}

  std::vector<Token> tokens() {
    std::vector<Token> out;
    for (;;) {
      skipSpace();
      Token t = next();
      bool stop = t.kind == Tok::End || t.kind == Tok::Error;
      out.push_back(std::move(t));
      if (stop) return out;
    }
  }

 private:
  char at(size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  bool digitsAt(size_t from, size_t count) const {
    for (size_t i = from; i < from + count; ++i) {
      if (!isDigit(at(i))) return false;
    }
    return true;
  }

  void advance(size_t n = 1) {
    for (size_t k = 0; k < n && i_ < s_.size(); ++k, ++i_) {
      if (s_[i_] == '\n') {
        ++line_;
        column_ = 1;
      } else {
        ++column_;
      }
    }
  }

  // Whitespace; in an inline query also Apex comments, which the query's
  // text keeps as written.
  void skipSpace() {
    for (;;) {
      if (std::isspace(static_cast<unsigned char>(at(i_)))) {
        advance();
      } else if (binds_ == SoqlBinds::Inline && at(i_) == '/' && at(i_ + 1) == '/') {
        while (i_ < s_.size() && at(i_) != '\n') advance();
      } else if (binds_ == SoqlBinds::Inline && at(i_) == '/' && at(i_ + 1) == '*') {
        size_t close = s_.find("*/", i_ + 2);
        advance(close == std::string_view::npos ? s_.size() - i_ : close + 2 - i_);
      } else {
        return;
      }
    }
  }

  Token make(Tok kind, size_t length) {
    Token t{kind, std::string(s_.substr(i_, length)), {line_, column_}};
    advance(length);
    return t;
  }

  Token error(std::string message) {
    return Token{Tok::Error, std::move(message), {line_, column_}};
  }

  Token next() {
    char c = at(i_);
    if (i_ >= s_.size()) return Token{Tok::End, "<EOF>", {line_, column_}};
    if (isWordStart(c)) return word();
    if (isDigit(c)) return numberOrDate();
    if (c == '\'') return string();
    if (c == ':' && binds_ == SoqlBinds::Inline && at(i_ + 1) == '{') return inlineBind();
    if (c == '{' && language_ == Language::Sosl) return braced();
    return punct();
  }

  // SOSL's {term}: its characters as written (the search-term parser undoes
  // its escapes), up to the first brace no backslash escapes.
  Token braced() {
    Position start{line_, column_};
    size_t end = i_ + 1;
    while (end < s_.size() && s_[end] != '}') end += s_[end] == '\\' ? 2 : 1;
    if (end >= s_.size()) {
      advance(s_.size() - i_);
      return error(messageText(Message::UnterminatedBraces, std::to_string(line_), std::to_string(column_)));
    }
    Token t{Tok::Braced, std::string(s_.substr(i_ + 1, end - i_ - 1)), start};
    advance(end + 1 - i_);
    return t;
  }

  // A name, a keyword, or a currency literal (USD100, EUR5.25).
  Token word() {
    size_t end = i_;
    while (isWordChar(at(end))) ++end;
    if (end - i_ > 3 && isCurrencyCode(i_) && digitsAt(i_ + 3, end - i_ - 3)) {
      size_t stop = end;
      if (at(stop) == '.' && isDigit(at(stop + 1))) {
        stop += 2;
        while (isDigit(at(stop))) ++stop;
      }
      if (!isWordChar(at(stop))) return make(Tok::Currency, stop - i_);
    }
    return make(Tok::Word, end - i_);
  }

  bool isCurrencyCode(size_t from) const {
    for (size_t i = from; i < from + 3; ++i) {
      if (!std::isalpha(static_cast<unsigned char>(at(i)))) return false;
    }
    return true;
  }

  Token numberOrDate() {
    if (digitsAt(i_, 4) && at(i_ + 4) == '-' && digitsAt(i_ + 5, 2) && at(i_ + 7) == '-' && digitsAt(i_ + 8, 2)) {
      size_t length = 10;
      if (at(i_ + 10) != 'T') return make(Tok::Date, length);
      return datetime();
    }
    size_t end = i_;
    while (isDigit(at(end))) ++end;
    if (at(end) == '.' && isDigit(at(end + 1))) {
      ++end;
      while (isDigit(at(end))) ++end;
    }
    if ((at(end) == 'e' || at(end) == 'E') &&
        (isDigit(at(end + 1)) || ((at(end + 1) == '-' || at(end + 1) == '+') && isDigit(at(end + 2))))) {
      end += 2;
      while (isDigit(at(end))) ++end;
    }
    if (std::string_view("lLdD").find(at(end)) != std::string_view::npos && at(end) && !isWordChar(at(end + 1))) {
      Token t = make(Tok::Number, end - i_);  // Apex's 5L and 1.5d, kept without the suffix
      advance();
      return t;
    }
    if (isWordChar(at(end))) return noViable(end);
    return make(Tok::Number, end - i_);
  }

  // 2024-01-31T10:00:00Z, 2024-01-31T10:00:00.000+01:00, ...+0100
  Token datetime() {
    size_t p = i_ + 11;
    if (!(digitsAt(p, 2) && at(p + 2) == ':' && digitsAt(p + 3, 2) && at(p + 5) == ':' && digitsAt(p + 6, 2)))
      return noViable(p);
    p += 8;
    if (at(p) == '.' && isDigit(at(p + 1))) {
      ++p;
      while (isDigit(at(p))) ++p;
    }
    if (at(p) == 'Z' || at(p) == 'z') return make(Tok::Datetime, p + 1 - i_);
    if ((at(p) == '+' || at(p) == '-') && digitsAt(p + 1, 2)) {
      size_t minutes = at(p + 3) == ':' ? p + 4 : p + 3;
      if (digitsAt(minutes, 2)) return make(Tok::Datetime, minutes + 2 - i_);
    }
    return noViable(p);
  }

  Token noViable(size_t where) {
    advance(where - i_);
    std::string c = i_ < s_.size() ? std::string(1, s_[i_]) : "<EOF>";
    return error(messageText(Message::NoViableCharacter, std::to_string(line_), std::to_string(column_), c));
  }

  // :{n}, as the transformer writes an inline query's binds.
  Token inlineBind() {
    size_t close = s_.find('}', i_);
    bool number = close != std::string_view::npos && close > i_ + 2 && close - i_ - 2 <= 9;
    if (!number || !digitsAt(i_ + 2, close - i_ - 2)) return punct();
    Token t = make(Tok::Bind, close + 1 - i_);
    t.bindIndex = std::stoi(t.text.substr(2, t.text.size() - 3));
    return t;
  }

  Token string() {
    Position start{line_, column_};
    size_t begin = i_;
    advance();
    std::string value;
    while (i_ < s_.size() && at(i_) != '\'') {
      if (at(i_) == '\\') {
        if (!escape(value, begin)) return error(escapeMessage_);
      } else {
        value += at(i_);
        advance();
      }
    }
    if (i_ >= s_.size())
      return error(messageText(Message::UnterminatedString, std::to_string(line_), std::to_string(column_)));
    advance();
    return Token{Tok::String, std::move(value), start};
  }

  // One escape at i_ (a backslash): SOQL's \n \t \r \b \f \' \" \\ \uXXXX
  // in either case; LIKE's \% and \_ keep their backslash for the pattern.
  bool escape(std::string& value, size_t stringBegin) {
    char e = at(i_ + 1);
    char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(e)));
    constexpr std::string_view kFrom = "ntrbf";
    constexpr std::string_view kTo = "\n\t\r\b\f";
    if (size_t k = kFrom.find(lower); k != std::string_view::npos && e) {
      value += kTo[k];
    } else if (e == '\'' || e == '"' || e == '\\') {
      value += e;
    } else if (e == '%' || e == '_') {
      value += '\\';
      value += e;
    } else if (lower == 'u' && hexAt(i_ + 2, 4)) {
      text::appendCodePoint(value, static_cast<char32_t>(std::stoul(std::string(s_.substr(i_ + 2, 4)), nullptr, 16)));
      advance(4);
    } else {
      size_t end = s_.find('\'', i_ + 2);
      size_t contentEnd = end == std::string_view::npos ? s_.size() : end;
      std::string literal(s_.substr(stringBegin + 1, contentEnd - stringBegin - 1));
      escapeMessage_ = messageText(Message::IllegalEscape, literal, std::string(s_.substr(i_, e ? 2 : 1)));
      return false;
    }
    advance(2);
    return true;
  }

  bool hexAt(size_t from, size_t count) const {
    for (size_t i = from; i < from + count; ++i) {
      if (!std::isxdigit(static_cast<unsigned char>(at(i)))) return false;
    }
    return true;
  }

  Token punct() {
    std::string_view rest = s_.substr(i_);
    for (std::string_view op : {"!=", "<>", "<=", ">="}) {
      if (rest.substr(0, 2) == op) return make(Tok::Punct, 2);
    }
    if (std::string_view("(),.:=<>-+").find(rest[0]) != std::string_view::npos) return make(Tok::Punct, 1);
    return noViable(i_);
  }

  std::string_view s_;
  SoqlBinds binds_;
  Language language_;
  size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
  std::string escapeMessage_;
};

// ============================================================ parser

class Parser {
 public:
  Parser(std::vector<Token> tokens, SoqlBinds binds) : t_(std::move(tokens)), binds_(binds) {}

  const std::vector<std::string>& bindNames() const { return bindNames_; }

  Query parseTop() {
    Query q = query();
    if (peek().kind != Tok::End) unexpected();
    return q;
  }

  sosl::Search parseSearchTop() {
    sosl::Search search = this->search();
    if (peek().kind != Tok::End) unexpected();
    return search;
  }

 private:
  // ---- tokens

  const Token& peek(size_t ahead = 0) const {
    size_t i = std::min(pos_ + ahead, t_.size() - 1);
    return t_[i];
  }
  const Token& take() {
    const Token& t = peek();
    if (t.kind == Tok::Error) fail(t.text, t.pos);
    if (pos_ < t_.size() - 1) ++pos_;
    return t;
  }
  bool isPunct(std::string_view p, size_t ahead = 0) const {
    return peek(ahead).kind == Tok::Punct && peek(ahead).text == p;
  }
  bool isWord(std::string_view w, size_t ahead = 0) const {
    return peek(ahead).kind == Tok::Word && text::equalsIgnoreAsciiCase(peek(ahead).text, w);
  }
  bool acceptPunct(std::string_view p) {
    if (!isPunct(p)) return false;
    take();
    return true;
  }
  bool acceptWord(std::string_view w) {
    if (!isWord(w)) return false;
    take();
    return true;
  }
  void expectWord(std::string_view w) {
    if (!acceptWord(w)) unexpected();
  }
  void expectPunct(std::string_view p) {
    if (!acceptPunct(p)) unexpected();
  }
  void expectRightParen() {
    if (acceptPunct(")")) return;
    if (peek().kind == Tok::Error) take();
    fail(messageText(Message::ExpectingRightParen, peek().text), peek().pos);
  }

  [[noreturn]] void fail(std::string message, Position pos) { throw Failure{{std::move(message), pos}}; }
  [[noreturn]] void unexpected() {
    const Token& t = peek();
    if (t.kind == Tok::Error) take();
    std::string shown = t.text;
    if (t.kind == Tok::String) shown = "'" + t.text + "'";
    if (t.kind == Tok::Braced) shown = "{" + t.text + "}";
    fail(messageText(Message::UnexpectedToken, shown), t.pos);
  }

  // A name: a word that is not a SOQL keyword.
  bool atName(size_t ahead = 0) const { return peek(ahead).kind == Tok::Word && !isReserved(peek(ahead).text); }
  // A SOQL function's name before its '('. Any other name there is read as
  // a field, so that the '(' is the unexpected token.
  bool atFunction() const { return atName() && isPunct("(", 1) && functionKind(peek().text); }
  std::string name() {
    if (!atName()) unexpected();
    return take().text;
  }

  struct Depth {
    explicit Depth(Parser& p) : parser(p) {
      if (++parser.depth_ > kMaxDepth) parser.fail(messageText(Message::NestedTooDeeply), parser.peek().pos);
    }
    ~Depth() { --parser.depth_; }
    Parser& parser;
  };

  // ---- query

  Query query() {
    Depth depth(*this);
    Query q;
    expectWord("SELECT");
    selectList(q);
    expectWord("FROM");
    from(q);
    clauses(q);
    dropAlias(q);
    return q;
  }

  void selectList(Query& q) {
    do {
      q.select.push_back(selectItem());
    } while (acceptPunct(","));
  }

  void from(Query& q) {
    q.fromPos = peek().pos;
    q.from = fieldPath().text();
    if (atAlias()) q.alias = take().text;
  }

  // An alias after FROM's object: a name that does not start a clause.
  bool atAlias() const {
    if (!atName()) return false;
    return !((isWord("ORDER") || isWord("GROUP")) && isWord("BY", 1));
  }

  void clauses(Query& q) {
    if (acceptWord("USING")) {
      expectWord("SCOPE");
      q.usingScope = name();
    }
    if (acceptWord("WHERE")) q.where = condition();
    if (acceptWord("WITH")) with(q);
    if (isWord("GROUP")) groupBy(q);
    if (acceptWord("HAVING")) q.having = condition();
    if (isWord("ORDER")) orderBy(q);
    if (acceptWord("LIMIT")) q.limit = integerOrBind();
    if (acceptWord("OFFSET")) q.offset = integerOrBind();
    trailingClauses(q);
  }

  void with(Query& q) {
    if (acceptWord("SECURITY_ENFORCED")) {
      q.security = SecurityMode::SecurityEnforced;
    } else if (acceptWord("USER_MODE")) {
      q.security = SecurityMode::UserMode;
    } else if (acceptWord("SYSTEM_MODE")) {
      q.security = SecurityMode::SystemMode;
    } else if (isWord("DATA")) {
      fail(messageText(Message::NotSupported, "WITH DATA CATEGORY"), peek().pos);
    } else {
      unexpected();
    }
  }

  // FOR VIEW, FOR REFERENCE, UPDATE TRACKING, UPDATE VIEWSTAT, FOR UPDATE,
  // ALL ROWS: each at most once.
  void trailingClauses(Query& q) {
    for (;;) {
      if (isWord("FOR") && isWord("VIEW", 1) && !q.forView) {
        q.forView = true;
      } else if (isWord("FOR") && isWord("REFERENCE", 1) && !q.forReference) {
        q.forReference = true;
      } else if (isWord("FOR") && isWord("UPDATE", 1) && !q.forUpdate) {
        q.forUpdate = true;
      } else if (isWord("UPDATE") && isWord("TRACKING", 1) && !q.updateTracking) {
        q.updateTracking = true;
      } else if (isWord("UPDATE") && isWord("VIEWSTAT", 1) && !q.updateViewstat) {
        q.updateViewstat = true;
      } else if (isWord("ALL") && isWord("ROWS", 1) && !q.allRows) {
        q.allRows = true;
      } else {
        return;
      }
      take();
      take();
    }
  }

  // ---- select items

  SelectItem selectItem() {
    SelectItem item;
    if (acceptPunct("(")) {
      item.kind = SelectItem::Kind::Subquery;
      item.subquery = std::make_unique<Query>(query());
      expectRightParen();
    } else if (isWord("TYPEOF")) {
      item.kind = SelectItem::Kind::TypeOf;
      item.typeOf = typeOf();
    } else if (isWord("FIELDS") && isPunct("(", 1)) {
      item.kind = SelectItem::Kind::Fields;
      item.fieldsSet = fieldsSet();
    } else if (atFunction()) {
      item.kind = SelectItem::Kind::Function;
      item.function = functionCall();
      if (atName()) item.alias = take().text;
    } else {
      item.field = fieldPath();
      // A field's alias (GROUP BY Name n) only right before ',' or FROM, so
      // that `SELECT Id FROMM Account` reports FROMM.
      if (atName() && (isPunct(",", 1) || isWord("FROM", 1))) item.alias = take().text;
    }
    return item;
  }

  SelectItem::FieldsSet fieldsSet() {
    take();
    take();
    SelectItem::FieldsSet set;
    if (acceptWord("ALL")) {
      set = SelectItem::FieldsSet::All;
    } else if (acceptWord("STANDARD")) {
      set = SelectItem::FieldsSet::Standard;
    } else if (acceptWord("CUSTOM")) {
      set = SelectItem::FieldsSet::Custom;
    } else {
      unexpected();
    }
    expectRightParen();
    return set;
  }

  std::unique_ptr<TypeOf> typeOf() {
    take();
    auto typeOf = std::make_unique<TypeOf>();
    typeOf->relationship = fieldPath();
    if (!isWord("WHEN")) unexpected();
    while (acceptWord("WHEN")) {
      TypeOf::When when;
      when.pos = peek().pos;
      when.objectName = name();
      expectWord("THEN");
      when.fields = fieldList();
      typeOf->whens.push_back(std::move(when));
    }
    if (acceptWord("ELSE")) typeOf->elseFields = fieldList();
    expectWord("END");
    return typeOf;
  }

  std::vector<FieldPath> fieldList() {
    std::vector<FieldPath> fields;
    do {
      fields.push_back(fieldPath());
    } while (acceptPunct(","));
    return fields;
  }

  FieldPath fieldPath() {
    FieldPath path;
    path.pos = peek().pos;
    path.names.push_back(name());
    while (acceptPunct(".")) path.names.push_back(name());
    return path;
  }

  std::unique_ptr<FunctionCall> functionCall() {
    Depth depth(*this);
    auto call = std::make_unique<FunctionCall>();
    call->pos = peek().pos;
    call->name = text::toUpperCase(take().text);
    take();  // (
    if (!isPunct(")")) {
      do {
        call->args.push_back(functionArg());
      } while (acceptPunct(","));
    }
    expectRightParen();
    return call;
  }

  FunctionArg functionArg() {
    FunctionArg arg;
    if (atFunction()) {
      arg.kind = FunctionArg::Kind::Function;
      arg.function = functionCall();
    } else if (atName() && !dateLiteralNamed(peek().text)) {
      arg.field = fieldPath();
    } else {
      arg.kind = FunctionArg::Kind::Literal;
      arg.literal = literal();
    }
    return arg;
  }

  Operand operand() {
    Operand op;
    if (atFunction()) {
      op.kind = Operand::Kind::Function;
      op.function = functionCall();
    } else {
      op.field = fieldPath();
    }
    return op;
  }

  // ---- conditions

  // SOQL does not rank AND over OR: mixing them needs parentheses, so a
  // chain is all ANDs or all ORs (`a AND b OR c` fails at OR).
  std::unique_ptr<Condition> condition() {
    Depth depth(*this);
    std::unique_ptr<Condition> first = unaryCondition();
    if (!isWord("AND") && !isWord("OR")) return first;
    std::string joiner = text::toUpperCase(peek().text);
    auto chain = std::make_unique<Condition>();
    chain->kind = joiner == "AND" ? Condition::Kind::And : Condition::Kind::Or;
    chain->children.push_back(std::move(first));
    while (acceptWord(joiner)) chain->children.push_back(unaryCondition());
    if (isWord("AND") || isWord("OR")) unexpected();
    return chain;
  }

  std::unique_ptr<Condition> unaryCondition() {
    if (acceptWord("NOT")) {
      Depth depth(*this);
      auto negation = std::make_unique<Condition>();
      negation->kind = Condition::Kind::Not;
      negation->children.push_back(unaryCondition());
      return negation;
    }
    if (acceptPunct("(")) {
      std::unique_ptr<Condition> inner = condition();
      expectRightParen();
      return inner;
    }
    return comparison();
  }

  std::unique_ptr<Condition> comparison() {
    auto c = std::make_unique<Condition>();
    c->left = operand();
    c->opPos = peek().pos;
    c->op = compareOp();
    bool takesList = c->op == CompareOp::In || c->op == CompareOp::NotIn || c->op == CompareOp::Includes ||
                     c->op == CompareOp::Excludes;
    if (takesList) {
      listValue(*c);
    } else {
      c->values.push_back(value());
    }
    return c;
  }

  CompareOp compareOp() {
    static constexpr std::array<std::pair<std::string_view, CompareOp>, 7> kSymbols{{
        {"=", CompareOp::Eq}, {"!=", CompareOp::Ne}, {"<>", CompareOp::Ne}, {"<", CompareOp::Lt},
        {"<=", CompareOp::Le}, {">", CompareOp::Gt}, {">=", CompareOp::Ge},
    }};
    for (const auto& [symbol, op] : kSymbols) {
      if (acceptPunct(symbol)) return op;
    }
    if (acceptWord("LIKE")) return CompareOp::Like;
    if (acceptWord("IN")) return CompareOp::In;
    if (acceptWord("INCLUDES")) return CompareOp::Includes;
    if (acceptWord("EXCLUDES")) return CompareOp::Excludes;
    if (isWord("NOT") && isWord("IN", 1)) {
      take();
      take();
      return CompareOp::NotIn;
    }
    unexpected();
  }

  // IN's right side: (values), (SELECT ...), or a bind for the whole list.
  void listValue(Condition& c) {
    if (peek().kind == Tok::Word) fail(messageText(Message::ExpectingColon, peek().text), peek().pos);
    if (!isPunct("(")) {
      if (!isPunct(":") && peek().kind != Tok::Bind) unexpected();
      c.values.push_back(bind());
      return;
    }
    take();
    if (isWord("SELECT")) {
      c.semiJoin = std::make_unique<Query>(query());
    } else {
      do {
        c.values.push_back(value());
      } while (acceptPunct(","));
    }
    expectRightParen();
  }

  // ---- values

  Literal value() {
    if (isPunct(":") || peek().kind == Tok::Bind) return bind();
    return literal();
  }

  Literal bind() {
    Literal l;
    l.kind = Literal::Kind::Bind;
    l.pos = peek().pos;
    if (peek().kind == Tok::Bind) {
      l.bindIndex = take().bindIndex;
      return l;
    }
    take();  // :
    if (binds_ == SoqlBinds::Inline) unexpected();  // an inline query's binds are all :{n}
    if (peek().kind != Tok::Word) fail(messageText(Message::OnlyVariableReferences), l.pos);
    l.bindName = take().text;
    while (isPunct(".") && peek(1).kind == Tok::Word) {
      take();
      l.bindName += "." + take().text;
    }
    if (isPunct("(") || isPunct(".")) fail(messageText(Message::OnlyVariableReferences), l.pos);
    noteBindName(l.bindName);
    return l;
  }

  void noteBindName(const std::string& name) {
    for (const std::string& seen : bindNames_)
      if (text::equalsIgnoreAsciiCase(seen, name)) return;
    bindNames_.push_back(name);
  }

  std::unique_ptr<Literal> integerOrBind() {
    if (isPunct(":") || peek().kind == Tok::Bind) return std::make_unique<Literal>(bind());
    const Token& t = peek();
    if (t.kind != Tok::Number || t.text.find_first_not_of("0123456789") != std::string::npos) unexpected();
    auto l = std::make_unique<Literal>();
    l->kind = Literal::Kind::Integer;
    l->pos = t.pos;
    l->text = take().text;
    return l;
  }

  Literal literal() {
    Literal l;
    l.pos = peek().pos;
    const Token& t = peek();
    switch (t.kind) {
      case Tok::String: l.kind = Literal::Kind::String; break;
      case Tok::Date: l.kind = Literal::Kind::Date; break;
      case Tok::Datetime: l.kind = Literal::Kind::Datetime; break;
      case Tok::Currency: l.kind = Literal::Kind::Currency; break;
      case Tok::Number: return number("");
      case Tok::Punct:
        if (t.text == "-" || t.text == "+") return signedNumber();
        unexpected();
      case Tok::Word: return wordLiteral();
      default: unexpected();
    }
    l.text = take().text;
    return l;
  }

  Literal signedNumber() {
    std::string sign = take().text;
    if (peek().kind != Tok::Number) unexpected();
    Literal l = number(sign == "-" ? "-" : "");
    return l;
  }

  Literal number(const std::string& sign) {
    Literal l;
    l.pos = peek().pos;
    l.text = sign + take().text;
    bool integral = l.text.find_first_of(".eE") == std::string::npos;
    l.kind = integral ? Literal::Kind::Integer : Literal::Kind::Decimal;
    return l;
  }

  // null, true, false, or a date literal (TODAY, LAST_N_DAYS:30).
  Literal wordLiteral() {
    Literal l;
    l.pos = peek().pos;
    std::string word = text::toUpperCase(peek().text);
    if (word == "NULL" || word == "TRUE" || word == "FALSE") {
      take();
      l.kind = word == "NULL" ? Literal::Kind::Null : Literal::Kind::Boolean;
      if (word != "NULL") l.text = word == "TRUE" ? "true" : "false";
      return l;
    }
    const DateLiteralName* date = dateLiteralNamed(word);
    if (!date) unexpected();
    take();
    l.kind = Literal::Kind::DateLiteral;
    l.text = std::string(date->name);
    if (date->takesN) l.n = dateLiteralArgument();
    return l;
  }

  int dateLiteralArgument() {
    if (!isPunct(":")) fail(messageText(Message::ExpectingColon, peek().text), peek().pos);
    take();
    bool negative = acceptPunct("-");
    const Token& t = peek();
    if (t.kind != Tok::Number || t.text.find_first_not_of("0123456789") != std::string::npos || t.text.size() > 9)
      unexpected();
    int n = std::stoi(take().text);
    return negative ? -n : n;
  }

  // ---- GROUP BY, ORDER BY

  void groupBy(Query& q) {
    take();
    expectWord("BY");
    if (isWord("ROLLUP") || isWord("CUBE")) {
      q.grouping = isWord("ROLLUP") ? Query::Grouping::Rollup : Query::Grouping::Cube;
      take();
      expectPunct("(");
      for (FieldPath& path : fieldList()) {
        Operand op;
        op.field = std::move(path);
        q.groupBy.push_back(std::move(op));
      }
      expectRightParen();
      return;
    }
    do {
      q.groupBy.push_back(operand());
    } while (acceptPunct(","));
  }

  void orderBy(Query& q) {
    take();
    expectWord("BY");
    do {
      OrderItem item;
      item.operand = operand();
      if (acceptWord("DESC")) {
        item.descending = true;
      } else {
        acceptWord("ASC");
      }
      if (acceptWord("NULLS")) {
        if (acceptWord("FIRST")) {
          item.nulls = OrderItem::Nulls::First;
        } else {
          expectWord("LAST");
          item.nulls = OrderItem::Nulls::Last;
        }
      }
      q.orderBy.push_back(std::move(item));
    } while (acceptPunct(","));
  }

  // ---- SOSL

  sosl::Search search() {
    sosl::Search s;
    expectWord("FIND");
    s.term = searchTerm();
    if (acceptWord("IN")) s.scope = searchScope();
    if (acceptWord("RETURNING")) {
      do {
        s.returning.push_back(returningObject());
      } while (acceptPunct(","));
    }
    while (acceptWord("WITH")) withOption(s);
    if (acceptWord("LIMIT")) s.limit = integerOrBind();
    searchTrailingClauses(s);
    return s;
  }

  // 'term', {term} or a bind.
  Literal searchTerm() {
    if (isPunct(":") || peek().kind == Tok::Bind) return bind();
    const Token& t = peek();
    if (t.kind == Tok::Error) take();
    if (t.kind != Tok::String && t.kind != Tok::Braced)
      fail(messageText(Message::ExpectingSearchTerm, t.text), t.pos);
    Literal l;
    l.kind = Literal::Kind::String;
    l.pos = t.pos;
    l.text = take().text;
    return l;
  }

  sosl::Scope searchScope() {
    static constexpr std::array<std::pair<std::string_view, sosl::Scope>, 5> kScopes{{
        {"ALL", sosl::Scope::All}, {"NAME", sosl::Scope::Name}, {"EMAIL", sosl::Scope::Email},
        {"PHONE", sosl::Scope::Phone}, {"SIDEBAR", sosl::Scope::Sidebar},
    }};
    for (const auto& [word, scope] : kScopes) {
      if (acceptWord(word)) {
        expectWord("FIELDS");
        return scope;
      }
    }
    unexpected();
  }

  // Account, or Account(Id, Name USING ListView=Recent WHERE ... ORDER BY
  // ... LIMIT n OFFSET n): the query of one object.
  Query returningObject() {
    Query q;
    q.fromPos = peek().pos;
    q.from = name();
    if (!acceptPunct("(")) return q;
    do {
      if (isPunct("(")) unexpected();  // no sub-queries in a field list
      q.select.push_back(selectItem());
      const SelectItem& item = q.select.back();
      if (item.kind == SelectItem::Kind::Function && item.function->isAggregate())
        fail(messageText(Message::UnexpectedToken, item.function->name), item.function->pos);
    } while (acceptPunct(","));
    if (acceptWord("USING")) {
      expectWord("LISTVIEW");
      expectPunct("=");
      q.usingScope = name();
    }
    if (acceptWord("WHERE")) q.where = condition();
    if (isWord("ORDER")) orderBy(q);
    if (acceptWord("LIMIT")) q.limit = integerOrBind();
    if (acceptWord("OFFSET")) q.offset = integerOrBind();
    expectRightParen();
    return q;
  }

  // WITH name, WITH name = value, WITH name IN (values), WITH name (key = value).
  void withOption(sosl::Search& s) {
    if (isWord("DATA") && isWord("CATEGORY", 1))
      fail(messageText(Message::NotSupportedInSosl, "WITH DATA CATEGORY"), peek().pos);
    s.withOptions.push_back(text::toUpperCase(name()));
    if (acceptPunct("=")) {
      value();
    } else if (acceptWord("IN")) {
      if (!acceptPunct("(")) {
        value();
        return;
      }
      do {
        value();
      } while (acceptPunct(","));
      expectRightParen();
    } else if (acceptPunct("(")) {
      name();
      expectPunct("=");
      value();
      expectRightParen();
    }
  }

  void searchTrailingClauses(sosl::Search& s) {
    while (isWord("UPDATE")) {
      if (isWord("TRACKING", 1) && !s.updateTracking) {
        s.updateTracking = true;
      } else if (isWord("VIEWSTAT", 1) && !s.updateViewstat) {
        s.updateViewstat = true;
      } else {
        return;
      }
      take();
      take();
    }
  }

  // ---- the FROM alias

  // Drops a leading `alias.` from every path of `q`, and from the FROM of
  // its child sub-queries (FROM a.Contacts), which were parsed before the
  // alias was known. Their own paths had their own alias dropped.
  static void dropAlias(Query& q) {
    if (q.alias.empty()) return;
    auto drop = [&](FieldPath& p) {
      if (p.names.size() > 1 && text::equalsIgnoreAsciiCase(p.names[0], q.alias)) p.names.erase(p.names.begin());
    };
    for (SelectItem& item : q.select) {
      if (item.kind == SelectItem::Kind::Field) drop(item.field);
      if (item.function) dropInFunction(*item.function, drop);
      if (item.typeOf) drop(item.typeOf->relationship);
      if (item.subquery) dropFromPrefix(*item.subquery, q.alias);
    }
    for (Operand& op : q.groupBy) dropInOperand(op, drop);
    for (OrderItem& item : q.orderBy) dropInOperand(item.operand, drop);
    if (q.where) dropInCondition(*q.where, drop);
    if (q.having) dropInCondition(*q.having, drop);
  }

  static void dropFromPrefix(Query& sub, const std::string& alias) {
    if (sub.from.size() > alias.size() && sub.from[alias.size()] == '.' &&
        text::equalsIgnoreAsciiCase(std::string_view(sub.from).substr(0, alias.size()), alias))
      sub.from.erase(0, alias.size() + 1);
  }

  template <class Drop>
  static void dropInFunction(FunctionCall& call, Drop& drop) {
    for (FunctionArg& arg : call.args) {
      if (arg.kind == FunctionArg::Kind::Field) drop(arg.field);
      if (arg.function) dropInFunction(*arg.function, drop);
    }
  }
  template <class Drop>
  static void dropInOperand(Operand& op, Drop& drop) {
    if (op.kind == Operand::Kind::Field) drop(op.field);
    if (op.function) dropInFunction(*op.function, drop);
  }
  template <class Drop>
  static void dropInCondition(Condition& c, Drop& drop) {
    for (auto& child : c.children) dropInCondition(*child, drop);
    if (c.kind == Condition::Kind::Compare) dropInOperand(c.left, drop);
  }

  std::vector<Token> t_;
  SoqlBinds binds_;
  std::vector<std::string> bindNames_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

SoqlParseResult parseSoql(std::string_view text, SoqlBinds binds) {
  SoqlParseResult result;
  try {
    Parser parser(Lexer(text, binds).tokens(), binds);
    result.query = parser.parseTop();
    result.bindNames = parser.bindNames();
  } catch (Failure& failure) {
    result.error = std::move(failure.error);
  }
  return result;
}

SoslParseResult parseSosl(std::string_view text, SoqlBinds binds) {
  SoslParseResult result;
  try {
    Parser parser(Lexer(text, binds, Language::Sosl).tokens(), binds);
    result.search = parser.parseSearchTop();
    result.bindNames = parser.bindNames();
  } catch (Failure& failure) {
    result.error = std::move(failure.error);
  }
  return result;
}

}  // namespace apex::syntax
