// `apexrun run`: executes an anonymous block as `sf apex run` does and
// prints what it prints (Salesforce CLI, plugin-apex: run reporter).
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/text.h"
#include "cli/callout_flags.h"
#include "cli/commands.h"
#include "cli/compiled_project.h"
#include "cli/sf_flags.h"
#include "interp/interp.h"
#include "runtime/callouts/callouts.h"
#include "runtime/host/anonymous.h"
#include "runtime/data/record_store.h"
#include "runtime/project/project_classes.h"
#include "runtime/project/user_context.h"
#include "sema/program.h"
#include "sema/request_hints.h"

namespace apex::cli {

namespace {

namespace fs = std::filesystem;

struct RunOptions {
  std::string file;      // the positional FILE
  std::string fileFlag;  // -f, --file (--apexcodefile), as sf names it
  bool debugOnly = false;
  bool json = false;
  bool explain = false;
  bool showEmails = false;
  std::string db;  // --db FILE: the org's records across runs; empty: a fresh org in memory
  ProjectFlags project;
  CalloutFlags callouts;
  SfOrgFlags org;
};

// The executeAnonymous result, plus what a block of declarations alone
// declares (it runs nothing).
struct Outcome : runtime::AnonymousOutcome {
  std::vector<std::string> declaredOnly;
};

// --explain: the HttpRequest hints, on stderr before the block runs.
void explain(const ast::AnonymousUnit& unit) {
  for (const sema::RequestHint& hint : sema::explainRequests(unit))
    std::cerr << "hint: line " << hint.line << ": " << hint.text << "\n";
}

// `class Foo`, `interface Bar`: what a block of declarations alone declares;
// empty when the block has a statement to run (or declares nothing).
std::vector<std::string> typesOfDeclarationsOnly(const ast::AnonymousUnit& unit) {
  std::vector<std::string> declared;
  if (!unit.body->statements.empty()) return declared;
  for (const auto& type : unit.types) {
    const char* kind = type->kind == ast::TypeDeclKind::Interface ? "interface "
                       : type->kind == ast::TypeDeclKind::Enum    ? "enum "
                                                                  : "class ";
    declared.push_back(kind + type->name);
  }
  return declared;
}

// A file of class declarations (a .cls) is not a script: say how to use it.
int reportNothingRan(const RunOptions& options, const std::vector<std::string>& declared) {
  std::string what = options.file.empty() || options.file == "-" ? "the input" : options.file;
  std::string names;
  for (const std::string& type : declared) names += (names.empty() ? "" : ", ") + type;
  return fail("run", kExitUsage,
              "nothing ran: " + what + " only declares " + names +
                  ". A class runs when a script calls it: put the .cls files in a folder and run "
                  "`apexrun run --classes DIR script.apex` (or `--project DIR` for an SFDX or Metadata API project), "
                  "or run its @isTest methods with `apexrun test --classes DIR`.");
}

// Whether `message` names `name` as a whole identifier, in any case.
bool mentions(const std::string& message, const std::string& name) {
  std::string text = text::foldCase(message), wanted = text::foldCase(name);
  auto isWordChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = text.find(wanted); at != std::string::npos; at = text.find(wanted, at + 1)) {
    size_t end = at + wanted.size();
    if ((at == 0 || !isWordChar(text[at - 1])) && (end == text.size() || !isWordChar(text[end]))) return true;
  }
  return false;
}

// Outside any project, a script that names a class whose .cls sits beside
// it fails to compile: point at --classes and --project.
void hintClassesBeside(const RunOptions& options, const Outcome& out) {
  if (out.compiled || options.callouts.noHints || options.file.empty() || options.file == "-") return;
  fs::path folder = fs::path(options.file).parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const fs::path& file = entry.path();
    if (file.extension() != ".cls" || !mentions(out.compileProblem, file.stem().string())) continue;
    std::cerr << "hint: " << file.filename().string() << " is beside the script, but outside a project apexrun "
              << "reads no classes: run with --classes " << folder.string() << " (a folder of .cls files), or "
              << "--project DIR (an SFDX or Metadata API project)\n";
    return;
  }
}

