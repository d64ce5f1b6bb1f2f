// Each scenario of tests/sim/scenarios/ shows, through real kubectl 1.20, what it says it models.
#include "support/sim_cluster.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using devk8s::test::SimCluster;

namespace {

using devk8s::test::has;

std::string jsonpath(const SimCluster& sim, const std::vector<std::string>& args)
{
  auto r = sim.kubectl(devk8s::test::kubectl_120(), args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

} // namespace

TEST_CASE("Simulation scenarios show what they model", "[sim][scenario]")
{
  SECTION("healthy")
  {
    SimCluster sim("healthy");
    CHECK(jsonpath(sim, {"get", "pods", "-A", "-o", "jsonpath={range .items[*]}{.status.phase} {end}"}) ==
          "Running Running Running Running Running Running Running Running Running ");
    CHECK(jsonpath(sim, {"get", "pvc", "-o", "jsonpath={range .items[*]}{.status.phase} {end}"}) == "Bound Bound ");
    CHECK(jsonpath(sim, {"get", "pod", "-n", "kube-system", "storage-provisioner", "-o",
                         "jsonpath={.spec.containers[0].image}"}) == sim.mirror() + "/storage-provisioner:v5");
  }
  SECTION("crashloop")
  {
    SimCluster sim("crashloop");
    auto pods = jsonpath(sim, {"get", "pods"});
    CAPTURE(pods);
    CHECK(has(pods, "api-7d4b9c6f5-x2x9q   0/1     CrashLoopBackOff   27         120m"));
    CHECK(jsonpath(sim, {"get", "pod", "api-7d4b9c6f5-x2x9q", "-o",
                         "jsonpath={.status.containerStatuses[0].lastState.terminated.reason} "
                         "{.status.containerStatuses[0].lastState.terminated.exitCode} {.status.phase}"}) ==
          "OOMKilled 137 Running");
    auto describe = jsonpath(sim, {"describe", "pod", "api-7d4b9c6f5-x2x9q"});
    CHECK(has(describe, "Back-off restarting failed container"));
  }
  SECTION("node-pressure")
  {
    SimCluster sim("node-pressure");
    auto pods = jsonpath(sim, {"get", "pods"});
    CAPTURE(pods);
    CHECK(has(pods, "logger-0           0/1     Evicted   0          3h"));
    CHECK(has(pods, "logger-1           0/1     Pending   0          2m"));
    CHECK(has(pods, "redis-master-0     1/1     Running   0          7m4"));
    CHECK(jsonpath(sim, {"get", "node", "minikube", "-o", "jsonpath={.spec.taints[0].key}"}) ==
          "node.kubernetes.io/disk-pressure");
    CHECK(has(jsonpath(sim, {"describe", "pod", "logger-1"}),
              "0/1 nodes are available: 1 node(s) had taint {node.kubernetes.io/disk-pressure: }, that the pod "
              "didn't tolerate."));
  }
  SECTION("provisioner-crashing")
  {
    SimCluster sim("provisioner-crashing");
    auto pods = jsonpath(sim, {"get", "pods", "-n", "kube-system", "storage-provisioner"});
    CHECK(has(pods, "storage-provisioner   0/1     CrashLoopBackOff   12         20h"));
    CHECK(jsonpath(sim, {"get", "pvc", "-o", "jsonpath={range .items[*]}{.status.phase} {end}"}) == "Pending Pending ");
    CHECK(has(jsonpath(sim, {"describe", "pvc", "redis-data-redis-master-0"}), "ExternalProvisioning"));
  }
  SECTION("dockerhub-ratelimit")
  {
    SimCluster sim("dockerhub-ratelimit");
    auto pods = jsonpath(sim, {"get", "pods"});
    CAPTURE(pods);
    CHECK(has(pods, "web-5d9c7b8f4-kq7zt   0/1     ImagePullBackOff   0          10m"));
    CHECK(has(jsonpath(sim, {"describe", "pod", "web-5d9c7b8f4-kq7zt"}),
              "Failed to pull image \"nginx:1.21\": rpc error: code = Unknown desc = Error response from daemon: "
              "toomanyrequests: You have reached your pull rate limit."));
  }
}

// Out of the default run (about 10 s): the benchmark-sized scenario loads and pages through kubectl.
TEST_CASE("Simulation large scenario pages through kubectl", "[.][sim][large]")
{
  SimCluster sim("large");
  auto r = sim.kubectl(devk8s::test::kubectl_120(), {"get", "pods", "-A", "--no-headers", "-o", "name"});
  REQUIRE(r.exit_code == 0);
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 10009);
  auto claims = sim.kubectl(devk8s::test::kubectl_120(), {"get", "pvc", "-A", "--no-headers", "-o", "name"});
  CHECK(std::count(claims.out.begin(), claims.out.end(), '\n') == 2002);
  auto ns = sim.kubectl(devk8s::test::kubectl_120(), {"get", "events", "-n", "app-042", "--no-headers", "-o", "name"});
  CHECK(std::count(ns.out.begin(), ns.out.end(), '\n') == 100);
}
