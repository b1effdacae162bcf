// An HTTP/1.1 response read as it arrives (RFC 9112): the status line, the
// header fields, and the body as its framing says (Content-Length, chunked,
// or to the end of the connection), each bounded, and each malformed part
// refused with a CalloutException message of its own. Lines of the head
// may end in a bare LF (RFC 9112 section 2.2); the CRLF after a chunk's
// data may not.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>

#include "base/http_message.h"
#include "runtime/net/connection.h"

namespace apex::runtime {

// The status line and header fields of a response (interim 1xx responses
// and chunked trailers included) take at most this many bytes: the JDK's
// default jdk.http.maxHeaderSize.
inline constexpr size_t kMaxResponseHeadBytes = 393216;

// Appends the bytes that arrive next to `buffer`: Ok when there were any,
// else why none came.
using ReadMore = std::function<IoStatus(std::string& buffer)>;

struct ReceivedResponse {
  int statusCode = 0;
  std::string reason;
  HttpHeaders headers;
  std::string body;        // as the server encoded it (Content-Encoding not undone)
  bool reusable = false;   // the connection can carry another request
};

// Why no response was read: the stream ended early (`io`), or the response
// is malformed or too large (`message`, the CalloutException's text).
struct ResponseFailure {
  IoStatus io = IoStatus::Ok;
  std::string message;
};

// The response to a `method` request, from bytes `more` supplies; `server`
// (host:port) names the server in messages.
std::variant<ReceivedResponse, ResponseFailure> readResponse(const ReadMore& more, std::string_view method,
                                                             const std::string& server);

}  // namespace apex::runtime
