// An API server's answer is read within the nesting limit (issue #9, finding 2): a body nested
// past it is refused at once, saying where, like any body that is not JSON.
#include "adapters/kube/curl_kube_api.hpp"
#include "support/fake_http_client.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;

TEST_CASE("CurlKubeApi refuses an answer nested past the limit, saying where", "[kube]")
{
  test::FakeHttpClient http;
  core::kube::ClusterAccess access;
  access.context = "minikube";
  access.server = "https://k:8443";
  std::string deep;
  for (int i = 0; i < 100000; ++i) {
    deep += "{\"a\":";
  }
  deep += "1" + std::string(100000, '}');
  http.script("https://k:8443/version", {test::FakeHttpClient::ok(deep)});
  http.script("https://k:8443/api", {test::FakeHttpClient::ok(R"({"kind":"APIVersions","versions":["v1"]})")});
  adapters::CurlKubeApi api(http, access, "", {});

  const auto answer = api.request("GET", "/version", "");
  REQUIRE_FALSE(answer);
  CHECK(answer.error().message.rfind("cannot read /version: the apiserver at https://k:8443 answered HTTP 200 with a body "
                                     "that is not JSON (1:1281: nesting deeper than 256 levels): ",
                                     0) == 0);
  const auto fine = api.request("GET", "/api", "");
  REQUIRE(fine);
  CHECK(fine->body["kind"] == "APIVersions");
}
