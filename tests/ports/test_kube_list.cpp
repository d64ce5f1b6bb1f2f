// KubeApi::list's paging, against a scripted server: what the simulated one cannot be made to
// do on demand (a token that expires between two pages, a server that is not Kubernetes).
#include "ports/kube_api.hpp"
#include "ports/kube_list_pager.hpp"
#include "support/scripted_kube_api.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using nlohmann::json;

namespace {

json page(std::vector<std::string> names, const std::string& next)
{
  json items = json::array();
  for (const auto& n : names) {
    items.push_back({{"metadata", {{"name", n}}}});
  }
  json meta = {{"resourceVersion", "7"}};
  if (!next.empty()) {
    meta["continue"] = next;
  }
  return {{"kind", "PodList"}, {"metadata", meta}, {"items", items}};
}

} // namespace

TEST_CASE("KubeApi::list follows continue tokens and restarts once without paging on 410", "[kube]")
{
  test::ScriptedKubeApi api;
  const json gone = {{"kind", "Status"}, {"reason", "Expired"}, {"message", "too old"}, {"code", 410}};
  api.queue({{200, page({"a", "b"}, "t1")}, {410, gone}, {200, page({"a", "b", "c"}, "")}});
  auto list = api.list("/api/v1/pods", {"app=x y", "", 2});
  REQUIRE(list);
  CHECK(list->items.size() == 3);
  CHECK(list->pages == 1);
  CHECK(api.paths() == std::vector<std::string>{"GET /api/v1/pods?labelSelector=app%3Dx%20y&limit=2",
                                                "GET /api/v1/pods?labelSelector=app%3Dx%20y&limit=2&continue=t1",
                                                "GET /api/v1/pods?labelSelector=app%3Dx%20y"});
}

TEST_CASE("KubeApi::list refuses what is not a list and passes on a first-page 410", "[kube]")
{
  test::ScriptedKubeApi api;
  api.queue({{200, json{{"kind", "Status"}}}});
  auto not_list = api.list("/api/v1/pods");
  REQUIRE_FALSE(not_list);
  CHECK(not_list.error().message == "cannot list pods in every namespace: the apiserver at https://k:8443 answered with "
                                    "something that is not a list (no \"items\" array)");
  api.queue({{410, json{{"kind", "Status"}, {"reason", "Expired"}, {"message", "too old"}}}});
  auto expired = api.list("/api/v1/pods");
  REQUIRE_FALSE(expired);
  CHECK(expired.error().message == "cannot list pods in every namespace: the apiserver at https://k:8443 answered HTTP 410 "
                                   "Expired: too old");
}

TEST_CASE("KubeListPager aims later pages at a size in bytes, within 1 to 10 times the page size", "[kube]")
{
  const auto second_limit = [](std::size_t first_page_bytes) {
    ports::KubeListPager pager({"https://k:8443", "minikube", "minikube", "", ""}, "/api/v1/events", {});
    pager.aim_for_page_bytes(1U << 20U);
    CHECK(pager.next_path() == "/api/v1/events?limit=500");
    std::vector<std::string> names(500, "e");
    pager.observe_page_bytes(first_page_bytes);
    REQUIRE(pager.read({200, page(names, "t1")}));
    const auto path = pager.next_path();
    const auto at = path.find("limit=") + 6;
    return path.substr(at, path.find('&', at) - at);
  };
  CHECK(second_limit(350000) == "1497");   // 500 events of 700 bytes: 1,048,576 / 700
  CHECK(second_limit(1134079) == "500");   // 500 pods of 2.3 KB: never fewer than asked for
  CHECK(second_limit(20000) == "5000");    // tiny items: never more than ten pages' worth
}
