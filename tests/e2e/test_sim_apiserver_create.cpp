// The simulated API server's write side with real kubectl clients (1.20.2 and the system's):
// OpenAPI v2 so that create/apply validate without --validate=false, create of any served
// resource with the apiserver's defaults and Status errors, Services, and Jobs that run to
// completion (or cannot pull). Shapes: Kubernetes API reference v1.20 (Namespace, Service,
// Job, Pod, Status); columns: pkg/printers/internalversion/printers.go at v1.20.2.
#include "support/sim_cluster.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using devk8s::test::SimCluster;
using nlohmann::json;

namespace {

const std::string k_create_clock = "2021-05-20T10:00:00Z";

std::string write_manifest(const SimCluster& sim, const std::string& name, const json& doc)
{
  const auto path = sim.state_dir() + "/" + name + ".json";
  std::ofstream(path) << doc.dump();
  return path;
}

void set_clock(const SimCluster& sim, const std::string& clock)
{
  auto doc = sim.state();
  doc["settings"]["clock"] = clock;
  sim.write_state(doc);
}

/// curl with the cluster's client certificate: the bytes and status kubectl does not show. Under
/// a program's User-Agent: for curl's the server indents its JSON, as kube-apiserver does.
devk8s::ports::ProcessResult curl(const SimCluster& sim, const std::vector<std::string>& args)
{
  std::vector<std::string> argv = {"/usr/bin/curl", "-s", "-A", "devk8s-tests", "--cacert", sim.state_dir() + "/ca.crt", "--cert",
                                   sim.state_dir() + "/profiles/minikube/client.crt", "--key",
                                   sim.state_dir() + "/profiles/minikube/client.key"};
  argv.insert(argv.end(), args.begin(), args.end());
  return SimCluster::run(argv, {});
}

json job_manifest(const std::string& name, const std::string& image)
{
  return {{"apiVersion", "batch/v1"},
          {"kind", "Job"},
          {"metadata", {{"name", name}}},
          {"spec",
           {{"template",
             {{"spec",
               {{"restartPolicy", "Never"},
                {"containers", json::array({{{"name", "smoke"}, {"image", image}, {"command", {"/pause"}}}})}}}}}}}};
}

} // namespace

TEST_CASE("Simulated API server serves OpenAPI v2 as protobuf and JSON and no v3", "[sim][apiserver]")
{
  SimCluster sim("seed-cn-v1.20");
  // gnostic openapi_v2.Document: swagger (1) "2.0", info (2) {title (1), version (2)}, empty
  // paths (8) and definitions (9), as kubectl 1.20 asks for it.
  auto pb = curl(sim, {"-w", "\n%{http_code}", "-H",
                       "Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
                       sim.server() + "/openapi/v2"});
  const std::string expected_pb = std::string("\x0a\x03" "2.0" "\x12\x15\x0a\x0a" "Kubernetes" "\x12\x07" "v1.20.2"
                                              "\x42\x00\x4a\x00", 32) + "\n200";
  CHECK(pb.out == expected_pb);
  auto doc = json::parse(
      sim.kubectl(devk8s::test::kubectl_120(), {"get", "--raw", "/openapi/v2"}).out);
  CHECK(doc == json{{"swagger", "2.0"},
                    {"info", {{"title", "Kubernetes"}, {"version", "v1.20.2"}}},
                    {"paths", json::object()},
                    {"definitions", json::object()}});
  // kube-openapi's handler: 406 for a type it cannot produce.
  CHECK(curl(sim, {"-o", "/dev/null", "-w", "%{http_code}", "-H", "Accept: text/html", sim.server() + "/openapi/v2"})
            .out == "406");
  // v1.20 has no /openapi/v3: the delegation chain ends in Go's NotFoundHandler.
  CHECK(curl(sim, {"-w", "\n%{http_code}", sim.server() + "/openapi/v3"}).out == "404 page not found\n\n404");
}

