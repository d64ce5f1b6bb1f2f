// What differs between the minikube versions the simulation plays (../shared/reference/minikube.md
// §1–5): the addon image rule for a custom repository, which `minikube image` subcommands
// exist, whether `addons enable --images/--registries` persist, the cgroup warning, and whether
// kubeadm's NumCPU preflight check is skipped without being asked.
#pragma once

#include <optional>
#include <string>

namespace devk8s::sim {

struct VersionProfile {
  std::string version;      ///< as `minikube version` prints it
  std::string commit;       ///< the release's commit
  bool image_pull_tag;      ///< `image pull|tag` (v1.23.0, #12326)
  bool image_ls_json;       ///< `image ls --format json` (v1.25.0, #12996)
  bool persists_addon_images; ///< CustomAddonImages saved in the profile (v1.21.0, #11432)
  bool aliyun_addon_fix;    ///< k8s-minikube/ dropped when the repo is the Aliyun mirror (v1.23.1, #11785)
  bool spurious_cgroup_warning; ///< v1.20–v1.25 warn on any explicit --memory (#12842)
  bool numcpu_auto;         ///< kubeadm's NumCPU check ignored automatically (v1.29.0)

  /// v1.20.0, v1.23.2, v1.26.0 or v1.38.1 ("latest"); nullopt for others.
  static std::optional<VersionProfile> named(const std::string& version);
};

/// The storage-provisioner image minikube deploys (deploy/addons/storage-provisioner template:
/// registry + "/" + image, the repository put in front of the whole path), given
/// --image-repository `repo`, the Aliyun mirror string the simulation's "cn" stands for, and a
/// custom --registries/--images pair (empty when not given).
std::string storage_provisioner_image(const VersionProfile& profile, const std::string& repo,
                                      const std::string& aliyun, const std::string& custom_registry,
                                      const std::string& custom_image);

} // namespace devk8s::sim
