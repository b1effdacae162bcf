// Apex Reference: Exception Class — the methods every exception has.
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

interp::ExceptionData* data(Interp& vm, const Value& v) {
  auto* o = v.as<interp::InstanceObj>();
  if (!o->exception) o->exception = new interp::ExceptionData();
  (void)vm;
  return o->exception;
}

// Apex Reference: Exception Class — getMessage(), setMessage(message)
Value getMessage(Interp& vm, Value* args, int) { return data(vm, args[0])->message; }
Value setMessage(Interp& vm, Value* args, int) {
  data(vm, args[0])->message = args[1];
  return Value();
}
// Apex Reference: Exception Class — getTypeName(): `System.ListException`, `MyException`
Value getTypeName(Interp& vm, Value* args, int) { return vm.makeString(vm.runtimeTypeName(args[0])); }
// Apex Reference: Exception Class — getCause(), initCause(cause)
Value getCause(Interp& vm, Value* args, int) { return data(vm, args[0])->cause; }
Value initCause(Interp& vm, Value* args, int) {
  data(vm, args[0])->cause = args[1];
  return Value();
}
// Apex Reference: Exception Class — getLineNumber(), getStackTraceString()
Value getLineNumber(Interp& vm, Value* args, int) { return integer(data(vm, args[0])->line); }
Value getStackTraceString(Interp& vm, Value* args, int) {
  return vm.makeString(data(vm, args[0])->stackTrace);
}
// Exception.toString(): `System.ListException: message`
Value toString(Interp& vm, Value* args, int) { return vm.makeString(vm.stringValueOf(args[0])); }

const sema::NativeDef kNatives[] = {
    {"Exception", "String getMessage()", &getMessage},
    {"Exception", "void setMessage(String)", &setMessage},
    {"Exception", "String getTypeName()", &getTypeName},
    {"Exception", "Exception getCause()", &getCause},
    {"Exception", "void initCause(Exception)", &initCause},
    {"Exception", "Integer getLineNumber()", &getLineNumber},
    {"Exception", "String getStackTraceString()", &getStackTraceString},
    {"Exception", "String toString()", &toString},
};

}  // namespace

std::span<const sema::NativeDef> exceptionNatives() { return kNatives; }

}  // namespace apex::stdlib
