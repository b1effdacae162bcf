#include "sema/diagnostics.h"

namespace apex::sema {

// Scans the format once, so that a `{}` inside an argument stays as written.
std::string formatDiagnostic(std::string_view format, std::initializer_list<std::string_view> arguments) {
  std::string text;
  const std::string_view* next = arguments.begin();
  size_t from = 0;
  for (size_t at = format.find("{}"); at != std::string_view::npos; at = format.find("{}", from)) {
    text += format.substr(from, at - from);
    text += *next++;
    from = at + 2;
  }
  return text += format.substr(from);
}

}  // namespace apex::sema
