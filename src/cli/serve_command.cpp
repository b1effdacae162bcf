// `apexrun serve`: the project as a Salesforce org on a local port (the
// OAuth 2.0 endpoints, Apex REST, the REST API's versions and limits), until
// SIGINT or SIGTERM.
#include <pthread.h>
#include <signal.h>

#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "base/url.h"
#include "cli/commands.h"
#include "cli/compiled_project.h"
#include "runtime/data/org_setup.h"
#include "runtime/data/record_store.h"
#include "runtime/host/transaction.h"
#include "runtime/oauth/connected_apps.h"
#include "runtime/oauth/oauth_server.h"
#include "runtime/project/static_resources.h"
#include "runtime/serve/org_server.h"
#include "runtime/serve/sql_oauth_state.h"
#include "runtime/serve/rest_resources.h"

namespace apex::cli {

namespace {

struct ServeOptions {
  ProjectFlags project;
  CalloutFlags flags;  // --store
  runtime::OrgServerOptions server;
  std::string tlsCert, tlsKey;
  std::string portFile;
  std::string db;  // the org's records; empty: in memory
  int tokenTtlSeconds = 7200;
  bool rotateRefreshTokens = false;
};

// Consumer secrets and user passwords, read from the project's credential
// store by the server's threads one at a time. A value that does not
// decrypt throws: the OAuth server refuses the request that needs it.
std::function<std::optional<std::string>(const std::string&, const std::string&)> storedSecrets(
    runtime::CredentialStore* store) {
  auto mutex = std::make_shared<std::mutex>();
  return [store, mutex](const std::string& owner, const std::string& key) -> std::optional<std::string> {
    if (!store) return std::nullopt;
    std::lock_guard<std::mutex> lock(*mutex);
    return store->get(owner, "", key);
  };
}

// The connected apps that take requests without a consumer secret, named
// at start-up so that none is public by accident.
void announcePublicClients(const runtime::ConnectedAppCatalog& apps) {
  for (const runtime::ConnectedApp& app : apps.apps)
    if (app.consumerSecretOptional)
      std::cout << "apexrun serve: " << app.name
                << " is a public client (isConsumerSecretOptional): its consumer key alone, with PKCE S256, "
                   "gets tokens"
                << std::endl;
}

// SIGINT and SIGTERM go to a thread that stops the server; blocked in every
// other thread, so they never interrupt a request.
std::thread stopOnSignal(runtime::OrgServer& server, sigset_t signals) {
  return std::thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
  });
}

bool writePortFile(const std::string& file, int port) {
  std::string temporary = file + ".tmp";
  {
    std::ofstream out(temporary);
    out << port << "\n";
    if (!out) return false;
  }
  return std::rename(temporary.c_str(), file.c_str()) == 0;
}

// The org's records: the --db file (made when missing) or PostgreSQL
// database, or a fresh org in memory, with the setup records (the running
// user, its profile, the organization, the standard price book) in it.
std::unique_ptr<runtime::RecordStore> openRecords(sema::Program& program, const runtime::UserContext& user,
                                                  const std::string& db) {
  std::unique_ptr<runtime::RecordStore> records = runtime::openRecordStore(*program.schema, db);
  runtime::RunServices services;
  services.user = &user;
  services.dataStore = records.get();
  runtime::Transaction setup(program, services);
  records->begin();
  runtime::addSetupRecords(setup.vm(), *records, setup.vm().user());
  records->commit();
  return records;
}

