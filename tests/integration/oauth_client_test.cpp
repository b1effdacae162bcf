// The OAuth client (runtime/oauth/oauth.h) against a real token server:
// fixtures/oauth_server.py, started on 127.0.0.1 with an ephemeral port for
// each test case. Every grant, client authentication in the form and in a
// Basic header, the authorization code flow with PKCE followed
// automatically, the token endpoint's errors, a server that is down, a body
// that is not JSON, and TLS verification. Keys and certificates are made
// with `openssl` in a temp folder at test time.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "base/url_encoding.h"
#include "runtime/oauth/oauth.h"

#ifndef OAUTH_SERVER_PY
#error "OAUTH_SERVER_PY (the path of fixtures/oauth_server.py) must be defined"
#endif

extern char** environ;

namespace fs = std::filesystem;
using namespace apex::runtime;
using Json = nlohmann::json;

namespace {

const char* kSecret = "s3 cr&t=+%/x";  // every character form encoding must escape
const char* kAudience = "https://login.salesforce.com";

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "apexrun-oauth-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

// Runs a program (no shell) with its output discarded; its exit code.
int run(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A port nothing listens on: bound, then closed.
int closedPort() {
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(sock >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(sock);
  return ntohs(address.sin_port);
}

// oauth_server.py with a config, for one test case.
class TokenServer {
 public:
  TokenServer(const TempDir& dir, const Json& config) {
    static int serial = 0;
    std::string name = "server" + std::to_string(++serial);
    fs::path configFile = dir.path / (name + ".json");
    fs::path portFile = dir.path / (name + ".port");
    std::ofstream(configFile) << config.dump(2);
    std::vector<std::string> args{"python3", OAUTH_SERVER_PY, portFile.string(), configFile.string()};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    REQUIRE(posix_spawnp(&pid_, "python3", nullptr, nullptr, argv.data(), environ) == 0);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!fs::exists(portFile)) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) != 0) FAIL("oauth_server.py exited before listening");
      if (std::chrono::steady_clock::now() > deadline) {
        stop();
        FAIL("oauth_server.py did not start within 30 s");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    port_ = std::stoi(readFile(portFile));
    scheme_ = config.contains("tls") ? "https" : "http";
  }
  ~TokenServer() { stop(); }
  TokenServer(const TokenServer&) = delete;
  TokenServer& operator=(const TokenServer&) = delete;

  void stop() {
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 250 && waitpid(pid_, &status, WNOHANG) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (waitpid(pid_, &status, WNOHANG) == 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }
  std::string base() const { return scheme_ + "://127.0.0.1:" + std::to_string(port_); }
  std::string tokenUrl() const { return base() + "/services/oauth2/token"; }
  std::string authorizeUrl() const { return base() + "/services/oauth2/authorize"; }
  Json stats() const {
    httplib::Client http(base());
    http.enable_server_certificate_verification(false);
    auto res = http.Get("/stats");
    REQUIRE(res);
    return Json::parse(res->body);
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
  std::string scheme_;
};

Json clientConfig(const std::string& id, const std::string& secret, Json extra = Json::object()) {
  Json client = {{"id", id}, {"secret", secret}, {"redirect_uris", {"http://127.0.0.1/callback"}}};
  client.update(extra);
  return client;
}

Json serverConfig(Json extra = Json::object()) {
  Json config = {
      {"clients",
       {clientConfig("app", kSecret), clientConfig("public-app", ""),
        clientConfig("elsewhere", kSecret, {{"redirect_uris", {"https://app.example.com/oauth/callback"}}}),
        clientConfig("denied", kSecret, {{"authorize", "deny"}}),
        clientConfig("tampered", kSecret, {{"authorize", "wrong_state"}})}},
      {"users", {{{"username", "ada@example.com"}, {"password", "pw"}}}},
      {"audience", kAudience}};
  config.update(extra);
  return config;
}

OAuthClient client(const TokenServer& server, std::string id = "app", std::string secret = kSecret) {
  OAuthClient c;
  c.tokenUrl = server.tokenUrl();
  c.clientId = std::move(id);
  c.clientSecret = std::move(secret);
  return c;
}

// By value: callers keep what a temporary TokenResult held.
TokenResponse token(const TokenResult& result) {
  if (auto* error = std::get_if<OAuthError>(&result)) FAIL("token request failed: " << error->message());
  return std::get<TokenResponse>(result);
}

OAuthError error(const TokenResult& result) {
  if (std::holds_alternative<TokenResponse>(result)) FAIL("the token request succeeded");
  return std::get<OAuthError>(result);
}

AuthorizationRequest automatic(const TokenServer& server, std::string scope = "api refresh_token") {
  AuthorizationRequest request;
  request.authorizeUrl = server.authorizeUrl();
  request.scope = std::move(scope);
  request.followAutomatically = true;
  request.timeout = std::chrono::seconds(30);
  return request;
}

std::vector<std::string> fields(const Json& stats) { return stats["last_token_request"]["fields"]; }

using Fields = std::vector<std::string>;

void checkNoSecret(const std::string& message) {
  CHECK(message.find(kSecret) == std::string::npos);
  CHECK(message.find("s3+cr%26t") == std::string::npos);
}

}  // namespace

TEST_CASE("oauth client: client credentials with the secret in the form") {
  TempDir dir;
  TokenServer server(dir, serverConfig());
  auto result = clientCredentialsGrant(client(server), "api");
  const auto& t = token(result);
  CHECK_THAT(t.accessToken, Catch::StartsWith("00D000000000001!"));
  CHECK(t.tokenType == "Bearer");
  CHECK(t.instanceUrl == server.base());
  CHECK(t.id == server.base() + "/id/00D000000000001AAA/005000000000000AAA");
  CHECK(t.scope == "api");
  CHECK(t.refreshToken.empty());
  CHECK_FALSE(t.expiresAt.has_value());  // Salesforce sends no expires_in
  CHECK(t.raw.at("token_format") == "opaque");
  CHECK(t.raw.at("access_token") == t.accessToken);
  CHECK_FALSE(t.raw.at("signature").empty());
  const std::string& issuedAt = t.raw.at("issued_at");
  REQUIRE(issuedAt.size() == 13);  // epoch milliseconds, as a string
  auto nowMillis = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::system_clock::now().time_since_epoch()).count();
  CHECK(std::abs(std::stoll(issuedAt) - nowMillis) < 60000);

  Json stats = server.stats();
  CHECK(stats["issued"]["client_credentials"] == 1);
  CHECK(fields(stats) == Fields{"client_id", "client_secret", "grant_type", "scope"});
  CHECK(stats["last_token_request"]["client_auth"] == "form");
  CHECK(stats["last_token_request"]["accept"] == "application/json");
  CHECK(stats["last_token_request"]["content_type"] == "application/x-www-form-urlencoded");

  // The token opens the server's REST API.
  httplib::Client http("127.0.0.1", server.port());
  auto res = http.Get("/services/data/v59.0/limits", {{"Authorization", "Bearer " + t.accessToken}});
  REQUIRE(res);
  CHECK(res->status == 200);
  auto stale = http.Get("/services/data/v59.0/limits", {{"Authorization", "Bearer nope"}});
  REQUIRE(stale);
  CHECK(stale->status == 401);

  // Without a scope, no scope field.
  token(clientCredentialsGrant(client(server), ""));
  CHECK(fields(server.stats()) == Fields{"client_id", "client_secret", "grant_type"});
}

TEST_CASE("oauth client: HTTP Basic client authentication") {
  TempDir dir;
  TokenServer server(dir, serverConfig());
  OAuthClient basic = client(server);
  basic.sendCredentialsInHeader = true;
  const auto& t = token(clientCredentialsGrant(basic, "api"));
  CHECK_FALSE(t.accessToken.empty());
  Json stats = server.stats();
  CHECK(stats["last_token_request"]["client_auth"] == "basic");
  CHECK(fields(stats) == Fields{"grant_type", "scope"});

  basic.clientSecret = "wrong";
  const auto& e = error(clientCredentialsGrant(basic, "api"));
  CHECK(e.error == "invalid_client");
  CHECK(e.httpStatus == 401);
  CHECK(e.message() == "invalid_client: invalid client credentials");
}

TEST_CASE("oauth client: the token endpoint's errors") {
  TempDir dir;
  TokenServer server(dir, serverConfig());

  SECTION("wrong client secret") {
    const auto& e = error(clientCredentialsGrant(client(server, "app", "wrong"), "api"));
    CHECK(e.error == "invalid_client");
    CHECK(e.description == "invalid client credentials");
    CHECK(e.httpStatus == 401);
    CHECK(e.message() == "invalid_client: invalid client credentials");
  }
  SECTION("unknown client") {
    const auto& e = error(clientCredentialsGrant(client(server, "nobody"), "api"));
    CHECK(e.message() == "invalid_client_id: client identifier invalid");
    CHECK(e.httpStatus == 400);
  }
  SECTION("bad refresh token") {
    const auto& e = error(refreshAccessToken(client(server), "5Aep-not-a-token"));
    CHECK(e.error == "invalid_grant");
    CHECK(e.httpStatus == 400);
    CHECK(e.message() == "invalid_grant: expired access/refresh token");
    CHECK(e.message().find("5Aep-not-a-token") == std::string::npos);
  }
  SECTION("bad authorization code") {
    const auto& e = error(authorizationCodeGrant(client(server), "aPrx-made-up", "http://127.0.0.1:1/callback", ""));
    CHECK(e.message() == "invalid_grant: authentication failure");
  }
  SECTION("a body that is not JSON") {
    OAuthClient c = client(server);
    c.tokenUrl = server.base() + "/not/the/token/endpoint";
    const auto& e = error(clientCredentialsGrant(c, "api"));
    CHECK(e.error.empty());
    CHECK(e.httpStatus == 404);
    CHECK(e.message() ==
          "The token endpoint answered HTTP 404 Not Found with a body that is not a JSON object (Content-Type: text/plain)");
  }
  checkNoSecret(error(clientCredentialsGrant(client(server, "app", "wrong"), "api")).message());
}

TEST_CASE("oauth client: a grant the server does not serve") {
  TempDir dir;
  TokenServer server(dir, serverConfig({{"grant_types", {"authorization_code", "refresh_token"}}}));
  const auto& e = error(clientCredentialsGrant(client(server), "api"));
  CHECK(e.error == "unsupported_grant_type");
  CHECK(e.httpStatus == 400);
  CHECK(e.message() == "unsupported_grant_type: grant type not supported");
}

TEST_CASE("oauth client: a token server that is down") {
  OAuthClient c;
  int port = closedPort();
  c.tokenUrl = "http://127.0.0.1:" + std::to_string(port) + "/services/oauth2/token";
  c.clientId = "app";
  c.clientSecret = kSecret;
  const auto& e = error(clientCredentialsGrant(c, "api"));
  CHECK(e.error.empty());
  CHECK(e.httpStatus == 0);
  CHECK(e.message() == "Connection refused: 127.0.0.1:" + std::to_string(port));

  AuthorizationRequest request;
  request.authorizeUrl = "http://127.0.0.1:" + std::to_string(port) + "/services/oauth2/authorize";
  request.followAutomatically = true;
  const auto& login = error(loginWithAuthorizationCode(c, request));
  CHECK(login.message() == "Connection refused: 127.0.0.1:" + std::to_string(port));
}

TEST_CASE("oauth client: authorization code with PKCE, then refresh without rotation") {
  TempDir dir;
  TokenServer server(dir, serverConfig({{"send_expires_in", true}, {"token_ttl", 7200}}));
  auto before = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch()).count();
  AuthorizationRequest request = automatic(server);
  request.authorizeUrl += "?prompt=login";  // kept
  bool shown = false;
  request.showUrl = [&](const std::string&) { shown = true; };
  const auto& t = token(loginWithAuthorizationCode(client(server), request));
  CHECK_FALSE(shown);
  CHECK_FALSE(t.accessToken.empty());
  CHECK_FALSE(t.refreshToken.empty());
  CHECK(t.scope == "api refresh_token");
  REQUIRE(t.expiresAt.has_value());
  CHECK(*t.expiresAt >= before + 7200);
  CHECK(*t.expiresAt <= before + 7200 + 60);
  CHECK(t.raw.at("expires_in") == "7200");

