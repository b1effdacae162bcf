// Unit tests for the OAuth server of `apexrun serve` (runtime/oauth/oauth_server)
// and the connected apps it serves (runtime/oauth/connected_apps). The server has
// no HTTP in it, so every grant is tested here by calling it directly; time
// moves through OAuthServerConfig::now.
#include <catch2/catch.hpp>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <map>
#include <memory>
#include <set>
#include <nlohmann/json.hpp>

#include "base/base64.h"
#include "runtime/oauth/connected_apps.h"
#include "runtime/oauth/oauth.h"
#include "runtime/oauth/oauth_server.h"
#include "runtime/project/project.h"
#include "runtime/data/record_store.h"
#include "runtime/data/sqlite_db.h"
#include "runtime/serve/sql_oauth_state.h"
#include <unistd.h>

using namespace apex;
using namespace apex::runtime;
using Json = nlohmann::json;
namespace fs = std::filesystem;
using Fields = std::map<std::string, std::string>;

namespace {

constexpr const char* kUsername = "ada@example.com";
constexpr const char* kUserId = "005000000000001AAA";
constexpr const char* kOrgId = "00D000000000001EAA";
constexpr const char* kInstance = "http://127.0.0.1:6101";
constexpr const char* kCallback = "https://app.example.com/callback";
constexpr const char* kWebSecret = "web-s3cret";
constexpr const char* kJwtGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

std::string bioText(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, size_t(length));
}

// The RSA key (2048 bits) all JWT tests share: generating one takes a while.
EVP_PKEY* rsaKey() {
  static KeyPtr key(EVP_RSA_gen(2048), &EVP_PKEY_free);
  REQUIRE(key != nullptr);
  return key.get();
}

std::string privatePem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  REQUIRE(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  return bioText(bio.get());
}

// A self-signed certificate for `key`, as a connected app's <certificate>.
std::string certificatePem(EVP_PKEY* key) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), &X509_free);
  REQUIRE(cert != nullptr);
  REQUIRE(X509_set_version(cert.get(), 2) == 1);
  REQUIRE(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) == 1);
  REQUIRE(X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) != nullptr);
  REQUIRE(X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600L * 24 * 365) != nullptr);
  REQUIRE(X509_set_pubkey(cert.get(), key) == 1);
  X509_NAME* name = X509_get_subject_name(cert.get());
  REQUIRE(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("apexrun test"),
                                     -1, -1, 0) == 1);
  REQUIRE(X509_set_issuer_name(cert.get(), name) == 1);
  REQUIRE(X509_sign(cert.get(), key, EVP_sha256()) > 0);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  REQUIRE(PEM_write_bio_X509(bio.get(), cert.get()) == 1);
  return bioText(bio.get());
}

// HMAC-SHA256 through EVP_MAC, not the HMAC() the server uses.
std::string expectedSignature(const std::string& key, const std::string& data) {
  std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr), &EVP_MAC_free);
  std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_new(mac.get()), &EVP_MAC_CTX_free);
  char digestName[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digestName, 0), OSSL_PARAM_construct_end()};
  unsigned char empty = 0;
  const unsigned char* keyBytes = key.empty() ? &empty : reinterpret_cast<const unsigned char*>(key.data());
  REQUIRE(EVP_MAC_init(ctx.get(), keyBytes, key.size(), params) == 1);
  REQUIRE(EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1);
  unsigned char out[EVP_MAX_MD_SIZE];
  size_t length = 0;
  REQUIRE(EVP_MAC_final(ctx.get(), out, &length, sizeof out) == 1);
  return base64Encode(std::string_view(reinterpret_cast<const char*>(out), length));
}

ConnectedApp app(std::string name, std::string key, std::vector<std::string> scopes, std::string certificate = "",
                 bool secretOptional = false) {
  ConnectedApp a;
  a.consumerSecretOptional = secretOptional;
  a.name = std::move(name);
  a.consumerKey = std::move(key);
  a.callbackUrls = {kCallback, "http://localhost:1717/OauthRedirect"};
  a.scopes = std::move(scopes);
  a.certificate = std::move(certificate);
  return a;
}

// A server with four apps: Web (confidential), Public (secret optional, no
// secret stored), Unset (secret required, none stored) and Jwt (a
// certificate), and a clock the test moves. `unreadable` secrets throw, as
// a value of the store that does not decrypt. Its state is in memory unless
// given.
struct Fixture {
  std::set<std::pair<std::string, std::string>> unreadable;
  std::chrono::system_clock::time_point clock = std::chrono::system_clock::now();
  std::map<std::pair<std::string, std::string>, std::string> secrets = {
      {{"Web", "consumerSecret"}, kWebSecret}, {{"Jwt", "consumerSecret"}, "jwt-s3cret"}, {{kUsername, "password"}, "pw"}};
  OAuthServerConfig config;
  std::unique_ptr<OAuthServer> server;

