#include "runtime/oauth/oauth_server.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "base/base64.h"
#include "base/text.h"
#include "base/url_encoding.h"
#include "runtime/oauth/oauth.h"

namespace apex::runtime {
namespace {

// Salesforce's field order, which some clients' tests compare as text.
using Json = nlohmann::ordered_json;
using Fields = std::map<std::string, std::string>;

constexpr std::string_view kJwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
constexpr std::string_view kJsonType = "application/json;charset=UTF-8";
// "The authorization code is valid for 15 minutes" (Salesforce Help, OAuth
// 2.0 Web Server Flow for Web App Integration).
constexpr auto kCodeLifetime = std::chrono::minutes(15);
// "exp: ... the expiration time of the assertion within 3 minutes"
// (Salesforce Help, OAuth 2.0 JWT Bearer Flow): apexrun allows 5, the
// lifetime its own client signs, and a minute of clock difference.
constexpr auto kLongestAssertionLifetime = std::chrono::minutes(6);

// An error answer, thrown inside a request and answered by its entry point.
struct Refusal {
  int status;
  std::string error;
  std::string description;
};

Refusal invalidClient() { return {400, "invalid_client", "invalid client credentials"}; }
Refusal unknownClient() { return {400, "invalid_client_id", "client identifier invalid"}; }
Refusal invalidGrant(std::string description) { return {400, "invalid_grant", std::move(description)}; }

// Well-formed UTF-8: an error may quote a parameter's invalid bytes.
OAuthAnswer json(int status, const Json& body) {
  return {status, std::string(kJsonType), body.dump(-1, ' ', false, Json::error_handler_t::replace), {}};
}

OAuthAnswer refused(const Refusal& refusal) {
  return json(refusal.status, Json{{"error", refusal.error}, {"error_description", refusal.description}});
}

std::string field(const Fields& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? "" : it->second;
}

// Secrets are compared in constant time.
bool sameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while ((start = text.find_first_not_of(' ', start)) != std::string_view::npos) {
    size_t end = std::min(text.find(' ', start), text.size());
    std::string word(text.substr(start, end - start));
    if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(std::move(word));
    start = end;
  }
  return out;
}

// `groups` * 32 base64url characters from OpenSSL's CSPRNG.
// Random text in the characters Salesforce's tokens and codes use
// ([A-Za-z0-9._]; the Salesforce CLI refuses an access token with others):
// base64url with '.' for '-'.
std::string randomText(int groups) {
  std::string text = base64UrlEncode(randomBytes(size_t(groups) * 24));
  std::replace(text.begin(), text.end(), '-', '.');
  return text;
}

// The token response's `signature`: "Base64-encoded HMAC-SHA256 signature
// signed with the client_secret... The signature is the concatenated ID and
// issued_at value" (Salesforce Help, OAuth 2.0 Web Server Flow).
std::string signature(const std::string& secret, const std::string& data) {
  static const unsigned char kNoKey = 0;  // HMAC needs a pointer even for an empty key
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const void* key = secret.empty() ? &kNoKey : static_cast<const void*>(secret.data());
  if (!HMAC(EVP_sha256(), key, int(secret.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
            digest, &length))
    throw std::runtime_error("OpenSSL's HMAC-SHA256 failed");
  return base64Encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

// --- what the state keeps ------------------------------------------------------

// The key a code or token is kept under: its SHA-256, so that the state
// (a database, perhaps) never holds one that works.
std::string keyOf(std::string_view secret) { return sha256Base64Url(secret); }

// Random, so that servers sharing one state never start the same grant; 63
// bits, as SQL's integers hold them.
GrantId newGrant() {
  std::string bytes = randomBytes(sizeof(GrantId));
  GrantId grant = 0;
  for (unsigned char byte : bytes) grant = grant << 8 | byte;
  grant &= 0x7fffffffffffffffULL;
  return grant == 0 ? 1 : grant;
}

// An entry's data; a discarded value when it is not JSON (a damaged row).
nlohmann::json entryData(const IssuedEntry& entry) { return nlohmann::json::parse(entry.data, nullptr, false); }

// A string member of a JSON object; "" when absent or not a string.
std::string member(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return "";
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// The connected app a token was issued to.
std::string clientOf(const IssuedEntry& entry) { return member(entryData(entry), "client"); }

// --- scopes ------------------------------------------------------------------

std::vector<std::string> appScopes(const ConnectedApp& app) {
  std::vector<std::string> out;
  for (const std::string& scope : app.scopes) out.push_back(oauthScopeName(scope));
  return out;
}

bool has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool isRefreshScope(std::string_view scope) { return scope == "refresh_token" || scope == "offline_access"; }

// Whether the app's scopes allow a requested one, with the synonyms and
// inclusions of Salesforce Help, "OAuth Tokens and Scopes": refresh_token is
// offline_access; id, profile, email, address and phone are one; api
// includes chatter_api, web includes visualforce; full encompasses every
// scope but refresh_token.
bool allows(const std::vector<std::string>& granted, const std::string& requested) {
  static const std::set<std::string_view> kIdentity = {"id", "profile", "email", "address", "phone"};
  if (has(granted, requested)) return true;
  if (isRefreshScope(requested)) return has(granted, "refresh_token");
  if (kIdentity.count(requested))
    return std::any_of(granted.begin(), granted.end(), [](const std::string& g) { return kIdentity.count(g) > 0; }) ||
           has(granted, "full");
  if (requested == "chatter_api" && has(granted, "api")) return true;
  if (requested == "visualforce" && has(granted, "web")) return true;
  return has(granted, "full");
}

// The scope an authorize request gets: the requested scopes, which must all
// be the app's, or every scope of the app.
std::string grantedScope(const ConnectedApp& app, const std::string& requested) {
  std::vector<std::string> granted = appScopes(app);
  if (requested.empty()) return text::join(granted, " ");
  std::vector<std::string> asked = words(requested);
  for (const std::string& scope : asked)
    if (!allows(granted, scope)) throw Refusal{400, "invalid_scope", "the requested scope is not allowed"};
  return text::join(asked, " ");
}

// The app's scopes for the flows that never issue a refresh token.
std::string scopesWithoutRefresh(const ConnectedApp& app) {
  std::vector<std::string> scopes = appScopes(app);
  std::erase_if(scopes, [](const std::string& s) { return isRefreshScope(s); });
  return text::join(scopes, " ");
}

bool includesRefresh(const std::string& scope) {
  std::vector<std::string> list = words(scope);
  return std::any_of(list.begin(), list.end(), [](const std::string& s) { return isRefreshScope(s); });
}

// --- PKCE (RFC 7636) ----------------------------------------------------------

// Section 4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." /
// "_" / "~". A plain challenge is a verifier, an S256 one 43 of them.
bool isPkceText(std::string_view text) {
  if (text.size() < 43 || text.size() > 128) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
  });
}

// --- authorize ---------------------------------------------------------------

// Salesforce shows these on its own page instead of redirecting: the client
// is unknown or the redirect URI is not one it registered.
OAuthAnswer errorPage(const std::string& error, const std::string& description) {
  return {400, "text/plain;charset=UTF-8",
          "error=" + formUrlEncode(error) + "&error_description=" + formUrlEncode(description), {}};
}

OAuthAnswer redirect(const std::string& redirectUri, std::vector<std::pair<std::string, std::string>> parameters,
                     const std::optional<std::string>& state) {
  if (state) parameters.emplace_back("state", *state);
  std::string location = redirectUri;
  char separator = redirectUri.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : parameters) {
    location += separator + formUrlEncode(name) + "=" + formUrlEncode(value);
    separator = '&';
  }
  return {302, "text/plain;charset=UTF-8", "", {{"Location", location}}};
}

// --- JWT bearer --------------------------------------------------------------

struct Jwt {
  std::string signingInput;  // header.payload
  nlohmann::json header, claims;
  std::string signature;
};

Jwt parseJwt(const std::string& assertion) {
  Refusal invalid = invalidGrant("invalid assertion");
  size_t first = assertion.find('.');
  size_t second = first == std::string::npos ? first : assertion.find('.', first + 1);
  if (second == std::string::npos || assertion.find('.', second + 1) != std::string::npos) throw invalid;
  auto header = base64UrlDecode(std::string_view(assertion).substr(0, first));
  auto claims = base64UrlDecode(std::string_view(assertion).substr(first + 1, second - first - 1));
  auto signature = base64UrlDecode(std::string_view(assertion).substr(second + 1));
  if (!header || !claims || !signature) throw invalid;
  Jwt jwt{assertion.substr(0, second), nlohmann::json::parse(*header, nullptr, false),
          nlohmann::json::parse(*claims, nullptr, false), *signature};
  if (!jwt.header.is_object() || !jwt.claims.is_object()) throw invalid;
  return jwt;
}

bool verifiedRs256(const std::string& certificate, const Jwt& jwt) {
  std::shared_ptr<EVP_PKEY> key = certificatePublicKey(certificate);
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  bool verified = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
                  EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(jwt.signature.data()),
                                   jwt.signature.size(), reinterpret_cast<const unsigned char*>(jwt.signingInput.data()),
                                   jwt.signingInput.size()) == 1;
  ERR_clear_error();  // a bad signature queues its reason
  return verified;
}

