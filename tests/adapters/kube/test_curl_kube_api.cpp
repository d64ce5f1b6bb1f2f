// The Kubernetes API client against the simulated API server (tests/sim, issue #5): HTTPS with
// minikube's client certificates, kubeconfig read as kubectl reads it, paging, selectors, and
// the server's refusals turned into one line and a hint.
#include "adapters/fs/real_file_system.hpp"
#include "adapters/http/curl_http_client.hpp"
#include "adapters/kube/curl_kube_api.hpp"
#include "support/free_port.hpp"
#include "support/sim_cluster.hpp"
#include "support/temp_dir.hpp"
#include "util/base64.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace devk8s;
using test::SimCluster;

namespace {

using devk8s::test::read_file;

core::kube::ClusterAccess access_of(const std::string& kubeconfig_path, const std::string& text)
{
  auto access = core::kube::select_context({{kubeconfig_path, text}}, "");
  REQUIRE(access);
  return *access;
}

void set_faults(const SimCluster& sim, const nlohmann::json& faults)
{
  auto doc = sim.state();
  doc["settings"]["faults"] = faults;
  sim.write_state(doc);
}

struct Client {
  adapters::CurlHttpClient http;
  adapters::RealFileSystem fs;
  adapters::CurlKubeConnector connector{http, fs};

  std::unique_ptr<ports::KubeApi> connect(const core::kube::ClusterAccess& access)
  {
    auto api = connector.connect(access);
    REQUIRE(api);
    return std::move(*api);
  }
};

} // namespace

