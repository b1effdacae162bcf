#include "runtime/oauth/oauth.h"

#include <httplib.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <utility>

#include "base/base64.h"
#include "base/http_message.h"
#include "base/text.h"
#include "base/url.h"
#include "base/url_encoding.h"
#include "runtime/net/gzip.h"
#include "runtime/net/secrets.h"

namespace apex::runtime {
namespace {

using Json = nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

constexpr int kTimeoutMillis = 30000;
constexpr int kMaxRedirects = 10;
constexpr std::string_view kJwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

std::string formEncode(const Fields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += formUrlEncode(name);
    out += '=';
    out += formUrlEncode(value);
  }
  return out;
}


std::string statusText(int code, const std::string& reason) {
  return reason.empty() ? std::to_string(code) : std::to_string(code) + " " + reason;
}

bool isSuccess(int status) { return status >= 200 && status < 300; }

// The OAuth error (`error`, `error_description`) of a JSON object, if any.
std::optional<OAuthError> jsonError(const Json& body, int status) {
  if (!body.is_object()) return std::nullopt;
  auto error = body.find("error");
  if (error == body.end() || !error->is_string() || error->get<std::string>().empty()) return std::nullopt;
  OAuthError out{error->get<std::string>(), "", status};
  auto description = body.find("error_description");
  if (description != body.end() && description->is_string()) out.description = description->get<std::string>();
  return out;
}

// Texts the server chose may echo what it was sent: mask the secrets.
OAuthError masked(OAuthError error, const SecretMasker& masker) {
  error.error = masker.mask(error.error);
  error.description = masker.mask(error.description);
  return error;
}

std::string decodedBody(const WireResponse& response) {
  const std::string* encoding = response.headers.get("Content-Encoding");
  if (encoding && text::equalsIgnoreCase(*encoding, "gzip")) {
    if (auto plain = gzipDecompress(response.body, kMaxCalloutBodyBytes)) return *plain;
  }
  return response.body;
}

TokenResult tokenResponseFrom(const WireResponse& response, const SecretMasker& masker) {
  Json body = Json::parse(decodedBody(response), nullptr, false);
  int status = response.statusCode;
  if (body.is_discarded() || !body.is_object()) {
    std::string description =
        "The token endpoint answered HTTP " + statusText(status, response.status) + " with a body that is not a JSON object";
    if (const std::string* type = response.headers.get("Content-Type")) description += " (Content-Type: " + *type + ")";
    return OAuthError{"", description, status};
  }
  if (auto error = jsonError(body, status)) return masked(*error, masker);
  if (!isSuccess(status))
    return OAuthError{"", "The token endpoint answered HTTP " + statusText(status, response.status) +
                              " without an OAuth error", status};

  TokenResponse out;
  for (const auto& [name, value] : body.items()) {
    if (value.is_string()) out.raw[name] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean()) out.raw[name] = value.dump();
  }
  auto field = [&](const char* name) {
    auto found = out.raw.find(name);
    return found == out.raw.end() ? std::string() : found->second;
  };
  out.accessToken = field("access_token");
  if (out.accessToken.empty() || !body["access_token"].is_string())
    return OAuthError{"", "The token endpoint's response has no access_token", status};
  out.refreshToken = field("refresh_token");
  out.tokenType = field("token_type");
  out.instanceUrl = field("instance_url");
  out.scope = field("scope");
  out.id = field("id");
  if (auto expiresIn = body.find("expires_in"); expiresIn != body.end()) {
    // A number, or a string of digits as some servers send it; a value
    // beyond a century is ignored rather than overflowing.
    constexpr double kMaxSeconds = 100.0 * 365 * 24 * 3600;
    std::optional<double> value;
    if (expiresIn->is_number()) {
      value = expiresIn->get<double>();
    } else if (expiresIn->is_string()) {
      const std::string& text = expiresIn->get_ref<const std::string&>();
      if (!text.empty() && text.size() <= 12 && text.find_first_not_of("0123456789") == std::string::npos)
        value = std::stod(text);
    }
    std::optional<long long> seconds;
    if (value && *value >= 0 && *value <= kMaxSeconds) seconds = static_cast<long long>(*value);
    if (seconds) {
      auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
      out.expiresAt = now.count() + *seconds;
    }
  }
  return out;
}

