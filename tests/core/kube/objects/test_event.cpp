#include "core/kube/objects/event.hpp"

#include "support/kube_fixture.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace devk8s::core::kube::objects;
using devk8s::test::kube_fixture;
using devk8s::test::kube_fixture_item;
using nlohmann::json;

namespace {

Event event_of(json object) { return decode_event(object); }

// The seed's events about `name` with `reason` whose message starts with `prefix`.
Event seed_event(const std::string& name, const std::string& reason, const std::string& prefix)
{
  json events = kube_fixture("seed-events.json");
  for (auto& item : events.at("items")) {
    if (item.at("involvedObject").at("name") == name && item.at("reason") == reason &&
        item.at("message").get<std::string>().rfind(prefix, 0) == 0) {
      return event_of(item);
    }
  }
  throw std::runtime_error("no such seed event");
}

} // namespace

TEST_CASE("decode_event", "[kube][objects]")
{
  SECTION("the seed's kubelet: the pull denied, in Docker's words")
  {
    const Event event = seed_event("storage-provisioner", "Failed", "Failed to pull image");
    CHECK(event.type == EventType::warning);
    CHECK(event.involved_object.kind == "Pod");
    CHECK(event.involved_object.namespace_name == "kube-system");
    CHECK(event.involved_object.field_path == "spec.containers{storage-provisioner}");
    CHECK(event.message ==
          "Failed to pull image "
          "\"registry.cn-hangzhou.aliyuncs.com/google_containers/k8s-minikube/storage-provisioner:v5\": rpc error: "
          "code = Unknown desc = Error response from daemon: pull access denied for "
          "registry.cn-hangzhou.aliyuncs.com/google_containers/k8s-minikube/storage-provisioner, repository does "
          "not exist or may require 'docker login': denied: requested access to the resource is denied");
    CHECK(event.count == 240);
    CHECK(event.occurrences() == 240);
    CHECK(event.reporter() == "kubelet");
    CHECK(event.source_host == "minikube");
    CHECK(event.first_seen() == event.first_timestamp);
    CHECK(event.last_seen() == event.last_timestamp);
    CHECK(event.first_timestamp < event.last_timestamp);
  }
  SECTION("the seed's scheduler and PV controller")
  {
    const Event scheduling = seed_event("redis-master-0", "FailedScheduling", "");
    CHECK(scheduling.message == "0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims.");
    CHECK(scheduling.occurrences() == 6);
    CHECK(scheduling.reporter() == "default-scheduler");
    const Event provisioning = seed_event("redis-data-redis-master-0", "ExternalProvisioning", "");
    CHECK(provisioning.type == EventType::normal);
    CHECK(provisioning.involved_object.kind == "PersistentVolumeClaim");
    CHECK(provisioning.occurrences() == 144);
    CHECK(provisioning.reporter() == "persistentvolume-controller");
    CHECK(provisioning.message.find("external provisioner \"k8s.io/minikube-hostpath\"") != std::string::npos);
  }
  SECTION("events.k8s.io events read through core/v1: series, eventTime, reportingComponent")
  {
    const Event repeated = event_of(kube_fixture_item("events-series.json", "redis-master-0.1680b1f2a6c3d4e5"));
    CHECK_FALSE(repeated.count.has_value());
    CHECK(repeated.series_count == 6);
    CHECK(repeated.occurrences() == 6);
    CHECK(repeated.first_timestamp.empty());
    CHECK(repeated.first_seen() == "2021-05-20T09:55:12.345678Z");
    CHECK(repeated.last_seen() == "2021-05-20T09:59:42.123456Z");
    CHECK(repeated.source_component.empty());
    CHECK(repeated.reporter() == "default-scheduler");
    CHECK(repeated.type == EventType::warning);
    const Event once = event_of(kube_fixture_item("events-series.json", "redis-replicas-0.1680b2c3d4e5f607"));
    CHECK(once.occurrences() == 1);
    CHECK(once.last_seen() == "2021-05-20T09:58:00.000001Z");
    CHECK(once.first_seen() == "2021-05-20T09:58:00.000001Z");
  }
  SECTION("missing fields fall back to what there is")
  {
    const Event bare = event_of(json::parse(R"({"metadata": {"creationTimestamp": "2021-05-20T09:00:00Z"}})"));
    CHECK(bare.occurrences() == 1);
    CHECK(bare.last_seen() == "2021-05-20T09:00:00Z");
    CHECK(bare.first_seen() == "2021-05-20T09:00:00Z");
    CHECK(bare.reporter().empty());
    CHECK(bare.type.absent());
    CHECK(event_of(json::object()).last_seen().empty());
    CHECK(event_of(json::parse(R"({"count": 0})")).occurrences() == 1);
  }
  SECTION("unknown type and wrong types")
  {
    const Event event = event_of(json::parse(R"({"type": "Critical", "count": "3", "involvedObject": "pod/x",
      "series": {"count": 2.5, "lastObservedTime": 7}, "source": [], "message": {"text": "x"}})"));
    CHECK(event.type == EventType::unrecognized);
    CHECK(event.type.text == "Critical");
    CHECK_FALSE(event.count.has_value());
    CHECK_FALSE(event.series_count.has_value());
    CHECK(event.occurrences() == 1);
    CHECK(event.involved_object.name.empty());
    CHECK(event.message.empty());
  }
}
