#include "runtime/log/debuglog.h"

#include <array>
#include <cstdio>
#include <ctime>

namespace apex::runtime {

namespace {

// The levels `sf apex run` asks for; System.debug at a finer level than
// APEX_CODE's DEBUG is not logged.
constexpr std::string_view kLogLevels =
    "APEX_CODE,DEBUG;APEX_PROFILING,INFO;CALLOUT,INFO;DB,INFO;SYSTEM,DEBUG;VALIDATION,INFO;VISUALFORCE,INFO;"
    "WORKFLOW,INFO";

bool loggedAtDebug(std::string_view level) {
  return level == "ERROR" || level == "WARN" || level == "INFO" || level == "DEBUG";
}

}  // namespace

DebugLog::DebugLog(std::string apiVersion)
    : apiVersion_(std::move(apiVersion)),
      start_(std::chrono::steady_clock::now()),
      wallStart_(std::chrono::system_clock::now()) {}

std::string DebugLog::timestamp() const {
  auto elapsed = std::chrono::steady_clock::now() - start_;
  auto wall = wallStart_ + std::chrono::duration_cast<std::chrono::system_clock::duration>(elapsed);
  std::time_t seconds = std::chrono::system_clock::to_time_t(wall);
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(wall.time_since_epoch()).count() % 1000;
  std::tm local{};
  localtime_r(&seconds, &local);
  long long nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count();
  std::array<char, 64> buf{};
  std::snprintf(buf.data(), buf.size(), "%02d:%02d:%02d.%03d (%lld)", local.tm_hour, local.tm_min, local.tm_sec,
                int(millis), nanos);
  return buf.data();
}

void DebugLog::event(std::string_view name, std::string_view fields) {
  text_ += timestamp();
  text_ += '|';
  text_ += name;
  if (!fields.empty()) {
    text_ += '|';
    text_ += mask_ ? mask_(fields) : std::string(fields);
  }
  text_ += '\n';
}

void DebugLog::beginAnonymous(std::string_view source) {
  text_ += apiVersion_ + " " + std::string(kLogLevels) + "\n";
  size_t start = 0;
  while (start <= source.size()) {
    size_t end = source.find('\n', start);
    if (end == std::string_view::npos) end = source.size();
    std::string_view line = source.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (end == source.size() && line.empty() && start > 0) break;
    text_ += "Execute Anonymous: ";
    text_ += line;
    text_ += '\n';
    start = end + 1;
  }
  anonymous_ = true;
  beginExecution();
  event("CODE_UNIT_STARTED", "[EXTERNAL]|execute_anonymous_apex");
}

void DebugLog::beginAsync() {
  text_.clear();
  start_ = std::chrono::steady_clock::now();
  wallStart_ = std::chrono::system_clock::now();
  anonymous_ = false;
  text_ += apiVersion_ + " " + std::string(kLogLevels) + "\n";
  beginExecution();
}

void DebugLog::beginExecution() {
  event("USER_INFO", "[EXTERNAL]|005000000000001AAA|apexrun@localhost|(GMT+00:00) Coordinated Universal Time (GMT)|GMT+00:00");
  event("EXECUTION_STARTED", "");
}

void DebugLog::userDebug(int line, std::string_view level, std::string_view message) {
  if (!loggedAtDebug(level)) return;
  event("USER_DEBUG", "[" + std::to_string(line) + "]|" + std::string(level) + "|" + std::string(message));
  if (sink_) sink_(mask_ ? mask_(message) : std::string(message));
}

void DebugLog::exceptionThrown(int line, std::string_view text) {
  event("EXCEPTION_THROWN", "[" + std::to_string(line) + "]|" + std::string(text));
}

void DebugLog::calloutRequest(int line, std::string_view request) {
  event("CALLOUT_REQUEST", "[" + std::to_string(line) + "]|" + std::string(request));
}

void DebugLog::calloutResponse(int line, std::string_view response) {
  event("CALLOUT_RESPONSE", "[" + std::to_string(line) + "]|" + std::string(response));
}

void DebugLog::soqlBegin(int line, int aggregations, std::string_view query) {
  event("SOQL_EXECUTE_BEGIN",
        "[" + std::to_string(line) + "]|Aggregations:" + std::to_string(aggregations) + "|" + std::string(query));
}

void DebugLog::soqlEnd(int line, int64_t rows) {
  event("SOQL_EXECUTE_END", "[" + std::to_string(line) + "]|Rows:" + std::to_string(rows));
}

void DebugLog::dmlBegin(int line, std::string_view op, std::string_view type, int64_t rows) {
  event("DML_BEGIN", "[" + std::to_string(line) + "]|Op:" + std::string(op) + "|Type:" + std::string(type) +
                         "|Rows:" + std::to_string(rows));
}

void DebugLog::dmlEnd(int line) { event("DML_END", "[" + std::to_string(line) + "]"); }

void DebugLog::codeUnitStarted(std::string_view id, std::string_view name) {
  event("CODE_UNIT_STARTED", "[EXTERNAL]|" + std::string(id) + "|" + std::string(name));
}

void DebugLog::codeUnitFinished(std::string_view name) { event("CODE_UNIT_FINISHED", name); }

void DebugLog::emailQueue(int line, std::string_view fields) {
  event("EMAIL_QUEUE", "[" + std::to_string(line) + "]|" + std::string(fields));
}

void DebugLog::fatalError(std::string_view text) { event("FATAL_ERROR", text); }

void DebugLog::finish(const interp::LimitUsage& usage, bool asynchronous) {
  event("CUMULATIVE_LIMIT_USAGE", "");
  event("LIMIT_USAGE_FOR_NS", "(default)|");
  for (const interp::LimitSpec& spec : interp::kLimitTable) {
    if (spec.logLabel.empty()) continue;
    text_ += "  " + std::string(spec.logLabel) + ": " + std::to_string(usage[size_t(spec.limit)]) + " out of " +
             std::to_string(asynchronous ? spec.asynchronous : spec.synchronous) + "\n";
  }
  text_ += '\n';
  event("CUMULATIVE_LIMIT_USAGE_END", "");
  text_ += '\n';
  if (anonymous_) event("CODE_UNIT_FINISHED", "execute_anonymous_apex");
  event("EXECUTION_FINISHED", "");
}

}  // namespace apex::runtime
