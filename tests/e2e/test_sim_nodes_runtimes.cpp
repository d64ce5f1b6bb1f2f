// The simulation's multi-node profiles, container runtimes and `minikube image load` (issue #11's
// "Simulation" section): per-node image stores reached with `minikube ssh -n`, `node list`,
// `profile list -o json` and `status -o json` as minikube v1.20.0 prints them for two nodes, the
// scheduler placing pods on either node, and each runtime's pull errors (tests/sim/minikube/
// pull_errors.hpp cites the sources) in the kubelet's events and the node's tools.
#include "support/sim_cluster.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using devk8s::test::SimCluster;
using nlohmann::json;

namespace {

using devk8s::test::has;

using devk8s::test::k_seed_start;

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more)
{
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

/// The pod as the API serves it (the server runs its controllers first).
json pod(const SimCluster& sim, const std::string& ns, const std::string& name)
{
  auto r = sim.kubectl(devk8s::test::kubectl_120(), {"get", "pod", "-n", ns, name, "-o", "json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::string events_of(const SimCluster& sim, const std::string& ns, const std::string& name)
{
  return sim.kubectl(devk8s::test::kubectl_120(),
                     {"get", "events", "-n", ns, "--field-selector", "involvedObject.name=" + name, "-o",
                      "jsonpath={range .items[*]}{.message}{\"\\n\"}{end}"})
      .out;
}

/// A docker-archive as `skopeo copy ... docker-archive:FILE:NAME` writes it: manifest.json with
/// the config's digest as its file name and the name in RepoTags.
std::string docker_archive(const std::string& dir, const std::string& name, const std::string& config_hex)
{
  std::filesystem::create_directories(dir + "/content");
  std::ofstream(dir + "/content/manifest.json")
      << json::array({{{"Config", config_hex}, {"RepoTags", {name}}, {"Layers", json::array()}}}).dump();
  std::ofstream(dir + "/content/" + config_hex) << R"({"architecture":"amd64","os":"linux"})";
  const auto archive = dir + "/image.tar";
  REQUIRE(SimCluster::run({"/usr/bin/tar", "-cf", archive, "-C", dir + "/content", "manifest.json", config_hex}, {})
              .exit_code == 0);
  return archive;
}

const std::string k_config_hex = std::string(64, 'a');

} // namespace

TEST_CASE("Simulated minikube start --nodes 2 makes two machines", "[sim][minikube][nodes]")
{
  SimCluster sim("fresh-host", false);
  auto doc = sim.state();
  doc["minikube"]["host"] = {{"cpus", 4}, {"memory_mb", 16000}, {"os", "Debian 12"}, {"root", false}};
  sim.write_state(doc);
  auto start = sim.minikube({"start", "--nodes", "2", "--image-mirror-country=cn"});
  REQUIRE(start.exit_code == 0);
  // multi_node.md at v1.20.0: the worker joins after the addons; memory is split between nodes.
  CHECK(has(start.out, "* Configuring CNI (Container Networking Interface) ...\n"));
  CHECK(has(start.out, "* Enabled addons: default-storageclass, storage-provisioner\n\n"
                       "* Starting node minikube-m02 in cluster minikube\n"));
  CHECK(has(start.out, "* Creating docker container (CPUs=2, Memory=2000MB) ...\n* Found network options:\n"
                       "  - NO_PROXY=192.168.49.2\n"));

  SECTION("node list prints machine name and IP, tab-separated")
  {
    auto r = sim.minikube({"node", "list"});
    CHECK(r.exit_code == 0);
    CHECK(r.out == "minikube\t192.168.49.2\nminikube-m02\t192.168.49.3\n");
    CHECK(sim.minikube({"node", "list", "-p", "minikube"}).out == r.out);
  }
  SECTION("profile list -o json lists both nodes as the ClusterConfig holds them")
  {
    auto profile = json::parse(sim.minikube({"profile", "list", "-o", "json"}).out)["valid"][0]["Config"];
    CHECK(profile["MultiNodeRequested"] == true);
    REQUIRE(profile["Nodes"].size() == 2);
    CHECK(profile["Nodes"][0] == json{{"Name", ""}, {"IP", "192.168.49.2"}, {"Port", 8443},
                                      {"KubernetesVersion", "v1.20.2"}, {"ControlPlane", true}, {"Worker", true}});
    CHECK(profile["Nodes"][1] == json{{"Name", "m02"}, {"IP", "192.168.49.3"}, {"Port", 0},
                                      {"KubernetesVersion", "v1.20.2"}, {"ControlPlane", false}, {"Worker", true}});
    CHECK(has(sim.minikube({"profile", "list"}).out, "| Running |     2 |"));
  }
  SECTION("status -o json is an array with the worker's API server irrelevant")
  {
    auto status = json::parse(sim.minikube({"status", "-o", "json"}).out);
    REQUIRE(status.is_array());
    CHECK(status[1] == json{{"Name", "minikube-m02"}, {"Host", "Running"}, {"Kubelet", "Running"},
                            {"APIServer", "Irrelevant"}, {"Kubeconfig", "Irrelevant"}, {"Worker", true}});
    CHECK(has(sim.minikube({"status"}).out, "\n\nminikube-m02\ntype: Worker\nhost: Running\nkubelet: Running\n"));
  }
  SECTION("ssh -n reaches one node's image store, by config name or machine name")
  {
    const auto right = sim.mirror() + "/storage-provisioner:v5";
    REQUIRE(sim.minikube({"ssh", "-n", "m02", "--", "docker", "pull", right}).exit_code == 0);
    CHECK(has(sim.minikube({"ssh", "-n", "minikube-m02", "--", "docker", "images"}).out, sim.mirror() + "/storage-provisioner "));
    CHECK_FALSE(has(sim.minikube({"ssh", "--", "docker", "images"}).out, sim.mirror() + "/storage-provisioner "));
    CHECK(has(sim.minikube({"ssh", "-n", "minikube", "--", "docker", "images"}).out, sim.mirror() + "/etcd "));
    // The worker pulled only what joining needs.
    CHECK_FALSE(has(sim.minikube({"ssh", "-n", "m02", "--", "docker", "images"}).out, sim.mirror() + "/etcd "));
  }
  SECTION("a node that does not exist, and m01 (the control plane's config name is empty with the docker driver)")
  {
    for (const std::string name : {"m03", "m01"}) {
      auto r = sim.minikube({"ssh", "-n", name, "--", "docker", "images"});
      CHECK(r.exit_code == 85);
      CHECK(r.err == "\nX Exiting due to GUEST_NODE_RETRIEVE: Node " + name + " does not exist.\n\n");
    }
  }
  SECTION("image load puts an archive's image on every node")
  {
    const auto name = sim.mirror() + "/loaded:v1";
    auto r = sim.minikube({"image", "load", docker_archive(sim.state_dir() + "/archive", name, k_config_hex)});
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
    for (const std::string node : {"minikube", "m02"}) {
      CHECK(has(sim.minikube({"ssh", "-n", node, "--", "docker inspect --format '{{.Id}}' " + name}).out,
                "sha256:" + k_config_hex));
    }
  }
}

TEST_CASE("Simulated minikube image load succeeds silently even when nothing loads", "[sim][minikube][nodes]")
{
  // DoLoadImages only logs a node that failed: exit 0, no output (cache_images.go, all versions).
  SimCluster sim("fresh-host", false);
  REQUIRE(sim.minikube(k_seed_start).exit_code == 0);
  const auto before = sim.state()["nodes"][0]["images"].size();
  auto missing = sim.minikube({"image", "load", sim.state_dir() + "/no-such.tar"});
  CHECK(missing.exit_code == 0);
  CHECK(missing.out.empty());
  CHECK(missing.err.empty());
  CHECK(sim.state()["nodes"][0]["images"].size() == before);

  SECTION("Docker 20.10 cannot load an OCI archive; containerd can")
  {
    const auto dir = sim.state_dir() + "/oci";
    std::filesystem::create_directories(dir + "/content/blobs/sha256");
    const std::string manifest_hex(64, 'b');
    std::ofstream(dir + "/content/oci-layout") << R"({"imageLayoutVersion":"1.0.0"})";
    std::ofstream(dir + "/content/blobs/sha256/" + manifest_hex)
        << json{{"schemaVersion", 2}, {"config", {{"digest", "sha256:" + std::string(64, 'c')}}}}.dump();
    std::ofstream(dir + "/content/index.json")
        << json{{"schemaVersion", 2},
                {"manifests", {{{"digest", "sha256:" + manifest_hex},
                                {"annotations", {{"org.opencontainers.image.ref.name", "example.com/oci:v1"}}}}}}}
               .dump();
    REQUIRE(SimCluster::run({"/usr/bin/tar", "-cf", dir + "/oci.tar", "-C", dir + "/content", "."}, {}).exit_code == 0);
    CHECK(sim.minikube({"image", "load", dir + "/oci.tar"}).exit_code == 0);
    CHECK(sim.minikube({"ssh", "--", "docker", "inspect", "example.com/oci:v1"}).exit_code == 1);

    REQUIRE(sim.minikube({"delete"}).exit_code == 0);
    REQUIRE(sim.minikube(with(k_seed_start, {"--container-runtime=containerd"})).exit_code == 0);
    CHECK(sim.minikube({"image", "load", dir + "/oci.tar"}).exit_code == 0);
    CHECK(has(sim.minikube({"ssh", "--", "sudo", "crictl", "images", "--output", "json"}).out,
              "\"id\": \"sha256:" + std::string(64, 'c') + "\""));
  }
}

TEST_CASE("Simulated node tools per container runtime", "[sim][minikube][runtimes]")
{
  SimCluster sim("fresh-host", false);
  const auto missing = sim.mirror() + "/k8s-minikube/storage-provisioner:v5";
  const auto right = sim.mirror() + "/storage-provisioner:v5";

  SECTION("containerd: crictl's error is the CRI plugin's, docker has no daemon")
  {
    REQUIRE(sim.minikube(with(k_seed_start, {"--container-runtime=containerd"})).exit_code == 0);
    auto pull = sim.minikube({"ssh", "--", "sudo", "crictl", "pull", missing});
    CHECK(pull.exit_code == 1);
    CHECK(pull.out == "FATA[0000] pulling image: rpc error: code = Unknown desc = failed to pull and unpack image \"" +
                          missing + "\": failed to resolve reference \"" + missing +
                          "\": pull access denied, repository does not exist or may require authorization: server "
                          "message: insufficient_scope: authorization failed\r\n");
    auto docker = sim.minikube({"ssh", "--", "docker", "images"});
    CHECK(docker.exit_code == 1);
    CHECK(docker.out == "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon "
                        "running?\r\n");
    auto ok = sim.minikube({"ssh", "--", "sudo", "crictl", "pull", right});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.rfind("Image is up to date for sha256:", 0) == 0);
  }
  SECTION("containerd: a tag the registry lacks is NotFound")
  {
    auto doc = sim.state();
    doc["settings"].erase("missing_repository");
    sim.write_state(doc);
    REQUIRE(sim.minikube(with(k_seed_start, {"--container-runtime=containerd"})).exit_code == 0);
    const auto tag = sim.mirror() + "/storage-provisioner:v0";
    CHECK(sim.minikube({"ssh", "--", "sudo", "crictl", "pull", tag}).out ==
          "FATA[0000] pulling image: rpc error: code = NotFound desc = failed to pull and unpack image \"" + tag +
              "\": failed to resolve reference \"" + tag + "\": " + tag + ": not found\r\n");
  }
  SECTION("cri-o: crictl and podman word containers/image's errors; podman pulls into the kubelet's store")
  {
    REQUIRE(sim.minikube(with(k_seed_start, {"--container-runtime=cri-o"})).exit_code == 0);
    CHECK(json::parse(sim.minikube({"profile", "list", "-o", "json"}).out)["valid"][0]["Config"]["KubernetesConfig"]
                     ["ContainerRuntime"] == "crio");
    const auto repository = missing.substr(0, missing.rfind(':'));
    CHECK(sim.minikube({"ssh", "--", "sudo", "crictl", "pull", missing}).out ==
          "FATA[0000] pulling image: rpc error: code = Unknown desc = Error reading manifest v5 in " + repository +
              ": denied: requested access to the resource is denied\r\n");
    auto podman = sim.minikube({"ssh", "--", "sudo", "podman", "pull", missing});
    CHECK(podman.exit_code == 1);
    CHECK(podman.out == "Trying to pull " + missing + "...\r\n  denied: requested access to the resource is denied\r\n"
                        "Error: 1 error occurred:\r\n\t* Error initializing source docker://" + missing +
                        ": Error reading manifest v5 in " + repository +
                        ": denied: requested access to the resource is denied\r\n");
    auto pulled = sim.minikube({"ssh", "--", "sudo", "podman", "pull", right});
    CHECK(pulled.exit_code == 0);
    CHECK(has(pulled.out, "Writing manifest to image destination\r\nStoring signatures\r\n"));
    auto images = json::parse(sim.minikube({"ssh", "--", "sudo", "crictl", "images", "-o", "json"}).out);
    bool found = false;
    for (const auto& image : images["images"]) {
      found = found || image["repoTags"] == json::array({right});
      CHECK(image["size"].is_string());
      CHECK(image["uid"].is_null());
    }
    CHECK(found);
  }
  SECTION("an unknown runtime is refused as v1.20.0 refuses it")
  {
    auto r = sim.minikube(with(k_seed_start, {"--container-runtime=rkt"}));
    CHECK(r.exit_code == 14);
    CHECK(has(r.err, "X Exiting due to MK_USAGE: Invalid Container Runtime: \"rkt\". Valid runtimes are: docker, "
                     "cri-o, containerd\n"));
  }
  SECTION("docker: images --no-trunc --format '{{json .}}' as minikube's ListImages reads it")
  {
    REQUIRE(sim.minikube(k_seed_start).exit_code == 0);
    auto r = sim.minikube({"ssh", "--", "docker images --no-trunc --format '{{json .}}'"});
    CHECK(r.exit_code == 0);
    const auto first = json::parse(r.out.substr(0, r.out.find("\r\n")));
    CHECK(first["ID"].get<std::string>().rfind("sha256:", 0) == 0);
    CHECK(first["ID"].get<std::string>().size() == 71);
    CHECK(first.contains("Repository"));
    CHECK(first.contains("Tag"));
  }
}

TEST_CASE("Simulated kubelet reports each runtime's pull error", "[sim][apiserver][runtimes]")
{
  for (const std::string runtime : {"containerd", "crio"}) {
    DYNAMIC_SECTION(runtime)
    {
      SimCluster sim("seed-cn-v1.20-" + runtime);
      const auto wrong = sim.mirror() + "/k8s-minikube/storage-provisioner:v5";
      // A re-enabled addon's new pod is pulled at once: the live pull through the runtime.
      REQUIRE(sim.minikube({"addons", "enable", "storage-provisioner"}).exit_code == 0);
      const auto p = pod(sim, "kube-system", "storage-provisioner");
      // ErrImagePull, or ImagePullBackOff once the clock has moved on a second.
      const auto waiting = p["status"]["containerStatuses"][0]["state"]["waiting"]["reason"].get<std::string>();
      CHECK((waiting == "ErrImagePull" || waiting == "ImagePullBackOff"));
      const auto events = events_of(sim, "kube-system", "storage-provisioner");
      const std::string expected =
          runtime == "containerd"
              ? "rpc error: code = Unknown desc = failed to pull and unpack image \"" + wrong +
                    "\": failed to resolve reference \"" + wrong + "\": pull access denied"
              : "rpc error: code = Unknown desc = Error reading manifest v5 in " +
                    wrong.substr(0, wrong.rfind(':')) + ": denied: requested access to the resource is denied";
      CHECK(has(events, "Failed to pull image \"" + wrong + "\": " + expected));
      CHECK_FALSE(has(events, "Error response from daemon"));

      // The seed's repair with this runtime's tools brings the provisioner up.
      const auto right = sim.mirror() + "/storage-provisioner:v5";
      REQUIRE(sim.minikube({"ssh", "--", "sudo", "crictl", "pull", right}).exit_code == 0);
      const std::string tag = runtime == "containerd" ? "sudo ctr -n=k8s.io images tag " : "sudo podman tag ";
      REQUIRE(sim.minikube({"ssh", "--", tag + right + " " + wrong}).exit_code == 0);
      REQUIRE(sim.minikube({"addons", "enable", "storage-provisioner"}).exit_code == 0);
      const auto fixed = pod(sim, "kube-system", "storage-provisioner");
      CHECK(fixed["status"]["phase"] == "Running");
      const auto prefix = runtime == "containerd" ? "containerd://" : "cri-o://";
      CHECK(fixed["status"]["containerStatuses"][0]["containerID"].get<std::string>().rfind(prefix, 0) == 0);
      auto nodes = sim.kubectl(devk8s::test::kubectl_120(), {"get", "nodes", "-o", "wide"});
      CHECK(has(nodes.out, runtime == "containerd" ? "containerd://1.4.4" : "cri-o://1.20.2"));
    }
  }
}

TEST_CASE("Simulated two-node cluster: stores, scheduling and the kubelet per node", "[sim][apiserver][nodes]")
{
  SimCluster sim("two-node");
  const auto kubectl = devk8s::test::kubectl_120();
  const auto right = sim.mirror() + "/storage-provisioner:v5";
  const auto wrong = sim.mirror() + "/k8s-minikube/storage-provisioner:v5";

  auto nodes = sim.kubectl(kubectl, {"get", "nodes"});
  REQUIRE(nodes.exit_code == 0);
  CHECK(has(nodes.out, "\nminikube       Ready    control-plane,master"));
  CHECK(has(nodes.out, "\nminikube-m02   Ready    <none>"));
  auto proxies = sim.kubectl(kubectl, {"get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-proxy", "-o",
                                       "jsonpath={.items[*].spec.nodeName}"});
  CHECK(proxies.out == "minikube minikube-m02");
  CHECK(pod(sim, "kube-system", "storage-provisioner")["spec"]["nodeName"] == "minikube");
  CHECK(has(events_of(sim, "default", "redis-master-0"),
            "0/2 nodes are available: 2 pod has unbound immediate PersistentVolumeClaims."));

  // Repaired on the control plane only: the re-created pod goes to the emptier worker and fails there.
  REQUIRE(sim.minikube({"ssh", "--", "docker pull " + right + " && docker tag " + right + " " + wrong}).exit_code == 0);
  REQUIRE(sim.minikube({"addons", "enable", "storage-provisioner"}).exit_code == 0);
  auto p = pod(sim, "kube-system", "storage-provisioner");
  CHECK(p["spec"]["nodeName"] == "minikube-m02");
  CHECK(p["status"]["hostIP"] == "192.168.49.3");
  CHECK(p["status"]["containerStatuses"][0]["state"].contains("waiting"));
  const auto events = events_of(sim, "kube-system", "storage-provisioner");
  CHECK(has(events, "Successfully assigned kube-system/storage-provisioner to minikube-m02"));

  // Repaired on the worker too: Running there, the claims bound, redis scheduled on the worker.
  REQUIRE(sim.minikube({"ssh", "-n", "m02", "--", "docker pull " + right + " && docker tag " + right + " " + wrong})
              .exit_code == 0);
  REQUIRE(sim.minikube({"addons", "enable", "storage-provisioner"}).exit_code == 0);
  p = pod(sim, "kube-system", "storage-provisioner");
  CHECK(p["spec"]["nodeName"] == "minikube-m02");
  CHECK(p["status"]["phase"] == "Running");
  auto redis = pod(sim, "default", "redis-master-0");
  CHECK(redis["status"]["phase"] == "Running");
  CHECK(redis["spec"]["nodeName"] == "minikube-m02");
  CHECK(redis["status"]["podIP"].get<std::string>().rfind("10.244.1.", 0) == 0);
  auto pvc = sim.kubectl(kubectl, {"get", "pvc", "-o", "jsonpath={.items[*].status.phase}"});
  CHECK(pvc.out == "Bound Bound");
}

TEST_CASE("Simulated state written before multi-node is read as one node", "[sim][minikube][nodes]")
{
  SimCluster sim("fresh-host", false);
  REQUIRE(sim.minikube(k_seed_start).exit_code == 0);
  auto doc = sim.state();
  doc["node"] = {{"images", doc["nodes"][0]["images"]}};
  doc.erase("nodes");
  sim.write_state(doc);
  CHECK(has(sim.minikube({"ssh", "--", "docker", "images"}).out, sim.mirror() + "/etcd "));
  CHECK(sim.minikube({"node", "list"}).out == "minikube\t192.168.49.2\n");
  CHECK(sim.state()["nodes"].size() == 1);
}
