// What a search term's words match (src/ast/sosl.h). SOQL and SOSL
// Reference, "FIND {SearchQuery}": the search engine splits text into words
// at spaces and punctuation, compares them ignoring case, and reads `*` as
// any characters and `?` as one character of a word.
#include "ast/sosl.h"

#include "base/text.h"

namespace apex::sosl {

namespace {

bool isWordCharacter(char32_t c, bool wildcards) {
  return text::isLetter(c) || text::isDigit(c) || (wildcards && (c == U'*' || c == U'?'));
}

// The code points of a word (already lower-cased).
std::u32string codePoints(std::string_view word) {
  std::u32string out;
  for (size_t i = 0; i < word.size();) out += text::nextCodePoint(word, i);
  return out;
}

// `*` matches any run of code points, `?` one; backtracking only to the
// last `*` seen, which is enough for glob patterns.
bool globMatches(const std::u32string& pattern, const std::u32string& word) {
  size_t p = 0, w = 0, starP = std::u32string::npos, starW = 0;
  while (w < word.size()) {
    if (p < pattern.size() && (pattern[p] == U'?' || pattern[p] == word[w])) {
      ++p;
      ++w;
    } else if (p < pattern.size() && pattern[p] == U'*') {
      starP = p++;
      starW = w;
    } else if (starP != std::u32string::npos) {
      p = starP + 1;
      w = ++starW;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == U'*') ++p;
  return p == pattern.size();
}

}  // namespace

std::vector<std::string> searchWords(std::string_view text, bool wildcards) {
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i < text.size();) {
    char32_t c = text::nextCodePoint(text, i);
    if (isWordCharacter(c, wildcards)) {
      text::appendCodePoint(word, text::toLower(c));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool wordMatches(std::string_view pattern, std::string_view word) {
  if (pattern.find_first_of("*?") == std::string_view::npos) return pattern == word;
  return globMatches(codePoints(pattern), codePoints(word));
}

bool phraseMatches(const std::vector<std::string>& phrase, std::string_view text) {
  if (phrase.empty()) return false;
  std::vector<std::string> words = searchWords(text);
  for (size_t start = 0; start + phrase.size() <= words.size(); ++start) {
    size_t k = 0;
    while (k < phrase.size() && wordMatches(phrase[k], words[start + k])) ++k;
    if (k == phrase.size()) return true;
  }
  return false;
}

}  // namespace apex::sosl
