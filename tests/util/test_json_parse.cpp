#include "util/json_parse.hpp"
#include "util/text_position.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::util;

TEST_CASE("position_at: line and column of a byte offset", "[util]")
{
  CHECK(to_string(position_at("", 0)) == "1:1");
  CHECK(to_string(position_at("ab\ncd", 4)) == "2:2");
  CHECK(to_string(position_at("ab\ncd", 99)) == "2:3");     // clamped to the end
  CHECK(to_string(position_at("\xc3\xa9x\nab", 2)) == "1:2"); // columns count characters
}

TEST_CASE("parse_json: values, and errors that say where", "[util]")
{
  CHECK(parse_json(R"({"a":[1,2]})")->at("a").size() == 2);
  const auto bad = parse_json("{\n  \"a\": tru\n}");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.rfind("2:11: syntax error while parsing value - invalid literal", 0) == 0);
  const auto empty = parse_json("");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message.rfind("1:1: ", 0) == 0);
  CHECK_FALSE(parse_json("1e999999")); // out of range: an error, not an exception
}