// POSTs the form to the token endpoint with the client's authentication.
// `secrets` are the grant's own (refresh token, code, verifier, assertion).
TokenResult tokenRequest(const OAuthClient& client, Fields fields, const std::vector<std::string>& secrets) {
  SecretMasker masker;
  masker.addSecret(client.clientSecret);
  for (const auto& secret : secrets) masker.addSecret(secret);

  auto url = parseUrl(client.tokenUrl);
  if (auto* problem = std::get_if<std::string>(&url))
    return OAuthError{"", "Invalid token endpoint URL: " + masker.mask(*problem), 0};
  const Url& endpoint = std::get<Url>(url);
  if (endpoint.scheme == "http" && !isLoopbackHost(endpoint.host) && !client.allowPlainHttp)
    return OAuthError{"", "The token endpoint " + endpoint.origin() + " is plain http on another machine: apexrun "
                          "does not send client secrets, codes or tokens over it. Use https, or pass --insecure", 0};

  WireRequest request;
  request.method = "POST";
  request.url = std::get<Url>(url);
  request.timeoutMillis = kTimeoutMillis;
  request.headers.set("Content-Type", "application/x-www-form-urlencoded");
  request.headers.set("Accept", "application/json");
  if (client.sendCredentialsInHeader) {
    // RFC 6749 §2.3.1: both parts form-encoded before base64.
    request.headers.set("Authorization", "Basic " + base64Encode(formUrlEncode(client.clientId) + ":" +
                                                                 formUrlEncode(client.clientSecret)));
  } else {
    if (!client.clientId.empty()) fields.emplace_back("client_id", client.clientId);
    if (!client.clientSecret.empty()) fields.emplace_back("client_secret", client.clientSecret);
  }
  request.body = formEncode(fields);

  HttpTransport transport(client.tls);
  WireResult result = transport.send(request);
  if (auto* failure = std::get_if<CalloutFailure>(&result)) return OAuthError{"", masker.mask(failure->message), 0};
  return tokenResponseFrom(std::get<WireResponse>(result), masker);
}

// A Location header resolved against the URL it came from.
std::string resolveLocation(const std::string& base, const std::string& location) {
  auto schemeEnd = location.find("://");
  if (schemeEnd != std::string::npos && location.find_first_of("/?#") > schemeEnd) return location;
  auto parsed = parseUrl(base);
  if (!std::holds_alternative<Url>(parsed)) return location;
  const Url& url = std::get<Url>(parsed);
  if (location.starts_with("//")) return url.scheme + ":" + location;
  if (location.starts_with("/")) return url.origin() + location;
  std::string path = url.target.substr(0, url.target.find_first_of("?#"));
  if (location.starts_with("?")) return url.origin() + path + location;
  return url.origin() + path.substr(0, path.rfind('/') + 1) + location;
}


// The query of a request target as name -> value, form-decoded; the first
// of repeated names wins. (cpp-httplib's own parsing leaves `+` as it is.)
std::map<std::string, std::string> queryParameters(std::string_view target) {
  std::map<std::string, std::string> out;
  size_t question = target.find('?');
  if (question == std::string_view::npos) return out;
  std::string_view query = target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    std::string name = formUrlDecode(pair.substr(0, equals));
    std::string value = equals == std::string_view::npos ? "" : formUrlDecode(pair.substr(equals + 1));
    out.emplace(std::move(name), std::move(value));
  }
  return out;
}

bool isRedirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

// What the loopback listener received.
struct Callback {
  std::mutex mutex;
  std::condition_variable arrived;
  bool done = false;
  std::string code;
  std::optional<OAuthError> error;
};

}  // namespace

std::string randomBytes(size_t count) {
  std::string bytes(count, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), int(count)) != 1)
    throw std::runtime_error("OpenSSL's random generator failed");
  return bytes;
}

