// Apex Reference: Formula Class (recalculateFormulas), FormulaRecalcResult
// Class and FormulaRecalcFieldError Class: the formula fields of records in
// memory computed again from their current values (interp/formula_eval.h).
#include <string>
#include <vector>

#include "interp/formula_eval.h"
#include "sema/schema.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

struct FieldError {
  std::string field;
  std::string message;
};

struct RecalcResultState : interp::NativeState {
  Value record;
  std::vector<FieldError> errors;
  std::string toString() const override {
    return std::string("FormulaRecalcResult[isSuccess=") + (errors.empty() ? "true" : "false") + "]";
  }
};

struct FieldErrorState : interp::NativeState {
  FieldError error;
  explicit FieldErrorState(FieldError e) : error(std::move(e)) {}
  std::string toString() const override { return "FormulaRecalcFieldError[" + error.field + ": " + error.message + "]"; }
};

// Sets each formula field of `record`; a formula that cannot be evaluated
// is that field's error.
void recalculate(Interp& vm, const Value& record, RecalcResultState& result) {
  auto* o = record.as<interp::SObjectObj>();
  for (const sema::SObjectField& field : o->type->fields()) {
    if (!field.calculated || field.formula.empty()) continue;
    try {
      Value v = interp::formulaFieldValue(vm, field, *o);
      o->set(&field, v);
    } catch (const interp::ApexThrow& thrown) {
      result.errors.push_back(
          {field.name, vm.stringValueOf(thrown.exception.as<interp::InstanceObj>()->exception->message)});
    }
  }
}

// Apex Reference: Formula Class — recalculateFormulas(List<SObject>)
Value recalculateFormulas(Interp& vm, Value* args, int) {
  std::vector<Value> results;
  for (const Value& record : listOf(nonNull(vm, args[0]))->items) {
    auto state = std::make_unique<RecalcResultState>();
    state->record = nonNull(vm, record);
    recalculate(vm, record, *state);
    results.push_back(vm.makeNativeInstance("FormulaRecalcResult", std::move(state), interp::heap_costs::instance(2)));
  }
  return vm.makeList(vm.types().list(vm.findClass("FormulaRecalcResult")->type), std::move(results));
}

const RecalcResultState& result(const Value& self) { return stateOf<RecalcResultState>(self); }

// Apex Reference: FormulaRecalcResult Class — isSuccess(), getSObject(), getErrors()
Value isSuccess(Interp&, Value* args, int) { return boolean(result(args[0]).errors.empty()); }
Value getSObject(Interp&, Value* args, int) { return result(args[0]).record; }
Value getErrors(Interp& vm, Value* args, int) {
  std::vector<Value> errors;
  for (const FieldError& e : result(args[0]).errors)
    errors.push_back(vm.makeNativeInstance("FormulaRecalcFieldError", std::make_unique<FieldErrorState>(e),
                                           interp::heap_costs::instance(2)));
  return vm.makeList(vm.types().list(vm.findClass("FormulaRecalcFieldError")->type), std::move(errors));
}

// Apex Reference: FormulaRecalcFieldError Class — getFieldName(), getFieldError()
Value getFieldName(Interp& vm, Value* args, int) { return vm.makeString(stateOf<FieldErrorState>(args[0]).error.field); }
Value getFieldError(Interp& vm, Value* args, int) {
  return vm.makeString(stateOf<FieldErrorState>(args[0]).error.message);
}

const sema::NativeDef kNatives[] = {
    {"Formula", "static List<System.FormulaRecalcResult> recalculateFormulas(List<SObject>)", &recalculateFormulas},
    {"FormulaRecalcResult", "Boolean isSuccess()", &isSuccess},
    {"FormulaRecalcResult", "SObject getSObject()", &getSObject},
    {"FormulaRecalcResult", "List<System.FormulaRecalcFieldError> getErrors()", &getErrors},
    {"FormulaRecalcFieldError", "String getFieldName()", &getFieldName},
    {"FormulaRecalcFieldError", "String getFieldError()", &getFieldError},
};

}  // namespace

std::span<const sema::NativeDef> formulaNatives() { return kNatives; }

}  // namespace apex::stdlib
