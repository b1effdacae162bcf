// Unit tests for the callout runtime's pure parts: URL parsing, headers,
// remote site matching, secret masking, gzip and base64, and the matching
// rules of record/replay. The network itself is covered by
// tests/integration/callouts_test.sh against real servers.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "base/base64.h"
#include "base/http_message.h"
#include "base/url.h"
#include "runtime/callouts/callouts.h"
#include "runtime/net/gzip.h"
#include "runtime/net/recording.h"
#include "runtime/net/remote_sites.h"
#include "runtime/net/secrets.h"
#include "socket_test_support.h"

namespace fs = std::filesystem;
using namespace apex;
using namespace apex::runtime;

namespace {

Url url(const char* text) {
  auto parsed = parseUrl(text);
  REQUIRE(std::holds_alternative<Url>(parsed));
  return std::get<Url>(parsed);
}

std::string urlError(const char* text) {
  auto parsed = parseUrl(text);
  REQUIRE(std::holds_alternative<std::string>(parsed));
  return std::get<std::string>(parsed);
}

RemoteSite site(const char* text, bool active = true, bool disableProtocolSecurity = false) {
  RemoteSite s;
  s.url = url(text);
  s.isActive = active;
  s.disableProtocolSecurity = disableProtocolSecurity;
  return s;
}

// A fresh, empty folder under the system temp folder.
fs::path tempFolder() {
  std::random_device random;
  fs::path dir = fs::temp_directory_path() / ("apexrun-unit-" + std::to_string(random()));
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("URLs parse as java.net.URL reads them", "[callout][url]") {
  Url u = url("HTTPS://API.Example.com/v1/items?q=a+b#frag");
  CHECK(u.scheme == "https");
  CHECK(u.host == "api.example.com");
  CHECK(u.port == 443);
  CHECK(u.target == "/v1/items?q=a+b");
  CHECK(u.origin() == "https://api.example.com");

  Url local = url("http://127.0.0.1:8080");
  CHECK(local.port == 8080);
  CHECK(local.target == "/");
  CHECK(local.origin() == "http://127.0.0.1:8080");

  CHECK(url("http://example.com?x=1").target == "/?x=1");
  CHECK(url("http://user:pw@example.com/").host == "example.com");
  Url v6 = url("http://[::1]:9000/a");
  CHECK(v6.host == "::1");
  CHECK(v6.port == 9000);
  CHECK(v6.origin() == "http://[::1]:9000");
}

TEST_CASE("bad URLs give java.net.URL's messages", "[callout][url]") {
  CHECK(urlError("example.com/path") == "no protocol: example.com/path");
  CHECK(urlError("") == "no protocol: ");
  CHECK(urlError("ftp://example.com/") == "unknown protocol: ftp");
  CHECK(urlError("mailto:someone@example.com") == "unknown protocol: mailto");
  CHECK(urlError("http:example.com") == "Invalid URL, host is missing: http:example.com");
  CHECK(urlError("http://:80/") == "Invalid URL, host is missing: http://:80/");
  CHECK(urlError("http://example.com:0/") == "Invalid URL, bad port: http://example.com:0/");
  CHECK(urlError("http://example.com:12a/") == "Invalid URL, bad port: http://example.com:12a/");
}

TEST_CASE("header names are case-insensitive and keep their order", "[callout][headers]") {
  HttpHeaders h;
  h.set("Content-Type", "text/plain");
  h.set("X-B", "1");
  h.set("content-type", "application/json");
  REQUIRE(h.fields().size() == 2);
  CHECK(h.fields()[0].first == "Content-Type");
  CHECK(*h.get("CONTENT-TYPE") == "application/json");
  CHECK(h.get("X-Missing") == nullptr);
  h.add("X-B", "2");
  CHECK(h.fields().size() == 3);
  CHECK(h.byteSize() == std::string("Content-Typeapplication/jsonX-B1X-B2").size());
  CHECK(h.remove("x-b"));
  CHECK(h.fields().size() == 1);
  CHECK_FALSE(h.remove("x-b"));
}

TEST_CASE("remote sites match host, port and scheme", "[callout][remote-site]") {
  RemoteSiteSettings sites;
  sites.add(site("https://api.example.com"));
  sites.add(site("http://127.0.0.1:8080/ignored/path"));
  sites.add(site("https://off.example.com", false));
  sites.add(site("https://lax.example.com", true, true));

  CHECK(sites.allows(url("https://api.example.com/v1/x?y=1")));
  CHECK(sites.allows(url("https://API.EXAMPLE.COM:443/")));
  CHECK_FALSE(sites.allows(url("http://api.example.com/")));  // scheme differs
  CHECK_FALSE(sites.allows(url("https://api.example.com:8443/")));
  CHECK_FALSE(sites.allows(url("https://sub.api.example.com/")));
  CHECK(sites.allows(url("http://127.0.0.1:8080/other")));  // the site's path does not matter
  CHECK_FALSE(sites.allows(url("http://127.0.0.1:8081/")));
  CHECK_FALSE(sites.allows(url("https://off.example.com/")));  // inactive
  CHECK(sites.allows(url("http://lax.example.com/")));         // protocol security off
  CHECK(sites.allows(url("https://lax.example.com/")));
}

TEST_CASE("remote site files are read and checked", "[callout][remote-site]") {
  fs::path dir = tempFolder();
  auto write = [&](const char* name, const char* xml) {
    std::ofstream(dir / name) << xml;
    return dir / name;
  };
  auto good = readRemoteSite(write("Api.remoteSite-meta.xml",
                                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   "<RemoteSiteSetting xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n"
                                   "  <disableProtocolSecurity>false</disableProtocolSecurity>\n"
                                   "  <isActive>true</isActive>\n"
                                   "  <url>https://api.example.com</url>\n"
                                   "</RemoteSiteSetting>\n"));
  REQUIRE(std::holds_alternative<RemoteSite>(good));
  CHECK(std::get<RemoteSite>(good).name == "Api");
  CHECK(std::get<RemoteSite>(good).url.host == "api.example.com");

  // The Metadata API format's file name (src/remoteSiteSettings/).
  auto mdapi = readRemoteSite(write("Legacy_API.remoteSite", "<RemoteSiteSetting><url>https://old.example.com</url></RemoteSiteSetting>"));
  REQUIRE(std::holds_alternative<RemoteSite>(mdapi));
  CHECK(std::get<RemoteSite>(mdapi).name == "Legacy_API");

  auto noUrl = readRemoteSite(write("NoUrl.remoteSite-meta.xml", "<RemoteSiteSetting><isActive>true</isActive></RemoteSiteSetting>"));
  REQUIRE(std::holds_alternative<std::string>(noUrl));
  CHECK_THAT(std::get<std::string>(noUrl), Catch::EndsWith("NoUrl.remoteSite-meta.xml: <url> is missing"));

  auto badFlag = readRemoteSite(write("Flag.remoteSite-meta.xml",
                                      "<RemoteSiteSetting><isActive>yes</isActive><url>https://a.b</url></RemoteSiteSetting>"));
  REQUIRE(std::holds_alternative<std::string>(badFlag));
  CHECK_THAT(std::get<std::string>(badFlag), Catch::Contains("<isActive> must be true or false, not \"yes\""));

  auto broken = readRemoteSite(write("Broken.remoteSite-meta.xml", "<RemoteSiteSetting><url>"));
  REQUIRE(std::holds_alternative<std::string>(broken));
  CHECK_THAT(std::get<std::string>(broken), Catch::Contains("not well-formed XML"));
  fs::remove_all(dir);
}

TEST_CASE("secrets are masked wherever they appear", "[callout][secrets]") {
  SecretMasker masker;
  masker.addSecret("s3cr3t-token");
  masker.addSecret("abc");  // too short to mask safely
  CHECK(masker.mask("token=s3cr3t-token&again=s3cr3t-token") == "token=****&again=****");
  CHECK(masker.mask("abc") == "abc");
  CHECK(masker.maskHeader("Authorization", "Bearer anything") == "Bearer ****");
  CHECK(masker.maskHeader("authorization", "opaque") == "****");
  CHECK(masker.maskHeader("Proxy-Authorization", "Basic dXNlcjpwdw==") == "Basic ****");
  CHECK(masker.maskHeader("X-Api-Key", "s3cr3t-token") == "****");
  CHECK(masker.maskHeader("Accept", "*/*") == "*/*");
}

TEST_CASE("gzip round-trips and rejects what is not gzip", "[callout][gzip]") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "line " + std::to_string(i) + "\n";
  std::string packed = gzipCompress(text);
  CHECK(packed.size() < text.size());
  CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);  // gzip magic
  CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
  CHECK(gzipDecompress(packed, 1 << 20) == text);
  CHECK_FALSE(gzipDecompress("not gzip", 1 << 20));
  CHECK_FALSE(gzipDecompress(packed.substr(0, packed.size() / 2), 1 << 20));  // truncated
  CHECK_FALSE(gzipDecompress(packed, 100));                                   // over the limit
  bool tooLarge = false;
  CHECK_FALSE(gzipDecompress(packed, 100, &tooLarge));
  CHECK(tooLarge);
  tooLarge = false;
  CHECK_FALSE(gzipDecompress("not gzip", 1 << 20, &tooLarge));
  CHECK_FALSE(tooLarge);
  CHECK(gzipDecompress(gzipCompress(""), 10) == "");
}

