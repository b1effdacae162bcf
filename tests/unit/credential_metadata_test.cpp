// Unit tests for runtime/credential_metadata: reading Named Credentials (both
// models), External Credentials and Auth Providers from an SFDX project, the
// errors kept per file, the consistency checks made at lookup, the warnings
// about secrets in the XML, and the lookups by name.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "runtime/credentials/credential_metadata.h"
#include "runtime/project/project.h"

namespace fs = std::filesystem;
using namespace apex::runtime;

namespace {

const char* const kXmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

// A throwaway SFDX project under the system temp folder, removed at the end.
class TempProject {
 public:
  explicit TempProject(const std::string& namespacePrefix = "",
                       std::vector<std::string> packageDirectories = {"force-app"}) {
    std::random_device random;
    root_ = fs::temp_directory_path() / ("apexrun-credentials-" + std::to_string(random()));
    fs::create_directories(root_);
    std::string dirs;
    for (const std::string& dir : packageDirectories) {
      fs::create_directories(root_ / dir);
      dirs += std::string(dirs.empty() ? "" : ", ") + "{\"path\": \"" + dir + "\"}";
    }
    std::ofstream(root_ / "sfdx-project.json") << "{\"packageDirectories\": [" << dirs
                                               << "], \"namespace\": \"" << namespacePrefix
                                               << "\", \"sourceApiVersion\": \"60.0\"}";
  }
  ~TempProject() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  TempProject(const TempProject&) = delete;
  TempProject& operator=(const TempProject&) = delete;

  // Writes `text` as is; returns the file's path.
  fs::path writeRaw(const std::string& relative, const std::string& text) {
    fs::path file = root_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
  }

  fs::path namedCredential(const std::string& name, const std::string& body, const std::string& dir = "force-app") {
    return writeRaw(dir + "/main/default/namedCredentials/" + name + ".namedCredential-meta.xml",
                    wrap("NamedCredential", body));
  }
  fs::path externalCredential(const std::string& name, const std::string& body) {
    return writeRaw("force-app/main/default/externalCredentials/" + name + ".externalCredential-meta.xml",
                    wrap("ExternalCredential", body));
  }
  fs::path authProvider(const std::string& name, const std::string& body) {
    return writeRaw("force-app/main/default/authproviders/" + name + ".authprovider-meta.xml",
                    wrap("AuthProvider", body));
  }

  CredentialCatalog load() const {
    auto project = loadProject(root_);
    REQUIRE(std::holds_alternative<Project>(project));
    return CredentialCatalog::load(std::get<Project>(project));
  }

  static std::string wrap(const std::string& root, const std::string& body) {
    return std::string(kXmlHead) + "<" + root + " xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n" + body +
           "</" + root + ">\n";
  }

 private:
  fs::path root_;
};

template <class Def>
const Def& found(const std::optional<Lookup<Def>>& lookup) {
  REQUIRE(lookup.has_value());
  if (auto* problem = std::get_if<std::string>(&*lookup)) FAIL_CHECK(*problem);
  REQUIRE(std::holds_alternative<const Def*>(*lookup));
  return *std::get<const Def*>(*lookup);
}

template <class Def>
std::string problem(const std::optional<Lookup<Def>>& lookup) {
  REQUIRE(lookup.has_value());
  REQUIRE(std::holds_alternative<std::string>(*lookup));
  return std::get<std::string>(*lookup);
}

std::string ncParameter(const std::string& name, const std::string& type, const std::string& extra) {
  return "<namedCredentialParameters><parameterName>" + name + "</parameterName><parameterType>" + type +
         "</parameterType>" + extra + "</namedCredentialParameters>\n";
}

std::string ecParameter(const std::string& name, const std::string& type, const std::string& extra) {
  return "<externalCredentialParameters><parameterName>" + name + "</parameterName><parameterType>" + type +
         "</parameterType>" + extra + "</externalCredentialParameters>\n";
}

std::string value(const std::string& v) { return "<parameterValue>" + v + "</parameterValue>"; }
std::string sequence(int n) { return "<sequenceNumber>" + std::to_string(n) + "</sequenceNumber>"; }

const std::string kUrlParameter = ncParameter("Url", "Url", value("https://api.example.com"));

bool anyContains(const std::vector<std::string>& texts, const std::string& part) {
  for (const std::string& t : texts)
    if (t.find(part) != std::string::npos) return true;
  return false;
}

fs::path fixtureProject() { return fs::path(__FILE__).parent_path().parent_path() / "fixtures" / "credentials"; }

}  // namespace

TEST_CASE("a legacy named credential reads every field", "[metadata][credentials]") {
  TempProject project;
  fs::path file = project.namedCredential("Partner", R"(
    <label>Partner Org</label>
    <endpoint>https://partner.my.salesforce.com/base</endpoint>
    <principalType>NamedUser</principalType>
    <protocol>Oauth</protocol>
    <authProvider>Partner_SF</authProvider>
    <oauthScope>api refresh_token</oauthScope>
    <username>integration@partner.example</username>
    <generateAuthorizationHeader>false</generateAuthorizationHeader>
    <allowMergeFieldsInHeader>true</allowMergeFieldsInHeader>
    <allowMergeFieldsInBody>true</allowMergeFieldsInBody>
    <calloutStatus>Disabled</calloutStatus>
)");
  project.authProvider("Partner_SF", "<friendlyName>Partner SF</friendlyName><providerType>Salesforce</providerType>");
  CredentialCatalog catalog = project.load();
  const NamedCredentialDef& nc = found(catalog.namedCredential("Partner"));
  CHECK(nc.name == "Partner");
  CHECK(nc.file == file);
  CHECK(nc.legacy);
  CHECK(nc.url == "https://partner.my.salesforce.com/base");
  CHECK(nc.principalType == "NamedUser");
  CHECK(nc.protocol == "Oauth");
  CHECK(nc.authProvider == "Partner_SF");
  CHECK(nc.oauthScope == "api refresh_token");
  CHECK(nc.username == "integration@partner.example");
  CHECK_FALSE(nc.generateAuthorizationHeader);
  CHECK(nc.allowMergeFieldsInHeader);
  CHECK(nc.allowMergeFieldsInBody);
  CHECK_FALSE(nc.calloutEnabled);
  CHECK(nc.externalCredential.empty());
  CHECK(nc.headers.empty());
  CHECK(catalog.warnings().empty());
}

