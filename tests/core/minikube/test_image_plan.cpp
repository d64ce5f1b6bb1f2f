// The image plan against ../shared/reference/minikube.md §1–2 and the seed case
// (../shared/reference/seed-case.md: minikube v1.20.0, --image-mirror-country=cn, Kubernetes v1.20.2).
#include "core/minikube/image_plan.hpp"
#include "core/minikube/image_repository.hpp"
#include "support/image_values.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace devk8s::core;
using namespace devk8s::core::minikube;

namespace {

using devk8s::test::k_aliyun;

ImagePlan plan(const char* minikube, const char* kubernetes, const std::string& repository,
               std::vector<std::string> addons = default_addons(), ContainerRuntime runtime = ContainerRuntime::docker)
{
  PlanRequest request{*Version::parse(minikube), *Version::parse(kubernetes), runtime, repository, std::move(addons), 1};
  auto p = plan_images(request);
  INFO((p ? std::string() : p.error().message));
  REQUIRE(p);
  return *p;
}

std::vector<std::string> requested(const ImagePlan& p)
{
  std::vector<std::string> out;
  for (const auto& image : p.images) {
    out.push_back(image.requested.str());
  }
  return out;
}

/// --images key (or component) → requested name.
std::map<std::string, std::string> by_key(const ImagePlan& p)
{
  std::map<std::string, std::string> out;
  for (const auto& image : p.images) {
    out[image.key.empty() ? image.component : image.key] = image.requested.str();
  }
  return out;
}

const std::vector<std::string> k_all = {"storage-provisioner", "dashboard", "metrics-server", "ingress", "ingress-dns", "registry"};

} // namespace

TEST_CASE("plan_images: the seed case, minikube v1.20.0 with --image-mirror-country=cn", "[minikube]")
{
  auto repo = image_repository("", "cn");
  REQUIRE(repo);
  const auto p = plan("v1.20.0", "v1.20.2", *repo);
  CHECK(p.inventory == "v1.20.0");
  CHECK(p.inventory_exact);
  // seed-case.md: "Using image registry.cn-hangzhou.aliyuncs.com/google_containers/k8s-minikube/
  // storage-provisioner:v5 (global image repository)"; the control plane per minikube.md §2.
  CHECK(requested(p) == std::vector<std::string>{
                            k_aliyun + "/kube-apiserver:v1.20.2", k_aliyun + "/kube-controller-manager:v1.20.2",
                            k_aliyun + "/kube-scheduler:v1.20.2", k_aliyun + "/kube-proxy:v1.20.2", k_aliyun + "/pause:3.2",
                            k_aliyun + "/etcd:3.4.13-0", k_aliyun + "/coredns:1.7.0", k_aliyun + "/k8s-minikube/storage-provisioner:v5"});
  const auto& provisioner = p.images.back();
  CHECK(provisioner.component == "storage-provisioner");
  CHECK(provisioner.key == "StorageProvisioner");
  CHECK(provisioner.pull_policy == PullPolicy::if_not_present);
  CHECK(provisioner.upstream.str() == "gcr.io/k8s-minikube/storage-provisioner:v5");
  // images.go of v1.20.0 listed the correct name; only the addon manifest was wrong (§1).
  REQUIRE(provisioner.minikube_list_name);
  CHECK(provisioner.minikube_list_name->str() == k_aliyun + "/storage-provisioner:v5");
  CHECK(p.images.front().upstream.str() == "k8s.gcr.io/kube-apiserver:v1.20.2");
  CHECK(p.images[6].upstream.str() == "k8s.gcr.io/coredns:1.7.0");
}

TEST_CASE("plan_images: without a repository every image is upstream", "[minikube]")
{
  const auto p = plan("v1.20.0", "v1.20.2", "");
  for (const auto& image : p.images) {
    CAPTURE(image.component);
    CHECK(image.requested == image.upstream);
    CHECK_FALSE(image.minikube_list_name);
  }
  CHECK(by_key(plan("v1.20.0", "v1.20.2", "", k_all))["Dashboard"] ==
        "docker.io/kubernetesui/dashboard:v2.1.0@sha256:7f80b5ba141bead69c4fee8661464857af300d7d7ed0274cf7beecedc00322e6");
}