TEST_CASE("base64 encodes and decodes with padding", "[callout][base64]") {
  CHECK(base64Encode("") == "");
  CHECK(base64Encode("f") == "Zg==");
  CHECK(base64Encode("fo") == "Zm8=");
  CHECK(base64Encode("foo") == "Zm9v");
  CHECK(base64Encode("user:pass") == "dXNlcjpwYXNz");
  CHECK(base64Decode("Zg==") == "f");
  CHECK(base64Decode("Zm8=") == "fo");
  CHECK(base64Decode("Zm9v") == "foo");
  std::string binary("\x00\xff\x10\x80", 4);
  CHECK(base64Decode(base64Encode(binary)) == binary);
  CHECK_FALSE(base64Decode("abc"));
  CHECK_FALSE(base64Decode("ab!="));
}

TEST_CASE("a recording replays once for the same method, URL and body", "[callout][replay]") {
  fs::path dir = tempFolder();
  SecretMasker masker;
  masker.addSecret("tok-123456");

  WireRequest wire;
  wire.method = "POST";
  wire.url = url("http://127.0.0.1:9/echo?key=tok-123456");
  wire.headers.set("Authorization", "Bearer tok-123456");
  CalloutResponse response;
  response.statusCode = 201;
  response.status = "Created";
  response.headers.set("Content-Type", "application/json");
  response.body = "{\"ok\":true}";
  Exchange exchange;
  exchange.wire = &wire;
  exchange.sentHeaders = &wire.headers;
  exchange.requestBody = "{\"n\":1}";
  exchange.response = &response;

  Recorder recorder(dir);
  REQUIRE_FALSE(recorder.write(masker, exchange));
  REQUIRE(fs::exists(dir / "001-POST-127.0.0.1.json"));
  std::ifstream in(dir / "001-POST-127.0.0.1.json");
  std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(saved.find("tok-123456") == std::string::npos);
  CHECK(saved.find("Bearer ****") != std::string::npos);

  auto loaded = Replayer::load(dir);
  REQUIRE(std::holds_alternative<Replayer>(loaded));
  Replayer replayer = std::get<Replayer>(std::move(loaded));

  auto miss = replayer.answer(masker, wire, "{\"n\":2}");
  REQUIRE(std::holds_alternative<CalloutFailure>(miss));
  CHECK_THAT(std::get<CalloutFailure>(miss).message,
             Catch::StartsWith("No recorded callout matches POST http://127.0.0.1:9/echo?key=****"));
  CHECK_THAT(std::get<CalloutFailure>(miss).message,
             Catch::Contains("001-POST-127.0.0.1.json, differs in body: recorded '{\"n\":1}', sent '{\"n\":2}'"));

  auto hit = replayer.answer(masker, wire, "{\"n\":1}");
  REQUIRE(std::holds_alternative<std::pair<CalloutResponse, std::string>>(hit));
  const auto& [replayed, file] = std::get<std::pair<CalloutResponse, std::string>>(hit);
  CHECK(file == "001-POST-127.0.0.1.json");
  CHECK(replayed.statusCode == 201);
  CHECK(replayed.status == "Created");
  CHECK(*replayed.headers.get("content-type") == "application/json");
  CHECK(replayed.body == "{\"ok\":true}");

  auto again = replayer.answer(masker, wire, "{\"n\":1}");
  REQUIRE(std::holds_alternative<CalloutFailure>(again));
  CHECK_THAT(std::get<CalloutFailure>(again).message, Catch::EndsWith("every recording has been used"));

  // A second recording run numbers after what is there.
  Recorder later(dir);
  REQUIRE_FALSE(later.write(masker, exchange));
  CHECK(fs::exists(dir / "002-POST-127.0.0.1.json"));
  fs::remove_all(dir);
}

