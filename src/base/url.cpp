#include "base/url.h"

#include <arpa/inet.h>

#include <cctype>

#include "base/text.h"

namespace apex {
namespace {

// The scheme before the first `:` of `spec` as java.net.URL recognizes one:
// a letter, then letters, digits, `+`, `-` or `.`; nullopt if there is none.
std::optional<std::string_view> schemeOf(std::string_view spec) {
  size_t colon = spec.find(':');
  if (colon == std::string_view::npos || colon == 0 || !std::isalpha(static_cast<unsigned char>(spec[0])))
    return std::nullopt;
  std::string_view scheme = spec.substr(0, colon);
  for (char c : scheme) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return std::nullopt;
  }
  return scheme;
}

// The number `digits` (not empty) spell; nullopt for a character that is
// not a digit or more digits than a port can have.
std::optional<int> portOf(std::string_view digits) {
  int port = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535) return std::nullopt;
    port = port * 10 + (c - '0');
  }
  return port;
}

// ---- java.net.URL

// host[:port] with an optional userinfo@ (URLStreamHandler.parseURL); the
// message when it is malformed.
std::optional<std::string> readAuthority(UrlParts& u, std::string_view authority) {
  u.authority = std::string(authority);
  u.userInfo.reset();
  std::string_view hostPort = authority;
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    u.userInfo = std::string(authority.substr(0, at));
    hostPort = authority.substr(at + 1);
  }
  u.port = -1;
  size_t colon = std::string_view::npos;
  if (!hostPort.empty() && hostPort[0] == '[') {
    size_t close = hostPort.find(']');
    if (close == std::string_view::npos) return "Invalid host: " + std::string(hostPort);
    if (close + 1 < hostPort.size()) {
      if (hostPort[close + 1] != ':') return "Invalid authority field: " + std::string(authority);
      colon = close + 1;
    }
  } else {
    colon = hostPort.find(':');
  }
  u.host = std::string(hostPort.substr(0, colon));
  if (colon == std::string_view::npos || colon + 1 == hostPort.size()) return std::nullopt;
  std::string_view digits = hostPort.substr(colon + 1);
  std::optional<int> port = portOf(digits);
  if (!port) return "For input string: \"" + std::string(digits) + "\"";
  u.port = *port;
  return std::nullopt;
}

// Drops `.` and `name/..` segments, as java.net.URL does when resolving a
// relative spec.
std::string removeDotSegments(std::string path) {
  size_t i;
  while ((i = path.find("/./")) != std::string::npos) path.erase(i, 2);
  while ((i = path.find("/../", 1)) != std::string::npos) {
    size_t prev = path.rfind('/', i - 1);
    if (prev == std::string::npos) break;
    path.erase(prev, i + 3 - prev);
  }
  if (path.size() >= 2 && path.compare(path.size() - 2, 2, "/.") == 0) path.pop_back();
  if (path.size() >= 3 && path.compare(path.size() - 3, 3, "/..") == 0) {
    size_t prev = path.rfind('/', path.size() - 4);
    if (prev != std::string::npos) path.erase(prev + 1);
  }
  return path;
}

// `text` without the part from its first `#`, which goes to `ref`.
std::string takeRef(std::string text, std::optional<std::string>& ref) {
  if (size_t hash = text.find('#'); hash != std::string::npos) {
    ref = text.substr(hash + 1);
    text.erase(hash);
  }
  return text;
}

// The path and query of `rest` (what follows the authority), a relative
// path resolved against the context's when `inherit`.
void readPathAndQuery(UrlParts& u, std::string rest, bool inherit) {
  std::optional<std::string> query;
  if (size_t q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest.erase(q);
  }
  if (!rest.empty()) {
    if (rest[0] != '/' && inherit) {
      size_t slash = u.path.rfind('/');
      rest = (slash == std::string::npos ? (u.authority ? "/" : "") : u.path.substr(0, slash + 1)) + rest;
    }
    u.path = inherit ? removeDotSegments(rest) : rest;
    u.query = query;
  } else if (query) {  // a query alone keeps the context's directory
    size_t slash = u.path.rfind('/');
    u.path = (slash == std::string::npos ? "" : u.path.substr(0, slash)) + "/";
    u.query = query;
  }
}

// What follows the protocol's `:`: #ref, //authority, path and query.
std::optional<std::string> readAfterProtocol(UrlParts& u, std::string_view spec, bool inherit) {
  std::string rest = takeRef(std::string(spec), u.ref);
  if (inherit && rest.empty()) return std::nullopt;  // only a #ref: the context's file
  if (rest.starts_with("//")) {
    size_t end = rest.find_first_of("/?", 2);
    if (auto error = readAuthority(u, std::string_view(rest).substr(2, end == std::string::npos ? end : end - 2)))
      return error;
    rest = end == std::string::npos ? "" : rest.substr(end);
    u.path.clear();
    u.query.reset();
  }
  readPathAndQuery(u, std::move(rest), inherit);
  return std::nullopt;
}

}  // namespace

