#include "runtime/callouts/callouts.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "base/text.h"
#include "interp/errors.h"
#include "interp/limits.h"
#include "runtime/net/gzip.h"

namespace apex::runtime {
namespace errors = interp::errors;
namespace {

// Apex Reference: HttpRequest Class — setMethod.
constexpr std::array<std::string_view, 9> kMethods = {"GET",   "POST",    "PUT",   "PATCH",  "DELETE",
                                                      "HEAD",  "OPTIONS", "TRACE", "CONNECT"};

bool isCalloutEndpoint(std::string_view endpoint) {
  return endpoint.size() >= 8 && text::equalsIgnoreCase(endpoint.substr(0, 8), "callout:");
}

bool isTimeout(const CalloutFailure& f) {
  return f.message == errors::text(errors::ReadTimedOut) || f.message == errors::text(errors::ConnectTimedOut);
}

// CR, LF or NUL: what ends a header line on the wire.
bool breaksHeaderLine(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

// A client certificate is named by a bare name: `../x` or `/etc/x` would
// reach any .crt and .key pair on the machine.
bool isBareCertificateName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string_view("/\\\0", 3)) == std::string::npos;
}

// Whether `file` resolves (through any link) to a file of `folder`.
bool resolvesInside(const std::filesystem::path& file, const std::filesystem::path& folder) {
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(file, ec);
  if (ec) return false;
  std::filesystem::path realFolder = std::filesystem::canonical(folder, ec);
  return !ec && real.parent_path() == realFolder;
}

}  // namespace

CalloutService::CalloutService(CalloutOptions options)
    : options_(std::move(options)), transport_(options_.tls), credentials_(options_.credentials, masker_) {
  if (options_.recordDir) recorder_.emplace(*options_.recordDir);
}

std::optional<std::filesystem::path> CalloutService::clientCertificate(const std::string& name) const {
  if (!isBareCertificateName(name)) return std::nullopt;
  for (const auto& folder : options_.certificateFolders) {
    std::filesystem::path cert = folder / (name + ".crt");
    std::filesystem::path key = folder / (name + ".key");
    std::error_code ec;
    if (std::filesystem::is_regular_file(cert, ec) && std::filesystem::is_regular_file(key, ec) &&
        resolvesInside(cert, folder) && resolvesInside(key, folder))
      return cert;
  }
  return std::nullopt;
}

std::variant<WireRequest, CalloutFailure> CalloutService::prepare(const CalloutRequest& request, int budgetMillis,
                                                                  std::optional<CredentialRequest>* viaCredential) {
  auto fail = [](std::string message) { return CalloutFailure{std::move(message)}; };
  if (request.endpoint.empty()) return fail(errors::text(errors::EndpointNotSet));
  if (request.method.empty()) return fail(errors::text(errors::MethodNotSet));
  if (std::find(kMethods.begin(), kMethods.end(), request.method) == kMethods.end())
    return fail(errors::text(errors::InvalidHttpMethod, request.method));

  WireRequest wire;
  wire.method = request.method;
  wire.headers = request.headers;
  wire.body = request.body;
  std::string endpoint = request.endpoint;
  if (isCalloutEndpoint(request.endpoint)) {
    auto resolved = credentials_.resolve(request);
    if (auto* problem = std::get_if<CalloutFailure>(&resolved)) return *problem;
    CredentialRequest& via = std::get<CredentialRequest>(resolved);
    endpoint = via.url;
    wire.headers = via.headers;
    wire.body = via.body;
    *viaCredential = std::move(via);
  } else {
    credentials_.hintPlainRequest(request);
  }
  auto url = parseUrl(endpoint);
  if (auto* problem = std::get_if<std::string>(&url)) return fail(*problem);
  wire.url = std::get<Url>(url);
  // A named credential's URL needs no remote site setting.
  if (!*viaCredential && options_.enforceRemoteSites && !options_.remoteSites.allows(wire.url)) {
    credentials_.hint("the project has no Remote Site Setting for " + wire.url.origin() + ": add remoteSiteSettings/NAME" +
         ".remoteSite-meta.xml with <url>" + wire.url.origin() + "</url> to a package directory, or run with "
         "--remote-site " + wire.url.origin());
    return fail(errors::text(errors::UnauthorizedEndpoint, request.endpoint));
  }
  if (size_t size = wire.headers.byteSize(); size > kMaxCalloutHeaderBytes) return fail(errors::text(errors::HeadersTooLarge, size));
  // After merge fields are expanded: a merged value cannot inject either.
  for (const auto& [name, value] : wire.headers.fields()) {
    if (breaksHeaderLine(name)) return fail(errors::text(errors::IllegalHeaderName));
    if (breaksHeaderLine(value)) return fail(errors::text(errors::IllegalHeaderValue, name));
  }
  if (wire.body.size() > kMaxCalloutBodyBytes)
    return fail(errors::text(errors::BodyTooLarge, "request", wire.body.size()));
  if (!request.clientCertificate.empty()) {
    auto cert = clientCertificate(request.clientCertificate);
    if (!cert) return fail(errors::text(errors::ClientCertificateNotFound, request.clientCertificate, request.clientCertificate, request.clientCertificate));
    wire.clientCertificate = *cert;
  }

  if (!wire.headers.get("User-Agent")) wire.headers.set("User-Agent", options_.userAgent);
  if (request.compressed && !wire.body.empty()) {
    wire.body = gzipCompress(wire.body);
    wire.headers.set("Content-Encoding", "gzip");
  }
  wire.timeoutMillis = std::min(request.timeoutMillis, budgetMillis);
  return wire;
}

