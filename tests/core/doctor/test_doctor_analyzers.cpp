// The doctor's analyzers on the simulation's fixtures (tests/fixtures/kube/README.md): the seed
// gives one chain per Pending redis pod, down to the naive mirror path; the crash loop and the
// node under disk pressure give their own roots.
#include "core/doctor/analyzers/analyzers.hpp"
#include "core/doctor/fixes.hpp"
#include "core/doctor/pull_error.hpp"
#include "core/doctor/scheduling.hpp"
#include "core/finding/chains.hpp"
#include "core/image/mirror_map.hpp"

#include "support/run_devk8s.hpp"
#include "support/shipped_maps.hpp"

#include "support/image_values.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace devk8s;
namespace doctor = core::doctor;
using core::kube::objects::Resource;

namespace {

using devk8s::test::k_aliyun;

nlohmann::json fixture(const std::string& name)
{
  std::ifstream in(test::source_path("tests/fixtures/kube/" + name));
  return nlohmann::json::parse(in);
}

core::registry::Outcome outcome(core::registry::OutcomeKind kind, const std::string& digest = {})
{
  core::registry::Outcome o;
  o.kind = kind;
  o.digest = digest;
  o.code = kind == core::registry::OutcomeKind::denied ? "DENIED" : "";
  o.message = kind == core::registry::OutcomeKind::denied ? "requested access to the resource is denied" : "";
  return o;
}

doctor::Facts seed_facts()
{
  doctor::Facts facts;
  facts.snapshot.add_list(Resource::pods, fixture("seed-pods.json"));
  facts.snapshot.add_list(Resource::persistent_volume_claims, fixture("seed-persistentvolumeclaims.json"));
  facts.snapshot.add_list(Resource::storage_classes, fixture("seed-storageclasses.json"));
  facts.snapshot.add_list(Resource::nodes, fixture("seed-nodes.json"));
  facts.snapshot.add_list(Resource::events, fixture("seed-events.json"));
  facts.minikube_version = "v1.20.0";
  const auto image = k_aliyun + "/k8s-minikube/storage-provisioner:v5";
  doctor::ImageCheck check;
  check.image = image;
  check.outcome = outcome(core::registry::OutcomeKind::denied);
  const auto map = test::shipped_map("cn");
  auto resolution = core::image::resolve(*core::image::ImageRef::parse(image), map);
  check.rule = map.describe_rule(resolution.candidates.front().rule_index);
  check.resolution = resolution;
  check.repaired_outcome = outcome(core::registry::OutcomeKind::found, "sha256:" + std::string(64, 'a'));
  facts.images.push_back(check);
  return facts;
}

std::vector<std::string> ids(const std::vector<doctor::Finding>& findings, const core::finding::Chain& chain)
{
  std::vector<std::string> out;
  for (const auto i : chain) {
    out.push_back(findings[i].id + " " + findings[i].subject.str());
  }
  return out;
}

} // namespace

