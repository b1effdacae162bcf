// The C++ state behind System.JSONGenerator and System.JSONParser objects
// (jsongenerator.cpp, jsonparser.cpp; made by json.cpp). Internal to stdlib/.
#pragma once

#include <memory>
#include <string>

#include "interp/object.h"
#include "stdlib/json_text.h"
#include "stdlib/native.h"

namespace apex::stdlib {

struct JsonGeneratorState : interp::NativeState {
  json::Writer writer;
  bool closed = false;
  explicit JsonGeneratorState(bool pretty) : writer(pretty) {}
  std::string toString() const override { return "System.JSONGenerator"; }
};

struct JsonParserState : interp::NativeState {
  std::string text;  // the reader points into it: the state never moves
  json::Reader reader;
  json::Token lastCleared = json::Token::None;
  bool cleared = false;  // clearCurrentToken() was called since the last token
  explicit JsonParserState(std::string json) : text(std::move(json)), reader(text) {}
  std::string toString() const override { return "System.JSONParser"; }
};

template <class State>
State& jsonState(const Value& self) {
  return static_cast<State&>(*self.as<interp::InstanceObj>()->native);
}

inline Value makeJsonGenerator(Interp& vm, bool pretty) {
  return vm.makeNativeInstance("System.JSONGenerator", std::make_unique<JsonGeneratorState>(pretty), 64);
}
inline Value makeJsonParser(Interp& vm, const std::string& text) {
  return vm.makeNativeInstance("System.JSONParser", std::make_unique<JsonParserState>(text), 64 + text.size());
}

}  // namespace apex::stdlib