TEST_CASE("plan_images: minikube v1.20.0 prefixes every addon naively under cn (minikube.md §1 known bad paths)", "[minikube]")
{
  auto names = by_key(plan("v1.20.0", "v1.20.2", k_aliyun, k_all));
  CHECK(names["StorageProvisioner"] == k_aliyun + "/k8s-minikube/storage-provisioner:v5");
  CHECK(names["Dashboard"] == k_aliyun + "/kubernetesui/dashboard:v2.1.0@sha256:7f80b5ba141bead69c4fee8661464857af300d7d7ed0274cf7beecedc00322e6");
  CHECK(names["MetricsScraper"].rfind(k_aliyun + "/kubernetesui/metrics-scraper:v1.0.4@sha256:", 0) == 0);
  CHECK(names["IngressController"].rfind(k_aliyun + "/ingress-nginx/controller:v0.44.0@sha256:", 0) == 0);
  CHECK(names["KubeWebhookCertgenCreate"].rfind(k_aliyun + "/docker.io/jettech/kube-webhook-certgen:v1.5.1@sha256:", 0) == 0);
  CHECK(names["KubeWebhookCertgenPatch"] == names["KubeWebhookCertgenCreate"]);
  CHECK(names["MetricsServer"].rfind(k_aliyun + "/metrics-server/metrics-server:v0.4.2@sha256:", 0) == 0);
  CHECK(names["IngressDNS"].rfind(k_aliyun + "/cryptexlabs/minikube-ingress-dns:0.3.0@sha256:", 0) == 0);
  CHECK(names["KubeRegistryProxy"].rfind(k_aliyun + "/google_containers/kube-registry-proxy:0.4@sha256:", 0) == 0);
  CHECK(names["Registry"].rfind(k_aliyun + "/registry:2.7.1@sha256:", 0) == 0);
}

TEST_CASE("plan_images: the latest release names the fixed images under cn", "[minikube]")
{
  const auto p = plan("v1.38.1", "v1.35.1", k_aliyun, k_all);
  CHECK(p.inventory_exact);
  auto names = by_key(p);
  CHECK(names["kube-apiserver"] == k_aliyun + "/kube-apiserver:v1.35.1");
  CHECK(names["pause"] == k_aliyun + "/pause:3.10.1");
  CHECK(names["etcd"] == k_aliyun + "/etcd:3.6.6-0");
  CHECK(names["coredns"] == k_aliyun + "/coredns:v1.13.1");
  CHECK(names["StorageProvisioner"] == k_aliyun + "/storage-provisioner:v5");
  CHECK(names["MetricsServer"].rfind(k_aliyun + "/metrics-server:v0.8.1@sha256:", 0) == 0);
  CHECK(names["IngressController"].rfind(k_aliyun + "/nginx-ingress-controller:v1.14.3@sha256:", 0) == 0);
  CHECK(names["KubeWebhookCertgenCreate"].rfind(k_aliyun + "/kube-webhook-certgen:v1.6.7@sha256:", 0) == 0);
  // Docker Hub addons miss the docker.io/ keys and stay on Docker Hub (§1, v1.27.0).
  CHECK(names["Dashboard"].rfind("docker.io/kubernetesui/dashboard:v2.7.0@sha256:", 0) == 0);
  CHECK(names["MetricsScraper"].rfind("docker.io/kubernetesui/metrics-scraper:v1.0.8@sha256:", 0) == 0);
  CHECK(names["IngressDNS"].rfind("docker.io/kicbase/minikube-ingress-dns:0.0.4@sha256:", 0) == 0);
  CHECK(names["Registry"].rfind("docker.io/library/registry:3.0.0@sha256:", 0) == 0);
  // registry.k8s.io/minikube/kube-registry-proxy is not a key of the json: a miss keeps its registry.
  CHECK(names["KubeRegistryProxy"].rfind("registry.k8s.io/minikube/kube-registry-proxy:v0.0.11@sha256:", 0) == 0);
  for (const auto& image : p.images) {
    CAPTURE(image.component);
    CHECK_FALSE(image.minikube_list_name);
  }
}

