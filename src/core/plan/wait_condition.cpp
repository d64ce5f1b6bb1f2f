#include "core/plan/wait_condition.hpp"

#include "core/kube/objects/object_meta.hpp"
#include "core/kube/objects/pod.hpp"
#include "core/kube/objects/storage.hpp"
#include "core/kube/objects/workload.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace devk8s::core::plan {

namespace objects = core::kube::objects;

namespace {

constexpr std::size_t k_message_limit = 120;

std::string shortened(std::string text)
{
  if (text.size() > k_message_limit) {
    text = text.substr(0, k_message_limit) + "…";
  }
  return text;
}

std::string qualified(const objects::ObjectMeta& meta)
{
  return meta.namespace_name.empty() ? meta.name : meta.namespace_name + "/" + meta.name;
}

std::string reason_and_message(const std::string& reason, const std::string& message)
{
  if (message.empty()) {
    return reason;
  }
  return reason.empty() ? shortened(message) : reason + ": " + shortened(message);
}

// The one thing that best says why a pod is not there yet: a container the kubelet cannot start
// (init containers first: they run first), else the scheduler's refusal, else the Ready condition.
std::string pod_state(const objects::Pod& pod)
{
  std::string state = pod.phase.absent() ? std::string("no status yet") : pod.phase.text;
  const auto blocked = [](const std::vector<objects::ContainerStatus>& statuses) -> std::string {
    for (const auto& status : statuses) {
      if (status.state.waiting() && !status.state.reason.empty()) {
        return status.name + " " + reason_and_message(status.state.reason, status.state.message);
      }
      if (status.state.terminated() && status.state.exit_code.value_or(0) != 0) {
        return status.name + " exited " + std::to_string(*status.state.exit_code) +
               (status.state.reason.empty() ? "" : " (" + status.state.reason + ")");
      }
    }
    return {};
  };
  std::string why = blocked(pod.init_container_statuses);
  if (why.empty()) {
    why = blocked(pod.container_statuses);
  }
  if (why.empty()) {
    if (const auto* scheduled = objects::find_condition(pod.conditions, "PodScheduled");
        scheduled != nullptr && scheduled->status == objects::ConditionStatus::false_) {
      why = reason_and_message(scheduled->reason, scheduled->message);
    } else if (pod.phase == objects::PodPhase::running && !objects::condition_true(pod.conditions, "Ready")) {
      why = "not Ready";
    }
  }
  return why.empty() ? state : state + ", " + why;
}

struct Observed {
  std::string name;
  bool satisfied = false;
  std::string state;
};

Observed observe_pod(nlohmann::json& item, WaitState wanted)
{
  const auto pod = objects::decode_pod(item);
  // A pod that ran to completion will never be Ready, and is not waited for: a Job's or a Helm
  // hook's pod among kube-system's must not hold a "every pod Ready" wait to its deadline.
  const bool ok = wanted == WaitState::complete ? pod.phase == objects::PodPhase::succeeded
                                                : objects::condition_true(pod.conditions, "Ready") ||
                                                      pod.phase == objects::PodPhase::succeeded;
  return {qualified(pod.metadata), ok, pod_state(pod)};
}

Observed observe_claim(nlohmann::json& item)
{
  const auto claim = objects::decode_persistent_volume_claim(item);
  std::string state = claim.phase.absent() ? std::string("no status yet") : claim.phase.text;
  if (!(claim.phase == objects::ClaimPhase::bound) && !claim.storage_provisioner().empty()) {
    state += ", waiting for provisioner " + claim.storage_provisioner();
  }
  return {qualified(claim.metadata), claim.phase == objects::ClaimPhase::bound, state};
}

Observed observe_workload(nlohmann::json& item, WaitKind kind)
{
  const auto kind_of = [](WaitKind k) {
    switch (k) {
    case WaitKind::stateful_set:
      return objects::WorkloadKind::stateful_set;
    case WaitKind::daemon_set:
      return objects::WorkloadKind::daemon_set;
    case WaitKind::job:
      return objects::WorkloadKind::job;
    default:
      return objects::WorkloadKind::deployment;
    }
  };
  const auto w = objects::decode_workload(item, kind_of(kind));
  if (kind == WaitKind::job) {
    const bool complete = objects::condition_true(w.conditions, "Complete");
    std::string state = std::to_string(w.succeeded) + " succeeded, " + std::to_string(w.active) + " active, " +
                        std::to_string(w.failed) + " failed";
    if (const auto* failed = objects::find_condition(w.conditions, "Failed");
        failed != nullptr && failed->status == objects::ConditionStatus::true_) {
      state += ", Failed: " + reason_and_message(failed->reason, failed->message);
    }
    return {qualified(w.metadata), complete, state};
  }
  // spec.replicas defaults to 1 when absent (Deployment, StatefulSet); a DaemonSet's desired
  // count is 0 until the controller has seen it, which is not "ready".
  const int desired = w.desired.value_or(kind == WaitKind::daemon_set ? -1 : 1);
  const bool ready = desired >= 0 && w.ready >= desired && w.updated >= desired &&
                     (kind == WaitKind::stateful_set || w.available >= desired);
  const std::string wanted = desired >= 0 ? std::to_string(desired) : std::string("?");
  return {qualified(w.metadata), ready,
          std::to_string(w.ready) + "/" + wanted + " ready, " + std::to_string(w.updated) + " updated"};
}

// An Endpoints object is its Service's ready pods (the endpoints controller): ready once one is.
Observed observe_endpoints(nlohmann::json& item)
{
  std::size_t ready = 0;
  std::size_t not_ready = 0;
  if (const auto subsets = item.find("subsets"); subsets != item.end() && subsets->is_array()) {
    for (const auto& subset : *subsets) {
      if (!subset.is_object()) {
        continue;
      }
      const auto count = [&subset](const char* key) {
        const auto list = subset.find(key);
        return list != subset.end() && list->is_array() ? list->size() : std::size_t{0};
      };
      ready += count("addresses");
      not_ready += count("notReadyAddresses");
    }
  }
  std::string state = std::to_string(ready) + " ready address" + (ready == 1 ? "" : "es");
  if (not_ready > 0) {
    state += ", " + std::to_string(not_ready) + " not ready";
  }
  return {qualified(objects::decode_object_meta(item)), ready > 0, state};
}

Observed observe_namespace(nlohmann::json& item)
{
  std::string phase;
  if (const auto status = item.find("status"); status != item.end() && status->is_object()) {
    if (const auto at = status->find("phase"); at != status->end() && at->is_string()) {
      phase = at->get<std::string>();
    }
  }
  return {qualified(objects::decode_object_meta(item)), false, phase.empty() ? std::string("no status yet") : phase};
}

Observed observe(nlohmann::json& item, const WaitCondition& condition)
{
  switch (condition.kind) {
  case WaitKind::pod:
    return observe_pod(item, condition.state);
  case WaitKind::persistent_volume_claim:
    return observe_claim(item);
  case WaitKind::deployment:
  case WaitKind::stateful_set:
  case WaitKind::daemon_set:
  case WaitKind::job:
    return observe_workload(item, condition.kind);
  case WaitKind::endpoints:
    return observe_endpoints(item);
  case WaitKind::namespace_:
    return observe_namespace(item);
  }
  return {};
}

std::string item_name(const nlohmann::json& item)
{
  const auto meta = item.find("metadata");
  if (meta == item.end() || !meta->is_object()) {
    return {};
  }
  const auto name = meta->find("name");
  return name != meta->end() && name->is_string() ? name->get<std::string>() : std::string();
}

} // namespace

