#include "core/kube/objects/workload.hpp"

#include "support/kube_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::kube::objects;
using devk8s::test::kube_fixture_item;
using nlohmann::json;

namespace {

Workload workload_of(json object, WorkloadKind kind) { return decode_workload(object, kind); }

} // namespace

TEST_CASE("decode_workload", "[kube][objects]")
{
  SECTION("the seed's StatefulSets: redis wants pods that are not ready")
  {
    const Workload master =
        workload_of(kube_fixture_item("seed-statefulsets.json", "redis-master"), WorkloadKind::stateful_set);
    CHECK(master.kind == WorkloadKind::stateful_set);
    CHECK(master.desired == 1);
    CHECK(master.replicas == 1);
    CHECK(master.ready == 0);
    CHECK(master.match_labels.at("app.kubernetes.io/component") == "master");
    CHECK(master.match_labels.size() == 3);
    CHECK_FALSE(master.has_match_expressions);
    const Workload replicas =
        workload_of(kube_fixture_item("seed-statefulsets.json", "redis-replicas"), WorkloadKind::stateful_set);
    CHECK(replicas.desired == 3);
  }
  SECTION("the seed's Deployment, ReplicaSet and DaemonSet")
  {
    const Workload coredns = workload_of(kube_fixture_item("seed-deployments.json", "coredns"), WorkloadKind::deployment);
    CHECK(coredns.desired == 1);
    CHECK(coredns.ready == 1);
    CHECK(coredns.available == 1);
    CHECK(coredns.updated == 1);
    const Workload rs =
        workload_of(kube_fixture_item("seed-replicasets.json", "coredns-54d67798b7"), WorkloadKind::replica_set);
    CHECK(rs.match_labels.at("pod-template-hash") == "54d67798b7");
    CHECK(rs.ready == 1);
    const Workload proxy = workload_of(kube_fixture_item("seed-daemonsets.json", "kube-proxy"), WorkloadKind::daemon_set);
    CHECK(proxy.desired == 1);
    CHECK(proxy.replicas == 1);
    CHECK(proxy.ready == 1);
    CHECK(proxy.available == 1);
    CHECK(proxy.updated == 1);
  }
  SECTION("Jobs: one Complete, one active")
  {
    const Workload done = workload_of(kube_fixture_item("healthy-jobs.json", "done"), WorkloadKind::job);
    CHECK(done.desired == 1);
    CHECK(done.backoff_limit == 6);
    CHECK(done.succeeded == 1);
    CHECK(done.active == 0);
    CHECK(condition_true(done.conditions, "Complete"));
    CHECK(done.match_labels.count("controller-uid") == 1);
    const Workload smoke = workload_of(kube_fixture_item("healthy-jobs.json", "smoke"), WorkloadKind::job);
    CHECK(smoke.active == 1);
    CHECK(smoke.conditions.empty());
    const Workload failed = workload_of(json::parse(R"({"status": {"failed": 7, "conditions": [{"type": "Failed",
      "status": "True", "reason": "BackoffLimitExceeded", "message": "Job has reached the specified backoff limit"}]}})"),
                                   WorkloadKind::job);
    CHECK(failed.failed == 7);
    CHECK(find_condition(failed.conditions, "Failed")->reason == "BackoffLimitExceeded");
  }
  SECTION("the item's own kind wins; an unknown one does not")
  {
    CHECK(workload_of(json::parse(R"({"kind": "DaemonSet"})"), WorkloadKind::deployment).kind == WorkloadKind::daemon_set);
    CHECK(workload_of(json::parse(R"({"kind": "CronJob"})"), WorkloadKind::job).kind == WorkloadKind::job);
    CHECK(workload_of(json::parse(R"({"kind": 3})"), WorkloadKind::replica_set).kind == WorkloadKind::replica_set);
    CHECK(std::string(to_string(WorkloadKind::stateful_set)) == "StatefulSet");
    CHECK(workload_kind("Job") == WorkloadKind::job);
    CHECK_FALSE(workload_kind("job").has_value());
  }
  SECTION("missing fields and a selector with expressions")
  {
    const Workload bare = workload_of(json::object(), WorkloadKind::deployment);
    CHECK_FALSE(bare.desired.has_value());
    CHECK(bare.ready == 0);
    CHECK(bare.match_labels.empty());
    const Workload expressions = workload_of(json::parse(R"({"spec": {"selector": {"matchExpressions": [
      {"key": "app", "operator": "In", "values": ["a", "b"]}]}}})"), WorkloadKind::deployment);
    CHECK(expressions.has_match_expressions);
    CHECK(expressions.match_labels.empty());
  }
  SECTION("wrong types")
  {
    const Workload wrong = workload_of(json::parse(R"({"spec": {"replicas": "3", "selector": {"matchLabels": ["a"],
      "matchExpressions": {}}}, "status": {"readyReplicas": true, "replicas": -1, "conditions": {}}})"),
                                  WorkloadKind::deployment);
    CHECK_FALSE(wrong.desired.has_value());
    CHECK(wrong.ready == 0);
    CHECK(wrong.replicas == -1);
    CHECK(wrong.match_labels.empty());
    CHECK_FALSE(wrong.has_match_expressions);
    CHECK(wrong.conditions.empty());
  }
}
