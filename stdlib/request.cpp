// Apex Reference: Request Class — getCurrent(), getRequestId(),
// getQuiddity(): the transaction running now. The host says how it runs
// (anonymous Apex, a test method, an Apex REST request); the Id is made when
// first asked for and stays the same for the transaction.
#include <random>

#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "stdlib/schema_objects.h"

namespace apex::stdlib {
namespace {

struct RequestState : interp::NativeState {
  std::string requestId;
  std::string_view quiddity;
  std::string toString() const override { return "System.Request[getQuiddity=" + std::string(quiddity) + ";getRequestId=" + requestId + ";]"; }
};

// 22 letters and digits, the form of the request Ids in Salesforce's event
// logs.
std::string newRequestId() {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  std::string id(22, ' ');
  for (char& c : id) c = kAlphabet[pick(random)];
  return id;
}

Value getCurrent(Interp& vm, Value*, int) {
  if (vm.requestId().empty()) vm.requestId() = newRequestId();
  auto state = std::make_unique<RequestState>();
  state->requestId = vm.requestId();
  state->quiddity = vm.quiddity();
  return vm.makeNativeInstance("System.Request", std::move(state), sizeof(RequestState));
}

Value getRequestId(Interp& vm, Value* args, int) { return vm.makeString(stateOf<RequestState>(args[0]).requestId); }

Value getQuiddity(Interp& vm, Value* args, int) {
  return enumConstant(vm, "System.Quiddity", stateOf<RequestState>(args[0]).quiddity);
}

const sema::NativeDef kNatives[] = {
    {"Request", "static Request getCurrent()", &getCurrent},
    {"Request", "String getRequestId()", &getRequestId},
    {"Request", "Quiddity getQuiddity()", &getQuiddity},
};

}  // namespace

std::span<const sema::NativeDef> requestNatives() { return kNatives; }

}  // namespace apex::stdlib