const char* to_string(WaitKind kind)
{
  switch (kind) {
  case WaitKind::pod:
    return "pods";
  case WaitKind::persistent_volume_claim:
    return "persistentvolumeclaims";
  case WaitKind::deployment:
    return "deployments";
  case WaitKind::stateful_set:
    return "statefulsets";
  case WaitKind::daemon_set:
    return "daemonsets";
  case WaitKind::job:
    return "jobs";
  case WaitKind::endpoints:
    return "endpoints";
  case WaitKind::namespace_:
    return "namespaces";
  }
  return "pods";
}

const char* to_string(WaitState state)
{
  switch (state) {
  case WaitState::ready:
    return "Ready";
  case WaitState::bound:
    return "Bound";
  case WaitState::complete:
    return "Complete";
  case WaitState::gone:
    return "gone";
  }
  return "Ready";
}

std::optional<std::string> validate(const WaitCondition& condition)
{
  for (const auto& name : condition.names) {
    if (name.empty()) {
      return std::string("an empty object name");
    }
  }
  if (condition.state == WaitState::gone) {
    return std::nullopt;
  }
  const auto fits = [&]() {
    switch (condition.kind) {
    case WaitKind::pod:
      return condition.state == WaitState::ready || condition.state == WaitState::complete;
    case WaitKind::persistent_volume_claim:
      return condition.state == WaitState::bound;
    case WaitKind::deployment:
    case WaitKind::stateful_set:
    case WaitKind::daemon_set:
      return condition.state == WaitState::ready;
    case WaitKind::job:
      return condition.state == WaitState::complete;
    case WaitKind::endpoints:
      return condition.state == WaitState::ready;
    case WaitKind::namespace_:
      return false;
    }
    return false;
  };
  if (!fits()) {
    return std::string(to_string(condition.kind)) + " never become " + to_string(condition.state);
  }
  return std::nullopt;
}

