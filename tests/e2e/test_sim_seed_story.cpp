// The seed story end to end on the simulation (issue #5): real kubectl (Debian's 1.20.2, the
// seed's Kubernetes version, and the system's newer one) against the simulated API server
// shows what seed-case.md's transcripts show, and the seed's manual repair, replayed through the
// simulated minikube, brings the cluster up step by step.
#include "support/sim_cluster.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

using devk8s::test::SimCluster;

namespace {

std::vector<std::string> fields(const std::string& line)
{
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) {
    out.push_back(w);
  }
  return out;
}

std::vector<std::string> lines(const std::string& text)
{
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) {
    out.push_back(l);
  }
  return out;
}

/// The whitespace-separated fields of the first row whose field `column` is `key`.
std::vector<std::string> row(const std::string& table, size_t column, const std::string& key)
{
  for (const auto& l : lines(table)) {
    auto f = fields(l);
    if (f.size() > column && f[column] == key) {
      return f;
    }
  }
  return {};
}

/// The value of a top-level `kubectl describe` field ("Node:  <none>" gives "<none>").
std::string describe_field(const std::string& text, const std::string& name)
{
  for (const auto& l : lines(text)) {
    if (l.rfind(name + ":", 0) == 0) {
      auto value = l.substr(name.size() + 1);
      value.erase(0, value.find_first_not_of(' '));
      return value;
    }
  }
  return "<missing>";
}

} // namespace

TEST_CASE("Simulated seed cluster as kubectl shows it", "[sim][e2e]")
{
  SimCluster sim("seed-cn-v1.20");
  const auto clients = devk8s::test::kubectl_clients();
  if (clients.size() == 1) {
    WARN("no kubectl on PATH besides 1.20.2: the newer client is not exercised");
  }
  for (const auto& kubectl : clients) {
    CAPTURE(kubectl);
    // seed-case.md "kube-system pods" and "Application pods".
    auto pods = sim.kubectl(kubectl, {"get", "pods", "-A"});
    REQUIRE(pods.exit_code == 0);
    CAPTURE(pods.out, pods.err);
    CHECK(fields(lines(pods.out).at(0)) ==
          std::vector<std::string>{"NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"});
    CHECK(row(pods.out, 1, "storage-provisioner") ==
          std::vector<std::string>{"kube-system", "storage-provisioner", "0/1", "ImagePullBackOff", "0", "20h"});
    for (const auto& name : {"coredns-54d67798b7-n6vw4", "etcd-minikube", "kube-apiserver-minikube",
                             "kube-controller-manager-minikube", "kube-proxy-rtvvj", "kube-scheduler-minikube"}) {
      CAPTURE(name);
      CHECK(row(pods.out, 1, name) == std::vector<std::string>{"kube-system", name, "1/1", "Running", "0", "20h"});
    }
    CHECK(row(pods.out, 1, "redis-master-0").at(3) == "Pending");
    CHECK(row(pods.out, 1, "redis-replicas-0").at(3) == "Pending");

    // seed-case.md "PVCs": two Pending claims of class standard, no volume.
    auto pvc = sim.kubectl(kubectl, {"get", "pvc"});
    REQUIRE(pvc.exit_code == 0);
    CAPTURE(pvc.out);
    CHECK(lines(pvc.out).at(0).substr(0, 95) ==
          "NAME                          STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   AGE");
    CHECK(row(pvc.out, 0, "redis-data-redis-master-0") ==
          std::vector<std::string>{"redis-data-redis-master-0", "Pending", "standard", "35m"});
    CHECK(row(pvc.out, 0, "redis-data-redis-replicas-0") ==
          std::vector<std::string>{"redis-data-redis-replicas-0", "Pending", "standard", "35m"});
    CHECK(lines(pvc.out).size() == 3);
    auto pv = sim.kubectl(kubectl, {"get", "pv"});
    CHECK(pv.err.find("No resources found") != std::string::npos);

    // seed-case.md "kubectl describe pod redis-master-0": the events table.
    auto describe = sim.kubectl(kubectl, {"describe", "pod", "redis-master-0"});
    REQUIRE(describe.exit_code == 0);
    CAPTURE(describe.out);
    CHECK(describe_field(describe.out, "Node") == "<none>");
    CHECK(describe_field(describe.out, "Status") == "Pending");
    CHECK(describe_field(describe.out, "Labels") == "app.kubernetes.io/component=master");
    CHECK(describe_field(describe.out, "QoS Class") == "BestEffort");
    const auto events = describe.out.substr(describe.out.find("Events:"));
    CHECK(fields(lines(events).at(1)) == std::vector<std::string>{"Type", "Reason", "Age", "From", "Message"});
    CHECK(events.find("Warning  FailedScheduling") != std::string::npos);
    CHECK(events.find("(x6 over 5m") != std::string::npos);
    CHECK(events.find("default-scheduler  0/1 nodes are available: 1 pod has unbound immediate "
                      "PersistentVolumeClaims.") != std::string::npos);

    // seed-case.md "kubectl describe pvc": the provisioner annotation and ExternalProvisioning.
    auto describe_pvc = sim.kubectl(kubectl, {"describe", "pvc", "redis-data-redis-master-0"});
    CAPTURE(describe_pvc.out);
    CHECK(describe_field(describe_pvc.out, "Annotations") ==
          "volume.beta.kubernetes.io/storage-provisioner: k8s.io/minikube-hostpath");
    CHECK(describe_field(describe_pvc.out, "StorageClass") == "standard");
    CHECK(describe_field(describe_pvc.out, "Status") == "Pending");
    CHECK(describe_pvc.out.find("Normal  ExternalProvisioning") != std::string::npos);
    CHECK(describe_pvc.out.find("persistentvolume-controller  waiting for a volume to be created, either by external "
                                "provisioner \"k8s.io/minikube-hostpath\"") != std::string::npos);
  }
}

