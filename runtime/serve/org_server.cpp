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

#include "interp/interp.h"
#include "runtime/host/queued_jobs.h"
#include "runtime/host/transaction.h"
#include "stdlib/apex_rest.h"
#include "stdlib/local_org.h"

namespace apex::runtime {
namespace {

constexpr const char* kJson = "application/json;charset=UTF-8";
constexpr std::string_view kApexRest = "/services/apexrest";

// Salesforce's answer to a request without a valid session (REST API
// Developer Guide, "Status Codes and Error Responses").
const std::string kInvalidSession = R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])";

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

void answer(httplib::Response& res, int status, const std::string& body, const std::string& type = kJson) {
  res.status = status;
  res.set_content(body, type);
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
nlohmann::ordered_json apiVersions(int newest) {
  static const char* kSeasons[] = {"Winter", "Spring", "Summer"};
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (int v = 20; v <= newest; ++v) {
    int index = v - 20;
    std::string year = std::to_string(11 + index / 3);
    std::string version = std::to_string(v) + ".0";
    list.push_back({{"label", std::string(kSeasons[index % 3]) + " '" + year},
                    {"url", "/services/data/v" + version},
                    {"version", version}});
  }
  return list;
}

bool isUserException(const interp::Value& e) {
  const auto* cls = e.as<interp::InstanceObj>()->cls;
  return !cls->isBuiltin;
}

}  // namespace

OrgServer::OrgServer(sema::Program& program, RestResources resources, OAuthServer& oauth, const UserContext& user,
                     SqliteStore& records, OrgServerOptions options, std::ostream& accessLog)
    : program_(program),
      resources_(std::move(resources)),
      oauth_(oauth),
      user_(user),
      records_(records),
      options_(std::move(options)),
      accessLog_(accessLog) {
  if (!options_.tlsCert.empty())
    server_ = std::make_unique<httplib::SSLServer>(options_.tlsCert.c_str(), options_.tlsKey.c_str());
  else
    server_ = std::make_unique<httplib::Server>();
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
  accessLog_ << remote << " - - [" << when << "] \"" << method << " " << path << "\" " << status << " " << bytes
             << std::endl;
}

void OrgServer::routes() {
  httplib::Server& s = *server_;
  // Small answers go out at once, not after the peer's delayed ACK (Nagle).
  s.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a
  // second server on the same port binds too and the kernel splits the
  // connections between the two.
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    logRequest(req.remote_addr, req.method, req.path, res.status, res.body.size());
  });

  // OAuth 2.0 (runtime/oauth_server.h).
  s.Get("/services/oauth2/authorize", [this](const httplib::Request& req, httplib::Response& res) {
    answerOAuth(res, oauth_.authorize(paramsOf(req)));
  });
  s.Post("/services/oauth2/token", [this](const httplib::Request& req, httplib::Response& res) {
    answerOAuth(res, oauth_.token(paramsOf(req), req.get_header_value("Authorization")));
  });
  s.Post("/services/oauth2/revoke", [this](const httplib::Request& req, httplib::Response& res) {
    answerOAuth(res, oauth_.revoke(paramsOf(req)));
  });

  // REST API: the versions (no session needed) and the org's limits.
  s.Get("/services/data/?", [this](const httplib::Request&, httplib::Response& res) {
    answer(res, 200, apiVersions(std::stoi(options_.apiVersion)).dump());
  });
  s.Get(R"(/services/data/v(\d+)\.0/limits/?)", [this](const httplib::Request& req, httplib::Response& res) {
    if (!oauth_.session(bearerToken(req))) return answer(res, 401, kInvalidSession);
    long used = ++apiRequests_;
    nlohmann::ordered_json limits = nlohmann::ordered_json::object();
    for (const stdlib::OrgLimitDef& limit : stdlib::kOrgLimits) {
      long remaining = limit.name == "DailyApiRequests" ? limit.max - used : limit.max;
      limits[std::string(limit.name)] = {{"Max", limit.max}, {"Remaining", remaining}};
    }
    answer(res, 200, limits.dump());
  });

  // Apex REST, every verb.
  auto apexRest = [this](const httplib::Request& req, httplib::Response& res) { serveApexRest(req, res); };
  const std::string pattern = std::string(kApexRest) + "(/.*)?";
  s.Get(pattern, apexRest);
  s.Post(pattern, apexRest);
  s.Put(pattern, apexRest);
  s.Patch(pattern, apexRest);
  s.Delete(pattern, apexRest);

  // Anything else under /services is a resource that does not exist.
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 404 && res.body.empty())
      answer(res, 404, stdlib::rest::errorBody("NOT_FOUND", "The requested resource does not exist"));
  });
}

// Apex Developer Guide, "Exposing Apex Classes as REST Web Services": the
// session is checked, the URL mapped to a class and the verb to a method,
// which runs as a transaction of its own.
namespace {

// One request's changes to the org's records: kept by commit(), undone
// otherwise (an uncaught exception, a failing store).
class RecordsTransaction {
 public:
  explicit RecordsTransaction(SqliteStore& store) : store_(store) { store_.begin(); }
  ~RecordsTransaction() {
    if (committed_) return;
    try {
      store_.rollback();
    } catch (const DataStoreError&) {
      // The store is already unusable; the request's answer says why.
    }
  }
  void commit() {
    store_.commit();
    committed_ = true;
  }

 private:
  SqliteStore& store_;
  bool committed_ = false;
};

}  // namespace

void OrgServer::serveApexRest(const httplib::Request& req, httplib::Response& res) {
  if (!oauth_.session(bearerToken(req))) return answer(res, 401, kInvalidSession);
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
  call.body = req.body;

  RunServices services;
  services.user = &user_;
  services.apiVersion = options_.apiVersion;
  services.dataStore = &records_;
  services.quiddity = "REST";
  std::lock_guard<std::mutex> turn(recordsInUse_);
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
