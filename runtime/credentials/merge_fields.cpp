#include "runtime/credentials/merge_fields.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>

#include "base/base64.h"
#include "base/hex.h"
#include "base/http_message.h"
#include "base/text.h"

namespace apex::runtime {
namespace {

// A formula value: text or a blob; both are bytes.
struct FormulaValue {
  std::string bytes;
  bool blob = false;
};

std::string sha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), size);
}

std::string hmacSha256(std::string_view value, std::string_view key) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(value.data()), value.size(),
       mac, &size);
  return std::string(reinterpret_cast<char*>(mac), size);
}

std::string htmlEncode(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Parses and evaluates one formula, from `pos` to its end: the end of the
// text, or the `}` closing a merge field.
class Formula {
 public:
  Formula(std::string_view text, size_t pos, MergePlace place, const FieldReader& read)
      : text_(text), pos_(pos), place_(place), read_(read) {}

  std::optional<FormulaValue> evaluate() { return concatenation(); }
  size_t position() const { return pos_; }
  const std::optional<MergeError>& error() const { return error_; }

  void skipSpaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  char peek() {
    skipSpaces();
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }

 private:
  std::nullopt_t fail(std::string message) {
    if (!error_) error_ = MergeError{std::move(message)};
    return std::nullopt;
  }

  std::optional<FormulaValue> concatenation() {
    auto left = primary();
    while (left && (peek() == '&' || peek() == '+')) {
      ++pos_;
      auto right = primary();
      if (!right) return std::nullopt;
      left->bytes += right->bytes;
      left->blob = false;
    }
    return left;
  }

  std::optional<FormulaValue> primary() {
    char c = peek();
    if (c == '\'' || c == '"') return stringLiteral(c);
    if (c == '(') {
      ++pos_;
      auto inner = concatenation();
      if (!inner) return std::nullopt;
      if (peek() != ')') return fail("expected ')' at position " + std::to_string(pos_ + 1));
      ++pos_;
      return inner;
    }
    if (c == '$') {
      ++pos_;
      return field();
    }
    if (std::isalpha(static_cast<unsigned char>(c))) return call();
    if (c == '\0' || c == '}') return fail("a value is missing at the end of the formula");
    return fail(std::string("unexpected '") + c + "' at position " + std::to_string(pos_ + 1));
  }

  std::optional<FormulaValue> stringLiteral(char quote) {
    ++pos_;
    std::string out;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out += text_[pos_++];
    }
    if (pos_ >= text_.size()) return fail("a string literal is not closed");
    ++pos_;
    return FormulaValue{std::move(out), false};
  }

  std::string name() {
    size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  std::optional<FormulaValue> field() {
    std::vector<std::string> path{name()};
    while (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      path.push_back(name());
    }
    std::string dotted = "$";
    for (size_t i = 0; i < path.size(); ++i) dotted += (i ? "." : "") + path[i];
    for (const std::string& part : path) {
      if (part.empty()) return fail("malformed field reference " + dotted);
    }
    std::string why;
    auto value = read_(path, &why);
    if (!value) return fail(why.empty() ? "unknown merge field " + dotted : why);
    return FormulaValue{std::move(*value), false};
  }

  std::optional<std::vector<FormulaValue>> arguments() {
    std::vector<FormulaValue> args;
    if (peek() != '(') return fail("expected '(' after a function name");
    ++pos_;
    if (peek() == ')') {
      ++pos_;
      return args;
    }
    for (;;) {
      auto arg = concatenation();
      if (!arg) return std::nullopt;
      args.push_back(std::move(*arg));
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() != ')') return fail("expected ')' or ',' at position " + std::to_string(pos_ + 1));
      ++pos_;
      return args;
    }
  }

  std::optional<FormulaValue> call() {
    std::string function = text::toUpperCase(name());  // a name is ASCII
    if (function == "HTMLENCODE" && place_ != MergePlace::Body)
      return fail("HTMLENCODE is allowed only in a request body");
    if (function != "HTMLENCODE" && place_ == MergePlace::Body)
      return fail(function + " is not allowed in a request body; only HTMLENCODE is");
    auto args = arguments();
    if (!args) return std::nullopt;
    auto arity = [&](size_t n) {
      if (args->size() == n) return true;
      fail(function + " takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") + ", not " +
           std::to_string(args->size()));
      return false;
    };
    auto sha256Only = [&](const FormulaValue& algorithm) {
      const std::string& given = algorithm.bytes;
      if (text::equalsIgnoreAsciiCase(given, "SHA-256") || text::equalsIgnoreAsciiCase(given, "SHA256")) return true;
      // The argument is evaluated, perhaps from a secret: never quoted.
      fail(function + ": the only supported algorithm is SHA-256; the first argument is another");
      return false;
    };
    if (function == "HTMLENCODE") {
      if (!arity(1)) return std::nullopt;
      return FormulaValue{htmlEncode((*args)[0].bytes), false};
    }
    if (function == "BLOB" || function == "TEXT") {
      if (!arity(1)) return std::nullopt;
      return FormulaValue{(*args)[0].bytes, function == "BLOB"};
    }
    if (function == "BASE64ENCODE") {
      if (!arity(1)) return std::nullopt;
      return FormulaValue{base64Encode((*args)[0].bytes), false};
    }
    if (function == "BASE64DECODE") {
      if (!arity(1)) return std::nullopt;
      auto decoded = base64Decode((*args)[0].bytes);
      if (!decoded) return fail("BASE64DECODE: the argument is not valid base64");
      return FormulaValue{std::move(*decoded), true};
    }
    if (function == "HEX") {
      if (!arity(1)) return std::nullopt;
      return FormulaValue{hex::encode((*args)[0].bytes), false};
    }
    if (function == "HASH") {
      if (!arity(2) || !sha256Only((*args)[0])) return std::nullopt;
      return FormulaValue{sha256((*args)[1].bytes), true};
    }
    if (function == "HMAC") {
      if (!arity(3) || !sha256Only((*args)[0])) return std::nullopt;
      return FormulaValue{hmacSha256((*args)[1].bytes, (*args)[2].bytes), true};
    }
    return fail("unknown or unsupported function " + function);
  }

  std::string_view text_;
  size_t pos_;
  MergePlace place_;
  const FieldReader& read_;
  std::optional<MergeError> error_;
};

}  // namespace