TEST_CASE("doctor: the seed's chains end at the naive mirror path", "[doctor]")
{
  const auto facts = seed_facts();
  const auto findings = doctor::analyze(facts);
  const auto chains = core::finding::chains(findings);
  REQUIRE(chains.size() == 2);
  const std::vector<std::string> tail = {
      "provisioner.down Provisioner k8s.io/minikube-hostpath",
      "pod.image-pull Pod kube-system/storage-provisioner",
      "image.pull-failed Image " + k_aliyun + "/k8s-minikube/storage-provisioner:v5",
      "image.naive-mirror-path Image " + k_aliyun + "/k8s-minikube/storage-provisioner:v5",
  };
  for (const auto& [chain, pod] : {std::pair{chains[0], std::string("redis-master-0")},
                                   std::pair{chains[1], std::string("redis-replicas-0")}}) {
    auto expected = std::vector<std::string>{"pod.unschedulable Pod default/" + pod,
                                             "pvc.pending PersistentVolumeClaim default/redis-data-" + pod};
    expected.insert(expected.end(), tail.begin(), tail.end());
    CHECK(ids(findings, chain) == expected);
  }
  const auto& root = findings[chains[0].back()];
  CHECK(root.message == "image " + k_aliyun + "/k8s-minikube/storage-provisioner:v5 is a naive mirror path: "
                                   "gcr.io/k8s-minikube/storage-provisioner:v5 prefixed with " + k_aliyun +
                                   " (minikube v1.20.0 wrote it); the mirror has it at " + k_aliyun +
                                   "/storage-provisioner:v5");
  CHECK(root.hint == "devk8s retag storage-provisioner");
  CHECK(root.command == std::vector<std::string>{"retag", "storage-provisioner"});
  const auto problems = core::finding::problems(chains);
  REQUIRE(problems.size() == 1); // two symptoms, one root cause
  CHECK(problems[0].root == chains[0].back());
  CHECK(problems[0].shared == tail.size());
  const auto fixes = doctor::select_fixes(findings, problems);
  CHECK(fixes.addons == std::vector<std::string>{"storage-provisioner"});
  CHECK(fixes.images.empty());
  CHECK(fixes.manual.empty());
  const auto& pod = findings[chains[0][3]];
  REQUIRE(pod.evidence.size() == 2);
  CHECK(pod.evidence[1].value.find("pull access denied") != std::string::npos);
  CHECK(pod.message.find("(denied)") != std::string::npos);
  const auto& claim = findings[chains[0][1]];
  CHECK(claim.evidence.back().value.find("waiting for a volume to be created, either by external provisioner "
                                         "\"k8s.io/minikube-hostpath\"") == 0);
  const auto& unschedulable = findings[chains[0][0]];
  CHECK(unschedulable.evidence[0].value ==
        "0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims. (x6)");
}

TEST_CASE("doctor: without a mirror map the image is the root", "[doctor]")
{
  auto facts = seed_facts();
  facts.images[0].resolution.reset();
  const auto findings = doctor::analyze(facts);
  const auto chains = core::finding::chains(findings);
  REQUIRE(chains.size() == 2);
  const auto& root = findings[chains[0].back()];
  CHECK(root.id == "image.pull-failed");
  CHECK(root.message == "image " + k_aliyun + "/k8s-minikube/storage-provisioner:v5: access denied (the registry, asked now)");
  CHECK(root.command.empty()); // nothing says where the image really is: not for --fix
  const auto fixes = doctor::select_fixes(findings, core::finding::problems(chains));
  CHECK(fixes.empty());
  CHECK(fixes.manual == std::vector<std::size_t>{chains[0].back()});
}

TEST_CASE("doctor: an enabled addon that is not Ready names its pod's findings", "[doctor]")
{
  auto facts = seed_facts();
  facts.profile = "minikube";
  facts.enabled_addons = std::vector<std::string>{"default-storageclass", "storage-provisioner"};
  const auto analysis = doctor::analyze_all(facts);
  const auto& findings = analysis.findings;
  const auto addon = core::finding::find(findings, {"addon.not-ready", core::finding::Subject::object("Addon", "", "storage-provisioner")});
  REQUIRE(addon);
  CHECK(findings[*addon].message ==
        "addon storage-provisioner is enabled but not Ready: kube-system/storage-provisioner ImagePullBackOff");
  REQUIRE(findings[*addon].causes.size() == 1);
  CHECK(findings[*addon].causes[0].id == "pod.image-pull");
  // A third symptom of the same root: still one problem.
  const auto chains = core::finding::chains(findings);
  CHECK(chains.size() == 3);
  CHECK(core::finding::problems(chains).size() == 1);
  // One check per analyzer; the versions check is skipped without kubectl.
  REQUIRE(analysis.checks.size() == 7);
  CHECK(analysis.checks[5].name == "minikube addons");
  CHECK(analysis.checks[5].count == 1);
  CHECK(analysis.checks[5].skipped.empty());
  CHECK(analysis.checks[6].name == "kubectl version");
  CHECK(analysis.checks[6].skipped == "kubectl is not on PATH or did not answer");

  facts.namespace_name = "default"; // -n default: kube-system's addons are not asked about
  CHECK_FALSE(core::finding::find(doctor::analyze(facts), {"addon.not-ready", core::finding::Subject::object("Addon", "", "storage-provisioner")}));
  facts.namespace_name.clear();
  facts.enabled_addons.reset(); // minikube did not answer
  CHECK(doctor::analyze_all(facts).checks[5].skipped == "minikube did not answer for the profile");
}

