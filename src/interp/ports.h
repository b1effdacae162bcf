// The ports: what the engine needs from its host, as small interfaces.
//
// The engine (the evaluator and the standard library's natives) writes the
// debug log, sends callouts, reads static resources and asks who the running
// user is only through these. The host (runtime/) implements them: the debug
// log in runtime/log, callouts in runtime/callouts, static resources and the
// user in runtime/project. An Interp without a port behaves as a bare
// transaction: callouts fail, static resources are missing, the user is the
// default one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "base/http_message.h"

namespace apex::interp {

// The debug log's events that Apex code causes.
class LogPort {
 public:
  virtual ~LogPort() = default;
  // USER_DEBUG|[line]|LEVEL|message
  virtual void userDebug(int line, std::string_view level, std::string_view message) = 0;
  virtual void exceptionThrown(int line, std::string_view text) = 0;
  // CALLOUT_REQUEST|[line]|... and CALLOUT_RESPONSE|[line]|...
  virtual void calloutRequest(int line, std::string_view request) = 0;
  virtual void calloutResponse(int line, std::string_view response) = 0;
};

using CalloutResult = std::variant<CalloutResponse, CalloutFailure>;

// Where Http.send goes.
class CalloutPort {
 public:
  virtual ~CalloutPort() = default;
  // Sends one callout made at Apex line `line`. `budgetMillis` is what is
  // left of the transaction's cumulative callout time; `elapsedMillis`
  // receives the time the callout took.
  virtual CalloutResult send(const CalloutRequest& request, int line, int budgetMillis,
                             long long* elapsedMillis) = 0;
  // `text` as the debug log may show it: the run's secrets replaced.
  virtual std::string maskSecrets(std::string_view text) const = 0;
};

// A static resource's content (Metadata API: StaticResource).
struct StaticResource {
  std::string name;
  std::string contentType;
  std::string body;
};

class StaticResourcePort {
 public:
  virtual ~StaticResourcePort() = default;
  // The resource named `name` (case-insensitive); the error says which
  // resource or file is missing or unreadable.
  virtual std::variant<StaticResource, std::string> load(std::string_view name) const = 0;
};

// The running user and their org, as UserInfo reports them and as the local
// forms of Date and Datetime read them (the user's time zone).
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

}  // namespace apex::interp