TEST_CASE("a named credential's flags and legacy fields have defaults", "[metadata][credentials]") {
  TempProject project;
  project.namedCredential("Plain", "<label>Plain</label><endpoint>http://localhost:8080</endpoint>");
  project.namedCredential("Typed", "<label>Typed</label><namedCredentialType>Legacy</namedCredentialType>"
                                   "<endpoint>https://typed.example.com</endpoint>");
  project.namedCredential("Modern", "<label>Modern</label>" + kUrlParameter);
  CredentialCatalog catalog = project.load();

  const NamedCredentialDef& plain = found(catalog.namedCredential("Plain"));
  CHECK(plain.legacy);  // no type, and an <endpoint>
  CHECK(plain.url == "http://localhost:8080");
  CHECK(plain.generateAuthorizationHeader);
  CHECK_FALSE(plain.allowMergeFieldsInHeader);
  CHECK_FALSE(plain.allowMergeFieldsInBody);
  CHECK(plain.calloutEnabled);
  CHECK(plain.principalType == "Anonymous");
  CHECK(plain.protocol == "NoAuthentication");
  CHECK(plain.authProvider.empty());

  CHECK(found(catalog.namedCredential("Typed")).legacy);

  const NamedCredentialDef& modern = found(catalog.namedCredential("Modern"));
  CHECK_FALSE(modern.legacy);  // no type and no <endpoint>
  CHECK(modern.url == "https://api.example.com");
  CHECK(modern.generateAuthorizationHeader);
  CHECK_FALSE(modern.allowMergeFieldsInHeader);
  CHECK_FALSE(modern.allowMergeFieldsInBody);
  CHECK(modern.calloutEnabled);
  CHECK(modern.externalCredential.empty());
  CHECK(modern.clientCertificate.empty());
}

TEST_CASE("a new-model named credential reads its parameters", "[metadata][credentials]") {
  TempProject project;
  project.namedCredential("Partner_API",
                          "<label>Partner API</label>\n"
                          "<namedCredentialType>SecuredEndpoint</namedCredentialType>\n"
                          "<calloutStatus>Enabled</calloutStatus>\n"
                          "<allowMergeFieldsInHeader>true</allowMergeFieldsInHeader>\n"
                          "<generateAuthorizationHeader>false</generateAuthorizationHeader>\n" +
                              ncParameter("X-Third", "HttpHeader", value("'c'") + sequence(3)) +
                              ncParameter("Url", "Url", value("https://partner.example.com/api/v2")) +
                              ncParameter("X-First", "HttpHeader", value("{!$Credential.Partner_OAuth.Tenant}") +
                                                                       sequence(1)) +
                              ncParameter("ExternalCredential", "Authentication",
                                          "<externalCredential>Partner_OAuth</externalCredential>") +
                              ncParameter("X-Second", "HttpHeader", value("'b' &amp; 'x'") + sequence(2)) +
                              ncParameter("Cert", "ClientCertificate", "<certificate>Partner_Cert</certificate>") +
                              ncParameter("Namespaces", "AllowedManagedPackageNamespaces", value("acme")) +
                              ncParameter("Options", "NamedCredentialOptions", ""));
  project.externalCredential("Partner_OAuth", "<label>Partner OAuth</label>"
                                              "<authenticationProtocol>Custom</authenticationProtocol>");
  CredentialCatalog catalog = project.load();
  const NamedCredentialDef& nc = found(catalog.namedCredential("Partner_API"));
  CHECK_FALSE(nc.legacy);
  CHECK(nc.url == "https://partner.example.com/api/v2");
  CHECK(nc.externalCredential == "Partner_OAuth");
  CHECK(nc.clientCertificate == "Partner_Cert");
  CHECK(nc.allowMergeFieldsInHeader);
  CHECK_FALSE(nc.allowMergeFieldsInBody);
  CHECK_FALSE(nc.generateAuthorizationHeader);
  CHECK(nc.calloutEnabled);
  REQUIRE(nc.headers.size() == 3);
  CHECK(nc.headers[0].name == "X-First");
  CHECK(nc.headers[0].formula == "{!$Credential.Partner_OAuth.Tenant}");
  CHECK(nc.headers[0].sequence == 1);
  CHECK(nc.headers[1].name == "X-Second");
  CHECK(nc.headers[1].formula == "'b' & 'x'");
  CHECK(nc.headers[2].name == "X-Third");
  CHECK(nc.headers[2].sequence == 3);
  CHECK(nc.principalType.empty());
  CHECK(nc.protocol.empty());
}

TEST_CASE("an <endpoint> in a new-model named credential is ignored with a warning", "[metadata][credentials]") {
  TempProject project;
  fs::path file = project.namedCredential(
      "Mixed", "<label>Mixed</label><namedCredentialType>SecuredEndpoint</namedCredentialType>"
               "<endpoint>https://old.example.com</endpoint>" +
                   kUrlParameter);
  CredentialCatalog catalog = project.load();
  const NamedCredentialDef& nc = found(catalog.namedCredential("Mixed"));
  CHECK_FALSE(nc.legacy);
  CHECK(nc.url == "https://api.example.com");
  REQUIRE(catalog.warnings().size() == 1);
  CHECK(catalog.warnings()[0] == file.string() +
                                     ": <endpoint> is ignored: a SecuredEndpoint named credential takes its URL from "
                                     "its <namedCredentialParameters> of type Url");
}

