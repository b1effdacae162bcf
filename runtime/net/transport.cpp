#include "runtime/net/transport.h"

#include <httplib.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "base/url_encoding.h"
#include "interp/errors.h"

namespace apex::runtime {
namespace errors = interp::errors;
namespace {

// java.net.URL sends the path as written; only what cannot appear in a
// request line (spaces, controls, non-ASCII bytes) is percent-encoded.
std::string requestTarget(const std::string& target) {
  std::string out;
  for (unsigned char c : target) {
    if (c <= 0x20 || c >= 0x7F) appendPercentEscape(out, c);
    else out += char(c);
  }
  return out;
}

bool hostResolves(const std::string& host) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (found) freeaddrinfo(found);
  return rc == 0;
}

std::string hostPort(const Url& url) { return url.host + ":" + std::to_string(url.port); }

// The system's trusted roots plus the extra CA files. The client's SSL
// context takes ownership of the store.
X509_STORE* trustStore(const std::vector<std::filesystem::path>& extraCaFiles) {
  X509_STORE* store = X509_STORE_new();
  X509_STORE_set_default_paths(store);
  for (const auto& file : extraCaFiles) X509_STORE_load_file(store, file.c_str());
  return store;
}

void setTimeouts(httplib::Client& client, int millis) {
  time_t sec = millis / 1000;
  time_t usec = (millis % 1000) * 1000;
  client.set_connection_timeout(sec, usec);
  client.set_read_timeout(sec, usec);
  client.set_write_timeout(sec, usec);
}

WireResult failure(std::string message) { return CalloutFailure{std::move(message)}; }

// A TLS alert the server sent, as Java names it (`Received fatal alert:
// certificate_required`), from OpenSSL's error queue; the queue is emptied.
std::optional<std::string> receivedTlsAlert() {
  std::optional<std::string> alert;
  while (unsigned long code = ERR_get_error()) {
    const char* reason = ERR_reason_error_string(code);
    std::string_view text = reason ? reason : "";
    size_t at = text.find("alert ");
    if (alert || at == std::string_view::npos) continue;
    std::string name(text.substr(at + 6));
    for (char& c : name) c = c == ' ' ? '_' : c;
    alert = "Received fatal alert: " + name;
  }
  return alert;
}

// A read or write that failed: the timeout, a TLS alert, or the server
// closing the connection.
WireResult ioFailure(const WireRequest& request, long long elapsedMillis) {
  if (auto alert = receivedTlsAlert()) return failure(*alert);
  if (elapsedMillis + 50 >= request.timeoutMillis) return failure(errors::text(errors::ReadTimedOut));
  return failure(errors::text(errors::ConnectionClosed, hostPort(request.url)));
}

// Stops the client's request when its time is up: the timeout covers the
// whole exchange, so a server that trickles its headers or body a byte at
// a time, each within the read timeout, is cut off too.
class Deadline {
 public:
  Deadline(httplib::Client& client, std::chrono::milliseconds limit)
      : watcher_([this, &client, limit] {
          std::unique_lock lock(mutex_);
          if (!finished_.wait_for(lock, limit, [this] { return done_; })) {
            passed_ = true;
            client.stop();  // shuts the socket down; the request fails with a read error
          }
        }) {}
  ~Deadline() { finish(); }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  // Whether the time ran out before the request ended.
  bool passed() {
    finish();
    return passed_;
  }

 private:
  void finish() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    finished_.notify_all();
    if (watcher_.joinable()) watcher_.join();
  }

  std::mutex mutex_;
  std::condition_variable finished_;
  bool done_ = false;
  bool passed_ = false;
  std::thread watcher_;  // last: it starts once the members above exist
};

}  // namespace

bool holdsPemCertificates(const std::filesystem::path& file) {
  X509_STORE* store = X509_STORE_new();
  bool loaded = X509_STORE_load_file(store, file.c_str()) == 1;
  X509_STORE_free(store);
  return loaded;
}

HttpTransport::HttpTransport(TlsOptions tls) : tls_(std::move(tls)) {}
HttpTransport::~HttpTransport() = default;

