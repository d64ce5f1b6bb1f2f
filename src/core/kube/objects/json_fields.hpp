// The defensive reads every object decoder here is made of: a field of the wrong type counts as
// absent, nothing throws, and strings are moved out of the document rather than copied (the
// document is consumed). Internal to core/kube/objects; not part of its interface.
#pragma once

#include "core/kube/objects/api_enum.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace devk8s::core::kube::objects::fields {

using Json = nlohmann::json;

/// The member `key` of `object`, or nullptr when `object` is not an object or lacks it.
Json* member(Json& object, std::string_view key);
/// The member when it is an object, else nullptr.
Json* object_member(Json& object, std::string_view key);

/// The string member, moved out; empty when absent or not a string.
std::string take_string(Json& object, std::string_view key);
/// An integer member; nullopt when absent, not an integer, or outside int32 (all the counts,
/// exit codes and replica numbers of the API are int32).
std::optional<int> read_int32(const Json& object, std::string_view key);
/// A boolean member; nullopt when absent or not a boolean.
std::optional<bool> read_bool(const Json& object, std::string_view key);
/// A map of strings (labels, annotations, matchLabels); entries whose value is not a string
/// are left out.
std::map<std::string, std::string> take_string_map(Json& object, std::string_view key);
/// A resource.Quantity as the server serializes it (a string); a bare JSON number, which only
/// hand-written documents hold, is kept as its text.
std::string take_quantity(Json& object, std::string_view key);

/// Calls `visit(Json&)` for each element of the array member `key` that is an object.
template <typename Visit>
void for_each_object(Json& object, std::string_view key, Visit&& visit)
{
  Json* array = member(object, key);
  if (array == nullptr || !array->is_array()) {
    return;
  }
  for (auto& element : *array) {
    if (element.is_object()) {
      visit(element);
    }
  }
}

/// An enum member: see ApiEnum for what an unknown or absent string gives.
template <typename E, std::size_t N>
ApiEnum<E> take_enum(Json& object, std::string_view key, const EnumName<E> (&names)[N])
{
  return to_api_enum(take_string(object, key), names);
}

} // namespace devk8s::core::kube::objects::fields