bool hasMergeFields(std::string_view text) { return text.find("{!") != std::string_view::npos; }

std::variant<std::string, MergeError> expandMergeFields(std::string_view text, MergePlace place,
                                                        const FieldReader& read, const ValueObserver& observe) {
  std::string out;
  size_t pos = 0;
  for (size_t open = text.find("{!"); open != std::string_view::npos; open = text.find("{!", pos)) {
    out.append(text.substr(pos, open - pos));
    Formula formula(text, open + 2, place, read);
    auto value = formula.evaluate();
    if (!value) return MergeError{"in " + std::string(text.substr(open, 60)) + ": " + formula.error()->message};
    if (formula.peek() != '}')
      return MergeError{"in " + std::string(text.substr(open, 60)) + ": the merge field is not closed with '}'"};
    if (observe) observe(value->bytes);
    out += value->bytes;
    pos = formula.position() + 1;
  }
  out.append(text.substr(pos));
  return out;
}

std::variant<std::string, MergeError> evaluateHeaderFormula(std::string_view formula, const FieldReader& read,
                                                            const ValueObserver& observe) {
  if (hasMergeFields(formula)) return expandMergeFields(formula, MergePlace::Header, read, observe);
  Formula parsed(formula, 0, MergePlace::Header, read);
  auto value = parsed.evaluate();
  if (!value) return *parsed.error();
  if (parsed.peek() != '\0')
    return MergeError{"unexpected text after the formula at position " + std::to_string(parsed.position() + 1)};
  if (observe) observe(value->bytes);
  return value->bytes;
}

}  // namespace apex::runtime
