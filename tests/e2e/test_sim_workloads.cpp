// The simulation's workload controllers through real kubectl 1.20 (tests/sim/README.md):
// Deployments that get a ReplicaSet and pods (pkg/controller/deployment, pkg/controller/replicaset
// at v1.20), the Endpoints of Services (pkg/controller/endpoint), container logs (pods/log:
// pkg/registry/core/pod/rest/log.go, pkg/kubelet/kubelet_pods.go validateContainerLogStatus) and
// namespace deletion with Terminating (pkg/registry/core/namespace, NamespaceLifecycle admission,
// pkg/controller/namespace/deletion). Outputs were taken from kubectl 1.20.2 against the server.
#include "support/sim_cluster.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using devk8s::test::SimCluster;
using nlohmann::json;

namespace {

const std::string k_workloads_clock = "2021-05-20T10:00:00Z";

devk8s::ports::ProcessResult workloads_run(const SimCluster& sim, const std::vector<std::string>& args)
{
  return sim.kubectl(devk8s::test::kubectl_120(), args);
}

/// kubectl's stdout, for a command that must succeed.
std::string workloads_out(const SimCluster& sim, const std::vector<std::string>& args)
{
  auto r = workloads_run(sim, args);
  INFO("kubectl stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

json workloads_json(const SimCluster& sim, const std::vector<std::string>& args)
{
  return json::parse(workloads_out(sim, args));
}

void workloads_set_clock(const SimCluster& sim, const std::string& clock)
{
  auto doc = sim.state();
  doc["settings"]["clock"] = clock;
  sim.write_state(doc);
}

std::string workloads_manifest(const SimCluster& sim, const std::string& name, const json& doc)
{
  const auto path = sim.state_dir() + "/" + name + ".json";
  std::ofstream(path) << doc.dump();
  return path;
}

/// curl with the cluster's client certificate, for the Status bodies kubectl does not show.
devk8s::ports::ProcessResult workloads_curl(const SimCluster& sim, const std::vector<std::string>& args)
{
  std::vector<std::string> argv = {"/usr/bin/curl", "-s", "-A", "devk8s-tests", "--cacert", sim.state_dir() + "/ca.crt",
                                   "--cert", sim.state_dir() + "/profiles/minikube/client.crt", "--key",
                                   sim.state_dir() + "/profiles/minikube/client.key"};
  argv.insert(argv.end(), args.begin(), args.end());
  return SimCluster::run(argv, {});
}

/// The condition of the given type in a status.conditions array (an empty object if none).
json workloads_condition(const json& status, const std::string& type)
{
  for (const auto& c : status.value("conditions", json::array())) {
    if (c.value("type", "") == type) {
      return c;
    }
  }
  return json::object();
}

/// The one pod a label selects.
json workloads_only_pod(const SimCluster& sim, const std::string& selector, const std::string& ns = "default")
{
  auto pods = workloads_json(sim, {"get", "pods", "-n", ns, "-l", selector, "-o", "json"})["items"];
  REQUIRE(pods.size() == 1);
  return pods[0];
}

} // namespace

TEST_CASE("A Deployment created through the simulated API gets a ReplicaSet and a Running pod", "[sim][e2e]")
{
  SimCluster sim("healthy", true, k_workloads_clock);
  const auto image = sim.mirror() + "/storage-provisioner:v5";
  REQUIRE(workloads_out(sim, {"create", "deployment", "web", "--image=" + image}) == "deployment.apps/web created\n");

  const auto deployment = workloads_json(sim, {"get", "deployment", "web", "-o", "json"});
  const auto deployment_uid = deployment["metadata"]["uid"].get<std::string>();
  auto replicasets = workloads_json(sim, {"get", "replicasets", "-l", "app=web", "-o", "json"})["items"];
  REQUIRE(replicasets.size() == 1);
  const auto rs = replicasets[0];
  const auto rs_name = rs["metadata"]["name"].get<std::string>();
  const auto hash = rs["metadata"]["labels"].value("pod-template-hash", "");
  CAPTURE(rs_name, hash);
  // controller.ComputeHash written through rand.SafeEncodeString: 9 or 10 of its characters.
  CHECK(rs_name == "web-" + hash);
  CHECK(hash.size() >= 9);
  CHECK(hash.size() <= 10);
  CHECK(hash.find_first_not_of("bcdfghjklmnpqrstvwxz2456789") == std::string::npos);
  CHECK(rs["metadata"]["ownerReferences"] == json::array({{{"apiVersion", "apps/v1"},
                                                           {"kind", "Deployment"},
                                                           {"name", "web"},
                                                           {"uid", deployment_uid},
                                                           {"controller", true},
                                                           {"blockOwnerDeletion", true}}}));
  CHECK(rs["spec"]["selector"] == json{{"matchLabels", {{"app", "web"}, {"pod-template-hash", hash}}}});
  CHECK(rs["spec"]["template"]["metadata"]["labels"] == json{{"app", "web"}, {"pod-template-hash", hash}});
  CHECK(rs["spec"]["replicas"] == 1);
  CHECK(rs["metadata"]["annotations"] == json{{"deployment.kubernetes.io/desired-replicas", "1"},
                                              {"deployment.kubernetes.io/max-replicas", "2"},
                                              {"deployment.kubernetes.io/revision", "1"}});
  CHECK(rs["status"] == json{{"replicas", 1},
                             {"fullyLabeledReplicas", 1},
                             {"readyReplicas", 1},
                             {"availableReplicas", 1},
                             {"observedGeneration", 1}});

  const auto pod = workloads_only_pod(sim, "app=web");
  const auto pod_name = pod["metadata"]["name"].get<std::string>();
  CAPTURE(pod_name);
  CHECK(pod_name.size() == rs_name.size() + 6);
  CHECK(pod_name.rfind(rs_name + "-", 0) == 0);
  CHECK(pod["metadata"]["labels"] == json{{"app", "web"}, {"pod-template-hash", hash}});
  CHECK(pod["metadata"]["ownerReferences"] == json::array({{{"apiVersion", "apps/v1"},
                                                            {"kind", "ReplicaSet"},
                                                            {"name", rs_name},
                                                            {"uid", rs["metadata"]["uid"]},
                                                            {"controller", true},
                                                            {"blockOwnerDeletion", true}}}));
  CHECK(pod["spec"]["containers"][0]["image"] == image);
  CHECK(pod["spec"]["nodeName"] == "minikube");
  CHECK(pod["status"]["phase"] == "Running");
  CHECK(workloads_condition(pod["status"], "Ready").value("status", "") == "True");

  // The deployment controller's status, as kubectl prints it and as it is stored.
  CHECK(workloads_out(sim, {"get", "deployment", "web"}) == "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n"
                                                           "web    1/1     1            1           0s\n");
  auto rollout = workloads_run(sim, {"rollout", "status", "deployment/web", "--timeout=20s"});
  CAPTURE(rollout.err);
  CHECK(rollout.exit_code == 0);
  CHECK(rollout.out == "deployment \"web\" successfully rolled out\n");
  const auto status = deployment["status"];
  CHECK(deployment["metadata"]["annotations"] == json{{"deployment.kubernetes.io/revision", "1"}});
  CHECK(status["observedGeneration"] == 1);
  CHECK(status["replicas"] == 1);
  CHECK(status["updatedReplicas"] == 1);
  CHECK(status["readyReplicas"] == 1);
  CHECK(status["availableReplicas"] == 1);
  CHECK_FALSE(status.contains("unavailableReplicas"));
  REQUIRE(status["conditions"].size() == 2);
  CHECK(status["conditions"][0]["type"] == "Available");
  CHECK(status["conditions"][0]["status"] == "True");
  CHECK(status["conditions"][0]["reason"] == "MinimumReplicasAvailable");
  CHECK(status["conditions"][0]["message"] == "Deployment has minimum availability.");
  CHECK(status["conditions"][1]["type"] == "Progressing");
  CHECK(status["conditions"][1]["status"] == "True");
  CHECK(status["conditions"][1]["reason"] == "NewReplicaSetAvailable");
  CHECK(status["conditions"][1]["message"] == "ReplicaSet \"" + rs_name + "\" has successfully progressed.");
  CHECK(workloads_out(sim, {"get", "events", "--field-selector", "involvedObject.kind=Deployment", "-o",
                            "jsonpath={range .items[*]}{.source.component} {.reason}: {.message}{\"\\n\"}{end}"}) ==
        "deployment-controller ScalingReplicaSet: Scaled up replica set " + rs_name + " to 1\n");

  // The ReplicaSet replaces a deleted pod under a new name.
  CHECK(workloads_out(sim, {"delete", "pod", pod_name}) == "pod \"" + pod_name + "\" deleted\n");
  const auto replacement = workloads_only_pod(sim, "app=web");
  const auto replacement_name = replacement["metadata"]["name"].get<std::string>();
  CHECK(replacement_name != pod_name);
  CHECK(replacement_name.rfind(rs_name + "-", 0) == 0);
  CHECK(replacement["status"]["phase"] == "Running");
  const auto created = workloads_out(sim, {"get", "events", "--field-selector", "involvedObject.kind=ReplicaSet", "-o",
                                           "jsonpath={range .items[*]}{.source.component} {.reason}: {.message}"
                                           "{\"\\n\"}{end}"});
  CHECK(devk8s::test::has(created, "replicaset-controller SuccessfulCreate: Created pod: " + pod_name + "\n"));
  CHECK(devk8s::test::has(created, "replicaset-controller SuccessfulCreate: Created pod: " + replacement_name + "\n"));

  // The garbage collector takes the ReplicaSet and its pod with the Deployment.
  CHECK(workloads_out(sim, {"delete", "deployment", "web"}) == "deployment.apps \"web\" deleted\n");
  CHECK(workloads_out(sim, {"get", "replicasets,pods", "-l", "app=web", "-o", "name"}).empty());
}

TEST_CASE("A simulated Deployment whose image cannot be pulled stays unavailable", "[sim][e2e]")
{
  SimCluster sim("healthy", true, k_workloads_clock);
  REQUIRE(workloads_out(sim, {"create", "deployment", "broken", "--image=" + sim.mirror() + "/not-there:v1"}) ==
          "deployment.apps/broken created\n");
  const auto pod_name = workloads_only_pod(sim, "app=broken")["metadata"]["name"].get<std::string>();
  CAPTURE(pod_name);
  // kubelet's first answer, then its back-off from the next second on; the kubelet's words for
  // a container that never started reach kubectl through the apiserver's BadRequest.
  auto first = workloads_run(sim, {"logs", pod_name});
  CHECK(first.exit_code == 1);
  CHECK(first.err == "Error from server (BadRequest): container \"not-there\" in pod \"" + pod_name +
                         "\" is waiting to start: image can't be pulled\n");
  workloads_set_clock(sim, "2021-05-20T10:00:05Z");
  CHECK(devk8s::test::has(workloads_out(sim, {"get", "pods", "-l", "app=broken"}),
                          pod_name + "   0/1     ImagePullBackOff   0          5s\n"));
  auto backoff = workloads_run(sim, {"logs", pod_name});
  CHECK(backoff.exit_code == 1);
  CHECK(backoff.err == "Error from server (BadRequest): container \"not-there\" in pod \"" + pod_name +
                           "\" is waiting to start: trying and failing to pull image\n");

  CHECK(workloads_out(sim, {"get", "deployment", "broken"}) == "NAME     READY   UP-TO-DATE   AVAILABLE   AGE\n"
                                                              "broken   0/1     1            0           5s\n");
  const auto status = workloads_json(sim, {"get", "deployment", "broken", "-o", "json"})["status"];
  CHECK(status["replicas"] == 1);
  CHECK(status["updatedReplicas"] == 1);
  CHECK(status["unavailableReplicas"] == 1);
  CHECK_FALSE(status.contains("readyReplicas"));
  CHECK_FALSE(status.contains("availableReplicas"));
  const auto rs_name = workloads_out(sim, {"get", "replicasets", "-l", "app=broken", "-o",
                                           "jsonpath={.items[0].metadata.name}"});
  const auto available = workloads_condition(status, "Available");
  CHECK(available.value("status", "") == "False");
  CHECK(available.value("reason", "") == "MinimumReplicasUnavailable");
  CHECK(available.value("message", "") == "Deployment does not have minimum availability.");
  const auto progressing = workloads_condition(status, "Progressing");
  CHECK(progressing.value("status", "") == "True");
  CHECK(progressing.value("reason", "") == "ReplicaSetUpdated");
  CHECK(progressing.value("message", "") == "ReplicaSet \"" + rs_name + "\" is progressing.");

  // Ten minutes without progress (progressDeadlineSeconds 600) of the simulation's clock.
  workloads_set_clock(sim, "2021-05-20T10:11:00Z");
  const auto late = workloads_condition(workloads_json(sim, {"get", "deployment", "broken", "-o", "json"})["status"],
                                        "Progressing");
  CHECK(late.value("status", "") == "False");
  CHECK(late.value("reason", "") == "ProgressDeadlineExceeded");
  CHECK(late.value("message", "") == "ReplicaSet \"" + rs_name + "\" has timed out progressing.");
  auto rollout = workloads_run(sim, {"rollout", "status", "deployment/broken", "--timeout=10s"});
  CHECK(rollout.exit_code == 1);
  CHECK(rollout.err == "error: deployment \"broken\" exceeded its progress deadline\n");
}

TEST_CASE("Simulated Services get the Endpoints of the pods they select", "[sim][e2e]")
{
  SimCluster sim("healthy", true, k_workloads_clock);
  REQUIRE(workloads_out(sim, {"create", "deployment", "web", "--image=" + sim.mirror() + "/storage-provisioner:v5"}) ==
          "deployment.apps/web created\n");
  REQUIRE(workloads_out(sim, {"create", "deployment", "broken", "--image=" + sim.mirror() + "/not-there:v1"}) ==
          "deployment.apps/broken created\n");
  CHECK(workloads_out(sim, {"expose", "deployment", "web", "--port", "80", "--target-port", "8080"}) ==
        "service/web exposed\n");

  const auto pod = workloads_only_pod(sim, "app=web");
  const auto pod_ip = pod["status"]["podIP"].get<std::string>();
  CAPTURE(pod_ip);
  const auto web = workloads_json(sim, {"get", "endpoints", "web", "-o", "json"});
  CHECK(web["metadata"]["labels"] == json{{"app", "web"}});
  REQUIRE(web["subsets"].size() == 1);
  const auto& subset = web["subsets"][0];
  CHECK(subset["addresses"] == json::array({{{"ip", pod_ip},
                                             {"nodeName", "minikube"},
                                             {"targetRef",
                                              {{"kind", "Pod"},
                                               {"namespace", "default"},
                                               {"name", pod["metadata"]["name"]},
                                               {"uid", pod["metadata"]["uid"]},
                                               {"resourceVersion", pod["metadata"]["resourceVersion"]}}}}}));
  CHECK_FALSE(subset.contains("notReadyAddresses"));
  CHECK(subset["ports"] == json::array({{{"port", 8080}, {"protocol", "TCP"}}}));
  const auto endpoint = pod_ip + ":8080";
  CHECK(workloads_out(sim, {"get", "ep", "web"}) ==
        "NAME   ENDPOINTS" + std::string(endpoint.size() - 9, ' ') + "   AGE\nweb    " + endpoint + "   0s\n");

  // A pod that is not Ready (its image cannot be pulled; it has its sandbox's IP) is not ready
  // to serve: notReadyAddresses.
  CHECK(workloads_out(sim, {"expose", "deployment", "broken", "--port", "80"}) == "service/broken exposed\n");
  const auto broken_pod = workloads_only_pod(sim, "app=broken");
  const auto broken = workloads_json(sim, {"get", "endpoints", "broken", "-o", "json"});
  REQUIRE(broken["subsets"].size() == 1);
  CHECK_FALSE(broken["subsets"][0].contains("addresses"));
  REQUIRE(broken["subsets"][0]["notReadyAddresses"].size() == 1);
  CHECK(broken["subsets"][0]["notReadyAddresses"][0]["ip"] == broken_pod["status"]["podIP"]);
  CHECK(broken["subsets"][0]["notReadyAddresses"][0]["targetRef"]["name"] == broken_pod["metadata"]["name"]);
  CHECK(broken["subsets"][0]["ports"] == json::array({{{"port", 80}, {"protocol", "TCP"}}}));

  // No pod matches: no subsets at all.
  CHECK(workloads_out(sim, {"create", "service", "clusterip", "nobody", "--tcp=80:80"}) == "service/nobody created\n");
  CHECK_FALSE(workloads_json(sim, {"get", "endpoints", "nobody", "-o", "json"}).contains("subsets"));
  CHECK(workloads_out(sim, {"get", "ep", "nobody"}) == "NAME     ENDPOINTS   AGE\nnobody   <none>      0s\n");

  // The apiserver's own, as minikube's is.
  const auto kubernetes = workloads_json(sim, {"get", "endpoints", "kubernetes", "-o", "json"});
  CHECK(kubernetes["subsets"] == json::array({{{"addresses", json::array({{{"ip", "192.168.49.2"}}})},
                                               {"ports", json::array({{{"name", "https"},
                                                                       {"port", 8443},
                                                                       {"protocol", "TCP"}}})}}}));

  // The Endpoints goes with its Service.
  CHECK(workloads_out(sim, {"delete", "service", "web"}) == "service \"web\" deleted\n");
  auto gone = workloads_run(sim, {"get", "endpoints", "web"});
  CHECK(gone.exit_code == 1);
  CHECK(gone.err == "Error from server (NotFound): endpoints \"web\" not found\n");
}

TEST_CASE("kubectl logs shows what a simulated container's shell script echoes", "[sim][e2e]")
{
  SimCluster sim("healthy", true, k_workloads_clock);
  const auto image = sim.mirror() + "/storage-provisioner:v5";
  REQUIRE(workloads_out(sim, {"create", "job", "hello", "--image=" + image, "--", "sh", "-c",
                              "echo one; echo \"two three\" > /tmp/x; echo four"}) == "job.batch/hello created\n");
  const auto pod_name = workloads_only_pod(sim, "job-name=hello")["metadata"]["name"].get<std::string>();
  CAPTURE(pod_name);
  // The container exits 0 a simulated second after it started; its log is the script's echoes
  // to stdout (not the one redirected to a file).
  workloads_set_clock(sim, "2021-05-20T10:00:05Z");
  CHECK(workloads_only_pod(sim, "job-name=hello")["status"]["phase"] == "Succeeded");
  CHECK(workloads_out(sim, {"logs", pod_name}) == "one\nfour\n");
  CHECK(workloads_out(sim, {"logs", "job/hello"}) == "one\nfour\n");
  CHECK(workloads_out(sim, {"logs", pod_name, "--tail=1"}) == "four\n");
  auto previous = workloads_run(sim, {"logs", pod_name, "--previous"});
  CHECK(previous.exit_code == 1);
  CHECK(previous.err == "Error from server (BadRequest): previous terminated container \"hello\" in pod \"" +
                            pod_name + "\" not found\n");

  // Two containers and none named: kubectl 1.20 refuses first; the apiserver's own answer.
  const auto two = workloads_manifest(
      sim, "two",
      {{"apiVersion", "v1"},
       {"kind", "Pod"},
       {"metadata", {{"name", "two"}}},
       {"spec",
        {{"containers", json::array({{{"name", "a"}, {"image", image}, {"command", {"sh", "-c", "echo from a"}}},
                                     {{"name", "b"},
                                      {"image", image},
                                      {"args", {"/bin/sh", "-c", "echo from b; echo again"}}}})}}}});
  REQUIRE(workloads_out(sim, {"create", "-f", two}) == "pod/two created\n");
  auto unnamed = workloads_run(sim, {"logs", "two"});
  CHECK(unnamed.exit_code == 1);
  CHECK(unnamed.err == "error: a container name must be specified for pod two, choose one of: [a b]\n");
  auto raw = workloads_run(sim, {"get", "--raw", "/api/v1/namespaces/default/pods/two/log"});
  CHECK(raw.exit_code == 1);
  CHECK(raw.err == "Error from server (BadRequest): a container name must be specified for pod two, choose one "
                   "of: [a b]\n");
  CHECK(workloads_out(sim, {"logs", "two", "-c", "b"}) == "from b\nagain\n");
  CHECK(workloads_out(sim, {"logs", "two", "-c", "a"}) == "from a\n");

  // A container that runs no shell script logs nothing.
  REQUIRE(workloads_out(sim, {"create", "deployment", "web", "--image=" + image}) == "deployment.apps/web created\n");
  CHECK(workloads_out(sim, {"logs", "deployment/web"}).empty());
  auto missing = workloads_run(sim, {"logs", "nosuch"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "Error from server (NotFound): pods \"nosuch\" not found\n");
}

TEST_CASE("A deleted namespace is Terminating in the simulation until its controller removes it", "[sim][e2e]")
{
  SimCluster sim("healthy", true, k_workloads_clock);
  const auto image = sim.mirror() + "/storage-provisioner:v5";
  REQUIRE(workloads_out(sim, {"create", "namespace", "doomed"}) == "namespace/doomed created\n");
  REQUIRE(workloads_out(sim, {"create", "deployment", "app", "-n", "doomed", "--image=" + image}) ==
          "deployment.apps/app created\n");
  CHECK(workloads_out(sim, {"delete", "namespace", "doomed", "--wait=false"}) == "namespace \"doomed\" deleted\n");

  CHECK(workloads_out(sim, {"get", "namespace", "doomed"}) == "NAME     STATUS        AGE\n"
                                                             "doomed   Terminating   0s\n");
  const auto ns = workloads_json(sim, {"get", "namespace", "doomed", "-o", "json"});
  CHECK(ns["metadata"]["deletionTimestamp"] == k_workloads_clock);
  CHECK(ns["spec"]["finalizers"] == json::array({"kubernetes"}));
  CHECK(ns["status"]["phase"] == "Terminating");
  const auto remaining = workloads_condition(ns["status"], "NamespaceContentRemaining");
  CHECK(remaining.value("status", "") == "True");
  CHECK(remaining.value("reason", "") == "SomeResourcesRemain");
  CHECK(remaining.value("message", "") == "Some resources are remaining: pods. has 1 resource instances");
  CHECK(workloads_condition(ns["status"], "NamespaceDeletionDiscoveryFailure").value("status", "") == "False");
  // The deployment's pod is being stopped; the rest is gone.
  CHECK(devk8s::test::has(workloads_out(sim, {"get", "pods", "-n", "doomed"}), "   1/1     Terminating   0          0s\n"));
  CHECK(workloads_out(sim, {"get", "deployments,replicasets", "-n", "doomed", "-o", "name"}).empty());

  // NamespaceLifecycle admission refuses new content; the namespace's name is still taken.
  auto refused = workloads_run(sim, {"create", "deployment", "again", "-n", "doomed", "--image=" + image});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == "error: failed to create deployment: deployments.apps \"again\" is forbidden: unable to create "
                       "new content in namespace doomed because it is being terminated\n");
  auto posted = workloads_curl(sim, {"-w", "\n%{http_code}", "-H", "Content-Type: application/json", "-d",
                                     R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},)"
                                     R"("spec":{"containers":[{"name":"c","image":"x"}]}})",
                                     sim.server() + "/api/v1/namespaces/doomed/pods"});
  CHECK(posted.out ==
        R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"p\" is forbidden: )"
        R"(unable to create new content in namespace doomed because it is being terminated","reason":"Forbidden",)"
        R"("details":{"name":"p","kind":"pods","causes":[{"reason":"NamespaceTerminating","message":"namespace )"
        R"(doomed is being terminated","field":"metadata.namespace"}]},"code":403})"
        "\n403");
  auto again = workloads_run(sim, {"create", "namespace", "doomed"});
  CHECK(again.exit_code == 1);
  CHECK(again.err == "Error from server (AlreadyExists): object is being deleted: namespaces \"doomed\" already "
                     "exists\n");
  CHECK(workloads_out(sim, {"delete", "namespace", "doomed", "--wait=false"}) == "namespace \"doomed\" deleted\n");

  // A second of the simulation's clock later the controller has removed it.
  workloads_set_clock(sim, "2021-05-20T10:00:01Z");
  auto gone = workloads_run(sim, {"get", "namespace", "doomed"});
  CHECK(gone.exit_code == 1);
  CHECK(gone.err == "Error from server (NotFound): namespaces \"doomed\" not found\n");
  CHECK(workloads_out(sim, {"get", "pods", "-n", "doomed", "-o", "name"}).empty());
  CHECK(workloads_out(sim, {"create", "namespace", "doomed"}) == "namespace/doomed created\n");
  CHECK(workloads_out(sim, {"get", "namespace", "doomed", "-o", "jsonpath={.status.phase}"}) == "Active");

  auto immortal = workloads_run(sim, {"delete", "namespace", "kube-system"});
  CHECK(immortal.exit_code == 1);
  CHECK(immortal.err ==
        "Error from server (Forbidden): namespaces \"kube-system\" is forbidden: this namespace may not be deleted\n");
}
