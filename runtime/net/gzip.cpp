#include "runtime/net/gzip.h"

#include <zlib.h>

namespace apex::runtime {
namespace {
constexpr int kGzipWindow = 15 + 16;  // the largest window, with a gzip wrapper
}

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
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindow) != Z_OK) return std::nullopt;
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

}  // namespace apex::runtime