  explicit Fixture(bool rotate = false, std::chrono::milliseconds passwordDelay = std::chrono::milliseconds(0),
                   std::unique_ptr<OAuthState> state = memoryOAuthState()) {
    config.apps.apps = {app("Web", "web-key", {"Api", "Web", "RefreshToken"}),
                        app("Public", "public-key", {"Api", "RefreshToken"}, "", true),
                        app("Unset", "unset-key", {"Api", "RefreshToken"}),
                        app("Jwt", "jwt-key", {"Api"}, certificatePem(rsaKey()))};
    config.secret = [this](const std::string& owner, const std::string& key) -> std::optional<std::string> {
      if (unreadable.count({owner, key})) throw std::runtime_error("the value does not decrypt");
      auto it = secrets.find({owner, key});
      return it == secrets.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    config.username = kUsername;
    config.userId = kUserId;
    config.orgId = kOrgId;
    config.tokenTtl = std::chrono::seconds(3600);
    config.rotateRefreshTokens = rotate;
    config.passwordFailureDelay = passwordDelay;
    config.now = [this] { return clock; };
    restart(std::move(state));
  }

  // A new server, as after a restart, with the same apps and `state`.
  void restart(std::unique_ptr<OAuthState> state) {
    server = std::make_unique<OAuthServer>(config, std::move(state));
    server->setInstanceUrl(kInstance);
  }

  OAuthAnswer authorize(Fields query) {
    query.emplace("response_type", "code");
    query.emplace("redirect_uri", kCallback);
    return server->authorize(query);
  }

  // The code of an approved authorize request.
  std::string code(Fields query) {
    OAuthAnswer answer = authorize(std::move(query));
    REQUIRE(answer.status == 302);
    Fields parameters = locationQuery(answer);
    REQUIRE(parameters.count("code"));
    return parameters["code"];
  }

  OAuthAnswer token(Fields form, const std::string& header = "") { return server->token(form, header); }

  static Fields locationQuery(const OAuthAnswer& answer) {
    REQUIRE(answer.headers.size() == 1);
    REQUIRE(answer.headers[0].first == "Location");
    const std::string& location = answer.headers[0].second;
    Fields out;
    size_t start = location.find('?');
    REQUIRE(start != std::string::npos);
    for (++start; start <= location.size();) {
      size_t end = std::min(location.find('&', start), location.size());
      std::string pair = location.substr(start, end - start);
      size_t equals = pair.find('=');
      std::string value = pair.substr(equals + 1);
      for (char& c : value)
        if (c == '+') c = ' ';
      out[pair.substr(0, equals)] = value;
      start = end + 1;
    }
    return out;
  }
};

Json body(const OAuthAnswer& answer) { return Json::parse(answer.body); }

void requireError(const OAuthAnswer& answer, int status, const std::string& error, const std::string& description) {
  INFO(answer.body);
  REQUIRE(answer.status == status);
  CHECK(answer.contentType == "application/json;charset=UTF-8");
  CHECK(body(answer) == Json{{"error", error}, {"error_description", description}});
}

Fields codeForm(const std::string& code, const std::string& clientId = "web-key", const std::string& secret = kWebSecret) {
  Fields form = {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", kCallback}, {"client_id", clientId}};
  if (!secret.empty()) form["client_secret"] = secret;
  return form;
}

std::string jwt(const std::string& issuer, const std::string& subject, const std::string& audience,
                std::chrono::system_clock::time_point now, std::chrono::seconds lifetime = std::chrono::seconds(300)) {
  JwtBearer bearer;
  bearer.issuer = issuer;
  bearer.subject = subject;
  bearer.audience = audience;
  bearer.lifetime = lifetime;
  bearer.privateKeyPem = privatePem(rsaKey());
  auto signed_ = signJwtRs256(bearer, now);
  REQUIRE(signed_.index() == 0);
  return std::get<0>(signed_);
}

// An RS256 assertion with exactly these claims (numbers stay numbers).
std::string signedClaims(const Json& claims) {
  std::string input = base64UrlEncode(R"({"alg":"RS256"})") + "." + base64UrlEncode(claims.dump());
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, rsaKey()) == 1);
  size_t length = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(input.data());
  REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &length, data, input.size()) == 1);
  std::string signature(length, '\0');
  REQUIRE(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data, input.size()) == 1);
  signature.resize(length);
  return input + "." + base64UrlEncode(signature);
}

fs::path fixtureProject() { return fs::path(__FILE__).parent_path().parent_path() / "fixtures" / "connected_apps"; }

}  // namespace

// --- connected apps ----------------------------------------------------------

TEST_CASE("connected apps are read from the project, broken ones reported", "[serve][oauth]") {
  auto project = loadProject(fixtureProject());
  REQUIRE(project.index() == 0);
  ConnectedAppCatalog catalog = loadConnectedApps(std::get<Project>(project));

  REQUIRE(catalog.apps.size() == 2);
  const ConnectedApp* web = catalog.byConsumerKey("3MVG9fixtureWebAppConsumerKey");
  REQUIRE(web != nullptr);
  CHECK(web->name == "Web_App");
  CHECK(web->callbackUrls ==
        std::vector<std::string>{"https://app.example.com/oauth/callback", "http://localhost:1717/OauthRedirect"});
  CHECK(web->scopes == std::vector<std::string>{"Api", "Web", "RefreshToken"});
  CHECK(web->certificate.empty());
  CHECK(web->file.filename() == "Web_App.connectedApp-meta.xml");

  const ConnectedApp* jwtApp = catalog.byConsumerKey("3MVG9fixtureJwtAppConsumerKey");
  REQUIRE(jwtApp != nullptr);
  CHECK(jwtApp->certificate.rfind("-----BEGIN CERTIFICATE-----", 0) == 0);
  CHECK(certificatePublicKey(jwtApp->certificate) != nullptr);
  CHECK(catalog.byConsumerKey("3MVG9fixture") == nullptr);

  REQUIRE(catalog.problems.size() == 2);
  CHECK_THAT(catalog.problems[0], Catch::EndsWith("Bad_Certificate.connectedApp-meta.xml: <oauthConfig><certificate> "
                                                  "is not a PEM X.509 certificate"));
  CHECK_THAT(catalog.problems[1],
             Catch::EndsWith("No_Key.connectedApp-meta.xml: <oauthConfig><consumerKey> is missing or empty"));
}

