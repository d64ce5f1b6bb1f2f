// What a minikube release can do and how it names addon images on a mirror, from its version
// alone (../shared/reference/minikube.md §1 "Fix timeline", §3, §5). Pure: no probing; a
// version the table does not know is judged by the last boundary at or below it.
#pragma once

#include "core/version.hpp"

#include <string>
#include <string_view>

namespace devk8s::core::minikube {

/// constants.AliyunMirror: every Aliyun-only fix matches exactly this string (§1).
inline constexpr std::string_view k_aliyun_mirror = "registry.cn-hangzhou.aliyuncs.com/google_containers";

/// How `minikube addons enable` (and start) names an addon image when --image-repository is the
/// Aliyun mirror. Any other repository always gets `naive` (§1: the fixes match only Aliyun).
enum class AliyunAddonRule {
  naive,             ///< ≤ v1.23.0: `<repo>/` + the whole default path (kubernetes/minikube#11881)
  strip_namespaces,  ///< v1.23.1 (#11785): fixAddonImages drops `k8s-minikube/`, `kubernetesui/`
  mapping_table,     ///< v1.24.0 (#12578): deploy/addons/aliyun_mirror.json; a miss keeps the registry
  mapping_table_hub, ///< v1.27.0 (8858959ce3): the json's keys gained `docker.io/`, so Hub images miss
};

std::string_view to_string(AliyunAddonRule rule);

/// `minikube image` subcommands (§5).
struct ImageVerbs {
  bool load = false;    ///< v1.18.0
  bool rm = false;      ///< v1.19.0
  bool ls = false;      ///< v1.19.0
  bool pull = false;    ///< v1.23.0 (#12326); v1.20.0 has only `image load --pull`
  bool tag = false;     ///< v1.23.0
  bool push = false;    ///< v1.23.0
  bool save = false;    ///< v1.23.0
  bool ls_json = false; ///< `image ls --format json` (v1.25.0, #12996): {id,repoDigests,repoTags,size}
};

struct Capabilities {
  Version version;
  AliyunAddonRule aliyun_addon_rule = AliyunAddonRule::naive;
  /// bootstrapper/images/images.go special-cases Aliyun (storage-provisioner and coredns flat):
  /// v1.26.0, #13782 (commit 7c4389c68b).
  bool aliyun_images_list_fix = false;
  /// images.go lists storage-provisioner as <repo>/k8s-minikube/storage-provisioner (v1.23.0,
  /// repo.go minikubeRepo); before, as <repo>/storage-provisioner.
  bool images_list_nested_provisioner = false;
  /// `addons enable --images/--registries` exist (v1.18.0, #10111) ...
  bool addon_custom_images = false;
  /// ... and are saved in the profile as CustomAddonImages/Registries (v1.21.0, #11432). Before,
  /// a later `minikube start` restores the default images.
  bool addon_custom_images_persist = false;
  /// assets/addons.go names Docker Hub addon images' registry "docker.io" instead of leaving it
  /// empty (v1.27.0, ffcd98937a/73f11ee111, with the json change above). Under Aliyun the
  /// json lookup then misses and they stay on docker.io; before, an empty registry let the
  /// template fall back to the repository.
  bool addon_hub_registry_explicit = false;
  /// A host:port --image-repository is accepted (v1.23.0, #11585); before, it became `auto`.
  bool image_repository_port = false;
  /// The docker driver accepts a rootless Docker (v1.23.0, #12359, with containerd); before, it is refused.
  bool rootless_docker = false;
  /// kubeadm is told to ignore NumCPU by minikube itself (v1.29.0), so --force alone gets a
  /// 1-CPU start through; before, it also needs --extra-config=kubeadm.ignore-preflight-errors=NumCPU (§4).
  bool ignores_numcpu_itself = false;
  /// Prints the false "Your cgroup does not allow setting memory." on every cgroup v1 host and
  /// skips --memory for docker/podman (v1.20.0 to v1.25.x, #12842; fixed in v1.26.0 by #14115) (§4).
  bool false_cgroup_memory_warning = false;
  ImageVerbs image;
};

Capabilities capabilities_of(const Version& minikube);

} // namespace devk8s::core::minikube
