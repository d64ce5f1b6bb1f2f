// devk8s install --check and --match-cluster, with fake minikube and kubectl on PATH: shell
// scripts printing what the real tools print in the seed case (../shared/reference/seed-case.md:
// kubectl 1.17.9 against a 1.20.2 cluster; JSON shapes from tests/fixtures/hosts/seed-host/tools
// and `minikube profile list -o json` per ../shared/reference/minikube.md §5).
#include "support/release_server.hpp"
#include "support/sim_cluster.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace devk8s;

namespace {

const char* const k_client = R"({"clientVersion":{"major":"1","minor":"17","gitVersion":"v1.17.9","gitCommit":"4fb7ed12476d57b8437ada90b4f93b17ffaeed99","gitTreeState":"clean","buildDate":"2020-07-15T16:18:16Z","goVersion":"go1.13.9","compiler":"gc","platform":"linux/amd64"})";
const char* const k_server = R"("serverVersion":{"major":"1","minor":"20","gitVersion":"v1.20.2","gitCommit":"faecb196815e248d3ecfb03c680a4507229c2a56","gitTreeState":"clean","buildDate":"2021-01-13T13:20:00Z","goVersion":"go1.15.5","compiler":"gc","platform":"linux/amd64"})";

void script(const test::TempDir& dir, const std::string& name, const std::string& body)
{
  const auto path = dir.write("tools/" + name, "#!/bin/sh\n" + body);
  std::filesystem::permissions(path, static_cast<std::filesystem::perms>(0755));
}

// kubectl answers --client alone; with a cluster up it adds the server part.
void kubectl(const test::TempDir& dir, bool cluster_up)
{
  const std::string client = std::string(k_client) + "}";
  const std::string both = std::string(k_client) + "," + k_server + "}";
  script(dir, "kubectl",
         "case \"$*\" in\n  *--client*) echo '" + client + "' ;;\n  *) " +
             (cluster_up ? "echo '" + both + "'"
                         : "echo '" + client + "'; echo 'The connection to the server localhost:8080 was refused - did you "
                                               "specify the right host or port?' >&2; exit 1") +
             " ;;\nesac\n");
}

void minikube(const test::TempDir& dir)
{
  script(dir, "minikube",
         "case \"$1\" in\n"
         "  version) echo '{\"commit\":\"c61663e942ec43b20e8e70839dcca52e44cd85ae\",\"minikubeVersion\":\"v1.20.0\"}' ;;\n"
         "  profile) echo '{\"invalid\":[],\"valid\":[{\"Name\":\"minikube\",\"Status\":\"Running\",\"Config\":"
         "{\"KubernetesConfig\":{\"KubernetesVersion\":\"v1.20.2\",\"ContainerRuntime\":\"docker\"}}}]}' ;;\n"
         "esac\n");
}

// PATH is only the fake tools: this host's own kubectl, if any, must not be found.
ports::ProcessResult run_in(const test::TempDir& home, std::vector<std::string> args)
{
  const std::string tools = (home.path() / "tools").string();
  return test::run_devk8s(args, {}, {{"HOME", home.path().string()}, {"PATH", tools}});
}

} // namespace

TEST_CASE("install --check: what is installed and what to do", "[install]")
{
  test::TempDir home;
  const std::string tools = (home.path() / "tools").string();
  SECTION("the seed case: kubectl three minors behind the cluster")
  {
    kubectl(home, true);
    minikube(home);
    const auto r = run_in(home, {"install", "--check"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "minikube  v1.20.0   " + tools + "/minikube\n"
                   "kubectl   v1.17.9   " + tools + "/kubectl\n"
                   "cluster   v1.20.2   (from kubectl version)\n"
                   "\n"
                   "kubectl v1.17.9 is 3 minor versions from the cluster (v1.20.2); kubectl supports one\n"
                   "recommended: install kubectl v1.20.2: devk8s install kubectl --match-cluster --dir " + tools + " --force\n");
  }
  SECTION("the seed case as JSON, for scripts")
  {
    kubectl(home, true);
    minikube(home);
    const auto r = run_in(home, {"install", "--check", "-o", "json"});
    CHECK(r.exit_code == 1);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["minikube"]["version"] == "v1.20.0");
    CHECK(j["kubectl"]["path"] == tools + "/kubectl");
    CHECK(j["cluster"]["version"] == "v1.20.2");
    CHECK(j["cluster"]["from"] == "kubectl version");
    CHECK(j["kubectl_skew"]["within"] == false);
    CHECK(j["kubectl_skew"]["recommended"] == "v1.20.2");
    CHECK(j["recommended"].size() == 1);
    const auto misplaced = run_in(home, {"install", "-o", "json", "kubectl"});
    CHECK(misplaced.exit_code == 2);
    CHECK(misplaced.err.rfind("devk8s: error: -o/--output goes with --check\n", 0) == 0);
    const auto context_first = run_in(home, {"install", "--context", "minikube", "kubectl", "--match-cluster"});
    CHECK(context_first.exit_code == 2);
    CHECK(context_first.err.rfind("devk8s: error: --context/--kubeconfig before the tool go with --check\n", 0) == 0);
  }
  SECTION("a tool that prints bytes that are not UTF-8: still one valid JSON document")
  {
    script(home, "kubectl", "printf '\\377\\376 oops\\n' >&2; exit 1\n");
    const auto r = run_in(home, {"install", "--check", "-o", "json"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("internal error") == std::string::npos);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["kubectl"]["problem"].get<std::string>().find("\xEF\xBF\xBD\xEF\xBF\xBD oops") != std::string::npos);
  }
  SECTION("kubectl cannot reach the cluster: minikube's profile says the version")
  {
    kubectl(home, false);
    minikube(home);
    const auto r = run_in(home, {"install", "--check"});
    CHECK(r.out.find("cluster   v1.20.2   (from minikube profile minikube)\n") != std::string::npos);
  }
  SECTION("nothing installed")
  {
    std::filesystem::create_directories(tools);
    const auto r = run_in(home, {"install", "--check"});
    CHECK(r.exit_code == 1);
    CHECK(r.out == "minikube  -         not installed\n"
                   "kubectl   -         not installed\n"
                   "cluster   -         cannot read the cluster's version: kubectl: not installed; minikube: not installed\n"
                   "recommended: install minikube: devk8s install minikube\n"
                   "recommended: install kubectl: devk8s install kubectl\n");
  }
  SECTION("--check with a tool is a usage error")
  {
    const auto r = run_in(home, {"install", "--check", "kubectl"});
    CHECK(r.exit_code == 2);
  }
}

