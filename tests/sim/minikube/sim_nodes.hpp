// The profile's nodes as the simulation keeps them (state.nodes: [{name, ip, control_plane,
// images}], the control plane first) and minikube's names for them: the machine name
// (config.MachineName, kubernetes/minikube v1.20.0 pkg/minikube/config/profile.go) is the
// profile name for the control plane and "<profile>-m02", "-m03"... for the others, whose
// config names are "m02", "m03" (node.Name, pkg/minikube/node/node.go). A state written before
// nodes existed (state.node.images) is read as one control-plane node (SimState migrates it).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace devk8s::sim {

/// The machine names of the profile's nodes, control plane first.
std::vector<std::string> machine_names(const nlohmann::json& state);

/// The node `name` designates as `minikube ssh -n` reads it (node.Retrieve, v1.20.0: the config
/// name, e.g. "m02", or the machine name, e.g. "minikube-m02"); nullopt when none matches.
std::optional<std::string> resolve_node(const nlohmann::json& state, const std::string& name);

/// The image store of machine `node` (created empty when missing).
nlohmann::json& node_images(nlohmann::json& state, const std::string& node);

/// A node entry for index `i` (0 = control plane): machine name, IP 192.168.49.(2+i), no images.
nlohmann::json new_node(const std::string& profile, size_t i);

/// The control plane's machine name ("minikube").
std::string control_plane(const nlohmann::json& state);

/// The profile's container runtime: "docker", "containerd" or "crio".
std::string runtime_of(const nlohmann::json& state);

} // namespace devk8s::sim
