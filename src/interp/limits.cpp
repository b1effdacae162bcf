#include "interp/limits.h"

namespace apex::interp {

std::string limitExceeded(Limit limit, int64_t value) {
  std::string message(limitSpec(limit).exceeded);
  if (size_t at = message.find("{}"); at != std::string::npos) message.replace(at, 2, std::to_string(value));
  return message;
}

}  // namespace apex::interp