TEST_CASE("binary bodies are recorded as base64", "[callout][replay]") {
  fs::path dir = tempFolder();
  SecretMasker masker;
  WireRequest wire;
  wire.method = "GET";
  wire.url = url("http://127.0.0.1:9/image");
  CalloutResponse response;
  response.statusCode = 200;
  response.body = std::string("\x89PNG\r\n\x1a\n\xff", 9);
  Exchange exchange;
  exchange.wire = &wire;
  exchange.sentHeaders = &wire.headers;
  exchange.response = &response;
  REQUIRE_FALSE(Recorder(dir).write(masker, exchange));

  auto loaded = Replayer::load(dir);
  REQUIRE(std::holds_alternative<Replayer>(loaded));
  auto hit = std::get<Replayer>(loaded).answer(masker, wire, "");
  REQUIRE(std::holds_alternative<std::pair<CalloutResponse, std::string>>(hit));
  CHECK(std::get<std::pair<CalloutResponse, std::string>>(hit).first.body == response.body);
  fs::remove_all(dir);
}

TEST_CASE("secrets in a binary body are masked before it is encoded", "[callout][replay][secrets]") {
  fs::path dir = tempFolder();
  SecretMasker masker;
  masker.addSecret("Pa55-word!");
  // The credentials of the Authorization header sent, echoed by the server.
  masker.addAuthorization("Basic dXNlcjpQYTU1LXdvcmQh");
  WireRequest wire;
  wire.method = "POST";
  wire.url = url("http://127.0.0.1:9/upload");
  CalloutResponse response;
  response.statusCode = 200;
  response.body = std::string("\xff\xfe echo: Basic dXNlcjpQYTU1LXdvcmQh\x80", 36);
  Exchange exchange;
  exchange.wire = &wire;
  exchange.sentHeaders = &wire.headers;
  const std::string requestBody("\x89PNG\x00password=Pa55-word!\xff", 25);
  exchange.requestBody = requestBody;
  exchange.response = &response;
  REQUIRE_FALSE(Recorder(dir).write(masker, exchange));

  std::ifstream in(dir / "001-POST-127.0.0.1.json");
  nlohmann::json saved = nlohmann::json::parse(in);
  auto decoded = [&](const char* part) { return *base64Decode(saved[part]["bodyBase64"].get<std::string>()); };
  CHECK(decoded("request") == std::string("\x89PNG\x00password=****\xff", 19));
  CHECK(decoded("response") == std::string("\xff\xfe echo: Basic ****\x80", 20));

  // Replay compares the sent body masked the same way.
  auto loaded = Replayer::load(dir);
  REQUIRE(std::holds_alternative<Replayer>(loaded));
  auto hit = std::get<Replayer>(loaded).answer(masker, wire, exchange.requestBody);
  CHECK(std::holds_alternative<std::pair<CalloutResponse, std::string>>(hit));
  fs::remove_all(dir);
}