Outcome execute(const std::string& source, runtime::AnonymousOrg org, const RunOptions& options) {
  Outcome out;
  std::unique_ptr<runtime::RecordStore> store;
  org.records = [&](const sema::Program& program) -> runtime::RecordStore& {
    store = runtime::openRecordStore(*program.schema, options.db);
    return *store;
  };
  org.beforeRun = [&](const ast::AnonymousUnit& unit) {
    out.declaredOnly = typesOfDeclarationsOnly(unit);
    if (!out.declaredOnly.empty()) return false;
    if (options.explain) explain(unit);
    return true;
  };
  if (options.debugOnly) org.onUserDebug = [](std::string_view message) { std::cout << message << '\n'; };
  static_cast<runtime::AnonymousOutcome&>(out) = runtime::executeAnonymous(source, org);
  return out;
}

// How the output names a transaction run after the block: `Async job 707…
// (Queueable Chain)`, `Platform event trigger OrderTrigger (Order__e, events
// 1-3)`, `Publish callback Tracker.onSuccess`.
std::string heading(const runtime::AsyncRun& run) {
  if (const auto& job = run.job)
    return "Async job " + job->id + " (" + std::string(interp::jobTypeName(job->type)) + " " + job->className + ")";
  const stdlib::EventRunReport& delivery = *run.delivery;
  if (delivery.events.empty()) return "Publish callback " + delivery.subscriber + "." + delivery.topic;
  return "Platform event trigger " + delivery.subscriber + " (" + delivery.topic + ", events " + delivery.events + ")";
}
const std::string& statusOf(const runtime::AsyncRun& run) { return run.job ? run.job->status : run.delivery->status; }
const std::string& errorOf(const runtime::AsyncRun& run) { return run.job ? run.job->error : run.delivery->error; }

void printHuman(const Outcome& out) {
  if (!out.compiled) {
    std::cout << "Error: Line: " << out.line << ", Column: " << out.column << "\n"
              << "Error: " << out.compileProblem << "\n";
    return;
  }
  std::cout << "Compiled successfully.\n";
  if (out.success) std::cout << "Executed successfully.\n";
  else std::cout << "Error: " << out.exceptionMessage << "\nError: " << out.exceptionStackTrace << "\n";
  std::cout << "\n" << out.log;
  for (const runtime::AsyncRun& run : out.jobs.ran)
    std::cout << "\n" << heading(run) << ": " << statusOf(run) << (errorOf(run).empty() ? "" : ": " + errorOf(run))
              << "\n\n" << run.log;
  if (out.jobs.waiting > 0)
    std::cout << "\n" << out.jobs.waiting << " scheduled job(s) wait for their next fire time; a run does not reach it.\n";
  if (out.jobs.cutShort)
    std::cout << "\nStopped after " << runtime::kMaxAsyncRuns << " asynchronous runs; the work they queued and published keeps coming.\n";
}

// A failed job's or delivery's error goes to stderr beside --debug-only's
// messages.
void printJobErrors(const Outcome& out) {
  for (const runtime::AsyncRun& run : out.jobs.ran)
    if (!errorOf(run).empty()) std::cerr << heading(run) << ": " << errorOf(run) << "\n";
}

void printErrorsOnly(const Outcome& out) {
  if (!out.compiled) {
    std::cerr << "Error: Line: " << out.line << ", Column: " << out.column << "\n"
              << "Error: " << out.compileProblem << "\n";
  } else if (!out.success) {
    std::cerr << "Error: " << out.exceptionMessage << "\nError: " << out.exceptionStackTrace << "\n";
  }
  printJobErrors(out);
}

