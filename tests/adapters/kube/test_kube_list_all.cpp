// CurlKubeApi::list_all: the first pages of every list go out in one perform_all batch, later
// pages round by round; a list that fails (403 on events) leaves the others intact.
#include "adapters/kube/curl_kube_api.hpp"
#include "app/snapshot.hpp"
#include "support/fake_http_client.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using core::kube::objects::Resource;
using test::FakeHttpClient;

namespace {

const std::string k_server = "https://k:8443";

std::string list_of(const std::string& kind, const std::vector<std::string>& names, const std::string& next = {})
{
  nlohmann::json items = nlohmann::json::array();
  for (const auto& n : names) {
    items.push_back({{"metadata", {{"name", n}, {"namespace", "default"}}}});
  }
  nlohmann::json meta = {{"resourceVersion", "7"}};
  if (!next.empty()) {
    meta["continue"] = next;
  }
  return nlohmann::json{{"kind", kind}, {"metadata", meta}, {"items", items}}.dump();
}

const char* k_forbidden =
    R"({"kind":"Status","reason":"Forbidden","code":403,"message":"events is forbidden: User \"dev\" cannot list resource \"events\""})";

struct ListFixture {
  FakeHttpClient http;
  std::vector<std::chrono::milliseconds> slept;
  adapters::KubeApiOptions options;
  core::kube::ClusterAccess access;

  ListFixture()
  {
    access.context = "minikube";
    access.server = k_server;
    options.retry.max_attempts = 3;
    options.retry_clock.sleep = [this](std::chrono::milliseconds d) { slept.push_back(d); };
    options.retry_clock.jitter = [] { return 0.5; };
  }
};

std::chrono::steady_clock::time_point in_a_minute()
{
  return std::chrono::steady_clock::now() + std::chrono::minutes(1);
}

} // namespace

TEST_CASE("CurlKubeApi::list_all batches the first pages, then the next pages round by round", "[kube][snapshot]")
{
  ListFixture f;
  f.http.script(k_server + "/api/v1/pods?limit=500", {FakeHttpClient::ok(list_of("PodList", {"a", "b"}, "t1"))});
  f.http.script(k_server + "/api/v1/pods?limit=5000&continue=t1", {FakeHttpClient::ok(list_of("PodList", {"c"}))});
  f.http.script(k_server + "/api/v1/persistentvolumeclaims?limit=500",
                {FakeHttpClient::ok(list_of("PersistentVolumeClaimList", {"data"}))});
  f.http.script(k_server + "/api/v1/events?limit=500", {FakeHttpClient::answer(403, k_forbidden)});
  adapters::CurlKubeApi api(f.http, f.access, "", f.options);

  const auto outcomes = api.list_all({"/api/v1/pods", "/api/v1/persistentvolumeclaims", "/api/v1/events"}, in_a_minute());

  REQUIRE(f.http.batches().size() == 2);
  CHECK(f.http.batches()[0] == std::vector<std::string>{k_server + "/api/v1/pods?limit=500",
                                                        k_server + "/api/v1/persistentvolumeclaims?limit=500",
                                                        k_server + "/api/v1/events?limit=500"});
  CHECK(f.http.batches()[1] == std::vector<std::string>{k_server + "/api/v1/pods?limit=5000&continue=t1"});
  REQUIRE(outcomes.size() == 3);
  REQUIRE(outcomes[0].list);
  CHECK(outcomes[0].list->items.size() == 3);
  CHECK(outcomes[0].list->pages == 2);
  REQUIRE(outcomes[1].list);
  CHECK(outcomes[1].list->items.size() == 1);
  REQUIRE_FALSE(outcomes[2].list);
  CHECK(outcomes[2].answered);
  CHECK_THAT(outcomes[2].list.error().message, Catch::Contains("HTTP 403"));
  CHECK(f.slept.empty()); // a 403 is an answer, not retried
}

TEST_CASE("fetch_snapshot over CurlKubeApi: a 403 on events leaves pods and PVCs intact", "[kube][snapshot]")
{
  ListFixture f;
  f.http.script(k_server + "/api/v1/pods?limit=500", {FakeHttpClient::ok(list_of("PodList", {"web-0", "web-1"}))});
  f.http.script(k_server + "/api/v1/persistentvolumeclaims?limit=500",
                {FakeHttpClient::ok(list_of("PersistentVolumeClaimList", {"data-web-0"}))});
  f.http.script(k_server + "/api/v1/events?limit=500", {FakeHttpClient::answer(403, k_forbidden)});
  adapters::CurlKubeApi api(f.http, f.access, "", f.options);

  auto snapshot = app::fetch_snapshot(
      api, {{Resource::pods, Resource::persistent_volume_claims, Resource::events}, "", in_a_minute()});
  REQUIRE(snapshot);
  CHECK(f.http.batches().size() == 1);
  REQUIRE(snapshot->pods.size() == 2);
  CHECK(snapshot->pods[1].metadata.name == "web-1");
  REQUIRE(snapshot->persistent_volume_claims.size() == 1);
  CHECK(snapshot->persistent_volume_claims[0].metadata.name == "data-web-0");
  CHECK(snapshot->events.empty());
  REQUIRE(snapshot->failures.size() == 1);
  CHECK(snapshot->failures[0].resource == Resource::events);
  CHECK_THAT(snapshot->failures[0].error.message, Catch::Contains("events is forbidden"));
}