httplib::Client& HttpTransport::clientFor(const WireRequest& request) {
  std::string cert = request.clientCertificate.string();
  std::string key = cert.empty() ? "" : request.clientCertificate.parent_path() /
                                            (request.clientCertificate.stem().string() + ".key");
  std::string id = request.url.origin() + "|" + cert;
  auto& slot = clients_[id];
  if (!slot) {
    slot = cert.empty() ? std::make_unique<httplib::Client>(request.url.origin())
                        : std::make_unique<httplib::Client>(request.url.origin(), cert, key);
    slot->set_keep_alive(true);
    slot->set_follow_location(false);
    slot->set_decompress(false);  // apexrun decodes gzip itself and sends no Accept-Encoding
    slot->set_url_encode(false);
    slot->set_tcp_nodelay(true);
    if (request.url.scheme == "https") {
      slot->enable_server_certificate_verification(!tls_.insecure);
      slot->set_ca_cert_store(trustStore(tls_.extraCaFiles));
    }
  }
  return *slot;
}

WireResult HttpTransport::send(const WireRequest& request) {
  httplib::Client& client = clientFor(request);
  setTimeouts(client, request.timeoutMillis);

  httplib::Request req;
  req.method = request.method;
  req.path = requestTarget(request.url.target);
  for (const auto& [name, value] : request.headers.fields()) req.headers.emplace(name, value);
  req.body = request.body;

  // Read the body ourselves so that an oversized response stops at the limit
  // instead of filling memory.
  WireResponse out;
  size_t declaredLength = 0;
  bool tooLarge = false;
  req.content_receiver = [&](const char* data, size_t length, uint64_t, uint64_t total) {
    declaredLength = size_t(total);
    if (out.body.size() + length > kMaxCalloutBodyBytes) {
      tooLarge = true;
      return false;
    }
    out.body.append(data, length);
    return true;
  };

  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  ERR_clear_error();  // so that a TLS alert found after the call is this call's
  auto started = std::chrono::steady_clock::now();
  bool sent = false;
  bool pastTimeout = false;
  {
    Deadline deadline(client, std::chrono::milliseconds(request.timeoutMillis));
    sent = client.send(req, res, error);
    pastTimeout = deadline.passed();
  }
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

  if (pastTimeout) return failure(errors::text(errors::ReadTimedOut));
  if (tooLarge) {
    std::string size = declaredLength > kMaxCalloutBodyBytes ? std::to_string(declaredLength)
                                                             : "over " + std::to_string(kMaxCalloutBodyBytes);
    return failure(errors::text(errors::BodyTooLarge, "response", size));
  }
  if (!sent) {
    switch (error) {
      case httplib::Error::Connection:
        if (!hostResolves(request.url.host)) return failure(errors::text(errors::UnknownHost, request.url.host));
        return failure(errors::text(errors::ConnectionRefused, hostPort(request.url)));
      case httplib::Error::ConnectionTimeout: return failure(errors::text(errors::ConnectTimedOut));
      case httplib::Error::Read:
      case httplib::Error::Write: return ioFailure(request, elapsed.count());
      case httplib::Error::SSLServerVerification: {
        long verify = client.get_openssl_verify_result();
        if (verify != X509_V_OK) return failure(errors::text(errors::CertificateUntrusted, X509_verify_cert_error_string(verify)));
        return failure(errors::text(errors::CertificateNameMismatch, request.url.host));
      }
      case httplib::Error::SSLLoadingCerts:
        return failure(errors::text(errors::CaCertificatesUnreadable, request.clientCertificate.empty()
                                                            ? "the trust store"
                                                            : request.clientCertificate.string()));
      case httplib::Error::SSLConnection:
        return failure(receivedTlsAlert().value_or(errors::text(errors::TlsHandshakeFailed, "the server refused the TLS connection")));
      default: return failure(errors::text(errors::ConnectionClosed, hostPort(request.url)) + " (" + httplib::to_string(error) + ")");
    }
  }
  out.statusCode = res.status;
  out.status = res.reason;
  for (const auto& [name, value] : res.headers) out.headers.add(name, value);
  for (const auto& [name, value] : req.headers) out.sentHeaders.add(name, value);
  return out;
}

}  // namespace apex::runtime
