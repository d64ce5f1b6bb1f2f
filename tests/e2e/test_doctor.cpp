// `devk8s doctor` end to end on the simulation (issue #12): the binary reads the simulated API
// server through the kubeconfig, the simulated minikube for the profile, and the real registry.
#include "support/sim_cluster.hpp"

#include <catch2/catch.hpp>

using devk8s::test::SimCluster;
using devk8s::test::TempDir;
using nlohmann::json;

namespace {

bool has(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

struct DoctorSim {
  explicit DoctorSim(const std::string& scenario) : sim(scenario)
  {
    host = devk8s::test::shared_registry(devk8s::test::Flavour::plain).host();
    const auto cn = host + "/google_containers";
    config.write("devk8s/mirrors/local.yaml",
                 "name: local\nminikube:\n  image-repository: " + cn + "\nrules:\n  - flatten: gcr.io/k8s-minikube\n"
                 "    to: " + cn + "\n  - flatten: k8s.gcr.io\n    to: " + cn + "\n");
  }

  devk8s::ports::ProcessResult run(std::vector<std::string> args) const
  {
    args.insert(args.end(), {"--insecure-registry", host});
    return devk8s::test::run_devk8s(args, {},
                                    {{"PATH", std::string(DEVK8S_SIM_BIN_DIR) + ":" + std::getenv("PATH")},
                                     {"DEVK8S_SIM_STATE", sim.state_dir()},
                                     {"KUBECONFIG", sim.kubeconfig()},
                                     {"XDG_CONFIG_HOME", config.path().string()},
                                     {"HOME", config.path().string()}});
  }

  SimCluster sim;
  TempDir config;
  std::string host;
};

} // namespace

TEST_CASE("doctor on the seed: one chain per Pending redis pod, down to the naive mirror path", "[sim][e2e][doctor]")
{
  DoctorSim s("seed-cn-v1.20");
  const auto wrong = s.sim.mirror() + "/k8s-minikube/storage-provisioner:v5";
  auto r = s.run({"doctor"});
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "✗ Pod default/redis-master-0: default/redis-master-0 is Pending: the scheduler found no node\n"));
  CHECK(has(r.out, "  ← PersistentVolumeClaim default/redis-data-redis-master-0: default/redis-data-redis-master-0 is "
                   "Pending, waiting for k8s.io/minikube-hostpath\n"));
  CHECK(has(r.out, "  ← Provisioner k8s.io/minikube-hostpath: the provisioner k8s.io/minikube-hostpath is not running"));
  CHECK(has(r.out, "  ← Pod kube-system/storage-provisioner: kube-system/storage-provisioner ImagePullBackOff: cannot "
                   "pull " + wrong + " (denied)\n"));
  CHECK(has(r.out, "  ← root cause: Image " + wrong + ": " + wrong + " is a naive mirror path: "
                   "gcr.io/k8s-minikube/storage-provisioner:v5 prefixed with " + s.sim.mirror() +
                   " (minikube v1.20.0 wrote it); the mirror has it at " + s.sim.mirror() + "/storage-provisioner:v5\n"));
  CHECK(has(r.out, "      fix: devk8s retag storage-provisioner\n"));
  CHECK(has(r.out, "  ← (as above from Provisioner k8s.io/minikube-hostpath)\n"));
  CHECK(has(r.out, "2 problems, 1 root cause\n"));

  auto j = s.run({"doctor", "-o", "json"});
  REQUIRE(j.exit_code == 1);
  const auto doc = json::parse(j.out);
  CHECK(doc["healthy"] == false);
  REQUIRE(doc["chains"].size() == 2);
  const auto root = doc["findings"][doc["chains"][0].back().get<std::size_t>()];
  CHECK(root["id"] == "image.naive-mirror-path");
  CHECK(root["action"] == "devk8s retag storage-provisioner");

  // The fix it names, then a healthy cluster.
  auto fix = devk8s::test::run_devk8s({"retag", "storage-provisioner", "--yes", "--insecure-registry", s.host,
                                       "--skip-upstream", "--timeout", "40s"},
                                      {},
                                      {{"PATH", std::string(DEVK8S_SIM_BIN_DIR) + ":" + std::getenv("PATH")},
                                       {"DEVK8S_SIM_STATE", s.sim.state_dir()},
                                       {"KUBECONFIG", s.sim.kubeconfig()},
                                       {"XDG_CONFIG_HOME", s.config.path().string()},
                                       {"HOME", s.config.path().string()}});
  REQUIRE(fix.exit_code == 0);
  auto after = s.run({"doctor"});
  CAPTURE(after.out);
  CHECK(after.exit_code == 0);
  CHECK(has(after.out, "healthy: "));
}

TEST_CASE("doctor on other scenarios: each its own root", "[sim][e2e][doctor]")
{
  SECTION("healthy")
  {
    DoctorSim s("healthy");
    auto r = s.run({"doctor"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "no problem found"));
  }
  SECTION("crashloop")
  {
    DoctorSim s("crashloop");
    auto r = s.run({"doctor", "-o", "json"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1);
    const auto doc = json::parse(r.out);
    REQUIRE(doc["findings"].size() >= 1);
    CHECK(doc["findings"][0]["id"] == "container.oom-killed");
  }
  SECTION("node-pressure")
  {
    DoctorSim s("node-pressure");
    auto r = s.run({"doctor", "-o", "json"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1);
    const auto doc = json::parse(r.out);
    REQUIRE(doc["findings"].size() >= 1);
    CHECK(doc["findings"][0]["id"] == "node.disk-pressure");
  }
}

TEST_CASE("doctor: usage and an unreachable cluster", "[sim][e2e][doctor]")
{
  auto both = devk8s::test::run_devk8s({"doctor", "-A", "-n", "x"});
  CHECK(both.exit_code == 2);
  auto none = devk8s::test::run_devk8s({"doctor"}, {}, {{"KUBECONFIG", "/nonexistent/kubeconfig"}});
  CHECK(none.exit_code != 0);
}
