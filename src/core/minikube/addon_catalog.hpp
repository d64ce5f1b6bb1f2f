// The images minikube's addons deploy, as assets/addons.go declares them (Images: key → path:tag
// @digest, Registries: key → registry), for the two releases the reference records
// (../shared/reference/minikube.md §2): v1.20.0 (c61663e942) and v1.38.1. Other releases use
// the nearer table: tags between them are not recorded here and are not guessed.
#pragma once

#include "core/version.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::minikube {

/// The imagePullPolicy the addon's manifest template sets (deploy/addons/*/*.tmpl).
enum class PullPolicy {
  if_not_present,
  always,
  never,
  unset,   ///< not in the template: Kubernetes defaults to IfNotPresent unless the tag is :latest
  unknown, ///< not recorded here (kubeadm's control plane)
};

std::string_view to_string(PullPolicy policy);

struct AddonImage {
  std::string_view addon;    ///< `minikube addons enable <addon>`
  std::string_view key;      ///< the --images/--registries key (`minikube addons images <addon>`)
  std::string_view registry; ///< Registries[key]; "" means none (Docker Hub, or a registry in the path)
  std::string_view image;    ///< Images[key]: path:tag, with @digest where minikube pins one
  PullPolicy pull_policy = PullPolicy::unset;
};

struct Inventory {
  std::string_view minikube_version; ///< the release this table was read from
  std::span<const AddonImage> addon_images;
  /// images.KindNet(""): the CNI a KIC driver deploys for containerd/cri-o or several nodes.
  std::string_view kindnet_image;
  /// constants.OldestKubernetesVersion / NewestKubernetesVersion of that release.
  std::string_view oldest_kubernetes;
  std::string_view newest_kubernetes;
};

/// The table of the recorded release nearest to `minikube` (by minor version; ties go to the
/// older table). `exact` says whether it is that release's own table.
const Inventory& nearest_inventory(const Version& minikube, bool& exact);

/// Addons this catalog knows, sorted; default-storageclass deploys no image.
std::vector<std::string> known_addons();

/// The addons `minikube start` enables by default (both `true` in assets/addons.go).
std::vector<std::string> default_addons();

} // namespace devk8s::core::minikube
