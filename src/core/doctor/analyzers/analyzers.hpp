// The doctor's analyzers: each reads the Facts and appends Findings, linking a symptom to what
// explains it through Finding::causes. They run in order (analyze() below), so an analyzer may
// name as causes the findings of those before it: containers and nodes first, then images, the
// claims that wait on a provisioner's pods, the pods the scheduler could not place, then the
// minikube addons that are not Ready (naming their pods' findings) and the tools' versions.
// One file each; pure.
#pragma once

#include "core/doctor/facts.hpp"
#include "core/finding/finding.hpp"

#include <vector>

namespace devk8s::core::doctor {

using finding::Finding;

void analyze_nodes(const Facts& facts, std::vector<Finding>& findings);
void analyze_containers(const Facts& facts, std::vector<Finding>& findings);
void analyze_image_pulls(const Facts& facts, std::vector<Finding>& findings);
void analyze_claims(const Facts& facts, std::vector<Finding>& findings);
void analyze_pending_pods(const Facts& facts, std::vector<Finding>& findings);
void analyze_addons(const Facts& facts, std::vector<Finding>& findings);
void analyze_versions(const Facts& facts, std::vector<Finding>& findings);

/// One analyzer's run, for a report with one test case per check (JUnit): the findings it
/// added are findings[first, first + count). `skipped` says why it could not run (its facts
/// were not gathered: minikube or kubectl absent, a list unreadable); "" when it ran.
struct Check {
  std::string name; ///< "image pulls"
  std::size_t first = 0;
  std::size_t count = 0;
  std::string skipped;
};

struct Analysis {
  std::vector<Finding> findings;
  std::vector<Check> checks;
};

/// Every analyzer, in order.
Analysis analyze_all(const Facts& facts);
std::vector<Finding> analyze(const Facts& facts);

/// The refs of the failing findings about `subject` (what an analyzer names as a cause).
std::vector<finding::FindingRef> failures_about(const std::vector<Finding>& findings, const finding::Subject& subject);

/// The latest event about the object whose reason is `reason` (and, when not empty, whose
/// message starts with `prefix`), or nullptr.
const kube::objects::Event* latest_event(const kube::objects::Snapshot& snapshot, const std::string& kind,
                                         const std::string& ns, const std::string& name, const std::string& reason,
                                         const std::string& prefix = {});

} // namespace devk8s::core::doctor
