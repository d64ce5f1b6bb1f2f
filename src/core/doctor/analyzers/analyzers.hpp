// The doctor's analyzers: each reads the Facts and appends Findings, linking a symptom to what
// explains it through Finding::causes. They run in order (analyze() below), so an analyzer may
// name as causes the findings of those before it: containers and nodes first, then images, the
// claims that wait on a provisioner's pods, and last the pods the scheduler could not place.
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

/// Every analyzer, in order.
std::vector<Finding> analyze(const Facts& facts);

/// The refs of the failing findings about `subject` (what an analyzer names as a cause).
std::vector<finding::FindingRef> failures_about(const std::vector<Finding>& findings, const finding::Subject& subject);

/// The latest event about the object whose reason is `reason` (and, when not empty, whose
/// message starts with `prefix`), or nullptr.
const kube::objects::Event* latest_event(const kube::objects::Snapshot& snapshot, const std::string& kind,
                                         const std::string& ns, const std::string& name, const std::string& reason,
                                         const std::string& prefix = {});

} // namespace devk8s::core::doctor
