// The scripted Kubernetes API double itself: by method and path first, then the queue, and an
// unanswered request as an unreachable server.
#include "support/scripted_kube_api.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using nlohmann::json;

TEST_CASE("ScriptedKubeApi answers by path, then in order, and records every request", "[support][kube]")
{
  test::ScriptedKubeApi api;
  using Answer = ports::KubeAnswer;
  api.script("GET", "/version", {Answer{200, json{{"gitVersion", "v1.20.2"}}}});
  api.script("POST", "/api/v1/namespaces",
             {Answer{201, json{{"kind", "Namespace"}}}, Answer{409, json{{"reason", "AlreadyExists"}}}});
  api.queue({{200, json{{"first", true}}}, {404, json{{"kind", "Status"}}}});

  CHECK(api.request("GET", "/version")->body["gitVersion"] == "v1.20.2");
  CHECK(api.request("GET", "/version")->status == 200); // the last answer repeats
  CHECK(api.request("POST", "/api/v1/namespaces", "{}")->status == 201);
  CHECK(api.request("POST", "/api/v1/namespaces", "{}")->status == 409);
  CHECK(api.request("POST", "/api/v1/namespaces", "{}")->status == 409);
  CHECK(api.request("GET", "/api/v1/pods")->body["first"] == true);
  CHECK(api.request("GET", "/api/v1/nodes")->status == 404);
  const auto none = api.request("DELETE", "/api/v1/namespaces/x");
  REQUIRE_FALSE(none);
  CHECK(none.error().message ==
        "the Kubernetes API at https://k:8443 did not answer: scripted: nothing for DELETE /api/v1/namespaces/x");

  REQUIRE(api.requests().size() == 8);
  CHECK(api.requests()[2].body == "{}");
  CHECK(api.paths().back() == "DELETE /api/v1/namespaces/x");
  CHECK(api.get("/version")->at("gitVersion") == "v1.20.2");
}
