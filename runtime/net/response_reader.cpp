#include "runtime/net/response_reader.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "base/text.h"
#include "interp/errors.h"

namespace apex::runtime {
namespace errors = interp::errors;
namespace {

// A chunk-size line (the size and any extensions) takes at most this many bytes.
constexpr size_t kMaxChunkLineBytes = 4096;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isBlank(char c) { return c == ' ' || c == '\t'; }

// The value of a hexadecimal digit, or -1.
int hexValue(char c) {
  if (isDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 9110 section 5.6.2: the characters of a field name.
bool isToken(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    bool letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(char(c));
    if (!letterOrDigit && std::string_view("!#$%&'*+-.^_`|~").find(char(c)) == std::string_view::npos) return false;
  }
  return true;
}

std::string_view trimBlanks(std::string_view s) {
  while (!s.empty() && isBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && isBlank(s.back())) s.remove_suffix(1);
  return s;
}

// What the server sent, shown in a message: quoted, printable ASCII only,
// at most 40 bytes.
std::string shownAsSent(std::string_view sent) {
  std::string out = "'";
  for (unsigned char c : sent.substr(0, 40)) out += c >= 0x20 && c < 0x7f ? char(c) : '?';
  return out + (sent.size() > 40 ? "...'" : "'");
}

// The comma-separated members of the fields named `name`, lower-cased and
// trimmed.
std::vector<std::string> listMembers(const std::vector<HttpHeaders::Field>& fields, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& [field, value] : fields) {
    if (!text::equalsIgnoreCase(field, name)) continue;
    for (const std::string& member : text::split(value, ',')) out.push_back(text::foldCase(trimBlanks(member)));
  }
  return out;
}

bool hasMember(const std::vector<std::string>& members, std::string_view wanted) {
  for (const std::string& member : members)
    if (member == wanted) return true;
  return false;
}

// How the body's end is found (RFC 9112 section 6.3).
enum class Framing { None, Length, Chunked, UntilClose };

class Reader {
 public:
  Reader(const ReadMore& more, const std::string& server) : more_(more), server_(server) {}

  std::variant<ReceivedResponse, ResponseFailure> response(std::string_view method);

 private:
  template <size_t N, typename... A>
  ResponseFailure malformed(const errors::Error<N>& error, const A&... args) const {
    return ResponseFailure{IoStatus::Ok, errors::text(error, server_, args...)};
  }
  static ResponseFailure tooLarge(std::string size) {
    return ResponseFailure{IoStatus::Ok, errors::text(errors::BodyTooLarge, "response", std::move(size))};
  }
  static ResponseFailure overLimit() { return tooLarge("over " + std::to_string(kMaxCalloutBodyBytes)); }

  IoStatus fill();
  IoStatus line(size_t maxBytes, std::string* out, bool* tooLong);
  std::optional<ResponseFailure> headLine(std::string* out);
  std::optional<ResponseFailure> fields(std::vector<HttpHeaders::Field>* out);
  std::optional<ResponseFailure> take(size_t n, std::string& out);
  std::optional<ResponseFailure> takeRest(std::string& out);
  std::optional<ResponseFailure> chunkedBody(std::string& out);
  std::variant<Framing, ResponseFailure> framing(const std::vector<HttpHeaders::Field>& fields, std::string_view method,
                                                 int status, size_t* length);
  bool exhausted() const { return pos_ == buffer_.size(); }

