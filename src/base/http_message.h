// HTTP requests and responses as apexrun's callout layer sees them: plain
// C++ data, free of interpreter values, shared by the transport, the wire
// trace, recordings and the Apex HttpRequest/HttpResponse classes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apex {

// Header fields in the order they were set. Names compare case-insensitively
// (Apex Reference: HttpRequest Class — getHeader/setHeader); setting a name
// again replaces its value.
class HttpHeaders {
 public:
  using Field = std::pair<std::string, std::string>;

  void set(std::string name, std::string value);
  void add(std::string name, std::string value);  // keeps earlier fields of that name
  const std::string* get(std::string_view name) const;
  bool remove(std::string_view name);
  const std::vector<Field>& fields() const { return fields_; }
  size_t byteSize() const;  // names and values, as counted against the header limit

 private:
  std::vector<Field> fields_;
};

struct CalloutRequest {
  std::string endpoint;  // as Apex set it
  std::string method;
  HttpHeaders headers;
  std::string body;      // bytes, before compression
  int timeoutMillis = 10000;
  bool compressed = false;        // gzip the body on the wire
  std::string clientCertificate;  // setClientCertificateName
};

struct CalloutResponse {
  int statusCode = 0;
  std::string status;  // reason phrase
  HttpHeaders headers;
  std::string body;    // bytes, gzip already decoded
};

// A callout that did not get a response: the CalloutException message.
struct CalloutFailure {
  std::string message;
};

// Request limits of one callout (Apex Developer Guide: Callout Limits and
// Limitations).
inline constexpr size_t kMaxCalloutBodyBytes = 6000000;
inline constexpr size_t kMaxCalloutHeaderBytes = 100000;
inline constexpr int kMaxCalloutTimeoutMillis = 120000;

}  // namespace apex
