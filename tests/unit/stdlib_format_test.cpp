// Unit tests of the number formatting natives share (stdlib/native.h):
// java.text.NumberFormat en_US — grouping, at most three fraction digits,
// HALF_EVEN — as Integer/Long/Double/Decimal format() print.
#include <catch2/catch.hpp>

#include "stdlib/native.h"

using apex::Decimal;
using apex::stdlib::formatGrouped;

namespace {
std::string fmt(const char* text) {
  auto d = Decimal::parse(text);
  REQUIRE(d.has_value());
  return formatGrouped(*d);
}
}  // namespace

TEST_CASE("stdlib format: grouping of whole numbers", "[stdlib]") {
  CHECK(formatGrouped(Decimal::fromInt64(0)) == "0");
  CHECK(formatGrouped(Decimal::fromInt64(999)) == "999");
  CHECK(formatGrouped(Decimal::fromInt64(1000)) == "1,000");
  CHECK(formatGrouped(Decimal::fromInt64(-1234567)) == "-1,234,567");
  CHECK(formatGrouped(Decimal::fromInt64(INT64_MIN)) == "-9,223,372,036,854,775,808");
}

TEST_CASE("stdlib format: fractions keep at most three digits, half-even", "[stdlib]") {
  CHECK(fmt("1234.5") == "1,234.5");
  CHECK(fmt("1234.50") == "1,234.5");
  CHECK(fmt("1.2345") == "1.234");  // half-even: 4 stays
  CHECK(fmt("1.2355") == "1.236");
  CHECK(fmt("0.0004") == "0");
  CHECK(fmt("-0.0004") == "0");
  CHECK(fmt("-12.75") == "-12.75");
}