TEST_CASE("doctor: kubectl more than one minor from the server is a warning", "[doctor]")
{
  doctor::Facts facts;
  facts.server_version = *core::Version::parse("v1.20.2");
  facts.kubectl_version = *core::Version::parse("v1.21.0");
  facts.kubectl_path = "/usr/bin/kubectl";
  CHECK(doctor::analyze(facts).empty());
  facts.kubectl_version = *core::Version::parse("v1.32.3");
  const auto found = doctor::analyze(facts);
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "versions.kubectl-skew");
  CHECK(found[0].severity == core::finding::Severity::warn);
  CHECK(found[0].message == "kubectl v1.32.3 is 12 minor versions from the cluster (v1.20.2); kubectl supports one");
  CHECK(found[0].evidence[0].source == "kubectl version --client (/usr/bin/kubectl)");
  CHECK(found[0].hint.find("devk8s install kubectl --match-cluster") == 0);
  CHECK(found[0].command.empty()); // a change to the host, not the cluster: the user runs it
}

TEST_CASE("doctor --fix: the fixes of the roots, each once, and what cleared", "[doctor]")
{
  using core::finding::Finding;
  using core::finding::Subject;
  const auto with = [](std::string id, std::string name, std::vector<std::string> command, std::string hint = {}) {
    Finding f;
    f.id = std::move(id);
    f.severity = core::finding::Severity::fail;
    f.subject = Subject::object("Image", "", std::move(name));
    f.command = std::move(command);
    f.hint = std::move(hint);
    return f;
  };
  const std::vector<Finding> findings = {
      with("image.naive-mirror-path", "a", {"retag", "storage-provisioner"}),
      with("image.naive-mirror-path", "b", {"retag", "storage-provisioner"}),
      with("image.naive-mirror-path", "c", {"retag", "--image", "m/x:1", "--from", "m/y:1"}),
      with("node.disk-pressure", "d", {}, "free disk space"),
      with("odd", "e", {"retag", "--via-host", "x"}), // not a command --fix writes: the user's
  };
  const auto fixes = doctor::select_fixes(findings, core::finding::problems({{0}, {1}, {2}, {3}, {4}}));
  CHECK(fixes.addons == std::vector<std::string>{"storage-provisioner"});
  REQUIRE(fixes.images.size() == 1);
  CHECK(fixes.images[0].wanted == "m/x:1");
  CHECK(fixes.images[0].from == "m/y:1");
  CHECK(fixes.manual == std::vector<std::size_t>{3, 4});

  const std::vector<Finding> after = {findings[3], with("pod.crash", "f", {})};
  const auto c = doctor::compare_findings(findings, after);
  CHECK(c.cleared == std::vector<std::size_t>{0, 1, 2, 4});
  CHECK(c.remaining == std::vector<std::size_t>{3});
  CHECK(c.appeared == std::vector<std::size_t>{1});
}

