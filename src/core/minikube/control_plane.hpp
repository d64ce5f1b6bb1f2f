// The control-plane images kubeadm runs for a Kubernetes version, and their names under an
// --image-repository. Tags come only from recorded tables (../shared/reference/minikube.md §2
// for v1.20.2; minikube v1.38.1's constants.KubeadmImages for v1.35.1); any other version is an
// error naming the known ones, because a guessed tag is a pull failure later.
#pragma once

#include "core/version.hpp"
#include "util/result.hpp"

#include <string>
#include <vector>

namespace devk8s::core::minikube {

struct ControlPlaneImage {
  std::string component; ///< "kube-apiserver", "pause", "etcd", "coredns", ...
  std::string upstream;  ///< e.g. "k8s.gcr.io/kube-apiserver:v1.20.2"
  std::string requested; ///< what the node pulls with this repository ("" = upstream)
  /// minikube's own image list (bootstrapper/images: what it caches and loads), when it names
  /// the image differently from kubeadm; empty otherwise.
  std::string minikube_list_name;
};

/// Every control-plane image for `kubernetes`, in the order kubeadm lists them.
/// `aliyun_images_list_fix` is Capabilities::aliyun_images_list_fix of the minikube release.
util::Result<std::vector<ControlPlaneImage>> control_plane_images(const Version& kubernetes,
                                                                  const std::string& repository,
                                                                  bool aliyun_images_list_fix);

/// "v1.20.2, v1.35.1": the versions with a table.
std::string known_kubernetes_versions();

} // namespace devk8s::core::minikube
