// The C++ state behind System.Pattern and System.Matcher objects, shared by
// pattern.cpp and matcher.cpp. Internal to stdlib/.
//
// A Pattern is a compiled Java regex (translated for PCRE2 by text.h); a
// Matcher keeps its input as UTF-8 and its positions as byte offsets, turned
// into UTF-16 indexes (what Apex sees) at the edges.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/text.h"
#include "interp/object.h"
#include "stdlib/native.h"

namespace apex::stdlib {

using PatternPtr = std::shared_ptr<const text::CompiledRegex>;

// The compiled `regex`, or a System.StringException (Invalid regex: ...).
PatternPtr compilePattern(Interp& vm, const std::string& regex);
// Why a regex operation on `regex` failed: Regex too complicated, or an
// invalid pattern.
[[noreturn]] void raiseRegexError(Interp& vm, const text::RegexError& err, const std::string& regex);

struct PatternState : interp::NativeState {
  PatternPtr pattern;
  // java.util.regex.Pattern.toString(): the source regex.
  std::string toString() const override { return pattern->source; }
};

struct MatcherState : interp::NativeState {
  PatternPtr pattern;
  std::string input;
  bool ascii = true;                     // byte offsets are UTF-16 indexes
  bool validUtf8 = true;                 // else PCRE2 reports no match
  size_t regionStart = 0, regionEnd = 0;  // bytes
  bool anchoringBounds = true;
  bool transparentBounds = false;
  // The last match: `first` is -1 when there is none; `groups` holds byte
  // offsets (PCRE2_UNSET for a group that took no part).
  ptrdiff_t first = -1;
  size_t last = 0;
  std::vector<size_t> groups;
  // How the last match operation ran, to answer hitEnd() and requireEnd().
  size_t lastFrom = 0;
  uint32_t lastOptions = 0;
  bool attempted = false;

  // java.util.regex.Matcher.toString()
  std::string toString() const override;
};

template <class State>
State& regexState(const Value& self) {
  return static_cast<State&>(*self.as<interp::InstanceObj>()->native);
}

Value makePattern(Interp& vm, PatternPtr pattern);
Value makeMatcher(Interp& vm, PatternPtr pattern, std::string input);

}  // namespace apex::stdlib
