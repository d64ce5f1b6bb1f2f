// devk8s install --check and --match-cluster, with fake minikube and kubectl on PATH: shell
// scripts printing what the real tools print in the seed case (../shared/reference/seed-case.md:
// kubectl 1.17.9 against a 1.20.2 cluster; JSON shapes from tests/fixtures/hosts/seed-host/tools
// and `minikube profile list -o json` per ../shared/reference/minikube.md §5).
#include "cli/app.hpp"
#include "support/fake_file_system.hpp"
#include "support/fake_process_runner.hpp"
#include "support/release_server.hpp"
#include "support/cli_harness.hpp"
#include "support/sim_cluster.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <sstream>

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
  return test::run_in_process(args, {}, {{"HOME", home.path().string()}, {"PATH", tools}});
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
    CHECK(context_first.err.rfind("devk8s: error: -p/--context/--kubeconfig/--allow-exec-plugin of 'install' go with --check\n", 0) == 0);
    // -p too, before the tool or after minikube (found by review: the cluster was read from the
    // profile "minikube" all the same).
    for (const auto& line : {std::vector<std::string>{"install", "-p", "dev", "kubectl", "--match-cluster"},
                             {"install", "minikube", "-p", "dev"},
                             {"install", "minikube", "--context", "minikube"}}) {
      const auto misplaced_profile = run_in(home, line);
      CAPTURE(line);
      CHECK(misplaced_profile.exit_code == 2);
      CHECK(misplaced_profile.err.rfind("devk8s: error: -p/--context/--kubeconfig/--allow-exec-plugin of 'install' go with --check\n"
                        "hint: for kubectl's version put them after the tool: devk8s install kubectl --match-cluster -p "
                        "PROFILE\n", 0) == 0);
    }
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
    const auto r =
        test::run_in_process({"install", "kubectl", "--match-cluster", "--downloads-file", file, "--dir", bin}, {}, env);
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("devk8s: the cluster runs Kubernetes v1.20.2 (from the API server at " + sim.server() + ")") !=
          std::string::npos);
  }
  SECTION("an unknown --context says so, and what else was tried")
  {
    const auto r = test::run_in_process({"install", "kubectl", "--match-cluster", "--context", "minikub", "--downloads-file",
                                         file, "--dir", bin}, {}, env);
    CHECK(r.exit_code == 1);
    // Named, so never swapped for minikube's default profile (finding 5 of issue 9).
    CHECK(r.err == "devk8s: error: cannot read the version of the cluster --context \"minikub\" names: API server: "
                   "context \"minikub\" does not exist (did you mean \"minikube\"?); kubectl: not installed; minikube: "
                   "not asked: --context names the cluster, and minikube's profile may be another one\n"
                   "hint: check --kubeconfig/--context (kubectl config get-contexts lists the contexts), or drop them "
                   "to use the default cluster\n");
  }
  SECTION("install --check shows where the version came from")
  {
    const auto r = test::run_in_process({"install", "--check"}, {}, env);
    CHECK(r.out.find("v1.20.2") != std::string::npos);
    CHECK(r.out.find("(from the API server at " + sim.server() + ")") != std::string::npos);
  }
}

namespace {

// install --check in-process, on fakes: a kubectl where no test may put one (/usr/bin), and
// dpkg-query's answers, through the ProcessRunner port.
class NoNetwork final : public ports::HttpClient, public ports::RegistryClient, public ports::HostProbe,
                        public ports::KubeConnector {
public:
  std::vector<ports::HttpResponse> perform_all(const std::vector<ports::HttpRequest>& requests) override
  {
    ports::HttpResponse refused;
    refused.transport = ports::Transport::connect;
    refused.transport_message = "no network";
    return std::vector<ports::HttpResponse>(requests.size(), refused);
  }
  std::vector<core::registry::Outcome> check_manifests(const std::vector<core::image::ImageRef>&,
                                                       const ports::RegistryCheckOptions&) override
  {
    return {};
  }
  core::preflight::HostFacts probe(const ports::ProbeRequest&) override { return {}; }
  util::Result<std::unique_ptr<ports::KubeApi>> connect(const core::kube::ClusterAccess&) override
  {
    return util::failure("no cluster in this test");
  }
};

struct InProcess {
  test::FakeFileSystem fs;
  test::FakeProcessRunner runner;
  NoNetwork none;
  std::ostringstream out;
  std::ostringstream err;
  std::istringstream in;

  // kubectl 1.17.9 and minikube 1.20.0 in `dir`, the cluster at 1.20.2 through kubectl.
  explicit InProcess(const std::string& dir)
  {
    fs.files[dir + "/kubectl"] = "";
    fs.files[dir + "/minikube"] = "";
    runner.script(dir + "/kubectl version --client -o json", {0, std::string(k_client) + "}", "", false});
    runner.script(dir + "/kubectl version -o json --request-timeout=5s",
                  {0, std::string(k_client) + "," + k_server + "}", "", false});
    runner.script(dir + "/minikube version -o json", {0, R"({"minikubeVersion":"v1.20.0"})", "", false});
  }

