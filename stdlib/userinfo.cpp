// Apex Reference: UserInfo Class. The running user comes from the project's
// `.apexrun/user.json` (runtime/project/user_context.h), or the defaults there.
#include "base/zones.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"
#include "stdlib/timezone_object.h"

namespace apex::stdlib {
namespace {

using interp::UserContext;

template <std::string UserContext::*field>
Value text(Interp& vm, Value*, int) { return vm.makeString(vm.user().*field); }
template <std::string UserContext::*field>
Value id(Interp& vm, Value*, int) {
  const std::string& value = vm.user().*field;
  return value.empty() ? Value() : vm.makeIdChecked(value);
}

// Apex Reference: UserInfo Class — getName(): first and last name
Value getName(Interp& vm, Value*, int) {
  const UserContext& user = vm.user();
  return vm.makeString(user.firstName.empty() ? user.lastName : user.firstName + " " + user.lastName);
}
// Apex Reference: UserInfo Class — getTimeZone()
Value getTimeZone(Interp& vm, Value*, int) { return makeTimeZone(vm, Zone::forId(vm.user().timeZone)); }
// Apex Reference: UserInfo Class — isMultiCurrencyOrganization()
Value isMultiCurrencyOrganization(Interp& vm, Value*, int) { return boolean(vm.user().multiCurrency); }
// Apex Reference: UserInfo Class — getSessionId(): no session runs apexrun
Value getSessionId(Interp&, Value*, int) { return Value(); }
// Apex Reference: UserInfo Class — isCurrentUserLicensed(namespace): no
// managed package is installed locally
Value isCurrentUserLicensed(Interp& vm, Value* args, int) {
  strArg(vm, args[0]);
  return boolean(false);
}

// Apex Reference: UserInfo Class — getUserId(), getUserName(), getFirstName(),
// getLastName(), getUserEmail(), getUserType(), getProfileId(), getUserRoleId(),
// getLocale(), getLanguage(), getDefaultCurrency(), getUiTheme(),
// getUiThemeDisplayed(), getOrganizationId(), getOrganizationName()
const sema::NativeDef kNatives[] = {
    {"UserInfo", "static Id getUserId()", &id<&UserContext::userId>},
    {"UserInfo", "static String getUserName()", &text<&UserContext::userName>},
    {"UserInfo", "static String getName()", &getName},
    {"UserInfo", "static String getFirstName()", &text<&UserContext::firstName>},
    {"UserInfo", "static String getLastName()", &text<&UserContext::lastName>},
    {"UserInfo", "static String getUserEmail()", &text<&UserContext::email>},
    {"UserInfo", "static String getUserType()", &text<&UserContext::userType>},
    {"UserInfo", "static Id getProfileId()", &id<&UserContext::profileId>},
    {"UserInfo", "static Id getUserRoleId()", &id<&UserContext::roleId>},
    {"UserInfo", "static String getLocale()", &text<&UserContext::locale>},
    {"UserInfo", "static String getLanguage()", &text<&UserContext::language>},
    {"UserInfo", "static String getDefaultCurrency()", &text<&UserContext::currency>},
    {"UserInfo", "static String getUiTheme()", &text<&UserContext::uiTheme>},
    {"UserInfo", "static String getUiThemeDisplayed()", &text<&UserContext::uiTheme>},
    {"UserInfo", "static Id getOrganizationId()", &id<&UserContext::organizationId>},
    {"UserInfo", "static String getOrganizationName()", &text<&UserContext::organizationName>},
    {"UserInfo", "static TimeZone getTimeZone()", &getTimeZone},
    {"UserInfo", "static Boolean isMultiCurrencyOrganization()", &isMultiCurrencyOrganization},
    {"UserInfo", "static String getSessionId()", &getSessionId},
    {"UserInfo", "static Boolean isCurrentUserLicensed(String)", &isCurrentUserLicensed},
};

}  // namespace

std::span<const sema::NativeDef> userInfoNatives() { return kNatives; }

}  // namespace apex::stdlib
