#include "adapters/http/curl_http_client.hpp"

#include "support/free_port.hpp"
#include "support/local_registry.hpp"
#include "util/strings.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace devk8s;
using namespace std::chrono;
using ports::HttpRequest;
using ports::Transport;

namespace {

HttpRequest get(const std::string& url)
{
  HttpRequest r;
  r.url = url;
  r.timeout = seconds(10);
  return r;
}

} // namespace

TEST_CASE("CurlHttpClient against a misbehaving server", "[http]")
{
  test::FaultServer server;
  adapters::CurlHttpClient http;

  SECTION("status, body, lower-cased headers")
  {
    const auto r = http.perform(get(server.url("/v2/")));
    REQUIRE(r.ok());
    CHECK(r.status == 200);
    CHECK(r.body == "{}");
    CHECK(r.http_version == "1.1");
    CHECK(r.header("Docker-Distribution-Api-Version") == "registry/2.0");
    CHECK(r.headers.front().first == util::to_lower(r.headers.front().first));
  }
  SECTION("HEAD reads headers and no body")
  {
    auto req = get(server.url("/v2/ok/x/manifests/1"));
    req.method = "HEAD";
    const auto r = http.perform(req);
    REQUIRE(r.ok());
    CHECK(r.body.empty());
    CHECK(r.header("docker-content-digest") == server.digest());
  }
  SECTION("a batch comes back in request order")
  {
    std::vector<HttpRequest> batch;
    for (int i = 0; i < 40; ++i) {
      batch.push_back(get(server.url("/v2/" + std::string(i % 2 == 0 ? "ok" : "plain404") + "/n" + std::to_string(i) + "/manifests/1")));
    }
    const auto rs = http.perform_all(batch);
    REQUIRE(rs.size() == batch.size());
    for (std::size_t i = 0; i < rs.size(); ++i) {
      CAPTURE(i);
      CHECK(rs[i].effective_url == batch[i].url);
      CHECK(rs[i].status == (i % 2 == 0 ? 200 : 404));
    }
  }
  SECTION("a server that never answers: the timeout fires")
  {
    auto req = get(server.url("/v2/hang/x/manifests/1"));
    req.timeout = milliseconds(400);
    const auto start = steady_clock::now();
    const auto r = http.perform(req);
    CHECK(r.transport == Transport::timeout);
    CHECK(steady_clock::now() - start < seconds(3));
  }
  SECTION("a redirect loop ends at max_redirects")
  {
    auto req = get(server.url("/v2/loop/x/manifests/1"));
    req.follow_redirects = true;
    req.max_redirects = 3;
    CHECK(http.perform(req).transport == Transport::redirects);
    req.follow_redirects = false;
    CHECK(http.perform(req).status == 302);
  }
  SECTION("oversized headers and bodies")
  {
    CHECK(http.perform(get(server.url("/v2/bigheader/x/manifests/1"))).transport == Transport::too_large);
    auto req = get(server.url("/v2/bigbody/x/manifests/1"));
    req.max_body = 1u << 20;
    CHECK(http.perform(req).transport == Transport::too_large);
  }
  SECTION("headers, method and body reach the server as given")
  {
    auto req = get(server.url("/echo"));
    req.method = "POST";
    req.body = R"({"a":1})";
    req.headers = {{"Accept", "application/vnd.oci.image.index.v1+json"}, {"Authorization", "Bearer t"}};
    const auto r = http.perform(req);
    REQUIRE(r.status == 200);
    const auto echo = nlohmann::json::parse(r.body);
    CHECK(echo["method"] == "POST");
    CHECK(echo["body"] == R"({"a":1})");
    CHECK(echo["headers"]["accept"] == "application/vnd.oci.image.index.v1+json");
    CHECK(echo["headers"]["authorization"] == "Bearer t");
    CHECK(echo["headers"]["user-agent"] == "devk8s");
    req.method = "DELETE";
    req.body.clear();
    CHECK(nlohmann::json::parse(http.perform(req).body)["method"] == "DELETE");
  }
  SECTION("nothing listening: connect")
  {
    const auto r = http.perform(get("http://127.0.0.1:" + std::to_string(test::closed_port()) + "/v2/"));
    CHECK(r.transport == Transport::connect);
    CHECK_FALSE(r.transport_message.empty());
  }
}