TEST_CASE("metadata scopes map to OAuth scope names", "[serve][oauth]") {
  CHECK(oauthScopeName("RefreshToken") == "refresh_token");
  CHECK(oauthScopeName("Basic") == "id");
  CHECK(oauthScopeName("OpenID") == "openid");
  CHECK(oauthScopeName("api") == "");
}

// --- authorize ---------------------------------------------------------------

TEST_CASE("authorize redirects with a code and the state", "[serve][oauth]") {
  Fixture f;
  OAuthAnswer answer = f.authorize({{"client_id", "web-key"}, {"state", "xyz"}});
  REQUIRE(answer.status == 302);
  Fields query = Fixture::locationQuery(answer);
  CHECK(answer.headers[0].second.rfind(std::string(kCallback) + "?code=aPrx", 0) == 0);
  CHECK(query["state"] == "xyz");
}

TEST_CASE("authorize shows a page for an unknown client or a redirect URI that isn't registered", "[serve][oauth]") {
  Fixture f;
  OAuthAnswer unknown = f.authorize({{"client_id", "nobody"}});
  CHECK(unknown.status == 400);
  CHECK(unknown.headers.empty());
  CHECK(unknown.body == "error=invalid_client_id&error_description=client+identifier+invalid");

  // No loopback port exception: Salesforce compares callback URLs exactly.
  OAuthAnswer mismatch =
      f.server->authorize({{"client_id", "web-key"}, {"response_type", "code"}, {"redirect_uri", "http://localhost:9999/OauthRedirect"}});
  CHECK(mismatch.status == 400);
  CHECK(mismatch.headers.empty());
  CHECK(mismatch.body == "error=redirect_uri_mismatch&error_description=redirect_uri+must+match+configuration");
}

TEST_CASE("authorize redirects other errors to the client", "[serve][oauth]") {
  Fixture f;
  Fields token = Fixture::locationQuery(
      f.server->authorize({{"client_id", "web-key"}, {"response_type", "token"}, {"redirect_uri", kCallback}, {"state", "s"}}));
  CHECK(token["error"] == "unsupported_response_type");
  CHECK(token["state"] == "s");
  CHECK(token.count("code") == 0);

  Fields scope = Fixture::locationQuery(f.authorize({{"client_id", "web-key"}, {"scope", "api full"}}));
  CHECK(scope["error"] == "invalid_scope");
}

// --- authorization code grant ------------------------------------------------

TEST_CASE("the authorization code grant answers Salesforce's fields in Salesforce's order", "[serve][oauth]") {
  Fixture f;
  std::string code = f.code({{"client_id", "web-key"}});
  OAuthAnswer answer = f.token(codeForm(code));
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  CHECK(answer.contentType == "application/json;charset=UTF-8");
  Json json = body(answer);
  // Text order, not nlohmann's sorted order.
  size_t last = 0;
  for (const char* key : {"access_token", "refresh_token", "signature", "scope", "instance_url", "id", "token_type",
                          "issued_at"}) {
    size_t at = answer.body.find("\"" + std::string(key) + "\"");
    REQUIRE(at != std::string::npos);
    CHECK(at >= last);
    last = at;
  }
  std::string accessToken = json["access_token"];
  CHECK(accessToken.rfind("00D000000000001!", 0) == 0);
  CHECK(accessToken.size() == 16 + 96);
  CHECK(json["scope"] == "api web refresh_token");
  CHECK(json["instance_url"] == kInstance);
  std::string id = std::string(kInstance) + "/id/" + kOrgId + "/" + kUserId;
  CHECK(json["id"] == id);
  CHECK(json["token_type"] == "Bearer");
  auto issuedAt = std::chrono::duration_cast<std::chrono::milliseconds>(f.clock.time_since_epoch()).count();
  CHECK(json["issued_at"] == std::to_string(issuedAt));
  CHECK(json["signature"] == expectedSignature(kWebSecret, id + std::to_string(issuedAt)));

  auto session = f.server->session(accessToken);
  REQUIRE(session);
  CHECK(session->username == kUsername);
  CHECK(session->userId == kUserId);
  CHECK(session->orgId == kOrgId);
  CHECK(session->scope == "api web refresh_token");
  CHECK(session->clientName == "Web");
}

TEST_CASE("a code is single-use, bound to its redirect URI, and expires after 15 minutes", "[serve][oauth]") {
  Fixture f;
  std::string code = f.code({{"client_id", "web-key"}});
  REQUIRE(f.token(codeForm(code)).status == 200);
  requireError(f.token(codeForm(code)), 400, "invalid_grant", "invalid authorization code");

  Fields otherRedirect = codeForm(f.code({{"client_id", "web-key"}}));
  otherRedirect["redirect_uri"] = "http://localhost:1717/OauthRedirect";
  requireError(f.token(otherRedirect), 400, "invalid_grant", "redirect_uri must match configuration");

  std::string late = f.code({{"client_id", "web-key"}});
  f.clock += std::chrono::minutes(15);
  requireError(f.token(codeForm(late)), 400, "invalid_grant", "invalid authorization code");
}

TEST_CASE("PKCE: the verifier must match the S256 challenge", "[serve][oauth]") {
  Fixture f;
  Pkce pkce = makePkce();
  Fields challenge = {{"client_id", "public-key"}, {"code_challenge", pkce.challenge}, {"code_challenge_method", "S256"}};

  Fields right = codeForm(f.code(challenge), "public-key", "");
  right["code_verifier"] = pkce.verifier;
  OAuthAnswer ok = f.token(right);
  INFO(ok.body);
  CHECK(ok.status == 200);
  // A public client's signature is an HMAC with an empty key.
  Json json = body(ok);
  CHECK(json["signature"] == expectedSignature("", json["id"].get<std::string>() + json["issued_at"].get<std::string>()));

  Fields wrong = codeForm(f.code(challenge), "public-key", "");
  wrong["code_verifier"] = makePkce().verifier;
  requireError(f.token(wrong), 400, "invalid_grant", "invalid code verifier");

  requireError(f.token(codeForm(f.code(challenge), "public-key", "")), 400, "invalid_grant", "invalid code verifier");
}

