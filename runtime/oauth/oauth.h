// OAuth 2.0 client side: the token requests a Named Credential's
// authentication needs (RFC 6749, RFC 7636 PKCE, RFC 7523 JWT bearer), as
// the platform makes them through an Auth Provider or External Credential.
// No state: what to store is the caller's business (credential_store.h).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runtime/net/transport.h"

namespace apex::runtime {

// The client as the token endpoint knows it.
struct OAuthClient {
  std::string tokenUrl;
  std::string clientId;
  std::string clientSecret;        // may be empty (PKCE public clients)
  bool sendCredentialsInHeader = false;  // HTTP Basic instead of form fields
  // Secrets go to a plain-http token endpoint only on this machine
  // (isLoopbackHost), unless this is set (`--insecure`).
  bool allowPlainHttp = false;
  TlsOptions tls;
};

struct TokenResponse {
  std::string accessToken;
  std::string refreshToken;  // empty when none was issued
  std::string tokenType;
  std::string instanceUrl;
  std::string scope;
  std::string id;
  std::optional<long long> expiresAt;  // epoch seconds, from expires_in when given
  std::map<std::string, std::string> raw;  // every string field of the response (numbers and booleans as JSON text)
};

// A token request the server refused (`error`, `error_description`) or that
// could not be made (`error` empty, `description` says why).
struct OAuthError {
  std::string error;
  std::string description;
  int httpStatus = 0;
  // `error: description` or the transport's reason; never a secret, and
  // without the control characters a server may have put in its text.
  std::string message() const;
};

using TokenResult = std::variant<TokenResponse, OAuthError>;

// grant_type=refresh_token
TokenResult refreshAccessToken(const OAuthClient& client, const std::string& refreshToken);
// grant_type=client_credentials
TokenResult clientCredentialsGrant(const OAuthClient& client, const std::string& scope);
// grant_type=authorization_code (with the PKCE verifier when not empty)
TokenResult authorizationCodeGrant(const OAuthClient& client, const std::string& code, const std::string& redirectUri,
                                   const std::string& codeVerifier);
// grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer with a JWT signed
// RS256 by `privateKeyPem`: iss = issuer, sub = subject, aud = audience,
// exp = now + lifetime, plus `extraClaims`.
struct JwtBearer {
  std::string issuer;
  std::string subject;
  std::string audience;
  std::chrono::seconds lifetime{300};
  std::map<std::string, std::string> extraClaims;
  std::string privateKeyPem;
};
TokenResult jwtBearerGrant(const OAuthClient& client, const JwtBearer& jwt);

// The signed compact JWT (header.payload.signature, base64url), or the error.
std::variant<std::string, std::string> signJwtRs256(const JwtBearer& jwt, std::chrono::system_clock::time_point now);

// PKCE (RFC 7636): a random verifier and its S256 challenge.
struct Pkce {
  std::string verifier;
  std::string challenge;
};
Pkce makePkce();
// The S256 challenge of a verifier: base64url(SHA-256(verifier)).
std::string pkceChallenge(std::string_view verifier);
// SHA-256 of `bytes` in base64url without padding: 43 characters.
std::string sha256Base64Url(std::string_view bytes);
std::string randomState();  // an unguessable `state` value

// `count` bytes from OpenSSL's CSPRNG.
std::string randomBytes(size_t count);

// The authorization code flow in a terminal: builds the authorize URL,
// waits on a 127.0.0.1 loopback port for the redirect, and exchanges the
// code. A request to the loopback port without the `state` apexrun sent is
// answered 400 and ignored: the sign-in waits on.
struct AuthorizationRequest {
  std::string authorizeUrl;
  std::string scope;
  bool usePkce = true;
  int port = 0;                       // 0: any free port
  std::chrono::seconds timeout{300};  // how long to wait for the redirect
  // Called with the URL to open; the caller prints it and may start a browser.
  std::function<void(const std::string& url)> showUrl;
  // For tests and CI against servers that approve without a person: apexrun
  // itself requests the authorize URL and follows its redirects to the
  // loopback listener.
  bool followAutomatically = false;
};
TokenResult loginWithAuthorizationCode(const OAuthClient& client, const AuthorizationRequest& request);

}  // namespace apex::runtime
