// The one catalog of the runtime's exception messages. Texts follow what
// Salesforce prints; the few that are apexrun's own (features not built
// yet) are listed in docs/differences.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace apex::interp::errors {


inline constexpr std::string_view kNullPointer = "Attempt to de-reference a null object";
inline constexpr std::string_view kDivideByZero = "Divide by 0";
inline constexpr std::string_view kModifiedWhileIterating = "Cannot modify a collection while it is being iterated.";

inline std::string listIndexOutOfBounds(int64_t index) {
  return "List index out of bounds: " + std::to_string(index);
}
inline std::string negativeArraySize(int64_t size) { return "Illegal negative array size: " + std::to_string(size); }
inline std::string invalidConversion(std::string_view from, std::string_view to) {
  return "Invalid conversion from runtime type " + std::string(from) + " to " + std::string(to);
}
inline std::string invalidId(std::string_view text) { return "Invalid id: " + std::string(text); }
inline std::string noEnumConstant(std::string_view type, std::string_view name) {
  return "No enum constant " + std::string(type) + "." + std::string(name);
}

// Callouts (System.CalloutException unless noted). Salesforce's own texts:
// remote site, named credential, read timeout, the callout limit. Texts for
// situations whose platform wording is unknown are apexrun's, listed in
// docs/differences.md; the malformed-URL ones are java.net.URL's.
inline constexpr std::string_view kEndpointNotSet =
    "Endpoint is not set: call setEndpoint() on the HttpRequest before sending it";
inline constexpr std::string_view kMethodNotSet =
    "Method is not set: call setMethod() on the HttpRequest before sending it";
inline constexpr std::string_view kReadTimedOut = "Read timed out";
inline constexpr std::string_view kConnectTimedOut = "connect timed out";
inline constexpr std::string_view kNoCalloutService = "Callouts are not available in this context";
// Test support (Apex Reference: Test Class, HttpCalloutMock Interface).
// The first is Salesforce's text; the others are listed in docs/differences.md.
inline constexpr std::string_view kCalloutWithoutMock =
    "Methods defined as TestMethod do not support Web service callouts";
inline constexpr std::string_view kOnlyDuringTesting = "Method only allowed during testing";  // FinalException
inline constexpr std::string_view kTestingAlreadyStarted = "Testing already started";       // FinalException
inline constexpr std::string_view kTestingAlreadyStopped = "Testing already stopped";       // FinalException
inline constexpr std::string_view kTestingNotStarted = "Testing has not started";           // FinalException
inline std::string unsupportedMockType(std::string_view type) {
  return "Test.setMock does not support " + std::string(type) + ": pass HttpCalloutMock.class";
}
inline std::string mockDoesNotImplement(std::string_view type) {
  return "Mock object of type " + std::string(type) + " does not implement HttpCalloutMock";
}
inline std::string staticResourceNotFound(std::string_view name) {
  return "Static Resource not found: " + std::string(name);
}
inline std::string noStaticResourceForEndpoint(std::string_view endpoint) {
  return "No static resource is set for endpoint: " + std::string(endpoint);
}
inline constexpr std::string_view kStaticResourceNotSet =
    "No static resource is set: call setStaticResource() on the StaticResourceCalloutMock";

inline std::string invalidHttpMethod(std::string_view method) { return "Invalid HTTP method: " + std::string(method); }
inline std::string timeoutOutOfRange(int64_t millis) {
  return "Timeout value " + std::to_string(millis) + " is outside of the valid range 1 to 120000 ms";
}
inline std::string unauthorizedEndpoint(std::string_view url) {
  return "Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = " + std::string(url);
}
inline std::string namedCredentialNotFound(std::string_view name) {
  return "The callout couldn't access the endpoint. You might not have the required permissions, or the named "
         "credential \"" + std::string(name) + "\" might not exist.";
}
inline std::string unknownHost(std::string_view host) { return "Unknown host: " + std::string(host); }
inline std::string connectionRefused(std::string_view hostPort) {
  return "Connection refused: " + std::string(hostPort);
}
inline std::string connectionClosed(std::string_view hostPort) {
  return "Unexpected end of file from server " + std::string(hostPort);
}
inline std::string certificateUntrusted(std::string_view reason) {
  return "sun.security.validator.ValidatorException: PKIX path building failed: unable to find valid "
         "certification path to requested target (" + std::string(reason) + ")";
}
inline std::string certificateNameMismatch(std::string_view host) {
  return "No subject alternative names matching " + std::string(host) + " found in the server certificate";
}
inline std::string tlsHandshakeFailed(std::string_view reason) {
  return "TLS handshake failed: " + std::string(reason);
}
inline std::string caCertificatesUnreadable(std::string_view files) {
  return "Cannot load the CA certificates in " + std::string(files);
}
inline std::string clientCertificateNotFound(std::string_view name) {
  return "Client certificate \"" + std::string(name) + "\" not found: put " + std::string(name) + ".crt and " +
         std::string(name) + ".key (PEM) in a certs/ folder of the project";
}
inline std::string bodyTooLarge(std::string_view which, std::string_view size) {
  return "Exceeded max size limit of 6000000 with " + std::string(which) + " size " + std::string(size);
}
inline std::string headersTooLarge(size_t size) {
  return "Exceeded max size limit of 100000 with request headers size " + std::to_string(size);
}
inline constexpr std::string_view kBadGzipResponse = "The response body is not valid gzip data";