TEST_CASE("CurlKubeApi reads the simulated cluster through minikube's kubeconfig", "[kube][sim]")
{
  SimCluster sim("seed-cn-v1.20");
  Client client;
  auto api = client.connect(access_of(sim.kubeconfig(), read_file(sim.kubeconfig())));

  SECTION("/version")
  {
    auto version = api->get("/version");
    REQUIRE(version);
    CHECK((*version)["gitVersion"] == "v1.20.2");
  }
  SECTION("a list read in pages is the list read at once")
  {
    auto whole = api->list("/api/v1/pods", {{}, {}, 0});
    auto paged = api->list("/api/v1/pods", {{}, {}, 2});
    REQUIRE(whole);
    REQUIRE(paged);
    CHECK(whole->pages == 1);
    CHECK(paged->pages == static_cast<int>((whole->items.size() + 1) / 2));
    REQUIRE(paged->items.size() == whole->items.size());
    for (std::size_t i = 0; i < whole->items.size(); ++i) {
      CHECK(paged->items[i]["metadata"]["uid"] == whole->items[i]["metadata"]["uid"]);
    }
    CHECK_FALSE(paged->resource_version.empty());
  }
  SECTION("selectors are sent encoded")
  {
    auto one = api->list("/api/v1/namespaces/kube-system/pods", {{}, "metadata.name=storage-provisioner", 500});
    REQUIRE(one);
    REQUIRE(one->items.size() == 1);
    CHECK(one->items[0]["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "ImagePullBackOff");
    auto none = api->list("/api/v1/pods", {"app in (nothing-here)", {}, 500});
    REQUIRE(none);
    CHECK(none->items.empty());
  }
  SECTION("a missing object: the Status's words and a hint")
  {
    auto missing = api->get("/api/v1/namespaces/default/pods/nope");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == "cannot get pods \"nope\" in namespace \"default\": the apiserver at " + sim.server() +
                                     " answered HTTP 404 NotFound: pods \"nope\" not found");
    CHECK_FALSE(missing.error().hint.empty());
    auto answer = api->request("GET", "/api/v1/namespaces/default/pods/nope", "");
    REQUIRE(answer); // an HTTP error is an answer for request()
    CHECK(answer->status == 404);
    CHECK(answer->body["reason"] == "NotFound");
  }
  SECTION("403 and 500 from the server's fault modes")
  {
    set_faults(sim, {{"forbidden", {"nodes"}}, {"error_500", {"events"}}});
    auto nodes = api->list("/api/v1/nodes");
    REQUIRE_FALSE(nodes);
    CHECK(nodes.error().message.find("HTTP 403 Forbidden: nodes is forbidden: User \"minikube-user\" cannot list") !=
          std::string::npos);
    CHECK(nodes.error().hint.find("kubectl auth can-i") != std::string::npos);
    auto events = api->list("/api/v1/events");
    REQUIRE_FALSE(events);
    CHECK(events.error().message.find("HTTP 500 InternalError") != std::string::npos);
  }
  SECTION("a list that changes between pages: 410, then the whole list read again, consistent")
  {
    auto before = api->list("/api/v1/pods", {{}, {}, 0});
    REQUIRE(before);
    REQUIRE(before->items.size() >= 4);
    const auto& first = before->items[0]["metadata"];
    set_faults(sim, {{"between_pages",
                      {{"list", "pods"},
                       {"delete", {{{"resource", "pods"}, {"namespace", first["namespace"]}, {"name", first["name"]}}}}}}});
    auto paged = api->list("/api/v1/pods", {{}, {}, 2});
    REQUIRE(paged);
    CHECK(paged->pages == 1); // the restart, without paging
    auto after = api->list("/api/v1/pods", {{}, {}, 0});
    REQUIRE(after);
    REQUIRE(paged->items.size() == before->items.size() - 1);
    REQUIRE(after->items.size() == paged->items.size());
    for (std::size_t i = 0; i < after->items.size(); ++i) {
      CHECK(paged->items[i]["metadata"]["uid"] == after->items[i]["metadata"]["uid"]);
    }
  }
  SECTION("a list cut off mid-answer is a failure, not a short list")
  {
    set_faults(sim, {{"drop_mid_list", true}});
    auto pods = api->list("/api/v1/pods");
    REQUIRE_FALSE(pods);
    CHECK(pods.error().message.rfind("cannot list pods in every namespace: the apiserver at " + sim.server() +
                                     " (context \"minikube\") broke off its answer: transfer closed with ",
                                     0) == 0);
  }
}

TEST_CASE("CurlKubeApi: credentials inline and refused", "[kube][sim]")
{
  SimCluster sim("healthy");
  Client client;
  const std::string dir = sim.state_dir();
  SECTION("*-data fields: PEM handed to TLS from memory")
  {
    const std::string config = "apiVersion: v1\nkind: Config\ncurrent-context: inline\nclusters:\n- name: c\n  cluster:\n"
                               "    server: " + sim.server() + "\n    certificate-authority-data: " +
                               util::base64_encode(read_file(dir + "/ca.crt")) + "\ncontexts:\n- name: inline\n  context: "
                               "{cluster: c, user: u}\nusers:\n- name: u\n  user:\n    client-certificate-data: " +
                               util::base64_encode(read_file(dir + "/profiles/minikube/client.crt")) +
                               "\n    client-key-data: " + util::base64_encode(read_file(dir + "/profiles/minikube/client.key")) + "\n";
    auto api = client.connect(access_of("/inline/kubeconfig", config));
    auto version = api->get("/version");
    INFO((version ? std::string() : version.error().message));
    REQUIRE(version);
    CHECK((*version)["gitVersion"] == "v1.20.2");
  }
  SECTION("a certificate of another minikube CA: 401 with the hint to refresh the kubeconfig")
  {
    std::string config = read_file(sim.kubeconfig());
    for (const std::string file : {"client.crt", "client.key"}) {
      const auto at = config.find("profiles/minikube/" + file);
      config.replace(at, std::string("profiles/minikube/").size(), "profiles/stale/");
    }
    auto api = client.connect(access_of(sim.kubeconfig(), config));
    auto version = api->get("/version");
    REQUIRE_FALSE(version);
    CHECK(version.error().message == "the apiserver at " + sim.server() + " rejected the credentials of user \"minikube\" "
                                     "(context \"minikube\" in " + sim.kubeconfig() + "): HTTP 401 Unauthorized");
    CHECK(version.error().hint.find("`minikube update-context -p minikube`") != std::string::npos);
  }
  SECTION("the wrong CA: a TLS failure, not a silent connection")
  {
    std::string config = read_file(sim.kubeconfig());
    const auto at = config.find("certificate-authority: ");
    const auto end = config.find('\n', at);
    config.replace(at, end - at, "certificate-authority: " + dir + "/profiles/minikube/client.crt");
    auto api = client.connect(access_of(sim.kubeconfig(), config));
    auto version = api->get("/version");
    REQUIRE_FALSE(version);
    CHECK(version.error().message.rfind("TLS with the apiserver at " + sim.server() + " (context \"minikube\") failed: ", 0) == 0);
  }
  SECTION("a password in the server URL never reaches a message")
  {
    const std::string port = std::to_string(test::closed_port());
    core::kube::ClusterAccess access;
    access.context = "c";
    access.server = "https://alice:s3cret@127.0.0.1:" + port;
    auto api = client.connect(access);
    CHECK(api->server() == "https://127.0.0.1:" + port);
    auto version = api->get("/version");
    REQUIRE_FALSE(version);
    CHECK(version.error().message.find("s3cret") == std::string::npos);
    CHECK(version.error().message.find("alice") == std::string::npos);
  }
  SECTION("a token file that cannot be read stops connect()")
  {
    core::kube::ClusterAccess access;
    access.server = sim.server();
    access.user = "ci";
    access.token_file = dir + "/no-such-token";
    access.origin = "/k";
    auto api = client.connector.connect(access);
    REQUIRE_FALSE(api);
    CHECK(api.error().message.rfind("cannot read the token file of user \"ci\": ", 0) == 0);
  }
}