TEST_CASE("Seed repair replayed through the simulated minikube", "[sim][e2e]")
{
  SimCluster sim("seed-cn-v1.20");
  const auto kubectl = devk8s::test::kubectl_120();
  const auto wrong = sim.mirror() + "/k8s-minikube/storage-provisioner:v5";
  const auto right = sim.mirror() + "/storage-provisioner:v5";

  // The pod's image is the naively prefixed one (seed-case.md "The provisioner pod spec").
  auto spec = sim.kubectl(kubectl, {"get", "pod", "storage-provisioner", "-n", "kube-system", "-o",
                                    "jsonpath={.spec.containers[0].image} {.spec.containers[0].imagePullPolicy}"});
  CHECK(spec.out == wrong + " IfNotPresent");

  // 1. Pulling the image minikube chose fails as on the mirror.
  auto pull_wrong = sim.minikube({"ssh", "--", "docker", "pull", wrong});
  CHECK(pull_wrong.exit_code == 1);
  CHECK(pull_wrong.out == "Error response from daemon: pull access denied for " + sim.mirror() +
                              "/k8s-minikube/storage-provisioner, repository does not exist or may require 'docker "
                              "login': denied: requested access to the resource is denied\r\n");

  // 2. The right image is pulled for real from the registry.
  auto pull_right = sim.minikube({"ssh", "--", "docker", "pull", right});
  CAPTURE(pull_right.out, pull_right.err);
  CHECK(pull_right.exit_code == 0);
  CHECK(pull_right.out.find("v5: Pulling from google_containers/storage-provisioner\r\n") == 0);
  const auto digest = devk8s::test::shared_registry(devk8s::test::Flavour::plain).digest("storage-provisioner");
  CHECK(pull_right.out.find("Digest: " + digest + "\r\n") != std::string::npos);
  CHECK(pull_right.out.find("Status: Downloaded newer image for " + right) != std::string::npos);
  auto pods = sim.kubectl(kubectl, {"get", "pods", "-n", "kube-system", "storage-provisioner"});
  CHECK(row(pods.out, 0, "storage-provisioner").at(2) == "ImagePullBackOff");

  // 3. Tagging gives the broken name to the same image ID, with no repo digest of its own.
  auto tag = sim.minikube({"ssh", "--", "docker tag " + right + " " + wrong});
  CHECK(tag.exit_code == 0);
  CHECK(tag.out.empty());
  auto inspect = sim.minikube({"ssh", "--", "docker", "inspect", "--format", "'{{json .RepoDigests}}'", wrong});
  CHECK(inspect.out == "[\"" + sim.mirror() + "/storage-provisioner@" + digest + "\"]\r\n");
  // kubelet is still backing off: the pod waits for its next retry (or a re-created pod).
  pods = sim.kubectl(kubectl, {"get", "pods", "-n", "kube-system", "storage-provisioner"});
  CHECK(row(pods.out, 0, "storage-provisioner").at(2) == "ImagePullBackOff");

  // 4. Re-enabling the addon re-creates its pod, which finds the image on the node.
  auto enable = sim.minikube({"addons", "enable", "storage-provisioner"});
  CHECK(enable.exit_code == 0);
  CHECK(enable.out == "  - Using image " + wrong + " (global image repository)\n"
                                                   "* The 'storage-provisioner' addon is enabled\n");
  pods = sim.kubectl(kubectl, {"get", "pods", "-A"});
  CAPTURE(pods.out);
  auto provisioner = row(pods.out, 1, "storage-provisioner");
  REQUIRE(provisioner.size() == 6);
  CHECK(provisioner[2] == "1/1");
  CHECK(provisioner[3] == "Running");
  CHECK(provisioner[5] != "20h");
  CHECK(row(pods.out, 1, "redis-master-0").at(3) == "Running");
  CHECK(row(pods.out, 1, "redis-replicas-0").at(3) == "Running");

  auto pvc = sim.kubectl(kubectl, {"get", "pvc"});
  CAPTURE(pvc.out);
  for (const auto& name : {"redis-data-redis-master-0", "redis-data-redis-replicas-0"}) {
    auto r = row(pvc.out, 0, name);
    REQUIRE(r.size() == 7);
    CHECK(r[1] == "Bound");
    CHECK(r[2].rfind("pvc-", 0) == 0);
    CHECK(r[3] == "8Gi");
    CHECK(r[4] == "RWO");
    CHECK(r[5] == "standard");
  }
  auto pv = sim.kubectl(kubectl, {"get", "pv", "-o", "jsonpath={range .items[*]}{.spec.claimRef.name} "
                                                      "{.metadata.annotations.pv\\.kubernetes\\.io/provisioned-by}\n{end}"});
  auto provisioned = lines(pv.out);
  std::sort(provisioned.begin(), provisioned.end());
  CHECK(provisioned == std::vector<std::string>{"redis-data-redis-master-0 k8s.io/minikube-hostpath",
                                                "redis-data-redis-replicas-0 k8s.io/minikube-hostpath"});
}

