#include "core/minikube/addon_catalog.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace devk8s::core::minikube {

namespace {

constexpr auto k_ifnp = PullPolicy::if_not_present;
constexpr auto k_unset = PullPolicy::unset;

// kubernetes/minikube v1.20.0, pkg/minikube/assets/addons.go; pull policies from
// deploy/addons/{storage-provisioner,dashboard,metrics-server,ingress,ingress-dns,registry}/*.tmpl
// (the dashboard's two containers set none). Storage-provisioner's tag is the Makefile's
// STORAGE_PROVISIONER_TAG (v5).
constexpr std::array<AddonImage, 10> k_v1_20_0{{
    {"storage-provisioner", "StorageProvisioner", "gcr.io", "k8s-minikube/storage-provisioner:v5", k_ifnp},
    {"dashboard", "Dashboard", "",
     "kubernetesui/dashboard:v2.1.0@sha256:7f80b5ba141bead69c4fee8661464857af300d7d7ed0274cf7beecedc00322e6", k_unset},
    {"dashboard", "MetricsScraper", "",
     "kubernetesui/metrics-scraper:v1.0.4@sha256:555981a24f184420f3be0c79d4efb6c948a85cfce84034f85a563f4151a81cbf", k_unset},
    {"metrics-server", "MetricsServer", "k8s.gcr.io",
     "metrics-server/metrics-server:v0.4.2@sha256:dbc33d7d35d2a9cc5ab402005aa7a0d13be6192f3550c7d42cba8d2d5e3a5d62", k_ifnp},
    {"ingress", "IngressController", "k8s.gcr.io",
     "ingress-nginx/controller:v0.44.0@sha256:3dd0fac48073beaca2d67a78c746c7593f9c575168a17139a9955a82c63c4b9a", k_ifnp},
    {"ingress", "KubeWebhookCertgenCreate", "",
     "docker.io/jettech/kube-webhook-certgen:v1.5.1@sha256:950833e19ade18cd389d647efb88992a7cc077abedef343fa59e012d376d79b7", k_ifnp},
    {"ingress", "KubeWebhookCertgenPatch", "",
     "docker.io/jettech/kube-webhook-certgen:v1.5.1@sha256:950833e19ade18cd389d647efb88992a7cc077abedef343fa59e012d376d79b7", k_ifnp},
    {"ingress-dns", "IngressDNS", "",
     "cryptexlabs/minikube-ingress-dns:0.3.0@sha256:e252d2a4c704027342b303cc563e95d2e71d2a0f1404f55d676390e28d5093ab", k_ifnp},
    {"registry", "Registry", "",
     "registry:2.7.1@sha256:d5459fcb27aecc752520df4b492b08358a1912fcdfa454f7d2101d4b09991daa", k_ifnp},
    {"registry", "KubeRegistryProxy", "gcr.io",
     "google_containers/kube-registry-proxy:0.4@sha256:1040f25a5273de0d72c54865a8efd47e3292de9fb8e5353e3fa76736b854f2da", k_ifnp},
}};

// kubernetes/minikube v1.38.1, the same files.
constexpr std::array<AddonImage, 10> k_v1_38_1{{
    {"storage-provisioner", "StorageProvisioner", "gcr.io", "k8s-minikube/storage-provisioner:v5", k_ifnp},
    {"dashboard", "Dashboard", "docker.io",
     "kubernetesui/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93", k_unset},
    {"dashboard", "MetricsScraper", "docker.io",
     "kubernetesui/metrics-scraper:v1.0.8@sha256:76049887f07a0476dc93efc2d3569b9529bf982b22d29f356092ce206e98765c", k_unset},
    {"metrics-server", "MetricsServer", "registry.k8s.io",
     "metrics-server/metrics-server:v0.8.1@sha256:b2d2efaf5ac3b366ed0f839d2412a2c4279d4fc2a2a733f12c52133faed36c41", k_ifnp},
    {"ingress", "IngressController", "registry.k8s.io",
     "ingress-nginx/controller:v1.14.3@sha256:82917be97c0939f6ada1717bb39aa7e66c229d6cfb10dcfc8f1bd42f9efe0f81", k_ifnp},
    {"ingress", "KubeWebhookCertgenCreate", "registry.k8s.io",
     "ingress-nginx/kube-webhook-certgen:v1.6.7@sha256:7c74a715af2c94cb734785b4d3ea1357b4f02b88e1e123c622a9cb68b62f669c", k_ifnp},
    {"ingress", "KubeWebhookCertgenPatch", "registry.k8s.io",
     "ingress-nginx/kube-webhook-certgen:v1.6.7@sha256:7c74a715af2c94cb734785b4d3ea1357b4f02b88e1e123c622a9cb68b62f669c", k_ifnp},
    {"ingress-dns", "IngressDNS", "docker.io",
     "kicbase/minikube-ingress-dns:0.0.4@sha256:d7c3fd25a0ea8fa62d4096eda202b3fc69d994b01ed6ab431def629f16ba1a89", k_ifnp},
    {"registry", "Registry", "docker.io",
     "registry:3.0.0@sha256:6c5666b861f3505b116bb9aa9b25175e71210414bd010d92035ff64018f9457e", k_ifnp},
    {"registry", "KubeRegistryProxy", "registry.k8s.io",
     "minikube/kube-registry-proxy:v0.0.11@sha256:e321acf067df0a78fba3ff97748c10029ca2c413c5b7207e4ca000c62fcdac93", k_ifnp},
}};

// images.KindNet and constants.{Oldest,Newest}KubernetesVersion of each release.
const Inventory k_inventories[] = {
    {"v1.20.0", k_v1_20_0, "kindest/kindnetd:v20210326-1e038dc5", "v1.14.0", "v1.22.0-alpha.1"},
    {"v1.38.1", k_v1_38_1, "docker.io/kindest/kindnetd:v20260213-ea8e5717", "v1.28.0", "v1.35.1"},
};

} // namespace

std::string_view to_string(PullPolicy policy)
{
  switch (policy) {
  case PullPolicy::if_not_present:
    return "IfNotPresent";
  case PullPolicy::always:
    return "Always";
  case PullPolicy::never:
    return "Never";
  case PullPolicy::unset:
    return "unset";
  case PullPolicy::unknown:
    return "unknown";
  }
  return "";
}

const Inventory& nearest_inventory(const Version& minikube, bool& exact)
{
  // Only minikube 1.x exists; a 2.x would be nearer the newest table.
  const int minor = minikube.major > 1 ? 1000 : minikube.minor;
  const bool newer = std::abs(minor - 38) < std::abs(minor - 20);
  const Inventory& table = newer ? k_inventories[1] : k_inventories[0];
  exact = minikube.str() == table.minikube_version;
  return table;
}

std::vector<std::string> known_addons()
{
  std::vector<std::string> out{"default-storageclass"};
  for (const auto& image : k_v1_20_0) {
    if (std::find(out.begin(), out.end(), image.addon) == out.end()) {
      out.emplace_back(image.addon);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> default_addons()
{
  return {"storage-provisioner", "default-storageclass"};
}

} // namespace devk8s::core::minikube