// `aud` is a string or, as RFC 7519 allows, an array of them.
bool audienceAccepted(const nlohmann::json& aud, const std::vector<std::string>& accepted) {
  auto one = [&](const nlohmann::json& value) { return value.is_string() && has(accepted, value.get<std::string>()); };
  if (aud.is_array()) return std::any_of(aud.begin(), aud.end(), one);
  return one(aud);
}

}  // namespace

struct OAuthServer::Client {
  const ConnectedApp* app;
  std::string secret;     // the stored consumer secret; empty when none is stored
  bool isPublic = false;  // authenticated by its consumer key alone
};

OAuthServer::OAuthServer(OAuthServerConfig config, std::unique_ptr<OAuthState> state)
    : config_(std::move(config)), state_(std::move(state)) {}

void OAuthServer::setInstanceUrl(std::string url) {
  std::lock_guard lock(mutex_);
  instanceUrl_ = std::move(url);
}

std::string OAuthServer::instanceUrl() const {
  std::lock_guard lock(mutex_);
  return instanceUrl_;
}

// Salesforce Help, "OAuth 2.0 Web Server Flow for Web App Integration": the
// user is the configured one and approves at once.
OAuthAnswer OAuthServer::authorize(const Fields& query) {
  const ConnectedApp* app = config_.apps.byConsumerKey(field(query, "client_id"));
  if (!app) return errorPage("invalid_client_id", "client identifier invalid");
  std::string redirectUri = field(query, "redirect_uri");
  if (!has(app->callbackUrls, redirectUri)) return errorPage("redirect_uri_mismatch", "redirect_uri must match configuration");
  std::optional<std::string> state;
  if (auto it = query.find("state"); it != query.end()) state = it->second;
  try {
    if (field(query, "response_type") != "code")
      throw Refusal{400, "unsupported_response_type", "response type not supported"};
    PendingCode pending{app->name, redirectUri, grantedScope(*app, field(query, "scope")), field(query, "code_challenge"),
                        "", config_.now() + kCodeLifetime};
    // RFC 7636 section 4.3: plain when the method is not given.
    if (!pending.challenge.empty()) pending.challengeMethod = field(query, "code_challenge_method");
    if (pending.challengeMethod.empty() && !pending.challenge.empty()) pending.challengeMethod = "plain";
    if (!pending.challenge.empty() && pending.challengeMethod != "S256" && pending.challengeMethod != "plain")
      throw Refusal{400, "invalid_request", "code_challenge_method must be S256 or plain"};
    // An S256 challenge is a SHA-256 in base64url: 43 characters.
    bool wellFormed = isPkceText(pending.challenge) &&
                      (pending.challengeMethod != "S256" || pending.challenge.size() == 43);
    if (!pending.challenge.empty() && !wellFormed) throw Refusal{400, "invalid_request", "invalid code_challenge"};
    std::string code = "aPrx" + randomText(1);
    nlohmann::json data = {{"client", pending.clientName},  {"redirectUri", pending.redirectUri},
                           {"scope", pending.scope},         {"challenge", pending.challenge},
                           {"challengeMethod", pending.challengeMethod}};
    state_->dropExpired(config_.now());
    state_->add(IssuedKind::Code, keyOf(code), IssuedEntry{data.dump(), pending.expires, 0});
    return redirect(redirectUri, {{"code", code}}, state);
  } catch (const Refusal& refusal) {
    return redirect(redirectUri, {{"error", refusal.error}, {"error_description", refusal.description}}, state);
  }
}

