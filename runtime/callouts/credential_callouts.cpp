#include "runtime/callouts/credential_callouts.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>

#include "base/base64.h"
#include "interp/errors.h"
#include "runtime/credentials/merge_fields.h"
#include "base/text.h"

namespace apex::runtime {
namespace errors = interp::errors;

struct CredentialCallouts::Credential {
  const NamedCredentialDef* nc = nullptr;
  const ExternalCredentialDef* ec = nullptr;
  const AuthProviderDef* provider = nullptr;
  AuthKind kind = AuthKind::None;
  std::string owner;
  std::string principal;
};

namespace {

CalloutFailure failure(std::string message) { return CalloutFailure{std::move(message)}; }

bool containsIgnoreCase(const std::string& text, const std::string& part) {
  return text::foldCase(text).find(text::foldCase(part)) != std::string::npos;
}

// External Credential variants that get a token without a person: the
// client credentials and JWT bearer grants.
bool isClientCredentials(const std::string& variant) { return containsIgnoreCase(variant, "ClientCredentials"); }
bool isJwtBearer(const std::string& variant) { return containsIgnoreCase(variant, "Jwt"); }

// `callout:Name/path?query` → Name and `/path?query`.
std::pair<std::string, std::string> splitCalloutEndpoint(const std::string& endpoint) {
  std::string rest = endpoint.substr(8);
  size_t end = rest.find_first_of("/?");
  if (end == std::string::npos) return {rest, ""};
  return {rest.substr(0, end), rest.substr(end)};
}

// The credential's URL and the endpoint's path and query, joined with
// exactly one `/`; a path in the credential's URL is kept.
std::string joinUrl(std::string base, const std::string& rest) {
  if (rest.empty()) return base;
  if (rest[0] == '?') return base + rest;
  while (!base.empty() && base.back() == '/') base.pop_back();
  size_t firstNonSlash = rest.find_first_not_of('/');
  return base + "/" + (firstNonSlash == std::string::npos ? "" : rest.substr(firstNonSlash));
}

std::string tokenFailure(const OAuthError& e) {
  if (e.error.empty()) return "Unable to fetch the OAuth token: " + e.description;
  return "Unable to fetch the OAuth token. Error: " + e.error + ". Error description: " + e.description + ".";
}

// Holds an exclusive lock on `<store>.lock` so that two processes do not
// refresh one credential at once.
class RefreshLock {
 public:
  explicit RefreshLock(const CredentialStore* store) {
    if (!store) return;
    fd_ = ::open((store->file().string() + ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
  }
  ~RefreshLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  RefreshLock(const RefreshLock&) = delete;
  RefreshLock& operator=(const RefreshLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace

// `Named credential "X"` or `External credential "Y"`, for messages.
std::string CredentialCallouts::describe(const Credential& c) {
  return c.nc ? "Named credential \"" + c.nc->name + "\"" : "External credential \"" + c.ec->name + "\"";
}

CredentialCallouts::CredentialCallouts(CredentialContext context, SecretMasker& masker)
    : context_(std::move(context)), masker_(masker) {}

void CredentialCallouts::hint(const std::string& text) const {
  if (context_.hint) context_.hint(masker_.mask(text));  // a hint may quote a URL holding a secret
}

void CredentialCallouts::hintUnknownCredential(const std::string& name) const {
  std::vector<std::string> names = context_.catalog->namedCredentialNames();
  std::string known;
  for (const std::string& each : names) known += (known.empty() ? "" : ", ") + each;
  if (names.empty())
    hint("the project has no Named Credentials: callout:" + name + " needs namedCredentials/" + name +
         ".namedCredential-meta.xml in a package directory");
  else
    hint("the project has no Named Credential " + name + "; its Named Credentials are " + known);
}

std::variant<CredentialCallouts::Credential, CalloutFailure> CredentialCallouts::lookUp(const std::string& name) const {
  auto notFound = failure(errors::text(errors::NamedCredentialNotFound, name));
  if (!context_.catalog) {
    hint("callout:" + name + " names a Named Credential, and apexrun reads them from an SFDX project: run inside "
         "one or pass --project DIR");
    return notFound;
  }
  auto found = context_.catalog->namedCredential(name);
  if (!found) {
    hintUnknownCredential(name);
    return notFound;
  }
  if (auto* problem = std::get_if<std::string>(&*found)) return failure(*problem);
  Credential c;
  c.nc = std::get<const NamedCredentialDef*>(*found);
  if (!c.nc->calloutEnabled)
    return failure("Named credential \"" + c.nc->name + "\" is disabled for callouts: <calloutStatus> is Disabled in " +
                   c.nc->file.string());

  std::string protocol;
  std::string providerName;
  if (c.nc->legacy) {
    protocol = c.nc->protocol;
    providerName = c.nc->authProvider;
    c.owner = c.nc->name;
    if (c.nc->principalType == "PerUser") {
      if (context_.user.empty())
        return failure("Named credential \"" + c.nc->name + "\" authenticates per user: run with --user NAME");
      c.principal = context_.user;
    }
  } else if (!c.nc->externalCredential.empty()) {
    auto ec = context_.catalog->externalCredential(c.nc->externalCredential);
    if (!ec) return failure(c.nc->file.string() + ": the external credential \"" + c.nc->externalCredential +
                            "\" does not exist");
    if (auto* problem = std::get_if<std::string>(&*ec)) return failure(*problem);
    c.ec = std::get<const ExternalCredentialDef*>(*ec);
    protocol = c.ec->protocol;
    providerName = c.ec->authProvider;
    c.owner = c.ec->name;
    bool perUser = std::any_of(c.ec->principals.begin(), c.ec->principals.end(), [](auto& p) { return p.perUser; });
    if (!context_.user.empty() && perUser) c.principal = context_.user;
    else if (!c.ec->principals.empty()) c.principal = c.ec->principals.front().name;
  }

  if (auto problem = classify(c, protocol, providerName)) return *problem;
  return c;
}

// Sets the credential's kind from its protocol, and finds its Auth Provider.
std::optional<CalloutFailure> CredentialCallouts::classify(Credential& c, const std::string& protocol,
                                                           const std::string& providerName) const {
  if (protocol.empty() || protocol == "NoAuthentication") c.kind = AuthKind::None;
  else if (protocol == "Password" || protocol == "Basic") c.kind = AuthKind::Password;
  else if (protocol == "Oauth") c.kind = AuthKind::OAuth;
  else if (protocol == "Custom") c.kind = AuthKind::Custom;
  else return failure(describe(c) + ": apexrun does not support the " + protocol +
                      " authentication protocol yet");
  if (c.kind != AuthKind::None && !context_.storeProblem.empty()) return failure(context_.storeProblem);
  if (c.kind == AuthKind::OAuth && !providerName.empty()) {
    auto provider = context_.catalog->authProvider(providerName);
    if (!provider) return failure(describe(c) + ": the auth provider \"" + providerName +
                                  "\" does not exist");
    if (auto* problem = std::get_if<std::string>(&*provider)) return failure(*problem);
    c.provider = std::get<const AuthProviderDef*>(*provider);
  }
  return std::nullopt;
}

std::string CredentialCallouts::scopeOf(const Credential& c) const {
  std::string scope = c.nc && c.nc->legacy ? c.nc->oauthScope : "";
  if (c.ec) {
    for (const std::string& group : {c.principal, std::string("DEFAULT_GROUP")}) {
      auto params = c.ec->authParameters.find(group);
      if (scope.empty() && params != c.ec->authParameters.end() && params->second.count("Scope"))
        scope = params->second.at("Scope");
    }
  }
  if (scope.empty() && c.provider) scope = c.provider->defaultScopes;
  return scope;
}

std::variant<OAuthTarget, CalloutFailure> CredentialCallouts::findOAuthTarget(const std::string& name) {
  Credential c;
  if (context_.catalog && context_.catalog->namedCredential(name)) {
    auto looked = lookUp(name);
    if (auto* problem = std::get_if<CalloutFailure>(&looked)) return *problem;
    c = std::get<Credential>(looked);
  } else if (auto ec = context_.catalog ? context_.catalog->externalCredential(name) : std::nullopt) {
    if (auto* problem = std::get_if<std::string>(&*ec)) return failure(*problem);
    c.ec = std::get<const ExternalCredentialDef*>(*ec);
    c.owner = c.ec->name;
    c.principal = context_.user.empty() && !c.ec->principals.empty() ? c.ec->principals.front().name : context_.user;
    if (auto problem = classify(c, c.ec->protocol, c.ec->authProvider)) return *problem;
  } else {
    return failure("no named credential or external credential \"" + name + "\" in the project");
  }
  if (c.kind != AuthKind::OAuth || !c.provider)
    return failure("\"" + name + "\" does not sign in through an auth provider with OAuth 2.0");
  auto client = oauthClient(c);
  if (auto* problem = std::get_if<CalloutFailure>(&client)) return *problem;
  if (c.provider->authorizeUrl.empty())
    return failure(c.provider->file.string() + ": <authorizeUrl> is missing");
  return OAuthTarget{c.owner, c.principal, scopeOf(c), c.provider->authorizeUrl, std::get<OAuthClient>(client)};
}

// A value of the credential's owner in the store: the principal's own
// first, then the owner's default. Every value read is a secret to mask.
std::optional<std::string> CredentialCallouts::stored(const Credential& c, const std::string& key) {
  if (!context_.store) return std::nullopt;
  auto value = context_.store->get(c.owner, c.principal, key);
  if (!value && !c.principal.empty()) value = context_.store->get(c.owner, "", key);
  if (value) {
    masker_.addSecret(*value);
    secretRead_ = true;
  }
  return value;
}

std::variant<OAuthClient, CalloutFailure> CredentialCallouts::oauthClient(const Credential& c) {
  OAuthClient client;
  client.tls = context_.tls;
  client.allowPlainHttp = context_.tls.insecure;
  auto fromProvider = [&](const std::string& key) -> std::optional<std::string> {
    if (!c.provider || !context_.store) return std::nullopt;
    auto value = context_.store->get(c.provider->name, "", key);
    if (value) masker_.addSecret(*value);
    return value;
  };
  client.tokenUrl = c.ec && !c.ec->authProviderUrl.empty() ? c.ec->authProviderUrl
                    : c.provider                           ? c.provider->tokenUrl
                                                           : "";
  if (client.tokenUrl.empty())
    return failure(describe(c) + " has no token URL: give its auth provider a <tokenUrl>");
  client.clientId = fromProvider("clientId").value_or(c.provider ? c.provider->consumerKey : "");
  if (client.clientId.empty()) client.clientId = stored(c, "clientId").value_or("");
  auto secret = fromProvider("clientSecret");
  if (!secret && c.provider && c.provider->consumerSecret) secret = c.provider->consumerSecret;
  if (!secret) secret = stored(c, "clientSecret");
  client.clientSecret = secret.value_or("");
  if (!client.clientSecret.empty()) masker_.addSecret(client.clientSecret);
  client.sendCredentialsInHeader = c.provider && c.provider->sendClientCredentialsInHeader;
  return client;
}

std::optional<CalloutFailure> CredentialCallouts::obtainToken(const Credential& c, const std::string& refreshToken) {
  auto client = oauthClient(c);
  if (auto* problem = std::get_if<CalloutFailure>(&client)) return *problem;
  const OAuthClient& oauth = std::get<OAuthClient>(client);
  std::string variant = c.ec ? c.ec->protocolVariant : "";
  std::string scope = scopeOf(c);

  TokenResult result;
  if (!refreshToken.empty()) {
    result = refreshAccessToken(oauth, refreshToken);
  } else if (isClientCredentials(variant)) {
    result = clientCredentialsGrant(oauth, scope);
  } else if (isJwtBearer(variant)) {
    JwtBearer jwt;
    jwt.issuer = oauth.clientId;
    jwt.subject = stored(c, "username").value_or("");
    jwt.audience = c.ec->jwtBodyClaims.count("aud") ? c.ec->jwtBodyClaims.at("aud") : oauth.tokenUrl;
    jwt.privateKeyPem = stored(c, "privateKey").value_or("");
    if (jwt.privateKeyPem.empty()) {
      if (auto file = stored(c, "privateKeyFile")) jwt.privateKeyPem = readFile(*file).value_or("");
    }
    if (jwt.privateKeyPem.empty())
      return failure(describe(c) + " signs a JWT but has no key: run apexrun credential set " +
                     c.owner + " privateKeyFile=PATH");
    result = jwtBearerGrant(oauth, jwt);
  } else {
    return failure(describe(c) + " has no OAuth token yet: run apexrun auth login " + c.owner);
  }
  if (auto* error = std::get_if<OAuthError>(&result)) {
    // RFC 6749 section 5.2: invalid_grant is an expired or revoked refresh token.
    if (!refreshToken.empty() && error->error == "invalid_grant")
      hint("the server refused the refresh token of " + describe(c) + " (expired or revoked): sign in again with "
           "apexrun auth login " + c.owner);
    return failure(tokenFailure(*error));
  }
  const TokenResponse& token = std::get<TokenResponse>(result);
  masker_.addSecret(token.accessToken);
  masker_.addSecret(token.refreshToken);
  if (!context_.store)
    return failure(describe(c) + " needs a credential store to keep its token: run inside "
                   "the project or pass --store PATH");
  std::map<std::string, std::string> values{{"accessToken", token.accessToken}};
  if (!token.refreshToken.empty()) values["refreshToken"] = token.refreshToken;
  if (token.expiresAt) values["expiresAt"] = std::to_string(*token.expiresAt);
  if (!token.instanceUrl.empty()) values["instanceUrl"] = token.instanceUrl;
  std::optional<std::string> problem;
  if (refreshToken.empty()) {
    problem = context_.store->set(c.owner, c.principal, values);
  } else {
    // Another process may have refreshed meanwhile: a rotated refresh
    // token is never replaced by this one, which it made stale.
    bool replaced = false;
    problem = context_.store->compareAndSet(c.owner, c.principal, "refreshToken", refreshToken, values, &replaced);
  }
  if (problem) return failure(*problem);
  return std::nullopt;
}

std::variant<std::string, CalloutFailure> CredentialCallouts::accessToken(const Credential& c) {
  if (auto token = stored(c, "accessToken")) return *token;
  RefreshLock lock(context_.store);
  if (auto token = stored(c, "accessToken")) return *token;  // another process got one
  if (auto problem = obtainToken(c, "")) return *problem;
  if (auto token = stored(c, "accessToken")) return *token;
  return failure(describe(c) + ": the token could not be stored");
}

std::optional<std::string> CredentialCallouts::readField(const Credential& c, const std::vector<std::string>& path,
                                                         std::string* error) {
  if (path.empty() || text::foldCase(path[0]) != "credential") {
    *error = "only $Credential merge fields are supported";
    return std::nullopt;
  }
  if (path.size() == 3) {
    if (!context_.catalog || !context_.catalog->externalCredential(path[1])) {
      *error = "unknown merge field $Credential." + path[1] + "." + path[2] + ": no external credential " + path[1];
      return std::nullopt;
    }
    Credential other = c;
    other.owner = path[1];
    if (auto value = stored(other, path[2])) return value;
    auto ec = context_.catalog->externalCredential(path[1]);
    if (auto* def = std::get_if<const ExternalCredentialDef*>(&*ec)) {
      for (const std::string& group : {c.principal, std::string("DEFAULT_GROUP")}) {
        auto params = (*def)->authParameters.find(group);
        if (params != (*def)->authParameters.end() && params->second.count(path[2])) return params->second.at(path[2]);
      }
    }
    *error = "no value for $Credential." + path[1] + "." + path[2] + ": run apexrun credential set " + path[1] + " " +
             path[2] + "=-";
    return std::nullopt;
  }
  if (path.size() != 2) {
    *error = "unknown merge field";
    return std::nullopt;
  }
  std::string field = text::foldCase(path[1]);
  auto username = [&] { return stored(c, "username").value_or(c.nc ? c.nc->username : ""); };
  auto password = [&] { return stored(c, "password").value_or(""); };
  auto token = [&]() -> std::optional<std::string> {
    auto t = accessToken(c);
    if (auto* problem = std::get_if<CalloutFailure>(&t)) {
      *error = problem->message;
      return std::nullopt;
    }
    return std::get<std::string>(t);
  };
  if (field == "username") return username();
  if (field == "password") return password();
  if (field == "oauthtoken") {
    if (c.kind != AuthKind::OAuth) {
      *error = "$Credential.OAuthToken needs an OAuth credential; " + describe(c) + " is not one";
      return std::nullopt;
    }
    return token();
  }
  if (field == "authorizationmethod")
    return c.kind == AuthKind::Password ? "Basic" : c.kind == AuthKind::OAuth ? "Bearer" : "";
  if (field == "authorizationheadervalue") {
    if (c.kind == AuthKind::Password) {
      std::string value = base64Encode(username() + ":" + password());
      masker_.addSecret(value);
      return value;
    }
    if (c.kind == AuthKind::OAuth) return token();
    return "";
  }
  if (field == "oauthconsumerkey") {
    auto client = oauthClient(c);
    if (auto* oauth = std::get_if<OAuthClient>(&client)) return oauth->clientId;
    *error = std::get<CalloutFailure>(client).message;
    return std::nullopt;
  }
  *error = "unknown merge field $Credential." + path[1];
  return std::nullopt;
}

std::variant<CredentialRequest, CalloutFailure> CredentialCallouts::resolveCredential(const CalloutRequest& request) {
  auto [name, rest] = splitCalloutEndpoint(request.endpoint);
  auto looked = lookUp(name);
  if (auto* problem = std::get_if<CalloutFailure>(&looked)) return *problem;
  Credential& c = std::get<Credential>(looked);
  const NamedCredentialDef& nc = *c.nc;

  CredentialRequest out;
  out.url = joinUrl(nc.url, rest);
  out.credential = nc.name;
  out.owner = c.owner;
  out.principal = c.principal;
  out.kind = c.kind;
  FieldReader reader = [&](const std::vector<std::string>& path, std::string* error) {
    return readField(c, path, error);
  };
  // A value made from a secret (HTMLENCODE of a password, a Basic header
  // built by a formula) is a secret too.
  ValueObserver maskDerived = [this](const std::string& value) {
    if (secretRead_) masker_.addSecret(value);
    secretRead_ = false;
  };
  secretRead_ = false;

  for (const auto& [header, value] : request.headers.fields()) {
    std::string sent = value;
    if (hasMergeFields(value)) {
      if (nc.allowMergeFieldsInHeader) {
        auto expanded = expandMergeFields(value, MergePlace::Header, reader, maskDerived);
        if (auto* problem = std::get_if<MergeError>(&expanded))
          return failure("Header " + header + ": " + problem->message);
        sent = std::get<std::string>(expanded);
      } else {
        hint("header " + header + " holds a merge field, but named credential " + nc.name +
             " does not allow merge fields in headers, so it went out as written: set "
             "<allowMergeFieldsInHeader>true</allowMergeFieldsInHeader> in " + nc.file.filename().string());
      }
    }
    out.headers.add(header, sent);
  }
  out.body = request.body;
  if (hasMergeFields(request.body)) {
    if (nc.allowMergeFieldsInBody) {
      auto expanded = expandMergeFields(request.body, MergePlace::Body, reader, maskDerived);
      if (auto* problem = std::get_if<MergeError>(&expanded)) return failure("Request body: " + problem->message);
      out.body = std::get<std::string>(expanded);
    } else {
      hint("the request body holds a merge field, but named credential " + nc.name +
           " does not allow merge fields in the body, so it went out as written: set "
           "<allowMergeFieldsInBody>true</allowMergeFieldsInBody> in " + nc.file.filename().string());
    }
  }

  // Custom headers: the Named Credential's, then the External Credential's.
  std::vector<std::pair<const FormulaHeader*, std::string>> custom;
  for (const FormulaHeader& h : nc.headers) custom.emplace_back(&h, nc.file.string());
  if (c.ec) {
    for (const FormulaHeader& h : c.ec->authHeaders) custom.emplace_back(&h, c.ec->file.string());
  }
  for (const auto& [h, file] : custom) {
    secretRead_ = false;
    auto value = evaluateHeaderFormula(h->formula, reader, maskDerived);
    if (auto* problem = std::get_if<MergeError>(&value))
      return failure(file + ": the formula of header " + h->name + ": " + problem->message);
    out.headers.set(h->name, std::get<std::string>(value));
  }

  if (nc.generateAuthorizationHeader && (c.kind == AuthKind::Password || c.kind == AuthKind::OAuth)) {
    std::string authorization;
    if (c.kind == AuthKind::OAuth) {
      auto token = accessToken(c);
      if (auto* problem = std::get_if<CalloutFailure>(&token)) return *problem;
      out.accessToken = std::get<std::string>(token);
      authorization = "Bearer " + out.accessToken;
    } else {
      auto password = stored(c, "password");
      if (!password)
        return failure("Named credential \"" + nc.name + "\" has no password in the credential store: run apexrun "
                       "credential set " + c.owner + " password=-");
      std::string basic = base64Encode(stored(c, "username").value_or(nc.username) + ":" + *password);
      masker_.addSecret(basic);
      authorization = "Basic " + basic;
    }
    if (request.headers.get("Authorization"))
      hint("named credential " + nc.name + " generates the Authorization header, so the one set in Apex was "
           "replaced: set <generateAuthorizationHeader>false</generateAuthorizationHeader> in " +
           nc.file.filename().string() + " to send your own");
    out.headers.set("Authorization", authorization);
  } else if (c.kind == AuthKind::OAuth) {
    if (auto token = stored(c, "accessToken")) out.accessToken = *token;
  }
  return out;
}

bool CredentialCallouts::needsRefresh(const CredentialRequest& sent, int statusCode) const {
  if (sent.kind != AuthKind::OAuth) return false;
  if (statusCode == 401) return true;
  auto looked = lookUp(sent.credential);
  auto* c = std::get_if<Credential>(&looked);
  if (!c || !c->ec) return false;
  const auto& codes = c->ec->additionalRefreshStatusCodes;
  return std::find(codes.begin(), codes.end(), statusCode) != codes.end();
}

std::optional<CalloutFailure> CredentialCallouts::refreshToken(const CredentialRequest& sent) {
  auto looked = lookUp(sent.credential);
  if (auto* problem = std::get_if<CalloutFailure>(&looked)) return *problem;
  const Credential& c = std::get<Credential>(looked);
  RefreshLock lock(context_.store);
  auto current = stored(c, "accessToken");
  if (current && *current != sent.accessToken) return std::nullopt;  // refreshed by another process
  std::string refreshWith = stored(c, "refreshToken").value_or("");
  std::string variant = c.ec ? c.ec->protocolVariant : "";
  if (refreshWith.empty() && !isClientCredentials(variant) && !isJwtBearer(variant))
    return failure(describe(c) + ": the server refused the access token, and there is no refresh token to get a new "
                   "one: run apexrun auth login " + c.owner + " (with refresh_token in the scope)");
  return obtainToken(c, refreshWith);
}

// The public entry points: a store that cannot be read (a damaged file)
// fails the callout instead of escaping as a C++ exception.
std::variant<CredentialRequest, CalloutFailure> CredentialCallouts::resolve(const CalloutRequest& request) {
  try {
    return resolveCredential(request);
  } catch (const CredentialStoreError& e) {
    return failure(e.what());
  }
}

std::optional<CalloutFailure> CredentialCallouts::refresh(const CredentialRequest& sent) {
  try {
    return refreshToken(sent);
  } catch (const CredentialStoreError& e) {
    return failure(e.what());
  }
}

std::variant<OAuthTarget, CalloutFailure> CredentialCallouts::oauthTarget(const std::string& name) {
  try {
    return findOAuthTarget(name);
  } catch (const CredentialStoreError& e) {
    return failure(e.what());
  }
}

void CredentialCallouts::hintPlainRequest(const CalloutRequest& request) const {
  bool merge = hasMergeFields(request.body);
  for (const auto& [name, value] : request.headers.fields()) merge = merge || hasMergeFields(value);
  if (merge)
    hint("the request to " + request.endpoint + " holds a {!...} merge field; merge fields are expanded only for "
         "callout: endpoints through a named credential, so it went out as written");
}

}  // namespace apex::runtime
