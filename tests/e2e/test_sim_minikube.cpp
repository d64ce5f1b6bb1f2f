// The simulated minikube's command line against real minikube's behaviour per version
// (../shared/reference/minikube.md §1–5, seed-case.md): start's validations and exit codes,
// status bits, profile/addons JSON, the node shell, and `image` per version.
#include "support/sim_cluster.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using devk8s::test::SimCluster;
using nlohmann::json;

namespace {

using devk8s::test::has;

using devk8s::test::k_seed_start;

void set_host(const SimCluster& sim, int cpus, int memory_mb)
{
  auto doc = sim.state();
  doc["minikube"]["host"]["cpus"] = cpus;
  doc["minikube"]["host"]["memory_mb"] = memory_mb;
  doc["minikube"]["host"]["root"] = false;
  sim.write_state(doc);
}

} // namespace

TEST_CASE("Simulated minikube start validates like v1.20.0", "[sim][minikube]")
{
  SimCluster sim("fresh-host", false);

  SECTION("one CPU without --force exits with RSRC_INSUFFICIENT_CORES")
  {
    auto r = sim.minikube({"start", "--cpus", "1", "--image-mirror-country=cn"});
    CHECK(r.exit_code == 29);
    CHECK(has(r.err, "X Exiting due to RSRC_INSUFFICIENT_CORES: Requested cpu count 1 is less than the minimum "
                     "allowed of 2"));
    CHECK(sim.state()["minikube"]["profile"].is_null());
  }
  SECTION("memory below 1800 MB without --force exits with RSRC_INSUFFICIENT_REQ_MEMORY")
  {
    set_host(sim, 4, 8000);
    auto r = sim.minikube({"start", "--memory=1024mb"});
    CHECK(r.exit_code == 23);
    CHECK(has(r.err, "X Exiting due to RSRC_INSUFFICIENT_REQ_MEMORY: Requested memory allocation 1024MiB is less "
                     "than the usable minimum of 1800MB"));
  }
  SECTION("--force with one CPU but without NumCPU ignored fails in kubeadm's preflight")
  {
    auto r = sim.minikube({"start", "--force", "--cpus", "1", "--memory=1024mb", "--image-mirror-country=cn"});
    CHECK(r.exit_code == 29);
    CHECK(has(r.err, "[ERROR NumCPU]: the number of available CPUs 1 is less than the required 2"));
  }
  SECTION("the seed's flags start with the seed's warnings and the naive addon image")
  {
    auto r = sim.minikube(k_seed_start);
    CAPTURE(r.out, r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind("* minikube v1.20.0 on Ubuntu 18.04 (amd64)\n", 0) == 0);
    CHECK(has(r.out, "* Using image repository " + sim.mirror() + "\n"));
    CHECK(has(r.out, "  - kubeadm.ignore-preflight-errors=NumCPU\n"));
    CHECK(has(r.out, "  - Using image " + sim.mirror() + "/k8s-minikube/storage-provisioner:v5 (global image repository)\n"));
    CHECK(has(r.out, "* Enabled addons: default-storageclass, storage-provisioner\n"));
    for (const auto& warning : {"! minikube skips various validations when --force is supplied",
                                "! Requested cpu count 1 is less than the minimum allowed of 2",
                                "!  has less than 2 CPUs available, but Kubernetes requires at least 2 to be available",
                                "! Your cgroup does not allow setting memory.",
                                "! Requested memory allocation 1024MiB is less than the usable minimum of 1800MB",
                                "! Requested memory allocation (1024MB) is less than the recommended minimum 1900MB.",
                                "total system memory: 1833MiB",
                                "! The \"docker\" driver should not be used with root privileges."}) {
      CHECK(has(r.err, warning));
    }
    auto status = sim.minikube({"status", "-o", "json"});
    CHECK(status.exit_code == 0);
    CHECK(json::parse(status.out) == json{{"Name", "minikube"}, {"Host", "Running"}, {"Kubelet", "Running"},
                                          {"APIServer", "Running"}, {"Kubeconfig", "Configured"}, {"Worker", false}});
    auto profiles = json::parse(sim.minikube({"profile", "list", "-o", "json"}).out);
    CHECK(profiles["invalid"] == json::array());
    CHECK(profiles["valid"][0]["Status"] == "Running");
    CHECK(profiles["valid"][0]["Config"]["KubernetesConfig"]["ImageRepository"] == sim.mirror());
    CHECK(profiles["valid"][0]["Config"]["CPUs"] == 1);
    CHECK(profiles["valid"][0]["Config"]["Memory"] == 1024);
    auto addons = json::parse(sim.minikube({"addons", "list", "-o", "json"}).out);
    CHECK(addons["storage-provisioner"] == json{{"Profile", "minikube"}, {"Status", "enabled"}});
    CHECK(addons["dashboard"] == json{{"Profile", "minikube"}, {"Status", "disabled"}});
  }
}

