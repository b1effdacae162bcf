// How values print: System.debug (Interp::debugString), String.valueOf
// (Interp::stringValueOf), and the runtime type names Salesforce uses in
// messages (Interp::runtimeTypeName). Each kind's form is its row in the
// value kinds table (value_kinds.cpp).
#include <string>

#include "interp/interp.h"
#include "interp/value_kinds.h"

namespace apex::interp {

std::string Interp::debugString(const Value& v) {
  std::string out;
  printValue({*this, PrintMode::Debug}, v, out, 0);
  return out;
}

std::string Interp::stringValueOf(const Value& v) {
  std::string out;
  printValue({*this, PrintMode::ValueOf}, v, out, 0);
  return out;
}

std::string Interp::runtimeTypeName(const Value& v) { return kindOf(v.tag()).runtimeTypeName(v); }

}  // namespace apex::interp
