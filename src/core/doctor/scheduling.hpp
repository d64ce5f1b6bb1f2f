// The scheduler's FailedScheduling message parsed into its reasons (kube-scheduler v1.20
// framework FitError.Error(): "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had taint
// {k: v}, that the pod didn't tolerate." — each reason with how many nodes gave it, sorted by
// text). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::doctor {

enum class ScheduleReason {
  unbound_claims,    ///< "pod has unbound immediate PersistentVolumeClaims"
  insufficient_cpu,  ///< "Insufficient cpu"
  insufficient_memory, ///< "Insufficient memory"
  taint,             ///< "node(s) had taint {…}, that the pod didn't tolerate"
  unschedulable,     ///< "node(s) were unschedulable" (cordoned)
  node_selector,     ///< "node(s) didn't match node selector" / "Pod's node affinity/selector"
  volume_affinity,   ///< "node(s) had volume node affinity conflict"
  claim_not_found,   ///< "persistentvolumeclaim \"x\" not found"
  other,
};

struct ScheduleFailure {
  ScheduleReason reason = ScheduleReason::other;
  int nodes = 0;     ///< how many nodes gave this reason (0 when the message has no count)
  std::string text;  ///< the reason as written
};

struct SchedulingMessage {
  int available = 0;
  int total = 0;
  std::vector<ScheduleFailure> failures;
};

/// nullopt when `message` is not the "N/M nodes are available: …" form (a message of another
/// release or scheduler); a claim that does not exist is the one other form parsed.
std::optional<SchedulingMessage> parse_failed_scheduling(std::string_view message);

} // namespace devk8s::core::doctor
