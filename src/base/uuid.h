// Version 4 (random) UUIDs in their text form (RFC 9562), for the
// identifiers the platform makes: a platform event's EventUuid.
#pragma once

#include <string>

namespace apex {

// `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, lower-case hex, y one of 8 9 a b.
std::string randomUuid();

}  // namespace apex
