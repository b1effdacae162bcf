// Apex Reference: WebServiceCallout Class — invoke, which the classes
// generated from a WSDL call for each operation, and the WebServiceMock
// Interface that answers it in a test (Apex Developer Guide, "Test Web
// Service Callouts"). apexrun has no SOAP client: outside a test invoke
// refuses.
#include "interp/errors.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

namespace errors = interp::errors;
using interp::Limit;

// infoArray, as the generated code fills it.
enum Info : size_t { Endpoint, SoapAction, RequestNs, RequestName, ResponseNs, ResponseName, ResponseType, Count };

// Apex Reference: WebServiceCallout Class — invoke(stub, request, response,
// infoArray): in a test, the mock's doInvoke(stub, request, response,
// endpoint, soapAction, requestName, responseNS, responseName,
// responseType) puts the response element under 'response_x'.
Value invoke(Interp& vm, Value* args, int) {
  if (!vm.isRunningTest()) vm.raise(errors::NoSoapCallouts);
  Value mock = vm.webServiceMock();  // held: doInvoke may set another mock
  if (mock.isNull()) vm.raise(errors::CalloutWithoutMock);
  if (vm.hasUncommittedWork()) vm.raise(errors::UncommittedWorkPending);
  if (vm.limits().count(Limit::Callouts) >= vm.limits().max(Limit::Callouts)) vm.raiseLimit(Limit::Callouts);
  const std::vector<Value>& info = listOf(nonNull(vm, args[3]))->items;
  if (info.size() < Info::Count) vm.raise(errors::ListIndexOutOfBounds, info.size());
  vm.limits().add(Limit::Callouts);
  Value doInvokeArgs[] = {args[0],
                          args[1],
                          args[2],
                          info[Endpoint],
                          info[SoapAction],
                          info[RequestName],
                          info[ResponseNs],
                          info[ResponseName],
                          info[ResponseType]};
  Value ignored;
  if (!vm.callOverride(mock, "doInvoke", doInvokeArgs, int(std::size(doInvokeArgs)), &ignored))
    vm.raise(errors::MockDoesNotImplement, vm.runtimeTypeName(mock), "WebServiceMock");
  return Value();
}

// Apex Reference: WebServiceMock Interface — doInvoke(...), called through
// a WebServiceMock-typed value.
Value doInvoke(Interp& vm, Value* args, int argc) {
  Value ignored;
  if (!vm.callOverride(args[0], "doInvoke", args + 1, argc - 1, &ignored))
    vm.raise(errors::MethodNotImplemented, "doInvoke");
  return Value();
}

const sema::NativeDef kNatives[] = {
    {"WebServiceCallout", "static void invoke(Object, Object, Map<String,Object>, List<String>)", &invoke},
    {"WebServiceMock",
     "void doInvoke(Object, Object, Map<String,Object>, String, String, String, String, String, String)", &doInvoke},
};

}  // namespace

std::span<const sema::NativeDef> webServiceCalloutNatives() { return kNatives; }

}  // namespace apex::stdlib
