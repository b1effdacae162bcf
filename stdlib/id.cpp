// Apex Reference: Id Class.
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

bool looksLikeId(std::string_view s) {
  if (s.size() != 15 && s.size() != 18) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  return true;
}

// The 18-character form: three checksum characters encode the case of the 15.
std::string to18(std::string_view s) {
  if (s.size() != 15) return std::string(s);
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  std::string out(s);
  for (int block = 0; block < 3; ++block) {
    int bits = 0;
    for (int k = 0; k < 5; ++k) {
      char c = s[size_t(block * 5 + k)];
      if (c >= 'A' && c <= 'Z') bits |= 1 << k;
    }
    out += kAlphabet[bits];
  }
  return out;
}

// Apex Reference: Id Class — valueOf(toId)
Value valueOf(Interp& vm, Value* args, int) {
  const std::string& s = strArg(vm, args[0]);
  if (!looksLikeId(s)) vm.raise("System.StringException", "Invalid id: " + s);
  return vm.makeId(to18(s));
}
// Apex Reference: Id Class — to15()
Value to15(Interp& vm, Value* args, int) { return vm.makeString(str(args[0]).substr(0, 15)); }

const sema::NativeDef kNatives[] = {
    {"Id", "static Id valueOf(String)", &valueOf},
    {"Id", "String to15()", &to15},
};

}  // namespace

std::span<const sema::NativeDef> idNatives() { return kNatives; }

}  // namespace apex::stdlib
