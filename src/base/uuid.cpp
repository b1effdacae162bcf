#include "base/uuid.h"

#include <openssl/rand.h>

#include <array>
#include <cstdint>

namespace apex {

std::string randomUuid() {
  std::array<uint8_t, 16> bytes{};
  RAND_bytes(bytes.data(), int(bytes.size()));
  bytes[6] = uint8_t((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = uint8_t((bytes[8] & 0x3F) | 0x80);  // the RFC's variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 0x0F];
  }
  return out;
}

}  // namespace apex