  Json stats = server.stats();
  CHECK(stats["authorize"] == 1);
  CHECK(stats["issued"]["authorization_code"] == 1);
  CHECK(fields(stats) == Fields{"client_id", "client_secret", "code", "code_verifier", "grant_type", "redirect_uri"});

  // Refresh: a new access token, no new refresh token; the old one still works.
  const auto& refreshed = token(refreshAccessToken(client(server), t.refreshToken));
  CHECK_FALSE(refreshed.accessToken.empty());
  CHECK(refreshed.accessToken != t.accessToken);
  CHECK(refreshed.refreshToken.empty());
  const auto& again = token(refreshAccessToken(client(server), t.refreshToken));
  CHECK(again.accessToken != refreshed.accessToken);
  CHECK(server.stats()["issued"]["refresh_token"] == 2);
  CHECK(fields(server.stats()) == Fields{"client_id", "client_secret", "grant_type", "refresh_token"});

  // Another client cannot use it.
  const auto& stolen = error(refreshAccessToken(client(server, "elsewhere"), t.refreshToken));
  CHECK(stolen.message() == "invalid_grant: expired access/refresh token");
}

TEST_CASE("oauth client: refresh with rotation") {
  TempDir dir;
  TokenServer server(dir, serverConfig({{"rotate_refresh_tokens", true}}));
  const auto& first = token(loginWithAuthorizationCode(client(server), automatic(server)));
  REQUIRE_FALSE(first.refreshToken.empty());
  const auto& second = token(refreshAccessToken(client(server), first.refreshToken));
  REQUIRE_FALSE(second.refreshToken.empty());
  CHECK(second.refreshToken != first.refreshToken);
  // The old refresh token is spent.
  CHECK(error(refreshAccessToken(client(server), first.refreshToken)).message() ==
        "invalid_grant: expired access/refresh token");
  const auto& third = token(refreshAccessToken(client(server), second.refreshToken));
  CHECK(third.refreshToken != second.refreshToken);
}

