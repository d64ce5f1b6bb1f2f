// The controllers that own pods (Deployment, StatefulSet, DaemonSet, ReplicaSet v1 apps; Job
// v1 batch), reduced to one shape: how many pods they want, how many are ready, their
// conditions, and the selector that finds their pods. Not their templates.
#pragma once

#include "core/kube/objects/condition.hpp"
#include "core/kube/objects/object_meta.hpp"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::kube::objects {

enum class WorkloadKind { deployment, stateful_set, daemon_set, replica_set, job };
/// The API's kind: "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job".
const char* to_string(WorkloadKind kind);
/// The kind for an API kind name; nullopt for any other.
std::optional<WorkloadKind> workload_kind(std::string_view api_kind);

struct Workload {
  WorkloadKind kind = WorkloadKind::deployment;
  ObjectMeta metadata;
  std::map<std::string, std::string> match_labels; ///< spec.selector.matchLabels
  /// spec.selector.matchExpressions is not empty: match_labels alone is then not the selector,
  /// and pods must not be matched by it alone.
  bool has_match_expressions = false;

  /// What it wants: spec.replicas (Deployment, StatefulSet, ReplicaSet; nullopt when absent),
  /// status.desiredNumberScheduled (DaemonSet), spec.completions (Job).
  std::optional<int> desired;
  int replicas = 0;  ///< status.replicas; DaemonSet: status.currentNumberScheduled
  int ready = 0;     ///< status.readyReplicas; DaemonSet: status.numberReady
  int available = 0; ///< status.availableReplicas; DaemonSet: status.numberAvailable
  int updated = 0;   ///< status.updatedReplicas; DaemonSet: status.updatedNumberScheduled
  // Job only
  int active = 0;    ///< status.active
  int succeeded = 0; ///< status.succeeded
  int failed = 0;    ///< status.failed
  std::optional<int> backoff_limit; ///< spec.backoffLimit
  std::vector<Condition> conditions; ///< status.conditions: Available, Progressing, Complete, Failed…
};

/// Decodes one workload of `kind` (the item's own "kind" wins when it names a workload: a List
/// from kubectl carries it, a typed list from the API server does not). Moves strings out of
/// `object`; missing or mistyped fields stay empty or zero; never throws.
Workload decode_workload(nlohmann::json& object, WorkloadKind kind);

} // namespace devk8s::core::kube::objects