TEST_CASE("CurlHttpClient verifies TLS", "[http]")
{
  test::LocalRegistry registry(test::Flavour::tls);
  adapters::CurlHttpClient http;
  const std::string url = "https://" + registry.host() + "/v2/";
  SECTION("an unknown CA fails verification")
  {
    CHECK(http.perform(get(url)).transport == Transport::tls);
  }
  SECTION("with the CA file the certificate (IP SAN 127.0.0.1) verifies")
  {
    auto req = get(url);
    req.ca_file = registry.ca();
    const auto r = http.perform(req);
    REQUIRE(r.ok());
    CHECK(r.status == 200);
    // Go's server offers HTTP/2 over TLS; its header names arrive lower-case and are found as such.
    CHECK(r.http_version == "2");
    CHECK(r.header("Docker-Distribution-Api-Version") == "registry/2.0");
  }
  SECTION("many requests over TLS share connections (HTTP/2 multiplexing)")
  {
    std::vector<HttpRequest> batch;
    for (int i = 0; i < 30; ++i) {
      batch.push_back(get(url));
      batch.back().ca_file = registry.ca();
    }
    for (const auto& r : http.perform_all(batch)) {
      CHECK(r.status == 200);
    }
  }
  SECTION("insecure skips verification, only when asked")
  {
    auto req = get(url);
    req.insecure = true;
    CHECK(http.perform(req).status == 200);
  }
}

TEST_CASE("CurlHttpClient over a unix socket", "[http]")
{
  test::TempDir dir;
  const std::string socket = dir.file("api.sock");
  test::FaultServer server(socket);
  adapters::CurlHttpClient http;
  auto req = get("http://localhost/echo");
  req.unix_socket = socket;
  const auto r = http.perform(req);
  REQUIRE(r.ok());
  CHECK(nlohmann::json::parse(r.body)["path"] == "/echo");
}

TEST_CASE("CurlHttpClient honours proxies from the environment, as curl reads them", "[http]")
{
  test::FaultServer proxy;
  adapters::CurlHttpClient http;
  // The host is never resolved here: the proxy gets the absolute URI (RFC 9112 §3.2.2).
  ::setenv("http_proxy", ("http://" + proxy.host()).c_str(), 1);
  const auto r = http.perform(get("http://devk8s-proxied.invalid/echo"));
  ::unsetenv("http_proxy");
  REQUIRE(r.ok());
  CHECK(nlohmann::json::parse(r.body)["path"] == "http://devk8s-proxied.invalid/echo");
}

TEST_CASE("CurlHttpClient::perform_chained starts a chain's next request without waiting for the other chains",
          "[http]")
{
  test::FaultServer server;
  adapters::CurlHttpClient http;
  // A connection whose protocol curl knows (HTTP/1.1, so no multiplexing): without one, CURLOPT_PIPEWAIT
  // holds the second transfer to a plain-http host until the first answers, to learn whether it
  // could share its connection (over TLS, ALPN says so at the handshake).
  REQUIRE(http.perform(get(server.url("/v2/"))).status == 200);
  std::vector<HttpRequest> first{get(server.url("/v2/slow/a/manifests/1")), get(server.url("/v2/ok/b0/manifests/1"))};
  std::vector<std::string> delivered;
  http.perform_chained(first, [&](std::size_t chain, ports::HttpResponse&& response) -> std::optional<HttpRequest> {
    REQUIRE(response.ok());
    CHECK(response.status == 200);
    delivered.push_back(std::to_string(chain) + ":" + response.effective_url.substr(response.effective_url.find("/v2/")));
    const auto step = std::count_if(delivered.begin(), delivered.end(), [](const auto& d) { return d[0] == '1'; });
    if (chain == 1 && step < 3) {
      return get(server.url("/v2/ok/b" + std::to_string(step) + "/manifests/1"));
    }
    return std::nullopt;
  });
  // In rounds, chain 1's second request would wait for chain 0's slow one (a second).
  CHECK(delivered == std::vector<std::string>{"1:/v2/ok/b0/manifests/1", "1:/v2/ok/b1/manifests/1",
                                              "1:/v2/ok/b2/manifests/1", "0:/v2/slow/a/manifests/1"});
}
