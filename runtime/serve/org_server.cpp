#include "runtime/serve/org_server.h"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>

#include "base/text.h"
#include "base/url.h"
#include "base/url_encoding.h"
#include "interp/interp.h"
#include "runtime/host/queued_jobs.h"
#include "runtime/host/transaction.h"
#include "runtime/serve/identity.h"
#include "runtime/serve/request_server.h"
#include "stdlib/apex_rest.h"
#include "stdlib/local_org.h"

namespace apex::runtime {
namespace {

constexpr const char* kJson = "application/json;charset=UTF-8";
constexpr std::string_view kApexRest = "/services/apexrest";

// Salesforce's answer to a request without a valid session (REST API
// Developer Guide, "Status Codes and Error Responses").
const std::string kInvalidSession = R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";
// A token without the api (or full) scope (Salesforce Help, "This session
// is not valid for use with the REST API").
const std::string kNotRestSession =
    R"([{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}])";
// A token or revoke request that names a parameter twice (RFC 6749 section 3.2).
const std::string kRepeatedParameter =
    R"({"error":"invalid_request","error_description":"a parameter is repeated"})";

// Why binding host:port fails, as an errno: httplib does not keep it, so a
// socket of the same kind tries again. 0 when this one succeeds.
int bindError(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return EADDRNOTAVAIL;
  int error = 0;
  int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  if (fd < 0) {
    error = errno;
  } else {
    int yes = 1;  // as the server's socket has it
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0) error = errno;
    ::close(fd);
  }
  freeaddrinfo(found);
  return error;
}

std::map<std::string, std::string> paramsOf(const httplib::Request& req) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : req.params) out.emplace(name, value);
  return out;
}

// The fields of an application/x-www-form-urlencoded body, the only place
// the token and revoke endpoints read parameters from (RFC 6749 section
// 3.2: never the query); nullopt when one is repeated, which section 3.2
// forbids.
std::optional<std::map<std::string, std::string>> formFields(const httplib::Request& req, const std::string& body) {
  std::map<std::string, std::string> out;
  std::string type = text::foldCase(req.get_header_value("Content-Type"));
  if (type.rfind("application/x-www-form-urlencoded", 0) != 0) return out;
  for (const std::string& pair : text::split(body, '&')) {
    if (pair.empty()) continue;
    size_t equals = pair.find('=');
    std::string name = formUrlDecode(pair.substr(0, equals));
    std::string value = equals == std::string::npos ? "" : formUrlDecode(pair.substr(equals + 1));
    if (!out.emplace(std::move(name), std::move(value)).second) return std::nullopt;
  }
  return out;
}

