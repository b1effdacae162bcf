// Apex Reference: Blob Class.
#include "base/text.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// Apex Reference: Blob Class — valueOf(stringToBlob): the String's UTF-8 bytes
Value valueOf(Interp& vm, Value* args, int) { return vm.makeBlob(strArg(vm, args[0])); }
// Apex Reference: Blob Class — size()
Value size(Interp&, Value* args, int) {
  return integer(int32_t(args[0].as<interp::BlobObj>()->bytes.size()));
}
// Apex Reference: Blob Class — toString(): the bytes read as UTF-8
Value toString(Interp& vm, Value* args, int) {
  const std::string& b = args[0].as<interp::BlobObj>()->bytes;
  if (!text::isValidUtf8(b)) vm.raise(interp::errors::BlobNotUtf8);
  return vm.makeString(b);
}

const sema::NativeDef kNatives[] = {
    {"Blob", "static Blob valueOf(String)", &valueOf},
    {"Blob", "Integer size()", &size},
    {"Blob", "String toString()", &toString},
};

}  // namespace

std::span<const sema::NativeDef> blobNatives() { return kNatives; }

}  // namespace apex::stdlib
