// The simulated API server's protocol (issue #5): client certificates, discovery, selectors,
// pagination with expiring continue tokens, create/delete, fault modes, and the Kubernetes
// v1.20 shapes kubectl and devk8s read (Kubernetes API reference v1.20: Status, PodList, Event,
// PersistentVolumeClaim).
#include "support/sim_cluster.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>

using devk8s::test::SimCluster;
using nlohmann::json;

namespace {

json raw(const SimCluster& sim, const std::string& path)
{
  auto r = sim.kubectl(devk8s::test::kubectl_120(), {"get", "--raw", path});
  INFO(path << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

void set_faults(const SimCluster& sim, const json& faults)
{
  auto doc = sim.state();
  doc["settings"]["faults"] = faults;
  sim.write_state(doc);
}

} // namespace

TEST_CASE("Simulated API server requires a client certificate", "[sim][apiserver]")
{
  SimCluster sim("seed-cn-v1.20");
  auto anonymous = SimCluster::run({"/usr/bin/curl", "-s", "-w", "\n%{http_code}", "--cacert", sim.state_dir() + "/ca.crt",
                                    sim.server() + "/api/v1/pods"},
                                   {});
  // Indented: kube-apiserver pretty-prints for curl's User-Agent (negotiation isPrettyPrint).
  CHECK(anonymous.out == "{\n  \"kind\": \"Status\",\n  \"apiVersion\": \"v1\",\n  \"metadata\": {},\n  \"status\": "
                         "\"Failure\",\n  \"message\": \"Unauthorized\",\n  \"reason\": \"Unauthorized\",\n  \"code\": 401\n}\n401");
  auto with_cert = SimCluster::run({"/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                                    sim.state_dir() + "/ca.crt", "--cert",
                                    sim.state_dir() + "/profiles/minikube/client.crt", "--key",
                                    sim.state_dir() + "/profiles/minikube/client.key", sim.server() + "/version"},
                                   {});
  CHECK(with_cert.out == "200");
  // A client certificate from another minikube CA (a kubeconfig left from a deleted cluster).
  auto stale = SimCluster::run({"/usr/bin/curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                                sim.state_dir() + "/ca.crt", "--cert", sim.state_dir() + "/profiles/stale/client.crt",
                                "--key", sim.state_dir() + "/profiles/stale/client.key", sim.server() + "/version"},
                               {});
  CHECK(stale.out == "401");
  // kubectl words the 401 its own way.
  std::ifstream in(sim.kubeconfig());
  std::string config((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const std::string file : {"client.crt", "client.key"}) {
    const auto at = config.find("profiles/minikube/" + file);
    config.replace(at, std::string("profiles/minikube/").size(), "profiles/stale/");
  }
  const auto stale_config = sim.state_dir() + "/stale-kubeconfig";
  std::ofstream(stale_config) << config;
  auto r = SimCluster::run({devk8s::test::kubectl_120(), "--kubeconfig", stale_config, "get", "pods"},
                           {{"HOME", sim.state_dir()}});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "error: You must be logged in to the server (Unauthorized)\n");
}

TEST_CASE("Simulated API server lists as kube-apiserver does", "[sim][apiserver]")
{
  SimCluster sim("seed-cn-v1.20");
  CHECK(raw(sim, "/version")["gitVersion"] == "v1.20.2");

  SECTION("events of one object, as kubectl describe selects them")
  {
    auto events = raw(sim, "/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dredis-master-0"
                           "%2CinvolvedObject.namespace%3Ddefault%2CinvolvedObject.kind%3DPod");
    CHECK(events["kind"] == "EventList");
    REQUIRE(events["items"].size() == 1);
    const auto& e = events["items"][0];
    CHECK(e["reason"] == "FailedScheduling");
    CHECK(e["count"] == 6);
    CHECK(e["type"] == "Warning");
    CHECK(e["source"] == json{{"component", "default-scheduler"}});
    CHECK(e["involvedObject"]["kind"] == "Pod");
    CHECK(e["eventTime"].is_null());
  }
  SECTION("label and field selectors")
  {
    auto masters = raw(sim, "/api/v1/pods?labelSelector=app.kubernetes.io%2Fcomponent%3Dmaster");
    REQUIRE(masters["items"].size() == 1);
    CHECK(masters["items"][0]["metadata"]["name"] == "redis-master-0");
    auto pending = raw(sim, "/api/v1/pods?fieldSelector=status.phase%3DPending");
    CHECK(pending["items"].size() == 3);
    auto not_kube_system = raw(sim, "/api/v1/pods?fieldSelector=metadata.namespace%21%3Dkube-system");
    CHECK(not_kube_system["items"].size() == 2);
  }
  SECTION("pages with limit and continue; an old token is 410 Gone")
  {
    auto first = raw(sim, "/api/v1/pods?limit=4");
    CHECK(first["items"].size() == 4);
    CHECK(first["metadata"]["remainingItemCount"] == 5);
    const auto token = first["metadata"]["continue"].get<std::string>();
    auto second = raw(sim, "/api/v1/pods?limit=10&continue=" + token);
    CHECK(second["items"].size() == 5);
    CHECK_FALSE(second["metadata"].contains("continue"));
    // Six minutes later on the simulation's clock the token is past etcd's compaction.
    auto doc = sim.state();
    doc["settings"]["clock"] = "2099-01-01T00:00:00Z";
    sim.write_state(doc);
    auto expired = sim.kubectl(devk8s::test::kubectl_120(), {"get", "--raw", "/api/v1/pods?limit=4&continue=" + token});
    CHECK(expired.exit_code != 0);
    CHECK(expired.err.find("The provided continue parameter is too old") != std::string::npos);
  }
  SECTION("kubectl pages through chunks")
  {
    auto r = sim.kubectl(devk8s::test::kubectl_120(), {"get", "pods", "-A", "--chunk-size=2", "-o", "name"});
    CHECK(r.exit_code == 0);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 9);
  }
  SECTION("a missing object is a NotFound Status")
  {
    auto r = sim.kubectl(devk8s::test::kubectl_120(), {"get", "pod", "nope"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "Error from server (NotFound): pods \"nope\" not found\n");
  }
}

TEST_CASE("Simulated API server creates and deletes pods and claims", "[sim][apiserver]")
{
  SimCluster sim("seed-cn-v1.20", true, "2021-05-20T10:00:00Z");
  const auto kubectl = devk8s::test::kubectl_120();
  const std::string manifest = sim.state_dir() + "/smoke.json";
  {
    std::ofstream out(manifest);
    out << json{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", "smoke"}}},
                {"spec", {{"containers", json::array({{{"name", "app"}, {"image", sim.mirror() + "/pause:3.9"}}})}}}}
               .dump();
  }
  auto create = sim.kubectl(kubectl, {"create", "-f", manifest});
  CAPTURE(create.err);
  CHECK(create.out == "pod/smoke created\n");
  // Its image is not on the node: kubelet pulls it for real from the registry (a manifest list).
  auto phase = sim.kubectl(kubectl, {"get", "pod", "smoke", "-o", "jsonpath={.status.phase} {.spec.nodeName}"});
  CHECK(phase.out == "Running minikube");
  auto again = sim.kubectl(kubectl, {"create", "-f", manifest});
  CHECK(again.err == "Error from server (AlreadyExists): error when creating \"" + manifest +
                         "\": pods \"smoke\" already exists\n");
  // An image the registry lacks: ErrImagePull at once, ImagePullBackOff from kubelet's next sync.
  const std::string missing = sim.state_dir() + "/missing.json";
  {
    std::ofstream out(missing);
    out << json{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", {{"name", "missing"}}},
                {"spec", {{"containers", json::array({{{"name", "app"}, {"image", sim.mirror() + "/missing:v1"},
                                                         {"imagePullPolicy", "IfNotPresent"}}})}}}}
               .dump();
  }
  REQUIRE(sim.kubectl(kubectl, {"create", "-f", missing}).exit_code == 0);
  const std::string reason = "jsonpath={.status.containerStatuses[0].state.waiting.reason}";
  CHECK(sim.kubectl(kubectl, {"get", "pod", "missing", "-o", reason}).out == "ErrImagePull");
  auto doc = sim.state();
  doc["settings"]["clock"] = "2021-05-20T10:00:02Z";
  sim.write_state(doc);
  CHECK(sim.kubectl(kubectl, {"get", "pod", "missing", "-o", reason}).out == "ImagePullBackOff");
  auto events = sim.kubectl(kubectl, {"describe", "pod", "missing"}).out;
  CHECK(events.find("Failed to pull image \"" + sim.mirror() + "/missing:v1\": rpc error: code = Unknown desc = "
                    "Error response from daemon: pull access denied for " + sim.mirror() + "/missing") !=
        std::string::npos);
  CHECK(events.find("Error: ErrImagePull") != std::string::npos);
  CHECK(events.find("Back-off pulling image") != std::string::npos);

  // kubectl apply creates, then patches; kubectl label patches too.
  const std::string claim = sim.state_dir() + "/claim.json";
  auto write_claim = [&](const std::string& team) {
    std::ofstream out(claim);
    out << json{{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"},
                {"metadata", {{"name", "smoke-claim"}, {"labels", {{"team", team}}}}},
                {"spec", {{"accessModes", {"ReadWriteOnce"}}, {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}}
               .dump();
  };
  write_claim("a");
  CHECK(sim.kubectl(kubectl, {"apply", "-f", claim}).out ==
        "persistentvolumeclaim/smoke-claim created\n");
  write_claim("b");
  CHECK(sim.kubectl(kubectl, {"apply", "-f", claim}).out ==
        "persistentvolumeclaim/smoke-claim configured\n");
  CHECK(sim.kubectl(kubectl, {"label", "pvc", "smoke-claim", "tier=db"}).exit_code == 0);
  CHECK(sim.kubectl(kubectl, {"get", "pvc", "smoke-claim", "-o", "jsonpath={.metadata.labels.team} "
                                                                  "{.metadata.labels.tier} {.status.phase}"})
            .out == "b db Pending");  // the seed's provisioner is down

  auto del = sim.kubectl(kubectl, {"delete", "pod", "smoke"});
  CHECK(del.out == "pod \"smoke\" deleted\n");
  CHECK(sim.kubectl(kubectl, {"get", "pod", "smoke"}).exit_code == 1);
}

TEST_CASE("Simulated API server fault modes", "[sim][apiserver]")
{
  SimCluster sim("seed-cn-v1.20");
  const auto kubectl = devk8s::test::kubectl_120();
  REQUIRE(sim.kubectl(kubectl, {"get", "pods"}).exit_code == 0);

  SECTION("forbidden")
  {
    set_faults(sim, {{"forbidden", {"events"}}});
    auto r = sim.kubectl(kubectl, {"get", "events"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("Error from server (Forbidden): events is forbidden: User \"minikube-user\" cannot list "
                     "resource \"events\"") != std::string::npos);
  }
  SECTION("internal error")
  {
    set_faults(sim, {{"error_500", {"pods"}}});
    auto r = sim.kubectl(kubectl, {"get", "pods"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("etcdserver: request timed out") != std::string::npos);
  }
  SECTION("slow answers")
  {
    set_faults(sim, {{"slow_ms", 1500}});
    auto r = sim.kubectl(kubectl, {"get", "pods", "--request-timeout=1s"});
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    // Go words the client timeout after the headers or while reading the body.
    CHECK((r.err.find("Timeout exceeded") != std::string::npos ||
           r.err.find("deadline exceeded") != std::string::npos));
  }
  SECTION("the server goes away mid-list")
  {
    set_faults(sim, {{"drop_mid_list", true}});
    auto r = sim.kubectl(kubectl, {"get", "pods", "-o", "name"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
  }
  SECTION("rejected credentials")
  {
    set_faults(sim, {{"unauthorized", true}});
    auto r = sim.kubectl(kubectl, {"get", "pods"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: You must be logged in to the server (Unauthorized)\n");
  }
  SECTION("a list that changes between pages: the continue token answers 410 with kube-apiserver's words")
  {
    set_faults(sim, {{"max_page", 2},
                     {"between_pages", {{"delete", {{{"resource", "pods"}, {"namespace", "default"}, {"name", "redis-master-0"}}}}}}});
    const auto first = raw(sim, "/api/v1/pods?limit=500");
    REQUIRE(first["items"].size() == 2); // max_page
    const auto token = first["metadata"]["continue"].get<std::string>();
    auto r = sim.kubectl(kubectl, {"get", "--raw", "/api/v1/pods?limit=500&continue=" + token});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "Error from server (Expired): The provided continue parameter is too old to display a consistent list "
                   "result. You can start a new list without the continue parameter, or use the continue token in this "
                   "response to retrieve the remainder of the results. Continuing with the provided token results in an "
                   "inconsistent list - objects that were created, modified, or deleted between the time the first "
                   "chunk was returned and now may show up in the list.\n");
    // The change happened once: the pod is gone, and a new list pages again without trouble.
    CHECK(sim.kubectl(kubectl, {"get", "pod", "redis-master-0"}).exit_code == 1);
    CHECK(sim.state()["settings"]["faults"].count("between_pages") == 0);
    const auto again = raw(sim, "/api/v1/pods?limit=500");
    CHECK(raw(sim, "/api/v1/pods?limit=500&continue=" + again["metadata"]["continue"].get<std::string>())["items"].size() == 2);
  }
  SECTION("after minikube delete there is no apiserver")
  {
    REQUIRE(sim.minikube({"delete"}).exit_code == 0);
    auto r = sim.kubectl(kubectl, {"get", "pods", "--request-timeout=1s"});
    CHECK(r.exit_code == 1);
  }
}

TEST_CASE("Simulated API server with a fixed clock answers the same every time", "[sim][apiserver]")
{
  const std::string clock = "2021-05-20T10:00:00Z";
  SimCluster first("seed-cn-v1.20", true, clock);
  SimCluster second("seed-cn-v1.20", true, clock);
  const auto kubectl = devk8s::test::kubectl_120();
  for (const auto& args : {std::vector<std::string>{"get", "pods", "-A", "-o", "json"},
                                              std::vector<std::string>{"get", "events", "-A", "-o", "json"},
                                              std::vector<std::string>{"get", "pods", "-A"}}) {
    CAPTURE(args);
    auto a = first.kubectl(kubectl, args);
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == second.kubectl(kubectl, args).out);
    CHECK(a.out == first.kubectl(kubectl, args).out);
  }
  auto pods = json::parse(first.kubectl(kubectl, {"get", "pod", "-n", "kube-system", "etcd-minikube", "-o", "json"}).out);
  // 20h before the clock (seed-case.md: the kube-system pods were 20h old).
  CHECK(pods["metadata"]["creationTimestamp"] == "2021-05-19T14:00:00Z");
}
