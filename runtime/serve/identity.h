// Who a session belongs to, as Salesforce answers it: the OpenID Connect
// UserInfo endpoint (/services/oauth2/userinfo) and the identity URL
// (/id/<orgId>/<userId>) that token responses name in `id` (Salesforce
// Help, "Identity URLs", "UserInfo Endpoint").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "runtime/project/user_context.h"

namespace apex::runtime {

// The identity URL's answer for `user` on the org at `instanceUrl`.
nlohmann::ordered_json identityOf(const UserContext& user, const std::string& instanceUrl);
// The UserInfo endpoint's answer: the OpenID Connect claims and the same
// `urls`.
nlohmann::ordered_json userInfoOf(const UserContext& user, const std::string& instanceUrl);

}  // namespace apex::runtime