TEST_CASE("a secret is masked in its form-encoded, percent-encoded and JSON-escaped forms", "[callout][secrets]") {
  SecretMasker masker;
  masker.addSecret("p@ss w/\"q\"~+");
  CHECK(masker.mask("password=p%40ss+w%2F%22q%22%7E%2B&x=1") == "password=****&x=1");
  CHECK(masker.mask("/path/p%40ss%20w%2F%22q%22~%2B?x=1") == "/path/****?x=1");
  CHECK(masker.mask(R"({"password":"p@ss w/\"q\"~+"})") == R"({"password":"****"})");
  CHECK(masker.mask("p@ss w/\"q\"~+") == "****");
}

TEST_CASE("a folder with a file that is not a recording is refused", "[callout][replay]") {
  fs::path dir = tempFolder();
  std::ofstream(dir / "notes.json") << "{\"hello\": 1}";
  auto loaded = Replayer::load(dir);
  REQUIRE(std::holds_alternative<std::string>(loaded));
  CHECK_THAT(std::get<std::string>(loaded), Catch::Contains("notes.json: not a recording"));
  std::ofstream(dir / "notes.json") << "{";
  loaded = Replayer::load(dir);
  REQUIRE(std::holds_alternative<std::string>(loaded));
  fs::remove_all(dir);
}

