// A Pod (Pod v1 core) reduced to what a diagnosis walks: where it is in its life (phase,
// conditions, the kubelet's container reports), where it was scheduled, what it runs, and what
// it needs from the cluster (claims, ConfigMaps, Secrets).
#pragma once

#include "core/kube/objects/api_enum.hpp"
#include "core/kube/objects/condition.hpp"
#include "core/kube/objects/container.hpp"
#include "core/kube/objects/object_meta.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace devk8s::core::kube::objects {

/// status.phase: "Pending", "Running", "Succeeded", "Failed", "Unknown" (a real phase: the node
/// stopped reporting).
enum class PodPhase { pending, running, succeeded, failed, unknown, unrecognized };

/// spec.volumes[] (Volume v1 core): the name, and the cluster object it draws on when that is a
/// claim, a ConfigMap or a Secret; other sources (hostPath, emptyDir, projected…) leave all three empty.
struct PodVolume {
  std::string name;       ///< name
  std::string claim_name; ///< persistentVolumeClaim.claimName
  std::string config_map; ///< configMap.name
  std::string secret;     ///< secret.secretName
};

struct Pod {
  ObjectMeta metadata;
  // spec
  std::string node_name;      ///< spec.nodeName: empty while unscheduled
  std::string scheduler_name; ///< spec.schedulerName
  std::vector<Container> containers;      ///< spec.containers
  std::vector<Container> init_containers; ///< spec.initContainers
  std::vector<PodVolume> volumes;         ///< spec.volumes
  // status
  ApiEnum<PodPhase> phase;          ///< status.phase
  std::string reason;               ///< status.reason: "Evicted", "NodeLost"
  std::string message;              ///< status.message: "The node was low on resource: ephemeral-storage."
  std::vector<Condition> conditions; ///< status.conditions: PodScheduled, Initialized, ContainersReady, Ready
  std::vector<ContainerStatus> container_statuses;      ///< status.containerStatuses
  std::vector<ContainerStatus> init_container_statuses; ///< status.initContainerStatuses

  /// The spec container named `name` (containers, then initContainers), or nullptr.
  const Container* container(const std::string& name) const;
  /// The claim names of spec.volumes, in order.
  std::vector<std::string> claim_names() const;
};

/// Decodes one pod, moving strings out of `object`. Missing or mistyped fields stay empty,
/// elements of the wrong type are skipped; never throws.
Pod decode_pod(nlohmann::json& object);

} // namespace devk8s::core::kube::objects
