// libFuzzer target: the two formula languages. The merge-field engine of
// callouts (`{!...}` in headers and bodies, custom header formulas), with
// fields that read as text, as a missing field and as an error; and
// Salesforce formulas (formula fields, defaults, validation rules), parsed
// and evaluated against a blank Account.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interp/formula_eval.h"
#include "interp/interp.h"
#include "interp/object.h"
#include "runtime/credentials/merge_fields.h"
#include "runtime/log/debuglog.h"
#include "sema/formula.h"
#include "sema/program.h"
#include "sema/schema.h"
#include "stdlib/registry.h"

namespace {

using namespace apex;

// $Credential.Username reads as text, $Credential.Missing as no field,
// $Credential.Broken as an error; anything else as its path joined.
std::optional<std::string> readField(const std::vector<std::string>& path, std::string* error) {
  std::string joined;
  for (const std::string& part : path) joined += (joined.empty() ? "" : ".") + part;
  if (joined == "Credential.Missing") return std::nullopt;
  if (joined == "Credential.Broken") {
    if (error) *error = "the store cannot be read";
    return std::nullopt;
  }
  return joined == "Credential.Username" ? std::string("user@example.com") : joined;
}

void mergeFields(std::string_view text) {
  std::vector<std::string> seen;
  auto observe = [&](const std::string& value) { seen.push_back(value); };
  (void)runtime::expandMergeFields(text, runtime::MergePlace::Header, readField, observe);
  (void)runtime::expandMergeFields(text, runtime::MergePlace::Body, readField, observe);
  (void)runtime::evaluateHeaderFormula(text, readField, observe);
}

void salesforceFormula(std::string_view text) {
  (void)sema::formula::parseFormula(text);
  static sema::Program program(stdlib::standardLibrary());
  runtime::DebugLog log;
  interp::Interp vm(program, log);
  try {
    interp::Value account = vm.makeSObject(*program.schema->object("Account"));
    interp::FormulaScope scope{account.as<interp::SObjectObj>(), nullptr, false};
    (void)interp::evaluateFormula(vm, text, scope, "Account.Fuzz__c");
  } catch (const interp::ApexThrow&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  mergeFields(text);
  salesforceFormula(text);
  return 0;
}
