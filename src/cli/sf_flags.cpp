#include "cli/sf_flags.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include "runtime/project/project.h"

namespace apex::cli {

void addSfOrgFlags(CLI::App& command, SfOrgFlags& flags) {
  command.add_option("-o,--target-org,-u,--targetusername", flags.targetOrg,
                     "Accepted for sf compatibility: the org is always the local project");
  command.add_option("--api-version,--apiversion", flags.apiVersion,
                     "API version of the run, as sf's (NN.0): the debug log header shows it");
  command.add_option("--loglevel", flags.logLevel, "Accepted for sf compatibility and ignored, as sf ignores it");
  command.add_option("--flags-dir", flags.flagsDir,
                     "Read flag values from the files of this folder, as sf does (file name = flag name)");
}

std::optional<Failure> applySfOrgFlags(const SfOrgFlags& flags, const std::string& projectRoot) {
  // sf-plugins-core orgApiVersionFlag: `NN.0`, and not a retired version.
  if (!flags.apiVersion.empty()) {
    if (!std::regex_match(flags.apiVersion, std::regex("[1-9][0-9]\\.0")))
      return Failure{kExitUsage, flags.apiVersion + " is not a valid API version. It should end in '.0' like '54.0'."};
    if (std::stoi(flags.apiVersion) < 21) return Failure{kExitUsage, "The API version must be greater than 21."};
  }
  if (!flags.targetOrg.empty()) {
    std::string local = projectRoot.empty() ? "outside any SFDX project" : "against the local project (" + projectRoot + ")";
    warn("--target-org " + flags.targetOrg + ": apexrun runs " + local + ", not in an org");
  }
  if (!flags.logLevel.empty())
    warn("The loglevel flag is no longer in use on this command. You may use it without error, but it will be ignored.");
  return std::nullopt;
}

namespace {

// The values of one --flags-dir file: its lines without comments, or a
// `.json` file's JSON on one line.
std::variant<std::vector<std::string>, Failure> flagValues(const std::filesystem::path& file) {
  auto text = runtime::readFile(file);
  if (!text) return Failure{kExitNoInput, "--flags-dir: cannot read " + file.string()};
  if (file.extension() == ".json") {
    auto parsed = nlohmann::json::parse(*text, nullptr, false);
    if (parsed.is_discarded()) return Failure{kExitUsage, "--flags-dir: " + file.string() + " is not valid JSON"};
    return std::vector<std::string>{parsed.dump()};
  }
  std::vector<std::string> values;
  size_t start = text->find_first_not_of(" \t\r\n");
  size_t end = text->find_last_not_of(" \t\r\n");
  if (start == std::string::npos) return std::vector<std::string>{""};
  std::string body = text->substr(start, end - start + 1);
  size_t from = 0;
  while (from <= body.size()) {
    size_t newline = body.find('\n', from);
    std::string line = body.substr(from, newline == std::string::npos ? std::string::npos : newline - from);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    bool comment = first != std::string::npos && (line.compare(first, 1, "#") == 0 || line.compare(first, 2, "//") == 0);
    if (!comment) values.push_back(line);
    if (newline == std::string::npos) break;
    from = newline + 1;
  }
  return values;
}

bool givenOnCommandLine(const CLI::Option& option, const std::vector<std::string>& args) {
  return std::any_of(args.begin(), args.end(), [&](const std::string& arg) {
    std::string name = arg.substr(0, arg.find('='));
    return (name.rfind("--", 0) == 0 || name.size() == 2) && name.size() > 1 && name[0] == '-' && option.check_name(name);
  });
}

// The folder of `--flags-dir DIR` or `--flags-dir=DIR` in `args`, if any.
std::optional<std::string> flagsDirOf(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--flags-dir" && i + 1 < args.size()) return args[i + 1];
    if (args[i].rfind("--flags-dir=", 0) == 0) return args[i].substr(12);
  }
  return std::nullopt;
}

}  // namespace

std::variant<std::vector<std::string>, Failure> expandFlagsDir(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::optional<std::string> dir = flagsDirOf(args);
  const CLI::App* command = nullptr;
  if (!args.empty()) {
    auto named = app.get_subcommands([&](const CLI::App* sub) { return sub->check_name(args.front()); });
    if (!named.empty()) command = named.front();
  }
  if (dir && command && command->get_option_no_throw("--flags-dir")) {
    std::error_code ec;
    if (!std::filesystem::is_directory(*dir, ec)) return Failure{kExitNoInput, "--flags-dir " + *dir + ": not a folder"};
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(*dir, ec))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> added;
    for (const auto& file : files) {
      std::string name = file.stem().string();
      std::string flag = (name.size() == 1 ? "-" : "--") + name;
      const CLI::Option* option = command->get_option_no_throw(flag);
      if (option && option->get_items_expected_max() <= 1 && givenOnCommandLine(*option, args)) continue;
      auto values = flagValues(file);
      if (auto* failure = std::get_if<Failure>(&values)) return *failure;
      for (const std::string& value : std::get<std::vector<std::string>>(values)) {
        added.push_back(flag);
        if (!value.empty()) added.push_back(value);
      }
    }
    args.insert(args.end(), added.begin(), added.end());
  }
  std::reverse(args.begin(), args.end());
  return args;
}

}  // namespace apex::cli
