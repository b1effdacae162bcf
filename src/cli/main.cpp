// apexrun: runs Salesforce Apex on a developer's own machine.
#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "cli/sf_flags.h"

namespace {

constexpr const char* kDescription =
    "apexrun runs Salesforce Apex locally.\n"
    "  apexrun run FILE.apex      execute anonymous Apex, like `sf apex run`\n"
    "  apexrun test               run an SFDX project's Apex tests, like `sf apex run test`\n"
    "  apexrun serve              serve the project as a Salesforce org (OAuth 2.0, Apex REST)\n"
    "  apexrun parse FILE...      check that Apex sources parse\n"
    "  apexrun credential ...     set, list and delete secrets in the local credential store\n"
    "  apexrun auth login NAME    sign a named credential in with OAuth 2.0 and store its tokens\n"
    "Run `apexrun COMMAND --help` for a command's options.";

}  // namespace

int main(int argc, char** argv) {
  // A server that closes a connection while a callout writes to it must
  // give a CalloutException, not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{kDescription, "apexrun"};
  app.set_version_flag("--version", "apexrun 0.1.0");
  app.require_subcommand(1);
  apex::cli::CommandRunner run = apex::cli::addRunCommand(app);
  apex::cli::CommandRunner parse = apex::cli::addParseCommand(app);
  apex::cli::CommandRunner credential = apex::cli::addCredentialCommand(app);
  apex::cli::CommandRunner auth = apex::cli::addAuthCommand(app);
  apex::cli::CommandRunner test = apex::cli::addTestCommand(app);
  apex::cli::CommandRunner serve = apex::cli::addServeCommand(app);
  // sf's --flags-dir adds flags read from files before the line is parsed.
  auto args = apex::cli::expandFlagsDir(app, argc, argv);
  if (auto* failure = std::get_if<apex::cli::Failure>(&args)) return apex::cli::fail(argv[1], *failure);
  try {
    app.parse(std::get<std::vector<std::string>>(args));
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return apex::cli::kExitUsage;
  }
  if (app.got_subcommand("run")) return run();
  if (app.got_subcommand("credential")) return credential();
  if (app.got_subcommand("auth")) return auth();
  if (app.got_subcommand("test")) return test();
  if (app.got_subcommand("serve")) return serve();
  return parse();
}
