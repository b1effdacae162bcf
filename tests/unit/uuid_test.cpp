// Unit tests of base/uuid.h: the text form of a version 4 UUID, and that
// each is new.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "base/uuid.h"

using namespace apex;

TEST_CASE("uuid: version 4 text form", "[base]") {
  static const std::regex form("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  for (int i = 0; i < 100; ++i) CHECK(std::regex_match(randomUuid(), form));
}

TEST_CASE("uuid: each one is new", "[base]") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(randomUuid());
  CHECK(seen.size() == 1000);
}