// JSON as serve writes it: well-formed UTF-8, each invalid byte of a
// string (a record's field, say) replaced by U+FFFD.
std::string jsonText(const nlohmann::ordered_json& json) {
  return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void answer(httplib::Response& res, int status, const std::string& body, const std::string& type = kJson) {
  res.status = status;
  res.set_content(body, type);
}

// The largest request body, after Content-Encoding is undone: Salesforce's
// 6 MB for a synchronous Apex REST request.
constexpr size_t kMaxRequestBytes = 6'000'000;
constexpr size_t kConnectionThreads = 64;

// A route's handler that gets the request's body, read as it arrives and
// inflated no further than kMaxRequestBytes: a larger one is answered 413
// and a body that cannot be read (bad gzip, a client gone) 400.
httplib::Server::HandlerWithContentReader withBody(
    std::function<void(const httplib::Request&, httplib::Response&, std::string)> handler) {
  return [handler](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    auto refuseTooLarge = [&res] {
      answer(res, 413, stdlib::rest::errorBody("REQUEST_ENTITY_TOO_LARGE",
                                               "The request body is over the limit of 6000000 bytes"));
      res.set_header("Connection", "close");  // what is left of the body is never read
    };
    // A declared length over the limit is refused before a byte is read.
    if (req.get_header_value<uint64_t>("Content-Length") > kMaxRequestBytes) return refuseTooLarge();
    std::string body;
    bool tooLarge = false;
    bool complete = reader([&](const char* data, size_t length) {
      tooLarge = body.size() + length > kMaxRequestBytes;
      if (!tooLarge) body.append(data, length);
      return !tooLarge;
    });
    if (tooLarge) return refuseTooLarge();
    if (!complete)
      return answer(res, 400, stdlib::rest::errorBody("MALFORMED_REQUEST", "The request body could not be read"));
    handler(req, res, std::move(body));
  };
}

void answerOAuth(httplib::Response& res, const OAuthAnswer& a) {
  res.status = a.status;
  for (const auto& [name, value] : a.headers) res.set_header(name, value);
  if (!a.body.empty() || !a.contentType.empty()) res.set_content(a.body, a.contentType.empty() ? kJson : a.contentType);
}

// `Authorization: Bearer <token>` or `OAuth <token>`, the scheme in any case.
std::string bearerToken(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  size_t space = header.find(' ');
  if (space == std::string::npos) return "";
  std::string scheme = text::foldCase(header.substr(0, space));
  if (scheme != "bearer" && scheme != "oauth") return "";
  size_t start = header.find_first_not_of(' ', space);
  return start == std::string::npos ? "" : header.substr(start);
}

// The API versions /services/data/ lists, v20.0 (Winter '11) to the
// server's: three releases a year.
constexpr int kOldestApiVersion = 20;
nlohmann::ordered_json apiVersions(int newest) {
  static const char* kSeasons[] = {"Winter", "Spring", "Summer"};
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (int v = kOldestApiVersion; v <= newest; ++v) {
    int index = v - kOldestApiVersion;
    std::string year = std::to_string(11 + index / 3);
    std::string version = std::to_string(v) + ".0";
    list.push_back({{"label", std::string(kSeasons[index % 3]) + " '" + year},
                    {"url", "/services/data/v" + version},
                    {"version", version}});
  }
  return list;
}

// The REST API takes a token with the api or full scope.
bool allowsRest(const OAuthSession& session) {
  for (const std::string& scope : text::split(session.scope, ' '))
    if (scope == "api" || scope == "full") return true;
  return false;
}

// Empty when `req` carries a live token good for the REST API; else the
// 401 body to answer.
std::string refusedSession(OAuthServer& oauth, const httplib::Request& req) {
  std::optional<OAuthSession> session = oauth.session(bearerToken(req));
  if (!session) return kInvalidSession;
  return allowsRest(*session) ? "" : kNotRestSession;
}

// Whether `path`, under /services/data/v, names a version /services/data/
// lists: another one does not exist, as on Salesforce.
bool servesVersion(const std::string& path, int newest) {
  static const std::regex kVersioned(R"(/services/data/v([0-9]{1,4})\.0(/.*)?)");
  std::smatch match;
  if (!std::regex_match(path, match, kVersioned)) return false;
  int version = std::stoi(match[1].str());
  return version >= kOldestApiVersion && version <= newest;
}

// Apex REST, the versioned REST API and the session's identity; not the
// version list, nor OAuth.
bool needsSession(std::string_view path) {
  return path.starts_with(kApexRest) || path.starts_with("/services/data/v") || path.starts_with("/id/") ||
         path == "/services/oauth2/userinfo";
}

bool isUserException(const interp::Value& e) {
  const auto* cls = e.as<interp::InstanceObj>()->cls;
  return !cls->isBuiltin;
}

}  // namespace

OrgServer::OrgServer(sema::Program& program, ProjectFiles files, RestResources resources, OAuthServer& oauth,
                     const UserContext& user, RecordStore& records, OrgServerOptions options, std::ostream& accessLog)
    : program_(program),
      resources_(std::move(resources)),
      oauth_(oauth),
      user_(user),
      records_(records),
      restApi_(program, records, recordsInUse_, user),
      options_(std::move(options)),
      tooling_(program, files, records, recordsInUse_, user, options_.apiVersion),
      accessLog_(accessLog) {
  auto refused = [this](const std::string& remote, const std::string& method, const std::string& path, int status,
                        size_t bytes) { logRequest(remote, method, path, status, bytes); };
  server_ = std::make_unique<RequestServer>(options_.tlsCert, options_.tlsKey,
                                            std::chrono::seconds(options_.requestTimeoutSeconds), refused);
  routes();
}

OrgServer::~OrgServer() = default;

std::optional<BindFailure> OrgServer::bind() {
  if (!server_->is_valid())
    return BindFailure{"cannot serve HTTPS with " + options_.tlsCert.string() + " and " + options_.tlsKey.string() +
                       ": not a certificate and its private key"};
  bool bound = options_.port == 0 ? (port_ = server_->bind_to_any_port(options_.host)) > 0
                                  : server_->bind_to_port(options_.host, options_.port);
  if (!bound) {
    int error = bindError(options_.host, options_.port);
    std::string message = "cannot listen on " + options_.host + ":" + std::to_string(options_.port);
    if (error) message += std::string(": ") + std::strerror(error);
    return BindFailure{message, error == EADDRINUSE};
  }
  if (options_.port != 0) port_ = options_.port;
  oauth_.setInstanceUrl(baseUrl());
  return std::nullopt;
}

