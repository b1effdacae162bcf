// Apex Reference: Test Class — the methods a test run needs: isRunningTest,
// setMock (HttpCalloutMock), startTest and stopTest, getStandardPricebookId,
// setFixedSearchResults.
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;

void requireTestContext(Interp& vm) {
  if (!vm.isRunningTest()) vm.raise(errors::OnlyDuringTesting);
}

// Apex Reference: Test Class — isRunningTest(): false under `apexrun run`;
// the test runner sets Interp::setRunningTest
Value isRunningTest(Interp& vm, Value*, int) { return boolean(vm.isRunningTest()); }

// Apex Reference: Test Class — setMock(interfaceType, instance): later
// callouts of the test go to `instance`. Only HttpCalloutMock is supported.
Value setMock(Interp& vm, Value* args, int) {
  requireTestContext(vm);
  const sema::Type* type = nonNull(vm, args[0]).as<interp::TypeRefObj>()->type;
  const sema::ClassSymbol* httpCalloutMock = vm.findClass("HttpCalloutMock");
  if (type->kind != sema::TypeKind::Class || type->cls != httpCalloutMock)
    vm.raise(errors::UnsupportedMockType, type->name);
  const Value& mock = args[1];
  if (!mock.isNull() && !vm.isInstanceOf(mock, httpCalloutMock->type))
    vm.raise(errors::MockDoesNotImplement, vm.runtimeTypeName(mock));
  vm.calloutMock() = mock;
  return Value();
}

// Apex Reference: Test Class — startTest(), stopTest()
Value startTest(Interp& vm, Value*, int) {
  requireTestContext(vm);
  vm.startTest();
  return Value();
}
Value stopTest(Interp& vm, Value*, int) {
  requireTestContext(vm);
  vm.stopTest();
  return Value();
}

// Apex Reference: Test Class — getStandardPricebookId(): the org's
// standard price book, which tests may use without SeeAllData.
Value getStandardPricebookId(Interp& vm, Value*, int) {
  requireTestContext(vm);
  std::string id = vm.standardPricebookId();
  return id.empty() ? Value() : vm.makeId(id);
}

// Apex Reference: Test Class — setFixedSearchResults(setSearchResults):
// the test's later SOSL searches return these records (those of each
// RETURNING object that its WHERE keeps), whatever their term; null or
// never called: no records ("Adding SOSL Queries to Unit Tests").
Value setFixedSearchResults(Interp& vm, Value* args, int) {
  requireTestContext(vm);
  std::vector<std::string> ids;
  if (!args[0].isNull())
    for (const Value& id : listOf(args[0])->items)
      if (!id.isNull()) ids.push_back(id.as<interp::StringObj>()->text);
  vm.setFixedSearchResults(std::move(ids));
  return Value();
}

const sema::NativeDef kNatives[] = {
    {"Test", "static Id getStandardPricebookId()", &getStandardPricebookId},
    {"Test", "static Boolean isRunningTest()", &isRunningTest},
    {"Test", "static void setFixedSearchResults(List<Id>)", &setFixedSearchResults},
    {"Test", "static void setMock(Type, Object)", &setMock},
    {"Test", "static void startTest()", &startTest},
    {"Test", "static void stopTest()", &stopTest},
};

}  // namespace

std::span<const sema::NativeDef> testNatives() { return kNatives; }

}  // namespace apex::stdlib
