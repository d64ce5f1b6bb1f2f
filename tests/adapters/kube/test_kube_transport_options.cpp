// A kubeconfig's tls-server-name and proxy-url, and the User-Agent, against the simulated API
// server (issue #12), with real kubectl 1.20 reading the same kubeconfig: the name TLS verifies
// and sends as SNI, each proxy kind (http CONNECT, https, socks5) seen relaying the connection,
// and compact JSON for devk8s's User-Agent where the server pretty-prints for curl's.
#include "adapters/fs/real_file_system.hpp"
#include "adapters/http/curl_http_client.hpp"
#include "adapters/kube/curl_kube_api.hpp"
#include "support/background_process.hpp"
#include "support/free_port.hpp"
#include "support/sim_cluster.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"
#include "util/build_info.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace devk8s;
using test::SimCluster;

namespace {

using devk8s::test::has;
using devk8s::test::read_file;

/// The sim's kubeconfig with `lines` added to its cluster (after the server line), written beside it.
std::string kubeconfig_with(const SimCluster& sim, const std::string& name, const std::string& lines)
{
  std::string config = read_file(sim.kubeconfig());
  const auto server = config.find("    server: ");
  config.insert(config.find('\n', server) + 1, lines);
  const std::string path = sim.state_dir() + "/" + name;
  std::ofstream(path) << config;
  return path;
}

/// HttpClient that hands every request to a real one and keeps both sides, to see what went out.
class RecordingHttp final : public ports::HttpClient {
public:
  explicit RecordingHttp(ports::HttpClient& inner) : m_inner(inner) {}
  std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>& requests) override
  {
    auto responses = m_inner.perform_all(requests);
    sent.insert(sent.end(), requests.begin(), requests.end());
    received.insert(received.end(), responses.begin(), responses.end());
    return responses;
  }
  std::vector<ports::HttpRequest> sent;
  std::vector<ports::HttpResponse> received;

private:
  ports::HttpClient& m_inner;
};

struct Client {
  adapters::CurlHttpClient http;
  adapters::RealFileSystem fs;
  adapters::CurlKubeConnector connector{http, fs};

  util::Result<nlohmann::json> version(const std::string& kubeconfig)
  {
    auto access = core::kube::select_context({{kubeconfig, read_file(kubeconfig)}}, "");
    REQUIRE(access);
    auto api = connector.connect(*access);
    REQUIRE(api);
    return (*api)->get("/version");
  }
};

struct Proxy {
  Proxy(const std::string& flavour, const SimCluster& sim) : log(sim.state_dir() + "/proxy-" + flavour + ".log")
  {
    std::vector<std::string> argv = {"/usr/bin/python3", test::source_path("tests/support/tunnel_proxy.py"), "--flavour",
                                     flavour, "--log", log};
    if (flavour == "https") {
      // The apiserver's own certificate (IP SAN 127.0.0.1, the sim's CA): verified with the
      // kubeconfig's CA, as Go's transport verifies an https proxy.
      argv.insert(argv.end(), {"--cert", sim.state_dir() + "/profiles/minikube/apiserver.crt", "--key",
                               sim.state_dir() + "/profiles/minikube/apiserver.key"});
    }
    process = std::make_unique<test::BackgroundProcess>(argv, std::chrono::seconds(20));
    url = nlohmann::json::parse(process->announcement()).at("url").get<std::string>();
  }
  std::string log;
  std::unique_ptr<test::BackgroundProcess> process;
  std::string url;
};

} // namespace

TEST_CASE("tls-server-name: the name TLS verifies and sends as SNI, for devk8s and kubectl", "[kube][sim]")
{
  SimCluster sim("healthy");
  Client client;
  // The server is still reached at 127.0.0.1; its certificate also names this DNS name.
  const auto good = kubeconfig_with(sim, "good-name", "    tls-server-name: control-plane.minikube.internal\n");
  const auto wrong = kubeconfig_with(sim, "wrong-name", "    tls-server-name: wrong.example\n");

  SECTION("a name the certificate holds")
  {
    auto version = client.version(good);
    INFO((version ? std::string() : version.error().message));
    REQUIRE(version);
    CHECK((*version)["gitVersion"] == "v1.20.2");
    // curl sends no SNI for an IP address: this one came from tls-server-name.
    CHECK(has(read_file(sim.requests_log()), "SNI control-plane.minikube.internal\n"));
    for (const auto& kubectl : test::kubectl_clients()) {
      CAPTURE(kubectl);
      const auto r = test::SimCluster::run({kubectl, "--kubeconfig", good, "get", "nodes", "-o", "name"}, {});
      CHECK(r.exit_code == 0);
      CHECK(r.out == "node/minikube\n");
    }
  }
  SECTION("a name it does not hold: a TLS failure, as kubectl's")
  {
    auto version = client.version(wrong);
    REQUIRE_FALSE(version);
    CHECK(version.error().message.rfind("TLS with the apiserver at " + sim.server() + " (context \"minikube\") failed: "
                                        "x509: certificate is not valid for wrong.example",
                                        0) == 0);
    const auto r = test::SimCluster::run({test::kubectl_120(), "--kubeconfig", wrong, "get", "nodes"}, {});
    CHECK(r.exit_code != 0);
    CHECK(has(r.err, "x509: certificate is valid for"));
  }
}

