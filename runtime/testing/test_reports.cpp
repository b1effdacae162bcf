#include "runtime/testing/test_reports.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>

#include "base/text.h"

namespace apex::runtime {
namespace {

// ------------------------------------------------------------ shared parts

std::string coveredId(const ClassCoverage& c) { return c.isTrigger ? apexTriggerId(c.name) : apexClassId(c.name); }

std::string isoTime(std::chrono::system_clock::time_point t) {
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  std::time_t seconds = std::time_t(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, int(millis % 1000));
  return text;
}

// Milliseconds as seconds with two decimals, as the JUnit reporter writes them.
std::string seconds(int64_t millis) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", double(millis) / 1000.0);
  return text;
}

std::string outcomeText(const TestRun& run) { return run.passed() ? "Passed" : "Failed"; }
std::string outcomeText(const TestResult& t) { return t.outcome == TestOutcome::Pass ? "Pass" : "Fail"; }

// ------------------------------------------------------------ human tables

struct Cell {
  std::string text;
  const char* colour = nullptr;  // an ANSI SGR sequence, used only with colour on
};
using Row = std::vector<Cell>;

constexpr const char* kGreen = "\x1b[1;32m";
constexpr const char* kRed = "\x1b[1;31m";

// A table as the CLI prints one: `=== Title`, upper-case column labels, a
// rule under each, then the rows; a cell may span several lines.
std::string table(const std::string& title, const std::vector<std::string>& labels, const std::vector<Row>& rows,
                  bool colour) {
  std::vector<size_t> widths;
  for (const std::string& label : labels) widths.push_back(text::codePointCount(label));
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      for (const std::string& line : text::split(row[i].text, '\n'))
        widths[i] = std::max(widths[i], text::codePointCount(line));
    }
  }
  auto padded = [&](const std::string& text, size_t column, const char* paint) {
    bool last = column + 1 == widths.size();
    std::string cell = text + (last ? "" : std::string(widths[column] - text::codePointCount(text), ' '));
    if (colour && paint && !text.empty()) cell = paint + text + "\x1b[0m" + cell.substr(text.size());
    return cell;
  };
  std::string out = "=== " + title + "\n";
  std::vector<std::string> header, rule;
  for (size_t i = 0; i < labels.size(); ++i) {
    std::string upper;
    for (char c : labels[i]) upper += char(std::toupper(static_cast<unsigned char>(c)));
    header.push_back(padded(upper, i, nullptr));
    std::string dashes;
    for (size_t k = 0; k < widths[i]; ++k) dashes += "─";
    rule.push_back(dashes);
  }
  auto joinLine = [](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) line += (i ? "  " : "") + cells[i];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  out += joinLine(header) + joinLine(rule);
  for (const Row& row : rows) {
    std::vector<std::vector<std::string>> cellLines;
    size_t height = 1;
    for (const Cell& cell : row) {
      cellLines.push_back(text::split(cell.text, '\n'));
      height = std::max(height, cellLines.back().size());
    }
    for (size_t k = 0; k < height; ++k) {
      std::vector<std::string> cells;
      for (size_t i = 0; i < row.size(); ++i) {
        std::string text = k < cellLines[i].size() ? cellLines[i][k] : "";
        cells.push_back(padded(text, i, row[i].colour));
      }
      out += joinLine(cells);
    }
  }
  return out;
}

std::string formatUncovered(const std::vector<int>& uncovered) {
  std::string out;
  for (size_t i = 0; i < uncovered.size() && i < 5; ++i) out += (i ? "," : "") + std::to_string(uncovered[i]);
  if (uncovered.size() > 5) out += "...";
  return out;
}

// The classes and triggers that do not compile, as `sf project deploy start` lists the
// components a deploy could not save.
std::string compileErrorTable(const std::vector<sema::CompileError>& errors, bool colour) {
  std::vector<Row> rows;
  for (const sema::CompileError& e : errors)
    rows.push_back({{e.isTrigger ? "ApexTrigger" : "ApexClass"}, {e.className}, {e.classMessage, kRed},
                    {std::to_string(e.classLine) + ":" + std::to_string(e.classColumn)}});
  return table("Component Failures [" + std::to_string(errors.size()) + "]", {"Type", "Name", "Problem", "Line:Column"},
               rows, colour);
}

