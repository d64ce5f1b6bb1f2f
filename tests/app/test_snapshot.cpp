// fetch_snapshot and KubeApi::list_all's default (one list after the other) against a scripted
// server: decoding into the typed lists, a failed list recorded beside the others, an
// unreachable server as one error, and the deadline.
#include "app/snapshot.hpp"
#include "support/scripted_kube_api.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using core::kube::objects::Resource;
using nlohmann::json;

namespace {

json list_of(const std::string& kind, std::vector<std::string> names, const std::string& next = {})
{
  json items = json::array();
  for (const auto& n : names) {
    items.push_back({{"metadata", {{"name", n}, {"namespace", "default"}}}});
  }
  json meta = {{"resourceVersion", "7"}};
  if (!next.empty()) {
    meta["continue"] = next;
  }
  return {{"kind", kind}, {"metadata", meta}, {"items", items}};
}

json status(int code, const std::string& reason, const std::string& message)
{
  return {{"kind", "Status"}, {"reason", reason}, {"message", message}, {"code", code}};
}

std::chrono::steady_clock::time_point in_a_minute()
{
  return std::chrono::steady_clock::now() + std::chrono::minutes(1);
}

} // namespace

TEST_CASE("fetch_snapshot decodes every list and records the ones that failed", "[kube][snapshot]")
{
  test::ScriptedKubeApi api;
  api.script("GET", "/api/v1/pods?limit=500", {{200, list_of("PodList", {"a", "b"}, "t1")}});
  api.script("GET", "/api/v1/pods?limit=500&continue=t1", {{200, list_of("PodList", {"c"})}});
  api.script("GET", "/api/v1/persistentvolumeclaims?limit=500", {{200, list_of("PersistentVolumeClaimList", {"data"})}});
  api.script("GET", "/api/v1/events?limit=500",
             {{403, status(403, "Forbidden", "events is forbidden: User \"dev\" cannot list resource \"events\"")}});
  api.script("GET", "/apis/storage.k8s.io/v1/storageclasses?limit=500",
             {{404, status(404, "NotFound", "the server could not find the requested resource")}});

  const app::SnapshotRequest request{
      {Resource::pods, Resource::persistent_volume_claims, Resource::events, Resource::storage_classes, Resource::pods},
      "",
      in_a_minute()};
  auto snapshot = app::fetch_snapshot(api, request);
  REQUIRE(snapshot);
  REQUIRE(snapshot->pods.size() == 3);
  CHECK(snapshot->pods[2].metadata.name == "c");
  REQUIRE(snapshot->persistent_volume_claims.size() == 1);
  CHECK(snapshot->persistent_volume_claims[0].metadata.name == "data");
  CHECK(snapshot->events.empty());
  CHECK_FALSE(snapshot->complete());
  CHECK(snapshot->failures.size() == 2);
  REQUIRE(snapshot->failure(Resource::events) != nullptr);
  CHECK_THAT(snapshot->failure(Resource::events)->error.message, Catch::Contains("HTTP 403"));
  CHECK_THAT(snapshot->failure(Resource::events)->error.message, Catch::Contains("events is forbidden"));
  REQUIRE(snapshot->failure(Resource::storage_classes) != nullptr);
  CHECK_THAT(snapshot->failure(Resource::storage_classes)->error.message, Catch::Contains("HTTP 404"));
  CHECK(snapshot->failure(Resource::pods) == nullptr);
  // One list after the other, pods listed once although asked for twice.
  CHECK(api.paths() == std::vector<std::string>{"GET /api/v1/pods?limit=500", "GET /api/v1/pods?limit=500&continue=t1",
                                                "GET /api/v1/persistentvolumeclaims?limit=500",
                                                "GET /api/v1/events?limit=500",
                                                "GET /apis/storage.k8s.io/v1/storageclasses?limit=500"});
}

TEST_CASE("fetch_snapshot lists in the namespace asked for, cluster-scoped lists everywhere", "[kube][snapshot]")
{
  test::ScriptedKubeApi api;
  api.script("GET", "/api/v1/namespaces/web/pods?limit=500", {{200, list_of("PodList", {"a"})}});
  api.script("GET", "/api/v1/nodes?limit=500", {{200, list_of("NodeList", {"minikube"})}});
  auto snapshot = app::fetch_snapshot(api, {{Resource::pods, Resource::nodes}, "web", in_a_minute()});
  REQUIRE(snapshot);
  CHECK(snapshot->complete());
  CHECK(snapshot->pods.size() == 1);
  REQUIRE(snapshot->nodes.size() == 1);
  CHECK(snapshot->nodes[0].metadata.name == "minikube");
}

