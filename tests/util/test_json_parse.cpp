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
  // nlohmann quotes what it read last; in a config.json or a token answer that is the secret.
  const auto secret = parse_json("{\"auth\": \"YWxpY2U6czNjcjN0\n\"}");
  REQUIRE_FALSE(secret);
  CHECK(secret.error().message ==
        "1:27: syntax error while parsing value - invalid string: control character U+000A (LF) must be escaped to "
        "\\u000A or \\n");
}

TEST_CASE("parse_json_list: the top-level items go out one by one, the rest stays", "[util]")
{
  std::vector<nlohmann::json> items;
  const auto take = [&items](nlohmann::json&& item) { items.push_back(std::move(item)); };
  const auto doc = parse_json_list(
      R"({"kind":"PodList","metadata":{"continue":"t"},"items":[{"metadata":{"name":"a","managedFields":[{"x":1}]},)"
      R"("spec":{"items":[{"nested":true}]}},7,{"metadata":{"name":"b"}}],"extra":[{"not":"an item"}]})",
      take, {"managedFields"});
  REQUIRE(doc);
  REQUIRE(items.size() == 2);
  CHECK(items[0]["metadata"]["name"] == "a");
  CHECK_FALSE(items[0]["metadata"].contains("managedFields")); // dropped below the top
  CHECK(items[0]["spec"]["items"][0]["nested"] == true);       // an inner "items" is an item's own
  CHECK(items[1]["metadata"]["name"] == "b");
  // What is not an object stays in the array, for the caller to count; the rest of the document is whole.
  CHECK(doc->at("items") == nlohmann::json::array({7}));
  CHECK(doc->at("metadata").at("continue") == "t");
  CHECK(doc->at("extra").size() == 1);

  items.clear();
  const auto bad = parse_json_list(R"({"items":[{"a":1},{"b":tru}]})", take);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.rfind("1:27: ", 0) == 0);
  CHECK(items.size() == 1); // handed over before the error: the caller drops it
  CHECK_FALSE(parse_json_list(std::string(600, '[') + std::string(600, ']'), take)); // depth bound as parse_json
}

TEST_CASE("parse_json_list agrees with parse_json at the nesting bound and on what is not JSON", "[util]")
{
  const auto take = [](nlohmann::json&&) {};
  const auto nested = [](std::size_t levels) {
    return R"({"items":[)" + std::string(levels - 2, '[') + std::string(levels - 2, ']') + "]}";
  };
  CHECK(parse_json(nested(256)));
  CHECK(parse_json_list(nested(256), take));
  const auto deep = parse_json(nested(257));
  const auto deep_list = parse_json_list(nested(257), take);
  REQUIRE_FALSE(deep);
  REQUIRE_FALSE(deep_list);
  CHECK(deep_list.error().message == deep.error().message);
  for (const char* text : {"", "{} x", R"({"a":1e400})", "{\"a\":\"\xff\"}", R"({"items":[1,}")"}) {
    CAPTURE(text);
    const auto whole = parse_json(text);
    const auto list = parse_json_list(text, take);
    REQUIRE_FALSE(whole);
    REQUIRE_FALSE(list);
    CHECK(list.error().message == whole.error().message);
  }
  // What simdjson builds is what nlohmann builds: unsigned where there is no sign, the last of two keys.
  const auto doc = parse_json_list(R"({"n":5,"m":-5,"f":1.5,"k":1,"k":2,"items":[]})", take);
  REQUIRE(doc);
  CHECK(doc->at("n").is_number_unsigned());
  CHECK(doc->at("m").is_number_integer());
  CHECK(doc->at("f").is_number_float());
  CHECK(doc->at("k") == 2);
  CHECK(*doc == *parse_json(R"({"n":5,"m":-5,"f":1.5,"k":2,"items":[]})"));
}