// --- client authentication ---------------------------------------------------

TEST_CASE("a confidential client must present its secret, in the form or a Basic header", "[serve][oauth]") {
  Fixture f;
  requireError(f.token(codeForm(f.code({{"client_id", "web-key"}}), "web-key", "wrong")), 400, "invalid_client",
               "invalid client credentials");
  requireError(f.token(codeForm(f.code({{"client_id", "web-key"}}), "web-key", "")), 400, "invalid_client",
               "invalid client credentials");

  Fields basic = codeForm(f.code({{"client_id", "web-key"}}), "", "");
  basic.erase("client_id");
  CHECK(f.token(basic, "Basic " + base64Encode(std::string("web-key:") + kWebSecret)).status == 200);
  Fields badBasic = codeForm(f.code({{"client_id", "web-key"}}), "", "");
  badBasic.erase("client_id");
  requireError(f.token(badBasic, "Basic " + base64Encode("web-key:nope")), 400, "invalid_client",
               "invalid client credentials");
}

TEST_CASE("an unknown client or grant type is refused, and no error shows a secret", "[serve][oauth]") {
  Fixture f;
  requireError(f.token({{"grant_type", "client_credentials"}, {"client_id", "nobody"}, {"client_secret", "x"}}), 400,
               "invalid_client_id", "client identifier invalid");
  requireError(f.token({{"grant_type", "implicit"}, {"client_id", "web-key"}, {"client_secret", kWebSecret}}), 400,
               "unsupported_grant_type", "grant type not supported");
  OAuthAnswer wrong = f.token({{"grant_type", "password"}, {"client_id", "web-key"}, {"client_secret", kWebSecret},
                               {"username", kUsername}, {"password", "guess"}});
  CHECK(wrong.body.find(kWebSecret) == std::string::npos);
  CHECK(wrong.body.find("guess") == std::string::npos);
}

// --- other grants ------------------------------------------------------------

TEST_CASE("client credentials: no refresh token", "[serve][oauth]") {
  Fixture f;
  OAuthAnswer answer = f.token({{"grant_type", "client_credentials"}, {"client_id", "web-key"}, {"client_secret", kWebSecret}});
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  Json json = body(answer);
  CHECK_FALSE(json.contains("refresh_token"));
  CHECK(json["scope"] == "api web");
  CHECK(f.server->session(json["access_token"]));

  // A public client has no secret to present.
  requireError(f.token({{"grant_type", "client_credentials"}, {"client_id", "public-key"}}), 400, "invalid_client",
               "invalid client credentials");
}

TEST_CASE("password: the user's stored password", "[serve][oauth]") {
  Fixture f;
  Fields form = {{"grant_type", "password"}, {"client_id", "web-key"}, {"client_secret", kWebSecret},
                 {"username", "ADA@example.com"}, {"password", "pw"}};
  OAuthAnswer answer = f.token(form);
  INFO(answer.body);
  REQUIRE(answer.status == 200);
  CHECK_FALSE(body(answer).contains("refresh_token"));

  form["password"] = "wrong";
  requireError(f.token(form), 400, "invalid_grant", "authentication failure");
  form["password"] = "pw";
  form["username"] = "someone@example.com";
  requireError(f.token(form), 400, "invalid_grant", "authentication failure");
}

