// The SOSL search-term parser (search_term.h).
#include "syntax/search_term.h"

#include <cctype>
#include <utility>
#include <vector>

#include "base/text.h"

namespace apex::syntax {

using sosl::SearchTerm;

namespace {

// System.SearchException's message for a term with nothing to look for.
constexpr std::string_view kTooShort = "search term must be longer than one character";

struct Token {
  enum class Kind : uint8_t { Text, Open, Close, And, Or, Not, End };
  Kind kind = Kind::End;
  std::string text;  // Text: the characters, escapes undone (an escaped wildcard becomes a space)
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view s) : s_(s) {}

  std::vector<Token> tokens() {
    std::vector<Token> out;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i_;
      } else if (c == '(' || c == ')') {
        out.push_back({c == '(' ? Token::Kind::Open : Token::Kind::Close, {}});
        ++i_;
      } else if (c == '"') {
        ++i_;
        out.push_back({Token::Kind::Text, plainUntil(true)});
        if (i_ < s_.size()) ++i_;  // the closing quote
      } else {
        out.push_back(word());
      }
    }
    out.push_back({});
    return out;
  }

 private:
  // A word as written, or the operator it spells (AND, OR, NOT in any case,
  // unless a backslash is in it).
  Token word() {
    size_t start = i_;
    std::string text = plainUntil(false);
    std::string_view written = s_.substr(start, i_ - start);
    if (text::equalsIgnoreAsciiCase(written, "AND")) return {Token::Kind::And, {}};
    if (text::equalsIgnoreAsciiCase(written, "OR")) return {Token::Kind::Or, {}};
    if (text::equalsIgnoreAsciiCase(written, "NOT")) return {Token::Kind::Not, {}};
    return {Token::Kind::Text, std::move(text)};
  }

  // The characters up to the closing quote (a phrase) or up to a space,
  // parenthesis or quote (a word), each `\x` read as a plain x.
  std::string plainUntil(bool phrase) {
    std::string out;
    while (i_ < s_.size()) {
      char c = s_[i_];
      bool ends = phrase ? c == '"' : (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == '"');
      if (ends) break;
      if (c == '\\' && i_ + 1 < s_.size()) {
        char escaped = s_[i_ + 1];
        out += escaped == '*' || escaped == '?' ? ' ' : escaped;
        i_ += 2;
      } else {
        out += c;
        ++i_;
      }
    }
    return out;
  }

  std::string_view s_;
  size_t i_ = 0;
};

// The letters and digits of a search word (its wildcards left out).
size_t plainLength(std::string_view word) {
  size_t length = 0;
  for (size_t i = 0; i < word.size();) {
    char32_t c = text::nextCodePoint(word, i);
    if (c != U'*' && c != U'?') ++length;
  }
  return length;
}

// A phrase of the words of `text`: leading wildcards dropped, words of one
// character left out; none when no word is left.
std::optional<SearchTerm> phraseOf(const std::string& text) {
  SearchTerm phrase;
  for (std::string& word : sosl::searchWords(text, true)) {
    size_t first = word.find_first_not_of("*?");
    if (first == std::string::npos) continue;
    word.erase(0, first);
    if (plainLength(word) >= 2) phrase.words.push_back(std::move(word));
  }
  if (phrase.words.empty()) return std::nullopt;
  return phrase;
}

SearchTerm both(SearchTerm left, SearchTerm right, SearchTerm::Kind kind) {
  if (left.kind == kind && kind != SearchTerm::Kind::AndNot) {
    left.children.push_back(std::move(right));
    return left;
  }
  SearchTerm joined;
  joined.kind = kind;
  joined.children.push_back(std::move(left));
  joined.children.push_back(std::move(right));
  return joined;
}

// A missing side (nothing to look for) leaves the other.
std::optional<SearchTerm> conjoin(std::optional<SearchTerm> left, std::optional<SearchTerm> right,
                                  SearchTerm::Kind kind) {
  if (!left) return kind == SearchTerm::Kind::AndNot ? std::nullopt : right;
  if (!right) return left;
  return both(std::move(*left), std::move(*right), kind);
}

class TermParser {
 public:
  explicit TermParser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  // A stray `)` ends nothing: what follows it is ANDed on.
  std::optional<SearchTerm> parse() {
    std::optional<SearchTerm> term = anyOf();
    while (!at(Token::Kind::End)) {
      ++pos_;
      term = conjoin(std::move(term), anyOf(), SearchTerm::Kind::And);
    }
    return term;
  }

 private:
  bool at(Token::Kind kind) const { return t_[pos_].kind == kind; }
  bool accept(Token::Kind kind) {
    if (!at(kind)) return false;
    ++pos_;
    return true;
  }

  std::optional<SearchTerm> anyOf() {
    std::optional<SearchTerm> term = allOf();
    while (accept(Token::Kind::Or)) term = conjoin(std::move(term), allOf(), SearchTerm::Kind::Or);
    return term;
  }

  // a b, a AND b, a AND NOT b (and a NOT b), left to right.
  std::optional<SearchTerm> allOf() {
    std::optional<SearchTerm> term = primary();
    while (!at(Token::Kind::End) && !at(Token::Kind::Close) && !at(Token::Kind::Or)) {
      accept(Token::Kind::And);
      bool negated = accept(Token::Kind::Not);
      term = conjoin(std::move(term), primary(), negated ? SearchTerm::Kind::AndNot : SearchTerm::Kind::And);
    }
    return term;
  }

  // ( ... ), a word or a phrase; nothing where an operator stands instead.
  std::optional<SearchTerm> primary() {
    if (accept(Token::Kind::Open)) {
      std::optional<SearchTerm> inner = anyOf();
      accept(Token::Kind::Close);
      return inner;
    }
    if (at(Token::Kind::Text)) return phraseOf(t_[pos_++].text);
    return std::nullopt;
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
};

}  // namespace

SearchTermParse parseSearchTerm(std::string_view text) {
  SearchTermParse result;
  std::optional<SearchTerm> term = TermParser(Tokenizer(text).tokens()).parse();
  if (term) result.term = std::move(*term);
  else result.error = std::string(kTooShort);
  return result;
}

}  // namespace apex::syntax
