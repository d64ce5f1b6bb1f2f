#include "core/retag/cluster_state.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace devk8s::core::retag {

namespace objects = kube::objects;

namespace {

// The kubelet's waiting reasons for an image it cannot get (pkg/kubelet/images/types.go at v1.20:
// ErrImagePull, ErrImagePullBackOff = "ImagePullBackOff", ErrImageNeverPull, ErrInvalidImageName).
bool pull_reason(std::string_view reason)
{
  static constexpr std::array<std::string_view, 4> reasons = {"ErrImagePull", "ImagePullBackOff",
                                                              "InvalidImageName", "ErrImageNeverPull"};
  return std::find(reasons.begin(), reasons.end(), reason) != reasons.end();
}

void add_failures(const std::vector<objects::ContainerStatus>& statuses, const objects::Pod& pod,
                  std::vector<PullFailure>& out)
{
  for (const auto& status : statuses) {
    if (!pull_failed(status.state)) {
      continue;
    }
    // The spec's image is what the kubelet pulls; the status's may be normalised differently.
    const auto* spec = pod.container(status.name);
    out.push_back({status.name, spec != nullptr ? spec->image : status.image, status.state.reason,
                   status.state.message});
  }
}

PodState state_of(const objects::Pod& pod)
{
  PodState state;
  state.namespace_name = pod.metadata.namespace_name;
  state.name = pod.metadata.name;
  state.owned = pod.metadata.controller() != nullptr;
  const auto* ready = objects::find_condition(pod.conditions, "Ready");
  state.ready = ready != nullptr && ready->status == objects::ConditionStatus::true_;
  state.status = pod_status(pod);
  add_failures(pod.init_container_statuses, pod, state.failures);
  add_failures(pod.container_statuses, pod, state.failures);
  return state;
}

std::string claim_phase(const objects::PersistentVolumeClaim& claim)
{
  return claim.phase.text.empty() ? std::string("Pending") : claim.phase.text;
}

} // namespace

bool pull_failed(const objects::ContainerState& state)
{
  return state.waiting() && pull_reason(state.reason);
}

std::string pod_status(const objects::Pod& pod)
{
  // kubectl's printer (pkg/printers/internalversion printPod at v1.20): the pod's reason, else
  // the last container's waiting or terminated reason, else the phase.
  if (!pod.reason.empty()) {
    return pod.reason;
  }
  std::string status = pod.phase.text.empty() ? std::string("Pending") : pod.phase.text;
  for (const auto& container : pod.container_statuses) {
    if ((container.state.waiting() || container.state.terminated()) && !container.state.reason.empty()) {
      status = container.state.reason;
    }
  }
  return status;
}

AddonState addon_state(const objects::Snapshot& snapshot, const minikube::AddonPods& addon)
{
  AddonState state;
  state.addon = std::string(addon.addon);
  const auto& must_be_ready = addon.ready_selectors.empty() ? addon.selectors : addon.ready_selectors;
  bool any_needed = false;
  bool all_ready = true;
  for (const auto& pod : snapshot.pods) {
    if (pod.metadata.namespace_name != addon.namespace_name) {
      continue;
    }
    const auto& labels = pod.metadata.labels;
    const auto in = [&](const std::vector<minikube::Labels>& selectors) {
      return std::any_of(selectors.begin(), selectors.end(),
                         [&](const minikube::Labels& s) { return minikube::matches(labels, s); });
    };
    if (!in(addon.selectors)) {
      continue;
    }
    state.pods.push_back(state_of(pod));
    if (in(must_be_ready)) {
      any_needed = true;
      all_ready = all_ready && state.pods.back().ready;
    }
    all_ready = all_ready && state.pods.back().failures.empty();
  }
  state.healthy = any_needed && all_ready;
  return state;
}

std::vector<PodState> pods_failing_on(const objects::Snapshot& snapshot, const std::string& image)
{
  std::vector<PodState> out;
  for (const auto& pod : snapshot.pods) {
    auto state = state_of(pod);
    const bool failing = std::any_of(state.failures.begin(), state.failures.end(),
                                     [&](const PullFailure& f) { return f.image == image; });
    if (failing) {
      out.push_back(std::move(state));
    }
  }
  return out;
}

std::vector<Dependent> dependents(const objects::Snapshot& snapshot, const std::string& provisioner)
{
  std::vector<Dependent> out;
  if (provisioner.empty()) {
    return out;
  }
  const auto class_provisioner = [&](const std::optional<std::string>& name) -> std::string {
    for (const auto& sc : snapshot.storage_classes) {
      if (name ? sc.metadata.name == *name : sc.is_default()) {
        return sc.provisioner;
      }
    }
    return {};
  };
  std::vector<const objects::PersistentVolumeClaim*> claims;
  for (const auto& claim : snapshot.persistent_volume_claims) {
    if (!(claim.phase == objects::ClaimPhase::pending || claim.phase.absent())) {
      continue;
    }
    const auto& waiting_for = claim.storage_provisioner();
    if (waiting_for == provisioner || (waiting_for.empty() && class_provisioner(claim.storage_class()) == provisioner)) {
      claims.push_back(&claim);
      out.push_back({"PersistentVolumeClaim", claim.metadata.namespace_name, claim.metadata.name, claim_phase(claim)});
    }
  }
  for (const auto& pod : snapshot.pods) {
    const auto names = pod.claim_names();
    const bool mounts = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return std::any_of(claims.begin(), claims.end(), [&](const auto* c) {
        return c->metadata.name == name && c->metadata.namespace_name == pod.metadata.namespace_name;
      });
    });
    if (mounts) {
      out.push_back({"Pod", pod.metadata.namespace_name, pod.metadata.name, pod_status(pod)});
    }
  }
  return out;
}

std::vector<Dependent> current(const std::vector<Dependent>& before, const objects::Snapshot& snapshot)
{
  std::vector<Dependent> out;
  for (auto d : before) {
    d.state = "gone";
    if (d.kind == "Pod") {
      for (const auto& pod : snapshot.pods) {
        if (pod.metadata.namespace_name == d.namespace_name && pod.metadata.name == d.name) {
          d.state = pod_status(pod);
        }
      }
    } else {
      for (const auto& claim : snapshot.persistent_volume_claims) {
        if (claim.metadata.namespace_name == d.namespace_name && claim.metadata.name == d.name) {
          d.state = claim_phase(claim);
        }
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

} // namespace devk8s::core::retag
