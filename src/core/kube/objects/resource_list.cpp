#include "core/kube/objects/resource_list.hpp"

#include "core/kube/objects/json_fields.hpp"

namespace devk8s::core::kube::objects {

ResourceList decode_resource_list(nlohmann::json& parent, std::string_view key)
{
  using namespace fields;
  ResourceList list;
  Json* resources = object_member(parent, key);
  if (resources == nullptr) {
    return list;
  }
  list.cpu = take_quantity(*resources, "cpu");
  list.memory = take_quantity(*resources, "memory");
  list.ephemeral_storage = take_quantity(*resources, "ephemeral-storage");
  list.pods = take_quantity(*resources, "pods");
  return list;
}

} // namespace devk8s::core::kube::objects
