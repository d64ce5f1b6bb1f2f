// A finding about a cluster object, with causes and fixes, as JSON (core/finding/finding_json.hpp).
#include "core/finding/finding_json.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core;
using nlohmann::json;

TEST_CASE("finding::to_json: object, evidence, causes and fixes", "[finding]")
{
  finding::Finding f;
  f.id = "pod.image-pull-backoff";
  f.severity = finding::Severity::fail;
  f.subject = finding::Subject::object("Pod", "kube-system", "storage-provisioner");
  f.message = "cannot pull its image";
  f.evidence = {{"ImagePullBackOff", "status.containerStatuses[storage-provisioner]"},
                {"manifest unknown", "event Failed"}};
  f.hint = "devk8s retag storage-provisioner";
  f.causes = {{"mirror.missing-image", finding::Subject::host("mirror")}};
  plan::RunCommand enable;
  enable.argv = {"minikube", "addons", "enable", "storage-provisioner"};
  f.fixes = {{"enable the addon with a path the mirror has", enable, ""}};
  const json j = finding::to_json(f);
  CHECK(j["subject"] == "Pod kube-system/storage-provisioner");
  CHECK(j["object"] == json{{"kind", "Pod"}, {"namespace", "kube-system"}, {"name", "storage-provisioner"}});
  CHECK(j["evidence"] == json{{"value", "ImagePullBackOff"}, {"source", "status.containerStatuses[storage-provisioner]"}});
  CHECK(j["evidenceList"].size() == 2);
  CHECK(j["evidenceList"][1]["value"] == "manifest unknown");
  CHECK(j["action"] == "devk8s retag storage-provisioner");
  CHECK(j["causes"] == json::array({{{"id", "mirror.missing-image"}, {"subject", "mirror"}}}));
  REQUIRE(j["fixes"].size() == 1);
  CHECK(j["fixes"][0]["description"] == "enable the addon with a path the mirror has");
  CHECK(j["fixes"][0]["action"]["argv"] == json::array({"minikube", "addons", "enable", "storage-provisioner"}));

  finding::Finding bare;
  CHECK(finding::to_json(bare)["evidence"] == nlohmann::ordered_json{{"value", ""}, {"source", ""}});
  CHECK_FALSE(finding::to_json(bare).contains("object"));
}