TEST_CASE("CurlKubeApi::list_all retries a refused batch and restarts an expired list", "[kube][snapshot]")
{
  ListFixture f;
  f.http.script(k_server + "/api/v1/pods?limit=500",
                {FakeHttpClient::refused(), FakeHttpClient::ok(list_of("PodList", {"a"}, "t1"))});
  f.http.script(k_server + "/api/v1/pods?limit=5000&continue=t1",
                {FakeHttpClient::answer(410, R"({"kind":"Status","reason":"Expired","code":410})")});
  f.http.script(k_server + "/api/v1/pods", {FakeHttpClient::ok(list_of("PodList", {"a", "b"}))});
  f.http.script(k_server + "/api/v1/nodes?limit=500", {FakeHttpClient::ok(list_of("NodeList", {"minikube"}))});
  adapters::CurlKubeApi api(f.http, f.access, "", f.options);

  const auto outcomes = api.list_all({"/api/v1/pods", "/api/v1/nodes"}, in_a_minute());
  REQUIRE(outcomes.size() == 2);
  REQUIRE(outcomes[0].list);
  CHECK(outcomes[0].list->items.size() == 2);
  REQUIRE(outcomes[1].list);
  CHECK(outcomes[1].list->items.size() == 1);
  CHECK(f.slept.size() == 1);
  REQUIRE(f.http.batches().size() == 4);
  CHECK(f.http.batches()[0].size() == 2);
  CHECK(f.http.batches()[1] == std::vector<std::string>{k_server + "/api/v1/pods?limit=500"});
  CHECK(f.http.batches()[2] == std::vector<std::string>{k_server + "/api/v1/pods?limit=5000&continue=t1"});
  CHECK(f.http.batches()[3] == std::vector<std::string>{k_server + "/api/v1/pods"});
}

TEST_CASE("fetch_snapshot over CurlKubeApi: an unreachable server is one error", "[kube][snapshot]")
{
  ListFixture f; // nothing scripted: every request is refused
  f.options.retry.max_attempts = 1;
  adapters::CurlKubeApi api(f.http, f.access, "", f.options);
  auto snapshot = app::fetch_snapshot(api, {{Resource::pods, Resource::nodes, Resource::events}, "", in_a_minute()});
  REQUIRE_FALSE(snapshot);
  CHECK_THAT(snapshot.error().message, Catch::Contains("the apiserver at https://k:8443 (context \"minikube\")"));
  CHECK_THAT(snapshot.error().message, Catch::Contains("did not answer"));
  CHECK(f.http.batches().size() == 1);
}

TEST_CASE("CurlKubeApi::list_all sends nothing once the deadline has passed", "[kube][snapshot]")
{
  ListFixture f;
  f.http.script(k_server + "/api/v1/nodes?limit=500", {FakeHttpClient::ok(list_of("NodeList", {"minikube"}))});
  adapters::CurlKubeApi api(f.http, f.access, "", f.options);
  const auto outcomes = api.list_all({"/api/v1/nodes"}, std::chrono::steady_clock::now());
  REQUIRE(outcomes.size() == 1);
  REQUIRE_FALSE(outcomes[0].list);
  CHECK_FALSE(outcomes[0].answered);
  CHECK_THAT(outcomes[0].list.error().message, Catch::Contains("did not answer in time: deadline exceeded"));
  CHECK(f.http.batches().empty());
}

TEST_CASE("fetch_snapshot over CurlKubeApi: a restarted list keeps only its second reading, a list cut off keeps none",
          "[kube][snapshot]")
{
  ListFixture f;
  // pods: page 1, then 410 for the token, then the whole list again (client-go's pager).
  f.http.script(k_server + "/api/v1/pods?limit=500", {FakeHttpClient::ok(list_of("PodList", {"a"}, "t1"))});
  f.http.script(k_server + "/api/v1/pods?limit=5000&continue=t1",
                {FakeHttpClient::answer(410, R"({"kind":"Status","reason":"Expired","code":410})")});
  f.http.script(k_server + "/api/v1/pods", {FakeHttpClient::ok(list_of("PodList", {"a", "b"}))});
  // events: page 1 decoded, then a page that is not JSON: the list fails and its page 1 goes too.
  f.http.script(k_server + "/api/v1/events?limit=500", {FakeHttpClient::ok(list_of("EventList", {"e1"}, "t2"))});
  f.http.script(k_server + "/api/v1/events?limit=5000&continue=t2",
                {FakeHttpClient::ok(R"({"kind":"EventList","items":[{"metadata":{"name":"e2"}},{"metadata":)")});
  adapters::CurlKubeApi api(f.http, f.access, "", f.options);

  const auto snapshot =
      app::fetch_snapshot(api, {{Resource::pods, Resource::events}, "", in_a_minute()});
  REQUIRE(snapshot);
  REQUIRE(snapshot->pods.size() == 2); // not "a" twice
  CHECK(snapshot->pods[0].metadata.name == "a");
  CHECK(snapshot->pods[1].metadata.name == "b");
  CHECK(snapshot->events.empty());
  REQUIRE(snapshot->failures.size() == 1);
  CHECK(snapshot->failures[0].resource == Resource::events);
  CHECK_THAT(snapshot->failures[0].error.message, Catch::Contains("not JSON"));
}
