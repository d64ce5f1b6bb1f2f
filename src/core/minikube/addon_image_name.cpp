#include "core/minikube/addon_image_name.hpp"

#include <utility>

namespace devk8s::core::minikube {

namespace {

using Entry = std::pair<std::string_view, std::string_view>;

// deploy/addons/aliyun_mirror.json as of v1.24.0 (#12578), the entries the addon catalog can
// look up, keys verbatim; values are under registry.cn-hangzhou.aliyuncs.com/google_containers/.
constexpr Entry k_json_v1_24[] = {
    {"gcr.io/k8s-minikube/storage-provisioner", "storage-provisioner"},
    {"kubernetesui/dashboard", "dashboard"},
    {"kubernetesui/metrics-scraper", "metrics-scraper"},
    {"k8s.gcr.io/metrics-server/metrics-server", "metrics-server"},
    {"k8s.gcr.io/ingress-nginx/controller", "nginx-ingress-controller"},
    {"k8s.gcr.io/ingress-nginx/kube-webhook-certgen", "kube-webhook-certgen"},
    {"jettech/kube-webhook-certgen", "kube-webhook-certgen"},
    {"cryptexlabs/minikube-ingress-dns", "minikube-ingress-dns"},
    {"gcr.io/k8s-minikube/minikube-ingress-dns", "minikube-ingress-dns"},
    {"registry", "registry"},
    {"k8s.gcr.io/kube-registry-proxy", "kube-registry-proxy"},
    {"gcr.io/google_containers/kube-registry-proxy", "kube-registry-proxy"},
};

// The same file since v1.27.0 (8858959ce3: Docker Hub keys gained "docker.io/"): the union of
// v1.27.0's entries (k8s.gcr.io keys) and v1.38.1's (registry.k8s.io keys), which agree on every
// value; each inventory names images under one of the two registries.
constexpr Entry k_json_v1_27[] = {
    {"gcr.io/k8s-minikube/storage-provisioner", "storage-provisioner"},
    {"docker.io/kubernetesui/dashboard", "dashboard"},
    {"docker.io/kubernetesui/metrics-scraper", "metrics-scraper"},
    {"k8s.gcr.io/metrics-server/metrics-server", "metrics-server"},
    {"registry.k8s.io/metrics-server/metrics-server", "metrics-server"},
    {"k8s.gcr.io/ingress-nginx/controller", "nginx-ingress-controller"},
    {"registry.k8s.io/ingress-nginx/controller", "nginx-ingress-controller"},
    {"k8s.gcr.io/ingress-nginx/kube-webhook-certgen", "kube-webhook-certgen"},
    {"registry.k8s.io/ingress-nginx/kube-webhook-certgen", "kube-webhook-certgen"},
    {"docker.io/jettech/kube-webhook-certgen", "kube-webhook-certgen"},
    {"docker.io/cryptexlabs/minikube-ingress-dns", "minikube-ingress-dns"},
    {"docker.io/kicbase/minikube-ingress-dns", "minikube-ingress-dns"},
    {"gcr.io/k8s-minikube/minikube-ingress-dns", "minikube-ingress-dns"},
    {"docker.io/registry", "registry"},
    {"k8s.gcr.io/kube-registry-proxy", "kube-registry-proxy"},
    {"registry.k8s.io/kube-registry-proxy", "kube-registry-proxy"},
    {"gcr.io/google_containers/kube-registry-proxy", "kube-registry-proxy"},
};

// The distribution grammar's test for a domain in the first path segment.
bool starts_with_domain(std::string_view image)
{
  const auto slash = image.find('/');
  if (slash == std::string_view::npos) {
    return false;
  }
  const auto first = image.substr(0, slash);
  return first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos || first == "localhost";
}

std::string strip_prefix(std::string image, std::string_view prefix)
{
  if (image.rfind(prefix, 0) == 0) {
    image.erase(0, prefix.size());
  }
  return image;
}

} // namespace

std::optional<std::string> aliyun_mapping(AliyunAddonRule rule, std::string_view key)
{
  auto find = [key](const auto& table) -> std::optional<std::string> {
    for (const auto& [from, to] : table) {
      if (from == key) {
        return std::string(k_aliyun_mirror) + "/" + std::string(to);
      }
    }
    return std::nullopt;
  };
  if (rule == AliyunAddonRule::mapping_table) {
    return find(k_json_v1_24);
  }
  if (rule == AliyunAddonRule::mapping_table_hub) {
    return find(k_json_v1_27);
  }
  return std::nullopt;
}

std::string addon_image_name(const Capabilities& caps, const std::string& repository, std::string_view registry,
                             std::string_view image)
{
  std::string images_x(image);
  std::string custom_registry;
  if (caps.addon_hub_registry_explicit && registry.empty() && !starts_with_domain(image)) {
    registry = "docker.io";
  }
  if (repository == k_aliyun_mirror) {
    const AliyunAddonRule rule = caps.aliyun_addon_rule;
    if (rule == AliyunAddonRule::strip_namespaces) {
      // assets/addons.go fixAddonImages (v1.23.1): two TrimPrefix calls, in this order.
      images_x = strip_prefix(strip_prefix(images_x, "k8s-minikube/"), "kubernetesui/");
    } else if (rule == AliyunAddonRule::mapping_table || rule == AliyunAddonRule::mapping_table_hub) {
      // assets/aliyun_mirror.go FixAddonImagesAndRegistries: the key is registry/image up to the
      // first ':'; the rest (tag and any @digest) is kept.
      std::string img = images_x;
      if (!registry.empty() && registry != "docker.io") {
        img = std::string(registry) + "/" + images_x;
      }
      const auto colon = img.find(':');
      const std::string key = img.substr(0, colon);
      const std::string tag = colon == std::string::npos ? "" : img.substr(colon + 1);
      if (const auto mapped = aliyun_mapping(rule, key)) {
        const auto slash = mapped->find('/');
        custom_registry = mapped->substr(0, slash);
        images_x = mapped->substr(slash + 1) + ":" + tag;
      } else {
        // A miss keeps the default registry, but an empty one lets the template fall through to
        // .ImageRepository: such an image is still prefixed naively.
        custom_registry = std::string(registry);
      }
    }
  }
  // The template's `default` chain: the first non-empty of the three, then "/" (minikube appends
  // it to each registry) and the image.
  std::string prefix = custom_registry;
  if (prefix.empty()) {
    prefix = repository;
  }
  if (prefix.empty()) {
    prefix = std::string(registry);
  }
  return prefix.empty() ? images_x : prefix + "/" + images_x;
}

} // namespace devk8s::core::minikube