// `Class Broken, line 4, column 20: Variable does not exist: x`
std::string compileErrorLine(const sema::CompileError& e) {
  return std::string(e.isTrigger ? "Trigger " : "Class ") + e.className + ", line " + std::to_string(e.classLine) + ", column " + std::to_string(e.classColumn) +
         ": " + e.classMessage;
}

}  // namespace

std::string apexClassId(const std::string& name) { return recordId("01p", std::hash<std::string>{}(name)); }
std::string apexTriggerId(const std::string& name) { return recordId("01q", std::hash<std::string>{}(name)); }

int TestRun::passing() const {
  return int(std::count_if(tests.begin(), tests.end(), [](const TestResult& t) { return t.outcome == TestOutcome::Pass; }));
}
int TestRun::failing() const { return int(tests.size()) - passing(); }

std::string recordId(std::string_view prefix, uint64_t number) {
  std::string digits = std::to_string(number % 1000000000000ULL);
  return std::string(prefix) + std::string(12 - digits.size(), '0') + digits + "AAA";
}

std::string testRunId(std::chrono::system_clock::time_point start) {
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(start.time_since_epoch()).count();
  return recordId("707", uint64_t(millis));
}

std::string percentOf(int part, int whole) { return std::to_string(roundedPercent(size_t(part), size_t(whole))) + "%"; }

namespace {

// --detailed-coverage: a row per test and class it reached (a row with no
// class for a test that reached none), with the failure message.
std::string detailedCoverageTable(const TestRun& run, bool colour, bool concise) {
  std::vector<Row> rows;
  for (const TestResult& t : run.tests) {
    if (concise && t.outcome == TestOutcome::Pass) continue;
    const char* paint = t.outcome == TestOutcome::Pass ? kGreen : kRed;
    std::string message = t.stackTrace.empty() ? t.message : t.message + "\n" + t.stackTrace;
    auto row = [&](const std::string& cls, const std::string& percent) {
      rows.push_back({{t.fullName()}, {cls}, {outcomeText(t), paint}, {percent}, {message},
                      {std::to_string(t.runTimeMillis())}});
    };
    for (const ClassCoverage& c : t.coverage) row(c.name, percentOf(int(c.coveredLines.size()), c.totalLines()));
    if (t.coverage.empty()) row("", "");
  }
  if (rows.empty()) return "";
  return table("Apex Code Coverage for Test Run " + run.testRunId,
               {"Test Name", "Class Being Tested", "Outcome", "Percent", "Message", "Runtime (ms)"}, rows, colour) +
         "\n";
}

}  // namespace

