// The stub API (Apex Developer Guide, "Build a Mocking Framework with the
// Stub API"): Test.createStub and the System.StubProvider interface its
// stubs call. The stubs themselves are the engine's (interp/stubs.cpp).
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;

// Declares constructors, and every one is private (a singleton): the
// anonymous subclass could not call any. @TestVisible ones count as
// visible, as test code may call them.
bool hasOnlyPrivateConstructors(const sema::ClassSymbol& cls) {
  bool declared = false;
  for (const auto& m : cls.ownMethods) {
    if (!m->isConstructor || !m->decl) continue;
    declared = true;
    if (m->modifiers & (ast::kPublic | ast::kGlobal | ast::kProtected | ast::kTestVisible)) return false;
  }
  return declared;
}

// Apex Developer Guide, "Apex Stub API Limitations": what cannot be stubbed.
void checkStubbable(Interp& vm, const sema::Type& type) {
  if (type.kind != sema::TypeKind::Class || type.cls->isBuiltin || !type.cls->isProjectClass)
    vm.raise(errors::StubOfSystemType, type.name);
  const sema::ClassSymbol& cls = *type.cls;
  if (cls.kind == sema::ClassKind::Enum) vm.raise(errors::StubOfEnum, type.name);
  if (cls.outer) vm.raise(errors::StubOfInnerClass, type.name);
  if (hasOnlyPrivateConstructors(cls)) vm.raise(errors::StubOfPrivateConstructors, type.name);
}

// Apex Reference: Test Class — createStub(parentType, stubProvider): an
// object of an anonymous subclass of `parentType` (a class or interface)
// whose instance methods call the provider's handleMethodCall. No
// constructor runs: its fields are null.
Value createStub(Interp& vm, Value* args, int) {
  if (!vm.isRunningTest()) vm.raise(errors::OnlyDuringTesting);
  const sema::Type& type = *nonNull(vm, args[0]).as<interp::TypeRefObj>()->type;
  const Value& provider = nonNull(vm, args[1]);
  checkStubbable(vm, type);
  return vm.makeStub(*type.cls, provider);
}

// Apex Reference: StubProvider Interface — handleMethodCall(stubbedObject,
// stubbedMethodName, returnType, listOfParamTypes, listOfParamNames,
// listOfArgs), called through a StubProvider-typed value.
Value handleMethodCall(Interp& vm, Value* args, int argc) {
  Value result;
  if (!vm.callOverride(args[0], "handleMethodCall", args + 1, argc - 1, &result))
    vm.raise(errors::MethodNotImplemented, "handleMethodCall");
  return result;
}

const sema::NativeDef kNatives[] = {
    {"Test", "static Object createStub(Type, StubProvider)", &createStub},
    {"StubProvider", "Object handleMethodCall(Object, String, Type, List<Type>, List<String>, List<Object>)",
     &handleMethodCall},
};

}  // namespace

std::span<const sema::NativeDef> stubApiNatives() { return kNatives; }

}  // namespace apex::stdlib