TEST_CASE("refresh without rotation: the refresh token keeps working", "[serve][oauth]") {
  Fixture f;
  std::string refresh = body(f.token(codeForm(f.code({{"client_id", "web-key"}}))))["refresh_token"];
  Fields form = {{"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"client_id", "web-key"},
                 {"client_secret", kWebSecret}};
  for (int i = 0; i < 2; ++i) {
    OAuthAnswer answer = f.token(form);
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    CHECK_FALSE(body(answer).contains("refresh_token"));
    CHECK(body(answer)["scope"] == "api web refresh_token");
  }
  form["refresh_token"] = "5Aepunknown";
  requireError(f.token(form), 400, "invalid_grant", "expired access/refresh token");
}

TEST_CASE("refresh with rotation: a new refresh token, the old one stops working", "[serve][oauth]") {
  Fixture f(true);
  std::string first = body(f.token(codeForm(f.code({{"client_id", "web-key"}}))))["refresh_token"];
  Fields form = {{"grant_type", "refresh_token"}, {"refresh_token", first}, {"client_id", "web-key"},
                 {"client_secret", kWebSecret}};
  OAuthAnswer answer = f.token(form);
  REQUIRE(answer.status == 200);
  std::string second = body(answer)["refresh_token"];
  CHECK(second != first);
  Fields next = form;
  next["refresh_token"] = second;
  CHECK(f.token(next).status == 200);
  requireError(f.token(next), 400, "invalid_grant", "expired access/refresh token");
}

TEST_CASE("JWT bearer: an assertion signed by the key of the app's certificate", "[serve][oauth]") {
  Fixture f;
  auto grant = [&](const std::string& assertion) { return f.token({{"grant_type", kJwtGrant}, {"assertion", assertion}}); };

  for (const char* audience : {"https://login.salesforce.com", "https://test.salesforce.com", kInstance}) {
    OAuthAnswer answer = grant(jwt("jwt-key", kUsername, audience, f.clock));
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    Json json = body(answer);
    CHECK_FALSE(json.contains("refresh_token"));
    CHECK(json["signature"] == expectedSignature("jwt-s3cret", json["id"].get<std::string>() +
                                                                   json["issued_at"].get<std::string>()));
  }
  requireError(grant(jwt("nobody", kUsername, kInstance, f.clock)), 400, "invalid_client_id",
               "client identifier invalid");
  // Web has no certificate to check a signature with.
  requireError(grant(jwt("web-key", kUsername, kInstance, f.clock)), 400, "invalid_grant", "invalid assertion");
  requireError(grant(jwt("jwt-key", kUsername, "https://elsewhere.example.com", f.clock)), 400, "invalid_grant",
               "audience is invalid");
  requireError(grant(jwt("jwt-key", kUsername, kInstance, f.clock, std::chrono::seconds(-1))), 400, "invalid_grant",
               "expired authorization code");
  requireError(grant(jwt("jwt-key", "someone@example.com", kInstance, f.clock)), 400, "invalid_grant",
               "user hasn't approved this consumer");
  requireError(grant("not.a.jwt"), 400, "invalid_grant", "invalid assertion");

  // Another key's signature.
  std::string assertion = jwt("jwt-key", kUsername, kInstance, f.clock);
  KeyPtr other(EVP_RSA_gen(2048), &EVP_PKEY_free);
  JwtBearer bearer{"jwt-key", kUsername, kInstance, std::chrono::seconds(300), {}, privatePem(other.get())};
  requireError(grant(std::get<0>(signJwtRs256(bearer, f.clock))), 400, "invalid_grant", "invalid assertion");
}

// --- expiry and revocation ---------------------------------------------------

TEST_CASE("an access token expires after tokenTtl", "[serve][oauth]") {
  Fixture f;
  std::string token = body(f.token(codeForm(f.code({{"client_id", "web-key"}}))))["access_token"];
  f.clock += std::chrono::seconds(3599);
  CHECK(f.server->session(token));
  f.clock += std::chrono::seconds(1);
  CHECK_FALSE(f.server->session(token));
  CHECK_FALSE(f.server->session("00D000000000001!unknown"));
}

TEST_CASE("revoking an access token, a refresh token and its access tokens", "[serve][oauth]") {
  Fixture f;
  Json first = body(f.token(codeForm(f.code({{"client_id", "web-key"}}))));
  Json second = body(f.token(codeForm(f.code({{"client_id", "web-key"}}))));

  Fields web = {{"client_id", "web-key"}, {"client_secret", kWebSecret}};
  auto revoke = [&](const std::string& token) {
    Fields form = web;
    form["token"] = token;
    return f.server->revoke(form, "");
  };
  OAuthAnswer revoked = revoke(first["access_token"]);
  CHECK(revoked.status == 200);
  CHECK(revoked.body.empty());
  CHECK_FALSE(f.server->session(first["access_token"]));
  CHECK(f.server->session(second["access_token"]));

  Fields refresh = {{"grant_type", "refresh_token"}, {"refresh_token", second["refresh_token"]},
                    {"client_id", "web-key"}, {"client_secret", kWebSecret}};
  std::string refreshed = body(f.token(refresh))["access_token"];
  CHECK(revoke(second["refresh_token"]).status == 200);
  CHECK_FALSE(f.server->session(second["access_token"]));
  CHECK_FALSE(f.server->session(refreshed));
  requireError(f.token(refresh), 400, "invalid_grant", "expired access/refresh token");
  // The first grant's refresh token is another grant's: still good.
  refresh["refresh_token"] = first["refresh_token"];
  CHECK(f.token(refresh).status == 200);

}

// RFC 7009 sections 2.1 and 2.2.
TEST_CASE("revoke: the client authenticates, revokes only its own tokens, and learns nothing of others", "[serve][oauth]") {
  Fixture f;
  std::string token = body(f.token(codeForm(f.code({{"client_id", "web-key"}}))))["access_token"];
  requireError(f.server->revoke({{"token", token}}, ""), 400, "invalid_client_id", "client identifier invalid");
  requireError(f.server->revoke({{"token", token}, {"client_id", "web-key"}, {"client_secret", "wrong"}}, ""), 400,
               "invalid_client", "invalid client credentials");
  CHECK(f.server->session(token));

  // Another client's token, and a token nobody issued: the same empty 200.
  OAuthAnswer other = f.server->revoke({{"token", token}, {"client_id", "public-key"}}, "");
  CHECK(other.status == 200);
  CHECK(other.body.empty());
  CHECK(f.server->session(token));
  OAuthAnswer unknown = f.server->revoke({{"token", "unknown"}, {"client_id", "web-key"}, {"client_secret", kWebSecret}}, "");
  CHECK(unknown.status == 200);
  CHECK(unknown.body.empty());

  CHECK(f.server->revoke({{"token", token}}, "Basic " + base64Encode(std::string("web-key:") + kWebSecret)).status == 200);
  CHECK_FALSE(f.server->session(token));
}

// --- the security review's findings ------------------------------------------

TEST_CASE("a consumer secret the store cannot read refuses the client; it never makes a public client", "[serve][oauth]") {
  Fixture f;
  f.unreadable.insert({"Web", "consumerSecret"});
  requireError(f.token(codeForm(f.code({{"client_id", "web-key"}}), "web-key", "")), 400, "invalid_client",
               "invalid client credentials");
  requireError(f.token(codeForm(f.code({{"client_id", "web-key"}}))), 400, "invalid_client", "invalid client credentials");
  requireError(f.token({{"grant_type", "client_credentials"}, {"client_id", "web-key"}, {"client_secret", kWebSecret}}),
               400, "invalid_client", "invalid client credentials");
  // A password that does not decrypt matches nothing.
  f.unreadable = {{kUsername, "password"}};
  requireError(f.token({{"grant_type", "password"}, {"client_id", "web-key"}, {"client_secret", kWebSecret},
                        {"username", kUsername}, {"password", "pw"}}),
               400, "invalid_grant", "authentication failure");
}

TEST_CASE("only an app with isConsumerSecretOptional is a public client", "[serve][oauth]") {
  Fixture f;
  Pkce pkce = makePkce();
  Fields challenge = {{"client_id", "unset-key"}, {"code_challenge", pkce.challenge}, {"code_challenge_method", "S256"}};
  Fields form = codeForm(f.code(challenge), "unset-key", "");
  form["code_verifier"] = pkce.verifier;
  requireError(f.token(form), 400, "invalid_client", "invalid client credentials");

  // Secret optional: the flows a person approves only.
  requireError(f.token({{"grant_type", "client_credentials"}, {"client_id", "public-key"}}), 400, "invalid_client",
               "invalid client credentials");
  requireError(f.token({{"grant_type", "password"}, {"client_id", "public-key"}, {"username", kUsername}, {"password", "pw"}}),
               400, "invalid_client", "invalid client credentials");
}

TEST_CASE("PKCE: S256 for public clients, no verifier without a challenge, RFC 7636 verifiers only", "[serve][oauth]") {
  Fixture f;
  const std::string publicNeedsS256 = "a public client must use PKCE with code_challenge_method S256";
  requireError(f.token(codeForm(f.code({{"client_id", "public-key"}}), "public-key", "")), 400, "invalid_grant",
               publicNeedsS256);
  Pkce pkce = makePkce();
  Fields plain = codeForm(f.code({{"client_id", "public-key"}, {"code_challenge", pkce.verifier}}), "public-key", "");
  plain["code_verifier"] = pkce.verifier;
  requireError(f.token(plain), 400, "invalid_grant", publicNeedsS256);

  // A code issued without a challenge takes no verifier.
  Fields unasked = codeForm(f.code({{"client_id", "web-key"}}));
  unasked["code_verifier"] = pkce.verifier;
  requireError(f.token(unasked), 400, "invalid_grant", "invalid code verifier");

  // A one-character verifier, even one whose S256 challenge was sent.
  Fields shortVerifier =
      codeForm(f.code({{"client_id", "web-key"}, {"code_challenge", pkceChallenge("x")}, {"code_challenge_method", "S256"}}));
  shortVerifier["code_verifier"] = "x";
  requireError(f.token(shortVerifier), 400, "invalid_grant", "invalid code verifier");

  // Challenges that no RFC 7636 verifier has are refused at once.
  Fields shortPlain = Fixture::locationQuery(f.authorize({{"client_id", "web-key"}, {"code_challenge", "x"}}));
  CHECK(shortPlain["error"] == "invalid_request");
  CHECK(shortPlain.count("code") == 0);
  Fields badS256 = Fixture::locationQuery(f.authorize(
      {{"client_id", "web-key"}, {"code_challenge", std::string(43, '*')}, {"code_challenge_method", "S256"}}));
  CHECK(badS256["error"] == "invalid_request");

  // plain stays for confidential clients (RFC 7636 section 4.2).
  Fields confidentialPlain = codeForm(f.code({{"client_id", "web-key"}, {"code_challenge", pkce.verifier}}));
  confidentialPlain["code_verifier"] = pkce.verifier;
  CHECK(f.token(confidentialPlain).status == 200);
}

TEST_CASE("a replayed code revokes the tokens issued from it", "[serve][oauth]") {
  Fixture f;
  std::string code = f.code({{"client_id", "web-key"}});
  Json issued = body(f.token(codeForm(code)));
  REQUIRE(f.server->session(issued["access_token"]));
  requireError(f.token(codeForm(code)), 400, "invalid_grant", "invalid authorization code");
  CHECK_FALSE(f.server->session(issued["access_token"]));
  requireError(f.token({{"grant_type", "refresh_token"}, {"refresh_token", issued["refresh_token"]},
                        {"client_id", "web-key"}, {"client_secret", kWebSecret}}),
               400, "invalid_grant", "expired access/refresh token");
}

TEST_CASE("a rotated refresh token used again revokes its family; public clients rotate", "[serve][oauth]") {
  Fixture f(true);
  Json first = body(f.token(codeForm(f.code({{"client_id", "web-key"}}))));
  Fields form = {{"grant_type", "refresh_token"}, {"refresh_token", first["refresh_token"]}, {"client_id", "web-key"},
                 {"client_secret", kWebSecret}};
  Json second = body(f.token(form));
  REQUIRE(f.server->session(second["access_token"]));
  requireError(f.token(form), 400, "invalid_grant", "expired access/refresh token");
  CHECK_FALSE(f.server->session(first["access_token"]));
  CHECK_FALSE(f.server->session(second["access_token"]));
  form["refresh_token"] = second["refresh_token"];
  requireError(f.token(form), 400, "invalid_grant", "expired access/refresh token");

  Fixture g;  // rotation off for the server
  Pkce pkce = makePkce();
  Fields code = codeForm(
      g.code({{"client_id", "public-key"}, {"code_challenge", pkce.challenge}, {"code_challenge_method", "S256"}}),
      "public-key", "");
  code["code_verifier"] = pkce.verifier;
  std::string refresh = body(g.token(code))["refresh_token"];
  Fields refreshForm = {{"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"client_id", "public-key"}};
  OAuthAnswer rotated = g.token(refreshForm);
  INFO(rotated.body);
  REQUIRE(rotated.status == 200);
  CHECK(body(rotated)["refresh_token"] != refresh);
  requireError(g.token(refreshForm), 400, "invalid_grant", "expired access/refresh token");
}

TEST_CASE("JWT bearer: exp at most minutes ahead, nbf honoured, each assertion once", "[serve][oauth]") {
  Fixture f;
  auto grant = [&](const std::string& assertion) { return f.token({{"grant_type", kJwtGrant}, {"assertion", assertion}}); };
  auto years = std::chrono::hours(24 * 365 * 100);
  requireError(grant(jwt("jwt-key", kUsername, kInstance, f.clock, std::chrono::duration_cast<std::chrono::seconds>(years))),
               400, "invalid_grant", "invalid assertion");

  auto seconds = [](std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  };
  Json claims = {{"iss", "jwt-key"}, {"sub", kUsername}, {"aud", kInstance},
                 {"exp", seconds(f.clock + std::chrono::seconds(240))}, {"nbf", seconds(f.clock + std::chrono::seconds(120))}};
  requireError(grant(signedClaims(claims)), 400, "invalid_grant", "invalid assertion");
  claims["nbf"] = seconds(f.clock - std::chrono::seconds(1));
  CHECK(grant(signedClaims(claims)).status == 200);
  // The same jti twice is one assertion, even signed anew.
  claims["jti"] = "assertion-1";
  CHECK(grant(signedClaims(claims)).status == 200);
  claims["exp"] = seconds(f.clock + std::chrono::seconds(200));
  requireError(grant(signedClaims(claims)), 400, "invalid_grant", "invalid assertion");

  std::string once = jwt("jwt-key", kUsername, kInstance, f.clock);
  CHECK(grant(once).status == 200);
  requireError(grant(once), 400, "invalid_grant", "invalid assertion");
}

TEST_CASE("a failed password grant answers only after the delay", "[serve][oauth]") {
  Fixture f(false, std::chrono::milliseconds(300));
  Fields form = {{"grant_type", "password"}, {"client_id", "web-key"}, {"client_secret", kWebSecret},
                 {"username", kUsername}, {"password", "guess"}};
  auto started = std::chrono::steady_clock::now();
  requireError(f.token(form), 400, "invalid_grant", "authentication failure");
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(300));
  form["password"] = "pw";
  started = std::chrono::steady_clock::now();
  CHECK(f.token(form).status == 200);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(300));
}

// --- the state in the org's database (runtime/serve/sql_oauth_state) ---------

namespace {

// A SQLite file of its own for each test, removed at the end.
struct StateFile {
  fs::path path;
  explicit StateFile(const std::string& name)
      : path(fs::temp_directory_path() / ("apexrun-oauth-" + name + "-" + std::to_string(::getpid()) + ".db")) {
    fs::remove(path);
  }
  ~StateFile() { fs::remove(path); }
  // As serve opens it: with a copy in memory.
  std::unique_ptr<OAuthState> open() const { return openOAuthState(path.string()); }
  // Without the copy, as serve processes sharing a PostgreSQL database use it.
  std::unique_ptr<OAuthState> openShared() const {
    return std::make_unique<SqlOAuthState>(openSqlConnection(path.string()));
  }
};

// What the state's table holds: every key and data, one text.
std::string storedText(const fs::path& file) {
  Database db(file.string());
  auto rows = db.prepare("SELECT key || ' ' || data FROM apexrun_oauth_issued");
  std::string all;
  while (rows->step()) all += std::string(rows->columnText(0)) + "\n";
  return all;
}

void checkStateContract(OAuthState& state) {
  auto now = std::chrono::system_clock::now();
  IssuedEntry entry{R"({"client":"Web"})", now + std::chrono::minutes(5), 42};
  CHECK(state.add(IssuedKind::AccessToken, "k1", entry));
  CHECK_FALSE(state.add(IssuedKind::AccessToken, "k1", IssuedEntry{"other", now, 7}));
  auto found = state.find(IssuedKind::AccessToken, "k1");
  REQUIRE(found);
  CHECK(found->data == entry.data);
  CHECK(found->grant == 42);
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(found->expires - entry.expires).count() == 0);
  // Kinds are apart: the same key under another kind is another entry.
  CHECK_FALSE(state.find(IssuedKind::RefreshToken, "k1"));

  CHECK(state.add(IssuedKind::Code, "c1", IssuedEntry{"code", now + std::chrono::minutes(15), 0}));
  CHECK(state.take(IssuedKind::Code, "c1"));
  CHECK_FALSE(state.take(IssuedKind::Code, "c1"));

  CHECK(state.add(IssuedKind::RefreshToken, "r1", IssuedEntry{"r", IssuedEntry().expires, 42}));
  CHECK(state.add(IssuedKind::SpentRefreshToken, "r0", IssuedEntry{"", IssuedEntry().expires, 42}));
  CHECK(state.add(IssuedKind::SpentCode, "c0", IssuedEntry{"", now + std::chrono::minutes(15), 42}));
  CHECK(state.add(IssuedKind::AccessToken, "k2", IssuedEntry{"", now + std::chrono::minutes(5), 43}));
  state.revokeGrant(42);
  CHECK_FALSE(state.find(IssuedKind::AccessToken, "k1"));
  CHECK_FALSE(state.find(IssuedKind::RefreshToken, "r1"));
  CHECK_FALSE(state.find(IssuedKind::SpentRefreshToken, "r0"));
  CHECK(state.find(IssuedKind::SpentCode, "c0"));  // a replayed code still revokes
  CHECK(state.find(IssuedKind::AccessToken, "k2"));

  state.erase(IssuedKind::AccessToken, "k2");
  CHECK_FALSE(state.find(IssuedKind::AccessToken, "k2"));

  CHECK(state.add(IssuedKind::UsedAssertion, "a1", IssuedEntry{"", now + std::chrono::minutes(1), 0}));
  state.dropExpired(now + std::chrono::minutes(1));
  CHECK_FALSE(state.find(IssuedKind::UsedAssertion, "a1"));
  CHECK(state.find(IssuedKind::SpentCode, "c0"));
}

}  // namespace