TEST_CASE("secrets in named credential XML are ignored with a warning", "[metadata][credentials]") {
  TempProject project;
  fs::path file = project.namedCredential("Secretive", R"(
    <label>Secretive</label>
    <endpoint>https://secret.example.com</endpoint>
    <principalType>NamedUser</principalType>
    <protocol>Password</protocol>
    <username>bob</username>
    <password>hunter2-PASSWORD</password>
    <oauthToken>00Dxx!ACCESS-TOKEN</oauthToken>
    <oauthRefreshToken>5Aep!REFRESH-TOKEN</oauthRefreshToken>
)");
  CredentialCatalog catalog = project.load();
  const NamedCredentialDef& nc = found(catalog.namedCredential("Secretive"));
  CHECK(nc.protocol == "Password");
  CHECK(nc.username == "bob");
  std::string where = file.string() + ": ";
  REQUIRE(catalog.warnings().size() == 3);
  CHECK(catalog.warnings()[0] ==
        where + "<password> is ignored: secrets belong in the credential store: "
                "apexrun credential set Secretive password=-");
  CHECK(catalog.warnings()[1] ==
        where + "<oauthToken> is ignored: secrets belong in the credential store: "
                "apexrun credential set Secretive accessToken=-");
  CHECK(catalog.warnings()[2] ==
        where + "<oauthRefreshToken> is ignored: secrets belong in the credential store: "
                "apexrun credential set Secretive refreshToken=-");
  for (const char* secret : {"hunter2", "ACCESS-TOKEN", "REFRESH-TOKEN"}) CHECK_FALSE(anyContains(catalog.warnings(), secret));
}

TEST_CASE("each kind of named credential problem has its own message", "[metadata][credentials]") {
  struct Case {
    const char* name;
    std::string body;
    std::string message;  // after "<file>: "
  };
  const std::string legacy = "<label>L</label><endpoint>https://x.example.com</endpoint>";
  const std::string secured = "<label>S</label><namedCredentialType>SecuredEndpoint</namedCredentialType>";
  const std::vector<Case> cases = {
      {"NoLabel", "<endpoint>https://x.example.com</endpoint>", "<label> is missing"},
      {"EmptyLabel", "<label>  </label><endpoint>https://x.example.com</endpoint>", "<label> is empty"},
      {"BadBool", legacy + "<allowMergeFieldsInBody>yes</allowMergeFieldsInBody>",
       "<allowMergeFieldsInBody> must be true or false, not \"yes\""},
      {"BadBool2", legacy + "<generateAuthorizationHeader>TRUE</generateAuthorizationHeader>",
       "<generateAuthorizationHeader> must be true or false, not \"TRUE\""},
      {"BadStatus", legacy + "<calloutStatus>On</calloutStatus>",
       "<calloutStatus> must be one of Enabled, Disabled, not \"On\""},
      {"BadType", "<label>T</label><namedCredentialType>Modern</namedCredentialType>" + kUrlParameter,
       "<namedCredentialType> must be one of Legacy, SecuredEndpoint, PrivateEndpoint, Standard, not \"Modern\""},
      {"BadPrincipal", legacy + "<principalType>NamedPrincipal</principalType>",
       "<principalType> must be one of Anonymous, NamedUser, PerUser, not \"NamedPrincipal\""},
      {"BadProtocol", legacy + "<protocol>OAuth</protocol>",
       "<protocol> must be one of NoAuthentication, Password, Oauth, Jwt, JwtExchange, AwsSv4, not \"OAuth\""},
      {"NoProvider", legacy + "<protocol>Oauth</protocol>", "<protocol> is Oauth, but <authProvider> is missing"},
      {"FtpEndpoint", "<label>F</label><endpoint>ftp://files.example.com</endpoint>",
       "<endpoint> is not a valid URL: unknown protocol: ftp"},
      {"HostOnly", "<label>H</label><endpoint>api.example.com/v1</endpoint>",
       "<endpoint> is not a valid URL: no protocol: api.example.com/v1"},
      {"LegacyNoEndpoint", "<label>E</label><namedCredentialType>Legacy</namedCredentialType>",
       "<endpoint> is missing"},
      {"Nothing", "<label>N</label>", "has neither an <endpoint> nor a <namedCredentialParameters> of type Url"},
      {"NoUrl", secured, "has no <namedCredentialParameters> of type Url"},
      {"UrlNoValue", secured + ncParameter("Url", "Url", ""),
       "<namedCredentialParameters> of type Url has no <parameterValue>"},
      {"TwoUrls", secured + kUrlParameter + kUrlParameter, "has more than one <namedCredentialParameters> of type Url"},
      {"BadUrl", secured + ncParameter("Url", "Url", value("callout:Other")),
       "<namedCredentialParameters> of type Url: <parameterValue> is not a valid URL: unknown protocol: callout"},
      {"AuthNoEc", secured + kUrlParameter + ncParameter("EC", "Authentication", ""),
       "<namedCredentialParameters> of type Authentication has no <externalCredential>"},
      {"TwoAuth",
       secured + kUrlParameter +
           ncParameter("A", "Authentication", "<externalCredential>X</externalCredential>") +
           ncParameter("B", "Authentication", "<externalCredential>Y</externalCredential>"),
       "has more than one <namedCredentialParameters> of type Authentication"},
      {"HeaderNoValue", secured + kUrlParameter + ncParameter("X-Api", "HttpHeader", sequence(1)),
       "<namedCredentialParameters> \"X-Api\" of type HttpHeader has no <parameterValue> (the header's formula)"},
      {"BadSequence", secured + kUrlParameter + ncParameter("X-Api", "HttpHeader", value("'a'") + "<sequenceNumber>first</sequenceNumber>"),
       "<namedCredentialParameters> \"X-Api\": <sequenceNumber> must be a whole number, not \"first\""},
      {"CertNone", secured + kUrlParameter + ncParameter("Cert", "ClientCertificate", ""),
       "<namedCredentialParameters> of type ClientCertificate has no <certificate>"},
      {"UnknownParam", secured + kUrlParameter + ncParameter("Q", "QueryParameter", value("x")),
       "<namedCredentialParameters> \"Q\" has an unknown <parameterType> \"QueryParameter\""},
      {"NoParamName",
       secured + kUrlParameter +
           "<namedCredentialParameters><parameterType>HttpHeader</parameterType></namedCredentialParameters>",
       "<namedCredentialParameters> number 2: <parameterName> is missing"},
      {"NoParamType",
       secured + "<namedCredentialParameters><parameterName>Url</parameterName></namedCredentialParameters>",
       "<namedCredentialParameters> number 1: <parameterType> is missing"},
  };
  TempProject project;
  std::map<std::string, fs::path> files;
  for (const Case& c : cases) files[c.name] = project.namedCredential(c.name, c.body);
  fs::path malformed = project.writeRaw("force-app/main/default/namedCredentials/Malformed.namedCredential-meta.xml",
                                        std::string(kXmlHead) + "<NamedCredential><label>M</label>");
  fs::path wrongRoot = project.writeRaw("force-app/main/default/namedCredentials/WrongRoot.namedCredential-meta.xml",
                                        TempProject::wrap("ExternalCredential", "<label>W</label>"));
  fs::path empty = project.writeRaw("force-app/main/default/namedCredentials/Empty.namedCredential-meta.xml", "");
  project.namedCredential("Good", "<label>Good</label>" + kUrlParameter);

  CredentialCatalog catalog = project.load();
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(problem(catalog.namedCredential(c.name)) == files[c.name].string() + ": " + c.message);
  }
  CHECK(problem(catalog.namedCredential("Malformed")).starts_with(malformed.string() + ": not well-formed XML ("));
  CHECK(problem(catalog.namedCredential("WrongRoot")) ==
        wrongRoot.string() + ": the root element must be <NamedCredential>, not <ExternalCredential>");
  CHECK(problem(catalog.namedCredential("Empty")).starts_with(empty.string() + ": not well-formed XML ("));
  // Every bad file above leaves the good one alone.
  CHECK(found(catalog.namedCredential("Good")).url == "https://api.example.com");
}

