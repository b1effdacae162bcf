// The org-wide limits a local org reports, with a Developer Edition org's
// figures: OrgLimits in Apex and the REST API's `limits` resource of
// `apexrun serve` read the same table.
#pragma once

#include <string_view>

namespace apex::stdlib {

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
