// Endpoint URLs of callouts: parsed as java.net.URL reads them, since the
// platform's messages for a bad endpoint are Java's (`no protocol: x`).
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace apex::runtime {

struct Url {
  std::string scheme;  // lower case: http or https
  std::string host;    // lower case, IPv6 without brackets
  int port = 0;        // explicit, or the scheme's default
  std::string target;  // path and query, at least "/"

  // `scheme://host:port`, the port only when not the default.
  std::string origin() const;
  bool isDefaultPort() const;
};

// The URL, or the text of what is wrong with it.
std::variant<Url, std::string> parseUrl(std::string_view text);

}  // namespace apex::runtime