TEST_CASE("an external credential reads every parameter type", "[metadata][credentials]") {
  TempProject project;
  project.externalCredential(
      "Partner_OAuth",
      "<label>Partner OAuth</label><authenticationProtocol>Oauth</authenticationProtocol>\n" +
          ecParameter("Partner_SF", "AuthProvider", "<authProvider>Partner_SF</authProvider>") +
          ecParameter("Backup", "PerUserPrincipal", sequence(2)) +
          ecParameter("IntegrationUser", "NamedPrincipal", sequence(1)) +
          ecParameter("Scope", "AuthParameter", value("api refresh_token") +
                                                    "<parameterGroup>IntegrationUser</parameterGroup>") +
          ecParameter("Audience", "AuthParameter", value("https://partner.example.com")) +
          ecParameter("X-Second", "AuthHeader", value("'two'") + sequence(20)) +
          ecParameter("X-First", "AuthHeader", value("{!$Credential.Partner_OAuth.Key}") + sequence(10)) +
          ecParameter("Retry401", "AdditionalRefreshStatusCode", value("403")) +
          ecParameter("Retry419", "AdditionalRefreshStatusCode", value("419")) +
          ecParameter("sub", "JwtBodyClaim", value("user@example.com")) +
          ecParameter("kid", "JwtHeaderClaim", value("key-1")) +
          ecParameter("Signer", "SigningCertificate", "<certificate>Partner_Signer</certificate>") +
          ecParameter("Idp", "ExternalAuthIdentityProvider", "") +
          ecParameter("Extra", "AuthProviderUrlQueryParameter", value("x")));
  project.authProvider("Partner_SF", "<friendlyName>Partner SF</friendlyName><providerType>Salesforce</providerType>");
  CredentialCatalog catalog = project.load();
  const ExternalCredentialDef& ec = found(catalog.externalCredential("Partner_OAuth"));
  CHECK(ec.name == "Partner_OAuth");
  CHECK(ec.protocol == "Oauth");
  CHECK(ec.authProvider == "Partner_SF");
  REQUIRE(ec.principals.size() == 2);
  CHECK(ec.principals[0].name == "IntegrationUser");
  CHECK_FALSE(ec.principals[0].perUser);
  CHECK(ec.principals[0].sequence == 1);
  CHECK(ec.principals[1].name == "Backup");
  CHECK(ec.principals[1].perUser);
  CHECK(ec.authParameters.at("IntegrationUser").at("Scope") == "api refresh_token");
  CHECK(ec.authParameters.at("DEFAULT_GROUP").at("Audience") == "https://partner.example.com");
  REQUIRE(ec.authHeaders.size() == 2);
  CHECK(ec.authHeaders[0].name == "X-First");
  CHECK(ec.authHeaders[0].formula == "{!$Credential.Partner_OAuth.Key}");
  CHECK(ec.authHeaders[1].name == "X-Second");
  CHECK(ec.additionalRefreshStatusCodes == std::vector<int>{403, 419});
  CHECK(ec.jwtBodyClaims.at("sub") == "user@example.com");
  CHECK(ec.jwtHeaderClaims.at("kid") == "key-1");
  CHECK(ec.signingCertificate == "Partner_Signer");
  CHECK(ec.protocolVariant.empty());
  CHECK(ec.authProviderUrl.empty());
}

