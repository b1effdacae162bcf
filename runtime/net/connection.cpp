#include "runtime/net/connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>

namespace apex::runtime {
namespace {

// Waits until `fd` is ready for `events`; false once the deadline has
// passed. A poll error counts as ready: the call that follows reports it.
bool waitFor(int fd, short events, Deadline deadline) {
  for (;;) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd entry{fd, events, 0};
    int rc = ::poll(&entry, 1, int(std::min<long long>(left, INT_MAX)));
    if (rc > 0 || (rc < 0 && errno != EINTR)) return true;
  }
}

bool passed(Deadline deadline) { return Clock::now() >= deadline; }

void makeNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK); }

bool isIpAddress(const std::string& host) {
  unsigned char address[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, host.c_str(), address) == 1 || ::inet_pton(AF_INET6, host.c_str(), address) == 1;
}

// One address of the host: the connected socket, or why not (-1 and errno).
int connectTo(const addrinfo& address, Deadline deadline, bool* timedOut) {
  int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address.ai_protocol);
  if (fd < 0) return -1;
  int yes = 1;  // small requests go out at once, not after the peer's delayed ACK
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  int error = 0;
  if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0) {
    error = errno;
    if (error == EINPROGRESS) {
      if (!waitFor(fd, POLLOUT, deadline)) {
        *timedOut = true;
        error = ETIMEDOUT;
      } else {
        socklen_t length = sizeof error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
      }
    }
  }
  if (error == 0) return fd;
  ::close(fd);
  errno = error;
  return -1;
}

}  // namespace

Deadline deadlineIn(long long millis) { return Clock::now() + std::chrono::milliseconds(millis); }

Connection::Connection(int fd) : fd_(fd) { makeNonBlocking(fd_); }

Connection::~Connection() {
  if (ssl_) {
    SSL_shutdown(ssl_);  // one attempt at close_notify; the socket does not wait for it
    SSL_free(ssl_);
  }
  ::close(fd_);
}

std::variant<std::unique_ptr<Connection>, ConnectProblem> Connection::open(const std::string& host, int port,
                                                                           Deadline deadline) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return ConnectProblem::UnknownHost;
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  bool timedOut = false;
  for (addrinfo* address = found; address && !timedOut; address = address->ai_next) {
    int fd = connectTo(*address, deadline, &timedOut);
    if (fd >= 0) return std::make_unique<Connection>(fd);
  }
  return timedOut ? ConnectProblem::TimedOut : ConnectProblem::Refused;
}

IoStatus Connection::startTlsClient(SSL_CTX* context, const std::string& host, Deadline deadline) {
  ssl_ = SSL_new(context);
  SSL_set_fd(ssl_, fd_);
  // A peer that closes without close_notify ends the stream; the HTTP
  // framing tells whether anything was cut short.
  SSL_set_options(ssl_, SSL_OP_IGNORE_UNEXPECTED_EOF);
  if (isIpAddress(host)) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl_, host.c_str());
    SSL_set1_host(ssl_, host.c_str());
  }
  SSL_set_connect_state(ssl_);
  return handshake(deadline);
}

IoStatus Connection::startTlsServer(SSL_CTX* context, Deadline deadline) {
  ssl_ = SSL_new(context);
  SSL_set_fd(ssl_, fd_);
  SSL_set_options(ssl_, SSL_OP_IGNORE_UNEXPECTED_EOF);
  SSL_set_accept_state(ssl_);
  return handshake(deadline);
}

long Connection::verifyResult() const { return ssl_ ? SSL_get_verify_result(ssl_) : X509_V_OK; }

IoStatus Connection::handshake(Deadline deadline) {
  return tlsCall([this](size_t*) { return SSL_do_handshake(ssl_); }, deadline, nullptr);
}

// One OpenSSL call on the non-blocking socket, repeated until it is done,
// waiting for the socket in between.
template <typename Call>
IoStatus Connection::tlsCall(Call call, Deadline deadline, size_t* done) {
  for (;;) {
    int rc = call(done);
    if (rc == 1) return IoStatus::Ok;
    switch (SSL_get_error(ssl_, rc)) {
      case SSL_ERROR_WANT_READ:
        if (!waitFor(fd_, POLLIN, deadline)) return IoStatus::TimedOut;
        break;
      case SSL_ERROR_WANT_WRITE:
        if (!waitFor(fd_, POLLOUT, deadline)) return IoStatus::TimedOut;
        break;
      case SSL_ERROR_ZERO_RETURN: return IoStatus::Closed;
      default: return IoStatus::Failed;
    }
  }
}

IoStatus Connection::read(char* data, size_t size, size_t* got, Deadline deadline) {
  // Checked first: a peer that always has a byte ready never makes a read wait.
  if (passed(deadline)) return IoStatus::TimedOut;
  if (ssl_) return tlsCall([&](size_t* n) { return SSL_read_ex(ssl_, data, size, n); }, deadline, got);
  for (;;) {
    ssize_t n = ::recv(fd_, data, size, 0);
    if (n > 0) {
      *got = size_t(n);
      return IoStatus::Ok;
    }
    if (n == 0) return IoStatus::Closed;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return IoStatus::Failed;
    if (!waitFor(fd_, POLLIN, deadline)) return IoStatus::TimedOut;
  }
}

IoStatus Connection::writeAll(std::string_view data, Deadline deadline) {
  while (!data.empty()) {
    if (passed(deadline)) return IoStatus::TimedOut;
    size_t sent = 0;
    if (ssl_) {
      IoStatus status =
          tlsCall([&](size_t* n) { return SSL_write_ex(ssl_, data.data(), data.size(), n); }, deadline, &sent);
      if (status != IoStatus::Ok) return status;
    } else {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return IoStatus::Failed;
      if (n < 0) {
        if (!waitFor(fd_, POLLOUT, deadline)) return IoStatus::TimedOut;
        continue;
      }
      sent = size_t(n);
    }
    data.remove_prefix(sent);
  }
  return IoStatus::Ok;
}

bool Connection::waitReadable(Deadline deadline) const {
  return (ssl_ && SSL_pending(ssl_) > 0) || waitFor(fd_, POLLIN, deadline);
}

void Connection::finish(Deadline deadline) {
  if (ssl_) SSL_shutdown(ssl_);
  ::shutdown(fd_, SHUT_WR);
  char discarded[4096];
  size_t got = 0;
  while (read(discarded, sizeof discarded, &got, deadline) == IoStatus::Ok) {
  }
}

bool Connection::idle() const {
  if (ssl_ && SSL_pending(ssl_) > 0) return false;
  pollfd entry{fd_, POLLIN, 0};
  return ::poll(&entry, 1, 0) == 0;
}

}  // namespace apex::runtime
