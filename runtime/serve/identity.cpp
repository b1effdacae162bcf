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

std::string nickName(const UserContext& user) { return user.firstName.empty() ? user.lastName : user.firstName; }
std::string fullName(const UserContext& user) {
  return user.firstName.empty() ? user.lastName : user.firstName + " " + user.lastName;
}

// What both answers end with: the REST endpoints and the account's state.
void addAccountFields(Json& out, const UserContext& user, const std::string& instanceUrl) {
  out["urls"] = urlsOf(user, instanceUrl);
  out["active"] = true;
  out["user_type"] = userType(user);
  out["language"] = user.language;
  out["locale"] = user.locale;
  out["utcOffset"] = utcOffsetMillis(user);
  out["is_app_installed"] = true;
}

}  // namespace

Json identityOf(const UserContext& user, const std::string& instanceUrl) {
  Json out = {{"id", identityUrl(user, instanceUrl)},
              {"asserted_user", true},
              {"user_id", user.userId},
              {"organization_id", user.organizationId},
              {"username", user.userName},
              {"nick_name", nickName(user)},
              {"display_name", fullName(user)},
              {"email", user.email},
              {"email_verified", true},
              {"first_name", user.firstName},
              {"last_name", user.lastName},
              {"timezone", user.timeZone},
              {"status", {{"created_date", nullptr}, {"body", nullptr}}}};
  addAccountFields(out, user, instanceUrl);
  return out;
}

Json userInfoOf(const UserContext& user, const std::string& instanceUrl) {
  Json out = {{"sub", identityUrl(user, instanceUrl)},
              {"user_id", user.userId},
              {"organization_id", user.organizationId},
              {"preferred_username", user.userName},
              {"nickname", nickName(user)},
              {"name", fullName(user)},
              {"email", user.email},
              {"email_verified", true},
              {"given_name", user.firstName},
              {"family_name", user.lastName},
              {"zoneinfo", user.timeZone},
              {"profile", instanceUrl + "/" + user.userId}};
  addAccountFields(out, user, instanceUrl);
  return out;
}

}  // namespace apex::runtime
