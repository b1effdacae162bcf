// What a callout makes of the bytes a server sends, well-formed or not
// (RFC 9112 framing, Content-Encoding): the callout service against a raw
// socket server on 127.0.0.1 that answers every connection with canned bytes.
#include <catch2/catch.hpp>
#include <poll.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "runtime/callouts/callouts.h"
#include "runtime/net/gzip.h"
#include "socket_test_support.h"

using namespace apex;
using namespace apex::runtime;

namespace {

// Reads each connection's request head, writes `response` and closes it.
class CannedServer {
 public:
  explicit CannedServer(std::string response) : response_(std::move(response)) {
    listener_ = listenOnLoopback(&port_);
    serving_ = std::thread([this] { serve(); });
  }
  ~CannedServer() {
    stopping_ = true;
    serving_.join();
    ::close(listener_);
  }
  CannedServer(const CannedServer&) = delete;
  CannedServer& operator=(const CannedServer&) = delete;

  std::string hostPort() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  void serve() {
    while (!stopping_) {
      pollfd entry{listener_, POLLIN, 0};
      if (::poll(&entry, 1, 50) <= 0) continue;
      int peer = ::accept(listener_, nullptr, nullptr);
      if (peer < 0) continue;
      std::string request;
      char chunk[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(peer, chunk, sizeof chunk, 0);
        if (n <= 0) break;
        request.append(chunk, size_t(n));
      }
      for (size_t sent = 0; sent < response_.size();) {
        ssize_t n = ::send(peer, response_.data() + sent, response_.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += size_t(n);
      }
      ::close(peer);
    }
  }

  std::string response_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_ = false;
  std::thread serving_;
};

CalloutResult getFrom(const CannedServer& server) {
  CalloutService service{CalloutOptions{}};
  CalloutRequest request;
  request.method = "GET";
  request.endpoint = "http://" + server.hostPort() + "/";
  request.timeoutMillis = 5000;
  long long elapsed = 0;
  return service.send(request, 1, 120000, &elapsed);
}

// The CalloutException message for `response`, its server named `SERVER`.
std::string failureFor(const std::string& response) {
  CannedServer server(response);
  CalloutResult result = getFrom(server);
  REQUIRE(std::holds_alternative<CalloutFailure>(result));
  std::string message = std::get<CalloutFailure>(result).message;
  if (size_t at = message.find(server.hostPort()); at != std::string::npos)
    message.replace(at, server.hostPort().size(), "SERVER");
  return message;
}

CalloutResponse responseTo(const std::string& response) {
  CannedServer server(response);
  CalloutResult result = getFrom(server);
  if (auto* failure = std::get_if<CalloutFailure>(&result)) FAIL(failure->message);
  return std::get<CalloutResponse>(result);
}

std::string withBody(const std::string& headers, const std::string& body) {
  return "HTTP/1.1 200 OK\r\n" + headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// zlib's compress(): deflate data in the zlib wrapper.
std::string zlibWrapped(const std::string& data) {
  uLongf size = compressBound(uLong(data.size()));
  std::string out(size, '\0');
  compress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()), uLong(data.size()));
  out.resize(size);
  return out;
}

// Raw deflate data: the wrapped data without its 2-byte header and 4-byte checksum.
std::string rawDeflate(const std::string& data) {
  std::string wrapped = zlibWrapped(data);
  return wrapped.substr(2, wrapped.size() - 6);
}

const std::string kInvalid = "Invalid HTTP response from server SERVER: ";

}  // namespace

TEST_CASE("two different Content-Length values are refused; the same one twice is read", "[callout][wire]") {
  CHECK(failureFor("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nhello") ==
        kInvalid + "two different Content-Length values, 2 and 5");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nContent-Length: 5, 2\r\n\r\nhello") ==
        kInvalid + "two different Content-Length values, 5 and 2");
  CHECK(responseTo("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello").body == "hello");
  CHECK(responseTo("HTTP/1.1 200 OK\r\nContent-Length: 5, 05\r\n\r\nhello").body == "hello");
}

