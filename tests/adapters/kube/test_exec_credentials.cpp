// Exec credential plugins in CurlKubeConnector (issue #12), on fakes: the plugin is run through
// the ProcessRunner with client-go's KUBERNETES_EXEC_INFO, its token or certificate goes out with
// the requests, the credential is cached (0600, staged then renamed) until it expires, a 401 runs
// the plugin again, and every failure is one line that never holds the token.
#include "adapters/kube/curl_kube_api.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_http_client.hpp"
#include "support/fake_process_runner.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;
using core::kube::WallClock;
using test::FakeHttpClient;

namespace {

const std::string k_plugin_server = "https://10.0.0.1:6443";
const std::string k_plugin_secret = "k8s-aws-v1.c2VjcmV0LXRva2Vu";
const std::string k_plugin_v1beta1 = "client.authentication.k8s.io/v1beta1";
const auto k_now = WallClock::time_point(std::chrono::seconds(1'800'000'000));

std::string credential(const std::string& token, std::optional<WallClock::time_point> expiry)
{
  nlohmann::json status = {{"token", token}};
  if (expiry) {
    status["expirationTimestamp"] = core::kube::format_rfc3339(*expiry);
  }
  return nlohmann::json{{"kind", "ExecCredential"}, {"apiVersion", k_plugin_v1beta1}, {"status", status}}.dump();
}

ports::ProcessResult printed(const std::string& out, int code = 0, const std::string& err = {})
{
  return ports::ProcessResult{code, out, err, false, false};
}

std::string header(const ports::HttpRequest& r, const std::string& name)
{
  for (const auto& [key, value] : r.headers) {
    if (key == name) {
      return value;
    }
  }
  return {};
}

struct ExecFixture {
  test::FakeHttpClient http;
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  WallClock::time_point now = k_now;
  core::kube::ClusterAccess access;
  adapters::KubeApiOptions options;

  ExecFixture()
  {
    access.context = "dev";
    access.cluster = "dev";
    access.user = "eks";
    access.origin = "/home/u/.kube/config";
    access.server = k_plugin_server;
    access.exec = core::kube::ExecConfig{};
    access.exec->command = "aws";
    access.exec->args = {"eks", "get-token"};
    access.exec->env = {{"AWS_PROFILE", "dev"}};
    access.exec->api_version = k_plugin_v1beta1;
    access.exec->interactive_mode = "IfAvailable";
    options.exec.cache_dir = "/cache/devk8s";
    options.exec.now = [this] { return now; };
    options.retry.max_attempts = 1;
    http.script(k_plugin_server + "/version", {FakeHttpClient::ok(R"({"gitVersion":"v1.27.3"})")});
  }

  util::Result<std::unique_ptr<ports::KubeApi>> connect()
  {
    adapters::CurlKubeConnector connector(http, fs, runner, options);
    return connector.connect(access);
  }

  std::string cache_file() const
  {
    return "/cache/devk8s/credentials/" + core::kube::exec_cache_key(access) + ".json";
  }
};

} // namespace

TEST_CASE("exec plugin: run on connect, its token sent, its credential cached until it expires", "[kube][exec]")
{
  ExecFixture f;
  f.runner.script("aws eks get-token", printed(credential(k_plugin_secret, k_now + std::chrono::minutes(15))));

  auto api = f.connect();
  REQUIRE(api);
  REQUIRE(f.runner.ran().size() == 1);
  CHECK(f.runner.ran()[0] == std::vector<std::string>{"aws", "eks", "get-token"});
  CHECK(f.runner.envs()[0].at("AWS_PROFILE") == "dev");
  CHECK(f.runner.envs()[0].at("KUBERNETES_EXEC_INFO") ==
        R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{"interactive":false}})");
  CHECK(f.runner.stdins()[0].empty()); // no terminal, no stdin: IfAvailable means not interactive
  REQUIRE(f.runner.timeouts()[0]);

  REQUIRE((*api)->get("/version"));
  CHECK(header(f.http.requests().back(), "Authorization") == "Bearer " + k_plugin_secret);

  SECTION("the cache file: 0600 from its creation, written whole")
  {
    REQUIRE(f.fs.files.count(f.cache_file()) == 1);
    CHECK(f.fs.modes.at(f.cache_file()) == 0600);
    REQUIRE(f.fs.staged.size() == 1); // staged beside it, then renamed
    CHECK(f.fs.files.at(f.cache_file()).find(k_plugin_secret) != std::string::npos);
  }
  SECTION("a second run within the lifetime uses the cache and runs nothing")
  {
    f.now = k_now + std::chrono::minutes(10);
    auto again = f.connect();
    REQUIRE(again);
    CHECK(f.runner.ran().size() == 1);
    REQUIRE((*again)->get("/version"));
    CHECK(header(f.http.requests().back(), "Authorization") == "Bearer " + k_plugin_secret);
  }
  SECTION("after the expiry (or within 30 s of it) the plugin runs again")
  {
    f.now = k_now + std::chrono::minutes(15) - std::chrono::seconds(20);
    f.runner.script("aws eks get-token", printed(credential("fresh-token", k_now + std::chrono::minutes(30))));
    auto again = f.connect();
    REQUIRE(again);
    CHECK(f.runner.ran().size() == 2);
    REQUIRE((*again)->get("/version"));
    CHECK(header(f.http.requests().back(), "Authorization") == "Bearer fresh-token");
    CHECK(f.fs.files.at(f.cache_file()).find("fresh-token") != std::string::npos);
  }
  SECTION("a changed plugin configuration is another cache entry")
  {
    f.access.exec->args.push_back("--cluster-name=prod");
    f.runner.script("aws eks get-token --cluster-name=prod", printed(credential("prod-token", k_now + std::chrono::hours(1))));
    REQUIRE(f.connect());
    CHECK(f.runner.ran().size() == 2);
  }
}

TEST_CASE("exec plugin: a credential without an expiry is used, not cached", "[kube][exec]")
{
  ExecFixture f;
  f.runner.script("aws eks get-token", printed(credential(k_plugin_secret, std::nullopt)));
  REQUIRE(f.connect());
  REQUIRE(f.connect());
  CHECK(f.runner.ran().size() == 2);
  CHECK(f.fs.files.count(f.cache_file()) == 0);
}

TEST_CASE("exec plugin: no cache directory, no cache", "[kube][exec]")
{
  ExecFixture f;
  f.options.exec.cache_dir.clear();
  f.runner.script("aws eks get-token", printed(credential(k_plugin_secret, k_now + std::chrono::hours(1))));
  REQUIRE(f.connect());
  REQUIRE(f.connect());
  CHECK(f.runner.ran().size() == 2);
  CHECK(f.fs.files.empty());
}

TEST_CASE("exec plugin: provideClusterInfo hands over the cluster and its CA", "[kube][exec]")
{
  ExecFixture f;
  f.access.exec->provide_cluster_info = true;
  f.access.certificate_authority.file = "/home/u/.minikube/ca.crt";
  f.fs.files["/home/u/.minikube/ca.crt"] = "---CA---";
  f.runner.script("aws eks get-token", printed(credential(k_plugin_secret, std::nullopt)));
  REQUIRE(f.connect());
  const auto info = nlohmann::json::parse(f.runner.envs()[0].at("KUBERNETES_EXEC_INFO"));
  CHECK(info["spec"]["cluster"]["server"] == k_plugin_server);
  CHECK(info["spec"]["cluster"]["certificate-authority-data"] == "LS0tQ0EtLS0=");
}

TEST_CASE("exec plugin: a client certificate replaces the kubeconfig's", "[kube][exec]")
{
  ExecFixture f;
  f.access.client_certificate.file = "/k/old.crt";
  f.access.client_key.file = "/k/old.key";
  f.fs.files["/k/old.crt"] = "old";
  f.fs.files["/k/old.key"] = "old";
  f.runner.script("aws eks get-token",
                  printed(nlohmann::json{{"kind", "ExecCredential"},
                                         {"apiVersion", k_plugin_v1beta1},
                                         {"status", {{"clientCertificateData", "CERT"}, {"clientKeyData", "KEY"}}}}
                              .dump()));
  auto api = f.connect();
  REQUIRE(api);
  REQUIRE((*api)->get("/version"));
  const auto& r = f.http.requests().back();
  CHECK(r.client_cert_pem == "CERT");
  CHECK(r.client_key_pem == "KEY");
  CHECK(r.client_cert.empty());
  CHECK(r.client_key.empty());
  CHECK(header(r, "Authorization").empty());
}

TEST_CASE("exec plugin: a cached token the server refuses is replaced, and the request sent again", "[kube][exec]")
{
  ExecFixture f;
  core::kube::ExecCredential revoked;
  revoked.token = "revoked-token";
  revoked.expiry = k_now + std::chrono::hours(1);
  f.fs.files[f.cache_file()] = core::kube::exec_cache_record(revoked, k_plugin_v1beta1);
  f.runner.script("aws eks get-token", printed(credential(k_plugin_secret, k_now + std::chrono::hours(1))));
  const std::string unauthorized = R"({"kind":"Status","reason":"Unauthorized","code":401,"message":"Unauthorized"})";

  SECTION("one request")
  {
    f.http.script(k_plugin_server + "/version", {FakeHttpClient::answer(401, unauthorized), FakeHttpClient::ok("{}")});
    auto api = f.connect();
    REQUIRE(api);
    CHECK(f.runner.ran().empty()); // the cache was good enough to try
    REQUIRE((*api)->get("/version"));
    REQUIRE(f.http.requests().size() == 2);
    CHECK(header(f.http.requests()[0], "Authorization") == "Bearer revoked-token");
    CHECK(header(f.http.requests()[1], "Authorization") == "Bearer " + k_plugin_secret);
    CHECK(f.runner.ran().size() == 1);
    CHECK(f.fs.files.at(f.cache_file()).find(k_plugin_secret) != std::string::npos);
  }
  SECTION("the lists of a snapshot")
  {
    const std::string list = R"({"kind":"PodList","metadata":{},"items":[]})";
    f.http.script(k_plugin_server + "/api/v1/pods?limit=500", {FakeHttpClient::answer(401, unauthorized), FakeHttpClient::ok(list)});
    f.http.script(k_plugin_server + "/api/v1/nodes?limit=500", {FakeHttpClient::answer(401, unauthorized), FakeHttpClient::ok(list)});
    auto api = f.connect();
    REQUIRE(api);
    const auto outcomes = (*api)->list_all({"/api/v1/pods", "/api/v1/nodes"},
                                           std::chrono::steady_clock::now() + std::chrono::minutes(1));
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].list);
    CHECK(outcomes[1].list);
    CHECK(f.runner.ran().size() == 1); // once for both
    REQUIRE(f.http.batches().size() == 2);
    CHECK(f.http.batches()[1].size() == 2);
  }
  SECTION("refused again: the 401, once")
  {
    f.http.script(k_plugin_server + "/version", {FakeHttpClient::answer(401, unauthorized)});
    auto api = f.connect();
    REQUIRE(api);
    const auto version = (*api)->get("/version");
    REQUIRE_FALSE(version);
    CHECK(version.error().message == "the apiserver at " + k_plugin_server + " rejected the credentials of user \"eks\" (context "
                                     "\"dev\" in /home/u/.kube/config): HTTP 401 Unauthorized");
    CHECK(f.runner.ran().size() == 1);
    CHECK(version.error().message.find(k_plugin_secret) == std::string::npos);
  }
}

