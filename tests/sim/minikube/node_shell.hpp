// The node's bash as `minikube ssh -- CMD` reaches it: the joined command line is split like
// bash would and each command run against the node's image store. Understood: docker
// pull|tag|images|inspect|image inspect, [sudo] crictl pull|images, sudo ctr -n=k8s.io images
// tag|ls, sudo podman tag. Anything else is `command not found` (exit 127), as for a program
// the node does not have. Output texts: Docker 20.10 CLI, crictl and ctr as their own help and
// sources print them (seed-case.md shows docker pull's).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace devk8s::sim {

/// Runs `line` in the node; `output` gets stdout and stderr interleaved, as through a PTY.
int run_in_node(nlohmann::json& state, const std::string& line, std::string& output);

} // namespace devk8s::sim
