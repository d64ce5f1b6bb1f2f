// Findings ordered into chains, symptom first and root cause last, as the doctor reports them:
// "Pod web-0 Pending ← PVC data-web-0 Pending ← storage-provisioner ImagePullBackOff ← the mirror
// has no k8s-minikube/storage-provisioner". Pure, over Finding::causes.
#pragma once

#include "core/finding/finding.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace devk8s::core::finding {

/// Indices into the findings, from a symptom to a root cause.
using Chain = std::vector<std::size_t>;

/// The index of the finding `ref` names, if any (the first when several share it).
std::optional<std::size_t> find(const std::vector<Finding>& findings, const FindingRef& ref);

/// Every path from a symptom (a finding no other finding names as a cause) down its causes to a
/// root cause (a finding with no cause present), one Chain each, in input order: symptoms as
/// listed, causes in the order each finding names them. A finding neither caused nor causing is
/// a chain of one, so every finding is in some chain. Causes naming a finding that is not in
/// `findings` are skipped. A cycle is cut where a finding would repeat within a chain; findings
/// only reachable around a cycle start their own chain at the first of them listed.
std::vector<Chain> chains(const std::vector<Finding>& findings);

/// The chains that end at one root cause: one problem to report, however many symptoms lead to
/// it (the seed's two Pending redis pods, each behind its own claim, share one provisioner and
/// one image). `shared` is how many findings at the end every chain has in common (at least 1:
/// the root), so a report can print each chain's own part, then the common part once.
struct Problem {
  std::size_t root = 0;
  std::vector<Chain> chains;
  std::size_t shared = 1;
};

/// `chains` grouped by their last finding, in the order each root is first reached.
std::vector<Problem> problems(const std::vector<Chain>& chains);

} // namespace devk8s::core::finding
