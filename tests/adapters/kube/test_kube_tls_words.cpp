// A TLS failure on the way to the Kubernetes API names the kubeconfig field and file involved,
// and the cause as kubectl prints it (Go's "x509: …"), not curl's "Problem with the local SSL
// certificate" (issue #9).
#include "adapters/fs/real_file_system.hpp"
#include "adapters/http/curl_http_client.hpp"
#include "adapters/kube/curl_kube_api.hpp"
#include "support/sim_cluster.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using namespace devk8s;

namespace {

using devk8s::test::read_file;

// minikube's kubeconfig with `field: <old path>` pointed at `path`.
std::string with_field(std::string config, const std::string& field, const std::string& path)
{
  const auto at = config.find(field + ": ");
  REQUIRE(at != std::string::npos);
  const auto end = config.find('\n', at);
  config.replace(at, end - at, field + ": " + path);
  return config;
}

} // namespace

TEST_CASE("CurlKubeApi: TLS failures name the kubeconfig field and file, and kubectl's cause", "[kube][sim]")
{
  test::SimCluster sim("healthy");
  adapters::CurlHttpClient http;
  adapters::RealFileSystem fs;
  adapters::CurlKubeConnector connector{http, fs};
  const std::string dir = sim.state_dir();
  const auto connect = [&](const std::string& config) {
    auto access = core::kube::select_context({{sim.kubeconfig(), config}}, "");
    REQUIRE(access);
    return connector.connect(*access);
  };

  SECTION("a CA that did not sign the server's certificate")
  {
    auto api = connect(with_field(read_file(sim.kubeconfig()), "certificate-authority", dir + "/profiles/minikube/client.crt"));
    REQUIRE(api);
    const auto version = (*api)->get("/version");
    REQUIRE_FALSE(version);
    CHECK(version.error().message.rfind("TLS with the apiserver at " + sim.server() + " (context \"minikube\") failed: x509: "
                                        "certificate signed by unknown authority: the apiserver's certificate is not signed "
                                        "by a trusted CA (it is not the CA in certificate-authority " + dir +
                                        "/profiles/minikube/client.crt of cluster ",
                                        0) == 0);
    CHECK(version.error().message.find("SSL peer certificate") == std::string::npos);
  }
  SECTION("a missing client key: the field, the file and the user")
  {
    const auto api = connect(with_field(read_file(sim.kubeconfig()), "client-key", dir + "/profiles/minikube/gone.key"));
    REQUIRE_FALSE(api);
    CHECK(api.error().message == "cannot read client-key \"" + dir + "/profiles/minikube/gone.key\" of user \"minikube\": no such file");
    CHECK(api.error().hint.rfind("check client-key in " + sim.kubeconfig(), 0) == 0);
  }
  SECTION("a client key that is no key: the field and file, not 'Problem with the local SSL certificate'")
  {
    auto api = connect(with_field(read_file(sim.kubeconfig()), "client-key", dir + "/ca.crt"));
    REQUIRE(api);
    const auto version = (*api)->get("/version");
    REQUIRE_FALSE(version);
    CHECK(version.error().message.find("failed: cannot use client-key " + dir + "/ca.crt of user \"minikube\" in " +
                                       sim.kubeconfig()) != std::string::npos);
    CHECK(version.error().message.find("Problem with the local SSL certificate") == std::string::npos);
    CHECK(version.error().hint.rfind("check client-certificate and client-key in " + sim.kubeconfig(), 0) == 0);
  }
}
