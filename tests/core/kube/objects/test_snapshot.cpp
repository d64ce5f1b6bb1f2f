#include "core/kube/objects/snapshot.hpp"

#include "support/kube_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

using namespace devk8s::core::kube::objects;
using devk8s::test::kube_fixture;
using nlohmann::json;

namespace {

template <typename T>
const T* named(const std::vector<T>& objects, const std::string& name)
{
  const auto found =
      std::find_if(objects.begin(), objects.end(), [&](const T& object) { return object.metadata.name == name; });
  return found == objects.end() ? nullptr : &*found;
}

} // namespace

TEST_CASE("decode_pod_list and the other list decoders", "[kube][objects]")
{
  SECTION("the API's typed list and kubectl's List give the same pods")
  {
    auto typed = decode_pod_list(kube_fixture("seed-pods.json"));
    auto listed = decode_pod_list(kube_fixture("seed-pods-kubectl.json"));
    REQUIRE(typed);
    REQUIRE(listed);
    REQUIRE(typed->items.size() == 9);
    REQUIRE(listed->items.size() == 9);
    CHECK(typed->skipped == 0);
    for (size_t i = 0; i < typed->items.size(); ++i) {
      CHECK(typed->items[i].metadata.uid == listed->items[i].metadata.uid);
      CHECK(typed->items[i].phase.text == listed->items[i].phase.text);
    }
  }
  SECTION("items without kind, as a real kube-apiserver sends a typed list")
  {
    auto pods = decode_pod_list(json::parse(R"({"kind": "PodList", "apiVersion": "v1", "metadata": {},
      "items": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}]})"));
    REQUIRE(pods);
    REQUIRE(pods->items.size() == 2);
    CHECK(pods->items[1].metadata.name == "b");
  }
  SECTION("a mixed List keeps its items of the asked kind and counts the others")
  {
    auto pods = decode_pod_list(json::parse(R"({"kind": "List", "items": [{"kind": "Pod", "metadata": {"name": "a"}},
      {"kind": "PersistentVolumeClaim", "metadata": {"name": "c"}}, 3, null, {"kind": "Pod", "metadata": {"name": "b"}}]})"));
    REQUIRE(pods);
    CHECK(pods->items.size() == 2);
    CHECK(pods->skipped == 3);
  }
  SECTION("empty lists: items [] and items null")
  {
    auto volumes = decode_persistent_volume_list(kube_fixture("seed-persistentvolumes.json"));
    REQUIRE(volumes);
    CHECK(volumes->items.empty());
    auto nodes = decode_node_list(json::parse(R"({"kind": "NodeList", "items": null})"));
    REQUIRE(nodes);
    CHECK(nodes->items.empty());
    auto events = decode_event_list(json::parse(R"({"kind": "EventList"})"));
    REQUIRE(events);
    CHECK(events->items.empty());
  }
  SECTION("not a list of that kind: an error, not a throw")
  {
    CHECK(decode_pod_list(json::array()).error().message == "not a PodList: the document is JSON of type array");
    CHECK(decode_pod_list(kube_fixture("seed-nodes.json")).error().message == "not a PodList: its kind is \"NodeList\"");
    CHECK(decode_storage_class_list(json::parse(R"({"kind": "StorageClassList", "items": {"a": 1}})")).error().message ==
          "not a StorageClassList: its \"items\" is JSON of type object");
    CHECK(decode_workload_list(json::parse(R"({"kind": "DeploymentList"})"), WorkloadKind::job).error().message ==
          "not a JobList: its kind is \"DeploymentList\"");
  }
  SECTION("each type's real fixture")
  {
    CHECK(decode_persistent_volume_claim_list(kube_fixture("seed-persistentvolumeclaims.json"))->items.size() == 2);
    CHECK(decode_storage_class_list(kube_fixture("seed-storageclasses.json"))->items.size() == 1);
    CHECK(decode_node_list(kube_fixture("node-pressure-nodes.json"))->items.size() == 1);
    CHECK(decode_event_list(kube_fixture("events-series.json"))->items.size() == 2);
    auto jobs = decode_workload_list(kube_fixture("healthy-jobs.json"), WorkloadKind::job);
    REQUIRE(jobs);
    REQUIRE(jobs->items.size() == 2);
    CHECK(jobs->items[0].kind == WorkloadKind::job);
    auto sets = decode_workload_list(kube_fixture("seed-statefulsets.json"), WorkloadKind::stateful_set);
    REQUIRE(sets);
    CHECK(sets->items.size() == 2);
  }
}