// apexrun's own: records and queries arrive with the data layer.
inline constexpr std::string_view kDmlNotAvailable = "DML statements are not supported by apexrun yet";
inline constexpr std::string_view kQueryNotAvailable = "SOQL and SOSL queries are not supported by apexrun yet";
inline constexpr std::string_view kSObjectNotAvailable = "sObjects are not supported by apexrun yet";

// EncodingUtil, Crypto, Pattern/Matcher, Url. The Crypto encrypt/decrypt texts
// are the Crypto Class page's; padding and block-size ones are javax.crypto's;
// the regex and URL ones java.util.regex's and java.net.URL's; the rest are
// apexrun's, listed in docs/differences.md.
inline std::string hexOddLength(std::string_view text) {
  return "Invalid hex string, odd number of characters: " + std::string(text);
}
inline std::string hexBadDigit(std::string_view text) {
  return "Invalid hex string, only 0-9, a-f and A-F are allowed: " + std::string(text);
}
inline std::string unsupportedEncoding(std::string_view name) { return "Unsupported encoding: " + std::string(name); }
inline constexpr std::string_view kUrlDecodeIncompleteEscape = "URLDecoder: Incomplete trailing escape (%) pattern";
inline std::string urlDecodeBadEscape(std::string_view hex) {
  return "URLDecoder: Illegal hex characters in escape (%) pattern - For input string: \"" + std::string(hex) + "\"";
}
inline std::string invalidAesAlgorithm(std::string_view name) {
  return "Invalid algorithm " + std::string(name) + ". Must be AES128, AES192, or AES256.";
}
inline std::string invalidAesKey(size_t bytes) {
  return "Invalid private key. Must be " + std::to_string(bytes) + " bytes.";
}
inline constexpr std::string_view kInvalidIv = "Invalid initialization vector. Must be 16 bytes.";
inline constexpr std::string_view kNoManagedIv = "Unable to parse initialization vector from encrypted data.";
inline std::string cryptoDataTooLarge(size_t bytes) {
  return "Invalid data. Input data is " + std::to_string(bytes) + " bytes, which exceeds the limit of 1048576 bytes.";
}
inline constexpr std::string_view kBadPadding =
    "Given final block not properly padded. Such issues can arise if a bad key is used during decryption.";
inline constexpr std::string_view kCipherLength = "Input length must be multiple of 16 when decrypting with padded cipher";
inline constexpr std::string_view kInvalidCryptoKey = "Invalid Crypto Key";
inline std::string invalidCryptoAlgorithm(std::string_view name, std::string_view valid) {
  return "Invalid algorithm name: " + std::string(name) + ". Must be one of " + std::string(valid) + ".";
}
inline std::string invalidAesKeySize(int64_t size) {
  return "Invalid key size: " + std::to_string(size) + ". Must be 128, 192, or 256.";
}
inline std::string invalidRegex(std::string_view problem, std::string_view regex) {
  return "Invalid regex: " + std::string(problem) + " near '" + std::string(regex) + "'";
}
inline constexpr std::string_view kNoMatchFound = "No match found";
inline std::string noGroup(int64_t group) { return "No group " + std::to_string(group); }
inline constexpr std::string_view kIllegalStartIndex = "Illegal start index";

}  // namespace apex::interp::errors
