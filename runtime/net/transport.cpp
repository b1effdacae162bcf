#include "runtime/net/transport.h"

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <optional>

#include "base/text.h"
#include "base/url_encoding.h"
#include "interp/errors.h"
#include "runtime/net/response_reader.h"

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

std::string hostPort(const Url& url) { return url.host + ":" + std::to_string(url.port); }

// The system's trusted roots plus the extra CA files. The SSL context takes
// ownership of the store.
X509_STORE* trustStore(const std::vector<std::filesystem::path>& extraCaFiles) {
  X509_STORE* store = X509_STORE_new();
  X509_STORE_set_default_paths(store);
  for (const auto& file : extraCaFiles) X509_STORE_load_file(store, file.c_str());
  return store;
}

CalloutFailure failure(std::string message) { return CalloutFailure{std::move(message)}; }

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

// A read or write that did not complete: the timeout, a TLS alert, or the
// server closing the connection.
CalloutFailure ioFailure(const WireRequest& request, IoStatus status) {
  if (status == IoStatus::TimedOut) return failure(errors::text(errors::ReadTimedOut));
  if (auto alert = receivedTlsAlert()) return failure(*alert);
  return failure(errors::text(errors::ConnectionClosed, hostPort(request.url)));
}

// The request line and header fields. The transport adds Host, Accept and
// Content-Type when the request has none, and always writes the body's own
// Content-Length. `sent` gets the fields as written.
std::string requestHead(const WireRequest& request, HttpHeaders* sent) {
  const HttpHeaders& headers = request.headers;
  if (!headers.get("Host")) sent->add("Host", request.url.origin().substr(request.url.scheme.size() + 3));
  for (const auto& [name, value] : headers.fields())
    if (!text::equalsIgnoreCase(name, "Content-Length")) sent->add(name, value);
  if (!headers.get("Accept")) sent->add("Accept", "*/*");
  if (!request.body.empty() && !headers.get("Content-Type")) sent->add("Content-Type", "text/plain");
  bool sendsBody = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
  if (!request.body.empty() || sendsBody) sent->add("Content-Length", std::to_string(request.body.size()));
  std::string head = request.method + " " + requestTarget(request.url.target) + " HTTP/1.1\r\n";
  for (const auto& [name, value] : sent->fields()) head += name + ": " + value + "\r\n";
  return head + "\r\n";
}

}  // namespace

bool holdsPemCertificates(const std::filesystem::path& file) {
  X509_STORE* store = X509_STORE_new();
  bool loaded = X509_STORE_load_file(store, file.c_str()) == 1;
  X509_STORE_free(store);
  return loaded;
}

HttpTransport::HttpTransport(TlsOptions tls) : tls_(std::move(tls)) {}
HttpTransport::~HttpTransport() = default;

// The TLS client setup for one client certificate (or none); nullptr when
// the certificate and its key cannot be loaded.
SSL_CTX* HttpTransport::tlsContext(const std::filesystem::path& clientCertificate) {
  auto found = tlsContexts_.find(clientCertificate.string());
  if (found != tlsContexts_.end()) return found->second.get();
  TlsContext context(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
  SSL_CTX_set_verify(context.get(), tls_.insecure ? SSL_VERIFY_NONE : SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_cert_store(context.get(), trustStore(tls_.extraCaFiles));
  if (!clientCertificate.empty()) {
    std::filesystem::path key = clientCertificate.parent_path() / (clientCertificate.stem().string() + ".key");
    bool loaded = SSL_CTX_use_certificate_chain_file(context.get(), clientCertificate.c_str()) == 1 &&
                  SSL_CTX_use_PrivateKey_file(context.get(), key.c_str(), SSL_FILETYPE_PEM) == 1 &&
                  SSL_CTX_check_private_key(context.get()) == 1;
    if (!loaded) return nullptr;
  }
  return tlsContexts_.emplace(clientCertificate.string(), std::move(context)).first->second.get();
}

std::variant<std::unique_ptr<Connection>, CalloutFailure> HttpTransport::connect(const WireRequest& request,
                                                                                 Deadline deadline) {
  const Url& url = request.url;
  auto opened = Connection::open(url.host, url.port, deadline);
  if (auto* problem = std::get_if<ConnectProblem>(&opened)) {
    switch (*problem) {
      case ConnectProblem::UnknownHost: return failure(errors::text(errors::UnknownHost, url.host));
      case ConnectProblem::Refused: return failure(errors::text(errors::ConnectionRefused, hostPort(url)));
      case ConnectProblem::TimedOut: return failure(errors::text(errors::ConnectTimedOut));
    }
  }
  auto connection = std::move(std::get<std::unique_ptr<Connection>>(opened));
  if (url.scheme != "https") return connection;
  SSL_CTX* context = tlsContext(request.clientCertificate);
  if (!context) {
    ERR_clear_error();
    return failure(errors::text(errors::CaCertificatesUnreadable, request.clientCertificate.string()));
  }
  IoStatus status = connection->startTlsClient(context, url.host, deadline);
  if (status == IoStatus::Ok) return connection;
  if (status == IoStatus::TimedOut) return failure(errors::text(errors::ReadTimedOut));
  long verify = connection->verifyResult();
  if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH) {
    ERR_clear_error();
    return failure(errors::text(errors::CertificateNameMismatch, url.host));
  }
  if (verify != X509_V_OK) {
    ERR_clear_error();
    return failure(errors::text(errors::CertificateUntrusted, X509_verify_cert_error_string(verify)));
  }
  return failure(receivedTlsAlert().value_or(errors::text(errors::TlsHandshakeFailed, "the server refused the TLS connection")));
}

WireResult HttpTransport::send(const WireRequest& request) {
  Deadline deadline = deadlineIn(request.timeoutMillis);
  ERR_clear_error();  // so that a TLS alert found later is this request's
  std::unique_ptr<Connection>& connection = connections_[request.url.origin() + "|" + request.clientCertificate.string()];
  // A kept connection the server has closed (or sent stray bytes on) is not used again.
  if (connection && !connection->idle()) connection.reset();
  if (!connection) {
    auto opened = connect(request, deadline);
    if (auto* problem = std::get_if<CalloutFailure>(&opened)) return *problem;
    connection = std::move(std::get<std::unique_ptr<Connection>>(opened));
  }

  WireResponse out;
  std::string message = requestHead(request, &out.sentHeaders) + request.body;
  if (IoStatus status = connection->writeAll(message, deadline); status != IoStatus::Ok) {
    connection.reset();
    return ioFailure(request, status);
  }
  ReadMore more = [&](std::string& buffer) {
    char chunk[16384];
    size_t got = 0;
    IoStatus status = connection->read(chunk, sizeof chunk, &got, deadline);
    buffer.append(chunk, got);
    return status;
  };
  auto read = readResponse(more, request.method, hostPort(request.url));
  if (auto* problem = std::get_if<ResponseFailure>(&read)) {
    connection.reset();
    return problem->message.empty() ? ioFailure(request, problem->io) : failure(problem->message);
  }
  ReceivedResponse& received = std::get<ReceivedResponse>(read);
  if (!received.reusable) connection.reset();
  out.statusCode = received.statusCode;
  out.status = std::move(received.reason);
  out.headers = std::move(received.headers);
  out.body = std::move(received.body);
  return out;
}

}  // namespace apex::runtime
