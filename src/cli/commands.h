// The apexrun subcommands. Each registers its options on the CLI11 app and
// returns the process exit code when run.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace apex::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeError = 1;
inline constexpr int kExitCompileError = 2;
inline constexpr int kExitTestsFailed = 100;  // `sf apex run test`: a test failed
inline constexpr int kExitUsage = 64;   // sysexits.h EX_USAGE
inline constexpr int kExitNoInput = 66; // sysexits.h EX_NOINPUT

using CommandRunner = std::function<int()>;

CommandRunner addRunCommand(CLI::App& app);
CommandRunner addParseCommand(CLI::App& app);
CommandRunner addCredentialCommand(CLI::App& app);
CommandRunner addAuthCommand(CLI::App& app);
CommandRunner addTestCommand(CLI::App& app);
CommandRunner addServeCommand(CLI::App& app);
CommandRunner addDataCommand(CLI::App& app);

// Why a command cannot go on, and the exit code that says so.
struct Failure {
  int exitCode;
  std::string message;
};

// Prints `apexrun COMMAND: message` on stderr and returns `exitCode`.
int fail(std::string_view command, int exitCode, const std::string& message);
inline int fail(std::string_view command, const Failure& failure) {
  return fail(command, failure.exitCode, failure.message);
}
// Prints `apexrun: warning: message` on stderr.
void warn(const std::string& message);

// Reads a file, or standard input for `-`; false with `error` set on failure.
bool readSource(const std::string& path, std::string* text, std::string* error);

}  // namespace apex::cli
