// `apexrun parse`: checks that Apex sources parse, for editors and CI.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "syntax/parser.h"

namespace apex::cli {

namespace {

struct ParseOptions {
  std::vector<std::string> files;
  bool stats = false;
};

size_t countLines(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines + (!text.empty() && text.back() != '\n');
}

int parseCommand(const ParseOptions& options) {
  size_t files = 0, lines = 0;
  bool allParsed = true;
  auto start = std::chrono::steady_clock::now();
  for (const std::string& path : options.files) {
    std::string source, error;
    if (!readSource(path, &source, &error)) {
      std::cerr << "apexrun parse: " << error << "\n";
      allParsed = false;
      continue;
    }
    ++files;
    lines += countLines(source);
    syntax::ParseResult result = syntax::parse(source, syntax::kindForPath(path), path);
    for (const syntax::SyntaxError& e : result.errors) {
      std::cerr << path << ":" << e.line << ":" << e.column << ": error: " << e.message << "\n";
      allParsed = false;
    }
  }
  if (options.stats) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("files: %zu\nlines: %zu\nseconds: %.3f\nlines per second: %.0f\n", files, lines, seconds,
                seconds > 0 ? double(lines) / seconds : 0.0);
  }
  return allParsed ? kExitOk : kExitCompileError;
}

}  // namespace

CommandRunner addParseCommand(CLI::App& app) {
  auto options = std::make_shared<ParseOptions>();
  CLI::App* parse = app.add_subcommand("parse", "Parse Apex classes (.cls), triggers (.trigger) and anonymous blocks (.apex)");
  parse->add_option("files", options->files, "Files to parse")->required()->check(CLI::ExistingFile);
  parse->add_flag("--stats", options->stats, "Print files, lines, seconds and lines per second");
  return [options] { return parseCommand(*options); };
}

}  // namespace apex::cli