std::string humanReport(const TestRun& run, bool colour, bool concise, bool detailed) {
  std::vector<Row> results;
  for (const TestResult& t : run.tests) {
    if (concise && t.outcome == TestOutcome::Pass) continue;
    const char* paint = t.outcome == TestOutcome::Pass ? kGreen : kRed;
    results.push_back({{t.fullName()}, {outcomeText(t), paint}, {std::to_string(t.runTimeMillis())}});
  }
  std::string out;
  if (detailed && run.coverage) out = detailedCoverageTable(run, colour, concise);
  else if (!results.empty()) out = table("Test Results", {"Test Name", "Outcome", "Runtime (ms)"}, results, colour) + "\n";

  if (run.coverage) {
    std::vector<Row> rows;
    for (const ClassCoverage& c : *run.coverage)
      rows.push_back({{c.name}, {std::to_string(c.percent()) + "%", c.percent() >= 75 ? kGreen : kRed},
                      {formatUncovered(c.uncoveredLines)}});
    out += table("Apex Code Coverage", {"Classes", "Percent", "Uncovered Lines"}, rows, colour) + "\n";
  }

  int ran = int(run.tests.size());
  std::vector<Row> summary = {
      {{"Outcome"}, {outcomeText(run), run.passed() ? kGreen : kRed}},
      {{"Tests Ran"}, {std::to_string(ran)}},
      {{"Pass Rate"}, {percentOf(run.passing(), ran)}},
      {{"Fail Rate"}, {percentOf(run.failing(), ran)}},
      {{"Skip Rate"}, {percentOf(0, ran)}},
      {{"Test Run Id"}, {run.testRunId}},
      {{"Test Start Time"}, {isoTime(run.startTime)}},
      {{"Test Execution Time"}, {std::to_string(run.executionMillis) + " ms"}},
      {{"Test Total Time"}, {std::to_string(run.totalMillis) + " ms"}},
      {{"Org Id"}, {run.orgId}},
      {{"Username"}, {run.username}},
  };
  if (run.coverage) {
    summary.push_back({{"Org Wide Coverage"}, {coverageRate(*run.coverage)}});
    summary.push_back({{"Test Run Coverage"}, {coverageRate(*run.coverage, true)}});
  }
  out += table("Test Summary", {"Name", "Value"}, summary, colour);

  std::vector<Row> failures;
  for (const TestResult& t : run.tests) {
    if (t.outcome == TestOutcome::Fail) failures.push_back({{t.fullName()}, {t.message + "\n" + t.stackTrace}});
  }
  if (!failures.empty()) out += "\n" + table("Failed Tests", {"Test Name", "Message"}, failures, colour);
  if (!run.compileErrors.empty()) out += "\n" + compileErrorTable(run.compileErrors, colour);
  return out;
}

// TAP version 12, as the CLI's TAP reporter writes it: the failure's
// message and stack trace as diagnostics.
std::string tapReport(const TestRun& run) {
  std::string out = "1.." + std::to_string(run.tests.size()) + "\n";
  for (size_t i = 0; i < run.tests.size(); ++i) {
    const TestResult& t = run.tests[i];
    bool passed = t.outcome == TestOutcome::Pass;
    out += std::string(passed ? "ok " : "not ok ") + std::to_string(i + 1) + " " + t.fullName() + "\n";
    if (passed) continue;
    for (const std::string& line : text::split(t.message.empty() ? "Unknown error" : t.message, '\n'))
      out += "# " + line + "\n";
    if (!t.stackTrace.empty()) {
      for (const std::string& line : text::split(t.stackTrace, '\n')) out += "# " + line + "\n";
    }
  }
  for (const sema::CompileError& e : run.compileErrors) {
    for (const std::string& line : text::split("Compile error: " + compileErrorLine(e), '\n'))
      out += "# " + line + "\n";
  }
  return out;
}

namespace {

// An attribute value: the five entities, and line breaks kept as &#10;
// (a parser would turn a raw one into a space).
std::string xmlEscape(const std::string& text) {
  std::string out;
  for (char c : text::escapeXml(text)) {
    if (c == '\n') out += "&#10;";
    else out += c;
  }
  return out;
}

// CDATA cannot hold `]]>`: it is split across two sections.
std::string cdata(const std::string& text) {
  std::string out = "<![CDATA[";
  size_t start = 0, end;
  while ((end = text.find("]]>", start)) != std::string::npos) {
    out += text.substr(start, end - start) + "]]]]><![CDATA[>";
    start = end + 3;
  }
  return out + text.substr(start) + "]]>";
}

// The CLI's result summary: the JSON's `summary`, and the JUnit properties.
nlohmann::ordered_json summaryJson(const TestRun& run) {
  int ran = int(run.tests.size());
  nlohmann::ordered_json summary = {
      {"outcome", outcomeText(run)},
      {"testsRan", ran},
      {"passing", run.passing()},
      {"failing", run.failing()},
      {"skipped", 0},
      {"passRate", percentOf(run.passing(), ran)},
      {"failRate", percentOf(run.failing(), ran)},
      {"skipRate", percentOf(0, ran)},
      {"testStartTime", isoTime(run.startTime)},
      {"testExecutionTime", std::to_string(run.executionMillis) + " ms"},
      {"testTotalTime", std::to_string(run.totalMillis) + " ms"},
      {"commandTime", std::to_string(run.commandMillis) + " ms"},
      {"hostname", run.hostname},
      {"orgId", run.orgId},
      {"username", run.username},
      {"testRunId", run.testRunId},
      {"userId", run.userId},
  };
  if (run.coverage) {
    summary["orgWideCoverage"] = coverageRate(*run.coverage);
    summary["testRunCoverage"] = coverageRate(*run.coverage, true);
  }
  return summary;
}

}  // namespace

