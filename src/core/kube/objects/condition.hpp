// A status condition as Pods, Nodes, PVCs and workloads report them (PodCondition,
// NodeCondition, DeploymentCondition, JobCondition…: all carry type, status, reason, message).
// Timestamps are left out: analyzers quote the event or condition, they do not age it.
#pragma once

#include "core/kube/objects/api_enum.hpp"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::kube::objects {

/// ConditionStatus: "True", "False", "Unknown" (a real value: the node controller sets Ready
/// Unknown when a kubelet stops posting).
enum class ConditionStatus { true_, false_, unknown, unrecognized };

struct Condition {
  std::string type;                ///< type: "Ready", "PodScheduled", "MemoryPressure", "Available"
  ApiEnum<ConditionStatus> status; ///< status
  std::string reason;              ///< reason: "Unschedulable", "KubeletHasDiskPressure"
  std::string message;             ///< message
};

/// The condition of `type`, or nullptr.
const Condition* find_condition(const std::vector<Condition>& conditions, std::string_view type);
/// True when the condition of `type` exists and its status is "True".
bool condition_true(const std::vector<Condition>& conditions, std::string_view type);

/// Decodes the array member `key` of `status` (usually "conditions"); non-object elements are
/// skipped, missing fields left empty; never throws.
std::vector<Condition> decode_conditions(nlohmann::json& status, std::string_view key = "conditions");

} // namespace devk8s::core::kube::objects