TEST_CASE("exec plugin: every failure is one line and a hint, without the token", "[kube][exec]")
{
  ExecFixture f;
  const std::string who = "the credential plugin \"aws\" of user \"eks\" (in /home/u/.kube/config)";
  util::Error error;
  SECTION("not installed: the installHint, on one line")
  {
    f.access.exec->install_hint = "aws is required to authenticate\nto the current cluster.\n  See https://aws.amazon.com/cli/\n";
    f.runner.missing("aws");
    auto api = f.connect();
    REQUIRE_FALSE(api);
    error = api.error();
    CHECK(error.message == "cannot run " + who + ": executable file not found in $PATH");
    CHECK(error.hint == "aws is required to authenticate to the current cluster. See https://aws.amazon.com/cli/");
  }
  SECTION("not installed, no installHint")
  {
    f.runner.missing("aws");
    auto api = f.connect();
    REQUIRE_FALSE(api);
    error = api.error();
    CHECK(error.hint.rfind("install it, or correct exec.command in /home/u/.kube/config (https://kubernetes.io/", 0) == 0);
  }
  SECTION("a failing plugin: its exit code, its stderr under the line")
  {
    f.runner.script("aws eks get-token", printed("", 255, "\nError loading SSO Token: Token for dev does not exist\n"));
    auto api = f.connect();
    REQUIRE_FALSE(api);
    error = api.error();
    CHECK(error.message == who + " failed with exit code 255");
    CHECK(error.output == "Error loading SSO Token: Token for dev does not exist");
    CHECK(error.hint == "run it yourself to see why: aws eks get-token");
  }
  SECTION("output that is not an ExecCredential")
  {
    f.runner.script("aws eks get-token", printed("token: " + k_plugin_secret + "\n"));
    auto api = f.connect();
    REQUIRE_FALSE(api);
    error = api.error();
    CHECK(error.message.rfind(who + " printed no usable ExecCredential: its stdout is not JSON (at 1:", 0) == 0);
    CHECK(error.hint.find("it must print client.authentication.k8s.io/v1beta1 ExecCredential JSON on stdout") == 0);
  }
  SECTION("an ExecCredential of another version")
  {
    f.runner.script("aws eks get-token", printed(R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1",)"
                                                 R"("status":{"token":")" + k_plugin_secret + R"("}})"));
    auto api = f.connect();
    REQUIRE_FALSE(api);
    error = api.error();
    CHECK(error.message == who + " printed no usable ExecCredential: it returned apiVersion client.authentication.k8s.io/v1, "
                                 "but the kubeconfig's exec.apiVersion is client.authentication.k8s.io/v1beta1");
  }
  SECTION("interactiveMode Always: refused without running it")
  {
    f.access.exec->interactive_mode = "Always";
    auto api = f.connect();
    REQUIRE_FALSE(api);
    error = api.error();
    CHECK(error.message == "cannot run " + who + ": its interactiveMode is Always, and devk8s gives a plugin no terminal");
    CHECK(f.runner.ran().empty());
  }
  SECTION("a plugin that waits for input")
  {
    f.options.exec.timeout = std::chrono::seconds(2);
    f.runner.script("aws eks get-token", ports::ProcessResult{-1, "", "", true, false});
    auto api = f.connect();
    REQUIRE_FALSE(api);
    error = api.error();
    CHECK(error.message == who + " did not finish within 2s: does it wait for input? devk8s gives it no terminal");
    CHECK(f.runner.timeouts()[0] == std::chrono::milliseconds(2000));
  }
  SECTION("a connector without a runner (nothing that may run a plugin)")
  {
    adapters::CurlKubeConnector connector(f.http, f.fs);
    auto api = connector.connect(f.access);
    REQUIRE_FALSE(api);
    error = api.error();
    CHECK(error.message == "user \"eks\" gets its credentials from a plugin, which this devk8s command cannot run");
  }
  CHECK(error.code == util::ExitCode::failure);
  CHECK(error.message.find(k_plugin_secret) == std::string::npos);
  CHECK(error.hint.find(k_plugin_secret) == std::string::npos);
  CHECK(error.output.find(k_plugin_secret) == std::string::npos);
  CHECK(error.message.find("c2VjcmV0") == std::string::npos);
}
