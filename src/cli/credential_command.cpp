// `apexrun credential`: sets, lists and deletes the secrets in the local
// credential store (runtime/credentials/credential_store.h). Values are never printed.
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/text.h"
#include "cli/commands.h"
#include "runtime/credentials/credential_metadata.h"
#include "runtime/credentials/credential_store.h"
#include "runtime/oauth/connected_apps.h"
#include "runtime/project/project.h"
#include "runtime/project/user_context.h"
#include "sema/types.h"

namespace apex::cli {

namespace {

namespace fs = std::filesystem;
using runtime::CredentialStore;

struct CredentialOptions {
  std::string name;
  std::string principal;
  std::string project;
  std::string store;
  std::vector<std::string> pairs;
  bool json = false;
};

// The store file: --store, APEXRUN_STORE, or the project's .apexrun/credentials.db.
std::variant<fs::path, Failure> findStore(const CredentialOptions& options) {
  auto located = runtime::locateProjectRoot(options.project);
  if (auto* problem = std::get_if<std::string>(&located)) return Failure{kExitNoInput, *problem};
  const std::optional<fs::path>& root = std::get<std::optional<fs::path>>(located);
  auto path = runtime::storePath(options.store, root ? &*root : nullptr);
  if (!path)
    return Failure{kExitUsage,
                   "not inside a project (no sfdx-project.json or Metadata API package.xml here or above), so there "
                   "is no default credential store: run inside a project, or pass --project DIR or --store PATH (or set APEXRUN_STORE)"};
  return *path;
}

// Inside a project, NAME must be one of its Named Credentials, External
// Credentials, Auth Providers or Connected Apps (their consumer secrets,
// for apexrun serve), or the project's user (the password grant of apexrun
// serve): a typo would store a secret nothing reads.
std::optional<Failure> checkName(const CredentialOptions& options) {
  auto project = runtime::openProject(options.project);
  if (auto* problem = std::get_if<std::string>(&project)) return Failure{kExitNoInput, *problem};
  if (!std::get<std::optional<runtime::Project>>(project)) return std::nullopt;
  const runtime::Project& loaded = *std::get<std::optional<runtime::Project>>(project);
  auto catalog = runtime::CredentialCatalog::load(loaded);
  if (catalog.namedCredential(options.name) || catalog.externalCredential(options.name) ||
      catalog.authProvider(options.name))
    return std::nullopt;
  for (const runtime::ConnectedApp& app : runtime::loadConnectedApps(loaded).apps) {
    if (text::foldCase(app.name) == text::foldCase(options.name)) return std::nullopt;
  }
  auto user = runtime::loadUserContext(loaded.root);
  if (auto* context = std::get_if<runtime::UserContext>(&user); context && context->userName == options.name)
    return std::nullopt;
  return Failure{kExitUsage, "the project " + loaded.root.string() + " has no Named Credential, External Credential, "
                             "Auth Provider or Connected App named " + options.name +
                             ", and it is not the project's user" +
                             " (apexrun reads namedCredentials/, externalCredentials/, authproviders/, connectedApps/ "
                             "and .apexrun/user.json)"};
}

std::string forWhom(const CredentialOptions& options) {
  std::string text = options.name;
  if (!options.principal.empty()) text += " (principal " + options.principal + ")";
  return text;
}

// Keys whose values are secrets: a literal one on the command line is seen
// by every user of the machine (ps, /proc/PID/cmdline) and kept in the
// shell's history.
bool isSecretKey(const std::string& key) {
  std::string folded = text::foldCase(key);
  if (folded.ends_with("file") || folded.ends_with("url")) return false;  // a path or an address
  for (const char* word : {"password", "secret", "token", "apikey", "privatekey", "passphrase"})
    if (folded.find(word) != std::string::npos) return true;
  return false;
}

// The value of `key=@file:PATH`: the file's bytes, one final line break
// dropped as for standard input.
std::variant<std::string, Failure> readValueFile(const std::string& key, const std::string& path) {
  if (path.empty()) return Failure{kExitUsage, "@file: needs a path (" + key + "=@file:PATH)"};
  std::ifstream in(path, std::ios::binary);
  if (!in || fs::is_directory(path)) return Failure{kExitNoInput, "cannot read " + path + " (value of " + key + ")"};
  std::string value((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!value.empty() && value.back() == '\n') value.pop_back();
  if (!value.empty() && value.back() == '\r') value.pop_back();
  if (value.empty()) return Failure{kExitNoInput, path + " is empty: no value for " + key};
  return value;
}

// key=value pairs, with `-` (standard input), `@env:VAR` and `@file:PATH`
// resolved.
std::variant<std::map<std::string, std::string>, Failure> readPairs(const CredentialOptions& options) {
  std::map<std::string, std::string> values;
  bool stdinUsed = false;
  for (const std::string& pair : options.pairs) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos)
      return Failure{kExitUsage, "expected key=value, got `" + pair.substr(0, 40) + "` (no =)"};
    std::string key = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (key.empty()) return Failure{kExitUsage, "a key is empty (expected key=value)"};
    if (values.count(key)) return Failure{kExitUsage, "the key " + key + " is given twice"};
    if (value == "-") {
      if (stdinUsed) return Failure{kExitUsage, "only one key can read its value from standard input (-)"};
      stdinUsed = true;
      std::ostringstream buffer;
      buffer << std::cin.rdbuf();
      value = buffer.str();
      if (!value.empty() && value.back() == '\n') value.pop_back();
      if (!value.empty() && value.back() == '\r') value.pop_back();
      if (value.empty()) return Failure{kExitNoInput, "standard input is empty: no value for " + key};
    } else if (value.rfind("@env:", 0) == 0) {
      std::string var = value.substr(5);
      if (var.empty()) return Failure{kExitUsage, "@env: needs a variable name (" + key + "=@env:VAR)"};
      const char* env = std::getenv(var.c_str());
      if (!env) return Failure{kExitNoInput, "the environment variable " + var + " is not set (value of " + key + ")"};
      if (!*env) return Failure{kExitNoInput, "the environment variable " + var + " is empty (value of " + key + ")"};
      value = env;
    } else if (value.rfind("@file:", 0) == 0) {
      auto read = readValueFile(key, value.substr(6));
      if (auto* failure = std::get_if<Failure>(&read)) return *failure;
      value = std::get<std::string>(std::move(read));
    } else if (!value.empty() && isSecretKey(key)) {
      warn("the value of " + key + " is on the command line, where other users of this machine can see it (ps) and "
           "the shell keeps it in its history: next time use " + key + "=-, " + key + "=@env:VAR or " + key +
           "=@file:PATH");
    }
    values[key] = std::move(value);
  }
  return values;
}

int setCommand(const CredentialOptions& options) {
  if (options.name.empty()) return fail("credential set", {kExitUsage, "the credential name is empty"});
  auto store = findStore(options);
  if (auto* failure = std::get_if<Failure>(&store)) return fail("credential set", *failure);
  if (auto failure = checkName(options)) return fail("credential set", *failure);
  auto pairs = readPairs(options);
  if (auto* failure = std::get_if<Failure>(&pairs)) return fail("credential set", *failure);
  const auto& values = std::get<std::map<std::string, std::string>>(pairs);

  auto opened = CredentialStore::open(std::get<fs::path>(store), CredentialStore::Mode::CreateIfMissing);
  if (auto* error = std::get_if<std::string>(&opened)) return fail("credential set", {kExitRuntimeError, *error});
  auto& db = std::get<std::unique_ptr<CredentialStore>>(opened);
  for (const std::string& warning : db->warnings()) warn(warning);
  if (auto error = db->set(options.name, options.principal, values))
    return fail("credential set", {kExitRuntimeError, *error});

  std::vector<std::string> set, removed;
  for (const auto& [key, value] : values) (value.empty() ? removed : set).push_back(key);
  if (!set.empty()) std::cout << "Set " << text::join(set, ", ") << " for " << forWhom(options) << "\n";
  if (!removed.empty()) std::cout << "Removed " << text::join(removed, ", ") << " for " << forWhom(options) << "\n";
  std::cout.flush();
  if (auto warning = db->gitWarning()) warn(*warning);
  return kExitOk;
}

std::string isoTime(long long seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm)) return std::to_string(seconds);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