TEST_CASE("doctor: a crash loop that was OOMKilled, and a node under disk pressure", "[doctor]")
{
  doctor::Facts crash;
  crash.snapshot.add_list(Resource::pods, fixture("crashloop-pods.json"));
  crash.snapshot.add_list(Resource::events, fixture("crashloop-events.json"));
  const auto found = doctor::analyze(crash);
  REQUIRE(found.size() == 1);
  CHECK(found[0].id == "container.oom-killed");
  CHECK(found[0].subject.str() == "Pod default/api-7d4b9c6f5-x2x9q");
  CHECK(found[0].evidence[0].value == "last state: OOMKilled, exit code 137");

  doctor::Facts pressure;
  pressure.snapshot.add_list(Resource::pods, fixture("node-pressure-pods.json"));
  pressure.snapshot.add_list(Resource::nodes, fixture("node-pressure-nodes.json"));
  const auto disk = doctor::analyze(pressure);
  REQUIRE_FALSE(disk.empty());
  CHECK(disk[0].id == "node.disk-pressure");
  CHECK(disk[0].subject.str() == "Node minikube");
}

TEST_CASE("doctor: the kubelet's pull errors in each runtime's words", "[doctor]")
{
  using doctor::PullError;
  // tests/sim/README.md "The pull errors": Docker 20.10.6, containerd v1.4.4 CRI, cri-o v1.20.0.
  const std::vector<std::pair<std::string, PullError>> cases = {
      {"rpc error: code = Unknown desc = Error response from daemon: pull access denied for r/x, repository does not "
       "exist or may require 'docker login': denied: requested access to the resource is denied",
       PullError::denied},
      {"rpc error: code = Unknown desc = Error response from daemon: manifest for r/x:v1 not found: manifest unknown: "
       "manifest unknown",
       PullError::not_found},
      {"rpc error: code = NotFound desc = failed to pull and unpack image \"r/x:v1\": failed to resolve reference "
       "\"r/x:v1\": r/x:v1: not found",
       PullError::not_found},
      {"rpc error: code = Unknown desc = failed to pull and unpack image \"r/x:v1\": failed to resolve reference "
       "\"r/x:v1\": pull access denied, repository does not exist or may require authorization: server message: "
       "insufficient_scope: authorization failed",
       PullError::denied},
      {"rpc error: code = Unknown desc = Error reading manifest v1 in r/x: manifest unknown: manifest unknown",
       PullError::not_found},
      {"rpc error: code = Unknown desc = error pinging docker registry gcr.io: Get \"https://gcr.io/v2/\": dial tcp: "
       "lookup gcr.io: i/o timeout",
       PullError::unreachable},
      {"rpc error: code = Unknown desc = Error response from daemon: Get \"https://k8s.gcr.io/v2/\": net/http: request "
       "canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)",
       PullError::unreachable},
      {"rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate "
       "limit.",
       PullError::rate_limited},
      {"rpc error: code = Unknown desc = Error response from daemon: Head \"https://r/v2/x/manifests/v1\": "
       "unauthorized: authentication required",
       PullError::unauthorized},
      {"something new", PullError::unknown},
  };
  for (const auto& [message, kind] : cases) {
    CAPTURE(message);
    CHECK(doctor::classify_pull_error(message) == kind);
  }
}

TEST_CASE("doctor: FailedScheduling messages parsed", "[doctor]")
{
  using doctor::ScheduleReason;
  auto m = doctor::parse_failed_scheduling(
      "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) had taint {node-role.kubernetes.io/master: }, that "
      "the pod didn't tolerate, 1 pod has unbound immediate PersistentVolumeClaims.");
  REQUIRE(m);
  CHECK(m->available == 0);
  CHECK(m->total == 3);
  REQUIRE(m->failures.size() == 3);
  CHECK(m->failures[0].reason == ScheduleReason::insufficient_cpu);
  CHECK(m->failures[1].reason == ScheduleReason::taint);
  CHECK(m->failures[1].text == "node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate");
  CHECK(m->failures[2].reason == ScheduleReason::unbound_claims);
  CHECK(m->failures[2].nodes == 1);
  auto missing = doctor::parse_failed_scheduling("persistentvolumeclaim \"data\" not found");
  REQUIRE(missing);
  CHECK(missing->failures[0].reason == ScheduleReason::claim_not_found);
  CHECK_FALSE(doctor::parse_failed_scheduling("no nodes available to schedule pods"));
  CHECK_FALSE(doctor::parse_failed_scheduling("x nodes are available: "));
}

