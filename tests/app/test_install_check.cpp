// app::check_install on fakes: the seed case's kubectl 1.17.9 against a 1.20.2 cluster.
#include "app/install_check.hpp"
#include "support/fake_ports.hpp"

#include <catch2/catch.hpp>

using namespace devk8s;

namespace {

const char* const k_client_117 = R"({"clientVersion":{"major":"1","minor":"17","gitVersion":"v1.17.9"}})";
const char* const k_both = R"({"clientVersion":{"major":"1","minor":"17","gitVersion":"v1.17.9"},)"
                           R"("serverVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2"}})";
const char* const k_minikube_version = R"({"commit":"c61663e942ec43b20e8e70839dcca52e44cd85ae","minikubeVersion":"v1.20.0"})";

} // namespace

TEST_CASE("check_install: what is installed, the cluster, and what to do", "[app][install]")
{
  test::FakePorts f;
  f.fs.files["/opt/t/kubectl"] = "";
  f.fs.files["/opt/t/minikube"] = "";
  f.runner.script("/opt/t/kubectl version --client -o json", {0, k_client_117, "", false});
  f.runner.script("/opt/t/kubectl version -o json --request-timeout=5s", {0, k_both, "", false});
  f.runner.script("/opt/t/minikube version -o json", {0, k_minikube_version, "", false});
  app::InstallCheckOptions options;
  options.search_path = "/opt/t";
  options.home = "/home/u";

  SECTION("kubectl three minors behind: replace it where it is")
  {
    const auto check = app::check_install(f.ports(), options, f.reporter);
    CHECK(check.minikube.version->str() == "v1.20.0");
    CHECK(check.kubectl.path == "/opt/t/kubectl");
    REQUIRE(check.cluster);
    CHECK(check.cluster->from == "kubectl version");
    REQUIRE(check.skew);
    CHECK_FALSE(check.skew->within_skew);
    CHECK(check.advice ==
          std::vector<std::string>{"install kubectl v1.20.2: devk8s install kubectl --match-cluster --dir /opt/t --force"});
    CHECK(check.problem);
  }
  SECTION("minikube only in ~/.local/bin, kubectl missing")
  {
    f.fs.files.erase("/opt/t/kubectl");
    f.fs.files.erase("/opt/t/minikube");
    f.fs.files["/home/u/.local/bin/minikube"] = "";
    f.runner.script("/home/u/.local/bin/minikube version -o json", {0, k_minikube_version, "", false});
    f.runner.script("/home/u/.local/bin/minikube profile list -o json", {0, "{\"valid\":[]}", "", false});
    const auto check = app::check_install(f.ports(), options, f.reporter);
    CHECK(check.minikube.path == "/home/u/.local/bin/minikube");
    CHECK(check.kubectl.problem == "not installed");
    CHECK_FALSE(check.cluster);
    CHECK(check.advice == std::vector<std::string>{"install kubectl: devk8s install kubectl"});
    CHECK(check.problem);
  }
}
