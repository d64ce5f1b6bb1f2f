#include "core/minikube/control_plane.hpp"

#include "core/minikube/capabilities.hpp"

namespace devk8s::core::minikube {

namespace {

struct KubeadmTable {
  const char* kubernetes;
  const char* registry; ///< kubeadm's default image repository for that release
  const char* pause;
  const char* etcd;
  const char* coredns_path; ///< "coredns" before Kubernetes v1.21, "coredns/coredns" since
  const char* coredns_tag;
};

// v1.20.2: minikube.md §2 (minikube v1.20.0's default). v1.35.1: minikube v1.38.1
// pkg/minikube/constants/constants_kubeadm_images.go ("v1.35.1": coredns/coredns v1.13.1,
// etcd 3.6.6-0, pause 3.10.1), its DefaultKubernetesVersion.
constexpr KubeadmTable k_tables[] = {
    {"v1.20.2", "k8s.gcr.io", "3.2", "3.4.13-0", "coredns", "1.7.0"},
    {"v1.35.1", "registry.k8s.io", "3.10.1", "3.6.6-0", "coredns/coredns", "v1.13.1"},
};

std::string under(const std::string& repository, const std::string& path, const std::string& tag)
{
  return repository + "/" + path + ":" + tag;
}

} // namespace

std::string known_kubernetes_versions()
{
  std::string out;
  for (const auto& t : k_tables) {
    out += (out.empty() ? "" : ", ") + std::string(t.kubernetes);
  }
  return out;
}

util::Result<std::vector<ControlPlaneImage>> control_plane_images(const Version& kubernetes,
                                                                  const std::string& repository,
                                                                  bool aliyun_images_list_fix)
{
  const KubeadmTable* table = nullptr;
  for (const auto& t : k_tables) {
    if (kubernetes.str() == t.kubernetes) {
      table = &t;
    }
  }
  if (table == nullptr) {
    return util::usage_error("no image table for Kubernetes " + kubernetes.str() + ": devk8s knows the images of " +
                                 known_kubernetes_versions(),
                             "pass --kubernetes-version with one of " + known_kubernetes_versions());
  }
  const std::string upstream = table->registry;
  const std::string repo = repository.empty() ? upstream : repository;
  const std::string version = kubernetes.str();
  std::vector<ControlPlaneImage> out;
  for (const char* name : {"kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy"}) {
    out.push_back({name, under(upstream, name, version), under(repo, name, version), ""});
  }
  out.push_back({"pause", under(upstream, "pause", table->pause), under(repo, "pause", table->pause), ""});
  out.push_back({"etcd", under(upstream, "etcd", table->etcd), under(repo, "etcd", table->etcd), ""});
  // kubeadm renames coredns/coredns to <repo>/coredns under any non-default repository
  // (minikube.md §1, "coredns, k8s ≥1.21"): that is the name the coredns Deployment pulls.
  // minikube's own list keeps <repo>/coredns/coredns, except for Aliyun since v1.26.0 (#13782).
  // (v1.23.1–v1.25.x also fetched Aliyun's flat name for its cache, fixRemoteImageName.)
  ControlPlaneImage dns{"coredns", under(upstream, table->coredns_path, table->coredns_tag), "", ""};
  if (repository.empty()) {
    dns.requested = dns.upstream;
  } else {
    dns.requested = under(repository, "coredns", table->coredns_tag);
    const bool nested = std::string(table->coredns_path) != "coredns";
    const bool flat_fix = repository == k_aliyun_mirror && aliyun_images_list_fix;
    if (nested && !flat_fix) {
      dns.minikube_list_name = under(repository, table->coredns_path, table->coredns_tag);
    }
  }
  out.push_back(dns);
  return out;
}

} // namespace devk8s::core::minikube