  const ReadMore& more_;
  const std::string& server_;
  std::string buffer_;
  size_t pos_ = 0;        // the first byte not yet taken
  size_t scanned_ = 0;    // where the search for a line's end goes on
  size_t lineBytes_ = 0;  // what the last line took, its end included
  size_t headBytes_ = 0;  // what the head's lines took so far
};

IoStatus Reader::fill() {
  if (pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = scanned_ = 0;
  }
  return more_(buffer_);
}

// The next line, its LF and any CR before it taken off. Stops reading once
// the line is past `maxBytes`, so an endless line costs no more than that.
IoStatus Reader::line(size_t maxBytes, std::string* out, bool* tooLong) {
  scanned_ = std::max(scanned_, pos_);
  for (;;) {
    size_t end = buffer_.find('\n', scanned_);
    size_t length = (end == std::string::npos ? buffer_.size() : end + 1) - pos_;
    if (length > maxBytes) {
      *tooLong = true;
      return IoStatus::Ok;
    }
    if (end != std::string::npos) {
      std::string_view text(buffer_.data() + pos_, end - pos_);
      if (text.ends_with('\r')) text.remove_suffix(1);
      *out = std::string(text);
      lineBytes_ = end + 1 - pos_;
      pos_ = scanned_ = end + 1;
      return IoStatus::Ok;
    }
    scanned_ = buffer_.size();
    if (IoStatus status = fill(); status != IoStatus::Ok) return status;
  }
}

// A line of the head, counted against kMaxResponseHeadBytes.
std::optional<ResponseFailure> Reader::headLine(std::string* out) {
  bool tooLong = false;
  IoStatus status = line(kMaxResponseHeadBytes - headBytes_, out, &tooLong);
  if (tooLong) return malformed(errors::ResponseHeadTooLarge);
  if (status != IoStatus::Ok) return ResponseFailure{status, ""};
  headBytes_ += lineBytes_;
  return std::nullopt;
}

// Header fields up to the empty line; a line that starts with a blank
// continues the field before it (obs-fold, RFC 9112 section 5.2).
std::optional<ResponseFailure> Reader::fields(std::vector<HttpHeaders::Field>* out) {
  for (;;) {
    std::string text;
    if (auto failure = headLine(&text)) return failure;
    if (text.empty()) return std::nullopt;
    for (char& c : text) c = c == '\r' ? ' ' : c;  // a bare CR counts as a space (RFC 9112 section 2.2)
    if (isBlank(text[0])) {
      if (out->empty()) return malformed(errors::MalformedHeaderLine);
      out->back().second += " " + std::string(trimBlanks(text));
      continue;
    }
    size_t colon = text.find(':');
    if (colon == std::string::npos || !isToken(std::string_view(text).substr(0, colon)))
      return malformed(errors::MalformedHeaderLine);
    out->emplace_back(text.substr(0, colon), std::string(trimBlanks(std::string_view(text).substr(colon + 1))));
  }
}

std::optional<ResponseFailure> Reader::take(size_t n, std::string& out) {
  for (;;) {
    size_t available = std::min(n, buffer_.size() - pos_);
    out.append(buffer_, pos_, available);
    pos_ += available;
    n -= available;
    if (n == 0) return std::nullopt;
    if (IoStatus status = fill(); status != IoStatus::Ok) return ResponseFailure{status, ""};
  }
}

// The body of a response without a length: everything to the end of the
// connection.
std::optional<ResponseFailure> Reader::takeRest(std::string& out) {
  for (;;) {
    out.append(buffer_, pos_);
    pos_ = buffer_.size();
    if (out.size() > kMaxCalloutBodyBytes) return overLimit();
    IoStatus status = fill();
    if (status == IoStatus::Closed) return std::nullopt;
    if (status != IoStatus::Ok) return ResponseFailure{status, ""};
  }
}

// RFC 9112 section 7.1: chunks, each a hexadecimal size (extensions after
// `;` ignored), its data and CRLF; a last chunk of size 0, then trailer
// fields, which are dropped.
std::optional<ResponseFailure> Reader::chunkedBody(std::string& out) {
  for (;;) {
    std::string sizeLine;
    bool tooLong = false;
    IoStatus status = line(kMaxChunkLineBytes, &sizeLine, &tooLong);
    if (tooLong) return malformed(errors::BadChunkSize, shownAsSent(std::string_view(buffer_).substr(pos_)));
    if (status != IoStatus::Ok) return ResponseFailure{status, ""};
    size_t digits = 0;
    size_t size = 0;  // stops growing past the body limit
    for (; digits < sizeLine.size() && hexValue(sizeLine[digits]) >= 0; ++digits)
      size = std::min(size * 16 + size_t(hexValue(sizeLine[digits])), kMaxCalloutBodyBytes + 1);
    std::string_view rest = trimBlanks(std::string_view(sizeLine).substr(digits));
    if (digits == 0 || (!rest.empty() && rest[0] != ';')) return malformed(errors::BadChunkSize, shownAsSent(sizeLine));
    if (size == 0) {
      std::vector<HttpHeaders::Field> trailers;
      return fields(&trailers);
    }
    if (out.size() + size > kMaxCalloutBodyBytes) return overLimit();
    if (auto failure = take(size, out)) return failure;
    std::string end;
    if (auto failure = take(2, end)) return failure;
    if (end != "\r\n") return malformed(errors::UnterminatedChunk);
  }
}

// RFC 9112 section 6.3, and RFC 9110 section 8.6: a Content-Length given
// more than once (in two fields or as a list) must say one number.
std::variant<Framing, ResponseFailure> Reader::framing(const std::vector<HttpHeaders::Field>& fields,
                                                        std::string_view method, int status, size_t* length) {
  if (method == "HEAD" || status / 100 == 1 || status == 204 || status == 304) return Framing::None;
  std::vector<std::string> codings = listMembers(fields, "Transfer-Encoding");
  if (!codings.empty()) return codings.back() == "chunked" ? Framing::Chunked : Framing::UntilClose;
  std::optional<std::string> declared;
  for (const std::string& value : listMembers(fields, "Content-Length")) {
    bool digits = !value.empty() && std::all_of(value.begin(), value.end(), isDigit);
    if (!digits) return malformed(errors::BadContentLength, shownAsSent(value));
    std::string number = value.substr(std::min(value.find_first_not_of('0'), value.size() - 1));
    if (declared && *declared != number) return malformed(errors::ConflictingContentLength, *declared, number);
    declared = number;
  }
  if (!declared) return Framing::UntilClose;
  if (declared->size() > 7 || std::stoul(*declared) > kMaxCalloutBodyBytes) return tooLarge(*declared);
  *length = std::stoul(*declared);
  return Framing::Length;
}

std::variant<ReceivedResponse, ResponseFailure> Reader::response(std::string_view method) {
  ReceivedResponse out;
  std::vector<HttpHeaders::Field> received;
  bool http10 = false;
  // Interim (1xx) responses come before the final one; 101 would switch
  // protocols, which a callout never asks for, so it counts as final.
  do {
    std::string status;
    if (auto failure = headLine(&status)) return *failure;
    bool wellFormed = status.size() >= 12 && status.starts_with("HTTP/1.") && isDigit(status[7]) && status[8] == ' ' &&
                      isDigit(status[9]) && isDigit(status[10]) && isDigit(status[11]) &&
                      (status.size() == 12 || status[12] == ' ');
    if (!wellFormed) return malformed(errors::MalformedStatusLine);
    http10 = status[7] == '0';
    out.statusCode = std::stoi(status.substr(9, 3));
    out.reason = status.size() > 13 ? status.substr(13) : "";
    received.clear();
    if (auto failure = fields(&received)) return *failure;
  } while (out.statusCode / 100 == 1 && out.statusCode != 101);

  size_t length = 0;
  auto framed = framing(received, method, out.statusCode, &length);
  if (auto* failure = std::get_if<ResponseFailure>(&framed)) return *failure;
  Framing how = std::get<Framing>(framed);
  std::optional<ResponseFailure> failure;
  if (how == Framing::Length) failure = take(length, out.body);
  else if (how == Framing::Chunked) failure = chunkedBody(out.body);
  else if (how == Framing::UntilClose) failure = takeRest(out.body);
  if (failure) return *failure;

  std::vector<std::string> connection = listMembers(received, "Connection");
  bool persistent = http10 ? hasMember(connection, "keep-alive") : !hasMember(connection, "close");
  out.reusable = persistent && out.statusCode != 101 && how != Framing::UntilClose &&
                 !(how == Framing::Chunked && !listMembers(received, "Content-Length").empty()) && exhausted();
  for (auto& [name, value] : received) out.headers.add(std::move(name), std::move(value));
  return out;
}

}  // namespace

std::variant<ReceivedResponse, ResponseFailure> readResponse(const ReadMore& more, std::string_view method,
                                                             const std::string& server) {
  Reader reader(more, server);
  return reader.response(method);
}

}  // namespace apex::runtime
