// JSON reader and writer (see json_text.h). Error texts follow Jackson's,
// which Salesforce's System.JSONException messages carry.
#include "stdlib/json_text.h"

#include <algorithm>
#include <cctype>

#include "base/hex.h"
#include "base/text.h"

namespace apex::stdlib::json {

std::string_view tokenName(Token t) {
  switch (t) {
    case Token::NotAvailable: return "NOT_AVAILABLE";
    case Token::StartObject: return "START_OBJECT";
    case Token::EndObject: return "END_OBJECT";
    case Token::StartArray: return "START_ARRAY";
    case Token::EndArray: return "END_ARRAY";
    case Token::FieldName: return "FIELD_NAME";
    case Token::EmbeddedObject: return "VALUE_EMBEDDED_OBJECT";
    case Token::String: return "VALUE_STRING";
    case Token::Int: return "VALUE_NUMBER_INT";
    case Token::Float: return "VALUE_NUMBER_FLOAT";
    case Token::True: return "VALUE_TRUE";
    case Token::False: return "VALUE_FALSE";
    case Token::Null: return "VALUE_NULL";
    case Token::None: break;
  }
  return "null";
}

// ------------------------------------------------------------------ reader

namespace {

bool isSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// The code point starting at text[pos] (for messages), and its UTF-8 form.
uint32_t codePointAt(std::string_view text, size_t pos, std::string* utf8) {
  auto b = static_cast<unsigned char>(text[pos]);
  size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  len = std::min(len, text.size() - pos);
  *utf8 = std::string(text.substr(pos, len));
  if (len == 1) return b;
  uint32_t cp = b & (0x3F >> (len - 1));
  for (size_t i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3F);
  return cp;
}

}  // namespace

void Reader::fail(const std::string& message) const { throw Error(message + " at " + location()); }

std::string Reader::location() const {
  size_t at = std::min(tokenEnd_, text_.size());
  size_t line = 1, lineStart = 0;
  for (size_t i = 0; i < at; ++i) {
    if (text_[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  return "[line:" + std::to_string(line) + ", column:" + std::to_string(at - lineStart + 1) + "]";
}

// Jackson: `Unexpected character ('x' (code 120)): <expecting>`, positioned
// just past the character.
void Reader::unexpected(const std::string& expecting) {
  std::string ch;
  uint32_t cp = codePointAt(text_, pos_, &ch);
  tokenEnd_ = pos_ + 1;
  fail("Unexpected character ('" + ch + "' (code " + std::to_string(cp) + ")): " + expecting);
}

void Reader::endOfInput() {
  tokenEnd_ = text_.size();
  std::string what = stack_.empty() ? "expected a value" : stack_.back().isObject ? "expected close marker for OBJECT"
                                                                                  : "expected close marker for ARRAY";
  fail("Unexpected end-of-input: " + what);
}

void Reader::endOfNumber() {
  tokenEnd_ = text_.size();
  fail("Unexpected end-of-input in a Number value");
}

void Reader::skipSpace() {
  while (pos_ < text_.size() && isSpace(text_[pos_])) ++pos_;
}

void Reader::push(bool isObject) {
  if (int(stack_.size()) >= kMaxDepth) {
    tokenEnd_ = pos_;
    fail("Document nesting depth (" + std::to_string(stack_.size() + 1) + ") exceeds the maximum allowed (" +
         std::to_string(kMaxDepth) + ")");
  }
  stack_.push_back(Context{isObject});
}

Token Reader::next() {
  text_buf_.clear();
  if (stack_.empty() && rootDone_) return current_ = Token::None;
  skipSpace();
  Token t;
  if (stack_.empty()) {
    if (pos_ >= text_.size()) return current_ = Token::None;
    t = value();
  } else {
    if (pos_ >= text_.size()) endOfInput();
    Context& c = stack_.back();
    char ch = text_[pos_];
    if (c.isObject && expectValue_) {
      expectValue_ = false;
      t = value();
    } else if (ch == (c.isObject ? '}' : ']')) {
      ++pos_;
      t = c.isObject ? Token::EndObject : Token::EndArray;
      text_buf_ = ch;
      stack_.pop_back();
    } else if (ch == (c.isObject ? ']' : '}')) {
      tokenEnd_ = pos_ + 1;
      fail(std::string("Unexpected close marker '") + ch + "': expected '" + (c.isObject ? '}' : ']') + "'");
    } else {
      if (c.hasValue) {
        if (ch != ',')
          unexpected(c.isObject ? "was expecting comma to separate OBJECT entries"
                                : "was expecting comma to separate ARRAY entries");
        ++pos_;
        skipSpace();
        if (pos_ >= text_.size()) endOfInput();
      }
      c.hasValue = true;
      if (c.isObject) {
        if (text_[pos_] != '"') unexpected("was expecting double-quote to start field name");
        ++pos_;
        readString();
        c.name = text_buf_;
        skipSpace();
        if (pos_ >= text_.size()) endOfInput();
        if (text_[pos_] != ':') unexpected("was expecting a colon to separate field name and value");
        ++pos_;
        expectValue_ = true;
        t = Token::FieldName;
      } else {
        t = value();
      }
    }
  }
  tokenEnd_ = pos_;
  if (stack_.empty()) rootDone_ = true;
  return current_ = t;
}

Token Reader::value() {
  if (pos_ >= text_.size()) endOfInput();
  switch (text_[pos_]) {
    case '{':
      ++pos_;
      text_buf_ = "{";
      push(true);
      return Token::StartObject;
    case '[':
      ++pos_;
      text_buf_ = "[";
      push(false);
      return Token::StartArray;
    case '"':
      ++pos_;
      readString();
      return Token::String;
    case 't': return literal("true", Token::True);
    case 'f': return literal("false", Token::False);
    case 'n': return literal("null", Token::Null);
    default:
      if (text_[pos_] == '-' || isDigit(text_[pos_])) return readNumber();
      if (std::isalpha(static_cast<unsigned char>(text_[pos_]))) return literal("", Token::None);
      unexpected("expected a valid value (number, String, array, object, 'true', 'false' or 'null')");
  }
}

Token Reader::literal(std::string_view word, Token t) {
  size_t end = pos_;
  while (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) ++end;
  std::string_view found = text_.substr(pos_, end - pos_);
  if (word.empty() || found != word) {
    tokenEnd_ = end;
    fail("Unrecognized token '" + std::string(found) + "': was expecting ('true', 'false' or 'null')");
  }
  pos_ = end;
  text_buf_ = std::string(word);
  return t;
}

void Reader::readString() {
  std::string& out = text_buf_;
  out.clear();
  for (;;) {
    size_t start = pos_;
    while (pos_ < text_.size()) {
      auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++pos_;
    }
    out.append(text_.data() + start, pos_ - start);
    if (pos_ >= text_.size()) {
      tokenEnd_ = pos_;
      fail("Unexpected end-of-input: was expecting closing quote for a string value");
    }
    char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      return;
    }
    if (c != '\\') {
      tokenEnd_ = pos_ + 1;
      fail("Illegal unquoted character ((CTRL-CHAR, code " + std::to_string(int(c)) +
           ")): has to be escaped using backslash to be included in string value");
    }
    if (++pos_ >= text_.size()) {
      tokenEnd_ = pos_;
      fail("Unexpected end-of-input in character escape sequence");
    }
    char e = text_[pos_];
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        auto hex4 = [this]() {
          uint32_t v = 0;
          for (int i = 0; i < 4; ++i) {
            ++pos_;
            if (pos_ >= text_.size()) {
              tokenEnd_ = pos_;
              fail("Unexpected end-of-input in character escape sequence");
            }
            int h = hex::digitValue(text_[pos_]);
            if (h < 0) unexpected("expected a hex-digit for character escape sequence");
            v = v * 16 + uint32_t(h);
          }
          return v;
        };
        uint32_t cp = hex4();
        // A surrogate pair written as two escapes is one character.
        if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 6 < text_.size() && text_[pos_ + 1] == '\\' &&
            text_[pos_ + 2] == 'u') {
          size_t save = pos_;
          pos_ += 2;
          uint32_t low = hex4();
          if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          else pos_ = save;
        }
        text::appendCodePoint(out, cp);
        break;
      }
      default: {
        std::string ch;
        uint32_t cp = codePointAt(text_, pos_, &ch);
        tokenEnd_ = pos_ + 1;
        fail("Unrecognized character escape '" + ch + "' (code " + std::to_string(cp) + ")");
      }
    }
    ++pos_;
  }
}

