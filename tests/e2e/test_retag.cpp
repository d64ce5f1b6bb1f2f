// `devk8s retag` end to end on the simulation (issue #11): the devk8s binary, the simulated
// minikube first on PATH, the simulated API server through the kubeconfig, the real local
// registry as the mirror, and real kubectl to confirm what the API shows afterwards.
#include "support/sim_cluster.hpp"
#include "support/spawned_devk8s.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <thread>

using devk8s::test::SimCluster;
using devk8s::test::TempDir;
using nlohmann::json;

namespace {

using devk8s::test::has;

const std::string k_no_pod = "<none>";

/// A mirror map for the local registry as cn.yaml's rules for Aliyun, in the user's config
/// directory: its image repository is the scenarios' ${cn}, so retag finds it from the profile.
std::string local_map(const std::string& host)
{
  const auto cn = host + "/google_containers";
  return "name: local\n"
         "description: the tests' registry standing for Aliyun's google_containers (mirrors/cn.yaml's rules)\n"
         "minikube:\n"
         "  image-repository: " + cn + "\n"
         "rules:\n"
         "  - exact: docker.io/kubernetesui/dashboard\n    to: " + cn + "/dashboard\n"
         "  - exact: docker.io/kubernetesui/metrics-scraper\n    to: " + cn + "/metrics-scraper\n"
         "  - flatten: gcr.io/k8s-minikube\n    to: " + cn + "\n"
         "  - flatten: k8s.gcr.io\n    to: " + cn + "\n";
}

struct RetagSim {
  explicit RetagSim(const std::string& scenario) : sim(scenario)
  {
    host = devk8s::test::shared_registry(devk8s::test::Flavour::plain).host();
    config.write("devk8s/mirrors/local.yaml", local_map(host));
  }

  std::map<std::string, std::string> env(const std::string& path_front = {}) const
  {
    return {{"PATH", (path_front.empty() ? "" : path_front + ":") + std::string(DEVK8S_SIM_BIN_DIR) + ":" +
                         std::getenv("PATH")},
            {"DEVK8S_SIM_STATE", sim.state_dir()},
            {"KUBECONFIG", sim.kubeconfig()},
            {"XDG_CONFIG_HOME", config.path().string()},
            {"HOME", config.path().string()},
            {"TMPDIR", config.path().string()}};
  }

  devk8s::ports::ProcessResult retag(std::vector<std::string> args, const std::string& path_front = {}) const
  {
    args.insert(args.begin(), "retag");
    args.insert(args.end(), {"--insecure-registry", host, "--skip-upstream", "--timeout", "40s"});
    return devk8s::test::run_devk8s(args, {}, env(path_front));
  }

  /// `kubectl get` of one object's jsonpath with real kubectl 1.20.
  std::string get(const std::vector<std::string>& args) const
  {
    auto r = sim.kubectl(devk8s::test::kubectl_120(), args);
    return r.exit_code == 0 ? r.out : "error: " + r.err;
  }

  std::string provisioner_phase() const
  {
    return get({"get", "pods", "-n", "kube-system", "-l", "integration-test=storage-provisioner", "-o",
                "jsonpath={.items[*].status.phase}"});
  }

  std::string claim_phases() const
  {
    return get({"get", "pvc", "-o", "jsonpath={.items[*].status.phase}"});
  }

  std::string redis_phases() const
  {
    return get({"get", "pods", "redis-master-0", "redis-replicas-0", "-o", "jsonpath={.items[*].status.phase}"});
  }

  /// What retag could change, for "nothing changed": each pod (by uid: deleted or re-created
  /// shows) and its images, each claim's phase, the nodes' image stores, the addons' state. Not
  /// what the simulated components move on their own (events, resource versions).
  json cluster() const
  {
    auto s = sim.state();
    json pods = json::array();
    for (const auto& pod : s["cluster"]["pods"]) {
      pods.push_back({pod["metadata"]["uid"], pod["spec"]["containers"]});
    }
    json claims = json::array();
    for (const auto& claim : s["cluster"]["persistentvolumeclaims"]) {
      claims.push_back({claim["metadata"]["name"], claim["status"].value("phase", "")});
    }
    return {pods, claims, s["nodes"], s["addons"]};
  }