TEST_CASE("Simulated minikube start on the seed host builds the cluster its version decides", "[sim][e2e]")
{
  SimCluster sim("fresh-host");
  const auto kubectl = devk8s::test::kubectl_120();
  const std::vector<std::string> seed_start = {"start", "--extra-config=kubeadm.ignore-preflight-errors=NumCPU",
                                               "--force", "--cpus", "1", "--memory=1024mb", "--image-mirror-country=cn"};

  // v1.20.0 (the seed): the naive k8s-minikube/ path, which the mirror lacks.
  REQUIRE(sim.minikube(seed_start).exit_code == 0);
  auto pods = sim.kubectl(kubectl, {"get", "pods", "-A"});
  CAPTURE(pods.out, pods.err);
  for (const auto& name : {"etcd-minikube", "kube-apiserver-minikube", "kube-controller-manager-minikube",
                           "kube-scheduler-minikube"}) {
    CHECK(row(pods.out, 1, name).at(3) == "Running");
  }
  // ErrImagePull in the second of the failed pull, ImagePullBackOff after it.
  const auto provisioner = row(pods.out, 1, "storage-provisioner").at(3);
  CHECK((provisioner == "ErrImagePull" || provisioner == "ImagePullBackOff"));
  auto sc = sim.kubectl(kubectl, {"get", "sc"});
  auto standard = row(sc.out, 0, "standard");
  standard.resize(6);
  CHECK(standard == std::vector<std::string>{"standard", "(default)", "k8s.io/minikube-hostpath", "Delete", "Immediate",
                                             "false"});
  // The apiserver's own Service and kubeadm's CoreDNS Service.
  CHECK(sim.kubectl(kubectl, {"get", "svc", "-A", "-o", "jsonpath={range .items[*]}{.metadata.name} "
                                                       "{.spec.clusterIP}{\"\\n\"}{end}"})
            .out == "kubernetes 10.96.0.1\nkube-dns 10.96.0.10\n");

  // v1.26.0: the Aliyun-only fix gives the flat path, which kubelet pulls from the registry.
  REQUIRE(sim.minikube({"delete"}).exit_code == 0);
  REQUIRE(sim.minikube(seed_start, {{"DEVK8S_SIM_MINIKUBE_VERSION", "v1.26.0"}}).exit_code == 0);
  pods = sim.kubectl(kubectl, {"get", "pods", "-A"});
  CHECK(row(pods.out, 1, "storage-provisioner").at(3) == "Running");
  auto image = sim.kubectl(kubectl, {"get", "pod", "-n", "kube-system", "storage-provisioner", "-o",
                                     "jsonpath={.status.containerStatuses[0].imageID}"});
  CHECK(image.out == "docker-pullable://" + sim.mirror() + "/storage-provisioner@" +
                         devk8s::test::shared_registry(devk8s::test::Flavour::plain).digest("storage-provisioner"));
}

TEST_CASE("Simulated seed cluster golden kubectl tables with a fixed clock", "[sim][e2e]")
{
  // Table cells (ages included) come from the server, so a fixed clock makes them stable; the
  // columns and values are seed-case.md's "kube-system pods", "Application pods" and "PVCs".
  SimCluster sim("seed-cn-v1.20", true, "2021-05-20T10:00:00Z");
  for (const auto& [args, golden] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"get", "pods", "-A"}, "tests/golden/sim/seed_get_pods_all.txt"},
           {{"get", "pvc"}, "tests/golden/sim/seed_get_pvc.txt"}}) {
    CAPTURE(golden);
    auto r = sim.kubectl(devk8s::test::kubectl_120(), args);
    REQUIRE(r.exit_code == 0);
    const auto path = devk8s::test::source_path(golden);
    if (std::getenv("DEVK8S_UPDATE_GOLDEN") != nullptr) {
      std::ofstream(path) << r.out;
    }
    std::ifstream in(path);
    const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(r.out == expected);
  }
}
