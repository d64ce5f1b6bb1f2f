// An exec credential plugin (client-go's client.authentication.k8s.io/v1beta1) in a kubeconfig,
// used by real kubectl and by devk8s against the simulated API server (issue #12): a small shell
// script prints an ExecCredential with a token the sim accepts (settings.tokens, as a static
// token file) or with the sim's client certificate. devk8s runs it with KUBERNETES_EXEC_INFO,
// caches its credential in XDG_CACHE_HOME until it expires, runs it again when the server
// refuses the cached token, never puts the token in a message, and never runs it for a check.
#include "support/sim_cluster.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

using devk8s::test::SimCluster;
using devk8s::test::TempDir;
using nlohmann::json;

namespace {

using devk8s::test::has;

const std::string k_token = "exec-plugin-token-6a1c9e";

std::size_t runs(const std::string& log)
{
  const auto text = devk8s::test::read_file(log);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

struct ExecSim {
  explicit ExecSim(const std::string& scenario = "healthy") : sim(scenario)
  {
    plugin = dir.file("bin/credential-plugin");
    log = dir.file("plugin.log");
    kubeconfig = dir.write("kubeconfig",
                           "apiVersion: v1\nkind: Config\ncurrent-context: exec\n"
                           "clusters:\n- name: sim\n  cluster:\n    server: " + sim.server() +
                               "\n    certificate-authority: " + sim.state_dir() + "/ca.crt\n"
                           "contexts:\n- name: exec\n  context: {cluster: sim, user: plugin-user}\n"
                           "users:\n- name: plugin-user\n  user:\n    exec:\n"
                           "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                           "      command: " + plugin + "\n      args: [--cluster, sim]\n"
                           "      env: [{name: PLUGIN_PROFILE, value: dev}]\n"
                           "      provideClusterInfo: true\n");
  }

  /// The plugin prints `status` (JSON), after noting its run, arguments, env and exec info.
  void plugin_prints(const std::string& status, int exit_code = 0, const std::string& err = {}) const
  {
    const std::string credential =
        json{{"kind", "ExecCredential"}, {"apiVersion", "client.authentication.k8s.io/v1beta1"}, {"status", json::parse(status)}}
            .dump();
    dir.write("bin/credential-plugin",
              "#!/bin/sh\necho \"$* $PLUGIN_PROFILE\" >> '" + log + "'\nprintf '%s' \"$KUBERNETES_EXEC_INFO\" > '" +
                  dir.file("exec-info.json") + "'\nexpires=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)\n" +
                  (err.empty() ? "" : "echo '" + err + "' >&2\n") + "cat <<EOF\n" + credential + "\nEOF\nexit " +
                  std::to_string(exit_code) + "\n");
    std::filesystem::permissions(plugin, std::filesystem::perms::owner_all);
  }

  void accept_token(const std::string& token) const
  {
    auto state = sim.state();
    state["settings"]["tokens"] = {{token, "plugin-user"}};
    sim.write_state(state);
  }

  devk8s::ports::ProcessResult devk8s(const std::vector<std::string>& args) const
  {
    // kubectl 1.20 (the cluster's minor) first on PATH: a doctor that asks its version sees no skew.
    const std::string kubectl_dir = std::filesystem::path(devk8s::test::kubectl_120()).parent_path().string();
    return devk8s::test::run_devk8s(args, {},
                                    {{"PATH", std::string(DEVK8S_SIM_BIN_DIR) + ":" + kubectl_dir + ":" + std::getenv("PATH")},
                                     {"DEVK8S_SIM_STATE", sim.state_dir()},
                                     {"KUBECONFIG", kubeconfig},
                                     {"XDG_CACHE_HOME", dir.file("cache")},
                                     {"XDG_CONFIG_HOME", dir.file("config")},
                                     {"HOME", dir.path().string()}});
  }

  devk8s::ports::ProcessResult kubectl(const std::string& binary, const std::vector<std::string>& args) const
  {
    std::vector<std::string> argv = {binary, "--kubeconfig", kubeconfig};
    argv.insert(argv.end(), args.begin(), args.end());
    return SimCluster::run(argv, {{"HOME", dir.path().string()}});
  }

  std::vector<std::string> cache_files() const
  {
    std::vector<std::string> files;
    const auto credentials = std::filesystem::path(dir.file("cache")) / "devk8s" / "credentials";
    if (std::filesystem::exists(credentials)) {
      for (const auto& entry : std::filesystem::directory_iterator(credentials)) {
        files.push_back(entry.path().string());
      }
    }
    return files;
  }

  SimCluster sim;
  TempDir dir;
  std::string plugin;
  std::string log;
  std::string kubeconfig;
};

const std::string k_token_status = R"({"token":")" + k_token + R"(","expirationTimestamp":"$expires"})";

} // namespace

TEST_CASE("exec plugin with a token: kubectl and devk8s both read the cluster through it", "[sim][e2e][exec]")
{
  ExecSim s;
  s.accept_token(k_token);
  s.plugin_prints(k_token_status);

  for (const auto& kubectl : devk8s::test::kubectl_clients()) {
    CAPTURE(kubectl);
    const auto r = s.kubectl(kubectl, {"get", "nodes", "-o", "name"});
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "node/minikube\n");
  }
  const auto kubectl_runs = runs(s.log);
  CHECK(kubectl_runs >= 1);

