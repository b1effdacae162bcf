// Record Ids: the 15-character case-sensitive form and the 18-character
// form whose last three characters encode the casing of the first fifteen
// (Apex Reference: Id Class; shared/spec/data-facts.md, "Record Ids").
//
// apexrun's Ids are the object's 3-character key prefix and a counter in
// base 62 (0-9, A-Z, a-z) written in 12 characters, so that Ids of one
// object sort as their counters do: 001000000000001AAA is the first Account.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace apex {

// The three characters that make a 15-character Id case-insensitive: for
// each group of five characters, a bit per upper-case letter A-Z, mapped
// through ABCDEFGHIJKLMNOPQRSTUVWXYZ012345.
std::string idChecksum(std::string_view fifteen);

// `id` in 18 characters: a 15-character Id with its checksum added; any
// other text (an 18-character Id included) unchanged.
std::string toEighteen(std::string_view id);

// True for 15 or 18 letters and digits, the shape every Id has.
bool looksLikeId(std::string_view text);

// The 18-character Id numbered `number` of the object with `keyPrefix`
// (three characters). `number` must be below 62^12.
std::string recordId(std::string_view keyPrefix, std::uint64_t number);

// The number recordId wrote into `id` (15 or 18 characters), or nullopt
// when its characters after the prefix are not a base-62 counter.
std::optional<std::uint64_t> recordNumber(std::string_view id);

}  // namespace apex
