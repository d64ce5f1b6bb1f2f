// The Kubernetes API client retries what is safe to repeat: a GET that met a refused connection
// (an API server restarting), 429 (API Priority and Fairness) or a 5xx is sent again within the
// request's budget; a POST or PATCH is sent once, whatever came back, since it may have been applied.
#include "adapters/kube/curl_kube_api.hpp"
#include "support/fake_http_client.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;

namespace {

using test::FakeHttpClient;

ports::HttpResponse status(long code, std::string body)
{
  return FakeHttpClient::answer(code, std::move(body));
}

ports::HttpResponse refused()
{
  return FakeHttpClient::refused();
}

struct RetryFixture {
  test::FakeHttpClient http;
  std::vector<std::chrono::milliseconds> slept;
  adapters::KubeApiOptions options;
  core::kube::ClusterAccess access;

  RetryFixture()
  {
    access.context = "minikube";
    access.server = "https://k:8443";
    options.retry_clock.sleep = [this](std::chrono::milliseconds d) { slept.push_back(d); };
    options.retry_clock.jitter = [] { return 0.5; };
  }
};

const char* k_busy = R"({"kind":"Status","reason":"TooManyRequests","code":429})";
const char* k_unavailable = R"({"kind":"Status","reason":"ServiceUnavailable","code":503})";

} // namespace

TEST_CASE("CurlKubeApi retries idempotent requests only", "[kube][retry]")
{
  RetryFixture f;
  SECTION("a GET is sent again after a refused connection, a 503 and a 429, until it is answered")
  {
    f.http.script("https://k:8443/api/v1/nodes",
                  {refused(), status(503, k_unavailable), status(200, R"({"kind":"NodeList","items":[]})")});
    f.options.retry.max_attempts = 4;
    adapters::CurlKubeApi api(f.http, f.access, "", f.options);
    const auto answer = api.request("GET", "/api/v1/nodes", "");
    REQUIRE(answer);
    CHECK(answer->status == 200);
    CHECK(answer->body["kind"] == "NodeList");
    CHECK(f.http.requests().size() == 3);
    CHECK(f.slept.size() == 2);
  }
  SECTION("a GET gives up after the policy's attempts with the last answer")
  {
    f.http.script("https://k:8443/api/v1/pods", {status(429, k_busy)});
    adapters::CurlKubeApi api(f.http, f.access, "", f.options);
    const auto answer = api.request("GET", "/api/v1/pods", "");
    REQUIRE(answer);
    CHECK(answer->status == 429);
    CHECK(f.http.requests().size() == static_cast<std::size_t>(f.options.retry.max_attempts));
  }
  SECTION("a 404 is an answer, not a reason to ask again")
  {
    f.http.script("https://k:8443/api/v1/namespaces/x", {status(404, R"({"kind":"Status","code":404})")});
    adapters::CurlKubeApi api(f.http, f.access, "", f.options);
    REQUIRE(api.request("GET", "/api/v1/namespaces/x", ""));
    CHECK(f.http.requests().size() == 1);
  }
  SECTION("POST, PATCH and DELETE are sent once, even when the server was unavailable")
  {
    for (const std::string method : {"POST", "PATCH", "DELETE", "PUT"}) {
      CAPTURE(method);
      test::FakeHttpClient http;
      http.script("https://k:8443/api/v1/namespaces/default/pods", {status(503, k_unavailable), status(201, "{}")});
      adapters::CurlKubeApi api(http, f.access, "", f.options);
      const auto answer = api.request(method, "/api/v1/namespaces/default/pods", "{}");
      REQUIRE(answer);
      CHECK(answer->status == 503);
      CHECK(http.requests().size() == 1);
    }
    CHECK(f.slept.empty());
  }
  SECTION("a refused POST is one failure, not retried")
  {
    f.http.script("https://k:8443/api/v1/namespaces", {refused(), status(201, "{}")});
    adapters::CurlKubeApi api(f.http, f.access, "", f.options);
    const auto answer = api.request("POST", "/api/v1/namespaces", "{}");
    REQUIRE_FALSE(answer);
    CHECK(answer.error().message.find("refused the connection") != std::string::npos);
    CHECK(f.http.requests().size() == 1);
  }
}
