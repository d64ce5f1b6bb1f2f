// What a Wait step waits for, as data: a kind of object, where, which ones (names or a label
// selector) and the state they must reach; and the pure function that reads, from a list the
// executor fetched, which objects are still pending and how each looks. Commands add waits by
// building conditions; nothing here talks to a cluster.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace devk8s::core::plan {

enum class WaitKind { pod, persistent_volume_claim, deployment, stateful_set, daemon_set, job, endpoints, namespace_ };

/// ready: a pod's Ready condition is True (or it Succeeded: it ran to completion and never will be); a Deployment, StatefulSet or DaemonSet has every
/// desired replica updated, ready and available. bound: a claim is Bound. complete: a pod
/// Succeeded, a Job has its Complete condition. An Endpoints object is ready with at least one
/// ready address (its Service has a Ready pod to send to); a namespace can only be waited gone. gone: no such object is left (deleted, or, for a
/// selector, none matches any more).
enum class WaitState { ready, bound, complete, gone };

struct WaitCondition {
  WaitKind kind = WaitKind::pod;
  std::string namespace_name;     ///< empty: every namespace
  std::vector<std::string> names; ///< empty: every object the selector matches, and at least one unless `gone`
  std::string label_selector;     ///< "k8s-app=kube-dns"; empty: no selector
  WaitState state = WaitState::ready;
};

/// The resource's name in the API: "pods", "persistentvolumeclaims", "deployments"…
const char* to_string(WaitKind kind);
/// "Ready", "Bound", "Complete", "gone".
const char* to_string(WaitState state);

/// Why the condition cannot be waited for (a state that kind never reaches, an empty name), or
/// nullopt when it can.
std::optional<std::string> validate(const WaitCondition& condition);

/// The list the condition reads: "/api/v1/namespaces/kube-system/pods", "/apis/apps/v1/deployments".
std::string list_path(const WaitCondition& condition);

/// One line for plans and messages: "pods -l k8s-app=kube-dns in kube-system Ready",
/// "persistentvolumeclaims data-0 in default Bound".
std::string describe(const WaitCondition& condition);

/// An object the condition still waits for, and how it looked at the last poll.
struct PendingObject {
  std::string name;  ///< "kube-system/coredns-74ff55c5b-x2x9z"
  std::string state; ///< "Pending, storage-provisioner ImagePullBackOff: Back-off pulling image …"
};

struct WaitStatus {
  bool done = false;
  std::size_t matched = 0;            ///< objects of the list the condition is about
  std::vector<PendingObject> pending; ///< in list order; for a selector with no match yet, one entry saying so
};

/// Which of `items` (a list answer's items, taken by value: the decoders move strings out)
/// satisfy the condition. Pure.
WaitStatus evaluate(const WaitCondition& condition, std::vector<nlohmann::json> items);

/// The live status: "waiting for pods -l app=x in default Ready: 1 of 3 pending (12 s): default/x-1 (Pending, …)".
std::string status_line(const WaitCondition& condition, const WaitStatus& status, std::chrono::milliseconds elapsed);

} // namespace devk8s::core::plan
