// cpp-httplib's server with connections of apexrun's own
// (runtime/net/connection.h): TLS on OpenSSL directly, and each request
// read within a deadline, so a client that trickles its request a byte at
// a time is cut off instead of holding a connection thread. The head of
// each request is read and checked before cpp-httplib parses it: a request
// line or header line over cpp-httplib's 8 KB, or a head over 64 KB, is
// answered at once with a JSON 414 or 431 (cpp-httplib would answer an
// empty 400 and go on reading the rest of the head as another request).
#pragma once

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "runtime/net/connection.h"

namespace apex::runtime {

// The head of a request (request line and header fields) takes at most this many bytes.
inline constexpr size_t kMaxRequestHeadBytes = 65536;

// A request refused before cpp-httplib saw it, for the access log: the
// client's address, the method and path of its request line ("-" when
// there is none), the status and the body's size.
using RefusalLog = std::function<void(const std::string& remote, const std::string& method, const std::string& path,
                                      int status, size_t bytes)>;

class RequestServer : public httplib::Server {
 public:
  // HTTPS with the PEM certificate chain and private key when `certificate`
  // is not empty; else HTTP. A request (head and body) must arrive within
  // `requestTime` of its first byte, and its answer be taken within as long.
  RequestServer(const std::filesystem::path& certificate, const std::filesystem::path& privateKey,
                std::chrono::milliseconds requestTime, RefusalLog log);
  ~RequestServer() override;

  // False when the certificate and key could not be loaded.
  bool is_valid() const override;

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool waitForRequest(Connection& connection) const;

  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> tls_;
  bool wantsTls_;
  std::chrono::milliseconds requestTime_;
  RefusalLog log_;
};

}  // namespace apex::runtime