int runServe(ServeOptions& options) {
  if (options.tlsCert.empty() != options.tlsKey.empty())
    return fail("serve", kExitUsage, "--tls-cert and --tls-key go together");
  auto compiled = compileProject(options.project, options.flags, "serve");
  if (auto* code = std::get_if<int>(&compiled)) return *code;
  CompiledProject& ready = std::get<CompiledProject>(compiled);
  const runtime::Project& project = ready.project;
  const runtime::UserContext& runAs = ready.user;
  sema::Program& program = *ready.program;
  const runtime::ProjectClasses& classes = *ready.classes;
  // One class that does not compile does not keep the others from serving.
  for (const sema::CompileError& e : ready.compileErrors)
    warn("class " + e.className + ", line " + std::to_string(e.classLine) + ", column " + std::to_string(e.classColumn) +
         ": " + e.classMessage + " (the class does not compile and is not served)");
  auto resources = runtime::RestResources::find(classes.compiledClasses(program));
  if (auto* problem = std::get_if<std::string>(&resources)) return fail("serve", kExitCompileError, *problem);

  // Without its store the server cannot tell a secret from none: it does
  // not start rather than serve every app as a public client.
  if (const std::string& problem = ready.setup.options.credentials.storeProblem; !problem.empty())
    return fail("serve", kExitNoInput, problem);
  runtime::OAuthServerConfig config;
  config.apps = runtime::loadConnectedApps(project);
  for (const std::string& problem : config.apps.problems) warn(problem);
  if (!config.apps.byConsumerKey("PlatformCLI")) config.apps.apps.push_back(runtime::salesforceCliApp());
  announcePublicClients(config.apps);
  config.secret = storedSecrets(ready.setup.store.get());
  config.username = runAs.userName;
  config.userId = runAs.userId;
  config.orgId = runAs.organizationId;
  config.tokenTtl = std::chrono::seconds(options.tokenTtlSeconds);
  config.rotateRefreshTokens = options.rotateRefreshTokens;

  options.server.tlsCert = options.tlsCert;
  options.server.tlsKey = options.tlsKey;
  if (!project.sourceApiVersion.empty()) options.server.apiVersion = project.sourceApiVersion;
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::unique_ptr<runtime::RecordStore> records;
  try {
    records = openRecords(program, runAs, options.db);
  } catch (const runtime::DataStoreError& error) {
    return fail("serve", kExitNoInput, "the org's records: " + std::string(error.what()));
  }
  // Sessions live beside the records: a restart keeps them.
  std::unique_ptr<runtime::OAuthState> sessions;
  try {
    sessions = runtime::openOAuthState(options.db);
  } catch (const runtime::DataStoreError& error) {
    return fail("serve", kExitNoInput, "the org's sessions: " + std::string(error.what()));
  }
  runtime::OAuthServer oauth(std::move(config), std::move(sessions));
  runtime::StaticResources staticResources(project);
  runtime::OrgServer server(program, {&classes, &staticResources, &project}, std::move(std::get<runtime::RestResources>(resources)),
                            oauth, runAs, *records, options.server, std::cerr);
  if (auto problem = server.bind()) {
    if (problem->addressInUse && options.server.port != 0)
      problem->message += " (another program, perhaps another apexrun serve, listens there): leave --port out to "
                          "listen on a free port, or choose another";
    return fail("serve", kExitNoInput, problem->message);
  }
  if (!options.portFile.empty() && !writePortFile(options.portFile, server.port()))
    return fail("serve", kExitNoInput, "--port-file " + options.portFile + ": cannot be written");
  std::cout << "apexrun serve: listening on " << server.baseUrl() << std::endl;
  // Anyone who reaches the port gets tokens approved without a person.
  if (!isLoopbackHost(options.server.host))
    warn("--host " + options.server.host + " is not a loopback address: other machines can reach this server, "
         "which approves every authorization request" + (options.tlsCert.empty() ? " over plain HTTP" : "") +
         " and has no real users: serve on 127.0.0.1 unless they must reach it");
  std::thread watcher = stopOnSignal(server, signals);
  bool served = server.serve();
  if (!served) pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  std::cout << "apexrun serve: stopped" << std::endl;
  return served ? kExitOk : kExitRuntimeError;
}

}  // namespace

CommandRunner addServeCommand(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve = app.add_subcommand(
      "serve", "Serve the project as a Salesforce org: OAuth 2.0 token endpoint, Apex REST (@RestResource) and "
               "the REST API's versions and limits");
  addProjectOptions(*serve, options->project);
  serve->add_option("--host", options->server.host, "Address to listen on (default 127.0.0.1)");
  serve->add_option("--port", options->server.port, "Port to listen on (default: a free port)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--port-file", options->portFile, "Write the port to this file once listening");
  serve->add_option("--db", options->db,
                    "Keep the org's records in this SQLite file across runs, or in a PostgreSQL database that "
                    "several serve processes may share (postgresql://USER@HOST:PORT/DBNAME); default: a fresh org "
                    "in memory");
  serve->add_option("--tls-cert", options->tlsCert, "Serve HTTPS with this PEM certificate (with --tls-key)")
      ->check(CLI::ExistingFile);
  serve->add_option("--tls-key", options->tlsKey, "The certificate's PEM private key")->check(CLI::ExistingFile);
  serve->add_option("--token-ttl", options->tokenTtlSeconds, "Seconds an access token is good for (default 7200)")
      ->check(CLI::Range(1, 31536000));
  serve->add_option("--request-timeout", options->server.requestTimeoutSeconds,
                    "Seconds a request's headers and body may take to arrive, and its answer to be taken (default 30)")
      ->check(CLI::Range(1, 3600));
  serve->add_flag("--rotate-refresh-tokens", options->rotateRefreshTokens,
                  "Issue a new refresh token with each refresh; the old one stops working");
  serve->add_option("--store", options->flags.store,
                    "Credential store with the connected apps' consumer secrets (default: the project's)");
  return [options] { return runServe(*options); };
}

}  // namespace apex::cli
