#include "core/kube/objects/pod.hpp"

#include "support/kube_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::kube::objects;
using devk8s::test::kube_fixture_item;
using nlohmann::json;

namespace {

Pod pod_of(json object) { return decode_pod(object); }

} // namespace

TEST_CASE("decode_pod", "[kube][objects]")
{
  SECTION("the seed's storage-provisioner: ImagePullBackOff on the naively mirrored image")
  {
    const Pod pod = pod_of(kube_fixture_item("seed-pods.json", "storage-provisioner"));
    CHECK(pod.metadata.namespace_name == "kube-system");
    CHECK(pod.metadata.label("integration-test") == "storage-provisioner");
    CHECK(pod.metadata.controller() == nullptr); // minikube's addon pod is a bare Pod
    CHECK(pod.phase == PodPhase::pending);
    CHECK(pod.phase.text == "Pending");
    CHECK(pod.node_name == "minikube");
    CHECK(pod.scheduler_name == "default-scheduler");
    REQUIRE(pod.containers.size() == 1);
    CHECK(pod.containers[0].image ==
          "registry.cn-hangzhou.aliyuncs.com/google_containers/k8s-minikube/storage-provisioner:v5");
    CHECK(pod.containers[0].image_pull_policy == PullPolicy::if_not_present);
    REQUIRE(pod.container_statuses.size() == 1);
    const ContainerStatus& status = pod.container_statuses[0];
    CHECK(status.name == "storage-provisioner");
    CHECK_FALSE(status.ready);
    CHECK(status.image_id.empty());
    CHECK(status.state.waiting());
    CHECK(status.state.reason == "ImagePullBackOff");
    CHECK(status.state.message ==
          "Back-off pulling image "
          "\"registry.cn-hangzhou.aliyuncs.com/google_containers/k8s-minikube/storage-provisioner:v5\"");
    CHECK(status.last_state.kind == ContainerState::Kind::none);
    CHECK(condition_true(pod.conditions, "PodScheduled"));
    CHECK_FALSE(condition_true(pod.conditions, "Ready"));
    CHECK(find_condition(pod.conditions, "Ready")->reason == "ContainersNotReady");
  }
  SECTION("the seed's redis-master-0: Pending, unschedulable, on its claim")
  {
    const Pod pod = pod_of(kube_fixture_item("seed-pods.json", "redis-master-0"));
    CHECK(pod.phase == PodPhase::pending);
    CHECK(pod.node_name.empty());
    REQUIRE(pod.metadata.controller() != nullptr);
    CHECK(pod.metadata.controller()->kind == "StatefulSet");
    CHECK(pod.metadata.controller()->name == "redis-master");
    CHECK(pod.claim_names() == std::vector<std::string>{"redis-data-redis-master-0"});
    REQUIRE(pod.volumes.size() == 2);
    CHECK(pod.volumes[1].secret == "redis-token-95b72");
    const Condition* scheduled = find_condition(pod.conditions, "PodScheduled");
    REQUIRE(scheduled != nullptr);
    CHECK(scheduled->status == ConditionStatus::false_);
    CHECK(scheduled->reason == "Unschedulable");
    CHECK(scheduled->message == "0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims.");
    CHECK(pod.container_statuses.empty());
  }
  SECTION("crashloop: CrashLoopBackOff after an OOMKilled exit 137")
  {
    const Pod pod = pod_of(kube_fixture_item("crashloop-pods.json", "api-7d4b9c6f5-x2x9q"));
    CHECK(pod.phase == PodPhase::running);
    REQUIRE(pod.container_statuses.size() == 1);
    const ContainerStatus& status = pod.container_statuses[0];
    CHECK(status.restart_count == 27);
    CHECK(status.state.reason == "CrashLoopBackOff");
    CHECK(status.last_state.terminated());
    CHECK(status.last_state.reason == "OOMKilled");
    CHECK(status.last_state.exit_code == 137);
    CHECK(status.last_state.finished_at == "2021-05-20T09:59:20Z");
    CHECK(status.image_id.rfind("docker-pullable://python@sha256:", 0) == 0);
    CHECK(pod.containers[0].limits.memory == "64Mi");
    CHECK(pod.containers[0].requests.memory == "64Mi");
    CHECK(pod.containers[0].limits.cpu.empty());
  }
  SECTION("node-pressure: an evicted pod")
  {
    const Pod pod = pod_of(kube_fixture_item("node-pressure-pods.json", "logger-0"));
    CHECK(pod.phase == PodPhase::failed);
    CHECK(pod.reason == "Evicted");
    CHECK(pod.message.rfind("The node was low on resource: ephemeral-storage.", 0) == 0);
  }
  SECTION("the environment's Secrets and ConfigMaps, and init containers")
  {
    const Pod pod = pod_of(json::parse(R"({"spec": {
      "initContainers": [{"name": "migrate", "image": "app:1", "imagePullPolicy": "Always"}],
      "containers": [{"name": "app", "image": "app:1",
        "resources": {"requests": {"cpu": "250m", "memory": "64Mi"}, "limits": {"cpu": 1, "ephemeral-storage": "1Gi"}},
        "env": [{"name": "PLAIN", "value": "x"},
                {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
                {"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "mode", "optional": true}}},
                {"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}],
        "envFrom": [{"configMapRef": {"name": "common"}}, {"prefix": "S_", "secretRef": {"name": "extra", "optional": false}}]}],
      "volumes": [{"name": "cfg", "configMap": {"name": "app-config"}}, {"name": "tmp", "emptyDir": {}}]},
      "status": {"initContainerStatuses": [{"name": "migrate", "state": {"terminated": {"exitCode": 1, "signal": 9, "reason": "Error"}}}]}})"));
    REQUIRE(pod.init_containers.size() == 1);
    CHECK(pod.container("migrate") == &pod.init_containers[0]);
    CHECK(pod.container("migrate")->image_pull_policy == PullPolicy::always);
    CHECK(pod.container("nope") == nullptr);
    const Container& app = *pod.container("app");
    CHECK(app.requests.cpu == "250m");
    CHECK(app.limits.cpu == "1"); // a bare number, as a hand-written document may hold
    CHECK(app.limits.ephemeral_storage == "1Gi");
    REQUIRE(app.env_references.size() == 4);
    CHECK(app.env_references[0].kind == EnvReference::Kind::secret);
    CHECK(app.env_references[0].name == "db");
    CHECK(app.env_references[0].key == "password");
    CHECK(app.env_references[0].variable == "PASSWORD");
    CHECK_FALSE(app.env_references[0].optional);
    CHECK(app.env_references[1].kind == EnvReference::Kind::config_map);
    CHECK(app.env_references[1].variable == "MODE");
    CHECK(app.env_references[1].optional);
    CHECK(app.env_references[2].kind == EnvReference::Kind::config_map);
    CHECK(app.env_references[2].name == "common");
    CHECK(app.env_references[2].key.empty());
    CHECK(app.env_references[3].name == "extra");
    CHECK(pod.volumes[0].config_map == "app-config");
    CHECK(pod.volumes[1].config_map.empty());
    CHECK(pod.claim_names().empty());
    REQUIRE(pod.init_container_statuses.size() == 1);
    CHECK(pod.init_container_statuses[0].state.exit_code == 1);
    CHECK(pod.init_container_statuses[0].state.signal == 9);
  }
  SECTION("missing fields: an empty object and a pod without status")
  {
    const Pod empty = pod_of(json::object());
    CHECK(empty.metadata.name.empty());
    CHECK(empty.phase == PodPhase::unrecognized);
    CHECK(empty.phase.absent());
    CHECK(empty.containers.empty());
    const Pod fresh = pod_of(json::parse(R"({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}]}})"));
    CHECK(fresh.metadata.name == "p");
    REQUIRE(fresh.containers.size() == 1);
    CHECK(fresh.containers[0].image.empty());
    CHECK(fresh.containers[0].image_pull_policy.absent());
    CHECK(fresh.phase.absent());
  }
  SECTION("unknown enum values keep their text")
  {
    const Pod pod = pod_of(json::parse(R"({"spec": {"containers": [{"name": "c", "imagePullPolicy": "Sometimes"}]},
      "status": {"phase": "Hibernating", "conditions": [{"type": "Ready", "status": "Maybe"}]}})"));
    CHECK(pod.phase == PodPhase::unrecognized);
    CHECK(pod.phase.text == "Hibernating");
    CHECK(pod.containers[0].image_pull_policy == PullPolicy::unrecognized);
    CHECK(pod.containers[0].image_pull_policy.text == "Sometimes");
    CHECK(pod.conditions[0].status == ConditionStatus::unrecognized);
    CHECK(pod.conditions[0].status.text == "Maybe");
    // Kubernetes' own "Unknown" is a known value.
    CHECK(pod_of(json::parse(R"({"status": {"phase": "Unknown"}})")).phase == PodPhase::unknown);
  }
  SECTION("wrong types are absent, never thrown")
  {
    const Pod pod = pod_of(json::parse(R"({"metadata": {"name": 7, "labels": ["a"], "ownerReferences": {"kind": "X"}},
      "spec": {"nodeName": ["minikube"], "containers": {"name": "c"}, "volumes": [1, "x", {"name": "v", "persistentVolumeClaim": "claim"}]},
      "status": {"phase": 3, "conditions": "Ready", "containerStatuses": [null, 2, {"name": "c", "ready": "true",
        "restartCount": "5", "state": {"waiting": "ImagePullBackOff"}, "lastState": []}]}})"));
    CHECK(pod.metadata.name.empty());
    CHECK(pod.metadata.labels.empty());
    CHECK(pod.metadata.owner_references.empty());
    CHECK(pod.node_name.empty());
    CHECK(pod.containers.empty());
    REQUIRE(pod.volumes.size() == 1);
    CHECK(pod.volumes[0].name == "v");
    CHECK(pod.volumes[0].claim_name.empty());
    CHECK(pod.phase.absent());
    CHECK(pod.conditions.empty());
    REQUIRE(pod.container_statuses.size() == 1);
    CHECK_FALSE(pod.container_statuses[0].ready);
    CHECK(pod.container_statuses[0].restart_count == 0);
    CHECK(pod.container_statuses[0].state.kind == ContainerState::Kind::none);
    CHECK(pod_of(json::array()).metadata.name.empty());
    CHECK(pod_of(json("a pod")).phase.absent());
    CHECK(pod_of(json(nullptr)).containers.empty());
    const Pod huge = pod_of(json::parse(R"({"status": {"containerStatuses": [{"restartCount": 4294967296,
      "state": {"terminated": {"exitCode": -1}}}]}})"));
    CHECK(huge.container_statuses[0].restart_count == 0); // beyond int32: not a count
    CHECK(huge.container_statuses[0].state.exit_code == -1);
  }
}
