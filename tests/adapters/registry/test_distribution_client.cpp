#include "adapters/registry/distribution_client.hpp"

#include "adapters/fs/real_file_system.hpp"
#include "adapters/http/curl_http_client.hpp"
#include "support/fake_process_runner.hpp"
#include "support/free_port.hpp"
#include "support/image_values.hpp"
#include "support/local_registry.hpp"
#include "util/base64.hpp"

#include <catch2/catch.hpp>

#include <atomic>

using namespace devk8s;
using namespace std::chrono;
using core::registry::OutcomeKind;

namespace {

using devk8s::test::image_ref;

// Counts requests by URL fragment, to see what the client sent.
class CountingHttp final : public ports::HttpClient {
public:
  std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>& requests) override
  {
    for (const auto& r : requests) {
      m_sent.push_back(r);
    }
    return m_inner.perform_all(requests);
  }
  std::size_t count(const std::string& fragment) const
  {
    std::size_t n = 0;
    for (const auto& r : m_sent) {
      n += r.url.find(fragment) != std::string::npos ? 1u : 0u;
    }
    return n;
  }
  const std::vector<ports::HttpRequest>& sent() const { return m_sent; }

private:
  adapters::CurlHttpClient m_inner;
  std::vector<ports::HttpRequest> m_sent;
};

ports::RegistryCheckOptions options_for(const test::LocalRegistry& registry, bool with_creds = true)
{
  ports::RegistryCheckOptions o;
  if (registry.flavour() == test::Flavour::tls) {
    o.ca_file = registry.ca();
  }
  o.insecure_registries = registry.insecure_hosts();
  if (with_creds && registry.needs_credentials()) {
    o.creds = {*core::registry::parse_creds_option(registry.host() + "=" + registry.creds())};
  }
  o.deadline = seconds(20);
  return o;
}

} // namespace

