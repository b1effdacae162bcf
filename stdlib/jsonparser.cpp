// Apex Reference: JSONParser Class, JSONToken Enum.
#include "stdlib/json_objects.h"
#include "stdlib/json_values.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

using json::Token;

JsonParserState& parser(const Value& self) { return jsonState<JsonParserState>(self); }

// A System.JSONToken constant; null for no token.
Value tokenValue(Interp& vm, Token t) {
  if (t == Token::None) return Value();
  return Value::enumValue(vm.findClass("System.JSONToken"), uint32_t(t));
}

Token current(const JsonParserState& s) { return s.cleared ? Token::None : s.reader.current(); }

Value advance(Interp& vm, const Value& self, bool skipNames) {
  JsonParserState& s = parser(self);
  return json::guarded(vm, [&] {
    s.cleared = false;
    Token t = s.reader.next();
    if (skipNames && t == Token::FieldName) t = s.reader.next();
    return tokenValue(vm, t);
  });
}

// Apex Reference: JSONParser Class — nextToken(), nextValue()
Value nextToken(Interp& vm, Value* a, int) { return advance(vm, a[0], false); }
Value nextValue(Interp& vm, Value* a, int) { return advance(vm, a[0], true); }

// Apex Reference: JSONParser Class — getCurrentToken(), hasCurrentToken()
Value getCurrentToken(Interp& vm, Value* a, int) { return tokenValue(vm, current(parser(a[0]))); }
Value hasCurrentToken(Interp&, Value* a, int) { return boolean(current(parser(a[0])) != Token::None); }

// Apex Reference: JSONParser Class — clearCurrentToken(), getLastClearedToken()
Value clearCurrentToken(Interp&, Value* a, int) {
  JsonParserState& s = parser(a[0]);
  if (!s.cleared) s.lastCleared = s.reader.current();
  s.cleared = true;
  return Value();
}
Value getLastClearedToken(Interp& vm, Value* a, int) { return tokenValue(vm, parser(a[0]).lastCleared); }

// Apex Reference: JSONParser Class — getCurrentName()
Value getCurrentName(Interp& vm, Value* a, int) {
  const JsonParserState& s = parser(a[0]);
  const std::string* name = current(s) == Token::None ? nullptr : s.reader.currentName();
  return name ? vm.makeString(*name) : Value();
}

// Apex Reference: JSONParser Class — getText()
Value getText(Interp& vm, Value* a, int) {
  const JsonParserState& s = parser(a[0]);
  return current(s) == Token::None ? Value() : vm.makeString(s.reader.text());
}

// The current token read as `type` (the typed accessors); numeric ones
// need a number token, as Jackson's do.
Value readCurrentAs(Interp& vm, const Value& self, const sema::Type* type, bool numeric) {
  JsonParserState& s = parser(self);
  return json::guarded(vm, [&] {
    Token t = current(s);
    if (numeric && t != Token::Int && t != Token::Float)
      throw json::Error("Current token (" + std::string(json::tokenName(t)) +
                        ") not numeric, can not use numeric value accessors");
    if (!numeric && t == Token::None) throw json::Error("Current token (null) has no value");
    return json::readTyped(vm, s.reader, type, false);
  });
}

// Apex Reference: JSONParser Class — getIntegerValue(), getLongValue(),
// getDoubleValue(), getDecimalValue()
Value getIntegerValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().integer(), true); }
Value getLongValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().longType(), true); }
Value getDoubleValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().doubleType(), true); }
Value getDecimalValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().decimal(), true); }

// Apex Reference: JSONParser Class — getBooleanValue()
Value getBooleanValue(Interp& vm, Value* a, int) {
  Token t = current(parser(a[0]));
  if (t != Token::True && t != Token::False)
    vm.raise(interp::errors::JsonTokenNotBoolean, json::tokenName(t));
  return boolean(t == Token::True);
}

// Apex Reference: JSONParser Class — getDateValue(), getDatetimeValue(),
// getTimeValue(), getBlobValue(), getIdValue(): from the string token.
Value getDateValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().date(), false); }
Value getDatetimeValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().datetime(), false); }
Value getTimeValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().time(), false); }
Value getBlobValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().blob(), false); }
Value getIdValue(Interp& vm, Value* a, int) { return readCurrentAs(vm, a[0], vm.types().id(), false); }

// Apex Reference: JSONParser Class — readValueAs(apexType),
// readValueAsStrict(apexType): the value at the current token (the next
// one when on a field name), which ends on its last token.
Value readValue(Interp& vm, Value* a, bool strict) {
  JsonParserState& s = parser(a[0]);
  const sema::Type* type = nonNull(vm, a[1]).as<interp::TypeRefObj>()->type;
  return json::guarded(vm, [&] {
    if (current(s) == Token::None || s.reader.current() == Token::FieldName) {
      s.cleared = false;
      s.reader.next();
    }
    return json::readTyped(vm, s.reader, type, strict);
  });
}
Value readValueAs(Interp& vm, Value* a, int) { return readValue(vm, a, false); }
Value readValueAsStrict(Interp& vm, Value* a, int) { return readValue(vm, a, true); }

// Apex Reference: JSONParser Class — skipChildren()
Value skipChildren(Interp& vm, Value* a, int) {
  JsonParserState& s = parser(a[0]);
  if (s.cleared) return Value();
  return json::guarded(vm, [&] {
    s.reader.skipChildren();
    return Value();
  });
}

const sema::NativeDef kNatives[] = {
    {"JSONParser", "JSONToken nextToken()", &nextToken},
    {"JSONParser", "JSONToken nextValue()", &nextValue},
    {"JSONParser", "JSONToken getCurrentToken()", &getCurrentToken},
    {"JSONParser", "Boolean hasCurrentToken()", &hasCurrentToken},
    {"JSONParser", "void clearCurrentToken()", &clearCurrentToken},
    {"JSONParser", "JSONToken getLastClearedToken()", &getLastClearedToken},
    {"JSONParser", "String getCurrentName()", &getCurrentName},
    {"JSONParser", "String getText()", &getText},
    {"JSONParser", "Integer getIntegerValue()", &getIntegerValue},
    {"JSONParser", "Long getLongValue()", &getLongValue},
    {"JSONParser", "Double getDoubleValue()", &getDoubleValue},
    {"JSONParser", "Decimal getDecimalValue()", &getDecimalValue},
    {"JSONParser", "Boolean getBooleanValue()", &getBooleanValue},
    {"JSONParser", "Date getDateValue()", &getDateValue},
    {"JSONParser", "Datetime getDatetimeValue()", &getDatetimeValue},
    {"JSONParser", "Time getTimeValue()", &getTimeValue},
    {"JSONParser", "Blob getBlobValue()", &getBlobValue},
    {"JSONParser", "Id getIdValue()", &getIdValue},
    {"JSONParser", "Object readValueAs(Type)", &readValueAs},
    {"JSONParser", "Object readValueAsStrict(Type)", &readValueAsStrict},
    {"JSONParser", "void skipChildren()", &skipChildren},
};

}  // namespace

std::span<const sema::NativeDef> jsonParserNatives() { return kNatives; }

}  // namespace apex::stdlib
