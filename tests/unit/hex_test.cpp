// Unit tests of base/hex.h: digit values, lower-case hex text of bytes and
// back, upper-case digits for escapes.
#include <catch2/catch.hpp>

#include "base/hex.h"

using namespace apex;

TEST_CASE("hex: digit values", "[base]") {
  CHECK(hex::digitValue('0') == 0);
  CHECK(hex::digitValue('9') == 9);
  CHECK(hex::digitValue('a') == 10);
  CHECK(hex::digitValue('F') == 15);
  CHECK(hex::digitValue('g') == -1);
  CHECK(hex::digitValue('/') == -1);
  CHECK(hex::digitValue('\xC3') == -1);
}

TEST_CASE("hex: bytes to lower-case text and back", "[base]") {
  CHECK(hex::encode("") == "");
  CHECK(hex::encode(std::string("\x00\x0f\xab\xff", 4)) == "000fabff");
  CHECK(hex::decode("000fabff") == std::string("\x00\x0f\xab\xff", 4));
  CHECK(hex::decode("ABcd") == "\xab\xcd");
  CHECK(hex::decode("") == "");
  CHECK_FALSE(hex::decode("abc"));   // odd length
  CHECK_FALSE(hex::decode("0g"));    // not a digit
  CHECK_FALSE(hex::decode("0x12"));
}

TEST_CASE("hex: upper-case digits for escapes", "[base]") {
  std::string out = "%";
  hex::appendUpper(out, 0xAB);
  hex::appendUpper(out, 0x05);
  CHECK(out == "%AB05");
}