namespace {
std::string failureOf(CalloutService& service, const CalloutRequest& request) {
  long long elapsed = 0;
  CalloutResult result = service.send(request, 1, 120000, &elapsed);
  REQUIRE(std::holds_alternative<CalloutFailure>(result));
  return std::get<CalloutFailure>(result).message;
}
}  // namespace

TEST_CASE("the callout service refuses oversized requests before sending", "[callout][service]") {
  CalloutService service{CalloutOptions{}};
  CalloutRequest request;
  request.endpoint = "http://127.0.0.1:1/";
  request.method = "POST";
  // The heap limit keeps Apex from building a body this large; the check is
  // still the platform's and is made here.
  request.body = std::string(6000001, 'x');
  CHECK(failureOf(service, request) == "Exceeded max size limit of 6000000 with request size 6000001");
  request.body = "small";
  request.headers.set("X-Big", std::string(100000, 'h'));
  CHECK(failureOf(service, request) == "Exceeded max size limit of 100000 with request headers size 100005");
}

TEST_CASE("a header name or value with CR, LF or NUL is refused before sending", "[callout][service]") {
  CalloutService service{CalloutOptions{}};
  CalloutRequest request;
  request.endpoint = "http://127.0.0.1:1/";
  request.method = "GET";
  request.headers.set("X-Note", "one\r\nX-Injected: two");
  CHECK(failureOf(service, request) ==
        "Illegal character(s) in message header value of X-Note: a CR, LF or NUL");
  for (std::string value : {std::string("a\nb"), std::string("a\rb"), std::string("a\0b", 3)}) {
    CalloutRequest one = request;
    one.headers = HttpHeaders();
    one.headers.set("X-Note", value);
    CHECK(failureOf(service, one) == "Illegal character(s) in message header value of X-Note: a CR, LF or NUL");
  }
  CalloutRequest badName = request;
  badName.headers = HttpHeaders();
  badName.headers.set("X-A\r\nX-B", "v");
  CHECK(failureOf(service, badName) == "Illegal character(s) in message header field: a CR, LF or NUL");
}

TEST_CASE("a client certificate is a bare name inside a certificates folder", "[callout][service]") {
  fs::path dir = tempFolder();
  fs::create_directories(dir / "certs");
  fs::create_directories(dir / "elsewhere");
  for (const char* file : {"certs/client.crt", "certs/client.key", "elsewhere/stolen.crt", "elsewhere/stolen.key"})
    std::ofstream(dir / file) << "not a real PEM\n";
  fs::create_symlink(dir / "elsewhere" / "stolen.crt", dir / "certs" / "linked.crt");
  fs::create_symlink(dir / "elsewhere" / "stolen.key", dir / "certs" / "linked.key");
  CalloutOptions options;
  options.certificateFolders = {dir / "certs"};
  CalloutService service(std::move(options));
  CalloutRequest request;
  request.endpoint = "http://127.0.0.1:1/";
  request.method = "GET";
  for (const std::string& name : std::vector<std::string>{"../elsewhere/stolen", (dir / "elsewhere" / "stolen").string(),
                                                          "linked", ".."}) {
    request.clientCertificate = name;
    CHECK_THAT(failureOf(service, request), Catch::StartsWith("Client certificate \"" + name + "\" not found"));
  }
  // The bare name of a pair in the folder gets as far as the connection.
  request.clientCertificate = "client";
  CHECK_THAT(failureOf(service, request), !Catch::StartsWith("Client certificate"));
  fs::remove_all(dir);
}

TEST_CASE("inside a project, endpoints need a remote site", "[callout][service]") {
  CalloutOptions options;
  options.enforceRemoteSites = true;
  options.remoteSites.add(site("http://127.0.0.1:1"));
  CalloutService service(std::move(options));
  CalloutRequest request;
  request.method = "GET";
  request.endpoint = "http://127.0.0.1:2/x";
  CHECK(failureOf(service, request) ==
        "Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = http://127.0.0.1:2/x");
  request.endpoint = "http://127.0.0.1:1/x";  // allowed: fails later, at the connection
  CHECK(failureOf(service, request) == "Connection refused: 127.0.0.1:1");
}