  auto r = s.devk8s({"doctor"});
  CAPTURE(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "healthy: "));
  CHECK(runs(s.log) == kubectl_runs + 1);
  CHECK(devk8s::test::read_file(s.log).rfind("--cluster sim dev\n") != std::string::npos);
  // KUBERNETES_EXEC_INFO as client-go sets it, with the cluster (provideClusterInfo).
  const auto info = json::parse(devk8s::test::read_file(s.dir.file("exec-info.json")));
  CHECK(info["kind"] == "ExecCredential");
  CHECK(info["apiVersion"] == "client.authentication.k8s.io/v1beta1");
  CHECK(info["spec"]["interactive"] == false);
  CHECK(info["spec"]["cluster"]["server"] == s.sim.server());
  CHECK_FALSE(info["spec"]["cluster"]["certificate-authority-data"].get<std::string>().empty());

  // The credential is kept, 0600, until it expires: the next run asks nothing of the plugin.
  const auto files = s.cache_files();
  REQUIRE(files.size() == 1);
  struct stat st {};
  REQUIRE(::stat(files[0].c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto again = s.devk8s({"doctor"});
  CHECK(again.exit_code == 0);
  CHECK(runs(s.log) == kubectl_runs + 1);

  SECTION("a cached token the server no longer takes: the plugin runs again, the run succeeds")
  {
    const std::string rotated = "rotated-token-41f2";
    s.accept_token(rotated);
    s.plugin_prints(R"({"token":")" + rotated + R"(","expirationTimestamp":"$expires"})");
    auto rotated_run = s.devk8s({"doctor"});
    CAPTURE(rotated_run.err);
    CHECK(rotated_run.exit_code == 0);
    CHECK(runs(s.log) == kubectl_runs + 2);
    CHECK(has(devk8s::test::read_file(s.cache_files().at(0)), rotated));
  }
  SECTION("credentials rejected even fresh: one line, exit 4, no token in it")
  {
    s.sim.set_faults({{"unauthorized", true}});
    auto refused = s.devk8s({"doctor", "-v"});
    CHECK(refused.exit_code == 4);
    CHECK(has(refused.err, "devk8s: error: the apiserver at " + s.sim.server() + " rejected the credentials of user "
                           "\"plugin-user\" (context \"exec\" in " + s.kubeconfig + "): HTTP 401 Unauthorized\n"));
    CHECK_FALSE(has(refused.err + refused.out, k_token));
  }
}

TEST_CASE("exec plugin with a client certificate: kubectl and devk8s both", "[sim][e2e][exec]")
{
  ExecSim s;
  const auto pem = [&](const std::string& name) {
    return devk8s::test::read_file(s.sim.state_dir() + "/profiles/minikube/" + name);
  };
  s.plugin_prints(json{{"clientCertificateData", pem("client.crt")}, {"clientKeyData", pem("client.key")}}.dump());
  const auto r = s.kubectl(devk8s::test::kubectl_120(), {"get", "nodes", "-o", "name"});
  CAPTURE(r.err);
  CHECK(r.out == "node/minikube\n");
  auto doctor = s.devk8s({"doctor"});
  CAPTURE(doctor.out, doctor.err);
  CHECK(doctor.exit_code == 0);
  CHECK(has(doctor.out, "healthy: "));
  CHECK(s.cache_files().empty()); // no expirationTimestamp: good for one run only
}

TEST_CASE("exec plugin that fails: one error line, its stderr under it, and how to see more", "[sim][e2e][exec]")
{
  ExecSim s;
  s.plugin_prints(k_token_status, 1, "error: the SSO session has expired");
  auto r = s.devk8s({"doctor"});
  CAPTURE(r.err);
  CHECK(r.exit_code != 0);
  CHECK(r.out.empty());
  CHECK(has(r.err, "devk8s: error: the credential plugin \"" + s.plugin + "\" of user \"plugin-user\" (in " + s.kubeconfig +
                       ") failed with exit code 1\n  error: the SSO session has expired\nhint: run it yourself to see why: " +
                       s.plugin + " --cluster sim\n"));
  CHECK_FALSE(has(r.err, k_token));
}

TEST_CASE("exec plugin: a check does not run it", "[sim][e2e][exec]")
{
  ExecSim s;
  s.plugin_prints(k_token_status);
  auto r = s.devk8s({"install", "--check", "--kubeconfig", s.kubeconfig, "-v"});
  CAPTURE(r.out, r.err);
  CHECK_FALSE(std::filesystem::exists(s.log));
  CHECK(has(r.err, "cluster version: API server: not asked: user \"plugin-user\" gets its credentials from exec \"" +
                       s.plugin + "\", which a check does not run"));
}
