// Which servers receive a credential: a --creds entry without a host goes only to the
// registries the user named (RegistryCheckOptions::general_creds_registries), never to another
// registry of the same check; and every outcome says where its secret went, for -v.
// FakeHttpClient records every request, so "not sent" is checked, not assumed.
#include "adapters/registry/distribution_client.hpp"

#include "core/registry/token.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_http_client.hpp"
#include "support/fake_process_runner.hpp"
#include "support/image_values.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using core::registry::OutcomeKind;

namespace {

using devk8s::test::k_seed_digest;
using devk8s::test::image_ref;

ports::HttpResponse answer(long status, std::vector<std::pair<std::string, std::string>> headers)
{
  ports::HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  return r;
}

ports::HttpResponse manifest()
{
  return answer(200, {{"docker-content-digest", k_seed_digest},
                      {"content-type", "application/vnd.docker.distribution.manifest.v2+json"}});
}

bool has_authorization(const ports::HttpRequest& r)
{
  for (const auto& [name, value] : r.headers) {
    if (name == "Authorization") {
      return true;
    }
  }
  return false;
}

// Whether any request to a URL starting with `prefix` carried an Authorization header.
bool authorization_sent(const test::FakeHttpClient& http, const std::string& prefix)
{
  for (const auto& r : http.requests()) {
    if (r.url.rfind(prefix, 0) == 0 && has_authorization(r)) {
      return true;
    }
  }
  return false;
}

} // namespace

TEST_CASE("DistributionClient: a credential without a host goes only to the registries named", "[registry][creds]")
{
  test::FakeHttpClient http;
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  adapters::RetryClock clock;
  clock.sleep = [](std::chrono::milliseconds) {};
  clock.jitter = [] { return 0.0; };
  adapters::DistributionClient client(http, fs, runner, clock);
  ports::RegistryCheckOptions o;
  o.docker_config_dir = "/nonexistent";
  o.creds = {*core::registry::parse_creds_option("alice:s3cret")};
  const std::vector<core::image::ImageRef> refs = {image_ref("named.example/app:v1"), image_ref("other.example/app:v1")};
  for (const std::string host : {"named.example", "other.example"}) {
    http.script("https://" + host + "/v2/", {answer(401, {{"www-authenticate", "Basic realm=\"" + host + "\""}})});
    http.script("https://" + host + "/v2/app/manifests/v1", {manifest()});
  }

  SECTION("Basic: the named registry gets it, the other is asked anonymously")
  {
    o.general_creds_registries = {"named.example"};
    const auto outcomes = client.check_manifests(refs, o);
    CHECK(authorization_sent(http, "https://named.example/"));
    CHECK_FALSE(authorization_sent(http, "https://other.example/"));
    CHECK(outcomes[0].credentials_sent_to == std::vector<std::string>{"named.example"});
    CHECK(outcomes[0].credentials_source == "--creds");
    CHECK(outcomes[1].credentials_sent_to.empty());
  }
  SECTION("with no registry named, nobody gets it")
  {
    client.check_manifests(refs, o);
    CHECK_FALSE(authorization_sent(http, "https://"));
  }
  SECTION("a HOST= entry goes to its registry whatever was named")
  {
    o.creds = {*core::registry::parse_creds_option("https://other.example=bob:pw")};
    const auto outcomes = client.check_manifests(refs, o);
    CHECK_FALSE(authorization_sent(http, "https://named.example/"));
    CHECK(authorization_sent(http, "https://other.example/"));
    CHECK(outcomes[1].credentials_sent_to == std::vector<std::string>{"other.example"});
  }
  SECTION("Bearer: the token service the registry names is where the secret goes")
  {
    http.script("https://named.example/v2/",
                {answer(401, {{"www-authenticate", "Bearer realm=\"https://auth.example/token\",service=\"named\""}})});
    http.script(core::registry::token_url("https://auth.example/token", "named", "repository:app:pull"),
                {test::FakeHttpClient::ok(R"({"token":"t0k"})")});
    o.general_creds_registries = {"named.example"};
    const auto outcomes = client.check_manifests({refs[0]}, o);
    CHECK(outcomes[0].kind == OutcomeKind::found);
    CHECK(authorization_sent(http, "https://auth.example/"));
    CHECK(outcomes[0].credentials_sent_to == std::vector<std::string>{"auth.example"});
  }
}
