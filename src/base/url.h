// URLs as java.net.URL reads them, as plain data: every part of one, for the
// Apex Url class (stdlib/url.cpp), and the narrower reading of a callout
// endpoint (runtime/net), whose messages for a missing host or a bad port
// are apexrun's own. Both take the protocol and the port as java.net.URL does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace apex {

// java.net.URL's fields; an optional one is empty where its getter returns null.
struct UrlParts {
  std::string protocol;  // lower case
  std::optional<std::string> authority, userInfo, query, ref;
  std::string host;
  int port = -1;  // -1: none given
  std::string path;

  // URL.toExternalForm().
  std::string externalForm() const;
};

// The protocols java.net.URL has handlers for, and their default ports (-1
// for those without one); nullopt for any other protocol.
std::optional<int> defaultPortOf(std::string_view protocol);

// new URL(context, spec): `spec` resolved against `context` when it is not
// null. The parts, or java.net.URL's message for a malformed URL.
std::variant<UrlParts, std::string> parseJavaUrl(const UrlParts* context, std::string_view spec);

// new URL(protocol, host, port, file), port -1 for none; the parts, or
// java.net.URL's message.
std::variant<UrlParts, std::string> javaUrlFromParts(std::string_view protocol, std::string_view host, int port,
                                                     std::string_view file);

// A callout endpoint: http or https with a host.
struct Url {
  std::string scheme;  // lower case: http or https
  std::string host;    // lower case, IPv6 without brackets
  int port = 0;        // explicit, or the scheme's default
  std::string target;  // path and query, at least "/"

  // `scheme://host:port`, the port only when not the default.
  std::string origin() const;
  bool isDefaultPort() const;
};

// The endpoint, or the text of what is wrong with it (java.net.URL's
// `no protocol: x` and `unknown protocol: x`, else `Invalid URL, ...`).
std::variant<Url, std::string> parseUrl(std::string_view text);

// `localhost`, an IPv4 address in 127.0.0.0/8 or ::1 (with or without
// brackets): a host only this machine reaches.
bool isLoopbackHost(std::string_view host);

}  // namespace apex
