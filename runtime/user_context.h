// The running user and their org, as UserInfo reports them and as the
// local forms of Date and Datetime read them (the user's time zone).
// Read from `.apexrun/user.json` in the SFDX project; every key is
// optional and defaults to the values below (docs/user.md).
#pragma once

#include <filesystem>
#include <string>
#include <variant>

namespace apex::runtime {

struct UserContext {
  // Ids: 15 or 18 characters with the User (005), Organization (00D) and
  // Profile (00e) key prefixes; roleId is empty when the user has no role.
  std::string userId = "005000000000001AAA";
  std::string userName = "apexrun@example.com";
  std::string firstName = "Apex";
  std::string lastName = "Runner";
  std::string email = "apexrun@example.com";
  std::string userType = "Standard";
  std::string profileId = "00e000000000001AAA";
  std::string roleId;
  std::string timeZone = "GMT";  // a TimeZoneSidKey: an IANA ID or GMT
  std::string locale = "en_US";
  std::string language = "en_US";
  std::string currency = "USD";
  std::string uiTheme = "Theme4d";
  std::string organizationId = "00D000000000001EAA";
  std::string organizationName = "apexrun";
  bool multiCurrency = false;

  static const UserContext& defaults();
};

// Reads `<projectRoot>/.apexrun/user.json`; the defaults when there is no
// such file. The error names the file and the problem.
std::variant<UserContext, std::string> loadUserContext(const std::filesystem::path& projectRoot);

}  // namespace apex::runtime
