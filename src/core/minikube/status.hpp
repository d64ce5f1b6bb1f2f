// `minikube status -o json` and its exit code (cmd/minikube/cmd/status.go; the Status struct is
// the same in v1.20.0 and v1.38.1): one node prints an object, several an array
// (../shared/reference/minikube.md §5).
#pragma once

#include "util/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace devk8s::core::minikube {

struct NodeStatus {
  std::string name;
  std::string host;       ///< "Running", "Stopped", "Nonexistent", ...
  std::string kubelet;
  std::string apiserver;  ///< "Irrelevant" on a worker
  std::string kubeconfig; ///< "Configured", "Misconfigured", "Irrelevant", ...
  bool worker = false;
  std::string time_to_stop; ///< only with a scheduled stop
};

/// Always a list: one element for the object form.
util::Result<std::vector<NodeStatus>> parse_status_json(std::string_view json);

/// The exit code's bits: 1 host, 2 kubelet/apiserver, 4 kubeconfig not as expected.
struct StatusExit {
  bool host_not_running = false;
  bool cluster_not_running = false;
  bool kubeconfig_not_configured = false;
  bool ok() const { return !host_not_running && !cluster_not_running && !kubeconfig_not_configured; }
};

/// 0–7 decode; anything else (a profile that does not exist, a usage error) is an Error.
util::Result<StatusExit> decode_status_exit(int code);

} // namespace devk8s::core::minikube