OAuthAnswer OAuthServer::token(const Fields& form, const std::string& authorizationHeader) {
  try {
    return grant(field(form, "grant_type"), form, authorizationHeader);
  } catch (const Refusal& refusal) {
    return refused(refusal);
  }
}

OAuthAnswer OAuthServer::grant(const std::string& grantType, const Fields& form, const std::string& authorizationHeader) {
  // The JWT names its client (iss) and proves it by its signature.
  if (grantType == kJwtBearerGrantType) return jwtBearerGrant(form);
  if (grantType != "authorization_code" && grantType != "refresh_token" && grantType != "client_credentials" &&
      grantType != "password")
    throw Refusal{400, "unsupported_grant_type", "grant type not supported"};
  Client client = authenticate(grantType, form, authorizationHeader);
  if (grantType == "authorization_code") return authorizationCodeGrant(client, form);
  if (grantType == "refresh_token") return refreshTokenGrant(client, form);
  if (grantType == "password") return passwordGrant(client, form);
  // Salesforce Help, "OAuth 2.0 Client Credentials Flow": no refresh token.
  return issue(client, scopesWithoutRefresh(*client.app), false, std::nullopt, true);
}

// The app's stored consumer secret, "" when none is stored. A secret the
// store cannot read fails the client's authentication: it never makes the
// app a public client.
std::string OAuthServer::consumerSecret(const ConnectedApp& app) const {
  if (!config_.secret) return "";
  try {
    return config_.secret(app.name, "consumerSecret").value_or("");
  } catch (const std::exception&) {
    throw invalidClient();
  }
}

