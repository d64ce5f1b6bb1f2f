#include "core/kube/objects/node.hpp"

#include "core/kube/objects/json_fields.hpp"

namespace devk8s::core::kube::objects {

namespace {

using namespace fields;

constexpr EnumName<TaintEffect> k_effects[] = {{"NoSchedule", TaintEffect::no_schedule},
                                               {"PreferNoSchedule", TaintEffect::prefer_no_schedule},
                                               {"NoExecute", TaintEffect::no_execute}};

} // namespace

bool Node::ready() const { return condition_true(conditions, "Ready"); }

Node decode_node(nlohmann::json& object)
{
  Node node;
  node.metadata = decode_object_meta(object);
  if (Json* spec = object_member(object, "spec")) {
    node.unschedulable = read_bool(*spec, "unschedulable").value_or(false);
    for_each_object(*spec, "taints", [&](Json& taint) {
      node.taints.push_back({take_string(taint, "key"), take_string(taint, "value"), take_enum(taint, "effect", k_effects)});
    });
  }
  if (Json* status = object_member(object, "status")) {
    node.conditions = decode_conditions(*status);
    node.capacity = decode_resource_list(*status, "capacity");
    node.allocatable = decode_resource_list(*status, "allocatable");
    if (Json* info = object_member(*status, "nodeInfo")) {
      node.node_info = {take_string(*info, "kubeletVersion"), take_string(*info, "containerRuntimeVersion"),
                        take_string(*info, "osImage")};
    }
  }
  return node;
}

} // namespace devk8s::core::kube::objects
