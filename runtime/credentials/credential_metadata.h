// The credential metadata of a project (Metadata API): Named Credentials in
// both models, External Credentials and Auth Providers, read from
// `namedCredentials/*.namedCredential-meta.xml`,
// `externalCredentials/*.externalCredential-meta.xml` and
// `authproviders/*.authprovider-meta.xml`.
//
// A file that is malformed or inconsistent does not stop the load: its
// problem is kept, and reported only when a callout uses that credential.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runtime/project/project.h"

namespace apex::runtime {

// A header whose value is a formula evaluated at callout time
// (NamedCredentialParameter of type HttpHeader, ExternalCredentialParameter
// of type AuthHeader), in sequenceNumber order.
struct FormulaHeader {
  std::string name;
  std::string formula;
  int sequence = 0;
};

struct NamedCredentialDef {
  std::string name;  // developer name: the file name without the suffix
  std::filesystem::path file;
  bool legacy = false;  // namedCredentialType Legacy, or no type and an <endpoint>
  std::string url;      // <endpoint>, or the Url parameter's value
  bool generateAuthorizationHeader = true;
  bool allowMergeFieldsInHeader = false;
  bool allowMergeFieldsInBody = false;
  bool calloutEnabled = true;  // <calloutStatus> is not Disabled

  // Legacy model.
  std::string principalType;  // Anonymous | NamedUser | PerUser
  std::string protocol;       // NoAuthentication | Password | Oauth | Jwt | JwtExchange | AwsSv4
  std::string authProvider;   // Auth Provider name, for Oauth
  std::string oauthScope;
  std::string username;       // Password protocol; the password lives in the store

  // New model.
  std::string externalCredential;     // the Authentication parameter
  std::vector<FormulaHeader> headers;  // HttpHeader parameters
  std::string clientCertificate;       // the ClientCertificate parameter
};

struct ExternalCredentialPrincipal {
  std::string name;
  bool perUser = false;  // PerUserPrincipal, else NamedPrincipal
  int sequence = 0;
};

struct ExternalCredentialDef {
  std::string name;
  std::filesystem::path file;
  std::string protocol;  // Basic | Custom | Oauth | Jwt | AwsSv4 | NoAuthentication
  std::vector<ExternalCredentialPrincipal> principals;  // by sequence
  std::string authProvider;     // the AuthProvider parameter's <authProvider>
  std::string protocolVariant;  // AuthProtocolVariant value (e.g. ClientCredentialsClientSecret, JwtBearer)
  std::string authProviderUrl;  // AuthProviderUrl value (a token endpoint)
  // AuthParameter values (Scope, ClientId, ...) by parameterGroup ("DEFAULT_GROUP"
  // when none, else a principal's name), then by parameter name.
  std::map<std::string, std::map<std::string, std::string>> authParameters;
  std::vector<FormulaHeader> authHeaders;          // AuthHeader parameters
  std::vector<int> additionalRefreshStatusCodes;   // AdditionalRefreshStatusCode values
  std::map<std::string, std::string> jwtBodyClaims;    // JwtBodyClaim name → value
  std::map<std::string, std::string> jwtHeaderClaims;  // JwtHeaderClaim name → value
  std::string signingCertificate;                  // SigningCertificate parameter
};

struct AuthProviderDef {
  std::string name;
  std::filesystem::path file;
  std::string providerType;  // Salesforce | OpenIdConnect | Custom | ...
  std::string friendlyName;
  std::string consumerKey;
  std::optional<std::string> consumerSecret;  // only when the XML has one (a warning says so)
  std::string authorizeUrl;
  std::string tokenUrl;
  std::string userInfoUrl;
  std::string defaultScopes;
  bool isPkceEnabled = false;
  bool sendClientCredentialsInHeader = false;
  bool sendAccessTokenInHeader = false;
};

// What a lookup found: the definition, or why the named thing cannot be
// used (its file's problem, or a reference it makes that does not resolve).
template <class Def>
using Lookup = std::variant<const Def*, std::string>;

class CredentialCatalog {
 public:
  // Reads every credential file of the project. Never fails as a whole.
  static CredentialCatalog load(const Project& project);

  // By developer name, case-insensitively; `ns__Name` also finds `Name` when
  // `ns` is the project's namespace. nullopt when no file defines the name.
  std::optional<Lookup<NamedCredentialDef>> namedCredential(std::string_view name) const;
  std::optional<Lookup<ExternalCredentialDef>> externalCredential(std::string_view name) const;
  std::optional<Lookup<AuthProviderDef>> authProvider(std::string_view name) const;

  // The developer names of the Named Credentials that loaded, sorted
  // case-insensitively.
  std::vector<std::string> namedCredentialNames() const;

  // Things worth a warning at load (a consumer secret kept in the XML).
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::string namespacePrefix_;  // from sfdx-project.json "namespace", may be empty
  std::map<std::string, std::variant<NamedCredentialDef, std::string>> namedCredentials_;  // by folded name
  std::map<std::string, std::variant<ExternalCredentialDef, std::string>> externalCredentials_;
  std::map<std::string, std::variant<AuthProviderDef, std::string>> authProviders_;
  std::vector<std::string> warnings_;
};

}  // namespace apex::runtime