TEST_CASE("doctor: a pod refused for cpu links to the nodes' allocatable and the host's size", "[doctor]")
{
  // Shapes: core/v1 Pod, Node and Event as kube-apiserver v1.20 serves them (tests/fixtures/kube/README.md).
  const auto pods = nlohmann::json::parse(R"({"kind":"PodList","apiVersion":"v1","items":[
    {"metadata":{"name":"big","namespace":"default","uid":"u1"},
     "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"4"}}}]},
     "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable"}]}}]})");
  const auto nodes = nlohmann::json::parse(R"({"kind":"NodeList","apiVersion":"v1","items":[
    {"metadata":{"name":"minikube","uid":"n1"},
     "status":{"allocatable":{"cpu":"2","memory":"1846884Ki","pods":"110"},
               "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}]}}]})");
  const auto events = nlohmann::json::parse(R"({"kind":"EventList","apiVersion":"v1","items":[
    {"metadata":{"name":"big.1","namespace":"default"},
     "involvedObject":{"kind":"Pod","namespace":"default","name":"big","uid":"u1"},
     "reason":"FailedScheduling","type":"Warning","count":3,
     "message":"0/1 nodes are available: 1 Insufficient cpu.",
     "source":{"component":"default-scheduler"},"lastTimestamp":"2026-11-20T09:59:00Z"}]})");
  doctor::Facts facts;
  facts.snapshot.add_list(Resource::pods, nlohmann::json(pods));
  facts.snapshot.add_list(Resource::nodes, nlohmann::json(nodes));
  facts.snapshot.add_list(Resource::events, nlohmann::json(events));
  facts.host_cpus = core::finding::Evidence{"1 CPU", "sched_getaffinity"};
  const auto findings = doctor::analyze(facts);
  const auto cpu = core::finding::find(findings, {"cluster.insufficient-cpu", core::finding::Subject::host("cluster cpu")});
  REQUIRE(cpu);
  const auto& f = findings[*cpu];
  REQUIRE(f.evidence.size() == 2);
  CHECK(f.evidence[0].value == "minikube 2 cpu");
  CHECK(f.evidence[1].value == "this host: 1 CPU");
  CHECK(f.evidence[1].source == "sched_getaffinity");
  CHECK(f.hint == "lower the pods' cpu requests, or start minikube with more --cpus (this host has 1 CPU)");
  const auto pod = core::finding::find(findings, {"pod.unschedulable", core::finding::Subject::object("Pod", "default", "big")});
  REQUIRE(pod);
  CHECK(findings[*pod].causes == std::vector<core::finding::FindingRef>{f.ref()});
}

TEST_CASE("doctor: an analyzer whose list could not be read does not run", "[doctor]")
{
  auto facts = seed_facts();
  facts.enabled_addons = std::vector<std::string>{"storage-provisioner"};
  facts.snapshot.pods.clear();
  facts.snapshot.add_failure(Resource::pods, util::failure("cannot list pods in every namespace: cut off"));
  const auto analysis = doctor::analyze_all(facts);
  // Without pods, "the addon has no pod" would be false.
  CHECK_FALSE(core::finding::find(analysis.findings,
                                  {"addon.not-ready", core::finding::Subject::object("Addon", "", "storage-provisioner")}));
  for (const auto& check : analysis.checks) {
    if (check.name == "containers" || check.name == "image pulls" || check.name == "pending pods" ||
        check.name == "minikube addons") {
      CHECK(check.skipped == "pods could not be read");
      CHECK(check.count == 0);
    }
  }
}