// The CLI's JUnit reporter: one testsuite, the summary as properties, a
// testcase per method with its failure.
std::string junitReport(const TestRun& run) {
  const std::string tab = "    ";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  out += tab + "<testsuite name=\"force.apex\" timestamp=\"" + isoTime(run.startTime) + "\" hostname=\"" +
         xmlEscape(run.hostname) + "\" tests=\"" + std::to_string(run.tests.size()) + "\" failures=\"" +
         std::to_string(run.failing()) + "\"  errors=\"0\"  time=\"" + seconds(run.executionMillis) + "\">\n";
  out += tab + tab + "<properties>\n";
  nlohmann::ordered_json summary = summaryJson(run);
  for (const auto& [key, value] : summary.items()) {
    if (key == "skipRate") continue;
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (key == "outcome" && text == "Passed") text = "Successful";
    if (key == "testExecutionTime") text = seconds(run.executionMillis) + " s";
    if (key == "testTotalTime") text = seconds(run.totalMillis) + " s";
    if (key == "commandTime") text = seconds(run.commandMillis) + " s";
    out += tab + tab + tab + "<property name=\"" + key + "\" value=\"" + xmlEscape(text) + "\"/>\n";
  }
  out += tab + tab + "</properties>\n";
  for (const TestResult& t : run.tests) {
    out += tab + tab + "<testcase name=\"" + xmlEscape(t.methodName) + "\" classname=\"" + xmlEscape(t.className) +
           "\" time=\"" + seconds(t.runTimeMillis()) + "\">\n";
    if (t.outcome == TestOutcome::Fail) {
      out += tab + tab + tab + "<failure message=\"" + xmlEscape(t.message) + "\">";
      if (!t.stackTrace.empty()) out += cdata(t.stackTrace);
      out += "</failure>\n";
    }
    out += tab + tab + "</testcase>\n";
  }
  if (!run.compileErrors.empty()) {
    std::string text;
    for (const sema::CompileError& e : run.compileErrors) text += "Compile error: " + compileErrorLine(e) + "\n";
    out += tab + tab + "<system-err>" + cdata(text) + "</system-err>\n";
  }
  out += tab + "</testsuite>\n</testsuites>\n";
  return out;
}

namespace {

std::vector<int> sortedLines(std::vector<int> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The per-test coverage records (ApexCodeCoverage, as the CLI's JSON
// reporter lists them): a record per test and class it reached.
nlohmann::ordered_json perTestCoverageJson(const TestRun& run) {
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  for (size_t i = 0; i < run.tests.size(); ++i) {
    const TestResult& t = run.tests[i];
    for (const ClassCoverage& c : t.coverage) {
      records.push_back({{"ApexTestClass", {{"Id", recordId("07M", i + 1)}, {"Name", t.className}}},
                         {"Coverage",
                          {{"coveredLines", sortedLines(c.coveredLines)}, {"uncoveredLines", sortedLines(c.uncoveredLines)}}},
                         {"TestMethodName", t.methodName},
                         {"NumLinesCovered", c.coveredLines.size()},
                         {"ApexClassOrTrigger", {{"Id", coveredId(c)}, {"Name", c.name}}},
                         {"NumLinesUncovered", c.uncoveredLines.size()}});
    }
  }
  return records;
}

nlohmann::ordered_json coverageJson(const std::vector<ClassCoverage>& classes) {
  nlohmann::ordered_json coverage = nlohmann::ordered_json::array();
  for (const ClassCoverage& c : classes) {
    nlohmann::ordered_json lineMap = nlohmann::ordered_json::object();
    for (const auto& [line, count] : c.hitsByLine) lineMap[std::to_string(line)] = count ? 1 : 0;
    coverage.push_back({{"id", coveredId(c)},
                        {"name", c.name},
                        {"totalLines", c.totalLines()},
                        {"lines", lineMap},
                        {"totalCovered", c.coveredLines.size()},
                        {"coveredPercent", c.percent()}});
  }
  return coverage;
}

// In the words of a deploy's componentFailures (Metadata API: DeployMessage).
nlohmann::ordered_json compileErrorsJson(const std::vector<sema::CompileError>& errors) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const sema::CompileError& e : errors)
    out.push_back({{"componentType", e.isTrigger ? "ApexTrigger" : "ApexClass"},
                   {"fullName", e.className},
                   {"lineNumber", e.classLine},
                   {"columnNumber", e.classColumn},
                   {"problem", e.classMessage},
                   {"problemType", "Error"}});
  return out;
}

}  // namespace

