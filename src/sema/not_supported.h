// The platform features apexrun does not have yet, in one table: a class
// that names one fails to compile with `apexrun does not support X yet`
// (Diagnostic::NotSupportedYet) instead of `Invalid type: X` or `Variable
// does not exist: X`. The resolver asks only once a name has not been found,
// so a project's own class of the same name wins. Work that adds a feature
// removes its entries.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apex::sema {

// The entry a name as written (`Database.Batchable`, `SObjectType`,
// `Trigger.new`, `System.enqueueJob`) stands for: an entry itself, or a
// member or type inside one (`Flow.Interview` is inside `Flow`). Types of
// the Schema and System namespaces may be written without the namespace. In any case; nullopt when the name is no entry.
std::optional<std::string_view> notSupportedYet(const std::vector<std::string>& parts);

}  // namespace apex::sema
