// --trace-callouts: each callout as it crossed the wire, curl -v style
// (`> ` request lines, `< ` response lines), secrets masked, long bodies cut.
#pragma once

#include <ostream>
#include <string>

#include "base/http_message.h"
#include "runtime/net/secrets.h"
#include "runtime/net/transport.h"

namespace apex::runtime {

// One callout, for the trace and for recordings.
struct Exchange {
  int number = 0;  // 1 for the run's first callout
  int line = 0;    // Apex line of the Http.send
  const WireRequest* wire = nullptr;
  const HttpHeaders* sentHeaders = nullptr;  // as written; the request's own when replayed
  std::string_view requestBody;              // before compression
  bool compressed = false;                   // the wire body is requestBody gzipped
  const CalloutResponse* response = nullptr;  // null when the callout failed
  std::string failure;                        // the CalloutException message otherwise
  long long elapsedMillis = 0;
  std::string origin;  // where the response came from when not the network
};

inline constexpr size_t kTraceBodyBytes = 2000;

void writeTrace(std::ostream& out, const SecretMasker& masker, const Exchange& exchange);

}  // namespace apex::runtime
