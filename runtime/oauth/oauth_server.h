// The OAuth 2.0 authorization server of `apexrun serve`, standing in for a
// Salesforce org's /services/oauth2 endpoints: the project's connected apps
// are its clients, the one configured user approves every request. No HTTP
// here: the server decodes requests into maps and sends back an OAuthAnswer.
// Every answer follows Salesforce's (docs/differences.md, "`apexrun serve`:
// the OAuth server", lists where it cannot).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runtime/oauth/connected_apps.h"
#include "runtime/oauth/oauth_state.h"

namespace apex::runtime {

struct OAuthAnswer {
  int status = 200;
  std::string contentType;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Location
};

// What an access token stands for.
struct OAuthSession {
  std::string accessToken, username, userId, orgId;
  std::string scope;       // space-separated OAuth names
  std::string clientName;  // the connected app's name
};

struct OAuthServerConfig {
  ConnectedAppCatalog apps;
  // A stored secret: owner + key -> value (the credential store). Consumer
  // secret: owner = the connected app's name, key "consumerSecret". The
  // user's password (password grant): owner = the username, key "password".
  // Called without the server's lock held; an exception it throws (a value
  // that cannot be read) refuses the request as if the secret were wrong.
  std::function<std::optional<std::string>(const std::string& owner, const std::string& key)> secret;
  std::string username, userId, orgId;  // the one user the org has (UserContext)
  std::chrono::seconds tokenTtl{7200};
  bool rotateRefreshTokens = false;  // public clients' refresh tokens rotate always
  // How long a failed password grant waits before it answers, so that
  // passwords cannot be guessed at full speed.
  std::chrono::milliseconds passwordFailureDelay{1000};
  std::function<std::chrono::system_clock::time_point()> now = std::chrono::system_clock::now;  // tests move time
};

// Thread-safe: every public method may be called from many threads. What it
// issues lives in `state`: several servers on one shared state (serve
// processes on one database) honour each other's codes and tokens.
class OAuthServer {
 public:
  explicit OAuthServer(OAuthServerConfig config, std::unique_ptr<OAuthState> state = memoryOAuthState());

  // http://127.0.0.1:PORT, known once the server listens; instance_url and
  // id of the token responses, and an accepted JWT audience.
  void setInstanceUrl(std::string url);

  // GET /services/oauth2/authorize (decoded query parameters).
  OAuthAnswer authorize(const std::map<std::string, std::string>& query);
  // POST /services/oauth2/token (decoded form fields, the Authorization header or "").
  OAuthAnswer token(const std::map<std::string, std::string>& form, const std::string& authorizationHeader);
  // POST /services/oauth2/revoke (decoded form fields, the Authorization header or "").
  OAuthAnswer revoke(const std::map<std::string, std::string>& form, const std::string& authorizationHeader);
  // nullopt: unknown, expired or revoked.
  std::optional<OAuthSession> session(const std::string& accessToken) const;

 private:
  using TimePoint = std::chrono::system_clock::time_point;
  // An authorization code waiting for its token request.
  struct PendingCode {
    std::string clientName, redirectUri, scope;
    std::string challenge, challengeMethod;  // empty without PKCE
    TimePoint expires;
    GrantId grant = 0;  // the grant its redemption starts
  };
  struct IssuedRefreshToken {
    std::string clientName, scope;
    GrantId grant;
  };
  struct Client;  // an authenticated connected app (oauth_server.cpp)

  OAuthAnswer grant(const std::string& grantType, const std::map<std::string, std::string>& form,
                    const std::string& authorizationHeader);
  Client authenticate(const std::string& grantType, const std::map<std::string, std::string>& form,
                      const std::string& authorizationHeader) const;
  OAuthAnswer authorizationCodeGrant(const Client& client, const std::map<std::string, std::string>& form);
  OAuthAnswer refreshTokenGrant(const Client& client, const std::map<std::string, std::string>& form);
  OAuthAnswer passwordGrant(const Client& client, const std::map<std::string, std::string>& form);
  OAuthAnswer jwtBearerGrant(const std::map<std::string, std::string>& form);
  // The token response; a refresh token when `refresh` (in `grant`, or a new grant when nullopt).
  OAuthAnswer issue(const Client& client, const std::string& scope, bool refresh, std::optional<GrantId> grant,
                    bool clientCredentials = false);
  std::string consumerSecret(const ConnectedApp& app) const;
  bool rotates(const Client& client) const;
  // The redeemable code, which is spent by this call whether or not it was.
  std::optional<PendingCode> redeemCode(const std::string& code);
  // The client's refresh token; spent by this call when `rotate`.
  std::optional<IssuedRefreshToken> useRefreshToken(const std::string& token, const std::string& clientName,
                                                    bool rotate);
  // Remembers a JWT bearer assertion (by its id) until `expires`; refuses one seen before.
  void useAssertionOnce(const std::string& id, TimePoint expires);
  std::string instanceUrl() const;

  const OAuthServerConfig config_;
  const std::unique_ptr<OAuthState> state_;
  mutable std::mutex mutex_;  // guards instanceUrl_
  std::string instanceUrl_;
};

}  // namespace apex::runtime