std::string list_path(const WaitCondition& condition)
{
  std::string group = "/api/v1";
  if (condition.kind == WaitKind::job) {
    group = "/apis/batch/v1";
  } else if (condition.kind != WaitKind::pod && condition.kind != WaitKind::persistent_volume_claim &&
             condition.kind != WaitKind::endpoints && condition.kind != WaitKind::namespace_) {
    group = "/apis/apps/v1";
  }
  if (condition.kind == WaitKind::namespace_) {
    return group + "/namespaces"; // cluster-scoped
  }
  const std::string where = condition.namespace_name.empty() ? "" : "/namespaces/" + condition.namespace_name;
  return group + where + "/" + to_string(condition.kind);
}

std::string describe(const WaitCondition& condition)
{
  std::string text = to_string(condition.kind);
  for (const auto& name : condition.names) {
    text += " " + name;
  }
  if (!condition.label_selector.empty()) {
    text += " -l " + condition.label_selector;
  }
  if (condition.kind != WaitKind::namespace_) {
    text += condition.namespace_name.empty() ? " in every namespace" : " in " + condition.namespace_name;
  }
  return text + " " + to_string(condition.state);
}

WaitStatus evaluate(const WaitCondition& condition, std::vector<nlohmann::json> items)
{
  WaitStatus status;
  std::vector<std::string> seen;
  for (auto& item : items) {
    if (!item.is_object()) {
      continue;
    }
    const std::string name = item_name(item);
    if (!condition.names.empty() &&
        std::find(condition.names.begin(), condition.names.end(), name) == condition.names.end()) {
      continue;
    }
    ++status.matched;
    seen.push_back(name);
    auto observed = observe(item, condition);
    if (condition.state == WaitState::gone) {
      status.pending.push_back({observed.name, "still there (" + observed.state + ")"});
    } else if (!observed.satisfied) {
      status.pending.push_back({observed.name, observed.state});
    }
  }
  if (condition.state != WaitState::gone) {
    const std::string prefix = condition.namespace_name.empty() ? "" : condition.namespace_name + "/";
    for (const auto& name : condition.names) {
      if (std::find(seen.begin(), seen.end(), name) == seen.end()) {
        status.pending.push_back({prefix + name, "not found"});
      }
    }
    if (condition.names.empty() && status.matched == 0) {
      status.pending.push_back({describe(condition), "nothing matches yet"});
    }
  }
  status.done = status.pending.empty();
  return status;
}

std::string status_line(const WaitCondition& condition, const WaitStatus& status, std::chrono::milliseconds elapsed)
{
  std::string text = "waiting for " + describe(condition) + ": ";
  if (status.matched > 0 || !condition.names.empty()) {
    const std::size_t total = std::max(status.matched, condition.names.size());
    text += std::to_string(status.pending.size()) + " of " + std::to_string(total) + " pending";
  } else {
    text += "nothing matches yet";
  }
  text += " (" + std::to_string(elapsed.count() / 1000) + " s)";
  if (!status.pending.empty() && (status.matched > 0 || !condition.names.empty())) {
    text += ": " + status.pending.front().name + " (" + status.pending.front().state + ")";
    if (status.pending.size() > 1) {
      text += " and " + std::to_string(status.pending.size() - 1) + " more";
    }
  }
  return text;
}

} // namespace devk8s::core::plan
