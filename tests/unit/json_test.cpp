// The JSON reader and writer of stdlib/json_text.h: escapes, surrogate
// pairs, numbers, nesting limits, error positions and both layouts.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "stdlib/json_text.h"

using apex::stdlib::json::Error;
using apex::stdlib::json::Reader;
using apex::stdlib::json::Token;
using apex::stdlib::json::Writer;

namespace {

// Every token of `text`, as `NAME` or `NAME=text` for scalars and names.
std::vector<std::string> tokens(std::string_view text) {
  Reader r(text);
  std::vector<std::string> out;
  for (Token t = r.next(); t != Token::None; t = r.next()) {
    std::string s(apex::stdlib::json::tokenName(t));
    if (t != Token::StartObject && t != Token::EndObject && t != Token::StartArray && t != Token::EndArray)
      s += "=" + r.text();
    out.push_back(s);
  }
  return out;
}

std::string errorOf(std::string_view text) {
  try {
    tokens(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("json reader: tokens of a document") {
  CHECK(tokens(R"( {"a" : [1, -2.5e3, "x", true, false, null], "b": {}} )") ==
        std::vector<std::string>{"START_OBJECT", "FIELD_NAME=a", "START_ARRAY", "VALUE_NUMBER_INT=1",
                                 "VALUE_NUMBER_FLOAT=-2.5e3", "VALUE_STRING=x", "VALUE_TRUE=true",
                                 "VALUE_FALSE=false", "VALUE_NULL=null", "END_ARRAY", "FIELD_NAME=b",
                                 "START_OBJECT", "END_OBJECT", "END_OBJECT"});
  CHECK(tokens("").empty());
  CHECK(tokens("7") == std::vector<std::string>{"VALUE_NUMBER_INT=7"});
}

TEST_CASE("json reader: string escapes and surrogate pairs") {
  CHECK(tokens(R"("\"\\\/\b\f\n\r\t")") == std::vector<std::string>{"VALUE_STRING=\"\\/\b\f\n\r\t"});
  CHECK(tokens(R"("\u00e9\u20AC")") == std::vector<std::string>{"VALUE_STRING=é€"});
  CHECK(tokens(R"("\ud83d\ude00")") == std::vector<std::string>{"VALUE_STRING=😀"});
  CHECK(tokens("\"raw 😀 é\"") == std::vector<std::string>{"VALUE_STRING=raw 😀 é"});
  // A lone high surrogate stays one (3-byte) character.
  CHECK(tokens(R"("\ud83dx")") == std::vector<std::string>{"VALUE_STRING=\xED\xA0\xBDx"});
  CHECK(errorOf(R"("\x")") == "Unrecognized character escape 'x' (code 120) at [line:1, column:4]");
  CHECK(errorOf(R"("\u12g4")") ==
        "Unexpected character ('g' (code 103)): expected a hex-digit for character escape sequence at [line:1, column:7]");
  CHECK(errorOf("\"a\nb\"") ==
        "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in "
        "string value at [line:2, column:1]");
}

TEST_CASE("json reader: numbers stay text, big ones included") {
  CHECK(tokens("123456789012345678901234567890") ==
        std::vector<std::string>{"VALUE_NUMBER_INT=123456789012345678901234567890"});
  CHECK(tokens("[0, -0, 1.50, 1E+2]") ==
        std::vector<std::string>{"START_ARRAY", "VALUE_NUMBER_INT=0", "VALUE_NUMBER_INT=-0",
                                 "VALUE_NUMBER_FLOAT=1.50", "VALUE_NUMBER_FLOAT=1E+2", "END_ARRAY"});
  CHECK(errorOf("012") == "Invalid numeric value: Leading zeroes not allowed at [line:1, column:3]");
  CHECK(errorOf("1.x") ==
        "Unexpected character ('x' (code 120)) in numeric value: Decimal point not followed by a digit at [line:1, column:4]");
  CHECK(errorOf("-") == "Unexpected end-of-input in a Number value at [line:1, column:2]");
}

TEST_CASE("json reader: structure errors and positions") {
  CHECK(errorOf("[1,]") ==
        "Unexpected character (']' (code 93)): expected a valid value (number, String, array, object, 'true', "
        "'false' or 'null') at [line:1, column:5]");
  CHECK(errorOf("{\n\"a\":1\n,\"b\" 2}") ==
        "Unexpected character ('2' (code 50)): was expecting a colon to separate field name and value at [line:3, column:7]");
  CHECK(errorOf("{\"a\":1") == "Unexpected end-of-input: expected close marker for OBJECT at [line:1, column:7]");
  CHECK(errorOf("[}") == "Unexpected close marker '}': expected ']' at [line:1, column:3]");
  CHECK(errorOf("truex") == "Unrecognized token 'truex': was expecting ('true', 'false' or 'null') at [line:1, column:6]");
  // Only the root value is read.
  CHECK(tokens("1 2") == std::vector<std::string>{"VALUE_NUMBER_INT=1"});
}

TEST_CASE("json reader: deep nesting is bounded") {
  std::string ok(apex::stdlib::json::kMaxDepth, '[');
  ok += std::string(apex::stdlib::json::kMaxDepth, ']');
  CHECK(tokens(ok).size() == 2 * size_t(apex::stdlib::json::kMaxDepth));
  std::string deep(apex::stdlib::json::kMaxDepth + 1, '[');
  CHECK(errorOf(deep).rfind("Document nesting depth (1001) exceeds the maximum allowed (1000)", 0) == 0);
}

TEST_CASE("json reader: names and skipping") {
  Reader r(R"({"a": {"x": [1, {"y": 2}]}, "b": 3})");
  r.next();
  r.next();
  CHECK(*r.currentName() == "a");
  r.next();  // START_OBJECT of a
  CHECK(*r.currentName() == "a");
  r.skipChildren();
  CHECK(r.current() == Token::EndObject);
  CHECK(*r.currentName() == "a");
  r.next();
  CHECK(r.text() == "b");
  r.next();
  CHECK(r.text() == "3");
  CHECK(*r.currentName() == "b");
}

TEST_CASE("json writer: compact and pretty layouts") {
  for (bool pretty : {false, true}) {
    Writer w(pretty);
    w.startObject();
    w.fieldName("a");
    w.raw("1");
    w.fieldName("list");
    w.startArray();
    w.startObject();
    w.fieldName("k");
    w.string("v");
    w.endObject();
    w.startArray();
    w.endArray();
    w.endArray();
    w.fieldName("empty");
    w.startObject();
    w.endObject();
    w.endObject();
    if (pretty)
      CHECK(w.text() == "{\n  \"a\" : 1,\n  \"list\" : [ {\n    \"k\" : \"v\"\n  }, [ ] ],\n  \"empty\" : { }\n}");
    else
      CHECK(w.text() == R"({"a":1,"list":[{"k":"v"},[]],"empty":{}})");
  }
}

TEST_CASE("json writer: escapes and misuse") {
  std::string out;
  apex::stdlib::json::appendQuoted(out, std::string("q\"b\\n\n\x01\x1f/é😀"));
  CHECK(out == "\"q\\\"b\\\\n\\n\\u0001\\u001F/é😀\"");
  Writer w(false);
  CHECK_THROWS_WITH(w.fieldName("x"), "Can not write a field name, expecting a value");
  w.startObject();
  CHECK_THROWS_WITH(w.raw("1"), "Can not write a value, expecting field name");
  CHECK_THROWS_WITH(w.endArray(), "Current context not Array but Object");
}
