// An enumerated field of a Kubernetes object (a phase, a condition status, a policy) as devk8s
// reads it: the value when devk8s knows the string, and always the string itself, so a value
// added by a newer Kubernetes is still shown verbatim instead of being lost.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace devk8s::core::kube::objects {

/// Every enum E used here has a member `unrecognized`: the string is not one devk8s knows, or
/// the field was absent (then `text` is empty). It is not Kubernetes' own "Unknown", which
/// PodPhase and ConditionStatus have as a real value (their `unknown`).
template <typename E>
struct ApiEnum {
  E value = E::unrecognized;
  std::string text; ///< what the server sent, verbatim; empty when the field was absent

  bool operator==(E other) const { return value == other; }
  bool absent() const { return text.empty(); }
};

/// One row of an enum's table: the API's spelling and devk8s's value.
template <typename E>
using EnumName = std::pair<std::string_view, E>;

/// `text` looked up in `names` (exact, case-sensitive, as the API server compares them).
template <typename E, std::size_t N>
ApiEnum<E> to_api_enum(std::string text, const EnumName<E> (&names)[N])
{
  ApiEnum<E> result;
  for (const auto& [name, value] : names) {
    if (text == name) {
      result.value = value;
      break;
    }
  }
  result.text = std::move(text);
  return result;
}

} // namespace devk8s::core::kube::objects
