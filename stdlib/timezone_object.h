// A new System.TimeZone object for a zone (timezone.cpp); UserInfo.getTimeZone
// makes one too. Internal to stdlib/.
#pragma once

#include <memory>

#include "base/zones.h"
#include "stdlib/native.h"

namespace apex::stdlib {

Value makeTimeZone(Interp& vm, std::shared_ptr<const Zone> zone);

}  // namespace apex::stdlib
