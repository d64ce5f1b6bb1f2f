#include "core/kube/objects/storage.hpp"

#include "support/kube_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace devk8s::core::kube::objects;
using devk8s::test::kube_fixture_item;
using nlohmann::json;

namespace {

PersistentVolumeClaim claim(json object) { return decode_persistent_volume_claim(object); }
PersistentVolume volume(json object) { return decode_persistent_volume(object); }
StorageClass storage_class(json object) { return decode_storage_class(object); }

} // namespace

TEST_CASE("decode_persistent_volume_claim", "[kube][objects]")
{
  SECTION("the seed's claim: Pending, waiting for k8s.io/minikube-hostpath")
  {
    const auto pvc = claim(kube_fixture_item("seed-persistentvolumeclaims.json", "redis-data-redis-master-0"));
    CHECK(pvc.metadata.namespace_name == "default");
    CHECK(pvc.phase == ClaimPhase::pending);
    CHECK(pvc.storage_class_name == "standard");
    CHECK(pvc.storage_class() == "standard");
    CHECK(pvc.storage_provisioner() == "k8s.io/minikube-hostpath");
    CHECK(pvc.volume_name.empty());
    CHECK(pvc.requested_storage == "8Gi");
  }
  SECTION("healthy: Bound to its volume")
  {
    const auto pvc = claim(kube_fixture_item("healthy-persistentvolumeclaims.json", "redis-data-redis-master-0"));
    CHECK(pvc.phase == ClaimPhase::bound);
    CHECK(pvc.volume_name.rfind("pvc-", 0) == 0);
  }
  SECTION("the class: absent, empty, or named by the beta annotation")
  {
    CHECK_FALSE(claim(json::parse(R"({"spec": {}})")).storage_class().has_value());
    CHECK_FALSE(claim(json::parse(R"({"spec": {"storageClassName": null}})")).storage_class().has_value());
    CHECK(claim(json::parse(R"({"spec": {"storageClassName": ""}})")).storage_class() == "");
    CHECK(claim(json::parse(R"({"metadata": {"annotations": {"volume.beta.kubernetes.io/storage-class": "slow"}},
      "spec": {"storageClassName": "fast"}})")).storage_class() == "slow");
  }
  SECTION("the GA provisioner annotation wins over the beta one")
  {
    const auto pvc = claim(json::parse(R"({"metadata": {"annotations": {
      "volume.beta.kubernetes.io/storage-provisioner": "old", "volume.kubernetes.io/storage-provisioner": "new"}}})"));
    CHECK(pvc.storage_provisioner() == "new");
    CHECK(claim(json::object()).storage_provisioner().empty());
  }
  SECTION("unknown phase and wrong types")
  {
    const auto pvc = claim(json::parse(R"({"spec": {"storageClassName": 5, "volumeName": {}, "resources": []},
      "status": {"phase": "Resizing"}})"));
    CHECK(pvc.phase == ClaimPhase::unrecognized);
    CHECK(pvc.phase.text == "Resizing");
    CHECK_FALSE(pvc.storage_class_name.has_value());
    CHECK(pvc.volume_name.empty());
    CHECK(pvc.requested_storage.empty());
  }
}

TEST_CASE("decode_persistent_volume", "[kube][objects]")
{
  SECTION("healthy: a hostpath volume bound to its claim")
  {
    const auto pv = volume(kube_fixture_item("healthy-persistentvolumes.json",
                                             "pvc-eeff58e4-de14-51de-acc5-cd2fe8865c79"));
    CHECK(pv.phase == VolumePhase::bound);
    CHECK(pv.storage_class_name == "standard");
    CHECK(pv.capacity == "8Gi");
    CHECK(pv.metadata.annotation("pv.kubernetes.io/provisioned-by") == "k8s.io/minikube-hostpath");
    REQUIRE(pv.claim_ref.has_value());
    CHECK(pv.claim_ref->namespace_name == "default");
    CHECK(pv.claim_ref->name == "redis-data-redis-replicas-0");
    CHECK(pv.claim_ref->uid == "eeff58e4-de14-51de-acc5-cd2fe8865c79");
  }
  SECTION("missing, unknown and wrong")
  {
    const auto empty = volume(json::object());
    CHECK_FALSE(empty.claim_ref.has_value());
    CHECK(empty.phase.absent());
    const auto failed = volume(json::parse(R"({"spec": {"claimRef": "x"}, "status": {"phase": "Failed",
      "reason": "VolumeFailedRecycle", "message": "recycle failed"}})"));
    CHECK(failed.phase == VolumePhase::failed);
    CHECK(failed.reason == "VolumeFailedRecycle");
    CHECK_FALSE(failed.claim_ref.has_value());
    CHECK(volume(json::parse(R"({"status": {"phase": "Terminating"}})")).phase.text == "Terminating");
  }
}

TEST_CASE("decode_storage_class", "[kube][objects]")
{
  SECTION("the seed's standard class")
  {
    const auto sc = storage_class(kube_fixture_item("seed-storageclasses.json", "standard"));
    CHECK(sc.provisioner == "k8s.io/minikube-hostpath");
    CHECK(sc.volume_binding_mode == VolumeBindingMode::immediate);
    CHECK(sc.is_default());
  }
  SECTION("default by either annotation, and only for \"true\"")
  {
    CHECK(storage_class(json::parse(
        R"({"metadata": {"annotations": {"storageclass.beta.kubernetes.io/is-default-class": "true"}}})")).is_default());
    CHECK_FALSE(storage_class(json::parse(
        R"({"metadata": {"annotations": {"storageclass.kubernetes.io/is-default-class": "True"}}})")).is_default());
    CHECK_FALSE(storage_class(json::parse(
        R"({"metadata": {"annotations": {"storageclass.kubernetes.io/is-default-class": true}}})")).is_default());
    CHECK_FALSE(storage_class(json::object()).is_default());
  }
  SECTION("binding modes: WaitForFirstConsumer, unknown, absent, wrong type")
  {
    CHECK(storage_class(json::parse(R"({"provisioner": "rancher.io/local-path",
      "volumeBindingMode": "WaitForFirstConsumer"})")).volume_binding_mode == VolumeBindingMode::wait_for_first_consumer);
    const auto odd = storage_class(json::parse(R"({"volumeBindingMode": "Eventually"})"));
    CHECK(odd.volume_binding_mode == VolumeBindingMode::unrecognized);
    CHECK(odd.volume_binding_mode.text == "Eventually");
    CHECK(storage_class(json::object()).volume_binding_mode.absent());
    const auto wrong = storage_class(json::parse(R"({"provisioner": ["x"], "volumeBindingMode": 1})"));
    CHECK(wrong.provisioner.empty());
    CHECK(wrong.volume_binding_mode.absent());
  }
}
