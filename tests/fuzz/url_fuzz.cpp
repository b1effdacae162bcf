// libFuzzer target: URL parsing (callout endpoints, java.net.URL), form
// encoding both ways (OAuth requests, `apexrun serve`'s form bodies, the
// loopback redirect's query) and the loopback test of hosts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "base/url.h"
#include "base/url_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto url = apex::parseUrl(text);
  if (auto* parsed = std::get_if<apex::Url>(&url)) {
    (void)parsed->origin();
    (void)apex::isLoopbackHost(parsed->host);
  }
  auto java = apex::parseJavaUrl(nullptr, text);
  if (auto* parts = std::get_if<apex::UrlParts>(&java)) {
    (void)parts->externalForm();
    (void)apex::parseJavaUrl(parts, text);  // the input again, relative to itself
  }
  std::string decoded = apex::formUrlDecode(text);
  // Encoding then decoding gives the bytes back.
  if (apex::formUrlDecode(apex::formUrlEncode(decoded)) != decoded) __builtin_trap();
  (void)apex::formUrlDecodeStrict(text, [](const std::string& bytes) { return bytes; });
  return 0;
}
