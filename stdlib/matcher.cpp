// Apex Reference: Matcher Class, with java.util.regex.Matcher's semantics.
#include "base/text.h"
#include "interp/errors.h"
#include "stdlib/natives_all.h"
#include "stdlib/regex_objects.h"

namespace apex::stdlib {

namespace {

namespace errors = interp::errors;

// UTF-16 index <-> byte offset in the matcher's input.
size_t unitsAt(const MatcherState& m, size_t byte) {
  return m.ascii ? byte : text::utf16Length(std::string_view(m.input).substr(0, byte));
}
size_t byteAt(const MatcherState& m, size_t units) {
  if (m.ascii) return units;
  size_t i = 0, seen = 0;
  while (i < m.input.size() && seen < units) {
    char32_t cp = text::nextCodePoint(m.input, i);
    seen += cp >= 0x10000 ? 2 : 1;
  }
  return i;
}

struct MatchData {
  pcre2_match_data* md;
  explicit MatchData(const pcre2_code* code) : md(pcre2_match_data_create_from_pattern(code, nullptr)) {}
  ~MatchData() { pcre2_match_data_free(md); }
};

// One PCRE2 run over the region from byte `from`. Opaque bounds hand PCRE2
// only the region; transparent ones the input up to the region's end, so
// lookbehind sees what comes before it. Without anchoring bounds, ^ and $
// do not match at region edges that are not the input's. A run that gives
// up is Salesforce's LimitException, not "no match".
int runRegex(Interp& vm, const MatcherState& m, size_t from, uint32_t options, MatchData& data, size_t& base) {
  base = m.transparentBounds ? 0 : m.regionStart;
  if (!m.anchoringBounds) {
    if (m.regionStart > 0 && !m.transparentBounds) options |= PCRE2_NOTBOL;
    if (m.regionEnd < m.input.size()) options |= PCRE2_NOTEOL;
  }
  if (m.validUtf8) options |= PCRE2_NO_UTF_CHECK;  // checked once, in setInput
  auto subject = reinterpret_cast<PCRE2_SPTR>(m.input.data() + base);
  int rc = pcre2_match(m.pattern->code, subject, m.regionEnd - base, from - base, options, data.md, nullptr);
  if (text::regexGaveUp(rc)) vm.raise(errors::RegexTooComplicated);
  return rc;
}

// A match operation (find, lookingAt, matches) from byte `from`; records
// the groups and where the match ended.
bool matchAt(Interp& vm, MatcherState& m, size_t from, uint32_t options) {
  m.lastFrom = from;
  m.lastOptions = options;
  m.attempted = true;
  MatchData data(m.pattern->code);
  size_t base = 0;
  int rc = runRegex(vm, m, from, options, data, base);
  m.groups.assign(2 * (m.pattern->captureCount + 1), PCRE2_UNSET);
  if (rc < 0) {
    m.first = -1;
    return false;
  }
  PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.md);
  for (size_t i = 0; i < m.groups.size(); ++i)
    if (ov[i] != PCRE2_UNSET) m.groups[i] = ov[i] + base;
  m.first = ptrdiff_t(m.groups[0]);
  m.last = m.groups[1];
  return true;
}

void setInput(MatcherState& m, std::string input) {
  m.input = std::move(input);
  m.ascii = text::isAscii(m.input);
  m.validUtf8 = m.ascii || text::isValidUtf8(m.input);
}

void resetMatcher(MatcherState& m) {
  m.first = -1;
  m.last = 0;
  m.groups.assign(2 * (m.pattern->captureCount + 1), PCRE2_UNSET);
  m.regionStart = 0;
  m.regionEnd = m.input.size();
  m.attempted = false;
}

MatcherState& self(const Value& v) { return regexState<MatcherState>(v); }

// The last match's group `g`, checked as java.util.regex does.
std::pair<size_t, size_t> groupSpan(Interp& vm, const MatcherState& m, const Value& group) {
  int32_t g = intArg(vm, group);
  if (m.first < 0) vm.raise(errors::NoMatchFound);
  if (g < 0 || uint32_t(g) > m.pattern->captureCount) vm.raise(errors::NoGroup, g);
  return {m.groups[2 * size_t(g)], m.groups[2 * size_t(g) + 1]};
}

// Apex Reference: Matcher Class — find(): from the region's start, or after
// the last match (one character on after an empty one).
Value find(Interp& vm, Value* args, int) {
  MatcherState& m = self(args[0]);
  size_t from = m.last;
  if (m.first >= 0 && size_t(m.first) == m.last && from < m.input.size()) text::nextCodePoint(m.input, from);
  else if (m.first >= 0 && size_t(m.first) == m.last) ++from;
  if (from < m.regionStart) from = m.regionStart;
  if (from > m.regionEnd) {
    m.groups.assign(m.groups.size(), PCRE2_UNSET);
    m.first = -1;
    return boolean(false);
  }
  return boolean(matchAt(vm, m, from, 0));
}

// Apex Reference: Matcher Class — find(group): resets the matcher, then
// searches from the given index.
Value findFrom(Interp& vm, Value* args, int) {
  MatcherState& m = self(args[0]);
  int32_t start = intArg(vm, args[1]);
  if (start < 0 || size_t(start) > unitsAt(m, m.input.size())) vm.raise(errors::IllegalStartIndex);
  resetMatcher(m);
  return boolean(matchAt(vm, m, byteAt(m, size_t(start)), 0));
}

// Apex Reference: Matcher Class — lookingAt(), matches()
Value lookingAt(Interp& vm, Value* args, int) {
  MatcherState& m = self(args[0]);
  return boolean(matchAt(vm, m, m.regionStart, PCRE2_ANCHORED));
}
Value matches(Interp& vm, Value* args, int) {
  MatcherState& m = self(args[0]);
  return boolean(matchAt(vm, m, m.regionStart, PCRE2_ANCHORED | PCRE2_ENDANCHORED));
}

// Apex Reference: Matcher Class — group(), group(groupIndex): null for a
// group that took no part in the match.
Value groupImpl(Interp& vm, const Value& selfValue, const Value& group) {
  const MatcherState& m = self(selfValue);
  auto [start, end] = groupSpan(vm, m, group);
  if (start == PCRE2_UNSET) return Value();
  return vm.makeString(m.input.substr(start, end - start));
}
Value group0(Interp& vm, Value* args, int) { return groupImpl(vm, args[0], integer(0)); }
Value groupN(Interp& vm, Value* args, int) { return groupImpl(vm, args[0], args[1]); }

// Apex Reference: Matcher Class — start(), start(groupIndex), end(),
// end(groupIndex): UTF-16 indexes; -1 for a group that took no part.
Value boundImpl(Interp& vm, const Value& selfValue, const Value& group, bool wantEnd) {
  const MatcherState& m = self(selfValue);
  auto [start, end] = groupSpan(vm, m, group);
  if (start == PCRE2_UNSET) return integer(-1);
  return integer(int32_t(unitsAt(m, wantEnd ? end : start)));
}
Value start0(Interp& vm, Value* args, int) { return boundImpl(vm, args[0], integer(0), false); }
Value startN(Interp& vm, Value* args, int) { return boundImpl(vm, args[0], args[1], false); }
Value end0(Interp& vm, Value* args, int) { return boundImpl(vm, args[0], integer(0), true); }
Value endN(Interp& vm, Value* args, int) { return boundImpl(vm, args[0], args[1], true); }

// Apex Reference: Matcher Class — groupCount()
Value groupCount(Interp&, Value* args, int) { return integer(int32_t(self(args[0]).pattern->captureCount)); }

// Apex Reference: Matcher Class — hitEnd(): whether the last match operation
// read up to the end of the input. A failed find() has (it tried every
// start); otherwise PCRE2 tells by a partial match when the same operation
// is re-run in hard partial mode.
Value hitEnd(Interp& vm, Value* args, int) {
  const MatcherState& m = self(args[0]);
  if (!m.attempted) return boolean(false);
  if (m.first < 0 && !(m.lastOptions & PCRE2_ANCHORED)) return boolean(true);
  MatchData data(m.pattern->code);
  size_t base = 0;
  // PCRE2 does not report a partial match together with PCRE2_ENDANCHORED.
  uint32_t options = (m.lastOptions & ~uint32_t(PCRE2_ENDANCHORED)) | PCRE2_PARTIAL_HARD;
  return boolean(runRegex(vm, m, m.lastFrom, options, data, base) == PCRE2_ERROR_PARTIAL);
}

// Apex Reference: Matcher Class — requireEnd(): whether more input could
// turn the last match into a non-match: the match ends at the region's end
// and does not hold once `$` may no longer match there.
Value requireEnd(Interp& vm, Value* args, int) {
  const MatcherState& m = self(args[0]);
  if (m.first < 0 || m.last != m.regionEnd) return boolean(false);
  MatchData data(m.pattern->code);
  size_t base = 0;
  int rc = runRegex(vm, m, m.lastFrom, m.lastOptions | PCRE2_NOTEOL, data, base);
  return boolean(rc < 0 || pcre2_get_ovector_pointer(data.md)[1] + base != m.last);
}

// Apex Reference: Matcher Class — region(start, end), regionStart(),
// regionEnd(): java.util.regex's bounds checks; setting a region resets.
Value region(Interp& vm, Value* args, int) {
  MatcherState& m = self(args[0]);
  int32_t start = intArg(vm, args[1]), end = intArg(vm, args[2]);
  int32_t length = int32_t(unitsAt(m, m.input.size()));
  if (start < 0 || start > length) vm.raise(errors::RegionStartOutOfRange);
  if (end < 0 || end > length) vm.raise(errors::RegionEndOutOfRange);
  if (start > end) vm.raise(errors::RegionStartAfterEnd);
  resetMatcher(m);
  m.regionStart = byteAt(m, size_t(start));
  m.regionEnd = byteAt(m, size_t(end));
  return args[0];
}
Value regionStart(Interp&, Value* args, int) { return integer(int32_t(unitsAt(self(args[0]), self(args[0]).regionStart))); }
Value regionEnd(Interp&, Value* args, int) { return integer(int32_t(unitsAt(self(args[0]), self(args[0]).regionEnd))); }

// Apex Reference: Matcher Class — reset(), reset(inputSequence)
Value reset(Interp&, Value* args, int) {
  resetMatcher(self(args[0]));
  return args[0];
}
Value resetInput(Interp& vm, Value* args, int) {
  MatcherState& m = self(args[0]);
  setInput(m, strArg(vm, args[1]));
  resetMatcher(m);
  vm.resized(args[0].asObj(), 96 + m.input.size());
  return args[0];
}

// Apex Reference: Matcher Class — replaceAll(replacementString),
// replaceFirst(replacementString): over the whole input, with $n and backslash
// escapes as java.util.regex reads them; the matcher is reset.
Value replaceImpl(Interp& vm, const Value& selfValue, const Value& replacement, bool firstOnly) {
  MatcherState& m = self(selfValue);
  text::RegexError err;
  auto out = text::replaceRegex(m.input, m.pattern->source, strArg(vm, replacement), firstOnly, &err);
  if (!out && err.tooComplicated) vm.raise(errors::RegexTooComplicated);
  if (!out) vm.raise(errors::InvalidReplacement, err.message);
  resetMatcher(m);
  return vm.makeString(std::move(*out));
}
Value replaceAll(Interp& vm, Value* args, int) { return replaceImpl(vm, args[0], args[1], false); }
Value replaceFirst(Interp& vm, Value* args, int) { return replaceImpl(vm, args[0], args[1], true); }

// Apex Reference: Matcher Class — quoteReplacement(inputString): `\` and `$`
// escaped so replaceAll inserts the text literally.
Value quoteReplacement(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  std::string out;
  out.reserve(s.size() + 4);
  for (char c : s) {
    if (c == '\\' || c == '$') out += '\\';
    out += c;
  }
  return vm.makeString(std::move(out));
}

// Apex Reference: Matcher Class — pattern(), usePattern(pattern): the new
// pattern keeps the position in the input but forgets the last match's groups.
Value pattern(Interp& vm, Value* args, int) { return makePattern(vm, self(args[0]).pattern); }
Value usePattern(Interp& vm, Value* args, int) {
  MatcherState& m = self(args[0]);
  m.pattern = regexState<PatternState>(nonNull(vm, args[1])).pattern;
  m.groups.assign(2 * (m.pattern->captureCount + 1), PCRE2_UNSET);
  return args[0];
}

// Apex Reference: Matcher Class — useAnchoringBounds(anchoringBounds),
// hasAnchoringBounds(), useTransparentBounds(transparentBounds),
// hasTransparentBounds()
Value useAnchoringBounds(Interp& vm, Value* args, int) {
  self(args[0]).anchoringBounds = boolArg(vm, args[1]);
  return args[0];
}
Value hasAnchoringBounds(Interp&, Value* args, int) { return boolean(self(args[0]).anchoringBounds); }
Value useTransparentBounds(Interp& vm, Value* args, int) {
  self(args[0]).transparentBounds = boolArg(vm, args[1]);
  return args[0];
}
Value hasTransparentBounds(Interp&, Value* args, int) { return boolean(self(args[0]).transparentBounds); }

const sema::NativeDef kNatives[] = {
    {"Matcher", "Boolean find()", &find},
    {"Matcher", "Boolean find(Integer)", &findFrom},
    {"Matcher", "Boolean lookingAt()", &lookingAt},
    {"Matcher", "Boolean matches()", &matches},
    {"Matcher", "String group()", &group0},
    {"Matcher", "String group(Integer)", &groupN},
    {"Matcher", "Integer groupCount()", &groupCount},
    {"Matcher", "Integer start()", &start0},
    {"Matcher", "Integer start(Integer)", &startN},
    {"Matcher", "Integer end()", &end0},
    {"Matcher", "Integer end(Integer)", &endN},
    {"Matcher", "Boolean hitEnd()", &hitEnd},
    {"Matcher", "Boolean requireEnd()", &requireEnd},
    {"Matcher", "Matcher region(Integer, Integer)", &region},
    {"Matcher", "Integer regionStart()", &regionStart},
    {"Matcher", "Integer regionEnd()", &regionEnd},
    {"Matcher", "Matcher reset()", &reset},
    {"Matcher", "Matcher reset(String)", &resetInput},
    {"Matcher", "String replaceAll(String)", &replaceAll},
    {"Matcher", "String replaceFirst(String)", &replaceFirst},
    {"Matcher", "static String quoteReplacement(String)", &quoteReplacement},
    {"Matcher", "Pattern pattern()", &pattern},
    {"Matcher", "Matcher usePattern(Pattern)", &usePattern},
    {"Matcher", "Matcher useAnchoringBounds(Boolean)", &useAnchoringBounds},
    {"Matcher", "Boolean hasAnchoringBounds()", &hasAnchoringBounds},
    {"Matcher", "Matcher useTransparentBounds(Boolean)", &useTransparentBounds},
    {"Matcher", "Boolean hasTransparentBounds()", &hasTransparentBounds},
};

}  // namespace

std::string MatcherState::toString() const {
  std::string lastMatch = first >= 0 && groups[0] != PCRE2_UNSET ? input.substr(groups[0], groups[1] - groups[0]) : "";
  return "System.Matcher[pattern=" + pattern->source + " region=" + std::to_string(unitsAt(*this, regionStart)) +
         "," + std::to_string(unitsAt(*this, regionEnd)) + " lastmatch=" + lastMatch + "]";
}

Value makeMatcher(Interp& vm, PatternPtr pattern, std::string input) {
  auto state = std::make_unique<MatcherState>();
  state->pattern = std::move(pattern);
  setInput(*state, std::move(input));
  resetMatcher(*state);
  size_t bytes = 96 + state->input.size();
  return vm.makeNativeInstance("System.Matcher", std::move(state), bytes);
}

std::span<const sema::NativeDef> matcherNatives() { return kNatives; }

}  // namespace apex::stdlib
