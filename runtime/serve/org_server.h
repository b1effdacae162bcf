// `apexrun serve`: an HTTP(S) server that plays a Salesforce org built from
// an SFDX project: the OAuth 2.0 endpoints (runtime/oauth_server.h) and the
// identity of their sessions (identity.h), Apex REST on the project's
// @RestResource classes, and the REST API's version list, limits and data
// resources (rest_api.h). Each Apex REST request is a transaction of its own on a
// thread of the server's pool; the resolved program is shared read-only.
// The org's records are one SQLite store: requests take turns at it, each
// committed when it answers and rolled back when it throws.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "runtime/data/record_store.h"
#include "runtime/oauth/oauth_server.h"
#include "runtime/project/user_context.h"
#include "runtime/serve/rest_api.h"
#include "runtime/serve/rest_resources.h"
#include "runtime/serve/tooling_api.h"
#include "sema/program.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace apex::runtime {

struct OrgServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  std::filesystem::path tlsCert, tlsKey;  // both set: HTTPS
  std::string apiVersion = "62.0";
  // A request's head and body must arrive within this time of its first
  // byte (and its answer be taken within as long): a client that trickles
  // its request is cut off.
  int requestTimeoutSeconds = 30;
};

// Why the server could not listen.
struct BindFailure {
  std::string message;
  bool addressInUse = false;  // another socket listens on the port
};

class OrgServer {
 public:
  // `records` keeps the org's records, its setup records already in it;
  // `files` are the project's, which the Tooling API reads.
  OrgServer(sema::Program& program, ProjectFiles files, RestResources resources, OAuthServer& oauth,
            const UserContext& user, RecordStore& records, OrgServerOptions options, std::ostream& accessLog);
  ~OrgServer();

  // Binds the port; the error says why it could not.
  std::optional<BindFailure> bind();
  int port() const { return port_; }
  std::string baseUrl() const;
  // Serves until stop(); returns false if the server failed.
  bool serve();
  // Safe from any thread (the signal watcher).
  void stop();

 private:
  void routes();
  void serveApexRest(const httplib::Request& req, httplib::Response& res, std::string body);
  bool acceptsHost(const std::string& hostHeader) const;
  void logRequest(const std::string& remote, const std::string& method, const std::string& path, int status,
                  size_t bytes);

  sema::Program& program_;
  RestResources resources_;
  OAuthServer& oauth_;
  const UserContext& user_;
  RecordStore& records_;
  std::recursive_mutex recordsInUse_;
  RestApi restApi_;
  OrgServerOptions options_;
  ToolingApi tooling_;
  std::ostream& accessLog_;
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  std::atomic<long> apiRequests_{0};
};

}  // namespace apex::runtime
