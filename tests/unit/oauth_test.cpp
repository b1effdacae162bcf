// Unit tests for the OAuth client's pure parts: PKCE, base64url, form
// encoding, RS256 JWTs and error messages. The token requests and the
// authorization code flow are covered by tests/integration/oauth_client_test.cpp
// against tests/integration/fixtures/oauth_server.py.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "base/base64.h"
#include "base/url_encoding.h"
#include "runtime/oauth/oauth.h"

using namespace apex;
using namespace apex::runtime;
using Json = nlohmann::json;

namespace {

using KeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

KeyPtr makeKey(const char* type) {
  EVP_PKEY* key = std::string_view(type) == "RSA" ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
  REQUIRE(key != nullptr);
  return KeyPtr(key, &EVP_PKEY_free);
}

std::string privatePem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  REQUIRE(PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, size_t(length));
}

// The RSA key (2048 bits) all JWT tests share: generating one takes a while.
EVP_PKEY* rsaKey() {
  static KeyPtr key = makeKey("RSA");
  return key.get();
}

bool verifyRs256(EVP_PKEY* key, const std::string& input, const std::string& signature) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  REQUIRE(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1);
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

std::vector<std::string> splitDots(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = text.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(text.substr(start, dot - start));
  parts.push_back(text.substr(start));
  return parts;
}

std::string decoded(const std::string& part) {
  auto bytes = base64UrlDecode(part);
  REQUIRE(bytes.has_value());
  return *bytes;
}

// The value of a query parameter of `url`, form-decoded.
std::string queryParam(const std::string& url, const std::string& name) {
  size_t at = url.find("?" + name + "=");
  if (at == std::string::npos) at = url.find("&" + name + "=");
  if (at == std::string::npos) return "";
  at += name.size() + 2;
  return formUrlDecode(url.substr(at, url.find('&', at) - at));
}

bool isBase64Url(const std::string& text) {
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

}  // namespace

