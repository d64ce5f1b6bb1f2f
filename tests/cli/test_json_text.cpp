#include "cli/json_text.hpp"

#include <catch2/catch.hpp>

using devk8s::cli::json_text;

TEST_CASE("json_text: text that is not UTF-8 is made valid by util::utf8, one U+FFFD per bad byte", "[cli][render]")
{
  const std::string r = "\xEF\xBF\xBD";
  // Half of 阿 (E9 98 BF): two bad bytes, two U+FFFD, as in tables, JUnit and registry text.
  const nlohmann::ordered_json j = {{"message", "half \xE9\x98 a character"}, {"list", {"\xFF", "阿里云"}},
                                    {"key \x80", 1}};
  const std::string text = json_text(j);
  CHECK(text.find("\"half " + r + r + " a character\"") != std::string::npos);
  CHECK(text.find("\"" + r + "\"") != std::string::npos);
  CHECK(text.find("\"阿里云\"") != std::string::npos);
  CHECK(text.find("\"key " + r + "\": 1") != std::string::npos);
  CHECK_NOTHROW(nlohmann::json::parse(text));
  CHECK(json_text(nlohmann::json{{"a", 1}}) == "{\n  \"a\": 1\n}");
}