TEST_CASE("plan_images: a repository other than the exact Aliyun string is prefixed naively in every release", "[minikube]")
{
  for (const std::string repo : {"registry.aliyuncs.com/google_containers", "mirror.local:5000/k8s"}) {
    CAPTURE(repo);
    auto names = by_key(plan("v1.38.1", "v1.35.1", repo, k_all));
    CHECK(names["StorageProvisioner"] == repo + "/k8s-minikube/storage-provisioner:v5");
    CHECK(names["Dashboard"].rfind(repo + "/kubernetesui/dashboard:v2.7.0@", 0) == 0);
    CHECK(names["IngressController"].rfind(repo + "/ingress-nginx/controller:v1.14.3@", 0) == 0);
    // kubeadm renames coredns/coredns under any non-default repository; minikube's list does not.
    CHECK(names["coredns"] == repo + "/coredns:v1.13.1");
    const auto p = plan("v1.38.1", "v1.35.1", repo);
    REQUIRE(p.images[6].minikube_list_name);
    CHECK(p.images[6].minikube_list_name->str() == repo + "/coredns/coredns:v1.13.1");
  }
}

TEST_CASE("plan_images: Aliyun version boundaries (releases between the recorded tables use the nearer one)", "[minikube]")
{
  SECTION("v1.23.0 naive, v1.23.1 strips k8s-minikube/ and kubernetesui/ only")
  {
    auto before = by_key(plan("v1.23.0", "v1.20.2", k_aliyun, k_all));
    auto after = by_key(plan("v1.23.1", "v1.20.2", k_aliyun, k_all));
    CHECK(before["StorageProvisioner"] == k_aliyun + "/k8s-minikube/storage-provisioner:v5");
    CHECK(after["StorageProvisioner"] == k_aliyun + "/storage-provisioner:v5");
    CHECK(before["Dashboard"].rfind(k_aliyun + "/kubernetesui/dashboard:v2.1.0@", 0) == 0);
    CHECK(after["Dashboard"].rfind(k_aliyun + "/dashboard:v2.1.0@", 0) == 0);
    CHECK(after["MetricsServer"].rfind(k_aliyun + "/metrics-server/metrics-server:", 0) == 0);
    CHECK(after["IngressController"].rfind(k_aliyun + "/ingress-nginx/controller:", 0) == 0);
  }
  SECTION("v1.23.2 vs v1.24.0: aliyun_mirror.json renames and flattens")
  {
    auto before = by_key(plan("v1.23.2", "v1.20.2", k_aliyun, k_all));
    auto after = by_key(plan("v1.24.0", "v1.20.2", k_aliyun, k_all));
    CHECK(before["IngressController"].rfind(k_aliyun + "/ingress-nginx/controller:v0.44.0@", 0) == 0);
    CHECK(after["IngressController"].rfind(k_aliyun + "/nginx-ingress-controller:v0.44.0@sha256:", 0) == 0);
    CHECK(after["MetricsServer"].rfind(k_aliyun + "/metrics-server:v0.4.2@", 0) == 0);
    CHECK(after["IngressDNS"].rfind(k_aliyun + "/minikube-ingress-dns:0.3.0@", 0) == 0);
    CHECK(after["KubeRegistryProxy"].rfind(k_aliyun + "/kube-registry-proxy:0.4@", 0) == 0);
    CHECK(after["Registry"].rfind(k_aliyun + "/registry:2.7.1@", 0) == 0);
    CHECK(after["StorageProvisioner"] == k_aliyun + "/storage-provisioner:v5");
    // v1.24.0's json has "jettech/…", but this image's key is "docker.io/jettech/…": a miss with
    // an empty registry falls through to the repository, naively.
    CHECK(after["KubeWebhookCertgenCreate"].rfind(k_aliyun + "/docker.io/jettech/kube-webhook-certgen:", 0) == 0);
  }
  SECTION("v1.25.2 vs v1.26.0: images.go lists the provisioner flat on Aliyun")
  {
    const auto before = plan("v1.25.2", "v1.20.2", k_aliyun);
    const auto after = plan("v1.26.0", "v1.20.2", k_aliyun);
    CHECK_FALSE(before.inventory_exact);
    CHECK(before.images.back().requested.str() == k_aliyun + "/storage-provisioner:v5");
    REQUIRE(before.images.back().minikube_list_name);
    CHECK(before.images.back().minikube_list_name->str() == k_aliyun + "/k8s-minikube/storage-provisioner:v5");
    CHECK_FALSE(after.images.back().minikube_list_name);
    // ... and coredns/coredns (Kubernetes ≥1.21).
    REQUIRE(plan("v1.25.2", "v1.35.1", k_aliyun).images[6].minikube_list_name);
    CHECK_FALSE(plan("v1.26.0", "v1.35.1", k_aliyun).images[6].minikube_list_name);
  }
  SECTION("v1.26.1 vs v1.27.0: Docker Hub addons stay on docker.io")
  {
    auto before = by_key(plan("v1.26.1", "v1.20.2", k_aliyun, k_all));
    auto after = by_key(plan("v1.27.0", "v1.20.2", k_aliyun, k_all));
    CHECK(before["Dashboard"].rfind(k_aliyun + "/dashboard:v2.1.0@", 0) == 0);
    CHECK(after["Dashboard"].rfind("docker.io/kubernetesui/dashboard:v2.1.0@", 0) == 0);
    CHECK(before["Registry"].rfind(k_aliyun + "/registry:2.7.1@", 0) == 0);
    CHECK(after["Registry"].rfind("docker.io/library/registry:2.7.1@", 0) == 0);
    CHECK(after["KubeWebhookCertgenCreate"].rfind(k_aliyun + "/kube-webhook-certgen:v1.5.1@", 0) == 0);
    CHECK(after["StorageProvisioner"] == k_aliyun + "/storage-provisioner:v5");
  }
}