std::string OrgServer::baseUrl() const {
  return std::string(options_.tlsCert.empty() ? "http" : "https") + "://" + options_.host + ":" + std::to_string(port_);
}

bool OrgServer::serve() { return server_->listen_after_bind(); }

void OrgServer::stop() { server_->stop(); }

namespace {

// A path as the access log shows it: bytes that could forge a log line or
// drive the terminal (controls, spaces, quotes, backslashes, non-ASCII)
// escaped as %XX.
std::string loggedPath(std::string_view path) {
  std::string out;
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f || c == '"' || c == '\\' || c == '%') appendPercentEscape(out, byte);
    else out += c;
  }
  return out;
}

// The host of a Host header: `name`, `name:port`, `[v6]` or `[v6]:port`.
std::string hostOf(std::string_view header) {
  if (header.starts_with("[")) return std::string(header.substr(0, header.find(']') + 1));
  return std::string(header.substr(0, header.find(':')));
}

}  // namespace

// A server on a loopback address answers only requests for a loopback
// name: a web page whose DNS name rebinds to 127.0.0.1 sends its own name
// as Host and is refused. A server on another address (--host) takes any.
bool OrgServer::acceptsHost(const std::string& hostHeader) const {
  if (hostHeader.empty() || !isLoopbackHost(options_.host)) return true;
  return isLoopbackHost(hostOf(hostHeader));
}

void OrgServer::logRequest(const std::string& remote, const std::string& method, const std::string& path, int status,
                           size_t bytes) {
  static std::mutex mutex;
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char when[32];
  std::strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &utc);
  std::lock_guard<std::mutex> lock(mutex);
  // The path only: a query string may carry a code or a token.
  accessLog_ << remote << " - - [" << when << "] \"" << loggedPath(method) << " " << loggedPath(path) << "\" " << status << " " << bytes
             << std::endl;
}

