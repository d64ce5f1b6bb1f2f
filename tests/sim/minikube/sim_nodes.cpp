#include "sim_nodes.hpp"

#include <cstdio>

namespace devk8s::sim {

using nlohmann::json;

std::vector<std::string> machine_names(const json& state)
{
  std::vector<std::string> names;
  for (const auto& n : state.value("nodes", json::array())) {
    names.push_back(n.value("name", ""));
  }
  return names;
}

std::optional<std::string> resolve_node(const json& state, const std::string& name)
{
  const auto names = machine_names(state);
  for (size_t i = 0; i < names.size(); ++i) {
    // The control plane's config name is "" (start_flags.go), so only its machine name finds it.
    const std::string config_name = i == 0 ? "" : names[i].substr(names[i].rfind('-') + 1);
    if (name == names[i] || (!config_name.empty() && name == config_name)) {
      return names[i];
    }
  }
  return std::nullopt;
}

json& node_images(json& state, const std::string& node)
{
  for (auto& n : state["nodes"]) {
    if (n.value("name", "") == node) {
      if (!n.contains("images")) {
        n["images"] = json::array();
      }
      return n["images"];
    }
  }
  throw std::runtime_error("the simulation has no node " + node);
}

json new_node(const std::string& profile, size_t i)
{
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "-m%02zu", i + 1);
  return {{"name", i == 0 ? profile : profile + suffix},
          {"ip", "192.168.49." + std::to_string(2 + i)},
          {"control_plane", i == 0},
          {"images", json::array()}};
}

std::string control_plane(const json& state)
{
  const auto names = machine_names(state);
  return names.empty() ? "minikube" : names.front();
}

std::string runtime_of(const json& state)
{
  const json p = state.value("minikube", json::object()).value("profile", json());
  const std::string runtime = p.is_object() ? p.value("container_runtime", "docker") : "docker";
  return runtime == "cri-o" ? "crio" : runtime;
}

} // namespace devk8s::sim
