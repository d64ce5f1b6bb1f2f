// From intent to argv: the exact `minikube start` command devk8s would run for a request on
// this host, each flag with its reason. Pure; `devk8s start` runs exactly this argv.
#pragma once

#include "core/finding/finding.hpp"
#include "core/preflight/host_facts.hpp"
#include "core/preflight/start_request.hpp"

#include <string>
#include <vector>

namespace devk8s::core::preflight {

using finding::Finding;

struct PlannedFlag {
  std::string flag;   ///< "--cpus=1"
  std::string reason;
};

struct MinikubeCommand {
  std::vector<PlannedFlag> flags;
  /// {"minikube", "start", flags...}
  std::vector<std::string> argv() const;
};

/// `findings` are the rules' verdicts on the same facts and request: a forceable failure
/// (minikube's exitIfNotForced) makes the plan carry --force, naming every one it gets past.
MinikubeCommand plan_minikube_start(const HostFacts& facts, const StartRequest& request,
                                    const std::vector<Finding>& findings);

} // namespace devk8s::core::preflight
