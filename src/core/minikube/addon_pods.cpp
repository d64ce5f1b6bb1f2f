#include "core/minikube/addon_pods.hpp"

#include <algorithm>

namespace devk8s::core::minikube {

namespace {

// kubernetes/minikube deploy/addons at v1.20.0 (the same labels at v1.38.1):
// storage-provisioner/storage-provisioner.yaml.tmpl (a bare Pod), dashboard/dashboard-dp.yaml.tmpl
// (two Deployments' templates), metrics-server/metrics-server-deployment.yaml.tmpl,
// ingress/ingress-dp.yaml.tmpl (v1.38.1 ingress-deploy.yaml.tmpl: the controller Deployment and
// two admission Jobs, all app.kubernetes.io/name=ingress-nginx), ingress-dns/ingress-dns-pod.yaml.tmpl
// (a bare Pod), registry/registry-rc.yaml.tmpl and registry-proxy.yaml.tmpl (a
// ReplicationController and a DaemonSet). The provisioner name: pkg/storage/storage_provisioner.go
// (provisionerName) and storage-provisioner/storageclass.yaml.tmpl.
const std::vector<AddonPods>& table()
{
  static const std::vector<AddonPods> pods = {
      {"storage-provisioner", "kube-system", {{{"integration-test", "storage-provisioner"}}}, {}, "k8s.io/minikube-hostpath"},
      {"dashboard",
       "kubernetes-dashboard",
       {{{"k8s-app", "kubernetes-dashboard"}}, {{"k8s-app", "dashboard-metrics-scraper"}}},
       {},
       ""},
      {"metrics-server", "kube-system", {{{"k8s-app", "metrics-server"}}}, {}, ""},
      {"ingress",
       "ingress-nginx",
       {{{"app.kubernetes.io/name", "ingress-nginx"}}},
       {{{"app.kubernetes.io/name", "ingress-nginx"}, {"app.kubernetes.io/component", "controller"}}},
       ""},
      {"ingress-dns", "kube-system", {{{"app", "minikube-ingress-dns"}}}, {}, ""},
      {"registry", "kube-system", {{{"kubernetes.io/minikube-addons", "registry"}}}, {}, ""},
  };
  return pods;
}

} // namespace

const AddonPods* addon_pods(std::string_view addon)
{
  const auto& pods = table();
  const auto it = std::find_if(pods.begin(), pods.end(), [&](const AddonPods& p) { return p.addon == addon; });
  return it == pods.end() ? nullptr : &*it;
}

std::vector<std::string> addons_with_pods()
{
  std::vector<std::string> names;
  for (const auto& pods : table()) {
    names.emplace_back(pods.addon);
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool matches(const Labels& labels, const Labels& selector)
{
  return std::all_of(selector.begin(), selector.end(), [&](const auto& pair) {
    const auto it = labels.find(pair.first);
    return it != labels.end() && it->second == pair.second;
  });
}

std::string selector_text(const Labels& selector)
{
  std::string text;
  for (const auto& [key, value] : selector) {
    text += (text.empty() ? "" : ",") + key + "=" + value;
  }
  return text;
}

} // namespace devk8s::core::minikube