  SimCluster sim;
  TempDir config;
  std::string host;
};

} // namespace

TEST_CASE("retag storage-provisioner repairs the seed case, proves it, and is idempotent", "[sim][e2e][retag]")
{
  RetagSim s("seed-cn-v1.20");
  const auto wrong = s.sim.mirror() + "/k8s-minikube/storage-provisioner:v5";
  const auto right = s.sim.mirror() + "/storage-provisioner:v5";
  const auto before = s.cluster();

  SECTION("a dry run prints every command and changes nothing")
  {
    auto r = s.retag({"storage-provisioner", "--dry-run"});
    CAPTURE(r.out, r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.out, "storage-provisioner: kube-system/storage-provisioner ImagePullBackOff"));
    CHECK(has(r.out, "  wanted  " + wrong + "  (ImagePullBackOff: kube-system/storage-provisioner)"));
    CHECK(has(r.out, "  source  " + right + "  sha256:"));
    CHECK(has(r.out, "  rule    flatten gcr.io/k8s-minikube → " + s.sim.mirror()));
    CHECK(has(r.out, "minikube ssh -- 'docker pull " + right + "'"));
    CHECK(has(r.out, "minikube ssh -- 'docker tag " + right + " " + wrong + "'"));
    CHECK(has(r.out, "delete /api/v1/namespaces/kube-system/pods/storage-provisioner"));
    CHECK(has(r.out, "minikube addons enable storage-provisioner"));
    CHECK(has(r.out, "persistentvolumeclaims redis-data-redis-master-0 redis-data-redis-replicas-0 in default Bound"));
    CHECK(s.cluster() == before);

    auto j = s.retag({"storage-provisioner", "--dry-run", "-o", "json"});
    REQUIRE(j.exit_code == 0);
    const auto doc = json::parse(j.out);
    CHECK(doc["images"][0]["wanted"] == wrong);
    CHECK(doc["images"][0]["source"] == right);
    CHECK(doc["images"][0]["method"] == "pull and tag in each node");
    CHECK(doc["plan"]["steps"].size() == 7);
    CHECK(doc["changed"] == false);
    CHECK(doc["dependents"].size() == 4);
  }

  SECTION("without --yes and without a terminal it refuses")
  {
    auto r = s.retag({"storage-provisioner"});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "devk8s: error: retag changes the cluster, and there is no terminal to confirm on"));
    CHECK(has(r.err, "hint: add --yes"));
    CHECK(s.cluster() == before);
  }

  SECTION("with --yes it repairs; a second run changes nothing")
  {
    CHECK(s.provisioner_phase() == "Pending");
    auto r = s.retag({"storage-provisioner", "--yes"});
    CAPTURE(r.out, r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.out, "storage-provisioner: Ready, kube-system/storage-provisioner Running"));
    CHECK(has(r.out, "  PersistentVolumeClaim default/redis-data-redis-master-0: Pending → Bound"));
    CHECK(has(r.out, "  PersistentVolumeClaim default/redis-data-redis-replicas-0: Pending → Bound"));
    CHECK(has(r.out, "  Pod default/redis-master-0: Pending → Running"));
    CHECK(has(r.err, "devk8s: pull " + right + " on the control plane (docker)"));
    CHECK(has(r.err, "    minikube | Status: Downloaded newer image for " + right));
    // Real kubectl confirms.
    CHECK(s.provisioner_phase() == "Running");
    CHECK(s.claim_phases() == "Bound Bound");
    CHECK(s.redis_phases() == "Running Running");

    const auto repaired = s.cluster();
    auto again = s.retag({"storage-provisioner", "--yes"});
    CAPTURE(again.out, again.err);
    CHECK(again.exit_code == 0);
    CHECK(has(again.out, "storage-provisioner: healthy, kube-system/storage-provisioner Running"));
    CHECK(has(again.out, "nothing to do"));
    CHECK(s.cluster() == repaired);
  }
}

