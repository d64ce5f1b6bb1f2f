// app/tools: finding minikube and kubectl, asking their versions and the cluster's, on fakes.
#include "adapters/process/boost_process_runner.hpp"
#include "app/tools.hpp"
#include "support/fake_ports.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;

namespace {

const char* const k_kubectl_both =
    R"({"clientVersion":{"major":"1","minor":"17","gitVersion":"v1.17.9"},)"
    R"("serverVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}})";

} // namespace

TEST_CASE("find_on_path and on_path read PATH's value as given", "[app]")
{
  test::FakeFileSystem fs;
  fs.files["/opt/b/kubectl"] = "";
  fs.files["/usr/bin/kubectl"] = "";
  CHECK(app::find_on_path(fs, "/nowhere::/opt/b:/usr/bin", "kubectl") == "/opt/b/kubectl");
  CHECK(app::find_on_path(fs, "/usr/local/bin", "kubectl").empty());
  CHECK(app::on_path("/usr/bin:/home/u/.local/bin/", "/home/u/.local/bin"));
  CHECK_FALSE(app::on_path("/usr/bin", "/home/u/.local/bin"));
}

TEST_CASE("package_owner: dpkg-query's answer, then the system's directories", "[app]")
{
  test::FakeProcessRunner runner;
  runner.script("dpkg-query --search /opt/k8s/kubectl", {0, "kubernetes-client:amd64: /opt/k8s/kubectl\n", "", false});
  CHECK(app::package_owner(runner, "/opt/k8s/kubectl") ==
        "/opt/k8s/kubectl belongs to the dpkg package \"kubernetes-client\"");
  CHECK(runner.envs().back().at("LC_ALL") == "C");
  runner.script("dpkg-query --search /opt/both/kubectl", {0, "kubectl, kubernetes-client: /opt/both/kubectl\n", "", false});
  CHECK(app::package_owner(runner, "/opt/both/kubectl") ==
        "/opt/both/kubectl belongs to the dpkg packages \"kubectl\", \"kubernetes-client\"");
  // A glob character is escaped, so dpkg-query looks for this path and no other.
  runner.script("dpkg-query --search /opt/k\\*/kubectl", {0, "tool: /opt/k*/kubectl\n", "", false});
  CHECK(app::package_owner(runner, "/opt/k*/kubectl") == "/opt/k*/kubectl belongs to the dpkg package \"tool\"");

  // Not owned (exit 1), no dpkg-query (no script: exit 127), one that hangs: the directory rule.
  runner.script("dpkg-query --search /usr/bin/minikube",
                {1, "", "dpkg-query: no path found matching pattern /usr/bin/minikube\n", false});
  CHECK(app::package_owner(runner, "/usr/bin/minikube") ==
        "/usr/bin/minikube is in /usr/bin, which belongs to the system's package manager");
  CHECK(app::package_owner(runner, "/home/u/.local/bin/kubectl").empty());
  runner.script("dpkg-query --search /opt/slow/kubectl", {0, "x: /opt/slow/kubectl\n", "", true});
  CHECK(app::package_owner(runner, "/opt/slow/kubectl").empty());
  CHECK(runner.timeouts().back() == std::chrono::seconds(10));
}

TEST_CASE("package_owner asks the real dpkg-query", "[app]")
{
  // Debian's own files, on the machine the tests run on: the answer is dpkg's, not the directory
  // rule's, and /bin/sh's diversion lines do not hide its owner.
  adapters::BoostProcessRunner runner;
  CHECK(app::package_owner(runner, "/usr/bin/dpkg-query") == "/usr/bin/dpkg-query belongs to the dpkg package \"dpkg\"");
  CHECK(app::package_owner(runner, "/bin/sh") == "/bin/sh belongs to the dpkg package \"dash\"");
  test::TempDir dir;
  CHECK(app::package_owner(runner, dir.write("kubectl", "")).empty());
}

TEST_CASE("binary_version runs the tool's version command without a kubeconfig", "[app]")
{
  test::FakeProcessRunner runner;
  runner.script("/b/kubectl version --client -o json", {0, k_kubectl_both, "", false});
  const auto version = app::binary_version(runner, "/b/kubectl", core::install::Tool::kubectl);
  REQUIRE(version);
  CHECK(version->str() == "v1.17.9");
  CHECK(runner.envs().front().at("KUBECONFIG") == "/dev/null");
  CHECK_FALSE(app::binary_version(runner, "/b/minikube", core::install::Tool::minikube));
}

TEST_CASE("cluster_version: each source that does not answer is reported as detail", "[app]")
{
  test::FakePorts f;
  SECTION("no kubeconfig: kubectl's server part answers")
  {
    f.runner.script("/b/kubectl version -o json --request-timeout=5s", {0, k_kubectl_both, "", false});
    const auto cluster = app::cluster_version(f.ports(), {"/b/kubectl", "", "minikube", {}}, f.reporter);
    REQUIRE(cluster);
    CHECK(cluster->version.str() == "v1.20.2");
    CHECK(cluster->from == "kubectl version");
    CHECK(f.reporter.details.empty());
  }
  SECTION("nothing installed: the error names each source, and detail said so as each was tried")
  {
    const auto cluster = app::cluster_version(f.ports(), {"", "", "minikube", {}}, f.reporter);
    REQUIRE_FALSE(cluster);
    CHECK(cluster.error().message ==
          "cannot read the cluster's version: kubectl: not installed; minikube: not installed");
    CHECK(f.reporter.details == std::vector<std::string>{"cluster version: kubectl: not installed",
                                                         "cluster version: minikube: not installed"});
  }
  SECTION("a named context is never swapped for minikube's profile")
  {
    app::KubeOptions kube;
    kube.context = "prod";
    const auto cluster = app::cluster_version(f.ports(), {"", "/b/minikube", "minikube", kube}, f.reporter);
    REQUIRE_FALSE(cluster);
    CHECK(f.runner.ran().empty());
    CHECK(cluster.error().message.rfind("cannot read the version of the cluster --context \"prod\" names: ", 0) == 0);
  }
}
