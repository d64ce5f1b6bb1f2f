// `devk8s start` end to end on the simulation (issue #13): the devk8s binary on this machine's
// real /proc and /sys, the simulated minikube first on PATH, a docker CLI double
// (tests/sim/docker-cli) and a Docker daemon socket (fake_docker_socket.hpp) for preflight,
// kubectl 1.20 on PATH, the simulated API server through the kubeconfig that start leaves, and
// the real local registry serving Aliyun's names (--registry-endpoint for devk8s, the scenario's
// settings.endpoints for the nodes). Real kubectl then says what the cluster shows.
#include "support/fake_docker_socket.hpp"
#include "support/host_fixture.hpp"
#include "support/release_server.hpp"
#include "support/sim_cluster.hpp"
#include "support/spawned_devk8s.hpp"
#include "support/text.hpp"

#include "support/image_values.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using devk8s::test::SimCluster;
using devk8s::test::TempDir;
using nlohmann::json;

namespace {

using devk8s::test::has;

using devk8s::test::k_aliyun_host;
using k_flat_is = void; // (devk8s::test::k_aliyun: the shared k_aliyun_host, the flat namespace)

struct StartSim {
  explicit StartSim(const std::string& scenario = "fresh-host-cn")
    : sim(scenario),
      docker(devk8s::test::read_file(devk8s::test::fixture_host("seed-host") + "/docker-info.json"))
  {
    host = devk8s::test::shared_registry(devk8s::test::Flavour::plain).host();
  }

  std::map<std::string, std::string> env(const std::map<std::string, std::string>& more = {}) const
  {
    const std::string kubectl_dir = std::filesystem::path(devk8s::test::kubectl_120()).parent_path().string();
    std::map<std::string, std::string> e = {
        {"PATH", std::string(DEVK8S_SIM_BIN_DIR) + ":" + devk8s::test::source_path("tests/sim/docker-cli") + ":" +
                     kubectl_dir + ":" + std::getenv("PATH")},
        {"DEVK8S_SIM_STATE", sim.state_dir()},
        {"KUBECONFIG", sim.kubeconfig()},
        {"HOME", home.path().string()},
        {"TMPDIR", home.path().string()},
        {"DOCKER_HOST", docker.docker_host()},
        {"NO_PROXY", "127.0.0.1"}};
    for (const auto& [k, v] : more) {
      e[k] = v;
    }
    return e;
  }

