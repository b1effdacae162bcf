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
  int rounds = 1;
};

size_t countLines(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines + (!text.empty() && text.back() != '\n');
}

struct Source {
  std::string path;
  std::string text;
};

// Parses every source once; errors are reported on the first round only.
bool parseRound(const std::vector<Source>& sources, bool report) {
  bool allParsed = true;
  for (const Source& s : sources) {
    syntax::ParseResult result = syntax::parse(s.text, syntax::kindForPath(s.path), s.path);
    for (const syntax::SyntaxError& e : result.errors) {
      if (report) std::cerr << s.path << ":" << e.line << ":" << e.column << ": error: " << e.message << "\n";
      allParsed = false;
    }
  }
  return allParsed;
}

int parseCommand(const ParseOptions& options) {
  std::vector<Source> sources;
  size_t lines = 0;
  bool allRead = true;
  for (const std::string& path : options.files) {
    Source s{path, {}};
    std::string error;
    if (!readSource(path, &s.text, &error)) {
      fail("parse", kExitNoInput, error);
      allRead = false;
      continue;
    }
    lines += countLines(s.text);
    sources.push_back(std::move(s));
  }
  // Earlier rounds warm the parser's prediction cache; the last is timed.
  bool allParsed = true;
  auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < options.rounds; ++round) {
    start = std::chrono::steady_clock::now();
    allParsed = parseRound(sources, round == 0) && allParsed;
  }
  size_t files = sources.size();
  if (options.stats) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("files: %zu\nlines: %zu\nseconds: %.3f\nlines per second: %.0f\n", files, lines, seconds,
                seconds > 0 ? double(lines) / seconds : 0.0);
  }
  if (!allRead) return kExitNoInput;
  return allParsed ? kExitOk : kExitCompileError;
}

}  // namespace

CommandRunner addParseCommand(CLI::App& app) {
  auto options = std::make_shared<ParseOptions>();
  CLI::App* parse = app.add_subcommand("parse", "Parse Apex classes (.cls), triggers (.trigger) and anonymous blocks (.apex)");
  parse->add_option("files", options->files, "Files to parse")->required();
  parse->add_flag("--stats", options->stats, "Print files, lines, seconds and lines per second");
  parse->add_option("--rounds", options->rounds, "Parse everything N times and time the last round (warm)")
      ->check(CLI::Range(1, 1000));
  return [options] { return parseCommand(*options); };
}

}  // namespace apex::cli