  int run(const std::vector<std::string>& args, const std::string& path)
  {
    cli::Streams streams{out, err, in, false};
    cli::Adapters adapters{fs, runner, none, none, none, none};
    return cli::run(args, streams, cli::Environment({{"HOME", "/home/u"}, {"PATH", path}}), adapters);
  }
};

} // namespace

TEST_CASE("install --check never advises replacing a package-owned kubectl", "[install]")
{
  // Finding 4 of issue 9: it advised `--dir /usr/bin --force` for a kubectl a Debian package installed.
  SECTION("a kubectl in /usr/bin: install into ~/.local/bin, which must come first on PATH")
  {
    InProcess h("/usr/bin");
    h.fs.files["/home/u/.local/bin/kubectl"] = ""; // devk8s's own earlier install: replaced with --force
    CHECK(h.run({"install", "--check"}, "/usr/bin:/bin:/home/u/.local/bin") == 1);
    CHECK(h.out.str().find("--dir /usr/bin") == std::string::npos);
    CHECK(h.out.str().find("recommended: install kubectl v1.20.2: devk8s install kubectl --match-cluster --force\n"
                           "recommended: /usr/bin/kubectl is in /usr/bin, which belongs to the system's package "
                           "manager: devk8s installs into ~/.local/bin instead, which must come first on PATH, before "
                           "/usr/bin: export PATH=\"$HOME/.local/bin:$PATH\"\n") != std::string::npos);
  }
  SECTION("a kubectl dpkg lists, outside the system directories")
  {
    InProcess h("/opt/k8s/bin");
    h.runner.script("dpkg-query --search /opt/k8s/bin/kubectl", {0, "kubectl:amd64: /opt/k8s/bin/kubectl\n", "", false});
    CHECK(h.run({"install", "--check"}, "/home/u/.local/bin:/opt/k8s/bin") == 1);
    CHECK(h.out.str().find("recommended: install kubectl v1.20.2: devk8s install kubectl --match-cluster\n"
                           "recommended: /opt/k8s/bin/kubectl belongs to the dpkg package \"kubectl\": devk8s installs "
                           "into ~/.local/bin instead\n") != std::string::npos);
  }
  SECTION("install itself refuses to replace it, even with --force (found by review: the same class)")
  {
    InProcess h("/opt/k8s/bin");
    h.runner.script("dpkg-query --search /opt/k8s/bin/kubectl", {0, "kubectl: /opt/k8s/bin/kubectl\n", "", false});
    const int code = h.run({"install", "kubectl", "--version", "v1.20.2", "--dir", "/opt/k8s/bin", "--force", "--dry-run"},
                           "/opt/k8s/bin");
    CAPTURE(h.err.str());
    CHECK(code == 1);
    CHECK(h.out.str().empty());
    CHECK(h.err.str() == "devk8s: error: /opt/k8s/bin/kubectl belongs to the dpkg package \"kubectl\": refusing to "
                         "replace it\nhint: install into ~/.local/bin instead (leave out --dir), and put ~/.local/bin "
                         "first on PATH\n");
  }
  SECTION("a kubectl of the user's own is still replaced where it is")
  {
    InProcess h("/opt/k8s/bin");
    CHECK(h.run({"install", "--check"}, "/opt/k8s/bin") == 1);
    CHECK(h.out.str().find("recommended: install kubectl v1.20.2: devk8s install kubectl --match-cluster --dir "
                           "/opt/k8s/bin --force\n") != std::string::npos);
  }
}

namespace {

// A kubectl that records each command line, so a test can see what it was asked to do.
std::string logging_kubectl(const test::TempDir& dir)
{
  const std::string log = dir.file("kubectl.log");
  const std::string client = std::string(k_client) + "}";
  const std::string both = std::string(k_client) + "," + k_server + "}";
  script(dir, "kubectl",
         "echo \"$*\" >> '" + log + "'\ncase \"$*\" in\n  *--client*) echo \"${KUBECONFIG-unset}\" >> '" + log +
             ".env'; echo '" + client + "' ;;\n  *) echo '" + both +
             "' ;;\nesac\n");
  return log;
}

// A kubeconfig whose user gets its credentials from a program.
std::string exec_kubeconfig(const test::TempDir& dir, const std::string& name)
{
  return dir.write(name, "apiVersion: v1\nkind: Config\ncurrent-context: x\n"
                         "contexts: [{name: x, context: {cluster: c, user: u}}]\n"
                         "clusters: [{name: c, cluster: {server: 'https://127.0.0.1:1'}}]\n"
                         "users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, "
                         "command: " + dir.file("plugin") + "}}}]\n");
}

} // namespace

