// libFuzzer target: what `apexrun serve` makes of a request once the HTTP
// library has split it. The input is
//   METHOD PATH[?QUERY]
//   Header: value            (any number of lines)
//                            (a blank line)
//   BODY
// and goes, as the server routes it, to the REST API (an org in memory with
// its setup records), to the OAuth endpoints (a confidential and a public
// Connected App), and to Apex REST URL mapping.
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "base/url_encoding.h"
#include "runtime/host/transaction.h"
#include "runtime/oauth/oauth_server.h"
#include "runtime/data/org_setup.h"
#include "runtime/data/sqlite_store.h"
#include "runtime/serve/rest_api.h"
#include "runtime/serve/rest_resources.h"
#include "sema/program.h"
#include "stdlib/registry.h"

namespace {

using namespace apex;

struct Request {
  std::string method, path;
  std::map<std::string, std::string> query, headers;
  std::string body;
};

// `a=1&b=2` as the server reads a query or a form body: the last of a
// repeated name wins.
std::map<std::string, std::string> formFields(std::string_view text) {
  std::map<std::string, std::string> fields;
  while (!text.empty()) {
    size_t amp = text.find('&');
    std::string_view pair = text.substr(0, amp);
    size_t eq = pair.find('=');
    std::string name = formUrlDecode(pair.substr(0, eq));
    fields[name] = eq == std::string_view::npos ? "" : formUrlDecode(pair.substr(eq + 1));
    text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
  }
  return fields;
}

std::string_view takeLine(std::string_view& text) {
  size_t end = text.find('\n');
  std::string_view line = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  return line;
}

Request split(std::string_view text) {
  Request req;
  std::string_view first = takeLine(text);
  size_t space = first.find(' ');
  req.method = first.substr(0, space);
  std::string_view target = space == std::string_view::npos ? std::string_view() : first.substr(space + 1);
  size_t question = target.find('?');
  req.path = target.substr(0, question);
  if (question != std::string_view::npos) req.query = formFields(target.substr(question + 1));
  for (std::string_view line = takeLine(text); !line.empty(); line = takeLine(text)) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers[std::string(line.substr(0, colon))] = value;
  }
  req.body = text;
  return req;
}

struct Org {
  sema::Program program{stdlib::standardLibrary()};
  runtime::UserContext user;
  runtime::SqliteStore records{*program.schema};
  std::recursive_mutex recordsInUse;
  runtime::RestApi api{program, records, recordsInUse, user};
  runtime::OAuthServer oauth{oauthConfig()};

  Org() {
    runtime::RunServices services;
    services.user = &user;
    services.dataStore = &records;
    runtime::Transaction setup(program, services);
    records.begin();
    runtime::addSetupRecords(setup.vm(), records, setup.vm().user());
    records.commit();
    oauth.setInstanceUrl("http://127.0.0.1:1");
  }

  runtime::OAuthServerConfig oauthConfig() const {
    runtime::OAuthServerConfig config;
    runtime::ConnectedApp confidential;
    confidential.name = "Confidential";
    confidential.consumerKey = "key1";
    confidential.callbackUrls = {"http://127.0.0.1:1/callback"};
    confidential.scopes = {"Api", "RefreshToken", "Web"};
    runtime::ConnectedApp open = confidential;
    open.name = "Public";
    open.consumerKey = "key2";
    open.consumerSecretOptional = true;
    config.apps.apps = {confidential, open};
    config.secret = [](const std::string& owner, const std::string& key) -> std::optional<std::string> {
      if (owner == "Confidential" && key == "consumerSecret") return "s3cret";
      if (key == "password") return "pa55word";
      return std::nullopt;
    };
    config.username = user.userName;
    config.userId = user.userId;
    config.orgId = user.organizationId;
    config.passwordFailureDelay = std::chrono::milliseconds(0);
    return config;
  }
};

void restApi(Org& org, const Request& req) {
  constexpr std::string_view kPrefix = "/services/data/v62.0/";
  if (req.path.rfind(kPrefix, 0) != 0) return;
  runtime::RestCall call;
  call.method = req.method;
  call.apiVersion = "62.0";
  call.path = req.path.substr(kPrefix.size());
  call.params = req.query;
  auto options = req.headers.find("Sforce-Query-Options");
  if (options != req.headers.end()) call.queryOptions = options->second;
  call.body = req.body;
  (void)org.api.handle(call);
}

void oauth(Org& org, const Request& req) {
  auto authorization = req.headers.find("Authorization");
  std::string header = authorization == req.headers.end() ? "" : authorization->second;
  std::map<std::string, std::string> form = formFields(req.body);
  if (req.path == "/services/oauth2/authorize") (void)org.oauth.authorize(req.query);
  if (req.path == "/services/oauth2/token") (void)org.oauth.token(form, header);
  if (req.path == "/services/oauth2/revoke") (void)org.oauth.revoke(form, header);
  if (header.rfind("Bearer ", 0) == 0) (void)org.oauth.session(header.substr(7));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Org org;
  Request req = split(std::string_view(reinterpret_cast<const char*>(data), size));
  restApi(org, req);
  oauth(org, req);
  (void)runtime::mappingMatches(req.path, req.path);
  (void)runtime::mappingMatches("/Accounts/*/contacts", req.path);
  return 0;
}
