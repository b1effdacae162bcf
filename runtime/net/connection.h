// A TCP connection, plain or TLS, for the callout client and `apexrun
// serve`. The socket is non-blocking: every connect, handshake, read and
// write waits with poll() no later than a deadline the caller gives, so a
// peer that trickles its bytes cannot hold it past that time.
#pragma once

#include <openssl/ssl.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace apex::runtime {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

// How a read, a write or a handshake ended.
enum class IoStatus {
  Ok,
  Closed,    // the peer closed the connection
  TimedOut,  // the deadline passed
  Failed,    // a socket or TLS error (OpenSSL's error queue may say which)
};

// Why a connection could not be opened.
enum class ConnectProblem { UnknownHost, Refused, TimedOut };

class Connection {
 public:
  // Takes over a connected socket (one `accept` returned).
  explicit Connection(int fd);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A TCP connection to host:port, trying each address the name resolves to.
  static std::variant<std::unique_ptr<Connection>, ConnectProblem> open(const std::string& host, int port,
                                                                        Deadline deadline);

  // The TLS handshake as a client of `host` (its name sent as SNI and
  // checked against the certificate when `context` verifies peers) or as a
  // server. OpenSSL's error queue and verifyResult() tell why one failed.
  IoStatus startTlsClient(SSL_CTX* context, const std::string& host, Deadline deadline);
  IoStatus startTlsServer(SSL_CTX* context, Deadline deadline);
  long verifyResult() const;

  // Reads up to `size` bytes into `data`: Ok with `*got` > 0, or why not.
  IoStatus read(char* data, size_t size, size_t* got, Deadline deadline);
  IoStatus writeAll(std::string_view data, Deadline deadline);
  // Waits until a byte (or the end of the stream) can be read.
  bool waitReadable(Deadline deadline) const;
  // Open, and nothing (not even the end of the stream) waiting to be read:
  // safe to send another request on.
  bool idle() const;
  // Ends what this side sends (TLS close_notify, then TCP FIN) and reads
  // what the peer still sends until it closes too or the deadline passes:
  // closing with unread bytes would reset the connection, and the peer
  // could lose the last answer before reading it.
  void finish(Deadline deadline);

  int fd() const { return fd_; }

 private:
  IoStatus handshake(Deadline deadline);
  template <typename Call>
  IoStatus tlsCall(Call call, Deadline deadline, size_t* done);

  int fd_;
  SSL* ssl_ = nullptr;
};

// The deadline `millis` milliseconds from now.
Deadline deadlineIn(long long millis);

}  // namespace apex::runtime
