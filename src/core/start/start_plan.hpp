// `devk8s start`'s decisions, as data: what stops it before minikube runs, the minikube command
// it runs, which addons it repairs after, and the steps that prove the cluster works. Pure: the
// preflight report and the image verdict come in as values; app/start runs the plans.
#pragma once

#include "core/finding/finding.hpp"
#include "core/minikube/container_runtime.hpp"
#include "core/plan/plan.hpp"
#include "core/start/image_table.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace devk8s::core::start {

/// Preflight failures no flag gets past (a forceable one is in the planned command's --force),
/// but for the tools: start offers to install those (`tool.minikube`, `tool.kubectl`).
std::vector<finding::Finding> preflight_blockers(const std::vector<finding::Finding>& findings);

/// minikube's start flags as the argv will carry them: the planned command's, then --addons,
/// then the user's own after `--` (last, so minikube's last-wins parsing lets them override).
std::vector<std::string> start_argv(const std::vector<std::string>& planned, const std::vector<std::string>& addons,
                                    const std::vector<std::string>& extra);

/// What the argv asks minikube for, as start.go reads its flags: `--flag=value` or `--flag value`,
/// the last one winning. nullopt when the flag is absent.
std::optional<std::string> flag_value(const std::vector<std::string>& argv, const std::string& flag);

/// Every value the flag is given in the argv, in order (`--addons` may repeat).
std::vector<std::string> flag_values(const std::vector<std::string>& argv, const std::string& flag);

/// The addons whose images start repairs once the cluster is up (devk8s retag's analysis:
/// a retag on the nodes, or `addons enable --images/--registries` where the release keeps it),
/// in table order, each once.
std::vector<std::string> addons_to_repair(const ImageVerdict& verdict);

struct VerifyOptions {
  std::string claim_namespace = "default";
  std::string claim_name = "devk8s-start-storage-check";
  std::chrono::milliseconds timeout{300000}; ///< each wait
  std::chrono::milliseconds interval{2000};
};

/// kube-system's pods all Ready; then a claim of the default class (no storageClassName) is
/// created, waited for until Bound, deleted and waited for until gone.
plan::Plan verify_plan(const VerifyOptions& options);

/// The claim's delete alone: what start runs when the verify plan stopped after creating it.
plan::Plan cleanup_plan(const VerifyOptions& options);

} // namespace devk8s::core::start