// The client's id and secret from the form or an HTTP Basic header (RFC 6749
// section 2.3.1), checked against the app's stored consumer secret. Only an
// app whose secret is optional (isConsumerSecretOptional) may leave it out,
// and only in the flows a person approves (`grantType` "revoke": its tokens).
OAuthServer::Client OAuthServer::authenticate(const std::string& grantType, const Fields& form,
                                              const std::string& authorizationHeader) const {
  std::string clientId = field(form, "client_id");
  std::optional<std::string> presented;
  if (form.count("client_secret")) presented = field(form, "client_secret");
  if (!authorizationHeader.empty()) {
    constexpr std::string_view kBasic = "basic ";  // auth schemes are case-insensitive (RFC 7235)
    if (authorizationHeader.size() < kBasic.size() ||
        !text::equalsIgnoreAsciiCase(std::string_view(authorizationHeader).substr(0, kBasic.size()), kBasic))
      throw invalidClient();
    if (presented) throw Refusal{400, "invalid_request", "more than one client authentication method"};
    auto decoded = base64Decode(std::string_view(authorizationHeader).substr(kBasic.size()));
    size_t colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) throw invalidClient();
    // RFC 6749 section 2.3.1: both parts are form-encoded.
    clientId = formUrlDecode(decoded->substr(0, colon));
    presented = formUrlDecode(decoded->substr(colon + 1));
  }
  const ConnectedApp* app = config_.apps.byConsumerKey(clientId);
  if (!app) throw unknownClient();
  std::string stored = consumerSecret(*app);
  if (presented && !presented->empty()) {
    if (stored.empty() || !sameSecret(*presented, stored)) throw invalidClient();
    return Client{app, stored, false};
  }
  bool approvedByPerson = grantType == "authorization_code" || grantType == "refresh_token" || grantType == "revoke";
  if (!app->consumerSecretOptional || !approvedByPerson) throw invalidClient();
  return Client{app, stored, true};
}

