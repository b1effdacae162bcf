// `apexrun test --watch`: which test classes a changed class affects. A
// class depends on every class whose name it mentions (an identifier
// outside comments and string literals): a superset of what it uses, so
// no affected test is left out.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace apex::runtime {

// The identifiers of Apex source, folded to lower case, outside comments
// and string literals.
std::set<std::string> mentionedNames(std::string_view source);

// The classes of `tests` (folded names) that mention a class of `changed`
// directly or through other classes, or are one. `mentions` maps each
// class (folded) to the names it mentions.
std::set<std::string> affectedTests(const std::map<std::string, std::set<std::string>>& mentions,
                                    const std::set<std::string>& changed, const std::set<std::string>& tests);

}  // namespace apex::runtime