TEST_CASE("external credentials without an auth provider: variants, Jwt and value fallbacks", "[metadata][credentials]") {
  TempProject project;
  project.externalCredential("ClientCreds",
                             "<label>CC</label><authenticationProtocol>Oauth</authenticationProtocol>" +
                                 ecParameter("Variant", "AuthProtocolVariant", value("ClientCredentialsClientSecret")) +
                                 ecParameter("Token", "AuthProviderUrl", value("https://idp.example.com/oauth/token")) +
                                 ecParameter("Svc", "NamedPrincipal", ""));
  project.externalCredential("Signed", "<label>J</label><authenticationProtocol>Jwt</authenticationProtocol>" +
                                           ecParameter("Signer", "SigningCertificate", value("My_Cert")));
  project.externalCredential("ByValue", "<label>V</label><authenticationProtocol>Oauth</authenticationProtocol>" +
                                            ecParameter("Provider", "AuthProvider", value("Partner_SF")));
  project.externalCredential("NoAuth", "<label>N</label><authenticationProtocol>NoAuthentication</authenticationProtocol>");
  project.authProvider("Partner_SF", "<friendlyName>P</friendlyName><providerType>Salesforce</providerType>");
  CredentialCatalog catalog = project.load();
  const ExternalCredentialDef& cc = found(catalog.externalCredential("ClientCreds"));
  CHECK(cc.protocolVariant == "ClientCredentialsClientSecret");
  CHECK(cc.authProviderUrl == "https://idp.example.com/oauth/token");
  CHECK(cc.authProvider.empty());
  CHECK(found(catalog.externalCredential("Signed")).signingCertificate == "My_Cert");
  CHECK(found(catalog.externalCredential("ByValue")).authProvider == "Partner_SF");
  CHECK(found(catalog.externalCredential("NoAuth")).protocol == "NoAuthentication");
}

TEST_CASE("each kind of external credential problem has its own message", "[metadata][credentials]") {
  struct Case {
    const char* name;
    std::string body;
    std::string message;
  };
  const std::string custom = "<label>C</label><authenticationProtocol>Custom</authenticationProtocol>";
  const std::vector<Case> cases = {
      {"JwtExchange", "<label>X</label><authenticationProtocol>JwtExchange</authenticationProtocol>",
       "<authenticationProtocol>: External Credentials don't support the \"JwtExchange\" authentication protocol"},
      {"Unknown", "<label>U</label><authenticationProtocol>Password</authenticationProtocol>",
       "<authenticationProtocol> must be one of Basic, Custom, Oauth, Jwt, AwsSv4, NoAuthentication, not \"Password\""},
      {"NoProtocol", "<label>P</label>", "<authenticationProtocol> is missing"},
      {"NoLabel", "<authenticationProtocol>Custom</authenticationProtocol>", "<label> is missing"},
      {"OauthNoProvider", "<label>O</label><authenticationProtocol>Oauth</authenticationProtocol>",
       "<authenticationProtocol> is Oauth, but no <externalCredentialParameters> of type AuthProvider names the Auth "
       "Provider"},
      {"VariantNoUrl",
       "<label>V</label><authenticationProtocol>Oauth</authenticationProtocol>" +
           ecParameter("Variant", "AuthProtocolVariant", value("JwtBearer")),
       "<authenticationProtocol> is Oauth with the JwtBearer variant, but no <externalCredentialParameters> of type "
       "AuthProviderUrl gives the token endpoint"},
      {"JwtNoCert", "<label>J</label><authenticationProtocol>Jwt</authenticationProtocol>",
       "<authenticationProtocol> is Jwt, but no <externalCredentialParameters> of type SigningCertificate is given"},
      {"LowCode", custom + ecParameter("R", "AdditionalRefreshStatusCode", value("399")),
       "<externalCredentialParameters> \"R\" of type AdditionalRefreshStatusCode: <parameterValue> must be a status "
       "code from 400 to 999, not \"399\""},
      {"HighCode", custom + ecParameter("R", "AdditionalRefreshStatusCode", value("1000")),
       "<externalCredentialParameters> \"R\" of type AdditionalRefreshStatusCode: <parameterValue> must be a status "
       "code from 400 to 999, not \"1000\""},
      {"TextCode", custom + ecParameter("R", "AdditionalRefreshStatusCode", value("4O1")),
       "<externalCredentialParameters> \"R\" of type AdditionalRefreshStatusCode: <parameterValue> must be a status "
       "code from 400 to 999, not \"4O1\""},
      {"HeaderNoValue", custom + ecParameter("Authorization", "AuthHeader", ""),
       "<externalCredentialParameters> \"Authorization\" of type AuthHeader has no <parameterValue>"},
      {"ProviderNoName", custom + ecParameter("P", "AuthProvider", ""),
       "<externalCredentialParameters> of type AuthProvider has no <authProvider>"},
      {"TwoProviders",
       custom + ecParameter("A", "AuthProvider", value("A")) + ecParameter("B", "AuthProvider", value("B")),
       "has more than one <externalCredentialParameters> of type AuthProvider"},
      {"BadTokenUrl", custom + ecParameter("Token", "AuthProviderUrl", value("idp.example.com/token")),
       "<externalCredentialParameters> \"Token\" of type AuthProviderUrl: <parameterValue> is not a valid URL: no "
       "protocol: idp.example.com/token"},
      {"UnknownParam", custom + ecParameter("K", "ApiKey", value("x")),
       "<externalCredentialParameters> \"K\" has an unknown <parameterType> \"ApiKey\""},
  };
  TempProject project;
  std::map<std::string, fs::path> files;
  for (const Case& c : cases) files[c.name] = project.externalCredential(c.name, c.body);
  project.externalCredential("Good", custom);
  CredentialCatalog catalog = project.load();
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK(problem(catalog.externalCredential(c.name)) == files[c.name].string() + ": " + c.message);
  }
  CHECK(found(catalog.externalCredential("Good")).protocol == "Custom");
}

