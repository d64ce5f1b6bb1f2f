#include "core/kube/objects/condition.hpp"
#include "core/kube/objects/object_meta.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::kube::objects;
using nlohmann::json;

TEST_CASE("decode_object_meta", "[kube][objects]")
{
  SECTION("every field it reads")
  {
    json object = json::parse(R"({"metadata": {"name": "coredns-54d67798b7-n6vw4", "namespace": "kube-system",
      "uid": "a1", "creationTimestamp": "2021-05-19T14:00:00Z", "resourceVersion": "1010",
      "labels": {"k8s-app": "kube-dns", "pod-template-hash": "54d67798b7"},
      "annotations": {"note": "x"},
      "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": "minikube", "uid": "n1"},
                          {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "coredns-54d67798b7", "uid": "r1",
                           "controller": true, "blockOwnerDeletion": true}]}})");
    const ObjectMeta meta = decode_object_meta(object);
    CHECK(meta.name == "coredns-54d67798b7-n6vw4");
    CHECK(meta.namespace_name == "kube-system");
    CHECK(meta.uid == "a1");
    CHECK(meta.creation_timestamp == "2021-05-19T14:00:00Z");
    CHECK(meta.label("k8s-app") == "kube-dns");
    CHECK(meta.label("absent").empty());
    CHECK(meta.annotation("note") == "x");
    REQUIRE(meta.owner_references.size() == 2);
    CHECK_FALSE(meta.owner_references[0].controller);
    REQUIRE(meta.controller() != nullptr);
    CHECK(meta.controller()->kind == "ReplicaSet");
    CHECK(meta.controller()->uid == "r1");
  }
  SECTION("missing metadata")
  {
    json object = json::object();
    const ObjectMeta meta = decode_object_meta(object);
    CHECK(meta.name.empty());
    CHECK(meta.controller() == nullptr);
  }
  SECTION("wrong types")
  {
    json object = json::parse(R"({"metadata": {"name": "ok", "namespace": 1, "labels": {"a": "1", "b": 2, "c": null},
      "annotations": "x", "ownerReferences": [{"kind": "Job", "controller": "true"}, "x"]}})");
    const ObjectMeta meta = decode_object_meta(object);
    CHECK(meta.name == "ok");
    CHECK(meta.namespace_name.empty());
    CHECK(meta.labels == std::map<std::string, std::string>{{"a", "1"}});
    CHECK(meta.annotations.empty());
    REQUIRE(meta.owner_references.size() == 1);
    CHECK(meta.owner_references[0].kind == "Job");
    CHECK(meta.controller() == nullptr);
    json not_object = json::parse(R"({"metadata": ["name"]})");
    CHECK(decode_object_meta(not_object).name.empty());
  }
}

TEST_CASE("decode_conditions", "[kube][objects]")
{
  SECTION("the three statuses and an unknown one")
  {
    json status = json::parse(R"({"conditions": [{"type": "Ready", "status": "True"},
      {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory", "message": "ok"},
      {"type": "DiskPressure", "status": "Unknown", "reason": "NodeStatusUnknown"},
      {"type": "Odd", "status": "true"}]})");
    const auto conditions = decode_conditions(status);
    REQUIRE(conditions.size() == 4);
    CHECK(condition_true(conditions, "Ready"));
    CHECK_FALSE(condition_true(conditions, "MemoryPressure"));
    CHECK(find_condition(conditions, "MemoryPressure")->message == "ok");
    CHECK(find_condition(conditions, "DiskPressure")->status == ConditionStatus::unknown);
    CHECK(find_condition(conditions, "Odd")->status == ConditionStatus::unrecognized); // case matters, as in the API
    CHECK(find_condition(conditions, "Odd")->status.text == "true");
    CHECK(find_condition(conditions, "PIDPressure") == nullptr);
    CHECK_FALSE(condition_true(conditions, "PIDPressure"));
  }
  SECTION("missing and wrong types")
  {
    json none = json::object();
    CHECK(decode_conditions(none).empty());
    json wrong = json::parse(R"({"conditions": [{"type": 1, "status": true}, 5]})");
    const auto conditions = decode_conditions(wrong);
    REQUIRE(conditions.size() == 1);
    CHECK(conditions[0].type.empty());
    CHECK(conditions[0].status.absent());
  }
}