TEST_CASE("Simulated minikube versions differ as the real ones do", "[sim][minikube]")
{
  SimCluster sim("fresh-host", false);
  const std::string right = sim.mirror() + "/storage-provisioner:v5";

  SECTION("v1.20.0 has no image pull")
  {
    REQUIRE(sim.minikube(k_seed_start).exit_code == 0);
    auto r = sim.minikube({"image", "pull", right});
    CHECK(r.exit_code == 14);
    CHECK(r.err == "Error: unknown command \"pull\" for \"minikube image\"\nRun 'minikube image --help' for usage.\n");
  }
  SECTION("v1.23.2 gives the Aliyun mirror the flat addon image and has image pull and tag")
  {
    const std::map<std::string, std::string> env = {{"DEVK8S_SIM_MINIKUBE_VERSION", "v1.23.2"}};
    auto start = sim.minikube(k_seed_start, env);
    REQUIRE(start.exit_code == 0);
    CHECK(has(start.out, "  - Using image " + right + " (global image repository)\n"));
    CHECK(sim.minikube({"version", "-o", "json"}, env).out ==
          "{\"commit\":\"0a0ad764652082477c00d51d2475284b5d39ceed\",\"minikubeVersion\":\"v1.23.2\"}\n");
    CHECK(sim.minikube({"image", "pull", right}, env).exit_code == 0);
    auto missing = sim.minikube({"image", "pull", sim.mirror() + "/k8s-minikube/storage-provisioner:v5"}, env);
    CHECK(missing.exit_code == 80);
    CHECK(has(missing.err, "pull access denied for " + sim.mirror() + "/k8s-minikube/storage-provisioner"));
    CHECK(sim.minikube({"image", "tag", right, "127.0.0.1:1/other:v1"}, env).exit_code == 0);
    CHECK(has(sim.minikube({"image", "ls"}, env).out, "127.0.0.1:1/other:v1\n"));
    // `image ls --format json` came in v1.25.0: v1.23.2 still lists names.
    auto no_format = sim.minikube({"image", "ls", "--format", "json"}, env);
    CHECK(no_format.exit_code == 14);
    CHECK(no_format.err.rfind("Error: unknown flag: --format\n", 0) == 0);
    auto listed = json::parse(sim.minikube({"image", "ls", "--format", "json"}, {{"DEVK8S_SIM_MINIKUBE_VERSION", "v1.26.0"}}).out);
    const auto pulled = std::find_if(listed.begin(), listed.end(), [&](const json& i) {
      return i["repoTags"].size() == 2 && i["repoTags"][0] == right;
    });
    REQUIRE(pulled != listed.end());
    CHECK((*pulled)["repoTags"][1] == "127.0.0.1:1/other:v1");
    CHECK((*pulled)["repoDigests"] ==
          json::array({sim.mirror() + "/storage-provisioner@" +
                       devk8s::test::shared_registry(devk8s::test::Flavour::plain).digest("storage-provisioner")}));
  }
  SECTION("addons images names the keys --images and --registries take")
  {
    auto r = sim.minikube({"addons", "images", "storage-provisioner"});
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, "| StorageProvisioner | k8s-minikube/storage-provisioner:v5 | gcr.io           |"));
  }
  SECTION("custom addon images last until the next start in v1.20.0 but are saved from v1.21")
  {
    for (const std::string version : {"v1.20.0", "v1.26.0"}) {
      CAPTURE(version);
      const std::map<std::string, std::string> env = {{"DEVK8S_SIM_MINIKUBE_VERSION", version}};
      REQUIRE(sim.minikube(k_seed_start, env).exit_code == 0);
      auto enable = sim.minikube({"addons", "enable", "storage-provisioner",
                                  "--registries=StorageProvisioner=127.0.0.1:1/custom",
                                  "--images=StorageProvisioner=storage-provisioner:v5"},
                                 env);
      CHECK(enable.out == "  - Using image 127.0.0.1:1/custom/storage-provisioner:v5\n"
                          "* The 'storage-provisioner' addon is enabled\n");
      auto restart = sim.minikube(k_seed_start, env);
      CHECK(has(restart.out, version == "v1.20.0" ? "  - Using image " + sim.mirror() + "/k8s-minikube/storage-provisioner:v5"
                                                   : "  - Using image 127.0.0.1:1/custom/storage-provisioner:v5"));
      REQUIRE(sim.minikube({"delete"}, env).exit_code == 0);
    }
  }
}

TEST_CASE("Simulated minikube status exit bits and a missing profile", "[sim][minikube]")
{
  SimCluster sim("fresh-host", false);
  auto none = sim.minikube({"status"});
  CHECK(none.exit_code == 85);
  CHECK(none.out == "* Profile \"minikube\" not found. Run \"minikube profile list\" to view all profiles.\n"
                    "* To start a cluster, run: \"minikube start\"\n");
  REQUIRE(sim.minikube(k_seed_start).exit_code == 0);
  CHECK(sim.minikube({"status"}).out ==
        "minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n");
  auto doc = sim.state();
  doc["minikube"]["profile"]["kubelet"] = "Stopped";
  sim.write_state(doc);
  CHECK(sim.minikube({"status"}).exit_code == 2);
  doc["minikube"]["profile"]["host"] = "Stopped";
  doc["minikube"]["profile"]["apiserver"] = "Stopped";
  doc["minikube"]["profile"]["kubeconfig"] = "Stopped";
  sim.write_state(doc);
  CHECK(sim.minikube({"status"}).exit_code == 7);
  CHECK(sim.minikube({"status", "-o", "json", "--format", "{{.Host}}"}).exit_code == 14);
}