TEST_CASE("proxy-url: http, https and socks5 proxies relay devk8s and kubectl alike", "[kube][sim]")
{
  SimCluster sim("healthy");
  Client client;
  const std::string port = sim.server().substr(sim.server().rfind(':') + 1);
  for (const std::string flavour : {"http", "https", "socks5"}) {
    DYNAMIC_SECTION(flavour)
    {
      Proxy proxy(flavour, sim);
      const auto config = kubeconfig_with(sim, "proxied-" + flavour, "    proxy-url: " + proxy.url + "\n");
      // NO_PROXY names 127.0.0.1 in this process (bypass_proxies_for_loopback): proxy-url wins, as in client-go.
      auto version = client.version(config);
      INFO((version ? std::string() : version.error().message));
      REQUIRE(version);
      CHECK((*version)["gitVersion"] == "v1.20.2");
      const std::string went = (flavour == "socks5" ? "SOCKS5 127.0.0.1:" : "CONNECT 127.0.0.1:") + port + "\n";
      CHECK(read_file(proxy.log) == went);
      const auto r = test::SimCluster::run({test::kubectl_120(), "--kubeconfig", config, "get", "nodes", "-o", "name"},
                                           {{"NO_PROXY", "127.0.0.1"}});
      CAPTURE(r.err);
      CHECK(r.exit_code == 0);
      CHECK(r.out == "node/minikube\n");
      CHECK(read_file(proxy.log).size() > went.size()); // kubectl went through it too
    }
  }
  SECTION("a proxy that is not there: the proxy is named, without its password")
  {
    const std::string port_closed = std::to_string(test::closed_port());
    const auto config = kubeconfig_with(sim, "proxied-nowhere", "    proxy-url: http://u:s3cret@127.0.0.1:" + port_closed + "\n");
    auto version = client.version(config);
    REQUIRE_FALSE(version);
    CHECK(version.error().message.rfind("the apiserver at " + sim.server() + " (context \"minikube\") cannot be reached "
                                        "through proxy-url http://127.0.0.1:" + port_closed + " of cluster \"minikube\": ",
                                        0) == 0);
    CHECK(has(version.error().message, "Connection refused"));
    CHECK_FALSE(has(version.error().message, "s3cret"));
  }
}

TEST_CASE("CurlKubeApi sends devk8s's User-Agent and gets compact JSON; curl's gets it indented", "[kube][sim]")
{
  SimCluster sim("healthy");
  adapters::CurlHttpClient curl;
  RecordingHttp http(curl);
  adapters::RealFileSystem fs;
  adapters::CurlKubeConnector connector{http, fs};
  auto access = core::kube::select_context({{sim.kubeconfig(), read_file(sim.kubeconfig())}}, "");
  REQUIRE(access);
  auto api = connector.connect(*access);
  REQUIRE(api);
  REQUIRE((*api)->list("/api/v1/pods"));
  REQUIRE(http.sent.size() == 1);
  std::string agent;
  for (const auto& [name, value] : http.sent[0].headers) {
    if (name == "User-Agent") {
      agent = value;
    }
  }
  CHECK(agent == std::string("devk8s/") + util::build_info().version);
  const std::string& compact = http.received[0].body;
  CHECK(compact.rfind(R"({"kind":"PodList","apiVersion":"v1",)", 0) == 0);
  CHECK_FALSE(has(compact, "\n"));

  // The same request as curl would send it: kube-apiserver (and the sim) indent the answer.
  auto as_curl = http.sent[0];
  for (auto& [name, value] : as_curl.headers) {
    if (name == "User-Agent") {
      value = "curl/7.88.1";
    }
  }
  const auto pretty = curl.perform(as_curl);
  REQUIRE(pretty.status == 200);
  CHECK(pretty.body.rfind("{\n  \"kind\": \"PodList\",\n", 0) == 0);
  CHECK(pretty.body.size() > compact.size() * 3 / 2);
}
