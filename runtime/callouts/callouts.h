// The callout service behind Http.send: checks a request as the platform
// does (endpoint, method, remote site settings, sizes), sends it over the
// network or answers it from recordings, decodes the response, and shows
// (--trace-callouts) and records (--record) what crossed the wire.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "base/http_message.h"
#include "interp/ports.h"
#include "runtime/callouts/credential_callouts.h"
#include "runtime/net/recording.h"
#include "runtime/net/remote_sites.h"
#include "runtime/net/secrets.h"
#include "runtime/net/transport.h"

namespace apex::runtime {

struct CalloutOptions {
  // Plain endpoints must be covered by a remote site (inside a project).
  bool enforceRemoteSites = false;
  RemoteSiteSettings remoteSites;
  TlsOptions tls;
  // Folders searched for client certificates (`certs/<Name>.crt` and `.key`).
  std::vector<std::filesystem::path> certificateFolders;
  std::ostream* trace = nullptr;  // --trace-callouts
  std::optional<std::filesystem::path> recordDir;
  std::optional<Replayer> replayer;
  std::string userAgent = "SFDC-Callout/62.0";
  CredentialContext credentials;  // for `callout:` endpoints
};

using interp::CalloutResult;

class CalloutService : public interp::CalloutPort {
 public:
  explicit CalloutService(CalloutOptions options);

  // Sends one callout made at Apex line `line`. `budgetMillis` is what is
  // left of the transaction's cumulative callout time; `elapsedMillis`
  // receives the time the callout took.
  CalloutResult send(const CalloutRequest& request, int line, int budgetMillis, long long* elapsedMillis) override;

  // A callout a test's mock answers: a `callout:` endpoint must name a
  // usable Named Credential, as on the platform; nothing is sent and no
  // secret is read.
  std::optional<CalloutFailure> checkMocked(const CalloutRequest& request) const override;
  std::string maskSecrets(std::string_view text) const override { return masker_.mask(text); }

  SecretMasker& masker() { return masker_; }
  // Problems worth telling the user once (a recording that failed to write).
  std::vector<std::string> takeWarnings() { return std::move(warnings_); }

 private:
  // The request as it goes out; `viaCredential` receives the resolved
  // `callout:` request when the endpoint is one.
  std::variant<WireRequest, CalloutFailure> prepare(const CalloutRequest& request, int budgetMillis,
                                                    std::optional<CredentialRequest>* viaCredential);
  CalloutResult exchange(const CalloutRequest& request, const WireRequest& wire, int line, long long* elapsedMillis);
  std::optional<std::filesystem::path> clientCertificate(const std::string& name) const;
  CalloutResult decode(WireResponse wire);
  void report(const Exchange& exchange);

  CalloutOptions options_;
  HttpTransport transport_;
  std::optional<Recorder> recorder_;
  SecretMasker masker_;
  CredentialCallouts credentials_;
  std::vector<std::string> warnings_;
  int count_ = 0;
};

}  // namespace apex::runtime
