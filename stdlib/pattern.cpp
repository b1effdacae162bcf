// Apex Reference: Pattern Class.
#include "base/text.h"
#include "interp/errors.h"
#include "stdlib/natives_all.h"
#include "stdlib/regex_objects.h"

namespace apex::stdlib {

PatternPtr compilePattern(Interp& vm, const std::string& regex) {
  text::RegexError err;
  PatternPtr compiled = text::compileRegex(regex, &err);
  if (!compiled) raiseRegexError(vm, err, regex);
  return compiled;
}

void raiseRegexError(Interp& vm, const text::RegexError& err, const std::string& regex) {
  if (err.tooComplicated) vm.raise(interp::errors::RegexTooComplicated);
  vm.raise(interp::errors::InvalidRegex, err.message, regex);
}

Value makePattern(Interp& vm, PatternPtr pattern) {
  auto state = std::make_unique<PatternState>();
  size_t bytes = 64 + pattern->source.size() * 4;
  state->pattern = std::move(pattern);
  return vm.makeNativeInstance("System.Pattern", std::move(state), bytes);
}

namespace {

const text::CompiledRegex& self(const Value& v) { return *regexState<PatternState>(v).pattern; }

// Apex Reference: Pattern Class — compile(regExp)
Value compile(Interp& vm, Value* args, int) { return makePattern(vm, compilePattern(vm, strArg(vm, args[0]))); }

// Apex Reference: Pattern Class — matcher(input)
Value matcher(Interp& vm, Value* args, int) {
  return makeMatcher(vm, regexState<PatternState>(args[0]).pattern, strArg(vm, args[1]));
}

// Apex Reference: Pattern Class — matches(regExp, input): the whole input matches.
Value matches(Interp& vm, Value* args, int) {
  const std::string& regex = strArg(vm, args[0]);
  text::RegexError err;
  auto result = text::matchesRegex(strArg(vm, args[1]), regex, &err);
  if (!result) raiseRegexError(vm, err, regex);
  return boolean(*result);
}

// Apex Reference: Pattern Class — pattern(): the regex it was compiled from.
Value pattern(Interp& vm, Value* args, int) { return vm.makeString(self(args[0]).source); }

// Apex Reference: Pattern Class — quote(yourString): a regex matching the
// text literally, as java.util.regex.Pattern.quote writes it (\Q...\E, an
// embedded \E closed and reopened).
Value quote(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  std::string out = "\\Q";
  size_t from = 0;
  for (size_t at; (at = s.find("\\E", from)) != std::string::npos; from = at + 2) {
    out.append(s, from, at - from);
    out += "\\E\\\\E\\Q";
  }
  out.append(s, from);
  out += "\\E";
  return vm.makeString(std::move(out));
}

// Apex Reference: Pattern Class — split(input), split(input, limit): as
// String.split(regExp[, limit]).
Value splitImpl(Interp& vm, const Value& self, const Value& input, int32_t limit) {
  const std::string& regex = regexState<PatternState>(self).pattern->source;
  text::RegexError err;
  auto parts = text::splitRegex(strArg(vm, input), regex, limit, &err);
  if (!parts) raiseRegexError(vm, err, regex);
  std::vector<Value> items;
  items.reserve(parts->size());
  for (auto& p : *parts) items.push_back(vm.makeString(std::move(p)));
  return vm.makeList(vm.types().list(vm.types().string()), std::move(items));
}
Value split1(Interp& vm, Value* args, int) { return splitImpl(vm, args[0], args[1], 0); }
Value split2(Interp& vm, Value* args, int) { return splitImpl(vm, args[0], args[1], intArg(vm, args[2])); }

const sema::NativeDef kNatives[] = {
    {"Pattern", "static Pattern compile(String)", &compile},
    {"Pattern", "Matcher matcher(String)", &matcher},
    {"Pattern", "static Boolean matches(String, String)", &matches},
    {"Pattern", "String pattern()", &pattern},
    {"Pattern", "static String quote(String)", &quote},
    {"Pattern", "List<String> split(String)", &split1},
    {"Pattern", "List<String> split(String, Integer)", &split2},
};

}  // namespace

std::span<const sema::NativeDef> patternNatives() { return kNatives; }

}  // namespace apex::stdlib
