#include "util/json_parse.hpp"

#include "util/nesting.hpp"
#include "util/text_position.hpp"

#include <optional>
#include <string>

namespace devk8s::util {

namespace {

// The offset of the first '[' or '{' past the limit, outside strings. Anything malformed is
// left to the parser: this pass only bounds what the parser will be given.
std::optional<std::size_t> first_too_deep(std::string_view text)
{
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > k_max_nesting) {
        return i;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 2: why";
// the position is given separately, so keep the why.
std::string reason(const char* what)
{
  const std::string text(what);
  if (const auto column = text.find(", column "); column != std::string::npos) {
    if (const auto colon = text.find(": ", column); colon != std::string::npos) {
      return text.substr(colon + 2);
    }
  }
  const auto bracket = text.find("] ");
  return bracket == std::string::npos ? text : text.substr(bracket + 2);
}

} // namespace

Result<nlohmann::json> parse_json(std::string_view text)
{
  if (const auto at = first_too_deep(text)) {
    return failure(to_string(position_at(text, *at)) + ": " + nesting_too_deep());
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // `byte` counts from 1 and names the character that could not be read.
    return failure(to_string(position_at(text, e.byte == 0 ? 0 : e.byte - 1)) + ": " + reason(e.what()));
  } catch (const nlohmann::json::exception& e) {
    return failure(reason(e.what())); // a number out of range: nlohmann gives no position
  }
}

} // namespace devk8s::util
