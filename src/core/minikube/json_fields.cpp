#include "core/minikube/json_fields.hpp"

#include "util/strings.hpp"

namespace devk8s::core::minikube::json_fields {

util::Result<nlohmann::json> parse(std::string_view text, const std::string& what)
{
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    return util::failure(what + " is not JSON: " + util::quoted(util::first_line(text).substr(0, 80)));
  }
  return j;
}

util::Error wrong_type(const std::string& what, std::string_view key, const nlohmann::json& value,
                       std::string_view expected)
{
  return util::failure(what + " field \"" + std::string(key) + "\" is " + value.type_name() + ", not " +
                       std::string(expected));
}

util::Result<std::string> string_at(const nlohmann::json& obj, const char* key, const std::string& what, bool required)
{
  if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) {
    if (required) {
      return util::failure(what + " has no \"" + key + "\"");
    }
    return std::string();
  }
  if (!obj[key].is_string()) {
    return wrong_type(what, key, obj[key], "a string");
  }
  return obj[key].get<std::string>();
}

util::Result<bool> bool_at(const nlohmann::json& obj, const char* key, const std::string& what, bool fallback)
{
  if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) {
    return fallback;
  }
  if (!obj[key].is_boolean()) {
    return wrong_type(what, key, obj[key], "a boolean");
  }
  return obj[key].get<bool>();
}

} // namespace devk8s::core::minikube::json_fields