TEST_CASE("each kind of malformed response has a message of its own", "[callout][wire]") {
  CHECK(failureFor("HTTP/1.1 OK\r\nContent-Length: 0\r\n\r\n") ==
        kInvalid + "the status line is not HTTP/1.x and a three-digit status code");
  CHECK(failureFor("hello there\r\n\r\n") == kInvalid + "the status line is not HTTP/1.x and a three-digit status code");
  CHECK(failureFor("HTTP/2 200 OK\r\n\r\n") == kInvalid + "the status line is not HTTP/1.x and a three-digit status code");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n") ==
        kInvalid + "a header line is not a name, a colon and a value");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n") ==
        kInvalid + "a header line is not a name, a colon and a value");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\nhello") ==
        kInvalid + "Content-Length '-5' is not a number of bytes");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhello") ==
        kInvalid + "Content-Length '5x' is not a number of bytes");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n") ==
        kInvalid + "chunk size 'zz' is not a hexadecimal number");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n") ==
        kInvalid + "chunk size '-5' is not a hexadecimal number");
  // The CRLF after a chunk's data: a bare LF, or none, is refused.
  CHECK(failureFor("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n") ==
        kInvalid + "a chunk's data is not followed by CRLF");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n") ==
        kInvalid + "a chunk's data is not followed by CRLF");
  // Cut short: the server closed the connection before the end.
  CHECK(failureFor("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello") == "Unexpected end of file from server SERVER");
  CHECK(failureFor("HTTP/1.1 200 OK\r\nContent-") == "Unexpected end of file from server SERVER");
  CHECK(failureFor("") == "Unexpected end of file from server SERVER");
}

TEST_CASE("lines of a response head may end in a bare LF", "[callout][wire]") {
  CalloutResponse response = responseTo("HTTP/1.1 201 Created\nX-One: 1\nContent-Length: 2\n\nhi");
  CHECK(response.statusCode == 201);
  CHECK(response.status == "Created");
  CHECK(*response.headers.get("X-One") == "1");
  CHECK(response.body == "hi");
}

TEST_CASE("a chunked body is joined, its extensions and trailers dropped", "[callout][wire]") {
  CalloutResponse response = responseTo(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;name=value\r\nhello\r\n1 \r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n");
  CHECK(response.body == "hello 0123456789");
  CHECK(response.headers.get("X-Trailer") == nullptr);
}

TEST_CASE("interim 1xx responses are passed over; 204 and 304 have no body", "[callout][wire]") {
  CalloutResponse response = responseTo("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  CHECK(response.statusCode == 200);
  CHECK(response.body == "ok");
  CHECK(responseTo("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n").body.empty());
  CHECK(responseTo("HTTP/1.1 304 Not Modified\r\n\r\n").statusCode == 304);
  // Neither a length nor chunks: the body runs to the end of the connection.
  CHECK(responseTo("HTTP/1.0 200 OK\r\n\r\nto the end").body == "to the end");
}

TEST_CASE("a response with 200,000 header fields is refused at once", "[callout][wire]") {
  std::string head = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 200000; ++i) head += "X-Field-" + std::to_string(i) + ": v\r\n";
  auto started = std::chrono::steady_clock::now();
  CHECK(failureFor(head + "Content-Length: 0\r\n\r\n") == kInvalid + "the status line and headers are over 393216 bytes");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  // One endless header line is refused once it passes the limit too.
  CHECK(failureFor("HTTP/1.1 200 OK\r\nX-Long: " + std::string(400000, 'x')) ==
        kInvalid + "the status line and headers are over 393216 bytes");
}

TEST_CASE("a deflate response is inflated, zlib-wrapped or raw, within the size limit", "[callout][wire][gzip]") {
  const std::string text = "deflated text, deflated text, deflated text";
  CHECK(responseTo(withBody("Content-Encoding: deflate\r\n", zlibWrapped(text))).body == text);
  CHECK(responseTo(withBody("Content-Encoding: deflate\r\n", rawDeflate(text))).body == text);
  CHECK(failureFor(withBody("Content-Encoding: deflate\r\n", "not deflate at all")) ==
        "The response body is not valid deflate data");
  CHECK(failureFor(withBody("Content-Encoding: deflate\r\n", zlibWrapped(std::string(7'000'000, 'x')))) ==
        "Exceeded max size limit of 6000000 with response size over 6000000");
  CHECK(failureFor(withBody("Content-Encoding: gzip\r\n", "not gzip")) == "The response body is not valid gzip data");
  CHECK(responseTo(withBody("Content-Encoding: x-gzip\r\n", gzipCompress(text))).body == text);
}
