// The callout flags shared by the commands that run Apex (`apexrun run`,
// `apexrun test`), and the callout options they build from them and from the
// project's metadata.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "runtime/callouts/callouts.h"
#include "runtime/credentials/credential_metadata.h"
#include "runtime/credentials/credential_store.h"
#include "runtime/project/project.h"

namespace apex::cli {

struct CalloutFlags {
  bool traceCallouts = false;
  std::string recordDir;
  std::string replayDir;
  bool insecure = false;
  std::vector<std::string> caFiles;
  std::vector<std::string> remoteSites;
  std::string store;  // --store: the credential store file
  std::string user;   // --user: the per-user principal
  bool noHints = false;
};

void addCalloutFlags(CLI::App& command, CalloutFlags& flags);

struct CalloutSetup {
  std::unique_ptr<runtime::CredentialCatalog> catalog;
  std::unique_ptr<runtime::CredentialStore> store;
  runtime::CalloutOptions options;
  std::vector<std::string> warnings;  // to print on stderr before the run
};

// Reads what callouts need from the project, when there is one (remote
// sites, certificates, credentials and their store), then applies the
// flags. The setup must outlive the CalloutService made from its options.
std::variant<CalloutSetup, Failure> setUpCallouts(const CalloutFlags& flags, const runtime::Project* project);

}  // namespace apex::cli
