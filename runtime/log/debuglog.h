// The Apex debug log of one transaction, in Salesforce's format
// (Apex Developer Guide: "Debug Log"): a header line with the API version
// and log levels, the `Execute Anonymous:` source lines, then
// `HH:mm:ss.SSS (nanos)|EVENT|fields` lines.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "interp/limits.h"
#include "interp/ports.h"

namespace apex::runtime {

class DebugLog : public interp::LogPort {
 public:
  explicit DebugLog(std::string apiVersion = "62.0");

  // Starts an execute-anonymous request: header, source echo, opening events.
  void beginAnonymous(std::string_view source);
  // Starts the log of an asynchronous job's transaction, afresh: header and
  // opening events; the job's code unit is logged as it runs.
  void beginAsync();
  // USER_DEBUG|[line]|LEVEL|message
  void userDebug(int line, std::string_view level, std::string_view message) override;
  void exceptionThrown(int line, std::string_view text) override;
  // CALLOUT_REQUEST|[line]|System.HttpRequest[...] and CALLOUT_RESPONSE.
  void calloutRequest(int line, std::string_view request) override;
  void calloutResponse(int line, std::string_view response) override;
  void soqlBegin(int line, int aggregations, std::string_view query) override;
  void soqlEnd(int line, int64_t rows) override;
  void dmlBegin(int line, std::string_view op, std::string_view type, int64_t rows) override;
  void dmlEnd(int line) override;
  void codeUnitStarted(std::string_view id, std::string_view name) override;
  void codeUnitFinished(std::string_view name) override;
  // EMAIL_QUEUE|[line]|subject: ..., toAddresses: [...], ...
  void emailQueue(int line, std::string_view fields) override;
  void fatalError(std::string_view text);
  // CUMULATIVE_LIMIT_USAGE block (out of the synchronous or the
  // asynchronous maxima), CODE_UNIT_FINISHED, EXECUTION_FINISHED.
  void finish(const interp::LimitUsage& usage, bool asynchronous = false);

  // Called with each System.debug message as it is logged (--debug-only).
  void onUserDebug(std::function<void(std::string_view)> sink) { sink_ = std::move(sink); }

  // Applied to every event's fields before it is logged: replaces the
  // secrets of the run's credentials (as Salesforce logs SESSION_ID_REMOVED).
  void onMask(std::function<std::string(std::string_view)> mask) { mask_ = std::move(mask); }

  const std::string& text() const { return text_; }

 private:
  void event(std::string_view name, std::string_view fields);
  void beginExecution();
  std::string timestamp() const;

  std::string apiVersion_;
  std::string text_;
  bool anonymous_ = false;  // an execute-anonymous request's log
  std::chrono::steady_clock::time_point start_;
  std::chrono::system_clock::time_point wallStart_;
  std::function<void(std::string_view)> sink_;
  std::function<std::string(std::string_view)> mask_;
};

}  // namespace apex::runtime
