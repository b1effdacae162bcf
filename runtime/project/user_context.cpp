#include "runtime/project/user_context.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/zones.h"

namespace apex::runtime {

namespace {

namespace fs = std::filesystem;

bool isIdWithPrefix(const std::string& id, std::string_view prefix) {
  bool alnum = std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  return (id.size() == 15 || id.size() == 18) && alnum && id.starts_with(prefix);
}

}  // namespace

std::variant<UserContext, std::string> loadUserContext(const fs::path& projectRoot) {
  fs::path file = projectRoot / ".apexrun" / "user.json";
  std::ifstream in(file);
  if (!in) return UserContext::defaults();
  std::string where = file.string() + ": ";
  nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return where + "not a JSON object";

  UserContext user;
  struct Key {
    const char* name;
    std::string UserContext::*field;
  };
  static const Key kStringKeys[] = {
      {"userId", &UserContext::userId},       {"userName", &UserContext::userName},
      {"firstName", &UserContext::firstName}, {"lastName", &UserContext::lastName},
      {"email", &UserContext::email},         {"userType", &UserContext::userType},
      {"profileId", &UserContext::profileId}, {"roleId", &UserContext::roleId},
      {"timeZone", &UserContext::timeZone},   {"locale", &UserContext::locale},
      {"language", &UserContext::language},   {"currency", &UserContext::currency},
      {"uiTheme", &UserContext::uiTheme},     {"organizationId", &UserContext::organizationId},
      {"organizationName", &UserContext::organizationName},
  };
  for (const auto& item : json.items()) {
    const std::string& name = item.key();
    const nlohmann::json& value = item.value();
    if (name == "multiCurrency") {
      if (!value.is_boolean()) return where + "\"multiCurrency\" must be true or false";
      user.multiCurrency = value.get<bool>();
      continue;
    }
    auto key = std::find_if(std::begin(kStringKeys), std::end(kStringKeys),
                            [&name](const Key& k) { return name == k.name; });
    if (key == std::end(kStringKeys)) return where + "unknown key \"" + name + "\"";
    if (!value.is_string()) return where + "\"" + name + "\" must be a string";
    user.*(key->field) = value.get<std::string>();
  }
  if (!isIdWithPrefix(user.userId, "005")) return where + "\"userId\" must be a 15 or 18 character Id starting 005";
  if (!isIdWithPrefix(user.organizationId, "00D"))
    return where + "\"organizationId\" must be a 15 or 18 character Id starting 00D";
  if (!isIdWithPrefix(user.profileId, "00e"))
    return where + "\"profileId\" must be a 15 or 18 character Id starting 00e";
  if (!user.roleId.empty() && !isIdWithPrefix(user.roleId, "00E"))
    return where + "\"roleId\" must be a 15 or 18 character Id starting 00E";
  if (Zone::forId(user.timeZone)->id() != user.timeZone)
    return where + "\"timeZone\" " + user.timeZone + " is not a time zone ID (such as America/New_York or GMT)";
  return user;
}

}  // namespace apex::runtime