namespace {

// RFC 9700 section 2.1.1: a public client proves the code is its own with
// PKCE S256; a verifier for a code issued without a challenge is refused.
void checkCodeVerifier(const std::string& challenge, const std::string& method, const std::string& verifier,
                       bool publicClient) {
  if (publicClient && method != "S256")
    throw Refusal{400, "invalid_grant", "a public client must use PKCE with code_challenge_method S256"};
  if (challenge.empty()) {
    if (!verifier.empty()) throw invalidGrant("invalid code verifier");
    return;
  }
  std::string derived = method == "S256" ? pkceChallenge(verifier) : verifier;
  if (!isPkceText(verifier) || !sameSecret(derived, challenge)) throw invalidGrant("invalid code verifier");
}

}  // namespace

// Single use: the code is spent whether or not the request succeeds.
std::optional<OAuthServer::PendingCode> OAuthServer::redeemCode(const std::string& code) {
  std::string key = keyOf(code);
  std::optional<IssuedEntry> entry = state_->take(IssuedKind::Code, key);
  if (!entry) {
    // A code presented again: someone else may have redeemed it, so the
    // tokens issued from it are revoked (RFC 6749 section 4.1.2).
    if (auto spent = state_->find(IssuedKind::SpentCode, key)) state_->revokeGrant(spent->grant);
    return std::nullopt;
  }
  GrantId grant = newGrant();
  state_->add(IssuedKind::SpentCode, key, IssuedEntry{"", entry->expires, grant});
  nlohmann::json data = entryData(*entry);
  return PendingCode{member(data, "client"),    member(data, "redirectUri"),     member(data, "scope"),
                     member(data, "challenge"), member(data, "challengeMethod"), entry->expires,
                     grant};
}

OAuthAnswer OAuthServer::authorizationCodeGrant(const Client& client, const Fields& form) {
  std::optional<PendingCode> pending = redeemCode(field(form, "code"));
  if (!pending || pending->clientName != client.app->name || pending->expires <= config_.now())
    throw invalidGrant("invalid authorization code");
  if (field(form, "redirect_uri") != pending->redirectUri) throw invalidGrant("redirect_uri must match configuration");
  checkCodeVerifier(pending->challenge, pending->challengeMethod, field(form, "code_verifier"), client.isPublic);
  return issue(client, pending->scope, includesRefresh(pending->scope), pending->grant);
}

// Salesforce answers a refresh without a new refresh token, unless the app
// rotates them (Salesforce Help, "Refresh Token Rotation"); a public
// client's always rotate (RFC 9700 section 4.14.2).
bool OAuthServer::rotates(const Client& client) const { return config_.rotateRefreshTokens || client.isPublic; }

