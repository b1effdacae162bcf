// The transport carries one callout to a server and back over the network:
// HttpTransport, HTTP/1.1 over a Connection (connection.h), the response
// read by response_reader.h. (Replayed callouts never reach it; see
// recording.h.)
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "base/http_message.h"
#include "base/url.h"
#include "runtime/net/connection.h"

namespace apex::runtime {

// A request as it goes on the wire: the body already compressed when the
// request asks for it, the headers complete but for those the transport
// adds itself (Host, Accept, Content-Type, Content-Length).
struct WireRequest {
  std::string method;
  Url url;
  HttpHeaders headers;
  std::string body;
  int timeoutMillis = 10000;
  std::filesystem::path clientCertificate;  // PEM certificate; its key beside it as .key
};

// A response as read from the wire: the body still as encoded.
struct WireResponse {
  int statusCode = 0;
  std::string status;
  HttpHeaders headers;
  std::string body;
  HttpHeaders sentHeaders;  // every request header written, the transport's own included
};

// Why a callout failed: the CalloutException message.
using WireResult = std::variant<WireResponse, CalloutFailure>;

class Transport {
 public:
  virtual ~Transport() = default;
  virtual WireResult send(const WireRequest& request) = 0;
};

// True if `file` holds at least one PEM certificate.
bool holdsPemCertificates(const std::filesystem::path& file);

struct TlsOptions {
  std::vector<std::filesystem::path> extraCaFiles;  // trusted besides the system store
  bool insecure = false;                            // no certificate verification
};

// HTTP/1.1 over TCP or TLS. One connection per origin (and client
// certificate) is kept open for the run, so callouts to one host reuse it.
// The request's timeout covers the whole exchange: connecting, the TLS
// handshake, writing the request and reading every byte of the response.
// Redirects are returned, not followed.
class HttpTransport : public Transport {
 public:
  explicit HttpTransport(TlsOptions tls);
  ~HttpTransport() override;
  WireResult send(const WireRequest& request) override;

 private:
  using TlsContext = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;
  std::variant<std::unique_ptr<Connection>, CalloutFailure> connect(const WireRequest& request, Deadline deadline);
  SSL_CTX* tlsContext(const std::filesystem::path& clientCertificate);

  TlsOptions tls_;
  std::map<std::string, TlsContext> tlsContexts_;  // by client certificate ("" for none)
  std::map<std::string, std::unique_ptr<Connection>> connections_;  // by origin and client certificate
};

}  // namespace apex::runtime