void OrgServer::routes() {
  httplib::Server& s = *server_;
  // Small answers go out at once, not after the peer's delayed ACK (Nagle).
  s.set_tcp_nodelay(true);
  // A Content-Length over the limit is answered 413 before the body is read.
  s.set_payload_max_length(kMaxRequestBytes);
  // Each connection holds a thread while it is read: enough threads that
  // a few slow clients do not keep the others waiting (each read still
  // times out after 5 s of silence).
  s.new_task_queue = [] { return new httplib::ThreadPool(kConnectionThreads); };
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a
  // second server on the same port binds too and the kernel splits the
  // connections between the two.
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // A failure under a handler that no handler answers (the sessions'
  // database gone) is the server's: 500 in the API's shape, with what
  // failed, in place of the library's bare 500.
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr failure) {
    std::string what = "an unexpected failure";
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& error) {
      what = error.what();
    } catch (...) {
    }
    answer(res, 500, stdlib::rest::errorBody("UNKNOWN_EXCEPTION", "apexrun serve could not answer: " + what));
  });
  s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    logRequest(req.remote_addr, req.method, req.path, res.status, res.body.size());
  });
  // Before the body is read: a request for another host, or to the REST
  // API without a session, is answered without reading it.
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!acceptsHost(req.get_header_value("Host"))) {
      answer(res, 421, stdlib::rest::errorBody("MISDIRECTED_REQUEST", "This server does not serve the host named by "
                                                                       "the Host header"));
      return httplib::Server::HandlerResponse::Handled;
    }
    // Answered without reading the body, which is left in the connection:
    // it must not be taken for the next request.
    auto refuse = [&req, &res](int status, const std::string& body) {
      answer(res, status, body);
      if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding"))
        res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    };
    if (needsSession(req.path)) {
      if (std::string refusal = refusedSession(oauth_, req); !refusal.empty()) return refuse(401, refusal);
    }
    if (req.path.starts_with("/services/data/v") && !servesVersion(req.path, std::stoi(options_.apiVersion)))
      return refuse(404, stdlib::rest::errorBody("NOT_FOUND", "The requested resource does not exist"));
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // OAuth 2.0 (runtime/oauth_server.h).
  s.Get("/services/oauth2/authorize", [this](const httplib::Request& req, httplib::Response& res) {
    answerOAuth(res, oauth_.authorize(paramsOf(req)));
  });
  s.Post("/services/oauth2/token", withBody([this](const httplib::Request& req, httplib::Response& res, std::string body) {
    auto form = formFields(req, body);
    if (!form) return answer(res, 400, kRepeatedParameter);
    answerOAuth(res, oauth_.token(*form, req.get_header_value("Authorization")));
  }));
  s.Post("/services/oauth2/revoke", withBody([this](const httplib::Request& req, httplib::Response& res, std::string body) {
    auto form = formFields(req, body);
    if (!form) return answer(res, 400, kRepeatedParameter);
    answerOAuth(res, oauth_.revoke(*form, req.get_header_value("Authorization")));
  }));

  // REST API: the versions (no session needed) and the org's limits.
  s.Get("/services/data/?", [this](const httplib::Request&, httplib::Response& res) {
    answer(res, 200, jsonText(apiVersions(std::stoi(options_.apiVersion))));
  });
  s.Get(R"(/services/data/v(\d+)\.0/limits/?)", [this](const httplib::Request&, httplib::Response& res) {
    long used = ++apiRequests_;
    nlohmann::ordered_json limits = nlohmann::ordered_json::object();
    for (const stdlib::OrgLimitDef& limit : stdlib::kOrgLimits) {
      long remaining = limit.name == "DailyApiRequests" ? limit.max - used : limit.max;
      limits[std::string(limit.name)] = {{"Max", limit.max}, {"Remaining", remaining}};
    }
    answer(res, 200, jsonText(limits));
  });

  // The session's identity.
  s.Get("/services/oauth2/userinfo", [this](const httplib::Request&, httplib::Response& res) {
    answer(res, 200, jsonText(userInfoOf(user_, baseUrl())));
  });
  s.Get(R"(/id/([A-Za-z0-9]{15,18})/([A-Za-z0-9]{15,18})/?)", [this](const httplib::Request& req, httplib::Response& res) {
    bool ours = req.matches[1].str().substr(0, 15) == user_.organizationId.substr(0, 15) &&
                req.matches[2].str().substr(0, 15) == user_.userId.substr(0, 15);
    if (!ours) return answer(res, 404, stdlib::rest::errorBody("NOT_FOUND", "The requested resource does not exist"));
    answer(res, 200, jsonText(identityOf(user_, baseUrl())));
  });

  // The REST API's data resources (rest_api.h), every verb.
  auto dataApi = [this](const httplib::Request& req, httplib::Response& res, std::string body) {
    ++apiRequests_;
    RestCall call{req.method, req.matches[1].str(), req.matches[2].str(), paramsOf(req),
                  req.get_header_value("Sforce-Query-Options"), std::move(body)};
    constexpr std::string_view kTooling = "/tooling/";
    bool tooling = call.path.starts_with(kTooling);
    if (tooling) call.path.erase(0, kTooling.size());
    // A debug log's body is the Tooling API's under either path.
    RestAnswer out = tooling || ToolingApi::isLogBody(call.path) ? tooling_.handle(call) : restApi_.handle(call);
    for (const auto& [name, value] : out.headers) res.set_header(name, value);
    if (out.body.empty()) res.status = out.status;
    else answer(res, out.status, out.body, out.contentType.empty() ? kJson : out.contentType);
  };
  const std::string dataPattern = R"(/services/data/v(\d+\.\d)(/.*)?)";
  s.Get(dataPattern, [dataApi](const httplib::Request& req, httplib::Response& res) { dataApi(req, res, ""); });
  s.Post(dataPattern, withBody(dataApi));
  s.Patch(dataPattern, withBody(dataApi));
  s.Delete(dataPattern, [dataApi](const httplib::Request& req, httplib::Response& res) { dataApi(req, res, ""); });

  // The Apex API's SOAP executeAnonymous (tooling_api.h), whose session
  // comes in the envelope.
  // The URL may end in the org's Id, as the login's server URL gives it.
  s.Post(R"(/services/Soap/s/(\d+\.\d)(/[A-Za-z0-9]{15,18})?/?)", withBody([this](const httplib::Request& req, httplib::Response& res,
                                                           std::string body) {
    ++apiRequests_;
    auto live = [this](const std::string& id) {
      std::optional<OAuthSession> session = oauth_.session(id);
      return session && allowsRest(*session);
    };
    RestAnswer out = tooling_.soap(req.path, body, bearerToken(req), live);
    res.status = out.status;
    res.set_content(out.body, "text/xml; charset=utf-8");
  }));

  // Apex REST, every verb.
  auto apexRest = [this](const httplib::Request& req, httplib::Response& res, std::string body) {
    serveApexRest(req, res, std::move(body));
  };
  const std::string pattern = std::string(kApexRest) + "(/.*)?";
  s.Get(pattern, [apexRest](const httplib::Request& req, httplib::Response& res) { apexRest(req, res, ""); });
  s.Post(pattern, withBody(apexRest));
  s.Put(pattern, withBody(apexRest));
  s.Patch(pattern, withBody(apexRest));
  s.Delete(pattern, withBody(apexRest));

  // Anything else under /services is a resource that does not exist.
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 404 && res.body.empty())
      answer(res, 404, stdlib::rest::errorBody("NOT_FOUND", "The requested resource does not exist"));
  });
}