void printTable(const std::vector<runtime::StoreEntry>& entries) {
  std::vector<std::vector<std::string>> rows = {{"NAME", "PRINCIPAL", "KEYS", "TOKEN EXPIRES"}};
  const long long now = static_cast<long long>(std::time(nullptr));
  for (const auto& entry : entries) {
    std::string expires = "-";
    if (entry.expiresAt) expires = isoTime(*entry.expiresAt) + (*entry.expiresAt <= now ? " (expired)" : "");
    rows.push_back({entry.owner, entry.principal.empty() ? "-" : entry.principal, text::join(entry.keys, ", "), expires});
  }
  std::vector<size_t> widths(4, 0);
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    std::cout << line << "\n";
  }
}

void printJson(const std::vector<runtime::StoreEntry>& entries) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& entry : entries) {
    nlohmann::ordered_json j;
    j["name"] = entry.owner;
    j["principal"] = entry.principal;
    j["keys"] = entry.keys;
    j["expiresAt"] = entry.expiresAt ? nlohmann::ordered_json(*entry.expiresAt) : nlohmann::ordered_json();
    out.push_back(std::move(j));
  }
  std::cout << out.dump(2) << "\n";
}

int listCommand(const CredentialOptions& options) {
  auto store = findStore(options);
  if (auto* failure = std::get_if<Failure>(&store)) return fail("credential list", *failure);
  const fs::path& path = std::get<fs::path>(store);
  std::vector<runtime::StoreEntry> entries;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    auto opened = CredentialStore::open(path, CredentialStore::Mode::ReadOnly);
    if (auto* error = std::get_if<std::string>(&opened)) return fail("credential list", {kExitRuntimeError, *error});
    for (const std::string& warning : std::get<std::unique_ptr<CredentialStore>>(opened)->warnings()) warn(warning);
    try {
      entries = std::get<std::unique_ptr<CredentialStore>>(opened)->list();
    } catch (const runtime::CredentialStoreError& e) {
      return fail("credential list", {kExitRuntimeError, e.what()});
    }
  }
  if (options.json) printJson(entries);
  else if (entries.empty()) std::cout << "No credentials in " << path.string() << "\n";
  else printTable(entries);
  return kExitOk;
}

