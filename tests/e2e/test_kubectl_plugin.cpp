// devk8s as a kubectl plugin (issue #16): a `kubectl-devk8s` link to the built binary on PATH and
// the real kubectl 1.20, which finds it (`kubectl plugin list`), runs it for `kubectl devk8s ...`
// and hands it every word after `devk8s` (kubectl 1.20 refuses flags before a plugin's name:
// "flags cannot be placed before plugin name"), against the simulated cluster of the seed case.
#include "support/mirrored_sim.hpp"
#include "support/text.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using nlohmann::json;

namespace {

using devk8s::test::has;

struct PluginSim {
  PluginSim() : sim("seed-cn-v1.20")
  {
    std::filesystem::create_directories(plugins());
    std::filesystem::create_symlink(DEVK8S_BINARY, plugins() + "/kubectl-devk8s");
  }

  std::string plugins() const { return sim.config.path().string() + "/plugins"; }

  /// `kubectl ARGS` (Debian's 1.20.2) with the plugin's directory first on PATH.
  devk8s::ports::ProcessResult kubectl(const std::vector<std::string>& args,
                                       std::map<std::string, std::string> more = {}) const
  {
    auto env = sim.env();
    env["PATH"] = plugins() + ":" + env["PATH"];
    env.try_emplace("NO_COLOR", "1");
    for (auto& [k, v] : more) {
      env[k] = v;
    }
    devk8s::ports::Command command;
    command.argv = {devk8s::test::kubectl_120()};
    command.argv.insert(command.argv.end(), args.begin(), args.end());
    command.env = std::move(env);
    command.timeout = std::chrono::seconds(60);
    devk8s::adapters::BoostProcessRunner runner;
    auto result = runner.run(command);
    if (!result) {
      throw std::runtime_error("cannot run kubectl: " + result.error().message);
    }
    return *result;
  }

  devk8s::test::MirroredSim sim;
};

} // namespace

TEST_CASE("kubectl finds devk8s as a plugin and runs it by its plugin name", "[e2e][plugin]")
{
  PluginSim s;
  auto r = s.kubectl({"plugin", "list"});
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "The following compatible plugins are available:"));
  CHECK(has(r.out, s.plugins() + "/kubectl-devk8s\n"));
  CHECK_FALSE(has(r.err, "warning"));

  r = s.kubectl({"devk8s", "version"});
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "devk8s version "));

  // Help and hints say the name the user typed.
  r = s.kubectl({"devk8s", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "Usage: kubectl devk8s"));
  r = s.kubectl({"devk8s", "doctor", "--no-such-flag"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "devk8s: error: unknown flag \"--no-such-flag\" for \"kubectl devk8s doctor\"\n"));
  CHECK(has(r.err, "hint: run 'kubectl devk8s doctor --help'\n"));
}

TEST_CASE("kubectl devk8s doctor reads the cluster kubectl's flags name", "[e2e][plugin][sim]")
{
  PluginSim s;
  // The seed's chain, found through the plugin as through devk8s itself.
  auto r = s.kubectl({"devk8s", "doctor", "-o", "json", "--insecure-registry", s.sim.host});
  INFO(r.err);
  REQUIRE(r.exit_code == 1); // findings
  auto doc = json::parse(r.out);
  REQUIRE(doc["problems"].size() == 1);
  CHECK(doc["findings"][doc["problems"][0]["root"].get<std::size_t>()]["id"] == "image.naive-mirror-path");

  // kubectl's global flags as kubectl passes them, before the command: --kubeconfig (KUBECONFIG
  // unset), --context and -n.
  r = s.kubectl({"devk8s", "--kubeconfig", s.sim.sim.kubeconfig(), "--context", "minikube", "-n", "kube-system",
                 "doctor", "-o", "json", "--insecure-registry", s.sim.host},
                {{"KUBECONFIG", ""}});
  REQUIRE(r.exit_code == 1); // the provisioner, in kube-system, still cannot pull
  doc = json::parse(r.out);
  CHECK(doc["read"]["namespace"] == "kube-system");
  CHECK(doc["server"] == s.sim.sim.server());

  // The same flags after the command are the command's own.
  r = s.kubectl({"devk8s", "doctor", "--context", "nosuch", "--insecure-registry", s.sim.host});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(has(r.err, "devk8s: error: context \"nosuch\" does not exist\n"));
  r = s.kubectl({"devk8s", "--context", "nosuch", "doctor", "--insecure-registry", s.sim.host});
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "devk8s: error: context \"nosuch\" does not exist\n"));

  // Every command that talks to the cluster takes them: smoke's namespace, retag's context.
  r = s.kubectl({"devk8s", "-n", "smoke-by-plugin", "smoke", "--dry-run"});
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "1. create namespace smoke-by-plugin\n"));
  r = s.kubectl({"devk8s", "--context", "nosuch", "retag", "storage-provisioner", "--dry-run", "--insecure-registry",
                 s.sim.host});
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "context \"nosuch\" does not exist"));

  // A cluster flag for a command that reads no cluster is refused, not ignored.
  r = s.kubectl({"devk8s", "--context", "minikube", "preflight"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "devk8s: error: --context does not apply to \"kubectl devk8s preflight\": it talks to no cluster\n"));
  r = s.kubectl({"devk8s", "-n", "kube-system", "retag", "storage-provisioner"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "devk8s: error: --namespace does not apply to \"kubectl devk8s retag\": it reads no namespace\n"));
}