TEST_CASE("an auth provider reads its fields, defaults Salesforce URLs, and warns about its secret",
          "[metadata][credentials]") {
  TempProject project;
  project.authProvider("Partner_SF", R"(
    <friendlyName>Partner SF</friendlyName>
    <providerType>Salesforce</providerType>
    <consumerKey>3MVG9-KEY</consumerKey>
    <defaultScopes>api refresh_token</defaultScopes>
    <isPkceEnabled>true</isPkceEnabled>
)");
  fs::path customFile = project.authProvider("Custom_IdP", R"(
    <friendlyName>Custom IdP</friendlyName>
    <providerType>OpenIdConnect</providerType>
    <consumerKey>client-id</consumerKey>
    <consumerSecret>TOP-SECRET-VALUE</consumerSecret>
    <authorizeUrl>https://idp.example.com/authorize</authorizeUrl>
    <tokenUrl>https://idp.example.com/token</tokenUrl>
    <userInfoUrl>https://idp.example.com/userinfo</userInfoUrl>
    <sendClientCredentialsInHeader>true</sendClientCredentialsInHeader>
    <sendAccessTokenInHeader>true</sendAccessTokenInHeader>
    <includeOrgIdInIdentifier>false</includeOrgIdInIdentifier>
)");
  project.authProvider("Test_SF", "<friendlyName>Test</friendlyName><providerType>Salesforce</providerType>"
                                  "<tokenUrl>https://test.salesforce.com/services/oauth2/token</tokenUrl>");
  CredentialCatalog catalog = project.load();

  const AuthProviderDef& sf = found(catalog.authProvider("Partner_SF"));
  CHECK(sf.name == "Partner_SF");
  CHECK(sf.friendlyName == "Partner SF");
  CHECK(sf.providerType == "Salesforce");
  CHECK(sf.consumerKey == "3MVG9-KEY");
  CHECK_FALSE(sf.consumerSecret.has_value());
  CHECK(sf.defaultScopes == "api refresh_token");
  CHECK(sf.authorizeUrl == "https://login.salesforce.com/services/oauth2/authorize");
  CHECK(sf.tokenUrl == "https://login.salesforce.com/services/oauth2/token");
  CHECK(sf.userInfoUrl.empty());
  CHECK(sf.isPkceEnabled);
  CHECK_FALSE(sf.sendClientCredentialsInHeader);
  CHECK_FALSE(sf.sendAccessTokenInHeader);

  const AuthProviderDef& custom = found(catalog.authProvider("Custom_IdP"));
  CHECK(custom.providerType == "OpenIdConnect");
  CHECK(custom.consumerSecret == std::optional<std::string>("TOP-SECRET-VALUE"));
  CHECK(custom.authorizeUrl == "https://idp.example.com/authorize");
  CHECK(custom.tokenUrl == "https://idp.example.com/token");
  CHECK(custom.userInfoUrl == "https://idp.example.com/userinfo");
  CHECK_FALSE(custom.isPkceEnabled);
  CHECK(custom.sendClientCredentialsInHeader);
  CHECK(custom.sendAccessTokenInHeader);

  const AuthProviderDef& test = found(catalog.authProvider("Test_SF"));
  CHECK(test.authorizeUrl == "https://login.salesforce.com/services/oauth2/authorize");
  CHECK(test.tokenUrl == "https://test.salesforce.com/services/oauth2/token");

  REQUIRE(catalog.warnings().size() == 1);
  CHECK(catalog.warnings()[0] == customFile.string() +
                                     ": <consumerSecret> is read, but secrets belong in the credential store: "
                                     "apexrun credential set Custom_IdP clientSecret=-");
  CHECK_FALSE(anyContains(catalog.warnings(), "TOP-SECRET"));
}

TEST_CASE("each kind of auth provider problem has its own message", "[metadata][credentials]") {
  TempProject project;
  fs::path noName = project.authProvider("NoName", "<providerType>Salesforce</providerType>");
  fs::path noType = project.authProvider("NoType", "<friendlyName>T</friendlyName>");
  fs::path badUrl = project.authProvider(
      "BadUrl", "<friendlyName>B</friendlyName><providerType>Custom</providerType><tokenUrl>/token</tokenUrl>");
  fs::path badBool = project.authProvider(
      "BadBool", "<friendlyName>B</friendlyName><providerType>Custom</providerType><isPkceEnabled>1</isPkceEnabled>");
  fs::path badOption = project.authProvider(
      "BadOption", "<friendlyName>B</friendlyName><providerType>Custom</providerType><requireMfa>no</requireMfa>");
  fs::path secretThenBad = project.authProvider(
      "SecretThenBad", "<consumerSecret>S3CR3T</consumerSecret><providerType>Custom</providerType>");
  CredentialCatalog catalog = project.load();
  CHECK(problem(catalog.authProvider("NoName")) == noName.string() + ": <friendlyName> is missing");
  CHECK(problem(catalog.authProvider("NoType")) == noType.string() + ": <providerType> is missing");
  CHECK(problem(catalog.authProvider("BadUrl")) == badUrl.string() + ": <tokenUrl> is not a valid URL: no protocol: /token");
  CHECK(problem(catalog.authProvider("BadBool")) ==
        badBool.string() + ": <isPkceEnabled> must be true or false, not \"1\"");
  CHECK(problem(catalog.authProvider("BadOption")) ==
        badOption.string() + ": <requireMfa> must be true or false, not \"no\"");
  // A broken file with a secret still gets the warning, without the secret.
  CHECK(problem(catalog.authProvider("SecretThenBad")) == secretThenBad.string() + ": <friendlyName> is missing");
  REQUIRE(catalog.warnings().size() == 1);
  CHECK_FALSE(anyContains(catalog.warnings(), "S3CR3T"));
}

