#include "sim_state.hpp"

#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>

namespace devk8s::sim {

SimState::SimState(std::filesystem::path dir) : m_dir(std::move(dir))
{
  std::filesystem::create_directories(m_dir);
  m_lock_fd = ::open((m_dir / "state.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (m_lock_fd < 0 || ::flock(m_lock_fd, LOCK_EX) != 0) {
    throw std::runtime_error("cannot lock " + (m_dir / "state.lock").string());
  }
  std::ifstream in(m_dir / "state.json");
  m_doc = in ? nlohmann::json::parse(in) : nlohmann::json::object();
  migrate_single_node(m_doc);
}

void migrate_single_node(nlohmann::json& doc)
{
  // Before per-node stores (multi-node), the one node's images were state.node.images.
  if (doc.contains("node") && !doc.contains("nodes")) {
    doc["nodes"] = nlohmann::json::array({{{"name", "minikube"}, {"ip", "192.168.49.2"}, {"control_plane", true},
                                           {"images", doc["node"].value("images", nlohmann::json::array())}}});
    doc.erase("node");
  }
}

SimState::~SimState()
{
  if (m_lock_fd >= 0) {
    ::close(m_lock_fd);
  }
}

void SimState::save() const
{
  const auto tmp = m_dir / "state.json.tmp";
  {
    std::ofstream out(tmp);
    out << m_doc.dump(1);
  }
  std::filesystem::rename(tmp, m_dir / "state.json");
}

std::filesystem::path state_dir_from_env()
{
  const char* dir = std::getenv("DEVK8S_SIM_STATE");
  if (dir == nullptr || *dir == '\0') {
    throw std::runtime_error("DEVK8S_SIM_STATE is not set: it names the simulation's state directory");
  }
  return dir;
}

} // namespace devk8s::sim