// `sf apex run --json`: the result (plugin-apex RunReporter.formatJson) as
// a command's success, or as the data of the error sf throws when the
// block does not compile or throws (status 1 either way).
void printJson(const Outcome& out, bool showEmails) {
  nlohmann::ordered_json result = {
      {"success", out.success},
      {"compiled", out.compiled},
      {"compileProblem", out.compiled ? "" : out.compileProblem},
      {"exceptionMessage", out.compiled && !out.success ? out.exceptionMessage : ""},
      {"exceptionStackTrace", out.compiled && !out.success ? out.exceptionStackTrace : ""},
      {"line", out.line},
      {"column", out.column},
      {"logs", out.log},
  };
  if (showEmails) result["emails"] = runtime::emailsJson(out.emails);
  nlohmann::ordered_json jobs = nlohmann::ordered_json::array();
  nlohmann::ordered_json deliveries = nlohmann::ordered_json::array();
  for (const runtime::AsyncRun& run : out.jobs.ran) {
    if (const auto& job = run.job) {
      jobs.push_back({{"id", job->id},
                      {"jobType", interp::jobTypeName(job->type)},
                      {"className", job->className},
                      {"status", job->status},
                      {"error", job->error},
                      {"logs", run.log}});
      continue;
    }
    const stdlib::EventRunReport& d = *run.delivery;
    bool callback = d.events.empty();
    deliveries.push_back({{"subscriber", d.subscriber},
                          {"type", callback ? "PublishCallback" : "ApexTrigger"},
                          {callback ? "method" : "topic", d.topic},
                          {"events", d.events},
                          {"status", d.status},
                          {"error", d.error},
                          {"logs", run.log}});
  }
  if (!jobs.empty()) result["asyncJobs"] = jobs;
  if (!deliveries.empty()) result["eventDeliveries"] = deliveries;
  nlohmann::ordered_json j;
  if (out.success) {
    j = {{"status", 0}, {"result", result}, {"warnings", nlohmann::ordered_json::array()}};
  } else {
    bool compiled = out.compiled;
    std::string name = compiled ? "executeRuntimeFailure" : "executeCompileFailure";
    std::string message = compiled ? "Execution failed at this code:\n\n" + out.exceptionMessage
                                   : "Compilation failed at Line " + std::to_string(out.line) + " column " +
                                         std::to_string(out.column) + " with the error:\n\n" + out.compileProblem;
    j = {{"name", name},       {"message", message},
         {"exitCode", 1},      {"context", "Run"},
         {"data", result},     {"warnings", nlohmann::ordered_json::array()},
         {"code", name},       {"status", 1},
         {"commandName", "Run"}};
  }
  std::cout << j.dump(2) << "\n";
}

// Salesforce names only the class; where in it (or in a trigger) the error
// is goes to stderr.
void printClassError(const Outcome& out) {
  const sema::CompileError& e = out.classError;
  if (out.compiled || e.className.empty()) return;
  std::cerr << "apexrun: " << (e.isTrigger ? "trigger " : "class ") << e.className << ", line " << e.classLine << ", column " << e.classColumn << ": "
            << e.classMessage << "\n";
}

// --show-emails: what Messaging.sendEmail accepted, after the run's own
// output. Nothing was sent; a run that threw rolled its email back with
// everything else, as the platform sends a transaction's email only when it
// commits.
void printEmails(const Outcome& out) {
  if (!out.compiled) return;
  size_t count = out.emails.size();
  std::cout << "\nEmails: " << (count == 0 ? "none" : std::to_string(count));
  if (count > 0) std::cout << (out.success ? " (kept here, not sent)" : " (discarded: the transaction rolled back)");
  std::cout << "\n" << runtime::describeEmails(out.emails);
}

int exitCode(const Outcome& out) {
  if (!out.compiled) return kExitCompileError;
  return out.success ? kExitOk : kExitRuntimeError;
}