TEST_CASE("references that do not resolve are reported when the credential is looked up", "[metadata][credentials]") {
  TempProject project;
  const std::string secured = "<label>S</label><namedCredentialType>SecuredEndpoint</namedCredentialType>" +
                              kUrlParameter;
  auto uses = [](const std::string& ec) {
    return ncParameter("EC", "Authentication", "<externalCredential>" + ec + "</externalCredential>");
  };
  fs::path partner = project.namedCredential(
      "Partner", "<label>P</label><endpoint>https://p.example.com</endpoint><protocol>Oauth</protocol>"
                 "<authProvider>Partner_SF</authProvider>");
  fs::path toBadProvider = project.namedCredential(
      "ToBadProvider", "<label>P</label><endpoint>https://p.example.com</endpoint><protocol>Oauth</protocol>"
                       "<authProvider>Broken_SF</authProvider>");
  fs::path badProvider = project.authProvider("Broken_SF", "<friendlyName>B</friendlyName>");
  fs::path toMissingEc = project.namedCredential("ToMissingEc", secured + uses("Nowhere"));
  fs::path toBadEc = project.namedCredential("ToBadEc", secured + uses("Bad_EC"));
  fs::path badEc = project.externalCredential("Bad_EC", "<label>B</label>");
  fs::path toChained = project.namedCredential("ToChained", secured + uses("Orphan_EC"));
  fs::path orphanEc = project.externalCredential(
      "Orphan_EC", "<label>O</label><authenticationProtocol>Oauth</authenticationProtocol>" +
                       ecParameter("P", "AuthProvider", "<authProvider>Gone_SF</authProvider>"));
  project.namedCredential("Fine", secured + uses("Good_EC"));
  project.externalCredential("Good_EC", "<label>G</label><authenticationProtocol>Basic</authenticationProtocol>");
  CredentialCatalog catalog = project.load();

  CHECK(problem(catalog.namedCredential("Partner")) ==
        partner.string() +
            ": <authProvider> names \"Partner_SF\", but the project has no authproviders/Partner_SF.authprovider-meta.xml");
  CHECK(problem(catalog.namedCredential("ToBadProvider")) ==
        toBadProvider.string() + ": <authProvider> names \"Broken_SF\", which cannot be used: " +
            badProvider.string() + ": <providerType> is missing");
  CHECK(problem(catalog.namedCredential("ToMissingEc")) ==
        toMissingEc.string() +
            ": <namedCredentialParameters> of type Authentication names \"Nowhere\", but the project has no "
            "externalCredentials/Nowhere.externalCredential-meta.xml");
  CHECK(problem(catalog.namedCredential("ToBadEc")) ==
        toBadEc.string() + ": <namedCredentialParameters> of type Authentication names \"Bad_EC\", which cannot be "
                           "used: " +
            badEc.string() + ": <authenticationProtocol> is missing");
  std::string orphanProblem = orphanEc.string() +
                              ": <externalCredentialParameters> of type AuthProvider names \"Gone_SF\", but the "
                              "project has no authproviders/Gone_SF.authprovider-meta.xml";
  CHECK(problem(catalog.externalCredential("Orphan_EC")) == orphanProblem);
  CHECK(problem(catalog.namedCredential("ToChained")) ==
        toChained.string() + ": <namedCredentialParameters> of type Authentication names \"Orphan_EC\", which cannot "
                             "be used: " +
            orphanProblem);
  CHECK(found(catalog.namedCredential("Fine")).externalCredential == "Good_EC");
}

TEST_CASE("lookups ignore case and accept the project's namespace", "[metadata][credentials]") {
  TempProject project("acme");
  project.namedCredential("Partner_API", "<label>P</label>" + kUrlParameter);
  project.externalCredential("Stripe_Key", "<label>S</label><authenticationProtocol>Custom</authenticationProtocol>");
  project.authProvider("Partner_SF", "<friendlyName>P</friendlyName><providerType>Salesforce</providerType>");
  // A namespaced reference from one credential to another resolves too.
  project.namedCredential("Legacy_NC", "<label>L</label><endpoint>https://l.example.com</endpoint>"
                                       "<protocol>Oauth</protocol><authProvider>acme__Partner_SF</authProvider>");
  CredentialCatalog catalog = project.load();

  CHECK(found(catalog.namedCredential("Partner_API")).name == "Partner_API");
  CHECK(found(catalog.namedCredential("partner_api")).name == "Partner_API");
  CHECK(found(catalog.namedCredential("PARTNER_API")).name == "Partner_API");
  CHECK(found(catalog.namedCredential("acme__Partner_API")).name == "Partner_API");
  CHECK(found(catalog.namedCredential("ACME__partner_api")).name == "Partner_API");
  CHECK(found(catalog.externalCredential("acme__stripe_key")).name == "Stripe_Key");
  CHECK(found(catalog.authProvider("Acme__Partner_SF")).name == "Partner_SF");
  CHECK(found(catalog.namedCredential("Legacy_NC")).authProvider == "acme__Partner_SF");

  CHECK_FALSE(catalog.namedCredential("other__Partner_API").has_value());
  CHECK_FALSE(catalog.namedCredential("Partner").has_value());
  CHECK_FALSE(catalog.namedCredential("").has_value());
  CHECK_FALSE(catalog.externalCredential("Partner_API").has_value());  // a name is per kind
  CHECK_FALSE(catalog.authProvider("Nope").has_value());
}

