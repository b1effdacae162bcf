#include "runtime/net/wire_trace.h"

#include "base/text.h"

namespace apex::runtime {
namespace {

void writeBody(std::ostream& out, char prefix, std::string_view body, const SecretMasker& masker) {
  if (body.empty()) return;
  out << prefix << '\n';
  if (!text::isValidUtf8(body)) {
    out << prefix << " [binary body, " << body.size() << " bytes]\n";
    return;
  }
  std::string shown = masker.mask(body.substr(0, kTraceBodyBytes));
  if (shown.ends_with('\n')) shown.pop_back();  // a final newline starts no line
  size_t start = 0;
  while (start <= shown.size()) {
    size_t end = shown.find('\n', start);
    if (end == std::string::npos) end = shown.size();
    out << prefix << ' ' << std::string_view(shown).substr(start, end - start) << '\n';
    start = end + 1;
  }
  if (body.size() > kTraceBodyBytes)
    out << prefix << " [... " << body.size() - kTraceBodyBytes << " more bytes not shown]\n";
}

void writeHeaders(std::ostream& out, char prefix, const HttpHeaders& headers, const SecretMasker& masker) {
  for (const auto& [name, value] : headers.fields())
    out << prefix << ' ' << name << ": " << masker.maskHeader(name, value) << '\n';
}

}  // namespace

void writeTrace(std::ostream& out, const SecretMasker& masker, const Exchange& x) {
  out << "* callout " << x.number << " (line " << x.line << ")\n";
  out << "> " << x.wire->method << ' ' << masker.mask(x.wire->url.origin() + x.wire->url.target) << '\n';
  writeHeaders(out, '>', *x.sentHeaders, masker);
  if (x.compressed)
    out << "> [gzip: " << x.wire->body.size() << " bytes on the wire, shown decompressed]\n";
  writeBody(out, '>', x.requestBody, masker);
  if (!x.response) {
    out << "< (no response: " << masker.mask(x.failure) << ")\n";
    return;
  }
  out << "< HTTP/1.1 " << x.response->statusCode;
  if (!x.response->status.empty()) out << ' ' << x.response->status;
  out << " (" << (x.origin.empty() ? std::to_string(x.elapsedMillis) + " ms" : x.origin) << ")\n";
  writeHeaders(out, '<', x.response->headers, masker);
  writeBody(out, '<', x.response->body, masker);
  out.flush();
}

}  // namespace apex::runtime
