#include "core/yaml/scalar_type.hpp"

#include <algorithm>
#include <array>

namespace devk8s::core::yaml {

namespace {

constexpr std::string_view k_tag_prefix = "tag:yaml.org,2002:";

bool all_of(std::string_view text, bool (*accept)(char))
{
  return !text.empty() && std::all_of(text.begin(), text.end(), accept);
}

bool is_digit(char c) { return (c >= '0' && c <= '9') || c == '_'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_octal(char c) { return (c >= '0' && c <= '7') || c == '_'; }
bool is_binary(char c) { return c == '0' || c == '1' || c == '_'; }

// go-yaml v2's resolve(): an int (strconv base 0: 0x, 0o, 0b, leading 0, underscores), a float
// (1.5, .5, 1e3, 1.5E-3), or .inf/.nan in YAML 1.1's spellings; an optional sign first.
bool is_number(std::string_view v)
{
  if (!v.empty() && (v.front() == '+' || v.front() == '-')) {
    v.remove_prefix(1);
  }
  for (const std::string_view special : {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"}) {
    if (v == special) {
      return true;
    }
  }
  if (v.size() > 2 && v[0] == '0') {
    const std::string_view rest = v.substr(2);
    switch (v[1]) {
    case 'x':
    case 'X':
      return all_of(rest, is_hex);
    case 'o':
    case 'O':
      return all_of(rest, is_octal);
    case 'b':
    case 'B':
      return all_of(rest, is_binary);
    default:
      break;
    }
  }
  const std::size_t exponent = v.find_first_of("eE");
  const std::string_view mantissa = v.substr(0, exponent);
  const std::size_t dot = mantissa.find('.');
  const std::string_view whole = mantissa.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : mantissa.substr(dot + 1);
  if ((whole.empty() && fraction.empty()) || (!whole.empty() && !all_of(whole, is_digit)) ||
      (!fraction.empty() && !all_of(fraction, is_digit)) || (whole.empty() && dot == std::string_view::npos)) {
    return false;
  }
  if (exponent == std::string_view::npos) {
    return true;
  }
  std::string_view power = v.substr(exponent + 1);
  if (!power.empty() && (power.front() == '+' || power.front() == '-')) {
    power.remove_prefix(1);
  }
  return all_of(power, is_digit);
}

bool is_bool(std::string_view v)
{
  static constexpr std::array<std::string_view, 22> k_bools = {
      "y",  "Y",  "yes", "Yes", "YES", "n",     "N",     "no",    "No", "NO", "true",
      "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF"};
  return std::find(k_bools.begin(), k_bools.end(), v) != k_bools.end();
}

} // namespace

std::optional<std::string> non_string_scalar(std::string_view value, bool plain, std::string_view tag)
{
  if (!tag.empty() && tag != "!") {
    if (tag == std::string(k_tag_prefix) + "str") {
      return std::nullopt;
    }
    if (tag.substr(0, k_tag_prefix.size()) == k_tag_prefix) {
      return "tagged !!" + std::string(tag.substr(k_tag_prefix.size()));
    }
    return "tagged " + std::string(tag);
  }
  if (!plain || !tag.empty()) {
    return std::nullopt;
  }
  if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") {
    return "null";
  }
  if (is_bool(value)) {
    return "a boolean";
  }
  if (is_number(value)) {
    return "a number";
  }
  return std::nullopt;
}

} // namespace devk8s::core::yaml
