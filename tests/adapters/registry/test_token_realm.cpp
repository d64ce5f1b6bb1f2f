// The token realm is another server, named by the registry's 401: an https registry must not
// make devk8s send the user's secret to a plain-http realm the user never named insecure.
// FakeHttpClient records every request, so "nothing sent" is checked, not assumed.
#include "adapters/registry/distribution_client.hpp"

#include "core/registry/endpoint.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_http_client.hpp"
#include "support/fake_process_runner.hpp"
#include "support/image_values.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using core::registry::OutcomeKind;

namespace {

using devk8s::test::k_seed_digest;

const std::string k_manifest = "https://reg.example/v2/app/manifests/v1";

ports::HttpResponse challenge(const std::string& realm)
{
  ports::HttpResponse r;
  r.status = 401;
  r.headers = {{"www-authenticate", "Bearer realm=\"" + realm + "\",service=\"reg\""}};
  return r;
}

ports::HttpResponse manifest_answer()
{
  ports::HttpResponse r;
  r.status = 200;
  r.headers = {{"docker-content-digest", k_seed_digest},
               {"content-type", "application/vnd.docker.distribution.manifest.v2+json"}};
  return r;
}

std::string token_url(const std::string& realm)
{
  return core::registry::token_url(realm, "reg", "repository:app:pull");
}

std::optional<std::string> header(const ports::HttpRequest& r, const std::string& name)
{
  for (const auto& [n, v] : r.headers) {
    if (n == name) {
      return v;
    }
  }
  return std::nullopt;
}

// Every request whose URL starts with `prefix`.
std::vector<ports::HttpRequest> sent_to(const test::FakeHttpClient& http, const std::string& prefix)
{
  std::vector<ports::HttpRequest> out;
  for (const auto& r : http.requests()) {
    if (r.url.rfind(prefix, 0) == 0) {
      out.push_back(r);
    }
  }
  return out;
}

core::registry::CredsOption creds(const std::string& user, const std::string& password, const std::string& identity = {})
{
  core::registry::CredsOption c;
  c.host = "reg.example";
  c.credentials.username = user;
  c.credentials.password = password;
  c.credentials.identity_token = identity;
  return c;
}

adapters::RetryClock no_waiting()
{
  adapters::RetryClock clock;
  clock.sleep = [](std::chrono::milliseconds) {};
  clock.jitter = [] { return 0.0; };
  return clock;
}

// The client on fakes that record every request, with no Docker config to read.
struct RealmTestClient {
  test::FakeHttpClient http;
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  adapters::DistributionClient client{http, fs, runner, no_waiting()};
  ports::RegistryCheckOptions options = [] {
    ports::RegistryCheckOptions o;
    o.docker_config_dir = "/nonexistent";
    return o;
  }();
};

} // namespace

