// What every command reads and prints the same way: its source files, its
// failures and its warnings.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli/commands.h"

namespace apex::cli {

int fail(std::string_view command, int exitCode, const std::string& message) {
  std::cerr << "apexrun " << command << ": " << message << "\n";
  return exitCode;
}

void warn(const std::string& message) { std::cerr << "apexrun: warning: " << message << "\n"; }

bool readSource(const std::string& path, std::string* text, std::string* error) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    *text = buffer.str();
    return true;
  }
  auto cannotRead = [&](int code) {
    *error = "cannot read " + path + ": " + std::strerror(code);
    return false;
  };
  // A folder opens as a file on Linux; reading it then throws.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return cannotRead(EISDIR);
  std::ifstream in(path, std::ios::binary);
  if (!in) return cannotRead(errno);
  try {
    text->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const std::ios_base::failure&) {
    return cannotRead(errno ? errno : EIO);
  }
  return true;
}

}  // namespace apex::cli