// A body sent with `Content-Encoding: gzip` (or x-gzip) or `deflate`
// reaches Apex inflated, within the response size limit.
CalloutResult CalloutService::decode(WireResponse wire) {
  CalloutResponse response;
  response.statusCode = wire.statusCode;
  response.status = std::move(wire.status);
  response.headers = std::move(wire.headers);
  response.body = std::move(wire.body);
  const std::string* encoding = response.headers.get("Content-Encoding");
  if (!encoding || response.body.empty()) return response;
  bool gzip = text::equalsIgnoreCase(*encoding, "gzip") || text::equalsIgnoreCase(*encoding, "x-gzip");
  bool deflate = text::equalsIgnoreCase(*encoding, "deflate");
  if (!gzip && !deflate) return response;
  bool tooLarge = false;
  auto plain = gzip ? gzipDecompress(response.body, kMaxCalloutBodyBytes, &tooLarge)
                    : deflateDecompress(response.body, kMaxCalloutBodyBytes, &tooLarge);
  if (tooLarge)
    return CalloutFailure{errors::text(errors::BodyTooLarge, "response", "over " + std::to_string(kMaxCalloutBodyBytes))};
  if (!plain) return CalloutFailure{errors::text(errors::BadCompressedResponse, gzip ? "gzip" : "deflate")};
  response.body = std::move(*plain);
  return response;
}

void CalloutService::report(const Exchange& exchange) {
  if (options_.trace) writeTrace(*options_.trace, masker_, exchange);
  if (recorder_ && exchange.response) {
    if (auto problem = recorder_->write(masker_, exchange)) warnings_.push_back("--record: " + *problem);
  }
}

CalloutResult CalloutService::send(const CalloutRequest& request, int line, int budgetMillis,
                                   long long* elapsedMillis) {
  *elapsedMillis = 0;
  std::optional<CredentialRequest> via;
  auto prepared = prepare(request, budgetMillis, &via);
  if (auto* failure = std::get_if<CalloutFailure>(&prepared)) return *failure;
  CalloutResult result = exchange(request, std::get<WireRequest>(prepared), line, elapsedMillis);
  auto* response = std::get_if<CalloutResponse>(&result);
  if (!via || !response || !credentials_.needsRefresh(*via, response->statusCode)) return result;

  // The token was refused: get a new one and send the request once more;
  // the second answer goes to Apex as it is.
  // Replayed callouts never reach the network: the recorded retry answers.
  if (!options_.replayer) {
    if (auto failure = credentials_.refresh(*via)) return *failure;
  }
  std::optional<CredentialRequest> again;
  prepared = prepare(request, std::max(1, budgetMillis - int(*elapsedMillis)), &again);
  if (auto* failure = std::get_if<CalloutFailure>(&prepared)) return *failure;
  long long retryMillis = 0;
  result = exchange(request, std::get<WireRequest>(prepared), line, &retryMillis);
  *elapsedMillis += retryMillis;
  return result;
}

// One request and its response, over the network or from recordings,
// traced and recorded.
CalloutResult CalloutService::exchange(const CalloutRequest& request, const WireRequest& wire, int line,
                                       long long* elapsedMillis) {
  // A server may echo the credentials sent: they are masked in its answer too.
  for (const auto& [name, value] : wire.headers.fields())
    if (isAuthorizationHeader(name)) masker_.addAuthorization(value);
  Exchange exchange;
  exchange.number = ++count_;
  exchange.line = line;
  exchange.wire = &wire;
  exchange.sentHeaders = &wire.headers;
  std::string plainBody = request.compressed && !wire.body.empty() ? request.body : wire.body;
  exchange.requestBody = plainBody;
  exchange.compressed = request.compressed && !wire.body.empty();

  if (options_.replayer) {
    auto answer = options_.replayer->answer(masker_, wire, plainBody);
    if (auto* failure = std::get_if<CalloutFailure>(&answer)) return *failure;
    auto& [response, file] = std::get<std::pair<CalloutResponse, std::string>>(answer);
    exchange.response = &response;
    exchange.origin = "replayed from " + file;
    report(exchange);
    return response;
  }

  auto started = std::chrono::steady_clock::now();
  WireResult result = transport_.send(wire);
  *elapsedMillis =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  exchange.elapsedMillis = *elapsedMillis;
  if (auto* failure = std::get_if<CalloutFailure>(&result)) {
    // The transaction's time ran out before the request's own timeout.
    if (isTimeout(*failure) && wire.timeoutMillis < request.timeoutMillis)
      failure->message = interp::limitExceeded(interp::Limit::CalloutTime, interp::limitSpec(interp::Limit::CalloutTime).synchronous);
    exchange.failure = failure->message;
    if (options_.trace) writeTrace(*options_.trace, masker_, exchange);
    return *failure;
  }
  WireResponse& received = std::get<WireResponse>(result);
  HttpHeaders sent = std::move(received.sentHeaders);
  exchange.sentHeaders = &sent;
  CalloutResult decoded = decode(std::move(received));
  if (auto* failure = std::get_if<CalloutFailure>(&decoded)) {
    exchange.failure = failure->message;
    if (options_.trace) writeTrace(*options_.trace, masker_, exchange);
    return decoded;
  }
  exchange.response = &std::get<CalloutResponse>(decoded);
  report(exchange);
  return decoded;
}

}  // namespace apex::runtime
