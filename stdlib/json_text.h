// JSON text without Apex values: a streaming reader (tokens, as Jackson's
// parser gives them to Salesforce's JSONParser) and a writer with Jackson's
// compact and pretty layouts (JSONGenerator, JSON.serialize[Pretty]).
//
// Our own code rather than nlohmann/json: numbers stay text until the caller
// picks Integer/Long/Decimal (so Decimal keeps every digit and its scale),
// object keys keep their order, and the parser streams, which JSONParser
// needs. Errors carry Jackson's texts, which Salesforce passes on.
// Unit-tested in tests/unit/json_test.cpp. Internal to stdlib/.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace apex::stdlib::json {

// Malformed input or a generator used out of order; `what()` is the
// System.JSONException message.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Salesforce's System.JSONToken, in Jackson's order (the enum's ordinals).
enum class Token : uint8_t {
  NotAvailable,
  StartObject,
  EndObject,
  StartArray,
  EndArray,
  FieldName,
  EmbeddedObject,
  String,
  Int,
  Float,
  True,
  False,
  Null,
  None,  // no token: before the first, after the last, or cleared
};
// `START_OBJECT`, ... as JSONToken names them.
std::string_view tokenName(Token t);

inline constexpr int kMaxDepth = 1000;

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  // The next token; Token::None once the root value is complete.
  Token next();
  Token current() const { return current_; }
  // Field name, decoded string, number as written, or the literal's text.
  const std::string& text() const { return text_buf_; }
  // The field name the current token belongs to (Jackson's
  // getCurrentName); null outside objects.
  const std::string* currentName() const;
  // Skips the children of a START_OBJECT/START_ARRAY current token.
  void skipChildren();
  // `[line:1, column:5]` for the token just read.
  std::string location() const;
  [[noreturn]] void fail(const std::string& message) const;

 private:
  struct Context {
    bool isObject;
    bool hasValue = false;
    std::string name = {};
  };
  void skipSpace();
  Token value();
  Token literal(std::string_view word, Token t);
  void readString();
  Token readNumber();
  void push(bool isObject);
  [[noreturn]] void unexpected(const std::string& expecting);
  [[noreturn]] void endOfInput();
  [[noreturn]] void endOfNumber();

  std::string_view text_;
  size_t pos_ = 0;
  size_t tokenEnd_ = 0;  // where the last token ended, for error positions
  std::vector<Context> stack_;
  bool rootDone_ = false;
  bool expectValue_ = false;  // a field name was read; its value comes next
  Token current_ = Token::None;
  std::string text_buf_;
};

class Writer {
 public:
  explicit Writer(bool pretty) : pretty_(pretty) {}

  void startObject();
  void endObject();
  void startArray();
  void endArray();
  void fieldName(std::string_view name);
  void string(std::string_view s);
  // A number, true, false or null, written as is.
  void raw(std::string_view literal);

  const std::string& text() const { return out_; }
  std::string& mutableText() { return out_; }

 private:
  struct Context {
    bool isObject;
    int count = 0;
    bool nameWritten = false;
  };
  void beforeValue(const char* what);
  void indent();

  bool pretty_;
  int objectDepth_ = 0;  // Jackson indents by objects only; arrays stay on one line
  int rootCount_ = 0;
  std::vector<Context> stack_;
  std::string out_;
};

// Appends `s` quoted, with JSON escapes (Jackson's: `"`, `\`, control characters).
void appendQuoted(std::string& out, std::string_view s);

}  // namespace apex::stdlib::json