TEST_CASE("kubectl create and apply validate against the simulated API server", "[sim][apiserver]")
{
  SimCluster sim("seed-cn-v1.20", true, k_create_clock);
  const auto clients = devk8s::test::kubectl_clients();
  for (size_t i = 0; i < clients.size(); ++i) {
    const auto& kubectl = clients[i];
    CAPTURE(kubectl);
    const auto n = std::to_string(i);
    // No --validate=false: kubectl fetches the OpenAPI document (1.32 after /openapi/v3 is 404).
    const auto pod = write_manifest(
        sim, "pod" + n,
        {{"apiVersion", "v1"},
         {"kind", "Pod"},
         {"metadata", {{"name", "smoke-" + n}}},
         {"spec", {{"containers", json::array({{{"name", "app"}, {"image", sim.mirror() + "/pause:3.9"}}})}}}});
    auto create = sim.kubectl(kubectl, {"create", "-f", pod});
    CAPTURE(create.err);
    CHECK(create.out == "pod/smoke-" + n + " created\n");
    CHECK(create.exit_code == 0);

    auto claim = [&](const std::string& team) {
      return write_manifest(sim, "claim" + n,
                            {{"apiVersion", "v1"},
                             {"kind", "PersistentVolumeClaim"},
                             {"metadata", {{"name", "claim-" + n}, {"labels", {{"team", team}}}}},
                             {"spec",
                              {{"accessModes", {"ReadWriteOnce"}},
                               {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}});
    };
    auto first = sim.kubectl(kubectl, {"apply", "-f", claim("a")});
    CAPTURE(first.err);
    CHECK(first.out == "persistentvolumeclaim/claim-" + n + " created\n");
    auto second = sim.kubectl(kubectl, {"apply", "-f", claim("b")});
    CAPTURE(second.err);
    CHECK(second.out == "persistentvolumeclaim/claim-" + n + " configured\n");
    CHECK(sim.kubectl(kubectl, {"get", "pvc", "claim-" + n, "-o", "jsonpath={.metadata.labels.team}"}).out == "b");
  }
}

TEST_CASE("Simulated API server creates namespaces and refuses a missing one", "[sim][apiserver]")
{
  SimCluster sim("seed-cn-v1.20", true, k_create_clock);
  const auto clients = devk8s::test::kubectl_clients();
  for (size_t i = 0; i < clients.size(); ++i) {
    const auto& kubectl = clients[i];
    CAPTURE(kubectl);
    const auto name = "smoke-" + std::to_string(i);
    const auto ns = write_manifest(sim, "ns" + std::to_string(i),
                                   {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}});
    auto created = sim.kubectl(kubectl, {"create", "-f", ns});
    CAPTURE(created.err);
    CHECK(created.out == "namespace/" + name + " created\n");
    auto got = json::parse(sim.kubectl(kubectl, {"get", "namespace", name, "-o", "json"}).out);
    CHECK(got["status"] == json{{"phase", "Active"}});
    CHECK(got["spec"] == json{{"finalizers", {"kubernetes"}}});
    CHECK(got["metadata"]["creationTimestamp"] == k_create_clock);
    CHECK(got["metadata"]["uid"].get<std::string>().size() == 36);
    auto again = sim.kubectl(kubectl, {"create", "-f", ns});
    CHECK(again.err == "Error from server (AlreadyExists): error when creating \"" + ns + "\": namespaces \"" + name +
                           "\" already exists\n");

    // NamespaceLifecycle admission: no object goes into a namespace that does not exist.
    const auto pod = write_manifest(
        sim, "lostpod" + std::to_string(i),
        {{"apiVersion", "v1"},
         {"kind", "Pod"},
         {"metadata", {{"name", "lost"}, {"namespace", "nope"}}},
         {"spec", {{"containers", json::array({{{"name", "app"}, {"image", sim.mirror() + "/pause:3.9"}}})}}}});
    auto missing = sim.kubectl(kubectl, {"create", "-f", pod});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err == "Error from server (NotFound): error when creating \"" + pod +
                             "\": namespaces \"nope\" not found\n");
  }
  // A protobuf body with a field the server does not read (NamespaceSpec.finalizers, 1) is
  // refused rather than stored without it.
  const std::string pb = std::string("k8s\0", 4) + "\x0a\x0f\x0a\x02v1\x12\x09Namespace" +
                         "\x12\x0c\x0a\x04\x0a\x02n1\x12\x04\x0a\x02xx";
  std::ofstream(sim.state_dir() + "/ns.pb", std::ios::binary) << pb;
  auto unread = curl(sim, {"-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H",
                           "Content-Type: application/vnd.kubernetes.protobuf", "--data-binary",
                           "@" + sim.state_dir() + "/ns.pb", sim.server() + "/api/v1/namespaces"});
  CHECK(unread.out == "415");
  // The Status bodies behind those messages, and 422 for an object without a name.
  auto body = curl(sim, {"-w", "\n%{http_code}", "-X", "POST", "-H", "Content-Type: application/json", "--data",
                         R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"containers":[]}})",
                         sim.server() + "/api/v1/namespaces/nope/pods"});
  CHECK(body.out == R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
                    R"("message":"namespaces \"nope\" not found","reason":"NotFound",)"
                    R"("details":{"name":"nope","kind":"namespaces"},"code":404})"
                    "\n404");
  auto unnamed = curl(sim, {"-w", "\n%{http_code}", "-X", "POST", "-H", "Content-Type: application/json", "--data",
                            R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{}})",
                            sim.server() + "/apis/apps/v1/namespaces/default/deployments"});
  CHECK(unnamed.out ==
        R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",)"
        R"("message":"Deployment.apps \"\" is invalid: metadata.name: Required value: name or generateName is )"
        R"(required","reason":"Invalid","details":{"kind":"Deployment","causes":[{"reason":)"
        R"("FieldValueRequired","message":"Required value: name or generateName is required","field":)"
        R"("metadata.name"}],"group":"apps"},"code":422})"
        "\n422");
}

TEST_CASE("kubectl 1.32 typed create commands send protobuf the simulated API server reads", "[sim][apiserver]")
{
  const auto system = devk8s::test::kubectl_system();
  if (system.empty()) {
    WARN("no system kubectl: nothing to check");
    return;
  }
  SimCluster sim("seed-cn-v1.20", true, k_create_clock);
  const auto image = sim.mirror() + "/pause:3.9";
  CHECK(sim.kubectl(system, {"create", "namespace", "smoke"}).out == "namespace/smoke created\n");
  CHECK(sim.kubectl(system, {"create", "job", "hello", "-n", "smoke", "--image=" + image, "--", "/pause"}).out ==
        "job.batch/hello created\n");
  CHECK(sim.kubectl(system, {"create", "deployment", "web", "-n", "smoke", "--image=" + image, "--replicas=2"}).out ==
        "deployment.apps/web created\n");
  CHECK(sim.kubectl(system, {"create", "service", "nodeport", "web", "-n", "smoke", "--tcp=80:8080",
                             "--node-port=30080"})
            .out == "service/web created\n");
  auto job = json::parse(sim.kubectl(system, {"get", "job", "hello", "-n", "smoke", "-o", "json"}).out);
  CHECK(job["spec"]["template"]["spec"]["containers"][0]["command"] == json::array({"/pause"}));
  CHECK(job["spec"]["template"]["spec"]["restartPolicy"] == "Never");
  auto deployment = json::parse(sim.kubectl(system, {"get", "deployment", "web", "-n", "smoke", "-o", "json"}).out);
  CHECK(deployment["spec"]["replicas"] == 2);
  CHECK(deployment["spec"]["selector"] == json{{"matchLabels", {{"app", "web"}}}});
  auto svc = json::parse(sim.kubectl(system, {"get", "svc", "web", "-n", "smoke", "-o", "json"}).out);
  CHECK(svc["spec"]["type"] == "NodePort");
  CHECK(svc["spec"]["ports"] == json::array({{{"name", "80-8080"}, {"protocol", "TCP"}, {"port", 80},
                                              {"targetPort", 8080}, {"nodePort", 30080}}}));
  CHECK(svc["spec"]["selector"] == json{{"app", "web"}});
  auto missing = sim.kubectl(system, {"create", "job", "lost", "-n", "nope", "--image=" + image});
  CHECK(missing.err == "error: failed to create job: namespaces \"nope\" not found\n");
}

TEST_CASE("Simulated API server serves Services as minikube has them", "[sim][apiserver]")
{
  SimCluster sim("seed-cn-v1.20", true, k_create_clock);
  for (const auto& kubectl : devk8s::test::kubectl_clients()) {
    CAPTURE(kubectl);
    auto all = sim.kubectl(kubectl, {"get", "svc", "-A"});
    CAPTURE(all.err);
    CHECK(all.out == "NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\n"
                     "default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  20h\n"
                     "kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   20h\n");
  }
  const auto kubectl = devk8s::test::kubectl_120();
  const auto svc = write_manifest(sim, "svc",
                                  {{"apiVersion", "v1"},
                                   {"kind", "Service"},
                                   {"metadata", {{"name", "web"}}},
                                   {"spec",
                                    {{"selector", {{"app", "web"}}},
                                     {"ports", json::array({{{"name", "http"}, {"port", 80}},
                                                            {{"name", "metrics"}, {"port", 9090},
                                                             {"targetPort", 19090}}})}}}});
  auto created = sim.kubectl(kubectl, {"apply", "-f", svc});
  CAPTURE(created.err);
  CHECK(created.out == "service/web created\n");
  auto web = json::parse(sim.kubectl(kubectl, {"get", "svc", "web", "-o", "json"}).out);
  CHECK(web["spec"]["type"] == "ClusterIP");
  CHECK(web["spec"]["sessionAffinity"] == "None");
  CHECK(web["spec"]["ports"] == json::array({{{"name", "http"}, {"port", 80}, {"protocol", "TCP"}, {"targetPort", 80}},
                                             {{"name", "metrics"}, {"port", 9090}, {"protocol", "TCP"},
                                              {"targetPort", 19090}}}));
  // Allocated from minikube's service CIDR 10.96.0.0/12 (10.96.0.0 - 10.111.255.255).
  const auto ip = web["spec"]["clusterIP"].get<std::string>();
  CHECK(web["spec"]["clusterIPs"] == json::array({ip}));
  const int second_octet = std::stoi(ip.substr(3, ip.find('.', 3) - 3));
  CHECK(ip.rfind("10.", 0) == 0);
  CHECK(second_octet >= 96);
  CHECK(second_octet <= 111);
  CHECK(ip != "10.96.0.1");
  CHECK(ip != "10.96.0.10");
  auto table = sim.kubectl(kubectl, {"get", "svc", "web"});
  CHECK(table.out == "NAME   TYPE        CLUSTER-IP" + std::string(ip.size() > 10 ? ip.size() - 10 : 0, ' ') +
                         "   EXTERNAL-IP   PORT(S)           AGE\n"
                         "web    ClusterIP   " + ip + std::string(ip.size() < 10 ? 10 - ip.size() : 0, ' ') +
                         "   <none>        80/TCP,9090/TCP   0s\n");
  CHECK(sim.kubectl(kubectl, {"delete", "svc", "web"}).out == "service \"web\" deleted\n");
  CHECK(sim.kubectl(kubectl, {"get", "svc", "web"}).err == "Error from server (NotFound): services \"web\" not found\n");
}

TEST_CASE("A simulated Job runs its pod to completion", "[sim][apiserver][jobs]")
{
  SimCluster sim("seed-cn-v1.20", true, k_create_clock);
  const auto clients = devk8s::test::kubectl_clients();
  const auto& kubectl = clients.back();  // the newest client creates; both read
  const auto job = write_manifest(sim, "job", job_manifest("smoke", sim.mirror() + "/pause:3.9"));
  auto created = sim.kubectl(kubectl, {"create", "-f", job});
  CAPTURE(created.err);
  CHECK(created.out == "job.batch/smoke created\n");

  auto stored = json::parse(sim.kubectl(kubectl, {"get", "job", "smoke", "-o", "json"}).out);
  const auto uid = stored["metadata"]["uid"].get<std::string>();
  CHECK(stored["metadata"]["generation"] == 1);
  CHECK(stored["spec"]["parallelism"] == 1);
  CHECK(stored["spec"]["completions"] == 1);
  CHECK(stored["spec"]["backoffLimit"] == 6);
  CHECK(stored["spec"]["selector"] == json{{"matchLabels", {{"controller-uid", uid}}}});
  CHECK(stored["spec"]["template"]["metadata"]["labels"] == json{{"controller-uid", uid}, {"job-name", "smoke"}});
  CHECK(stored["status"]["active"] == 1);

  auto pods = json::parse(sim.kubectl(kubectl, {"get", "pods", "-l", "job-name=smoke", "-o", "json"}).out);
  REQUIRE(pods["items"].size() == 1);
  const auto& pod = pods["items"][0];
  const auto pod_name = pod["metadata"]["name"].get<std::string>();
  CHECK(pod_name.size() == std::string("smoke-").size() + 5);
  CHECK(pod_name.rfind("smoke-", 0) == 0);
  CHECK(pod["metadata"]["ownerReferences"] ==
        json::array({{{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"name", "smoke"}, {"uid", uid},
                      {"controller", true}, {"blockOwnerDeletion", true}}}));
  CHECK(pod["status"]["phase"] == "Running");

  // The container exits 0 one simulated second after it started.
  set_clock(sim, "2021-05-20T10:00:05Z");
  for (const auto& client : clients) {
    CAPTURE(client);
    CHECK(sim.kubectl(client, {"get", "jobs"}).out == "NAME    COMPLETIONS   DURATION   AGE\n"
                                                     "smoke   1/1           1s         5s\n");
    CHECK(sim.kubectl(client, {"get", "pods", "-l", "job-name=smoke"}).out ==
          "NAME" + std::string(pod_name.size() - 4, ' ') + "   READY   STATUS      RESTARTS   AGE\n" + pod_name +
              "   0/1     Completed   0          5s\n");
  }
  auto done = json::parse(sim.kubectl(kubectl, {"get", "job", "smoke", "-o", "json"}).out)["status"];
  CHECK(done["succeeded"] == 1);
  CHECK_FALSE(done.contains("active"));
  CHECK(done["startTime"] == k_create_clock);
  CHECK(done["completionTime"] == "2021-05-20T10:00:01Z");
  REQUIRE(done["conditions"].size() == 1);
  CHECK(done["conditions"][0]["type"] == "Complete");
  CHECK(done["conditions"][0]["status"] == "True");
  auto terminated = json::parse(sim.kubectl(kubectl, {"get", "pod", pod_name, "-o", "json"}).out);
  CHECK(terminated["status"]["phase"] == "Succeeded");
  const auto& state = terminated["status"]["containerStatuses"][0]["state"]["terminated"];
  CHECK(state["reason"] == "Completed");
  CHECK(state["exitCode"] == 0);
  auto events = sim.kubectl(kubectl, {"get", "events", "--field-selector", "involvedObject.kind=Job", "-o",
                                      "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}"});
  CHECK(events.out == "SuccessfulCreate: Created pod: " + pod_name + "\nCompleted: Job completed\n");

  // Deleting the Job takes its pod with it (background propagation, the garbage collector).
  CHECK(sim.kubectl(kubectl, {"delete", "job", "smoke"}).exit_code == 0);
  CHECK(sim.kubectl(kubectl, {"get", "pods", "-l", "job-name=smoke", "-o", "name"}).out.empty());
}

TEST_CASE("A simulated Job whose image cannot be pulled stays active", "[sim][apiserver][jobs]")
{
  SimCluster sim("seed-cn-v1.20", true, k_create_clock);
  const auto kubectl = devk8s::test::kubectl_120();
  const auto job = write_manifest(sim, "job", job_manifest("broken", sim.mirror() + "/missing:v1"));
  REQUIRE(sim.kubectl(kubectl, {"create", "-f", job}).exit_code == 0);
  // kubelet's first pull failed at 10:00:00; its back-off (10 s) runs until 10:00:10.
  set_clock(sim, "2021-05-20T10:00:02Z");
  const auto reason = "jsonpath={.items[0].status.containerStatuses[0].state.waiting.reason}";
  CHECK(sim.kubectl(kubectl, {"get", "pods", "-l", "job-name=broken", "-o", reason}).out == "ImagePullBackOff");
  auto status = json::parse(sim.kubectl(kubectl, {"get", "job", "broken", "-o", "json"}).out)["status"];
  CHECK(status["active"] == 1);
  CHECK_FALSE(status.contains("succeeded"));
  CHECK_FALSE(status.contains("conditions"));
  CHECK(sim.kubectl(kubectl, {"get", "jobs"}).out == "NAME     COMPLETIONS   DURATION   AGE\n"
                                                      "broken   0/1           2s         2s\n");
}

TEST_CASE("A Job that would restart its pods forever is refused", "[sim][apiserver][jobs]")
{
  SimCluster sim("seed-cn-v1.20", true, k_create_clock);
  auto manifest = job_manifest("forever", sim.mirror() + "/pause:3.9");
  manifest["spec"]["template"]["spec"]["restartPolicy"] = "Always";
  const auto job = write_manifest(sim, "job", manifest);
  auto r = sim.kubectl(devk8s::test::kubectl_120(), {"create", "-f", job});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "The Job \"forever\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Always\": "
                 "supported values: \"OnFailure\", \"Never\"\n");
}
