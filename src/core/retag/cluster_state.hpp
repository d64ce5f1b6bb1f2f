// What retag reads from the cluster, decided purely from a Snapshot: an addon's pods and which
// of their containers cannot get their image, and what depends on a storage provisioner (its
// Pending claims and the pods that mount them), so a repair can be shown as before → after.
#pragma once

#include "core/kube/objects/snapshot.hpp"
#include "core/minikube/addon_pods.hpp"

#include <string>
#include <vector>

namespace devk8s::core::retag {

/// A container the kubelet cannot start because of its image (its waiting reason is one of
/// ErrImagePull, ImagePullBackOff, InvalidImageName, ErrImageNeverPull).
struct PullFailure {
  std::string container;
  std::string image;   ///< the spec's image, verbatim: cluster data, not yet a valid reference
  std::string reason;  ///< "ImagePullBackOff"
  std::string message; ///< the kubelet's words
};

struct PodState {
  std::string namespace_name;
  std::string name;
  bool owned = false; ///< a controller (ReplicaSet, DaemonSet, Job…) re-creates it when deleted
  bool ready = false; ///< its Ready condition is True
  std::string status; ///< as kubectl's STATUS column words it: "Running", "ImagePullBackOff", "Pending"
  std::vector<PullFailure> failures;
};

/// The pods of one addon, in snapshot order.
struct AddonState {
  std::string addon;
  std::vector<PodState> pods;
  /// Every pod the addon needs Ready (its ready selectors) is Ready, and there is at least one.
  bool healthy = false;
};

/// The kubelet cannot get the container's image: its waiting reason is ErrImagePull,
/// ImagePullBackOff, InvalidImageName or ErrImageNeverPull (pkg/kubelet/images/types.go at v1.20).
bool pull_failed(const kube::objects::ContainerState& state);

AddonState addon_state(const kube::objects::Snapshot& snapshot, const minikube::AddonPods& addon);

/// Pods anywhere whose containers fail to pull `image` (compared as written in the spec).
std::vector<PodState> pods_failing_on(const kube::objects::Snapshot& snapshot, const std::string& image);

/// A pod's state in kubectl's words: a container's waiting or terminated reason when there is
/// one, else the phase ("ImagePullBackOff", "Running", "Pending", "Completed").
std::string pod_status(const kube::objects::Pod& pod);

/// An object that waits for an addon, and how it looks.
struct Dependent {
  std::string kind; ///< "PersistentVolumeClaim" or "Pod"
  std::string namespace_name;
  std::string name;
  std::string state; ///< a claim's phase ("Pending", "Bound"); a pod's pod_status(); "gone" when not found
};

/// The claims that are Pending on `provisioner` (by the PV controller's annotation, or their
/// class's provisioner), then the pods that mount any of them.
std::vector<Dependent> dependents(const kube::objects::Snapshot& snapshot, const std::string& provisioner);

/// `before`'s objects as `snapshot` shows them now.
std::vector<Dependent> current(const std::vector<Dependent>& before, const kube::objects::Snapshot& snapshot);

} // namespace devk8s::core::retag
