// Anonymous Apex run by `apexrun serve` for the clients that ask an org to
// run it: the Tooling API's `executeAnonymous` resource (REST, as jsforce's
// `tooling.executeAnonymous` calls it) and the Apex API's SOAP
// `executeAnonymous` call with its DebuggingHeader (as `sf apex run
// --target-org` calls it, the debug log coming back in the DebuggingInfo
// header). Each block compiles against the project's classes in a program
// of its own and runs as one transaction on the org's records, as
// `apexrun run` runs it (runtime/host/anonymous.h).
//
// Independent of HTTP, like rest_api.h: org_server.cpp routes the requests.
#pragma once

#include <functional>
#include <mutex>
#include <string>

#include "runtime/data/sqlite_store.h"
#include "runtime/host/anonymous.h"
#include "runtime/project/user_context.h"
#include "runtime/serve/rest_api.h"
#include "sema/program.h"

namespace apex::runtime {

class ToolingApi {
 public:
  // `program` is the server's: its schema, labels and class source are
  // the org's. `recordsInUse` is held while a block runs.
  ToolingApi(const sema::Program& program, SqliteStore& records, std::recursive_mutex& recordsInUse,
             const UserContext& user, std::string apiVersion);

  // A request under /services/data/vXX.X/tooling/ (`call.path` after it).
  RestAnswer handle(const RestCall& call);

  // Whether a session id (the SOAP SessionHeader's, or a bearer token) is
  // live and may use the API.
  using SessionCheck = std::function<bool(const std::string& sessionId)>;
  // A SOAP request to /services/Soap/s/XX.X: the SOAP envelope to answer
  // (status 200, or 500 with a fault) in the Apex API's WSDL shape.
  RestAnswer soap(const std::string& envelope, const std::string& bearerToken, const SessionCheck& sessionIsLive);

 private:
  AnonymousOutcome run(const std::string& source);

  const sema::Program& program_;
  SqliteStore& records_;
  std::recursive_mutex& recordsInUse_;
  const UserContext& user_;
  std::string apiVersion_;
};

}  // namespace apex::runtime