TEST_CASE("without a project namespace, a prefixed name is not stripped", "[metadata][credentials]") {
  TempProject project;
  project.namedCredential("Partner_API", "<label>P</label>" + kUrlParameter);
  CredentialCatalog catalog = project.load();
  CHECK(catalog.namedCredential("Partner_API").has_value());
  CHECK_FALSE(catalog.namedCredential("acme__Partner_API").has_value());
}

TEST_CASE("credentials are read from every package directory; a name defined twice is an error",
          "[metadata][credentials]") {
  TempProject project("", {"force-app", "extra"});
  project.namedCredential("Main_NC", "<label>M</label>" + kUrlParameter, "force-app");
  project.namedCredential("Extra_NC", "<label>E</label>" + kUrlParameter, "extra");
  fs::path first = project.namedCredential("Twice", "<label>T</label>" + kUrlParameter, "extra");
  fs::path second = project.namedCredential("twice", "<label>T</label>" + kUrlParameter, "force-app");
  CredentialCatalog catalog = project.load();
  CHECK(catalog.namedCredential("Main_NC").has_value());
  CHECK(catalog.namedCredential("Extra_NC").has_value());
  std::string text = problem(catalog.namedCredential("TWICE"));
  // Files are read in path order: extra/ comes before force-app/.
  CHECK(text == second.string() + ": defines \"twice\" again, already defined by " + first.string());
}

TEST_CASE("a project without credential files has an empty catalog", "[metadata][credentials]") {
  TempProject project;
  CredentialCatalog catalog = project.load();
  CHECK_FALSE(catalog.namedCredential("Anything").has_value());
  CHECK(catalog.warnings().empty());
}

TEST_CASE("the credentials fixture project loads", "[metadata][credentials][fixture]") {
  auto loaded = loadProject(fixtureProject());
  REQUIRE(std::holds_alternative<Project>(loaded));
  CredentialCatalog catalog = CredentialCatalog::load(std::get<Project>(loaded));
  CHECK(catalog.warnings().empty());

  const NamedCredentialDef& partnerOrg = found(catalog.namedCredential("Partner_Org"));
  CHECK(partnerOrg.legacy);
  CHECK(partnerOrg.url == "https://partner.my.salesforce.com");
  CHECK(partnerOrg.principalType == "NamedUser");
  CHECK(partnerOrg.protocol == "Oauth");
  CHECK(partnerOrg.authProvider == "Partner_SF");
  CHECK(partnerOrg.oauthScope == "api refresh_token");
  CHECK(partnerOrg.generateAuthorizationHeader);
  CHECK_FALSE(partnerOrg.allowMergeFieldsInHeader);

  const AuthProviderDef& partnerSf = found(catalog.authProvider("Partner_SF"));
  CHECK(partnerSf.providerType == "Salesforce");
  CHECK(partnerSf.tokenUrl == "https://login.salesforce.com/services/oauth2/token");
  CHECK(partnerSf.authorizeUrl == "https://login.salesforce.com/services/oauth2/authorize");
  CHECK(partnerSf.defaultScopes == "api refresh_token");
  CHECK(partnerSf.isPkceEnabled);
  CHECK_FALSE(partnerSf.consumerSecret.has_value());

  const NamedCredentialDef& partnerApi = found(catalog.namedCredential("Partner_API"));
  CHECK_FALSE(partnerApi.legacy);
  CHECK(partnerApi.url == "https://partner.my.salesforce.com");
  CHECK(partnerApi.externalCredential == "Partner_OAuth");
  const ExternalCredentialDef& partnerOAuth = found(catalog.externalCredential("Partner_OAuth"));
  CHECK(partnerOAuth.protocol == "Oauth");
  CHECK(partnerOAuth.authProvider == "Partner_SF");
  REQUIRE(partnerOAuth.principals.size() == 1);
  CHECK(partnerOAuth.principals[0].name == "IntegrationUser");
  CHECK_FALSE(partnerOAuth.principals[0].perUser);
  CHECK(partnerOAuth.authParameters.at("IntegrationUser").at("Scope") == "api refresh_token");

  const NamedCredentialDef& basicApi = found(catalog.namedCredential("Basic_API"));
  CHECK(basicApi.url == "https://legacy.example.com/api");
  CHECK(found(catalog.externalCredential(basicApi.externalCredential)).protocol == "Basic");

  const NamedCredentialDef& stripeApi = found(catalog.namedCredential("Stripe_API"));
  CHECK(stripeApi.url == "https://api.stripe.com");
  REQUIRE(stripeApi.headers.size() == 1);
  CHECK(stripeApi.headers[0].name == "X-Tenant");
  CHECK(stripeApi.headers[0].formula == "'acme'");
  const ExternalCredentialDef& stripeKey = found(catalog.externalCredential(stripeApi.externalCredential));
  CHECK(stripeKey.protocol == "Custom");
  REQUIRE(stripeKey.authHeaders.size() == 1);
  CHECK(stripeKey.authHeaders[0].name == "Authorization");
  CHECK(stripeKey.authHeaders[0].formula == "{!'Bearer ' & $Credential.Stripe_Key.ApiKey}");

  std::string broken = problem(catalog.namedCredential("Broken_API"));
  CHECK(broken.ends_with("Broken_API.namedCredential-meta.xml: <namedCredentialParameters> of type Url has no "
                         "<parameterValue>"));
}
