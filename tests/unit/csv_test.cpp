// Unit tests of base/csv.h: RFC 4180 fields, quoting, line ends, errors.
#include <catch2/catch.hpp>

#include "base/csv.h"

using namespace apex;

namespace {

std::vector<csv::Row> csvRowsOf(std::string_view text) {
  auto parsed = csv::parse(text);
  REQUIRE(std::holds_alternative<std::vector<csv::Row>>(parsed));
  return std::get<std::vector<csv::Row>>(parsed);
}

csv::ParseError csvErrorOf(std::string_view text) {
  auto parsed = csv::parse(text);
  REQUIRE(std::holds_alternative<csv::ParseError>(parsed));
  return std::get<csv::ParseError>(parsed);
}

}  // namespace

TEST_CASE("csv: plain fields, LF and CRLF line ends", "[base]") {
  auto rows = csvRowsOf("Name,Phone\r\nAcme,555\nGlobex,\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == csv::Row{"Name", "Phone"});
  CHECK(rows[1] == csv::Row{"Acme", "555"});
  CHECK(rows[2] == csv::Row{"Globex", ""});
}

TEST_CASE("csv: quoted fields hold commas, quotes and line breaks", "[base]") {
  auto rows = csvRowsOf("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1] == csv::Row{"x, y", "say \"hi\""});
  CHECK(rows[2] == csv::Row{"two\nlines", "z"});
}

TEST_CASE("csv: blank lines and a byte order mark are skipped", "[base]") {
  auto rows = csvRowsOf("\xEF\xBB\xBFName\n\n\nAcme\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == csv::Row{"Name"});
  CHECK(rows[1] == csv::Row{"Acme"});
  CHECK(csvRowsOf("").empty());
}

TEST_CASE("csv: an unclosed quote and text after a quote are errors with their line", "[base]") {
  csv::ParseError open = csvErrorOf("a\nb\n\"never closed\nstill");
  CHECK(open.line == 3);
  CHECK(open.message == "a quoted field is not closed");
  csv::ParseError after = csvErrorOf("a\n\"x\"y,z");
  CHECK(after.line == 2);
  CHECK(after.message == "unexpected text after a closing quote");
}