  std::vector<std::string> args(std::vector<std::string> extra) const
  {
    std::vector<std::string> a = {"start",        "--mirror",          "cn",    "--cpus", "1",
                                  "--registry-endpoint", k_aliyun_host + "=" + host, "--insecure-registry", host,
                                  "--skip-upstream", "--timeout",      "40s"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  devk8s::ports::ProcessResult start(const std::vector<std::string>& extra = {},
                                     const std::map<std::string, std::string>& more_env = {}) const
  {
    return devk8s::test::run_devk8s(args(extra), {}, env(more_env));
  }

  std::string get(const std::vector<std::string>& args) const
  {
    auto r = sim.kubectl(devk8s::test::kubectl_120(), args);
    return r.exit_code == 0 ? r.out : "error: " + r.err;
  }

  std::string provisioner(const std::string& jsonpath) const
  {
    return get({"get", "pods", "-n", "kube-system", "-l", "integration-test=storage-provisioner", "-o",
                "jsonpath=" + jsonpath});
  }

  SimCluster sim;
  TempDir home;
  devk8s::test::FakeDockerSocket docker;
  std::string host;
};

/// Whether a process of the simulated minikube runs on `state_dir` (its DEVK8S_SIM_STATE).
bool minikube_running(const std::string& state_dir)
{
  const std::string binary = std::string(DEVK8S_SIM_BIN_DIR) + "/minikube";
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const auto read = [&](const char* file) {
      std::ifstream in(entry.path() / file);
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    };
    const auto pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    if (read("cmdline").rfind(binary, 0) == 0 && has(read("environ"), "DEVK8S_SIM_STATE=" + state_dir)) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("start on the seed: devk8s start repairs what plain minikube start leaves broken", "[sim][e2e][start]")
{
  SECTION("minikube v1.20.0 started by hand with cn: storage-provisioner in image-pull back-off")
  {
    const StartSim plain;
    const auto r = plain.sim.minikube({"start", "--driver=docker", "--cpus=1", "--image-mirror-country=cn", "--force",
                                       "--extra-config=kubeadm.ignore-preflight-errors=NumCPU"});
    CAPTURE(r.out, r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.out, "Done!"));
    CHECK(plain.provisioner("{.items[*].spec.containers[0].image}") == devk8s::test::k_aliyun + "/k8s-minikube/storage-provisioner:v5");
    const auto reason = plain.provisioner("{.items[*].status.containerStatuses[0].state.waiting.reason}");
    CHECK((reason == "ErrImagePull" || reason == "ImagePullBackOff"));

    // devk8s start on that running profile: nothing started, the doctor's fix applied, verified.
    const auto r2 = plain.start();
    CAPTURE(r2.out, r2.err);
    CHECK(r2.exit_code == 0);
    CHECK(has(r2.out, "profile minikube: running, minikube v1.20.0"));
    CHECK(has(r2.out, "then: devk8s doctor --fix, for what the doctor finds"));
    CHECK(has(r2.out, "profile minikube was already running: verified and repaired only"));
    CHECK(has(r2.err, "devk8s: tag it as " + devk8s::test::k_aliyun + "/k8s-minikube/storage-provisioner:v5"));
    CHECK(has(r2.out, "repaired storage-provisioner: " + devk8s::test::k_aliyun + "/k8s-minikube/storage-provisioner:v5"));
    CHECK(has(r2.out, "doctor: healthy"));
    CHECK_FALSE(has(r2.err, "Done! kubectl"));
    CHECK(plain.provisioner("{.items[*].status.phase}") == "Running");
  }
  SECTION("devk8s start --mirror cn --cpus 1: the same release, repaired, verified")
  {
    const StartSim s;
    const auto r = s.start();
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 0);
    // Before minikube ran: the table named the broken name and its repair.
    CHECK(has(r.out, devk8s::test::k_aliyun + "/k8s-minikube/storage-provisioner:v5"));
    CHECK(has(r.out, "retag after start"));
    CHECK(has(r.out, "then, on the started cluster: devk8s retag storage-provisioner"));
    // minikube's own lines, streamed under its name.
    CHECK(has(r.err, "Done! kubectl is now configured"));
    // The summary names the k8s-minikube/ repair and what proved the cluster.
    CHECK(has(r.out, "repaired storage-provisioner: " + devk8s::test::k_aliyun + "/k8s-minikube/storage-provisioner:v5"));
    CHECK(has(r.out, "from " + devk8s::test::k_aliyun + "/storage-provisioner:v5"));
    CHECK(has(r.out, "verified: every kube-system pod Ready; a claim of the default class Bound (and removed)"));
    CHECK(has(r.out, "doctor: healthy"));
    CHECK(has(r.err, "devk8s: wait until the claim is Bound (the provisioner made its volume)"));
    CHECK(s.provisioner("{.items[*].status.phase}") == "Running");
    // The storage check's claim is gone again.
    CHECK(s.get({"get", "pvc", "-A", "-o", "jsonpath={.items[*].metadata.name}"}).empty());

    // Started again, the profile runs: verified, nothing started, still healthy.
    const auto again = s.start({"-o", "json"});
    CAPTURE(again.out, again.err);
    CHECK(again.exit_code == 0);
    const auto doc = json::parse(again.out);
    CHECK(doc["profile"]["state"] == "running");
    CHECK(doc["started"] == false);
    CHECK(doc["command"].empty());
    CHECK(doc["healthy"] == true);
    CHECK_FALSE(has(again.err, "Done! kubectl"));
  }
}

TEST_CASE("start with the latest minikube: nothing to repair, and start says so", "[sim][e2e][start]")
{
  const StartSim s;
  const auto r = s.start({}, {{"DEVK8S_SIM_MINIKUBE_VERSION", "latest"}});
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "profile minikube: absent, minikube v1.38.1"));
  CHECK(has(r.out, devk8s::test::k_aliyun + "/kube-apiserver:v1.35.1"));
  CHECK(has(r.out, "nothing to repair: every image minikube will request exists"));
  CHECK_FALSE(has(r.out, "repaired "));
  CHECK(has(r.out, "doctor: healthy"));
  CHECK(s.provisioner("{.items[*].spec.containers[0].image}") == devk8s::test::k_aliyun + "/storage-provisioner:v5");
}

TEST_CASE("start: minikube exiting non-zero gives its code, its words and a hint", "[sim][e2e][start]")
{
  const StartSim s;
  // A flag after -- reaches minikube last: --force=false takes back the --force that one CPU needs.
  const auto r = s.start({"--", "--force=false"});
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "devk8s: error: step 1 (minikube start, its output streamed): minikube start"));
  CHECK(has(r.err, "exit status 29"));
  CHECK(has(r.err, "X Exiting due to RSRC_INSUFFICIENT_CORES: Requested cpu count 1 is less than the minimum allowed of 2"));
  CHECK(has(r.err, "hint: minikube wants 2 CPUs: on a 1-CPU host, devk8s start --cpus 1 passes --force"));
  CHECK(has(r.out, "minikube start failed: RSRC_INSUFFICIENT_CORES (Requested cpu count 1 is less than the minimum allowed of 2)"));
  CHECK(has(r.out, "area: resources"));
  CHECK(has(r.out, "next: fix the cause above, then run devk8s start again"));
  // Nothing was started.
  CHECK(s.sim.state()["minikube"]["profile"].is_null());
}