TEST_CASE("install kubectl --match-cluster", "[install]")
{
  test::TempDir home;
  test::ReleaseServer server;
  const std::string file = home.write("downloads.yaml", server.downloads_yaml({{"official", "ok"}}));
  const std::string bin = (home.path() / "bin").string();
  SECTION("installs the cluster's version")
  {
    kubectl(home, true);
    const auto r = run_in(home, {"install", "kubectl", "--match-cluster", "--downloads-file", file, "--dir", bin});
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "installed kubectl v1.20.2 at " + bin + "/kubectl\n");
    CHECK(r.err.find("devk8s: the cluster runs Kubernetes v1.20.2 (from kubectl version)") != std::string::npos);
  }
  SECTION("no cluster reachable: said clearly")
  {
    kubectl(home, false);
    const auto r = run_in(home, {"install", "kubectl", "--match-cluster", "--downloads-file", file, "--dir", bin});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "devk8s: error: cannot read the cluster's version: kubectl: The connection to the server "
                   "localhost:8080 was refused - did you specify the right host or port?; minikube: not installed\n"
                   "hint: start the cluster (minikube start), or pass --version V\n");
    CHECK_FALSE(std::filesystem::exists(bin + "/kubectl"));
  }
}

TEST_CASE("install kubectl --match-cluster asks the API server itself", "[install][kube][sim]")
{
  // No kubectl and no minikube on PATH: the cluster's own /version, through the kubeconfig
  // minikube wrote (here the simulated API server's, tests/sim).
  test::SimCluster sim("healthy");
  test::TempDir home;
  test::ReleaseServer server;
  const std::string file = home.write("downloads.yaml", server.downloads_yaml({{"official", "ok"}}));
  const std::string bin = (home.path() / "bin").string();
  home.write("tools/.keep", ""); // PATH holds this empty directory only
  const std::map<std::string, std::string> env = {{"HOME", home.path().string()},
                                                  {"PATH", (home.path() / "tools").string()},
                                                  {"KUBECONFIG", "/nonexistent/config:" + sim.kubeconfig()}};
  SECTION("through KUBECONFIG, skipping a file that does not exist as kubectl does")
  {
    const auto r = test::run_devk8s({"install", "kubectl", "--match-cluster", "--downloads-file", file, "--dir", bin}, {}, env);
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("devk8s: the cluster runs Kubernetes v1.20.2 (from the API server at " + sim.server() + ")") !=
          std::string::npos);
  }
  SECTION("an unknown --context says so, and what else was tried")
  {
    const auto r = test::run_devk8s({"install", "kubectl", "--match-cluster", "--context", "minikub", "--downloads-file",
                                     file, "--dir", bin}, {}, env);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "devk8s: error: cannot read the cluster's version: API server: context \"minikub\" does not exist "
                   "(did you mean \"minikube\"?); kubectl: not installed; minikube: not installed\n"
                   "hint: start the cluster (minikube start), or pass --version V\n");
  }
  SECTION("install --check shows where the version came from")
  {
    const auto r = test::run_devk8s({"install", "--check"}, {}, env);
    CHECK(r.out.find("v1.20.2") != std::string::npos);
    CHECK(r.out.find("(from the API server at " + sim.server() + ")") != std::string::npos);
  }
}
