#include "runtime/serve/identity.h"

#include <cctype>

#include "base/temporal.h"
#include "base/zones.h"

namespace apex::runtime {
namespace {

using Json = nlohmann::ordered_json;

std::string identityUrl(const UserContext& user, const std::string& instanceUrl) {
  return instanceUrl + "/id/" + user.organizationId + "/" + user.userId;
}

// The REST endpoints a client finds through its identity, `{version}` left
// for it to fill in, as Salesforce gives them.
Json urlsOf(const UserContext& user, const std::string& instanceUrl) {
  std::string data = instanceUrl + "/services/data/v{version}/";
  return {{"enterprise", instanceUrl + "/services/Soap/c/{version}/" + user.organizationId.substr(0, 15)},
          {"metadata", instanceUrl + "/services/Soap/m/{version}/" + user.organizationId.substr(0, 15)},
          {"partner", instanceUrl + "/services/Soap/u/{version}/" + user.organizationId.substr(0, 15)},
          {"rest", data},
          {"sobjects", data + "sobjects/"},
          {"search", data + "search/"},
          {"query", data + "query/"},
          {"recent", data + "recent/"},
          {"tooling_soap", instanceUrl + "/services/Soap/T/{version}/" + user.organizationId.substr(0, 15)},
          {"tooling_rest", data + "tooling/"},
          {"profile", instanceUrl + "/" + user.userId},
          {"feeds", data + "chatter/feeds"},
          {"groups", data + "chatter/groups"},
          {"users", data + "chatter/users"},
          {"feed_items", data + "chatter/feed-items"},
          {"custom_domain", instanceUrl}};
}

// The user's offset from UTC now, in milliseconds.
int64_t utcOffsetMillis(const UserContext& user) {
  return Zone::forId(user.timeZone)->offsetMillisAt(Datetime::nowMillis());
}

std::string userType(const UserContext& user) {
  std::string type;
  for (char c : user.userType) type += char(std::toupper(static_cast<unsigned char>(c)));
  return type;
}

}  // namespace

Json identityOf(const UserContext& user, const std::string& instanceUrl) {
  return {{"id", identityUrl(user, instanceUrl)},
          {"asserted_user", true},
          {"user_id", user.userId},
          {"organization_id", user.organizationId},
          {"username", user.userName},
          {"nick_name", user.firstName.empty() ? user.lastName : user.firstName},
          {"display_name", user.firstName.empty() ? user.lastName : user.firstName + " " + user.lastName},
          {"email", user.email},
          {"email_verified", true},
          {"first_name", user.firstName},
          {"last_name", user.lastName},
          {"timezone", user.timeZone},
          {"status", {{"created_date", nullptr}, {"body", nullptr}}},
          {"urls", urlsOf(user, instanceUrl)},
          {"active", true},
          {"user_type", userType(user)},
          {"language", user.language},
          {"locale", user.locale},
          {"utcOffset", utcOffsetMillis(user)},
          {"is_app_installed", true}};
}

Json userInfoOf(const UserContext& user, const std::string& instanceUrl) {
  return {{"sub", identityUrl(user, instanceUrl)},
          {"user_id", user.userId},
          {"organization_id", user.organizationId},
          {"preferred_username", user.userName},
          {"nickname", user.firstName.empty() ? user.lastName : user.firstName},
          {"name", user.firstName.empty() ? user.lastName : user.firstName + " " + user.lastName},
          {"email", user.email},
          {"email_verified", true},
          {"given_name", user.firstName},
          {"family_name", user.lastName},
          {"zoneinfo", user.timeZone},
          {"profile", instanceUrl + "/" + user.userId},
          {"urls", urlsOf(user, instanceUrl)},
          {"active", true},
          {"user_type", userType(user)},
          {"language", user.language},
          {"locale", user.locale},
          {"utcOffset", utcOffsetMillis(user)},
          {"is_app_installed", true}};
}

}  // namespace apex::runtime
