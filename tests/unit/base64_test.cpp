// Unit tests of base/base64.h's readings Apex has besides strict base64:
// Apache Commons Codec's lenient one (EncodingUtil.base64Decode) and the
// JSON parser's (Blob values). The strict codec is tested in
// callout_runtime_test.cpp and oauth_test.cpp.
#include <catch2/catch.hpp>

#include "base/base64.h"

using namespace apex;

TEST_CASE("base64: the padded encoding Blob values take in JSON", "[base]") {
  CHECK(base64Encode("hello") == "aGVsbG8=");
  CHECK(base64Encode("hi") == "aGk=");
  CHECK(base64Encode("") == "");
}

TEST_CASE("base64: lenient decoding as Apache Commons Codec reads", "[base]") {
  CHECK(base64DecodeLenient("aGVsbG8=") == "hello");
  CHECK(base64DecodeLenient("aGVsbG8") == "hello");        // padding optional
  CHECK(base64DecodeLenient("aGVs\nbG8=") == "hello");     // a line break skipped
  CHECK(base64DecodeLenient("aG!V*sbG8") == "hello");      // so is any non-alphabet character
  CHECK(base64DecodeLenient("aGk=aGk=") == "hi");          // decoding stops at the first `=`
  CHECK(base64DecodeLenient("-_-_") == "\xfb\xff\xbf");    // the URL-safe alphabet too
  CHECK(base64DecodeLenient("+/+/") == "\xfb\xff\xbf");
  CHECK(base64DecodeLenient("aGVsbG8gd") == "hello ");     // a lone final digit gives nothing
  CHECK(base64DecodeLenient("") == "");
  CHECK(base64DecodeLenient("!!!") == "");
}

TEST_CASE("base64: JSON's reading, padding optional but the alphabet strict", "[base]") {
  CHECK(base64DecodeOptionalPadding("aGVsbG8=") == "hello");
  CHECK(base64DecodeOptionalPadding("aGVsbG8") == "hello");
  CHECK(base64DecodeOptionalPadding("aGk==") == "hi");
  CHECK(base64DecodeOptionalPadding("") == "");
  CHECK_FALSE(base64DecodeOptionalPadding("a$b="));
  CHECK_FALSE(base64DecodeOptionalPadding("aGk=aGk="));  // `=` only at the end
  CHECK_FALSE(base64DecodeOptionalPadding("aGk==="));    // at most two
  CHECK_FALSE(base64DecodeOptionalPadding("-_-_"));      // not the URL-safe alphabet
  CHECK_FALSE(base64DecodeOptionalPadding("aGVs\nbG8="));
}