std::string UrlParts::externalForm() const {
  std::string out = protocol + ":";
  if (authority && !authority->empty()) out += "//" + *authority;
  out += path;
  if (query) out += "?" + *query;
  if (ref) out += "#" + *ref;
  return out;
}

std::optional<int> defaultPortOf(std::string_view protocol) {
  if (protocol == "http") return 80;
  if (protocol == "https") return 443;
  if (protocol == "ftp") return 21;
  if (protocol == "file" || protocol == "jar" || protocol == "mailto") return -1;
  return std::nullopt;
}

std::variant<UrlParts, std::string> parseJavaUrl(const UrlParts* context, std::string_view spec) {
  std::string_view rest = text::trimJava(spec);
  if (rest.size() >= 4 && text::foldCase(rest.substr(0, 4)) == "url:") rest.remove_prefix(4);
  std::optional<std::string> protocol;
  if (std::optional<std::string_view> scheme = schemeOf(rest)) {
    protocol = text::foldCase(*scheme);
    rest.remove_prefix(scheme->size() + 1);
  }
  UrlParts u;
  bool inherit = context && (!protocol || *protocol == context->protocol);
  if (inherit) {
    u = *context;
    u.ref.reset();
  } else if (!protocol) {
    return "no protocol: " + std::string(spec);
  }
  if (protocol) u.protocol = *protocol;
  if (!defaultPortOf(u.protocol)) return "unknown protocol: " + u.protocol;
  if (auto error = readAfterProtocol(u, rest, inherit)) return *error;
  return u;
}

std::variant<UrlParts, std::string> javaUrlFromParts(std::string_view protocol, std::string_view host, int port,
                                                     std::string_view file) {
  UrlParts u;
  u.protocol = text::foldCase(protocol);
  if (!defaultPortOf(u.protocol)) return "unknown protocol: " + u.protocol;
  if (port < -1) return "Invalid port number :" + std::to_string(port);
  u.host = std::string(host);
  if (u.host.find(':') != std::string::npos && u.host[0] != '[') u.host = "[" + u.host + "]";
  u.port = port;
  u.authority = port == -1 ? u.host : u.host + ":" + std::to_string(port);
  std::string pathAndQuery = takeRef(std::string(file), u.ref);
  if (size_t q = pathAndQuery.rfind('?'); q != std::string::npos) {
    u.query = pathAndQuery.substr(q + 1);
    pathAndQuery.erase(q);
  }
  u.path = pathAndQuery;
  return u;
}

// ---- callout endpoints

bool Url::isDefaultPort() const { return port == (scheme == "https" ? 443 : 80); }

std::string Url::origin() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return scheme + "://" + h + (isDefaultPort() ? "" : ":" + std::to_string(port));
}

std::variant<Url, std::string> parseUrl(std::string_view text) {
  std::optional<std::string_view> scheme = schemeOf(text);
  if (!scheme) return "no protocol: " + std::string(text);
  Url url;
  url.scheme = text::foldCase(*scheme);
  if (url.scheme != "http" && url.scheme != "https") return "unknown protocol: " + url.scheme;
  std::string_view rest = text.substr(scheme->size() + 1);
  if (rest.substr(0, 2) != "//") return "Invalid URL, host is missing: " + std::string(text);
  rest.remove_prefix(2);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view tail = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view portText;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return "Invalid URL, bad IPv6 host: " + std::string(text);
    url.host = text::foldCase(authority.substr(1, close - 1));
    if (close + 1 < authority.size() && authority[close + 1] == ':') portText = authority.substr(close + 2);
  } else {
    size_t portColon = authority.rfind(':');
    url.host = text::foldCase(authority.substr(0, portColon));
    if (portColon != std::string_view::npos) portText = authority.substr(portColon + 1);
  }
  if (url.host.empty()) return "Invalid URL, host is missing: " + std::string(text);
  url.port = url.scheme == "https" ? 443 : 80;
  if (!portText.empty()) {
    std::optional<int> port = portOf(portText);
    if (!port || *port < 1 || *port > 65535) return "Invalid URL, bad port: " + std::string(text);
    url.port = *port;
  }
  if (size_t hash = tail.find('#'); hash != std::string_view::npos) tail = tail.substr(0, hash);
  url.target = tail.empty() || tail[0] != '/' ? "/" + std::string(tail) : std::string(tail);
  return url;
}

bool isLoopbackHost(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (text::equalsIgnoreAsciiCase(host, "localhost")) return true;
  std::string address(host);
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, address.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

}  // namespace apex