Token Reader::readNumber() {
  size_t start = pos_;
  bool isFloat = false;
  if (text_[pos_] == '-') {
    ++pos_;
    if (pos_ >= text_.size() || !isDigit(text_[pos_])) {
      if (pos_ >= text_.size()) endOfNumber();
      std::string ch;
      uint32_t cp = codePointAt(text_, pos_, &ch);
      tokenEnd_ = pos_ + 1;
      fail("Unexpected character ('" + ch + "' (code " + std::to_string(cp) +
           ")) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value");
    }
  }
  if (text_[pos_] == '0' && pos_ + 1 < text_.size() && isDigit(text_[pos_ + 1])) {
    tokenEnd_ = pos_ + 2;
    fail("Invalid numeric value: Leading zeroes not allowed");
  }
  while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
  auto requireDigit = [this](const char* what) {
    if (pos_ < text_.size() && isDigit(text_[pos_])) return;
    if (pos_ >= text_.size()) endOfNumber();
    std::string ch;
    uint32_t cp = codePointAt(text_, pos_, &ch);
    tokenEnd_ = pos_ + 1;
    fail("Unexpected character ('" + ch + "' (code " + std::to_string(cp) + ")) in numeric value: " + what);
  };
  if (pos_ < text_.size() && text_[pos_] == '.') {
    isFloat = true;
    ++pos_;
    requireDigit("Decimal point not followed by a digit");
    while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    isFloat = true;
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    requireDigit("Exponent indicator not followed by a digit");
    while (pos_ < text_.size() && isDigit(text_[pos_])) ++pos_;
  }
  text_buf_.assign(text_.data() + start, pos_ - start);
  return isFloat ? Token::Float : Token::Int;
}

