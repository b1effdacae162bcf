// The resolver's compile-error messages in one catalog (after LibJS's
// ErrorTypes.h): each entry names one message shape and its format, whose
// `{}`s are replaced in order by the arguments. Users compare these texts
// with what Salesforce prints, so the wording is Salesforce's wherever it is
// known; the golden tests under tests/apex/ check them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/text.h"

namespace apex::sema {

#define APEXRUN_DIAGNOSTICS(X) \
  /* Salesforce's compiler: declarations. */ \
  X(DuplicateTypeName, "Duplicate type name: {}") \
  X(InvalidType, "Invalid type: {}") \
  X(InvalidInterface, "Invalid interface: {}") \
  X(TypeCannotBeExtended, "Non-virtual and non-abstract type cannot be extended: {}") \
  X(DuplicateField, "Duplicate field: {}") \
  X(DuplicateVariable, "Duplicate variable: {}") \
  X(MethodAlreadyDefined, "Method already defined: {}") \
  X(ExceptionConstructorAlreadyDefined, "System exception constructor already defined: <Constructor>({})") \
  X(MissingInterfaceMethod, "Class {} must implement the method: {} {}.{}({})") \
  X(MissingReturnStatement, "Missing return statement required return type: {}") \
  X(TestMethodOutsideTestClass, "Test methods must be in test classes") \
  /* Salesforce's compiler: names, calls and construction. */ \
  X(VariableDoesNotExist, "Variable does not exist: {}") \
  X(ExternalStringDoesNotExist, "External string does not exist: {}") \
  X(NonStaticField, "Non static field cannot be referenced from a static context: {}") \
  X(NonStaticMethod, "Non static method cannot be referenced from a static context: {}") \
  X(ThisInStaticContext, "This cannot be referenced in a static context") \
  X(SuperInStaticContext, "Super cannot be referenced in a static context") \
  X(MethodDoesNotExist, "Method does not exist or incorrect signature: {}") \
  X(VoidMethodDoesNotExist, "Method does not exist or incorrect signature: void {}()") \
  X(MethodDoesNotExistOnType, "Method does not exist or incorrect signature: void {}({}) from the type {}") \
  X(ConstructorNotDefined, "Constructor not defined: [{}].<Constructor>({})") \
  X(InvalidConstructor, "Invalid constructor for type {}") \
  X(TypeCannotBeConstructed, "Type cannot be constructed: {}") \
  X(AbstractClassConstructed, "Abstract classes cannot be constructed: {}") \
  X(InvalidInitializerType, "Invalid initializer type {}") \
  X(InitialExpressionType, "Initial expression is of incorrect type, expected: {} but was: {}") \
  /* Salesforce's compiler: types of expressions and operators. */ \
  X(IllegalAssignment, "Illegal assignment from {} to {}") \
  X(ExpressionNotList, "Expression must be a list type: {}") \
  X(ExpressionNotBoolean, "Expression must be of type Boolean: {}") \
  X(ExpressionCannotBeAssigned, "Expression cannot be assigned") \
  X(InstanceofAlwaysTrue, "Operation instanceof is always true since an instance of {} is always an instance of {}") \
  X(IncompatibleCast, "Incompatible types since an instance of {} is never an instance of {}") \
  X(ArithmeticNeedsNumbers, "Arithmetic expressions must use numeric arguments") \
  X(OperatorNeedsBoolean, "{} operator can only be applied to Boolean expressions") \
  X(OperatorNeedsBooleanOrIntegers, "{} operator can only be applied to Boolean expressions or to Integer or Long expressions") \
  X(BitwiseNeedsIntegers, "Bitwise operator can only be applied to Integer or Long expressions") \
  X(ModuloNotApex, "Found punctuation symbol or operator '%' that isn't valid in Apex.") \
  X(IncompatibleComparison, "Comparison arguments must be compatible types: {}, {}") \
  X(ExactEqualityOnPrimitive, "Exact equality operator only allowed for reference types: {}") \
  /* Salesforce's compiler: statements. */ \
  X(VoidMethodReturnsValue, "Void method must not return a value") \
  X(MissingReturnValue, "Missing return value") \
  X(ThrowNotException, "Throw expression must be of type Exception: {}") \
  X(CatchNotException, "Catch clause must be of type Exception: {}") \
  X(LoopNeedsCollection, "Loop must iterate over collection: {}") \
  X(LoopVariableType, "Loop variable must be of type {}") \
  X(TypeWhenNeedsObject, "Type when clauses need an sObject or Object switch expression") \
  X(WhenValueNotLiteral, "Schema.SObjectType or literal values expected in when clauses") \
  X(IncompatibleWhenType, "Incompatible types in when clause: {}, {}") \
  /* Salesforce's compiler: access modifiers and project classes (the */ \
  /* dependent class text as deploy failures print it). */ \
  X(TopLevelVisibility, "Top-level type must have public or global visibility") \
  X(MethodNotVisible, "Method is not visible: {} {}.{}({})") \
  X(VariableNotVisible, "Variable is not visible: {}") \
  X(TypeNotVisible, "Type is not visible: {}") \
  X(DependentClassInvalid, "Dependent class is invalid and needs recompilation:\n Class {} : {}") \
  /* Salesforce's SOQL checks (sema/soql_binder.h): compile errors of an */ \
  /* inline query, System.QueryException messages of a dynamic one. */ \
  X(SoqlNoSuchObject, "sObject type '{}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.") \
  X(SoqlNoSuchColumn, "No such column '{}' on entity '{}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.") \
  X(SoqlNoSuchRelationship, "Didn't understand relationship '{}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.") \
  X(SoqlNoSuchChildRelationship, "Didn't understand relationship '{}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.") \
  X(SoqlFieldNotGrouped, "Field must be grouped or aggregated: {}") \
  X(SoqlGroupedFieldAggregated, "Grouped field should not be aggregated: {}") \
  X(SoqlOrderNotGrouped, "Ordered field must be grouped or aggregated: {}") \
  X(SoqlCannotGroup, "field '{}' can not be grouped in a query call") \
  X(SoqlCannotFilter, "field '{}' can not be filtered in a query call") \
  X(SoqlCannotSort, "field '{}' can not be sorted in a query call") \
  X(SoqlInvalidOperator, "invalid operator on {} field") \
  X(SoqlFilterValueType, "value of filter criterion for field '{}' must be of type {} and should not be enclosed in quotes.") \
  X(SoqlAggregateNotSupported, "field {} does not support aggregate operator {}") \
  /* sObjects: their fields and relationships (schema.h). */ \
  X(GenericSObjectField, "Field expression not allowed for generic SObject") \
  X(InvalidSObjectField, "Invalid field {} for {}") \
  X(FieldNotWriteable, "Field is not writeable: {}.{}") \
  X(DmlNeedsSObjects, "DML requires SObject or SObject list type: {}") \
  X(GenericUpsert, "DML on generic List<SObject> only allowed for insert, update or delete") \
  X(MergeNotAllowed, "DML operation Merge not allowed on {}") \
  X(MergeNeedsOneRecord, "Merge requires a concrete SObject type as its master record: {}") \
  X(MergeDuplicates, "Merge requires the records to merge as an SObject, a List of them, an Id or a List<Id>: {}") \
  X(InvalidUpsertField, "Invalid field for upsert, must be an External Id custom or standard indexed field: {}") \
  /* apexrun's own wording, where Salesforce's text was not found; */ \
  /* docs/differences.md lists each of them. */ \
  X(ExceptionClassName, "Classes extending Exception must have a name ending in 'Exception': {}") \
  X(FinalAlreadyInitialized, "Final variable has already been initialized") \
  X(BreakOutsideLoop, "break must be in a loop") \
  X(ContinueOutsideLoop, "continue must be in a loop") \
  X(InvalidSwitchType, "Switch expression must be of type Integer, Long, String, SObject or an Enum: {}") \
  X(WhenElseNotLast, "'when else' must be the last when block") \
  X(DuplicateWhenValue, "Duplicate when case value") \
  X(ConstructorNotVisible, "Constructor is not visible: [{}].<Constructor>({})") \
  X(ClassFileNameMismatch, "Class name {} does not match its file {}.cls") \
  X(TriggerFileNameMismatch, "Trigger name {} does not match its file {}.trigger") \
  X(TriggerTypeNotSObject, "Trigger type isn't an SObject: {}") \
  X(TriggerBeforeUndelete, "Trigger Usage Before Undelete is not supported") \
  X(TriggerPlatformEventEvents, "Platform Event SObjects only supports after insert: {}") \
  X(TriggerReturnsValue, "Trigger bodies must not return a value") \
  X(TestMethodNotStatic, "Test methods must be static") \
  X(TestMethodWithParameters, "Test methods must have no parameters") \
  X(SoqlTooManyRelationshipLevels, "A SOQL field path can follow at most 5 parent relationships: {}") \
  X(SoqlCountNotAlone, "COUNT() must be the only item in the SELECT list") \
  X(SoqlTypeOfObjectNotReferenced, "TYPEOF {}: {} is not an object the relationship refers to") \
  /* Formulas (sema/formula.h): Salesforce's formula editor's wording, */ \
  /* and apexrun's for a function it does not evaluate. */ \
  X(FormulaArgumentCount, "Incorrect number of parameters for function '{}()'. Expected {}, received {}") \
  X(FormulaMissing, "Syntax error. Missing '{}'") \
  X(FormulaFound, "Syntax error. Found '{}'") \
  X(FormulaUnknownField, "Field {} does not exist. Check spelling.") \
  X(FormulaParameterType, "Incorrect parameter type for function '{}()'. Expected {}, received {}") \
  X(FormulaOperatorType, "Incorrect parameter type for operator '{}'. Expected {}, received {}") \
  X(FormulaUnknownFunction, "Unknown function {}. Check spelling. (apexrun evaluates the functions docs/data.md lists)") \
  /* A platform feature apexrun does not have yet (sema/not_supported.h). */ \
  X(NotSupportedYet, "apexrun does not support {} yet")

enum class Diagnostic {
#define APEXRUN_DIAGNOSTIC_NAME(name, format) name,
  APEXRUN_DIAGNOSTICS(APEXRUN_DIAGNOSTIC_NAME)
#undef APEXRUN_DIAGNOSTIC_NAME
};

inline constexpr std::string_view kDiagnosticFormats[] = {
#define APEXRUN_DIAGNOSTIC_FORMAT(name, format) format,
    APEXRUN_DIAGNOSTICS(APEXRUN_DIAGNOSTIC_FORMAT)
#undef APEXRUN_DIAGNOSTIC_FORMAT
};

constexpr std::string_view diagnosticFormat(Diagnostic diagnostic) {
  return kDiagnosticFormats[static_cast<size_t>(diagnostic)];
}

// How many arguments a diagnostic's format takes: its `{}`s.
constexpr size_t diagnosticArgumentCount(Diagnostic diagnostic) {
  return text::placeholderCount(diagnosticFormat(diagnostic));
}

// Never defined: a constant evaluation that reaches it fails to compile,
// which is how CheckedDiagnostic rejects a wrong number of arguments.
void diagnosticGivenWrongNumberOfArguments();

// A Diagnostic that takes exactly `argumentCount` arguments, checked where
// the call is compiled (as std::format_string checks a format): a call site
// that passes one argument too few or too many does not build.
template <size_t argumentCount>
struct CheckedDiagnostic {
  consteval CheckedDiagnostic(Diagnostic d) : diagnostic(d) {
    if (diagnosticArgumentCount(d) != argumentCount) diagnosticGivenWrongNumberOfArguments();
  }
  Diagnostic diagnostic;
};

// The message of `diagnostic` for these arguments (strings or string_views).
template <class... Args>
std::string diagnosticText(CheckedDiagnostic<sizeof...(Args)> checked, const Args&... arguments) {
  return text::fillPlaceholders(diagnosticFormat(checked.diagnostic), {std::string_view(arguments)...});
}

}  // namespace apex::sema