int runCommand(const RunOptions& options) {
  std::string path = options.file.empty() ? options.fileFlag : options.file;
  if (path.empty()) {
    if (isatty(STDIN_FILENO))
      return fail("run", kExitUsage,
                  "no Apex to run. Give a file (apexrun run script.apex), or - to read standard input.");
    path = "-";
  }
  std::string source, error;
  if (!readSource(path, &source, &error)) return fail("run", kExitNoInput, error);
  auto opened = findProject(options.project);
  if (auto* problem = std::get_if<std::string>(&opened)) return fail("run", kExitNoInput, *problem);
  const auto& project = std::get<std::optional<runtime::Project>>(opened);
  if (auto failure = applySfOrgFlags(options.org, project ? project->root.string() : ""))
    return fail("run", *failure);
  auto setup = setUpCallouts(options.callouts, project ? &*project : nullptr);
  if (auto* error = std::get_if<Failure>(&setup)) return fail("run", *error);
  CalloutSetup& ready = std::get<CalloutSetup>(setup);
  for (const std::string& warning : ready.warnings) warn(warning);
  // The running user and their time zone: the project's .apexrun/user.json.
  auto user = project ? runtime::loadUserContext(project->root) : runtime::UserContext::defaults();
  if (auto* problem = std::get_if<std::string>(&user)) return fail("run", kExitNoInput, *problem);
  auto schema = schemaFor(project ? &*project : nullptr);
  if (auto* problem = std::get_if<std::string>(&schema)) return fail("run", kExitNoInput, *problem);
  auto& schemaPtr = std::get<std::shared_ptr<const sema::Schema>>(schema);
  auto config = orgConfigFor(project ? &*project : nullptr, *schemaPtr);
  if (auto* problem = std::get_if<std::string>(&config)) return fail("run", kExitNoInput, *problem);
  std::unique_ptr<runtime::ProjectClasses> classes;
  if (project) classes = std::make_unique<runtime::ProjectClasses>(*project);
  if (classes)
    for (const std::string& warning : classes->warnings()) warn(warning);
  runtime::CalloutService callouts(std::move(ready.options));
  runtime::AnonymousOrg org;
  org.classes = classes.get();
  org.schema = schemaPtr;
  org.config = std::get<std::shared_ptr<const sema::OrgConfig>>(config);
  org.services.callouts = &callouts;
  org.services.user = &std::get<runtime::UserContext>(user);
  if (!options.org.apiVersion.empty()) org.services.apiVersion = options.org.apiVersion;
  Outcome out;
  try {
    out = execute(source, std::move(org), options);
  } catch (const runtime::DataStoreError& error) {
    return fail("run", kExitNoInput, "the org's records: " + std::string(error.what()));
  }
  if (!out.declaredOnly.empty()) return reportNothingRan(options, out.declaredOnly);
  for (const std::string& warning : callouts.takeWarnings()) warn(warning);
  printClassError(out);
  if (!project) hintClassesBeside(options, out);
  if (options.json) printJson(out, options.showEmails);
  else if (options.debugOnly) printErrorsOnly(out);
  else printHuman(out);
  if (options.showEmails && !options.json) printEmails(out);
  std::cout.flush();
  return exitCode(out);
}

}  // namespace

CommandRunner addRunCommand(CLI::App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* run = app.add_subcommand("run", "Execute anonymous Apex and print the result and debug log, as `sf apex run` does");
  run->footer("sf apex run command lines work unchanged, with their older spellings (--apexcodefile, "
              "-u/--targetusername, --apiversion); the target org is the local project.");
  auto* file = run->add_option("file", options->file, "Apex file to run; - or a pipe reads standard input");
  run->add_option("-f,--file,--apexcodefile", options->fileFlag, "Apex file to run, as sf apex run names it")
      ->excludes(file);
  auto* debugOnly = run->add_flag("--debug-only", options->debugOnly,
                                  "Print only System.debug messages, one per call; errors go to stderr");
  run->add_flag("--json", options->json,
                "Print the executeAnonymous result and the log as sf apex run --json does: "
                "{\"status\": 0, \"result\": {...}}, or on a failure sf's error with the result as its data")
      ->excludes(debugOnly);
  run->add_flag("--explain", options->explain,
                "Before running, point out HttpRequest mistakes that show in the code: a request sent without an "
                "endpoint or method, a JSON body never set, a hand-made Authorization header");
  run->add_flag("--show-emails", options->showEmails,
                "After the run, print the email Messaging.sendEmail accepted (recipients, subject, bodies, "
                "attachments by name and size); with --json, as the result's \"emails\". Nothing is ever sent");
  run->add_option("--db", options->db,
                  "Keep the org's records across runs, like a scratch org, in this SQLite file (created when "
                  "missing) or PostgreSQL database (postgresql://USER@HOST:PORT/DBNAME); each run is one "
                  "transaction, rolled back by an uncaught exception. Default: a fresh org in memory");
  addProjectOptions(*run, options->project);
  addCalloutFlags(*run, options->callouts);
  addSfOrgFlags(*run, options->org);
  return [options] { return runCommand(*options); };
}

}  // namespace apex::cli
