// Apex Reference: URL Class, parsed as java.net.URL parses (whose texts the
// malformed-URL errors use, as runtime/url.h does for callout endpoints).
#include <cctype>
#include <optional>

#include "base/text.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

// What getOrgDomainUrl and friends return: there is no org behind apexrun
// (docs/differences.md).
constexpr std::string_view kOrgDomainUrl = "https://apexrun.localhost";
constexpr std::string_view kCurrentRequestPath = "/services/Soap/s/62.0";

struct UrlParts {
  std::string protocol;  // lower case
  std::optional<std::string> authority, userInfo, query, ref;
  std::string host;
  int port = -1;
  std::string path;
};

struct UrlState : interp::NativeState {
  UrlParts url;
  std::string toString() const override;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The protocols java.net.URL has handlers for, and their default ports.
std::optional<int> defaultPortOf(const std::string& protocol) {
  if (protocol == "http") return 80;
  if (protocol == "https") return 443;
  if (protocol == "ftp") return 21;
  if (protocol == "file" || protocol == "jar" || protocol == "mailto") return -1;
  return std::nullopt;
}

std::string externalForm(const UrlParts& u) {
  std::string out = u.protocol + ":";
  if (u.authority && !u.authority->empty()) out += "//" + *u.authority;
  out += u.path;
  if (u.query) out += "?" + *u.query;
  if (u.ref) out += "#" + *u.ref;
  return out;
}

// host[:port] with optional userinfo@ (URLStreamHandler.parseURL).
void parseAuthority(Interp& vm, UrlParts& u, const std::string& authority) {
  u.authority = authority;
  u.userInfo.reset();
  std::string hostPort = authority;
  if (size_t at = authority.rfind('@'); at != std::string::npos) {
    u.userInfo = authority.substr(0, at);
    hostPort = authority.substr(at + 1);
  }
  u.port = -1;
  size_t colon = std::string::npos;
  if (!hostPort.empty() && hostPort[0] == '[') {
    size_t close = hostPort.find(']');
    if (close == std::string::npos) vm.raise(interp::errors::UrlInvalidHost, hostPort);
    if (close + 1 < hostPort.size()) {
      if (hostPort[close + 1] != ':') vm.raise(interp::errors::UrlInvalidAuthority, authority);
      colon = close + 1;
    }
  } else {
    colon = hostPort.find(':');
  }
  u.host = hostPort.substr(0, colon);
  if (colon == std::string::npos || colon + 1 == hostPort.size()) return;
  std::string digits = hostPort.substr(colon + 1);
  int port = 0;
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535)
      vm.raise(interp::errors::UrlInvalidPortDigits, digits);
    port = port * 10 + (c - '0');
  }
  u.port = port;
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

