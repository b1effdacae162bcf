#include "runtime/serve/request_server.h"

#include <netdb.h>
#include <sys/socket.h>

#include <optional>

#include "stdlib/apex_rest.h"

namespace apex::runtime {
namespace {

using std::chrono::milliseconds;

// How often a connection waiting for its next request looks whether the
// server is stopping.
constexpr milliseconds kStopCheck{100};
// How long a client may go on sending once its connection is done with.
constexpr long long kLingerMillis = 1000;

milliseconds millisOf(time_t seconds, time_t micros) { return milliseconds(seconds * 1000 + micros / 1000); }

// The numeric address and port of a socket's peer, or its own.
void addressOf(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  auto* raw = reinterpret_cast<sockaddr*>(&address);
  if ((peer ? ::getpeername(fd, raw, &length) : ::getsockname(fd, raw, &length)) != 0) return;
  char host[NI_MAXHOST];
  char service[NI_MAXSERV];
  if (::getnameinfo(raw, length, host, sizeof host, service, sizeof service, NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host;
    port = std::atoi(service);
  }
}

// A request answered before cpp-httplib reads it; status 0: closed without
// an answer (the client went away, or sent nothing for a read timeout).
struct Refusal {
  int status = 0;
  std::string reason, errorCode, message;
};

// The first two words of a request line (method and path), "-" for those
// missing, as the access log shows them.
std::pair<std::string, std::string> methodAndPath(std::string_view head) {
  std::string_view line = head.substr(0, head.find_first_of("\r\n")).substr(0, CPPHTTPLIB_REQUEST_URI_MAX_LENGTH);
  std::string_view method = line.substr(0, line.find(' '));
  std::string_view rest = line.substr(std::min(method.size() + 1, line.size()));
  std::string_view path = rest.substr(0, rest.find(' '));
  return {method.empty() ? "-" : std::string(method), path.empty() ? "-" : std::string(path)};
}

// One request's bytes as cpp-httplib reads them: the head, read ahead and
// checked by readHead() (with any body bytes that came with it), then the
// connection. Reads end by the request's deadline, writes by the answer's.
class RequestStream : public httplib::Stream {
 public:
  // `pending`: bytes the connection's last request read past its end.
  RequestStream(Connection& connection, std::string pending, milliseconds requestTime, milliseconds readTimeout,
                milliseconds writeTimeout)
      : connection_(connection),
        requestTime_(requestTime),
        readTimeout_(readTimeout),
        writeTimeout_(writeTimeout),
        requestDeadline_(deadlineIn(requestTime.count())),
        ahead_(std::move(pending)) {}

  std::optional<Refusal> readHead();
  const std::string& readAhead() const { return ahead_; }
  // A target that starts with several slashes (`//services/data/`, what a
  // client sends that joins paths to an instance URL ending in `/`) becomes
  // the one-slash path it means, as Salesforce takes it.
  void collapseLeadingSlashes();
  // What came after this request: the start of the next one.
  std::string unread() const { return ahead_.substr(taken_); }
  // Whether the answer said `Connection: close` (an answer given without
  // reading the body does): the connection ends after it.
  bool answerCloses() const { return answerCloses_; }

  bool is_readable() const override { return taken_ < ahead_.size() || connection_.waitReadable(readDeadline()); }
  bool is_writable() const override { return true; }  // write() waits, within the answer's deadline
  ssize_t read(char* data, size_t size) override;
  ssize_t write(const char* data, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override { addressOf(connection_.fd(), true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { addressOf(connection_.fd(), false, ip, port); }
  socket_t socket() const override { return connection_.fd(); }

 private:
  Deadline readDeadline() const { return std::min(requestDeadline_, deadlineIn(readTimeout_.count())); }
  std::optional<Refusal> checkLine(size_t start, size_t end, bool requestLine) const;
  Refusal timedOut() const;

  Connection& connection_;
  milliseconds requestTime_, readTimeout_, writeTimeout_;
  Deadline requestDeadline_;
  std::optional<Deadline> answerDeadline_;  // from the answer's first byte
  std::string ahead_;                       // what readHead() read
  size_t taken_ = 0;                        // how much of it cpp-httplib has read
  bool answerCloses_ = false;
};

// A line of the head from `start` to `end` (its LF, or the last byte read
// so far): within cpp-httplib's limits, which count the line's end too.
std::optional<Refusal> RequestStream::checkLine(size_t start, size_t end, bool requestLine) const {
  size_t length = end - start;
  if (requestLine && length > CPPHTTPLIB_REQUEST_URI_MAX_LENGTH)
    return Refusal{414, "URI Too Long", "URI_TOO_LONG",
                   "The request line is over " + std::to_string(CPPHTTPLIB_REQUEST_URI_MAX_LENGTH) + " bytes"};
  if (!requestLine && length > CPPHTTPLIB_HEADER_MAX_LENGTH)
    return Refusal{431, "Request Header Fields Too Large", "REQUEST_HEADER_FIELDS_TOO_LARGE",
                   "A request header is over " + std::to_string(CPPHTTPLIB_HEADER_MAX_LENGTH) + " bytes"};
  if (end > kMaxRequestHeadBytes)
    return Refusal{431, "Request Header Fields Too Large", "REQUEST_HEADER_FIELDS_TOO_LARGE",
                   "The request headers are over " + std::to_string(kMaxRequestHeadBytes) + " bytes"};
  return std::nullopt;
}

Refusal RequestStream::timedOut() const {
  return Refusal{408, "Request Timeout", "REQUEST_TIMEOUT",
                 "The request did not arrive within " + std::to_string(requestTime_.count() / 1000) + " seconds"};
}

// Reads up to the empty line that ends the head, each line checked as it
// arrives, so that an endless line is refused once it is too long.
std::optional<Refusal> RequestStream::readHead() {
  size_t lineStart = 0;
  size_t scanned = 0;
  for (;;) {
    for (size_t end; (end = ahead_.find('\n', scanned)) != std::string::npos;) {
      if (auto refusal = checkLine(lineStart, end + 1, lineStart == 0)) return refusal;
      bool empty = end == lineStart || (end == lineStart + 1 && ahead_[lineStart] == '\r');
      if (empty && lineStart > 0) {
        collapseLeadingSlashes();
        return std::nullopt;
      }
      lineStart = scanned = end + 1;
    }
    scanned = ahead_.size();
    if (auto refusal = checkLine(lineStart, ahead_.size(), lineStart == 0)) return refusal;
    char chunk[4096];
    size_t got = 0;
    IoStatus status = connection_.read(chunk, sizeof chunk, &got, readDeadline());
    if (status == IoStatus::TimedOut && Clock::now() >= requestDeadline_) return timedOut();
    if (status != IoStatus::Ok) return Refusal{};
    ahead_.append(chunk, got);
  }
}

void RequestStream::collapseLeadingSlashes() {
  size_t start = ahead_.find(' ') + 1;
  size_t end = ahead_.find_first_not_of('/', start);
  if (start == 0 || end == std::string::npos || end - start < 2) return;
  ahead_.erase(start, end - start - 1);
}

ssize_t RequestStream::read(char* data, size_t size) {
  if (taken_ < ahead_.size()) {
    size_t n = std::min(size, ahead_.size() - taken_);
    std::copy_n(ahead_.data() + taken_, n, data);
    taken_ += n;
    return ssize_t(n);
  }
  size_t got = 0;
  IoStatus status = connection_.read(data, size, &got, readDeadline());
  if (status == IoStatus::Ok) return ssize_t(got);
  return status == IoStatus::Closed ? 0 : -1;
}

// cpp-httplib writes an answer's status line and headers in one piece, first.
ssize_t RequestStream::write(const char* data, size_t size) {
  if (!answerDeadline_) {
    answerDeadline_ = deadlineIn(requestTime_.count());
    std::string_view head(data, size);
    answerCloses_ = head.substr(0, head.find("\r\n\r\n")).find("\r\nConnection: close") != std::string_view::npos;
  }
  Deadline deadline = std::min(*answerDeadline_, deadlineIn(writeTimeout_.count()));
  return connection_.writeAll(std::string_view(data, size), deadline) == IoStatus::Ok ? ssize_t(size) : -1;
}

// The JSON answer to a refused request, which closes the connection; and
// its line in the access log.
void answerRefused(RequestStream& stream, const Refusal& refusal, const RefusalLog& log) {
  std::string body = stdlib::rest::errorBody(refusal.errorCode, refusal.message);
  std::string message = "HTTP/1.1 " + std::to_string(refusal.status) + " " + refusal.reason +
                        "\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  stream.write(message.data(), message.size());
  std::string remote;
  int port = 0;
  stream.get_remote_ip_and_port(remote, port);
  auto [method, path] = methodAndPath(stream.readAhead());
  if (log) log(remote, method, path, refusal.status, body.size());
}

// The server's TLS setup from a PEM certificate chain and its key; null
// when they cannot be loaded.
SSL_CTX* serverTlsContext(const std::filesystem::path& certificate, const std::filesystem::path& privateKey) {
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
  bool loaded = SSL_CTX_use_certificate_chain_file(context, certificate.c_str()) == 1 &&
                SSL_CTX_use_PrivateKey_file(context, privateKey.c_str(), SSL_FILETYPE_PEM) == 1 &&
                SSL_CTX_check_private_key(context) == 1;
  if (loaded) return context;
  SSL_CTX_free(context);
  return nullptr;
}

}  // namespace

RequestServer::RequestServer(const std::filesystem::path& certificate, const std::filesystem::path& privateKey,
                             milliseconds requestTime, RefusalLog log)
    : tls_(certificate.empty() ? nullptr : serverTlsContext(certificate, privateKey), &SSL_CTX_free),
      wantsTls_(!certificate.empty()),
      requestTime_(requestTime),
      log_(std::move(log)) {}

RequestServer::~RequestServer() = default;

bool RequestServer::is_valid() const { return !wantsTls_ || tls_; }

// Until the next request's first byte arrives: false when the keep-alive
// time passes or the server stops first.
bool RequestServer::waitForRequest(Connection& connection) const {
  Deadline idleUntil = deadlineIn(keep_alive_timeout_sec_ * 1000);
  while (svr_sock_ != INVALID_SOCKET) {
    if (connection.waitReadable(std::min(idleUntil, Clock::now() + kStopCheck))) return true;
    if (Clock::now() >= idleUntil) return false;
  }
  return false;
}

// What cpp-httplib's own loop does for a connection (keep-alive, up to
// keep_alive_max_count_ requests), on a Connection, each request read
// ahead and checked by a RequestStream before cpp-httplib parses it.
bool RequestServer::process_and_close_socket(socket_t sock) {
  Connection connection(sock);
  if (tls_ && connection.startTlsServer(tls_.get(), deadlineIn(requestTime_.count())) != IoStatus::Ok) return false;
  std::string pending;  // read past the last request: the next one has begun
  for (size_t served = 0; served < keep_alive_max_count_; ++served) {
    if (pending.empty() && !waitForRequest(connection)) break;
    RequestStream stream(connection, std::move(pending), requestTime_, millisOf(read_timeout_sec_, read_timeout_usec_),
                         millisOf(write_timeout_sec_, write_timeout_usec_));
    if (auto refusal = stream.readHead()) {
      if (refusal->status != 0) answerRefused(stream, *refusal, log_);
      break;
    }
    bool lastRequest = served + 1 == keep_alive_max_count_;
    bool clientClosed = false;
    if (!process_request(stream, lastRequest, clientClosed, nullptr) || clientClosed || stream.answerCloses()) break;
    pending = stream.unread();
  }
  connection.finish(deadlineIn(kLingerMillis));
  return true;
}

}  // namespace apex::runtime