TEST_CASE("DistributionClient against a real registry, four flavours", "[registry][integration-local]")
{
  const auto flavour = GENERATE(test::Flavour::plain, test::Flavour::tls, test::Flavour::basic, test::Flavour::bearer);
  CAPTURE(test::to_string(flavour));
  test::LocalRegistry& registry = test::shared_registry(flavour);
  CountingHttp http;
  adapters::RealFileSystem fs;
  test::FakeProcessRunner runner;
  adapters::DistributionClient client(http, fs, runner);

  const std::vector<core::image::ImageRef> refs = {
      image_ref(registry.ref("google_containers/storage-provisioner:v5")),
      image_ref(registry.ref("google_containers/k8s-minikube/storage-provisioner:v5")),
      image_ref(registry.ref("google_containers/pause:3.9")),
      image_ref(registry.ref("google_containers/oci-image:v1")),
      image_ref(registry.ref("google_containers/oci-index:v1")),
  };
  const auto outcomes = client.check_manifests(refs, options_for(registry));
  REQUIRE(outcomes.size() == refs.size());
  // The seed case: the flat path exists, the naive k8s-minikube/ path does not.
  CHECK(outcomes[0].kind == OutcomeKind::found);
  CHECK(outcomes[0].digest == registry.digest("storage-provisioner"));
  CHECK(outcomes[0].media_type == "application/vnd.docker.distribution.manifest.v2+json");
  CHECK(outcomes[1].kind == OutcomeKind::not_found);
  CHECK(outcomes[1].code == "NOT_FOUND"); // a HEAD 404 carries no error body
  // Without the OCI Accept types distribution answers 404 for these; a list would be resolved to one platform.
  CHECK(outcomes[2].digest == registry.digest("docker-list"));
  CHECK(outcomes[2].media_type == "application/vnd.docker.distribution.manifest.list.v2+json");
  CHECK(outcomes[3].digest == registry.digest("oci-manifest"));
  CHECK(outcomes[3].media_type == "application/vnd.oci.image.manifest.v1+json");
  CHECK(outcomes[4].digest == registry.digest("oci-index"));
  CHECK(outcomes[4].media_type == "application/vnd.oci.image.index.v1+json");
  for (const auto& request : http.sent()) {
    if (request.url.find("/manifests/") != std::string::npos) {
      bool accept = false;
      for (const auto& [name, value] : request.headers) {
        accept = accept || (name == "Accept" && value.find("application/vnd.oci.image.index.v1+json") != std::string::npos);
      }
      CHECK(accept);
    }
  }

  if (registry.needs_credentials()) {
    SECTION("anonymous: denied, saying the image may also be missing (401, not 404)")
    {
      const auto anonymous = client.check_manifests(refs, options_for(registry, false));
      for (const auto& o : anonymous) {
        CHECK(o.kind == OutcomeKind::denied);
        CHECK(o.status == 401);
        CHECK(o.message.find("may also not exist") != std::string::npos);
      }
    }
    SECTION("wrong credentials: denied")
    {
      auto o = options_for(registry);
      o.creds = {*core::registry::parse_creds_option(registry.host() + "=alice:wrong")};
      CHECK(client.check_manifests({refs[0]}, o)[0].kind == OutcomeKind::denied);
    }
    SECTION("credentials from config.json auths, then from a credential helper")
    {
      auto o = options_for(registry, false);
      o.docker_config_dir = registry.dir().path().string() + "/docker";
      registry.dir().write("docker/config.json", R"({"auths":{")" + registry.host() + R"(":{"auth":")" +
                                                     util::base64_encode(registry.creds()) + R"("}}})");
      CHECK(client.check_manifests({refs[0]}, o)[0].kind == OutcomeKind::found);
      registry.dir().write("docker/config.json", R"({"credsStore":"devk8stest"})");
      runner.script("docker-credential-devk8stest get",
                    ports::ProcessResult{0, R"({"ServerURL":"x","Username":"alice","Secret":"wonderland"})", "", false});
      adapters::DistributionClient fresh(http, fs, runner);
      CHECK(fresh.check_manifests({refs[0]}, o)[0].kind == OutcomeKind::found);
      REQUIRE_FALSE(runner.ran().empty());
      CHECK(runner.ran().back() == std::vector<std::string>{"docker-credential-devk8stest", "get"});
    }
    SECTION("a credential helper that cannot run: denied, saying why no credentials were sent")
    {
      auto o = options_for(registry, false);
      o.docker_config_dir = registry.dir().path().string() + "/docker-missing-helper";
      registry.dir().write("docker-missing-helper/config.json", R"({"credsStore":"absent"})");
      runner.missing("docker-credential-absent");
      const auto r = client.check_manifests({refs[0]}, o)[0];
      CHECK(r.kind == OutcomeKind::denied);
      CHECK(r.message.find("credentials not used: credential helper docker-credential-absent") != std::string::npos);
    }
  }
  if (flavour == test::Flavour::bearer) {
    SECTION("tokens are cached per registry and scope")
    {
      const auto before = http.count("/token?");
      CHECK(before == refs.size()); // one scope per repository
      client.check_manifests({refs[0], refs[1]}, options_for(registry));
      CHECK(http.count("/token?") == before);
    }
    SECTION("a plain-http token service not named insecure gets no credentials")
    {
      auto o = options_for(registry);
      o.insecure_registries = {registry.host()};
      CountingHttp fresh_http;
      adapters::DistributionClient fresh(fresh_http, fs, runner); // no cached token to hide the fetch
      const auto r = fresh.check_manifests({refs[0]}, o).front();
      CHECK(r.kind == OutcomeKind::denied);
      CHECK(r.code == "INSECURE_REALM");
      CHECK(r.message.find("add --insecure-registry " + registry.realm_host() + " to allow") != std::string::npos);
      CHECK(fresh_http.count("/token") == 0);
      // Anonymous, the same token service is still asked: there is nothing secret to keep.
      const auto anonymous = fresh.check_manifests({refs[0]}, [&] {
                                    auto a = options_for(registry, false);
                                    a.insecure_registries = {registry.host()};
                                    return a;
                                  }())
                                 .front();
      CHECK(anonymous.kind == OutcomeKind::denied);
      CHECK(anonymous.code != "INSECURE_REALM");
      CHECK(fresh_http.count("/token?") == 1);
    }
  }
}

