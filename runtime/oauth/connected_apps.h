// Connected apps: the OAuth clients `apexrun serve` accepts, read from the
// project's `connectedApps/*.connectedApp-meta.xml` (Metadata API:
// ConnectedApp, its ConnectedAppOauthConfig). Secrets are not read from the
// XML: a consumer secret belongs in the credential store (owner = the app's
// name, key `consumerSecret`).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/project/project.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace apex::runtime {

struct ConnectedApp {
  std::string name;                       // the file name without .connectedApp-meta.xml
  std::string consumerKey;                // <oauthConfig><consumerKey>
  std::vector<std::string> callbackUrls;  // <callbackUrl>: one or several, separated by line breaks
  std::vector<std::string> scopes;        // <scopes> as written: Api, Web, Full, RefreshToken, OpenID, Basic, ...
  std::string certificate;                // <certificate> PEM, for the JWT bearer flow; empty if none
  // <isConsumerSecretOptional>true: a public client, authenticated by its
  // consumer key alone in the authorization code and refresh token flows.
  bool consumerSecretOptional = false;
  std::filesystem::path file;
};

// Every connected app of a project; a file with a problem is reported
// (`file: problem`) and left out.
struct ConnectedAppCatalog {
  std::vector<ConnectedApp> apps;
  std::vector<std::string> problems;

  // nullptr when no app has this consumer key (compared exactly).
  const ConnectedApp* byConsumerKey(std::string_view consumerKey) const;
};

ConnectedAppCatalog loadConnectedApps(const Project& project);

// The Salesforce CLI's own client, which every org accepts without a
// Connected App of its own (`sf org login web`): consumer key `PlatformCLI`,
// a public client whose one callback is the CLI's loopback listener,
// `http://localhost:1717/OauthRedirect`, with the scopes the CLI asks for.
ConnectedApp salesforceCliApp();

// The OAuth scope parameter value of a <scopes> value (`RefreshToken` ->
// `refresh_token`, `Basic` -> `id`); empty for a value apexrun doesn't know.
std::string oauthScopeName(std::string_view metadataScope);

// The public key of a PEM X.509 certificate; nullptr if `pem` is not one.
std::shared_ptr<evp_pkey_st> certificatePublicKey(std::string_view pem);

}  // namespace apex::runtime