// java.net.URL(context, spec).
UrlParts parseUrl(Interp& vm, const UrlParts* context, const std::string& original) {
  std::string_view spec = text::trimJava(original);
  if (spec.size() >= 4 && lower(spec.substr(0, 4)) == "url:") spec.remove_prefix(4);
  std::optional<std::string> protocol;
  if (size_t colon = spec.find(':'); colon != std::string_view::npos && colon > 0 &&
                                     std::isalpha(static_cast<unsigned char>(spec[0]))) {
    bool schemeText = true;
    for (char c : spec.substr(0, colon))
      schemeText = schemeText && (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.');
    if (schemeText) protocol = lower(spec.substr(0, colon));
    if (schemeText) spec.remove_prefix(colon + 1);
  }
  UrlParts u;
  bool inherit = context && (!protocol || *protocol == context->protocol);
  if (inherit) {
    u = *context;
    u.ref.reset();
  } else if (!protocol) {
    vm.raise(interp::errors::UrlNoProtocol, original);
  }
  if (protocol) u.protocol = *protocol;
  if (!defaultPortOf(u.protocol)) vm.raise(interp::errors::UrlUnknownProtocol, u.protocol);

  std::string rest(spec);
  if (size_t hash = rest.find('#'); hash != std::string::npos) {
    u.ref = rest.substr(hash + 1);
    rest.erase(hash);
  }
  if (inherit && rest.empty()) return u;  // only a #ref: the context's file
  if (rest.rfind("//", 0) == 0) {
    size_t end = rest.find_first_of("/?", 2);
    parseAuthority(vm, u, rest.substr(2, end == std::string::npos ? std::string::npos : end - 2));
    rest = end == std::string::npos ? "" : rest.substr(end);
    u.path.clear();
    u.query.reset();
  }
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
  return u;
}

UrlParts& urlOf(const Value& v) { return static_cast<UrlState&>(*v.as<interp::InstanceObj>()->native).url; }

Value makeUrl(Interp& vm, UrlParts url) {
  auto state = std::make_unique<UrlState>();
  size_t bytes = 96 + url.path.size() + url.host.size() + (url.query ? url.query->size() : 0);
  state->url = std::move(url);
  return vm.makeNativeInstance("System.Url", std::move(state), bytes);
}

// Apex Reference: URL Class — Url(spec), Url(context, spec)
Value newFromSpec(Interp& vm, Value* args, int) { return makeUrl(vm, parseUrl(vm, nullptr, strArg(vm, args[0]))); }
Value newInContext(Interp& vm, Value* args, int) {
  const UrlParts* context = args[0].isNull() ? nullptr : &urlOf(args[0]);
  return makeUrl(vm, parseUrl(vm, context, strArg(vm, args[1])));
}

// Apex Reference: URL Class — Url(protocol, host, file), Url(protocol, host, port, file)
Value fromPartsImpl(Interp& vm, const Value& protocol, const Value& host, int32_t port, const Value& file) {
  UrlParts u;
  u.protocol = lower(strArg(vm, protocol));
  if (!defaultPortOf(u.protocol)) vm.raise(interp::errors::UrlUnknownProtocol, u.protocol);
  if (port < -1) vm.raise(interp::errors::UrlInvalidPort, port);
  u.host = strArg(vm, host);
  if (u.host.find(':') != std::string::npos && u.host[0] != '[') u.host = "[" + u.host + "]";
  u.port = port;
  u.authority = port == -1 ? u.host : u.host + ":" + std::to_string(port);
  std::string f = strArg(vm, file);
  if (size_t hash = f.find('#'); hash != std::string::npos) {
    u.ref = f.substr(hash + 1);
    f.erase(hash);
  }
  if (size_t q = f.rfind('?'); q != std::string::npos) {
    u.query = f.substr(q + 1);
    f.erase(q);
  }
  u.path = f;
  return makeUrl(vm, std::move(u));
}
Value newFromParts(Interp& vm, Value* args, int) { return fromPartsImpl(vm, args[0], args[1], -1, args[2]); }
Value newFromPartsWithPort(Interp& vm, Value* args, int) {
  return fromPartsImpl(vm, args[0], args[1], intArg(vm, args[2]), args[3]);
}

Value optionalString(Interp& vm, const std::optional<std::string>& s) { return s ? vm.makeString(*s) : Value(); }

// Apex Reference: URL Class — getProtocol(), getHost(), getPort(),
// getDefaultPort(), getPath(), getQuery(), getFile(), getRef(),
// getAuthority(), getUserInfo(), toExternalForm()
Value getProtocol(Interp& vm, Value* args, int) { return vm.makeString(urlOf(args[0]).protocol); }
Value getHost(Interp& vm, Value* args, int) { return vm.makeString(urlOf(args[0]).host); }
Value getPort(Interp&, Value* args, int) { return integer(urlOf(args[0]).port); }
Value getDefaultPort(Interp&, Value* args, int) { return integer(defaultPortOf(urlOf(args[0]).protocol).value_or(-1)); }
Value getPath(Interp& vm, Value* args, int) { return vm.makeString(urlOf(args[0]).path); }
Value getQuery(Interp& vm, Value* args, int) { return optionalString(vm, urlOf(args[0]).query); }
Value getFile(Interp& vm, Value* args, int) {
  const UrlParts& u = urlOf(args[0]);
  return vm.makeString(u.path + (u.query ? "?" + *u.query : ""));
}
Value getRef(Interp& vm, Value* args, int) { return optionalString(vm, urlOf(args[0]).ref); }
Value getAuthority(Interp& vm, Value* args, int) { return optionalString(vm, urlOf(args[0]).authority); }
Value getUserInfo(Interp& vm, Value* args, int) { return optionalString(vm, urlOf(args[0]).userInfo); }
Value toExternalForm(Interp& vm, Value* args, int) { return vm.makeString(externalForm(urlOf(args[0]))); }

// Apex Reference: URL Class — sameFile(URLToCompare): equal but for the
// #ref, hosts compared ignoring case and ports with their defaults filled in.
Value sameFile(Interp&, Value* args, int) {
  if (args[1].isNull()) return boolean(false);
  const UrlParts& a = urlOf(args[0]);
  const UrlParts& b = urlOf(args[1]);
  auto effectivePort = [](const UrlParts& u) { return u.port == -1 ? defaultPortOf(u.protocol).value_or(-1) : u.port; };
  return boolean(a.protocol == b.protocol && text::equalsIgnoreCase(a.host, b.host) &&
                 effectivePort(a) == effectivePort(b) && a.path == b.path && a.query == b.query);
}

// Apex Reference: URL Class — getOrgDomainUrl(), getSalesforceBaseUrl(),
// getCurrentRequestUrl(): apexrun's local stand-ins.
Value getOrgDomainUrl(Interp& vm, Value*, int) { return makeUrl(vm, parseUrl(vm, nullptr, std::string(kOrgDomainUrl))); }
Value getCurrentRequestUrl(Interp& vm, Value*, int) {
  return makeUrl(vm, parseUrl(vm, nullptr, std::string(kOrgDomainUrl) + std::string(kCurrentRequestPath)));
}

const sema::NativeDef kNatives[] = {
    {"Url", "new(String)", &newFromSpec},
    {"Url", "new(Url, String)", &newInContext},
    {"Url", "new(String, String, String)", &newFromParts},
    {"Url", "new(String, String, Integer, String)", &newFromPartsWithPort},
    {"Url", "String getProtocol()", &getProtocol},
    {"Url", "String getHost()", &getHost},
    {"Url", "Integer getPort()", &getPort},
    {"Url", "Integer getDefaultPort()", &getDefaultPort},
    {"Url", "String getPath()", &getPath},
    {"Url", "String getQuery()", &getQuery},
    {"Url", "String getFile()", &getFile},
    {"Url", "String getRef()", &getRef},
    {"Url", "String getAuthority()", &getAuthority},
    {"Url", "String getUserInfo()", &getUserInfo},
    {"Url", "String toExternalForm()", &toExternalForm},
    {"Url", "Boolean sameFile(Url)", &sameFile},
    {"Url", "static Url getOrgDomainUrl()", &getOrgDomainUrl},
    {"Url", "static Url getSalesforceBaseUrl()", &getOrgDomainUrl},
    {"Url", "static Url getCurrentRequestUrl()", &getCurrentRequestUrl},
};

}  // namespace

std::string UrlState::toString() const { return externalForm(url); }

std::span<const sema::NativeDef> urlNatives() { return kNatives; }

}  // namespace apex::stdlib
