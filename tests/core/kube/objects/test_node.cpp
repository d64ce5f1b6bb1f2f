#include "core/kube/objects/node.hpp"
#include "core/kube/objects/quantity.hpp"

#include "support/kube_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::kube::objects;
using devk8s::test::kube_fixture_item;
using nlohmann::json;

namespace {

Node node_of(json object) { return decode_node(object); }

} // namespace

TEST_CASE("decode_node", "[kube][objects]")
{
  SECTION("the seed's node: 1 CPU, 1.8 GiB, Ready")
  {
    const Node node = node_of(kube_fixture_item("seed-nodes.json", "minikube"));
    CHECK(node.ready());
    CHECK_FALSE(node.unschedulable);
    CHECK(node.taints.empty());
    CHECK(node.allocatable.cpu == "1");
    CHECK(node.allocatable.memory == "1877276Ki");
    CHECK(node.allocatable.pods == "110");
    CHECK(node.capacity.ephemeral_storage == "61255492Ki");
    CHECK(*quantity_milli(node.allocatable.cpu) == 1000);
    CHECK(*quantity_value(node.allocatable.memory) == 1922330624);
    CHECK(node.node_info.kubelet_version == "v1.20.2");
    CHECK(node.node_info.container_runtime_version == "docker://20.10.6");
    CHECK(node.node_info.os_image == "Ubuntu 20.04.2 LTS");
    const Condition* memory = find_condition(node.conditions, "MemoryPressure");
    REQUIRE(memory != nullptr);
    CHECK(memory->status == ConditionStatus::false_);
    CHECK(memory->reason == "KubeletHasSufficientMemory");
  }
  SECTION("node-pressure: DiskPressure and its taint")
  {
    const Node node = node_of(kube_fixture_item("node-pressure-nodes.json", "minikube"));
    CHECK(condition_true(node.conditions, "DiskPressure"));
    CHECK(find_condition(node.conditions, "DiskPressure")->message == "kubelet has disk pressure");
    REQUIRE(node.taints.size() == 1);
    CHECK(node.taints[0].key == "node.kubernetes.io/disk-pressure");
    CHECK(node.taints[0].value.empty());
    CHECK(node.taints[0].effect == TaintEffect::no_schedule);
  }
  SECTION("cordoned, with every taint effect and an unknown one")
  {
    const Node node = node_of(json::parse(R"({"spec": {"unschedulable": true, "taints": [
      {"key": "a", "value": "1", "effect": "NoSchedule"}, {"key": "b", "effect": "PreferNoSchedule"},
      {"key": "c", "effect": "NoExecute"}, {"key": "d", "effect": "NoDancing"}]}})"));
    CHECK(node.unschedulable);
    REQUIRE(node.taints.size() == 4);
    CHECK(node.taints[0].value == "1");
    CHECK(node.taints[1].effect == TaintEffect::prefer_no_schedule);
    CHECK(node.taints[2].effect == TaintEffect::no_execute);
    CHECK(node.taints[3].effect == TaintEffect::unrecognized);
    CHECK(node.taints[3].effect.text == "NoDancing");
  }
  SECTION("missing fields: no Ready condition is not ready")
  {
    const Node node = node_of(json::parse(R"({"metadata": {"name": "n"}})"));
    CHECK_FALSE(node.ready());
    CHECK(node.allocatable.empty());
    CHECK(node.node_info.kubelet_version.empty());
  }
  SECTION("wrong types")
  {
    const Node node = node_of(json::parse(R"({"spec": {"unschedulable": "yes", "taints": {"key": "x"}},
      "status": {"allocatable": ["cpu"], "capacity": {"cpu": {"value": 1}, "memory": "2Gi"}, "nodeInfo": "v1.20",
                 "conditions": [{"type": "Ready", "status": 1}]}})"));
    CHECK_FALSE(node.unschedulable);
    CHECK(node.taints.empty());
    CHECK(node.allocatable.empty());
    CHECK(node.capacity.cpu.empty());
    CHECK(node.capacity.memory == "2Gi");
    CHECK(node.node_info.os_image.empty());
    CHECK_FALSE(node.ready());
  }
}
