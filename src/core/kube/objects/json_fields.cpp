#include "core/kube/objects/json_fields.hpp"

#include <limits>

namespace devk8s::core::kube::objects::fields {

Json* member(Json& object, std::string_view key)
{
  if (!object.is_object()) {
    return nullptr;
  }
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

Json* object_member(Json& object, std::string_view key)
{
  Json* value = member(object, key);
  return value != nullptr && value->is_object() ? value : nullptr;
}

std::string take_string(Json& object, std::string_view key)
{
  Json* value = member(object, key);
  if (value == nullptr || !value->is_string()) {
    return {};
  }
  return std::move(value->get_ref<std::string&>());
}

std::optional<int> read_int32(const Json& object, std::string_view key)
{
  if (!object.is_object()) {
    return std::nullopt;
  }
  const auto found = object.find(key);
  if (found == object.end()) {
    return std::nullopt;
  }
  if (found->is_number_unsigned()) {
    const auto value = found->get<std::uint64_t>();
    if (value > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
      return std::nullopt;
    }
    return static_cast<int>(value);
  }
  if (found->is_number_integer()) {
    const auto value = found->get<std::int64_t>();
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
      return std::nullopt;
    }
    return static_cast<int>(value);
  }
  return std::nullopt;
}

std::optional<bool> read_bool(const Json& object, std::string_view key)
{
  if (!object.is_object()) {
    return std::nullopt;
  }
  const auto found = object.find(key);
  if (found == object.end() || !found->is_boolean()) {
    return std::nullopt;
  }
  return found->get<bool>();
}

std::map<std::string, std::string> take_string_map(Json& object, std::string_view key)
{
  std::map<std::string, std::string> result;
  Json* map = object_member(object, key);
  if (map == nullptr) {
    return result;
  }
  for (auto& [name, value] : map->items()) {
    if (value.is_string()) {
      result.emplace(name, std::move(value.get_ref<std::string&>()));
    }
  }
  return result;
}

std::string take_quantity(Json& object, std::string_view key)
{
  Json* value = member(object, key);
  if (value == nullptr) {
    return {};
  }
  if (value->is_string()) {
    return std::move(value->get_ref<std::string&>());
  }
  if (value->is_number()) {
    return value->dump();
  }
  return {};
}

} // namespace devk8s::core::kube::objects::fields
