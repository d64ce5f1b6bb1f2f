// A node's bash as `minikube ssh [-n NODE] -- CMD` reaches it: the joined command line is split
// like bash would and each command run against that node's image store. Understood: docker
// pull|tag|images [--no-trunc] [--format F]|inspect|image inspect (docker profiles; elsewhere
// the CLI finds no daemon), [sudo] crictl pull|images [--output json], sudo ctr -n=k8s.io images
// tag|ls (containerd), sudo podman pull|tag (cri-o). Anything else is `command not found`
// (exit 127), as for a program the node does not have. Output texts: Docker 20.10 CLI, crictl
// v1.20.0 and ctr as their sources print them (seed-case.md shows docker pull's); pull errors
// per runtime in pull_errors.hpp.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace devk8s::sim {

/// Runs `line` in machine `node`; `output` gets stdout and stderr interleaved, as through a PTY.
int run_in_node(nlohmann::json& state, const std::string& node, const std::string& line, std::string& output);

} // namespace devk8s::sim
