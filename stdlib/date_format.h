// java.text.SimpleDateFormat patterns in en_US, which Datetime.format and
// its kin follow, and the text forms Date and Datetime parse. Internal to
// stdlib/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/temporal.h"
#include "base/zones.h"
#include "stdlib/native.h"

namespace apex::stdlib {

// `instant` in `zone` through a SimpleDateFormat pattern; an unknown pattern
// letter or an unterminated quote raises System.StringException.
std::string formatDatetime(Interp& vm, const Datetime& instant, std::string_view pattern, const Zone& zone);

struct LocalFields {
  Date date;
  Time time;
};
// `yyyy-MM-dd HH:mm:ss[.SSS]` or `yyyy-MM-dd` (Datetime.valueOf).
std::optional<LocalFields> parseDatetimeValue(std::string_view text);
// The en_US short forms: `M/d/yyyy` (Date.parse) and `M/d/yyyy h:mm a`
// (Datetime.parse); a two-digit year is within 80 years before and 20
// after today, as SimpleDateFormat reads `yy`.
std::optional<Date> parseShortDate(std::string_view text);
std::optional<LocalFields> parseShortDatetime(std::string_view text);

}  // namespace apex::stdlib