namespace {

// `text` without C0 and C1 control characters (and DEL), which would let a
// server's error text move the cursor or recolour the user's terminal.
std::string withoutControlCharacters(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7f) continue;
    // U+0080..U+009F in UTF-8: C2 80..C2 9F.
    if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80) {
      ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace

std::string OAuthError::message() const {
  if (error.empty()) return withoutControlCharacters(description);
  if (description.empty()) return withoutControlCharacters(error);
  return withoutControlCharacters(error + ": " + description);
}

TokenResult refreshAccessToken(const OAuthClient& client, const std::string& refreshToken) {
  return tokenRequest(client, {{"grant_type", "refresh_token"}, {"refresh_token", refreshToken}}, {refreshToken});
}

TokenResult clientCredentialsGrant(const OAuthClient& client, const std::string& scope) {
  Fields fields{{"grant_type", "client_credentials"}};
  if (!scope.empty()) fields.emplace_back("scope", scope);
  return tokenRequest(client, std::move(fields), {});
}

TokenResult authorizationCodeGrant(const OAuthClient& client, const std::string& code, const std::string& redirectUri,
                                   const std::string& codeVerifier) {
  Fields fields{{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", redirectUri}};
  if (!codeVerifier.empty()) fields.emplace_back("code_verifier", codeVerifier);
  return tokenRequest(client, std::move(fields), {code, codeVerifier});
}

TokenResult jwtBearerGrant(const OAuthClient& client, const JwtBearer& jwt) {
  auto signedJwt = signJwtRs256(jwt, std::chrono::system_clock::now());
  if (signedJwt.index() == 1) return OAuthError{"", std::get<1>(signedJwt), 0};
  const std::string& assertion = std::get<0>(signedJwt);
  return tokenRequest(client, {{"grant_type", std::string(kJwtBearerGrantType)}, {"assertion", assertion}},
                      {assertion});
}

std::variant<std::string, std::string> signJwtRs256(const JwtBearer& jwt, std::chrono::system_clock::time_point now) {
  using Result = std::variant<std::string, std::string>;
  auto failed = [](std::string text) { return Result(std::in_place_index<1>, std::move(text)); };

  // OpenSSL's reason for the last failure (never key material); the queue is emptied.
  auto opensslReason = []() {
    std::string reason;
    while (unsigned long code = ERR_get_error()) {
      if (const char* text = ERR_reason_error_string(code); text && reason.empty()) reason = text;
    }
    return reason.empty() ? std::string() : " (" + reason + ")";
  };

  ERR_clear_error();
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(jwt.privateKeyPem.data(), int(jwt.privateKeyPem.size())),
                                                &BIO_free);
  if (!bio) return failed("Cannot sign the JWT: out of memory");
  // No passphrase: an encrypted key fails instead of prompting on the terminal.
  pem_password_cb* noPassphrase = [](char*, int, int, void*) { return 0; };
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr), &EVP_PKEY_free);
  if (!key) return failed("Cannot sign the JWT: the key is not a PEM private key" + opensslReason());
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
    return failed("Cannot sign the JWT: RS256 needs an RSA private key, this one is " +
                  std::string(EVP_PKEY_get0_type_name(key.get()) ? EVP_PKEY_get0_type_name(key.get()) : "another type"));

  Json payload = Json::object();
  for (const auto& [name, value] : jwt.extraClaims) payload[name] = value;
  if (!jwt.issuer.empty()) payload["iss"] = jwt.issuer;
  if (!jwt.subject.empty()) payload["sub"] = jwt.subject;
  if (!jwt.audience.empty()) payload["aud"] = jwt.audience;
  payload["exp"] = std::chrono::duration_cast<std::chrono::seconds>((now + jwt.lifetime).time_since_epoch()).count();

  // Claims that are not valid UTF-8 get U+FFFD rather than an exception.
  std::string claims = payload.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string signingInput = base64UrlEncode(R"({"alg":"RS256","typ":"JWT"})") + "." + base64UrlEncode(claims);

  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  size_t length = 0;
  auto input = reinterpret_cast<const unsigned char*>(signingInput.data());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, input, signingInput.size()) != 1)
    return failed("Cannot sign the JWT" + opensslReason());
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, input,
                     signingInput.size()) != 1)
    return failed("Cannot sign the JWT" + opensslReason());
  signature.resize(length);
  return Result(std::in_place_index<0>, signingInput + "." + base64UrlEncode(signature));
}

