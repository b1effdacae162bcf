// `apexrun test --shard K/N` and `--merge-results DIR`: a large suite split
// over CI runners, each running a deterministic share of the test classes,
// and the shards' result files read back as one run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "runtime/testing/test_reports.h"

namespace apex::runtime {

struct Shard {
  int index = 1;  // K, from 1
  int count = 1;  // N
};

// `K/N` with 1 <= K <= N; nullopt for anything else.
std::optional<Shard> parseShard(std::string_view text);

// How long a previous run spent in each test class (by folded name).
struct ClassTiming {
  int64_t millis = 0;
  size_t tests = 0;
};
using ClassTimings = std::map<std::string, ClassTiming>;

// The class timings of a previous run's results: `apexrun test --json`
// (or sf's) output, an --output-dir `test-result-<id>.json`, or a JUnit
// report (`-r junit`, `test-result-<id>-junit.xml`).
std::variant<ClassTimings, std::string> readClassTimings(const std::filesystem::path& file);

// A test class to share out: its name and how many test methods it has.
struct ShardItem {
  std::string name;
  size_t tests = 0;
};

// The positions in `classes` that `shard` runs, in their order. Every
// class is in exactly one shard; the split depends only on the classes and
// the timings. Each class weighs its previous run time, or when it has
// none the average time of a test method in `timings` (1 without timings)
// times its methods; the heaviest go first, each to the lightest shard.
std::vector<size_t> shardClasses(const std::vector<ShardItem>& classes, const ClassTimings& timings, Shard shard);

// The result files of several runs (every `test-result-<707 id>.json`
// under `dir`, sub-folders included) read back as one run: the tests of
// all, ordered by class name (as one run orders them), the coverage of
// each class merged (a line is covered when a shard covered it; lcov paths
// from the lcov.info files there). A test found in two files is an error.
std::variant<TestRun, std::string> mergeResultFiles(const std::filesystem::path& dir);

}  // namespace apex::runtime
