// A ResourceList (Kubernetes API reference: map of resource name to Quantity) as containers'
// requests and limits and nodes' capacity and allocatable carry it, reduced to the resources a
// diagnosis compares. Values stay text ("500m", "1877276Ki"); quantity.hpp turns them into numbers.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace devk8s::core::kube::objects {

struct ResourceList {
  std::string cpu;               ///< "cpu"
  std::string memory;            ///< "memory"
  std::string ephemeral_storage; ///< "ephemeral-storage"
  std::string pods;              ///< "pods" (nodes only)

  bool empty() const { return cpu.empty() && memory.empty() && ephemeral_storage.empty() && pods.empty(); }
};

/// Decodes the object member `key` of `parent` ("requests", "allocatable"…); an absent or
/// mistyped member gives an empty list; never throws.
ResourceList decode_resource_list(nlohmann::json& parent, std::string_view key);

} // namespace devk8s::core::kube::objects