const std::string* Reader::currentName() const {
  size_t n = stack_.size();
  if (current_ == Token::StartObject || current_ == Token::StartArray) {
    // The container was pushed already: its name is its parent's field.
    if (n < 2 || !stack_[n - 2].isObject) return nullptr;
    return &stack_[n - 2].name;
  }
  if (n == 0 || !stack_.back().isObject || !stack_.back().hasValue) return nullptr;
  return &stack_.back().name;
}

void Reader::skipChildren() {
  if (current_ != Token::StartObject && current_ != Token::StartArray) return;
  size_t target = stack_.size() - 1;
  while (stack_.size() > target) next();
}

// ------------------------------------------------------------------ writer

void appendQuoted(std::string& out, std::string_view s) {
  out += '"';
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        hex::appendUpper(out, c);
    }
  }
  out.append(s.data() + start, s.size() - start);
  out += '"';
}

void Writer::indent() {
  out_ += '\n';
  out_.append(size_t(2 * objectDepth_), ' ');
}

void Writer::beforeValue(const char* what) {
  if (stack_.empty()) {
    if (rootCount_++ > 0) out_ += ' ';
    return;
  }
  Context& c = stack_.back();
  if (c.isObject) {
    if (!c.nameWritten) throw Error(std::string("Can not ") + what + ", expecting field name");
    c.nameWritten = false;
    out_ += pretty_ ? " : " : ":";
    return;
  }
  if (c.count++ > 0) out_ += pretty_ ? ", " : ",";
  else if (pretty_) out_ += ' ';
}

void Writer::fieldName(std::string_view name) {
  if (stack_.empty() || !stack_.back().isObject || stack_.back().nameWritten)
    throw Error("Can not write a field name, expecting a value");
  Context& c = stack_.back();
  if (c.count++ > 0) out_ += ',';
  if (pretty_) indent();
  appendQuoted(out_, name);
  c.nameWritten = true;
}

void Writer::startObject() {
  beforeValue("start an object");
  out_ += '{';
  stack_.push_back(Context{true});
  ++objectDepth_;
}

void Writer::endObject() {
  if (stack_.empty() || !stack_.back().isObject)
    throw Error(std::string("Current context not Object but ") + (stack_.empty() ? "ROOT" : "Array"));
  --objectDepth_;
  if (pretty_) {
    if (stack_.back().count > 0) indent();
    else out_ += ' ';
  }
  out_ += '}';
  stack_.pop_back();
}

void Writer::startArray() {
  beforeValue("start an array");
  out_ += '[';
  stack_.push_back(Context{false});
}

void Writer::endArray() {
  if (stack_.empty() || stack_.back().isObject)
    throw Error(std::string("Current context not Array but ") + (stack_.empty() ? "ROOT" : "Object"));
  if (pretty_) out_ += ' ';
  out_ += ']';
  stack_.pop_back();
}

void Writer::string(std::string_view s) {
  beforeValue("write a string");
  appendQuoted(out_, s);
}

void Writer::raw(std::string_view literal) {
  beforeValue("write a value");
  out_ += literal;
}

}  // namespace apex::stdlib::json