TEST_CASE("DistributionClient: faults get their documented outcome within their deadline", "[registry][faults]")
{
  test::FaultServer server;
  adapters::CurlHttpClient curl;
  adapters::RealFileSystem fs;
  test::FakeProcessRunner runner;
  std::vector<milliseconds> sleeps;
  adapters::RetryClock clock;
  clock.jitter = [] { return 0.5; };
  adapters::DistributionClient client(curl, fs, runner, clock);
  ports::RegistryCheckOptions o;
  o.insecure_registries = {server.host()};
  // Servers that answer get a request timeout a loaded machine under ASan still meets, so the
  // outcome (not the clock) is what is asserted; the sections about hanging set a short one.
  o.request_timeout = seconds(3);
  o.deadline = seconds(6);
  const auto check = [&](const std::string& mode) {
    return client.check_manifests({image_ref(server.host() + "/" + mode + "/img:1")}, o).front();
  };
  const auto timed = [&](const std::string& mode, milliseconds limit) {
    const auto start = steady_clock::now();
    auto outcome = check(mode);
    CHECK(steady_clock::now() - start < limit);
    return outcome;
  };

  SECTION("500 then 200: retried, found")
  {
    const auto r = timed("flaky", seconds(4));
    CHECK(r.kind == OutcomeKind::found);
    CHECK(r.digest == server.digest());
    CHECK(r.attempts == 2);
  }
  SECTION("429 with Retry-After: 1: waited for, then found")
  {
    const auto start = steady_clock::now();
    const auto r = check("ratelimited");
    CHECK(steady_clock::now() - start >= milliseconds(1000));
    CHECK(r.kind == OutcomeKind::found);
  }
  SECTION("429 every time: rate-limited after the bounded attempts")
  {
    const auto r = timed("throttled", seconds(6));
    CHECK(r.kind == OutcomeKind::rate_limited);
    CHECK(r.attempts == 3);
    CHECK(r.code == "TOOMANYREQUESTS"); // a HEAD carries no body to quote
  }
  SECTION("503 every time: bad answer after the bounded attempts")
  {
    const auto r = timed("down", seconds(5));
    CHECK(r.kind == OutcomeKind::bad_answer);
    CHECK(r.code == "HTTP_503");
    CHECK(r.attempts == 3);
  }
  SECTION("a socket that accepts and never answers: the request timeout fires")
  {
    o.request_timeout = milliseconds(800);
    const auto r = timed("hang", milliseconds(2500));
    CHECK(r.kind == OutcomeKind::unreachable);
    CHECK(r.code == "timeout");
  }
  SECTION("the total deadline bounds a long request timeout")
  {
    o.request_timeout = seconds(30);
    o.deadline = milliseconds(700);
    const auto r = timed("hang", milliseconds(2500));
    CHECK(r.kind == OutcomeKind::unreachable);
  }
  SECTION("a redirect loop: bad answer")
  {
    const auto r = timed("loop", seconds(4));
    CHECK(r.kind == OutcomeKind::bad_answer);
    CHECK(r.code == "redirect-loop");
  }
  SECTION("an oversized header, an oversized body: bad answer")
  {
    CHECK(timed("bigheader", seconds(4)).code == "too-large");
    CHECK(timed("bigbody", seconds(4)).code == "too-large");
  }
  SECTION("garbage JSON in an error body: the status decides (403: denied), the raw text kept")
  {
    const auto r = timed("garbage", seconds(4));
    CHECK(r.kind == OutcomeKind::denied);
    CHECK(r.code == "DENIED");
    CHECK(r.message.find("{\"errors\": [{\"code\": \"DENI <html>oops") == 0);
  }
  SECTION("no Docker-Content-Digest: GET and hash the body")
  {
    const auto r = timed("nodigest", seconds(4));
    CHECK(r.kind == OutcomeKind::found);
    CHECK(r.digest == server.digest());
  }
  SECTION("plain-text 404, allowlist 403, Bearer 401 keep their words")
  {
    CHECK(check("plain404").kind == OutcomeKind::not_found);
    const auto allow = check("allowlist");
    CHECK(allow.kind == OutcomeKind::denied);
    CHECK(allow.message.find("not in allowlist") != std::string::npos);
    CHECK(check("unauthorized").kind == OutcomeKind::denied);
  }
  SECTION("many at once: one outcome each, in order")
  {
    std::vector<core::image::ImageRef> refs;
    const std::vector<std::string> modes = {"ok", "plain404", "loop", "nodigest", "allowlist"};
    for (int i = 0; i < 50; ++i) {
      refs.push_back(image_ref(server.host() + "/" + modes[static_cast<std::size_t>(i) % modes.size()] + "/n" + std::to_string(i) + ":1"));
    }
    const auto outcomes = client.check_manifests(refs, o);
    REQUIRE(outcomes.size() == refs.size());
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      CAPTURE(i);
      const OutcomeKind expected[] = {OutcomeKind::found, OutcomeKind::not_found, OutcomeKind::bad_answer,
                                      OutcomeKind::found, OutcomeKind::denied};
      CHECK(outcomes[i].kind == expected[i % modes.size()]);
    }
  }
  SECTION("nothing listening: unreachable (connect), retried a bounded number of times")
  {
    const auto r = client.check_manifests({image_ref("127.0.0.1:" + std::to_string(test::closed_port()) + "/x:1")},
                                          [&] {
                                            auto c = o;
                                            c.insecure_registries = {};
                                            return c;
                                          }())
                       .front();
    CHECK(r.kind == OutcomeKind::unreachable);
  }
}
