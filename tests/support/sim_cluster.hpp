// The simulation of issue #5 for end-to-end tests: a real local registry (local_registry.hpp),
// the simulated API server (tests/sim/apiserver/sim_apiserver.py) on a scenario, and helpers
// that run the simulated `minikube` and a real kubectl (Debian's 1.20.2 unpacked by CMake, or
// the system's) against them. Everything is stopped by PID when the object goes.
#pragma once

#include "support/background_process.hpp"
#include "support/local_registry.hpp"
#include "support/run_devk8s.hpp"
#include "support/temp_dir.hpp"

#include "adapters/process/boost_process_runner.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

namespace devk8s::test {

/// The seed case's `minikube start` (seed-case.md) as the simulated minikube takes it: NumCPU
/// ignored and forced on one CPU, 1 GB, the cn mirror.
inline const std::vector<std::string> k_seed_start = {"start", "--extra-config=kubeadm.ignore-preflight-errors=NumCPU",
                                                      "--force", "--cpus", "1", "--memory=1024mb",
                                                      "--image-mirror-country=cn"};

inline std::string kubectl_120() { return DEVK8S_KUBECTL_120; }
/// The newer kubectl installed on the machine (this project's machines have 1.32 as /usr/bin/kubectl;
/// it is not a Debian package, so a fresh machine may lack it): the first on PATH, or empty.
inline std::string kubectl_system()
{
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "";
  for (size_t start = 0; start <= dirs.size();) {
    const auto end = std::min(dirs.find(':', start), dirs.size());
    const auto candidate = std::filesystem::path(dirs.substr(start, end - start)) / "kubectl";
    if (end > start && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
    start = end + 1;
  }
  return {};
}

/// kubectl 1.20.2, and the system's when there is one.
inline std::vector<std::string> kubectl_clients()
{
  std::vector<std::string> clients = {kubectl_120()};
  if (auto system = kubectl_system(); !system.empty()) {
    clients.push_back(system);
  }
  return clients;
}

class SimCluster {
public:
  /// Writes the state from tests/sim/scenarios/<scenario>.json; serves it unless `serve` is
  /// false; `clock` fixes the simulation's clock (RFC 3339) for deterministic output.
  explicit SimCluster(const std::string& scenario, bool serve = true, const std::string& clock = {})
  {
    bypass_proxies_for_loopback();
    std::vector<std::string> argv = {"/usr/bin/python3", source_path("tests/sim/apiserver/sim_apiserver.py"),
                                     "--state", state_dir(), "--scenario",
                                     source_path("tests/sim/scenarios/" + scenario + ".json"), "--registry",
                                     shared_registry(Flavour::plain).host(), "--log", requests_log()};
    if (!clock.empty()) {
      argv.insert(argv.end(), {"--clock", clock});
    }
    if (!serve) {
      argv.push_back("--init-only");
      run_checked(argv);
      return;
    }
    m_server = std::make_unique<BackgroundProcess>(argv, std::chrono::seconds(60));
    m_info = nlohmann::json::parse(m_server->announcement());
  }

  std::string state_dir() const { return m_dir.path().string() + "/state"; }
  std::string server() const { return m_info.at("server").get<std::string>(); }
  std::string kubeconfig() const { return state_dir() + "/kubeconfig"; }
  /// The server's log: "METHOD path" per request, "SNI name" per TLS server name a client sent.
  std::string requests_log() const { return m_dir.path().string() + "/requests.log"; }
  /// Sets state.settings.faults (tests/sim/README.md, "Fault modes") while the server runs.
  void set_faults(const nlohmann::json& faults) const
  {
    auto doc = state();
    doc["settings"]["faults"] = faults;
    write_state(doc);
  }
  /// ${cn} of the scenarios: the local registry standing for the Aliyun mirror.
  std::string mirror() const { return shared_registry(Flavour::plain).host() + "/google_containers"; }

  nlohmann::json state() const
  {
    std::ifstream in(state_dir() + "/state.json");
    return nlohmann::json::parse(in);
  }
  /// Replaces state.json by rename, as both doubles write it (the server notices the new file).
  void write_state(const nlohmann::json& doc) const
  {
    {
      std::ofstream out(state_dir() + "/state.json.tmp");
      out << doc.dump(1);
    }
    std::filesystem::rename(state_dir() + "/state.json.tmp", state_dir() + "/state.json");
  }

  ports::ProcessResult minikube(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) const
  {
    std::vector<std::string> argv = {std::string(DEVK8S_SIM_BIN_DIR) + "/minikube"};
    argv.insert(argv.end(), args.begin(), args.end());
    env["DEVK8S_SIM_STATE"] = state_dir();
    return run(argv, env);
  }

  ports::ProcessResult kubectl(const std::string& binary, const std::vector<std::string>& args) const
  {
    std::vector<std::string> argv = {binary};
    argv.insert(argv.end(), args.begin(), args.end());
    // A private HOME keeps kubectl's discovery cache out of the developer's.
    return run(argv, {{"KUBECONFIG", kubeconfig()}, {"HOME", m_dir.path().string() + "/home"}});
  }

  /// Any program, with the simulation's bin directory first on PATH.
  static ports::ProcessResult run(const std::vector<std::string>& argv, std::map<std::string, std::string> env)
  {
    ports::Command command;
    env["PATH"] = std::string(DEVK8S_SIM_BIN_DIR) + ":" + std::getenv("PATH");
    // Long names such as DEVK8S_SIM_MINIKUBE_VERSION once over-read in Boost 1.74's environment
    // find(); the runner now avoids it, and these runs keep that covered under ASan.
    command.argv = argv;
    command.env = std::move(env);
    command.timeout = std::chrono::seconds(60);
    adapters::BoostProcessRunner runner;
    auto result = runner.run(command);
    if (!result) {
      throw std::runtime_error("cannot run " + argv[0] + ": " + result.error().message);
    }
    return *result;
  }
private:
  static void run_checked(const std::vector<std::string>& argv)
  {
    auto r = run(argv, {});
    if (r.exit_code != 0) {
      throw std::runtime_error(argv[1] + " failed: " + r.err);
    }
  }

  TempDir m_dir;
  std::unique_ptr<BackgroundProcess> m_server;
  nlohmann::json m_info;
};

} // namespace devk8s::test
