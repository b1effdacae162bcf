// Unit tests of base/url_encoding.h: java.net.URLEncoder's form encoding
// (also OAuth's, RFC 6749 appendix B) and URLDecoder's decoding, lenient and
// strict.
#include <catch2/catch.hpp>

#include "base/url_encoding.h"

using namespace apex;

namespace {

std::string asBytes(const std::string& bytes) { return bytes; }

std::string strictlyDecoded(std::string_view text) {
  auto decoded = formUrlDecodeStrict(text, asBytes);
  REQUIRE(std::holds_alternative<std::string>(decoded));
  return std::get<std::string>(decoded);
}

MalformedEscape malformed(std::string_view text) {
  auto decoded = formUrlDecodeStrict(text, asBytes);
  REQUIRE(std::holds_alternative<MalformedEscape>(decoded));
  return std::get<MalformedEscape>(decoded);
}

}  // namespace

TEST_CASE("url encoding: form encoding of special characters", "[base]") {
  CHECK(formUrlEncode("") == "");
  CHECK(formUrlEncode("AZaz09*-._") == "AZaz09*-._");
  CHECK(formUrlEncode("a b") == "a+b");
  CHECK(formUrlEncode("a+b") == "a%2Bb");
  CHECK(formUrlEncode("s3cr&t=1;x") == "s3cr%26t%3D1%3Bx");
  CHECK(formUrlEncode("100%") == "100%25");
  CHECK(formUrlEncode("http://127.0.0.1:8080/callback?x=1#f") == "http%3A%2F%2F127.0.0.1%3A8080%2Fcallback%3Fx%3D1%23f");
  CHECK(formUrlEncode("~!'()") == "%7E%21%27%28%29");
  CHECK(formUrlEncode("\xc3\xa9\xe2\x82\xac") == "%C3%A9%E2%82%AC");  // é €: their UTF-8 bytes
  CHECK(formUrlEncode(std::string("a\0b\n", 4)) == "a%00b%0A");
  CHECK(formUrlEncode("urn:ietf:params:oauth:grant-type:jwt-bearer") ==
        "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
}

TEST_CASE("url encoding: a percent escape", "[base]") {
  std::string out;
  appendPercentEscape(out, ' ');
  appendPercentEscape(out, 0xE9);
  CHECK(out == "%20%E9");
}

TEST_CASE("url encoding: lenient decoding keeps a malformed escape", "[base]") {
  CHECK(formUrlDecode("a+b%2Bc%3d") == "a b+c=");
  CHECK(formUrlDecode("%C3%A9") == "\xc3\xa9");
  CHECK(formUrlDecode("100%") == "100%");
  CHECK(formUrlDecode("%zz%4") == "%zz%4");
  CHECK(formUrlDecode("%%41") == "%A");
}

TEST_CASE("url encoding: strict decoding as java.net.URLDecoder", "[base]") {
  CHECK(strictlyDecoded("a+b%2Bc%3d") == "a b+c=");
  CHECK(strictlyDecoded("") == "");
  // Each run of escapes reaches the charset's decoding as one byte sequence.
  std::vector<std::string> runs;
  auto decoded = formUrlDecodeStrict("%C3%A9-x%41", [&runs](const std::string& bytes) {
    runs.push_back(bytes);
    return std::string("<") + bytes + ">";
  });
  CHECK(std::get<std::string>(decoded) == "<\xc3\xa9>-x<A>");
  CHECK(runs == std::vector<std::string>{"\xc3\xa9", "A"});

  CHECK(malformed("abc%4").incomplete);
  CHECK(malformed("%").incomplete);
  MalformedEscape bad = malformed("a%zz%41");
  CHECK_FALSE(bad.incomplete);
  CHECK(bad.digits == "zz");
}
