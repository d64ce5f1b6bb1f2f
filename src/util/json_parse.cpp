#include "util/json_parse.hpp"

#include "util/nesting.hpp"
#include "util/text_position.hpp"

#include <simdjson.h>

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
// the position is given separately, so keep the why. Its why may end "; last read: '...'",
// quoting the bytes it read last (json/detail/input/parser.hpp, exception_message): in a
// docker config.json, a token answer or a helper's output those are a password or a token, and
// the position already says where to look. So the quote goes, with anything after it.
std::string reason(const char* what)
{
  std::string text(what);
  if (const auto quoted = text.find("; last read: "); quoted != std::string::npos) {
    text.erase(quoted);
  }
  if (const auto column = text.find(", column "); column != std::string::npos) {
    if (const auto colon = text.find(": ", column); colon != std::string::npos) {
      return text.substr(colon + 2);
    }
  }
  const auto bracket = text.find("] ");
  return bracket == std::string::npos ? text : text.substr(bracket + 2);
}

// The parse, and the words of its errors, shared by both entry points.
template <typename Parse>
Result<nlohmann::json> parse_checked(std::string_view text, Parse parse)
{
  if (const auto at = first_too_deep(text)) {
    return failure(to_string(position_at(text, *at)) + ": " + nesting_too_deep());
  }
  try {
    return parse();
  } catch (const nlohmann::json::parse_error& e) {
    // `byte` counts from 1 and names the character that could not be read.
    return failure(to_string(position_at(text, e.byte == 0 ? 0 : e.byte - 1)) + ": " + reason(e.what()));
  } catch (const nlohmann::json::exception& e) {
    return failure(reason(e.what())); // a number out of range: nlohmann gives no position
  }
}

} // namespace

Result<nlohmann::json> parse_json(std::string_view text)
{
  return parse_checked(text, [&] { return nlohmann::json::parse(text); });
}

namespace {

using Drop = std::initializer_list<std::string_view>;

bool dropped(std::string_view key, Drop drop)
{
  for (const auto name : drop) {
    if (key == name) {
      return true;
    }
  }
  return false;
}

// simdjson's tree as nlohmann's parser would have built it: an integer without a sign is
// unsigned, and of keys given twice the last one wins.
nlohmann::json convert(simdjson::dom::element value, Drop drop)
{
  using Type = simdjson::dom::element_type;
  switch (value.type()) {
  case Type::OBJECT: {
    nlohmann::json object = nlohmann::json::object();
    for (const auto [key, member] : simdjson::dom::object(value)) {
      if (!dropped(key, drop)) {
        object[std::string(key)] = convert(member, drop);
      }
    }
    return object;
  }
  case Type::ARRAY: {
    nlohmann::json array = nlohmann::json::array();
    for (const auto element : simdjson::dom::array(value)) {
      array.push_back(convert(element, drop));
    }
    return array;
  }
  case Type::STRING:
    return std::string(std::string_view(value));
  case Type::INT64: {
    const auto number = std::int64_t(value);
    return number >= 0 ? nlohmann::json(static_cast<std::uint64_t>(number)) : nlohmann::json(number);
  }
  case Type::UINT64:
    return std::uint64_t(value);
  case Type::DOUBLE:
    return double(value);
  case Type::BOOL:
    return bool(value);
  case Type::NULL_VALUE:
    break;
  }
  return nullptr;
}

// The fast path: simdjson parses the whole page first (an invalid document fails before any item
// is handed over), at about twenty times nlohmann's speed; the tree is then built item by item.
// Nothing, when simdjson refuses the text: nlohmann's parser then says why, with a position.
std::optional<nlohmann::json> parse_list_simdjson(std::string_view text,
                                                  const std::function<void(nlohmann::json&&)>& item, Drop drop)
{
  // One parser per thread, its buffers reused page after page and grown to the largest page: they
  // take up to 14 bytes per byte of a page (an 8-byte tape entry per structural character at most),
  // of which only what a page fills is ever touched. Sized back down for a smaller page, they would
  // be mapped and faulted in again for each page of a list that alternates with a larger one.
  thread_local simdjson::dom::parser parser;
  if ((parser.capacity() < text.size() || parser.max_depth() != k_max_nesting) &&
      parser.allocate(text.size(), k_max_nesting) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size(), true).get(root) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  if (root.type() != simdjson::dom::element_type::OBJECT) {
    return convert(root, drop);
  }
  nlohmann::json document = nlohmann::json::object();
  for (const auto [key, member] : simdjson::dom::object(root)) {
    if (key != "items" || member.type() != simdjson::dom::element_type::ARRAY) {
      document[std::string(key)] = convert(member, drop);
      continue;
    }
    nlohmann::json rest = nlohmann::json::array(); // what is not an object stays, for the caller to count
    for (const auto element : simdjson::dom::array(member)) {
      if (element.type() == simdjson::dom::element_type::OBJECT) {
        item(convert(element, drop));
      } else {
        rest.push_back(convert(element, drop));
      }
    }
    document["items"] = std::move(rest);
  }
  return document;
}

} // namespace

Result<nlohmann::json> parse_json_list(std::string_view text, const std::function<void(nlohmann::json&&)>& item,
                                       std::initializer_list<std::string_view> drop)
{
  if (auto fast = parse_list_simdjson(text, item, drop)) {
    return std::move(*fast);
  }
  using Event = nlohmann::json::parse_event_t;
  bool in_items = false; // inside the top-level "items" member
  // nlohmann's parser callback: depth 0 is the document, 1 its members (and the items array),
  // 2 an element of a top-level array. Returning false leaves the value out of the tree.
  const nlohmann::json::parser_callback_t callback = [&](int depth, Event event, nlohmann::json& parsed) {
    if (event == Event::key) {
      const auto& key = parsed.get_ref<const std::string&>();
      if (depth == 1) {
        in_items = key == "items";
        return true;
      }
      for (const auto name : drop) {
        if (key == name) {
          return false;
        }
      }
      return true;
    }
    if (event == Event::object_end && depth == 2 && in_items) {
      item(std::move(parsed));
      return false;
    }
    return true;
  };
  return parse_checked(text, [&] { return nlohmann::json::parse(text, callback); });
}

} // namespace devk8s::util