std::string sha256Base64Url(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("OpenSSL's SHA-256 failed");
  return base64UrlEncode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string pkceChallenge(std::string_view verifier) { return sha256Base64Url(verifier); }

Pkce makePkce() {
  Pkce pkce;
  pkce.verifier = base64UrlEncode(randomBytes(32));  // 43 characters
  pkce.challenge = pkceChallenge(pkce.verifier);
  return pkce;
}

std::string randomState() { return base64UrlEncode(randomBytes(24)); }

TokenResult loginWithAuthorizationCode(const OAuthClient& client, const AuthorizationRequest& request) {
  std::string authorizeUrl = request.authorizeUrl.substr(0, request.authorizeUrl.find('#'));
  if (auto parsed = parseUrl(authorizeUrl); auto* problem = std::get_if<std::string>(&parsed))
    return OAuthError{"", "Invalid authorization URL: " + *problem, 0};
  if (!request.followAutomatically && !request.showUrl)
    return OAuthError{"", "Nothing opens the authorization URL: give showUrl or followAutomatically", 0};

  std::optional<Pkce> pkce;
  if (request.usePkce) pkce = makePkce();
  const std::string state = randomState();

  auto callback = std::make_shared<Callback>();
  httplib::Server server;
  server.set_keep_alive_max_count(1);  // one request per connection: stop() never waits on an idle browser socket
  // cpp-httplib's default is SO_REUSEPORT, which would share a port that
  // another listener holds; SO_REUSEADDR only allows rebinding after TIME_WAIT.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server.Get("/callback", [callback, state](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(callback->mutex);
    if (callback->done) {
      res.set_content("apexrun: this sign-in is already over, you can close this tab\n", "text/plain");
      return;
    }
    auto params = queryParameters(req.target);
    auto param = [&](const char* name) {
      auto found = params.find(name);
      return found == params.end() ? std::string() : found->second;
    };
    // Anyone may request the loopback port: without the state apexrun sent,
    // a request is not the redirect of this sign-in, and the sign-in waits on.
    if (!params.count("state") || param("state") != state) {
      res.status = 400;
      res.set_content("apexrun: this is not the redirect of the sign-in apexrun started (its state differs)\n",
                      "text/plain");
      return;
    }
    if (params.count("error")) {
      callback->error = OAuthError{param("error"), param("error_description"), 0};
    } else if (param("code").empty()) {
      callback->error = OAuthError{"invalid_request", "the redirect carries neither a code nor an error", 0};
    } else {
      callback->code = param("code");
    }
    callback->done = true;
    if (callback->error) {
      res.status = 400;
      res.set_content("apexrun: sign-in failed: " + callback->error->message() + "\n", "text/plain");
    } else {
      res.set_content("apexrun: signed in, you can close this tab\n", "text/plain");
    }
    callback->arrived.notify_all();
  });

  int port = request.port;
  if (port == 0) {
    port = server.bind_to_any_port("127.0.0.1");
  } else if (!server.bind_to_port("127.0.0.1", port)) {
    port = -1;
  }
  if (port <= 0)
    return OAuthError{"", "Cannot listen on 127.0.0.1" + (request.port ? ":" + std::to_string(request.port) : "") +
                              " for the authorization redirect", 0};

  std::atomic<bool> listenReturned = false;
  std::thread listener([&] {
    server.listen_after_bind();
    listenReturned = true;
  });
  // Stops the listener however this function returns. cpp-httplib 0.11.4 has
  // no wait_until_ready(): stop() only works once the server runs.
  struct Stop {
    httplib::Server& server;
    std::thread& listener;
    std::atomic<bool>& listenReturned;
    ~Stop() {
      while (!server.is_running() && !listenReturned) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      server.stop();
      listener.join();
    }
  } stop{server, listener, listenReturned};
  auto started = std::chrono::steady_clock::now();
  while (!server.is_running() && !listenReturned && std::chrono::steady_clock::now() - started < std::chrono::seconds(10))
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!server.is_running())
    return OAuthError{"", "Cannot listen on 127.0.0.1:" + std::to_string(port) + " for the authorization redirect", 0};

  const std::string redirectUri = "http://127.0.0.1:" + std::to_string(port) + "/callback";
  Fields params{{"response_type", "code"}, {"client_id", client.clientId}, {"redirect_uri", redirectUri}};
  if (!request.scope.empty()) params.emplace_back("scope", request.scope);
  params.emplace_back("state", state);
  if (pkce) {
    params.emplace_back("code_challenge", pkce->challenge);
    params.emplace_back("code_challenge_method", "S256");
  }
  std::string url = authorizeUrl;
  if (url.find('?') == std::string::npos) url += '?';
  else if (url.back() != '?' && url.back() != '&') url += '&';
  url += formEncode(params);

  if (request.followAutomatically) {
    // Redirects are followed here rather than by cpp-httplib: each origin
    // gets the transport's own TLS setup (cpp-httplib 0.11.4 hands a cross-
    // origin redirect a CA store it does not own) and Location is used as
    // sent (cpp-httplib decodes it).
    HttpTransport transport(client.tls);
    std::string current = url;
    std::optional<WireResponse> last;
    for (int hop = 0; hop <= kMaxRedirects; ++hop) {
      auto target = parseUrl(current);
      if (std::holds_alternative<std::string>(target))  // not shown whole: its query may hold the code
        return OAuthError{"", "The authorization server redirected to a URL apexrun cannot follow: " +
                                  current.substr(0, current.find_first_of("?#")), 0};
      WireRequest get;
      get.method = "GET";
      get.url = std::get<Url>(target);
      get.timeoutMillis = int(std::clamp<long long>(
          std::chrono::duration_cast<std::chrono::milliseconds>(request.timeout).count(), 1, kTimeoutMillis));
      get.headers.set("Accept", "text/html, application/json;q=0.9, */*;q=0.8");
      WireResult result = transport.send(get);
      if (auto* failure = std::get_if<CalloutFailure>(&result)) {
        std::lock_guard lock(callback->mutex);
        if (callback->done) break;
        return OAuthError{"", failure->message, 0};
      }
      last = std::get<WireResponse>(std::move(result));
      const std::string* location = last->headers.get("Location");
      if (!isRedirect(last->statusCode) || !location) break;
      if (hop == kMaxRedirects)
        return OAuthError{"", "The authorization server redirected more than " + std::to_string(kMaxRedirects) +
                                  " times", last->statusCode};
      current = resolveLocation(current, *location);
    }
    std::lock_guard lock(callback->mutex);
    if (!callback->done) {
      Json body = Json::parse(decodedBody(*last), nullptr, false);
      if (auto error = jsonError(body, last->statusCode)) return *error;
      return OAuthError{"", "The authorization server answered HTTP " + statusText(last->statusCode, last->status) +
                                " instead of redirecting to " + redirectUri, last->statusCode};
    }
  } else {
    request.showUrl(url);
    std::unique_lock lock(callback->mutex);
    if (!callback->arrived.wait_for(lock, request.timeout, [&] { return callback->done; }))
      return OAuthError{"", "No redirect to " + redirectUri + " within " + std::to_string(request.timeout.count()) +
                                " s: the sign-in was not completed", 0};
  }

  std::string code;
  {
    std::lock_guard lock(callback->mutex);
    if (callback->error) return *callback->error;
    code = callback->code;
  }
  return authorizationCodeGrant(client, code, redirectUri, pkce ? pkce->verifier : std::string());
}

}  // namespace apex::runtime
