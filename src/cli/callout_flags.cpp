#include "cli/callout_flags.h"

#include <filesystem>
#include <iostream>
#include <set>

#include "cli/commands.h"

namespace fs = std::filesystem;

namespace apex::cli {
namespace {

Failure usage(std::string message) { return {kExitUsage, std::move(message)}; }
Failure noInput(std::string message) { return {kExitNoInput, std::move(message)}; }

// Remote sites and client certificates of the project; extra CAs in
// `.apexrun/cacerts/`.
void readProject(const runtime::Project& project, CalloutSetup& setup) {
  setup.options.enforceRemoteSites = true;
  for (const fs::path& file : project.componentFiles(".remoteSite-meta.xml")) {
    auto site = runtime::readRemoteSite(file);
    if (auto* problem = std::get_if<std::string>(&site))
      setup.warnings.push_back(*problem + "; this remote site is ignored");
    else
      setup.options.remoteSites.add(std::get<runtime::RemoteSite>(site));
  }
  std::set<fs::path> certFolders;
  for (const fs::path& cert : project.filesEndingWith(".crt")) certFolders.insert(cert.parent_path());
  setup.options.certificateFolders.assign(certFolders.begin(), certFolders.end());
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(project.root / ".apexrun" / "cacerts", ec)) {
    std::string ext = entry.path().extension().string();
    if (ext == ".pem" || ext == ".crt") setup.options.tls.extraCaFiles.push_back(entry.path());
  }
}

// The Named Credentials, External Credentials and Auth Providers of the
// project, and the store of their secrets when there is one. A store that
// cannot be opened fails only the callouts that need it.
void readCredentials(const CalloutFlags& flags, const runtime::Project* project, CalloutSetup& setup) {
  runtime::CredentialContext& context = setup.options.credentials;
  if (project) {
    setup.catalog = std::make_unique<runtime::CredentialCatalog>(runtime::CredentialCatalog::load(*project));
    context.catalog = setup.catalog.get();
    for (const std::string& warning : setup.catalog->warnings()) setup.warnings.push_back(warning);
  }
  const fs::path* root = project ? &project->root : nullptr;
  auto file = runtime::storePath(flags.store, root);
  std::error_code ec;
  if (file && fs::exists(*file, ec)) {
    auto opened = runtime::CredentialStore::open(*file, runtime::CredentialStore::Mode::CreateIfMissing);
    if (auto* problem = std::get_if<std::string>(&opened)) context.storeProblem = *problem;
    else setup.store = std::move(std::get<std::unique_ptr<runtime::CredentialStore>>(opened));
    if (setup.store) setup.warnings.insert(setup.warnings.end(), setup.store->warnings().begin(), setup.store->warnings().end());
  }
  context.store = setup.store.get();
  context.user = flags.user;
  context.tls = setup.options.tls;
  if (!flags.noHints) {
    auto shown = std::make_shared<std::set<std::string>>();
    context.hint = [shown](const std::string& hint) {
      if (shown->insert(hint).second) std::cerr << "hint: " << hint << "\n";
    };
  }
}

std::optional<Failure> applyFlags(const CalloutFlags& flags, CalloutSetup& setup) {
  for (const std::string& text : flags.remoteSites) {
    auto url = parseUrl(text);
    if (auto* problem = std::get_if<std::string>(&url)) return usage("--remote-site " + text + ": " + *problem);
    runtime::RemoteSite site;
    site.name = text;
    site.url = std::get<Url>(url);
    setup.options.remoteSites.add(site);
  }
  for (const std::string& file : flags.caFiles) {
    if (!fs::is_regular_file(file)) return noInput("--cacert " + file + ": no such file");
    if (!runtime::holdsPemCertificates(file)) return noInput("--cacert " + file + ": no PEM certificate in this file");
    setup.options.tls.extraCaFiles.emplace_back(file);
  }
  setup.options.tls.insecure = flags.insecure;
  if (flags.insecure) setup.warnings.push_back("--insecure: server certificates are not verified");
  if (flags.traceCallouts) setup.options.trace = &std::cerr;
  if (!flags.recordDir.empty()) setup.options.recordDir = fs::path(flags.recordDir);
  if (!flags.replayDir.empty()) {
    if (!fs::is_directory(flags.replayDir)) return noInput("--replay " + flags.replayDir + ": no such folder");
    auto replayer = runtime::Replayer::load(flags.replayDir);
    if (auto* problem = std::get_if<std::string>(&replayer)) return noInput("--replay: " + *problem);
    setup.options.replayer.emplace(std::move(std::get<runtime::Replayer>(replayer)));
  }
  return std::nullopt;
}

}  // namespace

void addCalloutFlags(CLI::App& command, CalloutFlags& flags) {
  command.add_flag("--trace-callouts", flags.traceCallouts,
                   "Print each callout's request and response to stderr as sent (secrets masked)");
  auto* record = command.add_option("--record", flags.recordDir, "Write each callout to a JSON file in DIR");
  command.add_option("--replay", flags.replayDir, "Answer callouts from the recordings in DIR, without the network")
      ->excludes(record);
  command.add_flag("--insecure", flags.insecure, "Do not verify HTTPS server certificates");
  // One value per occurrence, so that `--cacert ca.pem script.apex` leaves
  // the script to the command.
  command.add_option("--cacert", flags.caFiles, "Also trust the CA certificates in this PEM file (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--store", flags.store,
                     "Credential store file (default: APEXRUN_STORE, else .apexrun/credentials.db in the project)");
  command.add_option("--user", flags.user, "Authenticate per-user named credentials as this user");
  command.add_flag("--no-hints", flags.noHints, "Do not print apexrun's hints on stderr");
  command.add_option("--remote-site", flags.remoteSites,
                     "Allow callouts to this URL's host, like a Remote Site Setting (repeatable)")
      ->allow_extra_args(false);
}

std::variant<CalloutSetup, Failure> setUpCallouts(const CalloutFlags& flags, const runtime::Project* project) {
  // A folder of classes (--classes) has no other metadata: callouts go as
  // outside a project.
  if (project && project->layout == runtime::ProjectLayout::ClassFolder) project = nullptr;
  CalloutSetup setup;
  if (project) readProject(*project, setup);
  if (auto error = applyFlags(flags, setup)) return *error;
  readCredentials(flags, project, setup);
  return setup;
}

}  // namespace apex::cli
