#include "runtime/credentials/credential_metadata.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <initializer_list>
#include <utility>

#include "base/text.h"
#include "base/url.h"

namespace fs = std::filesystem;

namespace apex::runtime {
namespace {

constexpr std::string_view kNamedCredentialSuffix = ".namedCredential-meta.xml";
constexpr std::string_view kExternalCredentialSuffix = ".externalCredential-meta.xml";
constexpr std::string_view kAuthProviderSuffix = ".authprovider-meta.xml";

// Protocol variants of an Oauth External Credential that get their tokens
// straight from a token endpoint (the AuthProviderUrl parameter) instead of
// through an Auth Provider.
constexpr std::string_view kTokenEndpointVariants[] = {
    "ClientCredentialsClientSecret", "ClientCredentialsClientSecretBasic", "ClientCredentialsJwtAssertion",
    "JwtBearer"};

std::string trim(std::string_view s) {
  size_t begin = 0, end = s.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return std::string(s.substr(begin, end - begin));
}

std::string tag(std::string_view element) { return "<" + std::string(element) + ">"; }

std::string inQuotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string joined(std::initializer_list<std::string_view> values) {
  std::string out;
  for (std::string_view v : values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

std::optional<int> wholeNumber(std::string_view text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The first problem of a file; thrown inside a file's reader and caught by
// the loader, which keeps it as that name's error.
struct Problem {
  std::string text;
};

// Reads one metadata file: the element helpers fail with the file's name,
// the element and what is wrong.
class Reader {
 public:
  Reader(fs::path file, std::vector<std::string>& warnings)
      : file_(std::move(file)), where_(file_.string() + ": "), warnings_(warnings) {}

  const fs::path& file() const { return file_; }

  [[noreturn]] void fail(const std::string& what) const { throw Problem{where_ + what}; }
  void warn(const std::string& what) const { warnings_.push_back(where_ + what); }

  pugi::xml_node open(const char* rootName) {
    pugi::xml_parse_result parsed = doc_.load_file(file_.c_str());
    if (parsed.status == pugi::status_file_not_found || parsed.status == pugi::status_io_error)
      fail("cannot be read");
    if (!parsed) fail(std::string("not well-formed XML (") + parsed.description() + ")");
    pugi::xml_node root = doc_.document_element();
    if (std::string_view(root.name()) != rootName)
      fail(std::string("the root element must be <") + rootName + ">, not <" + root.name() + ">");
    return root;
  }

  // The trimmed text of `parent`'s child `name`; nullopt when the element is
  // absent or empty.
  static std::optional<std::string> text(const pugi::xml_node& parent, const char* name) {
    pugi::xml_node node = parent.child(name);
    if (!node) return std::nullopt;
    std::string value = trim(node.text().as_string());
    if (value.empty()) return std::nullopt;
    return value;
  }

  static std::string textOr(const pugi::xml_node& parent, const char* name, std::string fallback = "") {
    auto value = text(parent, name);
    return value ? *value : std::move(fallback);
  }

  std::string required(const pugi::xml_node& parent, const char* name, const std::string& context = "") const {
    if (!parent.child(name)) fail(context + tag(name) + " is missing");
    auto value = text(parent, name);
    if (!value) fail(context + tag(name) + " is empty");
    return *value;
  }

  bool boolean(const pugi::xml_node& parent, const char* name, bool fallback) const {
    pugi::xml_node node = parent.child(name);
    if (!node) return fallback;
    std::string value = trim(node.text().as_string());
    if (value == "true") return true;
    if (value == "false") return false;
    fail(tag(name) + " must be true or false, not " + inQuotes(value));
  }

  // The element's value, which must be one of `values`; `fallback` when the
  // element is absent.
  std::string oneOf(const pugi::xml_node& parent, const char* name, std::initializer_list<std::string_view> values,
                    const std::string& fallback) const {
    if (!parent.child(name)) return fallback;
    std::string value = trim(parent.child(name).text().as_string());
    checkOneOf(tag(name), value, values);
    return value;
  }

  void checkOneOf(const std::string& what, const std::string& value,
                  std::initializer_list<std::string_view> values) const {
    if (std::find(values.begin(), values.end(), value) == values.end())
      fail(what + " must be one of " + joined(values) + ", not " + inQuotes(value));
  }

  // An http(s) URL, returned as written.
  std::string url(const std::string& what, const std::string& value) const {
    auto parsed = parseUrl(value);
    if (auto* problem = std::get_if<std::string>(&parsed)) fail(what + " is not a valid URL: " + *problem);
    return value;
  }

 private:
  fs::path file_;
  std::string where_;
  std::vector<std::string>& warnings_;
  pugi::xml_document doc_;
};

// One <namedCredentialParameters> or <externalCredentialParameters>.
struct Parameter {
  pugi::xml_node node;
  std::string element;  // namedCredentialParameters | externalCredentialParameters
  std::string name;
  std::string type;
  std::optional<std::string> value;
  int sequence = 0;

  // `<namedCredentialParameters> "X-Tenant" of type HttpHeader`
  std::string described() const { return tag(element) + " " + inQuotes(name) + " of type " + type; }
  // `<namedCredentialParameters> of type Url`, for types a file has once.
  std::string describedByType() const { return tag(element) + " of type " + type; }
};

std::vector<Parameter> readParameters(const Reader& reader, const pugi::xml_node& root, const char* element) {
  std::vector<Parameter> parameters;
  int position = 0;
  for (pugi::xml_node node : root.children(element)) {
    ++position;
    std::string context = tag(element) + " number " + std::to_string(position) + ": ";
    Parameter p;
    p.node = node;
    p.element = element;
    p.name = reader.required(node, "parameterName", context);
    p.type = reader.required(node, "parameterType", context);
    p.value = Reader::text(node, "parameterValue");
    if (auto sequence = Reader::text(node, "sequenceNumber")) {
      auto number = wholeNumber(*sequence);
      if (!number || *number < 0)
        reader.fail(tag(element) + " " + inQuotes(p.name) + ": <sequenceNumber> must be a whole number, not " +
                    inQuotes(*sequence));
      p.sequence = *number;
    }
    parameters.push_back(std::move(p));
  }
  return parameters;
}

template <class T>
void sortBySequence(std::vector<T>& items) {
  std::stable_sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.sequence < b.sequence; });
}

bool contains(std::initializer_list<std::string_view> values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// --- Named Credentials -------------------------------------------------------

void readLegacyNamedCredential(const Reader& reader, const pugi::xml_node& root, NamedCredentialDef& def) {
  def.url = reader.url(tag("endpoint"), reader.required(root, "endpoint"));
  def.principalType = reader.oneOf(root, "principalType", {"Anonymous", "NamedUser", "PerUser"}, "Anonymous");
  def.protocol = reader.oneOf(root, "protocol", {"NoAuthentication", "Password", "Oauth", "Jwt", "JwtExchange", "AwsSv4"},
                              "NoAuthentication");
  def.authProvider = Reader::textOr(root, "authProvider");
  if (def.protocol == "Oauth" && def.authProvider.empty())
    reader.fail("<protocol> is Oauth, but <authProvider> is missing");
  def.oauthScope = Reader::textOr(root, "oauthScope");
  def.username = Reader::textOr(root, "username");
}

void readNewModelNamedCredential(const Reader& reader, const pugi::xml_node& root, bool typeGiven,
                                 NamedCredentialDef& def) {
  int urls = 0, authentications = 0, certificates = 0;
  for (const Parameter& p : readParameters(reader, root, "namedCredentialParameters")) {
    if (p.type == "Url") {
      if (++urls > 1) reader.fail("has more than one " + p.describedByType());
      if (!p.value) reader.fail(p.describedByType() + " has no <parameterValue>");
      def.url = reader.url(p.describedByType() + ": <parameterValue>", *p.value);
    } else if (p.type == "Authentication") {
      if (++authentications > 1) reader.fail("has more than one " + p.describedByType());
      auto ec = Reader::text(p.node, "externalCredential");
      if (!ec) reader.fail(p.describedByType() + " has no <externalCredential>");
      def.externalCredential = *ec;
    } else if (p.type == "HttpHeader") {
      if (!p.value) reader.fail(p.described() + " has no <parameterValue> (the header's formula)");
      def.headers.push_back(FormulaHeader{p.name, *p.value, p.sequence});
    } else if (p.type == "ClientCertificate") {
      if (++certificates > 1) reader.fail("has more than one " + p.describedByType());
      auto certificate = Reader::text(p.node, "certificate");
      if (!certificate) certificate = p.value;
      if (!certificate) reader.fail(p.describedByType() + " has no <certificate>");
      def.clientCertificate = *certificate;
    } else if (!contains({"AllowedManagedPackageNamespaces", "OutboundNetworkConnection", "ManagedByNamespace",
                          "ConnectionStatus", "CreatedByNamespace", "CustomParameter", "ManagedByComponent",
                          "ManagedByFeature", "NamedCredentialOptions", "SfHttpRequestExtensionName",
                          "StandardNamedCredentialType"},
                         p.type)) {
      reader.fail(tag(p.element) + " " + inQuotes(p.name) + " has an unknown <parameterType> " + inQuotes(p.type));
    }
  }
  if (urls == 0) {
    if (!typeGiven) reader.fail("has neither an <endpoint> nor a <namedCredentialParameters> of type Url");
    reader.fail("has no <namedCredentialParameters> of type Url");
  }
  sortBySequence(def.headers);
}

NamedCredentialDef readNamedCredential(Reader& reader, const std::string& name) {
  pugi::xml_node root = reader.open("NamedCredential");
  // Secrets are never taken from the XML: warn (whatever else is wrong).
  const std::pair<const char*, const char*> secrets[] = {
      {"password", "password"}, {"oauthToken", "accessToken"}, {"oauthRefreshToken", "refreshToken"}};
  for (auto [element, key] : secrets) {
    if (Reader::text(root, element))
      reader.warn(tag(element) + " is ignored: secrets belong in the credential store: apexrun credential set " +
                  name + " " + key + "=-");
  }

  NamedCredentialDef def;
  def.name = name;
  def.file = reader.file();
  reader.required(root, "label");
  def.generateAuthorizationHeader = reader.boolean(root, "generateAuthorizationHeader", true);
  def.allowMergeFieldsInHeader = reader.boolean(root, "allowMergeFieldsInHeader", false);
  def.allowMergeFieldsInBody = reader.boolean(root, "allowMergeFieldsInBody", false);
  def.calloutEnabled = reader.oneOf(root, "calloutStatus", {"Enabled", "Disabled"}, "Enabled") == "Enabled";
  bool typeGiven = static_cast<bool>(root.child("namedCredentialType"));
  std::string type =
      reader.oneOf(root, "namedCredentialType", {"Legacy", "SecuredEndpoint", "PrivateEndpoint", "Standard"}, "");
  def.legacy = type == "Legacy" || (!typeGiven && root.child("endpoint"));
  if (def.legacy) {
    readLegacyNamedCredential(reader, root, def);
  } else {
    if (Reader::text(root, "endpoint"))
      reader.warn("<endpoint> is ignored: a " + type +
                  " named credential takes its URL from its <namedCredentialParameters> of type Url");
    readNewModelNamedCredential(reader, root, typeGiven, def);
  }
  return def;
}

// --- External Credentials ----------------------------------------------------

ExternalCredentialDef readExternalCredential(Reader& reader, const std::string& name) {
  pugi::xml_node root = reader.open("ExternalCredential");
  ExternalCredentialDef def;
  def.name = name;
  def.file = reader.file();
  reader.required(root, "label");
  def.protocol = reader.required(root, "authenticationProtocol");
  if (def.protocol == "JwtExchange")
    reader.fail("<authenticationProtocol>: External Credentials don't support the \"JwtExchange\" authentication protocol");
  reader.checkOneOf("<authenticationProtocol>", def.protocol,
                    {"Basic", "Custom", "Oauth", "Jwt", "AwsSv4", "NoAuthentication"});

  bool haveAuthProvider = false, haveVariant = false, haveProviderUrl = false, haveSigning = false;
  auto once = [&](bool& seen, const Parameter& p) {
    if (seen) reader.fail("has more than one " + p.describedByType());
    seen = true;
  };
  auto valueOf = [&](const Parameter& p) {
    if (!p.value) reader.fail(p.described() + " has no <parameterValue>");
    return *p.value;
  };
  for (const Parameter& p : readParameters(reader, root, "externalCredentialParameters")) {
    if (p.type == "NamedPrincipal" || p.type == "PerUserPrincipal") {
      def.principals.push_back(ExternalCredentialPrincipal{p.name, p.type == "PerUserPrincipal", p.sequence});
    } else if (p.type == "AuthProvider") {
      once(haveAuthProvider, p);
      auto provider = Reader::text(p.node, "authProvider");
      if (!provider) provider = p.value;
      if (!provider) reader.fail(p.describedByType() + " has no <authProvider>");
      def.authProvider = *provider;
    } else if (p.type == "AuthProtocolVariant") {
      once(haveVariant, p);
      def.protocolVariant = valueOf(p);
    } else if (p.type == "AuthProviderUrl") {
      once(haveProviderUrl, p);
      def.authProviderUrl = reader.url(p.described() + ": <parameterValue>", valueOf(p));
    } else if (p.type == "AuthParameter") {
      std::string group = Reader::textOr(p.node, "parameterGroup", "DEFAULT_GROUP");
      def.authParameters[group][p.name] = p.value.value_or("");
    } else if (p.type == "AuthHeader") {
      def.authHeaders.push_back(FormulaHeader{p.name, valueOf(p), p.sequence});
    } else if (p.type == "AdditionalRefreshStatusCode") {
      std::string value = valueOf(p);
      auto code = wholeNumber(value);
      if (!code || *code < 400 || *code > 999)
        reader.fail(p.described() + ": <parameterValue> must be a status code from 400 to 999, not " + inQuotes(value));
      def.additionalRefreshStatusCodes.push_back(*code);
    } else if (p.type == "JwtBodyClaim") {
      def.jwtBodyClaims[p.name] = p.value.value_or("");
    } else if (p.type == "JwtHeaderClaim") {
      def.jwtHeaderClaims[p.name] = p.value.value_or("");
    } else if (p.type == "SigningCertificate") {
      once(haveSigning, p);
      auto certificate = Reader::text(p.node, "certificate");
      if (!certificate) certificate = p.value;
      if (!certificate) reader.fail(p.describedByType() + " has no <certificate>");
      def.signingCertificate = *certificate;
    } else if (!contains({"AuthProviderUrlQueryParameter", "AwsStsPrincipal", "ExternalAuthIdentityProvider",
                          "CreatedByNamespace", "GlobalNamedPrincipal", "ManagedByComponent", "ManagedByFeature",
                          "SfHttpRequestExtensionName", "SystemUserPrincipal"},
                         p.type)) {
      reader.fail(tag(p.element) + " " + inQuotes(p.name) + " has an unknown <parameterType> " + inQuotes(p.type));
    }
  }
  sortBySequence(def.principals);
  sortBySequence(def.authHeaders);

  if (def.protocol == "Oauth" && def.authProvider.empty()) {
    auto variant = std::find(std::begin(kTokenEndpointVariants), std::end(kTokenEndpointVariants), def.protocolVariant);
    if (variant == std::end(kTokenEndpointVariants))
      reader.fail("<authenticationProtocol> is Oauth, but no <externalCredentialParameters> of type AuthProvider "
                  "names the Auth Provider");
    if (def.authProviderUrl.empty())
      reader.fail("<authenticationProtocol> is Oauth with the " + def.protocolVariant +
                  " variant, but no <externalCredentialParameters> of type AuthProviderUrl gives the token endpoint");
  }
  if (def.protocol == "Jwt" && def.signingCertificate.empty())
    reader.fail("<authenticationProtocol> is Jwt, but no <externalCredentialParameters> of type SigningCertificate "
                "is given");
  return def;
}

// --- Auth Providers ----------------------------------------------------------

AuthProviderDef readAuthProvider(Reader& reader, const std::string& name) {
  pugi::xml_node root = reader.open("AuthProvider");
  AuthProviderDef def;
  def.name = name;
  def.file = reader.file();
  if (auto secret = Reader::text(root, "consumerSecret")) {
    def.consumerSecret = *secret;
    reader.warn("<consumerSecret> is read, but secrets belong in the credential store: apexrun credential set " +
                name + " clientSecret=-");
  }
  def.friendlyName = reader.required(root, "friendlyName");
  def.providerType = reader.required(root, "providerType");
  def.consumerKey = Reader::textOr(root, "consumerKey");
  def.defaultScopes = Reader::textOr(root, "defaultScopes");
  const std::pair<const char*, std::string*> urls[] = {
      {"authorizeUrl", &def.authorizeUrl}, {"tokenUrl", &def.tokenUrl}, {"userInfoUrl", &def.userInfoUrl}};
  for (auto [element, field] : urls) {
    if (auto value = Reader::text(root, element)) *field = reader.url(tag(element), *value);
  }
  def.isPkceEnabled = reader.boolean(root, "isPkceEnabled", false);
  def.sendClientCredentialsInHeader = reader.boolean(root, "sendClientCredentialsInHeader", false);
  def.sendAccessTokenInHeader = reader.boolean(root, "sendAccessTokenInHeader", false);
  for (const char* element : {"includeOrgIdInIdentifier", "requireMfa", "sendSecretInApis"})
    reader.boolean(root, element, false);
  if (def.providerType == "Salesforce") {
    if (def.authorizeUrl.empty()) def.authorizeUrl = "https://login.salesforce.com/services/oauth2/authorize";
    if (def.tokenUrl.empty()) def.tokenUrl = "https://login.salesforce.com/services/oauth2/token";
  }
  return def;
}

// --- Loading and lookups -----------------------------------------------------

template <class Def, class Read>
void loadAll(const Project& project, std::string_view suffix, std::map<std::string, std::variant<Def, std::string>>& into,
             std::vector<std::string>& warnings, Read read) {
  std::map<std::string, fs::path> firstFile;  // by folded name
  for (const fs::path& file : project.componentFiles(suffix)) {
    std::string name = componentName(file, suffix);
    if (name.empty()) continue;
    std::string key = text::foldCase(name);
    if (auto first = firstFile.find(key); first != firstFile.end()) {
      into[key] = file.string() + ": defines " + inQuotes(name) + " again, already defined by " + first->second.string();
      continue;
    }
    firstFile.emplace(key, file);
    Reader reader(file, warnings);
    try {
      into.emplace(key, read(reader, name));
    } catch (const Problem& problem) {
      into.emplace(key, problem.text);
    }
  }
}

template <class Def>
const std::variant<Def, std::string>* find(const std::map<std::string, std::variant<Def, std::string>>& entries,
                                           std::string_view name, const std::string& namespacePrefix) {
  if (auto it = entries.find(text::foldCase(name)); it != entries.end()) return &it->second;
  size_t separator = name.find("__");
  if (namespacePrefix.empty() || separator == std::string_view::npos) return nullptr;
  if (!text::equalsIgnoreAsciiCase(name.substr(0, separator), namespacePrefix)) return nullptr;
  if (auto it = entries.find(text::foldCase(name.substr(separator + 2))); it != entries.end()) return &it->second;
  return nullptr;
}

// Why `reference` (what `element` of `file` names) cannot be used, or
// nullopt when it can.
template <class Def>
std::optional<std::string> referenceProblem(const fs::path& file, const std::string& element,
                                            const std::string& reference,
                                            const std::optional<Lookup<Def>>& found, const char* folder,
                                            std::string_view suffix) {
  std::string start = file.string() + ": " + element + " names " + inQuotes(reference);
  if (!found) return start + ", but the project has no " + folder + "/" + reference + std::string(suffix);
  if (auto* problem = std::get_if<std::string>(&*found)) return start + ", which cannot be used: " + *problem;
  return std::nullopt;
}

}  // namespace

CredentialCatalog CredentialCatalog::load(const Project& project) {
  CredentialCatalog catalog;
  catalog.namespacePrefix_ = project.namespacePrefix;
  loadAll(project, kNamedCredentialSuffix, catalog.namedCredentials_, catalog.warnings_, readNamedCredential);
  loadAll(project, kExternalCredentialSuffix, catalog.externalCredentials_, catalog.warnings_, readExternalCredential);
  loadAll(project, kAuthProviderSuffix, catalog.authProviders_, catalog.warnings_, readAuthProvider);
  return catalog;
}

std::vector<std::string> CredentialCatalog::namedCredentialNames() const {
  std::vector<std::string> names;
  for (const auto& [key, entry] : namedCredentials_) {  // ordered by folded name
    if (auto* def = std::get_if<NamedCredentialDef>(&entry)) names.push_back(def->name);
  }
  return names;
}

std::optional<Lookup<NamedCredentialDef>> CredentialCatalog::namedCredential(std::string_view name) const {
  const auto* entry = find(namedCredentials_, name, namespacePrefix_);
  if (!entry) return std::nullopt;
  if (auto* problem = std::get_if<std::string>(entry)) return Lookup<NamedCredentialDef>(*problem);
  const NamedCredentialDef& def = std::get<NamedCredentialDef>(*entry);
  if (def.legacy && !def.authProvider.empty()) {
    if (auto problem = referenceProblem<AuthProviderDef>(def.file, "<authProvider>", def.authProvider,
                                                         authProvider(def.authProvider), "authproviders",
                                                         kAuthProviderSuffix))
      return Lookup<NamedCredentialDef>(*problem);
  }
  if (!def.legacy && !def.externalCredential.empty()) {
    if (auto problem = referenceProblem<ExternalCredentialDef>(
            def.file, "<namedCredentialParameters> of type Authentication", def.externalCredential,
            externalCredential(def.externalCredential), "externalCredentials", kExternalCredentialSuffix))
      return Lookup<NamedCredentialDef>(*problem);
  }
  return Lookup<NamedCredentialDef>(&def);
}

std::optional<Lookup<ExternalCredentialDef>> CredentialCatalog::externalCredential(std::string_view name) const {
  const auto* entry = find(externalCredentials_, name, namespacePrefix_);
  if (!entry) return std::nullopt;
  if (auto* problem = std::get_if<std::string>(entry)) return Lookup<ExternalCredentialDef>(*problem);
  const ExternalCredentialDef& def = std::get<ExternalCredentialDef>(*entry);
  if (!def.authProvider.empty()) {
    if (auto problem = referenceProblem<AuthProviderDef>(
            def.file, "<externalCredentialParameters> of type AuthProvider", def.authProvider,
            authProvider(def.authProvider), "authproviders", kAuthProviderSuffix))
      return Lookup<ExternalCredentialDef>(*problem);
  }
  return Lookup<ExternalCredentialDef>(&def);
}

std::optional<Lookup<AuthProviderDef>> CredentialCatalog::authProvider(std::string_view name) const {
  const auto* entry = find(authProviders_, name, namespacePrefix_);
  if (!entry) return std::nullopt;
  if (auto* problem = std::get_if<std::string>(entry)) return Lookup<AuthProviderDef>(*problem);
  return Lookup<AuthProviderDef>(&std::get<AuthProviderDef>(*entry));
}

}  // namespace apex::runtime