TEST_CASE("start: Ctrl-C while minikube starts stops minikube and devk8s", "[sim][e2e][start]")
{
  StartSim s;
  auto state = s.sim.state();
  state["settings"]["start_delay_seconds"] = 30;
  s.sim.write_state(state);
  devk8s::test::SpawnedDevk8s devk8s(s.args({}), s.env({{"DEVK8S_MIRROR", ""}, {"NO_COLOR", "1"}}),
                                     s.home.path().string() + "/stderr");
  REQUIRE(devk8s.wait_for("Pulling base image"));
  const auto sent = std::chrono::steady_clock::now();
  const int status = devk8s.signal_and_wait(SIGINT);
  // minikube was stopped, not waited for: its start had 30 s to go.
  CHECK(std::chrono::steady_clock::now() - sent < std::chrono::seconds(15));
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  const auto err = devk8s.err();
  CAPTURE(err);
  CHECK(has(err, "interrupted"));
  CHECK_FALSE(has(err, "Done!"));
  // minikube got the signal too: no simulated minikube of this state is left running.
  CHECK_FALSE(minikube_running(s.sim.state_dir()));
}

TEST_CASE("start --yes installs a missing minikube from the mirror's download source, then plans again",
          "[sim][e2e][start]")
{
  const StartSim s;
  const devk8s::test::ReleaseServer releases;
  // The user's download sources (~/.config/devk8s/downloads.yaml) name "cn" at the release server.
  const std::string config = s.home.path().string() + "/config";
  std::filesystem::create_directories(config + "/devk8s");
  std::ofstream(config + "/devk8s/downloads.yaml") << releases.downloads_yaml({{"cn", "ok"}});
  const std::string bin = s.home.path().string() + "/.local/bin";
  const std::string kubectl_dir = std::filesystem::path(devk8s::test::kubectl_120()).parent_path().string();
  // No simulated minikube on PATH: only where devk8s installs it.
  auto env = s.env({{"XDG_CONFIG_HOME", config}});
  env["PATH"] = bin + ":" + devk8s::test::source_path("tests/sim/docker-cli") + ":" + kubectl_dir + ":/usr/bin:/bin";
  auto args = s.args({"--yes", "--dry-run"});
  SECTION("--dry-run installs nothing: the plan says what stops it")
  {
    const auto r = devk8s::test::run_devk8s(args, {}, env);
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 5);
    CHECK(has(r.err, "start stopped before minikube ran: minikube is not installed"));
    CHECK_FALSE(std::filesystem::exists(bin + "/minikube"));
  }
  SECTION("a real run installs it, verified, and goes on with the release it installed")
  {
    args.erase(std::find(args.begin(), args.end(), "--dry-run"));
    // The release server's minikube only prints its version: the mirror is made unreachable so
    // that start stops at the image check of the new plan, before running it.
    *std::find(args.begin(), args.end(), k_aliyun_host + "=" + s.host) = k_aliyun_host + "=127.0.0.1:1";
    const auto r = devk8s::test::run_devk8s(args, {}, env);
    CAPTURE(r.out, r.err);
    CHECK(has(r.err, "devk8s: installed minikube v1.20.0 at " + bin + "/minikube"));
    CHECK(std::filesystem::exists(bin + "/minikube"));
    // The plan was made again with the installed release: its image table is v1.20.0's.
    CHECK(has(r.out, "profile minikube: absent, minikube v1.20.0"));
    CHECK(has(r.out, devk8s::test::k_aliyun + "/k8s-minikube/storage-provisioner:v5"));
    CHECK(r.exit_code == 5);
    CHECK_FALSE(has(r.err, "minikube start, its output streamed"));
  }
}

TEST_CASE("start: storage that never binds fails the verification, and the claim is removed", "[sim][e2e][start]")
{
  const StartSim s("fresh-host-cn");
  auto state = s.sim.state();
  state["settings"]["provisioner_broken"] = true;
  s.sim.write_state(state);
  auto args = s.args({});
  *std::find(args.begin(), args.end(), "40s") = "4s";
  const auto r = devk8s::test::run_devk8s(args, {}, s.env({{"DEVK8S_SIM_MINIKUBE_VERSION", "latest"}}));
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "verification failed: step 3 (wait until the claim is Bound (the provisioner made its volume))"));
  CHECK(has(r.out, "next: devk8s doctor --fix (or fix by hand what it names), then devk8s start again"));
  // The claim the check made is gone again, though it never bound.
  CHECK(s.get({"get", "pvc", "-A", "-o", "jsonpath={.items[*].metadata.name}"}).empty());
}
