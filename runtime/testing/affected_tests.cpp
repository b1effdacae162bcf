#include "runtime/testing/affected_tests.h"

#include <cctype>
#include <vector>

#include "base/text.h"

namespace apex::runtime {
namespace {

bool identifierStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool identifierPart(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The position after the comment or string literal at `at`, or `at` when
// there is none there.
size_t skipCommentOrString(std::string_view s, size_t at) {
  if (s.compare(at, 2, "//") == 0) {
    size_t end = s.find('\n', at);
    return end == std::string_view::npos ? s.size() : end;
  }
  if (s.compare(at, 2, "/*") == 0) {
    size_t end = s.find("*/", at + 2);
    return end == std::string_view::npos ? s.size() : end + 2;
  }
  if (s[at] == '\'') {
    size_t i = at + 1;
    while (i < s.size() && s[i] != '\'') i += s[i] == '\\' ? 2 : 1;
    return std::min(i + 1, s.size());
  }
  return at;
}

}  // namespace

std::set<std::string> mentionedNames(std::string_view source) {
  std::set<std::string> names;
  size_t i = 0;
  while (i < source.size()) {
    size_t skipped = skipCommentOrString(source, i);
    if (skipped != i) {
      i = skipped;
    } else if (identifierStart(source[i])) {
      size_t start = i;
      while (i < source.size() && identifierPart(source[i])) ++i;
      names.insert(text::foldCase(source.substr(start, i - start)));
    } else {
      ++i;
    }
  }
  return names;
}

std::set<std::string> affectedTests(const std::map<std::string, std::set<std::string>>& mentions,
                                    const std::set<std::string>& changed, const std::set<std::string>& tests) {
  // Walk from the changed classes to the classes that mention them.
  std::set<std::string> reached(changed.begin(), changed.end());
  std::vector<std::string> pending(changed.begin(), changed.end());
  while (!pending.empty()) {
    std::string name = pending.back();
    pending.pop_back();
    for (const auto& [cls, names] : mentions) {
      if (names.count(name) && reached.insert(cls).second) pending.push_back(cls);
    }
  }
  std::set<std::string> affected;
  for (const std::string& cls : reached) {
    if (tests.count(cls)) affected.insert(cls);
  }
  return affected;
}

}  // namespace apex::runtime