TEST_CASE("OAuth state: in memory and in a database, the same contract", "[serve][oauth]") {
  SECTION("in memory") { checkStateContract(*memoryOAuthState()); }
  SECTION("in a SQLite file") {
    StateFile file("contract");
    checkStateContract(*file.openShared());
  }
  SECTION("in a SQLite file with a copy in memory") {
    StateFile file("cached");
    checkStateContract(*file.open());
  }
  SECTION("an org in memory has its state in memory") {
    CHECK(dynamic_cast<SqlOAuthState*>(openOAuthState("").get()) == nullptr);
  }
}

TEST_CASE("OAuth state in the database: a restarted server keeps its sessions and refresh tokens", "[serve][oauth]") {
  StateFile file("restart");
  Fixture f(false, std::chrono::milliseconds(0), file.open());
  Json password = body(f.token({{"grant_type", "password"}, {"client_id", "web-key"}, {"client_secret", kWebSecret},
                                {"username", kUsername}, {"password", "pw"}}));
  Json coded = body(f.token(codeForm(f.code({{"client_id", "web-key"}}))));

  f.restart(file.open());
  auto session = f.server->session(password["access_token"]);
  REQUIRE(session);
  CHECK(session->accessToken == password["access_token"]);
  CHECK(session->username == kUsername);
  CHECK(session->userId == kUserId);
  CHECK(session->orgId == kOrgId);
  CHECK(session->scope == "api web");
  CHECK(session->clientName == "Web");
  Fields refresh = {{"grant_type", "refresh_token"}, {"refresh_token", coded["refresh_token"]},
                    {"client_id", "web-key"}, {"client_secret", kWebSecret}};
  OAuthAnswer refreshed = f.token(refresh);
  REQUIRE(refreshed.status == 200);
  CHECK(f.server->session(body(refreshed)["access_token"]));

  // Expiry is kept too.
  f.clock += std::chrono::seconds(3600);
  f.restart(file.open());
  CHECK_FALSE(f.server->session(password["access_token"]));
}