TEST_CASE("oauth client: authorization code variants") {
  TempDir dir;
  TokenServer server(dir, serverConfig());

  SECTION("a public client: PKCE and no secret") {
    const auto& t = token(loginWithAuthorizationCode(client(server, "public-app", ""), automatic(server)));
    CHECK_FALSE(t.refreshToken.empty());
    CHECK(fields(server.stats()) == Fields{"client_id", "code", "code_verifier", "grant_type", "redirect_uri"});
    const auto& refreshed = token(refreshAccessToken(client(server, "public-app", ""), t.refreshToken));
    CHECK_FALSE(refreshed.accessToken.empty());
  }
  SECTION("without PKCE, without refresh scope, Basic authentication") {
    AuthorizationRequest request = automatic(server, "api");
    request.usePkce = false;
    OAuthClient basic = client(server);
    basic.sendCredentialsInHeader = true;
    const auto& t = token(loginWithAuthorizationCode(basic, request));
    CHECK(t.refreshToken.empty());
    Json stats = server.stats();
    CHECK(fields(stats) == Fields{"code", "grant_type", "redirect_uri"});
    CHECK(stats["last_token_request"]["client_auth"] == "basic");
  }
  SECTION("a fixed loopback port") {
    AuthorizationRequest request = automatic(server);
    request.port = closedPort();
    const auto& t = token(loginWithAuthorizationCode(client(server), request));
    CHECK_FALSE(t.accessToken.empty());
    // The port is free again: the listener was stopped.
    token(loginWithAuthorizationCode(client(server), request));
  }
  SECTION("a loopback port in use") {
    httplib::Server busy;
    int port = busy.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    AuthorizationRequest request = automatic(server);
    request.port = port;
    CHECK(error(loginWithAuthorizationCode(client(server), request)).message() ==
          "Cannot listen on 127.0.0.1:" + std::to_string(port) + " for the authorization redirect");
  }
  SECTION("a wrong PKCE verifier") {
    // The authorize request by hand, to exchange its code with another verifier.
    Pkce pkce = makePkce();
    std::string redirect = "http://127.0.0.1:1/callback";
    httplib::Client http("127.0.0.1", server.port());
    auto res = http.Get(("/services/oauth2/authorize?response_type=code&client_id=app&redirect_uri=" +
                         apex::formUrlEncode(redirect) + "&state=s&code_challenge=" + pkce.challenge +
                         "&code_challenge_method=S256").c_str());
    REQUIRE(res);
    REQUIRE(res->status == 302);
    std::string location = res->get_header_value("Location");
    size_t at = location.find("code=");
    REQUIRE(at != std::string::npos);
    std::string code = location.substr(at + 5, location.find('&', at) - at - 5);
    const auto& e = error(authorizationCodeGrant(client(server), code, redirect, makePkce().verifier));
    CHECK(e.message() == "invalid_grant: invalid code verifier");
  }
  SECTION("the redirect URI is not registered") {
    const auto& e = error(loginWithAuthorizationCode(client(server, "elsewhere"), automatic(server)));
    CHECK(e.error == "redirect_uri_mismatch");
    CHECK(e.httpStatus == 400);
    CHECK(e.message() == "redirect_uri_mismatch: redirect_uri must match configuration");
  }
  SECTION("the user denies access") {
    const auto& e = error(loginWithAuthorizationCode(client(server, "denied"), automatic(server)));
    CHECK(e.message() == "access_denied: end-user denied authorization");
    CHECK(server.stats()["requests"].value("authorization_code", 0) == 0);
  }
  SECTION("the redirect carries another state") {
    // The loopback listener answers it 400 and waits on; followed
    // automatically, that 400 is where the redirects end.
    const auto& e = error(loginWithAuthorizationCode(client(server, "tampered"), automatic(server)));
    CHECK_THAT(e.message(), Catch::Matches("The authorization server answered HTTP 400 Bad Request instead of "
                                           "redirecting to http://127\\.0\\.0\\.1:[0-9]+/callback"));
    CHECK(server.stats()["requests"].value("authorization_code", 0) == 0);  // the code is not exchanged
  }
  SECTION("requests to the loopback port without the state sent do not end the sign-in") {
    AuthorizationRequest request;
    request.authorizeUrl = server.authorizeUrl();
    request.scope = "api refresh_token";
    request.timeout = std::chrono::seconds(30);
    std::thread browser;
    std::vector<int> strayStatuses;
    std::string page;
    request.showUrl = [&](const std::string& url) {
      browser = std::thread([&, url, port = server.port()] {
        // Another page of the browser finds the listener first.
        std::string redirect = apex::formUrlDecode(url.substr(url.find("redirect_uri=") + 13));
        redirect = redirect.substr(0, redirect.find('&'));
        int loopback = std::stoi(redirect.substr(redirect.rfind(':') + 1));
        httplib::Client stray("127.0.0.1", loopback);
        for (const char* query : {"/callback?code=forged&state=guess", "/callback?error=access_denied",
                                  "/callback?code=forged"}) {
          auto res = stray.Get(query);
          strayStatuses.push_back(res ? res->status : 0);
        }
        httplib::Client http("127.0.0.1", port);
        http.set_follow_location(true);
        http.set_url_encode(false);
        auto res = http.Get(url.substr(url.find("/services")).c_str());
        if (res) page = res->body;
      });
    };
    auto result = loginWithAuthorizationCode(client(server), request);
    browser.join();
    CHECK(strayStatuses == std::vector<int>{400, 400, 400});
    CHECK_FALSE(token(result).accessToken.empty());
    CHECK(page == "apexrun: signed in, you can close this tab\n");
  }
  SECTION("an authorize URL that does not redirect") {
    AuthorizationRequest request = automatic(server);
    request.authorizeUrl = server.base() + "/nowhere";
    const auto& e = error(loginWithAuthorizationCode(client(server), request));
    CHECK_THAT(e.message(), Catch::Matches("The authorization server answered HTTP 404 Not Found instead of "
                                           "redirecting to http://127\\.0\\.0\\.1:[0-9]+/callback"));
  }
  SECTION("the flow in a browser: showUrl, then the redirect") {
    AuthorizationRequest request;
    request.authorizeUrl = server.authorizeUrl();
    request.scope = "api refresh_token";
    std::thread browser;
    std::string page;
    request.showUrl = [&](const std::string& url) {
      browser = std::thread([&page, url, port = server.port()] {
        httplib::Client http("127.0.0.1", port);
        http.set_follow_location(true);
        http.set_url_encode(false);  // as a browser sends it: `scope=api+refresh_token`
        auto res = http.Get(url.substr(url.find("/services")).c_str());
        if (res) page = res->body;
      });
    };
    auto result = loginWithAuthorizationCode(client(server), request);
    browser.join();
    CHECK_FALSE(token(result).refreshToken.empty());
    CHECK(page == "apexrun: signed in, you can close this tab\n");
  }
}

