// The Tooling API of `apexrun serve`, for the clients that ask an org to
// run Apex and read what it ran (the Salesforce CLI's apex commands,
// jsforce's tooling): anonymous Apex through the Tooling API's
// `executeAnonymous` resource (REST, as jsforce's
// `tooling.executeAnonymous` calls it) and the Apex API's SOAP
// `executeAnonymous` call with its DebuggingHeader (as `sf apex run
// --target-org` calls it, the debug log coming back in the DebuggingInfo
// header and kept as an ApexLog); the project's tests through
// `runTestsSynchronous` and `runTestsAsynchronous`, each run kept as the
// rows `sf apex run test` reads; `query`, `queryAll` and `sobjects` over
// those records (tooling_records.h), and a log's body. Each anonymous
// block compiles against the project's classes in a program of its own and
// runs as one transaction on the org's records, as `apexrun run` runs it
// (runtime/host/anonymous.h); tests run as `apexrun test` runs them
// (runtime/testing/project_tests.h), taking their turn at the org's records.
//
// Independent of HTTP, like rest_api.h: org_server.cpp routes the requests.
#pragma once

#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runtime/data/record_store.h"
#include "runtime/host/anonymous.h"
#include "runtime/project/project_classes.h"
#include "runtime/project/static_resources.h"
#include "runtime/project/user_context.h"
#include "runtime/serve/rest_api.h"
#include "runtime/serve/tooling_records.h"
#include "sema/program.h"

namespace apex::runtime {

// What the Tooling API reads of the project besides its program: its class
// and trigger files (ApexClass and ApexTrigger, coverage) and the static
// resources its tests' mocks read.
struct ProjectFiles {
  const ProjectClasses* classes = nullptr;
  const StaticResources* staticResources = nullptr;
  const Project* project = nullptr;  // its test suites (testSuites/)
};

class ToolingApi {
 public:
  // `program` is the server's: its schema, labels and class source are
  // the org's. `recordsInUse` is held while a block or a test run runs.
  ToolingApi(sema::Program& program, ProjectFiles files, RecordStore& records, std::recursive_mutex& recordsInUse,
             const UserContext& user, std::string apiVersion);

  // A request under /services/data/vXX.X/tooling/ (`call.path` after it).
  RestAnswer handle(const RestCall& call);
  // Whether a REST API path (after /services/data/vXX.X/) is a debug log's
  // body, `sobjects/ApexLog/<id>/Body`, which handle() answers too.
  static bool isLogBody(const std::string& path);

  // Whether a session id (the SOAP SessionHeader's, or a bearer token) is
  // live and may use the API.
  using SessionCheck = std::function<bool(const std::string& sessionId)>;
  // A SOAP request to `path` (/services/Soap/s/XX.X): the SOAP envelope to
  // answer (status 200, or 500 with a fault) in the Apex API's WSDL shape.
  RestAnswer soap(const std::string& path, const std::string& envelope, const std::string& bearerToken,
                  const SessionCheck& sessionIsLive);

 private:
  AnonymousOutcome run(const std::string& source);
  RestAnswer runTests(const RestCall& call, bool synchronous);
  RestAnswer logBody(const std::string& id);

  sema::Program& program_;
  ProjectFiles files_;
  RecordStore& records_;
  std::recursive_mutex& recordsInUse_;
  const UserContext& user_;
  std::string apiVersion_;
  std::vector<TestClass> tests_;  // the project's test classes
  ToolingRecords tooling_;
};

}  // namespace apex::runtime