TEST_CASE("DistributionClient: secrets never go to a plain-http token realm unless named insecure", "[registry]")
{
  RealmTestClient t;
  auto& http = t.http;
  auto& client = t.client;
  auto& o = t.options;
  const auto ref = core::image::ImageRef::parse("reg.example/app:v1");
  REQUIRE(ref);
  http.script(k_manifest, {manifest_answer()});
  const auto bearer = [](const ports::HttpRequest& r) { return header(r, "Authorization") == "Bearer t0k"; };

  SECTION("Basic credentials and an http realm: denied saying why and nothing sent to the realm")
  {
    http.script("https://reg.example/v2/", {challenge("http://auth.example/token")});
    o.creds = {creds("alice", "s3cret")};
    const auto r = client.check_manifests({*ref}, o).front();
    CHECK(r.kind == OutcomeKind::denied);
    CHECK(r.code == "INSECURE_REALM");
    CHECK(r.message == "token realm http://auth.example/token is not HTTPS; credentials not sent "
                       "(add --insecure-registry auth.example to allow)");
    CHECK(sent_to(http, "http://auth.example").empty());
    for (const auto& request : http.requests()) {
      CAPTURE(request.url);
      CHECK_FALSE(header(request, "Authorization"));
    }
  }
  SECTION("an identity token and an http realm: no refresh token sent")
  {
    http.script("https://reg.example/v2/", {challenge("http://auth.example/token")});
    o.creds = {creds("", "", "refresh-s3cret")};
    const auto r = client.check_manifests({*ref}, o).front();
    CHECK(r.code == "INSECURE_REALM");
    CHECK(sent_to(http, "http://auth.example").empty());
    for (const auto& request : http.requests()) {
      CHECK(request.body.find("refresh-s3cret") == std::string::npos);
    }
  }
  SECTION("user info in the realm does not pass for the named host")
  {
    http.script("https://reg.example/v2/", {challenge("http://auth.example@evil.example/token")});
    o.creds = {creds("alice", "s3cret")};
    o.insecure_registries = {"auth.example"};
    const auto r = client.check_manifests({*ref}, o).front();
    CHECK(r.code == "INSECURE_REALM");
    CHECK(r.message.find("--insecure-registry evil.example") != std::string::npos);
    CHECK(http.requests().size() == 1); // the ping only
  }
  SECTION("anonymous: the http realm is still asked, with nothing secret")
  {
    http.script("https://reg.example/v2/", {challenge("http://auth.example/token")});
    http.script(token_url("http://auth.example/token"), {test::FakeHttpClient::ok(R"({"token":"t0k"})")});
    const auto r = client.check_manifests({*ref}, o).front();
    CHECK(r.kind == OutcomeKind::found);
    const auto to_realm = sent_to(http, "http://auth.example");
    REQUIRE(to_realm.size() == 1);
    CHECK_FALSE(header(to_realm[0], "Authorization"));
    CHECK(to_realm[0].method == "GET");
    REQUIRE_FALSE(sent_to(http, k_manifest).empty());
    CHECK(bearer(sent_to(http, k_manifest).front()));
  }
  SECTION("an http realm the user named insecure gets the credentials")
  {
    http.script("https://reg.example/v2/", {challenge("http://Auth.Example:8080/token")});
    http.script(token_url("http://Auth.Example:8080/token"), {test::FakeHttpClient::ok(R"({"token":"t0k"})")});
    o.creds = {creds("alice", "s3cret")};
    o.insecure_registries = {"auth.example:8080"};
    const auto r = client.check_manifests({*ref}, o).front();
    CHECK(r.kind == OutcomeKind::found);
    const auto to_realm = sent_to(http, "http://Auth.Example:8080");
    REQUIRE(to_realm.size() == 1);
    CHECK(header(to_realm[0], "Authorization") == "Basic YWxpY2U6czNjcmV0");
    CHECK(to_realm[0].insecure);
    CHECK_FALSE(to_realm[0].follow_redirects); // a redirect could carry the secret anywhere
  }
  SECTION("an https realm gets the credentials and TLS stays verified")
  {
    http.script("https://reg.example/v2/", {challenge("https://auth.example/token")});
    http.script("https://auth.example/token", {test::FakeHttpClient::ok(R"({"token":"t0k"})")});
    o.creds = {creds("", "", "refresh-s3cret")};
    const auto r = client.check_manifests({*ref}, o).front();
    CHECK(r.kind == OutcomeKind::found);
    const auto to_realm = sent_to(http, "https://auth.example");
    REQUIRE(to_realm.size() == 1);
    CHECK(to_realm[0].method == "POST");
    CHECK(to_realm[0].body.find("refresh_token=refresh-s3cret") != std::string::npos);
    CHECK_FALSE(to_realm[0].insecure);
    CHECK_FALSE(to_realm[0].follow_redirects);
  }
}

TEST_CASE("DistributionClient: a registry named insecure is plain HTTP; TLS stays verified past its redirects",
          "[registry]")
{
  // --insecure-registry names a host asked over http://, where TLS has nothing to verify. Its
  // requests once carried "insecure" all the same, which turned verification off for every https
  // server a redirect led to, and for an HTTPS proxy (found by review).
  RealmTestClient t;
  auto& http = t.http;
  auto& o = t.options;
  o.insecure_registries = {"127.0.0.1:5000"};
  const auto ref = core::image::ImageRef::parse("127.0.0.1:5000/app:v1");
  REQUIRE(ref);
  http.script("http://127.0.0.1:5000/v2/", {test::FakeHttpClient::ok("{}")});
  http.script("http://127.0.0.1:5000/v2/app/manifests/v1", {manifest_answer()});
  const auto r = t.client.check_manifests({*ref}, o).front();
  CAPTURE(r.message);
  CHECK(r.kind == OutcomeKind::found);
  const auto sent = sent_to(http, "http://127.0.0.1:5000/");
  REQUIRE_FALSE(sent.empty());
  for (const auto& request : sent) {
    CHECK(request.follow_redirects);
    CHECK_FALSE(request.insecure);
  }
}
