// The simulation's shared state (STATE_DIR/state.json) as the `minikube` double reads and writes
// it: the whole document under an exclusive flock on STATE_DIR/state.lock, exactly as the
// simulated API server (tests/sim/apiserver/sim_state.py) does. Schema: tests/sim/README.md.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>

namespace devk8s::sim {

class SimState {
public:
  /// Locks and reads STATE_DIR/state.json; a directory without one starts from `{}`.
  explicit SimState(std::filesystem::path dir);
  ~SimState();
  SimState(const SimState&) = delete;
  SimState& operator=(const SimState&) = delete;

  nlohmann::json& doc() { return m_doc; }
  /// Writes the document back (atomically, by rename); the lock is held until destruction.
  void save() const;

private:
  std::filesystem::path m_dir;
  int m_lock_fd = -1;
  nlohmann::json m_doc;
};

/// A state written with one image store (state.node.images) becomes one control-plane node
/// (state.nodes); tests/sim/apiserver/sim_state.py does the same.
void migrate_single_node(nlohmann::json& doc);

/// The state directory from DEVK8S_SIM_STATE; throws when it is unset.
std::filesystem::path state_dir_from_env();

} // namespace devk8s::sim