TEST_CASE("a callout gets only what is left of the transaction's callout time", "[callout][service]") {
  httplib::Server server;
  server.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    res.set_content("late", "text/plain");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));

  CalloutService service{CalloutOptions{}};
  CalloutRequest request;
  request.method = "GET";
  request.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/slow";
  request.timeoutMillis = 10000;
  long long elapsed = 0;
  CalloutResult result = service.send(request, 1, 300, &elapsed);  // 300 ms of the 120 s left
  REQUIRE(std::holds_alternative<CalloutFailure>(result));
  CHECK(std::get<CalloutFailure>(result).message == "Exceeded maximum time allotted for callout (120000 ms)");
  CHECK(elapsed >= 250);
  CHECK(elapsed < 1500);

  request.timeoutMillis = 300;  // the request's own timeout is the shorter
  result = service.send(request, 1, 120000, &elapsed);
  REQUIRE(std::holds_alternative<CalloutFailure>(result));
  CHECK(std::get<CalloutFailure>(result).message == "Read timed out");
  server.stop();
  serving.join();
}

TEST_CASE("the timeout covers a body the server trickles a byte at a time", "[callout][service]") {
  httplib::Server server;
  std::atomic<bool> stopping = false;
  server.Get("/trickle", [&](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [&](size_t sent, httplib::DataSink& sink) {
      if (stopping || sent >= 40) {
        sink.done();
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(150));  // each byte well within the read timeout
      return sink.write("x", 1);
    });
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));

  CalloutService service{CalloutOptions{}};
  CalloutRequest request;
  request.method = "GET";
  request.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/trickle";
  request.timeoutMillis = 1000;
  long long elapsed = 0;
  auto started = std::chrono::steady_clock::now();
  CalloutResult result = service.send(request, 1, 120000, &elapsed);
  auto took = std::chrono::steady_clock::now() - started;
  stopping = true;
  server.stop();
  serving.join();
  REQUIRE(std::holds_alternative<CalloutFailure>(result));
  CHECK(std::get<CalloutFailure>(result).message == "Read timed out");
  CHECK(took < std::chrono::milliseconds(3000));  // the whole body would take 6 s
}

TEST_CASE("a gzip response that inflates past 6 MB names the size limit", "[callout][service]") {
  httplib::Server server;
  const std::string packed = gzipCompress(std::string(7'000'000, 'x'));
  server.Get("/bomb", [&](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(packed, "text/plain");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CalloutService service{CalloutOptions{}};
  CalloutRequest request;
  request.method = "GET";
  request.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/bomb";
  std::string message = failureOf(service, request);
  server.stop();
  serving.join();
  CHECK(message == "Exceeded max size limit of 6000000 with response size over 6000000");
}

TEST_CASE("the timeout covers headers the server trickles a byte at a time", "[callout][service]") {
  // A raw server: the status line, then a header one byte every 150 ms.
  int port = 0;
  int listener = listenOnLoopback(&port);
  std::atomic<bool> stopping = false;
  std::thread server([&] {
    int peer = ::accept(listener, nullptr, nullptr);
    if (peer < 0) return;
    char request[4096];
    (void)::recv(peer, request, sizeof request, 0);
    std::string head = "HTTP/1.1 200 OK\r\nX-Slow: ";
    (void)::send(peer, head.data(), head.size(), MSG_NOSIGNAL);
    for (int i = 0; i < 40 && !stopping; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      if (::send(peer, "x", 1, MSG_NOSIGNAL) != 1) break;
    }
    ::close(peer);
  });

  CalloutService service{CalloutOptions{}};
  CalloutRequest request;
  request.method = "GET";
  request.endpoint = "http://127.0.0.1:" + std::to_string(port) + "/";
  request.timeoutMillis = 1000;
  auto started = std::chrono::steady_clock::now();
  std::string message = failureOf(service, request);
  auto took = std::chrono::steady_clock::now() - started;
  stopping = true;
  server.join();
  ::close(listener);
  CHECK(message == "Read timed out");
  CHECK(took < std::chrono::milliseconds(3000));  // the whole head would take 6 s
}
