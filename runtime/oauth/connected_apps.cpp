#include "runtime/oauth/connected_apps.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

namespace fs = std::filesystem;

namespace apex::runtime {
namespace {

constexpr std::string_view kSuffix = ".connectedApp-meta.xml";

// <scopes> values (Metadata API, ConnectedAppOauthAccessScope) and the
// scope parameter values they grant (Salesforce Help, "OAuth Tokens and
// Scopes").
constexpr std::pair<std::string_view, std::string_view> kScopeNames[] = {
    {"Address", "address"},
    {"Api", "api"},
    {"Basic", "id"},
    {"CDPIngest", "cdp_ingest_api"},
    {"CDPProfile", "cdp_profile_api"},
    {"CDPQuery", "cdp_query_api"},
    {"Chatter", "chatter_api"},
    {"ChatbotApi", "chatbot_api"},
    {"Content", "content"},
    {"CustomApplications", "visualforce"},
    {"CustomPermissions", "custom_permissions"},
    {"Eclair", "eclair_api"},
    {"Email", "email"},
    {"Forecasting", "forecasting"},
    {"Full", "full"},
    {"Lightning", "lightning"},
    {"OpenID", "openid"},
    {"Pardot", "pardot_api"},
    {"Phone", "phone"},
    {"Profile", "profile"},
    {"RefreshToken", "refresh_token"},
    {"Wave", "wave_api"},
    {"Web", "web"},
};

std::string trim(std::string_view s) {
  size_t begin = 0, end = s.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(s[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1]))) --end;
  return std::string(s.substr(begin, end - begin));
}

// The first problem of a file, thrown by its reader and kept by the loader.
struct Problem {
  std::string text;
};

std::string childText(const pugi::xml_node& parent, const char* name) { return trim(parent.child(name).text().as_string()); }

// The Metadata API separates several callback URLs with line breaks.
std::vector<std::string> callbackUrls(const std::string& text) {
  std::vector<std::string> urls;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of("\r\n", start);
    if (end == std::string::npos) end = text.size();
    if (std::string url = trim(std::string_view(text).substr(start, end - start)); !url.empty()) urls.push_back(url);
    start = end + 1;
  }
  return urls;
}

std::vector<std::string> scopes(const pugi::xml_node& oauthConfig) {
  std::vector<std::string> out;
  for (pugi::xml_node node : oauthConfig.children("scopes")) {
    std::string scope = trim(node.text().as_string());
    if (oauthScopeName(scope).empty()) throw Problem{"<scopes> \"" + scope + "\" is not a connected app scope"};
    out.push_back(scope);
  }
  return out;
}

ConnectedApp readConnectedApp(const fs::path& file, std::string name) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file(file.c_str());
  if (parsed.status == pugi::status_file_not_found || parsed.status == pugi::status_io_error)
    throw Problem{"cannot be read"};
  if (!parsed) throw Problem{std::string("not well-formed XML (") + parsed.description() + ")"};
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "ConnectedApp")
    throw Problem{std::string("the root element must be <ConnectedApp>, not <") + root.name() + ">"};
  pugi::xml_node oauth = root.child("oauthConfig");
  if (!oauth) throw Problem{"<oauthConfig> is missing: the app has no OAuth settings"};

  ConnectedApp app;
  app.name = std::move(name);
  app.file = file;
  app.consumerKey = childText(oauth, "consumerKey");
  if (app.consumerKey.empty()) throw Problem{"<oauthConfig><consumerKey> is missing or empty"};
  app.callbackUrls = callbackUrls(oauth.child("callbackUrl").text().as_string());
  if (app.callbackUrls.empty()) throw Problem{"<oauthConfig><callbackUrl> is missing or empty"};
  app.scopes = scopes(oauth);
  app.certificate = childText(oauth, "certificate");
  app.consumerSecretOptional = childText(oauth, "isConsumerSecretOptional") == "true";
  if (!app.certificate.empty() && !certificatePublicKey(app.certificate))
    throw Problem{"<oauthConfig><certificate> is not a PEM X.509 certificate"};
  return app;
}

}  // namespace

const ConnectedApp* ConnectedAppCatalog::byConsumerKey(std::string_view consumerKey) const {
  auto it = std::find_if(apps.begin(), apps.end(), [&](const ConnectedApp& app) { return app.consumerKey == consumerKey; });
  return it == apps.end() ? nullptr : &*it;
}

ConnectedAppCatalog loadConnectedApps(const Project& project) {
  ConnectedAppCatalog catalog;
  for (const fs::path& file : project.componentFiles(kSuffix)) {
    std::string name = componentName(file, kSuffix);
    if (name.empty()) continue;
    try {
      ConnectedApp app = readConnectedApp(file, name);
      // The consumer key is how a client names its app: two apps with one
      // key would make every request ambiguous.
      if (const ConnectedApp* first = catalog.byConsumerKey(app.consumerKey))
        throw Problem{"<consumerKey> is already the key of " + first->file.string()};
      catalog.apps.push_back(std::move(app));
    } catch (const Problem& problem) {
      catalog.problems.push_back(file.string() + ": " + problem.text);
    }
  }
  return catalog;
}

ConnectedApp salesforceCliApp() {
  ConnectedApp app;
  app.name = "Salesforce CLI";
  app.consumerKey = "PlatformCLI";
  app.callbackUrls = {"http://localhost:1717/OauthRedirect"};
  app.scopes = {"Full", "RefreshToken", "Web", "Api", "OpenID"};
  app.consumerSecretOptional = true;
  return app;
}

std::string oauthScopeName(std::string_view metadataScope) {
  for (auto [metadata, oauth] : kScopeNames)
    if (metadata == metadataScope) return std::string(oauth);
  return "";
}

std::shared_ptr<evp_pkey_st> certificatePublicKey(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), int(pem.size())), &BIO_free);
  if (!bio) return nullptr;
  std::unique_ptr<X509, decltype(&X509_free)> certificate(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                          &X509_free);
  // A failed read leaves its reason queued; nothing else reads the queue.
  ERR_clear_error();
  if (!certificate) return nullptr;
  EVP_PKEY* key = X509_get_pubkey(certificate.get());
  if (!key) return nullptr;
  return std::shared_ptr<evp_pkey_st>(key, &EVP_PKEY_free);
}

}  // namespace apex::runtime
