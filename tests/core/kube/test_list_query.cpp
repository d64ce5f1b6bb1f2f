#include "core/kube/list_query.hpp"

#include <catch2/catch.hpp>

using namespace devk8s::core::kube;

TEST_CASE("list_path appends the page's query as kubectl sends it", "[kube]")
{
  CHECK(list_path("/api/v1/pods", {}) == "/api/v1/pods");
  CHECK(list_path("/api/v1/pods", {"app in (a,b)", "status.phase!=Running", 500, "eyJ2Ijo="}) ==
        "/api/v1/pods?labelSelector=app%20in%20%28a%2Cb%29&fieldSelector=status.phase%21%3DRunning&limit=500"
        "&continue=eyJ2Ijo%3D");
  CHECK(list_path("/api/v1/events?watch=0", {"", "involvedObject.name=x", 0, ""}) ==
        "/api/v1/events?watch=0&fieldSelector=involvedObject.name%3Dx");
}
