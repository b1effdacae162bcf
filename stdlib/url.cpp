// Apex Reference: URL Class, parsed as java.net.URL parses (base/url.h),
// whose texts a malformed URL's StringException carries.
#include <optional>
#include <variant>

#include "base/text.h"
#include "base/url.h"
#include "stdlib/local_org.h"
#include "stdlib/native.h"
#include "stdlib/natives_all.h"

namespace apex::stdlib {
namespace {

constexpr std::string_view kCurrentRequestPath = "/services/Soap/s/62.0";

struct UrlState : interp::NativeState {
  UrlParts url;
  std::string toString() const override;
};

// A parsed URL, or a malformed one's message raised as a StringException.
UrlParts parsedOrRaise(Interp& vm, std::variant<UrlParts, std::string> parsed) {
  if (auto* message = std::get_if<std::string>(&parsed)) vm.raise(interp::errors::MalformedUrl, *message);
  return std::get<UrlParts>(std::move(parsed));
}

UrlParts& urlOf(const Value& v) { return static_cast<UrlState&>(*v.as<interp::InstanceObj>()->native).url; }

Value makeUrl(Interp& vm, UrlParts url) {
  auto state = std::make_unique<UrlState>();
  size_t bytes = 96 + url.path.size() + url.host.size() + (url.query ? url.query->size() : 0);
  state->url = std::move(url);
  return vm.makeNativeInstance("System.Url", std::move(state), bytes);
}

// Apex Reference: URL Class — Url(spec), Url(context, spec)
Value newFromSpec(Interp& vm, Value* args, int) {
  return makeUrl(vm, parsedOrRaise(vm, parseJavaUrl(nullptr, strArg(vm, args[0]))));
}
Value newInContext(Interp& vm, Value* args, int) {
  const UrlParts* context = args[0].isNull() ? nullptr : &urlOf(args[0]);
  return makeUrl(vm, parsedOrRaise(vm, parseJavaUrl(context, strArg(vm, args[1]))));
}

// Apex Reference: URL Class — Url(protocol, host, file), Url(protocol, host, port, file)
Value fromPartsImpl(Interp& vm, const Value& protocol, const Value& host, int32_t port, const Value& file) {
  const std::string& protocolText = strArg(vm, protocol);
  // Views of the arguments' own text (a `cond ? "" : str(v)` would view a temporary copy).
  std::string_view hostText = host.isNull() ? std::string_view() : std::string_view(str(host));
  std::string_view fileText = file.isNull() ? std::string_view() : std::string_view(str(file));
  UrlParts url = parsedOrRaise(vm, javaUrlFromParts(protocolText, hostText, port, fileText));
  // A bad protocol or port is reported before a null host or file.
  nonNull(vm, host);
  nonNull(vm, file);
  return makeUrl(vm, std::move(url));
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
Value toExternalForm(Interp& vm, Value* args, int) { return vm.makeString(urlOf(args[0]).externalForm()); }

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
Value getOrgDomainUrl(Interp& vm, Value*, int) { return makeUrl(vm, parsedOrRaise(vm, parseJavaUrl(nullptr, kOrgDomainUrl))); }
Value getCurrentRequestUrl(Interp& vm, Value*, int) {
  std::string url = std::string(kOrgDomainUrl) + std::string(kCurrentRequestPath);
  return makeUrl(vm, parsedOrRaise(vm, parseJavaUrl(nullptr, url)));
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

std::string UrlState::toString() const { return url.externalForm(); }

std::span<const sema::NativeDef> urlNatives() { return kNatives; }

}  // namespace apex::stdlib