std::optional<OAuthServer::IssuedRefreshToken> OAuthServer::useRefreshToken(const std::string& token,
                                                                          const std::string& clientName,
                                                                          bool rotate) {
  std::string key = keyOf(token);
  // A rotated token used again: it leaked, so its whole family goes.
  if (auto spent = state_->find(IssuedKind::SpentRefreshToken, key)) {
    state_->revokeGrant(spent->grant);
    return std::nullopt;
  }
  std::optional<IssuedEntry> entry = state_->find(IssuedKind::RefreshToken, key);
  if (!entry || clientOf(*entry) != clientName) return std::nullopt;
  if (rotate) {
    // Spent by this request; of two requests at once, the one that takes it wins.
    if (!state_->take(IssuedKind::RefreshToken, key)) return std::nullopt;
    state_->add(IssuedKind::SpentRefreshToken, key, IssuedEntry{"", IssuedEntry().expires, entry->grant});
  }
  return IssuedRefreshToken{clientName, member(entryData(*entry), "scope"), entry->grant};
}

OAuthAnswer OAuthServer::refreshTokenGrant(const Client& client, const Fields& form) {
  std::optional<IssuedRefreshToken> known = useRefreshToken(field(form, "refresh_token"), client.app->name, rotates(client));
  if (!known) throw invalidGrant("expired access/refresh token");
  return issue(client, known->scope, rotates(client), known->grant);
}

// Salesforce Help, "OAuth 2.0 Username-Password Flow": no refresh token. A
// failure answers only after passwordFailureDelay.
OAuthAnswer OAuthServer::passwordGrant(const Client& client, const Fields& form) {
  std::string password = field(form, "password");
  std::optional<std::string> stored;
  try {
    if (config_.secret) stored = config_.secret(config_.username, "password");
  } catch (const std::exception&) {
    stored.reset();  // a password that cannot be read matches nothing
  }
  // Salesforce usernames are case-insensitive.
  if (!text::equalsIgnoreAsciiCase(field(form, "username"), config_.username) || !stored || stored->empty() ||
      !sameSecret(password, *stored)) {
    std::this_thread::sleep_for(config_.passwordFailureDelay);
    throw invalidGrant("authentication failure");
  }
  return issue(client, scopesWithoutRefresh(*client.app), false, std::nullopt);
}

void OAuthServer::useAssertionOnce(const std::string& id, TimePoint expires) {
  state_->dropExpired(config_.now());
  if (!state_->add(IssuedKind::UsedAssertion, keyOf(id), IssuedEntry{"", expires, 0}))
    throw invalidGrant("invalid assertion");
}

// Salesforce Help, "OAuth 2.0 JWT Bearer Flow for Server-to-Server
// Integration": iss is the consumer key, sub the username, aud the login
// URL, exp in the future (and soon), RS256 signed by the key of the app's
// certificate; no refresh token. apexrun also honours nbf, and takes each
// assertion once (RFC 7523 section 3, jti).
OAuthAnswer OAuthServer::jwtBearerGrant(const Fields& form) {
  std::string assertion = field(form, "assertion");
  Jwt jwt = parseJwt(assertion);
  if (member(jwt.header, "alg") != "RS256") throw invalidGrant("invalid assertion");
  const ConnectedApp* app = config_.apps.byConsumerKey(member(jwt.claims, "iss"));
  if (!app) throw unknownClient();
  if (app->certificate.empty() || !verifiedRs256(app->certificate, jwt)) throw invalidGrant("invalid assertion");
  std::vector<std::string> audiences = {"https://login.salesforce.com", "https://test.salesforce.com"};
  if (std::string url = instanceUrl(); !url.empty()) audiences.push_back(url);
  if (!audienceAccepted(jwt.claims.value("aud", nlohmann::json()), audiences)) throw invalidGrant("audience is invalid");
  nlohmann::json exp = jwt.claims.value("exp", nlohmann::json());
  TimePoint now = config_.now();
  auto nowSeconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (!exp.is_number_integer() || exp.get<long long>() <= nowSeconds) throw invalidGrant("expired authorization code");
  TimePoint expires{std::chrono::seconds(exp.get<long long>())};
  if (expires > now + kLongestAssertionLifetime) throw invalidGrant("invalid assertion");
  nlohmann::json nbf = jwt.claims.value("nbf", nlohmann::json());
  if (!nbf.is_null() && (!nbf.is_number_integer() || nbf.get<long long>() > nowSeconds))
    throw invalidGrant("invalid assertion");
  if (!text::equalsIgnoreAsciiCase(member(jwt.claims, "sub"), config_.username))
    throw invalidGrant("user hasn't approved this consumer");
  std::string jti = member(jwt.claims, "jti");
  useAssertionOnce(jti.empty() ? assertion : app->name + "\n" + jti, expires);
  return issue(Client{app, consumerSecret(*app)}, scopesWithoutRefresh(*app), false, std::nullopt);
}