TEST_CASE("oauth client: JWT bearer") {
  TempDir dir;
  fs::path key = dir.path / "key.pem", pub = dir.path / "pub.pem", other = dir.path / "other.pem";
  REQUIRE(run({"openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key}) == 0);
  REQUIRE(run({"openssl", "pkey", "-in", key, "-pubout", "-out", pub}) == 0);
  REQUIRE(run({"openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", other}) == 0);
  TokenServer server(dir, serverConfig({{"clients", {clientConfig("3MVG9jwt.app", kSecret, {{"public_key", pub.string()}})}}}));

  OAuthClient c;
  c.tokenUrl = server.tokenUrl();
  JwtBearer jwt;
  jwt.issuer = "3MVG9jwt.app";
  jwt.subject = "ada@example.com";
  jwt.audience = kAudience;
  jwt.lifetime = std::chrono::seconds(180);
  jwt.privateKeyPem = readFile(key);

  const auto& t = token(jwtBearerGrant(c, jwt));
  CHECK_FALSE(t.accessToken.empty());
  CHECK(t.refreshToken.empty());
  CHECK(t.id == server.base() + "/id/00D000000000001AAA/005000000000001AAA");
  Json stats = server.stats();
  CHECK(stats["issued"]["urn:ietf:params:oauth:grant-type:jwt-bearer"] == 1);
  CHECK(fields(stats) == Fields{"assertion", "grant_type"});
  CHECK(stats["last_token_request"]["client_auth"] == "none");

  // With client credentials set, they are sent too.
  OAuthClient withSecret = client(server, "3MVG9jwt.app");
  token(jwtBearerGrant(withSecret, jwt));
  CHECK(fields(server.stats()) == Fields{"assertion", "client_id", "client_secret", "grant_type"});

  JwtBearer wrongAudience = jwt;
  wrongAudience.audience = "https://test.salesforce.com";
  CHECK(error(jwtBearerGrant(c, wrongAudience)).message() == "invalid_grant: audience is invalid");

  JwtBearer otherKey = jwt;
  otherKey.privateKeyPem = readFile(other);
  const auto& forged = error(jwtBearerGrant(c, otherKey));
  CHECK(forged.message() == "invalid_grant: invalid assertion");
  CHECK(forged.httpStatus == 400);

  JwtBearer unknownUser = jwt;
  unknownUser.subject = "eve@example.com";
  CHECK(error(jwtBearerGrant(c, unknownUser)).message() == "invalid_grant: user hasn't approved this consumer");

  // A bad key: no request is made.
  int requests = server.stats()["requests"]["urn:ietf:params:oauth:grant-type:jwt-bearer"];
  JwtBearer badKey = jwt;
  badKey.privateKeyPem = "not a key";
  const auto& e = error(jwtBearerGrant(c, badKey));
  CHECK(e.error.empty());
  CHECK_THAT(e.message(), Catch::StartsWith("Cannot sign the JWT: the key is not a PEM private key"));
  CHECK(server.stats()["requests"]["urn:ietf:params:oauth:grant-type:jwt-bearer"] == requests);
}

TEST_CASE("oauth client: HTTPS token endpoint and certificate verification") {
  TempDir dir;
  fs::path cert = dir.path / "cert.pem", key = dir.path / "key.pem";
  REQUIRE(run({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", key, "-out", cert,
               "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"}) == 0);
  TokenServer server(dir, serverConfig({{"tls", {{"cert", cert.string()}, {"key", key.string()}}}}));
  REQUIRE_THAT(server.tokenUrl(), Catch::StartsWith("https://"));

  OAuthClient trusted = client(server);
  trusted.tls.extraCaFiles = {cert};
  CHECK(token(clientCredentialsGrant(trusted, "api")).instanceUrl == server.base());

  const auto& untrusted = error(clientCredentialsGrant(client(server), "api"));
  CHECK(untrusted.error.empty());
  CHECK_THAT(untrusted.message(), Catch::StartsWith("sun.security.validator.ValidatorException: PKIX path building "
                                                    "failed: unable to find valid certification path to requested "
                                                    "target ("));

  OAuthClient insecure = client(server);
  insecure.tls.insecure = true;
  CHECK_FALSE(token(clientCredentialsGrant(insecure, "api")).accessToken.empty());

  // The authorization code flow over HTTPS with the same options.
  CHECK_FALSE(token(loginWithAuthorizationCode(trusted, automatic(server))).refreshToken.empty());
  const auto& login = error(loginWithAuthorizationCode(client(server), automatic(server)));
  CHECK_THAT(login.message(), Catch::StartsWith("sun.security.validator.ValidatorException: PKIX path building"));
}

TEST_CASE("oauth client: no secret goes to a plain-http token endpoint on another machine") {
  OAuthClient remote;
  remote.tokenUrl = "http://192.0.2.10/services/oauth2/token";  // TEST-NET-1: never reached
  remote.clientId = "app";
  remote.clientSecret = kSecret;
  const auto& e = error(clientCredentialsGrant(remote, ""));
  CHECK(e.message() == "The token endpoint http://192.0.2.10 is plain http on another machine: apexrun does not "
                       "send client secrets, codes or tokens over it. Use https, or pass --insecure");
  checkNoSecret(e.message());
  CHECK(error(refreshAccessToken(remote, "5Aep-refresh")).message() == e.message());
}

TEST_CASE("oauth client: control characters in a server's error text never reach the terminal") {
  httplib::Server hostile;
  hostile.Post("/token", [](const httplib::Request&, httplib::Response& res) {
    res.status = 400;
    res.set_content(R"({"error":"invalid_grant\u001b[31m","error_description":"bad\u001b[2J\r\nFAKE: ok\u0085\u0007"})",
                    "application/json");
  });
  int port = hostile.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread listener([&] { hostile.listen_after_bind(); });
  while (!hostile.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  OAuthClient c;
  c.tokenUrl = "http://127.0.0.1:" + std::to_string(port) + "/token";
  c.clientId = "app";
  c.clientSecret = kSecret;
  TokenResult result = clientCredentialsGrant(c, "");
  hostile.stop();
  listener.join();
  CHECK(error(result).message() == "invalid_grant[31m: bad[2JFAKE: ok");
}
