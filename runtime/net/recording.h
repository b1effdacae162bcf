// Record and replay of callouts for regression tests.
//
// `--record DIR` writes each callout as a readable JSON file,
// `DIR/NNN-METHOD-host.json`, numbered after the recordings already there.
// `--replay DIR` answers callouts from those files without the network: a
// request matches a recording with the same method, URL and body (secrets
// masked on both sides); recordings are used in order, each once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/http_message.h"
#include "runtime/net/secrets.h"
#include "runtime/net/transport.h"
#include "runtime/net/wire_trace.h"

namespace apex::runtime {

class Recorder {
 public:
  explicit Recorder(std::filesystem::path dir);
  // Writes one exchange that got a response; the error text if the file
  // could not be written.
  std::optional<std::string> write(const SecretMasker& masker, const Exchange& exchange);

 private:
  std::filesystem::path dir_;
  int next_ = 0;  // 0 until the folder was scanned
};

struct Recording {
  std::string file;  // name within the folder
  std::string method;
  std::string url;
  std::string requestBody;
  CalloutResponse response;
  bool used = false;
};

class Replayer {
 public:
  // Reads every recording in `dir`; the error names a file that is not one.
  static std::variant<Replayer, std::string> load(const std::filesystem::path& dir);

  // The recorded response, and the file it came from; or a failure that
  // shows how the nearest recording differs.
  std::variant<std::pair<CalloutResponse, std::string>, CalloutFailure> answer(const SecretMasker& masker,
                                                                               const WireRequest& request,
                                                                               std::string_view body);

 private:
  std::filesystem::path dir_;
  std::vector<Recording> recordings_;
};

}  // namespace apex::runtime
