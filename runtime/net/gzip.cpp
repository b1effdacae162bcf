#include "runtime/net/gzip.h"

#include <zlib.h>

namespace apex::runtime {
namespace {
constexpr int kGzipWindow = 15 + 16;  // the largest window, with a gzip wrapper
constexpr int kZlibWindow = 15;       // with a zlib wrapper
constexpr int kRawWindow = -15;       // no wrapper

// RFC 1950 section 2.2: a zlib header names the deflate method and is a
// multiple of 31.
bool startsWithZlibHeader(std::string_view data) {
  if (data.size() < 2) return false;
  auto method = static_cast<unsigned char>(data[0]);
  auto flags = static_cast<unsigned char>(data[1]);
  return (method & 0x0F) == 8 && (method * 256 + flags) % 31 == 0;
}

std::optional<std::string> inflateWith(int windowBits, std::string_view data, size_t maxBytes, bool* tooLarge) {
  z_stream zs{};
  if (inflateInit2(&zs, windowBits) != Z_OK) return std::nullopt;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = uInt(data.size());
  std::string out;
  char chunk[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (out.size() > maxBytes) {
      if (tooLarge) *tooLarge = true;
      rc = Z_MEM_ERROR;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // truncated input
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

}  // namespace

std::string gzipCompress(std::string_view data) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, uLong(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = uInt(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = uInt(out.size());
  deflate(&zs, Z_FINISH);  // deflateBound guarantees one call suffices
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::optional<std::string> gzipDecompress(std::string_view data, size_t maxBytes, bool* tooLarge) {
  return inflateWith(kGzipWindow, data, maxBytes, tooLarge);
}

// Raw data whose first two bytes happen to read as a zlib header is tried
// raw when it does not inflate as zlib data.
std::optional<std::string> deflateDecompress(std::string_view data, size_t maxBytes, bool* tooLarge) {
  bool overLimit = false;
  if (startsWithZlibHeader(data)) {
    if (auto plain = inflateWith(kZlibWindow, data, maxBytes, &overLimit)) return plain;
  }
  if (!overLimit) return inflateWith(kRawWindow, data, maxBytes, tooLarge);
  if (tooLarge) *tooLarge = true;
  return std::nullopt;
}

}  // namespace apex::runtime
