// The stub API's objects (Apex Developer Guide, "Build a Mocking Framework
// with the Stub API"; Apex Reference: StubProvider Interface): an instance
// of the anonymous subclass sema::Program::stubClassOf makes, whose
// instance methods hand each call to the StubProvider it was made with.
#include "interp/eval.h"
#include "interp/heap_costs.h"
#include "sema/program.h"

namespace apex::interp {

namespace {

// The StubProvider sits in the slot after the stubbed type's fields.
const Value& providerOf(const InstanceObj& stub) { return stub.fields[stub.cls->instanceFields.size()]; }

// The declaration of `m` the stubbed type sees: the most derived one, whose
// parameter names handleMethodCall receives.
const sema::MethodSymbol& declarationOf(const sema::ClassSymbol& stubClass, const sema::MethodSymbol& m) {
  for (const sema::MethodSymbol* v : stubClass.vtable)
    if (v->key == m.key) return *v;
  return m;
}

}  // namespace

Value Interp::makeStub(const sema::ClassSymbol& stubbed, const Value& provider) {
  const sema::ClassSymbol& cls = program_.stubClassOf(stubbed);
  size_t slots = cls.instanceFields.size() + 1;
  auto* obj = heap_.make<InstanceObj>(heap_costs::instance(slots), &cls, slots);
  Value stub = Value::object(Tag::Instance, obj);
  obj->fields.back() = provider;
  if (cls.isException) {
    obj->exception = new ExceptionData();
    obj->exception->line = currentLine();
    obj->exception->column = currentColumn();
    obj->exception->stackTrace = stackTrace();
  }
  checkHeap();
  return stub;
}

// Apex Developer Guide, "Apex Stub API Limitations": private methods are
// not stubbed (nor static ones, constructors and property accessors, which
// are no instance methods of the vtable).
bool Interp::isStubbed(const sema::MethodSymbol& m) {
  if (m.owner->kind == sema::ClassKind::Interface) return true;
  return m.modifiers & (ast::kPublic | ast::kGlobal | ast::kProtected);
}

Value Interp::callStub(const Value& stub, const sema::MethodSymbol& called, const Value* args, int argc) {
  const InstanceObj& obj = *stub.as<InstanceObj>();
  const sema::MethodSymbol& m = declarationOf(*obj.cls, called);
  const sema::Type* typeType = program_.findClass("Type")->type;
  auto typeRef = [&](const sema::Type* t) {
    return Value::object(Tag::TypeRef, heap_.make<TypeRefObj>(heap_costs::kHeader, t));
  };
  std::vector<Value> paramTypes, paramNames;
  for (size_t i = 0; i < m.params.size(); ++i) {
    paramTypes.push_back(typeRef(m.params[i]));
    paramNames.push_back(makeString(m.decl ? m.decl->params[i].name : ""));
  }
  Value callArgs[6] = {
      stub,
      makeString(m.name),
      typeRef(m.returnType),
      makeList(types().list(typeType), std::move(paramTypes)),
      makeList(types().list(types().string()), std::move(paramNames)),
      makeList(types().list(types().object()), std::vector<Value>(args, args + argc)),
  };
  Value provider = providerOf(obj);  // held: the provider may drop the stub
  Value result;
  if (!callOverride(provider, "handleMethodCall", callArgs, 6, &result))
    raise(errors::MethodNotImplemented, "handleMethodCall");
  if (m.returnType->kind == sema::TypeKind::Void) return Value();
  return evaluator_->convert(result, m.returnType, true);
}

}  // namespace apex::interp
