// Callouts through Named Credentials: what a `callout:Name/path` request
// becomes before it goes out (the credential's URL, merge fields, custom
// headers, the generated Authorization header), and the OAuth token
// refresh when the server answers 401.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "base/http_message.h"
#include "runtime/credentials/credential_metadata.h"
#include "runtime/credentials/credential_store.h"
#include "runtime/net/secrets.h"
#include "runtime/net/transport.h"
#include "runtime/oauth/oauth.h"

namespace apex::runtime {

// apexrun's teaching voice: one line, no secrets, sent to stderr as `hint: ...`.
using HintSink = std::function<void(const std::string& hint)>;

struct CredentialContext {
  const CredentialCatalog* catalog = nullptr;  // null outside a project
  CredentialStore* store = nullptr;            // null when the project has no store yet
  std::string storeProblem;                    // why the store could not be opened, if it could not
  std::string user;                            // --user: the per-user principal; empty for named
  TlsOptions tls;                              // for token requests
  HintSink hint;
};

// How the credential authenticates.
enum class AuthKind { None, Password, OAuth, Custom };

// A `callout:` request resolved against its credential.
struct CredentialRequest {
  std::string url;  // the credential's URL joined with the path and query
  HttpHeaders headers;
  std::string body;
  // What a refresh needs to know.
  std::string credential;  // the Named Credential's name
  std::string owner;       // whose values are stored: the NC (legacy) or its External Credential
  std::string principal;
  AuthKind kind = AuthKind::None;
  std::string accessToken;  // the token the request carries, if any
};

// What `apexrun auth login` needs to sign a credential in.
struct OAuthTarget {
  std::string owner;      // where the tokens are stored
  std::string principal;
  std::string scope;
  std::string authorizeUrl;
  OAuthClient client;
};

class CredentialCallouts {
 public:
  CredentialCallouts(CredentialContext context, SecretMasker& masker);

  // Resolves a request whose endpoint starts with `callout:`.
  std::variant<CredentialRequest, CalloutFailure> resolve(const CalloutRequest& request);

  // Whether a response with `statusCode` calls for a new token (401, or an
  // External Credential's AdditionalRefreshStatusCode).
  bool needsRefresh(const CredentialRequest& sent, int statusCode) const;

  // Gets a new access token (refresh token, or the client credentials or
  // JWT grant again) and stores it; another process's newer token is used
  // as it is. The caller then resolves and sends the request once more.
  std::optional<CalloutFailure> refresh(const CredentialRequest& sent);

  // The OAuth client and where its tokens go, for a Named Credential or an
  // External Credential name.
  std::variant<OAuthTarget, CalloutFailure> oauthTarget(const std::string& name);

  // Hints about a plain (not `callout:`) request that holds merge fields.
  void hintPlainRequest(const CalloutRequest& request) const;

  // Sends a hint, its secrets masked, to the context's sink if there is one.
  void hint(const std::string& text) const;

 private:
  struct Credential;  // the NC with its External Credential and Auth Provider

  std::variant<CredentialRequest, CalloutFailure> resolveCredential(const CalloutRequest& request);
  std::optional<CalloutFailure> refreshToken(const CredentialRequest& sent);
  std::variant<OAuthTarget, CalloutFailure> findOAuthTarget(const std::string& name);
  std::variant<Credential, CalloutFailure> lookUp(const std::string& name) const;
  std::optional<CalloutFailure> classify(Credential& c, const std::string& protocol,
                                         const std::string& providerName) const;
  std::string scopeOf(const Credential& c) const;
  static std::string describe(const Credential& c);
  std::optional<std::string> stored(const Credential& c, const std::string& key);
  std::variant<OAuthClient, CalloutFailure> oauthClient(const Credential& c);
  std::variant<std::string, CalloutFailure> accessToken(const Credential& c);
  std::optional<CalloutFailure> obtainToken(const Credential& c, const std::string& refreshToken);
  std::optional<std::string> readField(const Credential& c, const std::vector<std::string>& path,
                                       std::string* error);
  void hintUnknownCredential(const std::string& name) const;

  CredentialContext context_;
  SecretMasker& masker_;
  bool secretRead_ = false;  // a stored value was read since the last merge value
};

}  // namespace apex::runtime
