// A Node (Node v1 core) as a diagnosis reads it: is it Ready or under pressure, what can it
// hold, what keeps pods off it, and what runs it.
#pragma once

#include "core/kube/objects/api_enum.hpp"
#include "core/kube/objects/condition.hpp"
#include "core/kube/objects/object_meta.hpp"
#include "core/kube/objects/resource_list.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace devk8s::core::kube::objects {

/// TaintEffect: "NoSchedule", "PreferNoSchedule", "NoExecute".
enum class TaintEffect { no_schedule, prefer_no_schedule, no_execute, unrecognized };

/// spec.taints[] (Taint v1 core).
struct Taint {
  std::string key;   ///< key: "node.kubernetes.io/disk-pressure"
  std::string value; ///< value
  ApiEnum<TaintEffect> effect; ///< effect
};

/// status.nodeInfo (NodeSystemInfo v1 core), the parts that explain a node's behaviour.
struct NodeInfo {
  std::string kubelet_version;           ///< kubeletVersion: "v1.20.2"
  std::string container_runtime_version; ///< containerRuntimeVersion: "docker://20.10.6"
  std::string os_image;                  ///< osImage: "Ubuntu 20.04.2 LTS"
};

struct Node {
  ObjectMeta metadata;
  bool unschedulable = false; ///< spec.unschedulable (cordoned)
  std::vector<Taint> taints;  ///< spec.taints
  std::vector<Condition> conditions; ///< status.conditions: Ready, MemoryPressure, DiskPressure, PIDPressure…
  ResourceList capacity;    ///< status.capacity
  ResourceList allocatable; ///< status.allocatable: what the scheduler may hand out
  NodeInfo node_info;       ///< status.nodeInfo

  /// The Ready condition is "True" (a node without one is not ready).
  bool ready() const;
};

/// Decodes one node, moving strings out of `object`. Missing or mistyped fields stay empty;
/// never throws.
Node decode_node(nlohmann::json& object);

} // namespace devk8s::core::kube::objects
