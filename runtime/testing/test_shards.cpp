#include "runtime/testing/test_shards.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <numeric>
#include <pugixml.hpp>
#include <set>

#include "base/text.h"
#include "runtime/project/project.h"

namespace apex::runtime {

std::optional<Shard> parseShard(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Shard shard;
  auto number = [](std::string_view digits, int& out) {
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return error == std::errc() && end == digits.data() + digits.size() && !digits.empty();
  };
  if (!number(text.substr(0, slash), shard.index) || !number(text.substr(slash + 1), shard.count)) return std::nullopt;
  if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) return std::nullopt;
  return shard;
}

namespace {

// The `result` of a --json output, or an --output-dir result file itself.
const nlohmann::json& resultOf(const nlohmann::json& doc) {
  return doc.contains("result") && doc["result"].is_object() ? doc["result"] : doc;
}

std::optional<nlohmann::json> readJson(const std::filesystem::path& file, std::string& problem) {
  auto text = readFile(file);
  if (!text) {
    problem = "cannot read " + file.string();
    return std::nullopt;
  }
  auto doc = nlohmann::json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    problem = file.string() + ": not a JSON test result";
    return std::nullopt;
  }
  return doc;
}

bool isTestsArray(const nlohmann::json& result) {
  return result.contains("tests") && result["tests"].is_array();
}

std::string stringField(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t intField(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<int64_t>() : 0;
}

std::string testClassName(const nlohmann::json& test) {
  auto cls = test.find("ApexClass");
  return cls != test.end() && cls->is_object() ? stringField(*cls, "Name") : std::string();
}

std::variant<ClassTimings, std::string> junitTimings(const std::filesystem::path& file) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_file(file.c_str());
  if (!parsed) return file.string() + ": not well-formed XML (" + parsed.description() + ")";
  ClassTimings timings;
  for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
    pugi::xml_node test = node.node();
    std::string cls = test.attribute("classname").value();
    if (cls.empty()) continue;
    ClassTiming& timing = timings[text::foldCase(cls)];
    timing.millis += int64_t(test.attribute("time").as_double() * 1000.0 + 0.5);
    timing.tests += 1;
  }
  if (timings.empty()) return file.string() + ": no <testcase> elements";
  return timings;
}

}  // namespace

std::variant<ClassTimings, std::string> readClassTimings(const std::filesystem::path& file) {
  if (file.extension() == ".xml") return junitTimings(file);
  std::string problem;
  auto doc = readJson(file, problem);
  if (!doc) return problem;
  const nlohmann::json& result = resultOf(*doc);
  if (!isTestsArray(result)) return file.string() + ": not a test result (no \"tests\" array)";
  ClassTimings timings;
  for (const nlohmann::json& test : result["tests"]) {
    std::string cls = testClassName(test);
    if (cls.empty()) continue;
    ClassTiming& timing = timings[text::foldCase(cls)];
    timing.millis += intField(test, "RunTime");
    timing.tests += 1;
  }
  return timings;
}

std::vector<size_t> shardClasses(const std::vector<ShardItem>& classes, const ClassTimings& timings, Shard shard) {
  int64_t knownMillis = 0;
  size_t knownTests = 0;
  for (const auto& [name, timing] : timings) {
    knownMillis += timing.millis;
    knownTests += timing.tests;
  }
  // Milliseconds, scaled by the number of tests so that the average of a
  // test keeps its fraction.
  auto weight = [&](const ShardItem& item) -> int64_t {
    auto it = timings.find(text::foldCase(item.name));
    if (it != timings.end()) return std::max<int64_t>(it->second.millis, 1) * int64_t(std::max<size_t>(knownTests, 1));
    if (knownTests == 0) return int64_t(item.tests);
    return std::max<int64_t>(knownMillis, 1) * int64_t(item.tests);
  };
  std::vector<size_t> order(classes.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<int64_t> weights;
  for (const ShardItem& item : classes) weights.push_back(weight(item));
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (weights[a] != weights[b]) return weights[a] > weights[b];
    return text::foldCase(classes[a].name) < text::foldCase(classes[b].name);
  });
  std::vector<int64_t> load(size_t(shard.count), 0);
  std::vector<size_t> mine;
  for (size_t i : order) {
    size_t lightest = size_t(std::min_element(load.begin(), load.end()) - load.begin());
    load[lightest] += weights[i];
    if (lightest == size_t(shard.index - 1)) mine.push_back(i);
  }
  std::sort(mine.begin(), mine.end());
  return mine;
}

// ------------------------------------------------------------ merging

namespace {

// `2026-01-31T12:00:00.000Z`, as the reports write it.
std::chrono::system_clock::time_point parseIsoTime(const std::string& text) {
  std::tm utc{};
  int millis = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &utc.tm_year, &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
                  &utc.tm_min, &utc.tm_sec, &millis) < 6)
    return {};
  utc.tm_year -= 1900;
  utc.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&utc)) + std::chrono::milliseconds(millis);
}