TEST_CASE("retag in each container runtime", "[sim][e2e][retag]")
{
  const auto [scenario, pull, tag] = GENERATE(table<std::string, std::string, std::string>({
      {"seed-cn-v1.20-containerd", "sudo crictl pull ", "sudo ctr -n=k8s.io images tag "},
      {"seed-cn-v1.20-crio", "sudo podman pull ", "sudo podman tag "},
  }));
  CAPTURE(scenario);
  RetagSim s(scenario);
  const auto right = s.sim.mirror() + "/storage-provisioner:v5";
  auto dry = s.retag({"storage-provisioner", "--dry-run"});
  CAPTURE(dry.out, dry.err);
  CHECK(has(dry.out, "minikube ssh -- '" + pull + right + "'"));
  CHECK(has(dry.out, "minikube ssh -- '" + tag + right + " "));
  auto r = s.retag({"storage-provisioner", "--yes"});
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(s.provisioner_phase() == "Running");
  CHECK(s.claim_phases() == "Bound Bound");
}

TEST_CASE("retag with minikube image pull and tag (v1.23.0 and later)", "[sim][e2e][retag]")
{
  // The seed's pod, left from a v1.20.0 start, on a profile whose minikube is now a release with
  // `minikube image pull|tag`; its own enable writes the flat name (the Aliyun fixes).
  const auto version = GENERATE(as<std::string>{}, "v1.23.2", "v1.26.0", "v1.38.1");
  CAPTURE(version);
  RetagSim s("seed-cn-v1.20");
  auto state = s.sim.state();
  state["minikube"]["version"] = version;
  s.sim.write_state(state);
  const auto right = s.sim.mirror() + "/storage-provisioner:v5";
  auto dry = s.retag({"storage-provisioner", "--dry-run"});
  CAPTURE(dry.out, dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK(has(dry.out, "minikube image pull " + right));
  CHECK(!has(dry.out, "minikube ssh"));
  auto r = s.retag({"storage-provisioner", "--yes"});
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(s.provisioner_phase() == "Running");
}

TEST_CASE("retag on a two-node profile pulls on every node", "[sim][e2e][retag]")
{
  RetagSim s("two-node");
  const auto right = s.sim.mirror() + "/storage-provisioner:v5";
  auto dry = s.retag({"storage-provisioner", "--dry-run"});
  CAPTURE(dry.out, dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK(has(dry.out, "minikube ssh -- 'docker pull " + right + "'"));
  CHECK(has(dry.out, "minikube ssh -n m02 -- 'docker pull " + right + "'"));
  auto r = s.retag({"storage-provisioner", "--yes", "-o", "json"});
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  const auto doc = json::parse(r.out);
  CHECK(doc["nodes"] == json::array({"", "m02"}));
  REQUIRE(doc["dependents"].size() == 4);
  CHECK(doc["changed"] == true);
  CHECK(doc["after"]["addons"][0]["healthy"] == true);
  for (const auto& d : doc["dependents"]) {
    CAPTURE(d.dump());
    CHECK(d["before"] == "Pending");
    CHECK((d["after"] == "Bound" || d["after"] == "Running"));
  }
  CHECK(s.provisioner_phase() == "Running");
  // The re-created pod went to the worker, which has the image under the wanted name too.
  CHECK(s.get({"get", "pod", "-n", "kube-system", "storage-provisioner", "-o", "jsonpath={.spec.nodeName}"}) ==
        "minikube-m02");
}

TEST_CASE("retag dashboard: a digest-pinned addon through --images/--registries", "[sim][e2e][retag]")
{
  RetagSim s("dashboard-digest-cn");
  auto dry = s.retag({"dashboard", "--dry-run"});
  CAPTURE(dry.out, dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK(has(dry.out, "addons enable dashboard --images=MetricsScraper=google_containers/metrics-scraper:v1.0.4@sha256:"));
  CHECK(has(dry.out, ",Dashboard=google_containers/dashboard:v2.1.0@sha256:"));
  CHECK(has(dry.out, " --registries=MetricsScraper=" + s.host + ",Dashboard=" + s.host));
  CHECK(has(dry.out, "  how     addons enable --images/--registries"));
  CHECK(has(dry.out, "not the pinned sha256:7f80b5ba141b"));
  CHECK(has(dry.out, "minikube v1.20.0 forgets --images/--registries at the next `minikube start`"));
  CHECK(!has(dry.out, "docker tag"));
  auto r = s.retag({"dashboard", "--yes"});
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "dashboard: Ready"));
  CHECK(s.get({"get", "pods", "-n", "kubernetes-dashboard", "-o", "jsonpath={.items[*].status.phase}"}) ==
        "Running Running");
}

TEST_CASE("retag --via-host copies with skopeo and loads the archive", "[sim][e2e][retag]")
{
  RetagSim s("seed-cn-v1.20");
  const auto right = s.sim.mirror() + "/storage-provisioner:v5";
  const auto wrong = s.sim.mirror() + "/k8s-minikube/storage-provisioner:v5";
  auto r = s.retag({"storage-provisioner", "--via-host", "--yes"});
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "  how     skopeo on this host, minikube image load"));
  CHECK(has(r.err, "devk8s: copy " + right + " on this host into "));
  CHECK(has(r.err, "devk8s: load "));
  CHECK(s.provisioner_phase() == "Running");
  // The archive is gone, with the private directory it was made in.
  CHECK(has(r.err, "devk8s: make " + s.config.path().string() + "/devk8s-retag-"));
  for (const auto& entry : std::filesystem::directory_iterator(s.config.path())) {
    CHECK(entry.path().extension() != ".tar");
    CHECK(entry.path().filename().string().rfind("devk8s-retag-", 0) != 0);
  }
}

