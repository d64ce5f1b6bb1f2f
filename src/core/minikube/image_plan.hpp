// Every image a minikube release makes the cluster pull, for a Kubernetes version, container
// runtime, repository and set of addons, under the name it will really use: the seed case's
// broken `<aliyun>/k8s-minikube/storage-provisioner:v5` included (../shared/reference/seed-case.md).
// Pure; whether each name exists on the mirror is the registry client's question.
#pragma once

#include "core/image/image_ref.hpp"
#include "core/minikube/addon_catalog.hpp"
#include "core/minikube/container_runtime.hpp"
#include "core/version.hpp"
#include "util/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::minikube {

struct PlanRequest {
  Version minikube;
  Version kubernetes;
  ContainerRuntime runtime = ContainerRuntime::docker;
  /// As image_repository() resolves the flags; "" = the upstream registries.
  std::string repository;
  std::vector<std::string> addons = default_addons();
  /// More than one node makes minikube deploy kindnet whatever the runtime (cni.go chooseDefault).
  int nodes = 1;
};

enum class ImageSource { control_plane, cni, addon };

struct PlannedImage {
  ImageSource source = ImageSource::addon;
  std::string component; ///< "kube-apiserver", "kindnet", or the addon ("storage-provisioner")
  std::string key;       ///< the addon's --images/--registries key ("StorageProvisioner"); "" otherwise
  image::ImageRef upstream;
  image::ImageRef requested; ///< the name the pod (or kubeadm) pulls
  PullPolicy pull_policy = PullPolicy::unknown;
  /// minikube's own image list (what it caches and `image load`s), when it differs from requested.
  std::optional<image::ImageRef> minikube_list_name;
};

struct ImagePlan {
  std::string inventory;       ///< the minikube release whose addon table was used
  bool inventory_exact = true; ///< false: the nearest recorded table stood in for this release
  std::vector<PlannedImage> images;
};

/// Errors: a Kubernetes version without a table (naming the known ones), one outside the
/// release's supported range (for the recorded releases), an unknown addon (naming the known
/// ones), or a repository that makes an invalid image name.
util::Result<ImagePlan> plan_images(const PlanRequest& request);

} // namespace devk8s::core::minikube