// `123 ms` -> 123.
int64_t millisField(const nlohmann::json& summary, const char* key) {
  std::string text = stringField(summary, key);
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

TestResult testFrom(const nlohmann::json& test) {
  TestResult result;
  result.className = testClassName(test);
  result.methodName = stringField(test, "MethodName");
  result.outcome = stringField(test, "Outcome") == "Pass" ? TestOutcome::Pass : TestOutcome::Fail;
  result.message = stringField(test, "Message");
  result.stackTrace = stringField(test, "StackTrace");
  result.runTime = std::chrono::milliseconds(intField(test, "RunTime"));
  return result;
}

// lcov.info `SF:` paths by class name (the file's stem).
std::map<std::string, std::filesystem::path> lcovFiles(const std::vector<std::filesystem::path>& tracefiles) {
  std::map<std::string, std::filesystem::path> out;
  for (const auto& file : tracefiles) {
    std::string text = readFile(file).value_or("");
    size_t at = 0;
    while ((at = text.find("SF:", at)) != std::string::npos) {
      size_t end = text.find('\n', at);
      std::filesystem::path source = text.substr(at + 3, end == std::string::npos ? std::string::npos : end - at - 3);
      out.emplace(text::foldCase(source.stem().string()), source);
      at = end == std::string::npos ? text.size() : end;
    }
  }
  return out;
}

struct MergedClass {
  std::string name;
  std::map<int, uint32_t> hits;
};

void mergeCoverage(const nlohmann::json& result, std::map<std::string, MergedClass>& classes) {
  auto coverage = result.find("coverage");
  if (coverage == result.end() || !coverage->is_object() || !(*coverage)["coverage"].is_array()) return;
  for (const nlohmann::json& cls : (*coverage)["coverage"]) {
    std::string name = stringField(cls, "name");
    MergedClass& merged = classes[text::foldCase(name)];
    merged.name = name;
    if (!cls.contains("lines") || !cls["lines"].is_object()) continue;
    for (const auto& [line, covered] : cls["lines"].items()) {
      merged.hits[std::atoi(line.c_str())] += covered.is_number() ? covered.get<uint32_t>() : 0;
    }
  }
}

std::vector<ClassCoverage> coverageOf(const std::map<std::string, MergedClass>& classes,
                                      const std::map<std::string, std::filesystem::path>& files) {
  std::vector<ClassCoverage> out;
  for (const auto& [key, merged] : classes) {
    ClassCoverage coverage;
    coverage.name = merged.name;
    if (auto file = files.find(key); file != files.end()) coverage.file = file->second;
    for (const auto& [line, count] : merged.hits) {
      (count ? coverage.coveredLines : coverage.uncoveredLines).push_back(line);
      coverage.hitsByLine.emplace_back(line, count);
    }
    out.push_back(std::move(coverage));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

bool isResultFile(const std::filesystem::path& file) {
  std::string name = file.filename().string();
  return name.rfind("test-result-707", 0) == 0 && file.extension() == ".json";
}

}  // namespace

std::variant<TestRun, std::string> mergeResultFiles(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return dir.string() + ": not a folder";
  std::vector<std::filesystem::path> results, tracefiles;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    if (isResultFile(it->path())) results.push_back(it->path());
    if (it->path().filename() == "lcov.info") tracefiles.push_back(it->path());
  }
  if (ec) return "cannot list " + dir.string() + ": " + ec.message();
  if (results.empty()) return "no test result files (test-result-<id>.json) in " + dir.string();
  std::sort(results.begin(), results.end());
  std::sort(tracefiles.begin(), tracefiles.end());

  TestRun run;
  std::map<std::string, std::filesystem::path> seen;  // test full name -> its file
  std::map<std::string, MergedClass> coverage;
  bool anyCoverage = false;
  run.startTime = std::chrono::system_clock::time_point::max();
  for (const auto& file : results) {
    std::string problem;
    auto doc = readJson(file, problem);
    if (!doc) return problem;
    const nlohmann::json& result = resultOf(*doc);
    if (!isTestsArray(result) || !result.contains("summary")) return file.string() + ": not a test result";
    for (const nlohmann::json& test : result["tests"]) {
      TestResult t = testFrom(test);
      auto [where, added] = seen.emplace(text::foldCase(t.fullName()), file);
      if (!added)
        return t.fullName() + " is in both " + where->second.string() + " and " + file.string() +
               ": the shards overlap, or the folder holds an older run";
      run.tests.push_back(std::move(t));
    }
    const nlohmann::json& summary = result["summary"];
    run.startTime = std::min(run.startTime, parseIsoTime(stringField(summary, "testStartTime")));
    run.totalMillis = std::max(run.totalMillis, millisField(summary, "testTotalTime"));
    run.commandMillis = std::max(run.commandMillis, millisField(summary, "commandTime"));
    if (run.hostname.empty()) {
      run.hostname = stringField(summary, "hostname");
      run.orgId = stringField(summary, "orgId");
      run.username = stringField(summary, "username");
      run.userId = stringField(summary, "userId");
    }
    anyCoverage = anyCoverage || result.contains("coverage");
    mergeCoverage(result, coverage);
  }
  std::stable_sort(run.tests.begin(), run.tests.end(), [](const TestResult& a, const TestResult& b) {
    return text::foldCase(a.className) < text::foldCase(b.className);
  });
  for (const TestResult& t : run.tests) run.executionMillis += t.runTimeMillis();
  if (anyCoverage) run.coverage = coverageOf(coverage, lcovFiles(tracefiles));
  run.testRunId = testRunId(std::chrono::system_clock::now());
  return run;
}

}  // namespace apex::runtime