TEST_CASE("OAuth state in a SQLite file: the server checks its own sessions without reading the file",
          "[serve][oauth]") {
  StateFile file("memory");
  Fixture f(false, std::chrono::milliseconds(0), file.open());
  Json password = body(f.token({{"grant_type", "password"}, {"client_id", "web-key"}, {"client_secret", kWebSecret},
                                {"username", kUsername}, {"password", "pw"}}));
  Database(file.path.string()).exec("DELETE FROM apexrun_oauth_issued");
  CHECK(f.server->session(password["access_token"]));
  f.restart(file.open());
  CHECK_FALSE(f.server->session(password["access_token"]));  // the file, emptied, is what a restart reads
}

TEST_CASE("OAuth state in a shared database: two servers honour each other's codes and revocations",
          "[serve][oauth]") {
  StateFile file("shared");
  Fixture a(true, std::chrono::milliseconds(0), file.openShared());
  Fixture b(true, std::chrono::milliseconds(0), file.openShared());
  b.clock = a.clock;

  // A code from one is redeemed at the other, once; the replay revokes.
  std::string code = a.code({{"client_id", "web-key"}});
  Json tokens = body(b.token(codeForm(code)));
  REQUIRE(tokens.contains("refresh_token"));
  CHECK(a.server->session(tokens["access_token"]));
  requireError(a.token(codeForm(code)), 400, "invalid_grant", "invalid authorization code");
  CHECK_FALSE(b.server->session(tokens["access_token"]));

  // A rotated refresh token spent at one is refused at the other, and the
  // reuse revokes the family at both.
  Json fresh = body(a.token(codeForm(a.code({{"client_id", "web-key"}}))));
  Fields refresh = {{"grant_type", "refresh_token"}, {"refresh_token", fresh["refresh_token"]},
                    {"client_id", "web-key"}, {"client_secret", kWebSecret}};
  Json rotated = body(a.token(refresh));
  REQUIRE(rotated.contains("refresh_token"));
  requireError(b.token(refresh), 400, "invalid_grant", "expired access/refresh token");
  CHECK_FALSE(a.server->session(rotated["access_token"]));

  // A JWT assertion taken at one is refused at the other.
  std::string assertion = jwt("jwt-key", kUsername, kInstance, a.clock);
  CHECK(a.token({{"grant_type", kJwtGrant}, {"assertion", assertion}}).status == 200);
  requireError(b.token({{"grant_type", kJwtGrant}, {"assertion", assertion}}), 400, "invalid_grant", "invalid assertion");
}

TEST_CASE("OAuth state in the database holds no code or token that works", "[serve][oauth]") {
  StateFile file("hashed");
  Fixture f(false, std::chrono::milliseconds(0), file.open());
  std::string code = f.code({{"client_id", "web-key"}});
  std::string pending = f.code({{"client_id", "web-key"}});
  Json tokens = body(f.token(codeForm(code)));
  std::string stored = storedText(file.path);
  CHECK(stored.find("Web") != std::string::npos);  // the rows are there
  for (std::string secret : {code, pending, tokens["access_token"].get<std::string>(),
                             tokens["refresh_token"].get<std::string>()}) {
    INFO(secret);
    CHECK(stored.find(secret) == std::string::npos);
    CHECK(stored.find(secret.substr(secret.size() - 20)) == std::string::npos);
  }
}
