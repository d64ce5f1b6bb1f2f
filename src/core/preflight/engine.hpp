// The preflight engine: runs every rule family on one HostFacts snapshot and a request, in a
// fixed order, and plans the minikube command. Pure: the CLI gathers the facts, renders the report.
#pragma once

#include "core/finding/finding.hpp"
#include "core/preflight/host_facts.hpp"
#include "core/preflight/minikube_flags.hpp"
#include "core/preflight/start_request.hpp"

#include <vector>

namespace devk8s::core::preflight {

// Preflight's verdicts are the shared Finding, about host facts.
using finding::Finding;
using finding::Severity;

struct PreflightReport {
  std::vector<Finding> findings;
  MinikubeCommand command;
  Severity overall = Severity::ok;
  int count(Severity severity) const;
};

PreflightReport run_preflight(const HostFacts& facts, const StartRequest& request);

} // namespace devk8s::core::preflight