TEST_CASE("Snapshot", "[kube][objects]")
{
  SECTION("the seed's lists: the chain from redis to the provisioner's image can be walked")
  {
    Snapshot snapshot;
    snapshot.add_list(Resource::pods, kube_fixture("seed-pods.json"));
    snapshot.add_list(Resource::persistent_volume_claims, kube_fixture("seed-persistentvolumeclaims.json"));
    snapshot.add_list(Resource::persistent_volumes, kube_fixture("seed-persistentvolumes.json"));
    snapshot.add_list(Resource::storage_classes, kube_fixture("seed-storageclasses.json"));
    snapshot.add_list(Resource::nodes, kube_fixture("seed-nodes.json"));
    snapshot.add_list(Resource::events, kube_fixture("seed-events.json"));
    snapshot.add_list(Resource::stateful_sets, kube_fixture("seed-statefulsets.json"));
    snapshot.add_list(Resource::deployments, kube_fixture("seed-deployments.json"));
    REQUIRE(snapshot.complete());
    CHECK(snapshot.skipped_items == 0);
    CHECK(snapshot.persistent_volumes.empty());
    CHECK(snapshot.workloads.size() == 3);
    CHECK(snapshot.workloads.back().kind == WorkloadKind::deployment);

    const Pod* redis = named(snapshot.pods, "redis-master-0");
    REQUIRE(redis != nullptr);
    CHECK(redis->phase == PodPhase::pending);
    const auto claims = redis->claim_names();
    REQUIRE(claims.size() == 1);
    const PersistentVolumeClaim* claim = named(snapshot.persistent_volume_claims, claims[0]);
    REQUIRE(claim != nullptr);
    CHECK(claim->phase == ClaimPhase::pending);
    const StorageClass* storage_class = named(snapshot.storage_classes, claim->storage_class().value());
    REQUIRE(storage_class != nullptr);
    CHECK(storage_class->provisioner == claim->storage_provisioner());
    const Pod* provisioner = named(snapshot.pods, "storage-provisioner");
    REQUIRE(provisioner != nullptr);
    CHECK(provisioner->container_statuses.at(0).state.reason == "ImagePullBackOff");
    const auto pull_failures = std::count_if(snapshot.events.begin(), snapshot.events.end(), [&](const Event& event) {
      return event.involved_object.uid == provisioner->metadata.uid && event.reason == "Failed";
    });
    CHECK(pull_failures == 3); // the pull error, ErrImagePull, ImagePullBackOff
  }
  SECTION("a failed list is recorded, not fatal")
  {
    Snapshot snapshot;
    snapshot.add_list(Resource::nodes, kube_fixture("seed-nodes.json"));
    snapshot.add_failure(Resource::events,
                         devk8s::util::failure("events is forbidden: User \"dev\" cannot list resource \"events\""));
    snapshot.add_list(Resource::pods, kube_fixture("seed-nodes.json"));
    CHECK_FALSE(snapshot.complete());
    CHECK(snapshot.nodes.size() == 1);
    CHECK(snapshot.pods.empty());
    REQUIRE(snapshot.failures.size() == 2);
    REQUIRE(snapshot.failure(Resource::events) != nullptr);
    CHECK(snapshot.failure(Resource::events)->error.message.find("forbidden") != std::string::npos);
    CHECK(snapshot.failure(Resource::pods)->error.message == "not a PodList: its kind is \"NodeList\"");
    CHECK(snapshot.failure(Resource::nodes) == nullptr);
  }
  SECTION("items as KubeApi::list returns them, appended across calls")
  {
    Snapshot snapshot;
    std::vector<json> first = {json::parse(R"({"metadata": {"name": "a"}, "status": {"phase": "Running"}})"), json(7)};
    std::vector<json> second = {json::parse(R"({"kind": "Pod", "metadata": {"name": "b"}})"),
                                json::parse(R"({"kind": "Node", "metadata": {"name": "n"}})")};
    snapshot.add_items(Resource::pods, std::move(first));
    snapshot.add_items(Resource::pods, std::move(second));
    REQUIRE(snapshot.pods.size() == 2);
    CHECK(snapshot.pods[0].phase == PodPhase::running);
    CHECK(snapshot.pods[1].metadata.name == "b");
    CHECK(snapshot.skipped_items == 2);
    snapshot.add_items(Resource::daemon_sets, {json::parse(R"({"metadata": {"name": "kube-proxy"}})")});
    snapshot.add_items(Resource::jobs, {});
    REQUIRE(snapshot.workloads.size() == 1);
    CHECK(snapshot.workloads[0].kind == WorkloadKind::daemon_set);
    CHECK(snapshot.complete());
  }
}

TEST_CASE("list_api_path", "[kube][objects]")
{
  CHECK(list_api_path(Resource::pods) == "/api/v1/pods");
  CHECK(list_api_path(Resource::pods, "kube-system") == "/api/v1/namespaces/kube-system/pods");
  CHECK(list_api_path(Resource::persistent_volume_claims, "default") ==
        "/api/v1/namespaces/default/persistentvolumeclaims");
  CHECK(list_api_path(Resource::persistent_volumes, "default") == "/api/v1/persistentvolumes");
  CHECK(list_api_path(Resource::storage_classes) == "/apis/storage.k8s.io/v1/storageclasses");
  CHECK(list_api_path(Resource::nodes, "default") == "/api/v1/nodes");
  CHECK(list_api_path(Resource::events) == "/api/v1/events");
  CHECK(list_api_path(Resource::stateful_sets, "default") == "/apis/apps/v1/namespaces/default/statefulsets");
  CHECK(list_api_path(Resource::jobs) == "/apis/batch/v1/jobs");
  CHECK(to_string(Resource::replica_sets) == "replicasets");
}