OAuthAnswer OAuthServer::issue(const Client& client, const std::string& scope, bool refresh,
                               std::optional<GrantId> grant, bool clientCredentials) {
  TimePoint now = config_.now();
  std::string issuedAt =
      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  // Salesforce's shape: the 15-character org id, "!", and the secret part.
  std::string accessToken = config_.orgId.substr(0, 15) + "!" + randomText(3);
  std::string refreshToken = refresh ? "5Aep" + randomText(2) : "";

  std::string instance = instanceUrl();
  state_->dropExpired(now);
  GrantId grantId = grant ? *grant : newGrant();
  std::string id = instance + "/id/" + config_.orgId + "/" + config_.userId;
  nlohmann::json session = {{"client", client.app->name}, {"scope", scope},          {"username", config_.username},
                            {"userId", config_.userId},   {"orgId", config_.orgId}};
  state_->add(IssuedKind::AccessToken, keyOf(accessToken), IssuedEntry{session.dump(), now + config_.tokenTtl, grantId});
  if (refresh) {
    nlohmann::json data = {{"client", client.app->name}, {"scope", scope}};
    state_->add(IssuedKind::RefreshToken, keyOf(refreshToken), IssuedEntry{data.dump(), IssuedEntry().expires, grantId});
  }

  Json body;
  body["access_token"] = accessToken;
  if (refresh) body["refresh_token"] = refreshToken;
  body["signature"] = signature(client.secret, id + issuedAt);
  body["scope"] = scope;
  // As the client credentials sample of Salesforce Help shows.
  if (clientCredentials) body["token_format"] = "opaque";
  body["instance_url"] = instance;
  body["id"] = id;
  body["token_type"] = "Bearer";
  body["issued_at"] = issuedAt;
  return json(200, body);
}

// Salesforce Help, "Revoke OAuth Tokens": revoking a refresh token revokes
// the access tokens issued with it too. As RFC 7009 section 2.1 asks, the
// client authenticates and revokes only its own tokens; any other token,
// known or not, gets the same 200 (section 2.2).
OAuthAnswer OAuthServer::revoke(const Fields& form, const std::string& authorizationHeader) {
  Client client{nullptr, ""};
  try {
    client = authenticate("revoke", form, authorizationHeader);
  } catch (const Refusal& refusal) {
    return refused(refusal);
  }
  std::string key = keyOf(field(form, "token"));
  if (auto access = state_->find(IssuedKind::AccessToken, key); access && clientOf(*access) == client.app->name)
    state_->erase(IssuedKind::AccessToken, key);
  else if (auto refresh = state_->find(IssuedKind::RefreshToken, key); refresh && clientOf(*refresh) == client.app->name)
    state_->revokeGrant(refresh->grant);
  return {200, "text/plain;charset=UTF-8", "", {}};
}

std::optional<OAuthSession> OAuthServer::session(const std::string& accessToken) const {
  std::optional<IssuedEntry> entry = state_->find(IssuedKind::AccessToken, keyOf(accessToken));
  if (!entry || entry->expires <= config_.now()) return std::nullopt;
  nlohmann::json data = entryData(*entry);
  if (!data.is_object()) return std::nullopt;
  return OAuthSession{accessToken,           member(data, "username"), member(data, "userId"),
                      member(data, "orgId"), member(data, "scope"),    member(data, "client")};
}

}  // namespace apex::runtime
