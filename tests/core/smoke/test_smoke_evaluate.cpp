// Where a smoke check stands from one poll's lists and logs (core/smoke/evaluate), and the
// describe text of a failure. Object shapes: Kubernetes v1.20's, as `kubectl get -o json` shows.
#include "core/smoke/describe.hpp"
#include "core/smoke/evaluate.hpp"
#include "core/smoke/manifests.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core;
using nlohmann::json;

namespace {

using devk8s::test::has;

const std::string k_pods = "/api/v1/namespaces/sm/pods";
const std::string k_claims = "/api/v1/namespaces/sm/persistentvolumeclaims";
const std::string k_jobs = "/apis/batch/v1/namespaces/sm/jobs";

smoke::Suite smoke_suite_for_evaluate()
{
  std::vector<smoke::ManifestText> manifests;
  for (const auto& file : smoke::smoke_manifest_files()) {
    manifests.push_back({std::string(file.origin), std::string(file.text)});
  }
  auto suite = smoke::build_suite(manifests, "sm");
  REQUIRE(suite);
  return *suite;
}

const smoke::Check& named_check(const smoke::Suite& suite, const std::string& name)
{
  for (const auto& c : suite.checks) {
    if (c.name == name) {
      return c;
    }
  }
  throw std::logic_error("no check " + name);
}

json claim(const std::string& phase)
{
  return {{"metadata", {{"name", "smoke-data"}, {"namespace", "sm"},
                        {"annotations", {{"volume.beta.kubernetes.io/storage-provisioner", "k8s.io/minikube-hostpath"}}}}},
          {"spec", {{"storageClassName", "standard"}}},
          {"status", {{"phase", phase}}}};
}

json storage_pod(const std::string& phase, json container_state = json::object())
{
  json pod = {{"metadata", {{"name", "smoke-storage"}, {"namespace", "sm"}}},
              {"spec", {{"restartPolicy", "Never"}}},
              {"status", {{"phase", phase}}}};
  if (!container_state.empty()) {
    pod["status"]["containerStatuses"] = json::array({{{"name", "check"}, {"image", "busybox:1.36.1"},
                                                        {"restartCount", 0}, {"state", container_state}}});
  }
  return pod;
}

} // namespace

TEST_CASE("smoke evaluate: storage pending, then passed on its log's line", "[smoke]")
{
  const auto suite = smoke_suite_for_evaluate();
  const auto& storage = named_check(suite, "storage");
  smoke::Observation seen;
  seen.lists[k_claims] = {claim("Pending")};
  seen.lists[k_pods] = {storage_pod("Pending")};
  auto status = smoke::evaluate_check(storage, seen);
  CHECK(status.state == smoke::CheckState::pending);
  CHECK(status.message == "sm/smoke-data: Pending, waiting for provisioner k8s.io/minikube-hostpath");
  CHECK(smoke::timeout_message(status).rfind("timed out waiting for sm/smoke-data (Pending", 0) == 0);

  seen.lists[k_claims] = {claim("Bound")};
  seen.lists[k_pods] = {storage_pod("Succeeded", {{"terminated", {{"exitCode", 0}, {"reason", "Completed"}}}})};
  status = smoke::evaluate_check(storage, seen);
  CHECK(status.state == smoke::CheckState::pending);
  CHECK(status.logs_to_fetch == std::vector<std::string>{"smoke-storage"});

  seen.logs["smoke-storage"] = "devk8s-smoke: storage ok\n";
  status = smoke::evaluate_check(storage, seen);
  CHECK(status.state == smoke::CheckState::passed);
  CHECK(status.logs.at("smoke-storage") == "devk8s-smoke: storage ok\n");
}