// Apex Developer Guide, "Exposing Apex Classes as REST Web Services": the
// session is checked, the URL mapped to a class and the verb to a method,
// which runs as a transaction of its own.
void OrgServer::serveApexRest(const httplib::Request& req, httplib::Response& res, std::string body) {
  ++apiRequests_;
  std::string path = req.path.substr(kApexRest.size());
  const RestResource* resource = resources_.match(path);
  if (!resource) return answer(res, 404, stdlib::rest::errorBody("NOT_FOUND", "Could not find a match for URL"));
  auto verb = resource->verbs.find(req.method);
  if (verb == resource->verbs.end()) {
    std::string allowed;
    for (const auto& [name, method] : resource->verbs) allowed += (allowed.empty() ? "" : ",") + name;
    return answer(res, 405, stdlib::rest::errorBody("METHOD_NOT_ALLOWED", "HTTP Method '" + req.method +
                                                                              "' not allowed. Allowed are " + allowed));
  }

  stdlib::rest::Request call;
  call.httpMethod = req.method;
  call.requestURI = path;
  call.resourcePath = std::string(kApexRest) + resource->urlMapping;
  call.remoteAddress = req.remote_addr;
  for (const auto& [name, value] : req.headers) {
    if (text::foldCase(name) != "authorization") call.headers.emplace_back(name, value);
  }
  for (const auto& [name, value] : req.params) call.params.emplace_back(name, value);
  call.body = std::move(body);

  RunServices services;
  services.user = &user_;
  services.apiVersion = options_.apiVersion;
  services.dataStore = &records_;
  services.quiddity = "REST";
  std::lock_guard<std::recursive_mutex> turn(recordsInUse_);
  Transaction transaction(program_, services);
  interp::Interp& vm = transaction.vm();
  RecordsTransaction records(records_);
  try {
    stdlib::rest::Response out = stdlib::rest::invoke(vm, *verb->second, call);
    records.commit();
    // What the request queued runs once it has committed, before the answer
    // goes out (a local org has no other time to run it).
    runQueuedJobs(transaction, records_);
    std::string type;
    for (const auto& [name, value] : out.headers) {
      if (text::foldCase(name) == "content-type") type = value;
      else res.set_header(name, value);
    }
    res.status = out.status;
    // A JSON answer is well-formed UTF-8 (docs/differences.md): a String
    // that Apex took from the request's bytes may hold invalid ones.
    if (text::foldCase(type).starts_with("application/json")) out.body = text::toWellFormedUtf8(out.body);
    if (!out.body.empty()) res.set_content(out.body, type.empty() ? "application/octet-stream" : type);
  } catch (const DataStoreError& error) {
    answer(res, 500, stdlib::rest::errorBody("UNKNOWN_EXCEPTION", std::string("the org's records: ") + error.what()));
  } catch (const interp::ApexThrow& thrown) {
    const interp::ExceptionData& data = *thrown.exception.as<interp::InstanceObj>()->exception;
    std::string message = transaction.describe(thrown) + "\n\n" + data.stackTrace;
    // An exception class of the project is the request's fault (400); a
    // system exception is the server's (500).
    answer(res, isUserException(thrown.exception) ? 400 : 500, stdlib::rest::errorBody("APEX_ERROR", message));
  }
}

}  // namespace apex::runtime
