#include "interp/errors.h"

namespace apex::interp::errors {

std::string format(std::string_view format, std::initializer_list<Arg> args) {
  std::string out;
  out.reserve(format.size() + 16 * args.size());
  const Arg* next = args.begin();
  size_t from = 0;
  for (size_t at = format.find("{}"); at != std::string_view::npos; at = format.find("{}", from)) {
    out.append(format, from, at - from);
    if (next != args.end()) out += (next++)->text();
    from = at + 2;
  }
  out.append(format, from);
  return out;
}

}  // namespace apex::interp::errors