TEST_CASE("install --check: a named kubeconfig is used or the check says why not", "[install]")
{
  // Finding 5 of issue 9: a broken --kubeconfig fell back to minikube's default profile, silently.
  test::TempDir home;
  minikube(home);
  const std::string log = logging_kubectl(home);
  const std::string broken = home.write("broken.yaml", "clusters: [\n");
  const auto r = run_in(home, {"install", "--check", "--kubeconfig", broken, "-v"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("minikube profile") == std::string::npos);
  CHECK(r.out.find("cluster   -         cannot read the version of the cluster --kubeconfig \"" + broken +
                   "\" names: API server: " + broken + ":2:1: ") != std::string::npos);
  CHECK(r.out.find("nothing to do") == std::string::npos);
  CHECK(r.err.find("devk8s: cluster version: minikube: not asked: --kubeconfig names the cluster") != std::string::npos);
  // A file that cannot be read cannot be vouched for: kubectl was not handed it.
  CHECK(test::read_file(log).find("--kubeconfig") == std::string::npos);
}

TEST_CASE("install --check runs no credential plugin from a kubeconfig unless asked", "[install]")
{
  // Finding 14 of issue 9: devk8s said it does not run the exec plugin, then kubectl ran it.
  test::TempDir home;
  minikube(home);
  const std::string log = logging_kubectl(home);
  const std::string config = exec_kubeconfig(home, "exec.yaml");
  const std::string skipped = "kubectl: not run: " + config + ": user \"u\" authenticates with exec \"" +
                              home.file("plugin") + "\", a program kubectl would run (--allow-exec-plugin lets it)";
  SECTION("named with --kubeconfig: neither kubectl nor minikube is asked")
  {
    const auto r = run_in(home, {"install", "--check", "--kubeconfig", config});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find(skipped) != std::string::npos);
    CHECK(test::read_file(log) == "version --client -o json\n");
  }
  SECTION("~/.kube/config: kubectl is not asked, minikube is")
  {
    home.write(".kube/config", test::read_file(config));
    const auto r = run_in(home, {"install", "--check"});
    CHECK(r.out.find("cluster   v1.20.2   (from minikube profile minikube)\n") != std::string::npos);
    CHECK(test::read_file(log) == "version --client -o json\n");
    // Even the client's own version is asked with an empty kubeconfig: a wrapper (google-cloud-sdk's
    // kubectl dispatcher) ran the plugin for `version --client` (found by review).
    CHECK(test::read_file(log + ".env") == "/dev/null\n");
  }
  SECTION("--allow-exec-plugin lets kubectl run it")
  {
    const auto r = run_in(home, {"install", "--check", "--kubeconfig", config, "--allow-exec-plugin"});
    CHECK(r.out.find("cluster   v1.20.2   (from kubectl version)\n") != std::string::npos);
    CHECK(test::read_file(log).find("version -o json --request-timeout=5s --kubeconfig=" + config + "\n") !=
          std::string::npos);
    CHECK(r.out.find("--kubeconfig " + config + " --allow-exec-plugin") != std::string::npos); // in the advice
  }
}

TEST_CASE("install --check: a long version keeps the columns aligned", "[install]")
{
  // From finding 15 of issue 9.
  test::TempDir home;
  minikube(home);
  const std::string client = std::string(k_client) + "}";
  std::string long_client = client;
  long_client.replace(long_client.find("\"v1.17.9\""), 9, "\"v1.20.2-dispatcher\"");
  script(home, "kubectl", "echo '" + long_client + "'\n");
  const std::string tools = (home.path() / "tools").string();
  const auto r = run_in(home, {"install", "--check"});
  CHECK(r.out.rfind("minikube  v1.20.0             " + tools + "/minikube\n"
                    "kubectl   v1.20.2-dispatcher  " + tools + "/kubectl\n"
                    "cluster   v1.20.2             (from minikube profile minikube)\n", 0) == 0);
}

TEST_CASE("profile names (-p) follow minikube's rule", "[install][preflight]")
{
  // From finding 15 of issue 9: `-p 'bad name!'` was accepted.
  test::TempDir home;
  std::filesystem::create_directories(home.path() / "tools");
  for (const auto& args : std::vector<std::vector<std::string>>{{"install", "--check", "-p", "bad name!"},
                                                                 {"install", "kubectl", "--match-cluster", "-p", "a"},
                                                                 {"preflight", "-p", "bad name!"}}) {
    CAPTURE(args);
    const auto r = run_in(home, args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("devk8s: error: invalid --profile \"" + args.back() + "\": ", 0) == 0);
  }
}
