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

// Thread-safe: every public method may be called from many threads.
class OAuthServer {
 public:
  explicit OAuthServer(OAuthServerConfig config);

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
  };
  // One approval: its refresh tokens (one at a time, rotated or not) and the
  // access tokens issued with them are revoked together.
  using GrantId = std::uint64_t;
  struct IssuedAccessToken {
    OAuthSession session;
    TimePoint expires;
    GrantId grant;
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
  // Remembers a JWT bearer assertion (by its id) until `expires`; refuses one seen before.
  void useAssertionOnce(const std::string& id, TimePoint expires);
  void revokeGrant(GrantId grant);  // with mutex_ held
  void dropExpired(TimePoint now);  // with mutex_ held

  const OAuthServerConfig config_;
  mutable std::mutex mutex_;
  std::string instanceUrl_;
  std::map<std::string, PendingCode> codes_;
  std::map<std::string, IssuedAccessToken> accessTokens_;
  std::map<std::string, IssuedRefreshToken> refreshTokens_;
  // Redeemed codes and rotated refresh tokens, with the grant they started:
  // presenting one again revokes that grant (RFC 9700 sections 4.5 and 4.14).
  struct SpentCode {
    GrantId grant;
    TimePoint expires;
  };
  std::map<std::string, SpentCode> spentCodes_;
  std::map<std::string, GrantId> spentRefreshTokens_;
  // JWT bearer assertions already used (their jti, else the whole
  // assertion), until they expire.
  std::map<std::string, TimePoint> usedAssertions_;
  GrantId nextGrant_ = 1;
};

}  // namespace apex::runtime