TEST_CASE("plan_images: runtime and nodes", "[minikube]")
{
  SECTION("docker, one node: no CNI image")
  {
    CHECK(by_key(plan("v1.20.0", "v1.20.2", k_aliyun)).count("kindnet") == 0);
  }
  SECTION("containerd or cri-o on the KIC driver: kindnet, under the repository")
  {
    for (auto runtime : {ContainerRuntime::containerd, ContainerRuntime::crio}) {
      CHECK(by_key(plan("v1.20.0", "v1.20.2", k_aliyun, default_addons(), runtime))["kindnet"] ==
            k_aliyun + "/kindnetd:v20210326-1e038dc5");
    }
    CHECK(by_key(plan("v1.38.1", "v1.35.1", "", default_addons(), ContainerRuntime::containerd))["kindnet"] ==
          "docker.io/kindest/kindnetd:v20260213-ea8e5717");
  }
  SECTION("default-storageclass deploys no image; duplicates are listed once")
  {
    CHECK(plan("v1.20.0", "v1.20.2", k_aliyun, {"default-storageclass"}).images.size() == 7);
    CHECK(plan("v1.20.0", "v1.20.2", k_aliyun, {"dashboard", "dashboard"}).images.size() == 9);
  }
}

TEST_CASE("plan_images: refusals", "[minikube]")
{
  auto fails = [](const char* minikube, const char* kubernetes, std::vector<std::string> addons, const std::string& repo) {
    PlanRequest request{*Version::parse(minikube), *Version::parse(kubernetes), ContainerRuntime::docker, repo, addons, 1};
    auto p = plan_images(request);
    REQUIRE_FALSE(p);
    return p.error().message;
  };
  SECTION("a Kubernetes version without a table names the known ones")
  {
    CHECK(fails("v1.20.0", "v1.20.3", default_addons(), "") ==
          "no image table for Kubernetes v1.20.3: devk8s knows the images of v1.20.2, v1.35.1");
  }
  SECTION("a Kubernetes version the recorded release does not run")
  {
    CHECK(fails("v1.38.1", "v1.20.2", default_addons(), "") ==
          "minikube v1.38.1 does not run Kubernetes v1.20.2: it supports v1.28.0 to v1.35.1");
    CHECK(fails("v1.20.0", "v1.35.1", default_addons(), "").find("supports v1.14.0 to v1.22.0-alpha.1") != std::string::npos);
  }
  SECTION("an unknown addon names the known ones")
  {
    CHECK(fails("v1.20.0", "v1.20.2", {"istio"}, "") ==
          "unknown addon \"istio\": devk8s knows the images of dashboard, default-storageclass, ingress, "
          "ingress-dns, metrics-server, registry, storage-provisioner");
  }
  SECTION("a repository that makes an invalid name")
  {
    CHECK(fails("v1.20.0", "v1.20.2", default_addons(), "Bad Repo").rfind("minikube would request an invalid image for kube-apiserver: ", 0) == 0);
  }
}
