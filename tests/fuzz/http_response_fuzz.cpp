// libFuzzer target: a callout's response as it comes off the wire
// (runtime/net/response_reader.h), in pieces of the sizes the input's first
// bytes choose, as a server's writes arrive, for a GET and a HEAD; then the
// body's Content-Encoding undone (runtime/net/gzip.h) as the callout does.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "runtime/net/gzip.h"
#include "runtime/net/response_reader.h"

namespace {

using namespace apex::runtime;

// The response in `wire`, delivered `piece` bytes at a time (at least one),
// then the end of the stream.
void readInPieces(std::string_view wire, size_t piece, std::string_view method) {
  ReadMore more = [&](std::string& buffer) {
    if (wire.empty()) return IoStatus::Closed;
    size_t n = std::min(piece, wire.size());
    buffer.append(wire.substr(0, n));
    wire.remove_prefix(n);
    return IoStatus::Ok;
  };
  auto read = readResponse(more, method, "fuzz.example.com:443");
  if (auto* failure = std::get_if<ResponseFailure>(&read)) {
    // A failure is either the stream's end or a message, never neither.
    if (failure->io == IoStatus::Ok && failure->message.empty()) __builtin_trap();
    return;
  }
  const ReceivedResponse& response = std::get<ReceivedResponse>(read);
  if (response.body.size() > apex::kMaxCalloutBodyBytes) __builtin_trap();
  if (response.statusCode < 0 || response.statusCode > 999) __builtin_trap();
  (void)gzipDecompress(response.body, apex::kMaxCalloutBodyBytes);
  (void)deflateDecompress(response.body, apex::kMaxCalloutBodyBytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  size_t piece = size_t(data[0]) + 1;
  std::string_view wire(reinterpret_cast<const char*>(data) + 1, size - 1);
  readInPieces(wire, piece, "GET");
  readInPieces(wire, 1, "HEAD");
  return 0;
}
