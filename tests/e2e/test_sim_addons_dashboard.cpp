// The simulation's dashboard and metrics-server addons (issue #11's "Simulation" section): their
// digest-pinned images per minikube version (`addons images`, the names `addons enable` renders
// for --image-repository cn), the Deployments' pods the addon manager makes in the API, a
// digest-pinned pull that a tag on the node cannot satisfy, and the repair through
// `addons enable --images/--registries` on scenario dashboard-digest-cn.
#include "support/sim_cluster.hpp"
#include "support/text.hpp"

#include "core/minikube/addon_images_table.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using devk8s::test::SimCluster;
using nlohmann::json;

namespace {

using devk8s::test::has;

const std::string k_dashboard_v120 =
    "kubernetesui/dashboard:v2.1.0@sha256:7f80b5ba141bead69c4fee8661464857af300d7d7ed0274cf7beecedc00322e6";
const std::string k_scraper_v120 =
    "kubernetesui/metrics-scraper:v1.0.4@sha256:555981a24f184420f3be0c79d4efb6c948a85cfce84034f85a563f4151a81cbf";

/// The pods of namespace `ns` with label k8s-app=`app`, as kubectl 1.20 gets them.
json pods(const SimCluster& sim, const std::string& ns, const std::string& app)
{
  auto r = sim.kubectl(devk8s::test::kubectl_120(), {"get", "pods", "-n", ns, "-l", "k8s-app=" + app, "-o", "json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["items"];
}

std::string waiting_reason(const json& pod)
{
  const auto& statuses = pod["status"].value("containerStatuses", json::array());
  if (statuses.empty() || !statuses[0]["state"].contains("waiting")) {
    return {};
  }
  return statuses[0]["state"]["waiting"].value("reason", "");
}

} // namespace

TEST_CASE("sim minikube: addons images and the dashboard's digest-pinned names per version", "[sim][e2e]")
{
  SimCluster sim("dashboard-digest-cn", false);
  SECTION("v1.20.0: 'has following images:' and tablewriter v0.0.5's ASCII table; the parser reads it")
  {
    auto r = sim.minikube({"addons", "images", "dashboard"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.rfind("  - dashboard has following images:\n|----------------|", 0) == 0);
    CHECK(has(r.out, "| Dashboard      | " + k_dashboard_v120 + "       |                  |\n"));
    auto rows = devk8s::core::minikube::parse_addon_images_table(r.out);
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[1].key == "MetricsScraper");
    CHECK((*rows)[1].image == k_scraper_v120);
    auto sp = sim.minikube({"addons", "images", "storage-provisioner"});
    CHECK(has(sp.out, "| StorageProvisioner | k8s-minikube/storage-provisioner:v5 | gcr.io           |\n"));
  }
  SECTION("v1.38.1: 'has the following images:', tablewriter v1.1.3's box table, docker.io as registry")
  {
    auto r = sim.minikube({"addons", "images", "dashboard"}, {{"DEVK8S_SIM_MINIKUBE_VERSION", "v1.38.1"}});
    CHECK(r.out.rfind("  - dashboard has the following images:\n┌────", 0) == 0);
    CHECK(has(r.out, "│ Dashboard      │ kubernetesui/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f"
                     "588b1d449841ef93       │ docker.io        │\n"));
    auto ms = sim.minikube({"addons", "images", "metrics-server"}, {{"DEVK8S_SIM_MINIKUBE_VERSION", "v1.38.1"}});
    CHECK(has(ms.out, "metrics-server/metrics-server:v0.8.1@sha256:b2d2efaf5ac3b366ed0f839d2412a2c4279d4fc2a2a733f1"
                      "2c52133faed36c41 │ registry.k8s.io  │"));
  }
  SECTION("the image each version renders for the cn mirror")
  {
    const std::string cn = sim.mirror();
    struct Case {
      std::string version, dashboard, metrics_server;
    };
    for (const auto& c : std::vector<Case>{
             {"v1.20.0", cn + "/" + k_dashboard_v120 + " (global image repository)",
              cn + "/metrics-server/metrics-server:v0.4.2@sha256:dbc33d7d35d2a9cc5ab402005aa7a0d13be6192f3550c7d42cba8d2d5e3a5d62"
                   " (global image repository)"},
             // fixAddonImages (v1.23.1) strips kubernetesui/ only.
             {"v1.23.2", cn + "/dashboard:v2.3.1@sha256:ec27f462cf1946220f5a9ace416a84a57c18f98c777876a8054405d1428cc92e"
                              " (global image repository)",
              cn + "/metrics-server/metrics-server:v0.4.2@sha256:dbc33d7d35d2a9cc5ab402005aa7a0d13be6192f3550c7d42cba8d2d5e3a5d62"
                   " (global image repository)"},
             // aliyun_mirror.json: a custom registry, so the line drops the digest.
             {"v1.26.0", cn + "/dashboard:v2.6.0", cn + "/metrics-server:v0.6.1"},
             // v1.27's docker.io/ keys miss the dashboard's (its registry docker.io is not prepended).
             {"v1.38.1", "docker.io/kubernetesui/dashboard:v2.7.0", cn + "/metrics-server:v0.8.1"}}) {
      CAPTURE(c.version);
      const std::map<std::string, std::string> env = {{"DEVK8S_SIM_MINIKUBE_VERSION", c.version}};
      auto d = sim.minikube({"addons", "enable", "dashboard"}, env);
      CHECK(d.exit_code == 0);
      CHECK(has(d.out, "  - Using image " + c.dashboard + "\n"));
      CHECK(has(d.out, "* The 'dashboard' addon is enabled\n"));
      CHECK(has(sim.minikube({"addons", "enable", "metrics-server"}, env).out, "  - Using image " + c.metrics_server));
    }
    CHECK(sim.state()["addons"]["dashboard"]["images"]["Dashboard"] ==
          "docker.io/kubernetesui/dashboard:v2.7.0@sha256:2e500d29e9d5f4a086b908eb8dfe7ecac57d2ab09d65b24f588b1d449841ef93");
  }
  SECTION("--images/--registries are forgotten by v1.20.0 and kept from v1.21")
  {
    for (const std::string version : {"v1.20.0", "v1.26.0"}) {
      CAPTURE(version);
      const std::map<std::string, std::string> env = {{"DEVK8S_SIM_MINIKUBE_VERSION", version}};
      REQUIRE(sim.minikube({"addons", "enable", "dashboard", "--images=Dashboard=google_containers/dashboard:v2.1.0",
                            "--registries=Dashboard=127.0.0.1:1"},
                           env)
                  .exit_code == 0);
      CHECK(sim.state()["addons"]["dashboard"]["images"]["Dashboard"] == "127.0.0.1:1/google_containers/dashboard:v2.1.0");
      REQUIRE(sim.minikube({"addons", "enable", "dashboard"}, env).exit_code == 0);
      const bool kept = sim.state()["addons"]["dashboard"]["images"]["Dashboard"] ==
                        "127.0.0.1:1/google_containers/dashboard:v2.1.0";
      CHECK(kept == (version != "v1.20.0"));
    }
  }
}

TEST_CASE("sim: dashboard-digest-cn, a digest-pinned addon repaired through --images/--registries", "[sim][e2e]")
{
  SimCluster sim("dashboard-digest-cn");
  const std::string cn = sim.mirror();
  const std::string reg = cn.substr(0, cn.find('/'));
  const std::string kubectl = devk8s::test::kubectl_120();

  // The pods minikube v1.20.0 made ask for the naive, digest-pinned names, which the mirror lacks.
  // Their first pull failed at load; from the next second kubelet reports its back-off.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto dash = pods(sim, "kubernetes-dashboard", "kubernetes-dashboard");
  REQUIRE(dash.size() == 1);
  const std::string first = dash[0]["metadata"]["name"];
  CHECK(first.rfind("kubernetes-dashboard-", 0) == 0);
  CHECK(dash[0]["metadata"]["labels"].contains("pod-template-hash"));
  CHECK(dash[0]["metadata"]["ownerReferences"][0]["kind"] == "ReplicaSet");
  CHECK(dash[0]["spec"]["containers"][0]["image"] == cn + "/" + k_dashboard_v120);
  CHECK(waiting_reason(dash[0]) == "ImagePullBackOff");
  auto scraper = pods(sim, "kubernetes-dashboard", "dashboard-metrics-scraper");
  REQUIRE(scraper.size() == 1);
  CHECK(scraper[0]["spec"]["containers"][0]["image"] == cn + "/" + k_scraper_v120);

  SECTION("a tag on the node does not satisfy name@sha256: the re-made pod fails again")
  {
    REQUIRE(sim.minikube({"ssh", "--", "docker", "pull", cn + "/dashboard:v2.1.0"}).exit_code == 0);
    REQUIRE(sim.minikube({"ssh", "--", "docker", "tag", cn + "/dashboard:v2.1.0", cn + "/kubernetesui/dashboard:v2.1.0"})
                .exit_code == 0);
    REQUIRE(sim.kubectl(kubectl, {"delete", "pod", "-n", "kubernetes-dashboard", first}).exit_code == 0);
    auto again = pods(sim, "kubernetes-dashboard", "kubernetes-dashboard");
    REQUIRE(again.size() == 1);
    CHECK(again[0]["metadata"]["name"] != first);
    CHECK(again[0]["status"]["phase"] == "Pending");
    CHECK(has(waiting_reason(again[0]), "ImagePull"));
  }
  SECTION("enable with --images/--registries at the seeded references: Running, as kubectl 1.20 shows")
  {
    const json seeded = sim.state()["settings"]["seeded_images"];
    const std::string digest = seeded[cn + "/dashboard:v2.1.0"];
    auto r = sim.minikube({"addons", "enable", "dashboard",
                           "--images=Dashboard=google_containers/dashboard:v2.1.0@" + digest +
                               ",MetricsScraper=google_containers/metrics-scraper:v1.0.4",
                           "--registries=Dashboard=" + reg + ",MetricsScraper=" + reg});
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.out, "  - Using image " + cn + "/dashboard:v2.1.0\n"));
    auto fixed = pods(sim, "kubernetes-dashboard", "kubernetes-dashboard");
    REQUIRE(fixed.size() == 1);
    CHECK(fixed[0]["metadata"]["name"] != first);
    CHECK(fixed[0]["spec"]["containers"][0]["image"] == cn + "/dashboard:v2.1.0@" + digest);
    CHECK(fixed[0]["status"]["phase"] == "Running");
    auto table = sim.kubectl(kubectl, {"get", "pods", "-n", "kubernetes-dashboard", "--no-headers"});
    CHECK(table.exit_code == 0);
    CHECK(has(table.out, "1/1   Running"));
    CHECK(!has(table.out, "ImagePullBackOff"));
    auto deploy = sim.kubectl(kubectl, {"get", "deployment", "-n", "kubernetes-dashboard", "kubernetes-dashboard"});
    CHECK(has(deploy.out, "1/1"));
  }
  SECTION("disable removes the namespace and its pods; metrics-server comes and goes in kube-system")
  {
    REQUIRE(sim.minikube({"addons", "disable", "dashboard"}).exit_code == 0);
    auto ns = sim.kubectl(kubectl, {"get", "ns", "kubernetes-dashboard"});
    CHECK(ns.exit_code != 0);
    REQUIRE(sim.minikube({"addons", "enable", "metrics-server"}).exit_code == 0);
    auto ms = pods(sim, "kube-system", "metrics-server");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0]["spec"]["priorityClassName"] == "system-cluster-critical");
    CHECK(ms[0]["status"]["qosClass"] == "Burstable");
    CHECK(waiting_reason(ms[0]) == "ErrImagePull");
    REQUIRE(sim.minikube({"addons", "disable", "metrics-server"}).exit_code == 0);
    CHECK(pods(sim, "kube-system", "metrics-server").empty());
  }
}