TEST_CASE("retag refuses what it cannot do, before anything runs", "[sim][e2e][retag]")
{
  RetagSim s("seed-cn-v1.20");
  const auto before = s.cluster();

  SECTION("a source that exists nowhere")
  {
    // The pod asks for the naive path of an image the mirror does not have under its flat name either.
    auto state = s.sim.state();
    for (auto& pod : state["cluster"]["pods"]) {
      if (pod["metadata"]["name"] == "storage-provisioner") {
        pod["spec"]["containers"][0]["image"] = s.sim.mirror() + "/k8s-minikube/missing:v1";
        pod["status"]["containerStatuses"][0]["image"] = s.sim.mirror() + "/k8s-minikube/missing:v1";
      }
    }
    s.sim.write_state(state);
    const auto changed_pod = s.cluster();
    auto r = s.retag({"storage-provisioner", "--yes"});
    CAPTURE(r.out, r.err);
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "devk8s: error: no source for " + s.sim.mirror() +
                         "/k8s-minikube/missing:v1 on any registry; nothing was changed: " + s.sim.mirror() +
                         "/missing:v1: not-found"));
    CHECK(has(r.err, "hint: name the image that has it: devk8s retag --image "));
    CHECK(s.cluster() == changed_pod);

    auto from = s.retag({"--image", s.sim.mirror() + "/k8s-minikube/missing:v1", "--from",
                         s.host + "/elsewhere/missing:v1", "--yes"});
    CAPTURE(from.err);
    CHECK(from.exit_code == 1);
    CHECK(has(from.err, "nothing was changed: " + s.host + "/elsewhere/missing:v1: not-found"));
    CHECK(s.cluster() == changed_pod);
  }

  SECTION("hostile image names from the cluster and the user")
  {
    for (const auto& hostile : std::vector<std::string>{"x;rm -rf /", "$(id)", "`id`", "a\nb", "redis:" + std::string(300, 'a'),
                                      s.sim.mirror() + "/storage-provisioner:v5;id"}) {
      CAPTURE(hostile);
      auto state = s.sim.state();
      for (auto& pod : state["cluster"]["pods"]) {
        if (pod["metadata"]["name"] == "storage-provisioner") {
          pod["spec"]["containers"][0]["image"] = hostile;
        }
      }
      s.sim.write_state(state);
      auto r = s.retag({"storage-provisioner", "--yes"});
      CAPTURE(r.out, r.err);
      CHECK(r.exit_code == 1);
      CHECK(has(r.err, "devk8s: error: pod kube-system/storage-provisioner asks for image "));
      CHECK(has(r.err, "which is not a valid image reference"));
      CHECK(has(r.err, "nothing was changed"));
      auto user = s.retag({"--image", hostile, "--yes"});
      CHECK(user.exit_code == 2);
      CHECK(has(user.err, "devk8s: error: --image \""));
      auto from = s.retag({"--image", "redis:6", "--from", hostile, "--yes"});
      CHECK(from.exit_code == 2);
      CHECK(has(from.err, "devk8s: error: --from \""));
    }
    auto state = s.sim.state();
    CHECK(state["nodes"] == before[2]);
    CHECK(state["addons"] == before[3]);
  }

  SECTION("an unknown addon and bad flags")
  {
    auto r = s.retag({"no-such-addon", "--yes"});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "devk8s: error: unknown addon \"no-such-addon\": devk8s knows the images and pods of "));
    auto both = s.retag({"storage-provisioner", "--image", "x:1"});
    CHECK(both.exit_code == 2);
    auto from = s.retag({"storage-provisioner", "--from", "x:1"});
    CHECK(from.exit_code == 2);
    auto profile = s.retag({"storage-provisioner", "-p", "x;id"});
    CHECK(profile.exit_code == 2);
    CHECK(has(profile.err, "devk8s: error: invalid --profile \"x;id\""));
    auto absent = s.retag({"storage-provisioner", "-p", "other"});
    CHECK(absent.exit_code == 1);
    CHECK(has(absent.err, "devk8s: error: no minikube profile \"other\""));
    CHECK(s.cluster() == before);
  }
}