TEST_CASE("smoke evaluate: a log without its line, a failed pod, a failed Job", "[smoke]")
{
  const auto suite = smoke_suite_for_evaluate();
  smoke::Observation seen;
  seen.lists[k_claims] = {claim("Bound")};
  seen.lists[k_pods] = {storage_pod("Succeeded", {{"terminated", {{"exitCode", 0}}}})};
  seen.logs["smoke-storage"] = "sh: can't create /data/probe: Read-only file system\n";
  auto status = smoke::evaluate_check(named_check(suite, "storage"), seen);
  CHECK(status.state == smoke::CheckState::failed);
  CHECK(status.message == "the log of pod smoke-storage has no line \"devk8s-smoke: storage ok\" (it ends with "
                          "\"sh: can't create /data/probe: Read-only file system\")");

  seen.logs.clear();
  seen.lists[k_pods] = {storage_pod("Failed", {{"terminated", {{"exitCode", 1}, {"reason", "Error"}}}})};
  status = smoke::evaluate_check(named_check(suite, "storage"), seen);
  CHECK(status.state == smoke::CheckState::failed);
  CHECK(status.message == "pod smoke-storage failed: check exited 1 (Error)");

  seen.lists[k_jobs] = {{{"metadata", {{"name", "smoke-job"}, {"namespace", "sm"}}},
                         {"status", {{"failed", 3},
                                     {"conditions", json::array({{{"type", "Failed"}, {"status", "True"},
                                                                  {"reason", "BackoffLimitExceeded"},
                                                                  {"message", "Job has reached the specified backoff limit"}}})}}}}};
  status = smoke::evaluate_check(named_check(suite, "job"), seen);
  CHECK(status.state == smoke::CheckState::failed);
  CHECK(status.message == "job smoke-job failed: BackoffLimitExceeded: Job has reached the specified backoff limit");
}

TEST_CASE("smoke evaluate: a Job's log is its succeeded pod's, found by job-name", "[smoke]")
{
  const auto suite = smoke_suite_for_evaluate();
  const auto& job = named_check(suite, "job");
  smoke::Observation seen;
  seen.lists[k_jobs] = {{{"metadata", {{"name", "smoke-job"}, {"namespace", "sm"}}},
                         {"status", {{"succeeded", 1},
                                     {"conditions", json::array({{{"type", "Complete"}, {"status", "True"}}})}}}}};
  seen.lists[k_pods] = {{{"metadata", {{"name", "smoke-job-abcde"}, {"labels", {{"job-name", "smoke-job"}}}}},
                         {"status", {{"phase", "Failed"}}}},
                        {{"metadata", {{"name", "smoke-job-fghij"}, {"labels", {{"job-name", "smoke-job"}}}}},
                         {"status", {{"phase", "Succeeded"}}}}};
  auto status = smoke::evaluate_check(job, seen);
  CHECK(status.logs_to_fetch == std::vector<std::string>{"smoke-job-fghij"});
  seen.logs["smoke-job-fghij"] = "devk8s-smoke: job ok\n";
  CHECK(smoke::evaluate_check(job, seen).state == smoke::CheckState::passed);
}

TEST_CASE("smoke describe: each object's state and its events", "[smoke]")
{
  const auto suite = smoke_suite_for_evaluate();
  smoke::Observation seen;
  seen.lists[k_claims] = {claim("Pending")};
  seen.lists[k_pods] = {storage_pod("Pending")};
  seen.lists[k_pods][0]["status"]["conditions"] =
      json::array({{{"type", "PodScheduled"}, {"status", "False"}, {"reason", "Unschedulable"},
                    {"message", "0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims."}}});
  const std::vector<json> events = {
      {{"type", "Normal"}, {"reason", "ExternalProvisioning"}, {"count", 12}, {"lastTimestamp", "2026-11-30T10:00:00Z"},
       {"source", {{"component", "persistentvolume-controller"}}},
       {"message", "waiting for a volume to be created, either by external provisioner \"k8s.io/minikube-hostpath\" or "
                   "manually created by system administrator"},
       {"involvedObject", {{"kind", "PersistentVolumeClaim"}, {"name", "smoke-data"}}}}};
  const auto text = smoke::describe_objects(suite, seen, events);
  CHECK(has(text, "== check storage\nPersistentVolumeClaim sm/smoke-data\n  Phase: Pending\n  Events:\n    Normal  "
                  "ExternalProvisioning (x12)  persistentvolume-controller  waiting for a volume"));
  CHECK(has(text, "Pod sm/smoke-storage\n  Phase: Pending\n  Conditions:\n    PodScheduled=False Unschedulable: 0/1 "
                  "nodes are available: 1 pod has unbound immediate PersistentVolumeClaims.\n  Events: none\n"));
  CHECK(has(text, "Endpoints sm/smoke-web\n  not found\n"));
}