TEST_CASE("fetch_snapshot: a list that is not a list is recorded, the rest kept", "[kube][snapshot]")
{
  test::ScriptedKubeApi api;
  api.script("GET", "/api/v1/nodes?limit=500", {{200, list_of("NodeList", {"minikube"})}});
  api.script("GET", "/api/v1/events?limit=500", {{200, json{{"kind", "Status"}}}});
  auto snapshot = app::fetch_snapshot(api, {{Resource::nodes, Resource::events}, "", in_a_minute()});
  REQUIRE(snapshot);
  CHECK(snapshot->nodes.size() == 1);
  REQUIRE(snapshot->failure(Resource::events) != nullptr);
  CHECK_THAT(snapshot->failure(Resource::events)->error.message, Catch::Contains("not a list"));
}

TEST_CASE("fetch_snapshot: a server that answers no list is one error", "[kube][snapshot]")
{
  test::ScriptedKubeApi api; // nothing scripted: every request fails as an unreachable server does
  auto snapshot = app::fetch_snapshot(api, {{Resource::pods, Resource::events}, "", in_a_minute()});
  REQUIRE_FALSE(snapshot);
  CHECK_THAT(snapshot.error().message, Catch::Contains("did not answer"));
  CHECK(api.paths().size() == 2);
}

TEST_CASE("fetch_snapshot: a cluster of which no list can be read is one error, a 401 first", "[kube][snapshot]")
{
  SECTION("every list forbidden: the first one's words")
  {
    test::ScriptedKubeApi api;
    api.script("GET", "/api/v1/pods?limit=500", {{403, status(403, "Forbidden", "pods is forbidden")}});
    api.script("GET", "/api/v1/events?limit=500", {{403, status(403, "Forbidden", "events is forbidden")}});
    auto snapshot = app::fetch_snapshot(api, {{Resource::pods, Resource::events}, "", in_a_minute()});
    REQUIRE_FALSE(snapshot);
    CHECK_THAT(snapshot.error().message, Catch::Contains("pods is forbidden"));
  }
  SECTION("rejected credentials explain the rest, whichever list met them")
  {
    test::ScriptedKubeApi api;
    api.script("GET", "/api/v1/pods?limit=500", {{403, status(403, "Forbidden", "pods is forbidden")}});
    api.script("GET", "/api/v1/events?limit=500", {{401, status(401, "Unauthorized", "Unauthorized")}});
    auto snapshot = app::fetch_snapshot(api, {{Resource::pods, Resource::events}, "", in_a_minute()});
    REQUIRE_FALSE(snapshot);
    CHECK_THAT(snapshot.error().message, Catch::Contains("rejected the credentials"));
  }
}

TEST_CASE("fetch_snapshot: one list unanswered beside answered ones is recorded, not fatal", "[kube][snapshot]")
{
  test::ScriptedKubeApi api;
  api.script("GET", "/api/v1/nodes?limit=500", {{200, list_of("NodeList", {"minikube"})}});
  auto snapshot = app::fetch_snapshot(api, {{Resource::nodes, Resource::events}, "", in_a_minute()});
  REQUIRE(snapshot);
  CHECK(snapshot->nodes.size() == 1);
  REQUIRE(snapshot->failure(Resource::events) != nullptr);
  CHECK_THAT(snapshot->failure(Resource::events)->error.message, Catch::Contains("did not answer"));
}

TEST_CASE("KubeApi::list_all sends no page after the deadline", "[kube][snapshot]")
{
  test::ScriptedKubeApi api;
  api.script("GET", "/api/v1/nodes?limit=500", {{200, list_of("NodeList", {"minikube"})}});
  const auto outcomes = api.list_all({"/api/v1/nodes", "/api/v1/events"}, std::chrono::steady_clock::now());
  REQUIRE(outcomes.size() == 2);
  for (const auto& outcome : outcomes) {
    REQUIRE_FALSE(outcome.list);
    CHECK_FALSE(outcome.answered);
    CHECK_THAT(outcome.list.error().message, Catch::Contains("deadline"));
  }
  CHECK(api.paths().empty());

  auto snapshot = app::fetch_snapshot(api, {{Resource::nodes}, "", std::chrono::steady_clock::now()});
  REQUIRE_FALSE(snapshot);
  CHECK_THAT(snapshot.error().message, Catch::Contains("deadline"));
}
