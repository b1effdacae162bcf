#include "sema/interfaces.h"

#include <memory>
#include <string>
#include <vector>

#include "sema/program.h"

namespace apex::sema {
namespace {

std::unique_ptr<ClassSymbol> builtin(std::string_view name, ClassKind kind, std::string_view ns = "System") {
  auto cls = std::make_unique<ClassSymbol>();
  cls->name = std::string(name);
  cls->qualifiedName = std::string(ns) + "." + cls->name;
  cls->kind = kind;
  cls->isBuiltin = true;
  return cls;
}

// An abstract method a class implementing the interface must provide.
void abstractMethod(ClassSymbol& owner, std::string name, const Type* returnType, std::vector<const Type*> params) {
  auto m = std::make_unique<MethodSymbol>();
  m->key = foldCase(name) + "(";
  for (size_t i = 0; i < params.size(); ++i) m->key += (i ? "," : "") + foldCase(params[i]->name);
  m->key += ")";
  m->name = std::move(name);
  m->owner = &owner;
  m->returnType = returnType;
  m->params = std::move(params);
  m->isAbstract = true;
  owner.ownMethods.push_back(std::move(m));
}

// A built-in class or interface declared here, ahead of the native tables
// that name it (the tables then add a class's methods), and found by its
// simple name.
ClassSymbol* declare(Program& program, std::string_view name, ClassKind kind, int typeParameters = 0) {
  auto cls = builtin(name, kind);
  cls->typeParameterCount = typeParameters;
  ClassSymbol* added = program.addClass(std::move(cls));
  program.alias(name, added);
  return added;
}

// Apex Reference: HttpCalloutMock Interface, StaticResourceCalloutMock and
// MultiStaticResourceCalloutMock Classes.
void addCalloutMocks(Program& program) {
  const Type* request = declare(program, "HttpRequest", ClassKind::Class)->type;
  const Type* response = declare(program, "HttpResponse", ClassKind::Class)->type;
  ClassSymbol* httpCalloutMock = declare(program, "HttpCalloutMock", ClassKind::Interface);
  abstractMethod(*httpCalloutMock, "respond", response, {request});
  for (std::string_view name : {kStaticResourceMockClass, kMultiStaticResourceMockClass})
    declare(program, name, ClassKind::Class)->interfaces.push_back(httpCalloutMock);
}

// Apex Reference: StubProvider Interface (Test.createStub) and
// WebServiceMock Interface (Test.setMock for WebServiceCallout.invoke).
void addMockInterfaces(Program& program) {
  TypeTable& t = program.types;
  const Type* type = declare(program, "Type", ClassKind::Class)->type;
  ClassSymbol* stubProvider = declare(program, "StubProvider", ClassKind::Interface);
  abstractMethod(*stubProvider, "handleMethodCall", t.object(),
                 {t.object(), t.string(), type, t.list(type), t.list(t.string()), t.list(t.object())});
  ClassSymbol* webServiceMock = declare(program, "WebServiceMock", ClassKind::Interface);
  const Type* text = t.string();
  abstractMethod(*webServiceMock, "doInvoke", t.voidType(),
                 {t.object(), t.object(), t.map(text, t.object()), text, text, text, text, text, text});
}

// An interface of the Database namespace, named only with it
// (`Database.Batchable`).
ClassSymbol* declareInDatabase(Program& program, std::string_view name, int typeParameters = 0) {
  auto cls = builtin(name, ClassKind::Interface, "Database");
  cls->typeParameterCount = typeParameters;
  return program.addClass(std::move(cls));
}

// Apex Reference: Queueable, QueueableContext, Finalizer, FinalizerContext,
// Schedulable and SchedulableContext Interfaces; Database.Batchable,
// Database.BatchableContext, Database.Stateful, Database.AllowsCallouts
// and Database.RaisesPlatformEvents. The contexts' methods are natives
// too (stdlib/async_jobs.cpp) answering for the contexts the platform
// passes.
void addAsyncInterfaces(Program& program) {
  TypeTable& t = program.types;
  auto add = [&](std::string_view name) { return declare(program, name, ClassKind::Interface); };
  ClassSymbol* queueableContext = add("QueueableContext");
  abstractMethod(*queueableContext, "getJobId", t.id(), {});
  abstractMethod(*add("Queueable"), "execute", t.voidType(), {queueableContext->type});
  ClassSymbol* finalizerContext = add("FinalizerContext");
  abstractMethod(*finalizerContext, "getAsyncApexJobId", t.id(), {});
  abstractMethod(*finalizerContext, "getException", program.exceptionClass->type, {});
  abstractMethod(*finalizerContext, "getRequestId", t.string(), {});
  abstractMethod(*finalizerContext, "getResult", program.findClass("ParentJobResult")->type, {});
  abstractMethod(*add("Finalizer"), "execute", t.voidType(), {finalizerContext->type});
  ClassSymbol* schedulableContext = add("SchedulableContext");
  abstractMethod(*schedulableContext, "getTriggerId", t.id(), {});
  abstractMethod(*add("Schedulable"), "execute", t.voidType(), {schedulableContext->type});

  ClassSymbol* batchableContext = declareInDatabase(program, "BatchableContext");
  abstractMethod(*batchableContext, "getJobId", t.id(), {});
  abstractMethod(*batchableContext, "getChildJobId", t.id(), {});
  ClassSymbol* batchable = declareInDatabase(program, "Batchable", 1);
  const Type* typeParam = t.typeParam('T');
  abstractMethod(*batchable, "start", t.classType(program.iterableClass, typeParam), {batchableContext->type});
  abstractMethod(*batchable, "execute", t.voidType(), {batchableContext->type, t.list(typeParam)});
  abstractMethod(*batchable, "finish", t.voidType(), {batchableContext->type});
  for (std::string_view marker : {"Stateful", "AllowsCallouts", "RaisesPlatformEvents"})
    declareInDatabase(program, marker);
}

// Apex Reference: EventBus Namespace — TriggerContext and TestBroker
// Classes, SuccessResult and FailureResult Interfaces, the publish callback
// interfaces EventPublishSuccessCallback and EventPublishFailureCallback,
// and RetryableException. Named only with the namespace; their methods are
// natives (stdlib/event_bus.cpp).
void addEventBusTypes(Program& program) {
  TypeTable& t = program.types;
  auto add = [&](std::string_view name, ClassKind kind) { return program.addClass(builtin(name, kind, "EventBus")); };
  add("TriggerContext", ClassKind::Class);
  add("TestBroker", ClassKind::Class);
  ClassSymbol* success = add("SuccessResult", ClassKind::Interface);
  abstractMethod(*success, "getEventUuids", t.list(t.string()), {});
  ClassSymbol* failure = add("FailureResult", ClassKind::Interface);
  abstractMethod(*failure, "getEventUuids", t.list(t.string()), {});
  abstractMethod(*add("EventPublishSuccessCallback", ClassKind::Interface), "onSuccess", t.voidType(), {success->type});
  abstractMethod(*add("EventPublishFailureCallback", ClassKind::Interface), "onFailure", t.voidType(), {failure->type});
  auto retryable = builtin("RetryableException", ClassKind::Class, "EventBus");
  retryable->isException = true;
  retryable->superclass = program.exceptionClass;
  program.addClass(std::move(retryable));
}

}  // namespace

void addBuiltinInterfaces(Program& program) {
  TypeTable& t = program.types;
  const Type* typeParam = t.typeParam('T');
  auto add = [&](std::string_view name, int typeParameters) {
    return declare(program, name, ClassKind::Interface, typeParameters);
  };
  ClassSymbol* comparable = add("Comparable", 0);
  program.comparableClass = comparable;
  abstractMethod(*comparable, "compareTo", t.integer(), {t.object()});
  ClassSymbol* comparator = add("Comparator", 1);
  abstractMethod(*comparator, "compare", t.integer(), {typeParam, typeParam});
  ClassSymbol* iterator = add("Iterator", 1);
  abstractMethod(*iterator, "hasNext", t.boolean(), {});
  abstractMethod(*iterator, "next", typeParam, {});
  ClassSymbol* iterable = add("Iterable", 1);
  program.iterableClass = iterable;
  abstractMethod(*iterable, "iterator", t.classType(iterator, typeParam), {});
  ClassSymbol* callable = add("Callable", 0);
  abstractMethod(*callable, "call", t.object(), {t.string(), t.map(t.string(), t.object())});

  addCalloutMocks(program);
  addMockInterfaces(program);
  addAsyncInterfaces(program);
  addEventBusTypes(program);

  // Not aliased by its simple name: user code cannot name it.
  auto collectionIterator = builtin("CollectionIterator", ClassKind::Class);
  collectionIterator->interfaces.push_back(iterator);
  program.addClass(std::move(collectionIterator));
}

}  // namespace apex::sema
