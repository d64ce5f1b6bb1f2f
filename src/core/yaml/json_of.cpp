#include "core/yaml/json_of.hpp"

#include "core/yaml/scalar_type.hpp"
#include "util/strings.hpp"

namespace devk8s::core::yaml {

nlohmann::json json_of(const YAML::Node& node)
{
  if (node.IsMap()) {
    auto object = nlohmann::json::object();
    for (const auto& entry : node) {
      object[entry.first.as<std::string>()] = json_of(entry.second);
    }
    return object;
  }
  if (node.IsSequence()) {
    auto array = nlohmann::json::array();
    for (const auto& item : node) {
      array.push_back(json_of(item));
    }
    return array;
  }
  if (!node.IsScalar()) {
    return nullptr;
  }
  // As sigs.k8s.io/yaml converts a plain scalar to JSON: numbers, booleans and null keep their type.
  const std::string text = node.Scalar();
  const auto kind = non_string_scalar(text, node.Tag() == "?", node.Tag() == "?" ? "" : node.Tag());
  if (kind == std::optional<std::string>("null")) {
    return nullptr;
  }
  if (kind == std::optional<std::string>("a boolean")) {
    const std::string lower = util::to_lower(text);
    return lower == "true" || lower == "yes" || lower == "on" || lower == "y";
  }
  if (kind == std::optional<std::string>("a number")) {
    if (auto number = nlohmann::json::parse(text, nullptr, false); number.is_number()) {
      return number;
    }
  }
  return text;
}

} // namespace devk8s::core::yaml