nlohmann::ordered_json jsonReport(const TestRun& run) {
  nlohmann::ordered_json summary = summaryJson(run);
  nlohmann::ordered_json tests = nlohmann::ordered_json::array();
  for (size_t i = 0; i < run.tests.size(); ++i) {
    const TestResult& t = run.tests[i];
    bool failed = t.outcome == TestOutcome::Fail;
    tests.push_back({{"Id", recordId("07M", i + 1)},
                     {"QueueItemId", recordId("709", 1)},
                     {"StackTrace", failed ? nlohmann::ordered_json(t.stackTrace) : nullptr},
                     {"Message", failed ? nlohmann::ordered_json(t.message) : nullptr},
                     {"AsyncApexJobId", run.testRunId},
                     {"MethodName", t.methodName},
                     {"Outcome", outcomeText(t)},
                     {"ApexClass", {{"Id", apexClassId(t.className)}, {"Name", t.className}, {"NamespacePrefix", nullptr}}},
                     {"RunTime", t.runTimeMillis()},
                     {"FullName", t.fullName()}});
  }
  nlohmann::ordered_json result = {{"summary", summary}, {"tests", tests}};
  if (!run.compileErrors.empty()) result["compileErrors"] = compileErrorsJson(run.compileErrors);
  if (run.coverage) {
    LineTotals totals = lineTotals(*run.coverage);
    result["coverage"] = {{"coverage", coverageJson(*run.coverage)},
                          {"records", perTestCoverageJson(run)},
                          {"summary",
                           {{"totalLines", totals.total},
                            {"coveredLines", totals.covered},
                            {"orgWideCoverage", summary["orgWideCoverage"]},
                            {"testRunCoverage", summary["testRunCoverage"]}}}};
  }
  return result;
}

std::optional<std::string> writeResultFiles(const TestRun& run, const std::filesystem::path& dir,
                                            const std::string& format, const std::filesystem::path& projectRoot) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "cannot create " + dir.string() + ": " + ec.message();
  auto write = [&](const std::string& name, const std::string& content) -> std::optional<std::string> {
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) return "cannot write " + (dir / name).string();
    return std::nullopt;
  };
  nlohmann::ordered_json json = jsonReport(run);
  std::vector<std::pair<std::string, std::string>> files = {
      {"test-run-id.txt", run.testRunId},
      {"test-result-" + run.testRunId + ".json", json.dump(2) + "\n"},
      {"test-result-" + run.testRunId + "-junit.xml", junitReport(run)},
  };
  if (format == "human") files.emplace_back("test-result.txt", humanReport(run, false));
  if (format == "tap") files.emplace_back("test-result.txt", tapReport(run));
  if (run.coverage) {
    files.emplace_back("test-result-codecoverage.json", json["coverage"]["coverage"].dump(2) + "\n");
    files.emplace_back("lcov.info", lcovTracefile(*run.coverage, projectRoot));
  }
  for (const auto& [name, content] : files) {
    if (auto problem = write(name, content)) return problem;
  }
  return std::nullopt;
}

}  // namespace apex::runtime