TEST_CASE("retag when minikube fails mid-way lists what was done and what was not", "[sim][e2e][retag]")
{
  RetagSim s("seed-cn-v1.20");
  // A minikube whose addons enable fails as v1.20.0's does (reason.go InternalAddonEnable,
  // exit 10), first on PATH in front of the simulated one.
  const auto dir = s.config.path().string() + "/failing";
  s.config.write("failing/minikube",
                 "#!/bin/sh\n"
                 "for a in \"$@\"; do\n"
                 "  if [ \"$a\" = enable ]; then\n"
                 "    printf '\\nX Exiting due to MK_ADDON_ENABLE: run callbacks: running callbacks: [sudo "
                 "KUBECONFIG=/var/lib/minikube/kubeconfig /var/lib/minikube/binaries/v1.20.2/kubectl apply -f "
                 "/etc/kubernetes/addons/storage-provisioner.yaml: Process exited with status 1]\\n\\n' >&2\n"
                 "    exit 10\n"
                 "  fi\n"
                 "done\n"
                 "exec " + std::string(DEVK8S_SIM_BIN_DIR) + "/minikube \"$@\"\n");
  std::filesystem::permissions(dir + "/minikube", std::filesystem::perms::owner_all);
  auto r = s.retag({"storage-provisioner", "--yes"}, dir);
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "minikube addons enable storage-provisioner"));
  CHECK(has(r.err, "X Exiting due to MK_ADDON_ENABLE"));
  CHECK(has(r.err, "already changed by the steps before: ran minikube ssh -- 'docker pull " + s.sim.mirror() +
                       "/storage-provisioner:v5'"));
  CHECK(has(r.err, "not run: step 6 (wait until the storage-provisioner pods are Ready), 7 (wait until the claims "
                   "waiting for storage-provisioner are Bound)"));
  CHECK(!has(r.out, "Ready,"));
}

TEST_CASE("retag: Ctrl-C during the wait stops it and says what did not run", "[sim][e2e][retag]")
{
  RetagSim s("seed-cn-v1.20");
  auto state = s.sim.state();
  state["settings"]["provisioner_broken"] = true; // the claims never bind: the last wait never ends
  s.sim.write_state(state);
  auto env = s.env();
  env["NO_PROXY"] = "127.0.0.1";
  env["DEVK8S_MIRROR"] = "";
  devk8s::test::SpawnedDevk8s devk8s({"retag", "storage-provisioner", "--yes", "--insecure-registry", s.host,
                                      "--skip-upstream", "--timeout", "60s"},
                                     env, s.config.path().string() + "/stderr");
  CHECK(devk8s.wait_for("waiting for persistentvolumeclaims"));
  const int status = devk8s.signal_and_wait(SIGINT);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  const auto err = devk8s.err();
  CAPTURE(err);
  CHECK(has(err, "interrupted"));
  CHECK(has(err, "step 7 (wait until the claims waiting for storage-provisioner are Bound): interrupted"));
  CHECK(!has(err, "every step had run"));
  // The addon itself was repaired before the wait was cut short.
  CHECK(s.provisioner_phase() == "Running");
}
