// What the local org says of itself where Apex and `apexrun serve` both ask:
// its domain, and its org-wide limits.
#pragma once

#include <string_view>

namespace apex::stdlib {

// Url.getOrgDomainUrl() and the links describe results hold: there is no
// org behind apexrun (docs/differences.md).
inline constexpr std::string_view kOrgDomainUrl = "https://apexrun.localhost";

// The org-wide limits, with a Developer Edition org's figures: OrgLimits in
// Apex and the REST API's `limits` resource of `apexrun serve` read this
// table.
struct OrgLimitDef {
  std::string_view name;
  int max;
};

inline constexpr OrgLimitDef kOrgLimits[] = {
    {"DailyApiRequests", 15000},
    {"DailyAsyncApexExecutions", 250000},
    {"DailyBulkApiBatches", 15000},
    {"DailyStreamingApiEvents", 10000},
    {"DataStorageMB", 5},
    {"FileStorageMB", 20},
    {"HourlyPublishedPlatformEvents", 50000},
    {"MassEmail", 10},
    {"SingleEmail", 15},
    {"StreamingApiConcurrentClients", 20},
};

}  // namespace apex::stdlib