TEST_CASE("Simulated node shell through minikube ssh", "[sim][minikube]")
{
  SimCluster sim("fresh-host", false);
  REQUIRE(sim.minikube(k_seed_start).exit_code == 0);
  const std::string right = sim.mirror() + "/storage-provisioner:v5";

  SECTION("one quoted string is split by the node's bash")
  {
    REQUIRE(sim.minikube({"ssh", "docker pull " + right}).exit_code == 0);
    auto r = sim.minikube({"ssh", "--", "docker images --format '{{.Repository}}:{{.Tag}}'"});
    CHECK(r.exit_code == 0);
    CHECK(has(r.out, right + "\r\n"));
    CHECK(has(r.out, sim.mirror() + "/pause:3.2\r\n"));
    auto table = sim.minikube({"ssh", "--", "docker", "images"});
    // tabwriter columns: the widest repository plus 3 blanks, then at least 20 for the others.
    const auto widest = (sim.mirror() + "/kube-controller-manager").size();
    CHECK(table.out.rfind("REPOSITORY" + std::string(widest + 3 - 10, ' ') + "TAG                 IMAGE ID            "
                          "CREATED             SIZE\r\n",
                          0) == 0);
    CHECK(has(table.out, "\r\n" + sim.mirror() + "/storage-provisioner"));
  }
  SECTION("a second pull is up to date")
  {
    REQUIRE(sim.minikube({"ssh", "--", "docker", "pull", right}).exit_code == 0);
    CHECK(has(sim.minikube({"ssh", "--", "docker", "pull", right}).out, "Status: Image is up to date for " + right));
  }
  SECTION("crictl pull reports the runtime's error")
  {
    auto r = sim.minikube({"ssh", "--", "sudo", "crictl", "pull", sim.mirror() + "/missing:v1"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.rfind("FATA[0000] pulling image: rpc error: code = Unknown desc = Error response from daemon: pull "
                      "access denied for " + sim.mirror() + "/missing",
                      0) == 0);
  }
  SECTION("tagging a missing image fails")
  {
    auto r = sim.minikube({"ssh", "--", "docker", "tag", sim.mirror() + "/missing:v1", "x:v1"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "Error response from daemon: No such image: " + sim.mirror() + "/missing:v1\r\n");
  }
  SECTION("ctr sees no images of the docker runtime")
  {
    auto r = sim.minikube({"ssh", "--", "sudo ctr -n=k8s.io images tag " + right + " x:v1"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "ctr: image \"" + right + "\": not found\r\n");
  }
  SECTION("other commands are not found")
  {
    auto r = sim.minikube({"ssh", "--", "systemctl", "restart", "docker"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "bash: systemctl: command not found\r\n");
  }
  SECTION("an unknown node")
  {
    CHECK(sim.minikube({"ssh", "-n", "minikube-m02", "--", "docker", "images"}).exit_code == 85);
  }
}

TEST_CASE("Simulated node tags with the tool of each runtime", "[sim][minikube]")
{
  // minikube.md §5: docker `docker tag`, containerd `sudo ctr -n=k8s.io images tag`, cri-o `sudo podman tag`.
  SimCluster sim("fresh-host", false);
  const std::string right = sim.mirror() + "/storage-provisioner:v5";
  const std::string wrong = sim.mirror() + "/k8s-minikube/storage-provisioner:v5";
  auto start = k_seed_start;

  SECTION("containerd")
  {
    start.push_back("--container-runtime=containerd");
    REQUIRE(sim.minikube(start).exit_code == 0);
    REQUIRE(sim.minikube({"ssh", "--", "sudo", "crictl", "pull", right}).exit_code == 0);
    auto tag = sim.minikube({"ssh", "--", "sudo", "ctr", "-n=k8s.io", "images", "tag", right, wrong});
    CHECK(tag.exit_code == 0);
    CHECK(tag.out == wrong + "\r\n");
    CHECK(has(sim.minikube({"ssh", "--", "sudo ctr -n=k8s.io images ls"}).out, wrong + " "));
    CHECK(sim.minikube({"ssh", "--", "sudo", "podman", "tag", right, wrong}).exit_code == 1);
  }
  SECTION("cri-o")
  {
    start.push_back("--container-runtime=crio");
    REQUIRE(sim.minikube(start).exit_code == 0);
    REQUIRE(sim.minikube({"ssh", "--", "sudo", "crictl", "pull", right}).exit_code == 0);
    CHECK(sim.minikube({"ssh", "--", "sudo", "podman", "tag", right, wrong}).exit_code == 0);
    CHECK(has(sim.minikube({"ssh", "--", "sudo", "crictl", "images"}).out, sim.mirror() + "/k8s-minikube/storage-provisioner "));
  }
}
