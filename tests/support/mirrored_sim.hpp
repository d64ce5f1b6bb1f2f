// A simulated cluster (SimCluster) with a mirror map named "local" whose mirror is the shared
// loopback registry, and the real devk8s binary run against both: what the doctor's and smoke's
// end-to-end tests start from.
#pragma once

#include "support/run_devk8s.hpp"
#include "support/sim_cluster.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace devk8s::test {

/// stdout of a program that must succeed (a parser the tests read output back with).
inline std::string output_of(const std::vector<std::string>& argv)
{
  ports::Command command;
  command.argv = argv;
  command.timeout = std::chrono::seconds(30);
  adapters::BoostProcessRunner runner;
  auto result = runner.run(command);
  REQUIRE(result);
  INFO(result->err);
  REQUIRE(result->exit_code == 0);
  return result->out;
}

inline void replace_all(std::string& text, const std::string& from, const std::string& to)
{
  for (auto at = text.find(from); !from.empty() && at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

struct MirroredSim {
  /// `clock`: the instant the simulation runs at (empty: now), so golden reports do not move.
  /// `docker_hub`: the map also sends Docker Hub's images to the registry (smoke's busybox).
  explicit MirroredSim(const std::string& scenario, const std::string& clock = {}, bool docker_hub = false)
    : sim(scenario, true, clock)
  {
    host = shared_registry(Flavour::plain).host();
    const auto cn = host + "/google_containers";
    config.write("devk8s/mirrors/local.yaml",
                 "name: local\nminikube:\n  image-repository: " + cn + "\nrules:\n  - flatten: gcr.io/k8s-minikube\n"
                 "    to: " + cn + "\n  - flatten: k8s.gcr.io\n    to: " + cn + "\n" +
                     (docker_hub ? "  - prefix: docker.io\n    to: " + host + "\n" : std::string()));
  }

  /// The environment devk8s runs in: the simulated minikube and `kubectl` (by default 1.20, the
  /// cluster's minor, so no version skew is reported) first on PATH; its own config and home.
  std::map<std::string, std::string> env(const std::string& kubeconfig = {}, const std::string& kubectl = {}) const
  {
    const std::string kubectl_dir =
        std::filesystem::path(kubectl.empty() ? kubectl_120() : kubectl).parent_path().string();
    return {{"PATH", std::string(DEVK8S_SIM_BIN_DIR) + ":" + kubectl_dir + ":" + std::getenv("PATH")},
            {"DEVK8S_SIM_STATE", sim.state_dir()},
            {"KUBECONFIG", kubeconfig.empty() ? sim.kubeconfig() : kubeconfig},
            {"XDG_CONFIG_HOME", config.path().string()},
            {"HOME", config.path().string()}};
  }

  /// devk8s `args`, trusting the loopback registry's plain HTTP.
  ports::ProcessResult run(std::vector<std::string> args, const std::string& stdin_data = {}) const
  {
    args.insert(args.end(), {"--insecure-registry", host});
    return run_devk8s(args, stdin_data, env());
  }

  /// The same with another kubeconfig than the simulation's.
  ports::ProcessResult run_with_kubeconfig(std::vector<std::string> args, const std::string& kubeconfig) const
  {
    args.insert(args.end(), {"--insecure-registry", host});
    return run_devk8s(args, {}, env(kubeconfig));
  }

  /// The sim's kubeconfig with `from` replaced by `to`, written beside the config as `name`.
  std::string kubeconfig_with(const std::string& name, const std::string& from, const std::string& to) const
  {
    std::string text = read_file(sim.kubeconfig());
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    const std::string path = config.path().string() + "/" + name;
    std::ofstream(path) << text;
    return path;
  }

  /// Text with what changes from run to run (ports, temporary directories) named instead.
  std::string normalized(std::string text) const
  {
    replace_all(text, sim.server(), "${SERVER}");
    replace_all(text, host, "${REGISTRY}");
    replace_all(text, config.path().string(), "${CONFIG}");
    return text;
  }

  std::size_t pods() const { return sim.state()["cluster"]["pods"].size(); }

  SimCluster sim;
  TempDir config;
  std::string host;
};

} // namespace devk8s::test
