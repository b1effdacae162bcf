// `apexrun auth login NAME`: signs a Named Credential or External Credential
// in through its Auth Provider with the OAuth 2.0 authorization code flow
// (with PKCE) and keeps the tokens in the credential store, as "Start
// Authentication Flow on Save" does on the platform.
#include <cstdlib>
#include <iostream>

#include "cli/callout_flags.h"
#include "cli/commands.h"
#include "cli/compiled_project.h"
#include "runtime/callouts/credential_callouts.h"

namespace apex::cli {
namespace {

namespace fs = std::filesystem;

struct AuthOptions {
  std::string name;
  std::string project;
  CalloutFlags flags;  // --store, --user, --cacert, --insecure
  bool noBrowser = false;
  bool nonInteractive = false;
  int port = 0;
  int timeoutSeconds = 300;
};

// Opens the URL in a browser when the session has a display and xdg-open.
void openBrowser(const std::string& url) {
  if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) return;
  if (std::system("command -v xdg-open >/dev/null 2>&1") != 0) return;
  std::string command = "xdg-open '" + url + "' >/dev/null 2>&1 &";
  if (url.find('\'') == std::string::npos) (void)std::system(command.c_str());
}

int login(const AuthOptions& options) {
  auto opened = runtime::openProject(options.project);
  if (auto* problem = std::get_if<std::string>(&opened)) return fail("auth login", kExitNoInput, *problem);
  const auto& project = std::get<std::optional<runtime::Project>>(opened);
  if (!project) return fail("auth login", kExitUsage, "run inside an SFDX project, or pass --project DIR");
  auto setup = setUpCallouts(options.flags, &*project);
  if (auto* error = std::get_if<Failure>(&setup)) return fail("auth login", *error);
  CalloutSetup& ready = std::get<CalloutSetup>(setup);
  for (const std::string& warning : ready.warnings) warn(warning);  // --insecure among them
  auto file = runtime::storePath(options.flags.store, &project->root);
  auto storeOpened = runtime::CredentialStore::open(*file, runtime::CredentialStore::Mode::CreateIfMissing);
  if (auto* problem = std::get_if<std::string>(&storeOpened)) return fail("auth login", kExitRuntimeError, *problem);
  auto& store = std::get<std::unique_ptr<runtime::CredentialStore>>(storeOpened);
  for (const std::string& warning : store->warnings()) warn(warning);

  runtime::CredentialContext context = ready.options.credentials;
  context.store = store.get();
  context.storeProblem.clear();
  runtime::SecretMasker masker;
  runtime::CredentialCallouts credentials(context, masker);
  auto target = credentials.oauthTarget(options.name);
  if (auto* problem = std::get_if<CalloutFailure>(&target)) return fail("auth login", kExitRuntimeError, problem->message);
  const runtime::OAuthTarget& oauth = std::get<runtime::OAuthTarget>(target);

  runtime::AuthorizationRequest request;
  request.authorizeUrl = oauth.authorizeUrl;
  request.scope = oauth.scope;
  request.port = options.port;
  request.timeout = std::chrono::seconds(options.timeoutSeconds);
  request.followAutomatically = options.nonInteractive;
  request.showUrl = [&](const std::string& url) {
    std::cerr << "Sign in to authorize " << options.name << ": open this URL in a browser\n  " << url << "\n"
              << "Waiting for the sign-in to finish (up to " << options.timeoutSeconds << " s)...\n";
    if (!options.noBrowser) openBrowser(url);
  };
  runtime::TokenResult result = runtime::loginWithAuthorizationCode(oauth.client, request);
  if (auto* error = std::get_if<runtime::OAuthError>(&result)) return fail("auth login", kExitRuntimeError, error->message());
  const runtime::TokenResponse& token = std::get<runtime::TokenResponse>(result);

  std::map<std::string, std::string> values{{"accessToken", token.accessToken}};
  if (!token.refreshToken.empty()) values["refreshToken"] = token.refreshToken;
  if (token.expiresAt) values["expiresAt"] = std::to_string(*token.expiresAt);
  if (!token.instanceUrl.empty()) values["instanceUrl"] = token.instanceUrl;
  if (auto problem = store->set(oauth.owner, oauth.principal, values)) return fail("auth login", kExitRuntimeError, *problem);
  std::cout << "Signed in " << options.name << ": stored an access token"
            << (token.refreshToken.empty() ? "" : " and a refresh token") << " for " << oauth.owner
            << (oauth.principal.empty() ? "" : " (principal " + oauth.principal + ")") << " in "
            << store->file().string() << "\n";
  if (token.refreshToken.empty())
    std::cerr << "hint: no refresh token was issued, so apexrun cannot renew the access token when it expires: "
                 "add refresh_token to the scope\n";
  if (auto warning = store->gitWarning()) warn(*warning);
  return kExitOk;
}

}  // namespace

CommandRunner addAuthCommand(CLI::App& app) {
  auto options = std::make_shared<AuthOptions>();
  CLI::App* auth = app.add_subcommand("auth", "Sign named credentials in with OAuth 2.0");
  auth->require_subcommand(1);
  CLI::App* loginCommand = auth->add_subcommand(
      "login", "Sign a named or external credential in through its auth provider (authorization code with PKCE) "
               "and store its tokens");
  loginCommand->add_option("name", options->name, "Named Credential or External Credential name")->required();
  addProjectOption(*loginCommand, options->project);
  loginCommand->add_option("--store", options->flags.store, "Credential store file");
  loginCommand->add_option("--principal", options->flags.user, "Principal (or user) to sign in (default: the named principal)");
  loginCommand->add_flag("--no-browser", options->noBrowser, "Only print the sign-in URL; do not open a browser");
  loginCommand->add_flag("--non-interactive", options->nonInteractive,
                         "Request the sign-in URL and follow its redirects without a person (servers that approve "
                         "automatically, tests, CI)");
  loginCommand->add_option("--port", options->port, "Loopback port for the redirect (default: any free port)");
  loginCommand->add_option("--timeout", options->timeoutSeconds, "Seconds to wait for the sign-in (default 300)");
  loginCommand->add_option("--cacert", options->flags.caFiles, "Also trust the CA certificates in this PEM file")
      ->allow_extra_args(false);
  loginCommand->add_flag("--insecure", options->flags.insecure, "Do not verify HTTPS server certificates");
  return [options] { return login(*options); };
}

}  // namespace apex::cli