int deleteCommand(const CredentialOptions& options, bool principalGiven) {
  if (options.name.empty()) return fail("credential delete", {kExitUsage, "the credential name is empty"});
  auto store = findStore(options);
  if (auto* failure = std::get_if<Failure>(&store)) return fail("credential delete", *failure);
  const fs::path& path = std::get<fs::path>(store);
  Failure nothing{kExitRuntimeError, "no credentials stored for " + forWhom(options) + " in " + path.string()};
  std::error_code ec;
  if (!fs::exists(path, ec)) return fail("credential delete", nothing);
  auto opened = CredentialStore::open(path, CredentialStore::Mode::CreateIfMissing);
  if (auto* error = std::get_if<std::string>(&opened)) return fail("credential delete", {kExitRuntimeError, *error});
  auto& db = std::get<std::unique_ptr<CredentialStore>>(opened);
  for (const std::string& warning : db->warnings()) warn(warning);
  std::vector<std::string> keys;
  try {
    for (const auto& entry : db->list()) {
      bool sameName = text::equalsIgnoreAsciiCase(entry.owner, options.name);  // as the store compares owners
      if (sameName && (!principalGiven || entry.principal == options.principal))
        keys.insert(keys.end(), entry.keys.begin(), entry.keys.end());
    }
  } catch (const runtime::CredentialStoreError& e) {
    return fail("credential delete", {kExitRuntimeError, e.what()});
  }
  if (keys.empty()) return fail("credential delete", nothing);
  if (auto error = db->remove(options.name, principalGiven ? &options.principal : nullptr))
    return fail("credential delete", {kExitRuntimeError, *error});
  std::cout << "Deleted " << text::join(keys, ", ") << " for " << forWhom(options) << "\n";
  return kExitOk;
}

void addLocationOptions(CLI::App& command, CredentialOptions& options) {
  command.add_option("--project", options.project,
                     "Project folder, SFDX or Metadata API (default: the nearest one above); the store is its "
                     ".apexrun/credentials.db");
  command.add_option("--store", options.store,
                     "Credential store file (default: APEXRUN_STORE, else <project>/.apexrun/credentials.db)");
}

}  // namespace

CommandRunner addCredentialCommand(CLI::App& app) {
  auto options = std::make_shared<CredentialOptions>();
  CLI::App* credential = app.add_subcommand(
      "credential",
      "Manage the local credential store: the passwords, tokens and keys behind Named Credentials, encrypted with "
      "the key in APEXRUN_STORE_KEY or ~/.config/apexrun/store.key");
  credential->require_subcommand(1);

  CLI::App* set = credential->add_subcommand(
      "set",
      "Store secrets for a credential, all in one transaction. A value of - reads standard input; @env:VAR reads "
      "the environment variable VAR; @file:PATH reads the file PATH (all three keep the secret out of shell history "
      "and ps); an empty value removes the key");
  set->add_option("name", options->name, "Named Credential, External Credential or Auth Provider name")->required();
  set->add_option("pairs", options->pairs, "key=value, key=-, key=@env:VAR or key=@file:PATH")->required();
  set->add_option("--principal", options->principal, "Principal or user name (default: the named principal)");
  addLocationOptions(*set, *options);

  CLI::App* list = credential->add_subcommand("list", "List the stored credentials and their keys (never the values)");
  list->add_flag("--json", options->json, "Print a JSON array: name, principal, keys, expiresAt");
  addLocationOptions(*list, *options);

  CLI::App* del = credential->add_subcommand("delete", "Delete a credential's stored secrets");
  del->add_option("name", options->name, "Named Credential, External Credential or Auth Provider name")->required();
  CLI::Option* principal =
      del->add_option("--principal", options->principal, "Delete only this principal's secrets (default: all)");
  addLocationOptions(*del, *options);

  return [options, set, list, principal] {
    if (set->parsed()) return setCommand(*options);
    if (list->parsed()) return listCommand(*options);
    return deleteCommand(*options, principal->count() > 0);
  };
}

}  // namespace apex::cli
