// apexrun: runs Salesforce Apex on a developer's own machine.
#include <csignal>
#include <iostream>
#include <optional>

#include "base/text.h"
#include "cli/commands.h"
#include "cli/sf_flags.h"

namespace {

using apex::cli::kExitOk;
using apex::cli::kExitUsage;

constexpr const char* kVersion = "apexrun 0.1.0";

constexpr const char* kDescription =
    "apexrun runs Salesforce Apex locally.\n"
    "  apexrun run FILE.apex      execute anonymous Apex, like `sf apex run`\n"
    "  apexrun test               run an SFDX project's Apex tests, like `sf apex run test`\n"
    "  apexrun serve              serve the project as a Salesforce org (OAuth 2.0, Apex REST)\n"
    "  apexrun data import PLAN   import sObject tree files into an org file, like `sf data import tree`\n"
    "  apexrun data query SOQL    query an org file, like `sf data query`\n"
    "  apexrun parse FILE...      check that Apex sources parse\n"
    "  apexrun credential ...     set, list and delete secrets in the local credential store\n"
    "  apexrun auth login NAME    sign a named credential in with OAuth 2.0 and store its tokens\n"
    "Run `apexrun help COMMAND` or `apexrun COMMAND --help` for a command's options.";

constexpr const char* kExitStatus =
    "Exit status:\n"
    "  0    success\n"
    "  1    an uncaught Apex exception, or a command that could not finish\n"
    "  2    a compile error\n"
    "  64   a usage error\n"
    "  66   an input that cannot be read\n"
    "  100  a test failed (apexrun test)";

// `apexrun credential set`: the words that name a command.
std::string commandPath(const CLI::App& command) {
  const CLI::App* parent = command.get_parent();
  return parent ? commandPath(*parent) + " " + command.get_name() : command.get_name();
}

// The command's --help text, and only its own: CLI11's App::help() would
// describe the subcommand that was parsed instead.
std::string helpOf(const CLI::App& command) {
  return command.get_formatter()->make_help(&command, commandPath(command), CLI::AppFormatMode::Normal);
}

const CLI::App* subcommandNamed(const CLI::App& parent, const std::string& word) {
  auto found = parent.get_subcommands([&](const CLI::App* sub) { return sub->check_name(word); });
  return found.empty() ? nullptr : found.front();
}

// The subcommand of `parent` whose name is a likely typo of `word`.
std::optional<std::string> nearestSubcommand(const CLI::App& parent, const std::string& word) {
  constexpr int kMaxTypoDistance = 2;
  std::optional<std::string> nearest;
  int best = kMaxTypoDistance + 1;
  for (const CLI::App* sub : parent.get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); })) {
    int distance = apex::text::levenshtein(word, sub->get_name());
    if (distance < best && distance < int(word.size())) {
      best = distance;
      nearest = sub->get_name();
    }
  }
  return nearest;
}

int unknownCommand(const CLI::App& parent, const std::string& word) {
  std::cerr << commandPath(parent) << ": unknown command '" << word << "'";
  if (auto nearest = nearestSubcommand(parent, word)) std::cerr << "; did you mean '" << *nearest << "'?";
  std::cerr << "\nRun `" << commandPath(parent) << " --help` for the list of commands.\n";
  return kExitUsage;
}

// Follows the command words at the start of `words` (up to the first
// option, or a command without subcommands). Sets `unknown` to a word that
// names no command where one is expected.
const CLI::App& commandNamedBy(const CLI::App& app, const std::vector<std::string>& words, std::string* unknown) {
  const CLI::App* command = &app;
  for (const std::string& word : words) {
    bool hasSubcommands = !command->get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); }).empty();
    if (word.empty() || word[0] == '-' || !hasSubcommands) break;
    const CLI::App* sub = subcommandNamed(*command, word);
    if (!sub) {
      *unknown = word;
      break;
    }
    command = sub;
  }
  return *command;
}

// The innermost command on the command line: the one a usage error is about.
const CLI::App& innermostParsed(const CLI::App& app) {
  const CLI::App* command = &app;
  while (!command->get_subcommands().empty()) command = command->get_subcommands().front();
  return *command;
}

// CLI11 lists unexpected arguments last first; they are listed here as typed.
int notExpected(const CLI::App& app) {
  const CLI::App* command = &app;
  for (const CLI::App* c = &app; c; c = c->get_subcommands().empty() ? nullptr : c->get_subcommands().front())
    if (c->remaining_size() > 0) command = c;
  std::vector<std::string> extras = command->remaining();
  std::cerr << commandPath(*command) << ": the following argument" << (extras.size() > 1 ? "s were" : " was")
            << " not expected:";
  for (const std::string& extra : extras) std::cerr << " " << extra;
  std::cerr << "\nRun `" << commandPath(*command) << " --help` for its options.\n";
  return kExitUsage;
}

int help(const CLI::App& app, const std::vector<std::string>& words) {
  std::string unknown;
  const CLI::App& command = commandNamedBy(app, words, &unknown);
  if (!unknown.empty()) return unknownCommand(command, unknown);
  std::cout << helpOf(command);
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  // A server that closes a connection while a callout writes to it must
  // give a CalloutException, not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app{kDescription, "apexrun"};
  app.set_version_flag("-v,--version", kVersion);
  app.require_subcommand(1);
  apex::cli::CommandRunner run = apex::cli::addRunCommand(app);
  apex::cli::CommandRunner parse = apex::cli::addParseCommand(app);
  apex::cli::CommandRunner credential = apex::cli::addCredentialCommand(app);
  apex::cli::CommandRunner auth = apex::cli::addAuthCommand(app);
  apex::cli::CommandRunner test = apex::cli::addTestCommand(app);
  apex::cli::CommandRunner serve = apex::cli::addServeCommand(app);
  apex::cli::CommandRunner data = apex::cli::addDataCommand(app);
  std::vector<std::string> helpWords;
  app.add_subcommand("help", "Show the commands, or a command's options (apexrun help COMMAND)")
      ->add_option("command", helpWords, "The command, e.g. run or credential set");
  app.add_subcommand("version", "Print apexrun's version");
  app.footer(kExitStatus);  // after the subcommands, which would inherit it

  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << helpOf(app);
    return kExitUsage;
  }
  std::string unknown;
  const CLI::App& named = commandNamedBy(app, args, &unknown);
  if (!unknown.empty()) return unknownCommand(named, unknown);
  // sf's --flags-dir adds flags read from files before the line is parsed.
  auto expanded = apex::cli::expandFlagsDir(app, argc, argv);
  if (auto* failure = std::get_if<apex::cli::Failure>(&expanded)) return apex::cli::fail(argv[1], *failure);
  try {
    app.parse(std::get<std::vector<std::string>>(expanded));
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ExtrasError&) {
    return notExpected(app);
  } catch (const CLI::RequiredError&) {
    // A missing argument: the command's usage says which it takes.
    std::cerr << helpOf(innermostParsed(app));
    return kExitUsage;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (app.got_subcommand("help")) return help(app, helpWords);
  if (app.got_subcommand("version")) {
    std::cout << kVersion << "\n";
    return kExitOk;
  }
  if (app.got_subcommand("run")) return run();
  if (app.got_subcommand("credential")) return credential();
  if (app.got_subcommand("auth")) return auth();
  if (app.got_subcommand("test")) return test();
  if (app.got_subcommand("serve")) return serve();
  if (app.got_subcommand("data")) return data();
  return parse();
}