TEST_CASE("oauth: PKCE S256 matches RFC 7636 appendix B") {
  CHECK(pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

  // Appendix B's verifier is base64url of these 32 octets.
  const unsigned char octets[32] = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                                    125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                                    191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
  CHECK(base64UrlEncode(std::string_view(reinterpret_cast<const char*>(octets), sizeof octets)) ==
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  Pkce pkce = makePkce();
  CHECK(pkce.verifier.size() == 43);
  CHECK(isBase64Url(pkce.verifier));
  CHECK(pkce.challenge == pkceChallenge(pkce.verifier));
  CHECK(pkce.challenge.size() == 43);
  CHECK(makePkce().verifier != pkce.verifier);
}

TEST_CASE("oauth: state values are random base64url") {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string state = randomState();
    CHECK(state.size() >= 22);  // 16 bytes or more
    CHECK(isBase64Url(state));
    seen.insert(state);
  }
  CHECK(seen.size() == 50);
}

TEST_CASE("oauth: base64url has no padding and the URL-safe alphabet") {
  CHECK(base64UrlEncode("") == "");
  CHECK(base64UrlEncode("f") == "Zg");
  CHECK(base64UrlEncode("fo") == "Zm8");
  CHECK(base64UrlEncode("foo") == "Zm9v");
  CHECK(base64UrlEncode("\xfb\xff\xbf") == "-_-_");
  CHECK(base64Encode("\xfb\xff\xbf") == "+/+/");
  CHECK(base64UrlEncode(R"({"alg":"RS256","typ":"JWT"})") == "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9");

  CHECK(base64UrlDecode("Zg") == std::optional<std::string>("f"));
  CHECK(base64UrlDecode("Zm8") == std::optional<std::string>("fo"));
  CHECK(base64UrlDecode("-_-_") == std::optional<std::string>("\xfb\xff\xbf"));
  CHECK(base64UrlDecode("") == std::optional<std::string>(""));
  CHECK_FALSE(base64UrlDecode("Zg==").has_value());  // padding is not base64url
  CHECK_FALSE(base64UrlDecode("+/+/").has_value());
  CHECK_FALSE(base64UrlDecode("Z").has_value());
  CHECK_FALSE(base64UrlDecode("Zm9v!").has_value());
}

TEST_CASE("oauth: an RS256 JWT has the header, the claims and a valid signature") {
  JwtBearer jwt;
  jwt.issuer = "3MVG9consumer.key";
  jwt.subject = "ada@example.com";
  jwt.audience = "https://login.salesforce.com";
  jwt.lifetime = std::chrono::seconds(180);
  jwt.extraClaims = {{"scope", "api refresh_token"}, {"jti", "a/b+c"}};
  jwt.privateKeyPem = privatePem(rsaKey());
  auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

  auto result = signJwtRs256(jwt, now);
  REQUIRE(result.index() == 0);
  const std::string& token = std::get<0>(result);
  auto parts = splitDots(token);
  REQUIRE(parts.size() == 3);
  for (const auto& part : parts) {
    CHECK(isBase64Url(part));
    CHECK_FALSE(part.empty());
  }

  CHECK(decoded(parts[0]) == R"({"alg":"RS256","typ":"JWT"})");
  Json payload = Json::parse(decoded(parts[1]));
  CHECK(payload.size() == 6);
  CHECK(payload["iss"] == "3MVG9consumer.key");
  CHECK(payload["sub"] == "ada@example.com");
  CHECK(payload["aud"] == "https://login.salesforce.com");
  CHECK(payload["exp"].is_number_integer());
  CHECK(payload["exp"] == 1700000180);
  CHECK(payload["scope"] == "api refresh_token");
  CHECK(payload["jti"] == "a/b+c");

  std::string signature = decoded(parts[2]);
  CHECK(signature.size() == 256);  // a 2048-bit RSA signature
  CHECK(verifyRs256(rsaKey(), parts[0] + "." + parts[1], signature));
  CHECK_FALSE(verifyRs256(rsaKey(), parts[0] + "." + parts[1] + "x", signature));

  // Another key does not verify it.
  KeyPtr other = makeKey("RSA");
  CHECK_FALSE(verifyRs256(other.get(), parts[0] + "." + parts[1], signature));

  // Signing is deterministic (RSASSA-PKCS1-v1_5).
  auto again = signJwtRs256(jwt, now);
  REQUIRE(again.index() == 0);
  CHECK(std::get<0>(again) == token);
}

TEST_CASE("oauth: the standard claims win over extra claims of the same name") {
  JwtBearer jwt;
  jwt.issuer = "client";
  jwt.subject = "user";
  jwt.audience = "aud";
  jwt.extraClaims = {{"iss", "someone else"}, {"exp", "never"}};
  jwt.privateKeyPem = privatePem(rsaKey());
  auto result = signJwtRs256(jwt, std::chrono::system_clock::time_point(std::chrono::seconds(1000)));
  REQUIRE(result.index() == 0);
  Json payload = Json::parse(decoded(splitDots(std::get<0>(result))[1]));
  CHECK(payload["iss"] == "client");
  CHECK(payload["exp"] == 1300);  // the default lifetime: 300 s
}

TEST_CASE("oauth: a JWT with a bad key is an error that does not show the key") {
  JwtBearer jwt;
  jwt.issuer = "client";
  jwt.subject = "user";
  jwt.audience = "aud";
  auto now = std::chrono::system_clock::now();

  jwt.privateKeyPem = "";
  auto empty = signJwtRs256(jwt, now);
  REQUIRE(empty.index() == 1);
  CHECK_THAT(std::get<1>(empty), Catch::StartsWith("Cannot sign the JWT: the key is not a PEM private key"));

  jwt.privateKeyPem = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0IGtleSBtYXRlcmlhbA==\n-----END PRIVATE KEY-----\n";
  auto garbage = signJwtRs256(jwt, now);
  REQUIRE(garbage.index() == 1);
  CHECK_THAT(std::get<1>(garbage), Catch::StartsWith("Cannot sign the JWT: the key is not a PEM private key"));
  CHECK(std::get<1>(garbage).find("c2VjcmV0") == std::string::npos);

  // An encrypted key fails rather than asking for a passphrase on the terminal.
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  REQUIRE(PEM_write_bio_PKCS8PrivateKey(bio.get(), rsaKey(), EVP_aes_256_cbc(), nullptr, 0, nullptr,
                                        const_cast<char*>("passphrase")) == 1);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  jwt.privateKeyPem.assign(data, size_t(length));
  auto encrypted = signJwtRs256(jwt, now);
  REQUIRE(encrypted.index() == 1);
  CHECK_THAT(std::get<1>(encrypted), Catch::StartsWith("Cannot sign the JWT: the key is not a PEM private key"));

  // RS256 needs RSA.
  KeyPtr ec = makeKey("EC");
  jwt.privateKeyPem = privatePem(ec.get());
  auto notRsa = signJwtRs256(jwt, now);
  REQUIRE(notRsa.index() == 1);
  CHECK(std::get<1>(notRsa) == "Cannot sign the JWT: RS256 needs an RSA private key, this one is EC");
}

TEST_CASE("oauth: error messages") {
  CHECK(OAuthError{"invalid_grant", "expired access/refresh token", 400}.message() ==
        "invalid_grant: expired access/refresh token");
  CHECK(OAuthError{"invalid_client", "", 401}.message() == "invalid_client");
  CHECK(OAuthError{"", "Connection refused: 127.0.0.1:9", 0}.message() == "Connection refused: 127.0.0.1:9");
}

TEST_CASE("oauth: a bad token URL or authorize URL fails before any request") {
  OAuthClient client;
  client.tokenUrl = "login.example.com/token";
  client.clientId = "id";
  client.clientSecret = "very-secret-value";
  auto result = clientCredentialsGrant(client, "");
  REQUIRE(std::holds_alternative<OAuthError>(result));
  const auto& error = std::get<OAuthError>(result);
  CHECK(error.error.empty());
  CHECK_THAT(error.description, Catch::StartsWith("Invalid token endpoint URL: "));
  CHECK(error.httpStatus == 0);

  AuthorizationRequest request;
  request.authorizeUrl = "not a url";
  request.followAutomatically = true;
  auto login = loginWithAuthorizationCode(client, request);
  REQUIRE(std::holds_alternative<OAuthError>(login));
  CHECK_THAT(std::get<OAuthError>(login).description, Catch::StartsWith("Invalid authorization URL: "));

  request.authorizeUrl = "https://login.example.com/services/oauth2/authorize";
  request.followAutomatically = false;
  auto nobody = loginWithAuthorizationCode(client, request);
  REQUIRE(std::holds_alternative<OAuthError>(nobody));
  CHECK(std::get<OAuthError>(nobody).message() ==
        "Nothing opens the authorization URL: give showUrl or followAutomatically");
}

TEST_CASE("oauth: the loopback listener times out") {
  OAuthClient client;
  client.tokenUrl = "http://127.0.0.1:9/token";
  client.clientId = "id";

  AuthorizationRequest request;
  request.authorizeUrl = "https://login.example.com/services/oauth2/authorize?prompt=login";
  request.scope = "api refresh_token";
  request.timeout = std::chrono::seconds(1);
  std::string shown;
  request.showUrl = [&](const std::string& url) { shown = url; };
  auto started = std::chrono::steady_clock::now();
  auto result = loginWithAuthorizationCode(client, request);
  auto elapsed = std::chrono::steady_clock::now() - started;
  REQUIRE(std::holds_alternative<OAuthError>(result));
  CHECK_THAT(std::get<OAuthError>(result).message(),
             Catch::Matches("No redirect to http://127\\.0\\.0\\.1:[0-9]+/callback within 1 s: the sign-in was "
                            "not completed"));
  CHECK(elapsed < std::chrono::seconds(5));
  CHECK_THAT(shown, Catch::StartsWith("https://login.example.com/services/oauth2/authorize?prompt=login&"
                                      "response_type=code&client_id=id&redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
  CHECK_THAT(shown, Catch::Contains("%2Fcallback&scope=api+refresh_token&state="));
  CHECK_THAT(shown, Catch::Contains("&code_challenge="));
  CHECK_THAT(shown, Catch::EndsWith("&code_challenge_method=S256"));
}

TEST_CASE("oauth: the loopback listener ignores a wrong state and reports the provider's error") {
  OAuthClient client;
  client.tokenUrl = "http://127.0.0.1:9/token";
  client.clientId = "id";

  // A "browser" that lands on the callback with the given query.
  auto login = [&](std::function<std::string(const std::string& state)> query, std::string& page, int& status,
                   std::chrono::seconds timeout = std::chrono::seconds(20)) {
    std::thread browser;
    AuthorizationRequest request;
    request.authorizeUrl = "https://login.example.com/services/oauth2/authorize";
    request.timeout = timeout;
    request.showUrl = [&](const std::string& url) {
      std::string redirect = queryParam(url, "redirect_uri");
      std::string state = queryParam(url, "state");
      REQUIRE_THAT(redirect, Catch::StartsWith("http://127.0.0.1:"));
      REQUIRE_THAT(redirect, Catch::EndsWith("/callback"));
      browser = std::thread([redirect, state, query, &page, &status] {
        httplib::Client http(redirect.substr(0, redirect.size() - std::string("/callback").size()));
        http.set_url_encode(false);  // send the query as written, `+` included
        auto res = http.Get(("/callback?" + query(state)).c_str());
        if (res) {
          page = res->body;
          status = res->status;
        }
      });
    };
    auto result = loginWithAuthorizationCode(client, request);
    if (browser.joinable()) browser.join();
    return result;
  };

  std::string page;
  int status = 0;
  // Without the state apexrun sent, a request is someone else's: answered
  // 400, and the sign-in waits on (here until its timeout).
  const std::string notThisSignIn = "apexrun: this is not the redirect of the sign-in apexrun started (its state differs)\n";
  for (auto query : std::vector<std::function<std::string(const std::string&)>>{
           [](const std::string& state) { return "code=abc&state=x" + state; },
           [](const std::string&) { return std::string("code=abc"); },
           [](const std::string&) { return std::string("error=access_denied&error_description=forged"); }}) {
    auto ignored = login(query, page, status, std::chrono::seconds(1));
    REQUIRE(std::holds_alternative<OAuthError>(ignored));
    CHECK_THAT(std::get<OAuthError>(ignored).message(), Catch::EndsWith("within 1 s: the sign-in was not completed"));
    CHECK(status == 400);
    CHECK(page == notThisSignIn);
  }

  auto denied = login([](const std::string& state) {
    return "error=access_denied&error_description=end-user+denied+authorization&state=" + state;
  }, page, status);
  REQUIRE(std::holds_alternative<OAuthError>(denied));
  CHECK(std::get<OAuthError>(denied).message() == "access_denied: end-user denied authorization");
  CHECK(page == "apexrun: sign-in failed: access_denied: end-user denied authorization\n");

  auto noCode = login([](const std::string& state) { return "state=" + state; }, page, status);
  REQUIRE(std::holds_alternative<OAuthError>(noCode));
  CHECK(std::get<OAuthError>(noCode).message() == "invalid_request: the redirect carries neither a code nor an error");

  // The right state: the page says so and the code goes to the token
  // endpoint, which is not listening here.
  auto exchanged = login([](const std::string& state) { return "code=abc&state=" + state; }, page, status);
  CHECK(status == 200);
  CHECK(page == "apexrun: signed in, you can close this tab\n");
  REQUIRE(std::holds_alternative<OAuthError>(exchanged));
  CHECK(std::get<OAuthError>(exchanged).message() == "Connection refused: 127.0.0.1:9");
}
