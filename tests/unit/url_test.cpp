// Unit tests of base/url.h's java.net.URL reading (the Apex Url class);
// callout endpoints are tested in callout_runtime_test.cpp.
#include <catch2/catch.hpp>

#include "base/url.h"

using namespace apex;

namespace {

UrlParts parsed(std::string_view spec, const UrlParts* context = nullptr) {
  auto url = parseJavaUrl(context, spec);
  REQUIRE(std::holds_alternative<UrlParts>(url));
  return std::get<UrlParts>(url);
}

std::string problem(std::string_view spec) {
  auto url = parseJavaUrl(nullptr, spec);
  REQUIRE(std::holds_alternative<std::string>(url));
  return std::get<std::string>(url);
}

}  // namespace

TEST_CASE("url: every part java.net.URL reads", "[base]") {
  UrlParts u = parsed(" URL:HTTPS://ada:pw@Example.com:8443/a/b?q=1#top ");
  CHECK(u.protocol == "https");
  CHECK(u.authority == "ada:pw@Example.com:8443");
  CHECK(u.userInfo == "ada:pw");
  CHECK(u.host == "Example.com");
  CHECK(u.port == 8443);
  CHECK(u.path == "/a/b");
  CHECK(u.query == "q=1");
  CHECK(u.ref == "top");
  CHECK(u.externalForm() == "https://ada:pw@Example.com:8443/a/b?q=1#top");

  UrlParts bare = parsed("http://example.com");
  CHECK(bare.port == -1);
  CHECK(bare.path == "");
  CHECK_FALSE(bare.query);
  CHECK(parsed("http://[::1]:80/").host == "[::1]");
}

TEST_CASE("url: a relative spec resolved against its context", "[base]") {
  UrlParts context = parsed("http://example.com/a/b/c?x=1#f");
  CHECK(parsed("d", &context).externalForm() == "http://example.com/a/b/d");
  CHECK(parsed("../d", &context).externalForm() == "http://example.com/a/d");
  CHECK(parsed("/d", &context).externalForm() == "http://example.com/d");
  CHECK(parsed("?y=2", &context).externalForm() == "http://example.com/a/b/?y=2");
  CHECK(parsed("#g", &context).externalForm() == "http://example.com/a/b/c?x=1#g");
  CHECK(parsed("//other.org/p", &context).externalForm() == "http://other.org/p");
  CHECK(parsed("https://other.org/p", &context).externalForm() == "https://other.org/p");
}

TEST_CASE("url: java.net.URL's messages for a malformed URL", "[base]") {
  CHECK(problem("www.example.com/x") == "no protocol: www.example.com/x");
  CHECK(problem("foo://example.com") == "unknown protocol: foo");
  CHECK(problem("http://example.com:8x/") == "For input string: \"8x\"");
  CHECK(problem("http://[::1/") == "Invalid host: [::1");
  CHECK(problem("http://[::1]x/") == "Invalid authority field: [::1]x");
}

TEST_CASE("url: built from its parts", "[base]") {
  auto url = javaUrlFromParts("HTTP", "::1", 8080, "/a?b=1#c");
  REQUIRE(std::holds_alternative<UrlParts>(url));
  CHECK(std::get<UrlParts>(url).externalForm() == "http://[::1]:8080/a?b=1#c");
  CHECK(std::get<std::string>(javaUrlFromParts("gopher", "h", -1, "/")) == "unknown protocol: gopher");
  CHECK(std::get<std::string>(javaUrlFromParts("http", "h", -2, "/")) == "Invalid port number :-2");
  CHECK(defaultPortOf("https") == 443);
  CHECK(defaultPortOf("mailto") == -1);
  CHECK_FALSE(defaultPortOf("gopher"));
}

TEST_CASE("url: loopback hosts", "[base]") {
  for (const char* host : {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    CHECK(apex::isLoopbackHost(host));
  for (const char* host : {"", "0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "localhost.example.com", "example.com",
                           "127.0.0.1.example.com", "[::2]"})
    CHECK_FALSE(apex::isLoopbackHost(host));
}
